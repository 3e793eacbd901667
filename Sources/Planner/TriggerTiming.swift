public import EdgeModel

/// One timed action of a decision, in seconds after the epoch.
public struct ScheduledAction: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case preMigration = "pre-migration"
        case migration
        case handover
    }

    public let kind: Kind
    public let atSeconds: Double
    public let durationSeconds: Double
    /// Bytes moved (migrations only).
    public let bytes: Double?

    public var endSeconds: Double { atSeconds + durationSeconds }
}

/// When each part of a decision happens (SPEC §4, seed 000 §IV-B).
public struct DecisionSchedule: Sendable, Hashable {
    public let actions: [ScheduledAction]
    /// Service interruption: the length of the union of the migration and handover intervals.
    public let downtimeSeconds: Double
    /// A trigger would have fallen before the planning time: the actions start as early as they
    /// can and the downtime is what follows.
    public let isLate: Bool
    /// The handover time the RSSI prediction gave (nil without a handover).
    public let predictedHandoverSeconds: Double?
}

/// Places pre-migration, migration and handover in time.
public struct TriggerTiming: Sendable {
    public let problem: Problem
    /// Step of the RSSI scan along the predicted path, and the precision bisection reaches.
    public static let scanStepSeconds = 0.1
    public static let precisionSeconds = 0.001

    public init(problem: Problem) {
        self.problem = problem
    }

    /// t_ho: the first time in (t, t'] at which the predicted RSSI of `target` exceeds that of
    /// `source` by the hysteresis, or that of `source` falls below rssiMin; t' if neither happens.
    /// Found by stepping 100 ms along the path and bisecting to 1 ms.
    public func handoverTime(user: User, from source: BaseStationIndex, to target: BaseStationIndex, at time: Seconds)
        -> Double
    {
        let policy = problem.policy
        let stations = problem.topology.baseStations
        let end = time.value + policy.horizon.value
        func triggered(_ instant: Double) -> Bool {
            let position = user.motion.position(at: Seconds(instant))
            let current = stations[source.rawValue].rssi(at: position).value
            let next = stations[target.rawValue].rssi(at: position).value
            return next - current >= policy.hysteresis.value || current < policy.rssiMin.value
        }
        var previous = time.value
        var step = 1
        while true {
            let instant = min(time.value + Double(step) * Self.scanStepSeconds, end)
            if triggered(instant) {
                // The condition changes somewhere in (previous, instant]: bisect to 1 ms.
                var low = previous
                var high = instant
                while high - low > Self.precisionSeconds {
                    let middle = (low + high) / 2
                    if triggered(middle) { high = middle } else { low = middle }
                }
                return high
            }
            if instant >= end { return end }
            previous = instant
            step += 1
        }
    }

    /// The schedule of one decision made at `time`, coordinated as the policy says unless
    /// `coordination` overrides it (the baselines are sequential whatever the policy).
    public func schedule(
        user: User, from current: Attachment, to candidate: Candidate, at time: Seconds,
        coordination: CoordinationKind? = nil
    ) -> DecisionSchedule {
        let t = time.value
        let margin = 1 + problem.policy.margin.value
        let handover = candidate.handoverSeconds.map { duration in
            (
                start: handoverTime(user: user, from: current.baseStation, to: candidate.baseStation, at: time),
                duration: duration
            )
        }
        guard let migration = candidate.migration else {
            // Handover only, or nothing.
            let actions =
                handover.map {
                    [ScheduledAction(kind: .handover, atSeconds: $0.start, durationSeconds: $0.duration, bytes: nil)]
                } ?? []
            return DecisionSchedule(
                actions: actions, downtimeSeconds: handover?.duration ?? 0, isLate: false,
                predictedHandoverSeconds: handover?.start)
        }
        let preDuration = migration.preMigrationSeconds
        let migDuration = migration.migrationSeconds
        var migrationStart: Double
        var late = false
        if let handover {
            switch coordination ?? problem.policy.coordination {
            case .coordinated:
                // Both end together at the end of the handover; the shorter lies inside the longer.
                migrationStart = handover.start + handover.duration - migDuration
                if migrationStart - preDuration * margin < t {
                    late = true
                    migrationStart = t + preDuration * margin
                }
            case .sequential:
                // The baselines: hand over, start pre-migration then, migrate once both are done.
                let preStart = handover.start
                migrationStart = max(handover.start + handover.duration, preStart + preDuration * margin)
                let actions = [
                    ScheduledAction(
                        kind: .handover, atSeconds: handover.start, durationSeconds: handover.duration, bytes: nil),
                    ScheduledAction(
                        kind: .preMigration, atSeconds: preStart, durationSeconds: preDuration,
                        bytes: migration.preMigrationBytes),
                    ScheduledAction(
                        kind: .migration, atSeconds: migrationStart, durationSeconds: migDuration,
                        bytes: migration.migrationBytes),
                ]
                return DecisionSchedule(
                    actions: actions.sorted(by: Self.order),
                    downtimeSeconds: Self.unionLength(actions.filter { $0.kind != .preMigration }),
                    isLate: false, predictedHandoverSeconds: handover.start)
            }
        } else {
            // Server only: pre-migration now, migration once it is done with the margin.
            migrationStart = t + preDuration * margin
        }
        var actions = [
            ScheduledAction(
                kind: .preMigration, atSeconds: migrationStart - preDuration * margin, durationSeconds: preDuration,
                bytes: migration.preMigrationBytes),
            ScheduledAction(
                kind: .migration, atSeconds: migrationStart, durationSeconds: migDuration,
                bytes: migration.migrationBytes),
        ]
        if let handover {
            actions.append(
                ScheduledAction(
                    kind: .handover, atSeconds: handover.start, durationSeconds: handover.duration, bytes: nil))
        }
        return DecisionSchedule(
            actions: actions.sorted(by: Self.order),
            downtimeSeconds: Self.unionLength(actions.filter { $0.kind != .preMigration }),
            isLate: late, predictedHandoverSeconds: handover?.start)
    }

    /// Time order; at equal times pre-migration, migration, handover.
    static func order(_ a: ScheduledAction, _ b: ScheduledAction) -> Bool {
        if a.atSeconds != b.atSeconds { return a.atSeconds < b.atSeconds }
        let rank: [ScheduledAction.Kind: Int] = [.preMigration: 0, .migration: 1, .handover: 2]
        return (rank[a.kind] ?? 0) < (rank[b.kind] ?? 0)
    }

    /// Length of the union of the actions' intervals.
    static func unionLength(_ actions: [ScheduledAction]) -> Double {
        let intervals = actions.map { ($0.atSeconds, $0.endSeconds) }.sorted { $0.0 < $1.0 }
        var total = 0.0
        var current: (Double, Double)?
        for interval in intervals {
            if let open = current, interval.0 <= open.1 {
                current = (open.0, max(open.1, interval.1))
            } else {
                if let open = current { total += open.1 - open.0 }
                current = interval
            }
        }
        if let open = current { total += open.1 - open.0 }
        return total
    }
}
