/// Indents compact JSON two spaces a level, `"key": value`, empty containers as `[]` and `{}`.
/// Numbers and strings keep the encoder's exact text (shortest round-trip doubles).
public enum CanonicalJSON {
    public static func indent(_ compact: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(compact.count * 2)
        var depth = 0
        var inString = false
        var escaped = false
        var index = 0
        func newline() {
            out.append(0x0A)
            out.append(contentsOf: [UInt8](repeating: 0x20, count: 2 * depth))
        }
        while index < compact.count {
            let byte = compact[index]
            if inString {
                out.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                out.append(byte)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if index + 1 < compact.count, compact[index + 1] == close {
                    out.append(byte)
                    out.append(close)
                    index += 1
                } else {
                    out.append(byte)
                    depth += 1
                    newline()
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                newline()
                out.append(byte)
            case UInt8(ascii: ","):
                out.append(byte)
                newline()
            case UInt8(ascii: ":"):
                out.append(contentsOf: [byte, 0x20])
            default:
                out.append(byte)
            }
            index += 1
        }
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    static func indent(_ compact: some Sequence<UInt8>) -> String { indent(Array(compact)) }
}
