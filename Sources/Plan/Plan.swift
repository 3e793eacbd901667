public import Foundation

/// The plan an executor follows (SPEC §5): what to do, to whom, and when. docs/plan-format.md
/// describes every field; `schemas/plan.schema.json` is its JSON Schema.
public struct Plan: Codable, Sendable, Equatable {
    public static let schemaVersion = "1"

    public var schemaVersion: String
    public var generator: Generator
    /// Wall-clock time of t = 0 (ISO 8601), when the workload gives one.
    public var epoch: String?
    /// The planning time t and the horizon Δt, seconds.
    public var planningTime: Double
    public var horizon: Double
    public var inputs: [InputReference]
    public var policy: String
    public var policyBuiltIn: Bool
    public var planner: String
    public var coordination: String
    public var solver: SolverReport
    public var decisions: [Decision]
    public var timeline: [TimelineEntry]

    public init(
        generator: Generator, epoch: String?, planningTime: Double, horizon: Double, inputs: [InputReference],
        policy: String,
        policyBuiltIn: Bool, planner: String, coordination: String, solver: SolverReport, decisions: [Decision],
        timeline: [TimelineEntry]
    ) {
        self.schemaVersion = Self.schemaVersion
        self.generator = generator
        self.epoch = epoch
        self.planningTime = planningTime
        self.horizon = horizon
        self.inputs = inputs
        self.policy = policy
        self.policyBuiltIn = policyBuiltIn
        self.planner = planner
        self.coordination = coordination
        self.solver = solver
        self.decisions = decisions
        self.timeline = timeline
    }

    public struct Generator: Codable, Sendable, Equatable {
        public var name: String
        public var version: String
        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }

    public struct InputReference: Codable, Sendable, Equatable {
        public var path: String
        public var sha256: String
        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    /// What the solver proved. `objective`, `bound` and `gap` are absent when it proved none.
    public struct SolverReport: Codable, Sendable, Equatable {
        public var backend: String
        public var status: String
        public var objective: Double?
        public var bound: Double?
        public var gap: Double?
        public var seconds: Double
        public var variables: Int
        public var constraints: Int

        enum CodingKeys: String, CodingKey {
            case backend, status, objective, bound, gap, seconds, variables, constraints
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            backend = try container.decode(String.self, forKey: .backend)
            status = try container.decode(String.self, forKey: .status)
            objective = try container.decodeIfPresent(Double.self, forKey: .objective)
            bound = try container.decodeIfPresent(Double.self, forKey: .bound)
            gap = try container.decodeIfPresent(Double.self, forKey: .gap)
            seconds = try container.decode(Double.self, forKey: .seconds)
            variables = Int(try container.decodeWholeNumber(forKey: .variables, in: 0...Int64(Int32.max), of: "count"))
            constraints = Int(
                try container.decodeWholeNumber(forKey: .constraints, in: 0...Int64(Int32.max), of: "count"))
        }

        public init(
            backend: String, status: String, objective: Double?, bound: Double?, gap: Double?, seconds: Double,
            variables: Int,
            constraints: Int
        ) {
            self.backend = backend
            self.status = status
            self.objective = objective
            self.bound = bound
            self.gap = gap
            self.seconds = seconds
            self.variables = variables
            self.constraints = constraints
        }
    }

    public struct Attachment: Codable, Sendable, Equatable {
        public var bs: String
        public var server: String
        public init(bs: String, server: String) {
            self.bs = bs
            self.server = server
        }
    }

    /// One user's decision and the actions that carry it out.
    public struct Decision: Codable, Sendable, Equatable {
        public var user: String
        public var app: String
        /// The planning time this decision was made at, seconds after the epoch.
        public var decidedAt: Double
        public var from: Attachment
        public var to: Attachment
        /// none, handover, migration, or handover+migration.
        public var change: String
        /// n̂·Δd: delay saved over the gain window, seconds (negative: delay added).
        public var gain: Double
        public var gainPerTask: Double
        /// Service interruption the actions cause, seconds.
        public var downtime: Double
        /// This decision's term of the objective, seconds.
        public var objective: Double
        public var late: Bool
        public var actions: [Action]
        public init(
            user: String, app: String, decidedAt: Double, from: Attachment, to: Attachment, change: String,
            gain: Double,
            gainPerTask: Double, downtime: Double, objective: Double, late: Bool, actions: [Action]
        ) {
            self.user = user
            self.app = app
            self.decidedAt = decidedAt
            self.from = from
            self.to = to
            self.change = change
            self.gain = gain
            self.gainPerTask = gainPerTask
            self.downtime = downtime
            self.objective = objective
            self.late = late
            self.actions = actions
        }
    }

