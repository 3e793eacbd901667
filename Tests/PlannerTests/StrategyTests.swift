import Diagnostics
import EdgeModel
import Frontend
import Planner
import TestSupport
import Testing

/// The migration strategies of SPEC §3 against hand computations and the seeds' rules.
struct StrategyTests {
    static let here = SourceLocation.startOf("test")

    static func server(_ id: String, compute: Double = 1, cached: [String] = []) -> Server {
        Server(
            id: id, index: ServerIndex(0), tier: .edge, compute: compute,
            capacity: ResourceVector(
                cpu: Cores(8), memory: Bytes(16e9), storage: Bytes(1e11), netio: BitsPerSecond(1e9)),
            used: .zero, checkpointCost: SecondsPerByte(1e-9), restoreCost: SecondsPerByte(1e-9), cachedApps: cached,
            location: here)
    }

    static func app(
        strategy: MigrationStrategyKind, precopy: PrecopyParameters? = nil, layers: LayerSizes? = nil,
        relocation: RelocationParameters? = nil, state: StateKind = .application
    ) -> AppProfile {
        AppProfile(
            name: "app", image: Bytes(500e6), checkpoint: DeltaCheckpoint(full: Bytes(100e6), delta: Bytes(10e6)),
            precopy: precopy, memory: precopy?.memory, state: state,
            resources: ResourceVector(
                cpu: Cores(1), memory: Bytes(1e9), storage: Bytes(1e9), netio: BitsPerSecond(1e7)),
            task: TaskProfile(size: Bytes(1e5), rate: PerSecond(5), processing: Seconds(0.05)), strategy: strategy,
            layers: layers, relocation: relocation, location: here)
    }

    static func path(mbps: Double) -> PathMetrics {
        PathMetrics(rttNanoseconds: 50_000_000, bottleneck: BitsPerSecond(mbps * 1e6), hops: 1)
    }

    /// Seed 003's case: 300 MB of memory dirtied at 1 %/s, 100 Mbps, stop below 40 Mb (5 MB).
    /// Rounds: V0 = 300 MB (24 s on the wire); V1 = 0.01·300 MB/s × 24 s = 72 MB (5.76 s);
    /// V2 = 3 MB/s × 5.76 s = 17.28 MB (1.3824 s); V3 = 3 MB/s × 1.3824 s = 4.1472 MB ≤ 5 MB: the
    /// last round, sent in downtime. Pre-migration: image 500 MB + 300 + 72 + 17.28 MB = 889.28 MB,
    /// 8·889.28e6/1e8 = 71.1424 s. T_mig = μ·M/C 0.3 s + 8·4.1472e6/1e8 0.331776 s
    /// + ρ·(S_D + M)/C 0.8 s = 1.431776 s.
    @Test func precopyByHand() throws {
        let precopy = PrecopyParameters(memory: Bytes(300e6), dirtyRate: RatioPerSecond(0.01), threshold: Bytes(5e6))
        let app = Self.app(strategy: .precopy, precopy: precopy)
        let estimate = try PrecopyStrategy().estimate(
            app: app, from: Self.server("s"), to: Self.server("t"), path: Self.path(mbps: 100)
        ).get()
        #expect(estimate.precopyRounds == 3)
        #expect(abs(estimate.preMigrationBytes - 889.28e6) < 1e-3)
        #expect(abs(estimate.preMigrationSeconds - 71.1424) < 1e-9)
        #expect(abs(estimate.migrationBytes - 4.1472e6) < 1e-6)
        #expect(abs(estimate.migrationSeconds - 1.431776) < 1e-9)
        // The image cached at the target is not sent: 389.28 MB, 31.1424 s.
        let cached = try PrecopyStrategy().estimate(
            app: app, from: Self.server("s"), to: Self.server("t", cached: ["app"]), path: Self.path(mbps: 100)
        ).get()
        #expect(abs(cached.preMigrationSeconds - 31.1424) < 1e-9)
        // 24 Mbps of dirtied memory over 20 Mbps never converges (δ·M·8/B = 1.2 ≥ 1).
        let slow = PrecopyStrategy().estimate(
            app: app, from: Self.server("s"), to: Self.server("t"), path: Self.path(mbps: 20))
        #expect(slow == .failure(.precopyDoesNotConverge(dirtyBitsPerSecond: 24e6, bandwidthBitsPerSecond: 20e6)))
    }

