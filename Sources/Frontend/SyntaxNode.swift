import Diagnostics
import Yams

/// Where a node of an edit was written: a file (with the node's mark) or a sweep on the command line.
enum NodeOrigin: Sendable, Hashable {
    case file(String)
    /// The sweep's `KEY=VALUE`, which messages name instead of a position.
    case sweep(String)
}

/// A YAML node kept by a `Variant` until it is applied: Yams nodes are not `Sendable`, and a node
/// that an edit puts into another file's document must still say where it was written.
struct SyntaxNode: Sendable {
    indirect enum Content: Sendable {
        case scalar(String, isPlain: Bool)
        case mapping([(key: SyntaxNode, value: SyntaxNode)])
        case sequence([SyntaxNode])
    }

    let content: Content
    let origin: NodeOrigin
    let mark: Mark?

    init(_ content: Content, origin: NodeOrigin, mark: Mark?) {
        self.content = content
        self.origin = origin
        self.mark = mark
    }

    /// A copy of a composed node of `file` (aliases are already expanded by composition).
    init(_ node: Node, file: String) {
        let origin = NodeOrigin.file(file)
        switch node {
        case .scalar(let scalar):
            self.init(.scalar(scalar.string, isPlain: scalar.style == .plain), origin: origin, mark: node.mark)
        case .mapping(let mapping):
            self.init(
                .mapping(mapping.map { (SyntaxNode($0.key, file: file), SyntaxNode($0.value, file: file)) }),
                origin: origin, mark: node.mark)
        case .sequence(let sequence):
            self.init(.sequence(sequence.map { SyntaxNode($0, file: file) }), origin: origin, mark: node.mark)
        case .alias:
            // Composition resolves aliases; an alias node here would be an empty value.
            self.init(.scalar("", isPlain: true), origin: origin, mark: node.mark)
        }
    }

    /// A plain scalar written on the command line by a sweep.
    static func sweep(_ text: String, key: String) -> SyntaxNode {
        SyntaxNode(.scalar(text, isPlain: false), origin: .sweep(key), mark: nil)
    }

    /// The text of a scalar, nil for other shapes.
    var text: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    /// The entries of a mapping whose keys are scalars, by key text.
    var entries: [(key: String, keyNode: SyntaxNode, value: SyntaxNode)] {
        guard case .mapping(let pairs) = content else { return [] }
        return pairs.compactMap { pair in pair.key.text.map { ($0, pair.key, pair.value) } }
    }

    /// Where the node was written; nil for a sweep's.
    var location: SourceLocation? {
        guard case .file(let file) = origin else { return nil }
        return mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? .startOf(file)
    }

    /// The node as Yams composes it, tagged with its origin so the reader of the document it is put
    /// into reports its problems where it was written.
    func yamsNode(_ origins: NodeOrigins) -> Node {
        let anchor = origins.anchor(for: origin)
        let tag = Tag(.implicit)
        switch content {
        case .scalar(let text, let isPlain):
            return .scalar(Node.Scalar(text, tag, isPlain ? .plain : .doubleQuoted, mark, anchor))
        case .mapping(let pairs):
            return .mapping(
                Node.Mapping(
                    pairs.map { ($0.key.yamsNode(origins), $0.value.yamsNode(origins)) }, tag, .any, mark, anchor))
        case .sequence(let items):
            return .sequence(Node.Sequence(items.map { $0.yamsNode(origins) }, tag, .any, mark, anchor))
        }
    }

    /// The number of nodes in this one's tree, which the reader of an edited document may visit.
    var count: Int {
        switch content {
        case .scalar: 1
        case .mapping(let pairs): 1 + pairs.reduce(0) { $0 + $1.key.count + $1.value.count }
        case .sequence(let items): 1 + items.reduce(0) { $0 + $1.count }
        }
    }

    /// This node with another content, written at the same place (a scaled value, a merged mapping).
    func with(_ content: Content) -> SyntaxNode {
        SyntaxNode(content, origin: origin, mark: mark)
    }
}

/// The origins of the nodes that edits put into documents, found again from the nodes.
///
/// Yams nodes carry a position (a `Mark`, line and column) but no file, and a `Mark` cannot be made
/// outside Yams. A node's `anchor` is only used when emitting YAML, which the front end never does,
/// and composition leaves none behind (a node holds its anchor weakly, and the parser that owned the
/// input's anchors is gone): so an edit's nodes carry an anchor that names their origin, in a
/// spelling no YAML anchor can have (YAML anchors are letters, digits, "-" and "_"). This object
/// keeps those anchors alive while the edited documents are read.
final class NodeOrigins {
    private static let prefix = "edgeplan:"
    private var anchors: [NodeOrigin: Anchor] = [:]

    func anchor(for origin: NodeOrigin) -> Anchor {
        if let anchor = anchors[origin] { return anchor }
        let name: String
        switch origin {
        case .file(let path): name = "\(Self.prefix)file:\(path)"
        case .sweep(let sweep): name = "\(Self.prefix)sweep:\(sweep)"
        }
        let anchor = Anchor(rawValue: name)
        anchors[origin] = anchor
        return anchor
    }

    /// The origin of a node an edit put in; nil for a document's own nodes.
    static func origin(of node: Node) -> NodeOrigin? {
        guard let name = node.anchor?.rawValue, name.hasPrefix(prefix) else { return nil }
        let rest = name.dropFirst(prefix.count)
        if rest.hasPrefix("file:") { return .file(String(rest.dropFirst("file:".count))) }
        if rest.hasPrefix("sweep:") { return .sweep(String(rest.dropFirst("sweep:".count))) }
        return nil
    }
}
