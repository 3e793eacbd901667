import Foundation
import MILPFormats

/// Text written to a file descriptor through a buffer, for outputs too large to hold as one
/// string (`--emit-model` of a city).
final class FileSink: SectionSink {
    private let descriptor: Int32
    private let path: String
    /// Whether this sink closes the descriptor (a section file); an output's belongs to its `OutputFile`.
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private static let bufferBytes = 1 << 20

    init(descriptor: Int32, path: String, ownsDescriptor: Bool = false) {
        self.descriptor = descriptor
        self.path = path
        self.ownsDescriptor = ownsDescriptor
        buffer.reserveCapacity(Self.bufferBytes)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.bufferBytes { try flush() }
    }

    func flush() throws {
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `text` after what is buffered, without copying it into the buffer (a whole file
    /// held as one string).
    func writeWhole(_ text: String) throws {
        try flush()
        var text = text
        try text.withUTF8 { try writeAll(UnsafeRawBufferPointer($0)) }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                if descriptor == STDOUT_FILENO { StandardStreams.outputFailed(errno: errno) }
                throw AtomicFile.failure(path, errno: errno)
            }
            offset += written
        }
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
        let created = try AtomicFile.createExclusive(
            in: directory, prefix: ".edgeplan-section", for: "a temporary file in \(directory)", permissions: 0o600)
        unlink(created.path)
        created.tracked?.release()
        return FileSink(descriptor: created.descriptor, path: created.path, ownsDescriptor: true)
    }

    deinit { if ownsDescriptor { close(descriptor) } }
}
