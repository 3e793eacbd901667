import Foundation
import Interop
import Plan
import TestSupport
import Testing

/// A plan's handovers as an AdvantEDGE replay file (go-apps/meep-sandbox-ctrl/api/swagger.yaml).
struct ReplayTests {
    static func handover(_ user: String, at: Double, from: String, to: String) -> Plan.TimelineEntry {
        Plan.TimelineEntry(
            user: user,
            action: Plan.Action(type: "handover", at: at, atTime: nil, duration: 0.5, fromBS: from, toBS: to))
    }

    /// A plan made by hand: two users, three handovers and a migration, two handovers in the same millisecond.
    static let plan = Plan(
        generator: Plan.Generator(name: "edgeplan", version: "test"), epoch: nil, planningTime: 0, horizon: 5,
        inputs: [], policy: "by-hand", policyBuiltIn: false, planner: "orchestrated", coordination: "coordinated",
        solver: Plan.SolverReport(
            backend: "cbc", status: "optimal", objective: 0, bound: 0, gap: 0, seconds: 0, variables: 0, constraints: 0),
        decisions: [],
        timeline: [
            handover("ue2", at: 0.0004, from: "w1", to: "w2"),
            Plan.TimelineEntry(
                user: "ue1",
                action: Plan.Action(
                    type: "migration", at: 1.0, atTime: nil, duration: 2, source: "mec-a", target: "mec-b", bytes: 10)),
            handover("ue1", at: 6.9104, from: "poa-a", to: "poa-b"),
            handover("ue2", at: 6.9096, from: "w2", to: "w3"),
            handover("ue1", at: 125.25, from: "poa-b", to: "poa-c"),
        ])

    /// Milliseconds: round(1000 · at): 0.0004 s → 0, 6.9104 s → 6910, 6.9096 s → 6910 (a tie, kept
    /// in the plan's order), 125.25 s → 125250. Indexes from 1, after the Init event at 0 ms.
    @Test func handMadePlan() throws {
        let (replay, migrations) = try AdvantEDGEReplay.make(from: Self.plan)
        #expect(migrations == 1)
        #expect(replay.events.map(\.index) == [1, 2, 3, 4, 5])
        #expect(replay.events.map(\.time) == [0, 0, 6910, 6910, 125_250])
        #expect(
            replay.events.first?.event
                == AdvantEDGEReplay.Event(
                    name: "Init", type: "OTHER", eventMobility: nil,
                    eventOther: AdvantEDGEReplay.EventOther(event: "start of the edgeplan plan: t = 0 s")))
        let moves = replay.events.dropFirst().map(\.event)
        #expect(moves.allSatisfy { $0.type == "MOBILITY" && $0.eventOther == nil })
        #expect(moves.compactMap(\.eventMobility).map(\.elementName) == ["ue2", "ue1", "ue2", "ue1"])
        #expect(moves.compactMap(\.eventMobility).map(\.dest) == ["w2", "poa-b", "w3", "poa-c"])
        #expect(replay.description?.contains("4 handovers of 2 UEs") == true)
    }

    /// The JSON has AdvantEDGE's field names and nesting, checked against the schema derived from
    /// its Swagger definitions by an independent validator.
    @Test func jsonMatchesTheSchema() throws {
        let text = try AdvantEDGEReplay.make(from: Self.plan).replay.encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["description", "events"])
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(Set(events[1].keys) == ["index", "time", "event"])
        let event = try #require(events[1]["event"] as? [String: Any])
        #expect(event["type"] as? String == "MOBILITY")
        #expect(event["eventMobility"] as? [String: String] == ["elementName": "ue2", "dest": "w2"])
        #expect(text.contains("\"time\": 6910\n"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try text.write(to: file, atomically: true, encoding: .utf8)
        try ReplaySchemaValidator.validate([file.path])
    }

    @Test func timesOutsideTheReplay() throws {
        var late = Self.plan
        late.timeline = [Self.handover("ue1", at: 3e6, from: "a", to: "b")]
        #expect(throws: ReplayExportError.self) { try AdvantEDGEReplay.make(from: late) }
        late.timeline = [Self.handover("ue1", at: -1, from: "a", to: "b")]
        #expect(throws: ReplayExportError.self) { try AdvantEDGEReplay.make(from: late) }
    }
}
