// Planning over a trace: 200 vehicles driving a 7 × 7 grid of cells for 20 minutes (a generated
// SUMO FCD trace with 1 s samples), planned by the orchestrated planner with CBC, one epoch a
// second. Each measured iteration reads and validates the inputs (trace included) and plans the
// whole span; it prints its wall-clock time and peak memory. See docs/performance.md.
import Benchmark
import CBCBackend
import Diagnostics
import EdgeModel
import Foundation
import Frontend
import MILP
import Planner
import ScenarioGenerator

final class TraceDirectory: @unchecked Sendable {
    let path: String
    init(_ path: String) { self.path = path }
}

func planTrace(_ directory: String) -> (decisions: Int, solves: Int, unsolved: Int, stranded: Int)? {
    let result = ProblemLoader.load(paths: [directory], options: LoadOptions())
    guard let problem = result.problem else {
        for diagnostic in result.diagnostics.prefix(10) { print("  \(diagnostic.headline)") }
        return nil
    }
    let planner = OfflinePlanner(
        problem: problem, solver: CBCSolver(), options: MILPOptions(timeLimitSeconds: 30, relativeGap: 1e-4, threads: 1),
        generatorVersion: "benchmark")
    let planned = planner.run(OfflinePlanningOptions(startSeconds: 0, endSeconds: 1200, stepSeconds: 1, planner: .orchestrated))
    return (planned.plan.decisions.count, planned.solves, planned.unsolved, planned.stranded)
}

/// Where the scenario is generated: one directory per benchmark process.
let scenarioPath = NSTemporaryDirectory() + "/edgeplan-trace-benchmark-\(ProcessInfo.processInfo.processIdentifier)"

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration.timeUnits = .milliseconds
    Benchmark.defaultConfiguration.units = [.peakMemoryResident: .mega, .peakMemoryResidentDelta: .mega]

    Benchmark(
        "Plan a 200-vehicle, 20-minute trace (orchestrated, CBC)",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .peakMemoryResidentDelta],
            warmupIterations: 0, maxDuration: .seconds(120), maxIterations: 3)
    ) { benchmark, directory in
        guard let planned = planTrace(directory.path), planned.unsolved == 0 else {
            benchmark.error("planning the trace failed")
            return
        }
        blackHole(planned)
    } setup: { () -> TraceDirectory in
        let path = scenarioPath
        let bytes = try TraceScenario.generate(TraceScenarioParameters(), into: path)
        print("trace scenario: 200 vehicles, 1201 samples each, \(bytes) bytes of FCD XML, 49 cells and edge servers")
        if let planned = planTrace(path) {
            print("  \(planned.decisions) decisions, \(planned.solves) programs solved (\(planned.unsolved) without a solution), \(planned.stranded) stranded user-epochs")
        }
        return TraceDirectory(path)
    } teardown: {
        try? FileManager.default.removeItem(atPath: scenarioPath)
    }
}
