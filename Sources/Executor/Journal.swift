public import Foundation
import InputFiles

/// One line of the journal (docs/execute.md, "Journal"). A flat record: each event fills the
/// fields it has and the others are left out of the line.
public struct JournalRecord: Codable, Sendable, Equatable {
    /// The kinds of line.
    public enum Event: String, Codable, Sendable {
        case runStarted = "run-started"
        case started, finished, skipped
        case runFinished = "run-finished"
    }

    /// How an action ended.
    public enum Outcome: String, Codable, Sendable {
        case succeeded, failed
        case timedOut = "timed-out"
        case interrupted
    }

    public var event: Event
    // The action's identity: its key, user and type.
    public var decision: Int?
    public var action: Int?
    public var user: String?
    public var type: String?
    /// The action's time in the plan, seconds after the epoch, and the wall clock it was due at.
    public var plannedAt: Double?
    public var planned: String?
    /// Wall-clock start and end, and how late the start was (real seconds; negative never).
    public var started: String?
    public var ended: String?
    public var lateSeconds: Double?
    public var seconds: Double?
    public var command: [String]?
    public var pid: Int32?
    public var outcome: Outcome?
    public var exitStatus: Int32?
    public var signal: Int32?
    /// Why the command could not run at all (no such program), or why an action was skipped.
    public var error: String?
    public var reason: String?
    public var stderrTail: String?
    // A run's lines: the plan, the start its times are measured from, the speed, the journal it
    // resumed, and at the end its exit status.
    public var plan: String?
    public var start: String?
    public var speed: Double?
    public var resumed: String?
    public var status: Int32?

    public init(event: Event) { self.event = event }

    /// The action's key, when this line names one.
    public var key: ActionKey? {
        guard let decision, let action else { return nil }
        return ActionKey(decision: decision, action: action)
    }

    /// A line for an action, with its identity filled in.
    public init(event: Event, _ scheduled: ScheduledAction) {
        self.event = event
        decision = scheduled.key.decision
        action = scheduled.key.action
        user = scheduled.user
        type = scheduled.action.type
        plannedAt = scheduled.action.at
    }

    /// The line as written: sorted keys, one line, no trailing newline.
    public func encodedLine() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// A journal that cannot be read or written, or that belongs to another plan.
public struct JournalError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// What a journal says about earlier runs, for `--resume`.
public struct JournalContents: Sendable {
    /// `finished` lines with outcome `succeeded`: the actions a resumed run skips.
    public var succeeded: [JournalRecord] = []
    /// The last `run-started` line: its start and speed are a resumed run's defaults.
    public var lastRun: JournalRecord?
    /// Lines that are not records (1-based): only a crash in the middle of a write leaves one.
    public var malformedLines: [Int] = []

    /// Reads a journal. A line that does not parse is skipped and reported: at worst the action it
    /// recorded runs again, which idempotent commands allow.
    public static func read(_ path: String) throws(JournalError) -> JournalContents {
        let data: Data
        do {
            // A FIFO or a device is refused rather than waited on or read for ever.
            data = try RegularFile.contents(of: path, maximumBytes: RegularFile.maximumJSONBytes)
        } catch {
            throw JournalError("cannot read the journal: \(error)")
        }
        var contents = JournalContents()
        let decoder = JSONDecoder()
        for (number, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty {
            guard let record = try? decoder.decode(JournalRecord.self, from: Data(line)) else {
                contents.malformedLines.append(number + 1)
                continue
            }
            switch record.event {
            case .finished where record.outcome == .succeeded: contents.succeeded.append(record)
            case .runStarted: contents.lastRun = record
            default: break
            }
        }
        return contents
    }
}

/// Appends journal lines, each written whole with one `write` and flushed to disk with `fsync`
/// before the executor goes on, so a crash leaves every line but perhaps a torn last one.
public final class JournalWriter: @unchecked Sendable {
    public let path: String
    private let descriptor: Int32

    /// Opens `path` for appending, creating it. A torn last line (a crash mid-write) is ended with
    /// a newline first, so the new lines stay whole.
    public init(path: String) throws(JournalError) {
        self.path = path
        let existed = FileManager.default.fileExists(atPath: path)
        // A journal is read back by --resume, so it must be a regular file: O_NONBLOCK keeps a FIFO
        // without a reader from blocking the open (it fails with ENXIO), and the kind is checked
        // on the open descriptor.
        let opened = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NONBLOCK, 0o644)
        let kind = opened >= 0 ? FileKind.of(descriptor: opened) : errno == ENXIO ? .fifo : nil
        if let kind, kind != .regular {
            if opened >= 0 { close(opened) }
            throw JournalError(
                "cannot open journal \(path): it is \(kind.noun), not a regular file; a journal must be one (--resume reads it back)"
            )
        }
        guard opened >= 0 else {
            throw JournalError("cannot open journal \(path): \(String(cString: strerror(errno)))")
        }
        let flags = fcntl(opened, F_GETFL)
        if flags >= 0 { _ = fcntl(opened, F_SETFL, flags & ~O_NONBLOCK) }
        descriptor = opened
        if existed, Self.lastByte(of: path).map({ $0 != UInt8(ascii: "\n") }) ?? false {
            try write(Data("\n".utf8))
        }
        if !existed { Self.syncDirectory(of: path) }
    }

    deinit { close(descriptor) }

    /// Writes one record as a line and waits until it is on disk.
    public func append(_ record: JournalRecord) throws(JournalError) {
        let line: Data
        do {
            line = try record.encodedLine() + Data("\n".utf8)
        } catch {
            throw JournalError("cannot encode a journal line: \(error)")
        }
        try write(line)
        guard fsync(descriptor) == 0 else {
            throw JournalError("cannot flush journal \(path): \(String(cString: strerror(errno)))")
        }
    }

    private func write(_ data: Data) throws(JournalError) {
        var offset = 0
        while offset < data.count {
            let written = data[data.startIndex + offset..<data.endIndex].withUnsafeBytes {
                Foundation.write(descriptor, $0.baseAddress, $0.count)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw JournalError("cannot write journal \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    private static func lastByte(of path: String) -> UInt8? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), size > 0 else { return nil }
        try? handle.seek(toOffset: size - 1)
        return (try? handle.read(upToCount: 1))?.first
    }

    /// Makes a new journal's directory entry durable too, so the file survives a crash at all.
    private static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
