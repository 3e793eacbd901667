import Foundation

/// The bounds edgeplan puts on the numbers it reads (docs/reliability.md, "Numbers and bounds").
///
/// Doubles hold 1e308, but the model multiplies and divides its inputs: a gain is
/// `gainWeight · rate · gainWindow · (delay − delay')`, a delay divides a size by a bandwidth, a
/// path sums RTTs in 64-bit nanoseconds, a replay counts tasks. Each bound lies far beyond real use
/// and keeps every product finite, every conversion to an integer exact and every loop and
/// allocation sane. Where the model can still reach infinity through physics (a base station heard
/// so weakly that its Shannon rate is 0), the objective check (`maximumObjectiveTermSeconds`)
/// stops the run before a solver sees it.
public enum InputBounds {
    // MARK: Quantities (the largest magnitude of each kind, in its base unit)

    /// Times, instants and durations alike: about 31.7 years. Keeps nanosecond times within Int64
    /// and `time ± step` exact to well under a millisecond.
    public static let maximumSeconds = 1e9
    /// Sizes: 100 PB (100,000 TB), room for a cloud's storage. What one migration moves (an image
    /// and at most 31 pre-copy rounds of memory) stays within the plan's 64-bit integers (9.2e18).
    public static let maximumBytes = 1e17
    /// Bandwidths: 1 Pbps.
    public static let maximumBitsPerSecond = 1e15
    /// A bandwidth divides a size (`8·S/B`): at least 1 bps, so a delay is at most 8e15 s.
    public static let minimumBitsPerSecond = 1.0
    /// Distances: a million kilometres.
    public static let maximumMeters = 1e9
    /// A path-loss reference distance divides distances: at least a millimetre.
    public static let minimumReferenceMeters = 1e-3
    /// Speeds: 100 km/s.
    public static let maximumMetersPerSecond = 1e5
    /// Powers (dBm) and gains (dB): `10^((RSSI − noise)/10)` stays finite.
    public static let maximumDecibels = 500.0
    /// Frequencies (channel widths): 1 THz.
    public static let maximumHertz = 1e12
    /// A channel width multiplies the Shannon rate: at least 1 Hz.
    public static let minimumHertz = 1.0
    /// Task rates: a million tasks a second.
    public static let maximumPerSecond = 1e6
    /// Ratios (margin, relative gap): 100, that is 10,000 %.
    public static let maximumRatio = 100.0
    /// Shares per time (dirty rate): 100 per second, that is 10,000 %/s.
    public static let maximumRatioPerSecond = 100.0
    /// Checkpoint and restore costs: 1 s per byte (1e9 s/GB).
    public static let maximumSecondsPerByte = 1.0
    /// CPU amounts: a billion cores.
    public static let maximumCores = 1e9

    // MARK: Bare numbers

    /// Plane coordinates of positions, waypoints and trace samples, metres.
    public static let maximumCoordinate = 1e9
    /// Velocity components, metres per second.
    public static let maximumVelocity = 1e5
    /// Every other bare number has at most this magnitude before its own rule applies.
    public static let maximumBareNumber = 1e9
    /// A server's `compute` divides processing, checkpoint and restore times.
    public static let computeRange = 1e-6...1e6
    /// The path-loss exponent: `10·n·log10(d/d0)` stays within the decibel bounds' reach.
    public static let maximumPathLossExponent = 10.0
    /// `objective.gainWeight` and `objective.downtimeWeight`.
    public static let maximumObjectiveWeight = 1e6
    /// A base station's `maxUsers`.
    public static let maximumUsersPerBaseStation = 1_000_000_000
    /// `solver.threads`: the solvers start this many threads.
    public static let maximumThreads = 1024

    // MARK: What the model computes from them

    /// Every term of the objective (gain, downtime, penalty and their sum), seconds: about 31.7
    /// million years. CLP aborts the process on an objective coefficient of 1e25 or more, and far
    /// below that a solver's tolerances no longer tell the terms apart.
    public static let maximumObjectiveTermSeconds = 1e15

