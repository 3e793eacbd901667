import Foundation

/// Runs a plan's actions at their times: the engine behind `edgeplan execute` (docs/execute.md).
///
/// One thread drives everything: it starts what the `Scheduler` says is due, then sleeps on the
/// clock until the next action falls due, a deadline (timeout, kill) passes, or an event (a
/// command's end, a signal) arrives. Commands run concurrently as processes.
public final class Executor {
    private let schedule: ExecutionSchedule
    private let timebase: Timebase
    private let options: ExecutionOptions
    private let clock: any ExecutorClock
    private let launcher: any CommandLauncher
    private let journal: JournalWriter?
    private let done: Set<Int>
    private let observe: (ExecutionEvent) -> Void
    private var scheduler: Scheduler
    /// Running commands by token (their position in the schedule: each action runs once).
    private var running: [Int: RunningCommand] = [:]
    private var result = ExecutionResult()

    /// Why a running command was sent a signal.
    private enum SignalCause { case timeout, interrupt }

    private struct RunningCommand {
        var record: JournalRecord
        let processID: Int32
        let startedMonotonic: Double
        var timeoutAt: Double?
        var killAt: Double?
        var cause: SignalCause?
    }

    /// `done` are the keys a resumed journal records as succeeded. The timebase's anchor should be
    /// taken from `clock` just before (`Timebase.anchorMonotonic`).
    public init(
        schedule: ExecutionSchedule, timebase: Timebase, options: ExecutionOptions, clock: any ExecutorClock,
        launcher: any CommandLauncher, journal: JournalWriter?, done: Set<ActionKey> = [],
        observe: @escaping (ExecutionEvent) -> Void
    ) {
        self.schedule = schedule
        self.timebase = timebase
        self.options = options
        self.clock = clock
        self.launcher = launcher
        self.journal = journal
        let positions = schedule.positions
        self.done = Set(done.compactMap { positions[$0] })
        self.observe = observe
        scheduler = Scheduler(
            schedule: schedule.actions, due: schedule.actions.map { timebase.due($0.action.at) }, done: self.done)
        result.alreadyDone = self.done.count
    }

    /// Runs until every action has ended or the run stops, and returns what happened.
    public func run() -> ExecutionResult {
        var opening = JournalRecord(event: .runStarted)
        opening.plan = options.planPath
        opening.start = WallClockText.string(timebase.start)
        opening.speed = timebase.speed
        opening.resumed = options.resumedJournal
        write(opening)
        let now = clock.monotonicSeconds
        observe(
            .began(
                ExecutionOverview(
                    actions: schedule.actions.count, users: schedule.userCount, alreadyDone: done.count,
                    start: timebase.start, speed: timebase.speed,
                    overdue: schedule.actions.indices.count {
                        !done.contains($0) && timebase.due(schedule.actions[$0].action.at) <= now
                    },
                    startAgoSeconds: timebase.wall(now).timeIntervalSince(timebase.start))))
        while true {
            let now = clock.monotonicSeconds
            while result.stop == nil, let position = scheduler.next(at: now) { start(position, now: now) }
            enforceDeadlines(now: now)
            if running.isEmpty && (result.stop != nil || scheduler.isComplete) { break }
            let deadlines = running.values.flatMap { [$0.timeoutAt, $0.killAt].compactMap { $0 } }
            let wake = ((result.stop == nil ? scheduler.nextDue.map { [$0] } : nil) ?? []) + deadlines
            switch clock.next(until: wake.min()) {
            case .exited(let token, let termination, let stderrTail):
                ended(token, termination, stderrTail: stderrTail)
            case .interrupt(let signal):
                interrupt(signal)
            case nil:
                break
            }
        }
        result.notStarted = scheduler.pendingCount
        var end = JournalRecord(event: .runFinished)
        end.status = result.exitStatus
        write(end)
        observe(.ended(result))
        return result
    }

