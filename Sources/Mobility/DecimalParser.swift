/// Parses decimal numbers straight from bytes, without making a string: the hot path of reading a
/// trace, where every sample holds three numbers.
enum DecimalParser {
    /// Exact powers of ten: a mantissa below 2^53 times or over one of these is correctly rounded
    /// (Clinger's fast path), which covers every number SUMO writes.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]

    /// The value of `bytes` if they are a whole decimal number — optional sign, digits with an optional
    /// fraction (at least one digit), optional exponent — and nil otherwise (no `inf`, `nan`, hex,
    /// or surrounding spaces). A number too large for a Double is infinite; callers reject that.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let count = bytes.count
        var i = 0
        var negative = false
        if i < count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var sawDigit = false
        // Digits past the 19th do not fit the mantissa; the slow path then rounds correctly.
        var truncated = false
        while i < count, bytes[i] &- UInt8(ascii: "0") < 10 {
            let digit = UInt64(bytes[i] &- UInt8(ascii: "0"))
            sawDigit = true
            if significantDigits < 19 {
                if mantissa != 0 || digit != 0 {
                    mantissa = mantissa * 10 + digit
                    significantDigits += 1
                }
            } else {
                exponent += 1
                truncated = truncated || digit != 0
            }
            i += 1
        }
        if i < count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < count, bytes[i] &- UInt8(ascii: "0") < 10 {
                let digit = UInt64(bytes[i] &- UInt8(ascii: "0"))
                sawDigit = true
                if significantDigits < 19 {
                    if mantissa != 0 || digit != 0 {
                        mantissa = mantissa * 10 + digit
                        significantDigits += 1
                    }
                    exponent -= 1
                } else {
                    truncated = truncated || digit != 0
                }
                i += 1
            }
        }
        guard sawDigit else { return nil }
        if i < count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var exponentNegative = false
            if i < count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var written = 0
            var sawExponentDigit = false
            while i < count, bytes[i] &- UInt8(ascii: "0") < 10 {
                sawExponentDigit = true
                // Saturate: anything this large is zero or infinite anyway.
                if written < 100_000 { written = written * 10 + Int(bytes[i] &- UInt8(ascii: "0")) }
                i += 1
            }
            guard sawExponentDigit else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard i == count else { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if !truncated, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let magnitude =
                exponent >= 0
                ? Double(mantissa) * powersOfTen[exponent] : Double(mantissa) / powersOfTen[-exponent]
            return negative ? -magnitude : magnitude
        }
        // Rare (more than 15 digits, or a large exponent): the standard library rounds correctly.
        // The grammar was checked above, so this cannot accept "inf", "nan" or hex.
        return Double(String(decoding: bytes, as: UTF8.self)) ?? (negative ? -.infinity : .infinity)
    }
}
