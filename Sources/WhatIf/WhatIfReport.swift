import Foundation
import Simulation

/// The renderings of a what-if run: a table with deltas against the base, JSON and CSV.
public enum WhatIfReport {
    /// One compared figure: its column, how it is read from a result, and how it is written.
    struct Metric: Sendable {
        let title: String
        let csvName: String
        let value: @Sendable (ScenarioResult) -> Double?
        let format: @Sendable (Double) -> String
    }

    static let metrics: [Metric] = [
        Metric(
            title: "objective", csvName: "objective", value: { $0.objective }, format: { String(format: "%.4g s", $0) }),
        Metric(
            title: "migrations", csvName: "migrations", value: { $0.overall.map { Double($0.migrations) } },
            format: { String(format: "%.0f", $0) }),
        Metric(
            title: "handovers", csvName: "handovers", value: { $0.overall.map { Double($0.handovers) } },
            format: { String(format: "%.0f", $0) }),
        Metric(
            title: "downtime", csvName: "downtimeSeconds", value: { $0.overall?.downtimeSeconds },
            format: { String(format: "%.2f s", $0) }),
        Metric(
            title: "mean delay", csvName: "meanDelaySeconds", value: { $0.overall?.meanDelaySeconds },
            format: { String(format: "%.1f ms", $0 * 1000) }),
        Metric(
            title: "p95 delay", csvName: "p95DelaySeconds", value: { $0.overall?.p95DelaySeconds },
            format: { String(format: "%.1f ms", $0 * 1000) }),
        Metric(
            title: "SLA violations", csvName: "slaViolations",
            value: { $0.overall.map { Double($0.delayViolations + $0.downtimeViolations) } },
            format: { String(format: "%.0f", $0) }),
        Metric(
            title: "moved", csvName: "bytesMoved", value: { $0.overall.map { Double($0.bytesMoved) } },
            format: { String(format: "%.1f MB", $0 / 1e6) }),
        Metric(
            title: "servers used", csvName: "serversUsed", value: { $0.serversUsed.map(Double.init) },
            format: { String(format: "%.0f", $0) }),
        Metric(
            title: "solve", csvName: "solveSeconds", value: { $0.solveSeconds },
            format: { String(format: "%.2f s", $0) }),
    ]

    /// The base of a result's planner: the unchanged scenario run with the same planner.
    static func base(of result: ScenarioResult, in results: [ScenarioResult]) -> ScenarioResult? {
        results.first { $0.changes.isEmpty && $0.planner == result.planner && !$0.failed }
    }

    /// The status with its gap, as one cell.
    static func status(_ result: ScenarioResult) -> String {
        guard let status = result.status else { return "-" }
        guard let gap = result.gap, status != "none" else { return status }
        return gap == 0 ? "\(status), gap 0" : String(format: "%@, gap %.1e", status, gap)
    }

    /// The table: the base first, each figure with its change against the base in parentheses;
    /// failed scenarios say so, their messages after the table.
    public static func text(_ results: [ScenarioResult]) -> String {
        var rows = [["scenario", "planner", "mode", "status"] + metrics.map(\.title)]
        var failures: [String] = []
        for result in results {
            var row = [result.name, result.planner, result.mode]
            if let failure = result.failure {
                row.append("failed")
                row += metrics.map { _ in "-" }
                failures.append("\(result.name) (\(result.planner)):\n\(failure)")
            } else {
                row.append(status(result))
                let base = Self.base(of: result, in: results)
                for metric in metrics {
                    guard let value = metric.value(result) else {
                        row.append("-")
                        continue
                    }
                    var cell = metric.format(value)
                    if let base, base.index != result.index, let reference = metric.value(base) {
                        let delta = value - reference
                        cell += delta == 0 ? " (=)" : " (\(delta > 0 ? "+" : "−")\(metric.format(abs(delta))))"
                    }
                    row.append(cell)
                }
            }
            rows.append(row)
        }
        var out = table(rows)
        for failure in failures { out += "\nfailed: \(failure)\n" }
        return out
    }

    /// Columns padded to their widest cell, the first left-aligned.
    static func table(_ rows: [[String]]) -> String {
        guard let width = rows.first?.count else { return "" }
        let widths = (0..<width).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// The results as JSON: an array in scenario order, keys sorted (docs/whatif.md).
    public static func json(_ results: [ScenarioResult]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(results), as: UTF8.self) + "\n"
    }

    /// The results as CSV: one line per scenario, each figure and its change against the base.
    public static func csv(_ results: [ScenarioResult]) -> String {
        var header = ["scenario", "planner", "mode", "status", "gap"]
        header += metrics.map(\.csvName)
        header += metrics.map { $0.csvName + "Delta" }
        header += ["changes", "failure"]
        var lines = [header.map(quote).joined(separator: ",")]
        for result in results {
            let base = Self.base(of: result, in: results)
            var fields = [result.name, result.planner, result.mode, result.status ?? "", result.gap.map(number) ?? ""]
            fields += metrics.map { metric in metric.value(result).map(number) ?? "" }
            fields += metrics.map { metric in
                guard let value = metric.value(result), let base, let reference = metric.value(base) else { return "" }
                return number(value - reference)
            }
            fields += [result.changes.joined(separator: "; "), result.failure ?? ""]
            lines.append(fields.map(quote).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A number in Swift's shortest round-trip form, integers without ".0".
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Joining shards' results back into one run.
public enum WhatIfMerge {
    public struct MergeError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The results of every shard, in scenario order; every scenario exactly once, all from one
    /// enumeration (the same count), or an error saying which are missing or doubled.
    public static func merge(_ shards: [(file: String, results: [ScenarioResult])]) throws -> [ScenarioResult] {
        let all = shards.flatMap { shard in shard.results.map { (shard.file, $0) } }
        guard let count = all.first?.1.scenarioCount else { throw MergeError(description: "no scenarios to merge") }
        if let other = all.first(where: { $0.1.scenarioCount != count }) {
            throw MergeError(
                description:
                    "\(other.0): scenario \"\(other.1.name)\" comes from a run of \(other.1.scenarioCount) scenarios, the others from one of \(count): shards of different runs"
            )
        }
        var byIndex: [Int: (String, ScenarioResult)] = [:]
        for (file, result) in all {
            if let earlier = byIndex[result.index] {
                throw MergeError(
                    description:
                        "scenario \(result.index) (\"\(result.name)\") is in both \(earlier.0) and \(file): overlapping shards"
                )
            }
            byIndex[result.index] = (file, result)
        }
        let missing = (0..<count).filter { byIndex[$0] == nil }
        if !missing.isEmpty {
            let shown = missing.prefix(10).map(String.init).joined(separator: ", ")
            throw MergeError(
                description:
                    "scenarios \(shown)\(missing.count > 10 ? " and \(missing.count - 10) more" : "") of \(count) are in no shard"
            )
        }
        return (0..<count).compactMap { byIndex[$0]?.1 }
    }
}
