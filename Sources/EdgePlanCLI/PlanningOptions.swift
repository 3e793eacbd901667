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
        if let to, !(to > from) { throw ValidationError("--to must come after --from") }
    }

    /// The span's end: `--to`, or when the last trajectory ends.
    func end(for problem: Problem) throws -> Double {
        if let to { return to }
        let ends = problem.workload.users.compactMap { user -> Double? in
            if case .trajectory(let points) = user.motion { return points.last?.time.value }
            return nil
        }
        guard let end = ends.max(), end > from else {
            throw ValidationError("no trajectory says when the span ends: give --to")
        }
        return end
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
