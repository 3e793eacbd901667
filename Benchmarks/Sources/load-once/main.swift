// One ProblemLoader.load of a scenario, with its wall-clock time and the process's peak RSS: a small
// release driver for profilers (perf, valgrind --tool=callgrind) outside the benchmark harness.
//   swift build -c release --product load-once
//   .build/release/load-once [DIR]   (without DIR: generates the benchmark scenario first)
import Diagnostics
import Foundation
import Frontend
import ScenarioGenerator

func peakResidentKiB() -> Int {
    // VmHWM of /proc/self/status: the high-water mark of the resident set.
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? -1
    }
    return -1
}

var directory: String
var generated: String?
if CommandLine.arguments.count > 1 {
    directory = CommandLine.arguments[1]
} else {
    let parameters = ScenarioParameters.benchmark
    directory = ScenarioGenerator.temporaryDirectory(for: parameters)
    let scenario = try ScenarioGenerator.generate(parameters, into: directory)
    print(scenario.description)
    generated = directory
}
let before = peakResidentKiB()
let clock = ContinuousClock()
let start = clock.now
let result = ProblemLoader.load(paths: [directory], options: LoadOptions())
let elapsed = clock.now - start
let errors = result.diagnostics.filter { $0.severity == .error }
print("ProblemLoader.load: \(elapsed), peak RSS \(peakResidentKiB()) KiB (before the load: \(before) KiB)")
print("problem: \(result.problem != nil ? "valid" : "none"), \(errors.count) errors, \(result.diagnostics.count - errors.count) warnings")
for diagnostic in result.diagnostics.prefix(10) { print("  \(diagnostic.headline) [\(diagnostic.id)]") }
if let generated { try? FileManager.default.removeItem(atPath: generated) }
exit(result.problem != nil && errors.isEmpty ? 0 : 1)
