public import Diagnostics
public import EdgeModel
import Foundation
public import MILP
public import Solving

/// One user's chosen pair.
public struct Decision: Sendable {
    /// Index into `Problem.workload.users`.
    public let user: Int
    public let from: Attachment
    public let candidate: Candidate
}

/// Everything `compile` produced: candidates, the program, the solver's answer and the decisions,
/// or the reasons there is no answer.
public struct CompileResult: Sendable {
    public let time: Seconds
    /// The candidates that became columns: every candidate without pricing; with pricing, the ones
    /// it generated (the rest were priced without being built).
    public let candidates: [UserCandidates]
    /// The program the solver was given last: the whole program, or with pricing the restricted one.
    public let lowered: LoweredModel
    /// The solver's answer through the reductions, against the whole program.
    public let answer: ProgramAnswer?
    /// What pricing did; nil when the whole program was built.
    public let pricing: PricingStatistics?
    /// At least the number of columns of the whole program (exact when it was built).
    public let wholeProgramColumnBound: Int
    public let decisions: [Decision]
    public let infeasibility: [InfeasibilityFinding]
    /// Wall-clock seconds of each phase, in order.
    public let phases: [(name: String, seconds: Double)]
    /// Objective terms no solver may be given (`ObjectiveCheck`), at most one per user: when there
    /// are any, nothing was solved and `answer` is nil.
    public var objectiveFaults: [Diagnostic] = []
}

/// The pipeline from a validated problem to decisions: candidates → MILP → solver → decisions.
///
/// With an LP solver, the candidates are priced instead of built (`CandidateColumns`,
/// `PricedSolver`): the same program, solved without holding every column. Without one, every
/// candidate becomes a column and the program goes to the solver whole (after the exact reductions).
public struct Compiler: Sendable {
    public let problem: Problem
    public let solver: any MILPSolver
    public let options: MILPOptions
    public let workers: ProcessPoolSolver?
    public let observer: CompileObserver
    /// Memory the compile may use; nil checks nothing.
    public let memoryBudget: MemoryBudget?
    /// Solves LP relaxations with duals for pricing; nil builds every candidate.
    public let lpSolver: (any LPSolver)?
    public let pricingOptions: PricingOptions

    public init(
        problem: Problem, solver: any MILPSolver, options: MILPOptions, workers: ProcessPoolSolver? = nil,
        lpSolver: (any LPSolver)? = nil, pricingOptions: PricingOptions = PricingOptions(),
        observer: CompileObserver = CompileObserver(), memoryBudget: MemoryBudget? = nil
    ) {
        self.memoryBudget = memoryBudget
        self.problem = problem
        self.solver = solver
        self.options = options
        self.workers = workers
        self.lpSolver = lpSolver
        self.pricingOptions = pricingOptions
        self.observer = observer
    }

    var programSolver: ProgramSolver {
        ProgramSolver(solver: solver, options: options, workers: workers, progress: observer.solver)
    }

    /// Throws `MemoryLimitExceeded` before a phase that would hold more than `memoryBudget`.
    public func compile(at time: Seconds = .zero) throws -> CompileResult {
        var phases = PhaseClock(observer: observer)
        let paths = PathCache(topology: problem.topology)
        let generator = CandidateGenerator(problem: problem, paths: paths, time: time)
        let users = Array(problem.workload.users.indices)
        if let lpSolver, CandidateColumns.canPrice(problem: problem, userCount: users.count) {
            try memoryBudget?.check(
                phase: "candidates", adding: MemoryEstimate.candidatesPhaseBytes(problem),
                advice: "the network and the users are too large for this machine's memory")
            let source = CandidateColumns(generator: generator, users: users)
            phases.lap("candidates")
            var pricing = pricingOptions
            if let memoryBudget {
                try memoryBudget.check(
                    phase: "pricing",
                    adding: users.count * MemoryEstimate.initialColumnsPerUser * MemoryEstimate.bytesPerPricedColumn,
                    advice: "even the first restricted program, a few columns per user, does not fit")
                // Pricing and reduced-cost fixing stop short of the limit (and say so) rather than fail.
                pricing.maximumColumns = min(
                    pricing.maximumColumns, memoryBudget.availableBytes / MemoryEstimate.bytesPerPricedColumn)
            }
            let priced = PricedSolver(
                lpSolver: lpSolver, programSolver: programSolver, options: pricing, progress: observer.pricing
            ).solve(source)
            phases.lap("pricing and solve")
            // The source withholds a column whose objective is out of range, and pricing stops
            // before the next solve: the run ends with the errors.
            let faults = source.objectiveFaults
            if !faults.isEmpty { return refused(time: time, faults: faults, phases: phases) }
            let lowered = source.lowered(priced)
            var findings: [InfeasibilityFinding] = []
            if priced.answer.status == .infeasible {
                findings = explain(priced, source: source, lowered: lowered)
            }
            return finish(
                time: time, generator: generator, lowered: lowered, answer: priced.answer, pricing: priced,
                columnBound: source.candidatePairBound, findings: findings, phases: &phases)
        }
        if let memoryBudget {
            let columns = generator.pairCountBound(users: users)
            try memoryBudget.check(
                phase: "model build", adding: columns * MemoryEstimate.bytesPerBuiltColumn,
                advice:
                    "the whole program has up to \(columns) columns; without --no-pricing only the columns pricing needs are built"
            )
        }
        let candidates = generator.candidatesOfAllUsers()
        phases.lap("candidates")
        let faults = ObjectiveCheck.faults(candidates, generator: generator)
        if !faults.isEmpty { return refused(time: time, faults: faults, phases: phases) }
        let lowered = ModelLowering.lower(problem: problem, candidates: candidates)
        phases.lap("model build")
        let answer = programSolver.solve(lowered.program)
        phases.lap("solve")
        var findings: [InfeasibilityFinding] = []
        if answer.status == .infeasible {
            findings = InfeasibilityExplainer(problem: problem, solver: solver)
                .explain(lowered, generator: generator, infeasible: answer.infeasibleComponents)
        }
        return finish(
            time: time, generator: generator, lowered: lowered, answer: answer, pricing: nil,
            columnBound: lowered.model.variables.count, findings: findings, phases: &phases)
    }

