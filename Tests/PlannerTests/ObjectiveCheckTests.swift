import CBCBackend
import Diagnostics
import EdgeModel
import Foundation
import MILP
import Planner
import Solving
import TestSupport
import Testing

/// No solver is ever given an objective term that is not finite, or too large to be told apart
/// (`ObjectiveCheck`): the run stops with an error at the user instead, priced or built, in
/// `compile` and at any epoch of `plan`, baselines included.
@Suite(.serialized)
struct ObjectiveCheckTests {
    /// Counts what reaches the solvers.
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        func add(_ what: String) {
            lock.lock()
            counts[what, default: 0] += 1
            lock.unlock()
        }
        var total: Int {
            lock.lock()
            defer { lock.unlock() }
            return counts.values.reduce(0, +)
        }
    }

    struct CountingMILP: MILPSolver {
        let calls: Calls
        var name: String { "cbc" }
        var capabilities: SolverCapabilities { CBCSolver().capabilities }
        func solve(_ model: MILPModel, options: MILPOptions) -> MILPSolution {
            calls.add("milp")
            return CBCSolver().solve(model, options: options)
        }
    }

    struct CountingLP: LPSolver {
        let calls: Calls
        var name: String { "clp" }
        func makeSession(rows: [LPRow], sense: ObjectiveSense) -> any LinearProgramSession {
            calls.add("lp")
            return ClpLPSolver().makeSession(rows: rows, sense: sense)
        }
    }

    /// Two users and two cells 10^9 m apart, every number within its bound. u2 is attached to the
    /// far cell b, which it hears at 20 − 40 − 30·log10(1e9) = −290 dBm: an SNR of 10^−19.5, which
    /// `log2(1 + SNR)` rounds to a Shannon rate of 0, so its current delay and every gain are infinite.
    static func far(rule: String = "either", softSLA: Bool = false, horizon: String = "5 s") -> String {
        """
        kind: Topology
        name: two
        baseStations:
          - {id: a, position: [0, 0], txPower: 20 dBm, peakRate: 10 Mbps}
          - {id: b, position: [1e9, 0], txPower: 20 dBm, peakRate: 10 Mbps}
        servers:
          - {id: e1, tier: edge, compute: 1, capacity: {cpu: 8, memory: 16 GB, storage: 100 GB, netio: 1 Gbps}}
          - {id: e2, tier: edge, compute: 2, capacity: {cpu: 1, memory: 16 GB, storage: 100 GB, netio: 1 Gbps}}
        links:
          - {between: [a, e1], bandwidth: 1 Gbps, rtt: 1 ms}
          - {between: [b, e2], bandwidth: 1 Gbps, rtt: 1 ms}
          - {between: [e1, e2], bandwidth: 100 Mbps, rtt: 10 ms}
        ---
        kind: AppProfile
        name: app
        image: 1 GB
        checkpoint: {full: 100 MB, delta: 10 MB}
        state: application
        resources: {cpu: 1, memory: 1 GB, storage: 1 GB, netio: 10 Mbps}
        task: {size: 125 KB, rate: 10 /s, processing: 200 ms}
        ---
        kind: Policy
        name: p
        rssiRule: \(rule)
        horizon: \(horizon)
        sla: [{app: "*", maxDelay: 500 ms, maxDowntime: 5 s\(softSLA ? ", enforcement: soft" : "")}]
        ---
        kind: Workload
        name: w
        users:
          - {id: u1, app: app, attachment: {bs: a, server: e1}, position: [0, 0]}
          - {id: u2, app: app, attachment: {bs: b, server: e1}, position: [0, 5]}
        """
    }

    @Test(arguments: [true, false])
    func infiniteCurrentDelayIsNeverSolved(priced: Bool) throws {
        let problem = try ProblemFixture.load(Self.far())
        let calls = Calls()
        let result = try Compiler(
            problem: problem, solver: CountingMILP(calls: calls), options: MILPOptions(timeLimitSeconds: 10),
            lpSolver: priced ? CountingLP(calls: calls) : nil
        ).compile()
        #expect(calls.total == 0)
        #expect(result.answer == nil)
        #expect(result.decisions.isEmpty)
        let fault = try #require(result.objectiveFaults.first)
        #expect(result.objectiveFaults.count == 1)
        #expect(fault.id == .objectiveOutOfRange)
        #expect(fault.location == problem.workload.users[1].location)
        #expect(fault.message.hasPrefix("the objective of user \"u2\" on base station \"a\""), "\(fault.message)")
        #expect(
            fault.message.hasSuffix(
                "is not finite (inf s): its current delay is inf s (processing 0.200 s, transmission inf s at 0 bps: radio 0 bps from \"b\" heard at -290.0 dBm, path 1e8 bps; RTT 0.011 s)"
            ), "\(fault.message)")
    }

    /// Under rssiRule both, a base station heard now but lost at t' stays a candidate; with only
    /// soft SLAs its infinite delay is a column, whose term is −∞.
    @Test func infiniteCandidateDelayIsNeverSolved() throws {
        var yaml = Self.far(rule: "both", softSLA: true, horizon: "1000 s")
        // u2 is 10 m from b now and leaves it at 100 km/s: at t' = 1000 s it is 1e8 m away, where
        // b's rate is 0.
        yaml = yaml.replacingOccurrences(
            of: "  - {id: u2, app: app, attachment: {bs: b, server: e1}, position: [0, 5]}",
            with:
                "  - {id: u2, app: app, attachment: {bs: b, server: e2}, position: [999999990, 0], velocity: [-1e5, 0]}"
        )
        let problem = try ProblemFixture.load(yaml)
        let calls = Calls()
        let result = try Compiler(
            problem: problem, solver: CountingMILP(calls: calls), options: MILPOptions(timeLimitSeconds: 10)
        ).compile()
        #expect(calls.total == 0)
        let fault = try #require(result.objectiveFaults.first)
        #expect(fault.message.contains("its delay there is inf s"), "\(fault.message)")
    }

    /// `plan` stops at the first epoch with such a term, for the orchestrated planner and for the
    /// baselines, whose decisions are written to the plan.
    @Test(arguments: PlannerKind.allCases)
    func spanPlanningStops(_ planner: PlannerKind) throws {
        let problem = try ProblemFixture.load(Self.far())
        let calls = Calls()
        let offline = OfflinePlanner(
            problem: problem, solver: CountingMILP(calls: calls), options: MILPOptions(timeLimitSeconds: 10),
            generatorVersion: "test", lpSolver: CountingLP(calls: calls))
        let result = offline.run(OfflinePlanningOptions(startSeconds: 0, endSeconds: 20, planner: planner))
        #expect(calls.total == 0)
        // The cloud planner's first epoch only moves containers to a cloud, and this network has none.
        #expect(result.epochs == (planner == .cloud ? 2 : 1))
        #expect(result.faults.first?.id == .objectiveOutOfRange, "\(planner)")
        #expect(result.faults.first?.message.contains("user \"u2\"") == true)
    }

    /// Every number at its bound, hard SLAs: nothing traps, and whatever comes back is finite or an error.
    @Test func problemAtTheBoundsCompiles() throws {
        let problem = try ProblemFixture.load(
            Self.far().replacingOccurrences(
                of: "task: {size: 125 KB, rate: 10 /s", with: "task: {size: 1000 TB, rate: 1e6 /s"
            )
            .replacingOccurrences(of: "position: [1e9, 0]", with: "position: [-1e9, 1e9]"))
        let result = try Compiler(problem: problem, solver: CBCSolver(), options: MILPOptions(timeLimitSeconds: 10))
            .compile()
        if let objective = result.answer?.objective { #expect(objective.isFinite) }
        #expect(result.answer != nil || !result.objectiveFaults.isEmpty)
    }

    @Test func objectiveDiagnosticIsDocumented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        #expect(text.contains("| `\(DiagnosticID.objectiveOutOfRange)` | error |"))
    }
}
