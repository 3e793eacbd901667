public import Foundation

/// The `--diagnostics json` form: an array of objects, one per diagnostic, for editors and CI tools.
public enum DiagnosticJSON {
    private struct Entry: Encodable {
        let severity: String
        let id: String
        let message: String
        let file: String?
        let line: Int?
        let column: Int?
        let notes: [NoteEntry]
    }

    private struct NoteEntry: Encodable {
        let message: String
        let file: String?
        let line: Int?
        let column: Int?
    }

    public static func encode(_ diagnostics: [Diagnostic]) -> Data {
        let entries = diagnostics.map { d in
            Entry(
                severity: d.severity.rawValue, id: d.id.rawValue, message: d.message,
                file: d.location?.file, line: d.location?.line, column: d.location?.column,
                notes: d.notes.map {
                    NoteEntry(
                        message: $0.message, file: $0.location?.file, line: $0.location?.line,
                        column: $0.location?.column)
                })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and integers cannot fail.
        return (try? encoder.encode(entries)) ?? Data("[]".utf8)
    }
}
