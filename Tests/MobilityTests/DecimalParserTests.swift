import Foundation
import Testing

@testable import Mobility

/// The byte-level number parser agrees with the standard library on everything it accepts, and
/// accepts exactly plain decimal numbers.
struct DecimalParserTests {
    static func parse(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { DecimalParser.parse($0) }
    }

    @Test func plainDecimals() {
        #expect(Self.parse("0.00") == 0)
        #expect(Self.parse("-0.00")?.sign == .minus)
        #expect(Self.parse("13.89") == 13.89)
        #expect(Self.parse("+7") == 7)
        #expect(Self.parse(".5") == 0.5)
        #expect(Self.parse("5.") == 5)
        #expect(Self.parse("1e3") == 1000)
        #expect(Self.parse("2.5E-3") == 0.0025)
        #expect(Self.parse("007.50") == 7.5)
        #expect(Self.parse("52.520008") == 52.520008)
        #expect(Self.parse("13.40495400000000000001") == 13.404954)
        #expect(Self.parse("1e400") == .infinity)
        #expect(Self.parse("-1e400") == -.infinity)
        #expect(Self.parse("1e-400") == 0)
        #expect(Self.parse("123456789012345678901234567890") == 123456789012345678901234567890.0)
    }

    @Test(arguments: [
        "", "-", "+", ".", "-.", "e5", "1e", "1e+", "1.2.3", "1,5", "inf", "-inf", "nan", "0x10", " 1", "1 ", "--1",
        "+-1", "1e5.0", "١",
    ])
    func rejects(text: String) {
        #expect(Self.parse(text) == nil)
    }

    /// Random decimals in many shapes parse to exactly what `Double(String)` gives (correct
    /// rounding on both the fast and the slow path).
    @Test func agreesWithTheStandardLibrary() {
        var random = FuzzTests.Generator(state: 11)
        for _ in 0..<20_000 {
            var text = random.next(4) == 0 ? "-" : ""
            text += String((0..<(1 + random.next(12))).map { _ in Character(String(random.next(10))) })
            if random.next(3) > 0 {
                text += "." + String((0..<random.next(14)).map { _ in Character(String(random.next(10))) })
            }
            if random.next(4) == 0 { text += "e\(random.next(2) == 0 ? "-" : "")\(random.next(40))" }
            let expected = Double(text)
            #expect(Self.parse(text) == expected, "\(text)")
        }
    }

    /// The FCD reader's attribute keys are written out as literals for speed; they must be what
    /// `attributeKey` computes.
    @Test func attributeKeysMatchTheirNames() {
        #expect(FCDHandler.idKey == attributeKey("id"))
        #expect(FCDHandler.timeKey == attributeKey("time"))
        #expect(FCDHandler.xKey == attributeKey("x"))
        #expect(FCDHandler.yKey == attributeKey("y"))
        #expect(FCDHandler.lonKey == attributeKey("lon"))
        #expect(FCDHandler.latKey == attributeKey("lat"))
        #expect(attributeKey("noNamespaceSchemaLocation") == 0)
    }
}
