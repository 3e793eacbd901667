import Diagnostics
import Foundation

/// A parsed dimensioned scalar.
public struct ParsedQuantity: Sendable, Hashable {
    /// The value in the base unit of its kind.
    public let value: Double
    /// For times: the value in whole nanoseconds, computed exactly from the decimal text.
    public let exactNanoseconds: Int64?
}

/// Why a quantity did not parse; `message` is the diagnostic text.
public struct UnitParseError: Error, Sendable, Hashable {
    public let message: String
    /// A corrected spelling to suggest, when there is a likely one.
    public let suggestion: String?
}

/// Parses `"<number> <unit>"` strings of SPEC §1 ("Quantities and units").
public enum UnitParser {
    /// Parses `text` as a quantity of `kind`. `isBareNumber` says the YAML scalar was an unquoted
    /// number, which matters only for messages.
    public static func parse(_ text: String, as kind: QuantityKind) -> Result<ParsedQuantity, UnitParseError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let expectation = "expected \(kind.noun) such as \"\(kind.example)\""
        guard let (numberText, rest) = splitNumber(trimmed) else {
            let lower = trimmed.lowercased()
            if ["nan", ".nan", "inf", ".inf", "-inf", "-.inf", "+inf", "infinity", "-infinity"].contains(
                where: { lower.hasPrefix($0) })
            {
                return .failure(
                    UnitParseError(
                        message: "\(expectation), found \(DiagnosticText.quote(trimmed)), which is not a finite number",
                        suggestion: nil))
            }
            let shown = trimmed.isEmpty ? "an empty value" : DiagnosticText.quote(trimmed)
            return .failure(UnitParseError(message: "\(expectation), found \(shown)", suggestion: nil))
        }
        guard let number = Double(numberText), number.isFinite else {
            return .failure(
                UnitParseError(
                    message: "\(expectation), found \(DiagnosticText.quote(trimmed)), which is not a finite number",
                    suggestion: nil))
        }
        let unit = rest.trimmingCharacters(in: .whitespaces)
        if unit.isEmpty {
            if kind.acceptsBareNumber {
                if kind == .ratio, !(0...1).contains(number) {
                    return .failure(
                        UnitParseError(
                            message: "a ratio written as a bare number must lie in [0, 1], found \(numberText)",
                            suggestion: "\(numberText) %"))
                }
                return .success(ParsedQuantity(value: number, exactNanoseconds: nil))
            }
            return .failure(
                UnitParseError(
                    message: "\(expectation), found the bare number \(DiagnosticText.excerpt(numberText))",
                    suggestion: nil
                ))
        }
        if let factor = kind.units.first(where: { $0.symbol == unit })?.factor {
            let value = number * factor
            guard value.isFinite else {
                return .failure(
                    UnitParseError(message: "\(DiagnosticText.quote(trimmed)) is too large", suggestion: nil))
            }
            let nanoseconds = kind == .time ? exactNanoseconds(numberText, secondsPerUnit: factor) : nil
            return .success(ParsedQuantity(value: value, exactNanoseconds: nanoseconds))
        }
        // A unit of another dimension is a clearer mistake to name than an unknown unit.
        if let other = QuantityKind.allCases.first(where: { other in
            other != kind && other.units.contains { $0.symbol == unit }
        }) {
            return .failure(
                UnitParseError(
                    message: "\(expectation), found \(other.noun) \(DiagnosticText.quote(trimmed))", suggestion: nil))
        }
        let suggestion = Suggestions.closestUnit(unit, in: kind.units.map(\.symbol)).map { "\(numberText) \($0)" }
        // The whole text is quoted for context only when it is short: a long unit is printed once.
        let context =
            trimmed.unicodeScalars.count <= DiagnosticText.maximumQuotedScalars
            ? " in \(DiagnosticText.quote(trimmed))" : " after the number \(DiagnosticText.excerpt(numberText))"
        return .failure(
            UnitParseError(
                message: "unknown unit \(DiagnosticText.quote(unit))\(context); \(kind.noun) takes \(kind.unitList)",
                suggestion: suggestion))
    }

    /// Splits a leading decimal number (sign, digits, fraction, exponent) from the rest.
    static func splitNumber(_ text: String) -> (String, Substring)? {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        if i < scalars.count, scalars[i] == "+" || scalars[i] == "-" { i += 1 }
        let digitsStart = i
        while i < scalars.count, ("0"..."9").contains(scalars[i]) { i += 1 }
        var digitCount = i - digitsStart
        if i < scalars.count, scalars[i] == "." {
            i += 1
            let fractionStart = i
            while i < scalars.count, ("0"..."9").contains(scalars[i]) { i += 1 }
            digitCount += i - fractionStart
        }
        guard digitCount > 0 else { return nil }
        if i < scalars.count, scalars[i] == "e" || scalars[i] == "E" {
            var j = i + 1
            if j < scalars.count, scalars[j] == "+" || scalars[j] == "-" { j += 1 }
            let exponentStart = j
            while j < scalars.count, ("0"..."9").contains(scalars[j]) { j += 1 }
            if j > exponentStart { i = j }
        }
        var number = String.UnicodeScalarView()
        number.append(contentsOf: scalars[0..<i])
        var rest = String.UnicodeScalarView()
        rest.append(contentsOf: scalars[i...])
        return (String(number), Substring(String(rest)))
    }

    /// The time in whole nanoseconds, rounded half away from zero, computed in decimal so that
    /// "0.1 ms" is exactly 100000 ns.
    private static func exactNanoseconds(_ numberText: String, secondsPerUnit: Double) -> Int64? {
        guard var decimal = Decimal(string: numberText, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        let nanosecondsPerUnit: Decimal =
            switch secondsPerUnit {
            case 1e-6: 1_000
            case 1e-3: 1_000_000
            case 1: 1_000_000_000
            case 60: 60_000_000_000
            default: 3_600_000_000_000
            }
        decimal *= nanosecondsPerUnit
        var rounded = Decimal()
        NSDecimalRound(&rounded, &decimal, 0, .plain)
        let number = NSDecimalNumber(decimal: rounded)
        guard number.compare(NSDecimalNumber(value: Int64.max)) == .orderedAscending,
            number.compare(NSDecimalNumber(value: Int64.min)) == .orderedDescending
        else { return nil }
        return number.int64Value
    }
}

extension Suggestions {
    /// Units differ from typos of words: a wrong case ("mbps") is the common slip, so case-insensitive
    /// matches come first, then small edit distances.
    static func closestUnit(_ unit: String, in symbols: [String]) -> String? {
        if let sameLetters = symbols.first(where: { $0.lowercased() == unit.lowercased() }) { return sameLetters }
        return closest(to: unit, in: symbols)
    }
}
