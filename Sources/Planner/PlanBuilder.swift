public import EdgeModel
import Foundation
import MILP
public import Plan
public import Solving

/// Turns decisions into the plan: each with its timed actions, and the timeline of them all.
public struct PlanBuilder: Sendable {
    public let problem: Problem
    public let generatorVersion: String

    public init(problem: Problem, generatorVersion: String) {
        self.problem = problem
        self.generatorVersion = generatorVersion
    }

    /// The plan of one compile: decisions follow the workload's user order.
    public func build(_ result: CompileResult) -> Plan {
        let decisions = result.decisions.map { decision in
            self.decision(user: decision.user, from: decision.from, to: decision.candidate, at: result.time).decision
        }
        let model = result.lowered.model
        return assemble(
            decisions: decisions, planningTime: result.time,
            solver: Self.report(
                result.answer, backend: problem.policy.solver.backend.rawValue,
                variables: model.variables.count, constraints: model.constraints.count))
    }

    /// The solver section for one solution.
    public static func report(_ answer: ProgramAnswer?, backend: String, variables: Int, constraints: Int)
        -> Plan.SolverReport
    {
        Plan.SolverReport(
            backend: answer?.backend ?? backend, status: (answer?.status ?? .error).rawValue,
            objective: answer?.objective, bound: answer?.bound, gap: answer?.gap, seconds: answer?.seconds ?? 0,
            variables: variables, constraints: constraints)
    }

    /// One decision with its actions, timed by SPEC §4 (`coordination` overrides the policy's).
    public func decision(
        user index: Int, from: Attachment, to candidate: Candidate, at time: Seconds,
        coordination: CoordinationKind? = nil
    ) -> (decision: Plan.Decision, schedule: DecisionSchedule) {
        let topology = problem.topology
        let user = problem.workload.users[index]
        let schedule = TriggerTiming(problem: problem).schedule(
            user: user, from: from, to: candidate, at: time, coordination: coordination)
        let source = topology.servers[from.server.rawValue].id
        let target = topology.servers[candidate.server.rawValue].id
        let fromBS = topology.baseStations[from.baseStation.rawValue].id
        let toBS = topology.baseStations[candidate.baseStation.rawValue].id
        let epoch = problem.workload.epoch
        let actions = schedule.actions.map { action -> Plan.Action in
            let wallClock = epoch.map { Self.iso8601($0.addingTimeInterval(action.atSeconds)) }
            switch action.kind {
            case .handover:
                return Plan.Action(
                    type: action.kind.rawValue, at: action.atSeconds, atTime: wallClock,
                    duration: action.durationSeconds,
                    fromBS: fromBS, toBS: toBS)
            case .preMigration, .migration:
                return Plan.Action(
                    type: action.kind.rawValue, at: action.atSeconds, atTime: wallClock,
                    duration: action.durationSeconds,
                    source: source, target: target, bytes: action.bytes.map(Self.wholeBytes))
            }
        }
        let change: String =
            switch (candidate.changesBaseStation, candidate.changesServer) {
            case (false, false): "none"
            case (true, false): "handover"
            case (false, true): "migration"
            case (true, true): "handover+migration"
            }
        let decision = Plan.Decision(
            user: user.id, app: problem.apps[user.app].name, decidedAt: time.value,
            from: Plan.Attachment(bs: fromBS, server: source),
            to: Plan.Attachment(bs: toBS, server: target), change: change,
            gain: candidate.tasks * candidate.gainPerTaskSeconds,
            gainPerTask: candidate.gainPerTaskSeconds, downtime: schedule.downtimeSeconds,
            objective: candidate.objectiveSeconds,
            late: schedule.isLate, actions: actions)
        return (decision, schedule)
    }

    /// The plan around `decisions` (kept in the order given); the timeline is in time order, then
    /// decision order, then pre-migration, migration, handover.
    public func assemble(
        decisions: [Plan.Decision], planningTime: Seconds, solver: Plan.SolverReport, planner: PlannerKind? = nil,
        coordination: CoordinationKind? = nil
    ) -> Plan {
        let rank = ["pre-migration": 0, "migration": 1, "handover": 2]
        let timeline = decisions.enumerated().flatMap { order, decision in
            decision.actions.map { (order: order, entry: Plan.TimelineEntry(user: decision.user, action: $0)) }
        }.sorted { a, b in
            if a.entry.action.at != b.entry.action.at { return a.entry.action.at < b.entry.action.at }
            if a.order != b.order { return a.order < b.order }
            return (rank[a.entry.action.type] ?? 0) < (rank[b.entry.action.type] ?? 0)
        }.map(\.entry)
        return Plan(
            generator: Plan.Generator(name: "edgeplan", version: generatorVersion),
            epoch: problem.workload.epoch.map(Self.iso8601), planningTime: planningTime.value,
            horizon: problem.policy.horizon.value,
            inputs: problem.inputs.map { Plan.InputReference(path: $0.path, sha256: $0.sha256) },
            policy: problem.policy.name, policyBuiltIn: problem.policy.isBuiltIn,
            planner: (planner ?? problem.policy.planner).rawValue,
            coordination: (coordination ?? problem.policy.coordination).rawValue,
            solver: solver, decisions: decisions, timeline: timeline)
    }

    /// ISO 8601 in UTC with milliseconds.
    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// Bytes as the plan's integer. The input bounds keep what one migration moves far below
    /// `Int64.max` (docs/reliability.md); past it, a library caller's figure saturates where
    /// `Int64(_:)` trapped.
    static func wholeBytes(_ bytes: Double) -> Int64 {
        let rounded = bytes.rounded()
        if rounded.isNaN { return 0 }
        if rounded >= 0x1p63 { return .max }
        if rounded < -0x1p63 { return .min }
        return Int64(rounded)
    }
}
