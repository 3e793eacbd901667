public import EdgeModel
import Foundation

/// Builds each user's candidate pairs: the RSSI rule (3d), reachability, hard SLAs, delay (4),
/// migration and downtime (SPEC §2–3). Only base stations near the user are examined.
public struct CandidateGenerator: Sendable {
    public let problem: Problem
    public let paths: PathCache
    public let coverage: Coverage
    /// The planning time t; t' = t + horizon.
    public let time: Seconds
    /// Δt: the policy's horizon unless a caller looks less far (the reactive baselines).
    public let horizon: Seconds

    public init(problem: Problem, paths: PathCache, time: Seconds = .zero, horizon: Seconds? = nil) {
        self.problem = problem
        self.paths = paths
        self.time = time
        self.horizon = horizon ?? problem.policy.horizon
        self.coverage = Coverage(
            topology: problem.topology, rssiMin: problem.policy.rssiMin, rule: problem.policy.rssiRule)
    }

    public var predictedTime: Seconds { time + horizon }

    /// What every pair of one user shares: its current delay, app, strategy and SLA entries.
    struct UserContext {
        let index: Int
        let user: User
        let app: AppProfile
        let currentDelay: TaskDelay?
        let tasks: Double
        let slaEntries: [SLAEntry]
        let strategy: any MigrationStrategy
        /// Paths from the current server, by `ServerIndex`.
        let fromCurrentServer: [PathMetrics?]
    }

    func context(forUser index: Int) -> UserContext {
        let topology = problem.topology
        let user = problem.workload.users[index]
        let app = problem.apps[user.app]
        let current = user.attachment
        // d^t(u, b, s): the delay now, at the measured (or estimated) RSSI of b at t.
        let rssiNow = coverage.rssi(of: current.baseStation, for: user, now: time, predicted: predictedTime).now
        let currentDelay = paths.path(from: current.baseStation, to: current.server).map {
            TaskDelay.of(
                task: app.task, server: topology.servers[current.server.rawValue],
                wirelessRate: topology.baseStations[current.baseStation.rawValue].wirelessRate(at: rssiNow), path: $0)
        }
        return UserContext(
            index: index, user: user, app: app, currentDelay: currentDelay,
            tasks: app.task.rate.value * problem.policy.gainWindow.value,
            slaEntries: problem.policy.slaEntries(for: app.name),
            strategy: MigrationStrategies.strategy(for: problem.policy.strategy(for: app)),
            fromCurrentServer: paths.serverPaths(from: current.server))
    }

    /// The candidates of user `index`. With `recordDropped`, every base station of the topology is
    /// examined and every dropped pair is kept with its reason (for `explain`).
    public func candidates(forUser index: Int, recordDropped: Bool = false) -> UserCandidates {
        let topology = problem.topology
        let policy = problem.policy
        let context = context(forUser: index)
        var dropped: [DroppedCandidate] = []
        let kept = coverage.keptBaseStations(for: context.user, at: time, horizon: horizon)
        if recordDropped {
            let keptSet = Set(kept)
            for station in topology.baseStations where !keptSet.contains(station.index) {
                let rssi = coverage.rssi(of: station.index, for: context.user, now: time, predicted: predictedTime)
                dropped.append(
                    DroppedCandidate(
                        baseStation: station.index, server: nil,
                        reason: .rssiBelowMinimum(now: rssi.now, predicted: rssi.predicted)))
            }
        }
        // Every kept pair's delay includes its RTT, so a hard maxDelay bounds the search for servers.
        let rttLimit = context.slaEntries.filter { $0.enforcement == .hard }.map(\.maxDelay.value).min()
            .map { Int64(($0 * 1e9).rounded(.down)) }
        // Explaining lists every server; planning visits only those within reach of the SLA and,
        // with the policy's candidateServers, the nearest of each tier.
        let perTier = recordDropped ? nil : policy.candidateServers
        let lists = kept.map { bs in
            paths.servers(reachableFrom: bs, withinNanoseconds: recordDropped ? nil : rttLimit, perTier: perTier)
        }
        var candidates: [Candidate] = []
        if !recordDropped {
            // Room for every pair (and each station's current server) at once: doubling growth left
            // a quarter of the 10,000-user city's 2.86 M candidates' memory as slack.
            candidates.reserveCapacity(lists.reduce(kept.count) { $0 + $1.count })
        }
        for (bs, list) in zip(kept, lists) {
            var reachable = list
            if recordDropped {
                let found = Set(reachable.map(\.server))
                for server in topology.servers where !found.contains(server.index) {
                    dropped.append(DroppedCandidate(baseStation: bs, server: server.index, reason: .serverUnreachable))
                }
            } else if perTier != nil {
                // The current server stays a candidate however far it is, within the SLA's reach.
                let current = context.user.attachment.server
                if !reachable.contains(where: { $0.server == current }),
                    let path = paths.path(from: bs, to: current),
                    rttLimit.map({ path.rttNanoseconds <= $0 }) ?? true
                {
                    let at = reachable.firstIndex { $0.server > current } ?? reachable.endIndex
                    reachable.insert((current, path), at: at)
                }
            }
            let rssi = coverage.rssi(of: bs, for: context.user, now: time, predicted: predictedTime)
            for (server, path) in reachable {
                switch evaluate(
                    context, baseStation: bs, server: server, path: path, rssi: rssi, enforceSLA: true,
                    coordination: policy.coordination)
                {
                case .success(let candidate): candidates.append(candidate)
                case .failure(let reason):
                    if recordDropped {
                        dropped.append(DroppedCandidate(baseStation: bs, server: server, reason: reason))
                    }
                }
            }
        }
        return UserCandidates(
            user: index, currentDelay: context.currentDelay, candidates: candidates, dropped: dropped,
            keptBaseStations: kept)
    }

