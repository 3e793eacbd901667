public import EdgeModel
public import MILP

/// Which rule of the program a row comes from, so answers speak in the policy's terms.
public enum RowOrigin: Sendable, Hashable {
    /// (3b): the user is placed exactly once.
    case assignment(user: Int)
    /// (3c): a server's resource.
    case capacity(server: ServerIndex, resource: ResourceKind)
    /// (3e): a base station's user limit.
    case userLimit(baseStation: BaseStationIndex)
}

/// Which candidate a column stands for.
public struct ColumnOrigin: Sendable, Hashable {
    /// Index into `Problem.workload.users`.
    public let user: Int
    /// Index into that user's `UserCandidates.candidates`.
    public let candidate: Int
}

/// Capacity already taken by users outside this program (planning over traces).
public struct Reservation: Sendable {
    public var resources: [ServerIndex: ResourceVector]
    public var users: [BaseStationIndex: Int]

    public init(resources: [ServerIndex: ResourceVector] = [:], users: [BaseStationIndex: Int] = [:]) {
        self.resources = resources
        self.users = users
    }

    public static let none = Reservation()
}

/// The program of SPEC §2 as a MILP, with the origin of every row and column.
public struct LoweredModel: Sendable {
    public let model: MILPModel
    public let columns: [ColumnOrigin]
    public let rows: [RowOrigin]
    /// The candidates the columns refer to, by user.
    public let candidates: [Int: UserCandidates]
}

extension ResourceKind {
    /// The unit of a capacity row: cores, GB, GB and Mbps. Rows in bytes (coefficients near 1e9
    /// beside assignment rows of 1) made GLPK 5.0 return a suboptimal point as optimal; rows in
    /// these units are well scaled and read naturally in LP files.
    public var modelUnit: Double {
        switch self {
        case .cpu: 1
        case .memory, .storage: 1e9
        case .netio: 1e6
        }
    }

    /// The name of `modelUnit`.
    public var modelUnitName: String {
        switch self {
        case .cpu: "cores"
        case .memory, .storage: "GB"
        case .netio: "Mbps"
        }
    }
}

/// Builds the MILP from candidates, row by row without looping over users × base stations × servers.
public enum ModelLowering {
    /// Variable names: `z#<user>#<bs>#<server>`; rows: `assign#<user>`, `cap#<server>#<resource>`,
    /// `users#<bs>` (docs/model.md).
    public static func lower(problem: Problem, candidates: [UserCandidates], reservation: Reservation = .none)
        -> LoweredModel
    {
        let topology = problem.topology
        let users = problem.workload.users
        var model = MILPModel(name: "edgeplan", sense: .maximize)
        var columns: [ColumnOrigin] = []
        var capacityTerms: [ServerIndex: [ResourceKind: [MILPTerm]]] = [:]
        var userLimitTerms: [BaseStationIndex: [MILPTerm]] = [:]
        var assignmentRows: [MILPConstraint] = []
        var rows: [RowOrigin] = []
        for entry in candidates {
            let user = users[entry.user]
            let demand = problem.apps[user.app].resources
            var assignment: [MILPTerm] = []
            for (index, candidate) in entry.candidates.enumerated() {
                let name =
                    "z#\(user.id)#\(topology.baseStations[candidate.baseStation.rawValue].id)#\(topology.servers[candidate.server.rawValue].id)"
                let column = model.addVariable(.binary(name, objective: candidate.objectiveSeconds))
                columns.append(ColumnOrigin(user: entry.user, candidate: index))
                assignment.append(MILPTerm(column, 1))
                for kind in ResourceKind.allCases where demand[kind] > 0 {
                    capacityTerms[candidate.server, default: [:]][kind, default: []].append(
                        MILPTerm(column, demand[kind] / kind.modelUnit))
                }
                if topology.baseStations[candidate.baseStation.rawValue].maxUsers != nil {
                    userLimitTerms[candidate.baseStation, default: []].append(MILPTerm(column, 1))
                }
            }
            assignmentRows.append(.equal("assign#\(user.id)", assignment, 1))
            rows.append(.assignment(user: entry.user))
        }
        model.constraints = assignmentRows
        for server in topology.servers {
            let reserved = reservation.resources[server.index] ?? .zero
            for kind in ResourceKind.allCases {
                // Users outside the program who already overfill a server (their attachments came from
                // the inputs, not from this program) leave no room on it, rather than making the
                // program infeasible for everyone.
                let available = max(0, server.available(kind) - reserved[kind]) / kind.modelUnit
                let terms = capacityTerms[server.index]?[kind] ?? []
                guard !terms.isEmpty else { continue }
                model.addConstraint(.lessEqual("cap#\(server.id)#\(kind.rawValue)", terms, available))
                rows.append(.capacity(server: server.index, resource: kind))
            }
        }
        for station in topology.baseStations {
            guard let limit = station.maxUsers else { continue }
            let terms = userLimitTerms[station.index] ?? []
            let available = Double(max(0, limit - (reservation.users[station.index] ?? 0)))
            guard !terms.isEmpty else { continue }
            model.addConstraint(.lessEqual("users#\(station.id)", terms, available))
            rows.append(.userLimit(baseStation: station.index))
        }
        return LoweredModel(
            model: model, columns: columns, rows: rows,
            candidates: Dictionary(uniqueKeysWithValues: candidates.map { ($0.user, $0) }))
    }
}
