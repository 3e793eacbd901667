import Diagnostics
import EdgeModel
import Foundation
import Frontend
import Testing

/// What docs/language.md and docs/diagnostics.md say about Variants holds.
struct VariantDocumentationTests {
    static func document(_ name: String) throws -> String {
        try String(contentsOfFile: VariantFixture.path("docs/\(name)"), encoding: .utf8)
    }

    @Test func theDocumentedExampleAppliesToTheTestbed() throws {
        let language = try Self.document("language.md")
        let section = try #require(language.range(of: "## kind: Variant"))
        let rest = language[section.upperBound...]
        let start = try #require(rest.range(of: "```yaml\n"))
        let end = try #require(rest[start.upperBound...].range(of: "```"))
        let fixture = try VariantFixture()
        let variants = try fixture.variants(String(rest[start.upperBound..<end.lowerBound]))
        #expect(variants.map(\.name) == ["edge3-down-bigger-edge1"])
        let problem = try VariantFixture.problem(variants)
        let topology = problem.topology
        #expect(topology.baseStations.map(\.id) == ["ap1", "ap2", "ap3", "ap4"])
        #expect(topology.servers.map(\.id) == ["edge1", "edge2", "cloud", "edge4"])
        // Compute halved: edge1 and edge2 1.0, the cloud 1.5, edge4 the default 1.
        #expect(topology.servers.map(\.compute) == [0.5, 0.5, 0.75, 0.5])
        #expect(topology.server("edge1")?.capacity.cpu == Cores(16))
        #expect(topology.server("edge4")?.checkpointCost == SecondsPerByte(0.5e-9))
        #expect(topology.server("cloud")?.checkpointCost == SecondsPerByte(1e-9))
        #expect(topology.baseStations.map(\.maxUsers) == [4, 4, 4, 4])
        // Links: 8 − 3 of edge3 − edge1–edge2 + 2 added. edge1–cloud is set to 1 Gbps, then halved,
        // and its 150 ms doubled: ap1 → cloud is 1 + 300 ms at 500 Mbps.
        #expect(topology.links.count == 6)
        #expect(
            topology.path("ap1", "cloud")
                == PathMetrics(rttNanoseconds: 301_000_000, bottleneck: BitsPerSecond(500e6), hops: 2))
        #expect(problem.policy.horizon == Seconds(20))
        #expect(problem.policy.solver.timeLimitSeconds == 60)
        #expect(problem.policy.sla.map(\.app) == ["openface"])
    }

    @Test func everyVariantDiagnosticIsDocumented() throws {
        let diagnostics = try Self.document("diagnostics.md")
        let ids: [DiagnosticID] = [
            .badSelector, .badScale, .notScalable, .emptySelection, .noSuchLink, .removedNodeInUse,
        ]
        for id in ids {
            #expect(diagnostics.contains("| `\(id)` | error |"), "\(id)")
        }
    }
}
