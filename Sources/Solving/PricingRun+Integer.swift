import Foundation
import MILP

/// The integer stages of a pricing run: the generated columns, then reduced-cost fixing.
extension PricingRun {
    /// The integer program over the generated columns, then over every column reduced-cost fixing
    /// cannot exclude.
    mutating func integerStages() -> PricedAnswer {
        let rounded = statistics.converged ? roundedPoint() : nil
        statistics.roundedObjective = rounded?.objective
        let pool = firstPool(rounded)
        let program = restricted(pool)
        var first = solveInteger(program)
        guard let incumbent = first.objective, first.status.hasSolution else {
            // The generated columns hold no integer point (or none was found in time). With every
            // column of the whole program, its answer would be the whole program's.
            return wholeProgram(after: first)
        }
        let gapToLP = RelativeGap.between(objective: incumbent, bound: bestBound) ?? .infinity
        // Every column whose reduced cost is within (bound − incumbent) of its user's best. When the
        // gap is already closed this is about the generated columns themselves, and finding no
        // other makes the restricted program's bound a bound of the whole.
        let slack = max(0, lastBound - incumbent)
        let fixing = source.price(
            PricingRequest(
                duals: lastDuals, minimumReducedCost: lastLargest.map { $0 - slack }, columnsPerUser: nil,
                maximumColumns: solver.options.maximumColumns - columns.count))
        if source.hasRefusedColumns { return refused() }
        statistics.evaluatedColumns += fixing.evaluated
        let inPool = Set(program.keys)
        let fresh = fixing.columns.filter { !inPool.contains($0.key) }
        if !fixing.overflowed && fresh.isEmpty {
            statistics.certifiedByFixing = true
            first.bound = min(bestBound, first.bound ?? bestBound)
            if gapToLP <= solver.relativeGap { first.status = .optimal }
            return finish(answer: first, program: program)
        }
        if fixing.overflowed || gapToLP <= solver.relativeGap {
            // Within the gap already, or too many columns to hold: the incumbent stands with the
            // bound of the LP relaxation (the restricted program's own bound says nothing of the
            // columns it lacks).
            first.bound = bestBound
            first.status = gapToLP <= solver.relativeGap ? .optimal : .feasible
            if fixing.overflowed {
                first.message =
                    "reduced-cost fixing left more columns than memory allows; the bound is the LP relaxation's"
            }
            return finish(answer: first, program: program)
        }
        statistics.certifiedByFixing = true
        statistics.fixingColumns = fresh.filter { !keys.contains($0.key) }.count
        let larger = restricted(pool + fresh)
        var second = solveInteger(larger)
        guard second.status.hasSolution, let objective = second.objective else {
            // Out of time in the larger program: keep the first point with the bound that holds.
            statistics.certifiedByFixing = false
            first.bound = bestBound
            first.status = .feasible
            return finish(answer: first, program: program)
        }
        if objective < incumbent - 1e-9 * max(1, abs(incumbent)), let values = first.values {
            // The larger program stopped at a worse point: the first one is a point of it too.
            second.objective = incumbent
            second.values = values + [Double](repeating: 0, count: fresh.count)
        }
        second.bound = min(bestBound, second.bound ?? bestBound)
        second.status =
            second.status == .optimal || (second.gap ?? .infinity) <= solver.relativeGap ? .optimal : .feasible
        return finish(answer: second, program: larger)
    }

    /// The columns of the first integer program: every generated column, or — when rounding the LP
    /// optimum gives a point — only those reduced-cost fixing cannot exclude against that point (on
    /// a 50,000-user city the LP support and its near ties, a fraction of the generated columns).
    /// Any solution using a column left out is worse than the rounded point, which the program holds.
    func firstPool(_ rounded: (objective: Double, chosen: Set<Int>)?) -> [PricedColumn] {
        guard let rounded else { return columns }
        let slack = max(0, lastBound - rounded.objective)
        let tolerance = 1e-9 * max(1, abs(lastBound))
        return columns.indices.filter { index in
            let user = Int(columns[index].role.user)
            let reducedCost = Self.reducedCost(columns[index], duals: lastDuals, ignoresObjective: false)
            return rounded.chosen.contains(index) || reducedCost >= lastLargest[user] - slack - tolerance
        }.map { columns[$0] }
    }

