public import Diagnostics
public import EdgeModel
import Foundation
public import MILP
public import Plan
public import Solving

/// Options of planning over a span of time (SPEC §6).
public struct OfflinePlanningOptions: Sendable {
    public var startSeconds: Double
    public var endSeconds: Double
    /// How often the planner looks ahead for users about to change.
    public var stepSeconds: Double
    /// The planner, overriding the policy's.
    public var planner: PlannerKind
    /// Seed of the random baseline.
    public var randomSeed: UInt64

    public init(
        startSeconds: Double, endSeconds: Double, stepSeconds: Double = 1, planner: PlannerKind, randomSeed: UInt64 = 1
    ) {
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.stepSeconds = stepSeconds
        self.planner = planner
        self.randomSeed = randomSeed
    }
}

/// What planning over time produced.
public struct OfflinePlanResult: Sendable {
    public let plan: Plan
    public let epochs: Int
    /// Programs solved (orchestrated only) and how many of them had no solution.
    public let solves: Int
    public let unsolved: Int
    /// User-epochs in which a user due for a decision had no candidate and kept its placement.
    public let stranded: Int
    /// Objective terms out of range (`ObjectiveCheck`) at the epoch where planning stopped; the plan
    /// then holds only the decisions before it, and must not be used.
    public var faults: [Diagnostic] = []
}

/// Plans a whole span: every `step`, the users whose attachment is about to change (the RSSI rule
/// drops their base station, or another leads it by the hysteresis, within the horizon) get a
/// decision from the planner (`SpanPlanner`); the others keep their placement and hold its
/// capacity, and migrations in flight hold capacity at both ends until they end.
public struct OfflinePlanner: Sendable {
    public let problem: Problem
    public let solver: any MILPSolver
    public let options: MILPOptions
    public let generatorVersion: String
    public let workers: ProcessPoolSolver?
    /// With an LP solver the candidates of each epoch are priced (`Compiler`); without, built.
    public let lpSolver: (any LPSolver)?

    public init(
        problem: Problem, solver: any MILPSolver, options: MILPOptions, generatorVersion: String,
        workers: ProcessPoolSolver? = nil, lpSolver: (any LPSolver)? = nil
    ) {
        self.lpSolver = lpSolver
        self.problem = problem
        self.solver = solver
        self.options = options
        self.generatorVersion = generatorVersion
        self.workers = workers
    }

    /// The planner `planning` asks for.
    public func planner(for planning: OfflinePlanningOptions) -> any SpanPlanner {
        switch planning.planner {
        case .orchestrated:
            OrchestratedPlanner(
                coordination: problem.policy.coordination, solver: solver, options: options, workers: workers,
                lpSolver: lpSolver)
        case .nearest: NearestPlanner(stepSeconds: planning.stepSeconds)
        case .random: RandomPlanner(stepSeconds: planning.stepSeconds, seed: planning.randomSeed)
        case .cloud: CloudPlanner(stepSeconds: planning.stepSeconds)
        }
    }

    public func run(_ planning: OfflinePlanningOptions, progress: (Double) -> Void = { _ in }) -> OfflinePlanResult {
        var planner = planner(for: planning)
        return run(planning, with: &planner, progress: progress)
    }

