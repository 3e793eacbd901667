import Foundation
import Plan
import Testing

/// `edgeplan execute` end to end, running real hook scripts. Serialized: the timing checks should
/// not compete with each other for the two cores.
@Suite(.serialized)
struct ExecuteCommandTests {
    /// How late a recorded start may be: the executor's wake-up plus `sh` and `date` starting, on a
    /// machine busy with the rest of the suite. Nothing may start early (beyond `date`'s rounding).
    static let lateTolerance = 0.5
    static let earlyTolerance = 0.005

    static func allHooks(_ arguments: String) -> [String] {
        ["pre-migration", "migration", "handover"].flatMap { ["--on", "\($0)=./record \(arguments)"] }
    }

    /// The testbed plan (24 actions over 55–356 s) at speed 200 from a start 1 s ahead: every
    /// action runs, each user's in plan order, each at start + at / 200 (within the tolerance),
    /// and the journal has a started and a finished line per action.
    @Test func runsTheTestbedPlanOnTime() throws {
        let fixture = try ExecuteFixture()
        defer { fixture.remove() }
        let root = EdgePlanRunner.packageRoot.path
        let planned = try fixture.run([
            "plan", "\(root)/Examples/ngo2020-testbed", "\(root)/Models/ngo2020.yaml", "--to", "300", "-o", "plan.json",
        ])
        #expect(planned.status == 0, "\(planned.stderr)")
        let plan = try Plan.decode(Data(contentsOf: URL(fileURLWithPath: fixture.path("plan.json"))))
        let start = Date().addingTimeInterval(1)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let output = try fixture.run(
            [
                "execute", "plan.json", "--speed", "200", "--start", formatter.string(from: start), "--journal",
                "journal.jsonl",
            ]
                + Self.allHooks("{user} {at}"))
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("done: 24 succeeded, 0 failed, 0 skipped; exit status 0"))

