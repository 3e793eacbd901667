import Foundation
import Plan
import TestSupport
import Testing

/// A scratch directory for `edgeplan execute` tests: hook scripts that record what they were run
/// with, plans, and a way to run edgeplan there (its commands inherit the directory).
struct ExecuteFixture {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgeplan-execute-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try script("record", Self.recorder)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Writes an executable shell script.
    func script(_ name: String, _ body: String) throws {
        try ("#!/bin/sh\n" + body).write(toFile: path(name), atomically: true, encoding: .utf8)
        chmod(path(name), 0o755)
    }

    /// The recorder: one line per run in records.txt, written with one `printf` so concurrent
    /// runs do not mix: start time (`date +%s.%N`), EDGEPLAN_ACTION, EDGEPLAN_USER, then the
    /// arguments, tab-separated. `EXEC_FAIL_USER` makes that user's runs fail with a message on
    /// stderr; `EXEC_SLEEP_USER` makes them sleep in a child, writing both process ids first.
    static let recorder = #"""
        now=$(date +%s.%N)
        dir=$(dirname "$0")
        line="$now	$EDGEPLAN_ACTION	$EDGEPLAN_USER"
        for argument in "$@"; do line="$line	$argument"; done
        printf '%s\n' "$line" >> "$dir/records.txt"
        if [ "$EDGEPLAN_USER" = "$EXEC_FAIL_USER" ]; then echo "boom: disk full on $EDGEPLAN_TARGET" >&2; exit 3; fi
        if [ "$EDGEPLAN_USER" = "$EXEC_SLEEP_USER" ]; then
            sleep 30 &
            echo "$$ $!" > "$dir/sleeper.pids"
            wait
        fi
        """#

    /// One line of records.txt.
    struct Record {
        let time: Double
        let type: String
        let user: String
        let arguments: [String]
    }

    var records: [Record] {
        guard let text = try? String(contentsOfFile: path("records.txt"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Record(
                time: Double(fields[0]) ?? .nan, type: fields[1], user: fields[2], arguments: Array(fields.dropFirst(3))
            )
        }
    }

    /// The journal's lines as objects.
    func journal(_ name: String = "journal.jsonl") throws -> [[String: Any]] {
        try String(contentsOfFile: path(name), encoding: .utf8).split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// Writes a plan by hand (one decision per entry), checked against the schema.
    func writePlan(_ name: String, _ decisions: [(user: String, actions: [(type: String, at: Double)])]) throws {
        let built = decisions.map { decision in
            Plan.Decision(
                user: decision.user, app: "openface", decidedAt: 0, from: .init(bs: "ap1", server: "edge1"),
                to: .init(bs: "ap2", server: "edge2"), change: "handover+migration", gain: 1, gainPerTask: 0.001,
                downtime: 0.5, objective: 0.5, late: false,
                actions: decision.actions.map {
                    $0.type == "handover"
                        ? Plan.Action(type: $0.type, at: $0.at, atTime: nil, duration: 0.5, fromBS: "ap1", toBS: "ap2")
                        : Plan.Action(
                            type: $0.type, at: $0.at, atTime: nil, duration: 0.5, source: "edge1", target: "edge2",
                            bytes: 7_940_000)
                })
        }
        let timeline = built.flatMap { decision in
            decision.actions.map { Plan.TimelineEntry(user: decision.user, action: $0) }
        }.sorted { $0.action.at < $1.action.at }
        let plan = Plan(
            generator: .init(name: "edgeplan", version: "0.1.0"), epoch: nil, planningTime: 0, horizon: 30,
            inputs: [.init(path: "written-by-hand", sha256: String(repeating: "0", count: 64))],
            policy: "hand", policyBuiltIn: false, planner: "orchestrated", coordination: "coordinated",
            solver: .init(
                backend: "cbc", status: "optimal", objective: 1, bound: 1, gap: 0, seconds: 0, variables: 1,
                constraints: 1),
            decisions: built, timeline: timeline)
        try plan.encoded().write(to: URL(fileURLWithPath: path(name)))
        try PlanSchemaValidator.validate([path(name)])
    }

    /// Starts edgeplan in the directory with `environment` added; `wait` collects its output.
    func start(_ arguments: [String], environment: [String: String] = [:]) throws -> RunningEdgePlan {
        let process = Process()
        process.executableURL = EdgePlanRunner.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        let output = directory.appendingPathComponent("out-\(UUID()).txt")
        let errors = directory.appendingPathComponent("err-\(UUID()).txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        return RunningEdgePlan(process: process, output: output, errors: errors)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> EdgePlanRunner.Output {
        try start(arguments, environment: environment).wait()
    }

    /// Polls until `condition` holds, for at most `seconds`.
    static func waitUntil(seconds: Double = 10, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            if Date() > deadline { return false }
            usleep(10_000)
        }
        return true
    }

    /// The process has exited: no such process, or a zombie (this container's init may not reap
    /// orphans, but a zombie runs nothing).
    static func isGone(_ processID: Int32) -> Bool {
        guard kill(processID, 0) == 0 else { return true }
        let stat = (try? String(contentsOfFile: "/proc/\(processID)/stat", encoding: .utf8)) ?? ""
        return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
    }
}

/// An edgeplan started in the background, with output in files (no pipe to fill).
struct RunningEdgePlan {
    let process: Process
    let output: URL
    let errors: URL

    func wait() -> EdgePlanRunner.Output {
        process.waitUntilExit()
        return EdgePlanRunner.Output(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: output, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }
}
