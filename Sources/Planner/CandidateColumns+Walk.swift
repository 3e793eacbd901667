import EdgeModel
import Foundation
import Solving

/// What every pricing pass needs of one user, computed once.
struct PricingContext {
    /// A base station the RSSI rule keeps for the user.
    struct Station {
        let index: BaseStationIndex
        let rssi: (now: DBm, predicted: DBm)
        /// `8·S_task / B_ub'`: no path makes the transmission faster than the radio.
        let transmissionFloorSeconds: Double
        /// T_ho(b') when b' is not the current base station.
        let handoverSeconds: Double?
        let ranked: RankedServers
        /// The path to the current server when it is within the SLA's reach.
        let currentServerPath: PathMetrics?
    }

    let user: CandidateGenerator.UserContext
    let stations: [Station]
    /// The user's demand of each resource kind, in model units.
    let demand: [Double]
    /// `w_g · n̂_u`, `d^t(u, b, s)` and `p_u`, for the objective bound.
    let gainScale: Double
    let currentDelaySeconds: Double?
    let processingSeconds: Double
    let appIndex: Int

    init(generator: CandidateGenerator, user index: Int) {
        let problem = generator.problem
        let context = generator.context(forUser: index)
        user = context
        let user = context.user
        let app = context.app
        demand = CandidateColumns.kinds.map { app.resources[$0] / $0.modelUnit }
        gainScale = problem.policy.gainWeight * context.tasks
        currentDelaySeconds = context.currentDelay?.totalSeconds
        processingSeconds = app.task.processing.value
        appIndex = user.app
        let rttLimit = context.slaEntries.filter { $0.enforcement == .hard }.map(\.maxDelay.value).min()
            .map { Int64(($0 * 1e9).rounded(.down)) }
        let perTier = problem.policy.candidateServers
        let kept = generator.coverage.keptBaseStations(for: user, at: generator.time, horizon: generator.horizon)
        let current = user.attachment
        let bits = 8 * app.task.size.value
        stations = kept.map { bs in
            let station = problem.topology.baseStations[bs.rawValue]
            let rssi = generator.coverage.rssi(
                of: bs, for: user, now: generator.time, predicted: generator.predictedTime)
            let ranked = generator.paths.rankedServers(from: bs, withinNanoseconds: rttLimit, perTier: perTier)
            // Without candidateServers the lists hold every server within reach, the current one too.
            let path =
                perTier == nil
                ? ranked.entry(of: current.server)?.metrics : generator.paths.path(from: bs, to: current.server)
            return Station(
                index: bs, rssi: rssi, transmissionFloorSeconds: bits / station.wirelessRate(at: rssi.predicted).value,
                handoverSeconds: bs != current.baseStation ? station.handoverTime.value : nil,
                ranked: ranked,
                currentServerPath: path.flatMap { found in
                    rttLimit.map { found.rttNanoseconds <= $0 } ?? true ? found : nil
                })
        }
        // Strong stations first: good columns found early make the walks of the others short.
        .sorted { ($0.transmissionFloorSeconds, $0.index) < ($1.transmissionFloorSeconds, $1.index) }
    }
}

/// The quickest migration of an app from a server into each tier: the least downtime any
/// migration column into that tier can have. Computed once per (app, current server).
final class MigrationFloors: @unchecked Sendable {
    private var floors: [Int64: [Double]] = [:]
    private let lock = NSLock()

    func floors(for context: PricingContext, problem: Problem) -> [Double] {
        let source = context.user.user.attachment.server
        let key = Int64(context.appIndex) << 32 | Int64(source.rawValue)
        lock.lock()
        if let found = floors[key] {
            lock.unlock()
            return found
        }
        lock.unlock()
        var tiers = [Double](repeating: .infinity, count: ServerTier.allCases.count)
        let tierOf = ServerTier.allCases
        // Borrowed, not copied: a Server copy retains its strings and arrays, and this loop runs
        // once per server for every app and current server (13 million times on a 10,000-user city).
        problem.topology.servers.withUnsafeBufferPointer { servers in
            let from = servers[source.rawValue]
            for (index, path) in context.user.fromCurrentServer.enumerated() where index != source.rawValue {
                guard let path,
                    case .success(let estimate) = context.user.strategy.estimate(
                        app: context.user.app, from: from, to: servers[index], path: path)
                else { continue }
                let tier = tierOf.firstIndex(of: servers[index].tier) ?? 0
                tiers[tier] = min(tiers[tier], estimate.migrationSeconds)
            }
        }
        lock.lock()
        floors[key] = tiers
        lock.unlock()
        return tiers
    }
}

