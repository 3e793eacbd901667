import Diagnostics
import EdgeModel
import Testing

/// SPEC §2 radio formulas against hand-computed values.
struct RadioTests {
    static func station(txPower: Double = 20, peakRate: Double = 300e6, radio: RadioModel = .default) -> BaseStation {
        BaseStation(
            id: "ap", index: BaseStationIndex(0), position: PlanePoint(xMeters: 0, yMeters: 0), technology: .wifi,
            txPower: DBm(txPower), peakRate: BitsPerSecond(peakRate), maxUsers: nil, handoverTime: Seconds(0.5),
            radio: radio, location: .startOf("test"))
    }

    @Test func rssiFollowsLogDistancePathLoss() {
        let bs = Self.station()
        // 20 dBm − 40 dB − 10·3·log10(40 m / 1 m) = −20 − 48.0618 = −68.0618 dBm
        #expect(abs(bs.rssi(at: PlanePoint(xMeters: 40, yMeters: 0)).value - (-68.06179973983888)) < 1e-9)
        // 3-4-5 triangle: d = 50 m → −20 − 30·log10(50) = −70.9691 dBm
        #expect(abs(bs.rssi(at: PlanePoint(xMeters: 30, yMeters: 40)).value - (-20 - 30 * 1.6989700043360187)) < 1e-9)
        // Closer than the reference distance counts as the reference distance: −20 dBm.
        #expect(bs.rssi(at: PlanePoint(xMeters: 0.5, yMeters: 0)).value == -20)
    }

    @Test func wirelessRateIsShannonCappedByPeakRate() {
        let bs = Self.station()
        // SNR = −68.0618 − (−95) = 26.938 dB = 494.1; 20 MHz · log2(495.1) = 179.03 Mbps < 300 Mbps
        let rate = bs.wirelessRate(at: DBm(-68.06179973983888))
        #expect(abs(rate.value - 179_031_865.7161006) < 1)
        // Very strong signal: the peak rate caps it.
        #expect(bs.wirelessRate(at: DBm(-20)).value == 300e6)
        // Noise floor: SNR 0 dB → 20 MHz · log2(2) = 20 Mbps.
        #expect(abs(bs.wirelessRate(at: DBm(-95)).value - 20e6) < 1e-6)
    }

    @Test func maximumDistanceInvertsThePathLoss() {
        let model = PathLossModel.default
        // 10^((20 − 40 + 85)/30) = 10^(65/30) = 146.78 m
        let d = model.maximumDistance(txPower: DBm(20), threshold: DBm(-85))
        #expect(abs(d.value - 146.7799267622069) < 1e-9)
        let bs = Self.station()
        #expect(abs(bs.rssi(at: PlanePoint(xMeters: d.value, yMeters: 0)).value - (-85)) < 1e-9)
        // A threshold above the power at the reference distance cannot be met anywhere.
        #expect(model.maximumDistance(txPower: DBm(20), threshold: DBm(-10)).value < 0)
    }

    @Test func rssiRules() {
        let minimum = DBm(-85)
        // either (prose): both must reach the minimum
        #expect(RSSIRule.either.keeps(now: DBm(-80), predicted: DBm(-84), minimum: minimum))
        #expect(!RSSIRule.either.keeps(now: DBm(-80), predicted: DBm(-86), minimum: minimum))
        // both (formula 3d as printed): excluded only when both are below
        #expect(RSSIRule.both.keeps(now: DBm(-90), predicted: DBm(-85), minimum: minimum))
        #expect(!RSSIRule.both.keeps(now: DBm(-90), predicted: DBm(-86), minimum: minimum))
        // predicted only; comparisons are inclusive
        #expect(RSSIRule.predicted.keeps(now: DBm(-120), predicted: DBm(-85), minimum: minimum))
        #expect(!RSSIRule.predicted.keeps(now: DBm(-20), predicted: DBm(-85.001), minimum: minimum))
    }

    @Test func transferTimeIsEightSizeOverBandwidth() {
        // 196.8 MB over 100 Mbps: 8 · 196.8e6 / 100e6 = 15.744 s
        #expect(abs(Bytes(196.8e6).transferTime(over: BitsPerSecond(100e6)).value - 15.744) < 1e-12)
    }
}
