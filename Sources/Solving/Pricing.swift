import Foundation
public import MILP

/// Limits of column generation.
public struct PricingOptions: Sendable, Hashable {
    /// Pricing rounds before the LP bound is taken as it stands (it is valid after any round).
    public var maximumRounds = 100
    /// Columns added per user and round: the ones of largest reduced cost.
    public var columnsPerUserPerRound = 3
    /// A column enters only when its reduced cost exceeds this (seconds of objective): CLP's own
    /// dual tolerance is 1e-7, and a column it would not pivot in must not be offered again.
    public var reducedCostTolerance = 1e-6
    /// Largest number of columns the final integer program may hold (memory); past it, the answer
    /// is reported with the LP bound instead of being certified by reduced-cost fixing.
    public var maximumColumns = 20_000_000

    public init() {}
}

/// What column generation did, for reports.
public struct PricingStatistics: Sendable, Hashable {
    public var rounds = 0
    /// Rounds of phase one (finding a feasible restricted program), when it was needed.
    public var phaseOneRounds = 0
    /// Whether no column priced out in the last round: the LP bound is the LP optimum.
    public var converged = false
    /// Pricing stopped before converging because the columns would not fit in memory.
    public var stoppedForMemory = false
    /// Columns of the restricted master program when pricing ended.
    public var generatedColumns = 0
    /// The objective of the LP optimum rounded (and repaired) to a point of the program, when
    /// that worked: the first integer program then holds only what fixing keeps against it.
    public var roundedObjective: Double?
    /// Columns added by reduced-cost fixing for the final integer program.
    public var fixingColumns = 0
    /// Columns priced exactly (the rest were bounded away without being built).
    public var evaluatedColumns = 0
    /// The Lagrangian bound of the whole program from the last round's duals.
    public var lpBound: Double?
    /// Whether the final integer program held every column that could beat its incumbent, so its
    /// bound is a bound of the whole program.
    public var certifiedByFixing = false
    public var lpSeconds = 0.0
    public var pricingSeconds = 0.0

    public init() {}
}

/// The state of pricing, for progress lines.
public struct PricingProgress: Sendable {
    public var phase: String
    public var round: Int
    public var columns: Int
    public var lpObjective: Double
    public var bound: Double?
}

/// An answer for the whole program found by solving a restricted one.
public struct PricedAnswer: Sendable {
    /// Status, objective, bound and gap against the whole program; values of `program`'s columns
    /// (every other column of the whole program is 0).
    public var answer: ProgramAnswer
    /// The restricted program solved last, and the source's key of each of its columns.
    public var program: AssignmentProgram
    public var keys: [Int64]
    public var pricing: PricingStatistics
    /// When the LP relaxation of the whole program is infeasible: rows of the source whose phase-one
    /// duals are nonzero, the constraints that cannot hold together even fractionally.
    public var infeasibleRows: [Int]
    /// Users without a single column: the whole program is infeasible.
    public var usersWithoutColumns: [Int]
}

/// Column generation with reduced-cost fixing: the whole program is solved without writing out
/// its columns (docs/model.md, "Pricing").
///
/// The restricted master program holds a few columns per user. Its LP relaxation is solved with
/// duals, and the source is asked for every column whose reduced cost is positive; they are added
/// and the LP re-solved until none is. For any duals with nonnegative capacity prices,
/// `Σ dual·rhs + Σ_u max_j reducedCost(j)` bounds the whole program (Lagrangian relaxation of the
/// capacity and user-limit rows), so every round gives a valid bound, and the last one is the LP
/// optimum. The integer program over the generated columns gives an incumbent; a column whose
/// reduced cost is below `largest of its user − (bound − incumbent)` cannot be in a better
/// solution, so adding every other column to the integer program makes its optimum — and its
/// bound — those of the whole program.
public struct PricedSolver: Sendable {
    public let lpSolver: any LPSolver
    public let programSolver: ProgramSolver
    public let options: PricingOptions
    public let progress: (@Sendable (PricingProgress) -> Void)?

    public init(
        lpSolver: any LPSolver, programSolver: ProgramSolver, options: PricingOptions = PricingOptions(),
        progress: (@Sendable (PricingProgress) -> Void)? = nil
    ) {
        self.lpSolver = lpSolver
        self.programSolver = programSolver
        self.options = options
        self.progress = progress
    }

