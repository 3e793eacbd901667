import Foundation

/// A city block grid with a base station and edge server at every intersection, and vehicles
/// driving its streets, recorded as a SUMO FCD trace: the input of the planning-over-traces
/// benchmark (200 vehicles, 20 minutes, 1 s samples).
public struct TraceScenarioParameters: Sendable {
    public var seed: UInt64 = 20_261_122
    public var vehicles = 200
    public var durationSeconds = 1200
    /// Intersections per side and the block length.
    public var gridSize = 7
    public var blockMeters = 250.0

    public init() {}
}

public enum TraceScenario {
    /// Writes `problem.yaml`, `apps.yaml` and `city.fcd.xml` into `directory`; returns the trace's size.
    @discardableResult
    public static func generate(_ parameters: TraceScenarioParameters, into directory: String) throws -> Int {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var random = SplitMix64(seed: parameters.seed)
        let n = parameters.gridSize
        let block = parameters.blockMeters
        var yaml = "kind: Topology\nname: city\nbaseStations:\n"
        for i in 0..<n {
            for j in 0..<n {
                yaml += "  - {id: bs\(i)-\(j), position: [\(Double(i) * block), \(Double(j) * block)], technology: 5g, txPower: 30 dBm, handoverTime: 100 ms}\n"
            }
        }
        yaml += "servers:\n"
        for i in 0..<n {
            for j in 0..<n {
                yaml += "  - {id: edge\(i)-\(j), tier: edge, capacity: {cpu: 16, memory: 32 GB, storage: 500 GB, netio: 10 Gbps}, checkpointCost: 0.1 s/GB, restoreCost: 0.1 s/GB}\n"
            }
        }
        yaml += "  - {id: regional, tier: regional, compute: 2, capacity: {cpu: 256, memory: 512 GB, storage: 10 TB, netio: 100 Gbps}}\n"
        yaml += "  - {id: cloud, tier: cloud, compute: 4, capacity: {cpu: 4096, memory: 16 TB, storage: 100 TB, netio: 400 Gbps}}\n"
        yaml += "links:\n"
        for i in 0..<n {
            for j in 0..<n {
                yaml += "  - {between: [bs\(i)-\(j), edge\(i)-\(j)], bandwidth: 10 Gbps, rtt: 1 ms}\n"
                yaml += "  - {between: [edge\(i)-\(j), regional], bandwidth: 10 Gbps, rtt: 5 ms}\n"
                if i + 1 < n { yaml += "  - {between: [edge\(i)-\(j), edge\(i + 1)-\(j)], bandwidth: 1 Gbps, rtt: 2 ms}\n" }
                if j + 1 < n { yaml += "  - {between: [edge\(i)-\(j), edge\(i)-\(j + 1)], bandwidth: 1 Gbps, rtt: 2 ms}\n" }
            }
        }
        yaml += "  - {between: [regional, cloud], bandwidth: 100 Gbps, rtt: 30 ms}\n"
        yaml += """
            ---
            kind: Policy
            name: city
            horizon: 30 s
            rssiMin: -80 dBm
            rssiRule: predicted
            sla: [{app: "*", maxDelay: 300 ms, maxDowntime: 10 s}]
            ---
            kind: AppProfile
            name: openface
            image: 1.86 GB
            checkpoint: {full: 196.8 MB, delta: 7.94 MB}
            state: application
            resources: {cpu: 2, memory: 2 GB, storage: 2 GB, netio: 50 Mbps}
            task: {size: 200 KB, rate: 5 /s, processing: 80 ms}
            ---
            kind: Workload
            name: traffic
            traces:
              - {file: city.fcd.xml, format: sumo-fcd, app: openface}

            """
        try yaml.write(toFile: directory + "/problem.yaml", atomically: true, encoding: .utf8)

        // Each vehicle drives the streets at 8–14 m/s, turning at random at intersections.
        let directions = [(1.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (0.0, -1.0)]
        let limit = Double(n - 1) * block
        var positions: [(x: Double, y: Double, dx: Double, dy: Double, along: Double, speed: Double)] = (0..<parameters.vehicles).map { _ in
            let direction = directions[random.below(4)]
            return (Double(random.below(n)) * block, Double(random.below(n)) * block, direction.0, direction.1, 0, random.uniform(8, 14))
        }
        var fcd = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<fcd-export>\n"
        for time in 0...parameters.durationSeconds {
            fcd += "    <timestep time=\"\(String(format: "%.2f", Double(time)))\">\n"
            for v in positions.indices {
                let p = positions[v]
                fcd += "        <vehicle id=\"veh\(v)\" x=\"\(String(format: "%.2f", p.x))\" y=\"\(String(format: "%.2f", p.y))\" angle=\"0.00\" type=\"DEFAULT_VEHTYPE\" speed=\"\(String(format: "%.2f", p.speed))\" pos=\"0.00\" lane=\"e_0\" slope=\"0.00\"/>\n"
                var step = p.speed
                var state = p
                while step > 0 {
                    let move = min(step, block - state.along)
                    state.x += state.dx * move
                    state.y += state.dy * move
                    state.along += move
                    step -= move
                    if state.along >= block - 1e-9 {
                        state.along = 0
                        let options = directions.filter { d in
                            let (nx, ny) = (state.x + d.0 * block, state.y + d.1 * block)
                            return nx >= -1e-9 && nx <= limit + 1e-9 && ny >= -1e-9 && ny <= limit + 1e-9 && !(d.0 == -state.dx && d.1 == -state.dy)
                        }
                        let turn = options.isEmpty ? (-state.dx, -state.dy) : options[random.below(options.count)]
                        (state.dx, state.dy) = turn
                    }
                }
                positions[v] = state
            }
            fcd += "    </timestep>\n"
        }
        fcd += "</fcd-export>\n"
        try fcd.write(toFile: directory + "/city.fcd.xml", atomically: true, encoding: .utf8)
        return fcd.utf8.count
    }
}
