import Diagnostics
import EdgeModel
import Yams

/// The fields of one YAML mapping, checked against the keys its kind of object allows.
///
/// Unknown keys are reported at construction (with a suggestion); `required` reports a missing key
/// at the mapping's position, naming the object. A misspelt key whose suggestion is an allowed field
/// counts as that field for `required` and `mentions`, so one typo is one error, not two.
struct Fields {
    let reader: DocumentReader
    let node: Node
    /// How messages name the object: `base station "ap1"`.
    let context: String
    private var values: [String: Node] = [:]
    private var keys: [String: Node] = [:]
    /// Allowed fields that an unknown key was taken for a misspelling of, with that key.
    private var misspelt: [String: Node] = [:]
    /// Whether some key was not an allowed field (and was reported).
    private(set) var hasUnknownKeys = false

    init?(_ node: Node, reader: DocumentReader, what: String, context: String, allowed: [String]) {
        guard let mapping = reader.mapping(node, what: what) else { return nil }
        self.reader = reader
        self.node = node
        self.context = context
        for (key, value) in mapping {
            guard reader.charge(key) else { return nil }
            guard case .scalar(let scalar) = key, !DocumentReader.isNull(scalar) else {
                reader.error(
                    .wrongType, "expected a field name in \(context), found \(DocumentReader.describe(key))", at: key)
                continue
            }
            let name = scalar.string
            guard allowed.contains(name) else {
                hasUnknownKeys = true
                let suggestion = Suggestions.closest(to: name, in: allowed)
                if let suggestion { misspelt[suggestion] = key }
                reader.error(
                    .unknownField, Messages.unknownField(name, in: context), at: key,
                    notes: [
                        suggestion.map { DiagnosticNote(Messages.didYouMean($0)) }
                            ?? DiagnosticNote("expected one of \(Messages.expectedOneOf(allowed))")
                    ])
                continue
            }
            values[name] = value
            keys[name] = key
        }
    }

    /// The value of an optional field.
    subscript(_ key: String) -> Node? { values[key] }

    /// The key node of a field that is present, for messages about the field itself.
    func keyNode(_ key: String) -> Node? { keys[key] }

    func has(_ key: String) -> Bool { values[key] != nil }

    /// Whether the field is present or was written misspelt (already reported as unknown with a
    /// suggestion of this field): checks of what must be present stay quiet then.
    func mentions(_ key: String) -> Bool { values[key] != nil || misspelt[key] != nil }

    /// The value of a required field, or nil after reporting it missing (unless it was misspelt,
    /// which the unknown-field error already says).
    func required(_ key: String) -> Node? {
        if let value = values[key] { return value }
        if misspelt[key] != nil { return nil }
        reader.error(.missingField, Messages.missingField(key, in: context), at: node)
        return nil
    }

    // MARK: Typed accessors

    func string(_ key: String, required isRequired: Bool = true) -> String? {
        guard let value = isRequired ? required(key) : self[key] else { return nil }
        return reader.string(value, what: "a string for \"\(key)\"")
    }

    func quantity(_ key: String, _ kind: QuantityKind, required isRequired: Bool = true) -> ParsedQuantity? {
        guard let value = isRequired ? required(key) : self[key] else { return nil }
        return reader.quantity(value, kind, field: key)
    }

    func number(_ key: String, required isRequired: Bool = true) -> Double? {
        guard let value = isRequired ? required(key) : self[key] else { return nil }
        return reader.number(value, field: key)
    }

    func choice<Value: RawRepresentable & CaseIterable>(_ key: String, required isRequired: Bool = true) -> Value?
    where Value.RawValue == String {
        guard let value = isRequired ? required(key) : self[key] else { return nil }
        return reader.choice(value, field: key)
    }

    /// Reports a value outside its range and returns nil, else passes it through.
    func checked<T>(_ key: String, _ value: T?, _ isValid: (T) -> Bool, _ requirement: String) -> T? {
        guard let value else { return nil }
        if isValid(value) { return value }
        if let node = values[key] {
            reader.error(
                .outOfRange, "\"\(key)\" \(requirement), found \(DiagnosticText.quote(Self.text(node)))", at: node)
        }
        return nil
    }

    static func text(_ node: Node) -> String {
        if case .scalar(let scalar) = node { return scalar.string }
        return DocumentReader.describe(node)
    }
}

extension Fields {
    /// A quantity that must be positive (and, where such a field divides, at least the kind's
    /// smallest divisor: `InputBounds.minimumBitsPerSecond` and the like).
    func positive(_ key: String, _ kind: QuantityKind, required isRequired: Bool = true) -> Double? {
        let value = checked(
            key, quantity(key, kind, required: isRequired)?.value, { $0 > 0 }, "must be greater than zero")
        guard let value, let minimum = kind.minimumPositive, value < minimum else { return value }
        if let node = values[key] {
            reader.error(
                .valueTooSmall,
                "\"\(key)\" must be at least \(kind.describe(minimum)), found \"\(Self.text(node))\"", at: node)
        }
        return nil
    }

    /// Passes a number through when it lies in `bounds` (edgeplan's own bound of the field, past
    /// its rule), else reports it — `value-too-large` above, `value-too-small` below — and
    /// returns nil.
    func within(_ key: String, _ value: Int?, _ bounds: ClosedRange<Int>) -> Int? {
        guard let value else { return nil }
        let passed = within(key, Double(value), Double(bounds.lowerBound)...Double(bounds.upperBound))
        return passed == nil ? nil : value
    }

    func within(_ key: String, _ value: Double?, _ bounds: ClosedRange<Double>) -> Double? {
        guard let value else { return nil }
        if bounds.contains(value) { return value }
        if let node = values[key] {
            let above = value > bounds.upperBound
            reader.error(
                above ? .valueTooLarge : .valueTooSmall,
                "\"\(key)\" must be \(above ? "at most" : "at least") \(InputBounds.text(above ? bounds.upperBound : bounds.lowerBound)), found \"\(Self.text(node))\"",
                at: node)
        }
        return nil
    }

    /// A quantity that must not be negative.
    func nonNegative(_ key: String, _ kind: QuantityKind, required isRequired: Bool = true) -> Double? {
        checked(key, quantity(key, kind, required: isRequired)?.value, { $0 >= 0 }, "must not be negative")
    }
}
