import Foundation
import ProcessControl

/// Unbuffered writes to the standard streams.
///
/// SIGPIPE is ignored (see `EdgePlanMain`), so a reader that went away shows up here as EPIPE:
/// on standard output edgeplan then removes its temporary files, stops its workers and ends by
/// SIGPIPE after all, quietly, as a pipeline expects of a command whose reader left
/// (`edgeplan … | head`; a shell shows 141). Another failure of standard output (closed, a full
/// disk) is an error, status 1. Failures of standard error are ignored: there is nowhere left to say anything.
enum StandardStreams {
    static func writeError(_ text: String) { writeError(Data(text.utf8)) }
    static func writeError(_ data: Data) { _ = Descriptor.writeAll(STDERR_FILENO, data) }

    static func writeOutput(_ text: String) {
        let data = Data(text.utf8)
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDOUT_FILENO, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    outputFailed(errno: errno)
                }
                offset += written
            }
        }
    }

    /// Ends the run after standard output failed with `errno`.
    static func outputFailed(errno code: Int32) -> Never {
        if code == EPIPE { StopCleanup.die(by: SIGPIPE) }
        writeError("edgeplan: error: cannot write standard output: \(String(cString: strerror(code)))\n")
        StopCleanup.exitNow(status: 1)
    }
}
