import Diagnostics
import Foundation
import Frontend
import Testing

/// The bad-input corpus: every file in `BadInputs/` is checked on its own, and the diagnostics must
/// be exactly those its `# expect:` lines list, in order:
///
///     # expect: 7:15: error: "peakRate": expected a bandwidth such as "100 Mbps", found the bare number 100
///     # expect: error: no Workload document in the inputs        (a diagnostic with no location)
///
/// Located diagnostics are in the case file itself. Notes are checked with `# note:` lines that
/// follow the diagnostic they belong to, in the form `[LINE:COLUMN: ]message`.
struct BadInputCorpusTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "BadInputs")

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    }

    @Test func corpusHasAtLeastFiftyCases() {
        #expect(Self.cases.count >= 50)
    }

    @Test(arguments: cases)
    func diagnosticsMatchExpectations(_ name: String) throws {
        let path = Self.directory.appendingPathComponent(name).path
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        // Expectations are ASCII comment lines; the rest of a case may be anything, even bad UTF-8.
        let text = String(decoding: data, as: UTF8.self)
        let expected = Self.expectations(in: text, path: path)
        #expect(!expected.isEmpty, "\(name) has no # expect: line")
        let result = ProblemLoader.load(paths: [path])
        let actual = result.diagnostics.flatMap { diagnostic in
            [diagnostic.headline]
                + diagnostic.notes.map { note in
                    "note: " + (note.location.map { "\($0.line):\($0.column): " } ?? "") + note.message
                }
        }
        let expectedNotesChecked = expected.contains { $0.hasPrefix("note: ") }
        let compared = expectedNotesChecked ? actual : actual.filter { !$0.hasPrefix("note: ") }
        #expect(compared == expected, "\(name)")
        #expect(result.problem == nil || !result.hasErrors)
    }

    /// `# expect:` lines as diagnostic headlines (`path:line:column: severity: message`).
    static func expectations(in text: String, path: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
            if line.hasPrefix("# expect: ") {
                let body = line.dropFirst("# expect: ".count)
                if body.hasPrefix("error: ") || body.hasPrefix("warning: ") { return "edgeplan: \(body)" }
                return "\(path):\(body)"
            }
            if line.hasPrefix("# note: ") { return "note: " + line.dropFirst("# note: ".count) }
            return nil
        }
    }
}
