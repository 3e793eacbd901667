import EdgeModel

/// The bounds of each kind of quantity (`InputBounds`), and how messages state them.
extension QuantityKind {
    /// The largest magnitude a value of this kind may have, in the base unit.
    var maximumMagnitude: Double {
        switch self {
        case .time: InputBounds.maximumSeconds
        case .size: InputBounds.maximumBytes
        case .bandwidth: InputBounds.maximumBitsPerSecond
        case .distance: InputBounds.maximumMeters
        case .speed: InputBounds.maximumMetersPerSecond
        case .power, .gain: InputBounds.maximumDecibels
        case .frequency: InputBounds.maximumHertz
        case .rate: InputBounds.maximumPerSecond
        case .ratio: InputBounds.maximumRatio
        case .ratioPerTime: InputBounds.maximumRatioPerSecond
        case .timePerSize: InputBounds.maximumSecondsPerByte
        case .cpu: InputBounds.maximumCores
        }
    }

    /// The smallest value a field of this kind that must be positive may have, where such a
    /// field divides (a bandwidth, a reference distance, a channel width); nil for the others.
    var minimumPositive: Double? {
        switch self {
        case .bandwidth: InputBounds.minimumBitsPerSecond
        case .distance: InputBounds.minimumReferenceMeters
        case .frequency: InputBounds.minimumHertz
        default: nil
        }
    }

    /// `value` (in the base unit) written with this kind's base unit, and a friendlier unit where
    /// one helps: "1e17 B (100000 TB)".
    func describe(_ value: Double) -> String {
        let number = InputBounds.text(value)
        switch self {
        case .time:
            return value >= 1e8
                ? "\(number) s (about \(InputBounds.text((value / 31_557_600).rounded())) years)" : "\(number) s"
        case .size: return value >= 1e12 ? "\(number) B (\(InputBounds.count(value / 1e12)) TB)" : "\(number) B"
        case .bandwidth: return value >= 1e9 ? "\(number) bps (\(InputBounds.text(value / 1e9)) Gbps)" : "\(number) bps"
        case .distance: return "\(number) m"
        case .speed: return "\(number) m/s"
        case .power: return "\(number) dBm"
        case .gain: return "\(number) dB"
        case .frequency: return value >= 1e9 ? "\(InputBounds.text(value / 1e9)) GHz" : "\(number) Hz"
        case .rate: return "\(number) /s"
        case .ratio: return "\(InputBounds.text(value * 100)) %"
        case .ratioPerTime: return "\(InputBounds.text(value * 100)) %/s"
        case .timePerSize: return "\(number) s/B (\(InputBounds.text(value * 1e9)) s/GB)"
        case .cpu: return "\(number) cores"
        }
    }

    /// What `value`, past the bound, must be instead: "at most 1e17 B (100000 TB)", or for a
    /// negative value "at least -1e9 s".
    func boundRequirement(for value: Double) -> String {
        value < 0 ? "at least \(describe(-maximumMagnitude))" : "at most \(describe(maximumMagnitude))"
    }
}
