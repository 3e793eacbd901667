/// A physical dimension; the type parameter of `Quantity` that keeps seconds apart from bytes.
public protocol PhysicalDimension: Sendable {
    /// The SI (or edgeplan base) unit that `Quantity.value` is expressed in.
    static var baseUnitSymbol: String { get }
}

/// A scalar in the base unit of its dimension: `Seconds(0.5).value` is half a second.
public struct Quantity<Dimension: PhysicalDimension>: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var value: Double

    public init(_ value: Double) { self.value = value }

    public static var zero: Self { Self(0) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }
    public static func + (lhs: Self, rhs: Self) -> Self { Self(lhs.value + rhs.value) }
    public static func - (lhs: Self, rhs: Self) -> Self { Self(lhs.value - rhs.value) }
    public static func * (lhs: Self, rhs: Double) -> Self { Self(lhs.value * rhs) }
    public static func * (lhs: Double, rhs: Self) -> Self { Self(lhs * rhs.value) }
    public static func / (lhs: Self, rhs: Double) -> Self { Self(lhs.value / rhs) }
    public static func += (lhs: inout Self, rhs: Self) { lhs.value += rhs.value }

    public var description: String { "\(value) \(Dimension.baseUnitSymbol)" }
}

public enum TimeDimension: PhysicalDimension { public static let baseUnitSymbol = "s" }
/// Sizes are bytes; bits are converted on input.
public enum SizeDimension: PhysicalDimension { public static let baseUnitSymbol = "B" }
public enum BandwidthDimension: PhysicalDimension { public static let baseUnitSymbol = "bps" }
public enum DistanceDimension: PhysicalDimension { public static let baseUnitSymbol = "m" }
public enum SpeedDimension: PhysicalDimension { public static let baseUnitSymbol = "m/s" }
public enum PowerDimension: PhysicalDimension { public static let baseUnitSymbol = "dBm" }
public enum GainDimension: PhysicalDimension { public static let baseUnitSymbol = "dB" }
public enum FrequencyDimension: PhysicalDimension { public static let baseUnitSymbol = "Hz" }
public enum RateDimension: PhysicalDimension { public static let baseUnitSymbol = "/s" }
public enum RatioDimension: PhysicalDimension { public static let baseUnitSymbol = "" }
public enum RatioPerTimeDimension: PhysicalDimension { public static let baseUnitSymbol = "/s" }
public enum TimePerSizeDimension: PhysicalDimension { public static let baseUnitSymbol = "s/B" }
public enum CPUDimension: PhysicalDimension { public static let baseUnitSymbol = "cores" }

public typealias Seconds = Quantity<TimeDimension>
public typealias Bytes = Quantity<SizeDimension>
public typealias BitsPerSecond = Quantity<BandwidthDimension>
public typealias Meters = Quantity<DistanceDimension>
public typealias MetersPerSecond = Quantity<SpeedDimension>
public typealias DBm = Quantity<PowerDimension>
public typealias Decibels = Quantity<GainDimension>
public typealias Hertz = Quantity<FrequencyDimension>
/// Events per second (task rate).
public typealias PerSecond = Quantity<RateDimension>
/// A share in [0, 1].
public typealias Ratio = Quantity<RatioDimension>
/// A share of something per second (dirty-memory rate), as a fraction per second.
public typealias RatioPerSecond = Quantity<RatioPerTimeDimension>
/// Seconds per byte at compute 1.0 (checkpoint and restore cost).
public typealias SecondsPerByte = Quantity<TimePerSizeDimension>
public typealias Cores = Quantity<CPUDimension>

extension Quantity where Dimension == SizeDimension {
    /// Seconds to move this many bytes over `bandwidth`: `8·S/B`.
    public func transferTime(over bandwidth: BitsPerSecond) -> Seconds {
        Seconds(8 * value / bandwidth.value)
    }
}