    /// Layered (seed 001): the application layer (280 MB) goes ahead unless the target has it; the
    /// instance (330 MB) is the downtime transfer. At 100 Mbps: T_pre = 8·280e6/1e8 = 22.4 s;
    /// T_mig = 0.33 s checkpoint + 26.4 s + 0.61 s restore of 610 MB = 27.34 s.
    @Test func layeredByHand() throws {
        let app = Self.app(strategy: .layered, layers: LayerSizes(application: Bytes(280e6), instance: Bytes(330e6)))
        let notFound = try LayeredStrategy().estimate(
            app: app, from: Self.server("s"), to: Self.server("t"), path: Self.path(mbps: 100)
        ).get()
        #expect(abs(notFound.preMigrationSeconds - 22.4) < 1e-9)
        #expect(abs(notFound.migrationSeconds - 27.34) < 1e-9)
        // Application layer not found: two layers cross the network; found: only the instance.
        #expect(notFound.preMigrationBytes + notFound.migrationBytes == 610e6)
        let found = try LayeredStrategy().estimate(
            app: app, from: Self.server("s"), to: Self.server("t", cached: ["app"]), path: Self.path(mbps: 100)
        ).get()
        #expect(found.preMigrationBytes + found.migrationBytes == 330e6)
        #expect(found.preMigrationSeconds == 0)
        #expect(abs(found.migrationSeconds - 27.34) < 1e-9)
    }

    /// SFP / FCCP / FullSP (seed 004) with SPEC's example relocation at 100 Mbps:
    /// T_pre = 1.2 + 8·112e6/1e8 + 3.1 = 13.26 s; SFP and FCCP T_mig = 0.6 + 8·110e3/1e8 + 0.7 =
    /// 1.3088 s; FullSP adds the 2.9 MB checkpoint delta: 0.6 + 8·3.01e6/1e8 + 0.7 = 1.5408 s.
    @Test func relocationByHand() throws {
        let relocation = RelocationParameters(
            tarball: Bytes(112e6), prepare: Seconds(1.2), load: Seconds(3.1), stop: Seconds(0.6), volume: Bytes(110e3),
            checkpointDelta: Bytes(2.9e6), start: Seconds(0.7))
        let app = Self.app(strategy: .fullsp, relocation: relocation)
        for kind in [MigrationStrategyKind.sfp, .fccp, .fullsp] {
            let estimate = try RelocationStrategy(kind: kind).estimate(
                app: app, from: Self.server("s"), to: Self.server("t"), path: Self.path(mbps: 100)
            ).get()
            #expect(abs(estimate.preMigrationSeconds - 13.26) < 1e-9)
            #expect(estimate.preMigrationBytes == 112e6)
            #expect(abs(estimate.migrationSeconds - (kind == .fullsp ? 1.5408 : 1.3088)) < 1e-9, "\(kind)")
            #expect(estimate.migrationBytes == (kind == .fullsp ? 3.01e6 : 110e3))
        }
    }

    /// Seed 004, Table IV: which strategy preserves which state (SPEC §3).
    @Test func viabilityMatrix() {
        let expected: [MigrationStrategyKind: Set<StateKind>] = [
            .sfp: [.none], .fccp: [.none, .user], .fullsp: [.none, .user, .application],
            .deltaCheckpoint: [.none, .user, .application], .precopy: [.none, .user, .application],
            .layered: [.none, .user, .application],
        ]
        for strategy in MigrationStrategyKind.allCases {
            let preserved = Set(
                StateKind.allCases.filter { StrategyViability.violation(strategy: strategy, state: $0) == nil })
            #expect(preserved == expected[strategy], "\(strategy)")
        }
        #expect(StrategyViability.viable(for: .application) == [.deltaCheckpoint, .precopy, .layered, .fullsp])
        #expect(StrategyViability.viable(for: .user) == [.deltaCheckpoint, .precopy, .layered, .fccp, .fullsp])
    }

