import Foundation

/// The size and seed of a generated scenario.
public struct ScenarioParameters: Sendable {
    public var seed: UInt64
    public var users: Int
    public var baseStations: Int
    public var edgeServers: Int
    public var regionalServers: Int
    /// Distance between neighbouring base stations on the hexagonal grid.
    public var spacingMeters: Double

    public init(
        seed: UInt64 = 20_261_122, users: Int = 10_000, baseStations: Int = 2_000, edgeServers: Int = 300,
        regionalServers: Int = 4, spacingMeters: Double = 500
    ) {
        precondition(users >= 1 && baseStations >= 1 && edgeServers >= 1 && regionalServers >= 1)
        self.seed = seed
        self.users = users
        self.baseStations = baseStations
        self.edgeServers = edgeServers
        self.regionalServers = regionalServers
        self.spacingMeters = spacingMeters
    }

    /// The benchmark's scenario of the issue: 10,000 users, 2,000 base stations.
    public static let benchmark = ScenarioParameters()
}

/// What was written, with the counts the benchmark prints.
public struct GeneratedScenario: Sendable {
    public let directory: String
    /// Paths of the files written, in the order written.
    public let files: [String]
    /// Total size of the YAML written, in bytes.
    public let bytes: Int
    /// FNV-1a (64 bit) of the files' bytes in order: equal across runs for equal parameters.
    public let checksum: UInt64
    public let users: Int
    public let baseStations: Int
    public let edgeServers: Int
    public let regionalServers: Int
    public let cloudServers: Int
    public let links: Int
    public let trajectoryUsers: Int
    public let measuredRSSIUsers: Int

    public var servers: Int { edgeServers + regionalServers + cloudServers }

    public var description: String {
        """
        scenario in \(directory): \(files.count) files, \(bytes) bytes of YAML, checksum \(String(checksum, radix: 16))
          \(users) users (\(trajectoryUsers) with a trajectory, \(measuredRSSIUsers) with measured rssi), \
        \(baseStations) base stations, \(servers) servers (\(edgeServers) edge, \(regionalServers) regional, \
        \(cloudServers) cloud), \(links) links
        """
    }
}

