import Diagnostics
import EdgeModel
import Yams

/// Variants applied to the composed documents of a base, before they are decoded.
extension ProblemLoader {
    /// `documents` with the edits of `variants` applied, in order, to the scenario's Topology,
    /// Workload and Policy (made from the built-in one when the inputs have none); the edits' own
    /// errors are reported. Each edited document is read again, by the reader `reader` gives it.
    static func applying(
        _ variants: [Variant], to documents: [Document], policyName: String?, diagnostics: DiagnosticCollector,
        reader: (Document) -> DocumentReader
    ) -> [Document] {
        // Without a single Topology or Workload the loader reports that; their edits are skipped.
        func only(_ kind: DocumentKind) -> Int? {
            let indices = documents.indices.filter { documents[$0].kind == kind }
            return indices.count == 1 ? indices.first : nil
        }
        let topologyIndex = only(.topology)
        let workloadIndex = only(.workload)
        let (policyIndex, builtInName) = policyTarget(documents, policyName: policyName)
        let origins = NodeOrigins()
        let workloadReader = workloadIndex.map { documents[$0].reader }
        var applier = VariantApplier(
            topology: topologyIndex.flatMap { documents[$0].fields.node.mapping },
            workload: workloadIndex.flatMap { documents[$0].fields.node.mapping },
            policy: policyIndex.flatMap { documents[$0].fields.node.mapping }, builtInName: builtInName,
            origins: origins, diagnostics: diagnostics,
            workloadLocation: { node in workloadReader?.location(node) ?? .startOf("") })
        let edits = variants.flatMap(\.edits)
        for edit in edits { applier.apply(edit) }

        let nodes = edits.reduce(0) { $0 + $1.nodeCount }
        var result = documents
        func reread(_ mapping: Node.Mapping?, at index: Int?, edited: Bool) {
            guard edited, let mapping, let index else { return }
            let document = documents[index]
            let reader = reader(document)
            reader.admitEdits(origins, nodes: nodes)
            guard
                let fields = Fields(
                    .mapping(mapping), reader: reader, what: "a document",
                    context: "\(document.kind.rawValue) \"\(document.name)\"", allowed: document.kind.allowedFields)
            else { return }
            result[index] = Document(kind: document.kind, name: document.name, fields: fields, reader: reader)
        }
        reread(applier.topology, at: topologyIndex, edited: applier.editedTopology)
        reread(applier.workload, at: workloadIndex, edited: applier.editedWorkload)
        reread(applier.policy, at: policyIndex, edited: applier.editedPolicy)
        // The built-in policy, made a document by the edits: read where its first edit was written.
        if policyIndex == nil, applier.editedPolicy, let policy = applier.policy, let name = builtInName {
            let file = edits.lazy.compactMap(\.policyFile).first ?? ""
            let reader = DocumentReader(file: file, byteCount: 0, diagnostics: diagnostics)
            reader.admitEdits(origins, nodes: nodes)
            if let fields = Fields(
                .mapping(policy), reader: reader, what: "a document", context: "Policy \"\(name)\"",
                allowed: PolicyDecoder.fields)
            {
                result.append(Document(kind: .policy, name: name, fields: fields, reader: reader))
            }
        }
        return result
    }

    /// The Policy document a scenario uses, as `choosePolicy` will choose it; or the name of the
    /// built-in policy when it is the one; or neither when no policy can be chosen (reported there).
    private static func policyTarget(_ documents: [Document], policyName: String?) -> (Int?, String?) {
        let policies = documents.indices.filter { documents[$0].kind == .policy }
        if let policyName {
            if let index = policies.first(where: { documents[$0].name == policyName }) { return (index, nil) }
            return (nil, policyName == Policy.builtInDefault.name ? policyName : nil)
        }
        switch Set(policies.map { documents[$0].name }).count {
        case 0: return (nil, Policy.builtInDefault.name)
        case 1: return (policies.count == 1 ? policies.first : nil, nil)
        default: return (nil, nil)
        }
    }
}

extension VariantEdit {
    /// The nodes the edit may add to a document.
    var nodeCount: Int {
        switch self {
        case .remove: 0
        case .add(_, let node): node.count
        case .set(_, _, let values): values.reduce(0) { $0 + 2 * $1.value.count }
        case .scale(_, _, let factors): 2 * factors.count
        case .setPolicy(let value): 4 + 2 * value.value.count
        }
    }

    /// The file a Policy edit was written in.
    var policyFile: String? {
        guard case .setPolicy(let value) = self, case .file(let file) = value.value.origin else { return nil }
        return file
    }
}