    /// Every `step` over the span: the users due get the planner's decision; the moves are timed
    /// (SPEC §4), the users who move are busy until their actions end, and migrations hold capacity
    /// at both ends until they are over.
    public func run(
        _ planning: OfflinePlanningOptions, with planner: inout some SpanPlanner, progress: (Double) -> Void = { _ in }
    ) -> OfflinePlanResult {
        let users = problem.workload.users
        let paths = PathCache(topology: problem.topology)
        var attachments = users.map(\.attachment)
        var busyUntil = [Double](repeating: planning.startSeconds, count: users.count)
        var inFlight: [(server: ServerIndex, demand: ResourceVector, until: Double)] = []
        var decisions: [Plan.Decision] = []
        var solves = 0
        var unsolved = 0
        var stranded = 0
        var epochs = 0
        var faults: [Diagnostic] = []
        var total = Totals()
        let coordination = planner.coordination
        let span = max(planning.endSeconds - planning.startSeconds, 1e-9)
        var time = planning.startSeconds
        while time <= planning.endSeconds + 1e-9 {
            epochs += 1
            progress((time - planning.startSeconds) / span)
            let current = problem.with(attachments: attachments, keepMeasuredRSSI: time == planning.startSeconds)
            let generator = CandidateGenerator(problem: current, paths: paths, time: Seconds(time))
            // The orchestrated planner looks a horizon ahead; the baselines react to the handover the
            // RSSI forces within the next step, as seed 000's do.
            let lookahead = CandidateGenerator(
                problem: current, paths: paths, time: Seconds(time), horizon: planner.lookaheadSeconds.map(Seconds.init)
            )
            let due = users.indices.filter {
                busyUntil[$0] <= time && Self.isAboutToChange(index: $0, generator: lookahead)
            }
            inFlight.removeAll { $0.until <= time }
            let held = inFlight
            let heldAttachments = attachments
            let epoch = PlanningEpoch(
                number: epochs, time: Seconds(time), problem: current, generator: generator, lookahead: lookahead,
                due: due, paths: paths,
                reservation: { reservation(excluding: Set(due), attachments: heldAttachments, inFlight: held) })
            let outcome = planner.decide(epoch)
            // The baselines' decisions are not solved but written: their terms must fit the plan.
            faults =
                outcome.faults.isEmpty
                ? outcome.moves.compactMap {
                    ObjectiveCheck.fault(of: $0.candidate, user: $0.user, generator: generator)
                }
                : outcome.faults
            if !faults.isEmpty { break }
            stranded += outcome.stranded
            if let answer = outcome.answer {
                solves += 1
                total.add(answer, variables: outcome.variables, constraints: outcome.constraints)
                if !answer.status.hasSolution { unsolved += 1 }
            }
            let builder = PlanBuilder(problem: current, generatorVersion: generatorVersion)
            for (index, candidate) in outcome.moves.sorted(by: { $0.user < $1.user })
            where candidate.changesBaseStation || candidate.changesServer {
                let made = builder.decision(
                    user: index, from: attachments[index], to: candidate, at: Seconds(time), coordination: coordination)
                decisions.append(made.decision)
                let end = made.schedule.actions.map(\.endSeconds).max() ?? time
                busyUntil[index] = max(end, time + planning.stepSeconds * 0.5)
                if candidate.changesServer {
                    let demand = problem.apps[users[index].app].resources
                    inFlight.append(
                        (
                            attachments[index].server, demand,
                            made.schedule.actions.first { $0.kind == .migration }?.endSeconds ?? end
                        ))
                }
                attachments[index] = Attachment(baseStation: candidate.baseStation, server: candidate.server)
            }
            let next = time + planning.stepSeconds
            // A step below the time's resolution would never end the span (`InputBounds` keeps
            // steps and times far from it; this is the library's own guard).
            guard next > time else { break }
            time = next
        }
        progress(1)
        let baseline = !planner.solves
        let plan = PlanBuilder(problem: problem, generatorVersion: generatorVersion).assemble(
            decisions: decisions, planningTime: Seconds(planning.startSeconds),
            solver: total.report(
                backend: baseline ? problem.policy.solver.backend.rawValue : solver.name, solved: solves > 0,
                baseline: baseline),
            planner: planner.kind, coordination: coordination)
        var result = OfflinePlanResult(
            plan: plan, epochs: epochs, solves: solves, unsolved: unsolved, stranded: stranded)
        result.faults = faults
        return result
    }

