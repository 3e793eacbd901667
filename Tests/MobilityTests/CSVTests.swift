import Diagnostics
import EdgeModel
import Foundation
import Mobility
import Testing

/// What the CSV reader accepts, and every error it reports with its exact place and message.
struct CSVTests {
    typealias Support = TraceTestSupport

    static func read(_ text: String, coordinates: CoordinateSystem = .plane, chunkSizeBytes: Int = 1 << 20) -> (
        trajectories: [TraceTrajectory], messages: [String]
    ) {
        Support.read(text, format: .csv, coordinates: coordinates, chunkSizeBytes: chunkSizeBytes, path: "t.csv")
    }

    @Test func acceptsCommentsBlanksSpacesCRLFAndNoHeader() {
        let text =
            "\u{FEFF}# exported by hand\r\n\r\n  \n0, a ,1.5,2\r\n  # indented comment\n0,b,3,4,12.5\r\n1,a,2.5,3\n"
        let (trajectories, messages) = Self.read(text)
        #expect(messages == [])
        #expect(trajectories.map(\.id) == ["a", "b"])
        #expect(
            trajectories[0].samples == [
                TraceSample(timeSeconds: 0, x: 1.5, y: 2), TraceSample(timeSeconds: 1, x: 2.5, y: 3),
            ])
        #expect(trajectories[0].firstLocation == SourceLocation(file: "t.csv", line: 4, column: 1))
        #expect(trajectories[1].firstLocation == SourceLocation(file: "t.csv", line: 6, column: 1))
    }

    /// Concatenated trace files repeat their header: the same header again is skipped.
    @Test func repeatedHeaderIsSkipped() {
        let (trajectories, messages) = Self.read("time,id,x,y\n0,a,1,2\ntime , id,x,y\n1,a,3,4\n")
        #expect(messages == [])
        #expect(trajectories.first?.samples.count == 2)
    }

    @Test func lastLineMayLackItsLineBreak() {
        let (trajectories, messages) = Self.read("time,id,x,y\n0,a,1,2\n1,a,3,4")
        #expect(messages == [])
        #expect(trajectories.first?.samples.count == 2)
    }

    @Test func geographicHeaderMayNameLonLat() {
        let (trajectories, messages) = Self.read("time,id,lon,lat,speed\n0,a,13.4,52.5,1\n", coordinates: .geographic)
        #expect(messages == [])
        #expect(trajectories.first?.samples == [TraceSample(timeSeconds: 0, x: 13.4, y: 52.5)])
        let plain = Self.read("time,id,x,y\n0,a,13.4,52.5\n", coordinates: .geographic)
        #expect(plain.messages == [])
    }

    static let errorCases: [(name: String, text: String, coordinates: CoordinateSystem, messages: [String])] = [
        (
            "too few fields", "time,id,x,y\n0,a,1\n", .plane,
            ["t.csv:2:6: error: expected 4 fields (time,id,x,y) as in the header, found 3 [trace-syntax]"]
        ),
        (
            "too many fields for the header", "time,id,x,y\n0,a,1,2,3\n", .plane,
            ["t.csv:2:9: error: expected 4 fields (time,id,x,y) as in the header, found 5 [trace-syntax]"]
        ),
        (
            "too many fields without a header", "0,a,1,2,3,4\r\n", .plane,
            ["t.csv:1:11: error: expected 4 or 5 fields (time,id,x,y[,speed]), found 6 [trace-syntax]"]
        ),
        (
            "a row that is not CSV", "0 a 1 2\r\n", .plane,
            ["t.csv:1:8: error: expected 4 or 5 fields (time,id,x,y[,speed]), found 1 [trace-syntax]"]
        ),
        (
            "wrong header", "time,id,lat,lon\n", .plane,
            ["t.csv:1:9: error: expected the header \"time,id,x,y[,speed]\", found \"lat\" as column 3 [trace-syntax]"]
        ),
        (
            "lon/lat header in a plane trace", "time,id,lon,lat\n", .plane,
            [
                "t.csv:1:9: error: expected the header \"time,id,x,y[,speed]\", found \"lon\" as column 3 [trace-syntax]",
                "  note: lon/lat columns need the trace to be read with geographic coordinates",
            ]
        ),
        (
            "wrong geographic header", "time,id,lon,lat,heading\n", .geographic,
            [
                "t.csv:1:17: error: expected the header \"time,id,lon,lat[,speed]\" or \"time,id,x,y[,speed]\", found \"heading\" as column 5 [trace-syntax]"
            ]
        ),
        (
            "non-numeric fields", "time,id,x,y,speed\n0:00,a,1,2,3\n0,b,x1,2,3\n0,c,1,--2,3\n0,d,1,2,fast\n", .plane,
            [
                "t.csv:2:1: error: expected a number of seconds for \"time\", found \"0:00\" [trace-value]",
                "t.csv:3:5: error: expected a number for \"x\", found \"x1\" [trace-value]",
                "t.csv:4:7: error: expected a number for \"y\", found \"--2\" [trace-value]",
                "t.csv:5:9: error: expected a number for \"speed\", found \"fast\" [trace-value]",
            ]
        ),
        (
            "non-finite and empty", "1e500,a,1,2\n0,b, ,2\n", .plane,
            [
                "t.csv:1:1: error: expected a finite number for \"time\", found \"1e500\" [trace-value]",
                "t.csv:2:6: error: expected a number for \"x\", found an empty value [trace-value]",
            ]
        ),
        (
            "empty id", "0, ,1,2\n", .plane,
            ["t.csv:1:4: error: expected a vehicle id for \"id\", found an empty value [trace-value]"]
        ),
        (
            "out of range geographic", "time,id,lon,lat\n0,a,181,0\n", .geographic,
            ["t.csv:2:5: error: expected a longitude in [-180, 180] degrees for \"lon\", found 181 [trace-value]"]
        ),
        (
            "time going back", "0,a,1,2\n5,a,1,2\n# a comment\n4.5,a,1,2\n", .plane,
            [
                "t.csv:4:1: error: expected a time after 5 s for \"a\", found 4.5 s; the samples of one vehicle must have increasing times [trace-order]",
                "  t.csv:2:1: note: the previous sample of \"a\"",
            ]
        ),
        (
            "a header after rows", "0,a,1,2\ntime,id,x,y\n", .plane,
            ["t.csv:2:1: error: expected a row of numbers, found a header after the first row [trace-syntax]"]
        ),
        (
            "a different header again", "time,id,x,y\n0,a,1,2\ntime,id,x,y,speed\n", .plane,
            ["t.csv:3:1: error: expected a row of numbers, found a header after the first row [trace-syntax]"]
        ),
        (
            "columns count scalars", "0,véhicule→1,é,2\n", .plane,
            ["t.csv:1:14: error: expected a number for \"x\", found \"é\" [trace-value]"]
        ),
        (
            // A terminal escape or a bidirectional override in an id would reach tables and commands.
            "control characters in ids", "0,v\u{1B}[2J,1,2\n1,w\u{202E}x,1,2\n", .plane,
            [
                "t.csv:1:3: error: expected a vehicle id without control characters for \"id\", found U+001B [trace-value]",
                "t.csv:2:3: error: expected a vehicle id without control characters for \"id\", found U+202E [trace-value]",
            ]
        ),
        (
            "id not UTF-8", "0,a\u{FFFD},1,2\n", .plane,
            []  // replaced below with the raw bytes
        ),
    ]

    @Test(arguments: errorCases.indices.dropLast())
    func reportsEachErrorExactly(index: Int) {
        let example = Self.errorCases[index]
        let (trajectories, messages) = Self.read(example.text, coordinates: example.coordinates)
        #expect(messages == example.messages, "\(example.name)")
        #expect(trajectories.isEmpty, "\(example.name)")
        for chunkSizeBytes in [1, 2, 3, 5] {
            let chunked = Self.read(example.text, coordinates: example.coordinates, chunkSizeBytes: chunkSizeBytes)
            #expect(chunked.messages == example.messages, "\(example.name) in chunks of \(chunkSizeBytes)")
        }
    }

    @Test func idsMustBeUTF8() {
        let bytes = Data("0,a".utf8) + Data([0xFF]) + Data(",1,2\n".utf8)
        let (_, messages) = Support.read(bytes, format: .csv, options: TraceReadOptions(), path: "t.csv")
        #expect(
            messages == [
                "t.csv:1:3: error: expected a vehicle id in UTF-8 for \"id\", found bytes that are not UTF-8 [trace-value]"
            ])
    }

    @Test func overlongLinesAreRefusedAtAnyChunkSize() {
        let text = "0,a,1,2\n0,b,1," + String(repeating: "2", count: 70_000) + "\n1,a,1,2\n"
        for chunkSizeBytes in [1 << 20, 4096, 7] {
            let (_, messages) = Self.read(text, chunkSizeBytes: chunkSizeBytes)
            #expect(
                messages == [
                    "t.csv:2:1: error: expected a line of at most 65536 bytes (a row is time,id,x,y[,speed]), found a longer one [trace-syntax]"
                ])
        }
    }

    @Test func emptyIsAWarning() {
        let (trajectories, messages) = Self.read("time,id,x,y\n# nothing yet\n")
        #expect(trajectories.isEmpty)
        #expect(
            messages == [
                "t.csv:1:1: warning: expected rows time,id,x,y[,speed], found no vehicle in this trace [trace-empty]"
            ])
    }
}
