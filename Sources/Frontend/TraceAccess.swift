import Diagnostics
import EdgeModel
import InputFiles
import Yams

/// Which files a workload's traces may name (`LoadOptions.traceRoot`), and the checks of one
/// trace path made where the workload writes it: it must exist, lie inside the root when there
/// is one, and be a regular file.
enum TraceAccess {
    /// Any file the process can read.
    case anywhere
    /// Only files inside this directory, once links and `..` are resolved.
    case inside(ConfinedDirectory)
    /// The root given could not be used (reported once): no trace is read.
    case nowhere

    /// The access `options` give; reports a trace root that is not a directory.
    init(_ options: LoadOptions, diagnostics: DiagnosticCollector) {
        guard let root = options.traceRoot else {
            self = .anywhere
            return
        }
        if let directory = ConfinedDirectory(path: root) {
            self = .inside(directory)
        } else {
            diagnostics.error(
                .inputNotFound, "the trace root \(root) is not a directory; no trace can be read", at: nil)
            self = .nowhere
        }
    }

    /// The outcome of checking one trace path.
    enum Verdict {
        /// Read it; `checkedPath` is the resolved path that was checked against a root.
        case readable(checkedPath: String?)
        /// Reported already.
        case refused
    }

    /// Checks the trace written `file` (resolved to `resolved`) at `node`, reporting what is wrong.
    func check(file: String, resolved: String, reader: DocumentReader, at node: Node) -> Verdict {
        var checkedPath: String?
        switch self {
        case .nowhere:
            return .refused
        case .anywhere:
            break
        case .inside(let root):
            // Before existence, so the answer for a path outside says nothing of what is there.
            let destination = ConfinedDirectory.destination(of: resolved)
            guard root.contains(canonical: destination) else {
                reader.error(
                    .traceOutsideRoot,
                    "trace file \(DiagnosticText.quote(file)) is outside the trace root \(root.path)",
                    at: node,
                    notes: [
                        DiagnosticNote(
                            "it leads to \(destination), and --trace-root confines traces to \(root.canonicalPath)")
                    ])
                return .refused
            }
            checkedPath = destination
        }
        switch FileKind.of(checkedPath ?? resolved) {
        case nil:
            reader.error(
                .traceNotFound, "trace file \(DiagnosticText.quote(file)) not found", at: node,
                notes: file.hasPrefix("/")
                    ? []
                    : [
                        DiagnosticNote(
                            resolved == file
                                ? "trace paths are relative to the workload file's directory"
                                : "looked for \(resolved); trace paths are relative to the workload file's directory"
                        )
                    ])
            return .refused
        case .regular?:
            return .readable(checkedPath: checkedPath)
        case let kind?:
            reader.error(
                .traceNotAFile,
                "trace file \(DiagnosticText.quote(file)) is \(kind.noun), not a regular file; traces must be regular files",
                at: node)
            return .refused
        }
    }
}
