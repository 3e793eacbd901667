import Diagnostics
public import EdgeModel
public import MILP
public import Solving

/// Solves the program of SPEC §2 for the users due at each epoch, the others holding their
/// capacity; its candidates priced (with an LP solver) or built.
public struct OrchestratedPlanner: SpanPlanner {
    public let kind = PlannerKind.orchestrated
    public let coordination: CoordinationKind
    public let lookaheadSeconds: Double? = nil
    public let solves = true
    public let solver: any MILPSolver
    public let options: MILPOptions
    public let workers: ProcessPoolSolver?
    public let lpSolver: (any LPSolver)?

    public init(
        coordination: CoordinationKind, solver: any MILPSolver, options: MILPOptions, workers: ProcessPoolSolver?,
        lpSolver: (any LPSolver)?
    ) {
        self.coordination = coordination
        self.solver = solver
        self.options = options
        self.workers = workers
        self.lpSolver = lpSolver
    }

    public mutating func decide(_ epoch: PlanningEpoch) -> EpochOutcome {
        var outcome = EpochOutcome()
        guard !epoch.due.isEmpty else { return outcome }
        // A user with no candidate keeps its placement this epoch (explain says why): it must not
        // make the program of everyone else infeasible.
        let solved = solve(
            due: epoch.due, generator: epoch.generator, problem: epoch.problem, reservation: epoch.reservation())
        outcome.stranded = solved.stranded
        outcome.faults = solved.faults
        guard solved.faults.isEmpty else { return outcome }
        guard let answer = solved.answer else { return outcome }
        outcome.answer = answer
        outcome.variables = solved.lowered.model.variables.count
        outcome.constraints = solved.lowered.model.constraints.count
        if let values = answer.values, answer.status.hasSolution {
            for (column, origin) in solved.lowered.columns.enumerated() where values[column] > 0.5 {
                if let candidate = solved.lowered.candidates[origin.user]?.candidates[origin.candidate] {
                    outcome.moves.append((origin.user, candidate))
                }
            }
        }
        return outcome
    }

    /// One epoch's program for the users due, priced or built: its answer (nil when no user due
    /// has a candidate, or when an objective term is out of range: `faults` then says which) and how
    /// many users due had none.
    func solve(due: [Int], generator: CandidateGenerator, problem current: Problem, reservation: Reservation)
        -> (answer: ProgramAnswer?, lowered: LoweredModel, stranded: Int, faults: [Diagnostic])
    {
        let programSolver = ProgramSolver(solver: solver, options: options, workers: workers)
        if let lpSolver, CandidateColumns.canPrice(problem: current, userCount: due.count) {
            var users = due
            while !users.isEmpty {
                let source = CandidateColumns(generator: generator, users: users, reservation: reservation)
                let priced = PricedSolver(lpSolver: lpSolver, programSolver: programSolver).solve(source)
                let faults = source.objectiveFaults
                if !faults.isEmpty {
                    return (nil, ModelLowering.lower(problem: current, candidates: []), 0, faults)
                }
                if priced.usersWithoutColumns.isEmpty {
                    return (priced.answer, source.lowered(priced), due.count - users.count, [])
                }
                let lonely = Set(priced.usersWithoutColumns.map { users[$0] })
                users.removeAll { lonely.contains($0) }
            }
            return (nil, ModelLowering.lower(problem: current, candidates: []), due.count, [])
        }
        let candidates = due.map { generator.candidates(forUser: $0) }.filter { !$0.candidates.isEmpty }
        let faults = ObjectiveCheck.faults(candidates, generator: generator)
        if !faults.isEmpty { return (nil, ModelLowering.lower(problem: current, candidates: []), 0, faults) }
        let lowered = ModelLowering.lower(problem: current, candidates: candidates, reservation: reservation)
        if candidates.isEmpty { return (nil, lowered, due.count, []) }
        return (programSolver.solve(lowered.program), lowered, due.count - candidates.count, [])
    }
}
