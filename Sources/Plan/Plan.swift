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