    var timeLimitSeconds: Double { programSolver.options.timeLimitSeconds }
    var relativeGap: Double { programSolver.options.relativeGap }

    public func solve(_ source: any ColumnSource) -> PricedAnswer {
        var run = PricingRun(solver: self, source: source)
        return run.solve()
    }
}

/// A program over some of the whole program's columns, with the source's key of each.
struct RestrictedProgram {
    let program: AssignmentProgram
    let keys: [Int64]
}

/// One column-generation run: the restricted master program and what is known of the whole.
struct PricingRun {
    let solver: PricedSolver
    let source: any ColumnSource
    let stopwatch = Stopwatch()
    var statistics = PricingStatistics()
    /// Real columns of the master program (the session's columns after the artificial ones).
    var columns: [PricedColumn] = []
    var keys: Set<Int64> = []
    /// The best bound of any round, and the last round's duals and largest reduced costs.
    var bestBound = Double.infinity
    var lastBound = Double.infinity
    var lastDuals: [Double] = []
    var lastLargest: [Double] = []
    /// The last LP's values of the real columns (in `columns` order; later columns are 0).
    var lastPrimal: [Double] = []

    init(solver: PricedSolver, source: any ColumnSource) {
        self.solver = solver
        self.source = source
    }

    var remainingSeconds: Double { max(0.01, solver.timeLimitSeconds - stopwatch.seconds) }

    mutating func solve() -> PricedAnswer {
        let userCount = source.userCount
        let initial = source.initialColumns()
        if source.hasRefusedColumns { return refused() }
        var covered = [Bool](repeating: false, count: userCount)
        for column in initial { covered[Int(column.role.user)] = true }
        let lonely = covered.indices.filter { !covered[$0] }
        if !lonely.isEmpty {
            var answer = finish(status: .infeasible, objective: nil, bound: nil, program: restricted([]), values: nil)
            answer.usersWithoutColumns = lonely
            return answer
        }
        let session = solver.lpSolver.makeSession(rows: source.rowBounds, sense: .maximize)
        // Artificial columns keep the first restricted programs feasible: one per user, in its
        // assignment row only, with a penalty larger than any difference of objectives.
        let largest = initial.map { abs($0.objective) }.max() ?? 0
        let penalty = 1000 * (1 + (largest.isFinite ? largest : 0))
        session.addColumns(
            (0..<userCount).map { user in
                LPColumn(
                    objective: -penalty, rows: [Int32(source.assignmentRow(of: user))], values: [1])
            })
        add(initial, to: session)
        // Start from every user on its best column, every other row's slack basic: the reduced
        // cost of each other column is its objective minus its user's best (≤ 0), so the basis is
        // dual feasible, and the dual simplex only has to mend the rows that greedy choice
        // overfills. (From the slack basis CLP took minutes on 50,000 users.)
        var best = [Int](repeating: -1, count: userCount)
        for (index, column) in columns.enumerated() {
            let user = Int(column.role.user)
            if best[user] < 0 || column.objective > columns[best[user]].objective { best[user] = index }
        }
        session.setBasis(
            basicColumns: best.map { userCount + $0 },
            basicRows: source.rowRoles.indices.filter {
                if case .assignment = source.rowRoles[$0] { false } else { true }
            })
        var phaseOneDone = false
        while true {
            guard let lp = generate(session, phaseOne: false) else {
                return stopped(session: session)
            }
            let artificial = lp.primal.prefix(userCount).reduce(0, +)
            if artificial <= 1e-7 || phaseOneDone { break }
            // Some user still leans on its artificial column: either the penalty is too small for
            // these objectives, or the whole program has no fractional solution. Phase one decides.
            switch phaseOne(session) {
            case .infeasible(let rows):
                var answer = finish(
                    status: .infeasible, objective: nil, bound: nil, program: restricted([]), values: nil)
                answer.infeasibleRows = rows
                return answer
            case .feasible:
                for user in 0..<userCount { session.setColumnBounds(user, lower: 0, upper: 0) }
                for (index, column) in columns.enumerated() {
                    session.setObjective(userCount + index, column.objective)
                }
                phaseOneDone = true
            case .stopped:
                return stopped(session: session)
            }
        }
        return integerStages()
    }

