public import EdgeModel

/// Builds each user's candidate pairs: the RSSI rule (3d), reachability, hard SLAs, delay (4),
/// migration and downtime (SPEC §2–3). Only base stations near the user are examined.
public struct CandidateGenerator: Sendable {
    public let problem: Problem
    public let paths: PathCache
    public let coverage: Coverage
    /// The planning time t; t' = t + horizon.
    public let time: Seconds

    public init(problem: Problem, paths: PathCache, time: Seconds = .zero) {
        self.problem = problem
        self.paths = paths
        self.time = time
        self.coverage = Coverage(topology: problem.topology, rssiMin: problem.policy.rssiMin, rule: problem.policy.rssiRule)
    }

    public var predictedTime: Seconds { time + problem.policy.horizon }

    /// The candidates of user `index`. With `recordDropped`, every base station of the topology is
    /// examined and every dropped pair is kept with its reason (for `explain`).
    public func candidates(forUser index: Int, recordDropped: Bool = false) -> UserCandidates {
        let topology = problem.topology
        let policy = problem.policy
        let user = problem.workload.users[index]
        let app = problem.apps[user.app]
        let current = user.attachment
        let currentStation = topology.baseStations[current.baseStation.rawValue]
        let currentServer = topology.servers[current.server.rawValue]
        var dropped: [DroppedCandidate] = []

        // d^t(u, b, s): the delay now, at the measured (or estimated) RSSI of b at t.
        let rssiNowOfCurrent = coverage.rssi(of: current.baseStation, for: user, now: time, predicted: predictedTime).now
        let currentDelay = paths.path(from: current.baseStation, to: current.server).map {
            TaskDelay.of(
                task: app.task, server: currentServer, wirelessRate: currentStation.wirelessRate(at: rssiNowOfCurrent), path: $0)
        }

        let kept = coverage.keptBaseStations(for: user, at: time, horizon: policy.horizon)
        if recordDropped {
            let keptSet = Set(kept)
            for station in topology.baseStations where !keptSet.contains(station.index) {
                let rssi = coverage.rssi(of: station.index, for: user, now: time, predicted: predictedTime)
                dropped.append(
                    DroppedCandidate(
                        baseStation: station.index, server: nil, reason: .rssiBelowMinimum(now: rssi.now, predicted: rssi.predicted)))
            }
        }
        let tasks = app.task.rate.value * policy.gainWindow.value
        let slaEntries = policy.slaEntries(for: app.name)
        let strategy = MigrationStrategies.strategy(for: policy.strategy(for: app))
        let fromCurrentServer = paths.paths(from: topology.node(current.server))
        // Every kept pair's delay includes its RTT, so a hard maxDelay bounds the search for servers.
        let rttLimit = slaEntries.filter { $0.enforcement == .hard }.map(\.maxDelay.value).min()
            .map { Int64(($0 * 1e9).rounded(.down)) }
        var candidates: [Candidate] = []
        for bs in kept {
            let station = topology.baseStations[bs.rawValue]
            let rssi = coverage.rssi(of: bs, for: user, now: time, predicted: predictedTime)
            let rate = station.wirelessRate(at: rssi.predicted)
            // Explaining lists every server; planning visits only those within reach of the SLA.
            var reachable = paths.servers(reachableFrom: bs, withinNanoseconds: recordDropped ? nil : rttLimit)
            if recordDropped {
                let found = Set(reachable.map(\.server))
                for server in topology.servers where !found.contains(server.index) {
                    dropped.append(DroppedCandidate(baseStation: bs, server: server.index, reason: .serverUnreachable))
                }
                reachable.sort { $0.server < $1.server }
            }
            for (serverIndex, path) in reachable {
                let server = topology.servers[serverIndex.rawValue]
                func drop(_ reason: DropReason) {
                    if recordDropped { dropped.append(DroppedCandidate(baseStation: bs, server: server.index, reason: reason)) }
                }
                var migration: MigrationEstimate?
                if server.index != current.server {
                    guard let migrationPath = fromCurrentServer[topology.node(server.index).rawValue] else {
                        drop(.noMigrationPath)
                        continue
                    }
                    switch strategy.estimate(app: app, from: currentServer, to: server, path: migrationPath) {
                    case let .success(estimate): migration = estimate
                    case let .failure(obstacle):
                        drop(.migrationImpossible(obstacle))
                        continue
                    }
                }
                let handover = bs != current.baseStation ? station.handoverTime.value : nil
                let downtime = Self.downtime(migration: migration?.migrationSeconds, handover: handover, coordination: policy.coordination)
                let delay = TaskDelay.of(task: app.task, server: server, wirelessRate: rate, path: path)
                var broken: [String] = []
                var penalty = 0.0
                var hardReason: DropReason?
                for entry in slaEntries {
                    if delay.totalSeconds > entry.maxDelay.value {
                        if entry.enforcement == .hard {
                            hardReason = .delayOverSLA(delaySeconds: delay.totalSeconds, maximumSeconds: entry.maxDelay.value, slaApp: entry.app)
                            break
                        }
                        broken.append("maxDelay of sla \"\(entry.app)\"")
                        penalty += entry.penalty.value
                    }
                    if downtime > entry.maxDowntime.value {
                        if entry.enforcement == .hard {
                            hardReason = .downtimeOverSLA(downtimeSeconds: downtime, maximumSeconds: entry.maxDowntime.value, slaApp: entry.app)
                            break
                        }
                        broken.append("maxDowntime of sla \"\(entry.app)\"")
                        penalty += entry.penalty.value
                    }
                }
                if let hardReason {
                    drop(hardReason)
                    continue
                }
                // Without a current path there is no current delay to gain on: the gain is measured
                // against the candidate itself (zero), so only downtime and penalties count.
                let gain = currentDelay.map { $0.totalSeconds - delay.totalSeconds } ?? 0
                let objective = policy.gainWeight * tasks * gain - policy.downtimeWeight * downtime - penalty
                candidates.append(
                    Candidate(
                        baseStation: bs, server: server.index, rssiNow: rssi.now, rssiPredicted: rssi.predicted,
                        wirelessRate: rate, delay: delay, gainPerTaskSeconds: gain, tasks: tasks, migration: migration,
                        handoverSeconds: handover, downtimeSeconds: downtime, brokenSLAItems: broken, penaltySeconds: penalty,
                        objectiveSeconds: objective))
            }
        }
        return UserCandidates(
            user: index, currentDelay: currentDelay, candidates: candidates, dropped: dropped, keptBaseStations: kept)
    }

    /// DT of SPEC §2: 0, T_ho, T_mig, or both combined as the coordination says.
    public static func downtime(migration: Double?, handover: Double?, coordination: CoordinationKind) -> Double {
        switch (migration, handover) {
        case (nil, nil): 0
        case let (nil, handover?): handover
        case let (migration?, nil): migration
        case let (migration?, handover?): coordination == .coordinated ? max(migration, handover) : migration + handover
        }
    }
}
