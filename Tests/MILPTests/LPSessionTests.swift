import CBCBackend
import Foundation
import GLPKBackend
import MILP
import Testing

/// Linear program sessions on every LP backend: hand-computed optima and duals, warm re-solves
/// that agree with cold ones, and the edges (infeasible, unbounded, empty).
struct LPSessionTests {
    static let senses: [ObjectiveSense] = [.maximize, .minimize]

    /// `a` and `b` agree to 1e-9, relative to the larger (at least 1).
    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

    /// Checks point, objective and duals against hand-computed values, given for the maximisation;
    /// the minimisation is the mirror (costs negated), so its objective and duals are negated.
    static func expect(
        _ result: LPResult, sense: ObjectiveSense, point: [Double], objective: Double, duals: [Double],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let sign: Double = sense == .maximize ? 1 : -1
        #expect(result.primal.count == point.count, sourceLocation: sourceLocation)
        #expect(result.duals.count == duals.count, sourceLocation: sourceLocation)
        for (got, want) in zip(result.primal, point) {
            #expect(close(got, want), "point \(result.primal), want \(point)", sourceLocation: sourceLocation)
        }
        #expect(
            close(result.objective, sign * objective), "objective \(result.objective)", sourceLocation: sourceLocation)
        for (got, want) in zip(result.duals, duals) {
            #expect(
                close(got, sign * want), "duals \(result.duals), want \(duals.map { sign * $0 })",
                sourceLocation: sourceLocation)
        }
    }

    /// max 2x + 3y, r0: x + y ≤ 4, r1: x + 3y ≤ 6, x, y ≥ 0.
    static let twoBindingRows = WrittenLP(
        sense: .maximize,
        rows: [LPRow(lower: -.infinity, upper: 4), LPRow(lower: -.infinity, upper: 6)],
        columns: [
            LPColumn(objective: 2, rows: [0, 1], values: [1, 1]),
            LPColumn(objective: 3, rows: [0, 1], values: [1, 3]),
        ])

    /// Both rows bind: x + y = 4 and x + 3y = 6 give y = 1, x = 3, objective 2·3 + 3·1 = 9 (the other
    /// vertices: (4, 0) → 8, (0, 2) → 6). With x and y basic their reduced costs are 0:
    /// y0 + y1 = 2 and y0 + 3·y1 = 3, so y1 = 0.5, y0 = 1.5. Check: r0's right-hand side 5 moves the
    /// vertex to (4.5, 0.5), objective 10.5 = 9 + 1.5.
    @Test(arguments: LPBackends.names, senses)
    func twoBindingRows(_ backend: String, _ sense: ObjectiveSense) {
        let program = sense == .maximize ? Self.twoBindingRows : Self.twoBindingRows.mirrored()
        let result = program.session(backend).solve(timeLimitSeconds: 10)
        program.expectOptimal(result)
        Self.expect(result, sense: sense, point: [3, 1], objective: 9, duals: [1.5, 0.5])
    }

    /// max 3x + 2y, x + y ≤ 4, x + 3y ≤ 6, 0 ≤ x ≤ 3. For x ≤ 3, (6 − x)/3 ≤ 4 − x, so y = (6 − x)/3
    /// and the objective is 3x + 2(6 − x)/3 = 4 + 7x/3: x = 3, y = 1, objective 11. Both rows bind and
    /// x sits at its bound: the vertex is degenerate and its duals are not unique. y is basic, so
    /// y0 + 3·y1 = 2 with y0, y1 ≥ 0; x at its upper bound needs 3 − y0 − y1 ≥ 0, which follows.
    @Test(arguments: LPBackends.names)
    func degenerateVertexHasValidDuals(_ backend: String) {
        var program = Self.twoBindingRows
        program.columns[0].objective = 3
        program.columns[0].upper = 3
        program.columns[1].objective = 2
        let result = program.session(backend).solve(timeLimitSeconds: 10)
        program.expectOptimal(result)
        #expect(Self.close(result.objective, 11))
        #expect(result.primal.count == 2 && Self.close(result.primal[0], 3) && Self.close(result.primal[1], 1))
        #expect(result.duals.count == 2 && Self.close(result.duals[0] + 3 * result.duals[1], 2))
    }

    /// max x + y, r0: x ≤ 2, r1: y ≤ 3, r2: x + 2y ≤ 10. At (2, 3) r2 is 8 < 10: it does not bind,
    /// so its dual is 0; x = 2 and y = 3 are basic, so y0 = 1 and y1 = 1. Objective 5.
    @Test(arguments: LPBackends.names, senses)
    func slackRowHasZeroDual(_ backend: String, _ sense: ObjectiveSense) {
        let maximisation = WrittenLP(
            sense: .maximize,
            rows: [
                LPRow(lower: -.infinity, upper: 2), LPRow(lower: -.infinity, upper: 3),
                LPRow(lower: -.infinity, upper: 10),
            ],
            columns: [
                LPColumn(objective: 1, rows: [0, 2], values: [1, 1]),
                LPColumn(objective: 1, rows: [1, 2], values: [1, 2]),
            ])
        let program = sense == .maximize ? maximisation : maximisation.mirrored()
        let result = program.session(backend).solve(timeLimitSeconds: 10)
        program.expectOptimal(result)
        Self.expect(result, sense: sense, point: [2, 3], objective: 5, duals: [1, 1, 0])
    }

    /// max x + 3y, r0: x + y ≤ 4, r1: x − y = 2. x = 2 + y and 2 + 2y ≤ 4 give y = 1, x = 3,
    /// objective 6. Basic x and y: y0 + y1 = 1, y0 − y1 = 3, so y0 = 2, y1 = −1. Check: r1 = 3 gives
    /// x = 3.5, y = 0.5, objective 5 = 6 − 1 — raising the equality's right-hand side costs.
    @Test(arguments: LPBackends.names, senses)
    func equalityRowWithNegativeDual(_ backend: String, _ sense: ObjectiveSense) {
        let maximisation = WrittenLP(
            sense: .maximize,
            rows: [LPRow(lower: -.infinity, upper: 4), LPRow(lower: 2, upper: 2)],
            columns: [
                LPColumn(objective: 1, rows: [0, 1], values: [1, 1]),
                LPColumn(objective: 3, rows: [0, 1], values: [1, -1]),
            ])
        let program = sense == .maximize ? maximisation : maximisation.mirrored()
        let result = program.session(backend).solve(timeLimitSeconds: 10)
        program.expectOptimal(result)
        Self.expect(result, sense: sense, point: [3, 1], objective: 6, duals: [2, -1])
    }

    /// min 2x + 3y, r0: x + y ≥ 4, r1: x + 3y ≥ 6: both bind at (3, 1), objective 9 (the other
    /// vertices (6, 0) and (0, 4) cost 12). y0 + y1 = 2, y0 + 3·y1 = 3: y0 = 1.5, y1 = 0.5 — a
    /// minimisation's `≥` rows have duals ≥ 0.
    @Test(arguments: LPBackends.names)
    func minimisationWithCoveringRows(_ backend: String) {
        let program = WrittenLP(
            sense: .minimize,
            rows: [LPRow(lower: 4, upper: .infinity), LPRow(lower: 6, upper: .infinity)],
            columns: [
                LPColumn(objective: 2, rows: [0, 1], values: [1, 1]),
                LPColumn(objective: 3, rows: [0, 1], values: [1, 3]),
            ])
        let result = program.session(backend).solve(timeLimitSeconds: 10)
        program.expectOptimal(result)
        Self.expect(result, sense: .maximize, point: [3, 1], objective: 9, duals: [1.5, 0.5])
    }

    /// x ≥ 2 as a row, x ≤ 1 as a bound; then, on the two-row program, bounds 2 ≤ x ≤ 1.
    @Test(arguments: LPBackends.names)
    func infeasible(_ backend: String) {
        let program = WrittenLP(
            sense: .maximize, rows: [LPRow(lower: 2, upper: .infinity)],
            columns: [LPColumn(objective: 1, upper: 1, rows: [0], values: [1])])
        #expect(program.session(backend).solve(timeLimitSeconds: 10).status == .infeasible)
        let crossed = Self.twoBindingRows.session(backend)
        crossed.setColumnBounds(0, lower: 2, upper: 1)
        #expect(crossed.solve(timeLimitSeconds: 10).status == .infeasible)
    }

    /// max x + y, x − y ≤ 1: x = y = t is feasible for every t.
    @Test(arguments: LPBackends.names)
    func unbounded(_ backend: String) {
        let program = WrittenLP(
            sense: .maximize, rows: [LPRow(lower: -.infinity, upper: 1)],
            columns: [
                LPColumn(objective: 1, rows: [0], values: [1]), LPColumn(objective: 1, rows: [0], values: [-1]),
            ])
        #expect(program.session(backend).solve(timeLimitSeconds: 10).status == .unbounded)
    }

    /// The two-row program with y fixed to 0: x ≤ 4 and x ≤ 6, so x = 4, objective 8; only r0
    /// binds, x is basic: y0 = 2, y1 = 0 (y's reduced cost 3 − 2 = 1 > 0 is allowed: it cannot
    /// move). Then y, non-basic, fixed to 0.5: x ≤ 3.5 and x ≤ 4.5, so x = 3.5, objective
    /// 7 + 1.5 = 8.5, duals unchanged. Freeing y again returns to (3, 1), 9.
    @Test(arguments: LPBackends.names)
    func fixingAColumnMovesTheOptimum(_ backend: String) {
        var program = Self.twoBindingRows
        let session = program.session(backend)
        program.expectOptimal(session.solve(timeLimitSeconds: 10))
        session.setColumnBounds(1, lower: 0, upper: 0)
        program.columns[1].upper = 0
        let fixed = session.solve(timeLimitSeconds: 10)
        program.expectOptimal(fixed)
        Self.expect(fixed, sense: .maximize, point: [4, 0], objective: 8, duals: [2, 0])
        session.setColumnBounds(1, lower: 0.5, upper: 0.5)
        (program.columns[1].lower, program.columns[1].upper) = (0.5, 0.5)
        let shifted = session.solve(timeLimitSeconds: 10)
        program.expectOptimal(shifted)
        Self.expect(shifted, sense: .maximize, point: [3.5, 0.5], objective: 8.5, duals: [2, 0])
        session.setColumnBounds(1, lower: 0, upper: .infinity)
        (program.columns[1].lower, program.columns[1].upper) = (0, .infinity)
        let freed = session.solve(timeLimitSeconds: 10)
        program.expectOptimal(freed)
        Self.expect(freed, sense: .maximize, point: [3, 1], objective: 9, duals: [1.5, 0.5])
    }

    /// The two-row program with x's cost 4: (4, 0) gives 16, (3, 1) 15, (0, 2) 6. x basic with r1
    /// slack: y0 = 4, y1 = 0; y's reduced cost 3 − 4 = −1 ≤ 0 at its lower bound.
    @Test(arguments: LPBackends.names, senses)
    func changingACostMovesTheOptimum(_ backend: String, _ sense: ObjectiveSense) {
        var program = sense == .maximize ? Self.twoBindingRows : Self.twoBindingRows.mirrored()
        let session = program.session(backend)
        program.expectOptimal(session.solve(timeLimitSeconds: 10))
        let cost: Double = sense == .maximize ? 4 : -4
        session.setObjective(0, cost)
        program.columns[0].objective = cost
        let result = session.solve(timeLimitSeconds: 10)
        program.expectOptimal(result)
        Self.expect(result, sense: sense, point: [4, 0], objective: 16, duals: [4, 0])
    }

    /// Rows and no columns: 0 satisfies −1 ≤ · ≤ 2 and · ≤ 5, so the empty point is optimal with
    /// objective 0; a row 1 ≤ · ≤ 2 makes it infeasible.
    @Test(arguments: LPBackends.names)
    func rowsWithoutColumns(_ backend: String) {
        let solver = LPBackends.solver(backend)
        let feasible = solver.makeSession(
            rows: [LPRow(lower: -1, upper: 2), LPRow(lower: -.infinity, upper: 5)], sense: .maximize)
        #expect(feasible.columnCount == 0 && feasible.rowCount == 2)
        let result = feasible.solve(timeLimitSeconds: 10)
        #expect(result.status == .optimal)
        #expect(result.objective == 0 && result.primal.isEmpty && result.duals == [0, 0])
        let infeasible = solver.makeSession(rows: [LPRow(lower: 1, upper: 2)], sense: .maximize)
        #expect(infeasible.solve(timeLimitSeconds: 10).status == .infeasible)
    }

    /// A column in no row: max x over 0 ≤ x ≤ 3 is 3; another with no upper bound is unbounded. With
    /// no rows at all, min −2x over 1 ≤ x ≤ 4 is −8.
    @Test(arguments: LPBackends.names)
    func columnsWithoutNonzeros(_ backend: String) {
        let solver = LPBackends.solver(backend)
        let session = solver.makeSession(rows: [LPRow(lower: -1, upper: 2)], sense: .maximize)
        session.addColumns([LPColumn(objective: 1, upper: 3, rows: [], values: [])])
        let bounded = session.solve(timeLimitSeconds: 10)
        #expect(bounded.status == .optimal)
        #expect(bounded.primal == [3] && Self.close(bounded.objective, 3) && bounded.duals == [0])
        session.addColumns([LPColumn(objective: 1, rows: [], values: [])])
        #expect(session.solve(timeLimitSeconds: 10).status == .unbounded)

        let rowless = solver.makeSession(rows: [], sense: .minimize)
        rowless.addColumns([LPColumn(objective: -2, lower: 1, upper: 4, rows: [], values: [])])
        let result = rowless.solve(timeLimitSeconds: 10)
        #expect(result.status == .optimal && result.primal == [4] && Self.close(result.objective, -8))
        #expect(result.duals.isEmpty)
    }

    /// Column generation on a small assignment program: start from the artificials and one server
    /// per user, add the columns the duals price below zero a few at a time, re-solving warm, until
    /// none is left. The last duals then price every column of the full program at ≥ 0, and the
    /// objective is a fresh session's cold solve of the full program.
    @Test(arguments: LPBackends.names)
    func columnGenerationMatchesColdSolve(_ backend: String) {
        let assignment = AssignmentLP(users: 12, servers: 4, seed: 11)
        var columns = (0..<assignment.users).map(assignment.artificial)
        var added = Set<[Int]>()
        for user in 0..<assignment.users {
            columns.append(assignment.column(user: user, server: user % assignment.servers))
            added.insert([user, user % assignment.servers])
        }
        let session = LPBackends.solver(backend).makeSession(rows: assignment.rows, sense: .minimize)
        session.addColumns(columns)
        var result = session.solve(timeLimitSeconds: 10)
        var rounds = 0
        while result.status == .optimal, rounds < 100 {
            let pairs = assignment.improvingPairs(duals: result.duals, excluding: added).prefix(3)
            if pairs.isEmpty { break }
            let new = pairs.map { assignment.column(user: $0[0], server: $0[1]) }
            added.formUnion(pairs)
            columns += new
            session.addColumns(new)
            #expect(session.columnCount == columns.count)
            result = session.solve(timeLimitSeconds: 10)
            rounds += 1
        }
        #expect(rounds >= 3, "too few rounds to test warm re-solves")
        // The columns never added sit at 0; with them the master is the full program.
        var missing: [LPColumn] = []
        for user in 0..<assignment.users {
            for server in 0..<assignment.servers where !added.contains([user, server]) {
                missing.append(assignment.column(user: user, server: server))
            }
        }
        var full = result
        full.primal += Array(repeating: 0, count: missing.count)
        WrittenLP(sense: .minimize, rows: assignment.rows, columns: columns + missing)
            .expectOptimal(full, tolerance: 1e-6)
        let cold = WrittenLP(sense: .minimize, rows: assignment.rows, columns: assignment.allColumns)
            .session(backend).solve(timeLimitSeconds: 10)
        #expect(cold.status == .optimal)
        #expect(Self.close(result.objective, cold.objective), "warm \(result.objective), cold \(cold.objective)")
    }

    /// One pricing round on a 3,000-column program: the re-solve from the last basis takes fewer
    /// iterations than a fresh session's solve of the same columns, and ends at the same optimum.
    @Test(arguments: LPBackends.names)
    func warmResolveTakesFewerIterations(_ backend: String) {
        let assignment = AssignmentLP(users: 300, servers: 10, seed: 5)
        var columns = (0..<assignment.users).map(assignment.artificial)
        var added = Set<[Int]>()
        for user in 0..<assignment.users {
            for server in [user % assignment.servers, (user + 1) % assignment.servers] {
                columns.append(assignment.column(user: user, server: server))
                added.insert([user, server])
            }
        }
        let session = LPBackends.solver(backend).makeSession(rows: assignment.rows, sense: .minimize)
        session.addColumns(columns)
        let first = session.solve(timeLimitSeconds: 10)
        #expect(first.status == .optimal)
        let pairs = assignment.improvingPairs(duals: first.duals, excluding: added).prefix(150)
        #expect(pairs.count == 150)
        let new = pairs.map { assignment.column(user: $0[0], server: $0[1]) }
        session.addColumns(new)
        let warm = session.solve(timeLimitSeconds: 10)
        let program = WrittenLP(sense: .minimize, rows: assignment.rows, columns: columns + new)
        program.expectOptimal(warm, tolerance: 1e-6)
        let cold = program.session(backend).solve(timeLimitSeconds: 10)
        #expect(Self.close(warm.objective, cold.objective), "warm \(warm.objective), cold \(cold.objective)")
        #expect(warm.iterations < cold.iterations, "warm \(warm.iterations) iterations, cold \(cold.iterations)")
    }

    /// What backends refuse before GLPK would abort: repeated or out-of-range rows, a value short,
    /// a non-finite value.
    @Test func columnWellFormedness() {
        #expect(LPColumn(objective: 1, rows: [0, 2], values: [1, -1]).isWellFormed(rowCount: 3))
        #expect(LPColumn(objective: 1, rows: [], values: []).isWellFormed(rowCount: 0))
        #expect(!LPColumn(objective: 1, rows: [0, 2], values: [1, -1]).isWellFormed(rowCount: 2))
        #expect(!LPColumn(objective: 1, rows: [-1], values: [1]).isWellFormed(rowCount: 2))
        #expect(!LPColumn(objective: 1, rows: [1, 1], values: [1, 2]).isWellFormed(rowCount: 2))
        #expect(!LPColumn(objective: 1, rows: [0, 1], values: [1]).isWellFormed(rowCount: 2))
        #expect(!LPColumn(objective: 1, rows: [0], values: [.infinity]).isWellFormed(rowCount: 2))
    }

    /// The libraries' own versions, as "2.10.8" or "5.0".
    @Test func libraryVersions() {
        for version in [CBCSolver.version, GLPKSolver.version] {
            #expect(version.first?.isNumber == true, "version \"\(version)\"")
        }
    }

    /// Limits no clock reaches are no limit: GLPK's milliseconds are an Int32, CLP's a double.
    @Test(arguments: LPBackends.names, [Double.infinity, .greatestFiniteMagnitude, 1e12, .nan])
    func limitlessTimeLimits(_ backend: String, _ seconds: Double) {
        let result = Self.twoBindingRows.session(backend).solve(timeLimitSeconds: seconds)
        Self.twoBindingRows.expectOptimal(result)
    }

    /// A zero time limit stops a solve that needs hundreds of iterations, and says so.
    @Test(arguments: LPBackends.names)
    func zeroTimeLimitIsReported(_ backend: String) {
        let assignment = AssignmentLP(users: 300, servers: 10, seed: 7)
        let program = WrittenLP(sense: .minimize, rows: assignment.rows, columns: assignment.allColumns)
        #expect(program.session(backend).solve(timeLimitSeconds: 0).status == .timeLimit)
    }

    /// A session handed between threads: made on this one, solved on another, released on a third.
    /// GLPK keeps its memory per thread; a problem freed on a thread that did not allocate it
    /// aborted the process.
    @Test(arguments: LPBackends.names)
    func sessionMovesBetweenThreads(_ backend: String) {
        let box = SessionBox(Self.twoBindingRows.session(backend))
        let solved = ResultBox()
        Self.onNewThread {
            solved.result = box.session?.solve(timeLimitSeconds: 10)
        }
        Self.onNewThread { box.session = nil }
        if let result = solved.result {
            Self.twoBindingRows.expectOptimal(result)
        } else {
            Issue.record("no result")
        }
    }

    /// Runs `body` on a thread of its own and waits for it.
    static func onNewThread(_ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        Thread {
            body()
            done.signal()
        }.start()
        done.wait()
    }
}

