public import EdgeModel
public import MILP
public import Solving

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
    /// The program in solver terms; its users are numbered by their position in `candidates`.
    public let program: AssignmentProgram
    public var model: MILPModel { program.model }
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
        // Terms of each server's capacity rows (server × resource, flat) and of each base station's
        // user-limit row: flat arrays, as nested dictionaries cost seconds on millions of columns.
        let kinds = ResourceKind.allCases
        var capacityTerms = [[MILPTerm]](repeating: [], count: topology.servers.count * kinds.count)
        var userLimitTerms = [[MILPTerm]](repeating: [], count: topology.baseStations.count)
        let stationIDs = topology.baseStations.map(\.id)
        let serverIDs = topology.servers.map(\.id)
        let limited = topology.baseStations.map { $0.maxUsers != nil }
        let total = candidates.reduce(0) { $0 + $1.candidates.count }
        model.variables.reserveCapacity(total)
        columns.reserveCapacity(total)
        var assignmentRows: [MILPConstraint] = []
        var rows: [RowOrigin] = []
        var columnRoles: [ColumnRole] = []
        columnRoles.reserveCapacity(total)
        var rowRoles: [RowRole] = []
        for (position, entry) in candidates.enumerated() {
            let user = users[entry.user]
            let demand = problem.apps[user.app].resources
            let coefficients = kinds.map { demand[$0] / $0.modelUnit }
            let prefix = "z#\(user.id)#"
            var assignment: [MILPTerm] = []
            assignment.reserveCapacity(entry.candidates.count)
            for (index, candidate) in entry.candidates.enumerated() {
                var name = prefix
                name += stationIDs[candidate.baseStation.rawValue]
                name += "#"
                name += serverIDs[candidate.server.rawValue]
                let column = model.addVariable(.binary(name, objective: candidate.objectiveSeconds))
                columns.append(ColumnOrigin(user: entry.user, candidate: index))
                columnRoles.append(
                    ColumnRole(
                        user: Int32(position), server: Int32(candidate.server.rawValue),
                        station: Int32(candidate.baseStation.rawValue)))
                assignment.append(MILPTerm(column, 1))
                for (k, coefficient) in coefficients.enumerated() where coefficient > 0 {
                    capacityTerms[candidate.server.rawValue * kinds.count + k].append(MILPTerm(column, coefficient))
                }
                if limited[candidate.baseStation.rawValue] {
                    userLimitTerms[candidate.baseStation.rawValue].append(MILPTerm(column, 1))
                }
            }
            assignmentRows.append(.equal("assign#\(user.id)", assignment, 1))
            rows.append(.assignment(user: entry.user))
            rowRoles.append(.assignment(user: Int32(position)))
        }
        model.constraints = assignmentRows
        for server in topology.servers {
            let reserved = reservation.resources[server.index] ?? .zero
            for (k, kind) in kinds.enumerated() {
                // Users outside the program who already overfill a server (their attachments came from
                // the inputs, not from this program) leave no room on it, rather than making the
                // program infeasible for everyone.
                let available = max(0, server.available(kind) - reserved[kind]) / kind.modelUnit
                let terms = capacityTerms[server.index.rawValue * kinds.count + k]
                guard !terms.isEmpty else { continue }
                model.addConstraint(.lessEqual("cap#\(server.id)#\(kind.rawValue)", terms, available))
                rows.append(.capacity(server: server.index, resource: kind))
                rowRoles.append(.capacity(server: Int32(server.index.rawValue)))
            }
        }
        for station in topology.baseStations {
            guard let limit = station.maxUsers else { continue }
            let terms = userLimitTerms[station.index.rawValue]
            let available = Double(max(0, limit - (reservation.users[station.index] ?? 0)))
            guard !terms.isEmpty else { continue }
            model.addConstraint(.lessEqual("users#\(station.id)", terms, available))
            rows.append(.userLimit(baseStation: station.index))
            rowRoles.append(.userLimit(station: Int32(station.index.rawValue)))
        }
        return LoweredModel(
            program: AssignmentProgram(model: model, rows: rowRoles, columns: columnRoles), columns: columns,
            rows: rows,
            candidates: Dictionary(uniqueKeysWithValues: candidates.map { ($0.user, $0) }))
    }
}
