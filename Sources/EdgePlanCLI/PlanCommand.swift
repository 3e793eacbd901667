import ArgumentParser
import EdgeModel
import Foundation
import Frontend
import MILP
import Plan
import Planner
import Solving

/// `edgeplan plan`: plan a whole span of time (trajectories and traces) into one plan.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract:
            "Plan a whole span of time: decide, every --step seconds, for the users about to change base station, and merge every decision into one plan.",
        discussion: """
            Users whose base station the RSSI rule drops, or whom another base station will lead by \
            the hysteresis within the horizon, get a decision; the others keep their placement and \
            its capacity, and migrations in flight hold capacity at both ends. The orchestrated \
            planner solves the program for them; the baselines (nearest, random, cloud) decide as \
            seed 000's do, migrating after the handover (sequential). Progress goes to standard error.
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var span: SpanOptions

    @Option(name: [.short, .long], help: "Write the plan (JSON) here, \"-\" for standard output.")
    var output: String

    @Option(name: .long, help: "The planner, overriding the policy's: orchestrated, nearest, random or cloud.")
    var planner: PlannerKind?

    @Option(name: .long, help: "Seconds between planning epochs.")
    var step: Double = 1

    @Option(name: .long, help: "Seed of the random planner.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "The solver backend, overriding the policy's: cbc or glpk.")
    var solver: SolverBackendKind?

    @Flag(
        name: .long,
        help:
            "Build every candidate of the users due as a column and hand each epoch's whole program to the solver, instead of pricing the candidates (both are exact)."
    )
    var noPricing = false

    func validate() throws {
        if !(step > 0) { throw ValidationError("--step must be positive") }
        try SpanOptions.validate(step: step)
    }

    func run() throws {
        try OutputFile.check(output)
        let (problem, sources) = try input.loadProblemAndSources()
        let planned = try Self.plan(
            problem, span: span, planner: planner ?? problem.policy.planner, step: step, seed: seed, solver: solver,
            pricing: !noPricing)
        try input.stop(on: planned.faults, sources: sources)
        try AtomicFile.write(String(decoding: try planned.plan.encoded(), as: UTF8.self), to: output)
        var summary = "planned \(planned.plan.decisions.count) decisions over \(planned.epochs) epochs"
        if planned.solves > 0 {
            summary += "; \(planned.solves) programs solved, \(planned.unsolved) without a solution"
        }
        if planned.stranded > 0 {
            summary +=
                "; \(planned.stranded) times a user due for a decision had no candidate and kept its placement (see explain)"
        }
        StandardStreams.writeError(summary + "\n")
    }

    static func plan(
        _ problem: Problem, span: SpanOptions, planner: PlannerKind, step: Double, seed: UInt64,
        solver: SolverBackendKind?, pricing: Bool = true
    ) throws -> OfflinePlanResult {
        let options = MILPOptions(
            timeLimitSeconds: problem.policy.solver.timeLimitSeconds, relativeGap: problem.policy.solver.relativeGap,
            threads: problem.policy.solver.threads)
        let backend = solver ?? problem.policy.solver.backend
        let offline = OfflinePlanner(
            problem: problem, solver: SolverFactory.make(backend), options: options,
            generatorVersion: EdgePlanVersion.string,
            workers: SolverFactory.workers(backend), lpSolver: pricing ? SolverFactory.lp(backend) : nil)
        let end = try span.end(for: problem)
        try span.checkEpochs(end: end, step: step, problem: problem)
        let progress = ProgressReporter(label: "planning (\(planner.rawValue))")
        return offline.run(
            OfflinePlanningOptions(
                startSeconds: span.from, endSeconds: end, stepSeconds: step, planner: planner, randomSeed: seed),
            progress: progress.report)
    }
}
