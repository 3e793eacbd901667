import ArgumentParser
import Diagnostics
import EdgeModel
import Foundation
import Frontend
import InputFiles
import Planner
import WhatIf

/// The format of what-if results.
enum WhatIfFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv

    /// Writes the results in this format to `output` (whole or not at all), or standard output.
    func write(_ results: [ScenarioResult], to output: String?) throws {
        let text: String
        switch self {
        case .text: text = WhatIfReport.text(results)
        case .json: text = try WhatIfReport.json(results)
        case .csv: text = WhatIfReport.csv(results)
        }
        if let output { try AtomicFile.write(text, to: output) } else { StandardStreams.writeOutput(text) }
    }
}

/// `edgeplan whatif`: the same problem under alternate topologies, edits and parameter sweeps.
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Compare scenarios: the base problem, alternate documents, Variant edits and parameter sweeps.",
        subcommands: [WhatIfRunCommand.self, WhatIfMergeCommand.self], defaultSubcommand: WhatIfRunCommand.self)
}

/// `edgeplan whatif PATHS...`: run the scenarios and compare them with the base.
struct WhatIfRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run every scenario and print each figure with its change against the base.",
        discussion: """
            Scenarios: the base (PATHS), each --alt, each Variant document of each --variant file, \
            and the cartesian product of the --sweep values; each with every --planner. With \
            trajectories or traces, each scenario is planned over the span and replayed, exactly as \
            plan then simulate would; otherwise it is compiled once at --at and replayed to t'. \
            Scenarios run in parallel processes; a scenario that fails is reported without losing \
            the others. Exit status: 0 when every scenario ran, 1 when the base or a --variant file \
            has errors, 2 when some scenario failed, 64 on a usage error. See docs/whatif.md.
            """)

    @OptionGroup var input: InputOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A scenario in which the documents of PATHS replace the base's of the same kind (comma-separated paths).",
            valueName: "name=paths"))
    var alt: [String] = []

    @Option(name: .long, help: "A file of Variant documents, each one scenario (docs/language.md).")
    var variant: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A field over several values, e.g. policy.horizon=5s,10s,20s (keys in docs/language.md); several sweeps form their cartesian product.",
            valueName: "key=v1,v2"))
    var sweep: [String] = []

    @Option(
        name: .long,
        help:
            "Planners to run each scenario with, comma-separated: orchestrated, nearest, random, cloud (default: the policy's)."
    )
    var planner: String?

    @Option(name: .long, help: "Without a span: the planning time t in seconds after the epoch.")
    var at: Double = 0

    @OptionGroup var span: SpanOptions

    @Option(name: .long, help: "With a span: seconds between planning epochs.")
    var step: Double = 1

    @Option(name: .long, help: "Seed of the random planner.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Solver time limit in seconds, overriding each scenario's policy.")
    var timeLimit: Double?

    @Option(name: .long, help: "Output format: text (a table with deltas), json or csv.")
    var format: WhatIfFormat = .text

    @Option(name: [.short, .long], help: "Write the results here (default: standard output), whole or not at all.")
    var output: String?

    @Option(name: .long, help: "Scenarios run at once, each in its own process (default: the core count).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Memory the scenarios running at once may hold together, such as \"8 GB\" (default: \(Int(MemoryBudget.defaultShare * 100)) % of physical memory, or of the control group's limit). When each scenario is estimated to need more than its share, fewer than --jobs run at once, with a warning.",
            valueName: "size"))
    var maxMemory: ByteSize?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Run only every N-th scenario, those whose index modulo N is I (0 ≤ I < N); join shards with whatif merge.",
            valueName: "i/n"))
    var shard: String?

    @Option(name: .long, help: .hidden)
    var scenario: Int?

    func validate() throws {
        _ = try parsedAlternatives()
        _ = try parsedSweeps()
        _ = try parsedPlanners()
        _ = try parsedShard()
        if !step.isFinite || step <= 0 { throw ValidationError("--step must be a positive number of seconds") }
        try SpanOptions.validate(step: step)
        if !at.isFinite { throw ValidationError("--at must be a finite number of seconds") }
        if let problem = InputBounds.instantProblem(at, option: "--at") { throw ValidationError(problem) }
        if let timeLimit, !(timeLimit > 0) || !timeLimit.isFinite {
            throw ValidationError("--time-limit must be a positive number of seconds")
        }
        if let timeLimit, timeLimit > InputBounds.maximumSeconds {
            throw ValidationError(
                "--time-limit must be a number of seconds of at most \(InputBounds.text(InputBounds.maximumSeconds)), found \(timeLimit)"
            )
        }
        if jobs < 1 || jobs > 1024 { throw ValidationError("--jobs must lie in 1…1024") }
    }

    func parsedAlternatives() throws -> [(name: String, paths: [String])] {
        try alt.map { text in
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw ValidationError(
                    "--alt takes NAME=PATH[,PATH...], e.g. --alt no-regional=alt/topology.yaml; got \"\(text)\"")
            }
            let paths = text[text.index(after: equals)...].split(separator: ",").map(String.init)
            guard !paths.isEmpty else { throw ValidationError("--alt \(text): give at least one path after \"=\"") }
            return (String(text[..<equals]), paths)
        }
    }

    func parsedSweeps() throws -> [(key: String, values: [String])] {
        try sweep.map { text in
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw ValidationError(
                    "--sweep takes KEY=V1,V2,..., e.g. --sweep policy.horizon=5s,10s; got \"\(text)\"")
            }
            let key = String(text[..<equals])
            let values = text[text.index(after: equals)...].split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard !values.isEmpty, !values.contains(where: \.isEmpty) else {
                throw ValidationError("--sweep \(text): give values after \"=\", separated by commas")
            }
            for value in values {
                do {
                    _ = try ProblemLoader.sweepVariant(key: key, value: value)
                } catch {
                    throw ValidationError("--sweep \(key)=\(value): \(error)")
                }
            }
            return (key, values)
        }
    }

    func parsedPlanners() throws -> [PlannerKind]? {
        guard let planner else { return nil }
        return try planner.split(separator: ",").map { name in
            guard let kind = PlannerKind(rawValue: String(name)) else {
                throw ValidationError(
                    "--planner: unknown planner \"\(name)\"; expected orchestrated, nearest, random or cloud")
            }
            return kind
        }
    }

    func parsedShard() throws -> (index: Int, count: Int)? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, count <= 1_000_000,
            (0..<count).contains(index)
        else { throw ValidationError("--shard takes I/N with 0 ≤ I < N, e.g. --shard 0/4; got \"\(shard)\"") }
        return (index, count)
    }

    /// The request, with the Variant documents of the --variant files (nil and diagnostics printed
    /// when those have errors).
    func request(printing: Bool) throws -> WhatIfRequest {
        let loaded = ProblemLoader.loadVariants(paths: variant, options: input.loadOptions)
        if printing, !loaded.result.diagnostics.isEmpty {
            DiagnosticsPrinter.print(loaded.result, format: input.diagnostics)
        }
        // Malformed variants are left out of the list: stop rather than run fewer scenarios.
        if loaded.result.hasErrors { throw ExitCode(1) }
        let request = WhatIfRequest(
            basePaths: input.paths, alternatives: try parsedAlternatives(), variants: loaded.variants,
            sweeps: try parsedSweeps(), planners: try parsedPlanners())
        guard let count = request.scenarioCount, count <= WhatIfRequest.maximumScenarios else {
            let sizes = request.sweeps.map { String($0.values.count) }.joined(separator: " × ")
            throw ValidationError(
                "too many scenarios: \(request.scenarioCount.map { "\($0)" } ?? "more than \(Int.max)") "
                    + "(the sweeps' product is \(sizes.isEmpty ? "empty" : sizes), each with every planner); "
                    + "at most \(WhatIfRequest.maximumScenarios) per run: split the sweeps across runs")
        }
        return request
    }

    var settings: RunSettings {
        RunSettings(
            loadOptions: input.loadOptions, atSeconds: at, fromSeconds: span.from, toSeconds: span.to,
            stepSeconds: step,
            randomSeed: seed, timeLimitSeconds: timeLimit, generatorVersion: EdgePlanVersion.string)
    }

    func run() throws {
        if let scenario {
            try runOne(scenario)
            return
        }
        if let output { try OutputFile.check(output) }
        // The base must load: its errors are the user's to fix before anything runs.
        let base = try input.loadProblem()
        let loadedBytes = MemoryBudget.residentBytes()
        let request = try request(printing: true)
        let scenarios = request.scenarios()
        let selected =
            try parsedShard().map { shard in scenarios.filter { $0.index % shard.count == shard.index } }
            ?? scenarios
        let budget = maxMemory.map { MemoryBudget(limitBytes: $0.bytes) } ?? MemoryBudget.machineDefault()
        let availableBytes = budget.availableBytes
        let scenarioBytes = Self.scenarioBytes(base, loadedBytes: loadedBytes)
        let wanted = min(jobs, max(1, selected.count))
        let concurrent = Self.concurrentJobs(
            requested: wanted, scenarioBytes: scenarioBytes, availableBytes: availableBytes)
        if concurrent < wanted {
            StandardStreams.writeError(
                "edgeplan: warning: running \(concurrent) scenario\(concurrent == 1 ? "" : "s") at once rather than \(wanted): each is estimated to hold about \(MemoryLimitExceeded.text(scenarioBytes)), and \(MemoryLimitExceeded.text(availableBytes)) is free under --max-memory (docs/reliability.md)\n"
            )
        }
        let results = WhatIfWorkers.run(selected, of: scenarios.count, jobs: concurrent)
        try format.write(results, to: output)
        if results.contains(where: \.failed) { throw ExitCode(2) }
    }

    /// What one scenario's worker is expected to hold: what loading the base took here (a worker
    /// loads the same inputs) plus a compile's candidates phase and first priced program
    /// (`MemoryEstimate`, docs/performance.md).
    static func scenarioBytes(_ problem: Problem, loadedBytes: Int) -> Int {
        let users = problem.workload.users.count
        let (columns, overflow) = users.multipliedReportingOverflow(
            by: MemoryEstimate.initialColumnsPerUser * MemoryEstimate.bytesPerPricedColumn)
        if overflow { return Int.max }
        let (total, overflowTotal) = (loadedBytes + MemoryEstimate.candidatesPhaseBytes(problem))
            .addingReportingOverflow(columns)
        return overflowTotal ? Int.max : total
    }

    /// How many scenarios may run at once: as many as asked, unless their estimates together pass
    /// what is free; at least one (a scenario too large alone fails by its own memory checks).
    static func concurrentJobs(requested: Int, scenarioBytes: Int, availableBytes: Int) -> Int {
        let fitting = scenarioBytes > 0 ? availableBytes / scenarioBytes : requested
        return max(1, min(requested, fitting))
    }

    /// A worker: scenario `index` alone, as JSON on standard output.
    func runOne(_ index: Int) throws {
        let request = try request(printing: false)
        let scenarios = request.scenarios()
        guard scenarios.indices.contains(index) else { throw ValidationError("no scenario \(index)") }
        let scenario = scenarios[index]
        let runner = ScenarioRunner(request: request, settings: settings) { kind in
            SolverKit(milp: SolverFactory.make(kind), lp: SolverFactory.lp(kind), workers: SolverFactory.workers(kind))
        }
        let loaded = runner.load(scenario)
        let result: ScenarioResult
        if let problem = loaded.problem {
            result = runner.run(scenario, problem: problem, scenarioCount: scenarios.count)
        } else {
            var failed = ScenarioResult(
                index: scenario.index, scenarioCount: scenarios.count, name: scenario.name,
                planner: scenario.planner?.rawValue ?? "(policy's)", changes: scenario.changes, mode: "none")
            failed.failure = DiagnosticRenderer(sources: loaded.sources).render(
                loaded.diagnostics.filter { $0.severity == .error })
            result = failed
        }
        StandardStreams.writeOutput(try WhatIfReport.json([result]))
    }
}

