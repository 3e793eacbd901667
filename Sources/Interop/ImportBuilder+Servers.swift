import EdgeModel

extension ImportBuilder {
    /// Servers: the scenario's compute nodes, or edge servers per point of access or per zone in
    /// place of its edge and fog nodes; and a cloud, the scenario's distant clouds or, when it has
    /// none, one for its public domain.
    mutating func addServers() throws {
        switch options.servers {
        case .none: break
        case .perPoA: addServerPerPointOfAccess()
        case .perZone: addServerPerZone()
        }
        var hasCloud = false
        let hierarchy = hierarchy
        for (domain, zone, location, node) in scenario.physicalLocations {
            let element = "\(node.type.isEmpty ? "physical location" : node.type) \"\(node.name)\""
            let tier: ServerTier
            let anchor: (String) -> NetworkHierarchy.Anchor
            switch node.type {
            case "UE": continue
            case "FOG", "EDGE":
                guard options.servers == .none else {
                    warnings.add(.replacedServers, "\(element) in zone \"\(zone.name)\"")
                    continue
                }
                tier = .edge
                anchor =
                    node.type == "FOG"
                    ? { hierarchy.fog($0, node: node.netChar, at: location, zone: zone, domain: domain) }
                    : { hierarchy.edge($0, node: node.netChar, zone: zone, domain: domain) }
            case "CN":
                // A core-network node: deeper than the edge, so a regional server, placed like an edge node.
                tier = .regional
                anchor = { hierarchy.edge($0, node: node.netChar, zone: zone, domain: domain) }
            case "DC":
                tier = .cloud
                hasCloud = true
                anchor = { hierarchy.cloud($0, node: node.netChar) }
            default:
                warnings.add(.unknownType, "\(element) in network location \"\(location.name)\"")
                continue
            }
            if let position = node.location {
                warnings.add(.computeLocations, "\(element) at [\(position.longitude), \(position.latitude)]")
            }
            let id = uniqueID(node.name)
            let origin = "\(element) of zone \"\(zone.name)\", domain \"\(domain.name)\""
            addServer(id: id, tier: tier, origin: origin, anchor: anchor(id))
        }
        if !hasCloud, let publicDomain = scenario.deployment.domains.first(where: { $0.type == "PUBLIC" }) {
            let id = uniqueID("cloud")
            warnings.add(.publicDomainCloud, "domain \"\(publicDomain.name)\" → server \"\(id)\"")
            addServer(
                id: id, tier: .cloud, origin: "the public domain \"\(publicDomain.name)\" (a distant cloud in it)",
                anchor: hierarchy.cloud(id, node: AdvantEDGEScenario.NetworkCharacteristics()))
        }
        guard !servers.isEmpty else {
            throw ScenarioReadError.invalid(
                "scenario \"\(scenario.name)\" has no edge, fog or cloud node and no public domain: place edge servers with --servers per-poa or --servers per-zone"
            )
        }
        for tier in ServerTier.allCases {
            let count = servers.filter { $0.server.tier == tier }.count
            guard count > 0 else { continue }
            warnings.add(
                .assumedCapacities,
                "\(count) \(tier.rawValue) server\(count == 1 ? "" : "s"): \(ServerCapacity.assumed(for: tier).description) each"
            )
        }
        // Edge servers first, then regional, then cloud, each in the order they were met.
        servers = ServerTier.allCases.flatMap { tier in servers.filter { $0.server.tier == tier } }
    }

    /// One edge server at each point of access: a fog node there with no characteristics of its own.
    private mutating func addServerPerPointOfAccess() {
        for (stationID, domain, zone, location) in stationSources {
            let id = uniqueID("mec-\(stationID)")
            addServer(
                id: id, tier: .edge, origin: "placed at point of access \"\(location.name)\" (--servers per-poa)",
                anchor: hierarchy.fog(
                    id, node: AdvantEDGEScenario.NetworkCharacteristics(), at: location, zone: zone, domain: domain))
        }
    }

    /// One edge server in each zone with points of access: an edge node there, no characteristics of its own.
    private mutating func addServerPerZone() {
        for domain in scenario.deployment.domains {
            for zone in domain.zones
            where stations.contains(where: { $0.zone == zone.name && $0.domain == domain.name }) {
                let id = uniqueID("mec-\(zone.name)")
                addServer(
                    id: id, tier: .edge, origin: "placed in zone \"\(zone.name)\" (--servers per-zone)",
                    anchor: hierarchy.edge(
                        id, node: AdvantEDGEScenario.NetworkCharacteristics(), zone: zone, domain: domain))
            }
        }
    }

    private mutating func addServer(id: String, tier: ServerTier, origin: String, anchor: NetworkHierarchy.Anchor) {
        servers.append(
            (AdvantEDGEImport.Server(id: id, tier: tier, capacity: .assumed(for: tier), origin: origin), anchor))
    }
}
