import Foundation
import Testing

/// `edgeplan execute`: stopping with SIGTERM and resuming, dry runs, usage errors.
extension ExecuteCommandTests {
    /// Killed with SIGTERM while u2's command (and the `sleep` it started) runs: exit 143, both
    /// processes gone, u2 journaled as interrupted. `--resume` then runs u2 again and u3, and not
    /// u1's two actions that had succeeded.
    @Test func sigtermMidwayThenResume() throws {
        let fixture = try ExecuteFixture()
        defer { fixture.remove() }
        // At speed 10: u1 at 0.1 and 0.3 s, u2 at 0.2 s, u3 at 2 s after the start.
        try fixture.writePlan(
            "plan.json",
            [("u1", [("pre-migration", 1), ("migration", 3)]), ("u2", [("migration", 2)]), ("u3", [("handover", 20)])])
        let arguments = ["execute", "plan.json", "--speed", "10"] + Self.allHooks("{user}")
        let running = try fixture.start(
            arguments + ["--journal", "journal.jsonl"], environment: ["EXEC_SLEEP_USER": "u2"])
        // Both of u1's actions journaled as succeeded, and u2's sleeper running.
        let ready = ExecuteFixture.waitUntil {
            let journal = (try? String(contentsOfFile: fixture.path("journal.jsonl"), encoding: .utf8)) ?? ""
            return journal.components(separatedBy: #""outcome":"succeeded""#).count == 3
                && FileManager.default.fileExists(atPath: fixture.path("sleeper.pids"))
        }
        #expect(ready, "u1's actions did not finish or u2's sleeper did not start")
        // The sleeper's process ids may be written a moment after the file appears.
        #expect(ExecuteFixture.waitUntil(seconds: 2) { (try? fixture.sleeperPIDs().count) == 2 })
        let pids = try fixture.sleeperPIDs()
        kill(running.process.processIdentifier, SIGTERM)
        let stopped = running.wait()
        #expect(stopped.status == 143, "\(stopped.stderr)")
        #expect(stopped.stderr.contains("interrupted by SIGTERM: stopping; 1 running command signalled"))
        for pid in pids {
            #expect(ExecuteFixture.waitUntil(seconds: 2) { ExecuteFixture.isGone(pid) }, "process \(pid) survived")
        }
        let journal = try fixture.journal()
        let interrupted = journal.filter { $0["outcome"] as? String == "interrupted" }
        #expect(interrupted.map { $0["user"] as? String } == ["u2"])
        #expect(interrupted.first?["signal"] as? Int == Int(SIGTERM))
        #expect(journal.last?["status"] as? Int == 143)
        #expect(!fixture.records.contains { $0.user == "u3" })

        let resumed = try fixture.run(arguments + ["--resume", "journal.jsonl"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("; 2 done in the resumed journal"))
        #expect(
            fixture.records.map { "\($0.user) \($0.type)" } == [
                "u1 pre-migration", "u2 migration", "u1 migration", "u2 migration", "u3 handover",
            ])
        let appended = try fixture.journal()
        #expect(appended.filter { $0["event"] as? String == "run-started" }.count == 2)
        #expect(appended.last?["status"] as? Int == 0)
    }

    /// SIGQUIT stops a run like SIGTERM: the command's group gets it, the run exits 131 (before,
    /// the Swift runtime printed a crash report and the run went on).
    @Test func sigquitStopsLikeSigterm() throws {
        let fixture = try ExecuteFixture()
        defer { fixture.remove() }
        try fixture.writePlan("plan.json", [("u2", [("migration", 0)])])
        let running = try fixture.start(
            ["execute", "plan.json", "--kill-after", "1"] + Self.allHooks("{user}"), environment: ["EXEC_SLEEP_USER": "u2"])
        #expect(ExecuteFixture.waitUntil { (try? fixture.sleeperPIDs().count) == 2 }, "u2's sleeper did not start")
        let pids = try fixture.sleeperPIDs()
        kill(running.process.processIdentifier, SIGQUIT)
        let stopped = running.wait()
        #expect(stopped.status == 131, "\(stopped.stderr)")
        #expect(stopped.stderr.contains("interrupted by SIGQUIT: stopping; 1 running command signalled"))
        #expect(!stopped.stderr.contains("crashed"))
        for pid in pids {
            #expect(ExecuteFixture.waitUntil(seconds: 3) { ExecuteFixture.isGone(pid) }, "process \(pid) survived")
        }
    }

    /// `--dry-run` lists every action with its command (or why it is skipped) and runs nothing.
    @Test func dryRunRunsNothing() throws {
        let fixture = try ExecuteFixture()
        defer { fixture.remove() }
        try fixture.writePlan(
            "plan.json", [("u1", [("pre-migration", 1), ("migration", 3)]), ("u2", [("handover", 2)])])
        let output = try fixture.run([
            "execute", "plan.json", "--dry-run", "--start", "2030-01-01T00:00:00Z", "--speed", "2",
            "--on", "migration=./record {user} \"to {target}\" '{user}'",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("dry run (nothing is run): 3 actions of 2 users"))
        #expect(
            output.stdout.contains(
                "2030-01-01T00:00:01.500Z  u1    migration      0.1  ./record u1 'to edge2' '{user}'"))
        #expect(output.stdout.contains("(skipped: no --on command for handover)"))
        #expect(
            output.stdout.contains("wait for earlier actions of their user to finish (the plan has those end first): 1")
        )
        #expect(fixture.records.isEmpty)
    }

