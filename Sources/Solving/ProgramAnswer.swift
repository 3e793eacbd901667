public import MILP

/// What the reductions did, for reports.
public struct ReductionStatistics: Sendable, Hashable {
    /// Independent components after the exact reductions, and how many needed the solver.
    public var componentCount = 0
    public var solverComponentCount = 0
    /// Rows dropped because they cannot bind.
    public var droppedRowCount = 0
    /// Columns removed because a better column of the same user uses a subset of their rows.
    public var dominatedColumnCount = 0
    /// Whether components were solved in parallel worker processes.
    public var solvedInWorkers = false

    public init() {}
}

/// The answer for a whole program: status, objective, bound and gap against that program, and a
/// value for each of its columns.
public struct ProgramAnswer: Sendable {
    public var backend: String
    public var status: SolveStatus
    /// Objective of the point; nil without one.
    public var objective: Double?
    /// Best proven bound on the optimum (upper for maximisation); nil when none was proved.
    public var bound: Double?
    public var seconds: Double
    /// Values of the program's columns, with the point.
    public var values: [Double]?
    /// Messages of the library or the workers, for errors.
    public var message: String?
    public var statistics: ReductionStatistics
    /// Components the solver proved infeasible (their rows index the program handed in).
    public var infeasibleComponents: [ModelComponent]

    public init(
        backend: String, status: SolveStatus, objective: Double?, bound: Double?, seconds: Double,
        values: [Double]?, message: String? = nil, statistics: ReductionStatistics = ReductionStatistics(),
        infeasibleComponents: [ModelComponent] = []
    ) {
        self.backend = backend
        self.status = status
        self.objective = objective
        self.bound = bound
        self.seconds = seconds
        self.values = values
        self.message = message
        self.statistics = statistics
        self.infeasibleComponents = infeasibleComponents
    }

    /// A backend's answer for a program solved as it is.
    public init(_ solution: MILPSolution) {
        self.init(
            backend: solution.backend, status: SolveStatus(solution), objective: solution.objective,
            bound: solution.bound, seconds: solution.seconds, values: solution.values, message: solution.message)
    }

    /// The relative gap between the objective and the bound (`RelativeGap`).
    public var gap: Double? { RelativeGap.between(objective: objective, bound: bound) }
}
