public import Diagnostics

/// Every diagnostic the front end emits, with its stable id. Docs (docs/diagnostics.md) list them.
extension DiagnosticID {
    // Files and YAML syntax.
    public static let inputNotFound = DiagnosticID("input-not-found")
    public static let inputUnreadable = DiagnosticID("input-unreadable")
    /// A FIFO, device or socket given (or found) as an input: reading it would block or never end.
    public static let inputNotAFile = DiagnosticID("input-not-a-file")
    public static let controlCharacter = DiagnosticID("control-character")
    public static let inputTooLarge = DiagnosticID("input-too-large")
    public static let invalidEncoding = DiagnosticID("invalid-encoding")
    public static let yamlSyntax = DiagnosticID("yaml-syntax")
    public static let duplicateKey = DiagnosticID("duplicate-key")
    public static let aliasKey = DiagnosticID("alias-key")
    public static let aliasExpansion = DiagnosticID("alias-expansion")
    public static let emptyFile = DiagnosticID("empty-file")
    // Document shape.
    public static let missingKind = DiagnosticID("missing-kind")
    public static let unknownKind = DiagnosticID("unknown-kind")
    public static let unknownField = DiagnosticID("unknown-field")
    public static let missingField = DiagnosticID("missing-field")
    public static let wrongType = DiagnosticID("wrong-type")
    public static let badQuantity = DiagnosticID("bad-quantity")
    public static let badNumber = DiagnosticID("bad-number")
    public static let outOfRange = DiagnosticID("out-of-range")
    /// A number beyond edgeplan's bound for its kind (docs/reliability.md, "Numbers and bounds").
    public static let valueTooLarge = DiagnosticID("value-too-large")
    /// A positive number below the bound of a field that divides (a bandwidth, a compute speed).
    public static let valueTooSmall = DiagnosticID("value-too-small")
    public static let unknownValue = DiagnosticID("unknown-value")
    // Identity and references.
    public static let duplicateID = DiagnosticID("duplicate-id")
    public static let duplicateDocument = DiagnosticID("duplicate-document")
    public static let missingDocument = DiagnosticID("missing-document")
    public static let ambiguousPolicy = DiagnosticID("ambiguous-policy")
    public static let unknownReference = DiagnosticID("unknown-reference")
    public static let wrongNodeKind = DiagnosticID("wrong-node-kind")
    public static let selfLink = DiagnosticID("self-link")
    public static let unreachableAttachment = DiagnosticID("unreachable-attachment")
    public static let trajectoryOrder = DiagnosticID("trajectory-order")
    public static let traceNotFound = DiagnosticID("trace-not-found")
    /// A trace path that leads outside the directory of `--trace-root`.
    public static let traceOutsideRoot = DiagnosticID("trace-outside-root")
    public static let strategyField = DiagnosticID("strategy-field")
    // Variants (edits of a base problem, docs/language.md "kind: Variant").
    public static let badSelector = DiagnosticID("bad-selector")
    public static let badScale = DiagnosticID("bad-scale")
    public static let notScalable = DiagnosticID("not-scalable")
    public static let emptySelection = DiagnosticID("empty-selection")
    public static let noSuchLink = DiagnosticID("no-such-link")
    public static let removedNodeInUse = DiagnosticID("removed-node-in-use")
    // Warnings.
    /// A server caching an app that no AppProfile of the inputs defines (harmless: it is ignored).
    public static let unknownCachedApp = DiagnosticID("unknown-cached-app")
    public static let inaudibleBaseStation = DiagnosticID("inaudible-base-station")
    public static let isolatedServer = DiagnosticID("isolated-server")
    public static let ignoredField = DiagnosticID("ignored-field")
    public static let noCandidates = DiagnosticID("no-candidates")
    public static let precopyDivergence = DiagnosticID("precopy-divergence")
}

/// Message texts shared by several checks, so the same problem reads the same everywhere.
enum Messages {
    static func unknownField(_ key: String, in context: String) -> String {
        "unknown field \(DiagnosticText.quote(key)) in \(context)"
    }

    static func missingField(_ key: String, in context: String) -> String {
        "missing required field \"\(key)\" in \(context)"
    }

    /// A number as people write it: "5" rather than "5.0".
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func didYouMean(_ suggestion: String) -> String { "did you mean \"\(suggestion)\"?" }

    static func expectedOneOf(_ values: [String]) -> String {
        values.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
