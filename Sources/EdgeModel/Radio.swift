import Foundation

/// Log-distance path loss: `PL(d) = PL0 + 10·n·log10(max(d, d0)/d0)`.
public struct PathLossModel: Sendable, Hashable {
    public var referenceLoss: Decibels
    public var referenceDistance: Meters
    public var exponent: Double

    public init(referenceLoss: Decibels, referenceDistance: Meters, exponent: Double) {
        self.referenceLoss = referenceLoss
        self.referenceDistance = referenceDistance
        self.exponent = exponent
    }

    public static let `default` = PathLossModel(
        referenceLoss: Decibels(40), referenceDistance: Meters(1), exponent: 3.0)

    public func loss(at distance: Meters) -> Decibels {
        let d = max(distance.value, referenceDistance.value)
        return Decibels(referenceLoss.value + 10 * exponent * log10(d / referenceDistance.value))
    }

    /// The largest distance at which the received power is still at least `threshold`: the radius
    /// a spatial index can search within. Infinite when the exponent is zero.
    public func maximumDistance(txPower: DBm, threshold: DBm) -> Meters {
        let budget = txPower.value - referenceLoss.value - threshold.value
        if budget < 0 { return Meters(-1) }
        if exponent <= 0 { return Meters(.infinity) }
        return Meters(referenceDistance.value * pow(10, budget / (10 * exponent)))
    }
}

/// The radio parameters of a base station (the topology's defaults, overridden field by field).
public struct RadioModel: Sendable, Hashable {
    public var pathLoss: PathLossModel
    public var noise: DBm
    public var channelWidth: Hertz

    public init(pathLoss: PathLossModel, noise: DBm, channelWidth: Hertz) {
        self.pathLoss = pathLoss
        self.noise = noise
        self.channelWidth = channelWidth
    }

    public static let `default` = RadioModel(pathLoss: .default, noise: DBm(-95), channelWidth: Hertz(20e6))
}

/// The air interface of a base station.
public enum RadioTechnology: String, Sendable, CaseIterable {
    case wifi
    case fourG = "4g"
    case fiveG = "5g"
    case other

    /// SPEC §1 defaults for `peakRate`.
    public var defaultPeakRate: BitsPerSecond {
        switch self {
        case .wifi: BitsPerSecond(300e6)
        case .fourG: BitsPerSecond(150e6)
        case .fiveG: BitsPerSecond(1e9)
        case .other: BitsPerSecond(100e6)
        }
    }
}

extension BaseStation {
    /// Estimated received power at `point` (SPEC §2).
    public func rssi(at point: PlanePoint) -> DBm {
        DBm(txPower.value - radio.pathLoss.loss(at: position.distance(to: point)).value)
    }

    /// Shannon rate at `rssi`, capped by the air interface: `min(peakRate, W·log2(1 + SNR))`.
    public func wirelessRate(at rssi: DBm) -> BitsPerSecond {
        let snr = pow(10, (rssi.value - radio.noise.value) / 10)
        return BitsPerSecond(min(peakRate.value, radio.channelWidth.value * log2(1 + snr)))
    }
}
