import Foundation

/// Escaping and number formatting for the HTML and SVG the report writes.
///
/// Ids come from the user's YAML and may hold any character, so every id, label and title passes
/// through here before it reaches the page.
public enum HTMLText {
    /// Text content: `&`, `<` and `>` escaped, so an id such as `a<b` cannot open an element.
    public static func escape(_ text: String) -> String {
        escape(text, quotes: false)
    }

    /// An attribute value, to be written between double quotes: quotes are escaped too, so
    /// `data-user="x" onclick="…"` cannot be smuggled in through an id.
    public static func attribute(_ text: String) -> String {
        escape(text, quotes: true)
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        // Most ids need nothing: return them without building a new string.
        let needsWork = text.unicodeScalars.contains { scalar in
            switch scalar {
            case "&", "<", ">": true
            case "\"", "'": quotes
            default: scalar.value < 0x20 && scalar != "\n" && scalar != "\t"
            }
        }
        guard needsWork else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&#39;"
            // Control characters (NUL among them) are not allowed in HTML text: show a replacement.
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Short decimal numbers for coordinates and labels: at most `decimals` places, trailing zeros
/// dropped, never `-0`, never an exponent. Written by hand rather than with `String(format:)`,
/// which is slow on Linux and a city's map writes millions of coordinates.
public enum ShortNumber {
    /// `value` rounded to `decimals` places (0...6); non-finite values print as `0`.
    public static func format(_ value: Double, decimals: Int = 1) -> String {
        let places = min(max(decimals, 0), 6)
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * Double(scale)).rounded()
        guard value.isFinite else { return "0" }
        // Beyond ±9e15 a Double has no fractional digits left to show, and Int64 soon overflows.
        guard abs(scaled) < 9e15 else { return String(format: "%.0f", value) }
        let integer = Int64(scaled)
        if integer == 0 { return "0" }
        let negative = integer < 0
        let magnitude = negative ? -integer : integer
        var text = String(magnitude / scale)
        var fraction = magnitude % scale
        if fraction != 0 {
            var digits = places
            while fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        }
        return negative ? "-" + text : text
    }

    /// A duration in seconds for people: `12.35 s`, or `850 ms` below one second.
    public static func seconds(_ value: Double) -> String {
        abs(value) < 1 && value != 0 ? format(value * 1000, decimals: 1) + " ms" : format(value, decimals: 3) + " s"
    }

    /// A size in bytes for people: `1.25 MB` (decimal units, as the simulator prints).
    public static func bytes(_ value: Int64) -> String {
        let bytes = Double(value)
        if bytes >= 1e9 { return format(bytes / 1e9, decimals: 2) + " GB" }
        if bytes >= 1e6 { return format(bytes / 1e6, decimals: 2) + " MB" }
        if bytes >= 1e3 { return format(bytes / 1e3, decimals: 2) + " kB" }
        return String(value) + " B"
    }
}