    /// Whether user `index` must change base station within the horizon: the RSSI rule no longer
    /// keeps its base station, or another leads it at t' by the hysteresis.
    static func isAboutToChange(index: Int, generator: CandidateGenerator) -> Bool {
        let user = generator.problem.workload.users[index]
        let current = user.attachment.baseStation
        let kept = generator.coverage.keptBaseStations(for: user, at: generator.time, horizon: generator.horizon)
        if !kept.contains(current) { return true }
        guard let best = BaselineChoice.bestStation(index: index, generator: generator), best != current else {
            return false
        }
        let predicted = generator.predictedTime
        let lead =
            generator.coverage.rssi(of: best, for: user, now: generator.time, predicted: predicted).predicted.value
            - generator.coverage.rssi(of: current, for: user, now: generator.time, predicted: predicted).predicted.value
        return lead >= generator.problem.policy.hysteresis.value
    }

    /// Capacity held by everyone not being decided now, and by migrations still moving.
    func reservation(
        excluding due: Set<Int>, attachments: [Attachment],
        inFlight: [(server: ServerIndex, demand: ResourceVector, until: Double)]
    ) -> Reservation {
        var reservation = Reservation()
        for (index, attachment) in attachments.enumerated() where !due.contains(index) {
            let demand = problem.apps[problem.workload.users[index].app].resources
            reservation.resources[attachment.server] = (reservation.resources[attachment.server] ?? .zero) + demand
            reservation.users[attachment.baseStation, default: 0] += 1
        }
        for flight in inFlight {
            reservation.resources[flight.server] = (reservation.resources[flight.server] ?? .zero) + flight.demand
        }
        return reservation
    }
}

/// Sums of the solves of a span, reported as one solver section.
struct Totals {
    var status = SolveStatus.optimal
    var objective = 0.0
    var bound: Double? = 0
    var seconds = 0.0
    var variables = 0
    var constraints = 0

    mutating func add(_ solution: ProgramAnswer, variables: Int, constraints: Int) {
        status = max(status, solution.status)
        objective += solution.objective ?? 0
        if let value = solution.bound, let sum = bound { bound = sum + value } else { bound = nil }
        seconds += solution.seconds
        self.variables += variables
        self.constraints += constraints
    }

    func report(backend: String, solved: Bool, baseline: Bool) -> Plan.SolverReport {
        // Baselines solve nothing: their plan is optimal in no sense, and says so with no numbers.
        guard solved, !baseline else {
            return Plan.SolverReport(
                backend: backend, status: baseline ? "none" : SolveStatus.optimal.rawValue, objective: nil, bound: nil,
                gap: nil,
                seconds: 0, variables: 0,
                constraints: 0)
        }
        let gap = RelativeGap.between(objective: objective, bound: bound)
        return Plan.SolverReport(
            backend: backend, status: status.rawValue, objective: objective, bound: bound, gap: gap, seconds: seconds,
            variables: variables,
            constraints: constraints)
    }
}

/// SplitMix64, so the random baseline is the same for the same seed everywhere.
struct PlannerRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

extension Problem {
    /// The same problem with the users attached elsewhere. Measured RSSI describes t = 0 only, so
    /// planning at later times drops it (`keepMeasuredRSSI: false`).
    public func with(attachments: [Attachment], keepMeasuredRSSI: Bool = false) -> Problem {
        let users = zip(workload.users, attachments).map { user, attachment in
            User(
                id: user.id, app: user.app, attachment: attachment, motion: user.motion,
                measuredRSSI: keepMeasuredRSSI ? user.measuredRSSI : [:], location: user.location)
        }
        return Problem(
            topology: topology, apps: apps, policy: policy,
            workload: Workload(
                name: workload.name, epoch: workload.epoch, users: users, traces: workload.traces,
                location: workload.location),
            inputs: inputs)
    }
}

extension ResourceVector {
    public static func + (lhs: ResourceVector, rhs: ResourceVector) -> ResourceVector {
        ResourceVector(
            cpu: lhs.cpu + rhs.cpu, memory: lhs.memory + rhs.memory, storage: lhs.storage + rhs.storage,
            netio: lhs.netio + rhs.netio)
    }
}
