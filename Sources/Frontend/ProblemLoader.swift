public import Diagnostics
public import EdgeModel
import Foundation
import Yams

/// Options of the front end.
public struct LoadOptions: Sendable {
    /// Files larger than this are refused.
    public var maximumInputBytes: Int
    /// Which Policy document to use when the inputs hold several.
    public var policyName: String?

    public init(maximumInputBytes: Int = SourceLoader.defaultMaximumBytes, policyName: String? = nil) {
        self.maximumInputBytes = maximumInputBytes
        self.policyName = policyName
    }
}

/// What the front end produced: a problem when there were no errors, and every diagnostic.
public struct LoadResult: Sendable {
    public let problem: Problem?
    public let diagnostics: [Diagnostic]
    /// Texts of the files read, for quoting source lines in diagnostics.
    public let sources: [String: String]
    /// Counts and candidates of the valid problem (computed once, for warnings and `check`).
    public let summary: ProblemSummary?

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// The front end: YAML files → located syntax → checks → a validated `Problem`.
public enum ProblemLoader {
    /// A document of the inputs, with its reader (which knows its file).
    private struct Document {
        let kind: DocumentKind
        let name: String
        let fields: Fields
        let reader: DocumentReader
    }

    /// What the header of a document gave: the document, or the kind of one that could not be read
    /// (nil when even its kind is unknown) after its error was reported.
    private enum Header {
        case document(Document)
        case unread(DocumentKind?)
    }

    /// Kinds of documents that are in the inputs but could not be read. Errors that such a document
    /// may explain (no document of its kind, an unknown app name) are left out: the error about the
    /// document itself says what to fix.
    private struct UnreadDocuments {
        private var kinds: Set<DocumentKind> = []
        private var hasUnknownKind = false

        mutating func insert(_ kind: DocumentKind?) {
            if let kind { kinds.insert(kind) } else { hasUnknownKind = true }
        }

        func mayBe(_ kind: DocumentKind) -> Bool { hasUnknownKind || kinds.contains(kind) }
    }

    /// The documents of every input file, with their texts and hashes.
    private struct ReadInputs {
        var sources: [String: String] = [:]
        var inputs: [InputFile] = []
        var documents: [Document] = []
        var unread = UnreadDocuments()
    }

    private static func read(paths: [String], options: LoadOptions, diagnostics: DiagnosticCollector) -> ReadInputs {
        var read = ReadInputs()
        for path in SourceLoader.expand(paths, diagnostics: diagnostics) {
            guard
                let source = SourceLoader.load(path, maximumBytes: options.maximumInputBytes, diagnostics: diagnostics)
            else { continue }
            read.sources[path] = source.text
            read.inputs.append(InputFile(path: path, sha256: source.sha256))
            guard let nodes = YAMLComposer.documents(of: source, diagnostics: diagnostics) else { continue }
            if nodes.isEmpty {
                diagnostics.error(
                    .emptyFile, "file holds no YAML document; expected documents with \"kind\" and \"name\"",
                    at: .startOf(path))
                continue
            }
            let reader = DocumentReader(file: path, byteCount: source.text.utf8.count, diagnostics: diagnostics)
            for node in nodes {
                guard reader.admit(node) else {
                    read.unread.insert(peekKind(node))
                    continue
                }
                switch header(of: node, reader: reader) {
                case .document(let document): read.documents.append(document)
                case .unread(let kind): read.unread.insert(kind)
                }
            }
        }
        return read
    }

    /// Only the AppProfiles of the inputs (other documents are read for errors but not kept): for
    /// tools, such as the scenario generator, that draw apps from Models/.
    public static func loadAppProfiles(paths: [String], options: LoadOptions = LoadOptions()) -> (
        apps: [AppProfile], diagnostics: [Diagnostic]
    ) {
        let diagnostics = DiagnosticCollector()
        let read = read(paths: paths, options: options, diagnostics: diagnostics)
        let apps = read.documents.filter { $0.kind == .appProfile }.map {
            AppProfileDecoder(reader: $0.reader).decode($0.fields, name: $0.name)
        }
        return (diagnostics.hasErrors ? [] : apps, diagnostics.sorted)
    }

    public static func load(paths: [String], options: LoadOptions = LoadOptions()) -> LoadResult {
        let diagnostics = DiagnosticCollector()
        let read = read(paths: paths, options: options, diagnostics: diagnostics)
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
            ($0, WorkloadDecoder(reader: $0.reader, coordinates: coordinates).decode($0.fields, name: $0.name))
        }

        let topology = single(topologies, kind: .topology, unread: unread, diagnostics: diagnostics)
        let workload = single(workloads, kind: .workload, unread: unread, diagnostics: diagnostics)
        let policy = choosePolicy(policies, name: options.policyName, diagnostics: diagnostics)
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
            linker.checkAppReferences(topology.cachedAppReferences.map { ($0.name, $0.location) }, what: "cachedApps")
        }
        if let policy, !policy.0.isBuiltIn {
            for field in ["sla", "strategies"] {
                linker.checkAppReferences(
                    policy.1.filter { $0.field == field }.map { ($0.app, $0.location) }, what: field)
            }
        }
        var problem: Problem?
        if let topology, let workload, let policy {
            var linked = linker.link(workload, topology: topology)
            if !diagnostics.hasErrors {
                linked = TraceUsers.add(to: linked, topology: topology.topology, diagnostics: diagnostics)
            }
            if !diagnostics.hasErrors {
                StrategyChecks.check(policy: policy.0, apps: appList, workload: linked, diagnostics: diagnostics)
            }
            if !diagnostics.hasErrors {
                problem = Problem(
                    topology: topology.topology, apps: appList, policy: policy.0, workload: linked, inputs: inputs)
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

    /// The kind a document declares, when it is one of the four.
    private static func peekKind(_ node: Node) -> DocumentKind? {
        guard case .mapping(let mapping) = node, case .scalar(let scalar)? = mapping["kind"] else { return nil }
        return DocumentKind(rawValue: scalar.string)
    }

    /// Reads `kind` and `name` and checks the document's fields against its kind.
    private static func header(of node: Node, reader: DocumentReader) -> Header {
        guard let mapping = reader.mapping(node, what: "a document") else { return .unread(nil) }
        guard let kindNode = mapping["kind"] else {
            reader.error(
                .missingKind,
                "document has no \"kind\"; expected one of \(Messages.expectedOneOf(DocumentKind.allCases.map(\.rawValue)))",
                at: node)
            return .unread(nil)
        }
        guard let kindText = reader.string(kindNode, what: "a document kind") else { return .unread(nil) }
        guard let kind = DocumentKind(rawValue: kindText) else {
            let options = DocumentKind.allCases.map(\.rawValue)
            reader.error(
                .unknownKind,
                "unknown document kind \"\(kindText)\"; expected one of \(Messages.expectedOneOf(options))",
                at: kindNode,
                notes: Suggestions.closest(to: kindText, in: options).map { [DiagnosticNote(Messages.didYouMean($0))] }
                    ?? [])
            return .unread(nil)
        }
        var name: String?
        if case .scalar(let scalar)? = mapping["name"] { name = scalar.string }
        let context = "\(kind.rawValue)" + (name.map { " \"\($0)\"" } ?? "")
        guard
            let fields = Fields(
                node, reader: reader, what: "a document", context: context, allowed: kind.allowedFields),
            let name = fields.string("name")
        else { return .unread(kind) }
        return .document(Document(kind: kind, name: name, fields: fields, reader: reader))
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
