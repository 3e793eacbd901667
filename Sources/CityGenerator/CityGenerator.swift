public import EdgeModel
import Foundation
import Frontend

/// What `edgeplan generate` builds (issue 7; seed 003 used 1951 base stations on a 500 m grid).
public struct CityParameters: Sendable, Hashable {
    public var seed: UInt64 = 1
    /// Base stations, filled ring by ring around the centre (1951 = 25 full rings).
    public var baseStations = 1951
    public var spacingMeters = 500.0
    public var users = 1000
    /// Share of users around hotspots (the rest spread evenly over the area).
    public var hotspotShare = 0.3
    public var hotspots = 12
    /// Servers' capacity as a share of the mean demand they would carry: an edge server gets
    /// `max(8, capacityLoad × users per cell × mean app CPU)` cores, rounded up. At 2 hotspots load
    /// their servers; at 1 hotspot cells and their neighbours compete for capacity.
    public var capacityLoad = 2.0
    /// The hard SLA's `maxDelay` for every app, a duration of the input language written into the
    /// policy as given (the command checks it).
    public var maxDelay = "300 ms"
    /// The policy's `candidateServers`; nil writes none, so every server is a candidate and the
    /// optimum is over the whole program rather than the nearest servers' subset.
    public var candidateServers: Int? = nil

    /// The largest options `edgeplan generate` accepts: beyond them the city is not a benchmark any
    /// more, and bounding them keeps every size and coordinate far from overflow.
    public static let maximumBaseStations = 100_000
    /// The most users `edgeplan generate` accepts.
    public static let maximumUsers = 10_000_000
    /// Positions are written to centimetres, so base stations closer than a metre would blur.
    public static let spacingMetersRange: ClosedRange<Double> = 1...1_000_000
    /// The upper bound of `capacityLoad` (the lower one is open: any share above 0).
    public static let maximumCapacityLoad = 1000.0
    /// The longest `maxDelay` `edgeplan generate` writes: an hour is already no edge SLA.
    public static let maximumMaxDelaySeconds = 3600.0

    public init() {}
}

/// A generated city: the YAML texts of its documents, by file name.
public struct GeneratedCity: Sendable {
    public let files: [(name: String, text: String)]
    public let baseStations: Int
    public let edgeServers: Int
    public let regionalServers: Int
    public let users: Int
}

/// A seeded, deterministic city: a hexagonal grid of base stations, an edge server at each, a
/// regional server for every 7 cells, a cloud; links by tier; users with positions, velocities and
/// apps drawn from the given AppProfiles; capacities sized so that hotspots load their servers.
public enum CityGenerator {
    /// Axial hex coordinates in ring order from the centre.
    static func hexCells(count: Int) -> [(q: Int, r: Int)] {
        var cells = [(0, 0)]
        let directions = [(1, 0), (1, -1), (0, -1), (-1, 0), (-1, 1), (0, 1)]
        var ring = 1
        while cells.count < count {
            var (q, r) = (-ring, ring)  // start ring `ring` at direction 4 × ring
            for side in 0..<6 {
                for _ in 0..<ring where cells.count < count {
                    cells.append((q, r))
                    q += directions[side].0
                    r += directions[side].1
                }
            }
            ring += 1
        }
        return Array(cells.prefix(count))
    }

