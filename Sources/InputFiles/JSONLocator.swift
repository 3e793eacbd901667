import Foundation

/// Finds the value at a coding path in JSON text, so a decoding error can say on which line it is.
/// Reads just enough JSON to skip values; the text has already been parsed, so it is well formed
/// wherever the decoder went.
struct JSONLocator {
    private let bytes: [UInt8]

    init(_ data: Data) { bytes = [UInt8](data) }

    /// The byte offset of the value at `codingPath`, and what kind of JSON value is there.
    func value(at codingPath: [any CodingKey]) -> (offset: Int, kind: String)? {
        var offset = skipBlanks(from: 0)
        // A byte order mark is not part of the value.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = skipBlanks(from: 3) }
        for key in codingPath {
            guard offset < bytes.count else { return nil }
            if let index = Self.index(of: key), bytes[offset] == UInt8(ascii: "[") {
                guard let element = element(index, ofArrayAt: offset) else { return nil }
                offset = element
            } else if bytes[offset] == UInt8(ascii: "{") {
                guard let member = member(key.stringValue, ofObjectAt: offset) else { return nil }
                offset = member
            } else {
                return nil
            }
        }
        guard offset < bytes.count else { return nil }
        return (offset, kind(at: offset))
    }

    /// The array position a coding key stands for; Foundation names some "Index N".
    static func index(of key: any CodingKey) -> Int? {
        if let index = key.intValue { return index }
        if key.stringValue.hasPrefix("Index "), let index = Int(key.stringValue.dropFirst(6)) { return index }
        return nil
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    static func lineColumn(of offset: Int, in data: Data) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        for byte in data.prefix(offset) {
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        // Continuation bytes (10xxxxxx) do not start a scalar.
        let column = data[data.startIndex + lineStart..<data.startIndex + offset].reduce(1) {
            $1 & 0xC0 == 0x80 ? $0 : $0 + 1
        }
        return (line, column)
    }

    private func kind(at offset: Int) -> String {
        switch bytes[offset] {
        case UInt8(ascii: "\""): "a string"
        case UInt8(ascii: "{"): "an object"
        case UInt8(ascii: "["): "an array"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "true or false"
        case UInt8(ascii: "n"): "null"
        default: "a number"
        }
    }

    private func skipBlanks(from start: Int) -> Int {
        var offset = start
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
        return offset
    }

    /// The offset just past the value starting at `start`.
    private func skip(valueAt start: Int) -> Int {
        guard start < bytes.count else { return start }
        switch bytes[start] {
        case UInt8(ascii: "\""): return skip(stringAt: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var offset = start
            while offset < bytes.count {
                switch bytes[offset] {
                case UInt8(ascii: "\""):
                    offset = skip(stringAt: offset)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return offset + 1 }
                default: break
                }
                offset += 1
            }
            return offset
        default:
            var offset = start
            while offset < bytes.count,
                ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D]
                    .contains(bytes[offset])
            {
                offset += 1
            }
            return offset
        }
    }

    /// The offset just past the string whose opening quote is at `start`.
    private func skip(stringAt start: Int) -> Int {
        var offset = start + 1
        while offset < bytes.count {
            if bytes[offset] == UInt8(ascii: "\\") {
                offset += 2
                continue
            }
            if bytes[offset] == UInt8(ascii: "\"") { return offset + 1 }
            offset += 1
        }
        return offset
    }

    /// The text of the string whose opening quote is at `start`, escapes decoded.
    private func string(at start: Int) -> String {
        let end = skip(stringAt: start)
        let body = Data(bytes[(start)..<min(end, bytes.count)])
        return (try? JSONDecoder().decode(String.self, from: body)) ?? ""
    }

    private func element(_ index: Int, ofArrayAt start: Int) -> Int? {
        var offset = skipBlanks(from: start + 1)
        var position = 0
        while offset < bytes.count, bytes[offset] != UInt8(ascii: "]") {
            if position == index { return offset }
            offset = skipBlanks(from: skip(valueAt: offset))
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ",") else { return nil }
            offset = skipBlanks(from: offset + 1)
            position += 1
        }
        return nil
    }

    private func member(_ name: String, ofObjectAt start: Int) -> Int? {
        var offset = skipBlanks(from: start + 1)
        while offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") {
            let key = string(at: offset)
            offset = skipBlanks(from: skip(stringAt: offset))
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { return nil }
            offset = skipBlanks(from: offset + 1)
            if key == name { return offset }
            offset = skipBlanks(from: skip(valueAt: offset))
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ",") else { return nil }
            offset = skipBlanks(from: offset + 1)
        }
        return nil
    }
}
