import Diagnostics
import EdgeModel
import Foundation
import Mobility
import Testing

/// Random byte mutations of the fixtures (and plain random bytes) never crash or hang a reader,
/// and every input — however broken — reads the same whole and in tiny chunks.
struct FuzzTests {
    /// A small deterministic generator (PCG-style LCG), so a failure can be replayed by its round.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: (state >> 33) % UInt64(bound))
        }
    }

    /// Bytes that matter to the tokenizers, plus bytes that are not text at all.
    static let alphabet =
        Array("<>/\"'=&;#!?-[]:,. \n\r\t0123456789eE+xyidtmlona".utf8) + [0x00, 0xFF, 0xC3, 0xA9, 0xE2]

    /// The first lines of a fixture, closed off so the unmutated text is well formed and small
    /// enough to read byte by byte many times.
    static func sample(_ name: String, lines: Int, closing: String) throws -> [UInt8] {
        let text = try String(contentsOfFile: TraceTestSupport.fixture(name), encoding: .utf8)
        return Array(
            (text.split(separator: "\n", omittingEmptySubsequences: false).prefix(lines).joined(separator: "\n")
                + "\n" + closing).utf8)
    }

    static func mutate(_ original: [UInt8], _ random: inout Generator) -> [UInt8] {
        var bytes = original
        for _ in 0..<(1 + random.next(8)) {
            guard !bytes.isEmpty else { break }
            let position = random.next(bytes.count)
            switch random.next(6) {
            case 0: bytes[position] = alphabet[random.next(alphabet.count)]
            case 1: bytes.insert(alphabet[random.next(alphabet.count)], at: position)
            case 2: bytes.remove(at: position)
            case 3:
                // Repeat a slice: duplicated tags, attributes, timesteps.
                let end = min(bytes.count, position + 1 + random.next(200))
                bytes.insert(contentsOf: bytes[position..<end], at: random.next(bytes.count))
            case 4: bytes.removeSubrange(position..<min(bytes.count, position + 1 + random.next(40)))
            default: bytes = Array(bytes.prefix(position))  // truncation, as of an interrupted simulation
            }
        }
        return bytes
    }

    static func check(_ bytes: [UInt8], format: TraceFormat, coordinates: CoordinateSystem, round: Int) {
        let data = Data(bytes)
        let whole = TraceTestSupport.read(
            data, format: format, options: TraceReadOptions(coordinates: coordinates, maximumErrors: 20))
        let errors = whole.messages.filter { $0.contains(": error: ") }
        #expect(errors.count <= 21, "round \(round)")
        #expect(errors.isEmpty || whole.trajectories.isEmpty, "round \(round)")
        for chunkSizeBytes in [1, 7] {
            let chunked = TraceTestSupport.read(
                data, format: format,
                options: TraceReadOptions(coordinates: coordinates, chunkSizeBytes: chunkSizeBytes, maximumErrors: 20))
            #expect(chunked.messages == whole.messages, "round \(round), chunks of \(chunkSizeBytes)")
            #expect(chunked.trajectories == whole.trajectories, "round \(round), chunks of \(chunkSizeBytes)")
        }
    }

    @Test func mutatedFCDNeverCrashesAndReadsTheSameInChunks() throws {
        let original = try Self.sample("grid.fcd.xml", lines: 30, closing: "    </timestep>\n</fcd-export>\n")
        Self.check(original, format: .sumoFCD, coordinates: .plane, round: -1)
        var random = Generator(state: 2026)
        for round in 0..<300 {
            Self.check(Self.mutate(original, &random), format: .sumoFCD, coordinates: .plane, round: round)
        }
    }

    @Test func mutatedGeographicFCDNeverCrashes() throws {
        let original = try Self.sample("grid-geo.fcd.xml", lines: 20, closing: "    </timestep>\n</fcd-export>\n")
        var random = Generator(state: 7)
        for round in 0..<60 {
            Self.check(Self.mutate(original, &random), format: .sumoFCD, coordinates: .geographic, round: round)
        }
    }

    @Test func mutatedCSVNeverCrashesAndReadsTheSameInChunks() throws {
        let original = try Self.sample("grid.csv", lines: 60, closing: "")
        var random = Generator(state: 42)
        for round in 0..<300 {
            Self.check(Self.mutate(original, &random), format: .csv, coordinates: .plane, round: round)
        }
    }

    /// Bytes with no structure at all, read as either format.
    @Test func randomBytesNeverCrash() {
        var random = Generator(state: 99)
        for round in 0..<40 {
            let bytes = (0..<(random.next(3000))).map { _ in
                random.next(3) == 0 ? UInt8(random.next(256)) : Self.alphabet[random.next(Self.alphabet.count)]
            }
            Self.check(bytes, format: .sumoFCD, coordinates: .plane, round: round)
            Self.check(bytes, format: .csv, coordinates: .geographic, round: round)
        }
    }

    /// The whole fixture, mutated, read once each at the default chunk size: exercises larger,
    /// mostly valid files.
    @Test func mutatedWholeFixtureNeverCrashes() throws {
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TraceTestSupport.fixture("grid.fcd.xml"))))
        var random = Generator(state: 5)
        for _ in 0..<20 {
            let diagnostics = DiagnosticCollector()
            let trajectories = TraceReader.read(
                data: Data(Self.mutate(original, &random)), displayPath: "m.xml", format: .sumoFCD,
                diagnostics: diagnostics)
            #expect(!diagnostics.hasErrors || trajectories.isEmpty)
        }
    }
}
