public import Foundation

/// How a command ended.
public enum Termination: Sendable, Equatable {
    case exited(Int32)
    case signaled(Int32)

    /// Decodes a `waitpid` status (the same encoding on Linux and macOS).
    public init(waitStatus status: Int32) {
        let signal = status & 0x7f
        self = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }
}

/// What wakes the executor: a command's end, or a signal asking it to stop.
public enum ExecutorEvent: Sendable, Equatable {
    /// The command started with `token` ended; `stderrTail` is the end of what it wrote to stderr.
    case exited(token: Int, termination: Termination, stderrTail: String)
    /// SIGINT or SIGTERM arrived.
    case interrupt(signal: Int32)
}

/// Where commands and signal handlers report events.
public protocol EventMailbox: Sendable {
    func post(_ event: ExecutorEvent)
}

/// Time and waiting for the executor: injectable, so tests of scheduling run on a virtual clock.
public protocol ExecutorClock: EventMailbox {
    /// Seconds of a clock that never steps back.
    var monotonicSeconds: Double { get }
    /// The wall-clock time now.
    var wallClock: Date { get }
    /// The next event posted, waiting at most until `deadline` (monotonic seconds; nil: no limit).
    /// Nil when the deadline passed first.
    func next(until deadline: Double?) -> ExecutorEvent?
}

/// The real clock: `CLOCK_MONOTONIC`, the system's wall clock, and a queue guarded by a condition.
public final class SystemClock: ExecutorClock, @unchecked Sendable {
    private let condition = NSCondition()
    private var events: [ExecutorEvent] = []

    public init() {}

    public var monotonicSeconds: Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    public var wallClock: Date { Date() }

    public func post(_ event: ExecutorEvent) {
        condition.lock()
        events.append(event)
        condition.signal()
        condition.unlock()
    }

    public func next(until deadline: Double?) -> ExecutorEvent? {
        condition.lock()
        defer { condition.unlock() }
        while events.isEmpty {
            guard let deadline else {
                condition.wait()
                continue
            }
            let remaining = deadline - monotonicSeconds
            if remaining <= 0 { return nil }
            // At most an hour at a time: the loop waits again, and a far deadline never reaches the
            // conversion to a timespec, which traps past Int64 nanoseconds.
            _ = condition.wait(until: Date(timeIntervalSinceNow: min(remaining, 3_600)))
        }
        return events.removeFirst()
    }
}

/// Starts commands for the executor and signals them.
public protocol CommandLauncher: Sendable {
    /// Starts `arguments` (the program first, looked up on `PATH` unless it holds a slash) with
    /// `environment` added to edgeplan's own, in a process group of its own. When it ends, posts
    /// `.exited(token:…)` to `mailbox`. Returns its process id.
    func launch(
        _ arguments: [String], environment: [String: String], token: Int, mailbox: any EventMailbox
    ) throws(LaunchError) -> Int32

    /// Sends `signal` to the process group of a command started by `launch`.
    func signalGroup(_ processID: Int32, _ signal: Int32)
}

/// A command that could not be started.
public struct LaunchError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Turns SIGINT and SIGTERM (and SIGHUP, a closed terminal, and SIGQUIT, which would otherwise
/// print a crash report and let the run go on) into events, so the executor stops its commands
/// before it exits.
public final class InterruptMonitor: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []

    /// Ignores the default action of the signals (which would kill edgeplan and orphan its
    /// commands) and posts `.interrupt` to `mailbox` instead. Commands get the default actions back
    /// when they start (`ProcessLauncher`).
    public init(mailbox: any EventMailbox) {
        for number in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { mailbox.post(.interrupt(signal: number)) }
            source.resume()
            sources.append(source)
        }
    }

    deinit { sources.forEach { $0.cancel() } }
}
