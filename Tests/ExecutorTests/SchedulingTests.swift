import Executor
import Foundation
import Plan
import Testing

/// The executor on a virtual clock: when actions start, what waits for what, and how a run stops.
struct SchedulingTests {
    /// Plan times 10, 20, 40 s from t = 0 at speed 10 fall 1, 2 and 4 real seconds in.
    @Test func startsFollowThePlanScaledBySpeed() throws {
        let plan = HandPlan.make([
            ("u1", [("pre-migration", 10, 1), ("migration", 20, 1)]), ("u2", [("handover", 40, 0.5)]),
        ])
        let run = try VirtualRun.run(plan, speed: 10)
        #expect(run.launcher.launches.map(\.time) == [1, 2, 4])
        #expect(run.result == expected(succeeded: 3))
    }

    /// A migration the plan starts after its pre-migration ends waits for a pre-migration that runs
    /// long (5 s instead of the planned 1 s), then starts at once: 5 s, not at its planned 3 s.
    @Test func nextActionWaitsForAPredecessorThePlanHasEndFirst() throws {
        let plan = HandPlan.make([("u1", [("pre-migration", 1, 1), ("migration", 3, 1)])])
        let run = try VirtualRun.run(plan) { arguments in .init(seconds: arguments.last == "pre-migration" ? 4 : 0.1) }
        #expect(run.launcher.starts(["run", "u1", "pre-migration"]) == [1])
        #expect(run.launcher.starts(["run", "u1", "migration"]) == [5])
        #expect(run.finished("u1").map(\.type) == ["pre-migration", "migration"])
        #expect(run.finished("u1").last?.lateSeconds == 2)
    }

    /// A coordinated migration and handover overlap in the plan (they end together), so the
    /// handover starts on time while the migration still runs.
    @Test func actionsThePlanOverlapsRunTogether() throws {
        let plan = HandPlan.make([("u1", [("migration", 10, 5), ("handover", 14, 1)])])
        let run = try VirtualRun.run(plan) { _ in .init(seconds: 5) }
        #expect(run.launcher.launches.map(\.time) == [10, 14])
        #expect(ExecutionSchedule(plan: plan).actions[1].waitsFor.isEmpty)
    }

    /// Two users' long actions run at the same time.
    @Test func differentUsersOverlap() throws {
        let plan = HandPlan.make([("u1", [("migration", 1, 1)]), ("u2", [("migration", 2, 1)])])
        let run = try VirtualRun.run(plan) { _ in .init(seconds: 10) }
        #expect(run.launcher.launches.map(\.time) == [1, 2])
        #expect(run.records.filter { $0.event == .finished }.compactMap(\.ended).count == 2)
    }

    /// A start 30 s in the past: the actions at 10 and 20 s are overdue and start at once, in
    /// plan order; the one at 50 s starts 20 s into the run.
    @Test func overdueActionsStartAtOnceInOrder() throws {
        let plan = HandPlan.make([
            ("u1", [("pre-migration", 10, 1)]), ("u2", [("handover", 20, 0.5)]), ("u3", [("handover", 50, 0.5)]),
        ])
        let run = try VirtualRun.run(plan, startOffset: -30)
        #expect(run.launcher.launches.map(\.time) == [0, 0, 20])
        #expect(run.launcher.launches.map { $0.arguments[1] } == ["u1", "u2", "u3"])
        let started = run.records.filter { $0.event == .started }
        #expect(started.map(\.lateSeconds) == [20, 10, 0])
    }

    /// `--on-failure stop`: after u1's failure at 2 s nothing new starts; u2's running command
    /// finishes; the run fails (status 2) with u3's action not started.
    @Test func stopOnFailure() throws {
        let plan = HandPlan.make([
            ("u1", [("migration", 1, 1)]), ("u2", [("migration", 1.5, 1)]), ("u3", [("migration", 5, 1)]),
        ])
        let run = try VirtualRun.run(plan) { arguments in
            arguments[1] == "u1" ? .init(seconds: 1, status: 3) : .init(seconds: 2)
        }
        #expect(run.launcher.launches.count == 2)
        #expect(run.finished("u1").first?.outcome == .failed)
        #expect(run.finished("u1").first?.exitStatus == 3)
        #expect(run.finished("u1").first?.stderrTail == "boom")
        #expect(run.finished("u2").first?.outcome == .succeeded)
        #expect(run.result.stop == .failure)
        #expect(run.result.notStarted == 1)
        #expect(run.result.exitStatus == 2)
    }