/// Duals of one pricing pass, arranged for the walk: each server's capacity prices and each base
/// station's user-limit price.
struct PricingDuals {
    let all: [Double]
    /// Per (server, kind): the dual of its capacity row, 0 without one.
    let capacity: [Double]
    /// Whether any capacity row of a server has a nonzero dual (most have none).
    let isServerPriced: [Bool]
    let userLimit: [Double]

    init(_ duals: [Double], capacityRows: [Int32], userLimitRows: [Int32]) {
        all = duals
        let capacity = capacityRows.map { $0 >= 0 ? duals[Int($0)] : 0 }
        self.capacity = capacity
        let kinds = CandidateColumns.kinds.count
        isServerPriced = stride(from: 0, to: capacity.count, by: kinds).map { start in
            capacity[start..<start + kinds].contains { $0 != 0 }
        }
        userLimit = userLimitRows.map { $0 >= 0 ? duals[Int($0)] : 0 }
    }

    /// `Σ_r demand_r · μ_{s,r}`: what a column of this user pays for its server's rows.
    func charge(server: Int, demand: [Double]) -> Double {
        guard isServerPriced[server] else { return 0 }
        var total = 0.0
        let start = server * demand.count
        for k in demand.indices { total += demand[k] * capacity[start + k] }
        return total
    }
}

/// The columns of one user found by a pricing pass.
struct UserPricing {
    let position: Int
    var found: [(reducedCost: Double, candidate: Candidate)] = []
    /// At least the largest reduced cost of any column of the user.
    var largest = -Double.infinity
    var evaluated = 0
}

extension CandidateColumns {
    /// Slack in the pruning comparisons: the bound and the exact objective add the same terms in
    /// different orders.
    static func slack(_ value: Double) -> Double { 1e-9 * (1 + abs(value)) }

    /// An upper bound on the objective of every candidate through `station` on a server with at
    /// most `compute`, at least `rttSeconds` away, with at least `downtimeFloor` of downtime.
    func objectiveBound(
        _ context: PricingContext, _ station: PricingContext.Station, compute: Double, rttSeconds: Double,
        downtimeFloor: Double
    ) -> Double {
        let gain =
            context.currentDelaySeconds.map { current in
                context.gainScale
                    * (current - (context.processingSeconds / compute + station.transmissionFloorSeconds + rttSeconds))
            } ?? 0
        return gain - problem.policy.downtimeWeight * downtimeFloor
    }

    /// The least downtime of a migration into each tier through `station`.
    func downtimeFloors(_ context: PricingContext, _ station: PricingContext.Station) -> [Double] {
        floors.floors(for: context, problem: problem).map { migration in
            migration.isFinite
                ? CandidateGenerator.downtime(
                    migration: migration, handover: station.handoverSeconds, coordination: problem.policy.coordination)
                : .infinity
        }
    }

    /// Visits the user's candidates whose objective may reach `floor(station, server)`, stay-put
    /// columns first, then each tier nearest first; `visit` gets each one evaluated. `floor` is
    /// asked with `server` = −1 − tier for what any server of a tier must reach at least. Returns
    /// whether any candidate was skipped by the bound.
    func walk(
        position: Int, ignoresObjective: Bool, floor: (PricingContext.Station, Int) -> Double,
        visit: (PricingContext.Station, Candidate) -> Void
    ) -> (evaluated: Int, pruned: Bool) {
        let context = contexts[position]
        let servers = problem.topology.servers
        let currentServer = context.user.user.attachment.server
        var evaluated = 0
        var pruned = false
        for station in context.stations {
            func evaluate(_ server: ServerIndex, _ metrics: PathMetrics) {
                evaluated += 1
                if case .success(let candidate) = generator.evaluate(
                    context.user, baseStation: station.index, server: server, path: metrics, rssi: station.rssi,
                    enforceSLA: true, coordination: problem.policy.coordination)
                {
                    visit(station, candidate)
                }
            }
            if let path = station.currentServerPath {
                let need = floor(station, currentServer.rawValue)
                let bound =
                    ignoresObjective
                    ? 0
                    : objectiveBound(
                        context, station, compute: servers[currentServer.rawValue].compute,
                        rttSeconds: path.rtt.value, downtimeFloor: station.handoverSeconds ?? 0)
                if bound < need - Self.slack(need) { pruned = true } else { evaluate(currentServer, path) }
            }
            let downtime = downtimeFloors(context, station)
            for (tier, list) in station.ranked.tiers.enumerated() where !list.isEmpty {
                guard downtime[tier].isFinite else { continue }  // no migration into this tier works
                let best = station.ranked.bestComputeFrom[tier]
                for (position, entry) in list.enumerated() {
                    let rtt = Double(entry.rttNanoseconds) / 1e9
                    if entry.server == Int32(currentServer.rawValue) { continue }
                    let need = floor(station, Int(entry.server))
                    if !ignoresObjective {
                        // Every later server is farther and no faster than the best still ahead.
                        let rest = objectiveBound(
                            context, station, compute: best[position], rttSeconds: rtt, downtimeFloor: downtime[tier])
                        let floorOfTier = floor(station, -1 - tier)
                        if rest < floorOfTier - Self.slack(floorOfTier) {
                            pruned = true
                            break
                        }
                    }
                    let bound =
                        ignoresObjective
                        ? 0
                        : objectiveBound(
                            context, station, compute: servers[Int(entry.server)].compute, rttSeconds: rtt,
                            downtimeFloor: downtime[tier])
                    if bound < need - Self.slack(need) {
                        pruned = true
                        continue
                    }
                    evaluate(entry.index, entry.metrics)
                }
            }
        }
        return (evaluated, pruned)
    }

