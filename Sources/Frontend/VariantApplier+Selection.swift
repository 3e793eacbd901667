import Diagnostics
import Yams

/// Which elements of the base an edit's selector picks, with located errors for ids and links that
/// are not there.
extension VariantApplier {
    /// Indices into the list of the elements `selector` picks; none after reporting why.
    func select(_ list: TopologyList, _ selector: Selector) -> [Int] {
        let entries = items(list)
        switch selector {
        case .id(let node):
            guard let id = node.text else { return [] }
            if id == Selector.wildcard {
                if entries.isEmpty {
                    report(.emptySelection, "\"*\" selects no \(list.noun): the topology has none", at: node)
                }
                return Array(entries.indices)
            }
            if let index = entries.firstIndex(where: { $0.text(of: "id") == id }) { return [index] }
            reportUnknown(id, list, at: node)
            return []
        case .tier(let tier, let node):
            let indices = entries.indices.filter { entries[$0].text(of: "tier") == tier.rawValue }
            if indices.isEmpty {
                let tiers = Set(entries.compactMap { $0.text(of: "tier") }).sorted()
                report(
                    .emptySelection, "no server has tier \"\(tier.rawValue)\"", at: node,
                    notes: [DiagnosticNote("the servers' tiers are \(Messages.expectedOneOf(tiers))")])
            }
            return indices
        case .link(let a, let b, let whole):
            guard let first = a.text, let second = b.text else { return [] }
            var known = true
            for (end, node) in [(first, a), (second, b)] where end != Selector.wildcard && !isNode(end) {
                reportUnknown(end, nil, at: node)
                known = false
            }
            guard known else { return [] }
            let indices = entries.indices.filter { matches(linkEnds(entries[$0]), first, second) }
            if indices.isEmpty { reportNoLink(first, second, at: whole) }
            return indices
        }
    }

    /// The ids a link joins, as written in its `between`.
    func linkEnds(_ link: Node) -> [String] {
        (link.mapping?.value("between")?.items ?? []).compactMap { $0.scalar?.string }
    }

    /// Whether a link's ends are `first` and `second` in either order, `"*"` matching any end.
    private func matches(_ ends: [String], _ first: String, _ second: String) -> Bool {
        guard ends.count == 2 else { return false }
        func match(_ pattern: String, _ end: String) -> Bool { pattern == Selector.wildcard || pattern == end }
        return (match(first, ends[0]) && match(second, ends[1])) || (match(first, ends[1]) && match(second, ends[0]))
    }

    private func ids(_ list: TopologyList) -> [String] {
        items(list).compactMap { $0.text(of: "id") }
    }

    private func isNode(_ id: String) -> Bool {
        ids(.baseStations).contains(id) || ids(.servers).contains(id)
    }

    /// An id the topology does not have (as a node of `list`, or as any node when nil): another
    /// kind's id, one an earlier edit removed, or else an unknown one with a suggestion.
    private func reportUnknown(_ id: String, _ list: TopologyList?, at node: SyntaxNode) {
        if let list, let other = [TopologyList.baseStations, .servers].first(where: { $0 != list }),
            ids(other).contains(id)
        {
            report(.wrongNodeKind, "\"\(id)\" is a \(other.noun); expected a \(list.noun)", at: node)
            return
        }
        let noun = list?.noun ?? "node"
        if let kind = removed[id], list == nil || list == kind {
            report(
                .unknownReference, "unknown \(noun) \"\(id)\"", at: node,
                notes: [DiagnosticNote("\"\(id)\" is removed by an earlier edit of this scenario")])
            return
        }
        let candidates = (list.map { ids($0) } ?? ids(.baseStations) + ids(.servers)).sorted()
        var notes: [DiagnosticNote] = []
        if let suggestion = Suggestions.closest(to: id, in: candidates) {
            notes.append(DiagnosticNote(Messages.didYouMean(suggestion)))
        } else if !candidates.isEmpty, candidates.count <= 10 {
            notes.append(DiagnosticNote("\(noun)s of the topology: \(Messages.expectedOneOf(candidates))"))
        }
        report(.unknownReference, "unknown \(noun) \"\(id)\"", at: node, notes: notes)
    }

    /// No link matches a selector whose ends exist: says which links the named ends do have.
    private func reportNoLink(_ first: String, _ second: String, at node: SyntaxNode) {
        let links = items(.links).map(linkEnds).filter { $0.count == 2 }
        let named = [first, second].filter { $0 != Selector.wildcard }
        guard named.count == 2 else {
            let what = named.first.map { "no link touches \"\($0)\"" } ?? "the topology has no links"
            report(.emptySelection, what, at: node)
            return
        }
        let ofFirst = links.filter { $0.contains(first) }.map { "[\($0.joined(separator: ", "))]" }
        report(
            .noSuchLink, "no link joins \"\(first)\" and \"\(second)\"", at: node,
            notes: [
                DiagnosticNote(
                    ofFirst.isEmpty
                        ? "\"\(first)\" has no link" : "links of \"\(first)\": \(ofFirst.joined(separator: ", "))")
            ])
    }
}
