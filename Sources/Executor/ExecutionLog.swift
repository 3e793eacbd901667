public import Foundation

/// The executor's events as lines for people: progress on standard output, warnings, failures and
/// their stderr on standard error.
public enum ExecutionLog {
    public enum Stream: Sendable { case output, error }

    /// A start later than this (real seconds) is reported as late.
    static let lateReportSeconds = 0.05

    public static func lines(_ event: ExecutionEvent) -> [(stream: Stream, text: String)] {
        switch event {
        case .began(let overview):
            var first =
                "executing \(plural(overview.actions, "action")) of \(plural(overview.users, "user")): plan time 0 of the run at \(WallClockText.string(overview.start)), speed \(number(overview.speed))"
            if overview.alreadyDone > 0 { first += "; \(overview.alreadyDone) done in the resumed journal" }
            var lines: [(Stream, String)] = [(.output, first)]
            if overview.overdue > 0 {
                lines.append(
                    (
                        .error,
                        "edgeplan: warning: the start was \(fixed(overview.startAgoSeconds)) s ago: \(plural(overview.overdue, "action")) already due start at once, in order"
                    ))
            }
            return lines
        case .skipped(let action, let planTime, let reason):
            return [(.output, "\(stamp(planTime))  skipped   \(name(action)): \(reason)")]
        case .started(let action, let record, let planTime):
            var line =
                "\(stamp(planTime))  started   \(name(action)): \(CommandTemplate.displayed(record.command ?? []))"
            if let late = record.lateSeconds, late > lateReportSeconds { line += " (\(fixed(late)) s late)" }
            return [(.output, line)]
        case .finished(let action, let record, let planTime):
            return finished(action, record, planTime: planTime)
        case .stopping(let reason, let running):
            let what =
                switch reason {
                case .failure: "stopping after a failure (--on-failure stop): no new action starts"
                case .interrupt(let signal): "interrupted by \(signalName(signal)): stopping"
                case .journal: "stopping: the journal cannot be written"
                }
            let commands =
                switch reason {
                case .interrupt: "; \(plural(running, "running command")) signalled"
                case .failure, .journal: running > 0 ? "; waiting for \(plural(running, "running command"))" : ""
                }
            return [(.error, "edgeplan: \(what)\(commands)")]
        case .journalFailed(let message):
            return [(.error, "edgeplan: error: \(message)")]
        case .ended(let result):
            var parts = ["\(result.succeeded) succeeded", "\(result.failed) failed"]
            if result.interrupted > 0 { parts.append("\(result.interrupted) interrupted") }
            parts.append("\(result.skipped) skipped")
            if result.alreadyDone > 0 { parts.append("\(result.alreadyDone) done before") }
            if result.notStarted > 0 { parts.append("\(result.notStarted) not started") }
            return [(.output, "done: " + parts.joined(separator: ", ") + "; exit status \(result.exitStatus)")]
        }
    }

    private static func finished(_ action: ScheduledAction, _ record: JournalRecord, planTime: Double) -> [(
        stream: Stream, text: String
    )] {
        let seconds = fixed(record.seconds ?? 0)
        let how: String
        if let error = record.error {
            how = "failed: \(error)"
        } else {
            let status =
                record.signal.map { "killed by \(signalName($0))" } ?? "exit status \(record.exitStatus ?? -1)"
            how =
                switch record.outcome {
                case .succeeded, nil: "finished in \(seconds) s"
                case .failed: "failed after \(seconds) s: \(status)"
                case .timedOut: "timed out after \(seconds) s: \(status)"
                case .interrupted: "interrupted after \(seconds) s: \(status)"
                }
        }
        let label =
            switch record.outcome {
            case .succeeded: "finished"
            case .interrupted: "stopped "
            case .timedOut: "TIMEOUT "
            case .failed, nil: "FAILED  "
            }
        let line = "\(stamp(planTime))  \(label)  \(name(action)): \(how)"
        guard record.outcome != .succeeded else { return [(.output, line)] }
        var lines: [(Stream, String)] = [(.output, line), (.error, "edgeplan: \(name(action)) \(how)")]
        if let tail = record.stderrTail {
            let body = tail.split(separator: "\n", omittingEmptySubsequences: false).map { "  | \($0)" }
            lines.append((.error, body.joined(separator: "\n")))
        }
        return lines
    }

    /// `user type [decision.action]`.
    static func name(_ action: ScheduledAction) -> String {
        "\(action.user) \(action.action.type) [\(action.key)]"
    }

    /// The plan time an event happened at, as a column.
    static func stamp(_ planTime: Double) -> String {
        let text = "t=" + fixed(planTime)
        return text.padding(toLength: max(text.count, 11), withPad: " ", startingAt: 0)
    }

    static func fixed(_ value: Double) -> String { String(format: "%.3f", value) }

    static func number(_ value: Double) -> String { ActionValues.seconds(value) }

    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGKILL: "SIGKILL", SIGHUP: "SIGHUP", SIGQUIT: "SIGQUIT",
            SIGPIPE: "SIGPIPE", SIGABRT: "SIGABRT", SIGSEGV: "SIGSEGV",
        ]
        return names[signal] ?? "signal \(signal)"
    }
}

extension ExecutionLog {
    /// What `--dry-run` prints: each action in schedule order, when it would start and the command
    /// it would run. `now` marks the actions already overdue; `done` those a resumed
    /// journal records as succeeded.
    public static func dryRun(
        _ schedule: ExecutionSchedule, commands: ActionCommands, timebase: Timebase, now: Date,
        done: Set<ActionKey> = []
    ) -> String {
        var out =
            "dry run (nothing is run): \(ExecutionLog.plural(schedule.actions.count, "action")) of \(ExecutionLog.plural(schedule.userCount, "user")); plan time \(ActionValues.seconds(schedule.origin)) s at \(WallClockText.string(timebase.start)), speed \(ExecutionLog.number(timebase.speed))\n"
        var rows = [["at (s)", "due", "user", "action", "key", "command"]]
        for scheduled in schedule.actions {
            let due = timebase.plannedWall(scheduled.action.at)
            let command: String
            if done.contains(scheduled.key) {
                command = "(done in the resumed journal)"
            } else if let template = commands[scheduled.action.type] {
                let overdue = due <= now ? "  (overdue: starts at once)" : ""
                command = CommandTemplate.displayed(template.arguments(scheduled.values)) + overdue
            } else {
                command = "(skipped: no --on command for \(scheduled.action.type))"
            }
            rows.append([
                String(format: "%.3f", scheduled.action.at), WallClockText.string(due), scheduled.user,
                scheduled.action.type, scheduled.key.description, command,
            ])
        }
        out += table(rows)
        let waits = schedule.actions.filter { !$0.waitsFor.isEmpty }.count
        out +=
            "actions that wait for earlier actions of their user to finish (the plan has those end first): \(waits)\n"
        return out
    }

    /// Left-aligned columns, two spaces apart, indented by two.
    static func table(_ rows: [[String]]) -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        return rows.map { row in
            "  "
                + row.enumerated().map { column, cell in
                    column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
