public import Diagnostics
public import EdgeModel
import Foundation
public import Frontend
public import MILP
import Plan
import Planner
import Simulation
public import Solving

/// The solvers a scenario uses, made by the command line (which knows the backends).
public struct SolverKit: Sendable {
    public let milp: any MILPSolver
    public let lp: any LPSolver
    public let workers: ProcessPoolSolver?

    public init(milp: any MILPSolver, lp: any LPSolver, workers: ProcessPoolSolver?) {
        self.milp = milp
        self.lp = lp
        self.workers = workers
    }
}

/// How every scenario is planned or compiled.
public struct RunSettings: Sendable {
    public var loadOptions: LoadOptions
    /// Compile once at this time when the inputs have no span.
    public var atSeconds: Double
    public var fromSeconds: Double
    /// The span's end; nil: the last trajectory waypoint, and no span without one.
    public var toSeconds: Double?
    public var stepSeconds: Double
    public var randomSeed: UInt64
    public var timeLimitSeconds: Double?
    public var generatorVersion: String

    public init(
        loadOptions: LoadOptions, atSeconds: Double, fromSeconds: Double, toSeconds: Double?, stepSeconds: Double,
        randomSeed: UInt64, timeLimitSeconds: Double?, generatorVersion: String
    ) {
        self.loadOptions = loadOptions
        self.atSeconds = atSeconds
        self.fromSeconds = fromSeconds
        self.toSeconds = toSeconds
        self.stepSeconds = stepSeconds
        self.randomSeed = randomSeed
        self.timeLimitSeconds = timeLimitSeconds
        self.generatorVersion = generatorVersion
    }
}

/// Runs one scenario in this process, exactly as `plan` then `simulate` (or `compile` then a replay
/// to t') would.
public struct ScenarioRunner: Sendable {
    public let request: WhatIfRequest
    public let settings: RunSettings
    /// The solvers for a backend (the policy's, which a scenario may change).
    public let solvers: @Sendable (SolverBackendKind) -> SolverKit

    public init(
        request: WhatIfRequest, settings: RunSettings, solvers: @escaping @Sendable (SolverBackendKind) -> SolverKit
    ) {
        self.request = request
        self.settings = settings
        self.solvers = solvers
    }

    /// A scenario's problem, or the diagnostics saying why there is none, with the texts they quote.
    public struct Loaded: Sendable {
        public let problem: Problem?
        public let diagnostics: [Diagnostic]
        public let sources: [String: String]
    }

    /// The problem of a scenario: the base with its replacements or edits.
    public func load(_ scenario: Scenario) -> Loaded {
        var replacements: [String] = []
        var variants: [Variant] = []
        switch scenario.change {
        case .none: break
        case .replacement(let paths): replacements = paths
        case .variant(let index): variants = [request.variants[index]]
        case .sweep(let pairs):
            for (key, value) in pairs {
                do {
                    variants.append(try ProblemLoader.sweepVariant(key: key, value: value))
                } catch {
                    // The command checks every sweep before it runs any; this is for other callers.
                    let diagnostic = Diagnostic(
                        .error, DiagnosticID("bad-sweep"), "--sweep \(key)=\(value): \(error)", at: nil)
                    return Loaded(problem: nil, diagnostics: [diagnostic], sources: [:])
                }
            }
        }
        let result = ProblemLoader.load(
            paths: request.basePaths, options: settings.loadOptions, replacements: replacements, variants: variants)
        return Loaded(problem: result.problem, diagnostics: result.diagnostics, sources: result.sources)
    }

    /// The span of a problem: from `fromSeconds` to `toSeconds` or the last trajectory waypoint.
    public func spanEnd(of problem: Problem) -> Double? {
        if let to = settings.toSeconds { return to }
        let ends = problem.workload.users.compactMap { user -> Double? in
            if case .trajectory(let points) = user.motion { return points.last?.time.value }
            return nil
        }
        guard let end = ends.max(), end > settings.fromSeconds else { return nil }
        return end
    }

