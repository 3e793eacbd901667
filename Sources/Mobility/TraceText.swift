import Diagnostics

/// How bytes, values and numbers of a trace are written in messages, so every message quotes the
/// same way. A trace may be any file the workload names (docs/reliability.md, "Inputs"), so what a
/// message echoes of it is short and escaped: at most `maximumValueScalars` of an offending field
/// (a line of a password file is a field of a CSV "trace"), control characters and bidirectional
/// overrides written as escapes (`DiagnosticText`), never a whole line.
enum TraceText {
    /// Field values are quoted up to this many Unicode scalars, then elided: enough to see a typo
    /// in a number ("2OO.00"), too little to copy out another file's lines.
    static let maximumValueScalars = 12
    /// Vehicle ids and XML names are quoted up to this many: they come from rows and elements
    /// that parsed, and `check` lists the ids anyway.
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

    /// A value as found: `"abc"`, escaped and elided when long; "an empty value" when there is nothing.
    static func quote(_ bytes: some Collection<UInt8>) -> String {
        if bytes.isEmpty { return "an empty value" }
        return DiagnosticText.quote(String(decoding: bytes, as: UTF8.self), limit: maximumValueScalars)
    }

    /// A vehicle id, quoted and escaped.
    static func quote(id: String) -> String { DiagnosticText.quote(id, limit: maximumQuotedScalars) }

    /// An element or attribute name, escaped and elided as ids are, without quotes.
    static func excerpt(_ bytes: some Collection<UInt8>) -> String {
        DiagnosticText.excerpt(String(decoding: bytes, as: UTF8.self), limit: maximumQuotedScalars)
    }

    /// A number as people write it: "5" rather than "5.0", otherwise the shortest exact form.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
