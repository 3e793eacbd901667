public import Diagnostics
public import Foundation

/// A timed waypoint of a trajectory.
public struct Waypoint: Sendable, Hashable {
    public let time: Seconds
    public let position: PlanePoint

    public init(time: Seconds, position: PlanePoint) {
        self.time = time
        self.position = position
    }
}

/// How a user moves: a straight line from a position, or timed waypoints.
public enum Motion: Sendable, Hashable {
    /// Position at t = 0 and constant velocity.
    case linear(position: PlanePoint, velocity: PlaneVelocity)
    /// Waypoints with strictly increasing times, interpolated linearly and held at both ends.
    case trajectory([Waypoint])

    public func position(at time: Seconds) -> PlanePoint {
        switch self {
        case .linear(let position, let velocity):
            return PlanePoint(
                xMeters: position.xMeters + velocity.eastMetersPerSecond * time.value,
                yMeters: position.yMeters + velocity.northMetersPerSecond * time.value)
        case .trajectory(let points):
            guard let first = points.first, let last = points.last else { return PlanePoint(xMeters: 0, yMeters: 0) }
            if time <= first.time { return first.position }
            if time >= last.time { return last.position }
            // Binary search for the segment holding `time`.
            var low = 0
            var high = points.count - 1
            while high - low > 1 {
                let mid = (low + high) / 2
                if points[mid].time <= time { low = mid } else { high = mid }
            }
            let a = points[low]
            let b = points[high]
            let f = (time.value - a.time.value) / (b.time.value - a.time.value)
            return PlanePoint(
                xMeters: a.position.xMeters + f * (b.position.xMeters - a.position.xMeters),
                yMeters: a.position.yMeters + f * (b.position.yMeters - a.position.yMeters))
        }
    }
}

/// A user's (base station, server) pair.
public struct Attachment: Sendable, Hashable {
    public let baseStation: BaseStationIndex
    public let server: ServerIndex

    public init(baseStation: BaseStationIndex, server: ServerIndex) {
        self.baseStation = baseStation
        self.server = server
    }
}

public struct User: Sendable {
    public let id: String
    /// Index into `Problem.apps`.
    public let app: Int
    public let attachment: Attachment
    public let motion: Motion
    /// Measured RSSI at t, overriding the estimate for these base stations.
    public let measuredRSSI: [BaseStationIndex: DBm]
    public let location: SourceLocation

    public init(
        id: String, app: Int, attachment: Attachment, motion: Motion, measuredRSSI: [BaseStationIndex: DBm],
        location: SourceLocation
    ) {
        self.id = id
        self.app = app
        self.attachment = attachment
        self.motion = motion
        self.measuredRSSI = measuredRSSI
        self.location = location
    }
}

public enum TraceFormat: String, Sendable, CaseIterable {
    case sumoFCD = "sumo-fcd"
    case csv
}

/// A mobility trace whose vehicles become users (read when planning over traces).
public struct TraceSource: Sendable {
    /// The path as written in the workload.
    public let file: String
    /// The path resolved against the workload file's directory: shown in messages and recorded
    /// among the inputs.
    public let resolvedPath: String
    /// The path the front end checked against a trace root (every link and `..` resolved), read
    /// instead of `resolvedPath` so that what is read is what was checked; nil without a root.
    public let checkedPath: String?
    public let format: TraceFormat
    public let app: Int
    /// The trace entry in the workload, where errors about the file as a whole are reported.
    public let location: SourceLocation

    public init(
        file: String, resolvedPath: String, checkedPath: String? = nil, format: TraceFormat, app: Int,
        location: SourceLocation
    ) {
        self.file = file
        self.resolvedPath = resolvedPath
        self.checkedPath = checkedPath
        self.format = format
        self.app = app
        self.location = location
    }
}

public struct Workload: Sendable {
    public let name: String
    /// Wall-clock time of t = 0, when given.
    public let epoch: Date?
    public let users: [User]
    public let traces: [TraceSource]
    public let location: SourceLocation

    public init(name: String, epoch: Date?, users: [User], traces: [TraceSource], location: SourceLocation) {
        self.name = name
        self.epoch = epoch
        self.users = users
        self.traces = traces
        self.location = location
    }
}
