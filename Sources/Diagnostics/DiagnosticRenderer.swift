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

    /// The source line and a caret under the column; tabs are kept so the caret lines up.
    private func quote(_ location: SourceLocation) -> String {
        guard let lines = sources[location.file], location.line >= 1, location.line <= lines.count else {
            return ""
        }
        let line = lines[location.line - 1]
        let padding = line.unicodeScalars.prefix(max(0, location.column - 1)).map { $0 == "\t" ? "\t" : " " }
        return "    \(line)\n    \(padding.joined())^\n"
    }
}
