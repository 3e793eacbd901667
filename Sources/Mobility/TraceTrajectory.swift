public import Diagnostics
public import EdgeModel

/// The samples of one vehicle (or person, or container) of a trace, in time order.
public struct TraceTrajectory: Sendable, Hashable {
    /// The id the trace gives the vehicle, entities decoded.
    public let id: String
    /// At least one sample; times strictly increase.
    public let samples: [TraceSample]
    /// Where the vehicle first appears: its first `<vehicle>` tag, or its first CSV row.
    public let firstLocation: SourceLocation

    public init(id: String, samples: [TraceSample], firstLocation: SourceLocation) {
        self.id = id
        self.samples = samples
        self.firstLocation = firstLocation
    }

    /// The samples as model waypoints. Pass the topology's projection (`Topology.projection`) for a
    /// trace read with geographic coordinates (x, y are then longitude and latitude); nil when x, y
    /// are already metres on the plane.
    public func waypoints(projection: EquirectangularProjection?) -> [Waypoint] {
        samples.map { sample in
            let position =
                projection.map { $0.project(longitudeDegrees: sample.x, latitudeDegrees: sample.y) }
                ?? PlanePoint(xMeters: sample.x, yMeters: sample.y)
            return Waypoint(time: Seconds(sample.timeSeconds), position: position)
        }
    }

    /// The trajectory as the model's motion: waypoints interpolated linearly, held at both ends, and
    /// through any gap where the vehicle was absent from the trace.
    public func motion(projection: EquirectangularProjection?) -> Motion {
        .trajectory(waypoints(projection: projection))
    }
}
