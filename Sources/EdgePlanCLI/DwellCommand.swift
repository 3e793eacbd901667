import ArgumentParser
import EdgeModel
import Foundation
import Simulation

/// How `dwell` groups the time users stay.
enum DwellGroup: String, ExpressibleByArgument, CaseIterable {
    case baseStation = "base-station"
    case zone
}

/// `edgeplan dwell`: the time a cell (or zone) leaves for a migration, along every trajectory.
struct DwellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dwell",
        abstract:
            "The time available for migration along every user's trajectory: how long users stay with a serving base station or zone.",
        discussion: """
            Each user's serving base station follows the policy's handover rule over time: kept while \
            its RSSI is at least rssiMin and no other leads it by the hysteresis, then the strongest. \
            A dwell is the time between two changes; the first and last visit of a trajectory are cut \
            by its ends and left out. Per cell and overall: mean, minimum, percentiles; and for each \
            app and migration strategy, the share of hand-offs to another server (the one nearest \
            each base station) whose migration would not fit the dwell that follows. See docs/dwell.md.
            """)

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Group by base-station or zone (the base stations' zone field).")
    var by: DwellGroup = .baseStation

    @Option(name: .long, help: "Output format: text or json (json has both groupings).")
    var format: DiagnosticsFormat = .text

    @Option(name: .long, help: "Seconds between samples of the motion (the dwell times' resolution).")
    var step: Double = 0.1

    @Option(name: .long, help: "Start of the span, seconds (default: each trajectory's start).")
    var from: Double?

    @Option(
        name: .long, help: "End of the span, seconds (default: each trajectory's end; needed for users without one).")
    var to: Double?

    func validate() throws {
        guard step.isFinite, step >= 0.001, step <= 3600 else {
            throw ValidationError("--step must lie in [0.001, 3600] seconds")
        }
        if let from, !from.isFinite { throw ValidationError("--from must be a finite number of seconds") }
        if let to, !to.isFinite { throw ValidationError("--to must be a finite number of seconds") }
        if let from, let problem = InputBounds.instantProblem(from, option: "--from") { throw ValidationError(problem) }
        if let to, let problem = InputBounds.instantProblem(to, option: "--to") { throw ValidationError(problem) }
        if let from, let to, !(to > from) { throw ValidationError("--to must come after --from") }
    }

    func run() throws {
        let problem = try input.loadProblem()
        let analysis = DwellAnalysis(problem: problem, stepSeconds: step)
        let samples = analysis.sampleCount(from: from, to: to)
        if samples > Double(InputBounds.maximumMotionSamples) {
            throw ValidationError(
                "sampling every user's motion every \(InputBounds.text(step)) s takes \(InputBounds.count(samples)) samples, more than edgeplan's \(InputBounds.maximumMotionSamples): give a larger --step or a shorter span (--from, --to)"
            )
        }
        let report = analysis.run(from: from, to: to)
        if by == .zone, report.byZone == nil {
            StandardStreams.writeError("edgeplan: error: --by zone, but no base station has a zone\n")
            throw ExitCode(1)
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            StandardStreams.writeOutput(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
        case .text:
            StandardStreams.writeOutput(DwellText.render(report, by: by))
        }
    }
}

/// `dwell` for people.
enum DwellText {
    static func render(_ report: DwellReport, by: DwellGroup) -> String {
        guard let grouping = by == .zone ? report.byZone : report.byBaseStation else { return "" }
        let label = by == .zone ? "zone" : "base station"
        var out =
            "dwell by \(label): \(report.users) users, sampled every \(CheckReport.format(report.stepSeconds)) s\n"
        var rows = [[label, "dwells", "mean", "min", "p5", "median", "p95", "max"]]
        func row(_ name: String, _ s: DwellStatistics) -> [String] {
            [name, String(s.samples)]
                + [s.meanSeconds, s.minSeconds, s.p5Seconds, s.p50Seconds, s.p95Seconds, s.maxSeconds].map {
                    $0.map { String(format: "%.2f s", $0) } ?? "-"
                }
        }
        rows.append(row("all", grouping.overall))
        for cell in grouping.cells.keys.sorted() {
            if let statistics = grouping.cells[cell] { rows.append(row(cell, statistics)) }
        }
        out += TextTable.render(rows)
        guard !grouping.viability.isEmpty else { return out }
        out += "hand-offs to another server whose migration does not fit the following dwell:\n"
        var viability = [["app", "strategy", "hand-offs", "T_mig too long", "T_pre + T_mig too long"]]
        for entry in grouping.viability {
            func share(_ count: Int, _ fraction: Double?) -> String {
                "\(count)" + (fraction.map { String(format: " (%.1f %%)", $0 * 100) } ?? "")
            }
            viability.append([
                entry.app, entry.strategy, String(entry.handOffs),
                share(entry.migrationTooLong, entry.migrationTooLongShare),
                share(entry.wholeMigrationTooLong, entry.wholeMigrationTooLongShare),
            ])
        }
        out += TextTable.render(viability)
        return out
    }
}
