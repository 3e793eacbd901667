import Foundation
import Frontend
import Testing

/// The table of accepted and rejected quantity forms (SPEC §1, "Quantities and units").
struct UnitParserTests {
    struct Accepted: Sendable, CustomTestStringConvertible {
        let text: String
        let kind: QuantityKind
        /// The value in the kind's base unit.
        let value: Double
        var testDescription: String { "\"\(text)\" as \(kind)" }
    }

    static let accepted: [Accepted] = [
        // time → seconds
        .init(text: "500 ms", kind: .time, value: 0.5),
        .init(text: "500ms", kind: .time, value: 0.5),
        .init(text: "1 s", kind: .time, value: 1),
        .init(text: "250 us", kind: .time, value: 250e-6),
        .init(text: "2 min", kind: .time, value: 120),
        .init(text: "1.5 h", kind: .time, value: 5400),
        .init(text: "-1 s", kind: .time, value: -1),
        .init(text: "1e3 ms", kind: .time, value: 1),
        .init(text: ".5 s", kind: .time, value: 0.5),
        // size → bytes; powers of 1000, of 1024, and bits
        .init(text: "1 B", kind: .size, value: 1),
        .init(text: "47.7 KB", kind: .size, value: 47_700),
        .init(text: "196.8 MB", kind: .size, value: 196_800_000),
        .init(text: "1.86 GB", kind: .size, value: 1_860_000_000),
        .init(text: "2 TB", kind: .size, value: 2e12),
        .init(text: "1 KiB", kind: .size, value: 1024),
        .init(text: "1 MiB", kind: .size, value: 1_048_576),
        .init(text: "1 GiB", kind: .size, value: 1_073_741_824),
        .init(text: "1 TiB", kind: .size, value: 1_099_511_627_776),
        .init(text: "8 b", kind: .size, value: 1),
        .init(text: "40 Mb", kind: .size, value: 5_000_000),
        .init(text: "1 Kb", kind: .size, value: 125),
        .init(text: "1 Gb", kind: .size, value: 125_000_000),
        // bandwidth → bits per second
        .init(text: "100 Mbps", kind: .bandwidth, value: 100e6),
        .init(text: "1 Gbps", kind: .bandwidth, value: 1e9),
        .init(text: "75 Kbps", kind: .bandwidth, value: 75e3),
        .init(text: "9600 bps", kind: .bandwidth, value: 9600),
        // distance, speed
        .init(text: "1 m", kind: .distance, value: 1),
        .init(text: "0.5 km", kind: .distance, value: 500),
        .init(text: "1.5 m/s", kind: .speed, value: 1.5),
        .init(text: "36 km/h", kind: .speed, value: 10),
        // power, gain, frequency
        .init(text: "20 dBm", kind: .power, value: 20),
        .init(text: "-95 dBm", kind: .power, value: -95),
        .init(text: "40 dB", kind: .gain, value: 40),
        .init(text: "20 MHz", kind: .frequency, value: 20e6),
        .init(text: "2.4 GHz", kind: .frequency, value: 2.4e9),
        .init(text: "10 kHz", kind: .frequency, value: 10e3),
        .init(text: "50 Hz", kind: .frequency, value: 50),
        // rate, ratio, share per time
        .init(text: "5 /s", kind: .rate, value: 5),
        .init(text: "5/s", kind: .rate, value: 5),
        .init(text: "120 /min", kind: .rate, value: 2),
        .init(text: "10 %", kind: .ratio, value: 0.1),
        .init(text: "10%", kind: .ratio, value: 0.1),
        .init(text: "0.25", kind: .ratio, value: 0.25),
        .init(text: "1", kind: .ratio, value: 1),
        .init(text: "0", kind: .ratio, value: 0),
        .init(text: "1 %/s", kind: .ratioPerTime, value: 0.01),
        .init(text: "60 %/min", kind: .ratioPerTime, value: 0.01),
        // time per size → seconds per byte
        .init(text: "1 s/GB", kind: .timePerSize, value: 1e-9),
        .init(text: "0.5 s/GB", kind: .timePerSize, value: 0.5e-9),
        .init(text: "2 ms/MB", kind: .timePerSize, value: 2e-9),
        .init(text: "1 s/GiB", kind: .timePerSize, value: 1 / 1_073_741_824),
        // CPU: cores or millicores
        .init(text: "2", kind: .cpu, value: 2),
        .init(text: "0.5", kind: .cpu, value: 0.5),
        .init(text: "500m", kind: .cpu, value: 0.5),
        .init(text: "250 m", kind: .cpu, value: 0.25),
    ]

    @Test(arguments: accepted)
    func acceptedForms(_ entry: Accepted) throws {
        let parsed = try UnitParser.parse(entry.text, as: entry.kind).get()
        #expect(abs(parsed.value - entry.value) <= 1e-12 * max(1, abs(entry.value)), "\(entry.text)")
    }

    struct Rejected: Sendable, CustomTestStringConvertible {
        let text: String
        let kind: QuantityKind
        let message: String
        var suggestion: String? = nil
        var testDescription: String { "\"\(text)\" as \(kind)" }
    }