/// Hands a session to another thread; the test makes sure only one thread uses it at a time.
private final class SessionBox: @unchecked Sendable {
    var session: (any LinearProgramSession)?
    init(_ session: any LinearProgramSession) { self.session = session }
}

/// Brings a result back from another thread.
private final class ResultBox: @unchecked Sendable {
    var result: LPResult?
}

extension LPSessionTests {
    /// A starting basis of every user on its cheapest server (the servers' slacks basic) is dual
    /// feasible — every other column costs at least as much — and overfills some servers; the dual
    /// simplex from it reaches the optimum of a fresh solve.
    @Test(arguments: LPBackends.names)
    func dualFeasibleStartingBasis(_ backend: String) {
        // Column of (user, server) in `allColumns`: after the users' artificials.
        func cheapest(_ assignment: AssignmentLP) -> [Int] {
            (0..<assignment.users).map { user in
                assignment.users + user * assignment.servers
                    + ((0..<assignment.servers).min { assignment.costs[user][$0] < assignment.costs[user][$1] } ?? 0)
            }
        }
        func load(_ assignment: AssignmentLP, _ chosen: [Int]) -> [Double] {
            (0..<assignment.servers).map { server in
                chosen.indices.filter { (chosen[$0] - assignment.users) % assignment.servers == server }
                    .reduce(0.0) { $0 + assignment.demands[$1] }
            }
        }
        // The first seed whose greedy start overfills a server.
        let assignment =
            (1...50).lazy.map { AssignmentLP(users: 30, servers: 5, seed: $0) }
            .first { candidate in load(candidate, cheapest(candidate)).contains { $0 > candidate.capacity } }
            ?? AssignmentLP(users: 30, servers: 5, seed: 1)
        let columns = assignment.allColumns
        let session = LPBackends.solver(backend).makeSession(rows: assignment.rows, sense: .minimize)
        session.addColumns(columns)
        let start = cheapest(assignment)
        #expect(
            load(assignment, start).contains { $0 > assignment.capacity }, "the greedy start must overfill a server")
        session.setBasis(
            basicColumns: start, basicRows: Array(assignment.users..<(assignment.users + assignment.servers)))
        let result = session.solve(timeLimitSeconds: 10)
        WrittenLP(sense: .minimize, rows: assignment.rows, columns: columns).expectOptimal(result, tolerance: 1e-6)
        let cold = WrittenLP(sense: .minimize, rows: assignment.rows, columns: columns).session(backend)
            .solve(timeLimitSeconds: 10)
        #expect(
            Self.close(result.objective, cold.objective), "from the basis \(result.objective), fresh \(cold.objective)")
    }
}
