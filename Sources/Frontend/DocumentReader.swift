import Diagnostics
import EdgeModel
import Foundation
import Yams

/// Reads a composed YAML document with every problem reported at its node's position.
///
/// Aliases share nodes, so a small file can stand for an enormous tree ("billion laughs"). Before a
/// document is read, `admit` counts its nodes, aliases expanded, against an allowance proportional
/// to the file's size, which alias-free input can never exhaust, and refuses it with one error when
/// it runs out. The reader also counts every node it visits against a budget of the same size.
///
/// An aliased node is read once per alias, so its errors would repeat at the same place; each
/// distinct diagnostic is reported once.
final class DocumentReader {
    let file: String
    let diagnostics: DiagnosticCollector
    private var budget: Int
    private var allowance: Int
    private(set) var isExhausted = false
    private var reported: Set<Diagnostic> = []
    /// The origins of nodes that variants' edits put into this file's documents, kept alive while
    /// they are read; empty when no edit did (every node is then the file's own).
    private var origins: [NodeOrigins] = []

    init(file: String, byteCount: Int, diagnostics: DiagnosticCollector) {
        self.file = file
        self.diagnostics = diagnostics
        // Every written node costs at least one byte; the slack covers modest, honest alias use.
        self.budget = 2 * byteCount + 100_000
        self.allowance = budget
    }

    /// Whether the document fits the file's allowance with its aliases expanded; false (after one
    /// error at the top-level field that holds the expansion) when it does not, and for every later
    /// document of the file.
    func admit(_ document: Node) -> Bool {
        if isExhausted { return false }
        // The top-level fields one by one, so that the error can name the one that expands.
        var parts: [(key: Node?, value: Node)] = [(nil, document)]
        if case .mapping(let mapping) = document {
            parts = mapping.map { (key: $0.key, value: $0.value) }
        }
        for part in parts {
            var stack = [part.value]
            while let node = stack.popLast() {
                allowance -= 1
                if allowance < 0 {
                    let what = part.key.map { "\"\(Fields.text($0))\"" } ?? "this document"
                    diagnostics.error(
                        .aliasExpansion,
                        "aliases expand \(what) beyond what the size of the file allows; edgeplan stops reading the file here",
                        at: location(part.key ?? document))
                    isExhausted = true
                    return false
                }
                switch node {
                case .scalar, .alias: break
                case .mapping(let mapping):
                    for (key, value) in mapping {
                        stack.append(key)
                        stack.append(value)
                    }
                case .sequence(let sequence): stack.append(contentsOf: sequence)
                }
            }
        }
        return true
    }

    func location(_ node: Node) -> SourceLocation {
        placement(node).location ?? .startOf(file)
    }

    /// Where a diagnostic about `node` goes: its file and position, or, for a value a sweep wrote on
    /// the command line, no position and a prefix that names the sweep.
    private func placement(_ node: Node) -> (location: SourceLocation?, prefix: String) {
        switch origins.isEmpty ? nil : NodeOrigins.origin(of: node) {
        case nil: (location(node.mark), "")
        case .file(let path)?:
            (node.mark.map { SourceLocation(file: path, line: $0.line, column: $0.column) } ?? .startOf(path), "")
        case .sweep(let sweep)?: (nil, "sweep \(sweep): ")
        }
    }

    /// Where `node` was written, nil for a sweep's value (which has no position).
    func placedLocation(_ node: Node) -> SourceLocation? {
        placement(node).location
    }

