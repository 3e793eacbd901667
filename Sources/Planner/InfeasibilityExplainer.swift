public import EdgeModel
public import MILP
public import Solving

/// One reason a program has no solution, in the policy's terms.
public enum InfeasibilityFinding: Sendable, Hashable {
    /// A user with no candidate pair, and why its pairs were dropped.
    case noCandidate(user: Int, reason: String)
    /// Users that can only use server `server` need more of `resource` than it has left.
    case serverOverloaded(server: ServerIndex, resource: ResourceKind, demand: Double, available: Double, users: [Int])
    /// Users that can only use base station `baseStation` outnumber its user limit.
    case baseStationOverloaded(baseStation: BaseStationIndex, users: [Int], limit: Int)
    /// A set of rows that cannot hold together, found by the deletion filter (irreducible: drop any
    /// one and the rest can be satisfied).
    case conflictingRows([RowOrigin])
    /// The deletion filter was not run to the end (the solver did not decide, or failed).
    case unexplained(String)
    /// A part too large for the deletion filter: its users, and the servers and base stations
    /// they compete for, the most overloaded first.
    case contention(Contention)
    /// Rows that cannot hold together even fractionally (the LP relaxation is infeasible): the rows
    /// priced by the proof found while pricing.
    case fractionallyInfeasible([RowOrigin])
}

/// Explains infeasibility: first the simple necessary conditions, then a deletion filter.
public struct InfeasibilityExplainer: Sendable {
    public let problem: Problem
    public let solver: any MILPSolver
    /// The deletion filter solves one feasibility problem per row; past this many rows it is skipped.
    public static let deletionFilterRowLimit = 300

    public init(problem: Problem, solver: any MILPSolver) {
        self.problem = problem
        self.solver = solver
    }

    public func explain(_ lowered: LoweredModel, generator: CandidateGenerator, infeasible: [ModelComponent])
        -> [InfeasibilityFinding]
    {
        var findings: [InfeasibilityFinding] = []
        let topology = problem.topology
        for entry in lowered.candidates.values.sorted(by: { $0.user < $1.user }) where entry.candidates.isEmpty {
            findings.append(
                .noCandidate(user: entry.user, reason: noCandidateReason(user: entry.user, generator: generator)))
        }
        // Users bound to a single server or base station by their candidates.
        var onlyServer: [ServerIndex: [Int]] = [:]
        var onlyStation: [BaseStationIndex: [Int]] = [:]
        for entry in lowered.candidates.values.sorted(by: { $0.user < $1.user }) where !entry.candidates.isEmpty {
            let servers = Set(entry.candidates.map(\.server))
            if servers.count == 1, let server = servers.first { onlyServer[server, default: []].append(entry.user) }
            let stations = Set(entry.candidates.map(\.baseStation))
            if stations.count == 1, let station = stations.first {
                onlyStation[station, default: []].append(entry.user)
            }
        }
        for server in topology.servers {
            guard let users = onlyServer[server.index] else { continue }
            for kind in ResourceKind.allCases {
                let demand = users.reduce(0.0) { $0 + problem.apps[problem.workload.users[$1].app].resources[kind] }
                if demand > server.available(kind) {
                    findings.append(
                        .serverOverloaded(
                            server: server.index, resource: kind, demand: demand, available: server.available(kind),
                            users: users))
                }
            }
        }
        for station in topology.baseStations {
            guard let limit = station.maxUsers, let users = onlyStation[station.index], users.count > limit else {
                continue
            }
            findings.append(.baseStationOverloaded(baseStation: station.index, users: users, limit: limit))
        }
        if !findings.isEmpty { return findings }
        for component in infeasible {
            findings.append(deletionFilter(component, lowered: lowered))
        }
        return findings
    }

    /// Why a priced program has no solution: users without a candidate, or the rows that the proof
    /// of infeasibility of its LP relaxation prices. (The conditions above need every candidate of
    /// every user, which pricing never builds.)
    public func explain(_ priced: PricedAnswer, source: CandidateColumns) -> [InfeasibilityFinding] {
        if !priced.usersWithoutColumns.isEmpty {
            return priced.usersWithoutColumns.map { position in
                let user = source.users[position]
                return .noCandidate(user: user, reason: noCandidateReason(user: user, generator: source.generator))
            }
        }
        if !priced.infeasibleRows.isEmpty {
            return [.fractionallyInfeasible(priced.infeasibleRows.map { source.rowOrigins[$0] })]
        }
        return []
    }

