import EdgeModel
import Foundation
import Interop
import Testing

/// Links carry AdvantEDGE's path latencies: one way per segment, so RTT = 2 × their sum
/// (go-packages/meep-net-char-mgr/algo-segment.go; every level of `SyntheticScenario` has its
/// own latency, so each sum below names its terms).
struct NetworkPathTests {
    static func link(_ imported: AdvantEDGEImport, _ a: String, _ b: String) throws -> AdvantEDGEImport.Link {
        try #require(imported.links.first { Set([$0.ends.0, $0.ends.1]) == Set([a, b]) }, "no link \(a)–\(b)")
    }

    @Test func roundTripsByHand() throws {
        let imported = try SyntheticScenario.convert()
        let cases: [(String, String, Double, Double)] = [
            // A UE at poa-a1 to the fog node at the same point of access: terminal link 2 + node 1.
            ("poa-a1", "fog-a1", 2 * (2 + 1), 600),
            // From poa-a2 in the same zone: terminal 4 + zone za 3 (up) + za 3 (down) + node 1.
            ("poa-a2", "fog-a1", 2 * (4 + 3 + 3 + 1), 600),
            // To the edge node of za: terminal 2 + za 3 + (node 5 + za 3).
            ("poa-a1", "edge-a", 2 * (2 + 3 + 5 + 3), 1000),
            // From zone zb: terminal 1 + zb 6 + op 7 (up) + op 7 (down) + za 3 + node 5; op is 500 Mbps.
            ("poa-b1", "edge-a", 2 * (1 + 6 + 7 + 7 + 3 + 5), 500),
            // To the distant cloud: terminal 2 + za 3 + op 7 + inter-domain 11 (up) + 11 (down) + node 19.
            ("poa-a1", "dc1", 2 * (2 + 3 + 7 + 11 + 11 + 19), 500),
            // Between servers: fog 1 + za 3, then za 3 + edge 5.
            ("fog-a1", "edge-a", 2 * (1 + 3 + 3 + 5), 600),
            // The edge node and the cloud: za 3 + node 5, op 7, 11 + 11, node 19; 800 Mbps uplink is the smaller.
            ("edge-a", "dc1", 2 * (5 + 3 + 7 + 11 + 11 + 19), 500),
        ]
        for (a, b, rtt, bandwidth) in cases {
            let link = try Self.link(imported, a, b)
            #expect(link.rttMilliseconds == rtt, "\(a)–\(b): \(link.explanation)")
            #expect(link.bandwidthMbps == bandwidth, "\(a)–\(b)")
        }
        #expect(
            try Self.link(imported, "poa-b1", "edge-a").explanation
                == "2 × (terminal link poa-b1 1 + zone zb 6 + domain op 7 + domain op 7 + node edge-a + zone za 8) ms"
        )
        // A base station–server pair and a server pair each, nothing between base stations.
        #expect(imported.links.count == 3 * 3 + 3)
        // The terminal link's throughput is the base station's peak rate (AdvantEDGE's default 1000 Mbps).
        #expect(imported.stations.allSatisfy { $0.peakRateMbps == 1000 })
    }

    /// Placed servers add no latency of their own: a fog node at a point of access, an edge node in a zone.
    @Test func placedServers() throws {
        let perPoA = try SyntheticScenario.convert(servers: .perPoA)
        #expect(try Self.link(perPoA, "poa-a1", "mec-poa-a1").rttMilliseconds == 2 * 2)
        #expect(try Self.link(perPoA, "poa-a1", "mec-poa-a2").rttMilliseconds == 2 * (2 + 3 + 3))
        #expect(try Self.link(perPoA, "mec-poa-a1", "mec-poa-b1").rttMilliseconds == 2 * (3 + 7 + 7 + 6))
        let perZone = try SyntheticScenario.convert(servers: .perZone)
        #expect(try Self.link(perZone, "poa-a1", "mec-za").rttMilliseconds == 2 * (2 + 3 + 3))
        #expect(try Self.link(perZone, "poa-a1", "mec-zb").rttMilliseconds == 2 * (2 + 3 + 7 + 7 + 6))
        #expect(try Self.link(perZone, "mec-za", "dc1").rttMilliseconds == 2 * (3 + 7 + 11 + 11 + 19))
    }

    /// The links are a tree distance, so edgeplan's least-RTT path between any base station and
    /// server is the direct link: no detour through other nodes is shorter.
    @Test(arguments: [ServerPlacement.none, .perPoA, .perZone])
    func pathsAreTheDirectLinks(servers: ServerPlacement) throws {
        for imported in [
            try SyntheticScenario.convert(servers: servers),
            try InteropFixtures.convert(InteropFixtures.small, servers: servers),
        ] {
            let topology = try InteropFixtures.load(imported).problem.topology
            var direct: [String: AdvantEDGEImport.Link] = [:]
            for link in imported.links { direct["\(link.ends.0)|\(link.ends.1)"] = link }
            for station in topology.baseStations {
                let paths = topology.graph.paths(from: topology.node(station.index))
                for server in topology.servers {
                    let path = try #require(paths[topology.node(server.index).rawValue])
                    let expected = try #require(direct["\(station.id)|\(server.id)"])
                    // A detour may tie (through a fog node of no latency), never win, in RTT or bandwidth.
                    #expect(path.rttNanoseconds == Int64(expected.rttMilliseconds * 1e6), "\(station.id)–\(server.id)")
                    #expect(path.bottleneck.value == expected.bandwidthMbps * 1e6, "\(station.id)–\(server.id)")
                }
            }
        }
    }
}
