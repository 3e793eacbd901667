import Diagnostics
import EdgeModel
import Foundation

/// Scenarios of a base problem (`whatif`): Variant documents, replacement documents, and the
/// loading of a base with both (docs/language.md, "kind: Variant" and "Replacement").
extension ProblemLoader {
    /// Every Variant document of these files, each one scenario, and the diagnostics of malformed
    /// ones (which are left out of `variants`: stop when `result.hasErrors`). Documents of other
    /// kinds are read for their syntax only. `result.problem` is always nil.
    public static func loadVariants(paths: [String], options: LoadOptions = LoadOptions()) -> (
        variants: [Variant], result: LoadResult
    ) {
        let diagnostics = DiagnosticCollector()
        let read = read(paths: paths, options: options, diagnostics: diagnostics)
        let variants = decodeVariants(read, diagnostics: diagnostics).filter(\.isWellFormed).map(\.variant)
        return (
            variants,
            LoadResult(problem: nil, diagnostics: diagnostics.sorted, sources: read.sources, summary: nil)
        )
    }

    /// The problem of `paths`, with the documents of `replacements` replacing the base's of the same
    /// kind, then `variants` applied in order. Diagnostics of edits are located in the variant's
    /// file (a sweep's have no location and name the sweep). `problem.inputs` lists the base's, the
    /// replacements' and the variants' files.
    ///
    /// A replacement Topology, Workload or Policy replaces the base's documents of that kind, and
    /// AppProfiles replace all of the base's AppProfiles. When the replacements hold one Policy, it
    /// is the scenario's whatever `options.policyName` says (it replaces the chosen one).
    public static func load(
        paths: [String], options: LoadOptions = LoadOptions(), replacements: [String], variants: [Variant]
    ) -> LoadResult {
        let diagnostics = DiagnosticCollector()
        let residentLimit = options.residentLimitBytes()
        var read = read(paths: paths, options: options, diagnostics: diagnostics)
        var policyName = options.policyName
        if !replacements.isEmpty {
            let replacing = self.read(paths: replacements, options: options, diagnostics: diagnostics)
            // A replacement document that could not be read still replaces (its error says why).
            let kinds = Set(replacing.documents.map(\.kind)).union(replacing.unread.knownKinds).subtracting([.variant])
            read.documents = read.documents.filter { !kinds.contains($0.kind) } + replacing.documents
            read.unread.formUnion(replacing.unread)
            read.sources.merge(replacing.sources) { base, _ in base }
            read.inputs += replacing.inputs.filter { !read.inputs.contains($0) }
            let policies = Set(replacing.documents.filter { $0.kind == .policy }.map(\.name))
            if policies.count == 1 { policyName = policies.first }
        }
        for variant in variants {
            read.inputs += variant.inputs.filter { !read.inputs.contains($0) }
            read.sources.merge(variant.sources) { base, _ in base }
        }
        let base = read.documents
        if !variants.isEmpty {
            read.documents = applying(
                variants, to: base, policyName: policyName, diagnostics: diagnostics, reader: \.reader)
        }
        return assemble(
            read, policyName: policyName, traces: TraceAccess(options, diagnostics: diagnostics),
            residentLimitBytes: residentLimit, diagnostics: diagnostics, variantBase: base)
    }

    /// The Variant documents of the inputs as scenarios (a malformed one with the edits that could
    /// be read); duplicate names are errors.
    static func decodeVariants(
        _ read: ReadInputs, diagnostics: DiagnosticCollector
    ) -> [(variant: Variant, isWellFormed: Bool)] {
        var seen: [String: SourceLocation] = [:]
        var variants: [(variant: Variant, isWellFormed: Bool)] = []
        for document in read.documents where document.kind == .variant {
            let errors = diagnostics.errorCount
            let edits = VariantDecoder(reader: document.reader).decode(document.fields)
            let nameLocation = document.reader.location(document.fields["name"] ?? document.fields.node)
            if let first = seen[document.name] {
                diagnostics.error(
                    .duplicateDocument, "duplicate Variant \"\(document.name)\"", at: nameLocation,
                    notes: [DiagnosticNote("\"\(document.name)\" is first defined here", at: first)])
                continue
            }
            seen[document.name] = nameLocation
            let file = document.reader.file
            let variant = Variant(
                name: document.name, location: document.reader.location(document.fields.node), edits: edits,
                inputs: read.inputs.filter { $0.path == file }, sources: read.sources[file].map { [file: $0] } ?? [:])
            variants.append((variant, diagnostics.errorCount == errors))
        }
        return variants
    }

    /// Checks the Variant documents of ordinary inputs without applying them: each is applied to a
    /// copy of `base`, and what that reports in the variant's own file (unknown ids, attached users,
    /// errors of added elements) is reported; what it changes elsewhere is `whatif`'s to report.
    static func checkVariants(
        in read: ReadInputs, base: [Document], policyName: String?, diagnostics: DiagnosticCollector
    ) {
        // A malformed variant is tried with the edits that could be read, so one run reports all.
        let variants = decodeVariants(read, diagnostics: diagnostics).map(\.variant)
        guard !variants.isEmpty else { return }
        let reported = Set(diagnostics.diagnostics)
        let apps = base.filter { $0.kind == .appProfile }.map(\.name)
        let appIndex = Dictionary(apps.enumerated().map { ($1, $0) }) { first, _ in first }
        for variant in variants {
            guard let file = variant.location?.file else { continue }
            let scratch = DiagnosticCollector()
            // Fresh readers, so that nothing of the trial reaches the base's readers.
            let documents = applying([variant], to: base, policyName: policyName, diagnostics: scratch) { document in
                DocumentReader(
                    file: document.reader.file, byteCount: read.sources[document.reader.file]?.utf8.count ?? 0,
                    diagnostics: scratch)
            }
            // Only edited documents have fresh readers.
            for (index, document) in documents.enumerated()
            where index >= base.count || document.reader !== base[index].reader {
                switch document.kind {
                case .topology:
                    _ = TopologyDecoder(reader: document.reader).decode(document.fields, name: document.name)
                case .policy:
                    let (_, references) = PolicyDecoder(reader: document.reader).decode(
                        document.fields, name: document.name)
                    let linker = Linker(
                        appIndex: appIndex, appsMayBeUnread: read.unread.mayBe(.appProfile), diagnostics: scratch)
                    for field in ["sla", "strategies"] {
                        linker.checkAppReferences(
                            references.filter { $0.field == field }.map { ($0.app, $0.location) }, what: field)
                    }
                case .appProfile, .workload, .variant: break
                }
            }
            for diagnostic in scratch.diagnostics
            where diagnostic.location?.file == file && !reported.contains(diagnostic) {
                diagnostics.emit(diagnostic)
            }
        }
    }
}
