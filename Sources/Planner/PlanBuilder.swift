public import EdgeModel
import Foundation
public import Plan

/// Turns a compile result into the plan: decisions with their timed actions, and the timeline.
public struct PlanBuilder: Sendable {
    public let problem: Problem
    public let generatorVersion: String

    public init(problem: Problem, generatorVersion: String) {
        self.problem = problem
        self.generatorVersion = generatorVersion
    }

    /// The plan of `result`. Decisions follow the workload's user order; the timeline is in time
    /// order, then user order, then pre-migration, migration, handover.
    public func build(_ result: CompileResult) -> Plan {
        let topology = problem.topology
        let timing = TriggerTiming(problem: problem)
        let epoch = problem.workload.epoch
        var decisions: [Plan.Decision] = []
        var timeline: [(order: Int, entry: Plan.TimelineEntry)] = []
        for (order, decision) in result.decisions.enumerated() {
            let user = problem.workload.users[decision.user]
            let candidate = decision.candidate
            let schedule = timing.schedule(user: user, from: decision.from, to: candidate, at: result.time)
            let source = topology.servers[decision.from.server.rawValue].id
            let target = topology.servers[candidate.server.rawValue].id
            let fromBS = topology.baseStations[decision.from.baseStation.rawValue].id
            let toBS = topology.baseStations[candidate.baseStation.rawValue].id
            let actions = schedule.actions.map { action -> Plan.Action in
                let time = epoch.map { Self.iso8601($0.addingTimeInterval(action.atSeconds)) }
                switch action.kind {
                case .handover:
                    return Plan.Action(
                        type: action.kind.rawValue, at: action.atSeconds, atTime: time, duration: action.durationSeconds, fromBS: fromBS,
                        toBS: toBS)
                case .preMigration, .migration:
                    return Plan.Action(
                        type: action.kind.rawValue, at: action.atSeconds, atTime: time, duration: action.durationSeconds, source: source,
                        target: target, bytes: action.bytes.map { Int64($0.rounded()) })
                }
            }
            let change: String =
                switch (candidate.changesBaseStation, candidate.changesServer) {
                case (false, false): "none"
                case (true, false): "handover"
                case (false, true): "migration"
                case (true, true): "handover+migration"
                }
            decisions.append(
                Plan.Decision(
                    user: user.id, app: problem.apps[user.app].name, from: Plan.Attachment(bs: fromBS, server: source),
                    to: Plan.Attachment(bs: toBS, server: target), change: change, gain: candidate.tasks * candidate.gainPerTaskSeconds,
                    gainPerTask: candidate.gainPerTaskSeconds, downtime: schedule.downtimeSeconds, objective: candidate.objectiveSeconds,
                    late: schedule.isLate, actions: actions))
            timeline.append(contentsOf: actions.map { (order, Plan.TimelineEntry(user: user.id, action: $0)) })
        }
        let rank = ["pre-migration": 0, "migration": 1, "handover": 2]
        let ordered = timeline.sorted { a, b in
            if a.entry.action.at != b.entry.action.at { return a.entry.action.at < b.entry.action.at }
            if a.order != b.order { return a.order < b.order }
            return (rank[a.entry.action.type] ?? 0) < (rank[b.entry.action.type] ?? 0)
        }.map(\.entry)
        let solution = result.optimization?.solution
        let model = result.lowered.model
        return Plan(
            generator: Plan.Generator(name: "edgeplan", version: generatorVersion),
            epoch: epoch.map(Self.iso8601), planningTime: result.time.value, horizon: problem.policy.horizon.value,
            inputs: problem.inputs.map { Plan.InputReference(path: $0.path, sha256: $0.sha256) },
            policy: problem.policy.name, policyBuiltIn: problem.policy.isBuiltIn, planner: problem.policy.planner.rawValue,
            coordination: problem.policy.coordination.rawValue,
            solver: Plan.SolverReport(
                backend: solution?.backend ?? problem.policy.solver.backend.rawValue, status: solution?.status ?? "error",
                objective: solution?.objective, bound: solution?.bound, gap: solution?.gap, seconds: solution?.seconds ?? 0,
                variables: model.variables.count, constraints: model.constraints.count),
            decisions: decisions, timeline: ordered)
    }

    /// ISO 8601 in UTC with milliseconds.
    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
