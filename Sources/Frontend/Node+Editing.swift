import Yams

/// Small edits of composed YAML for `VariantApplier`. Keys are matched by their text: the base was
/// composed with the basic resolver and edits with the default one, so Yams's own key lookup, which
/// also compares resolved tags, is not used.
extension Node.Mapping {
    /// The value of the field `key`.
    func value(_ key: String) -> Node? {
        first { $0.key.scalar?.string == key }?.value
    }

    /// The mapping with `key` set to `value` (in place when present, else appended with `keyNode`).
    func setting(_ key: String, to value: Node, keyNode: @autoclosure () -> Node) -> Node.Mapping {
        var pairs = map { ($0.key, $0.value) }
        if let index = pairs.firstIndex(where: { $0.0.scalar?.string == key }) {
            pairs[index].1 = value
        } else {
            pairs.append((keyNode(), value))
        }
        return Node.Mapping(pairs, tag, style, mark, anchor)
    }

    /// The mapping without the field `key`.
    func removing(_ key: String) -> Node.Mapping {
        Node.Mapping(filter { $0.key.scalar?.string != key }.map { ($0.key, $0.value) }, tag, style, mark, anchor)
    }

    /// The mapping with the value of `key` changed by `change` (nil when the field is absent).
    func updating(_ key: String, _ change: (Node?) -> Node?, keyNode: @autoclosure () -> Node) -> Node.Mapping {
        guard let value = change(value(key)) else { return removing(key) }
        return setting(key, to: value, keyNode: keyNode())
    }
}

extension Node {
    /// The text of a scalar field of a mapping node (an id, a tier, an end of a link).
    func text(of key: String) -> String? {
        mapping?.value(key)?.scalar?.string
    }

    /// The items of a sequence node; nil for other shapes.
    var items: [Node]? {
        sequence.map { Array($0) }
    }
}
