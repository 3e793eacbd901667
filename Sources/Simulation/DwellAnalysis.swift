public import EdgeModel
import Foundation
import Planner

/// Figures of a set of dwell times, in seconds.
public struct DwellStatistics: Sendable, Codable, Equatable {
    public var samples: Int
    public var meanSeconds: Double?
    public var minSeconds: Double?
    public var p5Seconds: Double?
    public var p50Seconds: Double?
    public var p95Seconds: Double?
    public var maxSeconds: Double?

    /// Nearest-rank percentiles of `values` (none without values).
    public init(_ values: [Double]) {
        let sorted = values.sorted()
        samples = sorted.count
        guard !sorted.isEmpty else { return }
        func rank(_ p: Double) -> Double { sorted[max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1)] }
        meanSeconds = sorted.reduce(0, +) / Double(sorted.count)
        minSeconds = sorted.first
        p5Seconds = rank(0.05)
        p50Seconds = rank(0.5)
        p95Seconds = rank(0.95)
        maxSeconds = sorted.last
    }
}

/// For one app and strategy: how many hand-offs would leave too little time for the migration.
public struct MigrationViability: Sendable, Codable, Equatable {
    public var app: String
    public var strategy: String
    /// Hand-offs to another server whose dwell in the new cell was seen to its end.
    public var handOffs: Int
    /// Of them, those where T_mig (the downtime part) is longer than the dwell, and those where
    /// T_pre + T_mig is (the whole migration, when pre-migration starts at the hand-off).
    public var migrationTooLong: Int
    public var wholeMigrationTooLong: Int
    public var migrationTooLongShare: Double?
    public var wholeMigrationTooLongShare: Double?
}

/// Dwell times grouped one way (by base station, or by zone). In JSON the overall figures are
/// the object's own fields (`samples`, `meanSeconds`, …), beside `cells` and `viability`.
public struct DwellGrouping: Sendable, Codable, Equatable {
    /// Every complete dwell, all cells together.
    public var overall: DwellStatistics
    /// Per cell (base station id, or zone).
    public var cells: [String: DwellStatistics]
    public var viability: [MigrationViability]

    public init(overall: DwellStatistics, cells: [String: DwellStatistics], viability: [MigrationViability]) {
        self.overall = overall
        self.cells = cells
        self.viability = viability
    }

    enum CodingKeys: String, CodingKey {
        case cells, viability
    }

    public init(from decoder: any Decoder) throws {
        overall = try DwellStatistics(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        cells = try container.decode([String: DwellStatistics].self, forKey: .cells)
        viability = try container.decode([MigrationViability].self, forKey: .viability)
    }

    public func encode(to encoder: any Encoder) throws {
        try overall.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(cells, forKey: .cells)
        try container.encode(viability, forKey: .viability)
    }
}

/// What `edgeplan dwell` reports (docs/dwell.md).
public struct DwellReport: Sendable, Codable, Equatable {
    public var stepSeconds: Double
    public var users: Int
    public var byBaseStation: DwellGrouping
    /// Nil when no base station has a zone.
    public var byZone: DwellGrouping?
}

/// The time a moving user stays with one serving base station (or zone): seed 004's question of
/// how much time a cell leaves for a migration.
///
/// Each user's serving base station follows the policy's handover rule over time, sampled every
/// `step`: a user keeps its base station while its RSSI is at least rssiMin and no other leads it
/// by the hysteresis; then it moves to the strongest. A dwell is the time between two changes (out
/// of coverage ends one); the first and the last visit of a trajectory are cut by its ends, so
/// they are left out. A hand-off's available time is the dwell that follows it.
public struct DwellAnalysis: Sendable {
    public let problem: Problem
    public let stepSeconds: Double

    public init(problem: Problem, stepSeconds: Double) {
        self.problem = problem
        self.stepSeconds = stepSeconds
    }

    /// One visit of a cell: which, from when, until when, and whether both ends are changes.
    struct Visit {
        let station: BaseStationIndex?
        let start: Double
        var end: Double
        var isComplete: Bool
    }

