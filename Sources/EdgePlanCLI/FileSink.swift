import Foundation
import MILPFormats

/// Text written to a file descriptor through a buffer, for outputs too large to hold as one
/// string (`--emit-model` of a city).
final class FileSink: SectionSink {
    private let descriptor: Int32
    private let path: String
    private var buffer: [UInt8] = []
    private static let bufferBytes = 1 << 20

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
        buffer.reserveCapacity(Self.bufferBytes)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.bufferBytes { try flush() }
    }

    func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw AtomicFile.WriteError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what this sink holds (a section file) to `sink`, from the start.
    func copy(into sink: any TextSink) throws {
        try flush()
        guard lseek(descriptor, 0, SEEK_SET) == 0 else {
            throw AtomicFile.WriteError(description: "cannot read back \(path): \(String(cString: strerror(errno)))")
        }
        var chunk = [UInt8](repeating: 0, count: Self.bufferBytes)
        var pending: [UInt8] = []
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw AtomicFile.WriteError(
                    description: "cannot read back \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            pending += chunk[0..<count]
            // Hand over whole lines only, so no UTF-8 sequence is cut.
            if let last = pending.lastIndex(of: UInt8(ascii: "\n")) {
                try sink.write(String(decoding: pending[...last], as: UTF8.self))
                pending.removeSubrange(...last)
            }
        }
        if !pending.isEmpty { try sink.write(String(decoding: pending, as: UTF8.self)) }
    }

    /// A section file beside `directory`'s outputs: created exclusively under an unpredictable name
    /// and unlinked at once, so nothing is left behind whatever happens.
    static func section(in directory: String) throws -> FileSink {
        let (descriptor, path) = try AtomicFile.createExclusive(
            in: directory, prefix: ".edgeplan-section", for: "a temporary file in \(directory)")
        unlink(path)
        return FileSink(descriptor: descriptor, path: path)
    }

    deinit { if descriptor > 2 { close(descriptor) } }
}

extension AtomicFile {
    /// Creates a new file `prefix.<random>.tmp` in `directory`, refusing to follow a link or to
    /// reuse an existing name.
    static func createExclusive(in directory: String, prefix: String, for target: String) throws -> (
        descriptor: Int32, path: String
    ) {
        for _ in 0..<16 {
            let name = "\(prefix).\(UInt64.random(in: 0...UInt64.max)).tmp"
            let path = (directory as NSString).appendingPathComponent(name)
            let descriptor = open(path, O_CREAT | O_EXCL | O_NOFOLLOW | O_RDWR | O_CLOEXEC, 0o644)
            if descriptor >= 0 { return (descriptor, path) }
            if errno != EEXIST {
                throw WriteError(description: "cannot write \(target): \(String(cString: strerror(errno)))")
            }
        }
        throw WriteError(description: "cannot write \(target): every temporary name tried was taken")
    }

    /// Writes `path` as it is produced, whole or not at all: into an exclusive temporary file beside
    /// it, renamed at the end; `-` streams to standard output. `body` gets the sink and a maker of
    /// section files (see `SectionSink`).
    static func stream(
        to path: String, _ body: (_ sink: any TextSink, _ section: () throws -> any SectionSink) throws -> Void
    ) throws {
        if path == "-" {
            let sink = FileSink(descriptor: 1, path: "standard output")
            try body(sink, { try FileSink.section(in: NSTemporaryDirectory()) })
            try sink.flush()
            return
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let (descriptor, temporary) = try createExclusive(in: directory, prefix: ".\(url.lastPathComponent)", for: path)
        do {
            let sink = FileSink(descriptor: descriptor, path: path)
            try body(sink, { try FileSink.section(in: directory) })
            try sink.flush()
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(description: "cannot write \(path): \(reason)")
        }
    }
}
