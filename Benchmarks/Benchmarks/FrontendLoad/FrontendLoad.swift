// The front end at city scale: parse and validate a generated 10,000-user, 2,000-base-station
// problem with ProblemLoader.load. The scenario is generated once, before the measured region; each
// measured iteration reads, parses and validates it from the files. Target: under 2 s (see
// docs/performance.md). Run with ./run.sh from the Benchmarks directory.
import Benchmark
import Diagnostics
import Foundation
import Frontend
import ScenarioGenerator
import Yams

/// The generated files, shared by the benchmark's setup, iterations and teardown.
final class Scenario: @unchecked Sendable {
    let generated: GeneratedScenario
    init(_ generated: GeneratedScenario) { self.generated = generated }
}

/// Prints the first diagnostics of a failed load, to say why the generated inputs were refused.
func describe(_ result: LoadResult) -> String {
    let errors = result.diagnostics.filter { $0.severity == .error }
    var lines = ["ProblemLoader.load refused the generated scenario: \(errors.count) errors"]
    for diagnostic in result.diagnostics.prefix(20) { lines.append("  \(diagnostic.headline) [\(diagnostic.id)]") }
    return lines.joined(separator: "\n")
}

func isValid(_ result: LoadResult) -> Bool { result.problem != nil && !result.hasErrors }

/// The texts of the generated files, read before the measurement.
final class Texts: @unchecked Sendable {
    let texts: [String]
    init(_ texts: [String]) { self.texts = texts }

    static func generate() throws -> Texts {
        let parameters = ScenarioParameters.benchmark
        let directory = ScenarioGenerator.temporaryDirectory(for: parameters) + "-yaml"
        let generated = try ScenarioGenerator.generate(parameters, into: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return Texts(try generated.files.map { try String(contentsOfFile: $0, encoding: .utf8) })
    }
}

/// Composes every document of `texts` with Yams, as the front end's YAMLComposer does.
func compose(_ texts: [String], resolver: Resolver) throws -> Int {
    var nodes = 0
    for text in texts {
        let parser = try Parser(yaml: text, resolver: resolver)
        while let node = try parser.nextRoot() {
            blackHole(node)
            nodes += 1
        }
    }
    return nodes
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration.timeUnits = .milliseconds
    Benchmark.defaultConfiguration.units = [.peakMemoryResident: .mega, .peakMemoryResidentDelta: .mega]

    Benchmark(
        "ProblemLoader.load 10k users 2k base stations",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .peakMemoryResidentDelta, .mallocCountTotal],
            warmupIterations: 1,
            maxDuration: .seconds(60),
            maxIterations: 10
        )
    ) { benchmark, scenario in
        let paths = [scenario.generated.directory]
        let result = ProblemLoader.load(paths: paths, options: LoadOptions())
        // Checked after the measured work, so the check's cost is in the figures but negligible.
        if !isValid(result) {
            benchmark.error(describe(result))
        }
        blackHole(result)
    } setup: { () -> Scenario in
        let parameters = ScenarioParameters.benchmark
        let directory = ScenarioGenerator.temporaryDirectory(for: parameters)
        let generated = try ScenarioGenerator.generate(parameters, into: directory)
        print(generated.description)
        // One load outside the measurement: the inputs must be valid, or the figures mean nothing.
        let result = ProblemLoader.load(paths: [directory], options: LoadOptions())
        guard isValid(result) else {
            let message = describe(result)
            print(message)
            throw GenerationError(message: message)
        }
        let warnings = result.diagnostics.filter { $0.severity == .warning }
        print(
            "validated: \(result.summary?.users ?? 0) users, \(result.summary?.baseStations ?? 0) base stations, "
                + "\(result.problem?.topology.servers.count ?? 0) servers, \(result.summary?.links ?? 0) links; "
                + "0 errors, \(warnings.count) warnings")
        for warning in warnings.prefix(5) { print("  \(warning.headline) [\(warning.id)]") }
        return Scenario(generated)
    } teardown: {
        let directory = ScenarioGenerator.temporaryDirectory(for: .benchmark)
        try? FileManager.default.removeItem(atPath: directory)
    }

    // The composition step alone (YAML text to Yams nodes), the largest part of the load. Yams'
    // default resolver matches every mapping key against its regular expressions when it checks the
    // mapping for duplicate keys; the basic resolver (no implicit tags) shows what that costs.
    for (label, resolver) in [("default", Resolver.default), ("basic", Resolver.basic)] {
        Benchmark(
            "YAML compose (Yams, \(label) resolver)",
            configuration: .init(
                metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
                warmupIterations: 1,
                maxDuration: .seconds(30),
                maxIterations: 10
            )
        ) { benchmark, texts in
            do {
                blackHole(try compose(texts.texts, resolver: resolver))
            } catch {
                benchmark.error("Yams refused the generated scenario: \(error)")
            }
        } setup: {
            try Texts.generate()
        }
    }
}

struct GenerationError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
