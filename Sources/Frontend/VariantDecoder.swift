import Diagnostics
import EdgeModel
import Yams

/// Decodes `kind: Variant` (docs/language.md): what can be checked without a base — the shape of
/// every edit, its selectors, the values it sets and the factors it scales by. Ids, links and
/// attached users are checked when the edits are applied to a base (`VariantApplier`).
struct VariantDecoder {
    let reader: DocumentReader

    static let fields = ["kind", "name", "remove", "add", "set", "scale"]
    static let listFields = TopologyList.allCases.map(\.rawValue)
    /// Policy fields a variant may set: all but the document's own.
    static let policyFields = PolicyDecoder.fields.filter { $0 != "kind" && $0 != "name" }

    /// The edits of the document in the order they apply: removals, additions, settings, scalings,
    /// then the Policy's settings; within each, base stations, servers, then links.
    func decode(_ root: Fields) -> [VariantEdit] {
        var edits: [VariantEdit] = []
        for (list, item) in entries(part(root, "remove", allowed: Self.listFields)) {
            let selector = list == .links ? linkEnds(item, what: "a link to remove") : removedID(item, list)
            if let selector { edits.append(.remove(list, selector)) }
        }
        for (list, item) in entries(part(root, "add", allowed: Self.listFields)) {
            // The entry is read as part of the edited Topology, by the Topology's own rules.
            if reader.mapping(item, what: "a \(list.noun) to add") != nil { edits.append(.add(list, syntax(item))) }
        }
        let set = part(root, "set", allowed: Self.listFields + ["policy"])
        for (list, item) in entries(set) {
            if let (selector, values) = setEntry(item, list) { edits.append(.set(list, selector, values)) }
        }
        for (list, item) in entries(part(root, "scale", allowed: Self.listFields)) {
            if let (selector, factors) = scaleEntry(item, list) { edits.append(.scale(list, selector, factors)) }
        }
        return edits + (set?["policy"].map(policy) ?? [])
    }

    /// One of the variant's parts (`remove`, `add`, `set`, `scale`), when it is there.
    private func part(_ root: Fields, _ key: String, allowed: [String]) -> Fields? {
        root[key].flatMap { Fields($0, reader: reader, what: "\"\(key)\"", context: key, allowed: allowed) }
    }

    /// The entries of a part's lists, base stations first, then servers, then links.
    private func entries(_ part: Fields?) -> [(TopologyList, Node)] {
        guard let part else { return [] }
        return TopologyList.allCases.flatMap { list in
            (part[list.rawValue].flatMap { reader.sequence($0, what: list.rawValue) } ?? []).map { (list, $0) }
        }
    }

    func syntax(_ node: Node) -> SyntaxNode { SyntaxNode(node, file: reader.file) }

    // MARK: Selectors

    /// A server or base station to remove: its id ("*" is refused: a topology keeps some of each).
    private func removedID(_ node: Node, _ list: TopologyList) -> Selector? {
        guard let id = reader.string(node, what: "the id of a \(list.noun) to remove") else { return nil }
        if id == Selector.wildcard {
            reader.error(
                .badSelector, "\"remove\" names each \(list.noun) by its id; \"*\" would remove them all", at: node)
            return nil
        }
        return .id(syntax(node))
    }

    /// The two ends of a link selector, `[a, b]` with either end `"*"`, or `"*"` for every link.
    func linkEnds(_ node: Node, what: String) -> Selector? {
        if case .scalar(let scalar) = node, scalar.string == Selector.wildcard {
            return .link(syntax(node), syntax(node), whole: syntax(node))
        }
        guard let items = reader.sequence(node, what: "\(what) ([a, b], or \"*\" for every link)") else {
            return nil
        }
        guard items.count == 2 else {
            reader.error(
                .wrongType, "\(what) is written as its two ends, [a, b], found \(items.count) ids", at: node)
            return nil
        }
        guard let first = reader.string(items[0], what: "a node id or \"*\""),
            let second = reader.string(items[1], what: "a node id or \"*\"")
        else { return nil }
        if first == second, first != Selector.wildcard {
            reader.error(.selfLink, "link from \"\(first)\" to itself", at: node)
            return nil
        }
        return .link(syntax(items[0]), syntax(items[1]), whole: syntax(node))
    }

    /// The selector of a set or scale entry: `id` (or `tier`, for servers), or `between` for links.
    func selector(_ fields: Fields, _ list: TopologyList, entry: String) -> Selector? {
        if list == .links {
            guard let node = fields.required("between") else { return nil }
            return linkEnds(node, what: "\"between\"")
        }
        if let idNode = fields["id"], let tierNode = fields["tier"] {
            reader.error(
                .badSelector,
                "a \(entry) entry selects servers by \"id\" or by \"tier\", not both; a variant cannot change a server's tier (remove the server and add it anew)",
                at: tierNode, notes: [DiagnosticNote("the id is here", at: reader.location(idNode))])
            return nil
        }
        if list == .servers, let node = fields["tier"] {
            guard let tier: ServerTier = reader.choice(node, field: "tier") else { return nil }
            return .tier(tier, syntax(node))
        }
        if let node = fields["id"] {
            return fields.string("id") == nil ? nil : .id(syntax(node))
        }
        // A misspelt selector has its own error, with a suggestion.
        if fields.mentions("id") || (list == .servers && fields.mentions("tier")) { return nil }
        let choices =
            list == .servers
            ? "\"id\" (an id, or \"*\" for every server) or \"tier\"" : "\"id\" (an id, or \"*\" for all)"
        reader.error(
            .missingField, "\(entry) entry for \(list.rawValue) names no \(list.noun) to change; expected \(choices)",
            at: fields.node)
        return nil
    }

    /// How messages name what a selector picks: `server "edge1"`, `servers of tier "edge"`.
    static func describe(_ selector: Selector, _ list: TopologyList) -> String {
        switch selector {
        case .id(let node):
            let id = node.text ?? ""
            return id == Selector.wildcard ? "every \(list.noun)" : "\(list.noun) \"\(id)\""
        case .tier(let tier, _): return "servers of tier \"\(tier.rawValue)\""
        case .link(let a, let b, _):
            let (first, second) = (a.text ?? "", b.text ?? "")
            if first == Selector.wildcard, second == Selector.wildcard { return "every link" }
            if second == Selector.wildcard { return "links of \"\(first)\"" }
            if first == Selector.wildcard { return "links of \"\(second)\"" }
            return "links between \"\(first)\" and \"\(second)\""
        }
    }
}
