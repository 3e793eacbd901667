public import Diagnostics
public import EdgeModel

extension DiagnosticID {
    /// A replay that would send more tasks than `InputBounds.maximumReplayTasks`.
    public static let replayTooLarge = DiagnosticID("replay-too-large")
}

/// What a replay of [start, end] costs, checked before it runs (docs/reliability.md): the motion is
/// sampled every `Simulator.coverageStepSeconds` per user, and every task's delay is kept.
public struct ReplayBounds: Sendable {
    /// Motion samples over all users.
    public let motionSamples: Double
    /// Tasks over all users, and per app (by index into `Problem.apps`) with its number of users.
    public let tasks: Double
    public let tasksByApp: [(app: Int, tasks: Double, users: Int)]
    public let startSeconds: Double
    public let endSeconds: Double

    public init(problem: Problem, startSeconds: Double, endSeconds: Double) {
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        let span = max(0, endSeconds - startSeconds)
        let users = problem.workload.users
        motionSamples = Double(users.count) * (span / Simulator.coverageStepSeconds).rounded(.up)
        var byApp: [Int: (tasks: Double, users: Int)] = [:]
        for user in users {
            let tasks = Simulator.taskCount(rate: problem.apps[user.app].task.rate.value, span: span)
            byApp[user.app, default: (0, 0)].tasks += tasks
            byApp[user.app, default: (0, 0)].users += 1
        }
        tasksByApp = byApp.keys.sorted().compactMap { app in byApp[app].map { (app, $0.tasks, $0.users) } }
        tasks = tasksByApp.reduce(0) { $0 + $1.tasks }
    }

    /// Why the span is too long to sample, naming the options that set it; nil when it is not.
    public var spanProblem: String? {
        guard motionSamples > Double(InputBounds.maximumMotionSamples) else { return nil }
        return
            "replaying from \(InputBounds.text(startSeconds)) s to \(InputBounds.text(endSeconds)) s samples the motion \(InputBounds.count(motionSamples)) times (every \(Simulator.coverageStepSeconds) s per user), more than edgeplan's \(InputBounds.maximumMotionSamples): give a shorter span (--from, --to)"
    }

    /// The error, at the task rate of the app that sends the most tasks, when the replay would
    /// send more than `InputBounds.maximumReplayTasks`; nil when it would not.
    public func taskProblem(_ problem: Problem) -> Diagnostic? {
        guard tasks > Double(InputBounds.maximumReplayTasks),
            let busiest = tasksByApp.max(by: { $0.tasks < $1.tasks })
        else { return nil }
        let app = problem.apps[busiest.app]
        return Diagnostic(
            .error, .replayTooLarge,
            "replaying from \(InputBounds.text(startSeconds)) s to \(InputBounds.text(endSeconds)) s sends \(InputBounds.count(tasks)) tasks, more than the \(InputBounds.maximumReplayTasks) a replay may send; app \"\(app.name)\" sends \(InputBounds.count(busiest.tasks)) of them at \(InputBounds.text(app.task.rate.value)) /s for \(busiest.users) user\(busiest.users == 1 ? "" : "s")",
            at: app.taskRateLocation ?? app.location,
            notes: [
                DiagnosticNote(
                    "each served task keeps its delay for the percentiles: give a shorter span (--from, --to) or a lower rate"
                )
            ])
    }
}
