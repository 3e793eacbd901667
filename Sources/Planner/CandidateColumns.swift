public import Diagnostics
public import EdgeModel
import Foundation
public import MILP
public import Solving

/// The whole program of SPEC §2 as a column source: its rows are built at once, its columns — one
/// per candidate (user, base station, server) — are produced on demand and never held all at once.
///
/// Pricing visits a user's candidates base station by base station, and each station's servers
/// tier by tier, nearest first. Every candidate's objective is at most
/// `w_g·n̂·(d_now − (p/C + 8·S/B_ub' + RTT)) − w_d·DT_floor`, where C is the largest compute of the
/// servers still ahead in the list, B_ub' the station's wireless rate (the path can only lower the
/// rate), and DT_floor the downtime of the quickest migration into that tier; the RTT grows along
/// the list, so once that bound falls below what a column must reach, no farther server can
/// reach it and the walk stops. Candidates it does reach are evaluated exactly, by the same code
/// that builds every candidate (docs/model.md, "Pricing").
public final class CandidateColumns: ColumnSource, @unchecked Sendable {
    public let problem: Problem
    public let generator: CandidateGenerator
    /// Workload indices of the users, by position: position p is user p of the program.
    public let users: [Int]
    public let rowRoles: [RowRole]
    public let rowBounds: [LPRow]
    public let rowNames: [String]
    public let rowOrigins: [RowOrigin]
    /// Rows of each candidate's column (capacity rows that cannot bind are left out).
    let columnRows: ColumnRows
    var capacityRows: [Int32] { columnRows.capacity }
    var userLimitRows: [Int32] { columnRows.userLimit }
    let contexts: [PricingContext]
    let floors = MigrationFloors()
    /// Candidates of the columns handed out so far, by key.
    private var store: [Int64: Candidate] = [:]
    /// Candidates withheld because an objective term is out of range (`ObjectiveCheck`), by
    /// workload user index: the first of each user. Guarded by `storeLock`.
    private var faults: [Int: Diagnostic] = [:]
    private let storeLock = NSLock()

    static let kinds = ResourceKind.allCases

    /// Whether keys can name every column of this problem (20 bits of base station and of server,
    /// 23 of user).
    public static func canPrice(problem: Problem, userCount: Int) -> Bool {
        problem.topology.baseStations.count < 1 << 20 && problem.topology.servers.count < 1 << 20
            && userCount < 1 << 23
    }

    public init(generator: CandidateGenerator, users: [Int], reservation: Reservation = .none) {
        let problem = generator.problem
        self.problem = problem
        self.generator = generator
        self.users = users
        let topology = problem.topology
        let kinds = Self.kinds
        var roles: [RowRole] = []
        var bounds: [LPRow] = []
        var names: [String] = []
        var origins: [RowOrigin] = []
        for (position, user) in users.enumerated() {
            roles.append(.assignment(user: Int32(position)))
            bounds.append(LPRow(lower: 1, upper: 1))
            names.append("assign#\(problem.workload.users[user].id)")
            origins.append(.assignment(user: user))
        }
        // A capacity row that could not bind even if every user sat on its server is no constraint.
        var totalDemand = [Double](repeating: 0, count: kinds.count)
        for user in users {
            let demand = problem.apps[problem.workload.users[user].app].resources
            for (k, kind) in kinds.enumerated() { totalDemand[k] += demand[kind] / kind.modelUnit }
        }
        var capacityRows = [Int32](repeating: -1, count: topology.servers.count * kinds.count)
        for server in topology.servers {
            let reserved = reservation.resources[server.index] ?? .zero
            for (k, kind) in kinds.enumerated() {
                let available = max(0, server.available(kind) - reserved[kind]) / kind.modelUnit
                guard totalDemand[k] > available else { continue }
                capacityRows[server.index.rawValue * kinds.count + k] = Int32(roles.count)
                roles.append(.capacity(server: Int32(server.index.rawValue)))
                bounds.append(LPRow(lower: -.infinity, upper: available))
                names.append("cap#\(server.id)#\(kind.rawValue)")
                origins.append(.capacity(server: server.index, resource: kind))
            }
        }
        var userLimitRows = [Int32](repeating: -1, count: topology.baseStations.count)
        for station in topology.baseStations {
            guard let limit = station.maxUsers else { continue }
            let available = max(0, limit - (reservation.users[station.index] ?? 0))
            guard users.count > available else { continue }
            userLimitRows[station.index.rawValue] = Int32(roles.count)
            roles.append(.userLimit(station: Int32(station.index.rawValue)))
            bounds.append(LPRow(lower: -.infinity, upper: Double(available)))
            names.append("users#\(station.id)")
            origins.append(.userLimit(baseStation: station.index))
        }
        rowRoles = roles
        rowBounds = bounds
        rowNames = names
        rowOrigins = origins
        columnRows = ColumnRows(capacity: capacityRows, userLimit: userLimitRows)
        contexts = Self.parallelMap(users.count) { position in
            PricingContext(generator: generator, user: users[position])
        }
    }

    public var userCount: Int { users.count }

    /// At least the number of columns of the whole program: every (base station, server) pair the
    /// users' kept base stations reach within the SLA's RTT, before the other SLA checks.
    public var candidatePairBound: Int {
        contexts.reduce(0) { total, context in
            context.stations.reduce(total) { $0 + $1.ranked.count + ($1.currentServerPath == nil ? 0 : 1) }
        }
    }

    public func assignmentRow(of user: Int) -> Int { user }

    /// The candidate behind a key handed out earlier.
    public func candidate(forKey key: Int64) -> Candidate? {
        storeLock.lock()
        defer { storeLock.unlock() }
        return store[key]
    }

