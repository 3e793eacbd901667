/// AdvantEDGE's network as a tree, for the latency and throughput between any two places in it.
///
/// AdvantEDGE emulates paths, not links: between two processes its segment algorithm
/// (go-packages/meep-net-char-mgr/algo-segment.go, `createPath`) adds one-way latencies of the
/// segments the packet crosses, and the throughput is the smallest of theirs. From the source:
/// its node; the terminal link of its point of access if it is a UE; its zone and the
/// destination's zone (each counted, also when the zone is the same) unless it stops at the same
/// point of access; the two domains unless it stops in one zone; and the deployment twice
/// (uplink and downlink) between domains. A distant cloud (DC) skips zone and domain. Latency is
/// applied to every packet in each direction ("a total latency of 10ms between 2 nodes = 30ms
/// TCP session establishment time", docs/overview/overview-architecture.md), so AdvantEDGE's
/// latency is one way and the round trip is twice the sum.
///
/// That is the distance on a tree whose hops carry the latencies: UE → point of access (terminal
/// link), point of access → zone, zone → domain, domain → deployment; a fog node hangs at its
/// point of access, an edge node at its zone (its hop carries the zone's latency too), a distant
/// cloud at the deployment (its hop carries the inter-domain latency). Being a tree distance, it
/// obeys the triangle inequality, so a path through other nodes is never shorter than the
/// direct link edgeplan writes for a pair, and paths keep the RTTs AdvantEDGE would emulate.
struct NetworkHierarchy {
    /// One hop up the tree: the one-way latency and the throughput of the segment it crosses.
    struct Hop {
        let node: String
        let latencyMilliseconds: Double
        let throughputMbps: Double
        let label: String
    }

    /// A place in the tree: its own key, then the hops from it to the root.
    struct Anchor {
        let key: String
        let hops: [Hop]
    }

    /// Round-trip figures between two anchors, and the one-way latencies that make them.
    struct Path {
        let rttMilliseconds: Double
        let bandwidthMbps: Double
        /// `2 × (terminal link 1 + zone "zone01" 5 + ...)`, for a comment beside the link.
        let explanation: String
    }

    let deployment: AdvantEDGEScenario.NetworkCharacteristics

    private static func domainKey(_ domain: AdvantEDGEScenario.Domain) -> String { "domain/\(domain.name)" }
    private static func zoneKey(_ domain: AdvantEDGEScenario.Domain, _ zone: AdvantEDGEScenario.Zone) -> String {
        "zone/\(domain.name)/\(zone.name)"
    }

    /// The hops from a zone up to the root: its domain's, then the deployment's.
    private func hops(from domain: AdvantEDGEScenario.Domain) -> [Hop] {
        [
            Hop(
                node: Self.domainKey(domain), latencyMilliseconds: domain.netChar.latency,
                throughputMbps: domain.netChar.symmetricThroughputMbps, label: "domain \(domain.name)"),
            Hop(
                node: "deployment", latencyMilliseconds: deployment.latency,
                throughputMbps: deployment.symmetricThroughputMbps, label: "inter-domain"),
        ]
    }

    /// A UE at a point of access. The terminal link's throughput is the base station's peak rate
    /// in edgeplan, so it does not bound the wired link as well.
    func user(
        at location: AdvantEDGEScenario.NetworkLocation, zone: AdvantEDGEScenario.Zone,
        domain: AdvantEDGEScenario.Domain
    )
        -> Anchor
    {
        let point = "poa/\(domain.name)/\(zone.name)/\(location.name)"
        return Anchor(
            key: "ue@\(point)",
            hops: [
                Hop(
                    node: point, latencyMilliseconds: location.netChar.latency, throughputMbps: .infinity,
                    label: "terminal link \(location.name)"),
                Hop(
                    node: Self.zoneKey(domain, zone), latencyMilliseconds: zone.netChar.latency,
                    throughputMbps: zone.netChar.symmetricThroughputMbps, label: "zone \(zone.name)"),
            ] + hops(from: domain))
    }

    /// A fog node at a network location (a point of access), with its own characteristics.
    func fog(
        _ key: String, node: AdvantEDGEScenario.NetworkCharacteristics, at location: AdvantEDGEScenario.NetworkLocation,
        zone: AdvantEDGEScenario.Zone, domain: AdvantEDGEScenario.Domain
    ) -> Anchor {
        Anchor(
            key: key,
            hops: [
                Hop(
                    node: "poa/\(domain.name)/\(zone.name)/\(location.name)", latencyMilliseconds: node.latency,
                    throughputMbps: node.symmetricThroughputMbps, label: "node \(key)"),
                Hop(
                    node: Self.zoneKey(domain, zone), latencyMilliseconds: zone.netChar.latency,
                    throughputMbps: zone.netChar.symmetricThroughputMbps, label: "zone \(zone.name)"),
            ] + hops(from: domain))
    }

    /// An edge node in a zone: its hop to the zone crosses its own link and the zone.
    func edge(
        _ key: String, node: AdvantEDGEScenario.NetworkCharacteristics, zone: AdvantEDGEScenario.Zone,
        domain: AdvantEDGEScenario.Domain
    ) -> Anchor {
        Anchor(
            key: key,
            hops: [
                Hop(
                    node: Self.zoneKey(domain, zone), latencyMilliseconds: node.latency + zone.netChar.latency,
                    throughputMbps: min(node.symmetricThroughputMbps, zone.netChar.symmetricThroughputMbps),
                    label: node.latency > 0 ? "node \(key) + zone \(zone.name)" : "zone \(zone.name)")
            ] + hops(from: domain))
    }

    /// A distant cloud: AdvantEDGE skips its zone and domain and crosses the inter-domain segment.
    func cloud(_ key: String, node: AdvantEDGEScenario.NetworkCharacteristics) -> Anchor {
        Anchor(
            key: key,
            hops: [
                Hop(
                    node: "deployment", latencyMilliseconds: node.latency + deployment.latency,
                    throughputMbps: min(node.symmetricThroughputMbps, deployment.symmetricThroughputMbps),
                    label: node.latency > 0 ? "node \(key) + inter-domain" : "inter-domain")
            ])
    }

    /// The round trip between two anchors: up from each to their lowest common ancestor.
    func path(_ a: Anchor, _ b: Anchor) -> Path {
        let bNodes = [b.key] + b.hops.map(\.node)
        // The common ancestor is the first node of a's chain that b's chain has (the root at worst).
        let aNodes = [a.key] + a.hops.map(\.node)
        let meeting = aNodes.first { bNodes.contains($0) } ?? "deployment"
        let upA = Array(a.hops.prefix(aNodes.firstIndex(of: meeting) ?? a.hops.count))
        let upB = Array(b.hops.prefix(bNodes.firstIndex(of: meeting) ?? b.hops.count))
        let crossed = upA + upB.reversed()
        let oneWay = crossed.map(\.latencyMilliseconds).reduce(0, +)
        let bandwidth = crossed.map(\.throughputMbps).min() ?? .infinity
        let terms = crossed.filter { $0.latencyMilliseconds > 0 }.map {
            "\($0.label) \(ScenarioValue.decimal($0.latencyMilliseconds))"
        }
        let explanation = terms.isEmpty ? "no latency on the path" : "2 × (\(terms.joined(separator: " + "))) ms"
        return Path(
            rttMilliseconds: 2 * oneWay,
            bandwidthMbps: bandwidth.isFinite
                ? bandwidth : AdvantEDGEScenario.NetworkCharacteristics.defaultThroughputMbps,
            explanation: explanation)
    }
}
