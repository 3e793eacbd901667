public import Diagnostics
public import EdgeModel
import Foundation
import InputFiles
import Yams

/// Options of the front end.
public struct LoadOptions: Sendable {
    /// Files larger than this are refused.
    public var maximumInputBytes: Int
    /// Which Policy document to use when the inputs hold several.
    public var policyName: String?
    /// The directory workloads' traces must lie in (after resolving links and `..`); nil lets a
    /// trace be any file the process can read, as a YAML input can.
    public var traceRoot: String?
    /// Memory free for reading the inputs, when known: files too large to read in it are refused
    /// before they are read (`SourceLoader.memoryBytesPerInputByte`).
    public var memoryLimitBytes: Int?

    public init(
        maximumInputBytes: Int = SourceLoader.defaultMaximumBytes, policyName: String? = nil, traceRoot: String? = nil,
        memoryLimitBytes: Int? = nil
    ) {
        self.maximumInputBytes = maximumInputBytes
        self.policyName = policyName
        self.traceRoot = traceRoot
        self.memoryLimitBytes = memoryLimitBytes
    }

    /// What the process may hold while loading, taken before anything is read: what it holds now
    /// plus the memory free for the inputs (traces check against it as they grow).
    func residentLimitBytes() -> Int? { memoryLimitBytes.map { ProcessMemory.residentBytes() + $0 } }
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
    struct Document {
        let kind: DocumentKind
        let name: String
        let fields: Fields
        let reader: DocumentReader
    }

    /// What the header of a document gave: the document, or the kind of one that could not be read
    /// (nil when even its kind is unknown) after its error was reported.
    enum Header {
        case document(Document)
        case unread(DocumentKind?)
    }

    /// Kinds of documents that are in the inputs but could not be read. Errors that such a document
    /// may explain (no document of its kind, an unknown app name) are left out: the error about the
    /// document itself says what to fix.
    struct UnreadDocuments {
        private var kinds: Set<DocumentKind> = []
        private var hasUnknownKind = false

        mutating func insert(_ kind: DocumentKind?) {
            if let kind { kinds.insert(kind) } else { hasUnknownKind = true }
        }

        mutating func formUnion(_ other: UnreadDocuments) {
            kinds.formUnion(other.kinds)
            hasUnknownKind = hasUnknownKind || other.hasUnknownKind
        }

        func mayBe(_ kind: DocumentKind) -> Bool { hasUnknownKind || kinds.contains(kind) }

        /// The kinds known to be among the unread documents.
        var knownKinds: Set<DocumentKind> { kinds }
    }

    /// The documents of every input file, with their texts and hashes.
    struct ReadInputs {
        var sources: [String: String] = [:]
        var inputs: [InputFile] = []
        var documents: [Document] = []
        var unread = UnreadDocuments()
    }

    static func read(paths: [String], options: LoadOptions, diagnostics: DiagnosticCollector) -> ReadInputs {
        var read = ReadInputs()
        // Every file read stays in memory with its documents while the others are read.
        var memory = options.memoryLimitBytes
        for path in SourceLoader.expand(paths, diagnostics: diagnostics) {
            guard
                let source = SourceLoader.load(
                    path, maximumBytes: options.maximumInputBytes, memoryBytes: memory, diagnostics: diagnostics)
            else { continue }
            memory = memory.map { $0 - source.text.utf8.count * SourceLoader.memoryBytesPerInputByte }
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

    /// The problem of the files and directories `paths`.
    public static func load(paths: [String], options: LoadOptions = LoadOptions()) -> LoadResult {
        let diagnostics = DiagnosticCollector()
        let residentLimit = options.residentLimitBytes()
        let read = read(paths: paths, options: options, diagnostics: diagnostics)
        return assemble(
            read, policyName: options.policyName, traces: TraceAccess(options, diagnostics: diagnostics),
            residentLimitBytes: residentLimit, diagnostics: diagnostics)
    }

    /// The kind a document declares, when it is one edgeplan reads.
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
                "document has no \"kind\"; expected one of \(Messages.expectedOneOf(DocumentKind.problemKinds.map(\.rawValue)))",
                at: node)
            return .unread(nil)
        }
        guard let kindText = reader.string(kindNode, what: "a document kind") else { return .unread(nil) }
        guard let kind = DocumentKind(rawValue: kindText) else {
            let options = DocumentKind.problemKinds.map(\.rawValue)
            reader.error(
                .unknownKind,
                "unknown document kind \(DiagnosticText.quote(kindText)); expected one of \(Messages.expectedOneOf(options))",
                at: kindNode,
                notes: Suggestions.closest(to: kindText, in: DocumentKind.allCases.map(\.rawValue)).map {
                    [DiagnosticNote(Messages.didYouMean($0))]
                }
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
}