    public static func generate(_ parameters: CityParameters, apps: [AppProfile]) -> GeneratedCity {
        var random = CityRandom(seed: parameters.seed)
        // A negative count would make `0..<users` trap; the command rejects it before this.
        let users = max(0, parameters.users)
        let cells = hexCells(count: max(1, parameters.baseStations))
        let spacing = parameters.spacingMeters
        func position(_ cell: (q: Int, r: Int)) -> (Double, Double) {
            (spacing * (Double(cell.q) + Double(cell.r) / 2), spacing * Double(cell.r) * 3.0.squareRoot() / 2)
        }
        let points = cells.map(position)
        var index: [String: Int] = [:]
        for (i, cell) in cells.enumerated() { index["\(cell.q),\(cell.r)"] = i }
        // The 7-colouring of the hex lattice: every cell is a centre or next to exactly one.
        let isCentre = cells.map { ((($0.q + 3 * $0.r) % 7) + 7) % 7 == 0 }
        let centres = cells.indices.filter { isCentre[$0] }
        let neighbours = [(1, 0), (1, -1), (0, -1), (-1, 0), (-1, 1), (0, 1)]
        func regional(of i: Int) -> Int {
            if isCentre[i] { return centres.firstIndex(of: i) ?? 0 }
            for (dq, dr) in neighbours {
                if let j = index["\(cells[i].q + dq),\(cells[i].r + dr)"], isCentre[j] {
                    return centres.firstIndex(of: j) ?? 0
                }
            }
            // A cell at the rim whose centre lies outside: the nearest centre.
            return centres.indices.min { a, b in
                hypot(points[centres[a]].0 - points[i].0, points[centres[a]].1 - points[i].1)
                    < hypot(points[centres[b]].0 - points[i].0, points[centres[b]].1 - points[i].1)
            } ?? 0
        }
        let regionalCount = max(1, centres.count)

        // Capacities: an edge server holds `capacityLoad` times the average load of its cell (the
        // product keeps its historical order, so the default share of 2 gives the same bytes).
        let averageCPU = apps.isEmpty ? 1 : apps.map(\.resources.cpu.value).reduce(0, +) / Double(apps.count)
        let usersPerCell = Double(users) / Double(cells.count)
        let edgeCPU = max(8, (parameters.capacityLoad * usersPerCell * averageCPU).rounded(.up))

        var topology = "kind: Topology\nname: city-\(parameters.seed)\nbaseStations:\n"
        for (i, point) in points.enumerated() {
            topology +=
                "  - {id: bs\(i), position: [\(f(point.0)), \(f(point.1))], technology: 5g, txPower: 43 dBm, handoverTime: 50 ms}\n"
        }
        topology += "servers:\n"
        for i in cells.indices {
            topology +=
                "  - {id: edge\(i), tier: edge, compute: 1, capacity: {cpu: \(f(edgeCPU)), memory: \(f(edgeCPU * 4)) GB, storage: 1 TB, netio: 10 Gbps}, checkpointCost: 0.1 s/GB, restoreCost: 0.1 s/GB}\n"
        }
        for r in 0..<regionalCount {
            topology +=
                "  - {id: regional\(r), tier: regional, compute: 1.5, capacity: {cpu: \(f(edgeCPU * 7)), memory: \(f(edgeCPU * 28)) GB, storage: 10 TB, netio: 100 Gbps}, checkpointCost: 0.1 s/GB, restoreCost: 0.1 s/GB}\n"
        }
        topology +=
            "  - {id: cloud, tier: cloud, compute: 2, capacity: {cpu: 100000, memory: 400 TB, storage: 10000 TB, netio: 1000 Gbps}, checkpointCost: 0.1 s/GB, restoreCost: 0.1 s/GB}\n"
        topology += "links:\n"
        for i in cells.indices {
            topology += "  - {between: [bs\(i), edge\(i)], bandwidth: 10 Gbps, rtt: 0.5 ms}\n"
            for (dq, dr) in neighbours.prefix(3) {
                if let j = index["\(cells[i].q + dq),\(cells[i].r + dr)"] {
                    topology += "  - {between: [edge\(i), edge\(j)], bandwidth: 10 Gbps, rtt: 1 ms}\n"
                }
            }
            topology += "  - {between: [edge\(i), regional\(regional(of: i))], bandwidth: 40 Gbps, rtt: 3 ms}\n"
        }
        for r in 0..<regionalCount {
            topology += "  - {between: [regional\(r), cloud], bandwidth: 100 Gbps, rtt: 20 ms}\n"
        }

        // Users: spread evenly, or around hotspots; pedestrians, vehicles, some still.
        // Users stay within the hexagon's inscribed circle (its corners reach farther than its sides).
        let radius = (points.map { hypot($0.0, $0.1) }.max() ?? 0) * 3.0.squareRoot() / 2
        // Hotspot centres lie well inside the rim, so draws around them land inside (one at a corner
        // would be more than the σ-scale away from the disc and never yield a user).
        let inner = points.filter { hypot($0.0, $0.1) <= max(0, radius - 2 * spacing) }
        let hotspotCentres = inner.isEmpty ? [(0.0, 0.0)] : inner
        let hotspots = (0..<max(1, parameters.hotspots)).map { _ in
            hotspotCentres[random.below(hotspotCentres.count)]
        }
        var workload = "kind: Workload\nname: city-users\nusers:\n"
        for u in 0..<users {
            var x: Double
            var y: Double
            if random.unit() < parameters.hotspotShare {
                // Hotspot users stay inside the covered area (a draw beyond its rim is redrawn).
                let centre = hotspots[random.below(hotspots.count)]
                var draws = 0
                repeat {
                    x = centre.0 + random.gaussian() * spacing * 0.6
                    y = centre.1 + random.gaussian() * spacing * 0.6
                    draws += 1
                    if draws > 64 { (x, y) = centre }  // the centre itself is inside
                } while hypot(x, y) > max(0, radius - spacing)
            } else {
                let angle = random.unit() * 2 * .pi
                let distance = max(0, radius - spacing) * random.unit().squareRoot()
                x = distance * cos(angle)
                y = distance * sin(angle)
            }
            // The strongest base station is the nearest: all share power and path loss.
            let attached =
                points.indices.min {
                    hypot(points[$0].0 - x, points[$0].1 - y) < hypot(points[$1].0 - x, points[$1].1 - y)
                } ?? 0
            let kind = random.unit()
            let speed = kind < 0.6 ? 1.4 : (kind < 0.9 ? 14 : 0)
            let heading = random.unit() * 2 * .pi
            let app = apps.isEmpty ? "app" : apps[random.below(apps.count)].name
            workload +=
                "  - {id: u\(u), app: \(app), attachment: {bs: bs\(attached), server: edge\(attached)}, position: [\(f(x)), \(f(y))]"
            workload += speed > 0 ? ", velocity: [\(f(speed * cos(heading))), \(f(speed * sin(heading)))]}\n" : "}\n"
        }
        var policy = "kind: Policy\nname: city\nhorizon: 10 s\n"
        if let limit = parameters.candidateServers { policy += "candidateServers: \(limit)\n" }
        policy += """
            sla:
              - {app: "*", maxDelay: \(parameters.maxDelay), maxDowntime: 10 s}
            solver: {backend: cbc, timeLimit: 60 s, relativeGap: 0.0001, threads: 2}

            """
        let appsText = apps.map(ResolvedDocuments.app).joined(separator: "---\n")
        return GeneratedCity(
            files: [
                ("topology.yaml", topology), ("apps.yaml", appsText), ("policy.yaml", policy),
                ("workload.yaml", workload),
            ],
            baseStations: cells.count, edgeServers: cells.count, regionalServers: regionalCount, users: users
        )
    }

    /// Shortest text of a coordinate, to centimetres.
    static func f(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        // `Int64(_:)` traps beyond ±2⁶³ and on infinity; past 2⁵³ the shortest form is as exact.
        return rounded.magnitude < 0x1p53 && rounded == rounded.rounded() ? String(Int64(rounded)) : "\(rounded)"
    }
}

/// SplitMix64 with the draws the generator needs.
struct CityRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
    mutating func gaussian() -> Double { (-2 * log(1 - unit())).squareRoot() * cos(2 * .pi * unit()) }
}
