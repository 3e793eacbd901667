/// Bytes and keywords the XML tokenizer matches (global because generic types cannot have static
/// stored properties).
private enum XMLBytes {
    // Computed rather than stored: stored statics cost a lazy-initialisation check on every use.
    static var lessThan: UInt8 { 0x3C }
    static var greaterThan: UInt8 { 0x3E }
    static var slash: UInt8 { 0x2F }
    static var equals: UInt8 { 0x3D }
    static var ampersand: UInt8 { 0x26 }
    static var semicolon: UInt8 { 0x3B }
    static var doubleQuote: UInt8 { 0x22 }
    static var singleQuote: UInt8 { 0x27 }
    static var lineFeed: UInt8 { 0x0A }
    /// What may follow `<!`: a comment, a CDATA section, a document type declaration.
    static let bangKeywords: [[UInt8]] = [Array("--".utf8), Array("[CDATA[".utf8), Array("DOCTYPE".utf8)]

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    /// Letters, `_`, `:` and any byte of a non-ASCII character may start an XML name.
    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
            || byte >= 0x80
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }
}

/// A byte-level, streaming XML tokenizer for the XML that trace files use: fed a document in chunks
/// of any size (down to single bytes), it keeps its state between them, so a tag, a value or an
/// entity may straddle a chunk boundary and memory stays bounded by the limits below.
///
/// It checks well-formedness as far as a trace reader needs — tags, quoted attribute values,
/// entities in wanted values, comments, CDATA, processing instructions, a DOCTYPE, matching end tags,
/// one root element — reports each problem with its line and column, resynchronises at the next `>`
/// or `<`, and hands start tags, wanted attributes and element ends to its handler. Attributes the
/// handler does not want are skipped without being decoded. No regular expressions, no Foundation
/// parser: one `switch` per byte.
struct XMLTokenizer<Handler: XMLTokenHandler> {
    private enum State: UInt8 {
        /// Character data between markup (ignored, but checked to be white space outside the root).
        case text
        /// Just after `<`.
        case markupStart
        /// After `<!`, matching `--`, `[CDATA[` or `DOCTYPE`.
        case bang
        case comment
        case cdata
        case doctype
        case processingInstruction
        case startTagName
        /// In a start tag, where an attribute, `/>` or `>` may come.
        case betweenAttributes
        case attributeName
        case afterAttributeName
        case afterEquals
        case attributeValue
        /// After `&` in a wanted attribute value.
        case entity
        case afterAttributeValue
        case selfClosingSlash
        case endTagStart
        case endTagName
        case afterEndTagName
        /// Recovering from a syntax error: skipping to the end of the markup.
        case skipMarkup
    }

    /// An element whose start tag has ended and whose end tag has not come yet.
    private struct OpenElement {
        /// Where its name ends in `openNames`.
        let nameEnd: Int
        let position: TextPosition
        /// Its start tag held a syntax error (so an end tag that skips it is not reported again).
        let brokenStart: Bool
    }

    /// Longer element names are refused; no trace element comes close.
    static var maximumNameBytes: Int { 256 }
    /// Longer wanted values are refused: ids and numbers are short, and this bounds memory.
    static var maximumValueBytes: Int { 1024 }
    static var maximumEntityBytes: Int { 10 }
    /// Deeper nesting is refused (SUMO writes three levels), so the stack of open elements is bounded.
    static var maximumDepth: Int { 1000 }

    private(set) var handler: Handler
    private let reporter: TraceErrorReporter

    // The position of the next byte: its line, and Unicode scalars before it in the file and before
    // its line (bytes that continue a UTF-8 sequence do not start a scalar).
    private var line = 1
    private var scalarIndex = 0
    private var lineStartScalar = 0

