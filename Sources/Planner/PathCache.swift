public import EdgeModel
import Foundation

/// Best paths that planning asks about, each search done once.
///
/// City-scale planning asks, per base station, for the few servers a candidate may use and, per
/// current server, for the paths to the servers it may migrate to. Keeping whole node arrays per
/// source (as a plain all-pairs cache would) cost hundreds of megabytes on a 2,000-cell city, so
/// only what is asked for is kept: server-indexed arrays, short candidate lists, single pairs.
///
/// Thread-safe: candidates are generated for users in parallel.
public final class PathCache: @unchecked Sendable {
    public let topology: Topology
    private let lock = NSLock()
    private var fullCache: [NodeIndex: [PathMetrics?]] = [:]
    private var serverArrays: [NodeIndex: [PathMetrics?]] = [:]
    private var pairCache: [Pair: PathMetrics?] = [:]
    private var candidateLists: [CandidateListKey: [(server: ServerIndex, metrics: PathMetrics)]] = [:]
    private var rankedLists: [RankedKey: RankedServers] = [:]

    public init(topology: Topology) {
        self.topology = topology
    }

    private struct Pair: Hashable {
        let source: Int
        let target: Int
    }

    private struct CandidateListKey: Hashable {
        let source: NodeIndex
        let limitNanoseconds: Int64?
        let perTier: Int?
    }

    /// Looks `key` up in `cache`, or computes it outside the lock (two threads may both compute
    /// one entry; they get equal values).
    private func cached<Key: Hashable, Value>(
        _ cache: ReferenceWritableKeyPath<PathCache, [Key: Value]>, _ key: Key, compute: () -> Value
    ) -> Value {
        lock.lock()
        if let found = self[keyPath: cache][key] {
            lock.unlock()
            return found
        }
        lock.unlock()
        let computed = compute()
        lock.lock()
        self[keyPath: cache][key] = computed
        lock.unlock()
        return computed
    }

    /// A ranked list (`rankedServers`), computed once per key.
    func ranked(_ key: RankedKey, compute: () -> RankedServers) -> RankedServers {
        cached(\.rankedLists, key, compute: compute)
    }

    /// Best paths from `source` to every node (nil where unreachable). Kept per source: for small
    /// networks and the baselines, which look at every server.
    public func paths(from source: NodeIndex) -> [PathMetrics?] {
        cached(\.fullCache, source) { topology.graph.paths(from: source) }
    }

    /// Best paths from `server` to every server, indexed by `ServerIndex` (nil where unreachable).
    public func serverPaths(from server: ServerIndex) -> [PathMetrics?] {
        let source = topology.node(server)
        return cached(\.serverArrays, source) {
            let all = topology.graph.paths(from: source)
            return topology.servers.map { all[topology.node($0.index).rawValue] }
        }
    }

    /// The servers `bs` reaches, with their paths, in server order. With a limit, only servers at
    /// most that RTT away: a hard maxDelay bounds the RTT of every candidate. With `perTier`, only
    /// the nearest that many of each tier by RTT (ties by id) — the policy's `candidateServers`.
    public func servers(reachableFrom bs: BaseStationIndex, withinNanoseconds limit: Int64?, perTier: Int? = nil)
        -> [(server: ServerIndex, metrics: PathMetrics)]
    {
        let source = topology.node(bs)
        let key = CandidateListKey(source: source, limitNanoseconds: limit, perTier: perTier)
        return cached(\.candidateLists, key) {
            var found: [(server: ServerIndex, metrics: PathMetrics)]
            if let limit, perTier == nil {
                found = topology.graph.paths(from: source, withinNanoseconds: limit).compactMap { entry in
                    topology.serverIndex(of: entry.node).map { (server: $0, metrics: entry.metrics) }
                }
            } else {
                // One array search, not cached: only the short list is kept.
                let all = perTier == nil ? paths(from: source) : topology.graph.paths(from: source)
                found = topology.servers.compactMap { server in
                    all[topology.node(server.index).rawValue].flatMap { metrics in
                        limit.map { metrics.rttNanoseconds <= $0 } ?? true ? (server.index, metrics) : nil
                    }
                }
            }
            if let perTier {
                let servers = topology.servers
                let nearest = found.sorted { a, b in
                    let (sa, sb) = (servers[a.server.rawValue], servers[b.server.rawValue])
                    return (a.metrics.rttNanoseconds, sa.id) < (b.metrics.rttNanoseconds, sb.id)
                }
                var perTierCount: [ServerTier: Int] = [:]
                found = nearest.filter { entry in
                    let tier = servers[entry.server.rawValue].tier
                    guard perTierCount[tier, default: 0] < perTier else { return false }
                    perTierCount[tier, default: 0] += 1
                    return true
                }
            }
            return found.sorted { $0.server < $1.server }
        }
    }

    /// The best path between two nodes; searched once per pair, stopping at the target.
    public func path(from source: NodeIndex, to target: NodeIndex) -> PathMetrics? {
        cached(\.pairCache, Pair(source: source.rawValue, target: target.rawValue)) {
            if let full = lockedLookup(source) { return full[target.rawValue] }
            return topology.graph.path(from: source, to: target)
        }
    }

    private func lockedLookup(_ source: NodeIndex) -> [PathMetrics?]? {
        lock.lock()
        defer { lock.unlock() }
        return fullCache[source]
    }

    public func path(from bs: BaseStationIndex, to server: ServerIndex) -> PathMetrics? {
        path(from: topology.node(bs), to: topology.node(server))
    }

    public func path(from source: ServerIndex, to target: ServerIndex) -> PathMetrics? {
        path(from: topology.node(source), to: topology.node(target))
    }
}
