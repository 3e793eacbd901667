import Foundation
import GLPKBackend
import MILP
import Solving
import Testing

/// GLPK's time limit: any limit a caller may pass is taken without trapping, and a hard instance
/// comes back close to the limit, never called optimal unless the search finished.
@Suite(.serialized)
struct GLPKTimeLimitTests {
    /// A small program that needs the branch and bound (a fractional LP optimum): max x + y with
    /// 2x + 2y ≤ 3, x and y binary; the optimum is 1.
    static var small: MILPModel {
        var model = MILPModel(name: "small", sense: .maximize)
        model.addVariable(.binary("x", objective: 1))
        model.addVariable(.binary("y", objective: 1))
        model.addConstraint(.lessEqual("c", [MILPTerm(0, 2), MILPTerm(1, 2)], 3))
        return model
    }

    /// `tm_lim` is an int of milliseconds: an infinite or huge limit once trapped converting to Int.
    @Test(arguments: [Double.infinity, 1e300, 1e12, Double(Int32.max), Double.nan])
    func anyLimitIsTaken(_ seconds: Double) {
        let solution = GLPKSolver().solve(
            Self.small, options: MILPOptions(timeLimitSeconds: seconds, relativeGap: 0))
        #expect(SolveStatus(solution) == .optimal, "\(seconds): \(solution.termination)")
        #expect(abs((solution.objective ?? .nan) - 1) < 1e-9)
    }

    /// A generalized assignment GLPK cannot finish in seconds, whose root LP takes about a second
    /// on this machine: GLPK's own clock starts after the presolver and the root LP, so a 2 s limit
    /// came back after 3.8 s. (A 1 s limit ran out in the root LP, where GLPK's clock holds, and
    /// would not show it.) The limit must hold within half a second.
    @Test func hardInstanceStopsAtTheLimit() {
        let limit = 2.0
        let model = HardInstances.generalizedAssignment(items: 800, bins: 25, seed: 5)
        let start = Date()
        let solution = GLPKSolver().solve(model, options: MILPOptions(timeLimitSeconds: limit, relativeGap: 0))
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed <= limit + 0.5, "returned after \(elapsed) s with a limit of \(limit) s")
        #expect(solution.seconds <= limit + 0.5)
        #expect(solution.termination == .timeLimit, "\(solution.termination)")
        #expect(SolveStatus(solution) != .optimal)
        if let values = solution.values { #expect(model.isFeasible(values)) }
        if let objective = solution.objective, let bound = solution.bound {
            #expect(bound >= objective - 1e-6)  // maximisation: the bound is above the point
        }
    }
}

extension HardInstances {
    /// A random generalized assignment: every item in exactly one bin, bins filled to 80 % of the
    /// mean load; `items × bins` binary columns.
    static func generalizedAssignment(items: Int, bins: Int, seed: UInt64) -> MILPModel {
        var state = seed
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var model = MILPModel(name: "gap", sense: .maximize)
        var weights: [[Double]] = []
        for item in 0..<items {
            var row: [Double] = []
            for bin in 0..<bins {
                model.addVariable(.binary("x\(item)_\(bin)", objective: (100 * next()).rounded() + 1))
                row.append((20 * next()).rounded() + 5)
            }
            weights.append(row)
        }
        for item in 0..<items {
            model.addConstraint(.equal("a\(item)", (0..<bins).map { MILPTerm(item * bins + $0, 1) }, 1))
        }
        for bin in 0..<bins {
            let terms = (0..<items).map { MILPTerm($0 * bins + bin, weights[$0][bin]) }
            model.addConstraint(.lessEqual("b\(bin)", terms, Double(items) * 15 / Double(bins) * 0.8))
        }
        return model
    }
}
