import Diagnostics
import Foundation
import Yams

/// Applies Variants' edits to the composed YAML of a base's documents before they are decoded, so
/// that every check of a Topology and a Policy applies to the edited ones, and a value an edit wrote
/// is reported where it was written (docs/language.md, "kind: Variant").
///
/// What needs the base is checked here: ids and links an edit names, and servers or base stations
/// that cannot be removed because users are attached to them.
struct VariantApplier {
    /// The base's Topology; nil when the inputs have no single one (which the loader reports), and
    /// then edits of it are skipped.
    private(set) var topology: Node.Mapping?
    /// The base's Workload, read for attached users and edited only to drop measured RSSI values of
    /// removed base stations.
    private(set) var workload: Node.Mapping?
    /// The Policy the scenario uses; nil with `builtInName` set when it is the built-in one (a
    /// document is made on the first edit), nil with neither when no policy is chosen.
    private(set) var policy: Node.Mapping?
    let builtInName: String?
    private(set) var editedTopology = false
    private(set) var editedWorkload = false
    private(set) var editedPolicy = false

    let origins: NodeOrigins
    let diagnostics: DiagnosticCollector
    /// Where a node of the workload is (for notes that point at attached users).
    let workloadLocation: (Node) -> SourceLocation
    /// Ids of removed nodes, so that a later edit naming one says what happened to it.
    var removed: [String: TopologyList] = [:]

    init(
        topology: Node.Mapping?, workload: Node.Mapping?, policy: Node.Mapping?, builtInName: String?,
        origins: NodeOrigins, diagnostics: DiagnosticCollector, workloadLocation: @escaping (Node) -> SourceLocation
    ) {
        self.topology = topology
        self.workload = workload
        self.policy = policy
        self.builtInName = builtInName
        self.origins = origins
        self.diagnostics = diagnostics
        self.workloadLocation = workloadLocation
    }

    mutating func apply(_ edit: VariantEdit) {
        // Without a single Topology (which the loader reports), edits of it have nothing to change.
        if topology == nil, !edit.isPolicyEdit { return }
        switch edit {
        case .setPolicy(let value): setPolicy(value)
        case .remove(let list, let selector): remove(list, selector)
        case .add(let list, let entry):
            if let id = entry.entries.first(where: { $0.key == "id" })?.value.text { removed[id] = nil }
            replace(list, with: items(list) + [entry.yamsNode(origins)])
        case .set(let list, let selector, let values):
            var items = self.items(list)
            for index in select(list, selector) { items[index] = set(values, in: items[index]) }
            replace(list, with: items)
        case .scale(let list, let selector, let factors):
            var items = self.items(list)
            for index in select(list, selector) { items[index] = scale(factors, in: items[index]) }
            replace(list, with: items)
        }
    }

    // MARK: Lists

    /// The entries of a Topology list (none when it is absent or not a list: the decoder says so).
    func items(_ list: TopologyList) -> [Node] {
        topology?.value(list.rawValue)?.items ?? []
    }

    /// Replaces the entries of a Topology list, making the list when an edit adds the first link.
    private mutating func replace(_ list: TopologyList, with items: [Node]) {
        guard let topology else { return }
        let present = topology.value(list.rawValue)
        // A list that is not a list is the base's error; the decoder reports it.
        if let present, present.sequence == nil { return }
        let sequence = Node.sequence(Node.Sequence(items, Tag(.implicit), .any, present?.mark, present?.anchor))
        self.topology = topology.setting(list.rawValue, to: sequence, keyNode: Node(list.rawValue))
        editedTopology = true
    }

    // MARK: Removing

    private mutating func remove(_ list: TopologyList, _ selector: Selector) {
        let indices = select(list, selector)
        guard list != .links else {
            let links = items(.links)
            let gone = Set(indices)
            replace(.links, with: links.indices.filter { !gone.contains($0) }.map { links[$0] })
            return
        }
        guard case .id(let idNode) = selector, let index = indices.first, let id = idNode.text else { return }
        let attached = attachedUsers(to: id, list)
        if let first = attached.first {
            let names = attached.prefix(3).map { "\"\($0.id)\"" }.joined(separator: ", ")
            let more = attached.count > 3 ? " and \(attached.count - 3) more" : ""
            let who = attached.count == 1 ? "user \(names) is" : "users \(names)\(more) are"
            report(
                .removedNodeInUse, "cannot remove \(list.noun) \"\(id)\": \(who) attached to it", at: idNode,
                notes: [
                    DiagnosticNote("\"\(first.id)\" is attached here", at: workloadLocation(first.node)),
                    DiagnosticNote(
                        "a variant does not move users: attach them elsewhere in the Workload, or replace the Workload"),
                ])
            return
        }
        var entries = items(list)
        entries.remove(at: index)
        replace(list, with: entries)
        removed[id] = list
        // A removed node takes its links with it (docs/language.md says so).
        let links = items(.links)
        let kept = links.filter { !linkEnds($0).contains(id) }
        if kept.count < links.count { replace(.links, with: kept) }
        if list == .baseStations { dropMeasuredRSSI(of: id) }
    }

    /// Users attached to a node, with the node of their attachment.
    private func attachedUsers(to id: String, _ list: TopologyList) -> [(id: String, node: Node)] {
        let key = list == .servers ? "server" : "bs"
        return (workload?.value("users")?.items ?? []).compactMap { user in
            guard let attachment = user.mapping?.value("attachment"), let end = attachment.mapping?.value(key),
                end.scalar?.string == id
            else { return nil }
            return (user.text(of: "id") ?? "(without id)", end)
        }
    }

    /// Measured RSSI values of a removed base station no longer apply.
    private mutating func dropMeasuredRSSI(of id: String) {
        guard let workload, let users = workload.value("users"), let items = users.items else { return }
        var changed = false
        let edited = items.map { user -> Node in
            guard let mapping = user.mapping, let rssi = mapping.value("rssi")?.mapping, rssi.value(id) != nil else {
                return user
            }
            changed = true
            return .mapping(mapping.setting("rssi", to: .mapping(rssi.removing(id)), keyNode: Node("rssi")))
        }
        guard changed else { return }
        let sequence = Node.sequence(Node.Sequence(edited, Tag(.implicit), .any, users.mark, users.anchor))
        self.workload = workload.setting("users", to: sequence, keyNode: Node("users"))
        editedWorkload = true
    }

    // MARK: Policy

    /// Sets a field of the scenario's Policy, making a Policy document from the built-in one on the
    /// first edit when the inputs have none.
    mutating func setPolicy(_ value: FieldValue) {
        var document = policy
        if document == nil, let name = builtInName {
            let (place, origins) = (value.value, origins)
            let scalar = { (text: String) in place.with(.scalar(text, isPlain: false)).yamsNode(origins) }
            document = Node.Mapping(
                [(scalar("kind"), scalar("Policy")), (scalar("name"), scalar(name))], Tag(.implicit), .any,
                place.mark, origins.anchor(for: place.origin))
        }
        guard let document else { return }
        policy = set(value.path, to: value.value.yamsNode(origins), in: document, writtenAt: value.value)
        editedPolicy = true
    }

    // MARK: Reporting

    /// Reports a problem of an edit where it was written, or, for a sweep, without a position and
    /// naming the sweep.
    func report(_ id: DiagnosticID, _ message: String, at node: SyntaxNode, notes: [DiagnosticNote] = []) {
        var text = message
        if case .sweep(let sweep) = node.origin { text = "sweep \(sweep): \(message)" }
        diagnostics.error(id, text, at: node.location, notes: notes)
    }
}
