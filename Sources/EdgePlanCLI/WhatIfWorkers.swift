import Foundation
import ProcessControl
import WhatIf

/// Runs scenarios in worker processes, this executable with the same arguments and
/// `--scenario K`, `jobs` at a time. Each scenario is computed alone, so the results are the same
/// whatever `jobs` is (apart from the seconds they took).
enum WhatIfWorkers {
    static func run(_ scenarios: [Scenario], of count: Int, jobs: Int) -> [ScenarioResult] {
        let slots = ResultSlots(count: scenarios.count)
        let semaphore = DispatchSemaphore(value: jobs)
        let group = DispatchGroup()
        let arguments = Array(CommandLine.arguments.dropFirst())
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        for (position, scenario) in scenarios.enumerated() {
            semaphore.wait()
            group.enter()
            DispatchQueue.global().async {
                defer {
                    semaphore.signal()
                    group.leave()
                }
                slots.set(
                    position,
                    runOne(
                        scenario, of: count, executable: executable,
                        arguments: arguments + ["--scenario", String(scenario.index)]))
            }
        }
        group.wait()
        return slots.all
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
        let errorText = ErrorText()
        let reader = Thread {
            errorText.data = child.readErrors()
            errorText.done.signal()
        }
        reader.start()
        let data = child.readOutput()
        errorText.done.wait()
        let termination = child.wait()
        if termination == .exited(0), let results = try? JSONDecoder().decode([ScenarioResult].self, from: data),
            let result = results.first
        {
            return result
        }
        let stderr = String(decoding: errorText.data, as: UTF8.self).suffix(2000)
        failed.failure = "the worker \(termination)" + (stderr.isEmpty ? "" : ":\n\(stderr)")
        return failed
    }
}

/// Standard error of a worker, read on its own thread; `done` is signalled once it is all in.
private final class ErrorText: @unchecked Sendable {
    var data = Data()
    let done = DispatchSemaphore(value: 0)
}

/// Results of concurrent workers, in their scenarios' order.
private final class ResultSlots: @unchecked Sendable {
    private var results: [ScenarioResult?]
    private let lock = NSLock()

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ position: Int, _ result: ScenarioResult) {
        lock.lock()
        results[position] = result
        lock.unlock()
    }

    var all: [ScenarioResult] {
        lock.lock()
        defer { lock.unlock() }
        return results.compactMap { $0 }
    }
}
