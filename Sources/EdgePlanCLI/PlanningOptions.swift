public import ArgumentParser
import EdgeModel
import Foundation
import MILP

extension PlannerKind: ExpressibleByArgument {}

/// Options of the commands that plan or replay a span of time.
struct SpanOptions: ParsableArguments {
    @Option(name: .long, help: "Start of the span, seconds after the epoch.")
    var from: Double = 0

    @Option(name: .long, help: "End of the span, seconds after the epoch (default: the last trajectory waypoint).")
    var to: Double?

    func validate() throws {
        // Times beyond the bound overflowed the replay's counts (a trap at --to 1e300) or never ended.
        if let problem = InputBounds.instantProblem(from, option: "--from") { throw ValidationError(problem) }
        if let to, let problem = InputBounds.instantProblem(to, option: "--to") { throw ValidationError(problem) }
        if let to, !(to > from) { throw ValidationError("--to must come after --from") }
    }

    /// The span's end: `--to`, or when the last trajectory ends.
    func end(for problem: Problem) throws -> Double {
        if let to { return to }
        guard let end = InputBounds.lastWaypoint(of: problem.workload.users)?.seconds, end > from else {
            throw ValidationError("no trajectory says when the span ends: give --to")
        }
        return end
    }

    /// Checks `--step` and the number of epochs of the span (`InputBounds.maximumEpochs`): a usage
    /// error naming the options, and the user whose trajectory ends the span when no option does.
    func checkEpochs(end: Double, step: Double, problem: Problem) throws {
        let source =
            to == nil
            ? InputBounds.lastWaypoint(of: problem.workload.users).map { "the end of user \"\($0.user)\"'s trajectory" }
            : nil
        if let message = InputBounds.spanProblem(from: from, to: end, step: step, endSource: source) {
            throw ValidationError(message)
        }
    }

    /// Checks `--step` alone, before the inputs are read.
    static func validate(step: Double) throws {
        if !(step >= InputBounds.minimumStepSeconds && step <= InputBounds.maximumSeconds) {
            throw ValidationError(
                "--step must be a number of seconds in [\(InputBounds.text(InputBounds.minimumStepSeconds)), \(InputBounds.text(InputBounds.maximumSeconds))], found \(step)"
            )
        }
    }
}

/// Progress on standard error: a bar on a terminal, a line every tenth otherwise.
final class ProgressReporter {
    private let label: String
    private let isTerminal = isatty(2) != 0
    private var lastTenth = -1

    init(label: String) { self.label = label }

    func report(_ fraction: Double) {
        let clamped = max(0, min(1, fraction))
        if isTerminal {
            let width = 30
            let filled = Int(clamped * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            StandardStreams.writeError("\r\(label) [\(bar)] \(Int(clamped * 100))%" + (clamped >= 1 ? "\n" : ""))
        } else {
            let tenth = Int(clamped * 10)
            if tenth > lastTenth {
                lastTenth = tenth
                StandardStreams.writeError("\(label): \(tenth * 10)%\n")
            }
        }
    }
}
