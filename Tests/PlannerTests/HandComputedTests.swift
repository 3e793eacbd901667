import CBCBackend
import EdgeModel
import GLPKBackend
import MILP
import Planner
import Solving
import TestSupport
import Testing

/// Instances whose every coefficient is worked out by hand.
struct HandComputedTests {
    /// Two base stations 100 m apart, two servers (e2 twice as fast, one core free), two users.
    ///
    /// Radio: rssiMin −85 dBm reaches 146.8 m, and a 10 Mbps peak rate caps the air interface
    /// everywhere within it (Shannon at 100 m: SNR 15 dB → 100 Mbps), so B_ub = 10 Mbps.
    /// Task: 125 KB = 1e6 bits → transmission 1e6 / 10e6 = 0.1 s on every pair; processing 200 ms
    /// at compute 1 (e1) and 100 ms at compute 2 (e2); n̂ = 10 /s × 5 s = 50 tasks.
    /// Paths: a–e1 and b–e2 1 ms; a–e2 and b–e1 11 ms; e1–e2 100 Mbps, 10 ms.
    /// Migration e1 → e2 (delta checkpoint, 1 s/GB): T_chkpt = 1e-9·1e9/1 = 1 s;
    /// 8·10 MB/100 Mbps = 0.8 s; T_restore = 1e-9·(1e9 + 1e8 + 1e7)/2 = 0.555 s → T_mig = 2.355 s.
    /// T_pre = 1 + 8·100 MB/100 Mbps = 1 + 8 = 9 s.
    static let yaml = """
        kind: Topology
        name: two
        baseStations:
          - {id: a, position: [0, 0], txPower: 20 dBm, peakRate: 10 Mbps, handoverTime: 500 ms}
          - {id: b, position: [100, 0], txPower: 20 dBm, peakRate: 10 Mbps, handoverTime: 500 ms}
        servers:
          - {id: e1, tier: edge, compute: 1, capacity: {cpu: 8, memory: 16 GB, storage: 100 GB, netio: 1 Gbps}}
          - {id: e2, tier: edge, compute: 2, capacity: {cpu: 1, memory: 16 GB, storage: 100 GB, netio: 1 Gbps}}
        links:
          - {between: [a, e1], bandwidth: 1 Gbps, rtt: 1 ms}
          - {between: [b, e2], bandwidth: 1 Gbps, rtt: 1 ms}
          - {between: [e1, e2], bandwidth: 100 Mbps, rtt: 10 ms}
        ---
        kind: AppProfile
        name: app
        image: 1 GB
        checkpoint: {full: 100 MB, delta: 10 MB}
        state: application
        resources: {cpu: 1, memory: 1 GB, storage: 1 GB, netio: 10 Mbps}
        task: {size: 125 KB, rate: 10 /s, processing: 200 ms}
        ---
        kind: Policy
        name: p
        sla: [{app: "*", maxDelay: 500 ms, maxDowntime: 5 s}]
        ---
        kind: Workload
        name: w
        users:
          - {id: u1, app: app, attachment: {bs: a, server: e1}, position: [0, 0]}
          - {id: u2, app: app, attachment: {bs: b, server: e1}, position: [100, 0]}
        """

    /// Objective coefficients, (b', s') → w_g·n̂·Δd − w_d·DT:
    /// u1 (now a/e1: 0.2 + 0.1 + 0.001 = 0.301 s):
    ///   a/e1: Δd 0 → 0;  a/e2: d 0.1 + 0.1 + 0.011 = 0.211, 50·0.09 − 2.355 = 2.145;
    ///   b/e1: d 0.311, 50·(−0.01) − 0.5 = −1.0;  b/e2: d 0.201, 50·0.1 − max(2.355, 0.5) = 2.645.
    /// u2 (now b/e1: 0.2 + 0.1 + 0.011 = 0.311 s):
    ///   a/e1: d 0.301, 50·0.01 − 0.5 = 0;  a/e2: d 0.211, 50·0.1 − 2.355 = 2.645;
    ///   b/e1: 0;  b/e2: d 0.201, 50·0.11 − 2.355 = 3.145.
    /// e2 has one core: one user at most. u2 → b/e2 (3.145) with u1 staying (0) beats u1 → b/e2
    /// (2.645) with u2 at its best elsewhere (0). Optimum 3.145.
    static let expected: [String: [String: Double]] = [
        "u1": ["a/e1": 0, "a/e2": 2.145, "b/e1": -1.0, "b/e2": 2.645],
        "u2": ["a/e1": 0, "a/e2": 2.645, "b/e1": 0, "b/e2": 3.145],
    ]

