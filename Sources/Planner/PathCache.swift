public import EdgeModel
import Foundation

/// Best paths from each node that planning asks about, computed once per source.
///
/// Thread-safe: components are lowered in parallel.
public final class PathCache: @unchecked Sendable {
    public let topology: Topology
    private var cache: [NodeIndex: [PathMetrics?]] = [:]
    private let lock = NSLock()

    public init(topology: Topology) {
        self.topology = topology
    }

    /// Best paths from `source` to every node.
    public func paths(from source: NodeIndex) -> [PathMetrics?] {
        lock.lock()
        if let cached = cache[source] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let computed = topology.graph.paths(from: source)
        lock.lock()
        cache[source] = computed
        lock.unlock()
        return computed
    }

    private struct BoundedSearch: Hashable {
        let source: NodeIndex
        let limitNanoseconds: Int64
    }

    private var serverCache: [BoundedSearch: [(server: ServerIndex, metrics: PathMetrics)]] = [:]

    /// The servers `bs` reaches, with their paths, in server order. With a limit, only servers at
    /// most that RTT away: a hard maxDelay bounds the RTT of every candidate, so the search stays
    /// local however large the network is.
    public func servers(reachableFrom bs: BaseStationIndex, withinNanoseconds limit: Int64?) -> [(
        server: ServerIndex, metrics: PathMetrics
    )] {
        let source = topology.node(bs)
        guard let limit else {
            let all = paths(from: source)
            return topology.servers.compactMap { server in
                all[topology.node(server.index).rawValue].map { (server.index, $0) }
            }
        }
        let key = BoundedSearch(source: source, limitNanoseconds: limit)
        lock.lock()
        if let cached = serverCache[key] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let found = topology.graph.paths(from: source, withinNanoseconds: limit)
            .compactMap { entry in topology.serverIndex(of: entry.node).map { (server: $0, metrics: entry.metrics) } }
            .sorted { $0.server < $1.server }
        lock.lock()
        serverCache[key] = found
        lock.unlock()
        return found
    }

    public func path(from bs: BaseStationIndex, to server: ServerIndex) -> PathMetrics? {
        paths(from: topology.node(bs))[topology.node(server).rawValue]
    }

    public func path(from source: ServerIndex, to target: ServerIndex) -> PathMetrics? {
        paths(from: topology.node(source))[topology.node(target).rawValue]
    }
}
