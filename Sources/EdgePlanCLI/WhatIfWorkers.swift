import Foundation
import ProcessControl
import WhatIf

/// Runs scenarios in worker processes, this executable with the same arguments and
/// `--scenario K`, `jobs` at a time. Each scenario is computed alone, so the results are the same
/// whatever `jobs` is (apart from the seconds they took).
enum WhatIfWorkers {
    static func run(_ scenarios: [Scenario], of count: Int, jobs: Int) -> [ScenarioResult] {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        return boundedConcurrentMap(count: scenarios.count, limit: jobs) { position in
            let scenario = scenarios[position]
            return runOne(
                scenario, of: count, executable: executable,
                arguments: arguments + ["--scenario", String(scenario.index)])
        }
    }

    /// One worker process; a worker that fails becomes a failed scenario saying why.
    static func runOne(_ scenario: Scenario, of count: Int, executable: URL, arguments: [String]) -> ScenarioResult {
        var failed = ScenarioResult(
            index: scenario.index, scenarioCount: count, name: scenario.name,
            planner: scenario.planner?.rawValue ?? "(policy's)", changes: scenario.changes, mode: "none")
        let child: ChildProcess
        do {
            child = try ChildProcess(
                executable: executable.path, arguments: arguments, pipeInput: false, pipeOutput: true, pipeErrors: true)
        } catch {
            failed.failure = "could not start the worker: \(error)"
            return failed
        }
        // Read both pipes at once: a worker that fills one while we wait on the other would hang.
        let errors = BackgroundResult { child.readErrors() }
        let data = child.readOutput()
        let errorData = errors.wait()
        let termination = child.wait()
        if termination == .exited(0), let results = try? JSONDecoder().decode([ScenarioResult].self, from: data),
            let result = results.first
        {
            return result
        }
        let stderr = String(decoding: errorData, as: UTF8.self).suffix(2000)
        failed.failure = "the worker \(termination)" + (stderr.isEmpty ? "" : ":\n\(stderr)")
        return failed
    }
}
