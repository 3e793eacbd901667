import Diagnostics
import EdgeModel
import Foundation
import Plan
import TestSupport
import Testing

@testable import Simulation

/// A replay's counts and sums take any number: its loops counted with `Int(_:)`, which trapped on a
/// span of 1e300 s, and bytes moved added in Int64, which trapped on overflow whatever a plan file said.
struct ReplayNumberTests {
    static let yaml = """
        kind: Topology
        name: t
        baseStations:
          - {id: a, position: [0, 0], txPower: 20 dBm, peakRate: 10 Mbps}
        servers:
          - {id: e1, tier: edge, capacity: {cpu: 8, memory: 16 GB, storage: 100 GB, netio: 1 Gbps}}
          - {id: e2, tier: edge, capacity: {cpu: 8, memory: 16 GB, storage: 100 GB, netio: 1 Gbps}}
        links:
          - {between: [a, e1], bandwidth: 1 Gbps, rtt: 1 ms}
          - {between: [e1, e2], bandwidth: 100 Mbps, rtt: 10 ms}
        ---
        kind: AppProfile
        name: app
        image: 1 GB
        checkpoint: {full: 100 MB, delta: 10 MB}
        state: application
        resources: {cpu: 1, memory: 1 GB, storage: 1 GB, netio: 10 Mbps}
        task: {size: 125 KB, rate: 1 /s, processing: 100 ms}
        ---
        kind: Workload
        name: w
        users:
          - {id: u, app: app, attachment: {bs: a, server: e1}, position: [10, 0]}
          - {id: v, app: app, attachment: {bs: a, server: e1}, position: [10, 0]}
        """

    static func plan(_ actions: [(user: String, action: Plan.Action)]) -> Plan {
        Plan(
            generator: Plan.Generator(name: "edgeplan", version: "test"), epoch: nil, planningTime: 0, horizon: 5,
            inputs: [], policy: "default", policyBuiltIn: true, planner: "orchestrated",
            coordination: "coordinated",
            solver: Plan.SolverReport(
                backend: "cbc", status: "optimal", objective: 0, bound: 0, gap: 0, seconds: 0, variables: 0,
                constraints: 0),
            decisions: [], timeline: actions.map { Plan.TimelineEntry(user: $0.user, action: $0.action) })
    }

    @Test func bytesMovedSaturate() throws {
        let problem = try ProblemFixture.load(Self.yaml)
        let half = Int64.max / 2 + 1
        func migration(at time: Double, bytes: Int64) -> Plan.Action {
            Plan.Action(
                type: "migration", at: time, atTime: nil, duration: 0.1, source: "e1", target: "e2", bytes: bytes)
        }
        let report = Simulator.replay(
            problem: problem,
            plan: Self.plan([
                ("u", migration(at: 1, bytes: half)), ("u", migration(at: 2, bytes: half)),
                ("v", migration(at: 1, bytes: half)), ("v", migration(at: 3, bytes: -half)),
                ("v", migration(at: 4, bytes: -half)), ("v", migration(at: 5, bytes: -half)),
                ("v", migration(at: 6, bytes: -half)),
            ]), startSeconds: 0, endSeconds: 10)
        #expect(report.users.map(\.bytesMoved) == [Int64.max, Int64.min])
        #expect(report.overall.bytesMoved == -1)  // Int64.max + Int64.min, which fits
        #expect(report.users.map(\.migrations) == [2, 5])
    }

    /// A loop's count from a double: none for NaN or less than one, at most the limit, never a trap.
    @Test func loopCountsOfAnySize() {
        #expect(Simulator.count(1e300, limit: 10) == 10)
        #expect(Simulator.count(.infinity, limit: 10) == 10)
        #expect(Simulator.count(.nan, limit: 10) == 0)
        #expect(Simulator.count(-1e300, limit: 10) == 0)
        #expect(Simulator.count(7, limit: 10) == 7)
        // 1e300 s at 10^6 tasks a second: a count, as a double, that the bounds then refuse.
        #expect(Simulator.taskCount(rate: 1e6, span: 1e300) > 1e305)
        #expect(Simulator.taskCount(rate: 0, span: 10) == 10)  // one a second without a rate
    }

    /// What a replay would cost is counted before it runs: 2 users × 10 tasks a second × 10^7 s is
    /// 2·10^8 tasks, more than 10^8, reported at the app's task rate.
    @Test func replayBoundsCountTasksAndSamples() throws {
        let problem = try ProblemFixture.load(Self.yaml.replacingOccurrences(of: "rate: 1 /s", with: "rate: 10 /s"))
        let small = ReplayBounds(problem: problem, startSeconds: 0, endSeconds: 10)
        #expect(small.tasks == 200)
        #expect(small.motionSamples == 200)  // every 0.1 s per user
        #expect(small.spanProblem == nil)
        #expect(small.taskProblem(problem) == nil)
        let large = ReplayBounds(problem: problem, startSeconds: 0, endSeconds: 1e7)
        #expect(large.spanProblem == nil)  // 2·10^8 samples
        let fault = try #require(large.taskProblem(problem))
        #expect(fault.id == .replayTooLarge)
        #expect(fault.location?.line == 18)  // task: {size: 125 KB, rate: 10 /s, …}
        #expect(
            fault.message
                == "replaying from 0 s to 1e7 s sends 200000000 tasks, more than the 100000000 a replay may send; app \"app\" sends 200000000 of them at 10 /s for 2 users"
        )
        let longer = ReplayBounds(problem: problem, startSeconds: -1e9, endSeconds: 1e9)
        #expect(longer.spanProblem?.contains("samples the motion 40000000000 times") == true)
    }

    @Test func replayDiagnosticIsDocumented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        #expect(text.contains("| `\(DiagnosticID.replayTooLarge)` | error |"))
    }
}
