import CBCBackend
import GLPKBackend
import MILP
import Solving
import Testing

/// Every backend passes the catalogue: status, optimum, a feasible point and an honest bound.
struct SolverCatalogueTests {
    static let solvers: [any MILPSolver] = [CBCSolver(), GLPKSolver()]

    static var pairs: [(String, MILPCatalogue.Case)] {
        solvers.flatMap { solver in MILPCatalogue.all.map { (solver.name, $0) } }
    }

    static func solver(named name: String) -> any MILPSolver {
        name == "cbc" ? CBCSolver() : GLPKSolver()
    }

    @Test(arguments: pairs)
    func catalogue(_ backend: String, _ entry: MILPCatalogue.Case) {
        let solution = Self.solver(named: backend).solve(
            entry.model, options: MILPOptions(timeLimitSeconds: 10, relativeGap: 0))
        #expect(
            SolveStatus(solution) == entry.status,
            "\(backend) \(entry.name): \(solution.termination) \(solution.primal) \(solution.message ?? "")")
        #expect(solution.backend == backend)
        guard let optimum = entry.optimum else {
            #expect(solution.bound == nil || entry.status == .unbounded)
            return
        }
        let objective = try? #require(solution.objective)
        #expect(abs((objective ?? .nan) - optimum) <= 1e-6 * max(1, abs(optimum)))
        #expect(abs((solution.bound ?? .nan) - optimum) <= 1e-6 * max(1, abs(optimum)))
        #expect((RelativeGap.between(objective: solution.objective, bound: solution.bound) ?? 1) <= 1e-9)
        if let values = solution.values {
            #expect(entry.model.isFeasible(values))
            #expect(abs(entry.model.objectiveValue(of: values) - optimum) <= 1e-6 * max(1, abs(optimum)))
        }
    }

    /// A time limit that stops the search must never be reported as optimal, and the gap reported
    /// must be the one between the point returned and the bound proved.
    @Test(arguments: ["cbc", "glpk"])
    func timeLimitIsReportedHonestly(_ backend: String) {
        let model = HardInstances.multidimensionalKnapsack(items: 120, dimensions: 8, seed: 3)
        let solution = Self.solver(named: backend).solve(
            model, options: MILPOptions(timeLimitSeconds: 0.2, relativeGap: 0))
        switch solution.termination {
        case .optimal:
            #expect(SolveStatus(solution) == .optimal)
            #expect((RelativeGap.between(objective: solution.objective, bound: solution.bound) ?? 1) <= 1e-6)
        case .timeLimit:
            #expect(SolveStatus(solution) == .feasible || SolveStatus(solution) == .noSolution)
            if let objective = solution.objective, let bound = solution.bound {
                #expect(bound >= objective - 1e-6)  // maximisation: the bound is above the point
            }
        default:
            Issue.record("unexpected \(solution.termination)")
        }
        if let values = solution.values { #expect(model.isFeasible(values)) }
        #expect(solution.seconds < 5)
    }
}

/// Instances that take a solver longer than a test should wait for.
enum HardInstances {
    /// A random multidimensional 0–1 knapsack with capacities at half the total weight.
    static func multidimensionalKnapsack(items: Int, dimensions: Int, seed: UInt64) -> MILPModel {
        var state = seed
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var model = MILPModel(name: "mkp", sense: .maximize)
        for item in 0..<items { model.addVariable(.binary("x\(item)", objective: (100 * next()).rounded() + 1)) }
        for dimension in 0..<dimensions {
            let weights = (0..<items).map { _ in (100 * next()).rounded() + 1 }
            model.addConstraint(
                .lessEqual(
                    "d\(dimension)", weights.enumerated().map { MILPTerm($0.offset, $0.element) },
                    weights.reduce(0, +) / 2))
        }
        return model
    }
}
