public import EdgeModel

/// How far a base station's estimated RSSI stays at or above a threshold (the policy's `rssiMin`).
public enum CoverageRadius: Sendable, Hashable {
    /// Even next to the antenna the estimate is below the threshold: nothing to draw.
    case none
    /// The estimate reaches the threshold out to this distance.
    case radius(Meters)
    /// A path-loss exponent of zero: the estimate never falls with distance.
    case unbounded

    /// The radius at which `station`'s RSSI estimate (`BaseStation.rssi(at:)`, the log-distance
    /// model of SPEC §2) falls to `threshold`.
    ///
    /// `rssi(d) = txPower − PL0 − 10·n·log10(max(d, d0)/d0)` is flat inside `d0` and strictly
    /// decreasing beyond, so `rssi(d) = threshold` is solved in closed form by
    /// `d = d0·10^((txPower − PL0 − threshold)/(10·n))` — `PathLossModel.maximumDistance`, the same
    /// radius `Coverage` searches within, so the drawn circle and the planner's coverage agree.
    public init(station: BaseStation, threshold: DBm) {
        let model = station.radio.pathLoss
        let distance = model.maximumDistance(txPower: station.txPower, threshold: threshold)
        if distance.value < 0 {
            self = .none
        } else if !distance.value.isFinite {
            self = .unbounded
        } else {
            self = .radius(distance)
        }
    }

    /// The radius in metres, nil for `.none` and `.unbounded`.
    public var meters: Double? {
        if case .radius(let distance) = self { return distance.value }
        return nil
    }
}
