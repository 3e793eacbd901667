public import MILP

/// A column produced on demand: its place in the program, objective, nonzeros and a key that
/// names it among all columns of the whole program.
public struct PricedColumn: Sendable {
    /// Unique among the whole program's columns; the source maps it back to what it stands for.
    public var key: Int64
    public var role: ColumnRole
    public var name: String
    public var objective: Double
    /// Nonzeros by row index (the user's assignment row included).
    public var rows: [Int32]
    public var coefficients: [Double]

    public init(key: Int64, role: ColumnRole, name: String, objective: Double, rows: [Int32], coefficients: [Double]) {
        self.key = key
        self.role = role
        self.name = name
        self.objective = objective
        self.rows = rows
        self.coefficients = coefficients
    }
}

/// What a pricing pass is asked for.
public struct PricingRequest: Sendable {
    /// One dual per row, in the convention of `LPResult` (a maximisation: `≤` rows ≥ 0).
    public var duals: [Double]
    /// Per user: every column whose reduced cost `c − Σ dual·a` is at least this must be returned.
    public var minimumReducedCost: [Double]
    /// At most this many columns per user, the ones of largest reduced cost (nil: all of them).
    public var columnsPerUser: Int?
    /// Phase one: every objective counts as 0, so the reduced cost is `−Σ dual·a`.
    public var ignoresObjective: Bool
    /// Past this many columns in all, the source stops and says so (memory).
    public var maximumColumns: Int?

    public init(
        duals: [Double], minimumReducedCost: [Double], columnsPerUser: Int?, ignoresObjective: Bool = false,
        maximumColumns: Int? = nil
    ) {
        self.duals = duals
        self.minimumReducedCost = minimumReducedCost
        self.columnsPerUser = columnsPerUser
        self.ignoresObjective = ignoresObjective
        self.maximumColumns = maximumColumns
    }
}

/// What a pricing pass found.
public struct PricingResult: Sendable {
    public var columns: [PricedColumn]
    /// Per user: at least the largest reduced cost of any of its columns (exact where a column
    /// reached the threshold; the threshold itself where every column was pruned below it).
    public var largestReducedCost: [Double]
    /// Columns the source examined exactly (for statistics).
    public var evaluated: Int
    /// More columns reached the threshold than `maximumColumns`: `columns` is incomplete.
    public var overflowed: Bool

    public init(columns: [PricedColumn], largestReducedCost: [Double], evaluated: Int, overflowed: Bool = false) {
        self.columns = columns
        self.largestReducedCost = largestReducedCost
        self.evaluated = evaluated
        self.overflowed = overflowed
    }
}

/// An assignment program whose rows are known but whose columns are too many to write out: they
/// are produced on demand, by objective or by reduced cost, and never missed — a source that
/// skipped a column whose reduced cost reached the threshold would make the bound a guess.
public protocol ColumnSource: AnyObject {
    /// Users are numbered 0..<userCount; user u's assignment row is `assignmentRow(of: u)`.
    var userCount: Int { get }
    /// Every row of the whole program, with its role and bounds.
    var rowRoles: [RowRole] { get }
    var rowBounds: [LPRow] { get }
    var rowNames: [String] { get }
    func assignmentRow(of user: Int) -> Int
    /// The first restricted program: a few good columns of every user, and at least one of each
    /// user that has any (a user left without is one with no column at all).
    func initialColumns() -> [PricedColumn]
    func price(_ request: PricingRequest) -> PricingResult
    /// Whether the source withheld a column it must not hand out (edgeplan's: an objective term no
    /// solver may be given). Pricing then stops before its next solve, with an error status.
    var hasRefusedColumns: Bool { get }
}

extension ColumnSource {
    public var hasRefusedColumns: Bool { false }

    /// Whether `row` is some user's assignment row.
    func isAssignmentRow(_ row: Int) -> Bool {
        if case .assignment = rowRoles[row] { true } else { false }
    }
}
