import EdgeModel
import Simulation
import TestSupport
import Testing

/// Dwell times worked by hand on a line of access points.
struct DwellTests {
    /// Four WiFi access points 100 m apart at 20 dBm (RSSI = 20 − 40 − 30·log10 d dBm), each wired to
    /// its edge server; the edges in a chain at 100 Mbps. A user walks from ap1 to ap4 at 1 m/s.
    /// With a 3 dB hysteresis it leaves a station for the next when 30·log10(d1/d2) ≥ 3, that is
    /// d1 = 10^0.1·d2, at 100·10^0.1/(1 + 10^0.1) = 55.73 m past it (rssiMin −75 dBm is only
    /// reached at 10^(55/30) = 68.1 m): at 55.73 s, 155.73 s and 255.73 s. The visits of ap2 and ap3
    /// last 100 s each; those of ap1 and ap4 are cut by the walk's ends. With zones z1 = {ap1, ap2},
    /// z2 = {ap3}, z3 = {ap4}, only z2's visit (155.73 s to 255.73 s) is whole: 100 s.
    static func problem(spacing: Double, walk: Double, speed: Double) throws -> Problem {
        var yaml = "kind: Topology\nname: line\nbaseStations:\n"
        let zones = ["z1", "z1", "z2", "z3"]
        for i in 0..<4 {
            yaml +=
                "  - {id: ap\(i + 1), position: [\(Double(i) * spacing), 0], technology: wifi, txPower: 20 dBm, zone: \(zones[i])}\n"
        }
        yaml += "servers:\n"
        for i in 0..<4 {
            yaml +=
                "  - {id: edge\(i + 1), tier: edge, capacity: {cpu: 8, memory: 16 GB, storage: 256 GB, netio: 1 Gbps}, checkpointCost: 0.1 s/GB, restoreCost: 0.1 s/GB}\n"
        }
        yaml += "links:\n"
        for i in 0..<4 { yaml += "  - {between: [ap\(i + 1), edge\(i + 1)], bandwidth: 1 Gbps, rtt: 1 ms}\n" }
        for i in 0..<3 { yaml += "  - {between: [edge\(i + 1), edge\(i + 2)], bandwidth: 100 Mbps, rtt: 50 ms}\n" }
        let end = walk / speed
        yaml += """
            ---
            kind: AppProfile
            name: yolo
            image: 792 MB
            checkpoint: {full: 584.8 MB, delta: 5.60 MB}
            state: application
            resources: {cpu: 4, memory: 4 GB, storage: 1 GB, netio: 50 Mbps}
            task: {size: 200 KB, rate: 2 /s, processing: 300 ms}
            ---
            kind: Policy
            name: p
            rssiMin: -75 dBm
            hysteresis: 3 dB
            ---
            kind: Workload
            name: w
            users:
              - id: walker
                app: yolo
                attachment: {bs: ap1, server: edge1}
                trajectory:
                  - [0 s, 0, 0]
                  - [\(end) s, \(walk), 0]

            """
        return try ProblemFixture.load(yaml)
    }

    @Test func dwellsBetweenHandovers() throws {
        let report = DwellAnalysis(problem: try Self.problem(spacing: 100, walk: 300, speed: 1), stepSeconds: 0.01)
            .run(from: nil, to: nil)
        #expect(report.users == 1)
        let stations = report.byBaseStation
        #expect(stations.overall.samples == 2)
        #expect(abs((stations.overall.meanSeconds ?? 0) - 100) < 0.02)
        #expect(stations.cells["ap2"]?.samples == 1 && stations.cells["ap3"]?.samples == 1)
        #expect(stations.cells["ap1"] == nil && stations.cells["ap4"] == nil)
        let zones = try #require(report.byZone)
        #expect(zones.overall.samples == 1)
        #expect(abs((zones.cells["z2"]?.minSeconds ?? 0) - 100) < 0.02)
        #expect(zones.cells["z1"] == nil)
    }

    /// Yolo between neighbouring edges over 100 Mbps (delta-checkpoint, 0.1 s/GB at compute 1):
    /// T_chkpt = 0.1·0.792 = 0.0792 s; T_pre = 0.0792 + 8·584.8 MB/100 Mbps = 46.863 s;
    /// T_restore = 0.1·(0.792 + 0.5848 + 0.0056) = 0.13824 s; T_mig = 0.0792 + 0.448 + 0.13824 =
    /// 0.66544 s. A 100 s dwell fits both; at 4 m/s it is 25 s: T_mig fits, T_pre + T_mig does not.
    @Test(arguments: [(1.0, 0), (4.0, 1)] as [(Double, Int)])
    func viabilityOfMigrations(speed: Double, wholeTooLong: Int) throws {
        let report = DwellAnalysis(problem: try Self.problem(spacing: 100, walk: 300, speed: speed), stepSeconds: 0.01)
            .run(from: nil, to: nil)
        let yolo = try #require(report.byBaseStation.viability.first { $0.strategy == "delta-checkpoint" })
        // Hand-offs followed by a whole dwell: into ap2 and into ap3.
        #expect(yolo.handOffs == 2)
        #expect(yolo.migrationTooLong == 0)
        #expect(yolo.wholeMigrationTooLong == 2 * wholeTooLong)
        // Strategies the profile has no parameters for are left out.
        #expect(!report.byBaseStation.viability.contains { $0.strategy == "precopy" })
    }
}
