public import EdgeModel
import Foundation
public import Plan
import Planner

/// What a replay measured for one user, or for all (SPEC §6).
public struct ReplayMetrics: Sendable, Codable, Equatable {
    public var user: String
    /// Tasks sent (one every 1/rate s) and how many were served.
    public var tasks: Int
    public var served: Int
    public var meanDelaySeconds: Double
    public var p95DelaySeconds: Double
    /// Service interruptions: migration and handover downtime, and time out of coverage.
    public var downtimeSeconds: Double
    public var outOfCoverageSeconds: Double
    public var migrations: Int
    public var handovers: Int
    public var bytesMoved: Int64
    /// Served tasks slower than the app's maxDelay; interruptions longer than its maxDowntime.
    public var delayViolations: Int
    public var downtimeViolations: Int

    public init(
        user: String, tasks: Int, served: Int, meanDelaySeconds: Double, p95DelaySeconds: Double,
        downtimeSeconds: Double, outOfCoverageSeconds: Double, migrations: Int, handovers: Int, bytesMoved: Int64,
        delayViolations: Int, downtimeViolations: Int
    ) {
        self.user = user
        self.tasks = tasks
        self.served = served
        self.meanDelaySeconds = meanDelaySeconds
        self.p95DelaySeconds = p95DelaySeconds
        self.downtimeSeconds = downtimeSeconds
        self.outOfCoverageSeconds = outOfCoverageSeconds
        self.migrations = migrations
        self.handovers = handovers
        self.bytesMoved = bytesMoved
        self.delayViolations = delayViolations
        self.downtimeViolations = downtimeViolations
    }
}

/// A replay of a plan against the users' true motion.
public struct ReplayReport: Sendable, Codable, Equatable {
    public var planner: String
    public var startSeconds: Double
    public var endSeconds: Double
    public var users: [ReplayMetrics]
    public var overall: ReplayMetrics
}

/// Replays a plan: each user's base station and server change when the plan's handovers and
/// migrations finish; while one runs, and while the user hears its base station below rssiMin,
/// the service is down. Every task in between is served with the delay of eq. 4 at the user's
/// true position.
public enum Simulator {
    /// Step for measuring time out of coverage.
    public static let coverageStepSeconds = 0.1

