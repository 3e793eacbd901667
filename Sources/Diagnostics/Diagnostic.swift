/// How serious a diagnostic is: errors fail the run, warnings do not.
public enum Severity: String, Sendable, Hashable, Codable {
    case error
    case warning
    case note
}

/// A stable identifier of a kind of diagnostic, printed as `[id]` so tools and docs can refer to it.
public struct DiagnosticID: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// A secondary message attached to a diagnostic (a suggestion, or the other place involved).
public struct DiagnosticNote: Sendable, Hashable {
    public let message: String
    public let location: SourceLocation?

    /// `message` is bounded (`DiagnosticText.bounded`): values from the inputs print cut and escaped.
    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = DiagnosticText.bounded(message)
        self.location = location
    }
}

/// One problem found in the inputs.
public struct Diagnostic: Sendable, Hashable {
    public let severity: Severity
    public let id: DiagnosticID
    public let message: String
    /// Nil for problems of the input set as a whole (e.g. no Topology anywhere).
    public let location: SourceLocation?
    public let notes: [DiagnosticNote]

    /// `message` is bounded (`DiagnosticText.bounded`): values from the inputs print cut and escaped.
    public init(
        _ severity: Severity, _ id: DiagnosticID, _ message: String,
        at location: SourceLocation?, notes: [DiagnosticNote] = []
    ) {
        self.severity = severity
        self.id = id
        self.message = DiagnosticText.bounded(message)
        self.location = location
        self.notes = notes
    }

    /// `path:line:column: severity: message`, the first line of the text rendering without the id.
    public var headline: String {
        let prefix = location.map { "\($0): " } ?? "edgeplan: "
        return "\(prefix)\(severity.rawValue): \(message)"
    }
}
