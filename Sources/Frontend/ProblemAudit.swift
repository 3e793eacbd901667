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
                .isolatedServer, "no base station reaches server \"\(id)\" over the links", at: serversByID[id]?.location)
        }
        let usersByID = Dictionary(uniqueKeysWithValues: problem.workload.users.map { ($0.id, $0) })
        for entry in summary.perUser where entry.candidates == 0 {
            let reason = entry.keptBaseStations == 0
                ? "no base station is above rssiMin \(Messages.number(policy.rssiMin.value)) dBm under rssiRule \"\(policy.rssiRule.rawValue)\""
                : "no server is reachable from the base stations it hears"
            diagnostics.warning(
                .noCandidates, "user \"\(entry.user)\" has no candidate (base station, server) pair: \(reason)",
                at: usersByID[entry.user]?.location)
        }
    }
}
