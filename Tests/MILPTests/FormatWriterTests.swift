import Foundation
import MILP
import MILPFormats
import Solving
import TestSupport
import Testing

/// LP and MPS renderings: golden files, and glpsol reading them back to the same optimum.
struct FormatWriterTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test func lpGolden() throws {
        try Golden.check(
            LPWriter.write(MILPCatalogue.assignment.model), against: Self.golden.appendingPathComponent("assignment.lp")
        )
        try Golden.check(
            LPWriter.write(MILPCatalogue.generalIntegers.model),
            against: Self.golden.appendingPathComponent("general.lp"))
    }

    @Test func mpsGolden() throws {
        try Golden.check(
            MPSWriter.write(MILPCatalogue.assignment.model),
            against: Self.golden.appendingPathComponent("assignment.mps"))
        try Golden.check(
            MPSWriter.write(MILPCatalogue.mixed.model), against: Self.golden.appendingPathComponent("mixed.mps"))
    }

    @Test func namesAreMadeValidAndUnique() {
        var model = MILPModel(name: "names", sense: .maximize)
        model.addVariable(.binary("z#poa-4g1#zone 1", objective: 1))
        model.addVariable(.binary("z#poa_4g1#zone_1", objective: 1))
        model.addVariable(.binary("2fast", objective: 1))
        model.addVariable(.binary("e5", objective: 1))
        model.addVariable(.binary("", objective: 1))
        let names = NameSanitizer(model)
        #expect(names.variables == ["z#poa_4g1#zone_1", "z#poa_4g1#zone_1~2", "_2fast", "_e5", "x4"])
    }

    static var optimalCases: [MILPCatalogue.Case] {
        MILPCatalogue.all.filter { $0.status == .optimal && !$0.model.variables.isEmpty }
    }

    /// glpsol (Debian's glpk-utils, installed by scripts/install-dependencies) reads both files and
    /// finds the catalogue's optimum; MPS holds the negated objective of a maximisation.
    @Test(
        .enabled(
            if: ExternalTool.path("glpsol") != nil,
            "glpsol not found: install glpk-utils (scripts/install-dependencies does)"),
        arguments: optimalCases)
    func glpsolReadsBothFormats(_ entry: MILPCatalogue.Case) throws {
        let glpsol = try #require(ExternalTool.path("glpsol"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-glpsol-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let lp = directory.appendingPathComponent("model.lp")
        let mps = directory.appendingPathComponent("model.mps")
        try LPWriter.write(entry.model).write(to: lp, atomically: true, encoding: .utf8)
        try MPSWriter.write(entry.model).write(to: mps, atomically: true, encoding: .utf8)
        let optimum = try #require(entry.optimum)
        let fromLP = try Self.glpsolObjective(glpsol, ["--lp", lp.path])
        #expect(abs(fromLP - optimum) <= 1e-6 * max(1, abs(optimum)), "\(entry.name) LP")
        let fromMPS = try Self.glpsolObjective(glpsol, ["--freemps", mps.path])
        let expected = entry.model.sense == .maximize ? -optimum : optimum
        #expect(abs(fromMPS - expected) <= 1e-6 * max(1, abs(optimum)), "\(entry.name) MPS")
    }

    /// The objective of glpsol's "Objective:  obj = 16 (MAXimum)" solution line.
    static func glpsolObjective(_ glpsol: String, _ arguments: [String]) throws -> Double {
        let result = try ExternalTool.run(glpsol, arguments + ["-o", "/dev/stdout"])
        #expect(result.status == 0, "\(result.output)")
        guard
            let line = result.output.split(separator: "\n").first(where: {
                $0.hasPrefix("Objective:") && $0.contains("=")
            }),
            let equals = line.firstIndex(of: "=")
        else {
            Issue.record("no objective in glpsol output:\n\(result.output)")
            return .nan
        }
        let value = line[line.index(after: equals)...].split(separator: " ").first.map(String.init) ?? ""
        return Double(value) ?? .nan
    }
}

extension FormatWriterTests {
    /// LP is written row by row from columns, a batch of rows per pass: any budget, even one term,
    /// gives the same text as a single pass, and a pass per batch is taken.
    @Test(arguments: MILPCatalogue.all.filter { !$0.model.variables.isEmpty })
    func lpRowBatchesDoNotChangeTheText(_ entry: MILPCatalogue.Case) throws {
        let names = NameSanitizer(entry.model)
        let stream = CountingStream(
            ModelStream(entry.model, variableNames: names.variables, constraintNames: names.constraints))
        let whole = StringSink()
        try LPWriter.write(stream, to: whole, termBudget: .max, section: { StringSink() })
        #expect(whole.text == LPWriter.write(entry.model))
        let passesForOne = stream.passes
        let batched = StringSink()
        try LPWriter.write(stream, to: batched, termBudget: 1, section: { StringSink() })
        #expect(batched.text == whole.text)
        // One pass for the objective, then one per row (each has at least one term here, or is alone).
        #expect(stream.passes - passesForOne == 1 + entry.model.constraints.count)
    }
}

/// A stream that counts the passes over its columns.
final class CountingStream: ProgramStream {
    let inner: ModelStream
    var passes = 0

    init(_ inner: ModelStream) { self.inner = inner }

    var name: String { inner.name }
    var sense: ObjectiveSense { inner.sense }
    var objectiveConstant: Double { inner.objectiveConstant }
    var rows: [StreamRow] { inner.rows }
    func isTaken(_ name: String) -> Bool { inner.isTaken(name) }
    func counts() -> StreamCounts { inner.counts() }

    func forEachColumn(_ body: (StreamColumn) throws -> Void) throws {
        passes += 1
        try inner.forEachColumn(body)
    }
}
