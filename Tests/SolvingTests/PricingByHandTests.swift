import CBCBackend
import GLPKBackend
import MILP
import Solving
import Testing

/// Column generation and reduced-cost fixing on programs small enough to price by hand.
struct PricingByHandTests {
    static func solvers(_ backend: String) -> (lp: any LPSolver, milp: any MILPSolver) {
        backend == "cbc" ? (ClpLPSolver(), CBCSolver()) : (GLPKLPSolver(), GLPKSolver())
    }

    static func priced(_ source: ListedColumns, backend: String) -> PricedAnswer {
        let (lp, milp) = solvers(backend)
        let program = ProgramSolver(solver: milp, options: MILPOptions(timeLimitSeconds: 10, relativeGap: 0))
        return PricedSolver(lpSolver: lp, programSolver: program).solve(source)
    }

    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) <= 1e-7 * max(1, abs(b)) } ?? false }

    /// Two users, one edge server with 1.5 cores, each user needing 1 core:
    /// a0 = user 0 on the edge (objective 10), b0 = user 0 in the cloud (4), a1 = user 1 on the edge
    /// (8), b1 = user 1 in the cloud (5), c0 = user 0 on a second cloud (6). The cloud has no row.
    static func twoUsersOneCore(initial: [Int64], withSecondCloud: Bool = false) -> ListedColumns {
        let capacity: Int32 = 2  // rows 0 and 1 are the users'
        var columns: [PricedColumn] = [
            .listed(1, user: 0, server: 0, objective: 10, rows: [capacity], coefficients: [1]),
            .listed(2, user: 0, server: 1, objective: 4),
            .listed(3, user: 1, server: 0, objective: 8, rows: [capacity], coefficients: [1]),
            .listed(4, user: 1, server: 1, objective: 5),
        ]
        if withSecondCloud { columns.append(.listed(5, user: 0, server: 2, objective: 6)) }
        return ListedColumns(
            userCount: 2, resourceRows: [(.capacity(server: 0), 1.5)], columns: columns, initial: initial)
    }

    /// Round 1 holds a0 and b1: LP 15, the core row slack (μ = 0), π0 = 10, π1 = 5. a1 prices out at
    /// 8 − 5 − 0 = 3 (b0 at 4 − 10 = −6), so the Lagrangian bound is 10 + 5 + 1.5·0 + 3 = 18.
    /// Round 2 with a1: a0 = 1, a1 = 0.5, b1 = 0.5, LP 10 + 4 + 2.5 = 16.5; a1 and b1 basic give
    /// π1 = 5, μ = 3, and a0 basic π0 = 10 − 3 = 7. b0 prices at 4 − 7 = −3: nothing enters, the
    /// bound is 7 + 5 + 1.5·3 = 16.5. The integer program over {a0, a1, b1} gives 15 (a0, b1), so
    /// Δ = 1.5: b0 (−3 < 0 − 1.5) can be in no better solution, and the answer is certified.
    @Test(arguments: ["cbc", "glpk"])
    func pricesOutAndCertifies(_ backend: String) {
        let source = Self.twoUsersOneCore(initial: [1, 4])
        let priced = Self.priced(source, backend: backend)
        // Asked from 0, the first pass hands out the basic a0 and b1 (0) and a1 (3), not b0 (−6).
        #expect(source.handedOut.first == [1, 3, 4])
        #expect(priced.pricing.rounds == 2)
        #expect(priced.pricing.converged)
        #expect(Self.close(priced.pricing.lpBound, 16.5))
        #expect(priced.pricing.generatedColumns == 3)
        // Rounding the LP point (a0 = 1, a1 = b1 = 0.5: user 1 ties, the larger objective a1 wins)
        // overfills the core (2 > 1.5); the repair moves user 1, the less sure, to b1: 10 + 5.
        #expect(Self.close(priced.pricing.roundedObjective, 15))
        #expect(priced.pricing.certifiedByFixing)
        #expect(priced.pricing.fixingColumns == 0)
        #expect(priced.answer.status == .optimal)
        #expect(Self.close(priced.answer.objective, 15))
        #expect(Self.close(priced.answer.bound, 15))
        // The point: user 0 on the edge (key 1), user 1 in the cloud (key 4).
        let chosen = zip(priced.keys, priced.answer.values ?? []).filter { $0.1 > 0.5 }.map(\.0).sorted()
        #expect(chosen == [1, 4])
    }

    /// With c0 (objective 6): its reduced cost is 6 − 10 = −4 in round 1 and 6 − 7 = −1 in round 2,
    /// so pricing never adds it; but −1 ≥ 0 − 1.5, so reduced-cost fixing must, and the final
    /// program {a0, a1, b1, c0} still has 15 as its optimum (c0 + a1 = 14).
    @Test(arguments: ["cbc", "glpk"])
    func fixingAddsWhatCouldStillPayOff(_ backend: String) {
        let source = Self.twoUsersOneCore(initial: [1, 4], withSecondCloud: true)
        let priced = Self.priced(source, backend: backend)
        #expect(source.handedOut.last?.contains(5) == true)
        #expect(priced.pricing.fixingColumns == 1)
        #expect(priced.pricing.certifiedByFixing)
        #expect(priced.program.model.variables.count == 4)
        #expect(Self.close(priced.answer.objective, 15))
        #expect(Self.close(priced.answer.bound, 15))
        #expect(priced.answer.status == .optimal)
    }

    /// Both users only have the edge, whose one core cannot hold both even fractionally: the
    /// artificial columns stay, phase one proves it, and the core row is named.
    @Test(arguments: ["cbc", "glpk"])
    func phaseOneProvesInfeasibility(_ backend: String) {
        let capacity: Int32 = 2
        let source = ListedColumns(
            userCount: 2, resourceRows: [(.capacity(server: 0), 1)],
            columns: [
                .listed(1, user: 0, server: 0, objective: 10, rows: [capacity], coefficients: [1]),
                .listed(2, user: 1, server: 0, objective: 8, rows: [capacity], coefficients: [1]),
            ], initial: [1, 2])
        let priced = Self.priced(source, backend: backend)
        #expect(priced.answer.status == .infeasible)
        #expect(priced.infeasibleRows == [2])
        #expect(priced.answer.values == nil)
    }

    /// The first restricted program is infeasible (a0 and a1 cannot share the core) but the whole
    /// is not: the artificial columns carry it until b1 prices out, and no phase one is needed.
    @Test(arguments: ["cbc", "glpk"])
    func infeasibleStartRecovers(_ backend: String) {
        let source = Self.twoUsersOneCore(initial: [1, 3])
        let priced = Self.priced(source, backend: backend)
        #expect(priced.pricing.phaseOneRounds == 0)
        #expect(priced.answer.status == .optimal)
        #expect(Self.close(priced.answer.objective, 15))
    }

    /// A user without a single column makes the program infeasible before any LP is solved.
    @Test func aUserWithoutColumns() {
        let source = ListedColumns(
            userCount: 2, resourceRows: [],
            columns: [.listed(1, user: 0, server: 0, objective: 1)], initial: [1])
        let priced = Self.priced(source, backend: "cbc")
        #expect(priced.answer.status == .infeasible)
        #expect(priced.usersWithoutColumns == [1])
    }

    /// With room for two columns only, pricing stops after round 1 (a1 would be the third): the
    /// incumbent 15 (a0, b1) stands with round 1's bound, 18, reported as such — not as optimal.
    @Test func stopsShortOfTheColumnLimit() {
        let source = Self.twoUsersOneCore(initial: [1, 4])
        var options = PricingOptions()
        options.maximumColumns = 2
        let program = ProgramSolver(solver: CBCSolver(), options: MILPOptions(timeLimitSeconds: 10, relativeGap: 0))
        let priced = PricedSolver(lpSolver: ClpLPSolver(), programSolver: program, options: options).solve(source)
        #expect(priced.pricing.stoppedForMemory)
        #expect(!priced.pricing.converged)
        #expect(!priced.pricing.certifiedByFixing)
        #expect(priced.answer.status == .feasible)
        #expect(Self.close(priced.answer.objective, 15))
        #expect(Self.close(priced.answer.bound, 18))
    }
}
