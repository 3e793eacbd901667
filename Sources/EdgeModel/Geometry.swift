import Foundation

/// A point on the local plane, in metres (east, north).
public struct PlanePoint: Sendable, Hashable {
    public var xMeters: Double
    public var yMeters: Double

    public init(xMeters: Double, yMeters: Double) {
        self.xMeters = xMeters
        self.yMeters = yMeters
    }

    public func distance(to other: PlanePoint) -> Meters {
        Meters(hypot(xMeters - other.xMeters, yMeters - other.yMeters))
    }
}

/// A velocity on the local plane, in metres per second east and north.
public struct PlaneVelocity: Sendable, Hashable {
    public var eastMetersPerSecond: Double
    public var northMetersPerSecond: Double

    public init(eastMetersPerSecond: Double, northMetersPerSecond: Double) {
        self.eastMetersPerSecond = eastMetersPerSecond
        self.northMetersPerSecond = northMetersPerSecond
    }

    public static let zero = PlaneVelocity(eastMetersPerSecond: 0, northMetersPerSecond: 0)
}

/// How positions in the inputs are written.
public enum CoordinateSystem: String, Sendable, CaseIterable {
    /// x, y in metres.
    case plane
    /// [longitude, latitude] in degrees (WGS84), projected onto a local plane.
    case geographic
}

/// Equirectangular projection about a reference point (the centroid of the base stations): accurate
/// to well under 1 % over the few kilometres a MEC deployment spans.
public struct EquirectangularProjection: Sendable, Hashable {
    /// Mean Earth radius (IUGG), metres.
    public static let earthRadiusMeters = 6_371_008.8

    public let referenceLongitudeDegrees: Double
    public let referenceLatitudeDegrees: Double

    public init(referenceLongitudeDegrees: Double, referenceLatitudeDegrees: Double) {
        self.referenceLongitudeDegrees = referenceLongitudeDegrees
        self.referenceLatitudeDegrees = referenceLatitudeDegrees
    }

    public func project(longitudeDegrees: Double, latitudeDegrees: Double) -> PlanePoint {
        let radiansPerDegree = Double.pi / 180
        let x =
            Self.earthRadiusMeters * (longitudeDegrees - referenceLongitudeDegrees) * radiansPerDegree
            * cos(referenceLatitudeDegrees * radiansPerDegree)
        let y = Self.earthRadiusMeters * (latitudeDegrees - referenceLatitudeDegrees) * radiansPerDegree
        return PlanePoint(xMeters: x, yMeters: y)
    }
}