/// Writes a deterministic, valid edgeplan problem of a city-sized network: base stations on a
/// hexagonal grid, edge servers over it, a few regional servers and a cloud, users spread over the
/// area (partly around hotspots), walking or driving.
public enum ScenarioGenerator {
    /// A fresh directory under the system's temporary directory.
    public static func temporaryDirectory(for parameters: ScenarioParameters) -> String {
        let base = NSTemporaryDirectory().hasSuffix("/") ? NSTemporaryDirectory() : NSTemporaryDirectory() + "/"
        return base + "edgeplan-benchmark-\(parameters.seed)-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Writes topology.yaml, apps.yaml, policy.yaml and workload.yaml into `directory` (created if
    /// needed; files of these names are replaced).
    public static func generate(_ parameters: ScenarioParameters, into directory: String) throws -> GeneratedScenario {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var builder = Builder(parameters)
        let documents: [(String, String)] = [
            ("topology.yaml", builder.topology()),
            ("apps.yaml", Builder.apps),
            ("policy.yaml", Builder.policy),
            ("workload.yaml", builder.workload()),
        ]
        var files: [String] = []
        var bytes = 0
        var checksum: UInt64 = 0xcbf2_9ce4_8422_2325
        for (name, text) in documents {
            let path = (directory as NSString).appendingPathComponent(name)
            let data = Data(text.utf8)
            try data.write(to: URL(fileURLWithPath: path))
            for byte in data {
                checksum = (checksum ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
            bytes += data.count
            files.append(path)
        }
        return GeneratedScenario(
            directory: directory, files: files, bytes: bytes, checksum: checksum, users: parameters.users,
            baseStations: parameters.baseStations, edgeServers: parameters.edgeServers,
            regionalServers: parameters.regionalServers, cloudServers: 1, links: builder.linkCount,
            trajectoryUsers: builder.trajectoryUsers, measuredRSSIUsers: builder.measuredRSSIUsers)
    }

    /// `x` with at most `digits` decimals, trailing zeros dropped; locale-free and exact in its
    /// rounding, so the text depends on the value alone.
    static func fixed(_ x: Double, _ digits: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (x * Double(scale)).rounded()
        if scaled == 0 { return "0" }
        let magnitude = Int64(abs(scaled))
        var text = String(magnitude / scale)
        let fraction = magnitude % scale
        if fraction != 0 {
            var decimals = String(fraction)
            decimals = String(repeating: "0", count: digits - decimals.count) + decimals
            while decimals.hasSuffix("0") { decimals.removeLast() }
            text += "." + decimals
        }
        return scaled < 0 ? "-" + text : text
    }
}

// MARK: - The builder

private struct Point {
    var x: Double
    var y: Double

    func distance(to other: Point) -> Double { ((x - other.x) * (x - other.x) + (y - other.y) * (y - other.y)).squareRoot() }
}

private enum Technology: String {
    case fourG = "4g"
    case fiveG = "5g"
    case wifi
}

private struct Station {
    let id: String
    let position: Point
    let technology: Technology
    let txPower: Double
    /// Index of the nearest edge server (linked), and of the second nearest.
    let edge: Int
    let secondEdge: Int
}

/// The radio of the generated topology, written out in its `radio:` map (SPEC §1 defaults).
private enum RadioModel {
    static let referenceLoss = 40.0
    static let exponent = 3.0
    static let rssiMin = -85.0

    static func rssi(txPower: Double, distance: Double) -> Double {
        txPower - referenceLoss - 10 * exponent * log10(max(distance, 1))
    }
}

private struct Builder {
    let p: ScenarioParameters
    var random: SplitMix64
    let columns: Int
    let rows: Int
    let rowPitch: Double
    let width: Double
    let height: Double
    var stations: [Station] = []
    var edgePositions: [Point] = []
    /// Regional server of each edge server.
    var edgeRegional: [Int] = []
    var regionalPositions: [Point] = []
    var linkCount = 0
    var trajectoryUsers = 0
    var measuredRSSIUsers = 0

    static let apps = """
        # Three applications of the benchmark scenario: one per family of migration strategy.
        kind: AppProfile
        name: openface
        image: 1.86 GB
        checkpoint: {full: 196.8 MB, delta: 7.94 MB}
        state: application
        resources: {cpu: 2, memory: 2 GB, storage: 2 GB, netio: 50 Mbps}
        task: {size: 200 KB, rate: 5 /s, processing: 80 ms}
        strategy: delta-checkpoint
        ---
        kind: AppProfile
        name: yolo
        image: 792 MB
        checkpoint: {full: 584.8 MB, delta: 5.60 MB}
        memory: 1.2 GB
        dirtyRate: 2 %/s
        precopyThreshold: 40 Mb
        state: application
        resources: {cpu: 4, memory: 4 GB, storage: 1 GB, netio: 50 Mbps}
        task: {size: 200 KB, rate: 2 /s, processing: 300 ms}
        strategy: precopy
        ---
        kind: AppProfile
        name: chat
        image: 180 MB
        checkpoint: {full: 24 MB, delta: 1.2 MB}
        state: user
        resources: {cpu: 500m, memory: 256 MB, storage: 512 MB, netio: 10 Mbps}
        task: {size: 4 KB, rate: 2 /s, processing: 5 ms}
        strategy: fccp
        relocation: {tarball: 112 MB, prepare: 1.2 s, load: 3.1 s, stop: 0.6 s, volume: 110 KB, start: 0.7 s}

        """

    static let policy = """
        kind: Policy
        name: benchmark
        planner: orchestrated
        coordination: coordinated
        horizon: 5 s
        gainWindow: 5 s
        rssiMin: -85 dBm
        rssiRule: either
        hysteresis: 3 dB
        margin: 10 %
        objective: {gainWeight: 1, downtimeWeight: 1}
        sla:
          - {app: "*", maxDelay: 300 ms, maxDowntime: 5 s, enforcement: hard}
          - {app: yolo, maxDelay: 500 ms, maxDowntime: 8 s, enforcement: soft, penalty: 10 s}
        solver: {backend: cbc, timeLimit: 30 s, relativeGap: 0.0001, threads: 2}

        """

    static let appNames = ["openface", "yolo", "chat"]

    init(_ parameters: ScenarioParameters) {
        p = parameters
        random = SplitMix64(seed: parameters.seed)
        columns = Int((Double(parameters.baseStations) * 1.25).squareRoot().rounded(.up))
        rows = (parameters.baseStations + columns - 1) / columns
        rowPitch = parameters.spacingMeters * 3.0.squareRoot() / 2
        width = Double(columns - 1) * parameters.spacingMeters + (rows > 1 ? parameters.spacingMeters / 2 : 0)
        height = Double(rows - 1) * rowPitch
    }

    private static func padded(_ prefix: String, _ number: Int, of count: Int) -> String {
        let digits = String(count).count
        let text = String(number)
        return prefix + String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    private func stationPosition(_ index: Int) -> Point {
        let row = index / columns
        let column = index % columns
        return Point(
            x: Double(column) * p.spacingMeters + (row % 2 == 1 ? p.spacingMeters / 2 : 0), y: Double(row) * rowPitch)
    }

    /// Centres of a grid of `count` cells over the area, its shape as close to the area's as a
    /// factorisation of `count` allows.
    private func gridCentres(_ count: Int) -> (points: [Point], columns: Int) {
        let aspect = max(width, 1) / max(height, 1)
        var best = (columns: count, rows: 1, error: Double.infinity)
        for c in 1...count where count % c == 0 {
            let error = abs(log(Double(c) / Double(count / c)) - log(aspect))
            if error < best.error { best = (c, count / c, error) }
        }
        var points: [Point] = []
        for r in 0..<best.rows {
            for c in 0..<best.columns {
                points.append(
                    Point(
                        x: (Double(c) + 0.5) * width / Double(best.columns),
                        y: (Double(r) + 0.5) * height / Double(best.rows)))
            }
        }
        return (points, best.columns)
    }

    private static func nearest(to point: Point, in points: [Point], excluding: Int? = nil) -> Int {
        var best = -1
        var bestDistance = Double.infinity
        for (index, candidate) in points.enumerated() where index != excluding {
            let distance = candidate.distance(to: point)
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return best
    }

    // MARK: Topology

    mutating func topology() -> String {
        let edgeGrid = gridCentres(p.edgeServers)
        edgePositions = edgeGrid.points
        regionalPositions = gridCentres(p.regionalServers).points
        edgeRegional = edgePositions.map { Self.nearest(to: $0, in: regionalPositions) }

        var out = """
            # Generated by edgeplan's benchmark scenario generator (seed \(p.seed)): \(p.baseStations) base
            # stations on a hexagonal grid of \(Int(p.spacingMeters)) m, \(p.edgeServers) edge servers, \
            \(p.regionalServers) regional servers and a cloud.
            kind: Topology
            name: city
            coordinates: plane
            radio:
              pathLoss: {referenceLoss: \(Int(RadioModel.referenceLoss)) dB, referenceDistance: 1 m, exponent: \
            \(ScenarioGenerator.fixed(RadioModel.exponent, 1))}
              noise: -95 dBm
              channelWidth: 20 MHz
            baseStations:

            """
        out.reserveCapacity(1_000_000)
        for index in 0..<p.baseStations {
            let position = stationPosition(index)
            let technology = random.pick([(Technology.fourG, 0.5), (.fiveG, 0.35), (.wifi, 0.15)])
            // Macro cells overlap their neighbours 500 m away (4g reaches rssiMin at ~860 m, 5g at
            // ~680 m); the wifi hotspots cover their own cell (~320 m).
            let txPower: Double
            var extra = ""
            switch technology {
            case .fourG:
                txPower = 43 + Double(random.below(3)) * 0.5
                extra = ", maxUsers: \(random.pick([(200, 0.6), (400, 0.4)])), handoverTime: 50 ms"
            case .fiveG:
                txPower = 40 + Double(random.below(3)) * 0.5
                extra = ", peakRate: 2 Gbps, maxUsers: 500, handoverTime: 30 ms, radio: {channelWidth: 100 MHz}"
            case .wifi:
                txPower = 30
                extra = ", maxUsers: 64, radio: {channelWidth: 40 MHz}"
            }
            let edge = Self.nearest(to: position, in: edgePositions)
            let secondEdge = p.edgeServers > 1 ? Self.nearest(to: position, in: edgePositions, excluding: edge) : edge
            let id = Self.padded("bs", index + 1, of: p.baseStations)
            stations.append(
                Station(
                    id: id, position: position, technology: technology, txPower: txPower, edge: edge,
                    secondEdge: secondEdge))
            out += "  - {id: \(id), position: [\(ScenarioGenerator.fixed(position.x, 1)), "
            out += "\(ScenarioGenerator.fixed(position.y, 1))], technology: \(technology.rawValue), "
            out += "txPower: \(ScenarioGenerator.fixed(txPower, 1)) dBm\(extra)}\n"
        }

        out += "servers:\n"
        for index in 0..<p.edgeServers {
            let cpu = random.pick([(16, 0.3), (32, 0.5), (64, 0.2)])
            let memory = cpu * 4
            out += "  - id: \(edgeID(index))\n    tier: edge\n"
            out += "    compute: \(ScenarioGenerator.fixed(random.pick([(1.0, 0.5), (0.8, 0.2), (1.2, 0.2), (1.5, 0.1)]), 1))\n"
            out += "    capacity: {cpu: \(cpu), memory: \(memory) GB, storage: \(random.pick([(1, 0.5), (2, 0.5)])) TB, "
            out += "netio: \(random.pick([(10, 0.7), (25, 0.3)])) Gbps}\n"
            if random.chance(0.6) {
                out += "    used: {cpu: \(1 + random.below(cpu / 4)), memory: \(4 * (1 + random.below(memory / 16))) GB}\n"
            }
            if random.chance(0.5) {
                out += "    checkpointCost: \(ScenarioGenerator.fixed(random.uniform(0.3, 0.8), 2)) s/GB\n"
                out += "    restoreCost: \(ScenarioGenerator.fixed(random.uniform(0.3, 0.8), 2)) ms/MB\n"
            }
            let cached = Self.appNames.filter { _ in random.chance(0.4) }
            if !cached.isEmpty { out += "    cachedApps: [\(cached.joined(separator: ", "))]\n" }
        }
        for index in 0..<p.regionalServers {
            out += "  - id: \(regionalID(index))\n    tier: regional\n    compute: 1.5\n"
            out += "    capacity: {cpu: 512, memory: 2 TB, storage: 50 TB, netio: 100 Gbps}\n"
            out += "    checkpointCost: 0.3 s/GB\n    restoreCost: 0.3 s/GB\n"
            out += "    cachedApps: [\(Self.appNames.joined(separator: ", "))]\n"
        }
        out += "  - id: cloud\n    tier: cloud\n    compute: 2.0\n"
        out += "    capacity: {cpu: 10000, memory: 40 TB, storage: 1000 TB, netio: 400 Gbps}\n"
        out += "    cachedApps: [\(Self.appNames.joined(separator: ", "))]\n"

        out += "links:\n"
        func link(_ a: String, _ b: String, _ bandwidth: String, _ rttMilliseconds: Double) {
            out += "  - {between: [\(a), \(b)], bandwidth: \(bandwidth), rtt: \(ScenarioGenerator.fixed(rttMilliseconds, 2)) ms}\n"
            linkCount += 1
        }
        // Access: every base station to its nearest edge server, a tenth also to the second nearest.
        for station in stations {
            let bandwidth = station.technology == .fiveG ? "10 Gbps" : "1 Gbps"
            link(station.id, edgeID(station.edge), bandwidth, random.uniform(0.3, 1.5))
            if station.secondEdge != station.edge, random.chance(0.1) {
                link(station.id, edgeID(station.secondEdge), bandwidth, random.uniform(1.0, 3.0))
            }
        }
        // Metro: edge servers meshed with their grid neighbours, each to its regional server.
        let edgeColumns = edgeGrid.columns
        for index in 0..<p.edgeServers {
            if (index + 1) % edgeColumns != 0, index + 1 < p.edgeServers {
                link(edgeID(index), edgeID(index + 1), "10 Gbps", random.uniform(1.5, 4))
            }
            if index + edgeColumns < p.edgeServers {
                link(edgeID(index), edgeID(index + edgeColumns), "10 Gbps", random.uniform(1.5, 4))
            }
            link(edgeID(index), regionalID(edgeRegional[index]), "40 Gbps", random.uniform(5, 12))
        }
        // Core: regional servers in a ring, each to the cloud.
        if p.regionalServers > 1 {
            for index in 0..<(p.regionalServers == 2 ? 1 : p.regionalServers) {
                link(regionalID(index), regionalID((index + 1) % p.regionalServers), "100 Gbps", random.uniform(8, 15))
            }
        }
        for index in 0..<p.regionalServers {
            link(regionalID(index), "cloud", "100 Gbps", random.uniform(30, 60))
        }
        return out
    }

    private func edgeID(_ index: Int) -> String { Self.padded("edge", index + 1, of: p.edgeServers) }
    private func regionalID(_ index: Int) -> String { Self.padded("regional", index + 1, of: p.regionalServers) }

    // MARK: Workload

    /// Keeps a point in the covered area by reflecting it at the edges.
    private func reflected(_ point: Point) -> Point {
        func fold(_ value: Double, _ limit: Double) -> Double {
            guard limit > 0 else { return 0 }
            var v = value.truncatingRemainder(dividingBy: 2 * limit)
            if v < 0 { v += 2 * limit }
            return v > limit ? 2 * limit - v : v
        }
        return Point(x: fold(point.x, width), y: fold(point.y, height))
    }

    /// Base stations near `point` with their estimated RSSI, strongest first.
    private func audible(at point: Point) -> [(station: Int, rssi: Double)] {
        var found: [(Int, Double)] = []
        let row = Int((point.y / rowPitch).rounded())
        for r in (row - 2)...(row + 2) where r >= 0 && r < rows {
            let offset = r % 2 == 1 ? p.spacingMeters / 2 : 0
            let column = Int(((point.x - offset) / p.spacingMeters).rounded())
            for c in (column - 2)...(column + 2) where c >= 0 && c < columns {
                let index = r * columns + c
                guard index < stations.count else { continue }
                let station = stations[index]
                found.append((index, RadioModel.rssi(txPower: station.txPower, distance: station.position.distance(to: point))))
            }
        }
        return found.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    mutating func workload() -> String {
        var out = """
            # Generated by edgeplan's benchmark scenario generator (seed \(p.seed)): \(p.users) users walking
            # or driving over the city, partly around hotspots.
            kind: Workload
            name: city-users
            epoch: 2026-11-22T08:00:00Z
            users:

            """
        out.reserveCapacity(p.users * 200)
        let hotspots = (0..<12).map { _ in stations[random.below(stations.count)].position }
        for index in 0..<p.users {
            // Where: near a random base station, or around a hotspot.
            var start: Point
            if random.chance(0.3) {
                let centre = hotspots[random.below(hotspots.count)]
                start = Point(x: centre.x + random.gaussian() * 700, y: centre.y + random.gaussian() * 700)
            } else {
                let centre = stations[random.below(stations.count)].position
                let radius = 0.58 * p.spacingMeters * random.unit().squareRoot()
                let angle = random.uniform(0, 2 * Double.pi)
                start = Point(x: centre.x + radius * cos(angle), y: centre.y + radius * sin(angle))
            }
            start = reflected(start)
            start = Point(x: (start.x * 10).rounded() / 10, y: (start.y * 10).rounded() / 10)

            enum Motion { case stationary, walking, driving }
            let motion = random.pick([(Motion.walking, 0.62), (.driving, 0.33), (.stationary, 0.05)])
            let hasTrajectory = motion != .stationary && random.chance(0.4)
            let speed = motion == .walking ? random.uniform(0.5, 1.8) : random.uniform(8, 20)
            var heading = random.uniform(0, 2 * Double.pi)

            // Attachment: the strongest base station at t = 0, sometimes the second strongest (a
            // handover not yet done), and the edge server behind it, sometimes another server.
            let heard = audible(at: start)
            var chosen = heard[0]
            if heard.count > 1, heard[1].rssi >= RadioModel.rssiMin, random.chance(0.15) { chosen = heard[1] }
            let station = stations[chosen.station]
            let server: String
            switch random.unit() {
            case ..<0.85: server = edgeID(station.edge)
            case ..<0.93: server = edgeID(station.secondEdge)
            case ..<0.98: server = regionalID(edgeRegional[station.edge])
            default: server = "cloud"
            }

            let app = random.pick([(Self.appNames[0], 0.5), (Self.appNames[1], 0.3), (Self.appNames[2], 0.2)])
            out += "  - id: \(Self.padded("u", index + 1, of: p.users))\n"
            out += "    app: \(app)\n"
            out += "    attachment: {bs: \(station.id), server: \(server)}\n"
            if hasTrajectory {
                trajectoryUsers += 1
                out += "    trajectory:\n"
                var time = 0.0
                var point = start
                out += "      - [0 s, \(ScenarioGenerator.fixed(point.x, 1)), \(ScenarioGenerator.fixed(point.y, 1))]\n"
                for _ in 0..<(1 + random.below(4)) {
                    let step = (random.uniform(10, 60) * 2).rounded() / 2
                    time += step
                    heading += random.gaussian() * 0.6
                    point = reflected(
                        Point(x: point.x + speed * step * cos(heading), y: point.y + speed * step * sin(heading)))
                    out += "      - [\(ScenarioGenerator.fixed(time, 1)) s, \(ScenarioGenerator.fixed(point.x, 1)), "
                    out += "\(ScenarioGenerator.fixed(point.y, 1))]\n"
                }
            } else {
                out += "    position: [\(ScenarioGenerator.fixed(start.x, 1)), \(ScenarioGenerator.fixed(start.y, 1))]\n"
                if motion != .stationary {
                    var vx = speed * cos(heading)
                    var vy = speed * sin(heading)
                    // Heading out of the area within the horizon: turn back.
                    if start.x + 5 * vx < 0 || start.x + 5 * vx > width { vx = -vx }
                    if start.y + 5 * vy < 0 || start.y + 5 * vy > height { vy = -vy }
                    out += "    velocity: [\(ScenarioGenerator.fixed(vx, 2)), \(ScenarioGenerator.fixed(vy, 2))]\n"
                }
            }
            if random.chance(0.03) {
                measuredRSSIUsers += 1
                let entries = heard.prefix(1 + random.below(3)).map { entry in
                    "\(stations[entry.station].id): \(ScenarioGenerator.fixed(entry.rssi + random.gaussian() * 3, 1)) dBm"
                }
                out += "    rssi: {\(entries.joined(separator: ", "))}\n"
            }
        }
        return out
    }
}
