import Foundation
import Plan
import TestSupport
import Testing

/// Plans of every example with both solvers: golden files (without the measured seconds), the
/// JSON Schema checked by an independent validator, and the timeline and explain commands.
@Suite(.serialized)
struct PlanTests {
    static let examples: [(name: String, inputs: [String])] = [
        ("testbed", ["Examples/testbed", "Models/ngo2020.yaml", "Policies/orchestrated.yaml"]),
        ("capacity-tradeoff", ["Examples/capacity-tradeoff"]),
        ("openface-handover", ["Examples/openface-handover", "Examples/testbed/topology.yaml", "Models/ngo2020.yaml"]),
    ]

    static var cases: [(String, String)] {
        examples.flatMap { example in ["cbc", "glpk"].map { (example.name, $0) } }
    }

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-plans-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// The plan with what differs between runs and backends fixed: solver seconds and backend name.
    static func normalized(_ data: Data) throws -> String {
        var plan = try Plan.decode(data)
        plan.solver.seconds = 0
        plan.solver.backend = "cbc"
        return String(decoding: try plan.encoded(), as: UTF8.self)
    }

    @Test(arguments: cases)
    func planGoldenAndSchema(_ name: String, _ backend: String) throws {
        let example = try #require(Self.examples.first { $0.name == name })
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("plan.json").path
        let output = try EdgePlanRunner.run(["compile"] + example.inputs + ["--solver", backend, "-o", path])
        #expect(output.status == 0, "\(output.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try PlanSchemaValidator.validate([path])
        let plan = try Plan.decode(data)
        #expect(plan.solver.backend == backend)
        #expect(plan.solver.status == "optimal")
        // Encoding is canonical: decoding and encoding again gives the same bytes.
        #expect(try plan.encoded() == data)
        try GoldenFiles.check(Self.normalized(data), against: "plan-\(name).json")
    }

    /// The validator is real: a plan with a handover that names servers is rejected.
    @Test func schemaRejectsMalformedPlans() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("plan.json").path
        _ = try EdgePlanRunner.run(["compile"] + Self.examples[2].inputs + ["-o", path])
        var object = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var timeline = try #require(object["timeline"] as? [[String: Any]])
        timeline[2]["source"] = "edge1"
        object["timeline"] = timeline
        let broken = directory.appendingPathComponent("broken.json").path
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: broken))
        let python = try #require(PlanSchemaValidator.interpreter)
        let result = try ExternalTool.run(
            python, [ProblemFixture.packageRoot.appendingPathComponent("scripts/validate-plan").path, broken])
        #expect(result.status == 1)
        #expect(result.output.contains("timeline/2"))
    }

    @Test func planToStandardOutputAndNothingWrittenOnFailure() throws {
        let output = try EdgePlanRunner.run(["compile", "Examples/capacity-tradeoff", "-o", "-"])
        #expect(output.status == 0)
        #expect(try Plan.decode(Data(output.stdout.utf8)).decisions.count == 2)
        #expect(output.stderr.hasPrefix("solver cbc: optimal"))
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("plan.json").path
        let infeasible = try EdgePlanRunner.run([
            "compile", "Tests/EdgePlanCLITests/Inputs/overloaded.yaml", "-o", path,
        ])
        #expect(infeasible.status == 2)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func timeline() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("plan.json").path
        _ = try EdgePlanRunner.run(["compile"] + Self.examples[2].inputs + ["-o", path])
        let output = try EdgePlanRunner.run(["timeline", path])
        #expect(output.status == 0)
        try GoldenFiles.check(output.stdout, against: "timeline-openface-handover.txt")
        let bad = try EdgePlanRunner.run(["timeline", "Examples/testbed/topology.yaml"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("not an edgeplan plan"))
    }

    @Test func explain() throws {
        let text = try EdgePlanRunner.run(["explain"] + Self.examples[2].inputs + ["--user", "mu1"])
        #expect(text.status == 0)
        try GoldenFiles.check(text.stdout, against: "explain-openface-handover.txt")
        let json = try EdgePlanRunner.run(
            ["explain"] + Self.examples[2].inputs + ["--user", "mu1", "--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["candidates"] as? [[String: Any]])?.count == 4)
        #expect((object["dropped"] as? [[String: Any]])?.count == 2)
        let unknown = try EdgePlanRunner.run(["explain"] + Self.examples[2].inputs + ["--user", "mu2"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no user \"mu2\" in the workload; did you mean \"mu1\"?"))
    }
}
