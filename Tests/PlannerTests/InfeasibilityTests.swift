import CBCBackend
import EdgeModel
import GLPKBackend
import MILP
import Planner
import Solving
import TestSupport
import Testing

/// Infeasible programs are explained in the policy's terms, never reported as a bare status.
struct InfeasibilityTests {
    static func topology(cpu: Int, maxUsers: String = "") -> String {
        """
        kind: Topology
        name: t
        baseStations:
          - {id: a, position: [0, 0], txPower: 20 dBm\(maxUsers)}
          - {id: far, position: [5000, 0], txPower: 20 dBm}
        servers:
          - {id: e1, tier: edge, capacity: {cpu: \(cpu), memory: 16 GB, storage: 100 GB, netio: 1 Gbps}}
        links:
          - {between: [a, e1], bandwidth: 1 Gbps, rtt: 1 ms}
          - {between: [far, e1], bandwidth: 1 Gbps, rtt: 1 ms}
        ---
        kind: AppProfile
        name: app
        image: 1 GB
        checkpoint: {full: 100 MB, delta: 10 MB}
        state: application
        resources: {cpu: 2, memory: 1 GB, storage: 1 GB, netio: 10 Mbps}
        task: {size: 100 KB, rate: 5 /s, processing: 50 ms}
        """
    }

    static func compile(_ yaml: String, backend: String = "cbc") throws -> (Problem, CompileResult) {
        let problem = try ProblemFixture.load(yaml)
        let solver: any MILPSolver = backend == "cbc" ? CBCSolver() : GLPKSolver()
        return (
            problem,
            try Compiler(problem: problem, solver: solver, options: MILPOptions(timeLimitSeconds: 10)).compile()
        )
    }

