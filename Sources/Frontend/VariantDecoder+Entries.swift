import Diagnostics
import EdgeModel
import Yams

/// The set, scale and policy entries of a Variant, with their values checked by the Topology's and
/// the Policy's own rules.
extension VariantDecoder {
    static func selectorFields(_ list: TopologyList) -> [String] {
        switch list {
        case .servers: ["id", "tier"]
        case .baseStations: ["id"]
        case .links: ["between"]
        }
    }

    /// A set entry: a selector and at least one field, each value valid for its field.
    func setEntry(_ node: Node, _ list: TopologyList) -> (Selector, [FieldValue])? {
        let settable = EditField.settable(in: list)
        guard
            let fields = Fields(
                node, reader: reader, what: "a set entry", context: "set entry for \(list.rawValue)",
                allowed: Self.selectorFields(list) + settable.map(\.name))
        else { return nil }
        let selector = self.selector(fields, list, entry: "set")
        var values: [FieldValue] = []
        var isValid = true
        for (name, field) in settable {
            guard let value = fields[name] else { continue }
            let context = "\(name) in set entry for \(selector.map { Self.describe($0, list) } ?? list.rawValue)"
            switch field {
            case .quantity(let kind, let range):
                isValid = check(fields, name, kind, range) && isValid
                values.append(FieldValue(path: [name], value: syntax(value)))
            case .positiveNumber:
                isValid =
                    fields.checked(name, fields.number(name, required: false), { $0 > 0 }, "must be greater than zero")
                    != nil && isValid
                values.append(FieldValue(path: [name], value: syntax(value)))
            case .count:
                let count = reader.integer(value, field: name)
                isValid = fields.checked(name, count, { $0 >= 1 }, "must be at least 1") != nil && isValid
                values.append(FieldValue(path: [name], value: syntax(value)))
            case .resources(let range):
                guard
                    let resources = Fields(
                        value, reader: reader, what: context, context: context,
                        allowed: ResourceKind.allCases.map(\.rawValue))
                else {
                    isValid = false
                    continue
                }
                for resource in ResourceKind.allCases {
                    guard let amount = resources[resource.rawValue] else { continue }
                    isValid = check(resources, resource.rawValue, EditField.kind(of: resource), range) && isValid
                    values.append(FieldValue(path: [name, resource.rawValue], value: syntax(amount)))
                }
            }
        }
        if values.isEmpty, isValid, selector != nil, !fields.hasUnknownKeys {
            reader.error(
                .missingField,
                "set entry for \(list.rawValue) changes no field; expected one of \(Messages.expectedOneOf(settable.map(\.name)))",
                at: node)
            return nil
        }
        guard let selector, isValid else { return nil }
        return (selector, values)
    }

    /// Whether a quantity field parses and lies in its range (reporting it otherwise).
    private func check(_ fields: Fields, _ name: String, _ kind: QuantityKind, _ range: EditRange) -> Bool {
        switch range {
        case .any: fields.quantity(name, kind, required: false) != nil
        case .positive: fields.positive(name, kind, required: false) != nil
        case .nonNegative: fields.nonNegative(name, kind, required: false) != nil
        }
    }

