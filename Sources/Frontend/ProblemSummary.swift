public import EdgeModel

/// What `edgeplan check` reports about a valid problem.
public struct ProblemSummary: Sendable {
    /// Candidate pairs of one user after the RSSI rule (3d) and reachability.
    public struct UserCandidates: Sendable {
        public let user: String
        public let attachment: String
        public let keptBaseStations: Int
        public let candidates: Int
    }

    public let baseStations: Int
    public let serversByTier: [ServerTier: Int]
    public let links: Int
    public let users: Int
    public let traces: Int
    public let appsDefined: Int
    /// Names of the apps the workload uses, sorted.
    public let appsUsed: [String]
    public let unreachablePairs: Int
    public let isolatedServers: [String]
    public let perUser: [UserCandidates]
    /// Base stations no user keeps at t or t' (ids, in topology order).
    public let inaudibleBaseStations: [String]
    /// The planning time the candidates are computed at.
    public let time: Seconds

    public init(problem: Problem, time: Seconds = .zero) {
        let topology = problem.topology
        let policy = problem.policy
        self.time = time
        baseStations = topology.baseStations.count
        serversByTier = Dictionary(grouping: topology.servers, by: \.tier).mapValues(\.count)
        links = topology.links.count
        users = problem.workload.users.count
        traces = problem.workload.traces.count
        appsDefined = problem.apps.count
        appsUsed = Set(problem.workload.users.map(\.app) + problem.workload.traces.map(\.app))
            .map { problem.apps[$0].name }.sorted()
        let census = ReachabilityCensus(topology: topology)
        unreachablePairs = census.unreachablePairs
        isolatedServers = census.isolatedServers.map { topology.servers[$0.rawValue].id }
        let coverage = Coverage(topology: topology, rssiMin: policy.rssiMin, rule: policy.rssiRule)
        var heard = [Bool](repeating: false, count: topology.baseStations.count)
        perUser = problem.workload.users.map { user in
            let kept = coverage.keptBaseStations(for: user, at: time, horizon: policy.horizon)
            let sourceComponent = topology.graph.component[topology.node(user.attachment.server).rawValue]
            var candidates = 0
            for bs in kept {
                heard[bs.rawValue] = true
                if topology.graph.component[topology.node(bs).rawValue] == sourceComponent {
                    candidates += census.serverCount(reachableFrom: bs, in: topology)
                }
            }
            let attachment =
                "\(topology.baseStations[user.attachment.baseStation.rawValue].id)/\(topology.servers[user.attachment.server.rawValue].id)"
            return UserCandidates(
                user: user.id, attachment: attachment, keptBaseStations: kept.count, candidates: candidates)
        }
        inaudibleBaseStations = users == 0 ? [] : topology.baseStations.filter { !heard[$0.index.rawValue] }.map(\.id)
    }
}