    // MARK: Spans and counts

    /// Planning epochs of one span (`plan`, `compare`, `whatif`): the span over the step.
    public static let maximumEpochs = 10_000_000
    /// The smallest step between planning epochs, seconds.
    public static let minimumStepSeconds = 1e-3
    /// Motion samples of a replay (`simulate`, every 0.1 s per user) or a dwell analysis (every
    /// `--step` per user), over all users.
    public static let maximumMotionSamples = 1_000_000_000
    /// Tasks a replay sends, over all users: each served task keeps its delay (8 bytes) for the
    /// percentiles.
    public static let maximumReplayTasks = 100_000_000
    /// The largest `--max-input-bytes`: 4 GiB.
    public static let maximumInputBytes = 1 << 32

    /// A bound or a value as people read it: "1e9" for a power of ten and its multiples of one
    /// digit from 10^5 on, "1000000001", "0.001", "1e-6" (not Swift's "1e-06").
    public static func text(_ value: Double) -> String {
        guard value.isFinite, value == value.rounded(), abs(value) < 1e18 else {
            return "\(value)".replacingOccurrences(of: "e+", with: "e").replacingOccurrences(of: "e-0", with: "e-")
        }
        if abs(value) >= 1e5 {
            let exponent = Int(log10(abs(value)).rounded(.down))
            let mantissa = value / pow(10, Double(exponent))
            if mantissa == mantissa.rounded() { return "\(Int(mantissa))e\(exponent)" }
        }
        return String(Int64(value))
    }
}

extension InputBounds {
    /// A count in digits: "1800000000".
    public static func count(_ value: Double) -> String {
        value.isFinite && abs(value) < 1e18 ? String(Int64(value.rounded())) : "\(value)"
    }

    /// Planning epochs from `start` to `end` every `step` seconds, as the planner's loop takes them
    /// (both ends included); a Double, so that a huge span cannot overflow the count.
    public static func epochCount(from start: Double, to end: Double, step: Double) -> Double {
        max(0, ((end - start) / step + 1e-9).rounded(.down)) + 1
    }

    /// Why planning from `start` to `end` every `step` seconds exceeds the bounds, naming the options
    /// that set them; nil when it does not. `endSource` says where the end came from when no option did.
    public static func spanProblem(from start: Double, to end: Double, step: Double, endSource: String?) -> String? {
        if !(step >= minimumStepSeconds && step <= maximumSeconds) {
            return
                "--step must be a number of seconds in [\(text(minimumStepSeconds)), \(text(maximumSeconds))], found \(step)"
        }
        let epochs = epochCount(from: start, to: end, step: step)
        guard epochs > Double(maximumEpochs) else { return nil }
        let origin = endSource.map { " (\($0))" } ?? ""
        return
            "planning from \(text(start)) s to \(text(end)) s\(origin) every \(text(step)) s takes \(count(epochs)) epochs, more than edgeplan's \(maximumEpochs): give a larger --step or a shorter span (--from, --to)"
    }

    /// Why an instant given on the command line as `option` is out of bounds; nil when it is not.
    public static func instantProblem(_ value: Double, option: String) -> String? {
        guard !(abs(value) <= maximumSeconds) else { return nil }
        return "\(option) must be a number of seconds within ±\(text(maximumSeconds)) (about 32 years), found \(value)"
    }

    /// When the last trajectory ends, and whose it is: the end of a span no option gives.
    public static func lastWaypoint(of users: [User]) -> (seconds: Double, user: String)? {
        var latest: (seconds: Double, user: String)?
        for user in users {
            guard case .trajectory(let points) = user.motion, let end = points.last?.time.value else { continue }
            if latest.map({ end > $0.seconds }) ?? true { latest = (end, user.id) }
        }
        return latest
    }
}