    /// A scale entry: a selector and at least one factor, each a positive finite number, for fields
    /// that can be multiplied.
    func scaleEntry(_ node: Node, _ list: TopologyList) -> (Selector, [FieldFactor])? {
        let settable = EditField.settable(in: list)
        let unscalable = EditField.unscalable(in: list)
        guard
            let fields = Fields(
                node, reader: reader, what: "a scale entry", context: "scale entry for \(list.rawValue)",
                allowed: Self.selectorFields(list) + settable.map(\.name))
        else { return nil }
        let selector = self.selector(fields, list, entry: "scale")
        var factors: [FieldFactor] = []
        var isValid = true
        for (name, field) in settable {
            guard let value = fields[name] else { continue }
            if let reason = unscalable[name] {
                reader.error(.notScalable, "\"\(name)\" cannot be scaled: \(reason)", at: fields.keyNode(name) ?? value)
                isValid = false
                continue
            }
            guard case .resources = field else {
                if let factor = factor(value, field: name) {
                    factors.append(FieldFactor(path: [name], factor: factor, node: syntax(value)))
                } else {
                    isValid = false
                }
                continue
            }
            let context = "\(name) in scale entry"
            guard
                let resources = Fields(
                    value, reader: reader, what: context, context: context,
                    allowed: ResourceKind.allCases.map(\.rawValue))
            else {
                isValid = false
                continue
            }
            for resource in ResourceKind.allCases {
                guard let amount = resources[resource.rawValue] else { continue }
                if let factor = factor(amount, field: "\(name).\(resource.rawValue)") {
                    factors.append(FieldFactor(path: [name, resource.rawValue], factor: factor, node: syntax(amount)))
                } else {
                    isValid = false
                }
            }
        }
        if factors.isEmpty, isValid, selector != nil, !fields.hasUnknownKeys {
            let names = settable.map(\.name).filter { unscalable[$0] == nil }
            reader.error(
                .missingField,
                "scale entry for \(list.rawValue) scales no field; expected one of \(Messages.expectedOneOf(names))",
                at: node)
            return nil
        }
        guard let selector, isValid else { return nil }
        return (selector, factors)
    }

    /// A scale factor: a bare, positive, finite number.
    private func factor(_ node: Node, field: String) -> Double? {
        guard let scalar = reader.scalar(node, what: "a scale factor for \"\(field)\"") else { return nil }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        if let factor = Self.factor(text) { return factor }
        reader.error(
            .badScale,
            "the scale factor for \"\(field)\" must be a positive finite number, found \(DiagnosticText.quote(text))",
            at: node,
            notes: [DiagnosticNote("a factor is a bare number: 2 doubles the value, 0.5 halves it")])
        return nil
    }

    /// The factor `text` spells, if it is a bare, positive, finite number.
    static func factor(_ text: String) -> Double? {
        guard let (number, rest) = UnitParser.splitNumber(text), rest.isEmpty, let value = Double(number),
            value.isFinite, value > 0
        else { return nil }
        return value
    }

    /// The Policy fields to set, each read by the Policy's own rules (the app names of `sla` and
    /// `strategies` are checked once the variant is applied and the apps are known). A field with an
    /// error is left out, so that the others are still tried against the base.
    func policy(_ node: Node) -> [VariantEdit] {
        guard
            let fields = Fields(
                node, reader: reader, what: "the policy fields to set", context: "policy of set",
                allowed: Self.policyFields),
            case .mapping(let mapping) = node
        else { return [] }
        var edits: [VariantEdit] = []
        for (key, value) in mapping {
            guard case .scalar(let name) = key, fields[name.string] != nil else { continue }
            let single = Node.mapping(Node.Mapping([(key, value)], mapping.tag, mapping.style, mapping.mark))
            let errors = reader.diagnostics.errorCount
            if let one = Fields(
                single, reader: reader, what: "the policy fields to set", context: "policy of set",
                allowed: Self.policyFields)
            {
                _ = PolicyDecoder(reader: reader).decode(one, name: "")
            }
            guard reader.diagnostics.errorCount == errors else { continue }
            // Objective and solver fields are set one by one; the others (sla, strategies) whole.
            if ["objective", "solver"].contains(name.string), case .mapping(let inner) = value {
                for (innerKey, innerValue) in inner {
                    guard case .scalar(let innerName) = innerKey else { continue }
                    edits.append(
                        .setPolicy(FieldValue(path: [name.string, innerName.string], value: syntax(innerValue))))
                }
            } else {
                edits.append(.setPolicy(FieldValue(path: [name.string], value: syntax(value))))
            }
        }
        return edits
    }
}
