import Foundation
import ProcessControl

/// One output being written, and where its bytes go, chosen by what its path names when it is
/// opened:
///
/// - nothing, or a regular file (also behind symbolic links): a new temporary file beside the real
///   file, created exclusively under an unpredictable name, renamed over it at the end — whole or
///   not at all. A link stays a link: the file it leads to is replaced, and keeps its permissions.
/// - the very file standard output or error is open on (`/dev/stdout`, `/proc/self/fd/1`): that
///   descriptor, as `-` would be, so nothing already written there is lost.
/// - any other existing file that is not a directory — a device (`/dev/null`), a FIFO, a link to
///   one: opened and written in place, never replaced (a FIFO's open waits for its reader).
///
/// Refused: a directory, and a symbolic link that leads nowhere (writing through it would create
/// a file wherever it points).
final class OutputFile {
    /// How the bytes reach the path.
    enum Route: Equatable {
        case standardStream
        case inPlace
        case replacing(temporary: String, target: String)
    }

    /// The path as given, for messages.
    let path: String
    let descriptor: Int32
    let route: Route
    private var tracked: TrackedPath?
    private var finished = false

    private init(path: String, descriptor: Int32, route: Route, tracked: TrackedPath?) {
        self.path = path
        self.descriptor = descriptor
        self.route = route
        self.tracked = tracked
    }

    /// A sink writing into this output.
    var sink: FileSink { FileSink(descriptor: descriptor, path: path == "-" ? "standard output" : path) }

    /// Opens `path` (`-`: standard output) for writing, as the type's summary describes.
    static func open(_ path: String) throws -> OutputFile {
        switch try destination(of: path) {
        case .standardStream(let descriptor):
            return OutputFile(path: path, descriptor: descriptor, route: .standardStream, tracked: nil)
        case .inPlace:
            return try inPlace(path)
        case .replacing(let target, let mode):
            return try replacing(path, target: target, mode: mode)
        }
    }

    /// Fails now if `path` could not be written at the end: a directory, a link to nowhere, a
    /// missing or unwritable directory (a temporary file is created there and removed at once).
    /// Commands call it before their work, so a long solve does not end in "cannot write".
    static func check(_ path: String) throws {
        if case .replacing(let target, _) = try destination(of: path) {
            let probe = try temporaryFile(for: path, target: target)
            unlink(probe.path)
            close(probe.descriptor)
            probe.tracked?.release()
        }
    }