/// `edgeplan whatif merge FILES...`: join the JSON of shards into one run.
struct WhatIfMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the JSON outputs of whatif --shard runs into one, in scenario order.",
        discussion: "Every scenario must be in exactly one file, all from the same enumeration.")

    @Argument(help: "JSON outputs of whatif --shard I/N --format json.")
    var files: [String] = []

    @Option(name: .long, help: "Output format: text (a table with deltas), json or csv.")
    var format: WhatIfFormat = .text

    @Option(name: [.short, .long], help: "Write the results here (default: standard output), whole or not at all.")
    var output: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("give the JSON files of the shards") }
    }

    func run() throws {
        if let output { try OutputFile.check(output) }
        var shards: [(file: String, results: [ScenarioResult])] = []
        for file in files {
            let data: Data
            do {
                // A FIFO or a device is refused rather than waited on or read for ever.
                data = try RegularFile.contents(of: file, maximumBytes: RegularFile.maximumJSONBytes)
            } catch {
                StandardStreams.writeError("\(file): error: cannot read it: \(error)\n")
                throw ExitCode(1)
            }
            do {
                shards.append((file, try JSONDecoder().decode([ScenarioResult].self, from: data)))
            } catch {
                let problem = JSONDecodeProblem.describe(error, in: data)
                StandardStreams.writeError(
                    problem.rendered(path: file, prefix: "not the JSON of whatif --format json: ") + "\n")
                throw ExitCode(1)
            }
        }
        let results: [ScenarioResult]
        do {
            results = try WhatIfMerge.merge(shards)
        } catch {
            StandardStreams.writeError("edgeplan: error: \(error)\n")
            throw ExitCode(1)
        }
        try format.write(results, to: output)
    }

}
