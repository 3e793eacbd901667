import Diagnostics
import EdgeModel
import Foundation
import Frontend
import Testing

/// The base of the variant tests (the testbed of seed 000 with its apps and the orchestrated
/// policy), and a temporary directory for variant and replacement files.
struct VariantFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    static let testbed = [path("Examples/testbed"), path("Models/ngo2020.yaml")]
    static let policy = path("Policies/orchestrated.yaml")

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-variant-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Writes `text` to a file of the directory and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The variants of a file written from `text` (which must be well formed).
    func variants(_ text: String, name: String = "variant.yaml") throws -> [Variant] {
        let path = try write(name, text)
        let (variants, result) = ProblemLoader.loadVariants(paths: [path])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.headline))")
        return variants
    }

    /// The testbed (with the orchestrated policy unless `policy` is false) with `variants` applied.
    static func scenario(
        _ variants: [Variant], policy: Bool = true, replacements: [String] = [], options: LoadOptions = LoadOptions()
    ) -> LoadResult {
        ProblemLoader.load(
            paths: testbed + (policy ? [Self.policy] : []), options: options, replacements: replacements,
            variants: variants)
    }

    /// The problem of a scenario that must load without errors.
    static func problem(_ variants: [Variant], policy: Bool = true, replacements: [String] = []) throws -> Problem {
        let result = scenario(variants, policy: policy, replacements: replacements)
        return try #require(result.problem, "\(result.diagnostics.map(\.headline))")
    }

    /// The headlines and notes of diagnostics, as the bad-input corpus writes them.
    static func lines(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.flatMap { diagnostic in
            [diagnostic.headline]
                + diagnostic.notes.map { note in
                    "note: " + (note.location.map { "\($0.line):\($0.column): " } ?? "") + note.message
                }
        }
    }
}

extension Topology {
    func server(_ id: String) -> Server? { servers.first { $0.id == id } }
    func baseStation(_ id: String) -> BaseStation? { baseStations.first { $0.id == id } }

    /// The path metrics from one node to another, by id.
    func path(_ from: String, _ to: String) -> PathMetrics? {
        func node(_ id: String) -> NodeIndex? {
            if let bs = baseStation(id) { return self.node(bs.index) }
            return server(id).map { self.node($0.index) }
        }
        guard let a = node(from), let b = node(to) else { return nil }
        return graph.paths(from: a)[b.rawValue]
    }
}
