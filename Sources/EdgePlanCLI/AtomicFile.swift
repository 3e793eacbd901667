import Foundation

/// Writes output files whole or not at all: into a temporary file beside the target, then renamed.
enum AtomicFile {
    struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    /// `-` means standard output.
    static func write(_ text: String, to path: String) throws {
        if path == "-" {
            StandardStreams.writeOutput(text)
            return
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(description: "cannot write \(path): \(error.localizedDescription)")
        }
        // rename(2) replaces the target in one step (FileManager.replaceItemAt on Linux was seen
        // to remove the old file and then fail).
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(description: "cannot write \(path): \(reason)")
        }
    }
}