    @Test func userOutOfRangeOfEveryBaseStation() throws {
        let (problem, result) = try Self.compile(
            Self.topology(cpu: 8) + """

                ---
                kind: Workload
                name: w
                users:
                  - {id: lost, app: app, attachment: {bs: a, server: e1}, position: [2500, 0]}
                """)
        #expect(result.answer?.status == .infeasible)
        #expect(result.decisions.isEmpty)
        let texts = result.infeasibility.map { $0.describe(problem) }
        // At 2500 m from both: 20 − 40 − 30·log10(2500) = −121.9 dBm.
        #expect(
            texts == [
                "user \"lost\" has no candidate (base station, server) pair: no base station is above rssiMin -85 dBm under rssiRule \"either\"; the strongest is -121.9 dBm"
            ])
    }

    @Test func everyPairBreaksAHardSLA() throws {
        let (problem, result) = try Self.compile(
            Self.topology(cpu: 8) + """

                ---
                kind: Policy
                name: strict
                sla: [{app: app, maxDelay: 10 ms}]
                ---
                kind: Workload
                name: w
                users:
                  - {id: u, app: app, attachment: {bs: a, server: e1}, position: [0, 0]}
                """)
        #expect(result.answer?.status == .infeasible)
        #expect(
            result.infeasibility.map { $0.describe(problem) } == [
                "user \"u\" has no candidate (base station, server) pair: all 1 pairs of the 1 base stations it hears were dropped: 1 with predicted delay above maxDelay 10 ms of sla \"app\""
            ])
    }

    @Test func serverTooSmallForTheUsersBoundToIt() throws {
        let (problem, result) = try Self.compile(
            Self.topology(cpu: 3) + """

                ---
                kind: Workload
                name: w
                users:
                  - {id: u1, app: app, attachment: {bs: a, server: e1}, position: [0, 0]}
                  - {id: u2, app: app, attachment: {bs: a, server: e1}, position: [1, 0]}
                """)
        #expect(result.answer?.status == .infeasible)
        #expect(
            result.infeasibility.map { $0.describe(problem) } == [
                "server \"e1\" has 3 cores of cpu left, but users that can only be placed there need 4 cores: \"u1\", \"u2\""
            ])
    }

    @Test func baseStationLimit() throws {
        let (problem, result) = try Self.compile(
            Self.topology(cpu: 8, maxUsers: ", maxUsers: 1") + """

                ---
                kind: Workload
                name: w
                users:
                  - {id: u1, app: app, attachment: {bs: a, server: e1}, position: [0, 0]}
                  - {id: u2, app: app, attachment: {bs: a, server: e1}, position: [1, 0]}
                """)
        #expect(result.answer?.status == .infeasible)
        #expect(
            result.infeasibility.map { $0.describe(problem) } == [
                "base station \"a\" serves at most 1 users (maxUsers), but 2 users hear only it: \"u1\", \"u2\""
            ])
    }

    /// No single server or base station explains it: three users, two servers of one slot each,
    /// every user able to use either. The deletion filter isolates the conflict.
    @Test(arguments: ["cbc", "glpk"])
    func deletionFilterNamesTheConflict(_ backend: String) throws {
        let yaml = """
            kind: Topology
            name: t
            baseStations:
              - {id: a, position: [0, 0], txPower: 20 dBm}
            servers:
              - {id: e1, tier: edge, capacity: {cpu: 2, memory: 16 GB, storage: 100 GB, netio: 1 Gbps}}
              - {id: e2, tier: edge, capacity: {cpu: 2, memory: 16 GB, storage: 100 GB, netio: 1 Gbps}}
            links:
              - {between: [a, e1], bandwidth: 1 Gbps, rtt: 1 ms}
              - {between: [a, e2], bandwidth: 1 Gbps, rtt: 1 ms}
            ---
            kind: AppProfile
            name: app
            image: 1 GB
            checkpoint: {full: 100 MB, delta: 10 MB}
            state: application
            resources: {cpu: 2, memory: 1 GB, storage: 1 GB, netio: 10 Mbps}
            task: {size: 100 KB, rate: 5 /s, processing: 50 ms}
            ---
            kind: Workload
            name: w
            users:
              - {id: u1, app: app, attachment: {bs: a, server: e1}, position: [0, 0]}
              - {id: u2, app: app, attachment: {bs: a, server: e1}, position: [1, 0]}
              - {id: u3, app: app, attachment: {bs: a, server: e2}, position: [2, 0]}
            """
        let (problem, result) = try Self.compile(yaml, backend: backend)
        #expect(result.answer?.status == .infeasible)
        #expect(
            result.infeasibility.map { $0.describe(problem) } == [
                "these constraints cannot all hold: user \"u1\" is placed once (3b); user \"u2\" is placed once (3b); "
                    + "user \"u3\" is placed once (3b); cpu of server \"e1\" ≤ 2 cores (3c); cpu of server \"e2\" ≤ 2 cores (3c)"
            ])
    }

    /// Past the deletion filter's 300 rows a finding only said how many rows there were. It now
    /// names the users, the servers they can reach against what those have, the most overloaded
    /// first, and a few users each: 301 users of 1 core, three servers of 50, 100 and 140 cores.
    @Test func aLargeConflictNamesUsersAndServersNotARowCount() throws {
        let users = (0..<301).map { i in
            "  - {id: u\(i), app: app, attachment: {bs: a, server: e1}, position: [\(i % 50), \(i / 50)]}"
        }
        let yaml = """
            kind: Topology
            name: t
            baseStations:
              - {id: a, position: [0, 0], txPower: 20 dBm}
            servers:
              - {id: e1, tier: edge, capacity: {cpu: 50, memory: 1 TB, storage: 10 TB, netio: 100 Gbps}}
              - {id: e2, tier: edge, capacity: {cpu: 100, memory: 1 TB, storage: 10 TB, netio: 100 Gbps}}
              - {id: e3, tier: edge, capacity: {cpu: 140, memory: 1 TB, storage: 10 TB, netio: 100 Gbps}}
            links:
              - {between: [a, e1], bandwidth: 1 Gbps, rtt: 1 ms}
              - {between: [a, e2], bandwidth: 1 Gbps, rtt: 1 ms}
              - {between: [a, e3], bandwidth: 1 Gbps, rtt: 1 ms}
            ---
            kind: AppProfile
            name: app
            image: 1 GB
            checkpoint: {full: 100 MB, delta: 10 MB}
            state: application
            resources: {cpu: 1, memory: 1 GB, storage: 1 GB, netio: 10 Mbps}
            task: {size: 100 KB, rate: 5 /s, processing: 50 ms}
            ---
            kind: Workload
            name: w
            users:

            """ + users.joined(separator: "\n") + "\n"
        let (problem, result) = try Self.compile(yaml)
        #expect(result.answer?.status == .infeasible)
        let texts = result.infeasibility.map { $0.describe(problem) }
        let who = "\"u0\", \"u1\", \"u2\", \"u3\", \"u4\" and 296 more"
        // 301 assignment rows and the three servers' cpu rows (the others cannot bind).
        #expect(
            texts == [
                "the program is infeasible; the conflicting part has 304 rows, more than the deletion filter examines (300); "
                    + "its 301 users are \(who); they need 301 cores of cpu in all, and the 3 servers they can reach have "
                    + "290 cores: \"e1\", \"e2\", \"e3\"; most overloaded: "
                    + "server \"e1\" has 50 cores of cpu, the 301 users that can reach it need 301 cores (602 %): \(who); "
                    + "server \"e2\" has 100 cores of cpu, the 301 users that can reach it need 301 cores (301 %): \(who); "
                    + "server \"e3\" has 140 cores of cpu, the 301 users that can reach it need 301 cores (215 %): \(who)"
            ])
    }
}
