import Foundation
import Testing

/// Every diagnostic id the sources define is in docs/diagnostics.md's table, with its severity
/// beside it, so that a new id cannot ship undocumented.
struct DiagnosticDocumentationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The ids written `DiagnosticID("…")` anywhere under Sources/.
    static func definedIDs() throws -> Set<String> {
        let sources = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        var ids = Set<String>()
        let pattern = try Regex(#"DiagnosticID\("([a-z0-9-]+)"\)"#)
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: pattern) {
                if let id = match.output[1].substring { ids.insert(String(id)) }
            }
        }
        return ids
    }

    @Test func everyDiagnosticIDIsDocumented() throws {
        let ids = try Self.definedIDs()
        // The catalogue's own ids and the traces' are among them: the scan finds what it should.
        #expect(
            ids.isSuperset(of: ["input-not-a-file", "trace-not-a-file", "trace-outside-root", "unknown-cached-app"]))
        let table = try String(contentsOf: Self.root.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        // A row is `| id[ / id] | severity | when |`.
        let firstCells = table.split(separator: "\n").compactMap { line -> (ids: Substring, severity: Substring)? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)[...]
            }
            guard cells.count >= 4, cells[0].isEmpty, cells[1].hasPrefix("`") else { return nil }
            return (cells[1], cells[2])
        }
        let undocumented = ids.filter { id in
            !firstCells.contains { $0.ids.contains("`\(id)`") && ["error", "warning"].contains($0.severity) }
        }
        #expect(undocumented.isEmpty, "not in docs/diagnostics.md: \(undocumented.sorted())")
    }
}
