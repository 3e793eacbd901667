import ArgumentParser
import Foundation
import Plan

/// `edgeplan timeline`: a plan's actions in time order, for people.
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline", abstract: "Print a plan's actions in time order as a table.",
        discussion: """
            Exit status: 0, 1 when the plan cannot be read (as for every command that reads plans; \
            docs/reliability.md), 64 on a usage error.
            """)

    @Argument(help: "A plan written by edgeplan compile -o (\"-\" for standard input).")
    var plan: String

    func run() throws {
        StandardStreams.writeOutput(Self.render(try PlanReading.read(plan)))
    }

    static func render(_ plan: Plan) -> String {
        var out =
            "plan of policy \"\(plan.policy)\" (\(plan.coordination)), solver \(plan.solver.backend) \(plan.solver.status)"
        out += plan.epoch.map { ", epoch \($0)" } ?? ""
        out +=
            "; \(plan.timeline.count) actions for \(plan.decisions.filter { !$0.actions.isEmpty }.count) of \(plan.decisions.count) users\n"
        var rows = [
            plan.epoch == nil
                ? ["at (s)", "until (s)", "user", "action", "details"]
                : ["at (s)", "until (s)", "wall clock", "user", "action", "details"]
        ]
        let lateUsers = Set(plan.decisions.filter(\.late).map(\.user))
        for entry in plan.timeline {
            let action = entry.action
            var details: String
            if action.type == "handover" {
                details = "\(action.fromBS ?? "?") → \(action.toBS ?? "?")"
            } else {
                let megabytes = Double(action.bytes ?? 0) / 1e6
                details = "\(action.source ?? "?") → \(action.target ?? "?"), \(String(format: "%.2f", megabytes)) MB"
            }
            if lateUsers.contains(entry.user) { details += " (late)" }
            var row = [String(format: "%.3f", action.at), String(format: "%.3f", action.at + action.duration)]
            if plan.epoch != nil { row.append(action.atTime ?? "") }
            row += [entry.user, action.type, details]
            rows.append(row)
        }
        out += TextTable.render(rows, indent: "  ")
        return out
    }
}
