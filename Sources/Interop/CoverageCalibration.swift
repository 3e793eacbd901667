public import EdgeModel
import Foundation

/// The transmit power that makes a base station's coverage, the distance at which its RSSI falls
/// to a policy's `rssiMin`, equal to a point of access's radius.
///
/// edgeplan estimates RSSI with the log-distance model (SPEC §2, `Radio.swift`):
///
///     RSSI(d) = txPower − PL0 − 10·n·log10(max(d, d0)/d0)
///
/// AdvantEDGE gives each point of access a coverage `radius` r in metres and no power. Asking
/// RSSI(r) = rssiMin and solving for txPower:
///
///     txPower = rssiMin + PL0 + 10·n·log10(max(r, d0)/d0)
///
/// With the default model (PL0 = 40 dB, d0 = 1 m, n = 3) and the built-in rssiMin of −85 dBm, a
/// 4G macro cell of r = 400 m gets −85 + 40 + 30·log10(400) = −45 + 78.0618 = 33.0618 dBm, a
/// 5G small cell of 100 m −85 + 40 + 60 = 15 dBm, a WiFi AP of 50 m −45 + 50.9691 = 5.9691 dBm.
/// `PathLossModel.maximumDistance` inverts the formula, and gives r back.
public enum CoverageCalibration {
    /// txPower for coverage radius `radius` at `rssiMin` under `pathLoss`. Radii below the
    /// reference distance cannot be told apart by the model; they get d0's power.
    public static func transmitPower(radius: Meters, rssiMin: DBm, pathLoss: PathLossModel) -> DBm {
        let distance = max(radius.value, pathLoss.referenceDistance.value)
        return DBm(
            rssiMin.value + pathLoss.referenceLoss.value + 10 * pathLoss.exponent
                * log10(distance / pathLoss.referenceDistance.value))
    }

    /// The coverage radius a transmit power gives: where RSSI falls to `rssiMin`.
    public static func radius(txPower: DBm, rssiMin: DBm, pathLoss: PathLossModel) -> Meters {
        pathLoss.maximumDistance(txPower: txPower, threshold: rssiMin)
    }
}
