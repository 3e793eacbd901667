public import Foundation

/// What follows a failed or timed-out action (`--on-failure`).
public enum FailurePolicy: String, Sendable, CaseIterable {
    /// No new action starts; running ones finish (or time out); the run fails.
    case stop
    /// Every other action runs as planned; the run fails at the end.
    case `continue`
}

/// How a run is carried out, apart from the plan.
public struct ExecutionOptions: Sendable {
    public var commands: ActionCommands
    /// Plan seconds per real second (1: real time).
    public var speed: Double
    /// Real seconds a command may run before it is sent SIGTERM; nil: no limit.
    public var actionTimeoutSeconds: Double?
    /// Real seconds between SIGTERM (or the forwarded SIGINT) and SIGKILL.
    public var killAfterSeconds: Double
    public var onFailure: FailurePolicy
    /// The plan's path and the resumed journal's, for the journal's `run-started` line.
    public var planPath: String
    public var resumedJournal: String?

    public static let defaultKillAfterSeconds = 5.0
    /// The fastest `--speed`: beyond it a plan's actions are all but simultaneous anyway.
    public static let maximumSpeed = 1e6
    /// The slowest `--speed`: a plan second then lasts about 11.6 days; with a plan's times within
    /// ±10^12 s every due time stays a finite date (docs/reliability.md).
    public static let minimumSpeed = 1e-6
    /// Whether `speed` (from `--speed` or a resumed journal) lies within those two.
    public static func accepts(speed: Double) -> Bool { speed >= minimumSpeed && speed <= maximumSpeed }
    /// The longest `--action-timeout` and `--kill-after`, seconds (about 32 years, the inputs' bound
    /// on times).
    public static let maximumWaitSeconds = 1e9

    public init(
        commands: ActionCommands, speed: Double = 1, actionTimeoutSeconds: Double? = nil,
        killAfterSeconds: Double = defaultKillAfterSeconds, onFailure: FailurePolicy = .stop, planPath: String = "",
        resumedJournal: String? = nil
    ) {
        self.commands = commands
        self.speed = speed
        self.actionTimeoutSeconds = actionTimeoutSeconds
        self.killAfterSeconds = killAfterSeconds
        self.onFailure = onFailure
        self.planPath = planPath
        self.resumedJournal = resumedJournal
    }
}

/// Why a run stopped starting actions before the end of the plan.
public enum StopReason: Sendable, Equatable {
    /// An action failed or timed out under `--on-failure stop`.
    case failure
    /// SIGINT or SIGTERM.
    case interrupt(signal: Int32)
    /// The journal could not be written: going on would run actions no journal records.
    case journal(String)
}

/// What a run did, and the exit status that says it.
public struct ExecutionResult: Sendable, Equatable {
    public var succeeded = 0
    /// Failed, timed out, or could not be started.
    public var failed = 0
    public var interrupted = 0
    /// No command for the action's type.
    public var skipped = 0
    /// Recorded as succeeded in the resumed journal.
    public var alreadyDone = 0
    /// Left unstarted because the run stopped.
    public var notStarted = 0
    public var stop: StopReason?

    public init() {}

    /// 0: every command succeeded; 1: the journal could not be written; 2: an action failed or
    /// timed out; 128 + the signal's number (130, 143) when interrupted.
    public var exitStatus: Int32 {
        switch stop {
        case .interrupt(let signal): return 128 + signal
        case .journal: return 1
        case .failure, nil: return failed > 0 ? 2 : 0
        }
    }
}

/// A run's outset, for the log.
public struct ExecutionOverview: Sendable {
    public var actions: Int
    public var users: Int
    public var alreadyDone: Int
    public var start: Date
    public var speed: Double
    /// Actions already due when the run begins (a start in the past), and how far in the past.
    public var overdue: Int
    public var startAgoSeconds: Double
}

/// What the executor reports as it goes; `ExecutionLog` renders it.
public enum ExecutionEvent: Sendable {
    case began(ExecutionOverview)
    case skipped(ScheduledAction, planTime: Double, reason: String)
    case started(ScheduledAction, JournalRecord, planTime: Double)
    case finished(ScheduledAction, JournalRecord, planTime: Double)
    case stopping(StopReason, running: Int)
    case journalFailed(String)
    case ended(ExecutionResult)
}
