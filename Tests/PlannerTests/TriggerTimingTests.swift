import EdgeModel
import Foundation
import Planner
import TestSupport
import Testing

/// SPEC §4 timing: invariants on many generated decisions, and the worked example by hand.
struct TriggerTimingTests {
    /// Every candidate of every user of random instances, scheduled: pre-migration ends before
    /// migration starts; coordinated intervals nest and end together with downtime max(T_mig, T_ho)
    /// unless late; sequential downtime is T_ho + T_mig; t_ho lies in (t, t'].
    @Test func invariantsOnGeneratedDecisions() {
        var generator = RandomInstances(seed: 4242)
        var checked = (coordinated: 0, sequential: 0, late: 0, both: 0)
        for round in 0..<150 {
            let problem = generator.problem()
            let time = Seconds(Double(round % 7))
            let candidates = CandidateGenerator(
                problem: problem, paths: PathCache(topology: problem.topology), time: time)
            let timing = TriggerTiming(problem: problem)
            let margin = 1 + problem.policy.margin.value
            for (index, user) in problem.workload.users.enumerated() {
                for candidate in candidates.candidates(forUser: index).candidates {
                    let schedule = timing.schedule(user: user, from: user.attachment, to: candidate, at: time)
                    let pre = schedule.actions.first { $0.kind == .preMigration }
                    let migration = schedule.actions.first { $0.kind == .migration }
                    let handover = schedule.actions.first { $0.kind == .handover }
                    #expect((migration != nil) == candidate.changesServer)
                    #expect((handover != nil) == candidate.changesBaseStation)
                    #expect(
                        zip(schedule.actions, schedule.actions.dropFirst()).allSatisfy { $0.atSeconds <= $1.atSeconds })
                    for action in schedule.actions { #expect(action.atSeconds >= time.value - 1e-9, "round \(round)") }
                    if let handover {
                        #expect(
                            handover.atSeconds > time.value
                                && handover.atSeconds <= time.value + problem.policy.horizon.value + 1e-9)
                        #expect(handover.durationSeconds == candidate.handoverSeconds)
                    }
                    if let pre, let migration {
                        #expect(pre.endSeconds <= migration.atSeconds + 1e-9)
                        // The margin: pre-migration starts T_pre·(1 + margin) before migration.
                        #expect(
                            abs(migration.atSeconds - pre.atSeconds - pre.durationSeconds * margin) < 1e-9
                                || problem.policy.coordination == .sequential)
                    }
                    switch (problem.policy.coordination, migration, handover) {
                    case (.coordinated, let migration?, let handover?):
                        checked.both += 1
                        if schedule.isLate {
                            checked.late += 1
                            #expect(
                                schedule.downtimeSeconds >= max(migration.durationSeconds, handover.durationSeconds)
                                    - 1e-9)
                            #expect(abs((pre?.atSeconds ?? .nan) - time.value) < 1e-9)
                        } else {
                            let shorter = migration.durationSeconds <= handover.durationSeconds ? migration : handover
                            let longer = migration.durationSeconds <= handover.durationSeconds ? handover : migration
                            #expect(abs(migration.endSeconds - handover.endSeconds) < 1e-9)
                            #expect(shorter.atSeconds >= longer.atSeconds - 1e-9)
                            #expect(
                                abs(schedule.downtimeSeconds - max(migration.durationSeconds, handover.durationSeconds))
                                    < 1e-9)
                            #expect(abs(schedule.downtimeSeconds - candidate.downtimeSeconds) < 1e-9)
                        }
                        checked.coordinated += 1
                    case (.sequential, let migration?, let handover?):
                        #expect(migration.atSeconds >= handover.endSeconds - 1e-9)
                        #expect(
                            abs(schedule.downtimeSeconds - (migration.durationSeconds + handover.durationSeconds))
                                < 1e-9)
                        #expect(abs(schedule.downtimeSeconds - candidate.downtimeSeconds) < 1e-9)
                        #expect(!schedule.isLate)
                        checked.sequential += 1
                    default:
                        #expect(!schedule.isLate)
                        #expect(abs(schedule.downtimeSeconds - candidate.downtimeSeconds) < 1e-9)
                    }
                }
            }
        }
        // The generated cases must reach every branch.
        #expect(checked.coordinated > 50)
        #expect(checked.sequential > 50)
        #expect(checked.late > 10)
        #expect(checked.late < checked.both)
    }

    /// Examples/openface-handover, by hand (docs/plan-format.md shows the same numbers).
    ///
    /// ap1 at x = 0 and ap2 at x = 40 m, 20 dBm, 40 dB at 1 m, exponent 3; rssiMin −60 dBm reaches
    /// 10^((20 − 40 + 60)/30) = 21.5443 m. The user starts at x = 9 m at 0.5 m/s: ap1 falls below
    /// −60 dBm after (21.5443 − 9)/0.5 = 25.0887 s, before ap2 leads by the 3 dB hysteresis
    /// (x = 22.29 m, 26.58 s): t_ho = 25.0887 s, found to 1 ms.
    /// Openface edge1 → edge2 (100 Mbps): T_pre = 17.604 s, T_mig = 4.55994 s; T_ho = 0.5 s.
    /// Both end at E = t_ho + 0.5 = 25.5887 s; migration starts at E − 4.55994 = 21.0287 s;
    /// pre-migration at 21.0287 − 17.604 × 1.1 = 1.6643 s. Downtime max(4.55994, 0.5) = 4.55994 s.
    @Test func workedExample() throws {
        let problem = try ProblemFixture.loadBundled([
            "Examples/openface-handover", "Examples/testbed/topology.yaml", "Models/ngo2020.yaml",
        ])
        let user = try #require(problem.workload.users.first)
        let generator = CandidateGenerator(problem: problem, paths: PathCache(topology: problem.topology))
        let candidate = try #require(
            generator.candidates(forUser: 0).candidates.first {
                $0.baseStation.rawValue == 1 && $0.server.rawValue == 1
            })
        let schedule = TriggerTiming(problem: problem).schedule(
            user: user, from: user.attachment, to: candidate, at: .zero)
        let exactHandover = (pow(10, 40.0 / 30) - 9) / 0.5
        #expect(abs(exactHandover - 25.0887) < 1e-4)
        let handover = try #require(schedule.actions.first { $0.kind == .handover })
        #expect(handover.atSeconds > exactHandover && handover.atSeconds <= exactHandover + 0.001)
        let migration = try #require(schedule.actions.first { $0.kind == .migration })
        let pre = try #require(schedule.actions.first { $0.kind == .preMigration })
        #expect(abs(migration.atSeconds - (handover.atSeconds + 0.5 - 4.55994)) < 1e-9)
        #expect(abs(pre.atSeconds - (migration.atSeconds - 17.604 * 1.1)) < 1e-9)
        #expect(abs(pre.atSeconds - 1.6643) < 0.0011)
        #expect(abs(migration.atSeconds - 21.0287) < 0.0011)
        #expect(abs(schedule.downtimeSeconds - 4.55994) < 1e-9)
        #expect(!schedule.isLate)
        #expect(schedule.actions.map(\.kind) == [.preMigration, .migration, .handover])
        #expect(pre.bytes == 196.8e6)
        #expect(migration.bytes == 7.94e6)
    }
}
