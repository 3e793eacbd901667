public import EdgeModel
public import Foundation
import Frontend
public import Testing

/// Golden files: `EDGEPLAN_RECORD=1 swift test` rewrites them and fails the run, so a recording is
/// never mistaken for a pass (after swift-argument-parser's test helpers).
public enum Golden {
    public static func check(
        _ actual: String, against url: URL, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        if ProcessInfo.processInfo.environment["EDGEPLAN_RECORD"] == "1" {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record(
                "recorded \(url.lastPathComponent); run again without EDGEPLAN_RECORD", sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "differs from \(url.path)", sourceLocation: sourceLocation)
    }
}

/// External programs the tests may use when the machine has them.
public enum ExternalTool {
    /// The full path of `name` on PATH, or nil.
    public static func path(_ name: String) -> String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in directories {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a program and returns its exit status and standard output.
    public static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Writes YAML documents to a temporary directory and loads them with the front end.
public enum ProblemFixture {
    /// The problem the YAML describes; records an issue with the diagnostics when it is not valid.
    public static func load(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Problem {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("problem.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let result = ProblemLoader.load(paths: [file.path])
        return try #require(result.problem, "\(result.diagnostics.map(\.headline))", sourceLocation: sourceLocation)
    }

    /// The root of the package, for tests that read the bundled examples.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A bundled example, loaded from paths relative to the package root.
    public static func loadBundled(_ paths: [String], sourceLocation: SourceLocation = #_sourceLocation) throws
        -> Problem
    {
        let result = ProblemLoader.load(paths: paths.map { packageRoot.appendingPathComponent($0).path })
        return try #require(result.problem, "\(result.diagnostics.map(\.headline))", sourceLocation: sourceLocation)
    }
}

/// The plan schema check: `scripts/validate-plan` (Python's jsonschema, independent of edgeplan).
public enum PlanSchemaValidator {
    /// A python3 that can import jsonschema, or nil.
    public static let interpreter: String? = {
        var candidates: [String] = []
        if let onPath = ExternalTool.path("python3") { candidates.append(onPath) }
        candidates.append("/usr/bin/python3")
        return candidates.first { candidate in
            FileManager.default.isExecutableFile(atPath: candidate)
                && (try? ExternalTool.run(candidate, ["-c", "import jsonschema"]).status) == 0
        }
    }()

    /// Validates plan files; records an issue with the validator's messages when any is invalid.
    public static func validate(_ paths: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let python = try #require(
            interpreter, "no python3 with jsonschema: run scripts/install-dependencies", sourceLocation: sourceLocation)
        let script = ProblemFixture.packageRoot.appendingPathComponent("scripts/validate-plan").path
        let result = try ExternalTool.run(python, [script] + paths)
        #expect(result.status == 0, "\(result.output)", sourceLocation: sourceLocation)
    }
}
