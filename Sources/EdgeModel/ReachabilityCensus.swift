/// Counts over the wired graph's components: which servers each base station reaches.
public struct ReachabilityCensus: Sendable {
    /// Number of servers in each component (keyed by component id).
    public let serversInComponent: [Int: Int]
    /// Base station–server pairs with no path.
    public let unreachablePairs: Int
    /// Servers that no base station reaches.
    public let isolatedServers: [ServerIndex]

    public init(topology: Topology) {
        let graph = topology.graph
        var servers: [Int: Int] = [:]
        for server in topology.servers {
            servers[graph.component[topology.node(server.index).rawValue], default: 0] += 1
        }
        var stations = Set<Int>()
        for bs in topology.baseStations { stations.insert(graph.component[topology.node(bs.index).rawValue]) }
        self.serversInComponent = servers
        self.unreachablePairs = topology.baseStations.reduce(0) { total, bs in
            total + topology.servers.count - (servers[graph.component[topology.node(bs.index).rawValue]] ?? 0)
        }
        self.isolatedServers = topology.servers.filter {
            !stations.contains(graph.component[topology.node($0.index).rawValue])
        }.map(\.index)
    }

    /// Servers reachable from a base station (and so candidates with it, given a reachable source).
    public func serverCount(reachableFrom bs: BaseStationIndex, in topology: Topology) -> Int {
        serversInComponent[topology.graph.component[topology.node(bs).rawValue]] ?? 0
    }
}
