/// The kinds of dimensioned field in the input language, each with its accepted units (SPEC §1).
public enum QuantityKind: String, Sendable, CaseIterable {
    case time, size, bandwidth, distance, speed, power, gain, frequency, rate, ratio, ratioPerTime, timePerSize, cpu

    /// How a message names this kind: "expected a bandwidth such as …".
    public var noun: String {
        switch self {
        case .time: "a time"
        case .size: "a size"
        case .bandwidth: "a bandwidth"
        case .distance: "a distance"
        case .speed: "a speed"
        case .power: "a power"
        case .gain: "a gain or loss"
        case .frequency: "a frequency"
        case .rate: "a rate"
        case .ratio: "a ratio"
        case .ratioPerTime: "a share per time"
        case .timePerSize: "a time per size"
        case .cpu: "a CPU amount"
        }
    }

    /// A well-formed example, quoted in messages.
    public var example: String {
        switch self {
        case .time: "500 ms"
        case .size: "2 GB"
        case .bandwidth: "100 Mbps"
        case .distance: "1 m"
        case .speed: "1.5 m/s"
        case .power: "20 dBm"
        case .gain: "40 dB"
        case .frequency: "20 MHz"
        case .rate: "5 /s"
        case .ratio: "10 %"
        case .ratioPerTime: "1 %/s"
        case .timePerSize: "0.5 s/GB"
        case .cpu: "2"
        }
    }

    /// Accepted units with their factor to the base unit (seconds, bytes, bits per second, metres,
    /// metres per second, dBm, dB, hertz, per second, fraction, fraction per second, cores).
    var units: [(symbol: String, factor: Double)] {
        switch self {
        case .time: [("us", 1e-6), ("ms", 1e-3), ("s", 1), ("min", 60), ("h", 3600)]
        case .size: Self.sizeUnits
        case .bandwidth: [("bps", 1), ("Kbps", 1e3), ("Mbps", 1e6), ("Gbps", 1e9)]
        case .distance: [("m", 1), ("km", 1000)]
        case .speed: [("m/s", 1), ("km/h", 1000.0 / 3600.0)]
        case .power: [("dBm", 1)]
        case .gain: [("dB", 1)]
        case .frequency: [("Hz", 1), ("kHz", 1e3), ("MHz", 1e6), ("GHz", 1e9)]
        case .rate: [("/s", 1), ("/min", 1.0 / 60)]
        case .ratio: [("%", 0.01)]
        case .ratioPerTime: [("%/s", 0.01), ("%/min", 0.01 / 60)]
        case .timePerSize:
            Self.timeUnitsForCost.flatMap { time in
                Self.sizeUnits.map { size in ("\(time.symbol)/\(size.symbol)", time.factor / size.factor) }
            }
        case .cpu: [("m", 1e-3)]
        }
    }

    /// Whether a bare number (no unit) is accepted.
    var acceptsBareNumber: Bool { self == .ratio || self == .cpu }

    private static let sizeUnits: [(symbol: String, factor: Double)] = [
        ("B", 1), ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12),
        ("KiB", 1024), ("MiB", 1_048_576), ("GiB", 1_073_741_824), ("TiB", 1_099_511_627_776),
        ("b", 0.125), ("Kb", 125), ("Mb", 125_000), ("Gb", 125_000_000),
    ]

    private static let timeUnitsForCost: [(symbol: String, factor: Double)] = [("us", 1e-6), ("ms", 1e-3), ("s", 1)]

    /// The units named in messages (the cost units are too many to list in full).
    var unitList: String {
        switch self {
        case .timePerSize: "a time unit over a size unit, such as s/GB or ms/MB"
        case .cpu: "a bare number of cores or millicores such as 500m"
        case .ratio: "% or a bare number in [0, 1]"
        default: units.map(\.symbol).joined(separator: ", ")
        }
    }
}
