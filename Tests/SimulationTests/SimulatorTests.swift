import EdgeModel
import Plan
import Simulation
import TestSupport
import Testing

/// A replay worked out by hand.
struct SimulatorTests {
    /// One static user at x = 10 m between a (x = 0) and b (x = 100), 10 tasks per second of 125 KB
    /// with 100 ms processing at compute 1. The air interface is capped at 10 Mbps, so transmission
    /// is 1e6 bits / 10 Mbps = 0.1 s; a–e1 and b–e2 have 1 ms RTT, e1–e2 10 ms.
    /// The plan hands over to b at 4 s (0.5 s) and migrates to e2 at 4.2 s (0.3 s, 10 MB):
    /// - 0 ≤ t < 4: a/e1: 0.1 + 0.1 + 0.001 = 0.201 s — 40 tasks;
    /// - down over [4, 4.5) ∪ [4.2, 4.5) = 0.5 s — tasks at 4.0 … 4.4 lost (5);
    /// - 4.5 ≤ t < 10: b/e2 with b 90 m away (RSSI −78.6 dBm, still capped at 10 Mbps):
    ///   0.1 + 0.1 + 0.001 = 0.201 s — 55 tasks.
    @Test func replayByHand() throws {
        let yaml = """
            kind: Topology
            name: t
            baseStations:
              - {id: a, position: [0, 0], txPower: 20 dBm, peakRate: 10 Mbps}
              - {id: b, position: [100, 0], txPower: 20 dBm, peakRate: 10 Mbps}
            servers:
              - {id: e1, tier: edge, capacity: {cpu: 8, memory: 16 GB, storage: 100 GB, netio: 1 Gbps}}
              - {id: e2, tier: edge, capacity: {cpu: 8, memory: 16 GB, storage: 100 GB, netio: 1 Gbps}}
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
            task: {size: 125 KB, rate: 10 /s, processing: 100 ms}
            ---
            kind: Policy
            name: p
            sla: [{app: "*", maxDelay: 200 ms, maxDowntime: 0.4 s}]
            ---
            kind: Workload
            name: w
            users: [{id: u, app: app, attachment: {bs: a, server: e1}, position: [10, 0]}]
            """
        let problem = try ProblemFixture.load(yaml)
        let actions = [
            Plan.Action(
                type: "pre-migration", at: 1, atTime: nil, duration: 2, source: "e1", target: "e2", bytes: 100_000_000),
            Plan.Action(type: "handover", at: 4, atTime: nil, duration: 0.5, fromBS: "a", toBS: "b"),
            Plan.Action(
                type: "migration", at: 4.2, atTime: nil, duration: 0.3, source: "e1", target: "e2", bytes: 10_000_000),
        ]
        let plan = Plan(
            generator: Plan.Generator(name: "edgeplan", version: "test"), epoch: nil, planningTime: 0, horizon: 5,
            inputs: [], policy: "p", policyBuiltIn: false, planner: "orchestrated", coordination: "coordinated",
            solver: Plan.SolverReport(
                backend: "cbc", status: "optimal", objective: 0, bound: 0, gap: 0, seconds: 0, variables: 0,
                constraints: 0),
            decisions: [], timeline: actions.map { Plan.TimelineEntry(user: "u", action: $0) })
        let report = Simulator.replay(problem: problem, plan: plan, startSeconds: 0, endSeconds: 10)
        let user = try #require(report.users.first)
        #expect(user.tasks == 100)
        #expect(user.served == 95)
        #expect(abs(user.meanDelaySeconds - 0.201) < 1e-9)
        #expect(abs(user.p95DelaySeconds - 0.201) < 1e-9)
        #expect(abs(user.downtimeSeconds - 0.5) < 1e-9)
        #expect(user.outOfCoverageSeconds == 0)
        #expect(user.migrations == 1)
        #expect(user.handovers == 1)
        #expect(user.bytesMoved == 110_000_000)
        // 0.201 s > maxDelay 0.2 s on every served task; the 0.5 s interruption exceeds 0.4 s.
        #expect(user.delayViolations == 95)
        #expect(user.downtimeViolations == 1)
        #expect(report.overall.tasks == 100)
    }
}