    static let rejected: [Rejected] = [
        .init(
            text: "100", kind: .bandwidth,
            message: "expected a bandwidth such as \"100 Mbps\", found the bare number 100"),
        .init(text: "500", kind: .time, message: "expected a time such as \"500 ms\", found the bare number 500"),
        .init(text: "2", kind: .size, message: "expected a size such as \"2 GB\", found the bare number 2"),
        .init(text: "20", kind: .power, message: "expected a power such as \"20 dBm\", found the bare number 20"),
        .init(text: "5", kind: .rate, message: "expected a rate such as \"5 /s\", found the bare number 5"),
        .init(
            text: "0.5", kind: .timePerSize,
            message: "expected a time per size such as \"0.5 s/GB\", found the bare number 0.5"),
        .init(
            text: "100 mbps", kind: .bandwidth,
            message: "unknown unit \"mbps\" in \"100 mbps\"; a bandwidth takes bps, Kbps, Mbps, Gbps",
            suggestion: "100 Mbps"),
        .init(
            text: "1 kB", kind: .size,
            message:
                "unknown unit \"kB\" in \"1 kB\"; a size takes B, KB, MB, GB, TB, KiB, MiB, GiB, TiB, b, Kb, Mb, Gb",
            suggestion: "1 KB"),
        .init(
            text: "20 Mhz", kind: .frequency,
            message: "unknown unit \"Mhz\" in \"20 Mhz\"; a frequency takes Hz, kHz, MHz, GHz", suggestion: "20 MHz"),
        .init(
            text: "50 ms", kind: .bandwidth,
            message: "expected a bandwidth such as \"100 Mbps\", found a time \"50 ms\""),
        .init(text: "1 GB", kind: .time, message: "expected a time such as \"500 ms\", found a size \"1 GB\""),
        .init(
            text: "20 dB", kind: .power, message: "expected a power such as \"20 dBm\", found a gain or loss \"20 dB\""),
        .init(text: "fast", kind: .bandwidth, message: "expected a bandwidth such as \"100 Mbps\", found \"fast\""),
        .init(text: "", kind: .time, message: "expected a time such as \"500 ms\", found an empty value"),
        .init(text: "Mbps", kind: .bandwidth, message: "expected a bandwidth such as \"100 Mbps\", found \"Mbps\""),
        .init(
            text: ".nan", kind: .time,
            message: "expected a time such as \"500 ms\", found \".nan\", which is not a finite number"),
        .init(
            text: "inf Mbps", kind: .bandwidth,
            message: "expected a bandwidth such as \"100 Mbps\", found \"inf Mbps\", which is not a finite number"),
        .init(
            text: "1e400 B", kind: .size,
            message: "expected a size such as \"2 GB\", found \"1e400 B\", which is not a finite number"),
        .init(
            text: "10", kind: .ratio, message: "a ratio written as a bare number must lie in [0, 1], found 10",
            suggestion: "10 %"),
        .init(
            text: "1 s/parsec", kind: .timePerSize,
            message:
                "unknown unit \"s/parsec\" in \"1 s/parsec\"; a time per size takes a time unit over a size unit, such as s/GB or ms/MB"
        ),
        .init(
            text: "2 cores", kind: .cpu,
            message:
                "unknown unit \"cores\" in \"2 cores\"; a CPU amount takes a bare number of cores or millicores such as 500m"
        ),
        .init(
            text: "1 %", kind: .ratioPerTime,
            message: "expected a share per time such as \"1 %/s\", found a ratio \"1 %\""),
    ]

    @Test(arguments: rejected)
    func rejectedForms(_ entry: Rejected) {
        switch UnitParser.parse(entry.text, as: entry.kind) {
        case .success(let parsed):
            Issue.record("\"\(entry.text)\" parsed as \(parsed.value)")
        case .failure(let error):
            #expect(error.message == entry.message)
            #expect(error.suggestion == entry.suggestion)
        }
    }

    /// Times carry exact nanoseconds so path RTT ties compare exactly (0.1 + 0.2 ms is 0.3 ms).
    @Test func timesAreExactInNanoseconds() throws {
        let a = try UnitParser.parse("0.1 ms", as: .time).get()
        let b = try UnitParser.parse("0.2 ms", as: .time).get()
        let c = try UnitParser.parse("0.3 ms", as: .time).get()
        #expect(a.exactNanoseconds == 100_000)
        #expect(try #require(a.exactNanoseconds) + #require(b.exactNanoseconds) == c.exactNanoseconds)
        #expect(a.value + b.value != c.value)  // what doubles would get wrong
        #expect(try UnitParser.parse("1.5 h", as: .time).get().exactNanoseconds == 5_400_000_000_000)
        #expect(try UnitParser.parse("3 us", as: .time).get().exactNanoseconds == 3_000)
        #expect(try UnitParser.parse("0.0004 us", as: .time).get().exactNanoseconds == 0)
        #expect(try UnitParser.parse("1 s", as: .time).get().exactNanoseconds == 1_000_000_000)
        #expect(try UnitParser.parse("5 Mbps", as: .bandwidth).get().exactNanoseconds == nil)
    }
}
