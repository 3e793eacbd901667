public import MILP

/// The one-word status users see, combining why the solver stopped with whether it has a point.
///
/// Cases are declared from best to worst: a whole made of parts is as bad as its worst part (one
/// infeasible component makes the program infeasible; one component without a point leaves the
/// program without one).
public enum SolveStatus: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Proven optimal within the requested relative gap.
    case optimal
    /// Stopped at a limit with a point; the gap says how far from optimal it may be.
    case feasible
    /// Stopped at a limit without a point.
    case noSolution = "no-solution"
    case unbounded
    /// Numerical trouble, a library error, or a worker that failed.
    case error
    case infeasible

    /// The status of a backend's answer (MathOptInterface keeps the two apart; users see one word).
    public init(termination: TerminationReason, primal: PrimalStatus) {
        switch (termination, primal) {
        case (.optimal, .feasiblePoint): self = .optimal
        case (.infeasible, _): self = .infeasible
        case (.unbounded, _): self = .unbounded
        case (.timeLimit, .feasiblePoint), (.otherLimit, .feasiblePoint): self = .feasible
        case (.timeLimit, .noSolution), (.otherLimit, .noSolution): self = .noSolution
        case (.optimal, .noSolution), (.error, _): self = .error
        }
    }

    public init(_ solution: MILPSolution) {
        self.init(termination: solution.termination, primal: solution.primal)
    }

    /// 0 for the best; the order the cases are declared in.
    public var rank: Int { Self.allCases.firstIndex(of: self) ?? Self.allCases.count }

    public static func < (lhs: SolveStatus, rhs: SolveStatus) -> Bool { lhs.rank < rhs.rank }

    /// Whether a point comes with this status (a plan can be written).
    public var hasSolution: Bool { self == .optimal || self == .feasible }
}

/// The relative gap every report uses: `|bound − objective| / max(1e-10, |objective|)`, the
/// definition CBC and GLPK use; nil without both numbers.
public enum RelativeGap {
    public static func between(objective: Double?, bound: Double?) -> Double? {
        guard let objective, let bound else { return nil }
        return abs(bound - objective) / max(1e-10, abs(objective))
    }
}
