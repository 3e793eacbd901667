import Diagnostics
import Foundation
import Yams

/// Set, scale and policy edits: values written into the base's YAML, where the decoders check them.
extension VariantApplier {
    /// An element with `values` set (a path of two merges into `capacity`, `used`, `objective` or
    /// `solver`, making the mapping when the element has none).
    func set(_ values: [FieldValue], in element: Node) -> Node {
        guard var mapping = element.mapping else { return element }
        for value in values {
            mapping = self.set(value.path, to: value.value.yamsNode(origins), in: mapping, writtenAt: value.value)
        }
        return .mapping(mapping)
    }

    /// `mapping` with the field at `path` (one or two names) set to `node`; new keys are placed
    /// where the value was written.
    func set(_ path: [String], to node: Node, in mapping: Node.Mapping, writtenAt place: SyntaxNode) -> Node.Mapping {
        let key = { (name: String) in place.with(.scalar(name, isPlain: true)).yamsNode(origins) }
        guard let name = path.first else { return mapping }
        guard path.count == 2 else { return mapping.setting(name, to: node, keyNode: key(name)) }
        let inner =
            mapping.value(name)?.mapping
            ?? Node.Mapping([], Tag(.implicit), .any, place.mark, origins.anchor(for: place.origin))
        // A field that is not a mapping is the base's error; the decoder reports it.
        if let present = mapping.value(name), present.mapping == nil { return mapping }
        return mapping.setting(
            name, to: .mapping(inner.setting(path[1], to: node, keyNode: key(path[1]))), keyNode: key(name))
    }

    /// An element with `factors` applied: each value (or the default, for a field left out) times
    /// its factor, in the unit it was written in, placed where the factor was written.
    func scale(_ factors: [FieldFactor], in element: Node) -> Node {
        guard var mapping = element.mapping else { return element }
        for factor in factors {
            let field = factor.path.last ?? ""
            let current: String?
            if factor.path.count == 2 {
                current = mapping.value(factor.path[0])?.mapping?.value(field)?.scalar?.string
            } else {
                current =
                    mapping.value(field)?.scalar?.string
                    ?? (mapping.value(field) == nil
                        ? EditField.defaultText(of: field, technology: element.text(of: "technology")) : nil)
            }
            // A value that is not a number with a unit is the base's error; the decoder reports it.
            guard let current, let scaled = Self.scaled(current, by: factor.factor, whole: field == "maxUsers") else {
                continue
            }
            let node = factor.node.with(.scalar(scaled, isPlain: true))
            mapping = set(factor.path, to: node.yamsNode(origins), in: mapping, writtenAt: factor.node)
        }
        return .mapping(mapping)
    }

    /// `text` (a number and a unit) with its number multiplied by `factor`, in the same unit;
    /// rounded down when the field is a whole number.
    static func scaled(_ text: String, by factor: Double, whole: Bool) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let (numberText, rest) = UnitParser.splitNumber(trimmed), let number = Double(numberText),
            number.isFinite
        else { return nil }
        var product = number * factor
        if whole { product = product.rounded(.down) }
        let unit = rest.trimmingCharacters(in: .whitespaces)
        return unit.isEmpty ? Messages.number(product) : "\(Messages.number(product)) \(unit)"
    }
}