    private var state = State.text
    /// The `<` of the current markup.
    private var markupPosition = TextPosition(line: 1, column: 1)
    /// The name of the current start or end tag.
    private var name = ScratchBytes()
    /// Between a start tag's name and its end (including recovery inside it).
    private var inStartTag = false
    /// No syntax error in the current start tag so far.
    private var tagIntact = true
    /// The handler wants the current element's attributes.
    private var wantAttributes = false
    /// The current attribute's name, for messages (the first 64 bytes).
    private var attributeName = ScratchBytes()
    private var attributeNameLength = 0
    private var attributeKeySoFar: UInt64 = 0
    private var currentKey: UInt64 = 0
    private var quote: UInt8 = 0
    private var quotePosition = TextPosition(line: 1, column: 1)
    /// The handler wants the current value (and it has been fine so far).
    private var wantValue = false
    private var value = ScratchBytes()
    private var entity = ScratchBytes()
    private var entityPosition = TextPosition(line: 1, column: 1)
    /// Dashes before `>` in a comment, `]` in CDATA, `?` in a processing instruction, bracket depth
    /// in a DOCTYPE, or bytes matched after `<!`.
    private var counter = 0
    /// The `<!` keywords still matching, one bit each.
    private var bangCandidates: UInt8 = 0
    /// The byte before the current one while skipping markup (a `/` before `>` closes the element).
    private var previousByte: UInt8 = 0
    /// The names of the open elements, end to end.
    private var openNames: [UInt8] = []
    private var open: [OpenElement] = []
    private var rootClosed = false
    /// Non-white text outside the root is reported once per run of text.
    private var strayTextReported = false

    init(handler: Handler, reporter: TraceErrorReporter) {
        self.handler = handler
        self.reporter = reporter
    }

    /// The position of the byte being stepped over.
    private var here: TextPosition { TextPosition(line: line, column: scalarIndex - lineStartScalar + 1) }

