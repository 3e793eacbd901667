import ArgumentParser
import Foundation
import Plan
import Report

/// `edgeplan report`: a plan drawn as one self-contained HTML page.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Draw a plan as one self-contained HTML page: a map, a timeline, the solver's figures, what-ifs.",
        discussion: """
            The map shows the base stations with their coverage at the policy's rssiMin, servers by \
            tier, links, and every user's path over the plan's span with its handovers and \
            migrations; the timeline has a row per user and a bar per action. The page fetches \
            nothing and opens offline; the same inputs give the same bytes. See docs/report.md.
            """)

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "The plan to draw (written by compile -o or plan -o), made from these inputs.")
    var plan: String

    @Option(
        name: .long,
        help:
            "A what-if file: a JSON array of scenarios, base first ({name, planner, inputs, changes, failure?, overall, objective?, ...}); adds a bar chart per metric."
    )
    var whatif: String?

    @Option(
        name: [.short, .long],
        help: "Write the page to this path (\"-\" for standard output), whole or not at all.")
    var output: String

    func validate() throws {
        if output.isEmpty { throw ValidationError("-o needs a path (\"-\" for standard output)") }
    }

    func run() throws {
        try OutputFile.check(output)
        let problem = try input.loadProblem()
        let decoded = try PlanReading.read(plan)
        var scenarios: [WhatIfScenario]?
        if let whatif {
            do {
                scenarios = try WhatIfFile.read(whatif)
            } catch {
                StandardStreams.writeError("\(error.description)\n")
                throw ExitCode(1)
            }
        }
        let report = HTMLReport(problem: problem, plan: decoded, whatIf: scenarios)
        for warning in report.warnings { StandardStreams.writeError("\(plan): warning: \(warning)\n") }
        try AtomicFile.write(report.html, to: output)
    }
}
