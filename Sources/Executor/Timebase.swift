public import Foundation

/// When the plan's planning time happens on the wall clock (`--start`).
public enum StartTime: Sendable, Equatable {
    /// When the run begins.
    case now
    /// The plan's own clock: its epoch plus its planning time, so at speed 1 each action runs at
    /// its `atTime`.
    case epoch
    case at(Date)

    /// Parses `now`, `epoch` or an RFC 3339 time with a zone (`2026-01-01T08:00:00Z`,
    /// `2026-01-01T09:00:00.250+01:00`); nil otherwise.
    public init?(argument: String) {
        switch argument {
        case "now": self = .now
        case "epoch": self = .epoch
        default:
            guard let date = Self.parseTime(argument) else { return nil }
            self = .at(date)
        }
    }

    /// An RFC 3339 date-time (a zone is required, as it says which instant is meant).
    public static func parseTime(_ text: String) -> Date? {
        // RFC 3339 allows a lowercase t and z; the formatter wants them upper case.
        let text = text.uppercased()
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// The wall-clock time of the plan's planning time.
    public func resolve(now: Date, origin: Double, epoch: String?) -> Result<Date, ExecutionSetupError> {
        switch self {
        case .now: return .success(now)
        case .at(let date): return .success(date)
        case .epoch:
            guard let epoch else { return .failure(ExecutionSetupError("--start epoch: the plan has no epoch")) }
            guard let date = Self.parseTime(epoch) else {
                return .failure(
                    ExecutionSetupError("--start epoch: the plan's epoch \"\(epoch)\" is not an RFC 3339 time"))
            }
            return .success(date.addingTimeInterval(origin))
        }
    }
}

/// A problem found before anything runs (a start the plan cannot give, a journal of another plan).
public struct ExecutionSetupError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The map between plan time, wall-clock time and the executor's monotonic clock.
///
/// Plan time `origin` (the planning time) happens at wall time `start`; plan time runs `speed`
/// times as fast as the wall clock. The monotonic clock is tied to the wall clock once, at
/// `anchorWall` = `anchorMonotonic`, so a wall-clock step during a run moves nothing.
public struct Timebase: Sendable {
    public let origin: Double
    public let start: Date
    public let speed: Double
    public let anchorWall: Date
    public let anchorMonotonic: Double

    public init(origin: Double, start: Date, speed: Double, anchorWall: Date, anchorMonotonic: Double) {
        self.origin = origin
        self.start = start
        self.speed = speed
        self.anchorWall = anchorWall
        self.anchorMonotonic = anchorMonotonic
    }

    /// Real seconds from the plan's time `at` to the start's: how far into the run it falls due.
    public func offset(of at: Double) -> Double { (at - origin) / speed }

    /// The wall-clock time plan time `at` is due.
    public func plannedWall(_ at: Double) -> Date { start.addingTimeInterval(offset(of: at)) }

    /// The monotonic time plan time `at` is due.
    public func due(_ at: Double) -> Double {
        anchorMonotonic + start.timeIntervalSince(anchorWall) + offset(of: at)
    }

    /// The wall-clock time of a monotonic time.
    public func wall(_ monotonic: Double) -> Date { anchorWall.addingTimeInterval(monotonic - anchorMonotonic) }

    /// The plan time at a monotonic time.
    public func planTime(_ monotonic: Double) -> Double {
        origin + (monotonic - anchorMonotonic - start.timeIntervalSince(anchorWall)) * speed
    }
}

/// Times as the journal and the log write them: ISO 8601 in UTC with milliseconds.
public enum WallClockText {
    public static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
