import Diagnostics
import EdgeModel
import Foundation
import Frontend
import Testing

/// edgeplan's bounds on numbers (docs/reliability.md, "Numbers and bounds"): values at a bound load,
/// values past it are errors with their own ids, wherever they are written.
struct NumberBoundsTests {
    static let tooLarge = DiagnosticID("value-too-large")
    static let tooSmall = DiagnosticID("value-too-small")

    static func load(_ yaml: String, variants: [Variant] = []) throws -> LoadResult {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgeplan-bounds-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("problem.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return ProblemLoader.load(paths: [file.path], options: LoadOptions(), replacements: [], variants: variants)
    }

    /// Every number at its bound: the largest sizes, times, powers, rates, ratios, costs, coordinates
    /// and weights, and the smallest divisors.
    static let atTheBounds = """
        kind: Topology
        name: t
        radio:
          pathLoss: {referenceLoss: -500 dB, referenceDistance: 0.001 m, exponent: 10}
          noise: -500 dBm
          channelWidth: 1 Hz
        baseStations:
          - {id: ap1, position: [1e9, -1e9], txPower: 500 dBm, peakRate: 1 bps, maxUsers: 1000000000, handoverTime: 1e9 s}
          - {id: ap2, position: [0, 0], txPower: 20 dBm, peakRate: 1e15 bps}
        servers:
          - {id: e1, tier: edge, compute: 1e-6, capacity: {cpu: 1e9, memory: 100000 TB, storage: 100000 TB, netio: 1e15 bps}, checkpointCost: 1e9 s/GB, restoreCost: 1e9 s/GB}
          - {id: e2, tier: cloud, compute: 1e6, capacity: {cpu: 8, memory: 16 GB, storage: 1 TB, netio: 1 Gbps}}
        links:
          - {between: [ap1, e1], bandwidth: 1 bps, rtt: 1e9 s}
          - {between: [ap2, e2], bandwidth: 1e15 bps, rtt: 1 ms}
          - {between: [e1, e2], bandwidth: 1 Gbps, rtt: 1 ms}
        ---
        kind: AppProfile
        name: cam
        image: 100000 TB
        checkpoint: {full: 100000 TB, delta: 100000 TB}
        memory: 100000 TB
        dirtyRate: 10000 %/s
        precopyThreshold: 100000 TB
        state: application
        resources: {cpu: 1e9, memory: 100000 TB, storage: 100000 TB, netio: 1e15 bps}
        task: {size: 100000 TB, rate: 1e6 /s, processing: 1e9 s}
        ---
        kind: Policy
        name: p
        horizon: 1e9 s
        gainWindow: 1e9 s
        rssiMin: -500 dBm
        hysteresis: 500 dB
        margin: 10000 %
        objective: {gainWeight: 1e6, downtimeWeight: 1e6}
        solver: {timeLimit: 1e9 s, relativeGap: 10000 %, threads: 1024}
        sla: [{app: "*", maxDelay: 1e9 s, maxDowntime: 1e9 s, enforcement: soft, penalty: 1e9 s}]
        ---
        kind: Workload
        name: w
        users:
          - {id: u1, app: cam, attachment: {bs: ap1, server: e1}, position: [-1e9, 1e9], velocity: [1e5, -1e5]}
          - id: u2
            app: cam
            attachment: {bs: ap2, server: e2}
            trajectory:
              - [-1e9 s, -1e9, 1e9]
              - [1e9 s, 1e9, -1e9]
        """

    @Test func valuesAtTheBoundsLoad() throws {
        let result = try Self.load(Self.atTheBounds)
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.headline) == [])
        #expect(result.problem != nil)
    }

    /// Past each bound by a hair: every value is reported, with the id that says which way.
    @Test func valuesPastTheBoundsAreErrors() throws {
        var yaml = Self.atTheBounds
        for (bound, past) in [
            ("txPower: 500 dBm", "txPower: 500.5 dBm"), ("peakRate: 1 bps", "peakRate: 0.9 bps"),
            ("image: 100000 TB", "image: 100001 TB"), ("rate: 1e6 /s", "rate: 1.1e6 /s"),
            ("exponent: 10}", "exponent: 10.5}"), ("compute: 1e-6", "compute: 9e-7"),
            ("threads: 1024", "threads: 1025"), ("velocity: [1e5, -1e5]", "velocity: [1e5, -1.5e5]"),
            ("[1e9 s, 1e9, -1e9]", "[1.5e9 s, 1e9, -1e9]"),
            ("referenceDistance: 0.001 m", "referenceDistance: 0.0005 m"),
        ] {
            yaml = yaml.replacingOccurrences(of: bound, with: past)
        }
        let result = try Self.load(yaml)
        #expect(result.problem == nil)
        let found = result.diagnostics.map { "\($0.id): \($0.message)" }
        #expect(
            found.sorted() == [
                "value-too-large: \"exponent\" must be at most 10, found \"10.5\"",
                "value-too-large: \"image\" must be at most 1e17 B (100000 TB), found \"100001 TB\"",
                "value-too-large: \"rate\" must be at most 1e6 /s, found \"1.1e6 /s\"",
                "value-too-large: \"threads\" must be at most 1024, found \"1025\"",
                "value-too-large: \"trajectory time\" must be at most 1e9 s (about 32 years), found \"1.5e9 s\"",
                "value-too-large: \"txPower\" must be at most 500 dBm, found \"500.5 dBm\"",
                "value-too-large: \"velocity\" must be at least -1e5, found \"-1.5e5\"",
                "value-too-small: \"compute\" must be at least 1e-6, found \"9e-7\"",
                "value-too-small: \"peakRate\" must be at least 1 bps, found \"0.9 bps\"",
                "value-too-small: \"referenceDistance\" must be at least 0.001 m, found \"0.0005 m\"",
            ], "\(found)")
    }

    /// A sweep writes values on the command line: they are checked by the same bounds.
    @Test func sweptValuesPastTheBounds() throws {
        let variant = try ProblemLoader.sweepVariant(key: "links.*.bandwidth", value: "0.1 bps")
        let result = try Self.load(Self.atTheBounds, variants: [variant])
        // Three links, one error: the same message without a place is reported once.
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.allSatisfy { $0.id == Self.tooSmall && $0.location == nil })
        #expect(
            errors.first?.message
                == "sweep links.*.bandwidth=0.1 bps: \"bandwidth\" must be at least 1 bps, found \"0.1 bps\"")
    }

    @Test func boundDiagnosticsAreDocumented() throws {
        let text = try String(contentsOfFile: VariantFixture.path("docs/diagnostics.md"), encoding: .utf8)
        for id in [DiagnosticID.valueTooLarge, .valueTooSmall] {
            #expect(text.contains("| `\(id)` | error |"), "\(id)")
        }
    }

    /// The input limit is read a chunk at a time, so a file is never read into a buffer of the
    /// limit's size: `Int.max` once overflowed asking for one byte past it.
    @Test func anyInputLimitReadsTheFileAsItIs() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgeplan-limit-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("a.yaml")
        let text = String(repeating: "# a line of comment to make the file longer than one chunk\n", count: 20_000)
        try text.write(to: file, atomically: true, encoding: .utf8)
        for limit in [Int.max, Int.max - 1, 1 << 40] {
            let diagnostics = DiagnosticCollector()
            let source = SourceLoader.load(file.path, maximumBytes: limit, diagnostics: diagnostics)
            #expect(source?.text == text, "\(limit)")
            #expect(diagnostics.diagnostics.isEmpty)
        }
        // One byte short of the file is still refused, without reading it whole.
        let diagnostics = DiagnosticCollector()
        #expect(SourceLoader.load(file.path, maximumBytes: text.utf8.count - 1, diagnostics: diagnostics) == nil)
        #expect(diagnostics.diagnostics.map(\.id) == [.inputTooLarge])
    }

    /// A sparse file: its size is `bytes`, but it takes no room on disk until written.
    static func sparseFile(_ bytes: UInt64, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("sparse.yaml").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: bytes)
        try handle.close()
        return path
    }

    /// A file over the limit is refused by its size, before it is read: even at the largest
    /// limit, nothing is allocated for it (the limit's 4 GiB of zeros were read before).
    @Test func fileOverTheLimitIsRefusedBeforeReading() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgeplan-sparse-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let limit = InputBounds.maximumInputBytes
        let path = try Self.sparseFile(UInt64(limit) + 1, in: directory)
        let diagnostics = DiagnosticCollector()
        let clock = ContinuousClock()
        let start = clock.now
        #expect(SourceLoader.load(path, maximumBytes: limit, diagnostics: diagnostics) == nil)
        #expect(clock.now - start < .seconds(1))
        #expect(diagnostics.diagnostics.map(\.id) == [.inputTooLarge])
    }

    /// A file within the limit but larger than memory allows reading is refused by its size with
    /// the memory it would take, before it is read; with the memory, it is read.
    @Test func fileLargerThanMemoryAllowsIsRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgeplan-sparse-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.sparseFile(1_000_000, in: directory)
        let refused = DiagnosticCollector()
        // 1 MB at 32 bytes a byte is 32 MB, more than 10 MB.
        #expect(SourceLoader.load(path, maximumBytes: 2_000_000, memoryBytes: 10_000_000, diagnostics: refused) == nil)
        #expect(
            refused.diagnostics.map(\.headline) == [
                "\(path):1:1: error: file of 1000000 bytes would take about 32 MB of memory to read (32 bytes a byte), more than the 10 MB free; split it, or run it where more memory is free"
            ])
        let read = DiagnosticCollector()
        #expect(
            SourceLoader.load(path, maximumBytes: 2_000_000, memoryBytes: 32_000_000, diagnostics: read)?.text.utf8
                .count == 1_000_000)
        #expect(read.diagnostics.isEmpty)
        // The loader gives each file what the files before it left: both fit alone, not together.
        let text = "kind: Topology\nname: t\n"
        let first = directory.appendingPathComponent("a.yaml").path
        let second = directory.appendingPathComponent("b.yaml").path
        for file in [first, second] { try text.write(toFile: file, atomically: true, encoding: .utf8) }
        let limit = 2 * text.utf8.count * SourceLoader.memoryBytesPerInputByte - 1
        let result = ProblemLoader.load(
            paths: [first, second], options: LoadOptions(memoryLimitBytes: limit))
        #expect(result.diagnostics.filter { $0.id == .inputTooLarge }.map { $0.location?.file } == [second])
        let both = ProblemLoader.load(paths: [first, second], options: LoadOptions(memoryLimitBytes: limit + 1))
        #expect(!both.diagnostics.contains { $0.id == .inputTooLarge })
    }
}
