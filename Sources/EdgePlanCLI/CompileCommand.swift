public import ArgumentParser
import CBCBackend
import EdgeModel
import Foundation
import Frontend
import GLPKBackend
import MILP
import MILPFormats
import Plan
import Planner
import Solving

/// A model file format for `--emit-model`.
enum ModelFormat: String, ExpressibleByArgument, CaseIterable {
    case lp, mps
}

/// `edgeplan compile`: build the program, solve it, and report the decisions.
struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile the inputs into the gain-minus-downtime program, solve it, and print the decisions.",
        discussion: """
            Exit status: 0 when a solution was found (optimal, or feasible with the gap reported), \
            1 when the inputs have errors, 2 when the program is infeasible or the solver found no \
            solution, 3 when a phase would need more memory than --max-memory, 64 on a usage error. \
            Infeasibility is explained: users without candidates and why, servers and base stations that cannot hold the users bound to them, or a smallest \
            set of constraints that conflict.
            """)

    @OptionGroup var input: InputOptions

    @Option(
        name: [.short, .long],
        help:
            "Write the plan (JSON; docs/plan-format.md) to this path, \"-\" for standard output. Written only when a solution was found, whole or not at all."
    )
    var output: String?

    @Option(name: .long, help: "The solver backend, overriding the policy's: cbc or glpk.")
    var solver: SolverBackendKind?

    @Option(name: .long, help: "The planning time t in seconds after the epoch (t' = t + horizon).")
    var at: Double = 0

    @Option(name: .long, help: "Solver time limit in seconds, overriding the policy's.")
    var timeLimit: Double?

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp(
            "Also write the program: a format (lp: CPLEX LP; mps: free MPS, maximisation negated) and a path (\"-\" for standard output).",
            valueName: "format> <path"))
    var emitModel: [String] = []

    /// The parsed `--emit-model` pair.
    var modelRequest: (format: ModelFormat, path: String)? {
        guard emitModel.count == 2, let format = ModelFormat(rawValue: emitModel[0]) else { return nil }
        return (format, emitModel[1])
    }

    @Flag(name: .long, help: "Print the wall-clock time and peak memory of each phase on standard error.")
    var timings = false

    @Flag(
        name: .long,
        help:
            "Build every candidate as a column and hand the whole program to the solver, instead of pricing the candidates (both are exact; this one needs memory for every column: for comparison and small problems)."
    )
    var noPricing = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Memory the compile may use, such as \"8 GB\" (default: \(Int(MemoryBudget.defaultShare * 100)) % of physical memory, or of the control group's limit). A phase estimated to need more stops with an error before it starts (exit status 3); pricing and reduced-cost fixing stop short of it and report the bound they have.",
            valueName: "size"))
    var maxMemory: ByteSize?

    func validate() throws {
        if !emitModel.isEmpty && modelRequest == nil {
            throw ValidationError("--emit-model takes a format (lp or mps) and a path, e.g. --emit-model lp model.lp")
        }
        if let timeLimit, !(timeLimit > 0) { throw ValidationError("--time-limit must be positive") }
        // GLPK trapped converting an infinite limit to milliseconds; the policy's own limit has the
        // bound of every time.
        if let timeLimit, !(timeLimit <= InputBounds.maximumSeconds) {
            throw ValidationError(
                "--time-limit must be a number of seconds of at most \(InputBounds.text(InputBounds.maximumSeconds)), found \(timeLimit)"
            )
        }
        if !at.isFinite { throw ValidationError("--at must be a finite number of seconds") }
        if let problem = InputBounds.instantProblem(at, option: "--at") { throw ValidationError(problem) }
    }

    func run() throws {
        // Outputs that cannot be written fail now, not after the solve.
        if let output { try OutputFile.check(output) }
        if let (_, path) = modelRequest { try OutputFile.check(path) }
        var stopwatch = Stopwatch()
        var phases: [(name: String, seconds: Double)] = []
        let progress = CompileProgress()
        let (problem, sources) = try input.loadProblemAndSources()
        phases.append(("parse and validate", stopwatch.seconds))
        progress.phase("parse and validate", seconds: stopwatch.seconds)
        let backend = solver ?? problem.policy.solver.backend
        let options = MILPOptions(
            timeLimitSeconds: timeLimit ?? problem.policy.solver.timeLimitSeconds,
            relativeGap: problem.policy.solver.relativeGap, threads: problem.policy.solver.threads)
        let budget = maxMemory.map { MemoryBudget(limitBytes: $0.bytes) } ?? MemoryBudget.machineDefault()
        let compiler = Compiler(
            problem: problem, solver: SolverFactory.make(backend), options: options,
            workers: SolverFactory.workers(backend), lpSolver: noPricing ? nil : SolverFactory.lp(backend),
            observer: progress.observer, memoryBudget: budget)
        let compiled: CompileResult
        do {
            compiled = try compiler.compile(at: Seconds(at))
        } catch let error as MemoryLimitExceeded {
            StandardStreams.writeError("edgeplan: error: \(error)\n")
            throw ExitCode(3)
        }
        // An objective term out of range was never given to a solver: the run ends at the user.
        try input.stop(on: compiled.objectiveFaults, sources: sources)
        phases += compiled.phases
        stopwatch = Stopwatch()
        if let (format, path) = modelRequest {
            try ModelEmitter(problem: problem, time: Seconds(at), compiled: compiled, budget: budget)
                .write(format, to: path)
            phases.append(("emit model", stopwatch.seconds))
            progress.phase("emit model", seconds: stopwatch.seconds)
            stopwatch = Stopwatch()
        }
        let solved = compiled.answer?.status.hasSolution ?? false
        // With the plan on standard output, the report goes to standard error.
        let report = CompileReport.text(problem: problem, result: compiled)
        if output == "-" { StandardStreams.writeError(report) } else { StandardStreams.writeOutput(report) }
        if let output, solved {
            let plan = PlanBuilder(problem: problem, generatorVersion: EdgePlanVersion.string).build(compiled)
            phases.append(("schedule", stopwatch.seconds))
            progress.phase("schedule", seconds: stopwatch.seconds)
            stopwatch = Stopwatch()
            try AtomicFile.write(String(decoding: try plan.encoded(), as: UTF8.self), to: output)
            phases.append(("write", stopwatch.seconds))
            progress.phase("write", seconds: stopwatch.seconds)
        }
        if timings {
            StandardStreams.writeError(PhaseTimings.text(phases))
            if let pricing = compiled.pricing, let total = phases.first(where: { $0.name == "pricing and solve" }) {
                let rest = max(0, total.seconds - pricing.lpSeconds - pricing.pricingSeconds)
                StandardStreams.writeError(
                    String(
                        format:
                            "pricing and solve: LP relaxations %.3f s, pricing %.3f s (%d candidates evaluated), first columns and integer programs %.3f s\n",
                        pricing.lpSeconds, pricing.pricingSeconds, pricing.evaluatedColumns, rest))
            }
        }
        if !solved { throw ExitCode(2) }
    }
}

extension SolverBackendKind: ExpressibleByArgument {}

/// The backend for a kind.
enum SolverFactory {
    static func make(_ kind: SolverBackendKind) -> any MILPSolver {
        switch kind {
        case .cbc: CBCSolver()
        case .glpk: GLPKSolver()
        }
    }

    /// The LP solver pricing uses with this backend: CLP beside CBC, GLPK's simplex beside GLPK.
    static func lp(_ kind: SolverBackendKind) -> any LPSolver {
        switch kind {
        case .cbc: ClpLPSolver()
        case .glpk: GLPKLPSolver()
        }
    }

    /// Worker processes of this very executable, for solving independent components in parallel.
    static func workers(_ kind: SolverBackendKind) -> ProcessPoolSolver? {
        guard let executable = Bundle.main.executableURL else { return nil }
        return ProcessPoolSolver(executable: executable, arguments: ["solve-worker"], backend: kind.rawValue)
    }
}
