import Foundation
import MILPFormats
import ProcessControl

/// Writes output files whole or not at all (see `OutputFile` for where the bytes go).
enum AtomicFile {
    struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    /// "cannot write PATH: REASON" for an errno value.
    static func failure(_ path: String, errno code: Int32) -> WriteError {
        WriteError(description: "cannot write \(path): \(String(cString: strerror(code)))")
    }

    /// `-` means standard output.
    static func write(_ text: String, to path: String) throws {
        let output = try OutputFile.open(path)
        do {
            try output.sink.writeWhole(text)
            try output.commit()
        } catch {
            output.abandon()
            throw error
        }
    }

    /// Writes `path` as it is produced, whole or not at all: into an exclusive temporary file beside
    /// it, renamed at the end; `-` streams to standard output. `body` gets the sink and a maker of
    /// section files (see `SectionSink`).
    static func stream(
        to path: String, _ body: (_ sink: any TextSink, _ section: () throws -> any SectionSink) throws -> Void
    ) throws {
        let output = try OutputFile.open(path)
        // Section files go beside a replaced file (same file system, likely room); for standard
        // output or a special file, into the temporary directory.
        let sectionDirectory: String
        if case .replacing(_, let target) = output.route {
            sectionDirectory = (target as NSString).deletingLastPathComponent
        } else {
            sectionDirectory = NSTemporaryDirectory()
        }
        do {
            let sink = output.sink
            try body(sink, { try FileSink.section(in: sectionDirectory.isEmpty ? "." : sectionDirectory) })
            try sink.flush()
            try output.commit()
        } catch {
            output.abandon()
            throw error
        }
    }

    /// Creates a new file `prefix.<random>.tmp` in `directory`, refusing to follow a link or to
    /// reuse an existing name, and registers it with `StopCleanup` (before it exists, so no signal
    /// can fall between its creation and its registration).
    static func createExclusive(in directory: String, prefix: String, for target: String, permissions: mode_t)
        throws -> (descriptor: Int32, path: String, tracked: TrackedPath?)
    {
        for _ in 0..<16 {
            let name = "\(prefix).\(UInt64.random(in: 0...UInt64.max)).tmp"
            let path = (directory as NSString).appendingPathComponent(name)
            let tracked = StopCleanup.track(path: path)
            let descriptor = open(path, O_CREAT | O_EXCL | O_NOFOLLOW | O_RDWR | O_CLOEXEC, permissions)
            if descriptor >= 0 { return (descriptor, path, tracked) }
            let code = errno
            tracked?.release()
            if code != EEXIST { throw failure(target, errno: code) }
        }
        throw WriteError(description: "cannot write \(target): every temporary name tried was taken")
    }
}
