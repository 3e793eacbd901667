import Diagnostics
import EdgeModel
import Foundation
import InputFiles
import Testing

@testable import Mobility

/// Large traces are read in bounded chunks, never whole.
///
/// Peak resident memory would be the natural measure, but the test process runs other suites in
/// parallel (one builds a 100 MB file in memory), so a VmHWM check could fail for reasons outside
/// this test. The reader's own accounting is exact instead: every byte arrives in chunks no larger
/// than the chunk size, and the only bytes carried between chunks are a partial CSV line (the XML
/// tokenizer carries no bytes, only its bounded token buffers).
struct StreamingTests {
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-mobility-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static let vehicles = 100
    static let timesteps = 1_400

    /// Vehicle v at step t, as the generated file writes it (two decimals, like SUMO).
    static func position(vehicle: Int, step: Int) -> (x: String, y: String) {
        let x = Double((vehicle * 37 + step * 13) % 5_000) + 0.25
        let y = Double((vehicle * 11 + step * 3) % 5_000) + 0.5
        return (String(format: "%.2f", x), String(format: "%.2f", y))
    }

    /// About 20 MB of SUMO-style FCD, written a timestep at a time.
    static func writeLargeFCD(to url: URL) throws -> Int {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.write(
            contentsOf: Data(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<fcd-export xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"http://sumo.dlr.de/xsd/fcd_file.xsd\">\n"
                    .utf8))
        for step in 0..<timesteps {
            var text = "    <timestep time=\"\(step).00\">\n"
            for vehicle in 0..<vehicles {
                let (x, y) = position(vehicle: vehicle, step: step)
                text +=
                    "        <vehicle id=\"veh\(vehicle)\" x=\"\(x)\" y=\"\(y)\" angle=\"90.00\" type=\"DEFAULT_VEHTYPE\" speed=\"13.89\" pos=\"12.34\" lane=\"A0B0_0\" slope=\"0.00\"/>\n"
            }
            text += "    </timestep>\n"
            try handle.write(contentsOf: Data(text.utf8))
        }
        try handle.write(contentsOf: Data("</fcd-export>\n".utf8))
        return Int(try handle.offset())
    }

    @Test func largeFCDIsReadInBoundedChunks() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("large.fcd.xml")
        let size = try Self.writeLargeFCD(to: url)
        #expect(size > 19_000_000)

        let chunkSize = 1 << 20
        let diagnostics = DiagnosticCollector()
        let clock = ContinuousClock()
        let start = clock.now
        let (contents, statistics) = TraceReader.readFile(
            path: url.path, format: .sumoFCD, options: TraceReadOptions(chunkSizeBytes: chunkSize), displayPath: nil,
            entry: nil, diagnostics: diagnostics)
        let trajectories = contents.trajectories
        // Only a hang could take this long (a debug build reads ~10 MB/s on a loaded machine).
        #expect(clock.now - start < .seconds(120))

        #expect(diagnostics.diagnostics.isEmpty)
        #expect(statistics.bytesRead == size)
        #expect(statistics.chunksRead == (size + chunkSize - 1) / chunkSize)
        #expect(statistics.largestChunkBytes == chunkSize)
        #expect(statistics.largestCarriedBytes == 0)

        #expect(trajectories.count == Self.vehicles)
        #expect(trajectories.map(\.id) == (0..<Self.vehicles).map { "veh\($0)" })
        for trajectory in trajectories {
            #expect(trajectory.samples.count == Self.timesteps)
        }
        // Spot checks across the file, including samples whose tags straddle chunk boundaries.
        for (vehicle, step) in [(0, 0), (99, 0), (42, 700), (7, 1_399), (99, 1_399)] {
            let (x, y) = Self.position(vehicle: vehicle, step: step)
            #expect(
                trajectories[vehicle].samples[step]
                    == TraceSample(timeSeconds: Double(step), x: try #require(Double(x)), y: try #require(Double(y))))
        }
        #expect(trajectories[5].firstLocation == SourceLocation(file: url.path, line: 9, column: 9))
        // Hashed as it streamed past, chunk by chunk: the digest of the whole file.
        #expect(contents.sha256 == SHA256.hexDigest(of: try Data(contentsOf: url)))
    }

    @Test func csvCarriesOnlyAPartialLineBetweenChunks() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("large.csv")
        var text = "time,id,x,y,speed\n"
        for step in 0..<2_000 {
            for vehicle in 0..<50 { text += "\(step),veh\(vehicle),\(vehicle).5,\(step).25,13.89\n" }
        }
        try Data(text.utf8).write(to: url)

        let diagnostics = DiagnosticCollector()
        let (contents, statistics) = TraceReader.readFile(
            path: url.path, format: .csv, options: TraceReadOptions(chunkSizeBytes: 4096), displayPath: "large.csv",
            entry: nil, diagnostics: diagnostics)
        let trajectories = contents.trajectories
        #expect(diagnostics.diagnostics.isEmpty)
        #expect(statistics.bytesRead == text.utf8.count)
        #expect(statistics.largestChunkBytes == 4096)
        #expect(statistics.largestCarriedBytes > 0)
        #expect(statistics.largestCarriedBytes < 40)
        #expect(trajectories.count == 50)
        #expect(trajectories[3].samples.last == TraceSample(timeSeconds: 1_999, x: 3.5, y: 1_999.25))
    }

    /// A trace larger than memory stops with an error instead of the kernel killing edgeplan: here
    /// the process is already past a limit of 1 MB when the first 16 MiB chunk has been read.
    @Test func readingStopsAtTheMemoryLimit() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("t.csv")
        try Data("0,a,1,2\n1,a,2,3\n".utf8).write(to: url)
        let diagnostics = DiagnosticCollector()
        let (contents, _) = TraceReader.readFile(
            path: url.path, format: .csv,
            options: TraceReadOptions(chunkSizeBytes: 16 << 20, residentLimitBytes: 1_000_000), displayPath: "t.csv",
            entry: nil, diagnostics: diagnostics)
        #expect(diagnostics.diagnostics.map(\.id) == [.traceTooLarge])
        #expect(
            diagnostics.diagnostics.first?.message.hasPrefix(
                "the trace t.csv holds more samples than memory allows: after 16 bytes of it edgeplan holds") == true)
        #expect(contents.sha256 == nil)
        // Under a limit it cannot reach, the same file reads.
        let roomy = DiagnosticCollector()
        let (read, _) = TraceReader.readFile(
            path: url.path, format: .csv,
            options: TraceReadOptions(chunkSizeBytes: 16 << 20, residentLimitBytes: Int.max), displayPath: "t.csv",
            entry: nil, diagnostics: roomy)
        #expect(roomy.diagnostics.isEmpty && read.trajectories.count == 1)
    }
}