    /// The first columns of a user: where it is now (if that is still a candidate), the best three
    /// by objective, and the best of each tier.
    func initialCandidates(position: Int) -> [Candidate] {
        let context = contexts[position]
        let current = context.user.user.attachment
        var overall: [Candidate] = []  // best three, best first
        var perTier = [Candidate?](repeating: nil, count: ServerTier.allCases.count)
        var stay: Candidate?
        let servers = problem.topology.servers
        func tierOf(_ server: Int) -> Int { ServerTier.allCases.firstIndex(of: servers[server].tier) ?? 0 }
        _ = walk(
            position: position, ignoresObjective: false,
            floor: { _, server in
                // A column is wanted if it beats the third best overall or the best of its tier.
                let third = overall.count < 3 ? -Double.infinity : overall[2].objectiveSeconds
                let tier = server < 0 ? -1 - server : tierOf(server)
                return min(third, perTier[tier]?.objectiveSeconds ?? -.infinity)
            },
            visit: { _, candidate in
                if candidate.baseStation == current.baseStation && candidate.server == current.server {
                    stay = candidate
                }
                let tier = tierOf(candidate.server.rawValue)
                if perTier[tier].map({ candidate.objectiveSeconds > $0.objectiveSeconds }) ?? true {
                    perTier[tier] = candidate
                }
                let at = overall.firstIndex { candidate.objectiveSeconds > $0.objectiveSeconds } ?? overall.endIndex
                if at < 3 {
                    overall.insert(candidate, at: at)
                    if overall.count > 3 { overall.removeLast() }
                }
            })
        var chosen: [Candidate] = []
        var seen = Set<Int64>()
        for candidate in [stay].compactMap({ $0 }) + overall + perTier.compactMap({ $0 })
        where seen.insert(Self.key(position: position, station: candidate.baseStation, server: candidate.server))
            .inserted
        {
            chosen.append(candidate)
        }
        return chosen
    }

    /// The user's columns whose reduced cost reaches the request's threshold (the best
    /// `columnsPerUser` of them), and the largest reduced cost of any of its columns.
    func price(position: Int, duals: PricingDuals, request: PricingRequest) -> UserPricing {
        let context = contexts[position]
        let threshold = request.minimumReducedCost[position]
        let assignmentDual = duals.all[position]
        var result = UserPricing(position: position)
        let limit = request.columnsPerUser
        let walked = walk(
            position: position, ignoresObjective: request.ignoresObjective,
            floor: { station, server in
                // A column through `station` on `server` must reach this objective to price out.
                let stationDual = duals.userLimit[station.index.rawValue]
                let charge = server < 0 ? 0 : duals.charge(server: server, demand: context.demand)
                return assignmentDual + stationDual + charge + threshold
            },
            visit: { station, candidate in
                let objective = request.ignoresObjective ? 0 : candidate.objectiveSeconds
                let reducedCost =
                    objective - assignmentDual - duals.userLimit[station.index.rawValue]
                    - duals.charge(server: candidate.server.rawValue, demand: context.demand)
                result.largest = max(result.largest, reducedCost)
                guard reducedCost >= threshold else { return }
                if let limit {
                    let at = result.found.firstIndex { reducedCost > $0.reducedCost } ?? result.found.endIndex
                    guard at < limit else { return }
                    result.found.insert((reducedCost, candidate), at: at)
                    if result.found.count > limit { result.found.removeLast() }
                } else {
                    result.found.append((reducedCost, candidate))
                }
            })
        result.evaluated = walked.evaluated
        if walked.pruned { result.largest = max(result.largest, threshold) }
        return result
    }
}