    @Test func everyCoefficient() throws {
        let problem = try ProblemFixture.load(Self.yaml)
        let generator = CandidateGenerator(problem: problem, paths: PathCache(topology: problem.topology))
        for (index, user) in problem.workload.users.enumerated() {
            let entry = generator.candidates(forUser: index)
            let found = Dictionary(
                uniqueKeysWithValues: entry.candidates.map { candidate in
                    (
                        "\(problem.topology.baseStations[candidate.baseStation.rawValue].id)/\(problem.topology.servers[candidate.server.rawValue].id)",
                        candidate.objectiveSeconds
                    )
                })
            let expected = try #require(Self.expected[user.id])
            #expect(Set(found.keys) == Set(expected.keys))
            for (pair, value) in expected {
                #expect(
                    abs((found[pair] ?? .nan) - value) < 1e-9, "\(user.id) \(pair): \(found[pair] ?? .nan) ≠ \(value)")
            }
        }
        let u1 = generator.candidates(forUser: 0)
        let toE2 = try #require(u1.candidates.first { $0.baseStation.rawValue == 0 && $0.server.rawValue == 1 })
        let migration = try #require(toE2.migration)
        #expect(abs(migration.migrationSeconds - 2.355) < 1e-12)
        #expect(abs(migration.preMigrationSeconds - 9) < 1e-12)
        #expect(migration.preMigrationBytes == 100e6)
        #expect(migration.migrationBytes == 10e6)
        #expect(abs(toE2.delay.processingSeconds - 0.1) < 1e-15)
        #expect(abs(toE2.delay.transmissionSeconds - 0.1) < 1e-15)
        #expect(abs(toE2.delay.propagationSeconds - 0.011) < 1e-15)
        #expect(toE2.tasks == 50)
    }

    @Test(arguments: ["cbc", "glpk"])
    func optimum(_ backend: String) throws {
        let problem = try ProblemFixture.load(Self.yaml)
        let solver: any MILPSolver = backend == "cbc" ? CBCSolver() : GLPKSolver()
        let result = try Compiler(
            problem: problem, solver: solver, options: MILPOptions(timeLimitSeconds: 10, relativeGap: 0)
        )
        .compile()
        let solution = try #require(result.answer)
        #expect(solution.status == .optimal)
        #expect(abs((solution.objective ?? .nan) - 3.145) < 1e-9)
        #expect(abs((solution.bound ?? .nan) - 3.145) < 1e-9)
        let chosen = result.decisions.map {
            "\(problem.workload.users[$0.user].id)→\(problem.topology.baseStations[$0.candidate.baseStation.rawValue].id)/\(problem.topology.servers[$0.candidate.server.rawValue].id)"
        }
        #expect(chosen == ["u1→a/e1", "u2→b/e2"])
        // 8 variables; 2 assignment rows, 4 resource rows per server with demand = 10 rows.
        #expect(result.lowered.model.variables.count == 8)
        #expect(result.lowered.model.constraints.count == 10)
    }

    /// Seed 000's Openface (Table I: image 1.86 GB, pre-migration checkpoint 196.8 MB, delta 7.94 MB)
    /// on the testbed (edge–edge 100 Mbps, edge–cloud 75 Mbps; 1 s/GB checkpoint and restore).
    ///
    /// edge1 → edge2: T_chkpt = 1e-9·1.86e9/1 = 1.86 s; T_pre = 1.86 + 8·196.8e6/100e6 = 1.86 + 15.744
    /// = 17.604 s; T_restore = 1e-9·(1.86e9 + 196.8e6 + 7.94e6)/1 = 2.06474 s; T_mig = 1.86 +
    /// 8·7.94e6/100e6 + 2.06474 = 1.86 + 0.6352 + 2.06474 = 4.55994 s. Moving to ap2 as well:
    /// DT = max(4.55994, 0.5) = 4.55994 s coordinated, 5.05994 s sequential.
    /// edge1 → cloud (compute 1.5): T_pre = 1.86 + 8·196.8e6/75e6 = 22.852 s; T_mig = 1.86 +
    /// 8·7.94e6/75e6 + 2.06474/1.5 = 1.86 + 0.8469333 + 1.3764933 = 4.0834267 s.
    @Test func openfaceOnTheTestbed() throws {
        let problem = try ProblemFixture.loadBundled([
            "Examples/testbed", "Models/ngo2020.yaml", "Policies/orchestrated.yaml",
        ])
        let topology = problem.topology
        let openface = try #require(problem.apps.first { $0.name == "openface" })
        let strategy = DeltaCheckpointStrategy()
        let paths = PathCache(topology: topology)
        let edge1 = topology.servers[0]
        let edge2 = topology.servers[1]
        let cloud = topology.servers[3]
        let toEdge2 = try strategy.estimate(
            app: openface, from: edge1, to: edge2, path: #require(paths.path(from: edge1.index, to: edge2.index))
        ).get()
        #expect(abs(toEdge2.preMigrationSeconds - 17.604) < 1e-9)
        #expect(abs(toEdge2.migrationSeconds - 4.55994) < 1e-9)
        #expect(toEdge2.preMigrationBytes == 196.8e6)
        #expect(toEdge2.migrationBytes == 7.94e6)
        let toCloud = try strategy.estimate(
            app: openface, from: edge1, to: cloud, path: #require(paths.path(from: edge1.index, to: cloud.index))
        ).get()
        #expect(abs(toCloud.preMigrationSeconds - 22.852) < 1e-9)
        #expect(abs(toCloud.migrationSeconds - (1.86 + 8 * 7.94e6 / 75e6 + 2.06474 / 1.5)) < 1e-9)
        #expect(abs(toCloud.migrationSeconds - 4.0834267) < 1e-6)
        #expect(CandidateGenerator.downtime(migration: 4.55994, handover: 0.5, coordination: .coordinated) == 4.55994)
        #expect(
            abs(CandidateGenerator.downtime(migration: 4.55994, handover: 0.5, coordination: .sequential) - 5.05994)
                < 1e-12)
        #expect(CandidateGenerator.downtime(migration: nil, handover: 0.5, coordination: .coordinated) == 0.5)
        #expect(CandidateGenerator.downtime(migration: nil, handover: nil, coordination: .sequential) == 0)
    }

    /// Seed 000, Table I: the delta checkpoint is 0.4 %, 4.0 % and 0.9 % of the pre-migration one
    /// (reduction ratios 99.6 %, 96.0 %, 99.1 %), from the sizes the bundled models carry. Yolo's
    /// sizes give 1 − 5.60/584.8 = 99.04 %, which the paper prints as 99.1 %.
    @Test func tableOneReductionRatios() throws {
        let problem = try ProblemFixture.loadBundled(["Examples/testbed", "Models/ngo2020.yaml"])
        let ratios = Dictionary(
            uniqueKeysWithValues: problem.apps.map {
                ($0.name, 1 - $0.checkpoint.delta.value / $0.checkpoint.full.value)
            })
        #expect(abs((ratios["simple"] ?? 0) - 0.996) < 0.0005)
        #expect(abs((ratios["openface"] ?? 0) - 0.960) < 0.0005)
        #expect(abs((ratios["yolo"] ?? 0) - 0.99042) < 0.00001)
        #expect(abs((ratios["yolo"] ?? 0) - 0.991) < 0.001)
    }

    /// `candidateServers: 1` keeps, per base station, its nearest server of each tier (both are edge
    /// servers here) and the user's current one:
    /// from a, e1 (1 ms; e2 is 11 ms); from b, e2 (1 ms) and e1 (current).
    @Test func candidateServersKeepsTheNearestAndTheCurrent() throws {
        let problem = try ProblemFixture.load(
            Self.yaml.replacingOccurrences(of: "name: p\n", with: "name: p\ncandidateServers: 1\n"))
        #expect(problem.policy.candidateServers == 1)
        let generator = CandidateGenerator(problem: problem, paths: PathCache(topology: problem.topology))
        let pairs = generator.candidates(forUser: 0).candidates.map {
            "\(problem.topology.baseStations[$0.baseStation.rawValue].id)/\(problem.topology.servers[$0.server.rawValue].id)"
        }
        #expect(pairs == ["a/e1", "b/e1", "b/e2"])
        // The optimum of this smaller program: u2 still moves to b/e2 (3.145), u1 stays.
        let result = try Compiler(problem: problem, solver: CBCSolver(), options: MILPOptions(relativeGap: 0)).compile()
        #expect(abs((result.answer?.objective ?? .nan) - 3.145) < 1e-9)
    }
}
