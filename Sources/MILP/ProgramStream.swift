/// A row of a program written out as a stream.
public struct StreamRow: Sendable, Hashable {
    public var name: String
    public var lower: Double
    public var upper: Double

    public init(name: String, lower: Double, upper: Double) {
        self.name = name
        self.lower = lower
        self.upper = upper
    }
}

/// A column of a program written out as a stream; its entries in increasing row order.
public struct StreamColumn: Sendable {
    public var name: String
    public var objective: Double
    public var lowerBound: Double
    public var upperBound: Double
    public var isInteger: Bool
    public var rows: [Int]
    public var coefficients: [Double]

    public init(
        name: String, objective: Double, lowerBound: Double, upperBound: Double, isInteger: Bool, rows: [Int],
        coefficients: [Double]
    ) {
        self.name = name
        self.objective = objective
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.isInteger = isInteger
        self.rows = rows
        self.coefficients = coefficients
    }

    public var isBinary: Bool { isInteger && lowerBound == 0 && upperBound == 1 }
}

/// How big a streamed program is.
public struct StreamCounts: Sendable, Hashable {
    public var columns: Int
    /// Nonzeros of the rows, in all and per row.
    public var nonzeros: Int
    public var nonzerosPerRow: [Int]

    public init(columns: Int, nonzeros: Int, nonzerosPerRow: [Int]) {
        self.columns = columns
        self.nonzeros = nonzeros
        self.nonzerosPerRow = nonzerosPerRow
    }
}

/// A program the LP and MPS writers read column by column, as often as they need, so that a
/// program too large for memory can still be written out. Its names are valid in both formats
/// and unique (the writers keep no set of them).
public protocol ProgramStream {
    var name: String { get }
    var sense: ObjectiveSense { get }
    var objectiveConstant: Double { get }
    var rows: [StreamRow] { get }
    /// Whether a row or column is called `name` (asked for the few names the writers add).
    func isTaken(_ name: String) -> Bool
    /// The sizes; may take a pass over the columns.
    func counts() throws -> StreamCounts
    /// Every column, in order; each pass gives the same columns.
    func forEachColumn(_ body: (StreamColumn) throws -> Void) throws
}

/// A `MILPModel` as a stream, its names made valid and unique by `sanitizedNames`.
public struct ModelStream: ProgramStream {
    public let model: MILPModel
    public let variableNames: [String]
    public let constraintNames: [String]
    private let taken: Set<String>

    public init(_ model: MILPModel, variableNames: [String], constraintNames: [String]) {
        self.model = model
        self.variableNames = variableNames
        self.constraintNames = constraintNames
        taken = Set(variableNames + constraintNames)
    }

    public var name: String { model.name }
    public var sense: ObjectiveSense { model.sense }
    public var objectiveConstant: Double { model.objectiveConstant }

    public var rows: [StreamRow] {
        model.constraints.enumerated().map { StreamRow(name: constraintNames[$0], lower: $1.lower, upper: $1.upper) }
    }

    public func isTaken(_ name: String) -> Bool { taken.contains(name) }

    public func counts() -> StreamCounts {
        StreamCounts(
            columns: model.variables.count, nonzeros: model.nonzeroCount,
            nonzerosPerRow: model.constraints.map(\.terms.count))
    }

    public func forEachColumn(_ body: (StreamColumn) throws -> Void) throws {
        var entries = [[(row: Int, value: Double)]](repeating: [], count: model.variables.count)
        for (rowIndex, row) in model.constraints.enumerated() {
            for term in row.terms { entries[term.variable].append((rowIndex, term.coefficient)) }
        }
        for (index, variable) in model.variables.enumerated() {
            try body(
                StreamColumn(
                    name: variableNames[index], objective: variable.objective, lowerBound: variable.lowerBound,
                    upperBound: variable.upperBound, isInteger: variable.isInteger, rows: entries[index].map(\.row),
                    coefficients: entries[index].map(\.value)))
        }
    }
}
