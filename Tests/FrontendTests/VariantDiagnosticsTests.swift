import Diagnostics
import EdgeModel
import Foundation
import Frontend
import Testing

/// Errors of Variants are located where the variant writes the edit, both when Variant files are
/// loaded (`loadVariants`) and when a scenario is built from them.
struct VariantDiagnosticsTests {
    @Test func malformedVariantsAreReportedAndLeftOut() throws {
        let fixture = try VariantFixture()
        let path = try fixture.write(
            "two.yaml",
            """
            kind: Variant
            name: good
            scale: {links: [{between: "*", rtt: 2}]}
            ---
            kind: Variant
            name: bad
            set:
              servers:
                - {id: edge1, capacity: {memory: 32}}
            scale:
              links:
                - {between: "*", bandwidth: 0}
            """)
        let (variants, result) = ProblemLoader.loadVariants(paths: [path])
        #expect(variants.map(\.name) == ["good"])
        #expect(variants.first?.location == SourceLocation(file: path, line: 1, column: 1))
        #expect(result.problem == nil)
        #expect(
            VariantFixture.lines(result.diagnostics) == [
                "\(path):9:38: error: \"memory\": expected a size such as \"2 GB\", found the bare number 32",
                "\(path):12:33: error: the scale factor for \"bandwidth\" must be a positive finite number, found \"0\"",
                "note: a factor is a bare number: 2 doubles the value, 0.5 halves it",
            ])
        // The source is there to quote the line.
        let rendered = DiagnosticRenderer(sources: result.sources).render(result.diagnostics[0])
        #expect(rendered.contains("        - {id: edge1, capacity: {memory: 32}}\n"))
    }

    @Test func unknownIdsAreReportedAtTheEditWithASuggestion() throws {
        let fixture = try VariantFixture()
        let variants = try fixture.variants(
            """
            kind: Variant
            name: typo
            set:
              servers:
                - {id: edge1, compute: 2}
                - {id: egde2, compute: 2}
            remove:
              links: [[edge1, clod]]
            """)
        let result = VariantFixture.scenario(variants)
        let path = fixture.directory.appendingPathComponent("variant.yaml").path
        #expect(result.problem == nil)
        #expect(
            VariantFixture.lines(result.diagnostics) == [
                "\(path):6:12: error: unknown server \"egde2\"",
                "note: did you mean \"edge2\"?",
                "\(path):8:19: error: unknown node \"clod\"",
                "note: did you mean \"cloud\"?",
            ])
    }

    @Test func errorsOfAddedElementsAreInTheVariantsFile() throws {
        let fixture = try VariantFixture()
        let variants = try fixture.variants(
            """
            kind: Variant
            name: add
            add:
              servers:
                - {id: edge4, tier: edge, capacity: {cpu: 4, memory: 8 GB, storage: 1 TB}, restoreCost: 2 s}
            """)
        let result = VariantFixture.scenario(variants)
        let path = fixture.directory.appendingPathComponent("variant.yaml").path
        #expect(
            result.diagnostics.map(\.headline) == [
                "\(path):5:41: error: missing required field \"netio\" in capacity of server \"edge4\"",
                "\(path):5:93: error: \"restoreCost\": expected a time per size such as \"0.5 s/GB\", found a time \"2 s\"",
            ])
    }

    @Test func aValueThatBreaksABaseRuleIsReportedAtTheBase() throws {
        // The base's edge1 has 16 GB of memory; a background load of 20 GB exceeds it. The check
        // belongs to the base's capacity, which the message quotes.
        let variant = try ProblemLoader.sweepVariant(key: "servers.edge1.used.memory", value: "20 GB")
        let result = VariantFixture.scenario([variant])
        #expect(
            result.diagnostics.map(\.headline) == [
                "edgeplan: error: sweep servers.edge1.used.memory=20 GB: background load \"used.memory\" of server \"edge1\" must not exceed its capacity of 16 GB, found 20 GB"
            ])
    }

    @Test func ordinaryLoadsCheckVariantsButDoNotApplyThem() throws {
        let fixture = try VariantFixture()
        let path = try fixture.write("v.yaml", "kind: Variant\nname: no-edge3\nremove: {servers: [edge3]}\n")
        let result = ProblemLoader.load(paths: VariantFixture.testbed + [path])
        let problem = try #require(result.problem, "\(result.diagnostics.map(\.headline))")
        #expect(result.diagnostics.isEmpty)
        #expect(problem.topology.servers.count == 4)
        #expect(problem.inputs.last?.path == path)
        let typo = try fixture.write("typo.yaml", "kind: Variant\nname: t\nremove: {servers: [edge33]}\n")
        let checked = ProblemLoader.load(paths: VariantFixture.testbed + [typo])
        #expect(checked.problem == nil)
        #expect(checked.diagnostics.map(\.headline) == ["\(typo):3:20: error: unknown server \"edge33\""])
    }

    @Test func variantsInTheBaseAreCheckedAgainstTheBaseNotTheScenario() throws {
        let fixture = try VariantFixture()
        let path = try fixture.write("v.yaml", "kind: Variant\nname: no-edge3\nremove: {servers: [edge3]}\n")
        let (variants, _) = ProblemLoader.loadVariants(paths: [path])
        // The scenario removes edge3; the same document among the inputs is still valid for the base.
        let result = ProblemLoader.load(
            paths: VariantFixture.testbed + [path], replacements: [], variants: variants)
        let problem = try #require(result.problem, "\(result.diagnostics.map(\.headline))")
        #expect(problem.topology.servers.count == 3)
        #expect(problem.inputs.filter { $0.path == path }.count == 1)
    }

    @Test func removingAServerEarlierRemovedSaysSo() throws {
        let fixture = try VariantFixture()
        let variants = try fixture.variants(
            "kind: Variant\nname: twice\nremove: {servers: [edge3]}\nset: {servers: [{id: edge3, compute: 2}]}\n")
        let result = VariantFixture.scenario(variants)
        #expect(
            VariantFixture.lines(result.diagnostics).suffix(2) == [
                "\(fixture.directory.path)/variant.yaml:4:22: error: unknown server \"edge3\"",
                "note: \"edge3\" is removed by an earlier edit of this scenario",
            ])
    }
}
