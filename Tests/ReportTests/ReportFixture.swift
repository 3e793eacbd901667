import EdgeModel
import Foundation
import Frontend
import Plan
import Testing

/// A small problem with awkward ids, and a plan over it written by hand.
enum ReportFixture {
    /// An id that would break out of an attribute or open an element if it were not escaped.
    static let hostileUser = "a\"<b>&'c"

    /// Two access points, an edge server linked to both (drawn between them), another on ap2, a
    /// cloud linked to servers only (drawn on the row below), a walker with a 401-waypoint
    /// wiggly trajectory and the hostile user standing still.
    static let yaml: String = {
        let waypoints = (0...400).map { i in
            "      - [\(i) s, \(Double(i) * 0.25), \(i % 2 == 0 ? 0 : 3)]"
        }.joined(separator: "\n")
        return """
            kind: Topology
            name: fixture
            baseStations:
              - {id: ap1, position: [0, 0], technology: wifi, txPower: 20 dBm}
              - {id: ap2, position: [100, 0], technology: wifi, txPower: 20 dBm}
            servers:
              - {id: edge-mid, tier: edge, compute: 1.0, capacity: {cpu: 8, memory: 16 GB, storage: 256 GB, netio: 1 Gbps}}
              - {id: edge2, tier: edge, compute: 1.0, capacity: {cpu: 8, memory: 16 GB, storage: 256 GB, netio: 1 Gbps}}
              - {id: cloud, tier: cloud, compute: 1.5, capacity: {cpu: 12, memory: 128 GB, storage: 2 TB, netio: 10 Gbps}}
            links:
              - {between: [ap1, edge-mid], bandwidth: 1 Gbps, rtt: 1 ms}
              - {between: [ap2, edge-mid], bandwidth: 1 Gbps, rtt: 1 ms}
              - {between: [ap2, edge2], bandwidth: 1 Gbps, rtt: 1 ms}
              - {between: [edge-mid, cloud], bandwidth: 75 Mbps, rtt: 150 ms}
              - {between: [edge2, cloud], bandwidth: 75 Mbps, rtt: 150 ms}
            ---
            kind: Policy
            name: fixture
            horizon: 30 s
            rssiMin: -60 dBm
            ---
            kind: Workload
            name: fixture
            users:
              - id: walker
                app: simple
                attachment: {bs: ap1, server: edge-mid}
                trajectory:
            \(waypoints)
              - id: '\(hostileUser.replacingOccurrences(of: "'", with: "''"))'
                app: simple
                attachment: {bs: ap1, server: edge-mid}
                position: [10, 5]

            """
    }()

    /// The problem, with the seed 000 app profiles.
    static func problem() throws -> Problem {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("problem.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let result = ProblemLoader.load(paths: [file.path, root.appendingPathComponent("Models/ngo2020.yaml").path])
        return try #require(result.problem, "\(result.diagnostics.map(\.headline))")
    }

    /// The walker hands over to ap2 and moves to edge2 (late); the hostile user hands over and
    /// back; "ghost" is not in the workload.
    static func plan(inputs: [InputFile]) -> Plan {
        func handover(_ at: Double, _ from: String, _ to: String) -> Plan.Action {
            Plan.Action(type: "handover", at: at, atTime: nil, duration: 0.5, fromBS: from, toBS: to)
        }
        let walker = Plan.Decision(
            user: "walker", app: "simple", decidedAt: 0, from: .init(bs: "ap1", server: "edge-mid"),
            to: .init(bs: "ap2", server: "edge2"), change: "handover+migration", gain: 1, gainPerTask: 0.01,
            downtime: 0.6, objective: 0.4, late: true,
            actions: [
                Plan.Action(
                    type: "pre-migration", at: 0, atTime: nil, duration: 4, source: "edge-mid", target: "edge2",
                    bytes: 11_290_000),
                Plan.Action(
                    type: "migration", at: 50, atTime: nil, duration: 0.6, source: "edge-mid", target: "edge2",
                    bytes: 47_700),
                handover(50.1, "ap1", "ap2"),
            ])
        let hostile = Plan.Decision(
            user: hostileUser, app: "simple", decidedAt: 0, from: .init(bs: "ap1", server: "edge-mid"),
            to: .init(bs: "ap2", server: "edge-mid"), change: "handover", gain: 0, gainPerTask: 0, downtime: 0.5,
            objective: -0.5, late: false, actions: [handover(10, "ap1", "ap2")])
        let ghost = Plan.Decision(
            user: "ghost", app: "simple", decidedAt: 0, from: .init(bs: "ap1", server: "edge-mid"),
            to: .init(bs: "ap2", server: "edge-mid"), change: "handover", gain: 0, gainPerTask: 0, downtime: 0.5,
            objective: -0.5, late: false, actions: [handover(20, "ap1", "ap2")])
        let decisions = [walker, hostile, ghost]
        let timeline = decisions.flatMap { decision in
            decision.actions.map { Plan.TimelineEntry(user: decision.user, action: $0) }
        }.sorted { $0.action.at < $1.action.at }
        return Plan(
            generator: .init(name: "edgeplan", version: "test"), epoch: nil, planningTime: 0, horizon: 30,
            inputs: inputs.map { .init(path: $0.path, sha256: $0.sha256) } + [.init(path: "gone.yaml", sha256: "ff")],
            policy: "fixture", policyBuiltIn: false, planner: "orchestrated", coordination: "coordinated",
            solver: .init(
                backend: "cbc", status: "optimal", objective: -0.6, bound: -0.6, gap: 0, seconds: 0.01, variables: 6,
                constraints: 4),
            decisions: decisions, timeline: timeline)
    }
}
