import Diagnostics
import EdgeModel
import Foundation
import Mobility
import Testing

/// What the FCD reader accepts, and every error it reports with its exact place and message.
struct FCDTests {
    typealias Support = TraceTestSupport

    // MARK: - Accepted

    /// XML the way other tools may write it: single quotes, attributes across lines, open/close
    /// sample elements with content, entities in ids, comments, a DOCTYPE, CDATA, a byte order mark,
    /// CRLF line ends, and elements and attributes the reader ignores.
    @Test func acceptsTheXMLOfOtherWriters() throws {
        let text =
            "\u{FEFF}<?xml version='1.0' encoding='UTF-8'?>\r\n"
            + "<!DOCTYPE fcd-export [ <!ENTITY x \"y\"> ]>\r\n"
            + "<!-- a comment with <tags> and -- dashes -->\r\n"
            + "<fcd-export xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\r\n"
            + "  <timestep time='0.50'>\r\n"
            + "    <vehicle\r\n      id='a&amp;b &lt;&gt;&quot;&apos;&#233;&#x41;'\r\n      x = \"1.5\"\ty=\"-2e1\"\r\n"
            + "      angle=\"not a number: ignored\" speed=\"&bogus;\"></vehicle>\r\n"
            + "    <person id=\"p\" x=\"3\" y=\"4\"><param key=\"k\" value=\"v\"/></person>\r\n"
            + "    <container id=\"c\" x=\".5\" y=\"6.\"/>\r\n"
            + "    <![CDATA[ <vehicle id=\"not-a-vehicle\"/> ]]>\r\n"
            + "    <vehicle-extra id=\"ignored\"/>\r\n"
            + "  </timestep>\r\n"
            + "  <timestep time=\"1.5\" >\r\n"
            + "    <vehicle x=\"2.5\" y=\"-20\" id=\"a&amp;b &lt;&gt;&quot;&apos;éA\" />\r\n"
            + "  </timestep >\r\n"
            + "</fcd-export>\r\n<!-- trailing comment -->\r\n"
        let (trajectories, messages) = Support.read(text, format: .sumoFCD)
        #expect(messages == [])
        #expect(trajectories.map(\.id) == ["a&b <>\"'éA", "p", "c"])
        #expect(
            trajectories.first?.samples == [
                TraceSample(timeSeconds: 0.5, x: 1.5, y: -20), TraceSample(timeSeconds: 1.5, x: 2.5, y: -20),
            ])
        #expect(trajectories.map(\.firstLocation.line) == [6, 10, 11])
        // The byte order mark is the first scalar of line 1; other lines count from 1.
        #expect(trajectories.map(\.firstLocation.column) == [5, 5, 5])
        #expect(trajectories[2].samples == [TraceSample(timeSeconds: 0.5, x: 0.5, y: 6)])
    }

    /// A vehicle may leave the trace and come back (the model holds it linearly across the gap).
    @Test func vehiclesMayDisappearAndReappear() {
        let text = """
            <fcd-export>
            <timestep time="0"><vehicle id="v" x="0" y="0"/></timestep>
            <timestep time="1"/>
            <timestep time="2"></timestep>
            <timestep time="3"><vehicle id="w" x="9" y="9"/><vehicle id="v" x="30" y="0"/></timestep>
            </fcd-export>
            """
        let (trajectories, messages) = Support.read(text, format: .sumoFCD)
        #expect(messages == [])
        #expect(trajectories.map(\.id) == ["v", "w"])
        #expect(trajectories[0].samples.map(\.timeSeconds) == [0, 3])
        #expect(trajectories[0].motion(projection: nil).position(at: Seconds(1)) == PlanePoint(xMeters: 10, yMeters: 0))
    }

    /// Geographic FCD may name the coordinates x/y (SUMO's --fcd-output.geo) or lon/lat; with both,
    /// lon/lat win.
    @Test func geographicCoordinatesByEitherName() {
        let text = Support.fcd(
            "<vehicle id=\"a\" x=\"13.4\" y=\"52.5\"/>", "<vehicle id=\"b\" lon=\"-0.1\" lat=\"51.5\"/>",
            "<vehicle id=\"c\" x=\"1000\" y=\"2000\" lon=\"2.35\" lat=\"48.85\"/>")
        let (trajectories, messages) = Support.read(text, format: .sumoFCD, coordinates: .geographic)
        #expect(messages == [])
        #expect(
            trajectories.map { [$0.samples[0].x, $0.samples[0].y] } == [[13.4, 52.5], [-0.1, 51.5], [2.35, 48.85]])
    }

    @Test func wellFormedButEmptyIsAWarning() {
        let (trajectories, messages) = Support.read(
            "<fcd-export>\n<timestep time=\"0\"/>\n</fcd-export>\n", format: .sumoFCD)
        #expect(trajectories.isEmpty)
        #expect(
            messages == [
                "t.xml:1:1: warning: expected <vehicle>, <person> or <container> elements inside <timestep>, found no vehicle in this trace [trace-empty]"
            ])
    }

    // MARK: - Errors

    /// Each malformed document, and exactly what it reports.
    static let errorCases: [(name: String, text: String, coordinates: CoordinateSystem, messages: [String])] = [
        (
            "empty file", "", .plane,
            [
                "t.xml:1:1: error: expected the root element <fcd-export> of SUMO's --fcd-output, found the end of the file [trace-syntax]"
            ]
        ),
        (
            "another root", "<?xml version=\"1.0\"?>\n<routes/>\n", .plane,
            [
                "t.xml:2:1: error: expected the root element <fcd-export> of SUMO's --fcd-output, found <routes> [trace-syntax]"
            ]
        ),
        (
            "unterminated tag", "<fcd-export>\n<timestep time=\"0\">\n  <vehicle id=\"a\" x=\"1\" y=\"2\"", .plane,
            ["t.xml:3:3: error: expected '>' to end the tag <vehicle>, found the end of the file [trace-syntax]"]
        ),
        (
            "unterminated end tag", "<fcd-export>\n</fcd-export", .plane,
            ["t.xml:2:1: error: expected '>' to end the tag </fcd-export>, found the end of the file [trace-syntax]"]
        ),
        (
            "unterminated value", "<fcd-export>\n<timestep time=\"0\">\n<vehicle id=\"a", .plane,
            ["t.xml:3:13: error: expected '\"' to close the value of \"id\", found the end of the file [trace-syntax]"]
        ),
        (
            "value cut by a tag",
            Support.fcd("<vehicle id='a x=\"1\" y=\"2\"/>", "<vehicle id=\"b\" x=\"1\" y=\"2\"/>"), .plane,
            [
                "t.xml:4:1: error: expected \"'\" to close the value of \"id\", found '<' [trace-syntax]",
                "  t.xml:3:13: note: the value starts here",
            ]
        ),
        (
            "unterminated comment", "<fcd-export>\n  <!-- note\n", .plane,
            ["t.xml:2:3: error: expected '-->' to end the comment, found the end of the file [trace-syntax]"]
        ),
        (
            "unterminated CDATA", "<fcd-export><![CDATA[ x ]>", .plane,
            ["t.xml:1:13: error: expected ']]>' to end the CDATA section, found the end of the file [trace-syntax]"]
        ),
        (
            "unterminated declaration", "<?xml version=\"1.0\"", .plane,
            [
                "t.xml:1:1: error: expected '?>' to end the processing instruction, found the end of the file [trace-syntax]"
            ]
        ),
        (
            "element left open", "<fcd-export>\n<timestep time=\"0\">\n<vehicle id=\"a\" x=\"1\" y=\"2\"/>\n", .plane,
            [
                "t.xml:4:1: error: expected </timestep> to close <timestep>, found the end of the file [trace-syntax]",
                "  t.xml:2:1: note: <timestep> starts here",
            ]
        ),
        (
            "mismatched end tag", "<fcd-export>\n<timestep time=\"0\">\n</fcd-export>\n", .plane,
            [
                "t.xml:3:1: error: expected </timestep> to close <timestep>, found </fcd-export> [trace-syntax]",
                "  t.xml:2:1: note: <timestep> starts here",
            ]
        ),
        (
            "end tag without start", "<fcd-export/>\n</fcd-export>\n", .plane,
            [
                "t.xml:2:1: error: expected the end of the file after the root element, found </fcd-export> [trace-syntax]"
            ]
        ),
        (
            "second root", "<fcd-export/>\n<fcd-export/>\n", .plane,
            ["t.xml:2:1: error: expected one root element, found a second one <fcd-export> [trace-syntax]"]
        ),
        (
            "text before the root", "fcd\n<fcd-export/>\n", .plane,
            ["t.xml:1:1: error: expected '<', found 'f' [trace-syntax]"]
        ),
        (
            "space after <", Support.fcd("< vehicle id=\"v\" x=\"1\" y=\"2\"/>"), .plane,
            ["t.xml:3:2: error: expected an element name after '<', found a space [trace-syntax]"]
        ),
        (
            "unquoted value", Support.fcd("<vehicle id=v x=\"1\" y=\"2\"/>"), .plane,
            ["t.xml:3:13: error: expected a quoted value for the attribute \"id\", found 'v' [trace-syntax]"]
        ),
        (
            "missing equals", Support.fcd("<vehicle id \"v\" x=\"1\" y=\"2\"/>"), .plane,
            ["t.xml:3:13: error: expected '=' after the attribute name \"id\", found '\"' [trace-syntax]"]
        ),
        (
            "no space between attributes", Support.fcd("<vehicle id=\"v\"x=\"1\" y=\"2\"/>"), .plane,
            ["t.xml:3:16: error: expected white space, '/>' or '>' after the value of \"id\", found 'x' [trace-syntax]"]
        ),
        (
            "stray character in a tag", Support.fcd("<vehicle id=\"v\" x=\"1\" y=\"2\" %/>"), .plane,
            ["t.xml:3:29: error: expected an attribute name, '/>' or '>' in <vehicle>, found '%' [trace-syntax]"]
        ),
        (
            "slash not before >", Support.fcd("<vehicle id=\"v\" x=\"1\" y=\"2\"/ >"), .plane,
            ["t.xml:3:29: error: expected '>' after '/' in <vehicle>, found a space [trace-syntax]"]
        ),
        (
            "bad markup", "<fcd-export><!ELEMENT x></fcd-export>", .plane,
            ["t.xml:1:15: error: expected '--', '[CDATA[' or 'DOCTYPE' after '<!', found 'E' [trace-syntax]"]
        ),
        (
            "unknown entity", Support.fcd("<vehicle id=\"a&nbsp;b\" x=\"1\" y=\"2\"/>"), .plane,
            [
                "t.xml:3:15: error: expected &amp;, &lt;, &gt;, &quot;, &apos; or a character reference in the value of \"id\", found '&nbsp;' [trace-syntax]"
            ]
        ),
        (
            "unterminated entity", Support.fcd("<vehicle id=\"a&amp\" x=\"1\" y=\"2\"/>"), .plane,
            [
                "t.xml:3:19: error: expected ';' to end the entity '&amp' in the value of \"id\", found '\"' [trace-syntax]"
            ]
        ),
        (
            "duplicate attribute", Support.fcd("<vehicle id=\"v\" x=\"1\" x=\"2\" y=\"2\"/>"), .plane,
            ["t.xml:3:26: error: expected one \"x\" attribute in <vehicle>, found a second one [trace-syntax]"]
        ),
        (
            "vehicle outside a timestep", "<fcd-export>\n  <vehicle id=\"v\" x=\"1\" y=\"2\"/>\n</fcd-export>\n",
            .plane,
            ["t.xml:2:3: error: expected <vehicle> inside a <timestep>, found it outside any [trace-syntax]"]
        ),
        (
            "timestep without time",
            "<fcd-export>\n<timestep>\n<vehicle id=\"v\" x=\"1\" y=\"2\"/>\n</timestep>\n</fcd-export>\n", .plane,
            ["t.xml:2:1: error: expected the attribute \"time\" in <timestep>, found none [trace-value]"]
        ),
        (
            "non-numeric time",
            "<fcd-export>\n<timestep time=\"0:00\">\n<vehicle id=\"v\" x=\"1\" y=\"2\"/>\n</timestep>\n</fcd-export>\n",
            .plane,
            ["t.xml:2:17: error: expected a number of seconds for \"time\", found \"0:00\" [trace-value]"]
        ),
        (
            "vehicle without id", Support.fcd("<vehicle x=\"1\" y=\"2\"/>"), .plane,
            ["t.xml:3:1: error: expected the attribute \"id\" in <vehicle>, found none [trace-value]"]
        ),
        (
            "empty id", Support.fcd("<person id=\"\" x=\"1\" y=\"2\"/>"), .plane,
            ["t.xml:3:13: error: expected a vehicle id for \"id\", found an empty value [trace-value]"]
        ),
        (
            "id not UTF-8", Support.fcd("<vehicle id=\"&#xD800;\" x=\"1\" y=\"2\"/>"), .plane,
            [
                "t.xml:3:14: error: expected &amp;, &lt;, &gt;, &quot;, &apos; or a character reference in the value of \"id\", found '&#xD800;' [trace-syntax]"
            ]
        ),
        (
            "missing y", Support.fcd("<vehicle id=\"v\" x=\"1\"/>"), .plane,
            ["t.xml:3:1: error: expected the attribute \"y\" in <vehicle> \"v\", found none [trace-value]"]
        ),
        (
            "lon/lat in a plane trace", Support.fcd("<container id=\"c\" lon=\"13.4\" lat=\"52.5\"/>"), .plane,
            [
                "t.xml:3:1: error: expected the attributes \"x\" and \"y\" in <container> \"c\", found none [trace-value]",
                "  note: it has \"lon\"/\"lat\": read geographic traces with geographic coordinates",
            ]
        ),
        (
            "non-numeric and non-finite", Support.fcd("<vehicle id=\"v\" x=\"1,5\" y=\"1e400\"/>"), .plane,
            [
                "t.xml:3:20: error: expected a number for \"x\", found \"1,5\" [trace-value]",
                "t.xml:3:28: error: expected a finite number for \"y\", found \"1e400\" [trace-value]",
            ]
        ),
        (
            "not a number at all", Support.fcd("<vehicle id=\"v\" x=\"nan\" y=\"inf\"/>"), .plane,
            [
                "t.xml:3:20: error: expected a number for \"x\", found \"nan\" [trace-value]",
                "t.xml:3:28: error: expected a number for \"y\", found \"inf\" [trace-value]",
            ]
        ),
        (
            "out of range geographic", Support.fcd("<vehicle id=\"v\" lon=\"-181\" lat=\"90.5\"/>"), .geographic,
            [
                "t.xml:3:22: error: expected a longitude in [-180, 180] degrees for \"lon\", found -181 [trace-value]",
                "t.xml:3:33: error: expected a latitude in [-90, 90] degrees for \"lat\", found 90.5 [trace-value]",
            ]
        ),
        (
            "time going back",
            "<fcd-export>\n<timestep time=\"1\">\n  <vehicle id=\"v\" x=\"1\" y=\"2\"/>\n</timestep>\n<timestep time=\"0.5\">\n  <vehicle id=\"v\" x=\"1\" y=\"2\"/>\n</timestep>\n</fcd-export>\n",
            .plane,
            [
                "t.xml:6:3: error: expected a time after 1 s for \"v\", found 0.5 s; the samples of one vehicle must have increasing times [trace-order]",
                "  t.xml:3:3: note: the previous sample of \"v\"",
            ]
        ),
        (
            "columns count scalars", Support.fcd("<vehicle id=\"véhicule→1\" x=\"é\" y=\"2\"/>"), .plane,
            ["t.xml:3:29: error: expected a number for \"x\", found \"é\" [trace-value]"]
        ),
    ]

    @Test(arguments: errorCases.indices)
    func reportsEachErrorExactly(index: Int) {
        let example = Self.errorCases[index]
        let (trajectories, messages) = Support.read(example.text, format: .sumoFCD, coordinates: example.coordinates)
        #expect(messages == example.messages, "\(example.name)")
        #expect(trajectories.isEmpty, "\(example.name)")
        // The same at every chunk size.
        for chunkSizeBytes in [1, 2, 3, 5] {
            let chunked = Support.read(
                example.text, format: .sumoFCD, coordinates: example.coordinates, chunkSizeBytes: chunkSizeBytes)
            #expect(chunked.messages == example.messages, "\(example.name) in chunks of \(chunkSizeBytes)")
        }
    }

    /// Every error of a file is reported, not just the first, and then no trajectory is returned even
    /// for vehicles that were fine.
    @Test func reportsAllErrorsOfAFile() {
        let text = Support.fcd(
            "<vehicle id=\"good\" x=\"1\" y=\"2\"/>", "<vehicle x=\"1\" y=\"2\"/>",
            "<vehicle id=\"b\" x=\"?\" y=\"2\"/>")
        let (trajectories, messages) = Support.read(text, format: .sumoFCD)
        #expect(trajectories.isEmpty)
        #expect(
            messages == [
                "t.xml:4:1: error: expected the attribute \"id\" in <vehicle>, found none [trace-value]",
                "t.xml:5:20: error: expected a number for \"x\", found \"?\" [trace-value]",
            ])
    }

    @Test func errorCapIsConfigurable() {
        let lines = (0..<5).map { "<vehicle id=\"v\($0)\" x=\"bad\" y=\"2\"/>" }
        let text = (["<fcd-export>", "<timestep time=\"0\">"] + lines + ["</timestep>", "</fcd-export>"]).joined(
            separator: "\n")
        let (_, messages) = Support.read(text, format: .sumoFCD, maximumErrors: 2)
        #expect(
            messages == [
                "t.xml:3:21: error: expected a number for \"x\", found \"bad\" [trace-value]",
                "t.xml:4:21: error: expected a number for \"x\", found \"bad\" [trace-value]",
                "t.xml:5:21: error: too many errors in this trace (more than 2); stopped reading it [trace-error-limit]",
            ])
    }

    @Test func longValuesAreQuotedElided() {
        let long = String(repeating: "9", count: 30) + String(repeating: "x", count: 30)
        let (_, messages) = Support.read(Support.fcd("<vehicle id=\"v\" x=\"\(long)\" y=\"2\"/>"), format: .sumoFCD)
        #expect(
            messages == [
                "t.xml:3:20: error: expected a number for \"x\", found \"\(String(repeating: "9", count: 12))…\" [trace-value]"
            ])
    }

    @Test func oversizedNamesAndValuesAreRefused() {
        let name = String(repeating: "n", count: 300)
        let value = String(repeating: "1", count: 2000)
        let (_, messages) = Support.read(
            Support.fcd("<\(name)/>", "<vehicle id=\"v\" x=\"\(value)\" y=\"2\"/>"), format: .sumoFCD)
        #expect(
            messages == [
                "t.xml:3:1: error: expected an element name of at most 256 bytes, found a longer one [trace-syntax]",
                "t.xml:4:20: error: expected a value of at most 1024 bytes for \"x\", found a longer one [trace-syntax]",
            ])
    }

    @Test func deepNestingIsRefused() {
        let depth = 1200
        let text =
            "<fcd-export>" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
            + "</fcd-export>"
        let (_, messages) = Support.read(text, format: .sumoFCD)
        #expect(
            messages.first
                == "t.xml:1:3010: error: expected elements nested at most 1000 deep, found <a> deeper [trace-syntax]")
    }
}
