import Foundation

extension EdgePlanRunner {
    /// What a run with a deadline came to: its output, or that it was killed at the deadline (a
    /// hang) or by a signal (a trap or an abort).
    struct BoundedOutput {
        let status: Int32
        let stdout: String
        let stderr: String
        let timedOut: Bool
        let signalled: Bool
    }

    /// Runs `edgeplan` in `directory` (the package root by default) and kills it after `seconds`,
    /// so that a test of a hang fails instead of hanging the suite.
    static func run(_ arguments: [String], deadline seconds: Double, in directory: URL? = nil) throws
        -> BoundedOutput
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        // Nothing to read: a command that reads standard input must not wait on the test runner's.
        process.standardInput = FileHandle.nullDevice
        // Files, not pipes: a killed child's pipes would need draining while it runs.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let end = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < end { usleep(20_000) }
        let timedOut = process.isRunning
        if timedOut {
            // SIGKILL: a hung run may be busy where SIGTERM's handler waits for it.
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return BoundedOutput(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
            timedOut: timedOut, signalled: !timedOut && process.terminationReason == .uncaughtSignal)
    }
}
