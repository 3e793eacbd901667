public import ArgumentParser
import Diagnostics
import EdgeModel
import Frontend
import InputFiles
import Planner

/// How diagnostics are printed.
public enum DiagnosticsFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}

/// Options shared by every command that reads a problem.
public struct InputOptions: ParsableArguments {
    @Argument(help: "YAML files or directories (every *.yaml and *.yml file in a directory).")
    public var paths: [String] = []

    @Option(
        name: .long,
        help: "The Policy document to use when the inputs define several (or \"default\" for the built-in one).")
    public var policy: String?

    @Option(name: .long, help: "How to print diagnostics on standard error: text (compiler style) or json.")
    public var diagnostics: DiagnosticsFormat = .text

    @Option(name: .long, help: "Refuse input files larger than this many bytes.")
    public var maxInputBytes: Int = SourceLoader.defaultMaximumBytes

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Read workloads' traces only from inside this directory (links and .. resolved); default: anywhere.",
            valueName: "dir"))
    public var traceRoot: String?

    public init() {}

    public func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one YAML file or directory") }
        if maxInputBytes < 1 { throw ValidationError("--max-input-bytes must be at least 1") }
        if let traceRoot, FileKind.of(traceRoot) != .directory {
            throw ValidationError("--trace-root \(traceRoot) is not a directory")
        }
        // A file is held whole, with its syntax tree: past a few GiB no machine has the memory, and
        // Int.max overflowed reading "one byte past the limit".
        if maxInputBytes > InputBounds.maximumInputBytes {
            throw ValidationError(
                "--max-input-bytes must be at most \(InputBounds.maximumInputBytes) (4 GiB), found \(maxInputBytes)")
        }
    }

    /// With the memory the machine has free (`MemoryBudget`), so that a file too large to read is
    /// refused before it is read.
    var loadOptions: LoadOptions {
        LoadOptions(
            maximumInputBytes: maxInputBytes, policyName: policy, traceRoot: traceRoot,
            memoryLimitBytes: MemoryBudget.machineDefault().availableBytes)
    }

    /// Loads the inputs and prints their diagnostics; exits with status 1 when they have errors.
    func loadProblem() throws -> Problem {
        try loadProblemAndSources().problem
    }

    /// The problem and the texts of its files, for quoting later errors at their lines.
    func loadProblemAndSources() throws -> (problem: Problem, sources: [String: String]) {
        let result = ProblemLoader.load(paths: paths, options: loadOptions)
        DiagnosticsPrinter.print(result, format: diagnostics)
        guard let problem = result.problem else { throw ExitCode(1) }
        return (problem, result.sources)
    }

    /// Prints errors found after loading (an objective term out of range, a replay too large) in
    /// the diagnostics format, and exits with status 1; does nothing without errors.
    func stop(on errors: [Diagnostic], sources: [String: String]) throws {
        guard !errors.isEmpty else { return }
        DiagnosticsPrinter.print(errors, sources: sources, format: diagnostics)
        throw ExitCode(1)
    }
}
