import Diagnostics
import EdgeModel
import Foundation
import Frontend
import Testing

/// Each edit of a `kind: Variant` applied to the testbed (three access points ap1–ap3 on a line,
/// each with an edge server 1 ms away; edge1–edge2 and edge2–edge3 at 100 Mbps / 50 ms; every edge
/// server to the cloud at 75 Mbps / 150 ms; the user mu1 on ap1 and edge1).
struct VariantEditTests {
    @Test func removingAServerRemovesItsLinksAndItsPaths() throws {
        let fixture = try VariantFixture()
        let variants = try fixture.variants(
            """
            kind: Variant
            name: no-edge3
            remove:
              servers: [edge3]
            """)
        #expect(variants.map(\.name) == ["no-edge3"])
        let topology = try VariantFixture.problem(variants).topology
        #expect(topology.servers.map(\.id) == ["edge1", "edge2", "cloud"])
        // 8 links less ap3–edge3, edge2–edge3 and edge3–cloud.
        #expect(topology.links.count == 5)
        // ap3 had only the LAN to edge3: now it reaches no server.
        #expect(topology.path("ap3", "cloud") == nil)
        #expect(topology.path("ap2", "cloud")?.rttNanoseconds == 151_000_000)
    }

    @Test func removingALinkReroutesItsPaths() throws {
        let fixture = try VariantFixture()
        let variants = try fixture.variants(
            """
            kind: Variant
            name: cut
            remove:
              links: [[edge2, edge1]]
            """)
        let topology = try VariantFixture.problem(variants).topology
        #expect(topology.links.count == 7)
        // ap1 → edge2 was 1 + 50 ms; now ap1–edge1–cloud–edge2: 1 + 150 + 150 ms at 75 Mbps.
        #expect(
            topology.path("ap1", "edge2")
                == PathMetrics(rttNanoseconds: 301_000_000, bottleneck: BitsPerSecond(75e6), hops: 3))
    }

    @Test func removingABaseStationRemovesItsLink() throws {
        let fixture = try VariantFixture()
        let variants = try fixture.variants("kind: Variant\nname: no-ap3\nremove: {baseStations: [ap3]}\n")
        let topology = try VariantFixture.problem(variants).topology
        #expect(topology.baseStations.map(\.id) == ["ap1", "ap2"])
        #expect(topology.links.count == 7)
        // Servers are numbered after base stations: edge1 is node 2 now, not 3.
        #expect(topology.node(try #require(topology.server("edge1")).index) == NodeIndex(2))
    }

    @Test func removingEveryLinkOfANodeWithAWildcard() throws {
        let fixture = try VariantFixture()
        let variants = try fixture.variants("kind: Variant\nname: no-cloud-links\nremove: {links: [[cloud, \"*\"]]}\n")
        let topology = try VariantFixture.problem(variants).topology
        #expect(topology.servers.count == 4)
        #expect(topology.links.count == 5)
        #expect(topology.path("ap1", "cloud") == nil)
    }

    @Test func measuredRSSIOfARemovedBaseStationIsDropped() throws {
        let fixture = try VariantFixture()
        let workload = try fixture.write(
            "measured.yaml",
            """
            kind: Workload
            name: measured
            users:
              - {id: u1, app: yolo, attachment: {bs: ap2, server: edge2}, position: [40, 0], rssi: {ap1: -70 dBm, ap2: -50 dBm}}
            """)
        let variants = try fixture.variants("kind: Variant\nname: no-ap1\nremove: {baseStations: [ap1]}\n")
        let problem = try VariantFixture.problem(variants, replacements: [workload])
        let user = try #require(problem.workload.users.first)
        // ap2 is base station 0 once ap1 is gone.
        #expect(user.measuredRSSI == [BaseStationIndex(0): DBm(-50)])
        #expect(user.attachment.baseStation == BaseStationIndex(0))
    }

    @Test func addedElementsAreReadAsInATopology() throws {
        let fixture = try VariantFixture()
        let variants = try fixture.variants(
            """
            kind: Variant
            name: edge4
            add:
              baseStations:
                - {id: ap4, position: [120, 0], technology: 5g, txPower: 23 dBm}
              servers:
                - {id: edge4, tier: edge, compute: 1.25, capacity: {cpu: 4, memory: 8 GB, storage: 128 GB, netio: 1 Gbps}}
              links:
                - {between: [ap4, edge4], bandwidth: 1 Gbps, rtt: 2 ms}
                - {between: [edge4, edge3], bandwidth: 200 Mbps, rtt: 20 ms}
            """)
        let topology = try VariantFixture.problem(variants).topology
        #expect(topology.baseStations.map(\.id) == ["ap1", "ap2", "ap3", "ap4"])
        #expect(topology.servers.map(\.id) == ["edge1", "edge2", "edge3", "cloud", "edge4"])
        let ap4 = try #require(topology.baseStation("ap4"))
        #expect(ap4.peakRate == BitsPerSecond(1e9))  // the 5g default
        let edge4 = try #require(topology.server("edge4"))
        #expect(edge4.compute == 1.25)
        #expect(edge4.capacity.memory == Bytes(8e9))
        // ap3 → edge4: the 1 ms LAN to edge3, then edge3–edge4, 20 ms at 200 Mbps.
        #expect(
            topology.path("ap3", "edge4")
                == PathMetrics(rttNanoseconds: 21_000_000, bottleneck: BitsPerSecond(200e6), hops: 2))
        #expect(topology.links.count == 10)
    }

    @Test func setEditsChangeTheNamedFieldsOnly() throws {
        let fixture = try VariantFixture()
        let variants = try fixture.variants(
            """
            kind: Variant
            name: bigger-edge1
            set:
              servers:
                - {id: edge1, capacity: {cpu: 16}, used: {memory: 1 GB}, checkpointCost: 0.5 s/GB}
              baseStations:
                - {id: "*", maxUsers: 3}
                - {id: ap1, txPower: 23 dBm, handoverTime: 200 ms, peakRate: 100 Mbps}
              links:
                - {between: [cloud, edge1], bandwidth: 1 Gbps, rtt: 10 ms}
            """)
        let topology = try VariantFixture.problem(variants).topology
        let edge1 = try #require(topology.server("edge1"))
        #expect(edge1.capacity.cpu == Cores(16))
        #expect(edge1.capacity.memory == Bytes(16e9))  // unchanged
        #expect(edge1.used.memory == Bytes(1e9))
        #expect(edge1.used.cpu == Cores(0))
        #expect(edge1.checkpointCost == SecondsPerByte(0.5e-9))
        #expect(edge1.restoreCost == SecondsPerByte(1e-9))
        #expect(topology.server("edge2")?.capacity.cpu == Cores(8))
        #expect(topology.baseStations.map(\.maxUsers) == [3, 3, 3])
        let ap1 = try #require(topology.baseStation("ap1"))
        #expect(ap1.txPower == DBm(23))
        #expect(ap1.handoverTime == Seconds(0.2))
        #expect(ap1.peakRate == BitsPerSecond(100e6))
        #expect(topology.baseStation("ap2")?.txPower == DBm(20))
        // ap1 → cloud: 1 ms LAN + the 10 ms link, now at 1 Gbps.
        #expect(
            topology.path("ap1", "cloud")
                == PathMetrics(rttNanoseconds: 11_000_000, bottleneck: BitsPerSecond(1e9), hops: 2))
    }

    @Test func scaleEditsMultiplyValuesAndDefaults() throws {
        let fixture = try VariantFixture()
        let variants = try fixture.variants(
            """
            kind: Variant
            name: scaled
            set:
              baseStations:
                - {id: ap2, maxUsers: 3}
            scale:
              servers:
                - {tier: edge, compute: 2}
                - {id: "*", capacity: {cpu: 0.5}}
                - {id: edge1, checkpointCost: 2}
              baseStations:
                - {id: ap1, peakRate: 0.5, handoverTime: 3}
                - {id: ap2, maxUsers: 0.5}
              links:
                - {between: "*", bandwidth: 0.5}
                - {between: [edge1, edge2], rtt: 2}
            """)
        let topology = try VariantFixture.problem(variants).topology
        #expect(topology.servers.map(\.compute) == [2, 2, 2, 1.5])
        #expect(topology.servers.map(\.capacity.cpu) == [Cores(4), Cores(4), Cores(4), Cores(6)])
        // edge1 leaves checkpointCost out: the default 1 s/GB, doubled.
        #expect(topology.server("edge1")?.checkpointCost == SecondsPerByte(2e-9))
        // ap1's peak rate is the wifi default, 300 Mbps, halved; its handover 500 ms tripled.
        #expect(topology.baseStation("ap1")?.peakRate == BitsPerSecond(150e6))
        #expect(topology.baseStation("ap1")?.handoverTime == Seconds(1.5))
        // 3 × 0.5 = 1.5, rounded down to a whole number of users.
        #expect(topology.baseStation("ap2")?.maxUsers == 1)
        #expect(topology.baseStation("ap3")?.maxUsers == nil)
        // Every bandwidth halved (1 Gbps LANs, 100 Mbps and 75 Mbps); edge1–edge2 also 2 × 50 ms.
        #expect(topology.links.map(\.bandwidth.value) == [500e6, 500e6, 500e6, 50e6, 50e6, 37.5e6, 37.5e6, 37.5e6])
        #expect(topology.links[3].rttNanoseconds == 100_000_000)
        #expect(topology.path("ap1", "edge2")?.rttNanoseconds == 101_000_000)
    }

    @Test func policyEditsChangeTheChosenPolicy() throws {
        let fixture = try VariantFixture()
        let variants = try fixture.variants(
            """
            kind: Variant
            name: longer
            set:
              policy:
                horizon: 20 s
                planner: nearest
                solver: {timeLimit: 60 s}
                objective: {downtimeWeight: 2}
                sla:
                  - {app: openface, maxDelay: 100 ms}
            """)
        let policy = try VariantFixture.problem(variants).policy
        #expect(policy.name == "orchestrated")
        #expect(policy.horizon == Seconds(20))
        // The orchestrated policy writes gainWindow: 5 s, which stays.
        #expect(policy.gainWindow == Seconds(5))
        #expect(policy.planner == .nearest)
        #expect(policy.solver.timeLimitSeconds == 60)
        #expect(policy.solver.threads == 2)
        #expect(policy.gainWeight == 1)
        #expect(policy.downtimeWeight == 2)
        #expect(policy.sla.map(\.app) == ["openface"])
        #expect(policy.sla.first?.maxDelay == Seconds(0.1))
    }

    @Test func policyEditsOfTheBuiltInPolicyMakeOne() throws {
        let fixture = try VariantFixture()
        let variants = try fixture.variants("kind: Variant\nname: h\nset: {policy: {horizon: 20 s}}\n")
        let policy = try VariantFixture.problem(variants, policy: false).policy
        #expect(policy.name == "default")
        #expect(!policy.isBuiltIn)
        #expect(policy.horizon == Seconds(20))
        // The built-in policy's gain window is its horizon, so it follows.
        #expect(policy.gainWindow == Seconds(20))
        #expect(policy.rssiMin == DBm(-85))
    }

    @Test func editsApplyInOrderAndSumsKeepBoth() throws {
        let fixture = try VariantFixture()
        let variants = try fixture.variants(
            """
            kind: Variant
            name: a
            remove: {servers: [edge3]}
            add:
              servers:
                - {id: edge3, tier: regional, capacity: {cpu: 32, memory: 64 GB, storage: 1 TB, netio: 10 Gbps}}
              links:
                - {between: [edge3, edge2], bandwidth: 1 Gbps, rtt: 5 ms}
            set:
              servers:
                - {id: edge3, capacity: {cpu: 16}}
            scale:
              servers:
                - {id: edge3, capacity: {cpu: 0.25}}
            ---
            kind: Variant
            name: b
            set:
              servers:
                - {tier: regional, compute: 3}
            """)
        let sum = variants[0] + variants[1]
        #expect(sum.name == "a+b")
        #expect(sum.location == variants[0].location)
        let topology = try VariantFixture.problem([sum]).topology
        #expect(topology.servers.map(\.id) == ["edge1", "edge2", "cloud", "edge3"])
        let edge3 = try #require(topology.server("edge3"))
        // Added with 32 cores, set to 16, then scaled by 0.25.
        #expect(edge3.capacity.cpu == Cores(4))
        #expect(edge3.tier == .regional)
        #expect(edge3.compute == 3)
        #expect(topology.path("ap2", "edge3")?.rttNanoseconds == 6_000_000)
    }

    @Test func theScenarioListsItsFiles() throws {
        let fixture = try VariantFixture()
        let variants = try fixture.variants("kind: Variant\nname: h\nset: {policy: {horizon: 20 s}}\n")
        let problem = try VariantFixture.problem(variants)
        let base = try #require(ProblemLoader.load(paths: VariantFixture.testbed + [VariantFixture.policy]).problem)
        #expect(problem.inputs.count == base.inputs.count + 1)
        #expect(problem.inputs.last?.path.hasSuffix("variant.yaml") == true)
        #expect(problem.inputs.last?.sha256.count == 64)
        #expect(variants.first?.inputs == problem.inputs.last.map { [$0] })
    }

    @Test func withoutVariantsTheScenarioIsTheBase() throws {
        let base = ProblemLoader.load(paths: VariantFixture.testbed + [VariantFixture.policy])
        let scenario = VariantFixture.scenario([])
        #expect(base.diagnostics == scenario.diagnostics)
        let (a, b) = (try #require(base.problem), try #require(scenario.problem))
        #expect(ResolvedDocuments.render(a) == ResolvedDocuments.render(b))
        #expect(a.inputs == b.inputs)
    }
}
