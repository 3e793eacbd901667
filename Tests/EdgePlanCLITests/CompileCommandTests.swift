import Foundation
import TestSupport
import Testing

/// End to end: `edgeplan compile` with both backends, its model files, and its exit statuses.
@Suite(.serialized)
struct CompileCommandTests {
    static let examples: [[String]] = [
        ["Examples/testbed", "Models/ngo2020.yaml", "Policies/orchestrated.yaml"],
        ["Examples/capacity-tradeoff"],
    ]

    /// The report without its measured seconds, which differ run to run.
    static func stable(_ text: String) -> String {
        text.replacingOccurrences(of: #", [0-9.]+ s\n"#, with: ", (seconds) s\n", options: .regularExpression)
    }

    @Test(arguments: ["cbc", "glpk"])
    func testbedCompilesWithBothBackends(_ backend: String) throws {
        let output = try EdgePlanRunner.run(["compile"] + Self.examples[0] + ["--solver", backend])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("solver \(backend): optimal, objective 0 s, bound 0 s, gap 0"))
        #expect(output.stdout.contains("  mu1   ap1/edge1  ap1/edge1"))
    }

    @Test(arguments: ["cbc", "glpk"])
    func capacityTradeoffReport(_ backend: String) throws {
        let output = try EdgePlanRunner.run(["compile", "Examples/capacity-tradeoff", "--solver", backend])
        #expect(output.status == 0, "\(output.stderr)")
        try GoldenFiles.check(
            Self.stable(output.stdout).replacingOccurrences(of: "solver \(backend):", with: "solver BACKEND:"),
            against: "compile-capacity-tradeoff.txt")
    }

    /// glpsol (Debian's glpk-utils) reads the LP and MPS files of every example and reaches the
    /// objective edgeplan reports; MPS holds the negated objective of the maximisation.
    @Test(
        .enabled(
            if: ExternalTool.path("glpsol") != nil,
            "glpsol not found: install glpk-utils (scripts/install-dependencies does)"),
        arguments: examples)
    func glpsolAgreesOnEmittedModels(_ inputs: [String]) throws {
        let glpsol = try #require(ExternalTool.path("glpsol"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-emit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let lp = directory.appendingPathComponent("model.lp").path
        let mps = directory.appendingPathComponent("model.mps").path
        let first = try EdgePlanRunner.run(["compile"] + inputs + ["--emit-model", "lp", lp])
        #expect(first.status == 0)
        let second = try EdgePlanRunner.run(["compile"] + inputs + ["--emit-model", "mps", mps])
        #expect(second.status == 0)
        let objective = try #require(Self.reportedObjective(first.stdout))
        let fromLP = try Self.glpsolObjective(glpsol, ["--lp", lp])
        #expect(abs(fromLP - objective) <= 1e-6 * max(1, abs(objective)))
        let fromMPS = try Self.glpsolObjective(glpsol, ["--freemps", mps])
        #expect(abs(fromMPS + objective) <= 1e-6 * max(1, abs(objective)))
    }