    /// A policy's strategies entry replaces the AppProfile's strategy in planning.
    @Test func policyChoosesTheStrategy() throws {
        let yaml = """
            kind: Topology
            name: t
            baseStations:
              - {id: a, position: [0, 0], txPower: 20 dBm}
            servers:
              - {id: e1, tier: edge, capacity: {cpu: 8, memory: 16 GB, storage: 100 GB, netio: 1 Gbps}}
              - {id: e2, tier: edge, capacity: {cpu: 8, memory: 16 GB, storage: 100 GB, netio: 1 Gbps}}
            links:
              - {between: [a, e1], bandwidth: 1 Gbps, rtt: 1 ms}
              - {between: [e1, e2], bandwidth: 100 Mbps, rtt: 5 ms}
            ---
            kind: AppProfile
            name: game
            image: 500 MB
            checkpoint: {full: 100 MB, delta: 10 MB}
            memory: 300 MB
            dirtyRate: 1 %/s
            precopyThreshold: 40 Mb
            state: application
            resources: {cpu: 1, memory: 1 GB, storage: 1 GB, netio: 10 Mbps}
            task: {size: 100 KB, rate: 5 /s, processing: 50 ms}
            ---
            kind: Policy
            name: p
            strategies: [{app: game, strategy: precopy}]
            ---
            kind: Workload
            name: w
            users: [{id: u, app: game, attachment: {bs: a, server: e1}, position: [0, 0]}]
            """
        let problem = try ProblemFixture.load(yaml)
        #expect(problem.policy.strategy(for: problem.apps[0]) == .precopy)
        let candidates = CandidateGenerator(problem: problem, paths: PathCache(topology: problem.topology)).candidates(
            forUser: 0)
        let toE2 = try #require(candidates.candidates.first { $0.server.rawValue == 1 })
        #expect(toE2.migration?.precopyRounds == 3)
        #expect(abs((toE2.migration?.migrationSeconds ?? 0) - 1.431776) < 1e-9)
    }

    /// Seed 001, Table I (LXC): data moved with three layers, application layer not found / found,
    /// reproduced from the bundled layer sizes (MB).
    @Test func seed001TableOne() throws {
        let problem = try ProblemFixture.loadBundled(["Examples/testbed", "Models"])
        let expected: [String: (notFound: Double, found: Double)] = [
            "no-application-001": (1.9, 1.4), "game-server-001": (2.7, 1.6), "ram-simulation-001": (97.6, 97.1),
            "video-streaming-001": (184.6, 7.4), "face-detection-001": (365.0, 10.0),
        ]
        let path = Self.path(mbps: 100)
        for (name, sizes) in expected {
            let app = try #require(problem.apps.first { $0.name == name })
            #expect(app.strategy == .layered)
            let notFound = try LayeredStrategy().estimate(
                app: app, from: Self.server("s"), to: Self.server("t"), path: path
            ).get()
            let found = try LayeredStrategy().estimate(
                app: app, from: Self.server("s"), to: Self.server("t", cached: [name]), path: path
            ).get()
            #expect(
                abs((notFound.preMigrationBytes + notFound.migrationBytes) / 1e6 - sizes.notFound) < 0.05, "\(name)")
            #expect(abs((found.preMigrationBytes + found.migrationBytes) / 1e6 - sizes.found) < 0.05, "\(name)")
        }
    }

    /// Seed 004 §VI-A: ASW migrated with FullSP over 100 Mbps had 3.431 s of downtime; the bundled
    /// profile reproduces it (stop + 8·2.9 MB/100 Mbps + start).
    @Test func seed004AswDowntime() throws {
        let problem = try ProblemFixture.loadBundled(["Examples/testbed", "Models"])
        let app = try #require(problem.apps.first { $0.name == "asw-fullsp" })
        let estimate = try RelocationStrategy(kind: .fullsp).estimate(
            app: app, from: Self.server("s"), to: Self.server("t"), path: Self.path(mbps: 100)
        ).get()
        #expect(abs(estimate.migrationSeconds - 3.431) < 0.0005)
    }
}