    /// Past this many candidate pairs (an upper bound, before SLAs), a priced program proved
    /// infeasible is explained from its proof alone, without writing out every candidate.
    public static let explanationColumnLimit = 1_000_000

    /// Why a priced program is infeasible. A small one is written out whole, so that the
    /// conditions on users' complete candidate lists and the deletion filter can speak.
    func explain(_ priced: PricedAnswer, source: CandidateColumns, lowered: LoweredModel) -> [InfeasibilityFinding] {
        let explainer = InfeasibilityExplainer(problem: problem, solver: solver)
        let findings = explainer.explain(priced, source: source)
        if !priced.usersWithoutColumns.isEmpty { return findings }
        if priced.pricing.certifiedByFixing && !priced.answer.infeasibleComponents.isEmpty {
            // The integer program held every column already.
            return explainer.explain(
                lowered, generator: source.generator, infeasible: priced.answer.infeasibleComponents)
        }
        guard source.candidatePairBound <= Self.explanationColumnLimit else { return findings }
        let candidates = source.users.map { source.generator.candidates(forUser: $0) }
        let whole = ModelLowering.lower(problem: problem, candidates: candidates)
        let answer = programSolver.solve(whole.program)
        let detailed = explainer.explain(whole, generator: source.generator, infeasible: answer.infeasibleComponents)
        // The fractional proof names rows; the whole program's conditions name users, unless they
        // too could only say it was not explained.
        let explained = detailed.contains { if case .unexplained = $0 { false } else { true } }
        return explained || findings.isEmpty ? detailed : findings
    }

    /// The result of a program that was not solved: some objective term was out of range.
    func refused(time: Seconds, faults: [Diagnostic], phases: PhaseClock) -> CompileResult {
        var result = CompileResult(
            time: time, candidates: [], lowered: ModelLowering.lower(problem: problem, candidates: []), answer: nil,
            pricing: nil, wholeProgramColumnBound: 0, decisions: [], infeasibility: [], phases: phases.phases)
        result.objectiveFaults = faults
        return result
    }

    /// Decisions from the answer, or the reasons there is none.
    func finish(
        time: Seconds, generator: CandidateGenerator, lowered: LoweredModel, answer: ProgramAnswer,
        pricing: PricedAnswer?, columnBound: Int, findings: [InfeasibilityFinding], phases: inout PhaseClock
    ) -> CompileResult {
        var decisions: [Decision] = []
        if let values = answer.values, answer.status.hasSolution {
            for (column, origin) in lowered.columns.enumerated() where values[column] > 0.5 {
                guard let candidate = lowered.candidates[origin.user]?.candidates[origin.candidate] else { continue }
                let user = problem.workload.users[origin.user]
                decisions.append(Decision(user: origin.user, from: user.attachment, candidate: candidate))
            }
            decisions.sort { $0.user < $1.user }
        }
        if !findings.isEmpty { phases.lap("explain") }
        let candidates = lowered.candidates.values.sorted { $0.user < $1.user }
        return CompileResult(
            time: time, candidates: candidates, lowered: lowered, answer: answer, pricing: pricing?.pricing,
            wholeProgramColumnBound: columnBound,
            decisions: decisions, infeasibility: findings, phases: phases.phases)
    }
}

/// Who hears of a compile as it goes: each phase as it ends, each pricing round, and the solver's
/// incumbent and bound as they improve (progress lines on a terminal).
public struct CompileObserver: Sendable {
    public var phase: (@Sendable (_ name: String, _ seconds: Double) -> Void)?
    public var pricing: (@Sendable (PricingProgress) -> Void)?
    public var solver: (@Sendable (SolverProgress) -> Void)?

    public init(
        phase: (@Sendable (String, Double) -> Void)? = nil, pricing: (@Sendable (PricingProgress) -> Void)? = nil,
        solver: (@Sendable (SolverProgress) -> Void)? = nil
    ) {
        self.phase = phase
        self.pricing = pricing
        self.solver = solver
    }
}

/// Wall-clock seconds of consecutive phases.
struct PhaseClock {
    let observer: CompileObserver
    var phases: [(name: String, seconds: Double)] = []
    var stopwatch = Stopwatch()

    mutating func lap(_ name: String) {
        let seconds = stopwatch.seconds
        phases.append((name, seconds))
        observer.phase?(name, seconds)
        stopwatch = Stopwatch()
    }
}
