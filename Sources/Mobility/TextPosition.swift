/// A place in the trace being read: 1-based line and column, columns counted in Unicode scalars
/// (the convention of `SourceLocation`). The file's path is added only when a diagnostic is made,
/// so the tokenizers carry two integers rather than a string.
struct TextPosition: Hashable, Sendable {
    var line: Int
    var column: Int
}
