import Diagnostics
public import Foundation
import InputFiles

/// Why a plan could not be read: `path[:line:column]: error: message`, the one form every command
/// that reads plans (timeline, simulate, report, execute, export) prints, with exit status 1.
public struct PlanReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    /// Where in the file, when the problem is at a place (1-based; columns in Unicode scalars).
    public let line: Int?
    public let column: Int?
    public let message: String

    public var description: String {
        let place = line.flatMap { line in column.map { ":\(line):\($0)" } } ?? ""
        return "\(path)\(place): error: \(message)"
    }
}

/// The one reader of plan files.
public enum PlanFile {
    /// The plan at `path` ("-": standard input).
    public static func read(_ path: String) throws(PlanReadError) -> Plan {
        let data: Data
        let limit = RegularFile.maximumJSONBytes
        let tooLarge = PlanReadError(
            path: path == "-" ? "<stdin>" : path, line: nil, column: nil,
            message:
                "cannot read the plan: it is larger than \(limit) bytes, more than this machine's memory can decode (a sixteenth of it)"
        )
        do {
            // Standard input may be endless (`< /dev/zero`), and a FIFO or a device is refused
            // rather than waited on or read for ever: both are read up to the limit.
            data =
                path == "-"
                ? try DescriptorReading.readAll(STDIN_FILENO, maximumBytes: limit)
                : try RegularFile.contents(of: path, maximumBytes: limit)
        } catch .tooLarge {
            throw tooLarge
        } catch {
            throw PlanReadError(
                path: path == "-" ? "<stdin>" : path, line: nil, column: nil, message: "cannot read the plan: \(error)")
        }
        return try decode(data, path: path == "-" ? "<stdin>" : path)
    }

    /// The plan in `data`, read from `path` (used only in messages).
    public static func decode(_ data: Data, path: String) throws(PlanReadError) -> Plan {
        // The version first: a plan of another version is named as such, not by the first field
        // whose shape changed.
        if let version = (try? JSONDecoder().decode(VersionProbe.self, from: data))?.schemaVersion,
            version != Plan.schemaVersion
        {
            let position = JSONDecodeProblem.position(of: ["schemaVersion"], in: data)
            throw PlanReadError(
                path: path, line: position?.line, column: position?.column,
                message:
                    "plan schema version \(DiagnosticText.quote(version, limit: 20)) is not one this edgeplan reads (\"\(Plan.schemaVersion)\")"
            )
        }
        let plan: Plan
        do {
            plan = try JSONDecoder().decode(Plan.self, from: data)
        } catch {
            let problem = JSONDecodeProblem.describe(error, in: data)
            let place = problem.documentPath.map { "\($0): " } ?? ""
            let hint = problem.documentPath == nil ? " (docs/plan-format.md describes plans)" : ""
            throw PlanReadError(
                path: path, line: problem.line, column: problem.column,
                message: "not an edgeplan plan: \(place)\(problem.message)\(hint)")
        }
        let problems = unacceptedValues(plan)
        if let first = problems.first {
            let position = JSONDecodeProblem.position(of: first.path, in: data)
            let others =
                problems.count == 2
                ? " (and 1 more value not accepted)"
                : problems.count > 2 ? " (and \(problems.count - 1) more values not accepted)" : ""
            throw PlanReadError(
                path: path, line: position?.line, column: position?.column,
                message: "plan value not accepted: \(JSONDecodeProblem.documentPath(of: first.path)): \(first.message)\(others)")
        }
        return plan
    }

    /// Times in a plan lie within ±10^12 s (about 31,700 years): below 2^53 ms they keep
    /// millisecond precision, which the executor's schedule and the replay export rely on, and
    /// garbage such as 1e300 is named instead of waited for (docs/reliability.md). A plan edgeplan
    /// writes lies far within: its decision times are bounded as the inputs' (±10^9 s).
    public static let maximumSeconds = 1e12
    /// Bytes of one action: any whole number an Int64 holds, not negative.
    public static let maximumBytes = Int64.max

    /// Every time in the plan outside its bound and every text holding a control character, with
    /// where it is (object keys and array indices).
    static func unacceptedValues(_ plan: Plan) -> [(path: [String], message: String)] {
        var problems: [(path: [String], message: String)] = []
        func seconds(_ value: Double, _ path: [String], nonNegative: Bool = false) {
            let lowest = nonNegative ? 0 : -maximumSeconds
            guard !(value >= lowest && value <= maximumSeconds) else { return }
            problems.append(
                (path, "expected seconds from \(nonNegative ? "0" : "-1e12") to 1e12, found \(value)"))
        }
        // Names are printed in tables and filled into executors' commands: no terminal escapes.
        func text(_ value: String?, _ path: [String]) {
            guard let value, let unsafe = value.unicodeScalars.first(where: DiagnosticText.isUnsafe) else { return }
            problems.append((path, "expected text without control characters, found \(DiagnosticText.codePoint(unsafe))"))
        }
        func action(_ action: Plan.Action, _ path: [String]) {
            seconds(action.at, path + ["at"])
            seconds(action.duration, path + ["duration"], nonNegative: true)
            text(action.type, path + ["type"])
            text(action.atTime, path + ["atTime"])
            text(action.source, path + ["source"])
            text(action.target, path + ["target"])
            text(action.fromBS, path + ["fromBS"])
            text(action.toBS, path + ["toBS"])
        }
        text(plan.epoch, ["epoch"])
        text(plan.policy, ["policy"])
        text(plan.planner, ["planner"])
        text(plan.coordination, ["coordination"])
        text(plan.generator.name, ["generator", "name"])
        text(plan.generator.version, ["generator", "version"])
        text(plan.solver.backend, ["solver", "backend"])
        text(plan.solver.status, ["solver", "status"])
        for (index, input) in plan.inputs.enumerated() { text(input.path, ["inputs", String(index), "path"]) }
        seconds(plan.planningTime, ["planningTime"])
        seconds(plan.horizon, ["horizon"], nonNegative: true)
        seconds(plan.solver.seconds, ["solver", "seconds"], nonNegative: true)
        for (index, decision) in plan.decisions.enumerated() {
            let path = ["decisions", String(index)]
            seconds(decision.decidedAt, path + ["decidedAt"])
            text(decision.user, path + ["user"])
            text(decision.app, path + ["app"])
            text(decision.change, path + ["change"])
            text(decision.from.bs, path + ["from", "bs"])
            text(decision.from.server, path + ["from", "server"])
            text(decision.to.bs, path + ["to", "bs"])
            text(decision.to.server, path + ["to", "server"])
            for (actionIndex, entry) in decision.actions.enumerated() {
                action(entry, path + ["actions", String(actionIndex)])
            }
        }
        for (index, entry) in plan.timeline.enumerated() {
            text(entry.user, ["timeline", String(index), "user"])
            action(entry.action, ["timeline", String(index)])
        }
        return problems
    }

    /// Just the version of a plan-like object.
    private struct VersionProbe: Decodable {
        let schemaVersion: String?
    }
}
