import ArgumentParser
import EdgeModel
import Foundation
import Frontend
import Plan
import Simulation

/// `edgeplan simulate`: replay a plan against the users' true motion.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract:
            "Replay a plan against the users' true motion and report delay, downtime, migrations, handovers, bytes and SLA violations.",
        discussion: """
            Each user's base station and server change when the plan's handovers and migrations \
            finish; while one runs, and while the user hears its base station below rssiMin, the \
            service is down. Tasks (one every 1/rate s) are served in between with the delay of \
            eq. 4 at the true position. Per user and overall: mean and 95th-percentile E2E delay, \
            downtime, migrations, handovers, bytes moved, SLA violations.
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var span: SpanOptions

    @Option(name: .long, help: "The plan to replay (written by compile -o or plan -o).")
    var plan: String

    @Option(name: .long, help: "Output format: text or json.")
    var format: DiagnosticsFormat = .text

    func run() throws {
        let (problem, sources) = try input.loadProblemAndSources()
        let decoded = try PlanReading.read(plan)
        let end = try span.end(for: problem)
        try Self.checkReplay(problem, from: span.from, to: end, input: input, sources: sources)
        let report = Simulator.replay(problem: problem, plan: decoded, startSeconds: span.from, endSeconds: end)
        switch format {
        case .text: StandardStreams.writeOutput(ReplayTable.text([report], perUser: true))
        case .json: StandardStreams.writeOutput(try ReplayTable.json([report]))
        }
    }

    /// Stops before a replay past its bounds (`ReplayBounds`): a span too long to sample is a usage
    /// error naming the options; too many tasks an error at the task rate that sends the most.
    static func checkReplay(
        _ problem: Problem, from start: Double, to end: Double, input: InputOptions, sources: [String: String]
    ) throws {
        let bounds = ReplayBounds(problem: problem, startSeconds: start, endSeconds: end)
        if let message = bounds.spanProblem { throw ValidationError(message) }
        try input.stop(on: bounds.taskProblem(problem).map { [$0] } ?? [], sources: sources)
    }
}

/// `edgeplan compare`: plan the same span with every planner and replay each plan.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract:
            "Plan the same span with the orchestrated, nearest, random and cloud planners and replay each plan on the same motion."
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var span: SpanOptions

    @Option(name: .long, help: "Seconds between planning epochs.")
    var step: Double = 1

    @Option(name: .long, help: "Seed of the random planner.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Output format: text or json.")
    var format: DiagnosticsFormat = .text

    func validate() throws {
        try SpanOptions.validate(step: step)
    }

    func run() throws {
        let (problem, sources) = try input.loadProblemAndSources()
        let end = try span.end(for: problem)
        try span.checkEpochs(end: end, step: step, problem: problem)
        try SimulateCommand.checkReplay(problem, from: span.from, to: end, input: input, sources: sources)
        var reports: [ReplayReport] = []
        for planner in [PlannerKind.orchestrated, .nearest, .random, .cloud] {
            let planned = try PlanCommand.plan(
                problem, span: span, planner: planner, step: step, seed: seed, solver: nil)
            try input.stop(on: planned.faults, sources: sources)
            reports.append(
                Simulator.replay(problem: problem, plan: planned.plan, startSeconds: span.from, endSeconds: end))
        }
        switch format {
        case .text: StandardStreams.writeOutput(ReplayTable.text(reports, perUser: false))
        case .json: StandardStreams.writeOutput(try ReplayTable.json(reports))
        }
    }
}

/// Renders replays.
enum ReplayTable {
    static func text(_ reports: [ReplayReport], perUser: Bool) -> String {
        var rows = [
            [
                reports.count > 1 ? "planner" : "user", "tasks", "served", "mean delay", "p95 delay", "downtime",
                "out of coverage",
                "migrations", "handovers", "moved", "delay > SLA", "downtime > SLA",
            ]
        ]
        func row(_ label: String, _ m: ReplayMetrics) -> [String] {
            [
                label, String(m.tasks), String(m.served), String(format: "%.1f ms", m.meanDelaySeconds * 1000),
                String(format: "%.1f ms", m.p95DelaySeconds * 1000), String(format: "%.2f s", m.downtimeSeconds),
                String(format: "%.1f s", m.outOfCoverageSeconds), String(m.migrations), String(m.handovers),
                String(format: "%.1f MB", Double(m.bytesMoved) / 1e6), String(m.delayViolations),
                String(m.downtimeViolations),
            ]
        }
        for report in reports {
            if perUser { for user in report.users { rows.append(row(user.user, user)) } }
            rows.append(row(reports.count > 1 ? report.planner : "overall", report.overall))
        }
        let span =
            reports.first.map {
                "replayed from \(CheckReport.format($0.startSeconds)) s to \(CheckReport.format($0.endSeconds)) s\n"
            } ?? ""
        return span + TextTable.render(rows)
    }

    static func json(_ reports: [ReplayReport]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(reports), as: UTF8.self) + "\n"
    }
}
