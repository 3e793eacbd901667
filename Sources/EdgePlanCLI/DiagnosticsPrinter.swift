import Diagnostics
import Foundation
import Frontend

/// Writes diagnostics to standard error in the chosen format.
enum DiagnosticsPrinter {
    static func print(_ result: LoadResult, format: DiagnosticsFormat) {
        print(result.diagnostics, sources: result.sources, format: format)
    }

    static func print(_ diagnostics: [Diagnostic], sources: [String: String], format: DiagnosticsFormat) {
        switch format {
        case .text:
            var text = DiagnosticRenderer(sources: sources).render(diagnostics)
            let errors = diagnostics.count { $0.severity == .error }
            let warnings = diagnostics.count { $0.severity == .warning }
            if errors > 0 || warnings > 0 {
                text += "\(plural(errors, "error")) and \(plural(warnings, "warning")) generated.\n"
            }
            StandardStreams.writeError(text)
        case .json:
            var data = DiagnosticJSON.encode(diagnostics)
            data.append(0x0A)
            StandardStreams.writeError(data)
        }
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