    /// Why a user has no candidate, from the reasons its pairs were dropped.
    func noCandidateReason(user: Int, generator: CandidateGenerator) -> String {
        let detail = generator.candidates(forUser: user, recordDropped: true)
        let policy = problem.policy
        if detail.keptBaseStations.isEmpty {
            let best = detail.dropped.compactMap { dropped -> Double? in
                if case .rssiBelowMinimum(let now, let predicted) = dropped.reason {
                    return min(now.value, predicted.value)
                }
                return nil
            }.max()
            let strongest = best.map { String(format: "; the strongest is %.1f dBm", $0) } ?? ""
            return
                "no base station is above rssiMin \(Self.truncated(policy.rssiMin.value)) dBm under rssiRule \"\(policy.rssiRule.rawValue)\"\(strongest)"
        }
        var counts: [String: Int] = [:]
        var order: [String] = []
        for dropped in detail.dropped where dropped.server != nil {
            let text: String
            switch dropped.reason {
            case .serverUnreachable: text = "no path from the base station to the server"
            case .noMigrationPath: text = "no path from the current server"
            case .migrationImpossible(let obstacle):
                switch obstacle {
                case .precopyDoesNotConverge: text = "pre-copy does not converge"
                case .missingParameters(let fields): text = "the strategy lacks \(fields)"
                }
            case .delayOverSLA(_, let maximum, let app):
                text = "predicted delay above maxDelay \(Self.milliseconds(maximum)) of sla \"\(app)\""
            case .downtimeOverSLA(_, let maximum, let app):
                text = "downtime above maxDowntime \(Self.milliseconds(maximum)) of sla \"\(app)\""
            case .rssiBelowMinimum: continue
            }
            if counts[text] == nil { order.append(text) }
            counts[text, default: 0] += 1
        }
        let parts = order.map { "\(counts[$0] ?? 0) with \($0)" }
        return
            "all \(detail.dropped.filter { $0.server != nil }.count) pairs of the \(detail.keptBaseStations.count) base stations it hears were dropped: "
            + parts.joined(separator: ", ")
    }

    static func milliseconds(_ seconds: Double) -> String {
        let ms = seconds * 1000
        return ms == ms.rounded() ? "\(truncated(ms)) ms" : "\(ms) ms"
    }

    /// A number without its fraction, as it is when that is not an integer: `Int(_:)` traps beyond
    /// ±2^63 and on infinity (an rssiMin of 1e300 given by a library caller did).
    static func truncated(_ value: Double) -> String {
        abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    /// An irreducible infeasible set of rows of one component, in the policy's terms.
    func deletionFilter(_ component: ModelComponent, lowered: LoweredModel) -> InfeasibilityFinding {
        let filter = DeletionFilter(solver: solver, rowLimit: Self.deletionFilterRowLimit)
        switch filter.run(component.model) {
        case .irreducible(let rows): return .conflictingRows(rows.map { lowered.rows[component.rows[$0]] })
        case .tooManyRows:
            // A row count alone tells nobody what to change: name who competes for what.
            return .contention(Contention(component: component, lowered: lowered, problem: problem))
        case .undecided: return .unexplained("the solver could not decide feasibility within 10 s")
        case .solverFailed: return .unexplained("the solver failed while isolating the conflict")
        }
    }
}

extension InfeasibilityFinding {
    /// The finding as a sentence with ids.
    public func describe(_ problem: Problem) -> String {
        let topology = problem.topology
        func users(_ indices: [Int]) -> String {
            let ids = indices.map { "\"\(problem.workload.users[$0].id)\"" }
            return ids.count > 8
                ? ids.prefix(8).joined(separator: ", ") + " and \(ids.count - 8) more" : ids.joined(separator: ", ")
        }
        switch self {
        case .noCandidate(let user, let reason):
            return "user \"\(problem.workload.users[user].id)\" has no candidate (base station, server) pair: \(reason)"
        case .serverOverloaded(let server, let resource, let demand, let available, let indices):
            return
                "server \"\(topology.servers[server.rawValue].id)\" has \(ResourceText.amount(available, resource)) of \(resource.rawValue) left, "
                + "but users that can only be placed there need \(ResourceText.amount(demand, resource)): \(users(indices))"
        case .baseStationOverloaded(let station, let indices, let limit):
            return
                "base station \"\(topology.baseStations[station.rawValue].id)\" serves at most \(limit) users (maxUsers), "
                + "but \(indices.count) users hear only it: \(users(indices))"
        case .conflictingRows(let rows):
            return "these constraints cannot all hold: " + rows.map { $0.describe(problem) }.joined(separator: "; ")
        case .unexplained(let text):
            return "the program is infeasible; \(text)"
        case .contention(let contention):
            return "the program is infeasible; \(contention.describe(problem))"
        case .fractionallyInfeasible(let rows):
            let shown = rows.prefix(12).map { $0.describe(problem) }.joined(separator: "; ")
            let more = rows.count > 12 ? "; and \(rows.count - 12) more" : ""
            return "even as a fractional program, these constraints cannot all hold: \(shown)\(more)"
        }
    }
}

extension RowOrigin {
    public func describe(_ problem: Problem) -> String {
        let topology = problem.topology
        switch self {
        case .assignment(let user): return "user \"\(problem.workload.users[user].id)\" is placed once (3b)"
        case .capacity(let server, let resource):
            let s = topology.servers[server.rawValue]
            return
                "\(resource.rawValue) of server \"\(s.id)\" ≤ \(ResourceText.amount(s.available(resource), resource)) (3c)"
        case .userLimit(let station):
            let b = topology.baseStations[station.rawValue]
            return "base station \"\(b.id)\" serves ≤ \(b.maxUsers ?? 0) users (3e)"
        }
    }
}

/// Resource amounts with their units.
enum ResourceText {
    static func amount(_ value: Double, _ kind: ResourceKind) -> String {
        let number = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        switch kind {
        case .cpu: return "\(number) cores"
        case .memory, .storage: return "\(number) B"
        case .netio: return "\(number) bps"
        }
    }
}
