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
    public let candidates: [UserCandidates]
    public let lowered: LoweredModel
    /// The solver's answer through the reductions, against the whole program.
    public let answer: ProgramAnswer?
    public let decisions: [Decision]
    public let infeasibility: [InfeasibilityFinding]
    /// Wall-clock seconds of each phase, in order (candidates, model build, solve, explain).
    public let phases: [(name: String, seconds: Double)]
}

/// The pipeline from a validated problem to decisions: candidates → MILP → solver → decisions.
public struct Compiler: Sendable {
    public let problem: Problem
    public let solver: any MILPSolver
    public let options: MILPOptions
    public let workers: ProcessPoolSolver?
    public let progress: (@Sendable (SolverProgress) -> Void)?

    public init(
        problem: Problem, solver: any MILPSolver, options: MILPOptions, workers: ProcessPoolSolver? = nil,
        progress: (@Sendable (SolverProgress) -> Void)? = nil
    ) {
        self.problem = problem
        self.solver = solver
        self.options = options
        self.workers = workers
        self.progress = progress
    }

    public func compile(at time: Seconds = .zero) -> CompileResult {
        var phases: [(name: String, seconds: Double)] = []
        var stopwatch = Stopwatch()
        func lap(_ name: String) {
            phases.append((name, stopwatch.seconds))
            stopwatch = Stopwatch()
        }
        let paths = PathCache(topology: problem.topology)
        let generator = CandidateGenerator(problem: problem, paths: paths, time: time)
        let candidates = generator.candidatesOfAllUsers()
        lap("candidates")
        let lowered = ModelLowering.lower(problem: problem, candidates: candidates)
        lap("model build")
        let answer = ProgramSolver(solver: solver, options: options, workers: workers, progress: progress)
            .solve(lowered.program)
        lap("solve")
        var decisions: [Decision] = []
        var findings: [InfeasibilityFinding] = []
        if let values = answer.values, answer.status.hasSolution {
            for (column, origin) in lowered.columns.enumerated() where values[column] > 0.5 {
                let user = problem.workload.users[origin.user]
                decisions.append(
                    Decision(
                        user: origin.user, from: user.attachment,
                        candidate: candidates[origin.user].candidates[origin.candidate]))
            }
            decisions.sort { $0.user < $1.user }
        } else if answer.status == .infeasible {
            findings = InfeasibilityExplainer(problem: problem, solver: solver)
                .explain(lowered, generator: generator, infeasible: answer.infeasibleComponents)
        }
        if !findings.isEmpty { lap("explain") }
        return CompileResult(
            time: time, candidates: candidates, lowered: lowered, answer: answer, decisions: decisions,
            infeasibility: findings, phases: phases)
    }
}
