public import EdgeModel

/// How a trace is read.
public struct TraceReadOptions: Sendable, Hashable {
    /// What x and y mean: metres on the plane, or longitude and latitude in degrees (WGS84), which
    /// are then checked to lie in [-180, 180] and [-90, 90]. Geographic FCD may name them `x`/`y`
    /// (SUMO with `--fcd-output.geo`) or `lon`/`lat`.
    public var coordinates: CoordinateSystem
    /// Bytes read from the file at a time; memory use does not grow with the file beyond this and the
    /// trajectories kept.
    public var chunkSizeBytes: Int
    /// Errors reported for one file before the reader stops reading it and says so.
    public var maximumErrors: Int
    /// The resident size the process may reach while reading (the samples kept grow with the
    /// file); past it the reader stops with `trace-too-large`. nil: no limit.
    public var residentLimitBytes: Int?

    /// 1 MiB: large enough that system calls cost nothing next to parsing.
    public static let defaultChunkSizeBytes = 1 << 20

    public init(
        coordinates: CoordinateSystem = .plane, chunkSizeBytes: Int = defaultChunkSizeBytes, maximumErrors: Int = 100,
        residentLimitBytes: Int? = nil
    ) {
        self.coordinates = coordinates
        self.chunkSizeBytes = chunkSizeBytes
        self.maximumErrors = maximumErrors
        self.residentLimitBytes = residentLimitBytes
    }
}
