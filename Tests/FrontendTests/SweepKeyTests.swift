import Diagnostics
import EdgeModel
import Foundation
import Frontend
import Testing

/// `whatif --sweep KEY=VALUE`: each family of keys applied to the testbed, and the messages of keys
/// and values that cannot be used.
struct SweepKeyTests {
    static func problem(_ key: String, _ value: String) throws -> Problem {
        let variant = try ProblemLoader.sweepVariant(key: key, value: value)
        #expect(variant.name == "\(key)=\(value)")
        #expect(variant.location == nil)
        return try VariantFixture.problem([variant])
    }

    /// The message a key and value are refused with.
    static func message(_ key: String, _ value: String) -> String {
        do {
            _ = try ProblemLoader.sweepVariant(key: key, value: value)
            return "(accepted)"
        } catch {
            return "\(error)"
        }
    }

    @Test func policyKeys() throws {
        #expect(try Self.problem("policy.horizon", "20 s").policy.horizon == Seconds(20))
        #expect(try Self.problem("policy.planner", "nearest").policy.planner == .nearest)
        #expect(try Self.problem("policy.margin", "25 %").policy.margin == Ratio(0.25))
        #expect(try Self.problem("policy.candidateServers", "2").policy.candidateServers == 2)
        #expect(try Self.problem("policy.objective.downtimeWeight", "0.5").policy.downtimeWeight == 0.5)
        let solver = try Self.problem("policy.solver.threads", "4").policy.solver
        #expect(solver.threads == 4)
        #expect(solver.timeLimitSeconds == 30)
    }

    @Test func serverKeys() throws {
        let capacity = try Self.problem("servers.edge1.capacity.cpu", "16").topology
        #expect(capacity.servers.map(\.capacity.cpu) == [Cores(16), Cores(8), Cores(8), Cores(12)])
        #expect(try Self.problem("servers.*.compute", "2").topology.servers.map(\.compute) == [2, 2, 2, 2])
        let tier = try Self.problem("servers.tier:edge.compute", "x3").topology
        #expect(tier.servers.map(\.compute) == [3, 3, 3, 1.5])
        let used = try Self.problem("servers.cloud.used.memory", "64 GB").topology
        #expect(used.server("cloud")?.used.memory == Bytes(64e9))
    }

    @Test func baseStationAndLinkKeys() throws {
        let stations = try Self.problem("baseStations.ap1.maxUsers", "3").topology
        #expect(stations.baseStations.map(\.maxUsers) == [3, nil, nil])
        let all = try Self.problem("links.*.bandwidth", "2 Gbps").topology
        #expect(all.links.allSatisfy { $0.bandwidth == BitsPerSecond(2e9) })
        let halved = try Self.problem("links.*.bandwidth", "x0.5").topology
        #expect(halved.links.map(\.bandwidth.value) == [500e6, 500e6, 500e6, 50e6, 50e6, 37.5e6, 37.5e6, 37.5e6])
        // One link by its ends, in either order: ap1 → edge2 is 1 + 10 ms.
        let one = try Self.problem("links.edge2.edge1.rtt", "10 ms").topology
        #expect(one.path("ap1", "edge2")?.rttNanoseconds == 11_000_000)
        // Every link of the cloud: ap1 → cloud is 1 + 20 ms, and ap1 → edge2 through the cloud
        // (1 + 20 + 20 ms) beats the direct 1 + 50 ms, at the cloud links' 75 Mbps.
        let cloud = try Self.problem("links.cloud.*.rtt", "20 ms").topology
        #expect(cloud.path("ap1", "cloud")?.rttNanoseconds == 21_000_000)
        #expect(
            cloud.path("ap1", "edge2")
                == PathMetrics(rttNanoseconds: 41_000_000, bottleneck: BitsPerSecond(75e6), hops: 3))
    }

    @Test func unknownKeysSayWhatIsExpected() {
        #expect(Self.message("polcy.horizon", "20 s").contains("did you mean \"policy\"?"))
        #expect(Self.message("policy.horizn", "20 s").contains("did you mean \"policy.horizon\"?"))
        #expect(Self.message("policy.sla", "x").contains("sla and strategies are lists"))
        #expect(
            Self.message("servers.edge1.cpu", "16")
                == "unknown sweep key \"servers.edge1.cpu\": a key for servers is servers.ID.FIELD, servers.*.FIELD or servers.tier:TIER.FIELD with FIELD one of \"compute\", \"capacity.cpu\", \"capacity.memory\", \"capacity.storage\", \"capacity.netio\", \"used.cpu\", \"used.memory\", \"used.storage\", \"used.netio\", \"checkpointCost\", \"restoreCost\""
        )
        #expect(Self.message("servers.compute", "2").contains("names no server"))
        #expect(Self.message("links.a.b.c.bandwidth", "1 Gbps").contains("names no link"))
        #expect(Self.message("servers.tier:edgy.compute", "2").contains("unknown tier"))
        #expect(Self.message("baseStations.ap1.txPowr", "20 dBm").contains("did you mean \"txPower\"?"))
    }

    @Test func badValuesSayWhatIsExpected() {
        #expect(
            Self.message("policy.horizon", "20")
                == "sweep value for policy.horizon: expected a time such as \"500 ms\", found the bare number 20")
        #expect(
            Self.message("links.*.bandwidth", "2 gbps")
                == "sweep value for links.*.bandwidth: unknown unit \"gbps\" in \"2 gbps\"; a bandwidth takes bps, Kbps, Mbps, Gbps (did you mean \"2 Gbps\"?)"
        )
        #expect(
            Self.message("baseStations.ap1.maxUsers", "three")
                == "sweep value for baseStations.ap1.maxUsers: expected a whole number such as \"3\", found \"three\"")
        #expect(Self.message("policy.planner", "nearst").contains("(did you mean \"nearest\"?)"))
        #expect(Self.message("servers.*.compute", "x0").contains("a scale factor must be a positive finite number"))
        #expect(Self.message("baseStations.*.txPower", "x2").contains("\"txPower\" cannot be scaled"))
        #expect(Self.message("policy.horizon", "x2").contains("a policy field is set, not scaled"))
    }

    @Test func valuesAreCheckedWhenAppliedWithoutALocation() throws {
        let unknown = VariantFixture.scenario([try ProblemLoader.sweepVariant(key: "servers.edge9.compute", value: "2")]
        )
        #expect(unknown.problem == nil)
        #expect(
            VariantFixture.lines(unknown.diagnostics) == [
                "edgeplan: error: sweep servers.edge9.compute=2: unknown server \"edge9\"",
                "note: did you mean \"edge1\"?",
            ])
        let zero = VariantFixture.scenario([try ProblemLoader.sweepVariant(key: "servers.edge1.compute", value: "0")])
        #expect(
            zero.diagnostics.map(\.headline) == [
                "edgeplan: error: sweep servers.edge1.compute=0: \"compute\" must be greater than zero, found \"0\""
            ])
        let horizon = VariantFixture.scenario([try ProblemLoader.sweepVariant(key: "policy.horizon", value: "-5 s")])
        #expect(
            horizon.diagnostics.map(\.headline) == [
                "edgeplan: error: sweep policy.horizon=-5 s: \"horizon\" must be greater than zero, found \"-5 s\""
            ])
        let link = VariantFixture.scenario([try ProblemLoader.sweepVariant(key: "links.ap1.ap2.rtt", value: "1 ms")])
        #expect(link.diagnostics.map(\.id) == [.noSuchLink])
    }
}
