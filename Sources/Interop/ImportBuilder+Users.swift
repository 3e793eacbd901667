import Diagnostics
import EdgeModel
import Foundation

extension ImportBuilder {
    /// The projection `edgeplan check` will use: equirectangular about the centroid of the base
    /// stations, averaged in the order they are written (the same sums, so the same plane).
    var projection: EquirectangularProjection {
        let count = Double(stations.count)
        return EquirectangularProjection(
            referenceLongitudeDegrees: stations.map(\.position.longitude).reduce(0, +) / count,
            referenceLatitudeDegrees: stations.map(\.position.latitude).reduce(0, +) / count)
    }

    /// The imported elements as edgeplan's model, to attach users exactly as `check` will see them.
    func model() -> Topology {
        let location = SourceLocation.startOf("import")
        let projection = projection
        let radio = RadioModel(
            pathLoss: options.pathLoss, noise: RadioModel.default.noise, channelWidth: RadioModel.default.channelWidth)
        let baseStations = stations.enumerated().map { index, station in
            BaseStation(
                id: station.id, index: BaseStationIndex(index),
                position: projection.project(
                    longitudeDegrees: station.position.longitude, latitudeDegrees: station.position.latitude),
                technology: RadioTechnology(rawValue: station.technology) ?? .other, txPower: station.txPower,
                peakRate: BitsPerSecond(station.peakRateMbps * 1e6), maxUsers: nil, handoverTime: Seconds(0.5),
                radio: radio, location: location, zone: station.zone)
        }
        let modelServers = servers.enumerated().map { index, entry in
            Server(
                id: entry.server.id, index: ServerIndex(index), tier: entry.server.tier, compute: 1,
                capacity: .zero, used: .zero, checkpointCost: SecondsPerByte(1e-9), restoreCost: SecondsPerByte(1e-9),
                cachedApps: [], location: location)
        }
        var nodes: [String: NodeIndex] = [:]
        for station in baseStations { nodes[station.id] = NodeIndex(station.index.rawValue) }
        for server in modelServers { nodes[server.id] = NodeIndex(baseStations.count + server.index.rawValue) }
        let modelLinks = links.compactMap { link -> Link? in
            guard let a = nodes[link.ends.0], let b = nodes[link.ends.1] else { return nil }
            return Link(
                endpoints: (a, b), bandwidth: BitsPerSecond(link.bandwidthMbps * 1e6),
                rttNanoseconds: Int64((link.rttMilliseconds * 1e6).rounded()), location: location)
        }
        return Topology(
            name: scenario.name, coordinates: .geographic, projection: projection, baseStations: baseStations,
            servers: modelServers, links: modelLinks, location: location)
    }

    /// UEs → users: their motion, and an attachment to the strongest base station at t = 0 and
    /// the server of least RTT from it (ties: edge, regional, cloud, then id), the rule edgeplan
    /// uses for users of traces.
    mutating func users() throws -> [AdvantEDGEImport.User] {
        let topology = model()
        let motionBuilder = UEMotionBuilder(projection: projection, cycles: options.cycles)
        var users: [AdvantEDGEImport.User] = []
        var nearest: [BaseStationIndex: (server: Server, rtt: Int64)?] = [:]
        for (_, _, location, node) in scenario.physicalLocations where node.type == "UE" {
            guard
                let (motion, motionNotes) = try motionBuilder.motion(
                    of: node, pointOfAccess: location, warnings: &warnings)
            else { continue }
            let start: AdvantEDGEScenario.GeoPoint
            switch motion {
            case .still(let point): start = point
            case .trajectory(let waypoints):
                start = waypoints.first?.point ?? AdvantEDGEScenario.GeoPoint(longitude: 0, latitude: 0)
            }
            let point = motionBuilder.plane(start)
            guard
                let station = topology.baseStations.max(by: { a, b in
                    let (ra, rb) = (a.rssi(at: point).value, b.rssi(at: point).value)
                    return ra < rb || (ra == rb && a.index > b.index)
                })
            else { continue }
            if nearest[station.index] == nil {
                let paths = topology.graph.paths(from: topology.node(station.index))
                nearest[station.index] = topology.servers.compactMap { server in
                    paths[topology.node(server.index).rawValue].map { (server: server, rtt: $0.rttNanoseconds) }
                }.min { a, b in (a.rtt, a.server.tier, a.server.id) < (b.rtt, b.server.tier, b.server.id) }
            }
            guard let choice = nearest[station.index] ?? nil else { continue }
            var notes = motionNotes
            let rssi = station.rssi(at: point).value
            notes.append(
                "attached to the strongest base station at t = 0 (\(String(format: "%.1f", rssi)) dBm\(rssi < options.rssiMin.value ? ", below rssiMin" : "")) and its nearest server (RTT \(ScenarioValue.decimal(Double(choice.rtt) / 1e6)) ms); the scenario lists it under \"\(location.name)\""
            )
            // AdvantEDGE's names are unique; a repeated one still makes a user of its own.
            var id = node.name
            var suffix = 2
            while users.contains(where: { $0.id == id }) {
                id = "\(node.name)-\(suffix)"
                suffix += 1
            }
            if id != node.name { notes.append("renamed from \"\(node.name)\": another UE has that name") }
            users.append(
                AdvantEDGEImport.User(
                    id: id, app: options.app, baseStation: station.id, server: choice.server.id, motion: motion,
                    notes: notes))
        }
        return users
    }
}