    /// Position, base station and server of a key.
    static func key(position: Int, station: BaseStationIndex, server: ServerIndex) -> Int64 {
        Int64(position) << 40 | Int64(station.rawValue) << 20 | Int64(server.rawValue)
    }

    static func parts(of key: Int64) -> (position: Int, station: Int, server: Int) {
        (Int(key >> 40), Int((key >> 20) & 0xF_FFFF), Int(key & 0xF_FFFF))
    }

    // MARK: - Columns

    /// The column of one candidate of the user at `position`.
    func column(position: Int, candidate: Candidate) -> PricedColumn {
        let (rows, coefficients) = columnRows.entries(
            assignmentRow: position, candidate: candidate, demand: contexts[position].demand)
        let name = ColumnRows.name(problem, user: users[position], candidate: candidate)
        return PricedColumn(
            key: Self.key(position: position, station: candidate.baseStation, server: candidate.server),
            role: ColumnRole(
                user: Int32(position), server: Int32(candidate.server.rawValue),
                station: Int32(candidate.baseStation.rawValue)),
            name: name, objective: candidate.objectiveSeconds, rows: rows, coefficients: coefficients)
    }

    /// Columns for candidates, kept in the store so answers can be mapped back. A candidate with an
    /// objective term out of range never becomes a column: it is kept as a fault instead.
    func columns(_ found: [[(position: Int, candidate: Candidate)]]) -> [PricedColumn] {
        var columns: [PricedColumn] = []
        storeLock.lock()
        for part in found {
            for (position, candidate) in part {
                let user = users[position]
                if let fault = ObjectiveCheck.fault(of: candidate, user: user, generator: generator) {
                    if faults[user] == nil { faults[user] = fault }
                    continue
                }
                let column = column(position: position, candidate: candidate)
                if store[column.key] == nil { store[column.key] = candidate }
                columns.append(column)
            }
        }
        storeLock.unlock()
        return columns
    }

    /// The errors of the candidates withheld so far, in user order.
    public var objectiveFaults: [Diagnostic] {
        storeLock.lock()
        defer { storeLock.unlock() }
        return faults.keys.sorted().compactMap { faults[$0] }
    }

    public var hasRefusedColumns: Bool {
        storeLock.lock()
        defer { storeLock.unlock() }
        return !faults.isEmpty
    }

    public func initialColumns() -> [PricedColumn] {
        let found = Self.parallelMap(users.count) { position in
            self.initialCandidates(position: position).map { (position, $0) }
        }
        return columns(found)
    }

    public func price(_ request: PricingRequest) -> PricingResult {
        let duals = PricingDuals(request.duals, capacityRows: capacityRows, userLimitRows: userLimitRows)
        let budget = ColumnBudget(limit: request.maximumColumns)
        let results = Self.parallelMap(users.count) { position -> UserPricing in
            // Once over the budget, the other users are not walked: the answer is incomplete anyway.
            guard !budget.isExhausted else { return UserPricing(position: position) }
            let result = self.price(position: position, duals: duals, request: request)
            budget.spend(result.found.count)
            return result
        }
        if budget.isExhausted {
            return PricingResult(
                columns: [], largestReducedCost: results.map(\.largest), evaluated: 0, overflowed: true)
        }
        let found = results.map { result in result.found.map { (result.position, $0.candidate) } }
        return PricingResult(
            columns: columns(found), largestReducedCost: results.map(\.largest),
            evaluated: results.reduce(0) { $0 + $1.evaluated })
    }

    /// `body` for 0..<count over the cores, results in order.
    static func parallelMap<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        let chunks = min(count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 8)
        guard chunks > 1 else { return (0..<count).map(body) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        // Each chunk writes only its own slots.
        nonisolated(unsafe) let slots = results
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for index in stride(from: chunk, to: count, by: chunks) { slots[index] = work(index) }
            }
        }
        return results.compactMap { $0 }  // every slot is filled
    }
}

extension CandidateColumns {
    /// The restricted program of a priced answer in the policy's terms: each column's candidate,
    /// and every user's generated candidates.
    public func lowered(_ priced: PricedAnswer) -> LoweredModel {
        var perUser = [[Candidate]](repeating: [], count: users.count)
        var origins: [ColumnOrigin] = []
        origins.reserveCapacity(priced.keys.count)
        for key in priced.keys {
            let position = Self.parts(of: key).position
            guard let candidate = candidate(forKey: key) else { continue }  // every key came from here
            origins.append(ColumnOrigin(user: users[position], candidate: perUser[position].count))
            perUser[position].append(candidate)
        }
        var candidates: [Int: UserCandidates] = [:]
        for (position, user) in users.enumerated() {
            let context = contexts[position]
            candidates[user] = UserCandidates(
                user: user, currentDelay: context.user.currentDelay, candidates: perUser[position], dropped: [],
                keptBaseStations: context.stations.map(\.index).sorted())
        }
        return LoweredModel(program: priced.program, columns: origins, rows: rowOrigins, candidates: candidates)
    }
}

/// Columns found so far in a pricing pass, against the most it may hand out.
final class ColumnBudget: @unchecked Sendable {
    private let limit: Int?
    private var spent = 0
    private let lock = NSLock()

    init(limit: Int?) { self.limit = limit }

    var isExhausted: Bool {
        guard let limit else { return false }
        lock.lock()
        defer { lock.unlock() }
        return spent > limit
    }

    func spend(_ count: Int) {
        lock.lock()
        spent += count
        lock.unlock()
    }
}
