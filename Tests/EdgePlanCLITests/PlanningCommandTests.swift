import Foundation
import Plan
import TestSupport
import Testing

/// End to end: plan, simulate and compare on the seed 000 testbed.
@Suite(.serialized)
struct PlanningCommandTests {
    static let inputs = ["Examples/ngo2020-testbed", "Models/ngo2020.yaml"]

    @Test func planThenSimulate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-span-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("plan.json").path
        let planned = try EdgePlanRunner.run(["plan"] + Self.inputs + ["--to", "600", "-o", path])
        #expect(planned.status == 0, "\(planned.stderr)")
        // Progress on standard error (not a terminal here: a line every tenth), then a summary.
        #expect(planned.stderr.contains("planning (orchestrated): 100%"))
        #expect(planned.stderr.contains("programs solved, 0 without a solution"))
        let plan = try Plan.decode(Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(plan.planner == "orchestrated")
        #expect(!plan.decisions.isEmpty)
        try PlanSchemaValidator.validate([path])
        let replay = try EdgePlanRunner.run(
            ["simulate"] + Self.inputs + ["--to", "600", "--plan", path, "--format", "json"])
        #expect(replay.status == 0)
        let reports = try #require(JSONSerialization.jsonObject(with: Data(replay.stdout.utf8)) as? [[String: Any]])
        let overall = try #require(reports.first?["overall"] as? [String: Any])
        #expect((overall["migrations"] as? Int ?? 0) > 0)
        #expect((reports.first?["users"] as? [Any])?.count == 3)
    }

    @Test func compareTable() throws {
        let output = try EdgePlanRunner.run(["compare"] + Self.inputs + ["--to", "400"])
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 6)
        for planner in ["orchestrated", "nearest", "random", "cloud"] {
            #expect(lines.contains { $0.hasPrefix(planner) }, "\(planner)")
        }
    }

    @Test func spanNeedsAnEnd() throws {
        let output = try EdgePlanRunner.run(["plan", "Examples/capacity-tradeoff", "-o", "-"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("no trajectory says when the span ends: give --to"))
    }
}
