/// Which base stations a user can keep under the policy's RSSI rule (SPEC §2, constraint 3d).
public struct Coverage: Sendable {
    public let topology: Topology
    public let rssiMin: DBm
    public let rule: RSSIRule
    private let index: SpatialIndex
    /// The largest distance at which any base station reaches `rssiMin`.
    private let searchRadius: Meters

    public init(topology: Topology, rssiMin: DBm, rule: RSSIRule) {
        self.topology = topology
        self.rssiMin = rssiMin
        self.rule = rule
        let radii = topology.baseStations.map {
            $0.radio.pathLoss.maximumDistance(txPower: $0.txPower, threshold: rssiMin).value
        }
        let radius = radii.max() ?? 0
        self.searchRadius = Meters(radius)
        self.index = SpatialIndex(positions: topology.baseStations.map(\.position), cellMeters: max(radius, 1))
    }

    /// RSSI of base station `bs` for `user` at `now` (measured values override the estimate) and the
    /// prediction at `predicted`.
    public func rssi(
        of bs: BaseStationIndex, for user: User, now: Seconds, predicted: Seconds
    ) -> (now: DBm, predicted: DBm) {
        let station = topology.baseStations[bs.rawValue]
        let current = user.measuredRSSI[bs] ?? station.rssi(at: user.motion.position(at: now))
        return (current, station.rssi(at: user.motion.position(at: predicted)))
    }

    /// The base stations the rule keeps for `user` planning at `time` with look-ahead `horizon`,
    /// in index order. Only stations near the user's positions are examined.
    public func keptBaseStations(for user: User, at time: Seconds, horizon: Seconds) -> [BaseStationIndex] {
        let predictedTime = time + horizon
        var examined = Set(index.points(within: searchRadius, of: user.motion.position(at: predictedTime)))
        if rule == .both {
            examined.formUnion(index.points(within: searchRadius, of: user.motion.position(at: time)))
            examined.formUnion(user.measuredRSSI.keys.map(\.rawValue))
        }
        return examined.sorted().map(BaseStationIndex.init).filter { bs in
            let value = rssi(of: bs, for: user, now: time, predicted: predictedTime)
            return rule.keeps(now: value.now, predicted: value.predicted, minimum: rssiMin)
        }
    }
}
