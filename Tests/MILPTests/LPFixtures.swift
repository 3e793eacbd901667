import CBCBackend
import GLPKBackend
import MILP
import TestSupport
import Testing

/// The LP backends by name, as the tests' arguments spell them.
enum LPBackends {
    static let names = ["clp", "glpk"]

    static func solver(_ name: String) -> any LPSolver {
        name == "clp" ? ClpLPSolver() : GLPKLPSolver()
    }
}

/// A linear program written out: loaded into a session, and the yardstick its results are held to.
struct WrittenLP {
    var sense: ObjectiveSense
    var rows: [LPRow]
    var columns: [LPColumn]

    /// The same program the other way round (costs negated): the same point, the objective and
    /// every dual negated.
    func mirrored() -> WrittenLP {
        var mirror = self
        mirror.sense = sense == .maximize ? .minimize : .maximize
        for index in mirror.columns.indices { mirror.columns[index].objective.negate() }
        return mirror
    }

    /// A new session holding the program.
    func session(_ backend: String) -> any LinearProgramSession {
        let session = LPBackends.solver(backend).makeSession(rows: rows, sense: sense)
        session.addColumns(columns)
        return session
    }

    /// Row activities `Σ_j a_ij x_j`.
    func activities(_ point: [Double]) -> [Double] {
        var activity = [Double](repeating: 0, count: rows.count)
        for (column, x) in zip(columns, point) {
            for (row, value) in zip(column.rows, column.values) { activity[Int(row)] += value * x }
        }
        return activity
    }

    /// Reduced costs `c_j − Σ_i y_i a_ij`.
    func reducedCosts(_ duals: [Double]) -> [Double] {
        columns.map { column in
            zip(column.rows, column.values).reduce(column.objective) { $0 - duals[Int($1.0)] * $1.1 }
        }
    }

    /// Records an issue unless `result` is an optimum with duals in the contract's convention:
    /// the point is feasible, its objective is the one reported, and (complementary slackness) a
    /// column or row that can still move in a direction does not improve the objective by moving.
    func expectOptimal(
        _ result: LPResult, tolerance: Double = 1e-7, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.status == .optimal, sourceLocation: sourceLocation)
        guard result.primal.count == columns.count, result.duals.count == rows.count else {
            let sizes = "\(result.primal.count) values for \(columns.count) columns, \(result.duals.count) duals"
            Issue.record("\(sizes) for \(rows.count) rows", sourceLocation: sourceLocation)
            return
        }
        let objective = zip(columns, result.primal).reduce(0) { $0 + $1.0.objective * $1.1 }
        #expect(abs(objective - result.objective) <= tolerance * max(1, abs(objective)), sourceLocation: sourceLocation)
        // In the maximisation's terms: a positive `gain` means moving up improves the objective.
        let sign: Double = sense == .maximize ? 1 : -1
        let reduced = reducedCosts(result.duals)
        for (index, (column, x)) in zip(columns, result.primal).enumerated() {
            #expect(x >= column.lower - tolerance && x <= column.upper + tolerance, sourceLocation: sourceLocation)
            let gain = sign * reduced[index]
            if x < column.upper - tolerance {
                #expect(
                    gain <= tolerance, "column \(index) could rise and gain \(gain)", sourceLocation: sourceLocation)
            }
            if x > column.lower + tolerance {
                #expect(
                    gain >= -tolerance, "column \(index) could fall and gain \(-gain)", sourceLocation: sourceLocation)
            }
        }
        for (index, (row, activity)) in zip(rows, activities(result.primal)).enumerated() {
            #expect(
                activity >= row.lower - tolerance && activity <= row.upper + tolerance, "row \(index) violated",
                sourceLocation: sourceLocation)
            let gain = sign * result.duals[index]
            if activity < row.upper - tolerance {
                #expect(
                    gain <= tolerance, "row \(index) is slack above, dual \(result.duals[index])",
                    sourceLocation: sourceLocation)
            }
            if activity > row.lower + tolerance {
                #expect(
                    gain >= -tolerance, "row \(index) is slack below, dual \(result.duals[index])",
                    sourceLocation: sourceLocation)
            }
        }
    }
}

/// Users each assigned to one server (an equality row per user), servers with capacities (a `≤`
/// row per server), minimising cost: the shape of the restricted master of column generation.
/// Every user also has an artificial column at a high cost, so any subset of columns is feasible.
struct AssignmentLP {
    let users: Int
    let servers: Int
    let costs: [[Double]]
    let demands: [Double]
    let capacity: Double
    static let artificialCost = 1000.0

    init(users: Int, servers: Int, seed: UInt64) {
        var random = SplitMix64(seed: seed)
        self.users = users
        self.servers = servers
        costs = (0..<users).map { _ in (0..<servers).map { _ in (random.unit() * 100).rounded() + 1 } }
        demands = (0..<users).map { _ in (random.unit() * 4).rounded() + 1 }
        // A tenth above an even share: some servers fill up, so capacity duals are not all zero.
        capacity = demands.reduce(0, +) / Double(servers) * 1.1
    }

    /// Users' rows first, then servers'.
    var rows: [LPRow] {
        Array(repeating: LPRow(lower: 1, upper: 1), count: users)
            + Array(repeating: LPRow(lower: -.infinity, upper: capacity), count: servers)
    }

    func column(user: Int, server: Int) -> LPColumn {
        LPColumn(
            objective: costs[user][server], rows: [Int32(user), Int32(users + server)], values: [1, demands[user]])
    }

    func artificial(user: Int) -> LPColumn {
        LPColumn(objective: Self.artificialCost, rows: [Int32(user)], values: [1])
    }

    /// Every column: the artificials, then each user's servers.
    var allColumns: [LPColumn] {
        (0..<users).map(artificial)
            + (0..<users).flatMap { user in (0..<servers).map { column(user: user, server: $0) } }
    }

    /// The user–server pairs not in `added` whose reduced cost under `duals` is negative, most
    /// negative first.
    func improvingPairs(duals: [Double], excluding added: Set<[Int]>) -> [[Int]] {
        var priced: [(Double, [Int])] = []
        for user in 0..<users {
            for server in 0..<servers where !added.contains([user, server]) {
                let reduced = costs[user][server] - duals[user] - demands[user] * duals[users + server]
                if reduced < -1e-9 { priced.append((reduced, [user, server])) }
            }
        }
        return priced.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
