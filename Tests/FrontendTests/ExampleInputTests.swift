import Diagnostics
import EdgeModel
import Foundation
import Frontend
import Testing

/// The bundled examples load into the model with the values their YAML states.
struct ExampleInputTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func loadTestbed(policy: Bool = true) throws -> (Problem, LoadResult) {
        var paths = [path("Examples/testbed"), path("Models/ngo2020.yaml")]
        if policy { paths.append(path("Policies/orchestrated.yaml")) }
        let result = ProblemLoader.load(paths: paths)
        let problem = try #require(result.problem, "\(result.diagnostics.map(\.headline))")
        return (problem, result)
    }

    @Test func testbedLoadsWithoutDiagnostics() throws {
        let (problem, result) = try Self.loadTestbed()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.headline))")
        let topology = problem.topology
        #expect(topology.baseStations.map(\.id) == ["ap1", "ap2", "ap3"])
        #expect(topology.servers.map(\.id) == ["edge1", "edge2", "edge3", "cloud"])
        #expect(topology.servers.map(\.tier) == [.edge, .edge, .edge, .cloud])
        #expect(topology.links.count == 8)
        let ap2 = topology.baseStations[1]
        #expect(ap2.position == PlanePoint(xMeters: 40, yMeters: 0))
        #expect(ap2.txPower == DBm(20))
        #expect(ap2.peakRate == BitsPerSecond(300e6))  // the wifi default
        #expect(ap2.handoverTime == Seconds(0.5))
        #expect(ap2.maxUsers == nil)
        #expect(ap2.radio == .default)
        let edge1 = topology.servers[0]
        #expect(edge1.capacity.memory == Bytes(16e9))
        #expect(edge1.capacity.netio == BitsPerSecond(1e9))
        #expect(edge1.used == .zero)
        #expect(edge1.checkpointCost == SecondsPerByte(1e-9))  // default 1 s/GB
        #expect(problem.policy.name == "orchestrated")
        #expect(!problem.policy.isBuiltIn)
        #expect(problem.apps.map(\.name) == ["simple", "openface", "yolo"])
        let openface = problem.apps[1]
        #expect(openface.image == Bytes(1.86e9))
        #expect(openface.checkpoint == DeltaCheckpoint(full: Bytes(196.8e6), delta: Bytes(7.94e6)))
        #expect(openface.strategy == .deltaCheckpoint)
        let user = try #require(problem.workload.users.first)
        #expect(user.id == "mu1")
        #expect(problem.apps[user.app].name == "openface")
        #expect(user.attachment == Attachment(baseStation: BaseStationIndex(0), server: ServerIndex(0)))
        #expect(user.motion.position(at: Seconds(80)) == PlanePoint(xMeters: 40, yMeters: 0))
        #expect(problem.workload.epoch == Date(timeIntervalSince1970: 1_767_225_600))
        #expect(problem.inputs.count == 4)
        #expect(problem.inputs.allSatisfy { $0.sha256.count == 64 })
    }

    @Test func testbedPathsFollowThePaper() throws {
        let (problem, _) = try Self.loadTestbed()
        let topology = problem.topology
        let fromAP1 = topology.graph.paths(from: topology.node(BaseStationIndex(0)))
        // ap1 → edge1: the 1 ms LAN; ap1 → edge2: 1 ms + 50 ms at 100 Mbps; ap1 → cloud: 1 + 150 ms at 75 Mbps.
        #expect(fromAP1[topology.node(ServerIndex(0)).rawValue]?.rttNanoseconds == 1_000_000)
        #expect(
            fromAP1[topology.node(ServerIndex(1)).rawValue]
                == PathMetrics(rttNanoseconds: 51_000_000, bottleneck: BitsPerSecond(100e6), hops: 2))
        #expect(
            fromAP1[topology.node(ServerIndex(2)).rawValue]
                == PathMetrics(rttNanoseconds: 101_000_000, bottleneck: BitsPerSecond(100e6), hops: 3))
        #expect(
            fromAP1[topology.node(ServerIndex(3)).rawValue]
                == PathMetrics(rttNanoseconds: 151_000_000, bottleneck: BitsPerSecond(75e6), hops: 2))
    }

    @Test func builtInPolicyAppliesWhenNoneIsGiven() throws {
        let (problem, _) = try Self.loadTestbed(policy: false)
        #expect(problem.policy.isBuiltIn)
        #expect(problem.policy.horizon == Seconds(5))
        #expect(problem.policy.gainWindow == Seconds(5))
        #expect(problem.policy.rssiMin == DBm(-85))
        #expect(problem.policy.margin == Ratio(0.1))
        #expect(problem.policy.solver == .default)
        #expect(problem.policy.sla.count == 1)
    }

    @Test func summaryCountsCandidates() throws {
        let (_, result) = try Self.loadTestbed()
        let summary = try #require(result.summary)
        #expect(summary.baseStations == 3)
        #expect(summary.serversByTier == [.edge: 3, .cloud: 1])
        #expect(summary.unreachablePairs == 0)
        // All three APs are within 146.8 m (the −85 dBm radius) of x = 0 and x = 2.5 m; 3 BSs × 4 servers.
        #expect(summary.perUser.map(\.candidates) == [12])
        #expect(summary.perUser.map(\.keptBaseStations) == [3])
    }

    /// `check --resolved` output is itself valid input and describes the same problem.
    @Test func resolvedDocumentsRoundTrip() throws {
        let (problem, _) = try Self.loadTestbed()
        let text = ResolvedDocuments.render(problem)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-resolved-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("resolved.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let again = ProblemLoader.load(paths: [file.path])
        let reloaded = try #require(again.problem, "\(again.diagnostics.map(\.headline))")
        #expect(ResolvedDocuments.render(reloaded) == text)
        #expect(reloaded.topology.links.map(\.rttNanoseconds) == problem.topology.links.map(\.rttNanoseconds))
    }
}