    private func start(_ position: Int, now: Double) {
        let scheduled = schedule.actions[position]
        let planTime = timebase.planTime(now)
        var record = JournalRecord(event: .started, scheduled)
        record.planned = WallClockText.string(timebase.plannedWall(scheduled.action.at))
        record.started = WallClockText.string(timebase.wall(now))
        record.lateSeconds = Self.microseconds(max(0, now - timebase.due(scheduled.action.at)))
        guard let command = options.commands[scheduled.action.type] else {
            scheduler.finish(position)
            result.skipped += 1
            let reason = "no --on command for \(scheduled.action.type)"
            var skipped = JournalRecord(event: .skipped, scheduled)
            skipped.planned = record.planned
            skipped.reason = reason
            write(skipped)
            observe(.skipped(scheduled, planTime: planTime, reason: reason))
            return
        }
        let arguments = command.arguments(scheduled.values)
        record.command = arguments
        do {
            let processID = try launcher.launch(
                arguments, environment: scheduled.values.environment, token: position, mailbox: clock)
            record.pid = processID
            write(record)
            observe(.started(scheduled, record, planTime: planTime))
            running[position] = RunningCommand(
                record: record, processID: processID, startedMonotonic: now,
                timeoutAt: options.actionTimeoutSeconds.map { now + $0 })
        } catch {
            // The action counts as started and failed at once, so the journal shows both.
            write(record)
            observe(.started(scheduled, record, planTime: planTime))
            var failed = record
            failed.event = .finished
            failed.ended = record.started
            failed.seconds = 0
            failed.outcome = .failed
            failed.error = error.description
            scheduler.finish(position)
            report(failed, of: scheduled, at: now)
        }
    }

    private func ended(_ token: Int, _ termination: Termination, stderrTail: String) {
        guard let command = running.removeValue(forKey: token) else { return }
        let now = clock.monotonicSeconds
        scheduler.finish(token)
        // Whatever the signalled command left in its group goes too.
        if command.cause != nil { launcher.signalGroup(command.processID, SIGKILL) }
        var record = command.record
        record.event = .finished
        record.ended = WallClockText.string(timebase.wall(now))
        record.seconds = Self.microseconds(now - command.startedMonotonic)
        switch termination {
        case .exited(let status): record.exitStatus = status
        case .signaled(let signal): record.signal = signal
        }
        // A command that exits 0 after an interrupt did finish its work; one that timed out did not
        // finish in time, whatever its status.
        record.outcome =
            switch (command.cause, termination) {
            case (.timeout, _): .timedOut
            case (_, .exited(0)): .succeeded
            case (.interrupt, _): .interrupted
            case (nil, _): .failed
            }
        if record.outcome != .succeeded, !stderrTail.isEmpty { record.stderrTail = stderrTail }
        report(record, of: schedule.actions[token], at: now)
    }

    /// Journals and reports a finished action, and stops the run after a failure when asked to.
    private func report(_ record: JournalRecord, of scheduled: ScheduledAction, at now: Double) {
        write(record)
        observe(.finished(scheduled, record, planTime: timebase.planTime(now)))
        switch record.outcome {
        case .succeeded: result.succeeded += 1
        case .interrupted: result.interrupted += 1
        case .failed, .timedOut, nil:
            result.failed += 1
            if options.onFailure == .stop, result.stop == nil { stopping(.failure) }
        }
    }

    private func interrupt(_ signal: Int32) {
        let now = clock.monotonicSeconds
        if case .interrupt = result.stop {
            // A second signal: the user will not wait for the grace period.
            for token in running.keys.sorted() { running[token].map { launcher.signalGroup($0.processID, SIGKILL) } }
            return
        }
        stopping(.interrupt(signal: signal))
        for token in running.keys.sorted() {
            guard var command = running[token] else { continue }
            if command.cause == nil { command.cause = .interrupt }
            // Commands get the signal edgeplan got, as they would in a shell's foreground group.
            launcher.signalGroup(command.processID, signal)
            command.timeoutAt = nil
            command.killAt = min(command.killAt ?? .infinity, now + options.killAfterSeconds)
            running[token] = command
        }
    }

    private func enforceDeadlines(now: Double) {
        for token in running.keys.sorted() {
            guard var command = running[token] else { continue }
            if let timeoutAt = command.timeoutAt, now >= timeoutAt {
                command.cause = .timeout
                command.timeoutAt = nil
                command.killAt = now + options.killAfterSeconds
                launcher.signalGroup(command.processID, SIGTERM)
            }
            if let killAt = command.killAt, now >= killAt {
                command.killAt = nil
                launcher.signalGroup(command.processID, SIGKILL)
            }
            running[token] = command
        }
    }

    /// Seconds rounded to microseconds: the clocks resolve no finer, and the lines stay short.
    static func microseconds(_ seconds: Double) -> Double { (seconds * 1e6).rounded() / 1e6 }

    private func stopping(_ reason: StopReason) {
        result.stop = reason
        observe(.stopping(reason, running: running.count))
    }

    /// Appends a journal line. The first failure stops the run (it cannot record what it does);
    /// later lines are still tried, so the journal keeps what it can.
    private func write(_ record: JournalRecord) {
        guard let journal else { return }
        do {
            try journal.append(record)
        } catch {
            observe(.journalFailed(error.description))
            switch result.stop {
            case .interrupt, .journal: break
            case .failure, nil: stopping(.journal(error.description))
            }
        }
    }
}
