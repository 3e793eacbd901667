import Foundation
import MILP
import Planner
import Solving

/// Progress lines of a compile on standard error: a line per phase as it ends, per pricing round,
/// and the solver's incumbent, bound and gap as they improve (at most one line a second unless the
/// incumbent changed). Only on a terminal: piped output stays as it was.
final class CompileProgress: @unchecked Sendable {
    let isEnabled: Bool
    private let lock = NSLock()
    private var lastSolverLine = -Double.infinity
    private var lastIncumbent: Double?
    private let stopwatch = Stopwatch()

    init(enabled: Bool = isatty(2) != 0) { isEnabled = enabled }

    /// The observer to hand the compiler; empty when disabled.
    var observer: CompileObserver {
        guard isEnabled else { return CompileObserver() }
        return CompileObserver(
            phase: { [self] name, seconds in phase(name, seconds: seconds) },
            pricing: { [self] progress in pricing(progress) }, solver: { [self] progress in solver(progress) })
    }

    func phase(_ name: String, seconds: Double) {
        guard isEnabled else { return }
        line(String(format: "%@: %.2f s", name, seconds))
    }

    func pricing(_ progress: PricingProgress) {
        var text =
            "\(progress.phase) round \(progress.round): \(progress.columns) columns, LP \(Self.number(progress.lpObjective))"
        if let bound = progress.bound { text += ", bound of the whole program \(Self.number(bound))" }
        line(text)
    }

    func solver(_ progress: SolverProgress) {
        lock.lock()
        let now = stopwatch.seconds
        let improved = progress.incumbent != nil && progress.incumbent != lastIncumbent
        guard improved || now - lastSolverLine >= 1 else {
            lock.unlock()
            return
        }
        lastSolverLine = now
        lastIncumbent = progress.incumbent
        lock.unlock()
        var text =
            "solving\(progress.part.map { " \($0)" } ?? ""): incumbent \(progress.incumbent.map(Self.number) ?? "none")"
        text += ", bound \(progress.bound.map(Self.number) ?? "none")"
        if let gap = RelativeGap.between(objective: progress.incumbent, bound: progress.bound) {
            text += String(format: ", gap %.2g", gap)
        }
        text += String(format: " (%.1f s)", progress.seconds)
        line(text)
    }

    private func line(_ text: String) {
        StandardStreams.writeError("edgeplan: \(text)\n")
    }

    static func number(_ value: Double) -> String { String(format: "%.10g", value) }
}
