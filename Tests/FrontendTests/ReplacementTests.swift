import Diagnostics
import EdgeModel
import Foundation
import Frontend
import Testing

/// `whatif --alt NAME=PATHS`: the documents of the replacement files replace the base's of the same
/// kind; documents of other kinds are kept.
struct ReplacementTests {
    @Test func aTopologyReplacesTheTopology() throws {
        let fixture = try VariantFixture()
        let path = try fixture.write(
            "small.yaml",
            """
            kind: Topology
            name: small
            baseStations:
              - {id: ap1, position: [0, 0], txPower: 20 dBm}
            servers:
              - {id: edge1, tier: edge, capacity: {cpu: 2, memory: 4 GB, storage: 64 GB, netio: 1 Gbps}}
            links:
              - {between: [ap1, edge1], bandwidth: 500 Mbps, rtt: 4 ms}
            """)
        let problem = try VariantFixture.problem([], replacements: [path])
        #expect(problem.topology.name == "small")
        #expect(problem.topology.servers.map(\.id) == ["edge1"])
        #expect(problem.topology.path("ap1", "edge1")?.rttNanoseconds == 4_000_000)
        // The rest is the base's.
        #expect(problem.workload.name == "one-walker")
        #expect(problem.policy.name == "orchestrated")
        #expect(problem.apps.count == 3)
        #expect(problem.inputs.last?.path == path)
    }

    @Test func aPolicyReplacesTheChosenPolicy() throws {
        let fixture = try VariantFixture()
        let path = try fixture.write("tight.yaml", "kind: Policy\nname: tight\nhorizon: 2 s\nmargin: 0 %\n")
        let result = VariantFixture.scenario(
            [], replacements: [path], options: LoadOptions(policyName: "orchestrated"))
        let policy = try #require(result.problem?.policy, "\(result.diagnostics.map(\.headline))")
        #expect(policy.name == "tight")
        #expect(policy.horizon == Seconds(2))
        #expect(policy.margin == Ratio(0))
    }

    @Test func appProfilesReplaceTheWholeSet() throws {
        let fixture = try VariantFixture()
        let path = try fixture.write(
            "apps.yaml",
            """
            kind: AppProfile
            name: openface
            image: 1 GB
            checkpoint: {full: 100 MB, delta: 5 MB}
            state: application
            resources: {cpu: 1, memory: 1 GB, storage: 1 GB, netio: 10 Mbps}
            task: {size: 100 KB, rate: 5 /s, processing: 50 ms}
            """)
        let problem = try VariantFixture.problem([], replacements: [path])
        #expect(problem.apps.map(\.name) == ["openface"])
        #expect(problem.apps.first?.image == Bytes(1e9))
        #expect(problem.workload.users.first.map { problem.apps[$0.app].name } == "openface")
    }

    @Test func aWorkloadReplacesTheWorkloadAndVariantsApplyAfter() throws {
        let fixture = try VariantFixture()
        let path = try fixture.write(
            "two.yaml",
            """
            kind: Workload
            name: two
            users:
              - {id: u1, app: yolo, attachment: {bs: ap1, server: edge1}, position: [0, 0]}
              - {id: u2, app: simple, attachment: {bs: ap3, server: edge3}, position: [80, 0]}
            """)
        // Variants apply to the scenario the replacements made.
        let variant = try ProblemLoader.sweepVariant(key: "servers.edge2.compute", value: "4")
        let problem = try VariantFixture.problem([variant], replacements: [path])
        #expect(problem.workload.users.map(\.id) == ["u1", "u2"])
        #expect(problem.topology.server("edge2")?.compute == 4)
    }

    @Test func removingAServerOfTheReplacingWorkloadIsRefused() throws {
        let fixture = try VariantFixture()
        let path = try fixture.write(
            "on-edge2.yaml",
            "kind: Workload\nname: w\nusers:\n  - {id: u1, app: yolo, attachment: {bs: ap2, server: edge2}, position: [40, 0]}\n"
        )
        let variants = try fixture.variants("kind: Variant\nname: v\nremove: {servers: [edge2]}\n")
        let result = VariantFixture.scenario(variants, replacements: [path])
        #expect(
            VariantFixture.lines(result.diagnostics) == [
                "\(fixture.directory.path)/variant.yaml:3:20: error: cannot remove server \"edge2\": user \"u1\" is attached to it",
                "note: 4:55: \"u1\" is attached here",
                "note: a variant does not move users: attach them elsewhere in the Workload, or replace the Workload",
            ])
    }
}
