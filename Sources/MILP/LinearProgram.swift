/// A row of a linear program: `lower ≤ Σ a·x ≤ upper`, an infinite bound absent.
public struct LPRow: Sendable, Hashable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}

/// A column of a linear program: objective, bounds and its nonzeros by row index.
public struct LPColumn: Sendable, Hashable {
    public var objective: Double
    public var lower: Double
    public var upper: Double
    public var rows: [Int32]
    public var values: [Double]

    public init(objective: Double, lower: Double = 0, upper: Double = .infinity, rows: [Int32], values: [Double]) {
        self.objective = objective
        self.lower = lower
        self.upper = upper
        self.rows = rows
        self.values = values
    }

    /// Whether the nonzeros name distinct rows below `rowCount`, one finite value each: GLPK aborts
    /// the process on a repeated or out-of-range row index, so backends check before passing one on.
    public func isWellFormed(rowCount: Int) -> Bool {
        guard rows.count == values.count, values.allSatisfy(\.isFinite),
            rows.allSatisfy({ $0 >= 0 && Int($0) < rowCount })
        else { return false }
        return Set(rows).count == rows.count
    }
}

/// Why a linear program's solve stopped.
public enum LPStatus: String, Sendable, Hashable {
    case optimal
    case infeasible
    case unbounded
    case timeLimit
    case error
}

/// A solved linear program: the point, and row duals in the convention of the program's own sense.
///
/// Duals `y` are such that the reduced cost of column j is `c_j − Σ_i y_i·a_ij`. At an optimum of a
/// maximisation every column at its lower bound has a reduced cost ≤ 0 and every `≤` row a dual
/// ≥ 0 (a minimisation: ≥ 0 and ≤ 0). So `y` prices one more unit of a row's right-hand side.
public struct LPResult: Sendable {
    public var status: LPStatus
    /// Objective of `primal`; meaningful when optimal.
    public var objective: Double
    /// Column values, in the order the columns were added.
    public var primal: [Double]
    /// Row duals (see above), in row order.
    public var duals: [Double]
    public var iterations: Int
    public var seconds: Double

    public init(
        status: LPStatus, objective: Double, primal: [Double], duals: [Double], iterations: Int, seconds: Double
    ) {
        self.status = status
        self.objective = objective
        self.primal = primal
        self.duals = duals
        self.iterations = iterations
        self.seconds = seconds
    }
}

/// A linear program that grows by columns and is re-solved from its last basis: the restricted
/// master program of column generation. One owner, one thread; not `Sendable`.
public protocol LinearProgramSession: AnyObject {
    var columnCount: Int { get }
    var rowCount: Int { get }
    /// Appends columns, each naming distinct rows (`LPColumn.isWellFormed`, checked); they enter at
    /// their lower bound, so the last basis stays valid.
    func addColumns(_ columns: [LPColumn])
    /// Changes one column's bounds (e.g. an artificial column fixed to 0).
    func setColumnBounds(_ column: Int, lower: Double, upper: Double)
    /// Changes one column's objective coefficient.
    func setObjective(_ column: Int, _ value: Double)
    /// Starts the next solve from this basis: the listed columns and the logicals (slacks) of the
    /// listed rows basic, everything else at a bound; as many as there are rows, and nonsingular.
    /// The next solve runs the dual simplex from it, so it should be dual feasible.
    func setBasis(basicColumns: [Int], basicRows: [Int])
    /// Solves from the current basis (the first solve starts from scratch).
    func solve(timeLimitSeconds: Double) -> LPResult
}

/// A backend that solves linear programs with duals.
public protocol LPSolver: Sendable {
    var name: String { get }
    /// A new, empty-columned program with these rows.
    func makeSession(rows: [LPRow], sense: ObjectiveSense) -> any LinearProgramSession
}
