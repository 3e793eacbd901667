import Diagnostics
import EdgeModel
import TestSupport

/// Random tiny problems (≤ 5 users, ≤ 3 base stations, ≤ 3 servers) with tight capacities.
struct RandomInstances {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ 1) }

    mutating func next() -> UInt64 { random.next() }
    mutating func unit() -> Double { random.unit() }
    mutating func integer(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

    mutating func problem() -> Problem {
        let here = SourceLocation.startOf("random")
        let stationCount = integer(1...3)
        let serverCount = integer(1...3)
        let stations = (0..<stationCount).map { index in
            BaseStation(
                id: "b\(index)", index: BaseStationIndex(index),
                position: PlanePoint(xMeters: Double(index) * (40 + 60 * unit()), yMeters: 20 * unit()),
                technology: .wifi, txPower: DBm(15 + 10 * unit()), peakRate: BitsPerSecond((20 + 280 * unit()) * 1e6),
                maxUsers: unit() < 0.4 ? integer(1...3) : nil, handoverTime: Seconds(0.2 + unit()),
                radio: .default, location: here)
        }
        let servers = (0..<serverCount).map { index in
            Server(
                id: "s\(index)", index: ServerIndex(index),
                tier: index == serverCount - 1 && serverCount > 1 ? .cloud : .edge,
                compute: 0.5 + 2 * unit(),
                capacity: ResourceVector(
                    cpu: Cores(Double(integer(1...4))), memory: Bytes(Double(integer(2...8)) * 1e9),
                    storage: Bytes(100e9), netio: BitsPerSecond(1e9)),
                used: .zero, checkpointCost: SecondsPerByte((0.3 + unit()) * 1e-9),
                restoreCost: SecondsPerByte((0.3 + unit()) * 1e-9), cachedApps: [], location: here)
        }
        var links: [Link] = []
        // Every station to a random server, then a chain over the servers: everything is reachable.
        for station in 0..<stationCount {
            links.append(
                Link(
                    endpoints: (NodeIndex(station), NodeIndex(stationCount + integer(0...(serverCount - 1)))),
                    bandwidth: BitsPerSecond(1e9), rttNanoseconds: Int64(integer(1...5)) * 1_000_000, location: here))
        }
        for server in 1..<max(serverCount, 1) {
            links.append(
                Link(
                    endpoints: (NodeIndex(stationCount + server - 1), NodeIndex(stationCount + server)),
                    bandwidth: BitsPerSecond(Double(integer(1...10)) * 1e7),
                    rttNanoseconds: Int64(integer(5...60)) * 1_000_000,
                    location: here))
        }
        let topology = Topology(
            name: "random", coordinates: .plane, projection: nil, baseStations: stations, servers: servers,
            links: links,
            location: here)
        let apps = (0..<2).map { index in
            AppProfile(
                name: "app\(index)", image: Bytes((0.1 + unit()) * 1e9),
                checkpoint: DeltaCheckpoint(
                    full: Bytes((10 + 200 * unit()) * 1e6), delta: Bytes((1 + 10 * unit()) * 1e6)),
                precopy: nil, memory: nil, state: .application,
                resources: ResourceVector(
                    cpu: Cores(Double(integer(1...2))), memory: Bytes(Double(integer(1...3)) * 1e9),
                    storage: Bytes(1e9),
                    netio: BitsPerSecond(1e7)),
                task: TaskProfile(
                    size: Bytes((50 + 500 * unit()) * 1e3), rate: PerSecond(1 + 20 * unit()),
                    processing: Seconds(0.3 * unit())),
                strategy: .deltaCheckpoint, layers: nil, relocation: nil, location: here)
        }
        let users = (0..<integer(1...5)).map { index in
            let station = integer(0...(stationCount - 1))
            let server = topology.servers.indices.filter {
                topology.isReachable(NodeIndex(station), topology.node(ServerIndex($0)))
            }
            return User(
                id: "u\(index)", app: integer(0...1),
                attachment: Attachment(
                    baseStation: BaseStationIndex(station), server: ServerIndex(server[integer(0...(server.count - 1))])
                ),
                motion: .linear(
                    position: PlanePoint(xMeters: 100 * unit(), yMeters: 10 * unit()),
                    velocity: PlaneVelocity(eastMetersPerSecond: 4 * unit() - 2, northMetersPerSecond: 0)),
                measuredRSSI: [:], location: here)
        }
        let base = Policy.builtInDefault
        let policy = Policy(
            name: "random", planner: .orchestrated, coordination: unit() < 0.5 ? .coordinated : .sequential,
            horizon: Seconds(5), gainWindow: Seconds(5 + 100 * unit()), rssiMin: DBm(-85), rssiRule: .either,
            hysteresis: base.hysteresis, margin: base.margin, gainWeight: 1, downtimeWeight: 0.2 + unit(),
            sla: [
                SLAEntry(
                    app: "*", maxDelay: Seconds(0.2 + unit()), maxDowntime: Seconds(2 + 10 * unit()),
                    enforcement: unit() < 0.5 ? .hard : .soft, penalty: Seconds(5 * unit()), location: nil)
            ],
            solver: .default, isBuiltIn: false, location: nil)
        return Problem(
            topology: topology, apps: apps, policy: policy,
            workload: Workload(name: "random", epoch: nil, users: users, traces: [], location: here), inputs: [])
    }
}
