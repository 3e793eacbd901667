import Report
import Testing

/// Escaping of ids (they come from the user's YAML) and the short numbers of the drawing.
struct HTMLTextTests {
    @Test func textEscapesMarkup() {
        #expect(HTMLText.escape("a<b>&c") == "a&lt;b&gt;&amp;c")
        // Quotes are harmless in text content and stay readable.
        #expect(HTMLText.escape("say \"hi\" 'x'") == "say \"hi\" 'x'")
        #expect(HTMLText.escape("ap1") == "ap1")
    }

    @Test func attributeEscapesQuotes() {
        let hostile = "x\" onmouseover=\"alert(1)\" y='<z>&"
        #expect(
            HTMLText.attribute(hostile)
                == "x&quot; onmouseover=&quot;alert(1)&quot; y=&#39;&lt;z&gt;&amp;")
        #expect(!HTMLText.attribute(hostile).contains("\""))
    }

    @Test func controlCharactersAreReplaced() {
        #expect(HTMLText.escape("a\u{0}b\u{1B}c") == "a\u{FFFD}b\u{FFFD}c")
        #expect(HTMLText.escape("line\nnext\ttab") == "line\nnext\ttab")
        // Other scripts pass through untouched.
        #expect(HTMLText.attribute("ユーザー→1") == "ユーザー→1")
    }

    @Test func shortNumbers() {
        #expect(ShortNumber.format(12.34) == "12.3")
        // 0.25 is exact in binary: half-way rounds away from zero.
        #expect(ShortNumber.format(0.25, decimals: 1) == "0.3")
        #expect(ShortNumber.format(3.0) == "3")
        #expect(ShortNumber.format(0.04) == "0")
        #expect(ShortNumber.format(-0.04) == "0")
        #expect(ShortNumber.format(-2.5, decimals: 0) == "-3")
        #expect(ShortNumber.format(0.0501, decimals: 3) == "0.05")
        #expect(ShortNumber.format(-1.007, decimals: 2) == "-1.01")
        #expect(ShortNumber.format(1234567.891, decimals: 2) == "1234567.89")
        #expect(ShortNumber.format(.nan) == "0")
        #expect(ShortNumber.format(.infinity) == "0")
        #expect(ShortNumber.format(1e20) == "100000000000000000000")
    }

    @Test func unitsForPeople() {
        #expect(ShortNumber.seconds(0.05) == "50 ms")
        #expect(ShortNumber.seconds(25.0887) == "25.089 s")
        #expect(ShortNumber.bytes(999) == "999 B")
        #expect(ShortNumber.bytes(1_250_000) == "1.25 MB")
        #expect(ShortNumber.bytes(3_000_000_000) == "3 GB")
    }
}
