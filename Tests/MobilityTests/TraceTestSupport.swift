import Diagnostics
import EdgeModel
import Foundation
import Mobility

/// Fixtures and helpers shared by the trace tests.
enum TraceTestSupport {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// Where the geographic fixture's (0, 0) junction lies (make_grid_fcd.py's LON0, LAT0).
    static let geographicReference = EquirectangularProjection(
        referenceLongitudeDegrees: 13.3925, referenceLatitudeDegrees: 52.5136)

    /// What reading `text` gives: its trajectories and its diagnostics as
    /// `path:line:column: severity: message [id]`, followed by `  note: …` lines.
    static func read(
        _ text: String, format: TraceFormat, coordinates: CoordinateSystem = .plane, chunkSizeBytes: Int = 1 << 20,
        maximumErrors: Int = 100, path: String = "t.xml"
    ) -> (trajectories: [TraceTrajectory], messages: [String]) {
        read(
            Data(text.utf8), format: format,
            options: TraceReadOptions(
                coordinates: coordinates, chunkSizeBytes: chunkSizeBytes, maximumErrors: maximumErrors), path: path)
    }

    static func read(_ data: Data, format: TraceFormat, options: TraceReadOptions, path: String = "t.xml") -> (
        trajectories: [TraceTrajectory], messages: [String]
    ) {
        let diagnostics = DiagnosticCollector()
        let trajectories = TraceReader.read(
            data: data, displayPath: path, format: format, options: options, diagnostics: diagnostics)
        return (trajectories, render(diagnostics.diagnostics))
    }

    static func render(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.flatMap { diagnostic in
            ["\(diagnostic.headline) [\(diagnostic.id)]"]
                + diagnostic.notes.map { note in "  \(note.location.map { "\($0): " } ?? "")note: \(note.message)" }
        }
    }

    /// Just the diagnostics of an FCD document.
    static func fcdMessages(_ text: String, coordinates: CoordinateSystem = .plane) -> [String] {
        read(text, format: .sumoFCD, coordinates: coordinates).messages
    }

    /// An FCD document around the given `<timestep>` content lines.
    static func fcd(_ lines: String...) -> String {
        (["<fcd-export>", "<timestep time=\"0.00\">"] + lines + ["</timestep>", "</fcd-export>", ""]).joined(
            separator: "\n")
    }
}
