import Diagnostics
import Foundation
import Frontend
import Testing

/// The front end's side of issue 14: traces are inputs with a hash, may be confined to a root,
/// and what diagnostics echo of the inputs is cut and escaped.
struct InputHardeningTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-hardening-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// A plan did not say which trace it was made from: the trace is now among the inputs, with the
    /// SHA-256 of its bytes (`sha256sum Examples/sumo-grid/grid.fcd.xml`).
    @Test func tracesAreHashedAmongTheInputs() throws {
        let paths = ["Examples/sumo-grid", "Models/ngo2020.yaml"].map { Self.root.appendingPathComponent($0).path }
        let result = ProblemLoader.load(paths: paths)
        let problem = try #require(result.problem, "\(result.diagnostics.map(\.headline))")
        let trace = Self.root.appendingPathComponent("Examples/sumo-grid/grid.fcd.xml").path
        #expect(problem.inputs.map(\.path) == [paths[0] + "/problem.yaml", paths[1], trace])
        #expect(
            problem.inputs.last?.sha256 == "52616b88d704ebe67a0d2517f7c0c00d0ef161e4e1933501d6389bed8158262b")
    }

    /// The same trace named twice is one input.
    @Test func aTraceNamedTwiceIsOneInput() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "time,id,x,y\n0,a,0,0\n".write(
            to: directory.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        try Self.problem(traces: ["{file: a.csv, format: csv, app: simple}"]).write(
            to: directory.appendingPathComponent("problem.yaml"), atomically: true, encoding: .utf8)
        let result = ProblemLoader.load(paths: [
            directory.path, Self.root.appendingPathComponent("Models/ngo2020.yaml").path,
        ])
        let problem = try #require(result.problem, "\(result.diagnostics.map(\.headline))")
        #expect(problem.inputs.filter { $0.path.hasSuffix("a.csv") }.count == 1)
    }

    /// The sumo-grid problem with other trace entries.
    static func problem(traces: [String]) throws -> String {
        let source = try String(
            contentsOf: root.appendingPathComponent("Examples/sumo-grid/problem.yaml"), encoding: .utf8)
        return source.components(separatedBy: "---\nkind: Workload")[0]
            + "---\nkind: Workload\nname: w\ntraces:\n" + traces.map { "  - \($0)\n" }.joined()
    }

    @Test func traceRootRefusesEscapesAndReadsWhatIsInside() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inside = directory.appendingPathComponent("inside")
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        try "time,id,x,y\n0,a,0,0\n".write(
            to: inside.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        try "time,id,x,y\n0,b,0,0\n".write(
            to: directory.appendingPathComponent("b.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            at: inside.appendingPathComponent("up"), withDestinationURL: directory)
        try Self.problem(traces: [
            "{file: a.csv, format: csv, app: simple}",
            "{file: ../inside/a.csv, format: csv, app: simple}",
            "{file: up/b.csv, format: csv, app: simple}",
            "{file: \(directory.path)/b.csv, format: csv, app: simple}",
            "{file: ../missing.csv, format: csv, app: simple}",
        ]).write(to: inside.appendingPathComponent("problem.yaml"), atomically: true, encoding: .utf8)
        let models = Self.root.appendingPathComponent("Models/ngo2020.yaml").path
        let result = ProblemLoader.load(paths: [inside.path, models], options: LoadOptions(traceRoot: inside.path))
        let located = result.diagnostics.filter { $0.severity == .error }.map { d in
            "\(d.location?.line ?? 0):\(d.location?.column ?? 0) \(d.id)"
        }
        // `../inside/a.csv` comes back in; a link out, an absolute path out and a missing file
        // outside are all "outside" (so nothing is said of what exists there).
        #expect(located == ["64:12 trace-outside-root", "65:12 trace-outside-root", "66:12 trace-outside-root"])
        let unconfined = ProblemLoader.load(paths: [inside.path, models])
        #expect(unconfined.diagnostics.filter { $0.severity == .error }.map(\.id) == [.traceNotFound])
    }

    /// Values of the inputs in messages are quoted once, cut at 80 characters, escapes escaped.
    @Test func echoedValuesAreCutAndEscaped() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let long = String(repeating: "y", count: 1_000_000)
        let text = try String(
            contentsOf: Self.root.appendingPathComponent("Examples/sumo-grid/problem.yaml"), encoding: .utf8
        )
        let models = Self.root.appendingPathComponent("Models/ngo2020.yaml").path
        let path = directory.appendingPathComponent("p.yaml").path
        try text.replacingOccurrences(of: "sla:\n  - {app: \"*\"", with: "sla:\n  - {app: \"\\\\\(long)\"")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let result = ProblemLoader.load(paths: [path, models])
        let diagnostic = try #require(result.diagnostics.first { $0.id == .unknownReference })
        #expect(diagnostic.message == "unknown app \"\\\\" + String(repeating: "y", count: 79) + "…\" in sla")
        let rendered = DiagnosticRenderer(sources: result.sources).render(result.diagnostics)
        #expect(rendered.utf8.count < 2_000)
        // A terminal escape in the value is refused where it is written, and never printed.
        try text.replacingOccurrences(of: "sla:\n  - {app: \"*\"", with: "sla:\n  - {app: \"\\e[31m\(long)\"")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let escaped = ProblemLoader.load(paths: [path, models])
        #expect(escaped.diagnostics.contains { $0.id == .controlCharacter })
        let shown = DiagnosticRenderer(sources: escaped.sources).render(escaped.diagnostics)
        #expect(shown.utf8.count < 2_000)
        #expect(!shown.contains("\u{1B}"))
    }
}
