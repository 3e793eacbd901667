import Foundation
import Testing

/// A temporary directory for tests of files, processes and signals, and edgeplan run in it.
struct ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("edgeplan-scratch-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }

    /// Names in the directory that look like edgeplan's temporary files.
    var temporaryFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { $0.hasSuffix(".tmp") }
    }

    /// A path in the repository (inputs, examples).
    static func repository(_ relative: String) -> String {
        EdgePlanRunner.packageRoot.appendingPathComponent(relative).path
    }

    /// Starts edgeplan here with output in files; `niceness` lowers its priority (and its
    /// workers'), so a test that keeps the cores busy does not slow the timing tests beside it;
    /// `coreDumps` lifts the core file size limit (through `sh`, which then becomes edgeplan by
    /// `exec`, keeping its process id), so a signal that dumps core would leave a file here.
    func start(_ arguments: [String], niceness: Int32 = 0, coreDumps: Bool = false) throws -> RunningEdgePlan {
        let process = Process()
        if coreDumps {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments =
                ["-c", #"ulimit -c unlimited && exec "$0" "$@""#, EdgePlanRunner.executable.path] + arguments
        } else {
            process.executableURL = EdgePlanRunner.executable
            process.arguments = arguments
        }
        process.currentDirectoryURL = url
        let output = url.appendingPathComponent("stdout-\(UUID()).txt")
        let errors = url.appendingPathComponent("stderr-\(UUID()).txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try Self.runUnblocked(process)
        if niceness != 0 {
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(process.processIdentifier), niceness)
        }
        return RunningEdgePlan(process: process, output: output, errors: errors)
    }

    /// Runs a shell command line here (`sh -c`), for what Process cannot set up: closed
    /// descriptors, pipelines. `$EDGEPLAN` names the binary.
    func shell(_ script: String) throws -> EdgePlanRunner.Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = url
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["EDGEPLAN": EdgePlanRunner.executable.path]
        ) { _, new in new }
        let output = url.appendingPathComponent("shell-out-\(UUID()).txt")
        let errors = url.appendingPathComponent("shell-err-\(UUID()).txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try Self.runUnblocked(process)
        return RunningEdgePlan(process: process, output: output, errors: errors).wait()
    }

    /// Starts `process` with the stop signals unblocked, as a shell starts a command. The test
    /// runner's threads block most signals and `Process` hands the starting thread's mask on: an
    /// edgeplan started with SIGTERM blocked would never see it, and a test of what SIGTERM does
    /// could not fail.
    static func runUnblocked(_ process: Process) throws {
        var stops = sigset_t()
        sigemptyset(&stops)
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGTERM] { sigaddset(&stops, signal) }
        var previous = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &stops, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
    }

    /// The file type bits of `path` itself (not of what a link leads to).
    static func fileType(_ path: String) -> mode_t? {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : nil
    }

    /// The live children of `parent`, from /proc (each of its threads lists the children it
    /// started; a zombie runs nothing and is left out).
    static func children(of parent: Int32) -> [Int32] {
        let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(parent)/task")) ?? []
        return threads.flatMap { thread -> [Int32] in
            let list = (try? String(contentsOfFile: "/proc/\(parent)/task/\(thread)/children", encoding: .utf8)) ?? ""
            return list.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }.filter { !ExecuteFixture.isGone($0) }
    }

    /// The live children of `parent` that run `edgeplan solve-worker` (a child caught between
    /// its spawn and its exec still shows its parent's command line).
    static func solveWorkers(of parent: Int32) -> [Int32] {
        children(of: parent).filter { commandLine(of: $0).contains("solve-worker") }
    }

    /// A process's arguments, joined by spaces ("" once it is gone).
    static func commandLine(of process: Int32) -> String {
        let raw = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(process)/cmdline"))) ?? Data()
        return raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
    }

    /// Every live descendant of `parent`.
    static func descendants(of parent: Int32) -> [Int32] {
        let direct = children(of: parent)
        return direct + direct.flatMap { descendants(of: $0) }
    }
}

/// Reads a FIFO from a thread of its own, from before its writer opens it until the writer is
/// done, without blocking forever if no writer ever comes (the FIFO was replaced, say).
final class FIFOReader: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    private var bytes = Data()
    private var stopRequested = false
    private let finished = DispatchSemaphore(value: 0)

    init(path: String) throws {
        descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        Thread { [self] in
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    lock.lock()
                    bytes.append(contentsOf: chunk[0..<count])
                    lock.unlock()
                    continue
                }
                // 0: no writer now (none yet, or it closed); EAGAIN: a writer, no data yet.
                lock.lock()
                let stop = stopRequested
                lock.unlock()
                if stop { break }
                usleep(5000)
            }
            close(descriptor)
            finished.signal()
        }.start()
    }

    /// Everything read, once the writer has exited (call after it has).
    func finish() -> Data {
        // One more pass after the stop is requested drains what the writer left in the pipe.
        lock.lock()
        stopRequested = true
        lock.unlock()
        finished.wait()
        return bytes
    }
}
