import CBCBackend
import EdgeModel
import GLPKBackend
import MILP
import Planner
import Solving
import Testing

/// On random tiny instances, exhaustive enumeration, CBC and GLPK agree on the optimum; and the
/// exact reductions (dropped rows, independent components) leave it unchanged.
struct BruteForceTests {
    /// The best objective over every assignment of one candidate per user that fits (3c) and (3e),
    /// or nil when none fits.
    static func bruteForce(_ lowered: LoweredModel) -> Double? {
        let model = lowered.model
        // Columns of each user's assignment row.
        let groups: [[Int]] = model.constraints.enumerated().compactMap { index, row in
            if case .assignment = lowered.rows[index] { return row.terms.map(\.variable) }
            return nil
        }
        if groups.contains(where: \.isEmpty) { return nil }
        var best: Double?
        var choice = [Int](repeating: 0, count: groups.count)
        var values = [Double](repeating: 0, count: model.variables.count)
        while true {
            for value in values.indices { values[value] = 0 }
            for (group, pick) in zip(groups, choice) { values[group[pick]] = 1 }
            if model.isFeasible(values, tolerance: 1e-9) {
                let objective = model.objectiveValue(of: values)
                if best == nil || objective > best ?? 0 { best = objective }
            }
            var position = 0
            while position < choice.count {
                choice[position] += 1
                if choice[position] < groups[position].count { break }
                choice[position] = 0
                position += 1
            }
            if position == choice.count { break }
        }
        return best
    }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x?, let y?): return abs(x - y) <= 1e-6 * max(1, abs(x), abs(y))
        default: return false
        }
    }

    @Test func solversAgreeWithEnumeration() throws {
        var generator = RandomInstances(seed: 2026)
        let options = MILPOptions(timeLimitSeconds: 20, relativeGap: 0, threads: 1)
        var infeasibleCount = 0
        var bindingCount = 0
        var pricedRounds = 0
        for round in 0..<200 {
            let problem = generator.problem()
            let paths = PathCache(topology: problem.topology)
            let candidates = CandidateGenerator(problem: problem, paths: paths)
            let lowered = ModelLowering.lower(
                problem: problem, candidates: problem.workload.users.indices.map { candidates.candidates(forUser: $0) })
            let exhaustive = Self.bruteForce(lowered)
            if exhaustive == nil { infeasibleCount += 1 }
            // The full program, straight to each solver.
            for solver in [CBCSolver() as any MILPSolver, GLPKSolver()] {
                let direct = solver.solve(lowered.model, options: options)
                let optimum = direct.termination == .infeasible ? nil : direct.objective
                #expect(
                    Self.close(optimum, exhaustive),
                    "round \(round) \(solver.name) direct: \(String(describing: optimum)) vs \(String(describing: exhaustive))"
                )
                // Through the reductions.
                let reduced = ProgramSolver(solver: solver, options: options).solve(lowered.program)
                let reducedOptimum = reduced.status == .infeasible ? nil : reduced.objective
                #expect(Self.close(reducedOptimum, exhaustive), "round \(round) \(solver.name) reduced")
                if exhaustive != nil { #expect(reduced.status == .optimal, "round \(round) \(solver.name)") }
                if reduced.statistics.droppedRowCount < lowered.model.constraints.count - problem.workload.users.count {
                    bindingCount += 1
                }
                // Priced: the candidates never built, the same optimum, and a bound of the whole.
                let lp: any LPSolver = solver.name == "cbc" ? ClpLPSolver() : GLPKLPSolver()
                let priced = try Compiler(problem: problem, solver: solver, options: options, lpSolver: lp).compile()
                let pricedAnswer = try #require(priced.answer)
                let pricedOptimum = pricedAnswer.status == .infeasible ? nil : pricedAnswer.objective
                #expect(Self.close(pricedOptimum, exhaustive), "round \(round) \(solver.name) priced")
                if let exhaustive {
                    #expect(pricedAnswer.status == .optimal, "round \(round) \(solver.name) priced")
                    #expect(Self.close(pricedAnswer.bound, exhaustive), "round \(round) \(solver.name) priced bound")
                    let chosen = priced.decisions.reduce(0.0) { $0 + $1.candidate.objectiveSeconds }
                    #expect(Self.close(chosen, exhaustive), "round \(round) \(solver.name) priced decisions")
                    if (priced.pricing?.rounds ?? 0) > 1 { pricedRounds += 1 }
                } else {
                    #expect(pricedAnswer.status == .infeasible, "round \(round) \(solver.name) priced")
                    #expect(!priced.infeasibility.isEmpty, "round \(round) \(solver.name) priced explained")
                }
            }
        }
        // The generator must exercise both outcomes and binding capacities, or the test proves little.
        #expect(infeasibleCount > 5)
        #expect(infeasibleCount < 150)
        #expect(bindingCount > 50)
        // Pricing must have had to add columns in some of them, or it was not tested.
        #expect(pricedRounds > 5)
    }
}
