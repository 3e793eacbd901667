import Diagnostics
import EdgeModel
import Foundation

/// The second half of loading: documents → decoded parts → one linked, checked `Problem`.
extension ProblemLoader {
    /// Decodes and links the documents read into a problem; reports every problem of them. Variant
    /// documents among them are checked against `variantBase` (the documents before any variant was
    /// applied; by default those read).
    static func assemble(
        _ read: ReadInputs, policyName: String?, traces: TraceAccess, residentLimitBytes: Int? = nil,
        diagnostics: DiagnosticCollector, variantBase: [Document]? = nil
    ) -> LoadResult {
        let (sources, inputs, documents, unread) = (read.sources, read.inputs, read.documents, read.unread)

        // Topologies first: they say how the workload's coordinates are to be read.
        let topologies = documents.filter { $0.kind == .topology }.map {
            ($0, TopologyDecoder(reader: $0.reader).decode($0.fields, name: $0.name))
        }
        let apps = documents.filter { $0.kind == .appProfile }.map {
            ($0, AppProfileDecoder(reader: $0.reader).decode($0.fields, name: $0.name))
        }
        let policies = documents.filter { $0.kind == .policy }.map {
            ($0, PolicyDecoder(reader: $0.reader).decode($0.fields, name: $0.name))
        }
        let coordinates = topologies.first?.1.topology.coordinates ?? .plane
        let workloads = documents.filter { $0.kind == .workload }.map {
            (
                $0,
                WorkloadDecoder(reader: $0.reader, coordinates: coordinates, traces: traces).decode(
                    $0.fields, name: $0.name)
            )
        }

        let topology = single(topologies, kind: .topology, unread: unread, diagnostics: diagnostics)
        let workload = single(workloads, kind: .workload, unread: unread, diagnostics: diagnostics)
        let policy = choosePolicy(policies, name: policyName, diagnostics: diagnostics)
        var appIndex: [String: Int] = [:]
        var appLocations: [String: SourceLocation] = [:]
        var appList: [AppProfile] = []
        for (document, app) in apps {
            let location = document.reader.location(document.fields["name"] ?? document.fields.node)
            if let first = appLocations[app.name] {
                diagnostics.error(
                    .duplicateDocument, "duplicate AppProfile \"\(app.name)\"", at: location,
                    notes: [DiagnosticNote("\"\(app.name)\" is first defined here", at: first)])
                continue
            }
            appLocations[app.name] = location
            appIndex[app.name] = appList.count
            appList.append(app)
        }

        let linker = Linker(appIndex: appIndex, appsMayBeUnread: unread.mayBe(.appProfile), diagnostics: diagnostics)
        if let topology {
            linker.checkCachedApps(topology.cachedAppReferences.map { ($0.name, $0.location) })
        }
        if let policy, !policy.0.isBuiltIn {
            for field in ["sla", "strategies"] {
                linker.checkAppReferences(
                    policy.1.filter { $0.field == field }.map { ($0.app, $0.location) }, what: field)
            }
        }
        // Variant documents are checked here but not applied (that is `whatif`'s part).
        checkVariants(in: read, base: variantBase ?? documents, policyName: policyName, diagnostics: diagnostics)
        var problem: Problem?
        if let topology, let workload, let policy {
            var linked = linker.link(workload, topology: topology)
            var traceInputs: [InputFile] = []
            if !diagnostics.hasErrors {
                (linked, traceInputs) = TraceUsers.add(
                    to: linked, topology: topology.topology,
                    residentLimitBytes: residentLimitBytes,
                    diagnostics: diagnostics)
            }
            if !diagnostics.hasErrors {
                StrategyChecks.check(policy: policy.0, apps: appList, workload: linked, diagnostics: diagnostics)
            }
            if !diagnostics.hasErrors {
                // The traces are inputs too: a plan says which trace it was made from.
                problem = Problem(
                    topology: topology.topology, apps: appList, policy: policy.0, workload: linked,
                    inputs: inputs + traceInputs.filter { !inputs.contains($0) })
            }
        }
        var summary: ProblemSummary?
        if let problem, !diagnostics.hasErrors {
            let computed = ProblemSummary(problem: problem)
            ProblemAudit.warnings(for: problem, summary: computed, diagnostics: diagnostics)
            summary = computed
        }
        return LoadResult(
            problem: diagnostics.hasErrors ? nil : problem, diagnostics: diagnostics.sorted, sources: sources,
            summary: summary)
    }

    /// The one document of a kind that must appear exactly once.
    private static func single<T>(
        _ decoded: [(Document, T)], kind: DocumentKind, unread: UnreadDocuments, diagnostics: DiagnosticCollector
    ) -> T? {
        guard let first = decoded.first else {
            if !unread.mayBe(kind) {
                diagnostics.error(.missingDocument, "no \(kind.rawValue) document in the inputs", at: nil)
            }
            return nil
        }
        for (document, _) in decoded.dropFirst() {
            diagnostics.error(
                .duplicateDocument, "a second \(kind.rawValue) document; a problem has exactly one",
                at: document.reader.location(document.fields.node),
                notes: [DiagnosticNote("the first is here", at: first.0.reader.location(first.0.fields.node))])
        }
        return decoded.count == 1 ? first.1 : nil
    }

    private static func choosePolicy(
        _ policies: [(Document, (Policy, [(app: String, location: SourceLocation, field: String)]))], name: String?,
        diagnostics: DiagnosticCollector
    ) -> (Policy, [(app: String, location: SourceLocation, field: String)])? {
        var seen: [String: SourceLocation] = [:]
        for (document, (policy, _)) in policies {
            let location = document.reader.location(document.fields["name"] ?? document.fields.node)
            if let first = seen[policy.name] {
                diagnostics.error(
                    .duplicateDocument, "duplicate Policy \"\(policy.name)\"", at: location,
                    notes: [DiagnosticNote("\"\(policy.name)\" is first defined here", at: first)])
            }
            seen[policy.name] = location
        }
        if let name {
            if let match = policies.first(where: { $0.1.0.name == name }) { return match.1 }
            if name == Policy.builtInDefault.name { return (Policy.builtInDefault, []) }
            let names = policies.map(\.1.0.name)
            diagnostics.error(
                .missingDocument, "no Policy named \"\(name)\" in the inputs",
                at: nil,
                notes: Suggestions.closest(to: name, in: names).map { [DiagnosticNote(Messages.didYouMean($0))] }
                    ?? [
                        DiagnosticNote(
                            "the inputs define \(names.isEmpty ? "no policy" : Messages.expectedOneOf(names))")
                    ])
            return nil
        }
        // Policies of one name are a duplicate (reported above), not a choice to make.
        var names: [String] = []
        for (_, (policy, _)) in policies where !names.contains(policy.name) { names.append(policy.name) }
        switch names.count {
        case 0: return (Policy.builtInDefault, [])
        case 1: return policies.count == 1 ? policies[0].1 : nil
        default:
            diagnostics.error(
                .ambiguousPolicy,
                "the inputs define \(names.count) policies (\(Messages.expectedOneOf(names))); choose one with --policy",
                at: nil)
            return nil
        }
    }
}
