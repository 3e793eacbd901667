import Diagnostics
import EdgeModel
import Report
import Testing

/// The coverage circles of the map against radii worked out by hand from the log-distance model
/// `RSSI(d) = txPower − PL0 − 10·n·log10(max(d, d0)/d0)` (SPEC §2).
struct CoverageRadiusTests {
    static func station(txPower: Double, pathLoss: PathLossModel) -> BaseStation {
        BaseStation(
            id: "ap", index: BaseStationIndex(0), position: PlanePoint(xMeters: 5, yMeters: -3), technology: .wifi,
            txPower: DBm(txPower), peakRate: BitsPerSecond(300e6), maxUsers: nil, handoverTime: Seconds(0.5),
            radio: RadioModel(pathLoss: pathLoss, noise: DBm(-95), channelWidth: Hertz(20e6)),
            location: .startOf("test"))
    }

    @Test func testbedAccessPointAtMinus60() throws {
        // 20 dBm, PL0 = 40 dB at d0 = 1 m, n = 3, rssiMin −60 dBm:
        // 20 − 40 − 30·log10(d) = −60  ⇒  log10(d) = 40/30  ⇒  d = 10^(4/3) = 21.5443469 m
        // (docs/plan-format.md's worked example).
        let station = Self.station(txPower: 20, pathLoss: .default)
        let radius = try #require(CoverageRadius(station: station, threshold: DBm(-60)).meters)
        #expect(abs(radius - 21.544346900318832) < 1e-9)
        // At that distance the model itself gives rssiMin back.
        let edge = PlanePoint(xMeters: 5 + radius, yMeters: -3)
        #expect(abs(station.rssi(at: edge).value - (-60)) < 1e-9)
    }

    @Test func otherReferenceDistanceAndExponent() throws {
        // 10 dBm, PL0 = 30 dB at d0 = 2 m, n = 2, threshold −70 dBm:
        // 10 − 30 − 20·log10(d/2) = −70  ⇒  log10(d/2) = 50/20 = 2.5  ⇒  d = 2·10^2.5 = 632.455532 m
        let model = PathLossModel(referenceLoss: Decibels(30), referenceDistance: Meters(2), exponent: 2)
        let station = Self.station(txPower: 10, pathLoss: model)
        let radius = try #require(CoverageRadius(station: station, threshold: DBm(-70)).meters)
        #expect(abs(radius - 632.4555320336759) < 1e-9)
    }

    @Test func thresholdReachedOnlyInsideTheReferenceDistance() throws {
        // 20 − 40 = −20 dBm up to d0 = 1 m: a −20 dBm threshold holds out to exactly d0.
        let station = Self.station(txPower: 20, pathLoss: .default)
        #expect(CoverageRadius(station: station, threshold: DBm(-20)) == .radius(Meters(1)))
        // −19 dBm is never reached, not even next to the antenna: no circle.
        #expect(CoverageRadius(station: station, threshold: DBm(-19)) == CoverageRadius.none)
        #expect(CoverageRadius(station: station, threshold: DBm(-19)).meters == nil)
    }

    @Test func zeroExponentNeverFallsOff() {
        // n = 0 (not accepted from YAML, but a model value): −20 dBm everywhere.
        let model = PathLossModel(referenceLoss: Decibels(40), referenceDistance: Meters(1), exponent: 0)
        #expect(CoverageRadius(station: Self.station(txPower: 20, pathLoss: model), threshold: DBm(-85)) == .unbounded)
    }
}
