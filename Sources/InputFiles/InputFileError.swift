import Foundation

/// Why an input file could not be read, in words (never Foundation's "error 256").
public enum InputFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing is at the path (or a folder on the way is missing).
    case notFound
    /// The path names something other than a regular file: a folder, a FIFO, a device, a socket.
    case notRegularFile(FileKind)
    /// The process may not read it.
    case permissionDenied
    /// The file has more bytes than the reader accepts.
    case tooLarge(limitBytes: Int)
    /// Any other failure of the system, with its `errno` text.
    case system(String)

    /// A phrase that completes "cannot read PATH: …".
    public var description: String {
        switch self {
        case .notFound: "no such file"
        case .notRegularFile(.directory): "it is a directory, not a file"
        case .notRegularFile(let kind):
            "it is \(kind.noun), not a regular file; edgeplan reads only regular files (copy the data into one)"
        case .permissionDenied: "permission denied"
        case .tooLarge(let limit): "it is larger than the limit of \(limit) bytes"
        case .system(let text): text
        }
    }

    /// The error of the last failed system call.
    static func fromErrno(_ code: Int32 = errno) -> InputFileError {
        switch code {
        case ENOENT, ENOTDIR: .notFound
        case EACCES, EPERM: .permissionDenied
        case EISDIR: .notRegularFile(.directory)
        default: .system(String(cString: strerror(code)))
        }
    }
}