    /// `--on-failure continue`: the failure is reported and everything else, the same user's later
    /// actions included, runs as planned.
    @Test func continueAfterFailure() throws {
        let plan = HandPlan.make([
            ("u1", [("pre-migration", 1, 1), ("migration", 3, 1)]), ("u2", [("handover", 5, 1)]),
        ])
        let run = try VirtualRun.run(plan, onFailure: .continue) { arguments in
            .init(seconds: 0.5, status: arguments.last == "pre-migration" ? 1 : 0)
        }
        #expect(run.launcher.launches.map(\.time) == [1, 3, 5])
        #expect(run.result == expected(succeeded: 2, failed: 1))
        #expect(run.result.exitStatus == 2)
    }

    /// A command past `--action-timeout` 2 s gets SIGTERM at 3 s; one that ignores it gets SIGKILL
    /// `--kill-after` 1 s later.
    @Test func timeoutSendsTermThenKill() throws {
        let plan = HandPlan.make([("u1", [("migration", 1, 1)]), ("u2", [("migration", 1, 1)])])
        let run = try VirtualRun.run(plan, timeout: 2, killAfter: 1, onFailure: .continue) { arguments in
            .init(seconds: 60, ignoresTerm: arguments[1] == "u2")
        }
        let signals = run.launcher.signals.map { "\($0.processID):\($0.signal)@\($0.time)" }
        #expect(
            signals == [
                "1000:\(SIGTERM)@3.0", "1001:\(SIGTERM)@3.0", "1000:\(SIGKILL)@3.0", "1001:\(SIGKILL)@4.0",
                "1001:\(SIGKILL)@4.0",
            ])
        #expect(run.finished("u1").first?.outcome == .timedOut)
        #expect(run.finished("u1").first?.signal == SIGTERM)
        #expect(run.finished("u2").first?.signal == SIGKILL)
        #expect(run.result.failed == 2)
    }

    /// SIGINT at 2 s: the running command gets SIGINT, is recorded as interrupted, nothing more
    /// starts, and the run's status is 130.
    @Test func interruptStopsCleanly() throws {
        let plan = HandPlan.make([("u1", [("migration", 1, 1), ("handover", 10, 1)])])
        let run = try VirtualRun.run(plan, interruptAt: 2) { _ in .init(seconds: 60) }
        #expect(run.launcher.signals.first?.signal == SIGINT)
        #expect(run.finished("u1").map(\.outcome) == [.interrupted])
        #expect(run.result.interrupted == 1)
        #expect(run.result.notStarted == 1)
        #expect(run.result.exitStatus == 130)
    }

    /// A resumed run skips what the journal has as done, and what waits for it does not wait.
    @Test func resumeSkipsDoneActions() throws {
        let plan = HandPlan.make([("u1", [("pre-migration", 1, 1), ("migration", 3, 1), ("handover", 3.5, 1)])])
        let run = try VirtualRun.run(plan, done: [ActionKey(decision: 0, action: 0)])
        #expect(run.launcher.launches.map { $0.arguments[2] } == ["migration", "handover"])
        #expect(run.launcher.launches.map(\.time) == [3, 3.5])
        #expect(run.result.alreadyDone == 1)
    }

    /// No command for a type: the action is skipped (and the user's next one still runs); a
    /// program that cannot be found is a failure, not a crash.
    @Test func skippedAndUnstartableActions() throws {
        let plan = HandPlan.make([("u1", [("pre-migration", 1, 1), ("migration", 3, 1), ("handover", 4, 1)])])
        let run = try VirtualRun.run(
            plan, onFailure: .continue, commands: ["migration=missing", "handover=run {user}"])
        #expect(run.result.skipped == 1)
        #expect(run.finished("u1").first?.error?.contains("no executable") == true)
        #expect(run.launcher.launches.map(\.arguments) == [["run", "u1"]])
        #expect(run.result.exitStatus == 2)
    }

    /// Commands get every placeholder's variable; a handover has no servers, so they are empty.
    @Test func environmentOfAnAction() throws {
        let plan = HandPlan.make([("u1", [("handover", 60, 1)])])
        let run = try VirtualRun.run(plan, speed: 1000)
        let environment = try #require(run.launcher.launches.first?.environment)
        #expect(environment["EDGEPLAN_ACTION"] == "handover")
        #expect(environment["EDGEPLAN_USER"] == "u1")
        #expect(environment["EDGEPLAN_APP"] == "app-u1")
        #expect(environment["EDGEPLAN_FROM_BS"] == "ap1")
        #expect(environment["EDGEPLAN_TO_BS"] == "ap2")
        #expect(environment["EDGEPLAN_SOURCE"] == "")
        #expect(environment["EDGEPLAN_BYTES"] == "")
        #expect(environment["EDGEPLAN_AT"] == "60")
    }

    private func expected(succeeded: Int, failed: Int = 0) -> ExecutionResult {
        var result = ExecutionResult()
        result.succeeded = succeeded
        result.failed = failed
        return result
    }
}