    public static func replay(problem: Problem, plan: Plan, startSeconds: Double, endSeconds: Double) -> ReplayReport {
        let topology = problem.topology
        let stationIndex = Dictionary(uniqueKeysWithValues: topology.baseStations.map { ($0.id, $0.index) })
        let serverIndex = Dictionary(uniqueKeysWithValues: topology.servers.map { ($0.id, $0.index) })
        let byUser = Dictionary(grouping: plan.timeline, by: \.user)
        var allDelays: [Double] = []
        var rows: [ReplayMetrics] = []
        var paths: [Int: [PathMetrics?]] = [:]
        func path(_ bs: BaseStationIndex, _ server: ServerIndex) -> PathMetrics? {
            let node = topology.node(bs)
            if paths[node.rawValue] == nil { paths[node.rawValue] = topology.graph.paths(from: node) }
            return paths[node.rawValue]?[topology.node(server).rawValue] ?? nil
        }
        for user in problem.workload.users {
            let app = problem.apps[user.app]
            let entries = (byUser[user.id] ?? []).map(\.action).sorted { $0.at < $1.at }
            // State changes when actions finish; downtime while migrations and handovers run.
            var changes: [(time: Double, bs: BaseStationIndex?, server: ServerIndex?)] = []
            var down: [(Double, Double)] = []
            var metrics = ReplayMetrics(
                user: user.id, tasks: 0, served: 0, meanDelaySeconds: 0, p95DelaySeconds: 0, downtimeSeconds: 0,
                outOfCoverageSeconds: 0, migrations: 0, handovers: 0, bytesMoved: 0, delayViolations: 0,
                downtimeViolations: 0)
            for action in entries {
                let end = action.at + action.duration
                switch action.type {
                case "handover":
                    changes.append((end, action.toBS.flatMap { stationIndex[$0] }, nil))
                    down.append((action.at, end))
                    if action.at < endSeconds { metrics.handovers += 1 }
                case "migration":
                    changes.append((end, nil, action.target.flatMap { serverIndex[$0] }))
                    down.append((action.at, end))
                    if action.at < endSeconds { metrics.migrations += 1 }
                    metrics.bytesMoved = Self.adding(metrics.bytesMoved, action.at < endSeconds ? action.bytes ?? 0 : 0)
                default:
                    metrics.bytesMoved = Self.adding(metrics.bytesMoved, action.at < endSeconds ? action.bytes ?? 0 : 0)
                }
            }
            changes.sort { $0.time < $1.time }
            func attachment(at time: Double) -> Attachment {
                var bs = user.attachment.baseStation
                var server = user.attachment.server
                for change in changes where change.time <= time {
                    if let newBS = change.bs { bs = newBS }
                    if let newServer = change.server { server = newServer }
                }
                return Attachment(baseStation: bs, server: server)
            }
            func isDown(_ time: Double) -> Bool { down.contains { time >= $0.0 && time < $0.1 } }
            func covered(_ time: Double) -> Bool {
                let bs = attachment(at: time).baseStation
                return topology.baseStations[bs.rawValue].rssi(at: user.motion.position(at: Seconds(time)))
                    >= problem.policy.rssiMin
            }
            // Interruptions: the union of action intervals and of time out of coverage.
            var interruptions: [(Double, Double)] = down.map { (max($0.0, startSeconds), min($0.1, endSeconds)) }.filter
            { $0.0 < $0.1 }
            var outage: Double?
            let steps = Self.count(
                ((endSeconds - startSeconds) / coverageStepSeconds - 1e-9).rounded(.up),
                limit: InputBounds.maximumMotionSamples)
            for step in 0..<steps {
                let time = startSeconds + Double(step) * coverageStepSeconds
                let next = min(time + coverageStepSeconds, endSeconds)
                if !covered(time) {
                    metrics.outOfCoverageSeconds += next - time
                    outage = outage ?? time
                } else if let begin = outage {
                    interruptions.append((begin, time))
                    outage = nil
                }
            }
            if let begin = outage { interruptions.append((begin, endSeconds)) }
            let merged = merge(interruptions)
            metrics.downtimeSeconds = merged.reduce(0) { $0 + $1.1 - $1.0 }
            let limits = problem.policy.slaEntries(for: app.name)
            let maxDelay = limits.map(\.maxDelay.value).min() ?? .infinity
            let maxDowntime = limits.map(\.maxDowntime.value).min() ?? .infinity
            metrics.downtimeViolations = merged.filter { $0.1 - $0.0 > maxDowntime }.count

            let period = Self.period(rate: app.task.rate.value)
            var delays: [Double] = []
            // Task k at start + k·period: counting, not summing, keeps 0.1 s steps exact.
            let taskCount = Self.count(
                Self.taskCount(rate: app.task.rate.value, span: endSeconds - startSeconds),
                limit: InputBounds.maximumReplayTasks)
            for k in 0..<taskCount {
                let task = startSeconds + Double(k) * period
                metrics.tasks += 1
                if !isDown(task) && covered(task) {
                    let attached = attachment(at: task)
                    let station = topology.baseStations[attached.baseStation.rawValue]
                    if let route = path(attached.baseStation, attached.server) {
                        let rssi = station.rssi(at: user.motion.position(at: Seconds(task)))
                        let delay = TaskDelay.of(
                            task: app.task, server: topology.servers[attached.server.rawValue],
                            wirelessRate: station.wirelessRate(at: rssi),
                            path: route
                        ).totalSeconds
                        delays.append(delay)
                        if delay > maxDelay { metrics.delayViolations += 1 }
                    }
                }
            }
            metrics.served = delays.count
            metrics.meanDelaySeconds = delays.isEmpty ? 0 : delays.reduce(0, +) / Double(delays.count)
            metrics.p95DelaySeconds = percentile(delays, 0.95)
            allDelays.append(contentsOf: delays)
            rows.append(metrics)
        }
        var overall = ReplayMetrics(
            user: "*", tasks: rows.reduce(0) { $0 + $1.tasks }, served: allDelays.count,
            meanDelaySeconds: allDelays.isEmpty ? 0 : allDelays.reduce(0, +) / Double(allDelays.count),
            p95DelaySeconds: percentile(allDelays, 0.95), downtimeSeconds: rows.reduce(0) { $0 + $1.downtimeSeconds },
            outOfCoverageSeconds: rows.reduce(0) { $0 + $1.outOfCoverageSeconds },
            migrations: rows.reduce(0) { $0 + $1.migrations },
            handovers: rows.reduce(0) { $0 + $1.handovers },
            bytesMoved: rows.reduce(0) { Self.adding($0, $1.bytesMoved) },
            delayViolations: rows.reduce(0) { $0 + $1.delayViolations },
            downtimeViolations: rows.reduce(0) { $0 + $1.downtimeViolations })
        overall.user = "*"
        return ReplayReport(
            planner: plan.planner, startSeconds: startSeconds, endSeconds: endSeconds, users: rows, overall: overall)
    }

    /// Seconds between a user's tasks: one every 1/rate s (every second for an app without tasks).
    static func period(rate: Double) -> Double { rate > 0 ? 1 / rate : 1 }

    /// Tasks a user sends over `span` seconds, as the replay's loop counts them; a Double, so that
    /// no rate and span can overflow it (`ReplayBounds` checks it before a replay).
    static func taskCount(rate: Double, span: Double) -> Double {
        max(0, (span / period(rate: rate) - 1e-9).rounded(.up))
    }

    /// A loop's count: none for NaN or less than 1, at most `limit`. Callers check `ReplayBounds`
    /// first, which keeps counts far below; this keeps one that did not from trapping in `Int(_:)`
    /// (a replay to 1e300 s did) or running for ever.
    static func count(_ value: Double, limit: Int) -> Int {
        guard value >= 1 else { return 0 }
        return value >= Double(limit) ? limit : Int(value)
    }

    /// Bytes summed without trapping: a plan file may say anything, and saturating at the ends of
    /// Int64 (9.2 EB) is as good as exact there.
    static func adding(_ total: Int64, _ bytes: Int64) -> Int64 {
        let (sum, overflow) = total.addingReportingOverflow(bytes)
        guard overflow else { return sum }
        return bytes > 0 ? Int64.max : Int64.min
    }

    /// The union of intervals, sorted.
    static func merge(_ intervals: [(Double, Double)]) -> [(Double, Double)] {
        var result: [(Double, Double)] = []
        for interval in intervals.sorted(by: { $0.0 < $1.0 }) {
            if let last = result.last, interval.0 <= last.1 {
                result[result.count - 1].1 = max(last.1, interval.1)
            } else {
                result.append(interval)
            }
        }
        return result
    }

    /// The nearest-rank percentile.
    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }
}
