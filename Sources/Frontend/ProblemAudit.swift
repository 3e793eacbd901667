import Diagnostics
import EdgeModel

/// Warnings about a valid problem: things that are allowed but probably not meant.
enum ProblemAudit {
    /// Beyond this many, inaudible base stations are summed up in one warning.
    static let inaudibleLimit = 20

    static func warnings(for problem: Problem, summary: ProblemSummary, diagnostics: DiagnosticCollector) {
        let topology = problem.topology
        let policy = problem.policy
        let stationsByID = Dictionary(uniqueKeysWithValues: topology.baseStations.map { ($0.id, $0) })
        for id in summary.inaudibleBaseStations.prefix(inaudibleLimit) {
            diagnostics.warning(
                .inaudibleBaseStation,
                "base station \"\(id)\" passes the RSSI rule (\(policy.rssiRule.rawValue), rssiMin \(Messages.number(policy.rssiMin.value)) dBm, t = 0 s, t' = \(Messages.number(policy.horizon.value)) s) for no user",
                at: stationsByID[id]?.location)
        }
        if summary.inaudibleBaseStations.count > inaudibleLimit {
            diagnostics.warning(
                .inaudibleBaseStation,
                "\(summary.inaudibleBaseStations.count - inaudibleLimit) more base stations pass the RSSI rule for no user",
                at: topology.location)
        }
        let serversByID = Dictionary(uniqueKeysWithValues: topology.servers.map { ($0.id, $0) })
        for id in summary.isolatedServers {
            diagnostics.warning(
                .isolatedServer, "no base station reaches server \"\(id)\" over the links",
                at: serversByID[id]?.location)
        }
        let usersByID = Dictionary(uniqueKeysWithValues: problem.workload.users.map { ($0.id, $0) })
        for entry in summary.perUser where entry.candidates == 0 {
            let reason =
                entry.keptBaseStations == 0
                ? "no base station is above rssiMin \(Messages.number(policy.rssiMin.value)) dBm under rssiRule \"\(policy.rssiRule.rawValue)\""
                : "no server is reachable from the base stations it hears"
            diagnostics.warning(
                .noCandidates, "user \"\(entry.user)\" has no candidate (base station, server) pair: \(reason)",
                at: usersByID[entry.user]?.location)
        }
        precopyWarnings(for: problem, diagnostics: diagnostics)
    }

    /// Pre-copy cannot converge over a link that carries no more than the memory is dirtied
    /// (δ·M·8 ≥ B, SPEC §3): migrations over it are dropped, and the planner is told why.
    static func precopyWarnings(for problem: Problem, diagnostics: DiagnosticCollector) {
        let used = Set(problem.workload.users.map(\.app) + problem.workload.traces.map(\.app))
        let topology = problem.topology
        for index in used.sorted() {
            let app = problem.apps[index]
            guard problem.policy.strategy(for: app) == .precopy, let precopy = app.precopy else { continue }
            let dirtyBitsPerSecond = precopy.dirtyRate.value * precopy.memory.value * 8
            var reported = 0
            for link in topology.links where link.bandwidth.value <= dirtyBitsPerSecond {
                let ends = "\(topology.id(of: link.endpoints.0))–\(topology.id(of: link.endpoints.1))"
                if reported == inaudibleLimit {
                    diagnostics.warning(
                        .precopyDivergence, "pre-copy of app \"\(app.name)\" cannot converge over more links",
                        at: app.location)
                    break
                }
                diagnostics.warning(
                    .precopyDivergence,
                    "pre-copy of app \"\(app.name)\" cannot converge over link \(ends): memory is dirtied at \(Messages.number(dirtyBitsPerSecond / 1e6)) Mbps, the link carries \(Messages.number(link.bandwidth.value / 1e6)) Mbps; migrations over it are dropped",
                    at: link.location)
                reported += 1
            }
        }
    }
}
