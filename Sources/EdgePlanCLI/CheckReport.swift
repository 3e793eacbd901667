import EdgeModel
import Foundation
import Frontend

/// Renders the summary of `edgeplan check`.
enum CheckReport {
    static let defaultUserRows = 20

    static func text(problem: Problem, summary: ProblemSummary, allUsers: Bool) -> String {
        let topology = problem.topology
        let policy = problem.policy
        let tiers = ServerTier.allCases.map { "\(summary.serversByTier[$0] ?? 0) \($0.rawValue)" }.joined(
            separator: ", ")
        var out = ""
        out +=
            "topology \"\(topology.name)\" (\(topology.coordinates.rawValue)): \(plural(summary.baseStations, "base station")), "
        out += "\(plural(topology.servers.count, "server")) (\(tiers)), \(plural(summary.links, "link"))\n"
        out += "apps: \(summary.appsDefined) defined, \(summary.appsUsed.count) used"
        out += summary.appsUsed.isEmpty ? "\n" : " (\(summary.appsUsed.joined(separator: ", ")))\n"
        out += "policy \"\(policy.name)\"\(policy.isBuiltIn ? " (built in)" : ""): planner \(policy.planner.rawValue), "
        out += "coordination \(policy.coordination.rawValue), rssiMin \(format(policy.rssiMin.value)) dBm, "
        out +=
            "rssiRule \(policy.rssiRule.rawValue), horizon \(format(policy.horizon.value)) s, solver \(policy.solver.backend.rawValue)\n"
        out +=
            "workload \"\(problem.workload.name)\": \(plural(summary.users, "user")), \(plural(summary.traces, "trace"))\n"
        let pairs = summary.baseStations * topology.servers.count
        out += "reachability: \(summary.unreachablePairs) of \(plural(pairs, "base station–server pair")) unreachable"
        out +=
            summary.isolatedServers.isEmpty
            ? "\n" : "; no base station reaches \(summary.isolatedServers.joined(separator: ", "))\n"
        guard !summary.perUser.isEmpty else { return out }
        out +=
            "candidates at t = \(format(summary.time.value)) s, t' = \(format(summary.time.value + policy.horizon.value)) s "
        out += "(RSSI rule \"\(policy.rssiRule.rawValue)\" and reachability):\n"
        let counts = summary.perUser.map(\.candidates).sorted()
        let total = counts.reduce(0, +)
        out +=
            "  total \(total), per user min \(counts.first ?? 0), median \(counts[counts.count / 2]), max \(counts.last ?? 0)"
        let none = counts.count { $0 == 0 }
        out += none > 0 ? "; \(plural(none, "user")) with none\n" : "\n"
        let rows = allUsers ? summary.perUser : Array(summary.perUser.prefix(defaultUserRows))
        let table =
            [["user", "attached", "base stations", "candidates"]]
            + rows.map { [$0.user, $0.attachment, String($0.keptBaseStations), String($0.candidates)] }
        out += TextTable.render(table, indent: "  ")
        if rows.count < summary.perUser.count {
            out += "  … \(summary.perUser.count - rows.count) more users (--all-users lists them)\n"
        }
        return out
    }

    static func json(problem: Problem, summary: ProblemSummary) -> String {
        let object: [String: Any] = [
            "topology": problem.topology.name,
            "coordinates": problem.topology.coordinates.rawValue,
            "baseStations": summary.baseStations,
            "servers": Dictionary(
                uniqueKeysWithValues: ServerTier.allCases.map { ($0.rawValue, summary.serversByTier[$0] ?? 0) }),
            "links": summary.links,
            "users": summary.users,
            "traces": summary.traces,
            "appsDefined": summary.appsDefined,
            "appsUsed": summary.appsUsed,
            "policy": problem.policy.name,
            "policyBuiltIn": problem.policy.isBuiltIn,
            "unreachablePairs": summary.unreachablePairs,
            "isolatedServers": summary.isolatedServers,
            "inaudibleBaseStations": summary.inaudibleBaseStations,
            "timeSeconds": summary.time.value,
            "candidates": summary.perUser.map {
                [
                    "user": $0.user, "attachment": $0.attachment, "baseStations": $0.keptBaseStations,
                    "candidates": $0.candidates,
                ]
                    as [String: Any]
            },
        ]
        let data =
            (try? JSONSerialization.data(
                withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        DiagnosticsPrinter.plural(count, noun)
    }

    /// Shortest round-trip form, without a trailing ".0" for whole numbers.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

/// Left-aligned columns separated by two spaces.
enum TextTable {
    static func render(_ rows: [[String]], indent: String = "") -> String {
        guard let width = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: width)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        return rows.map { row in
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            return indent + cells.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