    /// Adds columns that are not in the master program yet.
    mutating func add(_ candidates: [PricedColumn], to session: any LinearProgramSession, phaseOne: Bool = false) {
        var fresh: [LPColumn] = []
        for column in candidates where keys.insert(column.key).inserted {
            columns.append(column)
            fresh.append(
                LPColumn(objective: phaseOne ? 0 : column.objective, rows: column.rows, values: column.coefficients))
        }
        if !fresh.isEmpty { session.addColumns(fresh) }
        statistics.generatedColumns = columns.count
    }

    /// Duals a Lagrangian bound may use: capacity and user-limit prices clamped at 0 (the solver's
    /// tolerance lets them be a hair negative), assignment duals as they are.
    func usableDuals(_ duals: [Double]) -> [Double] {
        zip(source.rowRoles, duals).map { role, dual in
            if case .assignment = role { return dual }
            return max(0, dual)
        }
    }

    /// `Σ dual·rhs + Σ_u largest reduced cost`: a bound of the whole program for these duals.
    func lagrangianBound(duals: [Double], largest: [Double]) -> Double {
        var bound = 0.0
        for (row, dual) in duals.enumerated() where dual != 0 {
            let rowBounds = source.rowBounds[row]
            bound += dual * (dual > 0 ? rowBounds.upper : rowBounds.lower)
        }
        return largest.reduce(bound, +)
    }

    /// Re-solves and prices until no column prices out; nil when the LP could not be solved.
    mutating func generate(_ session: any LinearProgramSession, phaseOne: Bool) -> LPResult? {
        let userCount = source.userCount
        let tolerance = solver.options.reducedCostTolerance
        while true {
            var timer = Stopwatch()
            let lp = session.solve(timeLimitSeconds: remainingSeconds)
            statistics.lpSeconds += timer.seconds
            guard lp.status == .optimal else { return nil }
            if phaseOne { statistics.phaseOneRounds += 1 } else { statistics.rounds += 1 }
            let duals = usableDuals(lp.duals)
            timer = Stopwatch()
            // Asked from 0, so that what the source prunes has a negative reduced cost and the
            // largest it reports is exact; only columns above the tolerance enter.
            let priced = source.price(
                PricingRequest(
                    duals: duals, minimumReducedCost: [Double](repeating: 0, count: userCount),
                    columnsPerUser: solver.options.columnsPerUserPerRound, ignoresObjective: phaseOne))
            statistics.pricingSeconds += timer.seconds
            if source.hasRefusedColumns { return nil }
            statistics.evaluatedColumns += priced.evaluated
            let bound = lagrangianBound(duals: duals, largest: priced.largestReducedCost)
            if !phaseOne {
                lastBound = bound
                lastDuals = duals
                lastLargest = priced.largestReducedCost
                lastPrimal = Array(lp.primal.dropFirst(userCount))
                bestBound = min(bestBound, bound)
                statistics.lpBound = bestBound
            }
            let before = columns.count
            let entering = priced.columns.filter {
                Self.reducedCost($0, duals: duals, ignoresObjective: phaseOne) > tolerance
            }
            if !entering.isEmpty && before + entering.count > solver.options.maximumColumns {
                // No room for them: the bound of this round stands, and the answer says why.
                statistics.stoppedForMemory = true
                return lp
            }
            add(entering, to: session, phaseOne: phaseOne)
            solver.progress?(
                PricingProgress(
                    phase: phaseOne ? "phase one" : "pricing",
                    round: phaseOne ? statistics.phaseOneRounds : statistics.rounds,
                    columns: columns.count, lpObjective: lp.objective, bound: phaseOne ? nil : bestBound))
            if columns.count == before {
                if !phaseOne { statistics.converged = true }
                return lp
            }
            let rounds = phaseOne ? statistics.phaseOneRounds : statistics.rounds
            if rounds >= solver.options.maximumRounds || stopwatch.seconds >= solver.timeLimitSeconds {
                return lp
            }
        }
    }

