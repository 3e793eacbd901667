public import EdgeModel

/// A kept (b', s') pair for one user, with every term of its objective coefficient (SPEC §2).
public struct Candidate: Sendable {
    public let baseStation: BaseStationIndex
    public let server: ServerIndex
    /// RSSI of b' at t (measured where given) and predicted at t'.
    public let rssiNow: DBm
    public let rssiPredicted: DBm
    /// B_ub' at t'.
    public let wirelessRate: BitsPerSecond
    /// d^t'(u, b', s').
    public let delay: TaskDelay
    /// Δd = d^t(u, b, s) − d^t'(u, b', s'), seconds per task.
    public let gainPerTaskSeconds: Double
    /// n̂_u = task rate × gainWindow.
    public let tasks: Double
    /// The migration s → s' when the server changes.
    public let migration: MigrationEstimate?
    /// T_ho(b') when the base station changes.
    public let handoverSeconds: Double?
    /// DT_u(b', s').
    public let downtimeSeconds: Double
    /// Soft SLA items this candidate breaks, and the penalty they cost.
    public let brokenSLAItems: [String]
    public let penaltySeconds: Double
    /// w_g·n̂·Δd − w_d·DT − penalties: the coefficient of z in the objective, in seconds.
    public let objectiveSeconds: Double

    public var changesBaseStation: Bool { handoverSeconds != nil }
    public var changesServer: Bool { migration != nil }
}

/// Why a (b', s') pair has no variable.
public enum DropReason: Error, Sendable, Hashable {
    /// The RSSI rule (3d) removes b'.
    case rssiBelowMinimum(now: DBm, predicted: DBm)
    /// b' has no path to s'.
    case serverUnreachable
    /// The current server has no path to s'.
    case noMigrationPath
    /// The strategy cannot move the container over the path.
    case migrationImpossible(MigrationObstacle)
    /// A hard SLA's maxDelay: predicted delay and the limit, seconds.
    case delayOverSLA(delaySeconds: Double, maximumSeconds: Double, slaApp: String)
    /// A hard SLA's maxDowntime.
    case downtimeOverSLA(downtimeSeconds: Double, maximumSeconds: Double, slaApp: String)
}

/// A pair that was considered and dropped.
public struct DroppedCandidate: Sendable, Hashable {
    public let baseStation: BaseStationIndex
    /// Nil when the whole base station was dropped (RSSI), for every server.
    public let server: ServerIndex?
    public let reason: DropReason
}

/// The candidates of one user at one planning time.
public struct UserCandidates: Sendable {
    /// Index into `Problem.workload.users`.
    public let user: Int
    /// d^t(u, b, s), nil when b does not reach s.
    public let currentDelay: TaskDelay?
    public let candidates: [Candidate]
    /// Filled only when asked for (explain): every pair that was considered and dropped.
    public let dropped: [DroppedCandidate]
    /// Base stations the RSSI rule kept.
    public let keptBaseStations: [BaseStationIndex]
}
