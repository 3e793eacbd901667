/// Whether the objective is maximised or minimised.
public enum ObjectiveSense: String, Sendable, Hashable, Codable {
    case maximize, minimize
}

/// A column: bounds, integrality, objective coefficient and a readable name.
public struct MILPVariable: Sendable, Hashable, Codable {
    public var name: String
    public var lowerBound: Double
    public var upperBound: Double
    public var isInteger: Bool
    public var objective: Double

    public init(name: String, lowerBound: Double, upperBound: Double, isInteger: Bool, objective: Double) {
        self.name = name
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.isInteger = isInteger
        self.objective = objective
    }

    /// A 0–1 variable.
    public static func binary(_ name: String, objective: Double) -> MILPVariable {
        MILPVariable(name: name, lowerBound: 0, upperBound: 1, isInteger: true, objective: objective)
    }

    public var isBinary: Bool { isInteger && lowerBound == 0 && upperBound == 1 }
}

/// A row `lower ≤ Σ coefficient·x ≤ upper`; an infinite bound is absent.
public struct MILPConstraint: Sendable, Hashable, Codable {
    public var name: String
    /// Sparse terms (variable index, coefficient), each variable at most once.
    public var terms: [MILPTerm]
    public var lower: Double
    public var upper: Double

    public init(name: String, terms: [MILPTerm], lower: Double, upper: Double) {
        self.name = name
        self.terms = terms
        self.lower = lower
        self.upper = upper
    }

    public static func lessEqual(_ name: String, _ terms: [MILPTerm], _ rhs: Double) -> MILPConstraint {
        MILPConstraint(name: name, terms: terms, lower: -.infinity, upper: rhs)
    }

    public static func equal(_ name: String, _ terms: [MILPTerm], _ rhs: Double) -> MILPConstraint {
        MILPConstraint(name: name, terms: terms, lower: rhs, upper: rhs)
    }

    public static func greaterEqual(_ name: String, _ terms: [MILPTerm], _ rhs: Double) -> MILPConstraint {
        MILPConstraint(name: name, terms: terms, lower: rhs, upper: .infinity)
    }
}

/// One nonzero of a row.
public struct MILPTerm: Sendable, Hashable, Codable {
    public var variable: Int
    public var coefficient: Double

    public init(_ variable: Int, _ coefficient: Double) {
        self.variable = variable
        self.coefficient = coefficient
    }
}

/// A solver-independent mixed-integer linear program: the value every backend and writer consumes.
public struct MILPModel: Sendable, Hashable, Codable {
    public var name: String
    public var sense: ObjectiveSense
    public var objectiveConstant: Double
    public var variables: [MILPVariable]
    public var constraints: [MILPConstraint]

    public init(
        name: String, sense: ObjectiveSense, objectiveConstant: Double = 0, variables: [MILPVariable] = [],
        constraints: [MILPConstraint] = []
    ) {
        self.name = name
        self.sense = sense
        self.objectiveConstant = objectiveConstant
        self.variables = variables
        self.constraints = constraints
    }

    @discardableResult
    public mutating func addVariable(_ variable: MILPVariable) -> Int {
        variables.append(variable)
        return variables.count - 1
    }

    public mutating func addConstraint(_ constraint: MILPConstraint) {
        constraints.append(constraint)
    }

    public var nonzeroCount: Int { constraints.reduce(0) { $0 + $1.terms.count } }

    /// The objective value of a point.
    public func objectiveValue(of values: [Double]) -> Double {
        zip(variables, values).reduce(objectiveConstant) { $0 + $1.0.objective * $1.1 }
    }

    /// Whether a point satisfies every bound, row and integrality within `tolerance`.
    public func isFeasible(_ values: [Double], tolerance: Double = 1e-6) -> Bool {
        guard values.count == variables.count else { return false }
        for (variable, value) in zip(variables, values) {
            if value < variable.lowerBound - tolerance || value > variable.upperBound + tolerance { return false }
            if variable.isInteger, abs(value - value.rounded()) > tolerance { return false }
        }
        for row in constraints {
            let activity = row.terms.reduce(0) { $0 + $1.coefficient * values[$1.variable] }
            let scale = max(1, abs(row.lower.isFinite ? row.lower : 0), abs(row.upper.isFinite ? row.upper : 0))
            if activity < row.lower - tolerance * scale || activity > row.upper + tolerance * scale { return false }
        }
        return true
    }

    /// The matrix column by column (compressed sparse column), as the C libraries take it.
    public func columnMajor() -> (starts: [Int], rows: [Int], values: [Double]) {
        var counts = [Int](repeating: 0, count: variables.count + 1)
        for row in constraints {
            for term in row.terms { counts[term.variable + 1] += 1 }
        }
        for i in 0..<variables.count { counts[i + 1] += counts[i] }
        var fill = counts
        var rows = [Int](repeating: 0, count: counts[variables.count])
        var values = [Double](repeating: 0, count: counts[variables.count])
        for (rowIndex, row) in constraints.enumerated() {
            for term in row.terms {
                rows[fill[term.variable]] = rowIndex
                values[fill[term.variable]] = term.coefficient
                fill[term.variable] += 1
            }
        }
        return (counts, rows, values)
    }
}
