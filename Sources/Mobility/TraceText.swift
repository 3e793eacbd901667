/// How bytes, values and numbers of a trace are written in messages, so every message quotes the
/// same way.
enum TraceText {
    /// Values are quoted up to this many Unicode scalars, then elided.
    static let maximumQuotedScalars = 40

    /// A single byte met where something else was expected.
    static func describe(byte: UInt8) -> String {
        switch byte {
        case 0x0A: return "a line break"
        case 0x0D: return "a carriage return"
        case 0x09: return "a tab"
        case 0x20: return "a space"
        case 0x27: return "\"'\""
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            return "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
        }
    }

    /// A value as found: `"abc"`, elided when long; "an empty value" when there is nothing.
    static func quote(_ bytes: some Collection<UInt8>) -> String {
        if bytes.isEmpty { return "an empty value" }
        let text = String(decoding: bytes, as: UTF8.self)
        let scalars = text.unicodeScalars
        if scalars.count <= maximumQuotedScalars { return "\"\(text)\"" }
        var prefix = String.UnicodeScalarView()
        prefix.append(contentsOf: scalars.prefix(maximumQuotedScalars))
        return "\"\(String(prefix))…\""
    }

    /// A number as people write it: "5" rather than "5.0", otherwise the shortest exact form.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
