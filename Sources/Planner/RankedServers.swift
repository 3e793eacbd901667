public import EdgeModel

/// The servers one base station reaches, tier by tier, each tier nearest first: the order in which
/// pricing visits a base station's candidates, so that it can stop as soon as no farther server
/// could pay off.
public struct RankedServers: Sendable {
    /// A reachable server and the best path to it, in 24 bytes (a city holds millions).
    public struct Entry: Sendable {
        public let server: Int32
        public let hops: Int32
        public let rttNanoseconds: Int64
        public let bottleneckBitsPerSecond: Double

        public var index: ServerIndex { ServerIndex(Int(server)) }
        public var metrics: PathMetrics {
            PathMetrics(
                rttNanoseconds: rttNanoseconds, bottleneck: BitsPerSecond(bottleneckBitsPerSecond), hops: Int(hops))
        }
    }

    /// One list per tier (`ServerTier.allCases` order), by RTT, ties by server index.
    public let tiers: [[Entry]]
    /// Per tier and position: the largest compute of that entry and every later one, so
    /// `p / bestComputeFrom[i]` bounds the processing time of every server from position i on.
    public let bestComputeFrom: [[Double]]

    /// Per server index: where it stands (tier, position), packed as tier << 24 | position; −1 where
    /// the list does not hold it.
    let place: [Int32]

    public var count: Int { tiers.reduce(0) { $0 + $1.count } }

    /// The entry of a server, when the lists hold it.
    public func entry(of server: ServerIndex) -> Entry? {
        guard server.rawValue < place.count, place[server.rawValue] >= 0 else { return nil }
        let packed = Int(place[server.rawValue])
        return tiers[packed >> 24][packed & 0xFF_FFFF]
    }

    /// Ranks `found` (servers with their paths) by tier and RTT.
    init(_ found: [(server: ServerIndex, metrics: PathMetrics)], topology: Topology) {
        var tiers = [[Entry]](repeating: [], count: ServerTier.allCases.count)
        for (server, metrics) in found {
            let tier = ServerTier.allCases.firstIndex(of: topology.servers[server.rawValue].tier) ?? 0
            tiers[tier].append(
                Entry(
                    server: Int32(server.rawValue), hops: Int32(clamping: metrics.hops),
                    rttNanoseconds: metrics.rttNanoseconds, bottleneckBitsPerSecond: metrics.bottleneck.value))
        }
        for tier in tiers.indices {
            tiers[tier].sort { ($0.rttNanoseconds, $0.server) < ($1.rttNanoseconds, $1.server) }
        }
        self.tiers = tiers
        var place = [Int32](repeating: -1, count: topology.servers.count)
        for (tier, list) in tiers.enumerated() {
            for (position, entry) in list.enumerated() { place[Int(entry.server)] = Int32(tier << 24 | position) }
        }
        self.place = place
        bestComputeFrom = tiers.map { list in
            var best = [Double](repeating: 0, count: list.count)
            var running = 0.0
            for position in list.indices.reversed() {
                running = max(running, topology.servers[Int(list[position].server)].compute)
                best[position] = running
            }
            return best
        }
    }
}

extension PathCache {
    /// The servers `bs` reaches within `limit` of RTT (and, with `perTier`, the nearest that many of
    /// each tier), ranked for pricing. Computed once per key.
    public func rankedServers(from bs: BaseStationIndex, withinNanoseconds limit: Int64?, perTier: Int?)
        -> RankedServers
    {
        ranked(RankedKey(source: bs.rawValue, limitNanoseconds: limit, perTier: perTier)) {
            let found: [(server: ServerIndex, metrics: PathMetrics)]
            if perTier != nil {
                // The same short list candidate generation uses (nearest per tier by RTT, ties by id).
                found = servers(reachableFrom: bs, withinNanoseconds: limit, perTier: perTier)
            } else if let limit {
                found = topology.graph.paths(from: topology.node(bs), withinNanoseconds: limit).compactMap { entry in
                    topology.serverIndex(of: entry.node).map { (server: $0, metrics: entry.metrics) }
                }
            } else {
                let all = topology.graph.paths(from: topology.node(bs))
                found = topology.servers.compactMap { server in
                    all[topology.node(server.index).rawValue].map { (server.index, $0) }
                }
            }
            return RankedServers(found, topology: topology)
        }
    }
}

/// The key of a ranked list.
struct RankedKey: Hashable {
    let source: Int
    let limitNanoseconds: Int64?
    let perTier: Int?
}
