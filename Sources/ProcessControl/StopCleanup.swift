internal import CProcessControl
import Foundation

/// What edgeplan undoes when it is stopped by a signal: temporary output files are removed and
/// worker processes are sent SIGTERM, then the signal is raised again with its default action, so
/// edgeplan ends killed by it (a shell shows 128 + its number).
///
/// The handler runs in C and only unlinks and kills what was registered beforehand, as a signal
/// handler must (it may interrupt malloc or a lock holder). `execute` does not use it: it stops
/// its commands itself (`InterruptMonitor`).
public enum StopCleanup {
    /// The signals that stop edgeplan cleanly: interrupt, terminate, a closed terminal, and quit
    /// (which would otherwise print a crash report and let the run go on).
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// Installs the handler for `signals`, except those edgeplan was started ignoring (`nohup`).
    public static func install() {
        _ = signals.withUnsafeBufferPointer { buffer in
            edgeplan_install_stop_handlers(buffer.baseAddress, Int32(buffer.count))
        }
    }

    /// Registers a file to remove on a stop; nil when it cannot be (it then stays behind on a
    /// signal, as before: the write itself still works).
    public static func track(path: String) -> TrackedPath? {
        let slot = edgeplan_track_path(path)
        return slot >= 0 ? TrackedPath(slot: slot) : nil
    }

    /// Cleans up as a stop signal would and exits with `status` at once, without unwinding.
    public static func exitNow(status: Int32) -> Never {
        edgeplan_stop_now(status)
    }

    /// Cleans up as a stop signal would and ends the process by `signal` (its default action),
    /// without unwinding.
    public static func die(by signal: Int32) -> Never {
        edgeplan_stop_by_signal(signal)
    }
}

/// A file registered with `StopCleanup`, to be forgotten once it was renamed or removed.
public struct TrackedPath: Sendable {
    fileprivate let slot: Int32

    public func release() { edgeplan_untrack_path(slot) }
}
