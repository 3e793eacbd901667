/// How text from the inputs is written into messages: quoted once, cut to a readable length, and
/// with control characters escaped, so that a 10 MB value prints as a line and a value holding
/// terminal escapes or bidirectional overrides cannot rewrite what the terminal shows.
public enum DiagnosticText {
    /// A quoted value keeps this many Unicode scalars, then ends with "…".
    public static let maximumQuotedScalars = 80
    /// A whole message or note keeps this many scalars (a backstop for values written unquoted).
    public static let maximumMessageScalars = 1000

    /// `"value"`, escaped and cut after `limit` scalars with "…". Quotes and backslashes inside are
    /// escaped, so the quoted value ends where it seems to.
    public static func quote(_ value: some StringProtocol, limit: Int = maximumQuotedScalars) -> String {
        "\"" + excerpt(value, limit: limit, escapingQuotes: true) + "\""
    }

    /// The value escaped and cut after `limit` scalars with "…", without quotes.
    public static func excerpt(
        _ value: some StringProtocol, limit: Int = maximumQuotedScalars, escapingQuotes: Bool = false
    ) -> String {
        var out = String.UnicodeScalarView()
        var kept = 0
        for scalar in value.unicodeScalars {
            if kept == limit {
                out.append("…")
                break
            }
            kept += 1
            if escapingQuotes, scalar == "\"" || scalar == "\\" {
                out.append("\\")
                out.append(scalar)
            } else {
                appendEscaped(scalar, to: &out)
            }
        }
        return String(out)
    }

    /// Whether a scalar must not reach a terminal as it is: C0 and C1 controls, DEL, line and
    /// paragraph separators, and the bidirectional controls of "Trojan Source" (CVE-2021-42574).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
            return true
        default:
            return false
        }
    }

    /// "U+001B": how a message names a scalar it will not print.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `\n`, `\t`, `\r`, or `\u{1B}` for an unsafe scalar; the scalar itself otherwise.
    static func appendEscaped(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        guard isUnsafe(scalar) else {
            out.append(scalar)
            return
        }
        let escape: String =
            switch scalar {
            case "\n": "\\n"
            case "\t": "\\t"
            case "\r": "\\r"
            default: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        out.append(contentsOf: escape.unicodeScalars)
    }

    /// A message made safe to print whoever built it: unsafe scalars escaped, every double-quoted
    /// segment cut to `maximumQuotedScalars`, and the whole cut to `maximumMessageScalars`.
    /// `Diagnostic` and `DiagnosticNote` apply it, so the guarantee holds for every diagnostic,
    /// also where a message interpolates a value without `quote(_:)`.
    public static func bounded(_ message: String) -> String {
        // The common case — short, printable — is returned as it is.
        var needsWork = false
        var count = 0
        for scalar in message.unicodeScalars {
            count += 1
            if count > maximumQuotedScalars || isUnsafe(scalar) {
                needsWork = true
                break
            }
        }
        guard needsWork else { return message }
        var out = String.UnicodeScalarView()
        var total = 0
        var inQuote = false
        var quoted = 0
        var cutting = false
        // Inside a quote, an escape (`\"`, `\n`, `\u{1B}`) is one character of the value, as
        // `quote(_:)` counts it, so a value it cut is not cut again.
        var escaped = false
        var inUnicodeEscape = false
        let scalars = Array(message.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if total >= maximumMessageScalars {
                out.append("…")
                break
            }
            // `'"'` names the character (a trace reader's "found '"'"); it delimits nothing.
            let named = index > 0 && index + 1 < scalars.count && scalars[index - 1] == "'" && scalars[index + 1] == "'"
            let isQuote = scalar == "\"" && !escaped && !inUnicodeEscape && !named
            var continuesCharacter = false
            if inQuote {
                if inUnicodeEscape {
                    continuesCharacter = true
                    if scalar == "}" { inUnicodeEscape = false }
                } else if escaped {
                    continuesCharacter = true
                    escaped = false
                    inUnicodeEscape = scalar == "u" && index + 1 < scalars.count && scalars[index + 1] == "{"
                } else if scalar == "\\" {
                    escaped = true
                }
            }
            if isQuote {
                inQuote.toggle()
                quoted = 0
                cutting = false
                escaped = false
                inUnicodeEscape = false
            } else if inQuote {
                if cutting { continue }
                if !continuesCharacter {
                    if quoted == maximumQuotedScalars {
                        out.append("…")
                        total += 1
                        cutting = true
                        continue
                    }
                    quoted += 1
                }
            }
            let before = out.count
            appendEscaped(scalar, to: &out)
            total += out.count - before
        }
        return String(out)
    }
}