    /// The figures of a scenario whose problem loaded.
    public func run(_ scenario: Scenario, problem: Problem, scenarioCount: Int) -> ScenarioResult {
        let kit = solvers(problem.policy.solver.backend)
        let options = MILPOptions(
            timeLimitSeconds: settings.timeLimitSeconds ?? problem.policy.solver.timeLimitSeconds,
            relativeGap: problem.policy.solver.relativeGap, threads: problem.policy.solver.threads)
        let planner = scenario.planner ?? problem.policy.planner
        let end = spanEnd(of: problem)
        var result = ScenarioResult(
            index: scenario.index, scenarioCount: scenarioCount, name: scenario.name, planner: planner.rawValue,
            changes: scenario.changes, mode: end == nil ? "epoch" : "span")
        result.inputs = problem.inputs.map { Plan.InputReference(path: $0.path, sha256: $0.sha256) }
        let plan: Plan
        let start: Double
        let stop: Double
        // The bounds of `plan` and `simulate` (docs/reliability.md), checked before any work.
        let replayStop = end ?? settings.atSeconds + problem.policy.horizon.value
        let replayStart = end == nil ? settings.atSeconds : settings.fromSeconds
        if let end {
            let source =
                settings.toSeconds == nil
                ? InputBounds.lastWaypoint(of: problem.workload.users).map {
                    "the end of user \"\($0.user)\"'s trajectory"
                } : nil
            if let message = InputBounds.spanProblem(
                from: settings.fromSeconds, to: end, step: settings.stepSeconds, endSource: source)
            {
                result.failure = message
                return result
            }
        }
        let replay = ReplayBounds(problem: problem, startSeconds: replayStart, endSeconds: replayStop)
        if let message = replay.spanProblem {
            result.failure = message
            return result
        }
        if let diagnostic = replay.taskProblem(problem) {
            result.failure = DiagnosticRenderer().render(diagnostic)
            return result
        }
        if let end {
            let offline = OfflinePlanner(
                problem: problem, solver: kit.milp, options: options, generatorVersion: settings.generatorVersion,
                workers: kit.workers, lpSolver: kit.lp)
            let planned = offline.run(
                OfflinePlanningOptions(
                    startSeconds: settings.fromSeconds, endSeconds: end, stepSeconds: settings.stepSeconds,
                    planner: planner, randomSeed: settings.randomSeed))
            if !planned.faults.isEmpty {
                result.failure = DiagnosticRenderer().render(planned.faults)
                return result
            }
            plan = planned.plan
            (start, stop) = (settings.fromSeconds, end)
        } else {
            let compiler = Compiler(
                problem: problem, solver: kit.milp, options: options, workers: kit.workers, lpSolver: kit.lp)
            let compiled: CompileResult
            do {
                compiled = try compiler.compile(at: Seconds(settings.atSeconds))
            } catch {
                result.failure = "\(error)"
                return result
            }
            if !compiled.objectiveFaults.isEmpty {
                result.failure = DiagnosticRenderer().render(compiled.objectiveFaults)
                return result
            }
            plan = PlanBuilder(problem: problem, generatorVersion: settings.generatorVersion).build(compiled)
            (start, stop) = (settings.atSeconds, settings.atSeconds + problem.policy.horizon.value)
        }
        result.status = plan.solver.status
        result.objective = plan.solver.objective
        result.bound = plan.solver.bound
        result.gap = plan.solver.gap
        result.solveSeconds = plan.solver.seconds
        var servers = Set(problem.workload.users.map { problem.topology.servers[$0.attachment.server.rawValue].id })
        for decision in plan.decisions { servers.insert(decision.to.server) }
        result.serversUsed = servers.count
        result.overall = Simulator.replay(problem: problem, plan: plan, startSeconds: start, endSeconds: stop).overall
        return result
    }
}
