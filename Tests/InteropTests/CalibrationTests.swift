import EdgeModel
import Foundation
import Interop
import Testing

/// Transmit powers are calibrated so that a point of access's coverage at `rssiMin` is its radius.
struct CalibrationTests {
    /// txPower = rssiMin + PL0 + 10·n·log10(r/d0), with PL0 = 40 dB, d0 = 1 m, n = 3:
    /// 400 m: −85 + 40 + 30·log10(400) = −45 + 30·2.602060 = 33.061800 dBm;
    /// 100 m: −85 + 40 + 30·2 = 15 dBm; 50 m: −45 + 30·1.698970 = 5.969100 dBm;
    /// and at rssiMin −80 dBm, 100 m: −80 + 40 + 60 = 20 dBm.
    @Test func powersByHand() {
        func power(_ radius: Double, _ rssiMin: Double = -85) -> Double {
            CoverageCalibration.transmitPower(radius: Meters(radius), rssiMin: DBm(rssiMin), pathLoss: .default).value
        }
        #expect(abs(power(400) - 33.061800) < 1e-6)
        #expect(abs(power(100) - 15) < 1e-12)
        #expect(abs(power(50) - 5.969100) < 1e-6)
        #expect(abs(power(100, -80) - 20) < 1e-12)
        // Below the reference distance the model is flat: a 0.5 m radius gets d0's power, −45 dBm.
        #expect(abs(power(0.5) - -45) < 1e-12)
    }

    /// `PathLossModel.maximumDistance`, the inverse the coverage code uses, gives the radius back.
    @Test(arguments: [1.0, 50, 100, 400, 1234.5, 20_000])
    func inverseGivesTheRadiusBack(radius: Double) {
        for model in [
            PathLossModel.default,
            PathLossModel(referenceLoss: Decibels(46), referenceDistance: Meters(2), exponent: 2.7),
        ] {
            let txPower = CoverageCalibration.transmitPower(radius: Meters(radius), rssiMin: DBm(-85), pathLoss: model)
            let back = CoverageCalibration.radius(txPower: txPower, rssiMin: DBm(-85), pathLoss: model).value
            #expect(abs(back - max(radius, model.referenceDistance.value)) < 1e-6)
        }
    }

    /// Through the YAML and edgeplan's own reader: each imported base station's coverage radius at
    /// the policy's rssiMin is its point of access's radius, within 1 cm.
    @Test(arguments: [-85.0, -80])
    func importedStationsCoverTheirRadius(rssiMin: Double) throws {
        try expectCoverageMatchesRadius(InteropFixtures.small, rssiMin: rssiMin)
    }

    @Test(.enabled(if: InteropFixtures.hasMonaco, InteropFixtures.monacoMissing))
    func monacoStationsCoverTheirRadius() throws {
        try expectCoverageMatchesRadius(InteropFixtures.monaco, rssiMin: -85)
    }

    private func expectCoverageMatchesRadius(_ url: URL, rssiMin: Double) throws {
        let (scenario, _) = try InteropFixtures.read(url)
        var radii: [String: Double] = [:]
        for domain in scenario.deployment.domains {
            for zone in domain.zones {
                for location in zone.networkLocations where location.location != nil {
                    radii[location.name] = location.radiusMeters
                }
            }
        }
        let imported = try InteropFixtures.convert(url, rssiMin: DBm(rssiMin))
        // The policy's rssiMin is the one the powers were calibrated to.
        let policy = "kind: Policy\nname: calibrated\nrssiMin: \(rssiMin) dBm\n"
        let problem = try InteropFixtures.load(imported, extra: policy).problem
        #expect(problem.policy.rssiMin == DBm(rssiMin))
        #expect(problem.topology.baseStations.count == imported.stations.count)
        for station in problem.topology.baseStations {
            let radius = try #require(radii[station.id], "\(station.id)")
            let coverage = station.radio.pathLoss.maximumDistance(
                txPower: station.txPower, threshold: problem.policy.rssiMin)
            #expect(abs(coverage.value - radius) < 0.01, "\(station.id): \(coverage.value) m, radius \(radius) m")
            // And the RSSI estimate itself is rssiMin at that distance, east of the station.
            let edge = PlanePoint(xMeters: station.position.xMeters + radius, yMeters: station.position.yMeters)
            #expect(abs(station.rssi(at: edge).value - rssiMin) < 1e-9)
        }
    }
}
