public import Diagnostics
public import EdgeModel

/// One scenario of `whatif`: a name and edits of a base problem's documents, from a `kind: Variant`
/// document or a sweep. `ProblemLoader.load(paths:options:replacements:variants:)` applies it.
public struct Variant: Sendable {
    public let name: String
    /// Where the Variant document is; nil for a sweep. A sum has the location of its first located part.
    public let location: SourceLocation?
    /// The edits, in the order they are applied.
    let edits: [VariantEdit]
    /// The files the edits were read from (with their digests, for the scenario's inputs).
    public let inputs: [InputFile]
    /// The texts of those files, for quoting them in diagnostics.
    let sources: [String: String]

    init(
        name: String, location: SourceLocation?, edits: [VariantEdit], inputs: [InputFile] = [],
        sources: [String: String] = [:]
    ) {
        self.name = name
        self.location = location
        self.edits = edits
        self.inputs = inputs
        self.sources = sources
    }

    /// The number of edits, for summaries.
    public var editCount: Int { edits.count }

    /// A scenario that makes `lhs`'s edits, then `rhs`'s, named `lhs+rhs`.
    public static func + (lhs: Variant, rhs: Variant) -> Variant {
        Variant(
            name: "\(lhs.name)+\(rhs.name)", location: lhs.location ?? rhs.location, edits: lhs.edits + rhs.edits,
            inputs: lhs.inputs + rhs.inputs.filter { !lhs.inputs.contains($0) },
            sources: lhs.sources.merging(rhs.sources) { first, _ in first })
    }
}
