public import ArgumentParser
public import Executor
import Foundation
import Plan

/// `edgeplan execute`: a reference executor that runs a command of the user's per action, at the
/// action's time (docs/execute.md).
struct ExecuteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execute",
        abstract: "Run a plan's actions at their times, each by a command given with --on (a reference executor).",
        discussion: """
            Commands are split into words (quotes and backslashes as in docs/execute.md) and run without \
            a shell; {user} {app} {source} {target} {fromBS} {toBS} {bytes} {at} are replaced inside words \
            and given as EDGEPLAN_* environment variables. Exit status: 0 when every command succeeded, \
            1 when the plan or journal cannot be read or the journal cannot be written, 2 when an \
            action failed or timed out, 130, 143, 129 or 131 when stopped by SIGINT, SIGTERM, SIGHUP or SIGQUIT, 64 on a usage error.
            """)

    @Argument(help: "A plan written by edgeplan compile -o or plan -o.")
    var plan: String

    @Option(
        name: .customLong("on"),
        help: ArgumentHelp(
            "The command for one action type (pre-migration, migration or handover), e.g. --on migration='migrate.sh {user} {source} {target}'. Repeat for each type; an action without a command is skipped.",
            valueName: "type=command"))
    var commands: [String] = []

    @Option(
        help: ArgumentHelp(
            "Plan seconds per real second (default 1, or the resumed run's; 0.000001 to 1000000).", valueName: "x"))
    var speed: Double?

    @Option(
        help: ArgumentHelp(
            "The wall-clock time of the plan's planning time: an RFC 3339 time with a zone (2026-01-01T09:00:00Z), now (the default), or epoch (the plan's own times). Actions due before the run begins start at once, in order.",
            valueName: "time"))
    var start: String?

    @Flag(help: "Print each action, when it would start and its command, and run nothing.")
    var dryRun = false

    @Option(
        help: ArgumentHelp("Append a JSON-lines journal of the run to this file (fsynced per line).", valueName: "file")
    )
    var journal: String?

    @Option(
        help: ArgumentHelp(
            "Skip the actions this journal records as succeeded, and append to it (or to --journal). Start and speed default to its last run's.",
            valueName: "journal"))
    var resume: String?

    @Option(
        help: ArgumentHelp(
            "Real seconds a command may run before it is sent SIGTERM, at most 1e9 (default: no limit).",
            valueName: "seconds"))
    var actionTimeout: Double?

    @Option(
        help: ArgumentHelp(
            "Real seconds from SIGTERM (or a forwarded SIGINT) to SIGKILL, 0 to 1e9.", valueName: "seconds"))
    var killAfter: Double = ExecutionOptions.defaultKillAfterSeconds

    @Option(help: "After a failed or timed-out action: stop (start nothing more) or continue.")
    var onFailure: FailurePolicy = .stop

    func validate() throws {
        let parsed: ActionCommands
        do {
            parsed = try ActionCommands(parsing: commands)
        } catch {
            throw ValidationError(error.description)
        }
        for (type, command) in parsed.all {
            if let program = command.fixedProgram,
                ProcessLauncher.resolve(program, path: ProcessInfo.processInfo.environment["PATH"]) == nil
            {
                throw ValidationError("--on \(type): no executable named \"\(program)\"")
            }
        }
        if let speed, !ExecutionOptions.accepts(speed: speed) {
            throw ValidationError("--speed must be at least 0.000001 and at most 1000000")
        }
        if let start, StartTime(argument: start) == nil {
            throw ValidationError(
                "--start \(start): expected an RFC 3339 time with a zone such as 2026-01-01T09:00:00Z, now, or epoch")
        }
        if let actionTimeout, !(actionTimeout > 0 && actionTimeout <= ExecutionOptions.maximumWaitSeconds) {
            throw ValidationError("--action-timeout must be a positive number of seconds, at most 1e9")
        }
        if !(killAfter >= 0 && killAfter <= ExecutionOptions.maximumWaitSeconds) {
            throw ValidationError("--kill-after must be a number of seconds from 0 to 1e9")
        }
    }

    func run() throws {
        let schedule = ExecutionSchedule(plan: try readPlan())
        var done: Set<ActionKey> = []
        var previousRun: JournalRecord?
        if let resume {
            do {
                let contents = try JournalContents.read(resume)
                for line in contents.malformedLines {
                    StandardStreams.writeError("\(resume):\(line): warning: not a journal record; ignored\n")
                }
                done = try schedule.matching(contents.succeeded).get()
                previousRun = contents.lastRun
            } catch {
                StandardStreams.writeError("\(resume): error: \(error.description)\n")
                throw ExitCode(1)
            }
            // The journal's speed is used unless --speed is given: it gets --speed's bounds.
            if speed == nil, let journalled = previousRun?.speed, !ExecutionOptions.accepts(speed: journalled) {
                StandardStreams.writeError(
                    "\(resume): error: the journal's speed \(journalled) is outside 0.000001…1000000; give --speed\n")
                throw ExitCode(1)
            }
        }
        let commands = try ActionCommands(parsing: self.commands)
        let startTime =
            start.flatMap(StartTime.init(argument:)) ?? previousRun?.start.flatMap(StartTime.parseTime).map {
                .at($0)
            } ?? .now
        let clock = SystemClock()
        let wall = clock.wallClock
        let monotonic = clock.monotonicSeconds
        let startDate: Date
        switch startTime.resolve(now: wall, origin: schedule.origin, epoch: schedule.epoch) {
        case .success(let date): startDate = date
        case .failure(let error): throw ValidationError(error.description)
        }
        let timebase = Timebase(
            origin: schedule.origin, start: startDate, speed: speed ?? previousRun?.speed ?? 1, anchorWall: wall,
            anchorMonotonic: monotonic)
        if dryRun {
            StandardStreams.writeOutput(
                ExecutionLog.dryRun(schedule, commands: commands, timebase: timebase, now: wall, done: done))
            return
        }
        var writer: JournalWriter?
        if let path = journal ?? resume {
            do {
                writer = try JournalWriter(path: path)
            } catch {
                StandardStreams.writeError("edgeplan: error: \(error.description)\n")
                throw ExitCode(1)
            }
        }
        let options = ExecutionOptions(
            commands: commands, speed: timebase.speed, actionTimeoutSeconds: actionTimeout, killAfterSeconds: killAfter,
            onFailure: onFailure, planPath: plan, resumedJournal: resume)
        let monitor = InterruptMonitor(mailbox: clock)
        let executor = Executor(
            schedule: schedule, timebase: timebase, options: options, clock: clock, launcher: ProcessLauncher(),
            journal: writer, done: done
        ) { event in
            for (stream, text) in ExecutionLog.lines(event) {
                switch stream {
                case .output: StandardStreams.writeOutput(text + "\n")
                case .error: StandardStreams.writeError(text + "\n")
                }
            }
        }
        let result = withExtendedLifetime(monitor) { executor.run() }
        if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
    }

    /// The plan, or exit status 1 with the reason (as every command reports a bad one).
    private func readPlan() throws -> Plan { try PlanReading.read(plan) }
}

extension FailurePolicy: ExpressibleByArgument {}
