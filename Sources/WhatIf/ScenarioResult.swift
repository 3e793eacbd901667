public import Plan
public import Simulation

/// What one scenario came to: an element of `whatif --format json` (docs/whatif.md).
public struct ScenarioResult: Sendable, Codable, Equatable {
    public var index: Int
    /// Scenarios in the whole enumeration, so merged shards can be checked for completeness.
    public var scenarioCount: Int
    public var name: String
    public var planner: String
    /// Every file it was made of, with its digest.
    public var inputs: [Plan.InputReference]
    public var changes: [String]
    /// "span": planned over the span and replayed; "epoch": compiled once and replayed to t'.
    public var mode: String
    /// Why the scenario has no figures (located diagnostics, or a worker that failed).
    public var failure: String?
    /// The replay's totals, the same fields as `simulate --format json`'s `overall`.
    public var overall: ReplayMetrics?
    /// The solver's status, objective, bound and gap (summed over a span's programs).
    public var status: String?
    public var objective: Double?
    public var bound: Double?
    public var gap: Double?
    /// Servers that hosted a user at some time: where users start, and every migration's target.
    public var serversUsed: Int?
    public var solveSeconds: Double?

    public init(index: Int, scenarioCount: Int, name: String, planner: String, changes: [String], mode: String) {
        self.index = index
        self.scenarioCount = scenarioCount
        self.name = name
        self.planner = planner
        self.inputs = []
        self.changes = changes
        self.mode = mode
    }

    public var failed: Bool { failure != nil }
}