        // Every action ran once, at its time. (Order is checked on the journal below: two actions
        // 2.6 ms apart may have their `date` run in either order.)
        let records = fixture.records
        #expect(records.count == plan.timeline.count)
        #expect(
            Set(records.map { "\($0.user) \($0.type)@\($0.arguments[1])" }).count == plan.timeline.count)
        for record in records {
            let at = try #require(Double(record.arguments[1]))
            let offset = record.time - (start.timeIntervalSince1970 + at / 200)
            #expect(
                offset > -Self.earlyTolerance && offset < Self.lateTolerance, "\(record.user) \(record.type) \(offset)")
        }

        let journal = try fixture.journal()
        #expect(journal.first?["event"] as? String == "run-started")
        #expect(journal.last?["event"] as? String == "run-finished")
        #expect(journal.last?["status"] as? Int == 0)
        let started = journal.filter { $0["event"] as? String == "started" }
        let finished = journal.filter { $0["event"] as? String == "finished" }
        #expect(started.count == 24 && finished.count == 24)
        // Each user's actions started in plan order; the journal's lines are in start order.
        for user in Set(plan.timeline.map(\.user)) {
            // To the microsecond: JSONSerialization reads some doubles a few ulps off.
            let expected = plan.timeline.filter { $0.user == user }.map {
                "\($0.action.type)@\(String(format: "%.6f", $0.action.at))"
            }
            let ran = started.filter { $0["user"] as? String == user }.map {
                "\($0["type"] as? String ?? "")@\(String(format: "%.6f", $0["plannedAt"] as? Double ?? .nan))"
            }
            #expect(ran == expected, "\(user)")
        }
        for line in finished {
            for field in [
                "decision", "action", "user", "type", "plannedAt", "planned", "started", "ended", "exitStatus",
            ] {
                #expect(line[field] != nil, "\(field)")
            }
            #expect(line["outcome"] as? String == "succeeded")
            #expect((line["lateSeconds"] as? Double ?? 1) < Self.lateTolerance)
        }
    }

    /// Placeholders and variables per action type, `{user}` = `a; rm -rf x` staying one argument
    /// (and removing nothing), and the safe way through a shell: the variable, quoted.
    @Test func placeholdersEnvironmentAndInjection() throws {
        let fixture = try ExecuteFixture()
        defer { fixture.remove() }
        let user = "a; rm -rf x"
        try fixture.writePlan("plan.json", [(user, [("migration", 1), ("handover", 2)])])
        try FileManager.default.createDirectory(atPath: fixture.path("x"), withIntermediateDirectories: true)
        try fixture.script(
            "show",
            #"for a in "$@"; do printf '<%s>\n' "$a"; done > "$(dirname "$0")/args-$EDGEPLAN_ACTION.txt""# + "\n"
                + #"env | grep '^EDGEPLAN_' | sort > "$(dirname "$0")/env-$EDGEPLAN_ACTION.txt""#)
        let output = try fixture.run([
            "execute", "plan.json", "--speed", "1000",
            "--on", "migration=./show {user} {app} {source} {target} {fromBS} {toBS} {bytes} {at} pre-{user}-post",
            "--on", #"handover=sh -c 'printf "%s|%s\n" "$EDGEPLAN_USER" "$EDGEPLAN_TO_BS" > via-shell.txt'"#,
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let arguments = try String(contentsOfFile: fixture.path("args-migration.txt"), encoding: .utf8)
        #expect(
            arguments == "<a; rm -rf x>\n<openface>\n<edge1>\n<edge2>\n<>\n<>\n<7940000>\n<1>\n<pre-a; rm -rf x-post>\n"
        )
        let environment = try String(contentsOfFile: fixture.path("env-migration.txt"), encoding: .utf8)
        #expect(
            environment
                == """
                EDGEPLAN_ACTION=migration
                EDGEPLAN_APP=openface
                EDGEPLAN_AT=1
                EDGEPLAN_BYTES=7940000
                EDGEPLAN_FROM_BS=
                EDGEPLAN_SOURCE=edge1
                EDGEPLAN_TARGET=edge2
                EDGEPLAN_TO_BS=
                EDGEPLAN_USER=a; rm -rf x

                """)
        #expect(try String(contentsOfFile: fixture.path("via-shell.txt"), encoding: .utf8) == "a; rm -rf x|ap2\n")
        #expect(FileManager.default.fileExists(atPath: fixture.path("x")))
    }

    /// A failing command (exit 3, a message on stderr) under `--on-failure stop` and `continue`.
    @Test func failureStopsOrContinues() throws {
        let fixture = try ExecuteFixture()
        defer { fixture.remove() }
        // At speed 20: u1 at 0.05 and 0.6 s, u2 at 0.5 s, so u1 has long failed when u2 is due.
        try fixture.writePlan(
            "plan.json", [("u1", [("migration", 1), ("handover", 12)]), ("u2", [("migration", 10)])])
        let failing = ["EXEC_FAIL_USER": "u1"]
        let arguments = ["execute", "plan.json", "--speed", "20"] + Self.allHooks("{user}")
        let stopped = try fixture.run(arguments + ["--journal", "stop.jsonl"], environment: failing)
        #expect(stopped.status == 2)
        #expect(stopped.stderr.contains("u1 migration [0.0] failed after"))
        #expect(stopped.stderr.contains("exit status 3"))
        #expect(stopped.stderr.contains("  | boom: disk full on edge2"))
        #expect(stopped.stderr.contains("stopping after a failure (--on-failure stop)"))
        #expect(fixture.records.map { "\($0.user) \($0.type)" } == ["u1 migration"])
        let failure = try #require(try fixture.journal("stop.jsonl").first { $0["event"] as? String == "finished" })
        #expect(failure["outcome"] as? String == "failed")
        #expect(failure["exitStatus"] as? Int == 3)
        #expect(failure["stderrTail"] as? String == "boom: disk full on edge2\n")

        try FileManager.default.removeItem(atPath: fixture.path("records.txt"))
        let continued = try fixture.run(arguments + ["--on-failure", "continue"], environment: failing)
        #expect(continued.status == 2)
        #expect(fixture.records.map { "\($0.user) \($0.type)" } == ["u1 migration", "u2 migration", "u1 handover"])
        #expect(continued.stdout.contains("done: 1 succeeded, 2 failed, 0 skipped; exit status 2"))
    }

    /// A command past `--action-timeout` is stopped with its whole process group.
    @Test func timeoutStopsTheCommandAndItsChildren() throws {
        let fixture = try ExecuteFixture()
        defer { fixture.remove() }
        try fixture.writePlan("plan.json", [("u1", [("migration", 0)])])
        let begun = Date()
        let output = try fixture.run(
            ["execute", "plan.json", "--action-timeout", "0.5", "--kill-after", "1", "--journal", "journal.jsonl"]
                + Self.allHooks("{user}"), environment: ["EXEC_SLEEP_USER": "u1"])
        #expect(Date().timeIntervalSince(begun) < 5)
        #expect(output.status == 2)
        #expect(output.stdout.contains("TIMEOUT   u1 migration [0.0]: timed out after 0.5"))
        let finished = try #require(try fixture.journal().first { $0["event"] as? String == "finished" })
        #expect(finished["outcome"] as? String == "timed-out")
        #expect(finished["signal"] as? Int == Int(SIGTERM))
        let pids = try String(contentsOfFile: fixture.path("sleeper.pids"), encoding: .utf8)
        for pid in pids.split(whereSeparator: \.isWhitespace).compactMap({ Int32($0) }) {
            #expect(ExecuteFixture.waitUntil(seconds: 2) { ExecuteFixture.isGone(pid) }, "process \(pid) survived")
        }
    }
}
