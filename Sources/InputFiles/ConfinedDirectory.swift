import Foundation

/// A directory that paths must stay inside (`--trace-root`). Both the directory and each path are
/// resolved with `realpath`, so `..` components and symbolic links are followed to where they
/// really lead before the comparison: neither can escape.
public struct ConfinedDirectory: Sendable, Hashable {
    /// The directory as given, for messages.
    public let path: String
    /// The directory with every link and `..` resolved.
    public let canonicalPath: String

    /// The directory at `path`; nil when it does not exist or is not a directory.
    public init?(path: String) {
        guard FileKind.of(path) == .directory, let canonical = Self.canonicalPath(path) else { return nil }
        self.path = path
        self.canonicalPath = canonical
    }

    /// Where `path` really leads (every symbolic link and `..` resolved); nil when it does not exist.
    public static func canonicalPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Where `path` leads: its canonical path when it exists; otherwise that of its nearest existing
    /// ancestor followed by the rest with `.` and `..` applied. Whether a missing file would lie
    /// inside the directory is then decided as for one that exists (and says nothing of whether
    /// files outside exist).
    public static func destination(of path: String) -> String {
        if let canonical = canonicalPath(path) { return canonical }
        let absolute =
            path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var existing = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var rest: [String] = []
        while let last = existing.popLast() {
            rest.insert(last, at: 0)
            if let canonical = canonicalPath("/" + existing.joined(separator: "/")) {
                var components = canonical.split(separator: "/").map(String.init)
                for component in rest {
                    switch component {
                    case ".": continue
                    case "..": _ = components.popLast()
                    default: components.append(component)
                    }
                }
                return "/" + components.joined(separator: "/")
            }
        }
        return absolute
    }

    /// Whether the canonical path `canonical` lies inside this directory (or is it).
    public func contains(canonical: String) -> Bool {
        if canonical == canonicalPath || canonicalPath == "/" { return true }
        return canonical.hasPrefix(canonicalPath + "/")
    }
}
