import Diagnostics

/// Turns the readers' problems into diagnostics for one trace file, and stops reporting (and
/// reading) after the cap so a file of garbage gives a readable list rather than millions of lines.
final class TraceErrorReporter {
    /// The path shown in locations.
    let file: String
    private let diagnostics: DiagnosticCollector
    private let maximumErrors: Int
    /// Errors reported for this file so far (not counting the one saying the cap was reached).
    private(set) var errorCount = 0
    /// Set once the cap is reached: later errors are dropped and the reader stops.
    private(set) var stopped = false

    init(file: String, diagnostics: DiagnosticCollector, maximumErrors: Int) {
        self.file = file
        self.diagnostics = diagnostics
        self.maximumErrors = max(1, maximumErrors)
    }

    func location(_ position: TextPosition) -> SourceLocation {
        SourceLocation(file: file, line: position.line, column: position.column)
    }

    /// Reports an error at `position`; notes may point at other places of the same file.
    func error(
        _ id: DiagnosticID, _ message: String, at position: TextPosition,
        notes: [(message: String, position: TextPosition?)] = []
    ) {
        guard !stopped else { return }
        if errorCount == maximumErrors {
            stopped = true
            diagnostics.error(
                .traceErrorLimit,
                "too many errors in this trace (more than \(maximumErrors)); stopped reading it",
                at: location(position))
            return
        }
        errorCount += 1
        diagnostics.error(
            id, message, at: location(position),
            notes: notes.map { DiagnosticNote($0.message, at: $0.position.map(location)) })
    }

    func warning(_ id: DiagnosticID, _ message: String, at position: TextPosition) {
        diagnostics.warning(id, message, at: location(position))
    }
}
