import ArgumentParser
import Diagnostics
import EdgeModel
import Foundation
import Frontend
import Planner

/// `edgeplan explain`: every candidate of one user, its terms, and why the others were dropped.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract:
            "Show one user's candidate (base station, server) pairs with every term of their objective, and why the other pairs were dropped.",
        discussion: """
            For each kept pair: RSSI now and at t', the processing, transmission and propagation \
            delay at t', the pre-migration, migration and handover times, the downtime and the \
            objective term. For each dropped pair: the reason (RSSI rule, no path, hard SLA, \
            migration impossible). Nothing is solved.
            """)

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "The id of the user to explain.")
    var user: String

    @Option(name: .long, help: "The planning time t in seconds after the epoch.")
    var at: Double = 0

    @Option(name: .long, help: "Output format: text (tables) or json.")
    var format: DiagnosticsFormat = .text

    func validate() throws {
        if let problem = InputBounds.instantProblem(at, option: "--at") { throw ValidationError(problem) }
    }

    func run() throws {
        let problem = try input.loadProblem()
        guard let index = problem.workload.users.firstIndex(where: { $0.id == user }) else {
            let ids = problem.workload.users.map(\.id)
            let hint = Suggestions.closest(to: user, in: ids).map { "; did you mean \"\($0)\"?" } ?? ""
            throw ValidationError("no user \"\(user)\" in the workload\(hint)")
        }
        let generator = CandidateGenerator(
            problem: problem, paths: PathCache(topology: problem.topology), time: Seconds(at))
        let explanation = generator.candidates(forUser: index, recordDropped: true)
        switch format {
        case .text:
            StandardStreams.writeOutput(
                ExplainReport.text(problem: problem, generator: generator, explanation: explanation))
        case .json:
            StandardStreams.writeOutput(
                try ExplainReport.json(problem: problem, generator: generator, explanation: explanation))
        }
    }
}