    /// Every user on its column of largest LP value (ties: larger objective), repaired where that
    /// overfills a row by moving users on it to their best generated column that fits; the point,
    /// its objective and columns (indices into `columns`), when it then meets every row.
    func roundedPoint() -> (objective: Double, chosen: Set<Int>)? {
        let userCount = source.userCount
        let rowBounds = source.rowBounds
        var byUser = [[Int]](repeating: [], count: userCount)
        for index in columns.indices { byUser[Int(columns[index].role.user)].append(index) }
        func value(_ index: Int) -> Double { index < lastPrimal.count ? lastPrimal[index] : 0 }
        var chosen = [Int](repeating: -1, count: userCount)
        for (user, candidates) in byUser.enumerated() {
            guard
                let best = candidates.max(by: { a, b in
                    value(a) < value(b) - 1e-9
                        || (abs(value(a) - value(b)) <= 1e-9 && columns[a].objective < columns[b].objective)
                })
            else { return nil }
            chosen[user] = best
        }
        var activity = [Double](repeating: 0, count: rowBounds.count)
        func apply(_ index: Int, _ sign: Double) {
            for (row, coefficient) in zip(columns[index].rows, columns[index].coefficients) {
                activity[Int(row)] += sign * coefficient
            }
        }
        func slack(_ row: Int) -> Double {
            rowBounds[row].upper - activity[row] + 1e-9
                * max(1, abs(rowBounds[row].upper.isFinite ? rowBounds[row].upper : 0))
        }
        for index in chosen { apply(index, 1) }
        // A few passes: users on an overfilled row, least sure first, move to their best column
        // that fits where they would go.
        for _ in 0..<3 {
            let overfilled = Set(rowBounds.indices.filter { slack($0) < 0 })
            if overfilled.isEmpty { break }
            let movers = chosen.indices.filter { user in
                columns[chosen[user]].rows.contains { overfilled.contains(Int($0)) }
            }.sorted { value(chosen[$0]) < value(chosen[$1]) }
            for user in movers {
                let current = chosen[user]
                guard columns[current].rows.contains(where: { slack(Int($0)) < 0 }) else { continue }
                apply(current, -1)
                let fitting = byUser[user].filter { index in
                    zip(columns[index].rows, columns[index].coefficients).allSatisfy { row, coefficient in
                        source.isAssignmentRow(Int(row)) || slack(Int(row)) >= coefficient
                    }
                }
                let next = fitting.max { columns[$0].objective < columns[$1].objective } ?? current
                chosen[user] = next
                apply(next, 1)
            }
        }
        for row in rowBounds.indices where !source.isAssignmentRow(row) {
            if slack(row) < 0 || activity[row] < rowBounds[row].lower - 1e-9 { return nil }
        }
        return (chosen.reduce(0) { $0 + columns[$1].objective }, Set(chosen))
    }

    /// Without an incumbent nothing can be excluded: every column of the whole program goes into
    /// the integer program, if memory allows; otherwise there is no point, and the LP's bound.
    mutating func wholeProgram(after first: ProgramAnswer) -> PricedAnswer {
        let all = source.price(
            PricingRequest(
                duals: lastDuals, minimumReducedCost: [Double](repeating: -.infinity, count: source.userCount),
                columnsPerUser: nil, maximumColumns: solver.options.maximumColumns - columns.count))
        if source.hasRefusedColumns { return refused() }
        statistics.evaluatedColumns += all.evaluated
        guard !all.overflowed, stopwatch.seconds < solver.timeLimitSeconds else {
            var answer = first
            answer.status = first.status == .infeasible ? .noSolution : first.status
            answer.bound = bestBound.isFinite ? bestBound : nil
            // Why the generated columns held no point (a worker that died, say) comes first.
            let reason =
                all.overflowed
                ? "the whole program is too large to hold" : "no time is left to solve the whole program"
            answer.message = [first.message, "no integer point among the generated columns, and \(reason)"]
                .compactMap { $0 }.joined(separator: "; ")
            return finish(answer: answer, program: restricted(columns))
        }
        let generated = columns.count
        for column in all.columns where keys.insert(column.key).inserted { columns.append(column) }
        statistics.fixingColumns = columns.count - generated
        statistics.certifiedByFixing = true
        let whole = restricted(columns)
        var answer = solveInteger(whole)
        if answer.status != .infeasible { answer.bound = min(bestBound, answer.bound ?? bestBound) }
        return finish(answer: answer, program: whole)
    }

    /// One integer program through the exact reductions, with what is left of the time limit.
    func solveInteger(_ restricted: RestrictedProgram) -> ProgramAnswer {
        var options = solver.programSolver.options
        options.timeLimitSeconds = remainingSeconds
        let inner = ProgramSolver(
            solver: solver.programSolver.solver, options: options, workers: solver.programSolver.workers,
            progress: solver.programSolver.progress, reduces: solver.programSolver.reduces)
        return inner.solve(restricted.program)
    }
}
