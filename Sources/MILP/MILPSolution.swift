/// Why the solver stopped (MathOptInterface's TerminationStatus, reduced to what edgeplan meets).
public enum TerminationReason: String, Sendable, Hashable, Codable {
    /// Proven optimal within the requested relative gap.
    case optimal
    case infeasible
    case unbounded
    case timeLimit
    /// Another limit (nodes, solutions).
    case otherLimit
    /// Numerical trouble or a library error.
    case error
}

/// What kind of point came back, independent of why the solver stopped.
public enum PrimalStatus: String, Sendable, Hashable, Codable {
    case feasiblePoint
    case noSolution
}

/// A solver's answer, with the bound and gap it actually proved.
public struct MILPSolution: Sendable, Codable {
    public var backend: String
    public var termination: TerminationReason
    public var primal: PrimalStatus
    /// Objective of the returned point; nil without one.
    public var objective: Double?
    /// Best proven bound on the optimum (upper for maximisation); nil when the solver proved none.
    public var bound: Double?
    public var seconds: Double
    /// Variable values of the returned point.
    public var values: [Double]?
    /// A message from the library, for errors.
    public var message: String?

    public init(
        backend: String, termination: TerminationReason, primal: PrimalStatus, objective: Double?, bound: Double?,
        seconds: Double, values: [Double]?, message: String? = nil
    ) {
        self.backend = backend
        self.termination = termination
        self.primal = primal
        self.objective = objective
        self.bound = bound
        self.seconds = seconds
        self.values = values
        self.message = message
    }
}

/// Solver options with their units in their names.
public struct MILPOptions: Sendable, Hashable, Codable {
    public var timeLimitSeconds: Double
    public var relativeGap: Double
    public var threads: Int

    public init(timeLimitSeconds: Double = 30, relativeGap: Double = 1e-4, threads: Int = 1) {
        self.timeLimitSeconds = timeLimitSeconds
        self.relativeGap = relativeGap
        self.threads = threads
    }
}

/// What a backend supports, so callers can adapt (e.g. not ask GLPK for threads).
public struct SolverCapabilities: Sendable, Hashable {
    public var supportsThreads: Bool
    /// Whether two solves may run at once in one process.
    public var isThreadSafe: Bool

    public init(supportsThreads: Bool, isThreadSafe: Bool) {
        self.supportsThreads = supportsThreads
        self.isThreadSafe = isThreadSafe
    }
}

/// A MILP backend.
public protocol MILPSolver: Sendable {
    var name: String { get }
    var capabilities: SolverCapabilities { get }
    func solve(_ model: MILPModel, options: MILPOptions) -> MILPSolution
}
