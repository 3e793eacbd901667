import Diagnostics
import EdgeModel
import Mobility

/// Turns the vehicles of a workload's traces into users (SPEC §1): each starts attached to the
/// strongest base station at its first sample and to the server of least RTT from that base station
/// (ties: edge before regional before cloud, then id).
enum TraceUsers {
    /// The workload with the traces' vehicles among its users, and the trace files read (with the
    /// SHA-256 of their bytes, computed as they streamed past) for the problem's inputs.
    /// `residentLimitBytes`: what the process may hold while reading them (`TraceReadOptions`).
    static func add(
        to workload: Workload, topology: Topology, residentLimitBytes: Int?, diagnostics: DiagnosticCollector
    ) -> (
        workload: Workload, inputs: [InputFile]
    ) {
        guard !workload.traces.isEmpty else { return (workload, []) }
        var inputs: [InputFile] = []
        var users = workload.users
        var taken = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0.location) })
        var nearestServer: [BaseStationIndex: ServerIndex?] = [:]
        let options = TraceReadOptions(coordinates: topology.coordinates, residentLimitBytes: residentLimitBytes)
        for trace in workload.traces {
            let contents = TraceReader.readHashed(trace, options: options, diagnostics: diagnostics)
            if let sha256 = contents.sha256 {
                let input = InputFile(path: trace.resolvedPath, sha256: sha256)
                if !inputs.contains(input) { inputs.append(input) }
            }
            for trajectory in contents.trajectories {
                if let first = taken[trajectory.id] {
                    let id = DiagnosticText.quote(trajectory.id)
                    diagnostics.error(
                        .duplicateID,
                        "vehicle \(id) of trace \(DiagnosticText.quote(trace.file)) has the id of another user",
                        at: trajectory.firstLocation,
                        notes: [DiagnosticNote("\(id) is first defined here", at: first)])
                    continue
                }
                let motion = trajectory.motion(projection: topology.projection)
                guard let start = trajectory.waypoints(projection: topology.projection).first else { continue }
                // The strongest base station at the first sample (ties to the lower index).
                guard
                    let station = topology.baseStations.max(by: { a, b in
                        let (ra, rb) = (a.rssi(at: start.position).value, b.rssi(at: start.position).value)
                        return ra < rb || (ra == rb && a.index > b.index)
                    })
                else { continue }
                if nearestServer[station.index] == nil {
                    nearestServer[station.index] = Self.nearestServer(from: station.index, topology: topology)
                }
                guard let server = nearestServer[station.index] ?? nil else {
                    diagnostics.error(
                        .unreachableAttachment,
                        "vehicle \(DiagnosticText.quote(trajectory.id)) starts nearest base station \"\(station.id)\", which reaches no server",
                        at: trajectory.firstLocation)
                    continue
                }
                taken[trajectory.id] = trajectory.firstLocation
                users.append(
                    User(
                        id: trajectory.id, app: trace.app,
                        attachment: Attachment(baseStation: station.index, server: server),
                        motion: motion, measuredRSSI: [:], location: trajectory.firstLocation))
            }
        }
        let withTraces = Workload(
            name: workload.name, epoch: workload.epoch, users: users, traces: workload.traces,
            location: workload.location)
        return (withTraces, inputs)
    }

    static func nearestServer(from station: BaseStationIndex, topology: Topology) -> ServerIndex? {
        let paths = topology.graph.paths(from: topology.node(station))
        return topology.servers.compactMap { server in
            paths[topology.node(server.index).rawValue].map { (server: server, rtt: $0.rttNanoseconds) }
        }.min { a, b in (a.rtt, a.server.tier, a.server.id) < (b.rtt, b.server.tier, b.server.id) }?.server.index
    }
}
