/// Renders diagnostics the way compilers do: `path:line:column: error: message [id]`, the source
/// line, and a caret under the column.
public struct DiagnosticRenderer: Sendable {
    /// Source texts by path, for the quoted line; a path without text is rendered without a quote.
    private let sources: [String: [Substring]]

    public init(sources: [String: String] = [:]) {
        self.sources = sources.mapValues { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasSuffix("\r") ? line.dropLast() : line
            }
        }
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var out = "\(diagnostic.headline) [\(diagnostic.id)]\n"
        if let location = diagnostic.location { out += quote(location) }
        for note in diagnostic.notes {
            let prefix = note.location.map { "\($0): " } ?? ""
            out += "\(prefix)note: \(note.message)\n"
            if let location = note.location { out += quote(location) }
        }
        return out
    }

    /// A quoted source line shows at most this many Unicode scalars: a window around the column.
    static let maximumQuotedLineScalars = 160

    /// The source line and a caret under the column; tabs are kept so the caret lines up. A long
    /// line is shown as a window around the column, with "…" where it was cut, and control
    /// characters as "�", so that the quote is one line of the terminal's own text.
    private func quote(_ location: SourceLocation) -> String {
        guard let lines = sources[location.file], location.line >= 1, location.line <= lines.count else {
            return ""
        }
        let scalars = Array(lines[location.line - 1].unicodeScalars)
        let caret = max(0, location.column - 1)
        var start = 0
        var end = scalars.count
        if scalars.count > Self.maximumQuotedLineScalars {
            start = max(
                0, min(caret - Self.maximumQuotedLineScalars / 2, scalars.count - Self.maximumQuotedLineScalars))
            end = start + Self.maximumQuotedLineScalars
        }
        var shown = String.UnicodeScalarView()
        var padding = ""
        if start > 0 {
            shown.append("…")
            padding += " "
        }
        for (index, scalar) in scalars[start..<end].enumerated() {
            shown.append(scalar != "\t" && DiagnosticText.isUnsafe(scalar) ? "\u{FFFD}" : scalar)
            if start + index < caret { padding += scalar == "\t" ? "\t" : " " }
        }
        if end < scalars.count { shown.append("…") }
        return "    \(String(shown))\n    \(padding)^\n"
    }
}
