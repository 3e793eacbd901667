import Diagnostics
import EdgeModel
import Foundation
import Mobility
import Testing

/// A trace may be any file a workload names, so what an error echoes of it is an excerpt of the
/// offending field: at most 12 characters of a value (40 of an id or element name), control
/// characters escaped (issue 14).
struct TraceExcerptTests {
    typealias Support = TraceTestSupport

    @Test func csvFieldsAreCutAndEscaped() {
        let secret = "\u{1B}]0;owned\u{7}" + String(repeating: "s", count: 200)
        let (_, messages) = Support.read("time,id,x,y\n0,a,\(secret),2\n", format: .csv, path: "t.csv")
        #expect(
            messages == [
                "t.csv:2:5: error: expected a number for \"x\", found \"\\u{1B}]0;owned\\u{7}ss…\" [trace-value]"
            ])
    }

    /// The header error quoted the whole first line (40 characters of it): of a file that is not a
    /// trace (a password file, say), that is its first secret. Only the start of the column that
    /// differs is quoted now.
    @Test func aWrongHeaderQuotesOnlyTheColumnThatDiffers() {
        let (_, messages) = Support.read(
            "time,root:$6$salt$hash:19000:0:99999:7:::,x,y\n", format: .csv, path: "t.csv")
        #expect(
            messages == [
                "t.csv:1:6: error: expected the header \"time,id,x,y[,speed]\", found \"root:$6$salt…\" as column 2 [trace-syntax]"
            ])
        let (_, short) = Support.read("time,id,x\n", format: .csv, path: "t.csv")
        #expect(
            short == ["t.csv:1:1: error: expected the header \"time,id,x,y[,speed]\", found 3 columns [trace-syntax]"])
    }

    /// A line of /etc/passwd read as a CSV trace: its fields (which hold commas) printed whole.
    @Test func aPasswordFileReadAsATraceShowsOnlyTheStartsOfFields() {
        let (_, messages) = Support.read(
            "bob:x:1000:1000:Bob Smith,Room 1,555-0100,:/home/bob:/bin/sh\n", format: .csv, path: "t.csv")
        #expect(
            messages == [
                "t.csv:1:1: error: expected a number of seconds for \"time\", found \"bob:x:1000:1…\" [trace-value]",
                "t.csv:1:34: error: expected a number for \"x\", found \"555-0100\" [trace-value]",
                "t.csv:1:43: error: expected a number for \"y\", found \":/home/bob:/…\" [trace-value]",
            ])
    }

    @Test func vehicleIdsAreEscapedAndIdsAndElementNamesCut() {
        // Ids holding control characters are refused (CSVTests); a long one is cut at 40 scalars.
        let id = "v" + String(repeating: "i", count: 100)
        let (_, order) = Support.read("time,id,x,y\n1,\(id),0,0\n0,\(id),0,0\n", format: .csv, path: "t.csv")
        let quoted = "\"v" + String(repeating: "i", count: 39) + "…\""
        #expect(
            order == [
                "t.csv:3:1: error: expected a time after 1 s for \(quoted), found 0 s; the samples of one vehicle must have increasing times [trace-order]",
                "  t.csv:2:1: note: the previous sample of \(quoted)",
            ])
        let (_, xml) = Support.read("<" + String(repeating: "n", count: 200) + "/>", format: .sumoFCD)
        #expect(
            xml == [
                "t.xml:1:1: error: expected the root element <fcd-export> of SUMO's --fcd-output, found <"
                    + String(repeating: "n", count: 40) + "…> [trace-syntax]"
            ])
    }
}
