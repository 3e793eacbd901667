import Foundation

/// Starts commands with `posix_spawn`, without a shell, each in a process group of its own so a
/// signal to the group reaches the children it starts too.
public struct ProcessLauncher: CommandLauncher {
    /// The end of a command's stderr that is kept for the journal and the report.
    public static let stderrTailBytes = 4096
    /// How long to wait for stderr to close after the command exits: a background process it left
    /// may hold stderr open, and the report should not wait for that one.
    static let stderrDrainSeconds = 0.5

    private let baseEnvironment: [String: String]

    /// `environment` is what every command starts from; nil: edgeplan's own.
    public init(environment: [String: String]? = nil) {
        baseEnvironment = environment ?? ProcessInfo.processInfo.environment
    }

    public func launch(
        _ arguments: [String], environment: [String: String], token: Int, mailbox: any EventMailbox
    ) throws(LaunchError) -> Int32 {
        guard let program = arguments.first else { throw LaunchError("the command has no program") }
        let merged = baseEnvironment.merging(environment) { _, added in added }
        guard let path = Self.resolve(program, path: merged["PATH"]) else {
            throw LaunchError("no executable named \"\(program)\"\(program.contains("/") ? "" : " on PATH")")
        }
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { throw LaunchError("cannot make a pipe: \(Self.lastError())") }
        // Close-on-exec, so other commands never inherit this one's pipe (and its EOF comes).
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let processID: Int32
        do {
            processID = try Spawn.start(
                path: path, arguments: arguments,
                environment: merged.map { "\($0.key)=\($0.value)" }.sorted(), stderr: pipeEnds[1])
        } catch {
            close(pipeEnds[0])
            close(pipeEnds[1])
            throw error
        }
        close(pipeEnds[1])
        let tail = StderrTail(descriptor: pipeEnds[0], limit: Self.stderrTailBytes)
        tail.start()
        let waiter = Thread {
            var status: Int32 = 0
            while waitpid(processID, &status, 0) == -1 && errno == EINTR {}
            tail.waitForEnd(seconds: Self.stderrDrainSeconds)
            mailbox.post(
                .exited(token: token, termination: Termination(waitStatus: status), stderrTail: tail.text))
        }
        waiter.start()
        return processID
    }

    public func signalGroup(_ processID: Int32, _ signal: Int32) {
        // ESRCH (the group is gone) is the expected answer once the command has ended.
        _ = kill(-processID, signal)
    }

    /// The executable a program word names: itself when it holds a slash, else the first match in
    /// `PATH` (an empty entry is the current directory, as for the shell).
    public static func resolve(_ program: String, path: String?) -> String? {
        if program.contains("/") { return isExecutableFile(program) ? program : nil }
        let directories = (path ?? "/usr/local/bin:/usr/bin:/bin").split(
            separator: ":", omittingEmptySubsequences: false)
        for directory in directories {
            let candidate = directory.isEmpty ? program : "\(directory)/\(program)"
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && access(path, X_OK) == 0
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}

/// Reads a command's stderr to its end on a thread of its own, keeping the last bytes.
final class StderrTail: @unchecked Sendable {
    private let descriptor: Int32
    private let limit: Int
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private let ended = DispatchSemaphore(value: 0)

    init(descriptor: Int32, limit: Int) {
        self.descriptor = descriptor
        self.limit = limit
    }

    func start() {
        Thread { [self] in
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                lock.lock()
                bytes.append(contentsOf: chunk[0..<count])
                if bytes.count > 2 * limit { bytes.removeFirst(bytes.count - limit) }
                lock.unlock()
            }
            close(descriptor)
            ended.signal()
        }.start()
    }

    func waitForEnd(seconds: Double) { _ = ended.wait(timeout: .now() + seconds) }

    /// The last `limit` bytes as text, starting at a line when one starts within them.
    var text: String {
        lock.lock()
        let kept = bytes.suffix(limit)
        let cut = bytes.count > limit
        lock.unlock()
        var slice = kept[...]
        if cut, let newline = slice.firstIndex(of: UInt8(ascii: "\n")) {
            slice = slice[slice.index(after: newline)...]
        }
        return String(decoding: slice, as: UTF8.self)
    }
}

/// The `posix_spawn` call behind `ProcessLauncher`.
enum Spawn {
    /// Signals whose actions a command gets back at their defaults: edgeplan ignores SIGINT and
    /// SIGTERM (to stop its commands first) and the runtime may ignore SIGPIPE, and a spawned
    /// process would inherit those dispositions and never die of them.
    static let defaultedSignals = [SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGCHLD]

    /// Starts `path` with standard input from /dev/null, standard output shared with edgeplan and
    /// standard error into `stderr`, in a new process group, with no signal blocked.
    static func start(path: String, arguments: [String], environment: [String], stderr: Int32) throws(LaunchError)
        -> Int32
    {
        #if canImport(Darwin)
            var attributes: posix_spawnattr_t? = nil
            var actions: posix_spawn_file_actions_t? = nil
        #else
            var attributes = posix_spawnattr_t()
            var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        posix_spawnattr_setflags(&attributes, Int16(flags))
        // Group 0: the child leads a new group whose id is its process id.
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in defaultedSignals { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var processID: pid_t = 0
        let result = posix_spawn(&processID, path, &actions, &attributes, argv, envp)
        guard result == 0 else { throw LaunchError("cannot run \(path): \(String(cString: strerror(result)))") }
        return processID
    }
}
