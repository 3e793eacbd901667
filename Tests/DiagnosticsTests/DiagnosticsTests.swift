import Diagnostics
import Foundation
import Testing

struct DiagnosticsTests {
    @Test func textRenderingQuotesTheLineWithACaret() {
        let source = "kind: Topology\nname: t\nlinks:\n  - {between: [ap1, e2], bandwidth: 1 Gbps}\n"
        let diagnostic = Diagnostic(
            .error, DiagnosticID("unknown-reference"), "link names unknown node \"e2\"",
            at: SourceLocation(file: "t.yaml", line: 4, column: 21),
            notes: [DiagnosticNote("did you mean \"e1\"?")])
        let text = DiagnosticRenderer(sources: ["t.yaml": source]).render(diagnostic)
        #expect(
            text == """
                t.yaml:4:21: error: link names unknown node "e2" [unknown-reference]
                      - {between: [ap1, e2], bandwidth: 1 Gbps}
                                        ^
                note: did you mean "e1"?

                """)
    }

    /// Columns count Unicode scalars: the caret sits under the scalar, whatever its UTF-8 length.
    @Test func caretCountsUnicodeScalars() {
        let source = "name: \"Zürich–Nord\" x\n"
        let diagnostic = Diagnostic(
            .error, DiagnosticID("x"), "m", at: SourceLocation(file: "f", line: 1, column: 21))
        let lines = DiagnosticRenderer(sources: ["f": source]).render(diagnostic).split(separator: "\n")
        #expect(lines[2] == "    " + String(repeating: " ", count: 20) + "^")
    }

    @Test func notesWithLocationsAreQuotedToo() {
        let source = "a\nb\n"
        let diagnostic = Diagnostic(
            .error, DiagnosticID("duplicate-id"), "duplicate id \"b\"",
            at: SourceLocation(file: "f", line: 2, column: 1),
            notes: [DiagnosticNote("\"b\" is first defined here", at: SourceLocation(file: "f", line: 1, column: 1))])
        #expect(
            DiagnosticRenderer(sources: ["f": source]).render(diagnostic) == """
                f:2:1: error: duplicate id "b" [duplicate-id]
                    b
                    ^
                f:1:1: note: "b" is first defined here
                    a
                    ^

                """)
    }

    @Test func unlocatedDiagnosticsNameTheTool() {
        let diagnostic = Diagnostic(
            .error, DiagnosticID("missing-document"), "no Workload document in the inputs", at: nil)
        #expect(diagnostic.headline == "edgeplan: error: no Workload document in the inputs")
    }

    @Test func collectorSortsByPositionKeepingEmissionOrderForTies() {
        let collector = DiagnosticCollector()
        collector.error(DiagnosticID("a"), "third", at: SourceLocation(file: "b.yaml", line: 1, column: 1))
        collector.error(DiagnosticID("a"), "global", at: nil)
        collector.warning(DiagnosticID("a"), "second", at: SourceLocation(file: "a.yaml", line: 2, column: 5))
        collector.error(DiagnosticID("a"), "first", at: SourceLocation(file: "a.yaml", line: 2, column: 1))
        collector.error(DiagnosticID("a"), "second too", at: SourceLocation(file: "a.yaml", line: 2, column: 5))
        #expect(collector.sorted.map(\.message) == ["first", "second", "second too", "third", "global"])
        #expect(collector.errorCount == 4)
        #expect(collector.warningCount == 1)
        #expect(collector.hasErrors)
    }

    @Test func jsonRendering() throws {
        let diagnostics = [
            Diagnostic(
                .warning, DiagnosticID("isolated-server"), "no base station reaches server \"s\"",
                at: SourceLocation(file: "t.yaml", line: 3, column: 7), notes: [DiagnosticNote("n")])
        ]
        let object = try JSONSerialization.jsonObject(with: DiagnosticJSON.encode(diagnostics)) as? [[String: Any]]
        let entry = try #require(object?.first)
        #expect(entry["severity"] as? String == "warning")
        #expect(entry["id"] as? String == "isolated-server")
        #expect(entry["file"] as? String == "t.yaml")
        #expect(entry["line"] as? Int == 3)
        #expect(entry["column"] as? Int == 7)
        #expect((entry["notes"] as? [[String: Any]])?.first?["message"] as? String == "n")
    }

    @Test func suggestions() {
        #expect(Suggestions.closest(to: "txPowr", in: ["txPower", "peakRate"]) == "txPower")
        #expect(Suggestions.closest(to: "EDGE1", in: ["edge1", "edge2"]) == "edge1")
        #expect(Suggestions.closest(to: "banana", in: ["txPower", "peakRate"]) == nil)
        #expect(Suggestions.closest(to: "x", in: []) == nil)
        #expect(Suggestions.editDistance("kitten", "sitting") == 3)
        #expect(Suggestions.editDistance("", "abc") == 3)
    }
}
