public import MILP

/// What a row of an assignment program is for.
public enum RowRole: Sendable, Hashable {
    /// Σ z = 1 over the columns of one user (3b).
    case assignment(user: Int32)
    /// A capacity row of one server (3c); a column of user u on that server has u's demand in it.
    case capacity(server: Int32)
    /// The user limit of one base station (3e); every column on that station has 1 in it.
    case userLimit(station: Int32)
}

/// What a column of an assignment program stands for: one user on one server through one base
/// station.
public struct ColumnRole: Sendable, Hashable {
    public var user: Int32
    public var server: Int32
    public var station: Int32

    public init(user: Int32, server: Int32, station: Int32) {
        self.user = user
        self.server = server
        self.station = station
    }
}

/// The program of docs/model.md in solver terms: a MILP whose rows and columns say which user,
/// server and base station they belong to.
///
/// The reductions rely on its structure: every column has 1 in the assignment row of its user and
/// otherwise appears only in rows of its own server and base station, with a coefficient that
/// depends on the user and the row only (a user's demand of a resource, or 1), never on which of
/// the user's columns it is.
public struct AssignmentProgram: Sendable {
    public var model: MILPModel
    public var rows: [RowRole]
    public var columns: [ColumnRole]

    public init(model: MILPModel, rows: [RowRole], columns: [ColumnRole]) {
        self.model = model
        self.rows = rows
        self.columns = columns
    }

    public func isAssignment(row: Int) -> Bool {
        if case .assignment = rows[row] { true } else { false }
    }
}

/// A program with some rows and columns switched off by the exact reductions, indexed as the
/// original: an answer of the masked program is an answer of the original with the removed
/// columns at 0.
public struct MaskedProgram: Sendable {
    public let program: AssignmentProgram
    public var isColumnActive: [Bool]
    public var isRowKept: [Bool]

    public init(_ program: AssignmentProgram) {
        self.program = program
        isColumnActive = [Bool](repeating: true, count: program.model.variables.count)
        isRowKept = [Bool](repeating: true, count: program.model.constraints.count)
    }
}
