/// One scenario of a what-if file: a variant of the base problem, planned and replayed.
///
/// The file is a JSON array, base first. Decoding is tolerant: optional fields may be missing and
/// unknown fields are ignored, so files written by later versions still draw.
public struct WhatIfScenario: Sendable, Equatable, Decodable {
    public struct Input: Sendable, Equatable, Decodable {
        public var path: String
        public var sha256: String?

        public init(path: String, sha256: String?) {
            self.path = path
            self.sha256 = sha256
        }
    }

    public var name: String
    public var planner: String?
    public var inputs: [Input]
    /// What differs from the base, in words.
    public var changes: [String]
    /// Why the scenario failed, when it did.
    public var failure: String?
    public var status: String?
    /// Every metric the file gave, by `WhatIfMetric.key`: the `overall` replay fields and the
    /// top-level solver figures.
    public var values: [String: Double]

    public init(
        name: String, planner: String? = nil, inputs: [Input] = [], changes: [String] = [], failure: String? = nil,
        status: String? = nil, values: [String: Double] = [:]
    ) {
        self.name = name
        self.planner = planner
        self.inputs = inputs
        self.changes = changes
        self.failure = failure
        self.status = status
        self.values = values
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        name = try container.decode(String.self, forKey: Key("name"))
        planner = try container.decodeIfPresent(String.self, forKey: Key("planner"))
        inputs = try container.decodeIfPresent([Input].self, forKey: Key("inputs")) ?? []
        changes = try container.decodeIfPresent([String].self, forKey: Key("changes")) ?? []
        failure = try container.decodeIfPresent(String.self, forKey: Key("failure"))
        status = try container.decodeIfPresent(String.self, forKey: Key("status"))
        var values: [String: Double] = [:]
        for metric in WhatIfMetric.solver {
            values[metric.key] = try container.decodeIfPresent(Double.self, forKey: Key(metric.key))
        }
        if container.contains(Key("overall")), try !container.decodeNil(forKey: Key("overall")) {
            let overall = try container.nestedContainer(keyedBy: Key.self, forKey: Key("overall"))
            for metric in WhatIfMetric.overall {
                values[metric.key] = try overall.decodeIfPresent(Double.self, forKey: Key(metric.key))
            }
        }
        self.values = values
    }
}

/// A metric the what-if section charts: where it is in the file and how people read it.
public struct WhatIfMetric: Sendable, Equatable {
    /// The field's name in the file (in `overall` or at the top level).
    public let key: String
    public let label: String
    /// Shown after the value, once scaled.
    let unit: String
    let factor: Double

    /// The replay's fields, charted for every file.
    public static let overall: [WhatIfMetric] = [
        .init(key: "tasks", label: "tasks", unit: "", factor: 1),
        .init(key: "served", label: "tasks served", unit: "", factor: 1),
        .init(key: "meanDelaySeconds", label: "mean delay", unit: "ms", factor: 1000),
        .init(key: "p95DelaySeconds", label: "95th-percentile delay", unit: "ms", factor: 1000),
        .init(key: "downtimeSeconds", label: "downtime", unit: "s", factor: 1),
        .init(key: "outOfCoverageSeconds", label: "out of coverage", unit: "s", factor: 1),
        .init(key: "migrations", label: "migrations", unit: "", factor: 1),
        .init(key: "handovers", label: "handovers", unit: "", factor: 1),
        .init(key: "bytesMoved", label: "bytes moved", unit: "MB", factor: 1e-6),
        .init(key: "delayViolations", label: "delay SLA violations", unit: "", factor: 1),
        .init(key: "downtimeViolations", label: "downtime SLA violations", unit: "", factor: 1),
    ]

    /// The solver's figures, charted when some scenario gives them.
    public static let solver: [WhatIfMetric] = [
        .init(key: "objective", label: "objective", unit: "s", factor: 1),
        .init(key: "bound", label: "bound", unit: "s", factor: 1),
        .init(key: "gap", label: "gap", unit: "%", factor: 100),
        .init(key: "serversUsed", label: "servers used", unit: "", factor: 1),
        .init(key: "solveSeconds", label: "solve time", unit: "s", factor: 1),
    ]
}