    @Test func infeasibleProgramsAreExplainedAndExitTwo() throws {
        let output = try EdgePlanRunner.run(["compile", "Tests/EdgePlanCLITests/Inputs/overloaded.yaml"])
        #expect(output.status == 2)
        #expect(output.stdout.contains("solver cbc: infeasible"))
        #expect(
            output.stdout.contains(
                "infeasible: server \"e1\" has 3 cores of cpu left, but users that can only be placed there need 4 cores: \"u1\", \"u2\""
            ))
    }

    @Test func modelOutputIsAtomicAndNeedsItsFormat() throws {
        #expect(try EdgePlanRunner.run(["compile", "Examples/capacity-tradeoff", "--emit-model", "lp"]).status == 64)
        #expect(
            try EdgePlanRunner.run(["compile", "Examples/capacity-tradeoff", "--emit-model", "xml", "m.xml"]).status
                == 64)
        let missing = try EdgePlanRunner.run([
            "compile", "Examples/capacity-tradeoff", "--emit-model", "lp", "/nonexistent-dir/model.lp",
        ])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("cannot write /nonexistent-dir/model.lp"))
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent-dir"))
        let bad = try EdgePlanRunner.run([
            "compile", "Tests/EdgePlanCLITests/Inputs/bad-topology.yaml", "--emit-model", "lp",
            "/tmp/edgeplan-never.lp",
        ])
        #expect(bad.status == 1)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/edgeplan-never.lp"))
    }

    /// Independent components are solved at once in worker processes (CBC keeps static state, so
    /// two solves cannot share a process), and reach the same optimum with both backends.
    @Test(arguments: ["cbc", "glpk"])
    func componentsInParallelWorkers(_ backend: String) throws {
        let output = try EdgePlanRunner.run([
            "compile", "Tests/EdgePlanCLITests/Inputs/clusters.yaml", "--solver", backend,
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(
            output.stdout.contains("10 independent components (10 sent to the solver, in parallel worker processes)"))
        #expect(output.stdout.hasPrefix("solver \(backend): optimal, objective 476.225"))
    }

    @Test func timingsListEveryPhase() throws {
        let output = try EdgePlanRunner.run(["compile", "Examples/capacity-tradeoff", "--timings", "-o", "-"])
        #expect(output.status == 0)
        for phase in ["parse and validate", "candidates", "pricing and solve", "schedule", "write", "total"] {
            #expect(output.stderr.contains("\n\(phase) "), "\(phase)")
        }
        let whole = try EdgePlanRunner.run(
            ["compile", "Examples/capacity-tradeoff", "--timings", "--no-pricing", "-o", "-"])
        for phase in ["parse and validate", "candidates", "model build", "solve", "schedule", "write", "total"] {
            #expect(whole.stderr.contains("\n\(phase) "), "\(phase)")
        }
        #expect(output.stderr.contains("peak resident memory: "))
    }

    static func reportedObjective(_ report: String) -> Double? {
        guard let range = report.range(of: #"objective (-?[0-9.e+-]+) s"#, options: .regularExpression) else {
            return nil
        }
        return Double(report[range].dropFirst("objective ".count).dropLast(2))
    }

    static func glpsolObjective(_ glpsol: String, _ arguments: [String]) throws -> Double {
        let result = try ExternalTool.run(glpsol, arguments + ["-o", "/dev/stdout"])
        #expect(result.status == 0, "\(result.output)")
        let line = result.output.split(separator: "\n").first { $0.hasPrefix("Objective:") && $0.contains("=") } ?? ""
        let value = line.split(separator: "=").last?.split(separator: " ").first.map(String.init) ?? ""
        return Double(value) ?? .nan
    }
}

extension CompileCommandTests {
    /// `--emit-model` writes the whole program, streamed from the candidates, when the solve priced
    /// them: byte for byte what building every candidate writes — also with ids that are not valid
    /// LP names ("u 1", "b#1": sanitized, and "#" inside ids could make two names meet).
    @Test(arguments: ["lp", "mps"])
    func pricedEmitsTheWholeProgram(_ format: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-emit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let odd = try String(contentsOfFile: "Examples/capacity-tradeoff/problem.yaml", encoding: .utf8)
            .replacingOccurrences(of: "id: u1", with: "id: \"u 1\"").replacingOccurrences(of: "u1,", with: "\"u 1\",")
            .replacingOccurrences(of: "{id: a,", with: "{id: \"b#1\",").replacingOccurrences(
                of: "bs: a,", with: "bs: \"b#1\","
            )
            .replacingOccurrences(of: "[a,", with: "[\"b#1\",")
        let oddPath = directory.appendingPathComponent("odd.yaml").path
        try odd.write(toFile: oddPath, atomically: true, encoding: .utf8)
        let city = try EdgePlanRunner.run([
            "generate", "--base-stations", "7", "--users", "30", "--max-delay", "1 s", "-o",
            directory.appendingPathComponent("city").path,
        ])
        #expect(city.status == 0)
        for inputs in [["Examples/capacity-tradeoff"], [oddPath], [directory.appendingPathComponent("city").path]] {
            let priced = directory.appendingPathComponent("priced.\(format)").path
            let built = directory.appendingPathComponent("built.\(format)").path
            let first = try EdgePlanRunner.run(["compile"] + inputs + ["--emit-model", format, priced])
            let second = try EdgePlanRunner.run(["compile"] + inputs + ["--no-pricing", "--emit-model", format, built])
            #expect(first.status == 0, "\(inputs): \(first.stderr)")
            #expect(second.status == 0, "\(inputs): \(second.stderr)")
            let pricedText = try String(contentsOfFile: priced, encoding: .utf8)
            #expect(pricedText == (try String(contentsOfFile: built, encoding: .utf8)), "\(inputs)")
            #expect(pricedText.contains("z#"), "\(inputs)")
        }
        // Nothing but the outputs is left in the folder (section files are unlinked at once).
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
        #expect(left.isEmpty, "\(left)")
    }
}

extension CompileCommandTests {
    /// On a terminal (a pseudo-terminal from util-linux's `script`), compile prints a line per
    /// phase and per pricing round on standard error; piped, it prints none.
    @Test func progressLinesOnATerminalOnly() throws {
        let command = "\(EdgePlanRunner.executable.path) compile Examples/capacity-tradeoff --solver cbc > /dev/null"
        let terminal = try ExternalTool.run("/usr/bin/script", ["-qec", command, "/dev/null"])
        #expect(terminal.status == 0, "\(terminal.output)")
        for line in [
            "edgeplan: parse and validate: ", "edgeplan: candidates: ", "edgeplan: pricing round 1: ",
            "edgeplan: pricing and solve: ",
        ] {
            #expect(terminal.output.contains(line), "\(line) in \(terminal.output)")
        }
        let piped = try EdgePlanRunner.run(["compile", "Examples/capacity-tradeoff"])
        #expect(!piped.stderr.contains("edgeplan: "), "\(piped.stderr)")
        // CBC, asked for its progress messages, prints its own banner too: never into the plan.
        let plan = FileManager.default.temporaryDirectory.appendingPathComponent("edgeplan-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: plan) }
        let planned = try ExternalTool.run(
            "/usr/bin/script",
            [
                "-qec", "\(EdgePlanRunner.executable.path) compile Examples/capacity-tradeoff -o - > \(plan.path)",
                "/dev/null",
            ])
        #expect(planned.status == 0, "\(planned.output)")
        #expect(planned.output.contains("edgeplan: pricing and solve: "))
        let data = try Data(contentsOf: plan)
        #expect(!String(decoding: data, as: UTF8.self).contains("CBC"))
        #expect((try? JSONSerialization.jsonObject(with: data)) != nil)
    }
}

extension CompileCommandTests {
    /// A phase estimated to hold more than --max-memory stops before it starts: exit status 3, the
    /// phase and the estimate named, nothing written. Bad sizes are usage errors.
    @Test func pastMaxMemoryFailsCleanly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-memory-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let city = directory.appendingPathComponent("city").path
        let generated = try EdgePlanRunner.run([
            "generate", "--base-stations", "37", "--users", "300", "--max-delay", "1 s", "-o", city,
        ])
        #expect(generated.status == 0)
        let plan = directory.appendingPathComponent("plan.json").path
        let tiny = try EdgePlanRunner.run(["compile", city, "--max-memory", "10 MB", "-o", plan])
        #expect(tiny.status == 3, "\(tiny.stderr)")
        #expect(tiny.stderr.contains("edgeplan: error: the candidates phase would hold about "))
        #expect(tiny.stderr.contains("more than --max-memory 10 MB allows"))
        #expect(!FileManager.default.fileExists(atPath: plan))
        // The whole program of this city holds about 100,000 columns (70 MB), pricing a few thousand.
        let whole = try EdgePlanRunner.run(["compile", city, "--no-pricing", "--max-memory", "60 MB", "-o", plan])
        #expect(whole.status == 3, "\(whole.stderr)")
        #expect(whole.stderr.contains("the model build phase would hold about "))
        #expect(whole.stderr.contains("without --no-pricing only the columns pricing needs are built"))
        #expect(!FileManager.default.fileExists(atPath: plan))
        let priced = try EdgePlanRunner.run(["compile", city, "--max-memory", "400 MB", "-o", plan])
        #expect(priced.status == 0, "\(priced.stderr)")
        for bad in ["0", "-1 GB", "8 parsecs", "1e400 GB", "nan GB", "2 PB"] {
            #expect(try EdgePlanRunner.run(["compile", city, "--max-memory", bad]).status == 64, "\(bad)")
        }
    }
}
