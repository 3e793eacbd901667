import CBCBackend
import Foundation
import MILP
import Solving
import Testing

/// The worker processes that solve independent components in parallel.
struct WorkerTests {
    static func catalogue() -> [MILPModel] {
        // max Σ c·x over binaries with a knapsack row, in several sizes: each has a known optimum
        // that the in-process solver also finds.
        (1...6).map { size in
            var model = MILPModel(name: "k\(size)", sense: .maximize)
            for item in 0..<(size * 3) {
                model.addVariable(.binary("x\(item)", objective: Double((item * 7) % 11 + 1)))
            }
            model.addConstraint(
                .lessEqual("w", (0..<(size * 3)).map { MILPTerm($0, Double(($0 * 5) % 9 + 1)) }, Double(size * 6)))
            return model
        }
    }

    @Test func workersAgreeWithTheInProcessSolver() {
        let models = Self.catalogue()
        let options = MILPOptions(timeLimitSeconds: 10, relativeGap: 0, threads: 1)
        let pooled = ProcessPoolSolver(
            executable: EdgePlanRunner.executable, arguments: ["solve-worker"], backend: "cbc"
        ).solve(
            models, options: options)
        #expect(pooled.count == models.count)
        for (model, solution) in zip(models, pooled) {
            let local = CBCSolver().solve(model, options: options)
            #expect(SolveStatus(solution) == .optimal, "\(solution.message ?? "")")
            #expect(abs((solution.objective ?? .nan) - (local.objective ?? .nan)) < 1e-9)
            if let values = solution.values { #expect(model.isFeasible(values)) }
        }
    }

    @Test func aBrokenWorkerIsAnErrorNotACrash() {
        let pooled = ProcessPoolSolver(
            executable: URL(fileURLWithPath: "/nonexistent/edgeplan"), arguments: ["solve-worker"], backend: "cbc"
        )
        .solve(Array(Self.catalogue().prefix(2)), options: MILPOptions())
        #expect(pooled.map(SolveStatus.init) == [.error, .error])
        #expect(pooled.allSatisfy { ($0.message ?? "").hasPrefix("solver worker failed") })
    }
}