    /// Mistakes in the options are usage errors (64) and run nothing; a bad plan or a journal of
    /// another plan is an input error (1).
    @Test func usageErrors() throws {
        let fixture = try ExecuteFixture()
        defer { fixture.remove() }
        try fixture.writePlan("plan.json", [("u1", [("migration", 1)])])
        let cases: [([String], String)] = [
            (["--on", "checkpoint=./record"], "unknown action type \"checkpoint\""),
            (["--on", "migration"], "expected TYPE=COMMAND"),
            (["--on", "migration=./record 'open"], "the single quote at column 10 is not closed"),
            (["--on", "migration=no-such-program-xyz {user}"], "no executable named \"no-such-program-xyz\""),
            (["--speed", "0"], "--speed must be at least 0.000001"),
            (["--speed=-3"], "--speed must be at least 0.000001"),
            (["--speed", "2000000"], "at most 1000000"),
            (["--speed", "nan"], "--speed must be at least 0.000001"),
            // These three once trapped converting a far deadline to a timespec.
            (["--speed", "1e-300"], "--speed must be at least 0.000001"),
            (["--action-timeout", "1e300"], "--action-timeout must be a positive number of seconds, at most 1e9"),
            (["--kill-after", "1e300"], "--kill-after must be a number of seconds from 0 to 1e9"),
            (["--start", "yesterday"], "expected an RFC 3339 time with a zone"),
            (["--start", "2026-01-01T09:00:00"], "expected an RFC 3339 time with a zone"),
            (["--start", "epoch"], "--start epoch: the plan has no epoch"),
            (["--action-timeout", "0"], "--action-timeout must be a positive number"),
        ]
        for (options, message) in cases {
            let output = try fixture.run(["execute", "plan.json", "--on", "handover=./record"] + options)
            #expect(output.status == 64, "\(options)")
            #expect(output.stderr.contains(message), "\(options): \(output.stderr)")
        }
        try "{\"schemaVersion\": 1}".write(toFile: fixture.path("bad.json"), atomically: true, encoding: .utf8)
        let bad = try fixture.run(["execute", "bad.json"])
        #expect(bad.status == 1)
        #expect(
            bad.stderr
                == "bad.json:1:19: error: not an edgeplan plan: $.schemaVersion: expected a string, found a number\n")
        try
            #"{"decision":0,"action":0,"event":"finished","outcome":"succeeded","user":"u9","type":"migration","plannedAt":1}"#
            .write(toFile: fixture.path("other.jsonl"), atomically: true, encoding: .utf8)
        let other = try fixture.run(["execute", "plan.json", "--resume", "other.jsonl"])
        #expect(other.status == 1)
        #expect(other.stderr.contains("the journal belongs to another plan"))
        // A journal's speed is used when --speed is not given, so it is bounded the same way.
        try #"{"event":"run-started","plan":"plan.json","speed":1e-300,"start":"2026-01-01T00:00:00.000Z"}"#
            .write(toFile: fixture.path("slow.jsonl"), atomically: true, encoding: .utf8)
        let slow = try fixture.run(["execute", "plan.json", "--on", "migration=./record", "--resume", "slow.jsonl"])
        #expect(slow.status == 1)
        #expect(slow.stderr.contains("the journal's speed 1e-300 is outside 0.000001…1000000; give --speed"), "\(slow.stderr)")
        #expect(fixture.records.isEmpty)
    }
}

extension ExecuteFixture {
    /// The recorder's sleeping shell and its `sleep` child.
    func sleeperPIDs() throws -> [Int32] {
        try String(contentsOfFile: path("sleeper.pids"), encoding: .utf8).split(whereSeparator: \.isWhitespace)
            .compactMap { Int32($0) }
    }
}
