import Executor
import Foundation
import Plan
import Testing

/// A clock that jumps to the next event or deadline at once, so a plan of minutes runs in no time
/// and every start and signal happens at an exact, known time.
final class ManualClock: ExecutorClock, @unchecked Sendable {
    /// Monotonic seconds; the wall clock is `wallAtZero` plus these.
    private(set) var now: Double = 0
    let wallAtZero = Date(timeIntervalSince1970: 1_800_000_000)
    private var timed: [(time: Double, id: Int, event: ExecutorEvent)] = []
    private var nextID = 0

    var monotonicSeconds: Double { now }
    var wallClock: Date { wallAtZero.addingTimeInterval(now) }

    func post(_ event: ExecutorEvent) { _ = schedule(event, at: now) }

    /// Queues `event` for `time`; the id cancels it.
    func schedule(_ event: ExecutorEvent, at time: Double) -> Int {
        nextID += 1
        timed.append((time, nextID, event))
        return nextID
    }

    func cancel(_ id: Int) { timed.removeAll { $0.id == id } }

    func next(until deadline: Double?) -> ExecutorEvent? {
        if let first = timed.min(by: { ($0.time, $0.id) < ($1.time, $1.id) }),
            deadline.map({ first.time <= $0 }) ?? true
        {
            timed.removeAll { $0.id == first.id }
            now = max(now, first.time)
            return first.event
        }
        guard let deadline else {
            Issue.record("the executor waits for an event that never comes")
            return .interrupt(signal: SIGKILL)
        }
        now = max(now, deadline)
        return nil
    }
}

/// Commands that take virtual time: each runs for the seconds `behaviour` gives it and exits with
/// its status; a signal ends it at once unless it ignores SIGTERM.
final class FakeLauncher: CommandLauncher, @unchecked Sendable {
    struct Behaviour {
        var seconds: Double = 0.1
        var status: Int32 = 0
        var ignoresTerm = false
    }

    struct Launch {
        let arguments: [String]
        let environment: [String: String]
        let time: Double
    }

    let clock: ManualClock
    let behaviour: ([String]) -> Behaviour
    private(set) var launches: [Launch] = []
    private(set) var signals: [(processID: Int32, signal: Int32, time: Double)] = []
    private var running: [Int32: (token: Int, exit: Int, behaviour: Behaviour)] = [:]

    init(clock: ManualClock, behaviour: @escaping ([String]) -> Behaviour = { _ in Behaviour() }) {
        self.clock = clock
        self.behaviour = behaviour
    }

    func launch(_ arguments: [String], environment: [String: String], token: Int, mailbox: any EventMailbox)
        throws(LaunchError) -> Int32
    {
        if arguments.first == "missing" { throw LaunchError("no executable named \"missing\" on PATH") }
        let processID = Int32(1000 + launches.count)
        launches.append(Launch(arguments: arguments, environment: environment, time: clock.now))
        let behaviour = behaviour(arguments)
        let exit = clock.schedule(
            .exited(
                token: token, termination: .exited(behaviour.status), stderrTail: behaviour.status == 0 ? "" : "boom"),
            at: clock.now + behaviour.seconds)
        running[processID] = (token, exit, behaviour)
        return processID
    }

    func signalGroup(_ processID: Int32, _ signal: Int32) {
        signals.append((processID, signal, clock.now))
        guard let command = running[processID], signal == SIGKILL || !command.behaviour.ignoresTerm else { return }
        running[processID] = nil
        clock.cancel(command.exit)
        clock.post(.exited(token: command.token, termination: .signaled(signal), stderrTail: "stopped"))
    }

    /// Start times of the commands whose arguments start with `prefix`.
    func starts(_ prefix: [String]) -> [Double] {
        launches.filter { Array($0.arguments.prefix(prefix.count)) == prefix }.map(\.time)
    }
}

/// Plans written by hand: one decision per entry, actions as (type, at, duration).
enum HandPlan {
    static func make(_ decisions: [(user: String, actions: [(type: String, at: Double, duration: Double)])]) -> Plan {
        let built = decisions.map { decision in
            Plan.Decision(
                user: decision.user, app: "app-\(decision.user)", decidedAt: 0,
                from: .init(bs: "ap1", server: "edge1"), to: .init(bs: "ap2", server: "edge2"),
                change: "handover+migration", gain: 0, gainPerTask: 0, downtime: 0, objective: 0, late: false,
                actions: decision.actions.map { action in
                    action.type == "handover"
                        ? Plan.Action(
                            type: action.type, at: action.at, atTime: nil, duration: action.duration,
                            fromBS: "ap1", toBS: "ap2")
                        : Plan.Action(
                            type: action.type, at: action.at, atTime: nil, duration: action.duration,
                            source: "edge1", target: "edge2", bytes: 1000)
                })
        }
        let timeline = built.flatMap { decision in
            decision.actions.map { Plan.TimelineEntry(user: decision.user, action: $0) }
        }
        .sorted { $0.action.at < $1.action.at }
        return Plan(
            generator: .init(name: "edgeplan", version: "test"), epoch: nil, planningTime: 0, horizon: 10, inputs: [],
            policy: "test", policyBuiltIn: true, planner: "orchestrated", coordination: "coordinated",
            solver: .init(
                backend: "cbc", status: "optimal", objective: 0, bound: 0, gap: 0, seconds: 0, variables: 0,
                constraints: 0),
            decisions: built, timeline: timeline)
    }
}

/// One run on the virtual clock, with everything it reported.
struct VirtualRun {
    let result: ExecutionResult
    let launcher: FakeLauncher
    let records: [JournalRecord]

    /// Runs `plan` with `run {user} {type-of-action}` style commands for every type.
    static func run(
        _ plan: Plan, speed: Double = 1, startOffset: Double = 0, timeout: Double? = nil, killAfter: Double = 5,
        onFailure: FailurePolicy = .stop, done: Set<ActionKey> = [], interruptAt: Double? = nil,
        commands: [String] = ActionCommands.types.map { "\($0)=run {user} \($0)" },
        behaviour: @escaping ([String]) -> FakeLauncher.Behaviour = { _ in .init() }
    ) throws -> VirtualRun {
        let clock = ManualClock()
        let launcher = FakeLauncher(clock: clock, behaviour: behaviour)
        let schedule = ExecutionSchedule(plan: plan)
        let timebase = Timebase(
            origin: schedule.origin, start: clock.wallClock.addingTimeInterval(startOffset), speed: speed,
            anchorWall: clock.wallClock, anchorMonotonic: clock.now)
        if let interruptAt { _ = clock.schedule(.interrupt(signal: SIGINT), at: interruptAt) }
        let options = ExecutionOptions(
            commands: try ActionCommands(parsing: commands), speed: speed, actionTimeoutSeconds: timeout,
            killAfterSeconds: killAfter, onFailure: onFailure)
        var records: [JournalRecord] = []
        let executor = Executor(
            schedule: schedule, timebase: timebase, options: options, clock: clock, launcher: launcher, journal: nil,
            done: done
        ) { event in
            switch event {
            case .started(_, let record, _), .finished(_, let record, _): records.append(record)
            default: break
            }
        }
        return VirtualRun(result: executor.run(), launcher: launcher, records: records)
    }

    /// Finished records of a user, in order.
    func finished(_ user: String) -> [JournalRecord] {
        records.filter { $0.event == .finished && $0.user == user }
    }
}
