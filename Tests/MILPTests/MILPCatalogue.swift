import MILP
import Solving

/// Small MILPs with known optima that every backend must solve (after CVXPY's solver test helpers).
enum MILPCatalogue {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let model: MILPModel
        /// Expected status and optimum (nil when there is none).
        let status: SolveStatus
        let optimum: Double?
        var description: String { name }
    }

    static var all: [Case] {
        [
            knapsack, assignment, generalIntegers, constant, infeasible, equalityInfeasible, empty, emptyInfeasible,
            unbounded, mixed,
        ]
    }

    /// max 5a + 4b + 3c, 2a + 3b + c ≤ 5, 4a + b + 2c ≤ 11, 3a + 4b + 2c ≤ 8, binary.
    /// {a, b}: 9 (rows 5, 5, 7); {a, c}: 8; {a, b, c} breaks row 1. Optimum 9.
    static let knapsack = Case(
        name: "knapsack",
        model: MILPModel(
            name: "knapsack", sense: .maximize,
            variables: [.binary("a", objective: 5), .binary("b", objective: 4), .binary("c", objective: 3)],
            constraints: [
                .lessEqual("r1", [MILPTerm(0, 2), MILPTerm(1, 3), MILPTerm(2, 1)], 5),
                .lessEqual("r2", [MILPTerm(0, 4), MILPTerm(1, 1), MILPTerm(2, 2)], 11),
                .lessEqual("r3", [MILPTerm(0, 3), MILPTerm(1, 4), MILPTerm(2, 2)], 8),
            ]),
        status: .optimal, optimum: 9)

    /// Two users, two slots of capacity 1; user 1 prefers slot 1 (10 vs 1), user 2 too (8 vs 6):
    /// the best is user 1 → slot 1, user 2 → slot 2 = 16.
    static let assignment = Case(
        name: "assignment",
        model: MILPModel(
            name: "assignment", sense: .maximize,
            variables: [
                .binary("z#u1#s1", objective: 10), .binary("z#u1#s2", objective: 1),
                .binary("z#u2#s1", objective: 8), .binary("z#u2#s2", objective: 6),
            ],
            constraints: [
                .equal("assign#u1", [MILPTerm(0, 1), MILPTerm(1, 1)], 1),
                .equal("assign#u2", [MILPTerm(2, 1), MILPTerm(3, 1)], 1),
                .lessEqual("cap#s1", [MILPTerm(0, 1), MILPTerm(2, 1)], 1),
                .lessEqual("cap#s2", [MILPTerm(1, 1), MILPTerm(3, 1)], 1),
            ]),
        status: .optimal, optimum: 16)

    /// min x + y, x + 2y ≥ 3.5, 3x + y ≥ 4.2, x, y ≥ 0 integer: (1, 2) and (2, 1) give 3; (1, 1)
    /// breaks the first row. Optimum 3.
    static let generalIntegers = Case(
        name: "general-integers",
        model: MILPModel(
            name: "general", sense: .minimize,
            variables: [
                MILPVariable(name: "x", lowerBound: 0, upperBound: .infinity, isInteger: true, objective: 1),
                MILPVariable(name: "y", lowerBound: 0, upperBound: .infinity, isInteger: true, objective: 1),
            ],
            constraints: [
                .greaterEqual("c1", [MILPTerm(0, 1), MILPTerm(1, 2)], 3.5),
                .greaterEqual("c2", [MILPTerm(0, 3), MILPTerm(1, 1)], 4.2),
            ]),
        status: .optimal, optimum: 3)

    /// max 2x + 10 over a binary x: 12.
    static let constant = Case(
        name: "objective-constant",
        model: MILPModel(
            name: "constant", sense: .maximize, objectiveConstant: 10, variables: [.binary("x", objective: 2)],
            constraints: [.lessEqual("r", [MILPTerm(0, 1)], 1)]),
        status: .optimal, optimum: 12)

    /// a + b ≥ 3 over binaries.
    static let infeasible = Case(
        name: "infeasible",
        model: MILPModel(
            name: "infeasible", sense: .maximize,
            variables: [.binary("a", objective: 1), .binary("b", objective: 1)],
            constraints: [.greaterEqual("r", [MILPTerm(0, 1), MILPTerm(1, 1)], 3)]),
        status: .infeasible, optimum: nil)

    /// Integer-infeasible although the relaxation is feasible: 2a + 2b = 1.
    static let equalityInfeasible = Case(
        name: "integer-infeasible",
        model: MILPModel(
            name: "parity", sense: .minimize,
            variables: [.binary("a", objective: 1), .binary("b", objective: 1)],
            constraints: [.equal("r", [MILPTerm(0, 2), MILPTerm(1, 2)], 1)]),
        status: .infeasible, optimum: nil)

    static let empty = Case(
        name: "empty", model: MILPModel(name: "empty", sense: .maximize, objectiveConstant: 3), status: .optimal,
        optimum: 3)

    static let emptyInfeasible = Case(
        name: "empty-infeasible",
        model: MILPModel(
            name: "empty", sense: .maximize, constraints: [MILPConstraint(name: "r", terms: [], lower: 1, upper: 2)]),
        status: .infeasible, optimum: nil)

    /// max x over x ≥ 0 continuous, with an unrelated binary.
    static let unbounded = Case(
        name: "unbounded",
        model: MILPModel(
            name: "unbounded", sense: .maximize,
            variables: [
                MILPVariable(name: "x", lowerBound: 0, upperBound: .infinity, isInteger: false, objective: 1),
                .binary("b", objective: 1),
            ],
            constraints: [.greaterEqual("r", [MILPTerm(0, 1), MILPTerm(1, 1)], 1)]),
        status: .unbounded, optimum: nil)

    /// Mixed: max 3x + 2b with x continuous in [0, 2.5], x + 4b ≤ 5, b binary → b = 1, x = 1 → 5;
    /// b = 0, x = 2.5 → 7.5. Optimum 7.5.
    static let mixed = Case(
        name: "mixed",
        model: MILPModel(
            name: "mixed", sense: .maximize,
            variables: [
                MILPVariable(name: "x", lowerBound: 0, upperBound: 2.5, isInteger: false, objective: 3),
                .binary("b", objective: 2),
            ],
            constraints: [.lessEqual("r", [MILPTerm(0, 1), MILPTerm(1, 4)], 5)]),
        status: .optimal, optimum: 7.5)
}
