import ArgumentParser
import EdgeModel
import Foundation
import Frontend

/// `edgeplan check`: validate the inputs and summarise the problem.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate inputs and print a summary of the problem they describe.",
        discussion: """
            Reports every error of every file (path:line:column: error: message [id]) and exits 1 if there \
            is any; warnings do not fail the check. For a valid problem it prints the counts of base \
            stations, servers by tier, users and apps, the base station–server pairs with no path, and for \
            each user the number of candidate (base station, server) pairs after the RSSI rule of the \
            policy and reachability, at t = 0 s.
            """)

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Summary format on standard output: text or json.")
    var format: DiagnosticsFormat = .text

    @Flag(name: .long, help: "List the candidates of every user, not only the first \(CheckReport.defaultUserRows).")
    var allUsers = false

    @Flag(
        name: .long,
        help:
            "Print the fully resolved documents (every default filled in, every quantity in base units) as YAML instead of the summary."
    )
    var resolved = false

    func run() throws {
        let result = ProblemLoader.load(paths: input.paths, options: input.loadOptions)
        DiagnosticsPrinter.print(result, format: input.diagnostics)
        guard let problem = result.problem, let summary = result.summary else { throw ExitCode(1) }
        if resolved {
            StandardStreams.writeOutput(ResolvedDocuments.render(problem))
            return
        }
        switch format {
        case .text:
            StandardStreams.writeOutput(CheckReport.text(problem: problem, summary: summary, allUsers: allUsers))
        case .json:
            StandardStreams.writeOutput(CheckReport.json(problem: problem, summary: summary))
        }
    }
}
