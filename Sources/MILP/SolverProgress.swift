/// The state of a branch-and-bound search as it improves, for progress lines.
public struct SolverProgress: Sendable, Hashable {
    /// Objective of the best point so far; nil before the first.
    public var incumbent: Double?
    /// Best proven bound so far; nil before the first.
    public var bound: Double?
    /// Wall-clock seconds since the solve began.
    public var seconds: Double
    /// What is being solved, when it is a part of the program (set by whoever split it).
    public var part: String?

    public init(incumbent: Double?, bound: Double?, seconds: Double, part: String? = nil) {
        self.incumbent = incumbent
        self.bound = bound
        self.seconds = seconds
        self.part = part
    }
}

/// A backend that can report its incumbent and bound while it searches.
public protocol ProgressReportingSolver: MILPSolver {
    /// Solves, telling `progress` (when given) of each better incumbent or bound.
    func solve(_ model: MILPModel, options: MILPOptions, progress: (@Sendable (SolverProgress) -> Void)?)
        -> MILPSolution
}

extension ProgressReportingSolver {
    public func solve(_ model: MILPModel, options: MILPOptions) -> MILPSolution {
        solve(model, options: options, progress: nil)
    }
}