    /// Feeds the next bytes of the document.
    mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        while index < bytes.count {
            // Fast paths for the bulk of a trace, character data between tags and attribute values:
            // scan a run in one loop (keeping count of lines and scalars) instead of a step per byte.
            if state == .text, !open.isEmpty {
                index = scan(bytes, from: index) { $0 == XMLBytes.lessThan }
            } else if state == .attributeValue {
                let start = index
                let quote = quote
                if wantValue {
                    index = scan(bytes, from: index) {
                        $0 == quote || $0 == XMLBytes.lessThan || $0 == XMLBytes.ampersand
                    }
                    if index > start { appendValue(UnsafeBufferPointer(rebasing: bytes[start..<index])) }
                } else {
                    index = scan(bytes, from: index) { $0 == quote || $0 == XMLBytes.lessThan }
                }
            }
            guard index < bytes.count else { return }
            let byte = bytes[index]
            step(byte)
            advance(over: byte)
            index += 1
        }
    }

    /// The index of the first byte from `start` on that `stop` accepts (or the end), with the
    /// position moved over the bytes before it.
    @inline(__always)
    private mutating func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, until stop: (UInt8) -> Bool
    ) -> Int {
        var index = start
        var line = line
        var scalarIndex = scalarIndex
        var lineStartScalar = lineStartScalar
        while index < bytes.count {
            let byte = bytes[index]
            if stop(byte) { break }
            if byte == XMLBytes.lineFeed {
                line += 1
                scalarIndex += 1
                lineStartScalar = scalarIndex
            } else if byte & 0xC0 != 0x80 {
                scalarIndex += 1
            }
            index += 1
        }
        self.line = line
        self.scalarIndex = scalarIndex
        self.lineStartScalar = lineStartScalar
        return index
    }

    /// Moves the position past one byte.
    @inline(__always)
    private mutating func advance(over byte: UInt8) {
        if byte == XMLBytes.lineFeed {
            line += 1
            scalarIndex += 1
            lineStartScalar = scalarIndex
        } else if byte & 0xC0 != 0x80 {
            scalarIndex += 1
        }
    }

    /// Moves the state machine over one byte: one case per state, so the whole grammar is here.
    @inline(__always)
    private mutating func step(_ byte: UInt8) {
        switch state {
        case .text:
            if byte == XMLBytes.lessThan {
                markupPosition = here
                strayTextReported = false
                state = .markupStart
            } else if open.isEmpty, !strayTextReported, !XMLBytes.isWhitespace(byte), !isByteOrderMark(byte) {
                strayTextReported = true
                let expected = rootClosed ? "the end of the file after the root element" : "'<'"
                syntaxError("expected \(expected), found \(TraceText.describe(byte: byte))", at: here)
            }
        case .markupStart:
            switch byte {
            case XMLBytes.slash:
                name.removeAll()
                state = .endTagStart
            case UInt8(ascii: "?"):
                counter = 0
                state = .processingInstruction
            case UInt8(ascii: "!"):
                counter = 0
                bangCandidates = 0b111
                state = .bang
            case XMLBytes.lessThan:
                syntaxError("expected an element name after '<', found '<'", at: here)
                markupPosition = here
            default:
                if XMLBytes.isNameStart(byte) {
                    name.removeAll()
                    name.append(byte)
                    state = .startTagName
                } else {
                    syntaxError("expected an element name after '<', found \(TraceText.describe(byte: byte))", at: here)
                    state = .text
                }
            }
        case .bang:
            matchBang(byte)
        case .comment:
            skipUntilDoubledCloser(byte, closer: UInt8(ascii: "-"))  // "-->"
        case .cdata:
            skipUntilDoubledCloser(byte, closer: UInt8(ascii: "]"))  // "]]>"
        case .doctype:
            if byte == UInt8(ascii: "[") {
                counter += 1
            } else if byte == UInt8(ascii: "]") {
                counter = max(0, counter - 1)
            } else if byte == XMLBytes.greaterThan, counter == 0 {
                state = .text
            }
        case .processingInstruction:
            if byte == XMLBytes.greaterThan, counter == 1 {
                state = .text
            } else {
                counter = byte == UInt8(ascii: "?") ? 1 : 0
            }
        case .startTagName:
            if XMLBytes.isNameByte(byte) {
                appendNameByte(byte)
            } else {
                guard beginStartTag() else {
                    resynchronize(at: byte)
                    return
                }
                afterNameOrValue(byte, afterValue: false)
            }
        case .betweenAttributes:
            if XMLBytes.isWhitespace(byte) { return }
            if byte == XMLBytes.slash {
                state = .selfClosingSlash
            } else if byte == XMLBytes.greaterThan {
                endStartTag(selfClosing: false)
            } else if XMLBytes.isNameStart(byte) {
                attributeName.removeAll()
                attributeName.append(byte)
                attributeNameLength = 1
                attributeKeySoFar = UInt64(byte)
                state = .attributeName
            } else {
                syntaxError(
                    "expected an attribute name, '/>' or '>' in <\(name.shown)>, found \(TraceText.describe(byte: byte))",
                    at: here)
                resynchronize(at: byte)
            }
        case .attributeName:
            if XMLBytes.isNameByte(byte) {
                if attributeNameLength < 8 { attributeKeySoFar |= UInt64(byte) << (8 * UInt64(attributeNameLength)) }
                attributeNameLength += 1
                if attributeName.count < 64 { attributeName.append(byte) }
            } else if byte == XMLBytes.equals {
                state = .afterEquals
            } else if XMLBytes.isWhitespace(byte) {
                state = .afterAttributeName
            } else {
                expectedEquals(byte)
            }
        case .afterAttributeName:
            if byte == XMLBytes.equals {
                state = .afterEquals
            } else if !XMLBytes.isWhitespace(byte) {
                expectedEquals(byte)
            }
        case .afterEquals:
            if byte == XMLBytes.doubleQuote || byte == XMLBytes.singleQuote {
                quote = byte
                quotePosition = here
                currentKey = attributeNameLength <= 8 ? attributeKeySoFar : 0
                wantValue = wantAttributes && currentKey != 0 && handler.wantsAttribute(currentKey)
                value.removeAll()
                state = .attributeValue
            } else if !XMLBytes.isWhitespace(byte) {
                syntaxError(
                    "expected a quoted value for the attribute \"\(attributeName.shown)\", found \(TraceText.describe(byte: byte))",
                    at: here)
                resynchronize(at: byte)
            }
        case .attributeValue:
            if byte == quote {
                if wantValue {
                    let key = currentKey
                    let position = valuePosition
                    value.withBytes { handler.attribute(key, value: $0, at: position) }
                }
                state = .afterAttributeValue
            } else if byte == XMLBytes.lessThan {
                valueInterrupted()
            } else if wantValue {
                if byte == XMLBytes.ampersand {
                    entity.removeAll()
                    entityPosition = here
                    state = .entity
                } else {
                    appendValue(byte)
                }
            }
        case .entity:
            if byte == XMLBytes.semicolon {
                decodeEntity()
                state = .attributeValue
            } else if byte == quote || byte == XMLBytes.lessThan || entity.count == Self.maximumEntityBytes
                || XMLBytes.isWhitespace(byte)
            {
                syntaxError(
                    "expected ';' to end the entity '&\(entity.shown)' in the value of \"\(attributeName.shown)\", found \(TraceText.describe(byte: byte))",
                    at: here)
                wantValue = false
                tagIntact = false
                if byte == quote {
                    state = .afterAttributeValue
                } else if byte == XMLBytes.lessThan {
                    valueInterrupted()
                } else {
                    state = .attributeValue
                }
            } else {
                entity.append(byte)
            }
        case .afterAttributeValue:
            afterNameOrValue(byte, afterValue: true)
        case .selfClosingSlash:
            if byte == XMLBytes.greaterThan {
                endStartTag(selfClosing: true)
            } else {
                syntaxError(
                    "expected '>' after '/' in <\(name.shown)>, found \(TraceText.describe(byte: byte))", at: here)
                resynchronize(at: byte)
            }
        case .endTagStart:
            if XMLBytes.isNameStart(byte) {
                name.append(byte)
                state = .endTagName
            } else {
                syntaxError("expected an element name after '</', found \(TraceText.describe(byte: byte))", at: here)
                resynchronize(at: byte)
            }
        case .endTagName:
            if XMLBytes.isNameByte(byte) {
                appendNameByte(byte)
            } else if byte == XMLBytes.greaterThan {
                endTag()
            } else if XMLBytes.isWhitespace(byte) {
                state = .afterEndTagName
            } else {
                expectedEndOfEndTag(byte)
            }
        case .afterEndTagName:
            if byte == XMLBytes.greaterThan {
                endTag()
            } else if !XMLBytes.isWhitespace(byte) {
                expectedEndOfEndTag(byte)
            }
        case .skipMarkup:
            if byte == XMLBytes.greaterThan {
                if inStartTag {
                    endStartTag(selfClosing: previousByte == XMLBytes.slash)
                } else {
                    state = .text
                }
            } else if byte == XMLBytes.lessThan {
                if inStartTag { endStartTag(selfClosing: false) }
                markupPosition = here
                state = .markupStart
            } else {
                previousByte = byte
            }
        }
    }

    /// Whether the byte belongs to a UTF-8 byte order mark (EF BB BF) at the start of the file, which
    /// some Windows tools write. It counts as one column, as it is one scalar of the first line.
    private func isByteOrderMark(_ byte: UInt8) -> Bool {
        line == 1 && (scalarIndex == 0 && byte == 0xEF || scalarIndex == 1 && (byte == 0xBB || byte == 0xBF))
    }

    /// The end of the document: reports markup or elements left open.
    mutating func finish() {
        let end = here
        let found = "found the end of the file"
        switch state {
        case .text:
            if let top = open.last {
                let topName = innermostName
                syntaxError(
                    "expected </\(topName)> to close <\(topName)>, \(found)", at: end,
                    notes: [("<\(topName)> starts here", top.position)])
            } else {
                handler.endOfFile(at: end)
            }
        case .markupStart:
            syntaxError("expected an element name after '<', \(found)", at: markupPosition)
        case .bang, .doctype:
            syntaxError("expected '>' to end the declaration, \(found)", at: markupPosition)
        case .comment:
            syntaxError("expected '-->' to end the comment, \(found)", at: markupPosition)
        case .cdata:
            syntaxError("expected ']]>' to end the CDATA section, \(found)", at: markupPosition)
        case .processingInstruction:
            syntaxError("expected '?>' to end the processing instruction, \(found)", at: markupPosition)
        case .startTagName, .betweenAttributes, .attributeName, .afterAttributeName, .afterEquals,
            .afterAttributeValue, .selfClosingSlash:
            syntaxError("expected '>' to end the tag <\(name.shown)>, \(found)", at: markupPosition)
        case .attributeValue, .entity:
            syntaxError(
                "expected \(TraceText.describe(byte: quote)) to close the value of \"\(attributeName.shown)\", \(found)",
                at: quotePosition)
        case .endTagStart, .endTagName, .afterEndTagName:
            syntaxError("expected '>' to end the tag </\(name.shown)>, \(found)", at: markupPosition)
        case .skipMarkup:
            // The markup being skipped has been reported already; its truncation adds nothing.
            break
        }
    }

    // MARK: - Steps shared by several states

    /// The first character of the current value, just after its opening quote.
    private var valuePosition: TextPosition { TextPosition(line: quotePosition.line, column: quotePosition.column + 1) }

    /// The bytes of the open element at `index` in `openNames`.
    private func openNameRange(at index: Int) -> Range<Int> {
        (index == 0 ? 0 : open[index - 1].nameEnd)..<open[index].nameEnd
    }

    /// The name of the innermost open element.
    private var innermostName: String {
        openNames[openNameRange(at: open.count - 1)].withUnsafeBufferPointer { TraceText.excerpt($0) }
    }

    private func syntaxError(
        _ message: String, at position: TextPosition, notes: [(message: String, position: TextPosition?)] = []
    ) {
        reporter.error(.traceSyntax, message, at: position, notes: notes)
    }

    /// After a start tag's name or an attribute value: white space, `/>` or `>`.
    private mutating func afterNameOrValue(_ byte: UInt8, afterValue: Bool) {
        if XMLBytes.isWhitespace(byte) {
            state = .betweenAttributes
        } else if byte == XMLBytes.slash {
            state = .selfClosingSlash
        } else if byte == XMLBytes.greaterThan {
            endStartTag(selfClosing: false)
        } else {
            let what = afterValue ? "the value of \"\(attributeName.shown)\"" : "<\(name.shown)"
            syntaxError(
                "expected white space, '/>' or '>' after \(what), found \(TraceText.describe(byte: byte))", at: here)
            resynchronize(at: byte)
        }
    }

    private mutating func expectedEquals(_ byte: UInt8) {
        syntaxError(
            "expected '=' after the attribute name \"\(attributeName.shown)\", found \(TraceText.describe(byte: byte))",
            at: here)
        resynchronize(at: byte)
    }

    private mutating func expectedEndOfEndTag(_ byte: UInt8) {
        syntaxError("expected '>' to end the tag </\(name.shown)>, found \(TraceText.describe(byte: byte))", at: here)
        resynchronize(at: byte)
    }

    /// One more byte of an element name, refused past the cap (the tag is then skipped).
    private mutating func appendNameByte(_ byte: UInt8) {
        guard name.count < Self.maximumNameBytes else {
            syntaxError(
                "expected an element name of at most \(Self.maximumNameBytes) bytes, found a longer one",
                at: markupPosition)
            state = .skipMarkup
            return
        }
        name.append(byte)
    }

    /// Inside a comment or CDATA section: ends at two `closer` bytes and a `>` ("-->", "]]>").
    private mutating func skipUntilDoubledCloser(_ byte: UInt8, closer: UInt8) {
        if byte == closer {
            counter += 1
        } else if byte == XMLBytes.greaterThan, counter >= 2 {
            state = .text
        } else {
            counter = 0
        }
    }

    /// Matches the byte after `<!` and what follows against the keywords.
    private mutating func matchBang(_ byte: UInt8) {
        var stillMatching: UInt8 = 0
        for (bit, keyword) in XMLBytes.bangKeywords.enumerated() where bangCandidates & (1 << bit) != 0 {
            guard keyword[counter] == byte else { continue }
            if counter + 1 == keyword.count {
                counter = 0
                state = bit == 0 ? .comment : bit == 1 ? .cdata : .doctype
                return
            }
            stillMatching |= 1 << bit
        }
        counter += 1
        bangCandidates = stillMatching
        if stillMatching == 0 {
            syntaxError(
                "expected '--', '[CDATA[' or 'DOCTYPE' after '<!', found \(TraceText.describe(byte: byte))", at: here)
            resynchronize(at: byte)
        }
    }

    /// A start tag's name is complete: checks where it stands and tells the handler.
    private mutating func beginStartTag() -> Bool {
        guard open.count < Self.maximumDepth else {
            syntaxError(
                "expected elements nested at most \(Self.maximumDepth) deep, found <\(name.shown)> deeper",
                at: markupPosition)
            return false
        }
        if open.isEmpty, rootClosed {
            syntaxError(
                "expected one root element, found a second one <\(name.shown)>", at: markupPosition)
        }
        inStartTag = true
        tagIntact = true
        let depth = open.count
        let position = markupPosition
        wantAttributes = name.withBytes { handler.startTag(name: $0, depth: depth, at: position) }
        return true
    }

    private mutating func appendValue(_ byte: UInt8) {
        guard value.count < Self.maximumValueBytes else {
            valueTooLong()
            return
        }
        value.append(byte)
    }

    private mutating func appendValue(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard value.count + bytes.count <= Self.maximumValueBytes else {
            valueTooLong()
            return
        }
        value.append(contentsOf: bytes)
    }

    private mutating func valueTooLong() {
        syntaxError(
            "expected a value of at most \(Self.maximumValueBytes) bytes for \"\(attributeName.shown)\", found a longer one",
            at: valuePosition)
        wantValue = false
        tagIntact = false
    }

    /// `<` inside an attribute value: most likely its closing quote is missing.
    private mutating func valueInterrupted() {
        syntaxError(
            "expected \(TraceText.describe(byte: quote)) to close the value of \"\(attributeName.shown)\", found '<'",
            at: here, notes: [("the value starts here", quotePosition)])
        resynchronize(at: XMLBytes.lessThan)
    }

    /// Decodes the entity between `&` and `;` into the value.
    private mutating func decodeEntity() {
        let decoded: UInt32?
        let written = entity.text
        switch written {
        case "amp": decoded = 0x26
        case "lt": decoded = 0x3C
        case "gt": decoded = 0x3E
        case "quot": decoded = 0x22
        case "apos": decoded = 0x27
        default:
            if written.hasPrefix("#x") || written.hasPrefix("#X") {
                decoded = UInt32(written.dropFirst(2), radix: 16)
            } else if written.hasPrefix("#") {
                decoded = UInt32(written.dropFirst(), radix: 10)
            } else {
                decoded = nil
            }
        }
        guard let decoded, decoded != 0, let scalar = Unicode.Scalar(decoded) else {
            syntaxError(
                "expected &amp;, &lt;, &gt;, &quot;, &apos; or a character reference in the value of \"\(attributeName.shown)\", found '&\(entity.shown);'",
                at: entityPosition)
            wantValue = false
            tagIntact = false
            return
        }
        UTF8.encode(scalar) { appendValue($0) }
    }

    /// After a syntax error in markup: ends the markup at this byte if it can, or skips to its end.
    private mutating func resynchronize(at byte: UInt8) {
        tagIntact = false
        switch byte {
        case XMLBytes.lessThan:
            // Most likely the markup was left unterminated and this starts the next one.
            if inStartTag { endStartTag(selfClosing: false) }
            markupPosition = here
            state = .markupStart
        case XMLBytes.greaterThan:
            if inStartTag {
                endStartTag(selfClosing: false)
            } else {
                state = .text
            }
        default:
            previousByte = byte
            state = .skipMarkup
        }
    }

    private mutating func endStartTag(selfClosing: Bool) {
        inStartTag = false
        if selfClosing {
            if open.isEmpty { rootClosed = true }
        } else {
            name.withBytes { openNames.append(contentsOf: $0) }
            open.append(OpenElement(nameEnd: openNames.count, position: markupPosition, brokenStart: !tagIntact))
        }
        handler.startTagEnded(selfClosing: selfClosing, intact: tagIntact)
        state = .text
    }

    /// Whether the open element at `index` has the current name.
    private func openElementHasCurrentName(at index: Int) -> Bool {
        name.elementsEqual(openNames[openNameRange(at: index)])
    }

    private mutating func endTag() {
        state = .text
        let found = "</\(name.shown)>"
        guard let top = open.last else {
            let expected = rootClosed ? "the end of the file after the root element" : "a start tag"
            syntaxError("expected \(expected), found \(found)", at: markupPosition)
            return
        }
        if openElementHasCurrentName(at: open.count - 1) {
            closeInnermost()
            return
        }
        let topName = innermostName
        let match = open.indices.reversed().first { openElementHasCurrentName(at: $0) }
        // Elements whose own start tag was broken are closed quietly: their error is reported.
        if match == nil || !open[(match.map { $0 + 1 } ?? 0)...].allSatisfy(\.brokenStart) {
            syntaxError(
                "expected </\(topName)> to close <\(topName)>, found \(found)", at: markupPosition,
                notes: [("<\(topName)> starts here", top.position)])
        }
        if let match {
            while open.count > match { closeInnermost() }
        }
    }

    private mutating func closeInnermost() {
        open.removeLast()
        openNames.removeSubrange((open.last?.nameEnd ?? 0)...)
        handler.elementEnded()
        if open.isEmpty { rootClosed = true }
    }
}