    /// The span of a user's motion: its trajectory, or [from, to] when given.
    static func span(of user: User, from: Double?, to: Double?) -> (Double, Double)? {
        if case .trajectory(let points) = user.motion, let first = points.first, let last = points.last {
            let start = max(from ?? first.time.value, first.time.value)
            let end = min(to ?? last.time.value, last.time.value)
            return end > start ? (start, end) : nil
        }
        guard let from, let to, to > from else { return nil }
        return (from, to)
    }

    /// The serving base station over time, as visits.
    func visits(of user: User, from start: Double, to end: Double, coverage: Coverage) -> [Visit] {
        let stations = problem.topology.baseStations
        let hysteresis = problem.policy.hysteresis.value
        // Measured RSSI describes one moment only: the estimate is used throughout.
        let moving = User(
            id: user.id, app: user.app, attachment: user.attachment, motion: user.motion, measuredRSSI: [:],
            location: user.location)
        var visits: [Visit] = []
        var serving: BaseStationIndex?
        var first = true
        // Times as start + k·step, so that they do not drift as a running sum would.
        let count = Simulator.count(
            ((end - start) / stepSeconds + 1e-9).rounded(.down), limit: InputBounds.maximumMotionSamples)
        for k in 0...max(0, count) {
            let time = start + Double(k) * stepSeconds
            let position = moving.motion.position(at: Seconds(time))
            let kept = coverage.keptBaseStations(for: moving, at: Seconds(time), horizon: .zero)
            let strength = { (bs: BaseStationIndex) in stations[bs.rawValue].rssi(at: position).value }
            let strongest = kept.max { (strength($0), $1) < (strength($1), $0) }
            var next = serving
            if let current = serving, kept.contains(current) {
                if let best = strongest, best != current, strength(best) - strength(current) >= hysteresis {
                    next = best
                }
            } else {
                next = strongest
            }
            if first || next != serving {
                if var last = visits.popLast() {
                    last.end = time
                    visits.append(last)
                }
                visits.append(Visit(station: next, start: time, end: end, isComplete: !first))
                serving = next
                first = false
            }
        }
        // The last visit ends with the span, not with a change.
        if var last = visits.popLast() {
            last.isComplete = false
            visits.append(last)
        }
        return visits
    }

    /// Motion samples `run(from:to:)` takes over all users: a Double, checked against
    /// `InputBounds.maximumMotionSamples` before a run.
    public func sampleCount(from: Double?, to: Double?) -> Double {
        problem.workload.users.reduce(0) { total, user in
            guard let (start, end) = Self.span(of: user, from: from, to: to) else { return total }
            return total + ((end - start) / stepSeconds + 1e-9).rounded(.down) + 1
        }
    }

    public func run(from: Double?, to: Double?) -> DwellReport {
        let coverage = Coverage(
            topology: problem.topology, rssiMin: problem.policy.rssiMin, rule: problem.policy.rssiRule)
        let paths = PathCache(topology: problem.topology)
        var stationDwells: [(cell: String, seconds: Double)] = []
        var zoneDwells: [(cell: String, seconds: Double)] = []
        var stationHandOffs: [HandOff] = []
        var zoneHandOffs: [HandOff] = []
        var users = 0
        let stations = problem.topology.baseStations
        let hasZones = stations.contains { $0.zone != nil }
        for user in problem.workload.users {
            guard let (start, end) = Self.span(of: user, from: from, to: to) else { continue }
            users += 1
            let visits = visits(of: user, from: start, to: end, coverage: coverage)
            collect(
                visits, cell: { $0.map { stations[$0.rawValue].id } }, user: user, paths: paths,
                dwells: &stationDwells, handOffs: &stationHandOffs)
            if hasZones {
                collect(
                    Self.merge(visits) { $0.map { stations[$0.rawValue].zone ?? stations[$0.rawValue].id } },
                    cell: { $0.map { stations[$0.rawValue].zone ?? stations[$0.rawValue].id } }, user: user,
                    paths: paths, dwells: &zoneDwells, handOffs: &zoneHandOffs)
            }
        }
        return DwellReport(
            stepSeconds: stepSeconds, users: users,
            byBaseStation: grouping(stationDwells, stationHandOffs, paths: paths),
            byZone: hasZones ? grouping(zoneDwells, zoneHandOffs, paths: paths) : nil)
    }