    /// Creates the output directory `path` of a command that writes several files (`generate`,
    /// `import`) if it is missing, and fails now if files cannot be created in it.
    static func prepareDirectory(_ path: String) throws {
        if path.isEmpty { throw AtomicFile.WriteError(description: "cannot write into an empty path") }
        var status = stat()
        if stat(path, &status) == 0 && !isKind(status, S_IFDIR) {
            throw AtomicFile.WriteError(description: "cannot write into \(path): it is not a directory")
        }
        // mkdir -p, one component at a time, so that a failure says what the system said
        // ("Permission denied", "Not a directory") rather than Foundation's generic sentence.
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component + "/"
            if mkdir(prefix, 0o777) != 0 && errno != EEXIST {
                throw AtomicFile.WriteError(description: "cannot create \(path): \(String(cString: strerror(errno)))")
            }
        }
        let probe = try AtomicFile.createExclusive(
            in: path, prefix: ".edgeplan-probe", for: "files in \(path)", permissions: 0o600)
        unlink(probe.path)
        close(probe.descriptor)
        probe.tracked?.release()
    }

    /// Where `path`'s bytes would go now.
    private enum Destination {
        case standardStream(Int32)
        case inPlace
        case replacing(target: String, mode: mode_t?)
    }

    private static func destination(of path: String) throws -> Destination {
        if path == "-" { return .standardStream(STDOUT_FILENO) }
        if path.isEmpty { throw AtomicFile.WriteError(description: "cannot write an empty path") }
        var status = stat()
        guard stat(path, &status) == 0 else {
            let reason = errno
            var link = stat()
            if reason == ENOENT && lstat(path, &link) == 0 {
                throw AtomicFile.WriteError(
                    description:
                        "cannot write \(path): it is a symbolic link to \(linkText(path)), which does not exist")
            }
            guard reason == ENOENT else { throw AtomicFile.failure(path, errno: reason) }
            return .replacing(target: path, mode: nil)
        }
        if isKind(status, S_IFDIR) {
            throw AtomicFile.WriteError(description: "cannot write \(path): it is a directory")
        }
        if let stream = [STDOUT_FILENO, STDERR_FILENO].first(where: { isSameFile(status, descriptor: $0) }) {
            return .standardStream(stream)
        }
        if !isKind(status, S_IFREG) { return .inPlace }
        var link = stat()
        let isLink = lstat(path, &link) == 0 && isKind(link, S_IFLNK)
        // The permission bits only: a set-user-ID bit carried onto new contents would make them
        // run as someone else.
        return .replacing(target: isLink ? try realPath(path) : path, mode: status.st_mode & 0o777)
    }

    /// A special file, opened as it is: no temporary file, nothing renamed over it.
    private static func inPlace(_ path: String) throws -> OutputFile {
        let descriptor = Foundation.open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { throw AtomicFile.failure(path, errno: errno) }
        return OutputFile(path: path, descriptor: descriptor, route: .inPlace, tracked: nil)
    }

    /// A temporary file beside `target`, to be renamed over it; `mode`: the permissions of the
    /// file it replaces.
    private static func replacing(_ path: String, target: String, mode: mode_t?) throws -> OutputFile {
        let created = try temporaryFile(for: path, target: target)
        if let mode { fchmod(created.descriptor, mode) }
        return OutputFile(
            path: path, descriptor: created.descriptor,
            route: .replacing(temporary: created.path, target: target), tracked: created.tracked)
    }

    /// A new exclusive temporary file in `target`'s directory, which must exist.
    private static func temporaryFile(for path: String, target: String) throws -> (
        descriptor: Int32, path: String, tracked: TrackedPath?
    ) {
        let directory = (target as NSString).deletingLastPathComponent
        let folder = directory.isEmpty ? "." : directory
        var status = stat()
        guard stat(folder, &status) == 0 else {
            let code = errno
            throw AtomicFile.WriteError(
                description: "cannot write \(path): "
                    + (code == ENOENT ? "there is no directory \(folder)" : String(cString: strerror(code))))
        }
        guard isKind(status, S_IFDIR) else {
            throw AtomicFile.WriteError(description: "cannot write \(path): \(folder) is not a directory")
        }
        return try AtomicFile.createExclusive(
            in: folder, prefix: ".\((target as NSString).lastPathComponent)", for: path, permissions: 0o666)
    }

    /// Finishes the output: a temporary file is flushed to disk and renamed over its target; a
    /// special file is closed (a failed close is a failed write, as on NFS).
    func commit() throws {
        finished = true
        switch route {
        case .standardStream:
            return
        case .inPlace:
            guard close(descriptor) == 0 else { throw AtomicFile.failure(path, errno: errno) }
        case .replacing(let temporary, let target):
            defer { tracked?.release() }
            // Data on disk before the name: after a crash the target is the old file or the new
            // one, never a new name on missing data.
            guard fsync(descriptor) == 0, close(descriptor) == 0 else {
                let reason = errno
                unlink(temporary)
                throw AtomicFile.failure(path, errno: reason)
            }
            // rename(2) replaces the target in one step (FileManager.replaceItemAt on Linux was
            // seen to remove the old file and then fail).
            guard rename(temporary, target) == 0 else {
                let reason = errno
                unlink(temporary)
                throw AtomicFile.failure(path, errno: reason)
            }
        }
    }

    /// Gives the output up: a temporary file is removed, the target left as it was.
    func abandon() {
        guard !finished else { return }
        finished = true
        switch route {
        case .standardStream:
            return
        case .inPlace:
            close(descriptor)
        case .replacing(let temporary, _):
            unlink(temporary)
            close(descriptor)
            tracked?.release()
        }
    }

    deinit { abandon() }

    private static func isKind(_ status: stat, _ kind: mode_t) -> Bool { status.st_mode & S_IFMT == kind }

    private static func isSameFile(_ status: stat, descriptor: Int32) -> Bool {
        var open = stat()
        return fstat(descriptor, &open) == 0 && open.st_dev == status.st_dev && open.st_ino == status.st_ino
    }

    /// The path with every symbolic link resolved.
    private static func realPath(_ path: String) throws -> String {
        guard let resolved = realpath(path, nil) else { throw AtomicFile.failure(path, errno: errno) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// What a symbolic link holds.
    private static func linkText(_ path: String) -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
    }
}
