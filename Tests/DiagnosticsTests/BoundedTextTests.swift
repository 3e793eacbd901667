import Diagnostics
import Testing

/// Whatever the inputs hold, a diagnostic prints as a few readable lines: values cut and escaped,
/// source lines shown as a window around the column (issue 14).
struct BoundedTextTests {
    /// A 1 MB line was printed whole under the message; now 160 scalars around the column.
    @Test func longSourceLinesAreShownAsAWindowAroundTheColumn() {
        let line =
            "  peakRate: " + String(repeating: "a", count: 500_000) + "Z" + String(repeating: "b", count: 500_000)
        let column = 12 + 500_000 + 1
        let diagnostic = Diagnostic(
            .error, DiagnosticID("x"), "m", at: SourceLocation(file: "f", line: 1, column: column))
        let lines = DiagnosticRenderer(sources: ["f": line + "\n"]).render(diagnostic).split(separator: "\n")
        #expect(lines.count == 3)
        // "…", 80 scalars before the column, the column, 79 after, "…".
        #expect(lines[1] == "    …" + String(repeating: "a", count: 80) + "Z" + String(repeating: "b", count: 79) + "…")
        #expect(lines[2] == "    " + String(repeating: " ", count: 81) + "^")
    }

    @Test func shortLinesAreShownWhole() {
        let diagnostic = Diagnostic(.error, DiagnosticID("x"), "m", at: SourceLocation(file: "f", line: 1, column: 3))
        #expect(
            DiagnosticRenderer(sources: ["f": "ab\tcd\n"]).render(diagnostic)
                == "f:1:3: error: m [x]\n    ab\tcd\n      ^\n")
    }

    /// Terminal escapes and bidirectional overrides in a source line become "�", one per scalar,
    /// so the caret still lines up.
    @Test func controlCharactersInSourceLinesAreReplaced() {
        let diagnostic = Diagnostic(.error, DiagnosticID("x"), "m", at: SourceLocation(file: "f", line: 1, column: 8))
        let lines = DiagnosticRenderer(sources: ["f": "id: \u{1B}[1mx\u{202E}y\n"]).render(diagnostic).split(
            separator: "\n")
        #expect(lines[1] == "    id: \u{FFFD}[1mx\u{FFFD}y")
        #expect(lines[2] == "           ^")
    }

    @Test func quotingCutsAndEscapes() {
        #expect(DiagnosticText.quote("abc") == "\"abc\"")
        #expect(
            DiagnosticText.quote(String(repeating: "x", count: 100)) == "\"" + String(repeating: "x", count: 80) + "…\""
        )
        #expect(DiagnosticText.quote("a\"b\\c") == #""a\"b\\c""#)
        #expect(DiagnosticText.quote("red\u{1B}[31m\n\t\u{202E}") == #""red\u{1B}[31m\n\t\u{202E}""#)
        #expect(DiagnosticText.excerpt("abcdef", limit: 3) == "abc…")
    }

    /// Every diagnostic is bounded, also one whose message interpolates a value without quoting it
    /// through `DiagnosticText`: quoted segments are cut at 80 scalars, control characters escaped,
    /// and the whole message held to 1000 scalars.
    @Test func everyDiagnosticIsBounded() {
        let value = String(repeating: "v", count: 100_000)
        let diagnostic = Diagnostic(
            .error, DiagnosticID("x"), "unknown app \"\(value)\" in \"\(value)\"; fix it\u{7}",
            at: nil, notes: [DiagnosticNote("did you mean \"\(value)\"?")])
        let cut = "\"" + String(repeating: "v", count: 80) + "…\""
        #expect(diagnostic.message == "unknown app \(cut) in \(cut); fix it\\u{7}")
        #expect(diagnostic.notes[0].message == "did you mean \(cut)?")
        let unquoted = Diagnostic(.error, DiagnosticID("x"), "found the bare number \(value)", at: nil)
        #expect(unquoted.message.unicodeScalars.count == DiagnosticText.maximumMessageScalars + 1)
        #expect(unquoted.message.hasSuffix("v…"))
        // A double quote named as a character delimits nothing.
        let named = Diagnostic(.error, DiagnosticID("x"), "expected '\"' to close \"" + value + "\"", at: nil)
        #expect(named.message == "expected '\"' to close \(cut)")
    }

    /// Suggesting for a 1 MB word compared it with every candidate by edit distance: hours.
    @Test func suggestionsForHugeWordsAreImmediate() {
        let candidates = (0..<2_000).map { "server\($0)" }
        let clock = ContinuousClock()
        let start = clock.now
        #expect(Suggestions.closest(to: String(repeating: "s", count: 1_000_000), in: candidates) == nil)
        #expect(clock.now - start < .seconds(5))
        #expect(Suggestions.closest(to: "server12x", in: candidates) == "server12")
    }
}
