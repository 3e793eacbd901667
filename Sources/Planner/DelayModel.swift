public import EdgeModel

/// The three parts of the E2E delay of one task (eq. 4), in seconds.
public struct TaskDelay: Sendable, Hashable {
    /// p_u / C_s.
    public let processingSeconds: Double
    /// 8·S_task / min(B_ub, B_bs).
    public let transmissionSeconds: Double
    /// RTT_bs.
    public let propagationSeconds: Double

    public var totalSeconds: Double { processingSeconds + transmissionSeconds + propagationSeconds }

    public init(processingSeconds: Double, transmissionSeconds: Double, propagationSeconds: Double) {
        self.processingSeconds = processingSeconds
        self.transmissionSeconds = transmissionSeconds
        self.propagationSeconds = propagationSeconds
    }

    /// `d(u, b, s) = p_u/C_s + 8·S_task/min(B_ub, B_bs) + RTT_bs` (SPEC §2, eq. 4).
    public static func of(
        task: TaskProfile, server: Server, wirelessRate: BitsPerSecond, path: PathMetrics
    ) -> TaskDelay {
        let bandwidth = min(wirelessRate.value, path.bottleneck.value)
        return TaskDelay(
            processingSeconds: task.processing.value / server.compute,
            transmissionSeconds: 8 * task.size.value / bandwidth,
            propagationSeconds: path.rtt.value)
    }
}
