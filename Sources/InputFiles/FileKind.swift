import Foundation

/// What a path names in the file system. edgeplan reads only regular files: a FIFO blocks its
/// reader until someone writes, and a device such as `/dev/zero` or `/dev/urandom` never ends.
public enum FileKind: Sendable, Hashable {
    case regular
    case directory
    case fifo
    case characterDevice
    case blockDevice
    case socket
    case symbolicLink
    case other

    /// The kind of the object with this `st_mode`.
    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .fifo
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFSOCK: self = .socket
        case S_IFLNK: self = .symbolicLink
        default: self = .other
        }
    }

    /// How a message names it: "a directory", "a FIFO (named pipe)".
    public var noun: String {
        switch self {
        case .regular: "a regular file"
        case .directory: "a directory"
        case .fifo: "a FIFO (named pipe)"
        case .characterDevice: "a character device"
        case .blockDevice: "a block device"
        case .socket: "a socket"
        case .symbolicLink: "a symbolic link"
        case .other: "a special file"
        }
    }

    /// The kind of what `path` names, following symbolic links; nil when nothing is there (or the
    /// path cannot be examined).
    public static func of(_ path: String) -> FileKind? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return FileKind(mode: status.st_mode)
    }

    /// The kind of what an open descriptor refers to; nil when it cannot be examined.
    public static func of(descriptor: Int32) -> FileKind? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        return FileKind(mode: status.st_mode)
    }
}
