import Foundation
public import EdgeModel

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

    public func path(from bs: BaseStationIndex, to server: ServerIndex) -> PathMetrics? {
        paths(from: topology.node(bs))[topology.node(server).rawValue]
    }

    public func path(from source: ServerIndex, to target: ServerIndex) -> PathMetrics? {
        paths(from: topology.node(source))[topology.node(target).rawValue]
    }
}
