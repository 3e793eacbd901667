public import Diagnostics

public enum PlannerKind: String, Sendable, CaseIterable {
    case orchestrated, nearest, random, cloud
}

public enum CoordinationKind: String, Sendable, CaseIterable {
    /// DT = max(T_mig, T_ho).
    case coordinated
    /// DT = T_mig + T_ho (the baselines' behaviour).
    case sequential
}

/// Which of RSSI now and RSSI predicted at t' must reach RSSI_min (SPEC §2).
public enum RSSIRule: String, Sendable, CaseIterable {
    /// min(now, predicted) ≥ RSSI_min — the paper's prose.
    case either
    /// max(now, predicted) ≥ RSSI_min — formula (3d) as printed.
    case both
    /// predicted ≥ RSSI_min.
    case predicted

    /// Whether a base station with these two RSSI values is kept.
    public func keeps(now: DBm, predicted: DBm, minimum: DBm) -> Bool {
        switch self {
        case .either: min(now.value, predicted.value) >= minimum.value
        case .both: max(now.value, predicted.value) >= minimum.value
        case .predicted: predicted.value >= minimum.value
        }
    }
}

public enum SLAEnforcement: String, Sendable, CaseIterable {
    case hard, soft
}

/// One `sla` entry; `app` is an app name or "*".
public struct SLAEntry: Sendable {
    public let app: String
    public let maxDelay: Seconds
    public let maxDowntime: Seconds
    public let enforcement: SLAEnforcement
    public let penalty: Seconds
    public let location: SourceLocation?

    public init(
        app: String, maxDelay: Seconds, maxDowntime: Seconds, enforcement: SLAEnforcement, penalty: Seconds,
        location: SourceLocation?
    ) {
        self.app = app
        self.maxDelay = maxDelay
        self.maxDowntime = maxDowntime
        self.enforcement = enforcement
        self.penalty = penalty
        self.location = location
    }

    /// The SPEC's default entry: applies to every app.
    public static let `default` = SLAEntry(
        app: "*", maxDelay: Seconds(0.3), maxDowntime: Seconds(5), enforcement: .hard, penalty: Seconds(10),
        location: nil)

    public func matches(app name: String) -> Bool { app == "*" || app == name }
}

/// A policy's choice of migration strategy for an app ("*" for every app), overriding the
/// AppProfile's own.
public struct StrategyOverride: Sendable {
    public let app: String
    public let strategy: MigrationStrategyKind
    public let location: SourceLocation?

    public init(app: String, strategy: MigrationStrategyKind, location: SourceLocation?) {
        self.app = app
        self.strategy = strategy
        self.location = location
    }
}

public enum SolverBackendKind: String, Sendable, CaseIterable {
    case cbc, glpk
}

public struct SolverOptions: Sendable, Hashable {
    public let backend: SolverBackendKind
    public let timeLimitSeconds: Double
    public let relativeGap: Double
    public let threads: Int

    public init(backend: SolverBackendKind, timeLimitSeconds: Double, relativeGap: Double, threads: Int) {
        self.backend = backend
        self.timeLimitSeconds = timeLimitSeconds
        self.relativeGap = relativeGap
        self.threads = threads
    }

    public static let `default` = SolverOptions(backend: .cbc, timeLimitSeconds: 30, relativeGap: 1e-4, threads: 2)
}

public struct Policy: Sendable {
    public let name: String
    public let planner: PlannerKind
    public let coordination: CoordinationKind
    /// Δt: t' = t + Δt.
    public let horizon: Seconds
    public let gainWindow: Seconds
    public let rssiMin: DBm
    public let rssiRule: RSSIRule
    public let hysteresis: Decibels
    public let margin: Ratio
    public let gainWeight: Double
    public let downtimeWeight: Double
    public let sla: [SLAEntry]
    public let solver: SolverOptions
    /// True for the policy edgeplan applies when the inputs give none.
    public let isBuiltIn: Bool
    public let location: SourceLocation?
    /// Per-app migration strategies chosen by the policy.
    public let strategies: [StrategyOverride]
    /// At most this many candidate servers of each tier per base station, the nearest by RTT (the
    /// user's current server is always one); nil considers every server the SLAs allow.
    public let candidateServers: Int?

    public init(
        name: String, planner: PlannerKind, coordination: CoordinationKind, horizon: Seconds, gainWindow: Seconds,
        rssiMin: DBm, rssiRule: RSSIRule, hysteresis: Decibels, margin: Ratio, gainWeight: Double,
        downtimeWeight: Double, sla: [SLAEntry], solver: SolverOptions, isBuiltIn: Bool, location: SourceLocation?,
        strategies: [StrategyOverride] = [], candidateServers: Int? = nil
    ) {
        self.strategies = strategies
        self.candidateServers = candidateServers
        self.name = name
        self.planner = planner
        self.coordination = coordination
        self.horizon = horizon
        self.gainWindow = gainWindow
        self.rssiMin = rssiMin
        self.rssiRule = rssiRule
        self.hysteresis = hysteresis
        self.margin = margin
        self.gainWeight = gainWeight
        self.downtimeWeight = downtimeWeight
        self.sla = sla
        self.solver = solver
        self.isBuiltIn = isBuiltIn
        self.location = location
    }

    /// The built-in policy: every value is the SPEC's default.
    public static let builtInDefault = Policy(
        name: "default", planner: .orchestrated, coordination: .coordinated, horizon: Seconds(5),
        gainWindow: Seconds(5), rssiMin: DBm(-85), rssiRule: .either, hysteresis: Decibels(3),
        margin: Ratio(0.1), gainWeight: 1, downtimeWeight: 1, sla: [.default], solver: .default, isBuiltIn: true,
        location: nil)

    /// The strategy that moves `app`: the policy's entry for it, else its "*" entry, else the
    /// AppProfile's own.
    public func strategy(for app: AppProfile) -> MigrationStrategyKind {
        strategyOverride(for: app.name)?.strategy ?? app.strategy
    }

    /// The policy entry that chooses the strategy of the app named `name`, if any.
    public func strategyOverride(for name: String) -> StrategyOverride? {
        strategies.first { $0.app == name } ?? strategies.first { $0.app == "*" }
    }

    /// SLA entries that apply to an app: its own and "*".
    public func slaEntries(for app: String) -> [SLAEntry] {
        sla.filter { $0.matches(app: app) }
    }
}
