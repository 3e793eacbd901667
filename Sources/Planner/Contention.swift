public import EdgeModel
import MILP
public import Solving

/// Where an infeasible part of the program is most oversubscribed, for a part too large for the
/// deletion filter: which servers and base stations the part's users compete for, the demand of
/// the users that can reach each against what it has, the most overloaded first. Not a proof of
/// which rows conflict (users may spread over several servers), but it names the users, servers
/// and base stations to look at.
public struct Contention: Sendable, Hashable {
    /// One capacity row (a server's resource) or user limit (a base station's) and the users whose
    /// candidates reach it.
    public struct Pressure: Sendable, Hashable {
        public enum Place: Sendable, Hashable {
            case server(ServerIndex, ResourceKind)
            case baseStation(BaseStationIndex)
        }

        public let place: Place
        /// What every user that can reach it would need there (cores, bytes, bps; users for a base
        /// station).
        public let demand: Double
        /// What it has left for this program (after background load and reservations).
        public let capacity: Double
        /// The users that can reach it, by index into `Problem.workload.users`.
        public let users: [Int]

        /// Demand over capacity; infinite when nothing is left.
        public var load: Double { capacity > 0 ? demand / capacity : .infinity }
    }

    /// The part's totals of one resource, when its users need more than all its servers have.
    public struct Shortfall: Sendable, Hashable {
        public let resource: ResourceKind
        public let demand: Double
        public let capacity: Double
        public let servers: [ServerIndex]
    }

    /// Rows of the part.
    public let rows: Int
    /// Users of the part, by index.
    public let users: [Int]
    /// Resources of which the part's users need more than all of the part's servers have: then
    /// no placement can work.
    public let shortfalls: [Shortfall]
    /// The most loaded places, most overloaded first (at most `Contention.shownPlaces`).
    public let pressures: [Pressure]

    /// How many places a finding names.
    public static let shownPlaces = 5

    /// The contention of `component`, a part of `lowered`'s program.
    public init(component: ModelComponent, lowered: LoweredModel, problem: Problem) {
        let users = problem.workload.users
        var reachingServer: [ServerIndex: Set<Int>] = [:]
        var reachingStation: [BaseStationIndex: Set<Int>] = [:]
        var partUsers = Set<Int>()
        for column in component.columns {
            let origin = lowered.columns[column]
            guard let candidate = lowered.candidates[origin.user]?.candidates[origin.candidate] else { continue }
            partUsers.insert(origin.user)
            reachingServer[candidate.server, default: []].insert(origin.user)
            reachingStation[candidate.baseStation, default: []].insert(origin.user)
        }
        func demand(_ user: Int, _ kind: ResourceKind) -> Double { problem.apps[users[user].app].resources[kind] }

        var pressures: [Pressure] = []
        var capacityByKind: [ResourceKind: (capacity: Double, servers: [ServerIndex])] = [:]
        for (position, row) in component.rows.enumerated() {
            // The row's bound is what is left for this program, in model units.
            let bound = component.model.constraints[position].upper
            switch lowered.rows[row] {
            case .assignment: continue
            case .capacity(let server, let kind):
                let reaching = (reachingServer[server] ?? []).sorted()
                let capacity = bound * kind.modelUnit
                pressures.append(
                    Pressure(
                        place: .server(server, kind), demand: reaching.reduce(0) { $0 + demand($1, kind) },
                        capacity: capacity, users: reaching))
                capacityByKind[kind, default: (0, [])].capacity += capacity
                capacityByKind[kind, default: (0, [])].servers.append(server)
            case .userLimit(let station):
                let reaching = (reachingStation[station] ?? []).sorted()
                pressures.append(
                    Pressure(
                        place: .baseStation(station), demand: Double(reaching.count), capacity: bound, users: reaching))
            }
        }
        var shortfalls: [Shortfall] = []
        for kind in ResourceKind.allCases {
            guard let total = capacityByKind[kind] else { continue }
            let needed = partUsers.reduce(0) { $0 + demand($1, kind) }
            if needed > total.capacity {
                shortfalls.append(
                    Shortfall(resource: kind, demand: needed, capacity: total.capacity, servers: total.servers.sorted())
                )
            }
        }
        // Most overloaded first; among equals, the place that more users compete for.
        pressures.sort { ($0.load, $0.users.count) > ($1.load, $1.users.count) }
        let overloaded = pressures.filter { $0.load > 1 }
        self.rows = component.rows.count
        self.users = partUsers.sorted()
        self.shortfalls = shortfalls
        self.pressures = Array((overloaded.isEmpty ? pressures : overloaded).prefix(Self.shownPlaces))
    }

    /// The contention as sentences with ids.
    func describe(_ problem: Problem) -> String {
        let topology = problem.topology
        let limit = InfeasibilityExplainer.deletionFilterRowLimit
        var out =
            "the conflicting part has \(rows) rows, more than the deletion filter examines (\(limit)); "
            + "its \(users.count) users are \(Self.list(users.map { problem.workload.users[$0].id }))"
        for shortfall in shortfalls {
            out +=
                "; they need \(ResourceText.amount(shortfall.demand, shortfall.resource)) of \(shortfall.resource.rawValue) "
                + "in all, and the \(shortfall.servers.count) servers they can reach have "
                + "\(ResourceText.amount(shortfall.capacity, shortfall.resource)): "
                + Self.list(shortfall.servers.map { topology.servers[$0.rawValue].id })
        }
        guard !pressures.isEmpty else { return out }
        let heading = pressures.contains { $0.load > 1 } ? "most overloaded" : "most contended"
        out += "; \(heading): "
        out += pressures.map { pressure in
            let reaching = "the \(pressure.users.count) users that can reach it"
            let who = Self.list(pressure.users.map { problem.workload.users[$0].id })
            let percent = pressure.capacity > 0 ? " (\(Int((pressure.load * 100).rounded())) %)" : ""
            switch pressure.place {
            case .server(let server, let kind):
                return "server \"\(topology.servers[server.rawValue].id)\" has "
                    + "\(ResourceText.amount(pressure.capacity, kind)) of \(kind.rawValue), \(reaching) need "
                    + "\(ResourceText.amount(pressure.demand, kind))\(percent): \(who)"
            case .baseStation(let station):
                return "base station \"\(topology.baseStations[station.rawValue].id)\" serves at most "
                    + "\(Int(pressure.capacity)) users, \(pressure.users.count) can hear it\(percent): \(who)"
            }
        }.joined(separator: "; ")
        return out
    }

    /// A few quoted ids and how many more.
    static func list(_ ids: [String], shown: Int = 5) -> String {
        let quoted = ids.prefix(shown).map { "\"\($0)\"" }.joined(separator: ", ")
        return ids.count > shown ? "\(quoted) and \(ids.count - shown) more" : quoted
    }
}
