import Executor
import Foundation
import Plan
import Testing

/// The journal's lines on disk, and reading them back for `--resume`.
struct JournalTests {
    private func temporaryPath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgeplan-journal-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("journal.jsonl").path
    }

    private let schedule = ExecutionSchedule(
        plan: HandPlan.make([("u1", [("pre-migration", 1, 1), ("migration", 3, 1)]), ("u2", [("handover", 2, 1)])]))

    private func finished(_ position: Int, _ outcome: JournalRecord.Outcome) -> JournalRecord {
        var record = JournalRecord(event: .finished, schedule.actions[position])
        record.outcome = outcome
        return record
    }

    /// Only `finished` lines that succeeded count as done; a torn last line (a crash mid-write) is
    /// ended before new lines are appended, then skipped and reported when read.
    @Test func writeTearAppendAndRead() throws {
        let path = try temporaryPath()
        var run = JournalRecord(event: .runStarted)
        run.start = "2026-01-01T09:00:00.000Z"
        run.speed = 50
        let writer = try JournalWriter(path: path)
        try writer.append(run)
        try writer.append(finished(0, .succeeded))
        try writer.append(finished(1, .interrupted))
        var started = JournalRecord(event: .started, schedule.actions[2])
        started.pid = 42
        try writer.append(started)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"event":"fini"#.utf8))
        try handle.close()
        try JournalWriter(path: path).append(finished(2, .succeeded))

        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines[1].hasPrefix(#"{"action":0,"decision":0,"event":"finished","outcome":"succeeded""#))
        let contents = try JournalContents.read(path)
        #expect(contents.malformedLines == [5])
        #expect(contents.lastRun?.speed == 50)
        // Positions are in time order: 0 is u1's pre-migration, 2 its migration (key 0.1).
        let done = [ActionKey(decision: 0, action: 0), ActionKey(decision: 0, action: 1)]
        #expect(contents.succeeded.compactMap(\.key) == done)
        #expect(try schedule.matching(contents.succeeded).get() == Set(done))
    }

    /// A journal of another plan is refused rather than used to skip the wrong actions.
    @Test func journalOfAnotherPlan() throws {
        var wrongUser = finished(0, .succeeded)
        wrongUser.user = "u9"
        var missing = finished(0, .succeeded)
        missing.decision = 7
        var moved = finished(0, .succeeded)
        moved.plannedAt = 1.5
        for record in [wrongUser, missing, moved] {
            guard case .failure(let error) = schedule.matching([record]) else {
                Issue.record("accepted \(record)")
                continue
            }
            #expect(error.description.contains(record == missing ? "which this plan does not have" : "another plan"))
        }
    }

    @Test func unreadableJournal() {
        #expect(throws: JournalError.self) { try JournalContents.read("/nonexistent/journal.jsonl") }
        #expect(throws: JournalError.self) { try JournalWriter(path: "/nonexistent/journal.jsonl") }
    }

    @Test func startTimes() {
        #expect(StartTime(argument: "2026-01-01T09:00:00Z") == .at(Date(timeIntervalSince1970: 1_767_258_000)))
        #expect(StartTime(argument: "2026-01-01t10:00:00.5+01:00") == .at(Date(timeIntervalSince1970: 1_767_258_000.5)))
        #expect(StartTime(argument: "now") == .now)
        #expect(StartTime(argument: "epoch") == .epoch)
        for bad in ["2026-01-01T09:00:00", "2026-01-01", "yesterday", "1767258000", ""] {
            #expect(StartTime(argument: bad) == nil, "\(bad)")
        }
        let epochStart = StartTime.epoch.resolve(now: Date(), origin: 30, epoch: "2026-01-01T09:00:00.000Z")
        #expect((try? epochStart.get()) == Date(timeIntervalSince1970: 1_767_258_030))
        #expect((try? StartTime.epoch.resolve(now: Date(), origin: 0, epoch: nil).get()) == nil)
    }
}
