/// Collects diagnostics so that one run reports every problem instead of stopping at the first.
///
/// Not shared across threads: each phase owns one and merges it into the caller's.
public final class DiagnosticCollector {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    public func emit(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public func error(
        _ id: DiagnosticID, _ message: String, at location: SourceLocation?, notes: [DiagnosticNote] = []
    ) {
        emit(Diagnostic(.error, id, message, at: location, notes: notes))
    }

    public func warning(
        _ id: DiagnosticID, _ message: String, at location: SourceLocation?, notes: [DiagnosticNote] = []
    ) {
        emit(Diagnostic(.warning, id, message, at: location, notes: notes))
    }

    public func append(contentsOf other: DiagnosticCollector) {
        diagnostics.append(contentsOf: other.diagnostics)
    }

    /// Diagnostics in a stable order: located ones by file, line and column (keeping emission order
    /// for equal positions), then the unlocated ones.
    public var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            switch (lhs.element.location, rhs.element.location) {
            case (let l?, let r?): return l == r ? lhs.offset < rhs.offset : l < r
            case (.some, .none): return true
            case (.none, .some): return false
            case (.none, .none): return lhs.offset < rhs.offset
            }
        }.map(\.element)
    }
}
