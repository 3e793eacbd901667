import Foundation
public import Plan

/// An AdvantEDGE replay file: events the sandbox controller plays at given times.
///
/// The structure follows the definitions `Replay`, `ReplayEvent`, `Event`, `EventMobility` and
/// `EventOther` of AdvantEDGE's sandbox controller API,
/// https://github.com/InterDigitalInc/AdvantEDGE/blob/master/go-apps/meep-sandbox-ctrl/api/swagger.yaml
/// (field names, nesting; `index` and `time` are integers, `time` in milliseconds "since the
/// beginning of a replay sequence"). AdvantEDGE's replay manager plays the first event at once
/// and each next one `time` difference later, and does not send an `OTHER` event named "Init"
/// (go-packages/meep-replay-manager/replayMgr.go, `playEventByIndex`); so a replay made here
/// starts with such an event at time 0, and each handover then happens at its own time after
/// the start. `schemas/advantedge-replay.schema.json` is the same structure as a JSON Schema.
public struct AdvantEDGEReplay: Codable, Sendable, Equatable {
    public var description: String?
    public var events: [ReplayEvent]

    public init(description: String?, events: [ReplayEvent]) {
        self.description = description
        self.events = events
    }

    public struct ReplayEvent: Codable, Sendable, Equatable {
        /// Position in the file, from 1 as AdvantEDGE numbers the events of replays it records.
        public var index: Int
        /// Milliseconds after the start of the replay.
        public var time: Int
        public var event: Event

        public init(index: Int, time: Int, event: Event) {
            self.index = index
            self.time = time
            self.event = event
        }
    }

    public struct Event: Codable, Sendable, Equatable {
        public var name: String
        /// MOBILITY, or OTHER for the initial event.
        public var type: String
        public var eventMobility: EventMobility?
        public var eventOther: EventOther?

        public init(name: String, type: String, eventMobility: EventMobility?, eventOther: EventOther?) {
            self.name = name
            self.type = type
            self.eventMobility = eventMobility
            self.eventOther = eventOther
        }
    }

    /// Moves `elementName` (a UE) to `dest` (a point of access).
    public struct EventMobility: Codable, Sendable, Equatable {
        public var elementName: String
        public var dest: String

        public init(elementName: String, dest: String) {
            self.elementName = elementName
            self.dest = dest
        }
    }

    public struct EventOther: Codable, Sendable, Equatable {
        public var event: String

        public init(event: String) { self.event = event }
    }

    /// The largest `time` AdvantEDGE can hold (an int32 of milliseconds, about 24.8 days).
    public static let maximumTimeMilliseconds = Int(Int32.max)

    /// The handovers of a plan as MOBILITY events, in time order, and the number of the plan's
    /// other actions (migrations) a replay cannot carry. A handover at `at` seconds after the
    /// plan's t = 0 happens at `round(1000 · at)` ms; equal times keep the plan's order.
    public static func make(from plan: Plan) throws -> (replay: AdvantEDGEReplay, migrationActions: Int) {
        var handovers: [(milliseconds: Int, user: String, target: String)] = []
        var migrationActions = 0
        for entry in plan.timeline {
            guard entry.action.type == "handover" else {
                migrationActions += 1
                continue
            }
            guard let target = entry.action.toBS else {
                throw ReplayExportError(
                    "a handover of user \"\(entry.user)\" at \(entry.action.at) s has no target base station")
            }
            let milliseconds = (entry.action.at * 1000).rounded()
            guard milliseconds.isFinite, milliseconds >= 0, milliseconds <= Double(maximumTimeMilliseconds) else {
                throw ReplayExportError(
                    "the handover of user \"\(entry.user)\" at \(entry.action.at) s is outside the replay's 0 to \(maximumTimeMilliseconds) ms"
                )
            }
            handovers.append((Int(milliseconds), entry.user, target))
        }
        // A stable sort: the timeline is in time order already, but rounding may tie two times.
        let ordered = handovers.enumerated().sorted {
            ($0.element.milliseconds, $0.offset) < ($1.element.milliseconds, $1.offset)
        }
        .map(\.element)
        var events = [
            ReplayEvent(
                index: 1, time: 0,
                event: Event(
                    name: "Init", type: "OTHER", eventMobility: nil,
                    eventOther: EventOther(event: "start of the edgeplan plan: t = 0 s")))
        ]
        for handover in ordered {
            events.append(
                ReplayEvent(
                    index: events.count + 1, time: handover.milliseconds,
                    event: Event(
                        name: "handover of \(handover.user) to \(handover.target)", type: "MOBILITY",
                        eventMobility: EventMobility(elementName: handover.user, dest: handover.target),
                        eventOther: nil)))
        }
        let users = Set(ordered.map(\.user)).count
        let description =
            "edgeplan plan of policy \"\(plan.policy)\" (planner \(plan.planner)): \(ordered.count) handover\(ordered.count == 1 ? "" : "s") of \(users) UE\(users == 1 ? "" : "s"), times in ms after the plan's t = 0\(plan.epoch.map { " (\($0))" } ?? "")"
        return (AdvantEDGEReplay(description: description, events: events), migrationActions)
    }

    /// JSON with sorted keys, two-space indentation and a final newline.
    public func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return CanonicalJSON.indent([UInt8](try encoder.encode(self)))
    }
}

/// Why a plan cannot become a replay file.
public struct ReplayExportError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
