import Diagnostics
import Foundation
import Frontend
import Testing

/// Inputs that must neither crash nor hang, checked with generated files (too large or too odd to
/// keep in the corpus).
struct RobustnessTests {
    static func temporaryFile(_ name: String, _ data: Data) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    @Test func zeroByteFile() throws {
        let path = try Self.temporaryFile("empty.yaml", Data())
        let result = ProblemLoader.load(paths: [path])
        #expect(
            result.diagnostics.first?.headline
                == "\(path):1:1: error: file holds no YAML document; expected documents with \"kind\" and \"name\"")
    }

    @Test func oversizedFileIsRefusedWithoutReadingItWhole() throws {
        // 100 MB of valid YAML comments.
        let line = Data(("# " + String(repeating: "x", count: 97) + "\n").utf8)
        var data = Data(capacity: 100_000_000)
        for _ in 0..<1_000_000 { data.append(line) }
        let path = try Self.temporaryFile("huge.yaml", data)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let clock = ContinuousClock()
        let start = clock.now
        let result = ProblemLoader.load(paths: [path])
        #expect(clock.now - start < .seconds(10))
        #expect(
            result.diagnostics.map(\.headline) == [
                "\(path):1:1: error: file is larger than the input limit of 67108864 bytes; split it, or raise the limit with --max-input-bytes",
                "edgeplan: error: no Topology document in the inputs",
                "edgeplan: error: no Workload document in the inputs",
            ])
    }

    @Test func limitIsConfigurable() throws {
        let path = try Self.temporaryFile("small.yaml", Data("kind: Topology\nname: t\n".utf8))
        let result = ProblemLoader.load(paths: [path], options: LoadOptions(maximumInputBytes: 10))
        #expect(result.diagnostics.first?.id == .inputTooLarge)
    }

    @Test func deepNestingIsRefusedQuickly() throws {
        let depth = 100_000
        let text =
            "kind: Topology\nname: t\nlinks: " + String(repeating: "[", count: depth)
            + String(repeating: "]", count: depth) + "\n"
        let path = try Self.temporaryFile("deep.yaml", Data(text.utf8))
        let result = ProblemLoader.load(paths: [path])
        let first = try #require(result.diagnostics.first)
        #expect(first.id == .yamlSyntax)
        #expect(first.message.contains("nesting deeper than 1000 levels"))
    }

    @Test func missingPathsAreReportedTogether() {
        let result = ProblemLoader.load(paths: ["/nonexistent/a.yaml", "/nonexistent/dir"])
        #expect(
            Array(result.diagnostics.map(\.headline).prefix(2)) == [
                "edgeplan: error: no such file or directory: /nonexistent/a.yaml",
                "edgeplan: error: no such file or directory: /nonexistent/dir",
            ])
    }

    /// Random byte mutations of a valid input never crash the front end.
    @Test func mutatedInputsNeverCrash() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let original = try Data(contentsOf: root.appendingPathComponent("Examples/testbed/topology.yaml"))
        var state: UInt64 = 42
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let alphabet = Array(" :-[]{},\n\t#&*!|>'\"%@`0123456789abcxyz\u{00}\u{FF}".utf8)
        for round in 0..<200 {
            var bytes = [UInt8](original)
            for _ in 0..<(1 + next() % 8) {
                let position = next() % bytes.count
                switch next() % 3 {
                case 0: bytes[position] = alphabet[next() % alphabet.count]
                case 1: bytes.remove(at: position)
                default: bytes.insert(alphabet[next() % alphabet.count], at: position)
                }
            }
            let path = try Self.temporaryFile("mutant-\(round).yaml", Data(bytes))
            let result = ProblemLoader.load(paths: [path])
            // Topology alone is never a complete problem: there must be an error, and it must be located or global.
            #expect(result.hasErrors)
        }
    }
}
