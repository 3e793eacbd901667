import EdgeModel
import Foundation

/// Converts an AdvantEDGE scenario into edgeplan elements (`docs/advantedge.md`): points of access
/// become base stations, compute nodes (or the servers `--servers` places) become servers, the
/// network characteristics become links, and UEs become users.
public enum AdvantEDGEImporter {
    /// The conversion; `readWarnings` are those of reading the scenario, kept in the result.
    public static func convert(
        _ scenario: AdvantEDGEScenario, readWarnings: [ImportWarning] = [], options: AdvantEDGEImportOptions
    ) throws -> AdvantEDGEImport {
        guard options.cycles >= 1 else { throw ScenarioReadError.invalid("cycles must be at least 1") }
        var builder = ImportBuilder(scenario: scenario, options: options)
        for warning in readWarnings { builder.warnings.add(warning) }
        try builder.addStations()
        try builder.addServers()
        builder.addLinks()
        let users = try builder.users()
        return AdvantEDGEImport(
            scenarioName: scenario.name, scenarioVersion: scenario.version, options: options,
            stations: builder.stations, servers: builder.servers.map(\.server), links: builder.links, users: users,
            warnings: builder.warnings.warnings)
    }
}

/// The state of one conversion.
struct ImportBuilder {
    let scenario: AdvantEDGEScenario
    let options: AdvantEDGEImportOptions
    let hierarchy: NetworkHierarchy
    var warnings = ImportWarningCollector()
    /// Base stations and servers share one namespace in edgeplan.
    var takenIDs: Set<String> = []
    var stations: [AdvantEDGEImport.Station] = []
    /// Where a UE attached to each base station sits in the hierarchy, by station id.
    var stationAnchors: [String: NetworkHierarchy.Anchor] = [:]
    /// Each base station's id and the point of access it comes from.
    var stationSources:
        [(
            id: String, domain: AdvantEDGEScenario.Domain, zone: AdvantEDGEScenario.Zone,
            location: AdvantEDGEScenario.NetworkLocation
        )] =
            []
    var servers: [(server: AdvantEDGEImport.Server, anchor: NetworkHierarchy.Anchor)] = []
    var links: [AdvantEDGEImport.Link] = []

    /// A point of access with no radius is given this one.
    static let assumedRadiusMeters = 100.0

    init(scenario: AdvantEDGEScenario, options: AdvantEDGEImportOptions) {
        self.scenario = scenario
        self.options = options
        self.hierarchy = NetworkHierarchy(deployment: scenario.deployment.netChar)
    }

    /// `wanted`, or `wanted-2`, `wanted-3`… when another element has that id.
    mutating func uniqueID(_ wanted: String) -> String {
        var id = wanted
        var suffix = 2
        while takenIDs.contains(id) {
            id = "\(wanted)-\(suffix)"
            suffix += 1
        }
        takenIDs.insert(id)
        return id
    }

    /// Points of access → base stations, with transmit powers calibrated to their radii.
    mutating func addStations() throws {
        for (domain, zone, location) in scenario.pointsOfAccess {
            guard let kind = PointOfAccessKind(location.type) else { continue }
            let element = "point of access \"\(location.name)\""
            guard let position = location.location else {
                warnings.add(.skipped, "\(element): no location")
                continue
            }
            var radius = location.radiusMeters ?? 0
            if radius <= 0 {
                warnings.add(
                    .assumedRadius, "\(element): \(ScenarioValue.decimal(Self.assumedRadiusMeters)) m (it has none)")
                radius = Self.assumedRadiusMeters
            } else if radius < options.pathLoss.referenceDistance.value {
                warnings.add(
                    .assumedRadius,
                    "\(element): \(ScenarioValue.decimal(radius)) m is covered as the reference distance")
            }
            let id = uniqueID(location.name)
            stations.append(
                AdvantEDGEImport.Station(
                    id: id, zone: zone.name, domain: domain.name, technology: kind.technology, position: position,
                    radiusMeters: radius,
                    txPower: CoverageCalibration.transmitPower(
                        radius: Meters(radius), rssiMin: options.rssiMin, pathLoss: options.pathLoss),
                    peakRateMbps: location.netChar.symmetricThroughputMbps))
            stationAnchors[id] = hierarchy.user(at: location, zone: zone, domain: domain)
            stationSources.append((id, domain, zone, location))
        }
        guard !stations.isEmpty else {
            throw ScenarioReadError.invalid(
                "scenario \"\(scenario.name)\" has no point of access with a location (POA, POA-4G, POA-5G, POA-WIFI)")
        }
    }

    /// Links: one for every base station–server pair and every pair of servers, with the round
    /// trip and throughput of AdvantEDGE's path between them. Being a tree distance, no path
    /// through other nodes is shorter, so edgeplan's least-RTT paths are these links.
    mutating func addLinks() {
        for station in stations {
            guard let anchor = stationAnchors[station.id] else { continue }
            for (server, serverAnchor) in servers {
                links.append(link(station.id, anchor, server.id, serverAnchor))
            }
        }
        for (i, a) in servers.enumerated() {
            for b in servers[(i + 1)...] { links.append(link(a.server.id, a.anchor, b.server.id, b.anchor)) }
        }
    }

    private func link(
        _ a: String, _ anchorA: NetworkHierarchy.Anchor, _ b: String, _ anchorB: NetworkHierarchy.Anchor
    ) -> AdvantEDGEImport.Link {
        let path = hierarchy.path(anchorA, anchorB)
        return AdvantEDGEImport.Link(
            ends: (a, b), rttMilliseconds: path.rttMilliseconds, bandwidthMbps: path.bandwidthMbps,
            explanation: path.explanation)
    }
}
