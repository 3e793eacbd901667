public import MILP

/// Finds an irreducible infeasible set of rows of an infeasible program: rows are removed one at a
/// time, and a row stays out whenever the rest is still infeasible. What remains cannot hold
/// together, and dropping any one of its rows makes it feasible.
public struct DeletionFilter: Sendable {
    public let solver: any MILPSolver
    /// One feasibility problem is solved per row; past this many rows the filter is not run.
    public let rowLimit: Int
    /// Each feasibility problem's time limit.
    public let secondsPerSolve: Double

    public init(solver: any MILPSolver, rowLimit: Int = 300, secondsPerSolve: Double = 10) {
        self.solver = solver
        self.rowLimit = rowLimit
        self.secondsPerSolve = secondsPerSolve
    }

    /// What the filter found.
    public enum Outcome: Sendable, Hashable {
        /// Indices into the model's rows.
        case irreducible([Int])
        /// More rows than `rowLimit`.
        case tooManyRows(Int)
        /// The solver could not decide feasibility in time.
        case undecided
        case solverFailed
    }

    public func run(_ model: MILPModel) -> Outcome {
        let rows = model.constraints
        guard rows.count <= rowLimit else { return .tooManyRows(rows.count) }
        var feasibility = model
        for index in feasibility.variables.indices { feasibility.variables[index].objective = 0 }
        var active = Array(rows.indices)
        var position = 0
        while position < active.count {
            var trial = active
            trial.remove(at: position)
            var candidate = feasibility
            candidate.constraints = trial.map { rows[$0] }
            let result = solver.solve(
                candidate, options: MILPOptions(timeLimitSeconds: secondsPerSolve, relativeGap: 0, threads: 1))
            switch result.termination {
            case .infeasible: active = trial  // still infeasible without it: not needed
            case .optimal, .timeLimit, .otherLimit, .unbounded:
                if result.termination == .optimal || result.primal == .feasiblePoint {
                    position += 1  // needed for the conflict
                } else {
                    return .undecided
                }
            case .error: return .solverFailed
            }
        }
        return .irreducible(active)
    }
}
