import Foundation
import Testing

/// End to end: the built binary's output and exit status.
@Suite(.serialized)
struct CheckCommandTests {
    static let testbed = ["check", "Examples/testbed", "Models/ngo2020.yaml", "Policies/orchestrated.yaml"]

    @Test func validInputsExitZeroWithASummary() throws {
        let output = try EdgePlanRunner.run(Self.testbed)
        #expect(output.status == 0)
        #expect(output.stderr == "")
        try GoldenFiles.check(output.stdout, against: "check-testbed.txt")
    }

    @Test func summaryAsJSON() throws {
        let output = try EdgePlanRunner.run(Self.testbed + ["--format", "json"])
        #expect(output.status == 0)
        try GoldenFiles.check(output.stdout, against: "check-testbed.json")
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        #expect(object?["baseStations"] as? Int == 3)
    }

    @Test func resolvedDocuments() throws {
        let output = try EdgePlanRunner.run(Self.testbed + ["--resolved"])
        #expect(output.status == 0)
        try GoldenFiles.check(output.stdout, against: "check-testbed-resolved.yaml")
    }

    @Test func everyErrorOfAFileIsReportedAndTheExitStatusIsOne() throws {
        let output = try EdgePlanRunner.run(["check", "Tests/EdgePlanCLITests/Inputs/bad-topology.yaml"])
        #expect(output.status == 1)
        #expect(output.stdout == "")
        try GoldenFiles.check(output.stderr, against: "check-bad-topology.stderr")
    }

    @Test func diagnosticsAsJSON() throws {
        let output = try EdgePlanRunner.run([
            "check", "Tests/EdgePlanCLITests/Inputs/bad-topology.yaml", "--diagnostics", "json",
        ])
        #expect(output.status == 1)
        let entries = try JSONSerialization.jsonObject(with: Data(output.stderr.utf8)) as? [[String: Any]]
        let first = try #require(entries?.first)
        #expect(first["file"] as? String == "Tests/EdgePlanCLITests/Inputs/bad-topology.yaml")
        #expect(first["line"] as? Int == 7)
        #expect(first["column"] as? Int == 5)
        #expect(first["id"] as? String == "unknown-field")
        #expect(entries?.count == 11)
    }

    @Test func usageErrorsExitSixtyFour() throws {
        #expect(try EdgePlanRunner.run(["check"]).status == 64)
        #expect(try EdgePlanRunner.run(["check", "x.yaml", "--diagnostics", "xml"]).status == 64)
        #expect(try EdgePlanRunner.run(["frobnicate"]).status == 64)
    }

    @Test func severalPoliciesNeedAChoice() throws {
        let ambiguous = try EdgePlanRunner.run(Self.testbed + ["Tests/EdgePlanCLITests/Inputs/second-policy.yaml"])
        #expect(ambiguous.status == 1)
        #expect(
            ambiguous.stderr.contains(
                "error: the inputs define 2 policies (\"orchestrated\", \"cautious\"); choose one with --policy"))
        let chosen = try EdgePlanRunner.run(
            Self.testbed + ["Tests/EdgePlanCLITests/Inputs/second-policy.yaml", "--policy", "cautious"])
        #expect(chosen.status == 0)
        #expect(
            chosen.stdout.contains(
                "policy \"cautious\": planner orchestrated, coordination sequential, rssiMin -80 dBm"))
    }

    @Test func versionNamesTheSolverLibraries() throws {
        let output = try EdgePlanRunner.run(["version"])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("edgeplan "))
        #expect(output.stdout.contains("\nCBC 2."))
        #expect(output.stdout.contains("\nCLP 1."))
        #expect(output.stdout.contains("\nGLPK "))
    }

    @Test func helpDocumentsEveryOption() throws {
        let output = try EdgePlanRunner.run(["check", "--help"])
        #expect(output.status == 0)
        for option in [
            "--policy", "--diagnostics", "--max-input-bytes", "--trace-root", "--format", "--all-users", "--resolved",
        ] {
            #expect(output.stdout.contains(option), "\(option)")
        }
    }
}
