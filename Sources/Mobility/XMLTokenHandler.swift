/// What `XMLTokenizer` tells its client about a document. The tokenizer checks that the XML is well
/// formed and reports syntax errors itself; the handler gives the elements their meaning.
///
/// For every start tag, `startTag` comes first, then `attribute` for each wanted attribute, then
/// `startTagEnded`; each element that was left open gets exactly one `elementEnded`, innermost
/// first. `endOfFile` comes only when the document ended outside any markup.
protocol XMLTokenHandler {
    /// A start tag's name is complete; `depth` is the number of open elements around it. Returns
    /// whether the handler wants this element's attributes.
    mutating func startTag(name: UnsafeBufferPointer<UInt8>, depth: Int, at position: TextPosition) -> Bool
    /// Whether the value of the attribute with this key (see `attributeKey`) is wanted.
    func wantsAttribute(_ key: UInt64) -> Bool
    /// A wanted attribute, its value's entities decoded (the bytes are valid only during the call);
    /// `position` is the value's first character.
    mutating func attribute(_ key: UInt64, value: UnsafeBufferPointer<UInt8>, at position: TextPosition)
    /// The start tag ended. `intact` is false when it held a syntax error, so its attributes may be
    /// incomplete (the tokenizer has reported that error).
    mutating func startTagEnded(selfClosing: Bool, intact: Bool)
    /// The innermost open element closed.
    mutating func elementEnded()
    /// The document ended outside markup, at `position` (just past its last character).
    mutating func endOfFile(at position: TextPosition)
}

/// The key of an attribute name of up to eight bytes, packed little-endian into an integer so the
/// tokenizer can match names without making strings; longer names have key 0 and are never wanted.
func attributeKey(_ name: String) -> UInt64 {
    var key: UInt64 = 0
    for (index, byte) in name.utf8.prefix(8).enumerated() { key |= UInt64(byte) << (8 * UInt64(index)) }
    return name.utf8.count <= 8 ? key : 0
}