    /// Consecutive visits of the same cell joined (a base station change inside a zone is no zone
    /// change).
    static func merge(_ visits: [Visit], cell: (BaseStationIndex?) -> String?) -> [Visit] {
        var merged: [Visit] = []
        for visit in visits {
            if let last = merged.last, cell(last.station) == cell(visit.station) {
                merged[merged.count - 1].end = visit.end
                continue
            }
            merged.append(visit)
        }
        // Completeness: every visit but the first and the last starts and ends with a change.
        for index in merged.indices { merged[index].isComplete = index > 0 && index < merged.count - 1 }
        return merged
    }

    /// A change of serving cell, and the time the new cell then leaves.
    struct HandOff {
        let app: Int
        let from: BaseStationIndex
        let to: BaseStationIndex
        let availableSeconds: Double
    }

    func collect(
        _ visits: [Visit], cell: (BaseStationIndex?) -> String?, user: User, paths: PathCache,
        dwells: inout [(cell: String, seconds: Double)], handOffs: inout [HandOff]
    ) {
        for (index, visit) in visits.enumerated() where visit.isComplete {
            guard let station = visit.station, let name = cell(station) else { continue }
            dwells.append((name, visit.end - visit.start))
            if index > 0, let previous = visits[index - 1].station {
                handOffs.append(
                    HandOff(app: user.app, from: previous, to: station, availableSeconds: visit.end - visit.start))
            }
        }
    }

    /// The server a cell's users are served from: the nearest to its base station by RTT (edge
    /// before regional before cloud, then id) — the MEH associated with the cell.
    func server(of station: BaseStationIndex, paths: PathCache) -> ServerIndex? {
        let servers = problem.topology.servers
        return paths.servers(reachableFrom: station, withinNanoseconds: nil).min { a, b in
            let (sa, sb) = (servers[a.server.rawValue], servers[b.server.rawValue])
            return (a.metrics.rttNanoseconds, sa.tier, sa.id) < (b.metrics.rttNanoseconds, sb.tier, sb.id)
        }?.server
    }

    func grouping(_ dwells: [(cell: String, seconds: Double)], _ handOffs: [HandOff], paths: PathCache)
        -> DwellGrouping
    {
        var cells: [String: [Double]] = [:]
        for (cell, seconds) in dwells { cells[cell, default: []].append(seconds) }
        return DwellGrouping(
            overall: DwellStatistics(dwells.map(\.seconds)), cells: cells.mapValues(DwellStatistics.init),
            viability: viability(handOffs, paths: paths))
    }

    /// For every app the users run and every strategy that can move it: the hand-offs whose
    /// migration between the cells' servers would not fit the time the new cell leaves.
    func viability(_ handOffs: [HandOff], paths: PathCache) -> [MigrationViability] {
        let servers = problem.topology.servers
        var results: [MigrationViability] = []
        for appIndex in Set(handOffs.map(\.app)).sorted() {
            let app = problem.apps[appIndex]
            for kind in MigrationStrategyKind.allCases {
                let strategy = MigrationStrategies.strategy(for: kind)
                var counted = 0
                var tooLong = 0
                var wholeTooLong = 0
                var applies = true
                for handOff in handOffs where handOff.app == appIndex {
                    guard let source = server(of: handOff.from, paths: paths),
                        let target = server(of: handOff.to, paths: paths), source != target,
                        let path = paths.path(from: source, to: target)
                    else { continue }
                    switch strategy.estimate(
                        app: app, from: servers[source.rawValue], to: servers[target.rawValue], path: path)
                    {
                    case .success(let estimate):
                        counted += 1
                        if estimate.migrationSeconds > handOff.availableSeconds { tooLong += 1 }
                        if estimate.preMigrationSeconds + estimate.migrationSeconds > handOff.availableSeconds {
                            wholeTooLong += 1
                        }
                    case .failure(.missingParameters): applies = false
                    case .failure: continue
                    }
                    if !applies { break }
                }
                guard applies else { continue }
                results.append(
                    MigrationViability(
                        app: app.name, strategy: kind.rawValue, handOffs: counted, migrationTooLong: tooLong,
                        wholeMigrationTooLong: wholeTooLong,
                        migrationTooLongShare: counted > 0 ? Double(tooLong) / Double(counted) : nil,
                        wholeMigrationTooLongShare: counted > 0 ? Double(wholeTooLong) / Double(counted) : nil))
            }
        }
        return results
    }
}
