import EdgeModel
import Foundation
import Frontend
import Interop
import TestSupport
import Testing

/// The AdvantEDGE scenarios of the tests: the small loc-serv-system-test (copied here with its
/// NOTICE) and the Monaco network of seed 004 in ../shared, which only some machines have.
enum InteropFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")
    static let small = directory.appendingPathComponent("loc-serv-system-test.yaml")
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    /// `../shared/fixtures/advantedge/4g-5g-wifi-macro.json`, relative to the package root.
    static let monaco = ProblemFixture.packageRoot.appendingPathComponent(
        "../shared/fixtures/advantedge/4g-5g-wifi-macro.json"
    )
    .standardizedFileURL
    /// The large fixtures stay in ../shared (their NOTICE); tests that need them are skipped without it.
    static let hasMonaco = FileManager.default.fileExists(atPath: monaco.path)
    static let monacoMissing: Comment = "needs ../shared/fixtures/advantedge/4g-5g-wifi-macro.json (absent: skipped)"

    static func read(_ url: URL) throws -> (AdvantEDGEScenario, [ImportWarning]) {
        try AdvantEDGEScenario.read(Data(contentsOf: url), fileName: url.lastPathComponent)
    }

    static func convert(
        _ url: URL, servers: ServerPlacement = .none, rssiMin: DBm = DBm(-85), cycles: Int = 1, app: String = "openface"
    ) throws -> AdvantEDGEImport {
        let (scenario, warnings) = try read(url)
        return try AdvantEDGEImporter.convert(
            scenario, readWarnings: warnings,
            options: AdvantEDGEImportOptions(
                servers: servers, rssiMin: rssiMin, app: app, cycles: cycles, sourceFile: url.path))
    }

    /// Writes the imported files and loads them with `Models/ngo2020.yaml` (and `extra` YAML) as
    /// `edgeplan check` would; records the diagnostics when the problem is not valid.
    static func load(
        _ imported: AdvantEDGEImport, extra: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (problem: Problem, errors: Int) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgeplan-import-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in imported.files {
            try file.text.write(to: directory.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
        }
        if let extra {
            try extra.write(to: directory.appendingPathComponent("extra.yaml"), atomically: true, encoding: .utf8)
        }
        let models = ProblemFixture.packageRoot.appendingPathComponent("Models/ngo2020.yaml").path
        let result = ProblemLoader.load(paths: [directory.path, models])
        let errors = result.diagnostics.filter { $0.severity == .error }
        let problem = try #require(result.problem, "\(errors.map(\.headline))", sourceLocation: sourceLocation)
        return (problem, errors.count)
    }
}