    /// A timed action. Migrations name servers and bytes; handovers name base stations.
    public struct Action: Codable, Sendable, Equatable {
        public var type: String
        /// Start, seconds after the epoch.
        public var at: Double
        /// Start as wall-clock time, when the plan has an epoch.
        public var atTime: String?
        public var duration: Double
        public var source: String?
        public var target: String?
        public var bytes: Int64?
        public var fromBS: String?
        public var toBS: String?

        enum CodingKeys: String, CodingKey {
            case type, at, atTime, duration, source, target, bytes, fromBS, toBS
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = try container.decode(String.self, forKey: .type)
            at = try container.decode(Double.self, forKey: .at)
            atTime = try container.decodeIfPresent(String.self, forKey: .atTime)
            duration = try container.decode(Double.self, forKey: .duration)
            source = try container.decodeIfPresent(String.self, forKey: .source)
            target = try container.decodeIfPresent(String.self, forKey: .target)
            bytes =
                try container.contains(.bytes)
                ? container.decodeWholeNumber(forKey: .bytes, in: 0...PlanFile.maximumBytes, of: "number of bytes")
                : nil
            fromBS = try container.decodeIfPresent(String.self, forKey: .fromBS)
            toBS = try container.decodeIfPresent(String.self, forKey: .toBS)
        }

        public init(
            type: String, at: Double, atTime: String?, duration: Double, source: String? = nil, target: String? = nil,
            bytes: Int64? = nil, fromBS: String? = nil, toBS: String? = nil
        ) {
            self.type = type
            self.at = at
            self.atTime = atTime
            self.duration = duration
            self.source = source
            self.target = target
            self.bytes = bytes
            self.fromBS = fromBS
            self.toBS = toBS
        }
    }

    /// Every action of every decision in time order, each naming its user.
    public struct TimelineEntry: Codable, Sendable, Equatable {
        public var user: String
        public var action: Action
        public init(user: String, action: Action) {
            self.user = user
            self.action = action
        }

        enum CodingKeys: String, CodingKey { case user }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            user = try container.decode(String.self, forKey: .user)
            action = try Action(from: decoder)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(user, forKey: .user)
            try action.encode(to: encoder)
        }
    }
}

extension Plan {
    /// Canonical JSON: sorted keys, two-space indentation, no escaped slashes, a final newline.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Data(CanonicalJSON.indent(try encoder.encode(self)).utf8)
    }

    public static func decode(_ data: Data) throws -> Plan {
        try JSONDecoder().decode(Plan.self, from: data)
    }
}

extension KeyedDecodingContainer {
    /// A whole number in `range`, read as a Double first: Foundation reports a fraction, or a number
    /// past the integer type, in an integer field as "not valid JSON" with no place; this error
    /// names the field (`JSONDecodeProblem` prints what it expected, where).
    func decodeWholeNumber(forKey key: Key, in range: ClosedRange<Int64>, of noun: String) throws -> Int64 {
        let value = try decode(Double.self, forKey: key)
        // Double(range.upperBound) may round up; Int64(exactly:) then fails for a value past it.
        if value >= Double(range.lowerBound), value <= Double(range.upperBound), let whole = Int64(exactly: value),
            range.contains(whole)
        {
            return whole
        }
        throw DecodingError.dataCorrupted(
            DecodingError.Context(
                codingPath: codingPath + [key],
                debugDescription: "expected a whole \(noun) from \(range.lowerBound) to \(range.upperBound), found \(value)"
            ))
    }
}
