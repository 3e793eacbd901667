internal import CProcessControl
public import Foundation

/// How a child process ended.
public enum ChildTermination: Sendable, Equatable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    /// From a `waitpid` status.
    init(waitStatus status: Int32) {
        let signal = status & 0x7f
        self = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }

    /// "exited with status 3", "was killed by signal 9 (SIGKILL)".
    public var description: String {
        switch self {
        case .exited(let code): "exited with status \(code)"
        case .signaled(let signal): "was killed by signal \(signal)\(Self.names[signal].map { " (\($0))" } ?? "")"
        }
    }

    private static let names: [Int32: String] = [
        SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP",
        SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV",
        SIGPIPE: "SIGPIPE", SIGTERM: "SIGTERM",
    ]
}

/// A worker process of edgeplan: started with pipes for the streams asked for, registered with
/// `StopCleanup` so a stop signal reaches it, and told its parent's id so it dies with it
/// (`ParentBinding`).
///
/// Its life is tied to the thread that started it (Linux's parent-death signal follows that
/// thread): start it from a thread that waits for it, as the worker pools do.
public final class ChildProcess: @unchecked Sendable {
    public let processID: Int32
    /// The write end of the child's standard input, or -1 (then it reads /dev/null); closed by
    /// `writeInputAndClose`, or at deinit.
    private let input: Int32
    /// The read ends of its standard output and error, or -1 (then they go to /dev/null); closed at
    /// deinit, once every thread reading them is done.
    private let output: Int32
    private let errors: Int32
    private let slot: Int32
    /// Guards `inputClosed`: the writing thread closes the input, deinit must not close it again.
    private let lock = NSLock()
    private var inputClosed = false
    private var termination: ChildTermination?

    /// A reason a child could not start.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts `executable` with `arguments`; `pipeInput`, `pipeOutput` and `pipeErrors` choose
    /// which streams are pipes to this process (the others are /dev/null).
    public init(
        executable: String, arguments: [String], pipeInput: Bool, pipeOutput: Bool, pipeErrors: Bool
    ) throws {
        var parentEnds: [Int32] = [-1, -1, -1]
        var childEnds: [Int32] = [-1, -1, -1]
        func closeAll() { for descriptor in parentEnds + childEnds where descriptor >= 0 { close(descriptor) } }
        for (stream, wanted) in [pipeInput, pipeOutput, pipeErrors].enumerated() where wanted {
            var ends: [Int32] = [-1, -1]
            guard edgeplan_pipe(&ends) == 0 else {
                let reason = String(cString: strerror(errno))
                closeAll()
                throw StartError(description: "cannot make a pipe: \(reason)")
            }
            // Standard input is written by this process; the others are read by it.
            parentEnds[stream] = stream == 0 ? ends[1] : ends[0]
            childEnds[stream] = stream == 0 ? ends[0] : ends[1]
        }
        var environment = ProcessInfo.processInfo.environment
        environment[ParentBinding.variable] = String(getpid())
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var processID: pid_t = 0
        let result = edgeplan_spawn(
            &processID, executable, argv, envp, childEnds[0], childEnds[1], childEnds[2])
        for descriptor in childEnds where descriptor >= 0 { close(descriptor) }
        childEnds = [-1, -1, -1]
        guard result == 0 else {
            closeAll()
            throw StartError(description: "cannot start \(executable): \(String(cString: strerror(result)))")
        }
        self.processID = processID
        slot = edgeplan_track_child(processID)
        input = parentEnds[0]
        output = parentEnds[1]
        errors = parentEnds[2]
    }

    /// Writes all of `data` to the child's standard input and closes it; nil, or the error (EPIPE
    /// when the child stopped reading). SIGPIPE is blocked on this thread meanwhile, so a child
    /// that exits early cannot kill this process, whether or not it ignores SIGPIPE. Call it once,
    /// from one thread (the input is closed here, not by `wait`, which may run meanwhile).
    public func writeInputAndClose(_ data: Data) -> String? {
        guard input >= 0 else { return "no pipe to the worker's input" }
        defer {
            lock.lock()
            if !inputClosed { close(input) }
            inputClosed = true
            lock.unlock()
        }
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        defer {
            // Consume a SIGPIPE this write raised, so unblocking does not deliver it.
            var pending = sigset_t()
            sigpending(&pending)
            if sigismember(&pending, SIGPIPE) == 1 {
                var timeout = timespec(tv_sec: 0, tv_nsec: 0)
                _ = sigtimedwait(&pipeSignal, nil, &timeout)
            }
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        return Descriptor.writeAll(input, data)
    }

    /// Everything the child writes to standard output, to its end.
    public func readOutput() -> Data { output >= 0 ? Descriptor.readAll(output) : Data() }

    /// Everything the child writes to standard error, to its end.
    public func readErrors() -> Data { errors >= 0 ? Descriptor.readAll(errors) : Data() }

    /// Waits for the child to end; later calls return the same answer. Call it from one thread.
    public func wait() -> ChildTermination {
        if let termination { return termination }
        let status = edgeplan_wait_child(processID, slot)
        let ended: ChildTermination = status < 0 ? .exited(-1) : ChildTermination(waitStatus: status)
        termination = ended
        return ended
    }

    deinit {
        if input >= 0 && !inputClosed { close(input) }
        for descriptor in [output, errors] where descriptor >= 0 { close(descriptor) }
    }
}

/// Whole reads and writes on a file descriptor, retried after interruptions.
public enum Descriptor {
    /// Writes all of `data`; nil, or the reason it could not.
    public static func writeAll(_ descriptor: Int32, _ data: Data) -> String? {
        data.withUnsafeBytes { bytes -> String? in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return nil
        }
    }

    /// Reads to the end (or the first error other than an interruption).
    public static func readAll(_ descriptor: Int32) -> Data {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            data.append(contentsOf: chunk[0..<count])
        }
        return data
    }
}