    func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return .startOf(file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    /// Charges one node visit; false once the budget is spent (reported once).
    func charge(_ node: Node) -> Bool {
        if isExhausted { return false }
        budget -= 1
        if budget >= 0 { return true }
        isExhausted = true
        diagnostics.error(
            .aliasExpansion,
            "aliases expand this document beyond what its size allows; edgeplan stops reading it here",
            at: location(node))
        return false
    }

    func error(_ id: DiagnosticID, _ message: String, at node: Node, notes: [DiagnosticNote] = []) {
        let (location, prefix) = placement(node)
        report(Diagnostic(.error, id, prefix + message, at: location, notes: notes))
    }

    func warning(_ id: DiagnosticID, _ message: String, at node: Node, notes: [DiagnosticNote] = []) {
        let (location, prefix) = placement(node)
        report(Diagnostic(.warning, id, prefix + message, at: location, notes: notes))
    }

    /// Prepares for reading documents that edits changed: keeps their origins, and lets the nodes
    /// they added be read beyond the file's own budget.
    func admitEdits(_ origins: NodeOrigins, nodes: Int) {
        if !self.origins.contains(where: { $0 === origins }) { self.origins.append(origins) }
        budget += nodes
    }

    /// Emits a diagnostic unless the file is exhausted or the same one was already emitted.
    private func report(_ diagnostic: Diagnostic) {
        guard !isExhausted, reported.insert(diagnostic).inserted else { return }
        diagnostics.emit(diagnostic)
    }

    // MARK: Shapes

    /// A short name of a node's shape for "found …" messages.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if isNull(scalar) { return "nothing (null)" }
            return "the scalar \(DiagnosticText.quote(scalar.string))"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The node as a mapping, or nil after reporting what was expected.
    func mapping(_ node: Node, what: String) -> Node.Mapping? {
        guard charge(node) else { return nil }
        if case .mapping(let mapping) = node { return mapping }
        error(.wrongType, "expected \(what) as a mapping, found \(Self.describe(node))", at: node)
        return nil
    }

    /// The node as a list of nodes, or nil after reporting what was expected.
    func sequence(_ node: Node, what: String) -> [Node]? {
        guard charge(node) else { return nil }
        if case .sequence(let sequence) = node { return Array(sequence) }
        error(.wrongType, "expected \(what) as a list, found \(Self.describe(node))", at: node)
        return nil
    }

    /// A non-null scalar's text, or nil after reporting.
    func scalar(_ node: Node, what: String) -> Node.Scalar? {
        guard charge(node) else { return nil }
        if case .scalar(let scalar) = node, !Self.isNull(scalar) { return scalar }
        error(.wrongType, "expected \(what), found \(Self.describe(node))", at: node)
        return nil
    }

    func string(_ node: Node, what: String) -> String? {
        guard let scalar = scalar(node, what: what) else { return nil }
        if scalar.string.isEmpty {
            error(.wrongType, "expected \(what), found an empty string", at: node)
            return nil
        }
        // Names and paths are printed in tables and passed to executors' commands: a terminal
        // escape or a bidirectional override in one could rewrite what a terminal shows.
        if let unsafe = scalar.string.unicodeScalars.first(where: DiagnosticText.isUnsafe) {
            error(
                .controlCharacter,
                "expected \(what) without control characters, found \(DiagnosticText.codePoint(unsafe))",
                at: node)
            return nil
        }
        return scalar.string
    }

    /// A dimensioned scalar in the base unit of `kind`.
    func quantity(_ node: Node, _ kind: QuantityKind, field: String) -> ParsedQuantity? {
        guard let scalar = scalar(node, what: "\(kind.noun) such as \"\(kind.example)\" for \"\(field)\"") else {
            return nil
        }
        switch UnitParser.parse(scalar.string, as: kind) {
        case .success(let parsed):
            guard abs(parsed.value) <= kind.maximumMagnitude else {
                error(
                    .valueTooLarge,
                    "\"\(field)\" must be \(kind.boundRequirement(for: parsed.value)), found \"\(scalar.string.trimmingCharacters(in: .whitespaces))\"",
                    at: node)
                return nil
            }
            return parsed
        case .failure(let failure):
            error(
                .badQuantity, "\"\(field)\": \(failure.message)", at: node,
                notes: failure.suggestion.map { [DiagnosticNote(Messages.didYouMean($0))] } ?? [])
            return nil
        }
    }

    /// A finite bare number (coordinates, exponents, weights) within ±`maximum`.
    func number(_ node: Node, field: String, maximum: Double = InputBounds.maximumBareNumber) -> Double? {
        guard let scalar = scalar(node, what: "a number for \"\(field)\"") else { return nil }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        if let (numberText, rest) = UnitParser.splitNumber(text), rest.isEmpty, let value = Double(numberText) {
            if value.isFinite, abs(value) > maximum {
                error(
                    .valueTooLarge,
                    "\"\(field)\" must be \(value < 0 ? "at least \(InputBounds.text(-maximum))" : "at most \(InputBounds.text(maximum))"), found \"\(text)\"",
                    at: node)
                return nil
            }
            if value.isFinite { return value }
            error(.badNumber, "\"\(field)\" must be a finite number, found \(DiagnosticText.quote(text))", at: node)
            return nil
        }
        if Self.nonFiniteSpellings.contains(text.lowercased()) {
            error(.badNumber, "\"\(field)\" must be a finite number, found \(DiagnosticText.quote(text))", at: node)
            return nil
        }
        let hint =
            text.contains(where: { $0.isLetter }) && UnitParser.splitNumber(text) != nil
            ? " (this field is a bare number without a unit)" : ""
        error(.badNumber, "expected a number for \"\(field)\", found \(DiagnosticText.quote(text))\(hint)", at: node)
        return nil
    }

    /// How YAML and people write infinity and not-a-number.
    private static let nonFiniteSpellings: Set<String> = [
        ".nan", "nan", ".inf", "+.inf", "-.inf", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity",
    ]

    /// A whole number.
    func integer(_ node: Node, field: String) -> Int? {
        guard let scalar = scalar(node, what: "a whole number for \"\(field)\"") else { return nil }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        if let value = Int(text) { return value }
        error(.badNumber, "expected a whole number for \"\(field)\", found \(DiagnosticText.quote(text))", at: node)
        return nil
    }

    /// One of an enumeration's raw values, with a suggestion for near misses.
    func choice<Value: RawRepresentable & CaseIterable>(_ node: Node, field: String) -> Value?
    where Value.RawValue == String {
        guard let text = string(node, what: "a value for \"\(field)\"") else { return nil }
        if let value = Value(rawValue: text) { return value }
        let options = Value.allCases.map(\.rawValue)
        let suggestion = Suggestions.closest(to: text, in: options)
        error(
            .unknownValue,
            "unknown value \(DiagnosticText.quote(text)) for \"\(field)\"; expected one of \(Messages.expectedOneOf(options))",
            at: node, notes: suggestion.map { [DiagnosticNote(Messages.didYouMean($0))] } ?? [])
        return nil
    }
}
