public import Foundation

/// An input file open for reading, known to be a regular file.
///
/// Opening never blocks and reading always ends: the path is examined before it is opened, it is
/// opened with `O_NONBLOCK` (so a FIFO put in its place in between does not block the open), and
/// the open descriptor is examined again; anything but a regular file is refused with
/// `InputFileError.notRegularFile`.
public final class RegularFile {
    /// The path as given, for messages.
    public let path: String
    /// The size when opened; the file may still grow or shrink while it is read.
    public let sizeBytes: Int
    private let descriptor: Int32

    /// Opens `path`, or throws why it cannot be read.
    public init(path: String) throws(InputFileError) {
        self.path = path
        var status = stat()
        guard stat(path, &status) == 0 else { throw InputFileError.fromErrno() }
        let kind = FileKind(mode: status.st_mode)
        guard kind == .regular else { throw InputFileError.notRegularFile(kind) }
        let opened = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard opened >= 0 else { throw InputFileError.fromErrno() }
        guard fstat(opened, &status) == 0 else {
            let error = InputFileError.fromErrno()
            close(opened)
            throw error
        }
        let openedKind = FileKind(mode: status.st_mode)
        guard openedKind == .regular else {
            close(opened)
            throw InputFileError.notRegularFile(openedKind)
        }
        // Regular files never block; clearing the flag keeps reads ordinary on every platform.
        let flags = fcntl(opened, F_GETFL)
        if flags >= 0 { _ = fcntl(opened, F_SETFL, flags & ~O_NONBLOCK) }
        descriptor = opened
        sizeBytes = Int(status.st_size)
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes (fewer only at the end of the file; empty at the end).
    public func read(upToCount count: Int) throws(InputFileError) -> Data {
        try DescriptorReading.read(descriptor, upToCount: count)
    }

    /// The whole file; with `maximumBytes`, refuses a longer one.
    public func readAll(maximumBytes: Int? = nil) throws(InputFileError) -> Data {
        // A file already longer than the limit is refused without reading it.
        if let maximumBytes, sizeBytes > maximumBytes { throw InputFileError.tooLarge(limitBytes: maximumBytes) }
        return try DescriptorReading.readAll(descriptor, maximumBytes: maximumBytes)
    }

    /// The whole file at `path` (see `readAll(maximumBytes:)`).
    public static func contents(of path: String, maximumBytes: Int? = nil) throws(InputFileError) -> Data {
        try RegularFile(path: path).readAll(maximumBytes: maximumBytes)
    }
}

extension RegularFile {
    /// The largest JSON file edgeplan reads (plans, what-if results, journals): a sixteenth of the
    /// physical memory (1.5 GB on a 24 GB machine), so that decoding, measured at about five times
    /// a plan's size, stays well within it (docs/reliability.md). A larger file is refused by its
    /// size, unread.
    public static var maximumJSONBytes: Int {
        max(1 << 20, Int(clamping: ProcessInfo.processInfo.physicalMemory / 16))
    }
}
