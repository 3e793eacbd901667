import CBCBackend
import EdgeModel
import MILP
import TestSupport
import Testing

@testable import Planner

/// The planner writes numbers without trapping: the infeasibility explainer wrote rssiMin with
/// `Int(_:)`, which traps on 1e300 (a Policy built by a library caller, past the front end's bounds),
/// and the plan builder its bytes with `Int64(_:)`.
struct ExplainerNumberTests {
    @Test func hugeRSSIMinIsWritten() throws {
        let loaded = try ProblemFixture.load(
            InfeasibilityTests.topology(cpu: 8) + """

                ---
                kind: Workload
                name: w
                users:
                  - {id: u, app: app, attachment: {bs: a, server: e1}, position: [10, 0]}
                """)
        let base = loaded.policy
        let policy = Policy(
            name: base.name, planner: base.planner, coordination: base.coordination, horizon: base.horizon,
            gainWindow: base.gainWindow, rssiMin: DBm(1e300), rssiRule: base.rssiRule, hysteresis: base.hysteresis,
            margin: base.margin, gainWeight: base.gainWeight, downtimeWeight: base.downtimeWeight, sla: base.sla,
            solver: base.solver, isBuiltIn: base.isBuiltIn, location: base.location)
        let problem = Problem(
            topology: loaded.topology, apps: loaded.apps, policy: policy, workload: loaded.workload,
            inputs: loaded.inputs)
        let result = try Compiler(problem: problem, solver: CBCSolver(), options: MILPOptions(timeLimitSeconds: 10))
            .compile()
        let texts = result.infeasibility.map { $0.describe(problem) }
        #expect(texts.count == 1)
        #expect(texts.first?.contains("no base station is above rssiMin 1e+300 dBm") == true, "\(texts)")
    }

    /// The SLA bounds it writes in milliseconds went through `Int(_:)` too.
    @Test func hugeDurationsAreWritten() {
        #expect(InfeasibilityExplainer.milliseconds(1e300) == "1e+303 ms")
        #expect(InfeasibilityExplainer.milliseconds(.infinity) == "inf ms")
        #expect(InfeasibilityExplainer.milliseconds(0.25) == "250 ms")
        #expect(InfeasibilityExplainer.truncated(-85.5) == "-85")  // as rssiMin was always written
    }

    /// A plan's bytes went through `Int64(_:)`: past 2^63 they saturate.
    @Test func hugeBytesAreWritten() {
        #expect(PlanBuilder.wholeBytes(1e300) == Int64.max)
        #expect(PlanBuilder.wholeBytes(0x1p63) == Int64.max)
        #expect(PlanBuilder.wholeBytes(-1e300) == Int64.min)
        #expect(PlanBuilder.wholeBytes(.nan) == 0)
        #expect(PlanBuilder.wholeBytes(3.1e18) == 3_100_000_000_000_000_000)  // 31 rounds of 1e17 B
        #expect(PlanBuilder.wholeBytes(100e6 + 0.4) == 100_000_000)
    }
}
