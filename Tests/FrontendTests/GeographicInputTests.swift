import EdgeModel
import Foundation
import Frontend
import Testing

/// Geographic inputs are projected about the centroid of the base stations (SPEC §1).
struct GeographicInputTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("GoodInputs/monaco-geographic.yaml").path

    @Test func positionsAreProjectedAboutTheCentroid() throws {
        let result = ProblemLoader.load(paths: [Self.file])
        let problem = try #require(result.problem, "\(result.diagnostics.map(\.headline))")
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty)
        let topology = problem.topology
        let projection = try #require(topology.projection)
        // Centroid of the five points of access.
        #expect(abs(projection.referenceLongitudeDegrees - 7.4139168) < 1e-12)
        #expect(abs(projection.referenceLatitudeDegrees - 43.7335028) < 1e-12)
        // poa-4g1 and poa-4g2 differ by 0.002° of longitude only:
        // Δx = 6371008.8 m · 0.002 · π/180 · cos(43.7335028°)
        let radiansPerDegree = Double.pi / 180
        let expected = 6_371_008.8 * 0.002 * radiansPerDegree * cos(43.7335028 * radiansPerDegree)
        let a = topology.baseStations[0].position
        let b = topology.baseStations[1].position
        #expect(abs((b.xMeters - a.xMeters) - expected) < 1e-9)
        #expect(abs(b.yMeters - a.yMeters) < 1e-9)
        #expect(abs(expected - 160.75) < 0.1)
        // Users are projected the same way; velocities stay metres per second.
        let user = problem.workload.users[0]
        let start = user.motion.position(at: .zero)
        let later = user.motion.position(at: Seconds(10))
        #expect(abs(later.xMeters - start.xMeters - 12) < 1e-9)
        let walker = problem.workload.users[1]
        #expect(walker.motion.position(at: .zero) == topology.baseStations[4].position)
        #expect(walker.measuredRSSI[BaseStationIndex(4)] == DBm(-58))
    }

    /// `zone` is an optional label: kept in the model, printed by `--resolved`, read back the same.
    @Test func zonesAreKeptAndResolved() throws {
        let result = ProblemLoader.load(paths: [Self.file])
        let problem = try #require(result.problem, "\(result.diagnostics.map(\.headline))")
        #expect(problem.topology.baseStations.map(\.zone) == Array(repeating: "zone1", count: 5))
        let resolved = ResolvedDocuments.render(problem)
        #expect(resolved.contains("    zone: \"zone1\"\n"))
        let again = try ProblemFixtureLoader.load(resolved)
        #expect(again.topology.baseStations.map(\.zone) == problem.topology.baseStations.map(\.zone))
    }
}

/// Loads YAML text written to a temporary file.
enum ProblemFixtureLoader {
    static func load(_ yaml: String) throws -> Problem {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgeplan-zone-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("resolved.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let result = ProblemLoader.load(paths: [file.path])
        return try #require(result.problem, "\(result.diagnostics.map(\.headline))")
    }
}