    /// `c − Σ dual·a` of a column.
    static func reducedCost(_ column: PricedColumn, duals: [Double], ignoresObjective: Bool) -> Double {
        var reducedCost = ignoresObjective ? 0 : column.objective
        for (row, coefficient) in zip(column.rows, column.coefficients) { reducedCost -= duals[Int(row)] * coefficient }
        return reducedCost
    }

    enum PhaseOneOutcome {
        case feasible
        case infeasible([Int])
        case stopped
    }

    /// Minimises the artificial columns' sum, every objective counting as 0. A negative Lagrangian
    /// bound of that program proves that the whole program has no fractional solution.
    mutating func phaseOne(_ session: any LinearProgramSession) -> PhaseOneOutcome {
        let userCount = source.userCount
        for user in 0..<userCount { session.setObjective(user, -1) }
        for index in columns.indices { session.setObjective(userCount + index, 0) }
        guard let lp = generate(session, phaseOne: true) else { return .stopped }
        if lp.objective >= -1e-7 { return .feasible }
        let duals = usableDuals(lp.duals)
        let priced = source.price(
            PricingRequest(
                duals: duals, minimumReducedCost: [Double](repeating: 0, count: userCount), columnsPerUser: 1,
                ignoresObjective: true))
        if lagrangianBound(duals: duals, largest: priced.largestReducedCost) < -1e-7 {
            let rows = duals.indices.filter { row in
                if case .assignment = source.rowRoles[row] { return false }
                return duals[row] > 1e-9
            }
            return .infeasible(rows)
        }
        return .stopped
    }

    /// The answer when the source withheld a column: nothing more is solved.
    mutating func refused() -> PricedAnswer {
        var answer = finish(status: .error, objective: nil, bound: nil, program: restricted([]), values: nil)
        answer.answer.message = "the column source withheld a column it must not hand out"
        return answer
    }

    /// The answer when the LP relaxation could not be finished: no point, the best bound so far.
    mutating func stopped(session: any LinearProgramSession) -> PricedAnswer {
        let bound = bestBound.isFinite ? bestBound : nil
        let status: SolveStatus = stopwatch.seconds >= solver.timeLimitSeconds ? .noSolution : .error
        var answer = finish(status: status, objective: nil, bound: bound, program: restricted(columns), values: nil)
        answer.answer.message = "the LP relaxation of the restricted program was not solved to optimality"
        return answer
    }

    /// The assignment program over these columns and every row of the source.
    func restricted(_ columns: [PricedColumn]) -> RestrictedProgram {
        var model = MILPModel(name: "edgeplan", sense: .maximize)
        model.variables.reserveCapacity(columns.count)
        var terms = [[MILPTerm]](repeating: [], count: source.rowBounds.count)
        for (index, column) in columns.enumerated() {
            model.variables.append(.binary(column.name, objective: column.objective))
            for (row, coefficient) in zip(column.rows, column.coefficients) {
                terms[Int(row)].append(MILPTerm(index, coefficient))
            }
        }
        model.constraints = zip(source.rowBounds, terms).enumerated().map { index, pair in
            MILPConstraint(name: source.rowNames[index], terms: pair.1, lower: pair.0.lower, upper: pair.0.upper)
        }
        return RestrictedProgram(
            program: AssignmentProgram(model: model, rows: source.rowRoles, columns: columns.map(\.role)),
            keys: columns.map(\.key))
    }

    mutating func finish(
        status: SolveStatus, objective: Double?, bound: Double?, program: RestrictedProgram, values: [Double]?
    ) -> PricedAnswer {
        finish(
            answer: ProgramAnswer(
                backend: solver.programSolver.solver.name, status: status, objective: objective, bound: bound,
                seconds: 0, values: values),
            program: program)
    }

    mutating func finish(answer: ProgramAnswer, program: RestrictedProgram) -> PricedAnswer {
        var answer = answer
        answer.seconds = stopwatch.seconds
        statistics.lpBound = bestBound.isFinite ? bestBound : nil
        return PricedAnswer(
            answer: answer, program: program.program, keys: program.keys, pricing: statistics, infeasibleRows: [],
            usersWithoutColumns: [])
    }
}