    /// One pair of user `index`, whatever the RSSI rule and SLAs say: what a baseline planner that
    /// ignores them would get, under `coordination`. Nil when the pair has no path.
    public func candidate(
        forUser index: Int, baseStation bs: BaseStationIndex, server: ServerIndex, coordination: CoordinationKind
    ) -> Candidate? {
        guard let path = paths.path(from: bs, to: server) else { return nil }
        return try? evaluate(
            context(forUser: index), baseStation: bs, server: server, path: path, enforceSLA: false,
            coordination: coordination
        ).get()
    }

    /// Every user's candidates, users spread over the cores (the paths they share are searched once).
    public func candidatesOfAllUsers() -> [UserCandidates] {
        let count = problem.workload.users.count
        let chunks = min(count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 8)
        guard chunks > 1 else { return (0..<count).map { candidates(forUser: $0) } }
        let results = UnsafeMutableBufferPointer<UserCandidates?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        // Each chunk writes only its own slots.
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for user in stride(from: chunk, to: count, by: chunks) { slots[user] = candidates(forUser: user) }
        }
        return results.compactMap { $0 }  // every slot is filled
    }

    /// Delay, migration, downtime, SLAs and objective of one pair.
    func evaluate(
        _ context: UserContext, baseStation bs: BaseStationIndex, server serverIndex: ServerIndex, path: PathMetrics,
        rssi knownRSSI: (now: DBm, predicted: DBm)? = nil, enforceSLA: Bool, coordination: CoordinationKind
    ) -> Result<Candidate, DropReason> {
        let topology = problem.topology
        let policy = problem.policy
        let current = context.user.attachment
        let station = topology.baseStations[bs.rawValue]
        let server = topology.servers[serverIndex.rawValue]
        let rssi = knownRSSI ?? coverage.rssi(of: bs, for: context.user, now: time, predicted: predictedTime)
        let rate = station.wirelessRate(at: rssi.predicted)
        var migration: MigrationEstimate?
        if serverIndex != current.server {
            guard let migrationPath = context.fromCurrentServer[serverIndex.rawValue] else {
                return .failure(.noMigrationPath)
            }
            switch context.strategy.estimate(
                app: context.app, from: topology.servers[current.server.rawValue], to: server, path: migrationPath)
            {
            case .success(let estimate): migration = estimate
            case .failure(let obstacle): return .failure(.migrationImpossible(obstacle))
            }
        }
        let handover = bs != current.baseStation ? station.handoverTime.value : nil
        let downtime = Self.downtime(
            migration: migration?.migrationSeconds, handover: handover, coordination: coordination)
        let delay = TaskDelay.of(task: context.app.task, server: server, wirelessRate: rate, path: path)
        var broken: [String] = []
        var penalty = 0.0
        if enforceSLA {
            for entry in context.slaEntries {
                if delay.totalSeconds > entry.maxDelay.value {
                    if entry.enforcement == .hard {
                        return .failure(
                            .delayOverSLA(
                                delaySeconds: delay.totalSeconds, maximumSeconds: entry.maxDelay.value,
                                slaApp: entry.app))
                    }
                    broken.append("maxDelay of sla \"\(entry.app)\"")
                    penalty += entry.penalty.value
                }
                if downtime > entry.maxDowntime.value {
                    if entry.enforcement == .hard {
                        return .failure(
                            .downtimeOverSLA(
                                downtimeSeconds: downtime, maximumSeconds: entry.maxDowntime.value, slaApp: entry.app))
                    }
                    broken.append("maxDowntime of sla \"\(entry.app)\"")
                    penalty += entry.penalty.value
                }
            }
        }
        // Without a current path there is no current delay to gain on: the gain is measured
        // against the candidate itself (zero), so only downtime and penalties count.
        let gain = context.currentDelay.map { $0.totalSeconds - delay.totalSeconds } ?? 0
        let objective = policy.gainWeight * context.tasks * gain - policy.downtimeWeight * downtime - penalty
        return .success(
            Candidate(
                baseStation: bs, server: serverIndex, rssiNow: rssi.now, rssiPredicted: rssi.predicted,
                wirelessRate: rate,
                delay: delay, gainPerTaskSeconds: gain, tasks: context.tasks, migration: migration,
                handoverSeconds: handover,
                downtimeSeconds: downtime, brokenSLAItems: broken, penaltySeconds: penalty, objectiveSeconds: objective)
        )
    }

    /// DT of SPEC §2: 0, T_ho, T_mig, or both combined as the coordination says.
    public static func downtime(migration: Double?, handover: Double?, coordination: CoordinationKind) -> Double {
        switch (migration, handover) {
        case (nil, nil): 0
        case (nil, let handover?): handover
        case (let migration?, nil): migration
        case (let migration?, let handover?):
            coordination == .coordinated ? max(migration, handover) : migration + handover
        }
    }
}
