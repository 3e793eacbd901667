/// One timed position of one vehicle, as the trace writes it.
public struct TraceSample: Sendable, Hashable {
    /// Simulation time in seconds.
    public let timeSeconds: Double
    /// Metres east on the plane, or the longitude in degrees when the trace was read with
    /// geographic coordinates.
    public let x: Double
    /// Metres north on the plane, or the latitude in degrees when the trace was read with
    /// geographic coordinates.
    public let y: Double

    public init(timeSeconds: Double, x: Double, y: Double) {
        self.timeSeconds = timeSeconds
        self.x = x
        self.y = y
    }
}
