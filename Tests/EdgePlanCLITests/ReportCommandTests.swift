import Foundation
import Plan
import TestSupport
import Testing

/// End to end: `edgeplan report` on a planned span, opened in headless Chromium.
@Suite(.serialized)
struct ReportCommandTests {
    static let inputs = ["Examples/ngo2020-testbed", "Models/ngo2020.yaml"]

    /// Two scenarios, the second failed: every chart has one bar for each.
    static let whatIf = """
        [{"name": "base", "planner": "orchestrated", "inputs": [{"path": "Examples/ngo2020-testbed/problem.yaml",
          "sha256": "0"}], "changes": [], "status": "optimal", "objective": -142.6,
          "overall": {"user": "*", "tasks": 16005, "served": 15950, "meanDelaySeconds": 0.081,
                      "p95DelaySeconds": 0.12, "downtimeSeconds": 14.2, "outOfCoverageSeconds": 0,
                      "migrations": 13, "handovers": 13, "bytesMoved": 1200000000,
                      "delayViolations": 0, "downtimeViolations": 0}},
         {"name": "edge2 down", "planner": "orchestrated", "inputs": [], "changes": ["edge2 removed"],
          "failure": "infeasible: users near ap2 have no server"}]
        """

    /// Start tags of `html` (as Chromium serialises the DOM) that carry `attribute`.
    static func tags(with attribute: String, in html: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: "<[a-zA-Z][^>]*\\s\(attribute)=\"[^\"]*\"[^>]*>")
        return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap {
            Range($0.range, in: html).map { String(html[$0]) }
        }
    }

    @Test func reportOfAPlannedSpanInChromium() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let planPath = directory.appendingPathComponent("plan.json").path
        let planned = try EdgePlanRunner.run(["plan"] + Self.inputs + ["--to", "600", "-o", planPath])
        #expect(planned.status == 0, "\(planned.stderr)")
        let whatIfPath = directory.appendingPathComponent("whatif.json")
        try Self.whatIf.write(to: whatIfPath, atomically: true, encoding: .utf8)
        let page = directory.appendingPathComponent("report.html")
        let reported = try EdgePlanRunner.run(
            ["report"] + Self.inputs + ["--plan", planPath, "--whatif", whatIfPath.path, "-o", page.path])
        #expect(reported.status == 0, "\(reported.stderr)")
        #expect(!reported.stderr.contains("warning: the plan"), "\(reported.stderr)")

        let plan = try Plan.decode(Data(contentsOf: URL(fileURLWithPath: planPath)))
        let problem = try ProblemFixture.loadBundled(Self.inputs)
        #expect(plan.timeline.count > 10)
        let dom = try HeadlessChromium.dumpDOM(of: page)
        // The browser parsed the whole page: the script at its end is in the DOM.
        #expect(dom.contains("</script>"))
        #expect(try Self.tags(with: "data-bs", in: dom).count == problem.topology.baseStations.count)
        #expect(try Self.tags(with: "data-server", in: dom).count == problem.topology.servers.count)
        let userTags = try Self.tags(with: "data-user", in: dom)
        #expect(userTags.filter { !$0.contains("data-action=") }.count == problem.workload.users.count)
        let bars = try Self.tags(with: "data-action", in: dom)
        #expect(bars.count == plan.timeline.count)
        #expect(bars.allSatisfy { $0.contains("data-user=") })
        for type in ["pre-migration", "migration", "handover"] {
            #expect(
                bars.filter { $0.contains("data-action=\"\(type)\"") }.count
                    == plan.timeline.filter { $0.action.type == type }.count, "\(type)")
        }
        // What-if: 11 replay metrics and the objective, a bar per scenario in each.
        let scenarioBars = try Self.tags(with: "data-scenario", in: dom)
        #expect(scenarioBars.count == 2 * 12)
        #expect(scenarioBars.filter { $0.contains("failed") }.count == 12)

        let screenshot = directory.appendingPathComponent("report.png")
        try HeadlessChromium.screenshot(of: page, to: screenshot)
        let image = try PNGImage(Data(contentsOf: screenshot))
        #expect(image.width == 1200 && image.height == 900)
        // Not blank: a blank page is one colour, so neither test below can pass on one. Text,
        // the map's circles and marks give many colours (antialiasing adds more), and no single
        // colour (the white background) may cover more than 97 % of the pixels.
        let counts = image.colourCounts()
        let dominant = counts.values.max() ?? 0
        #expect(counts.count >= 16, "\(counts.count) distinct colours")
        #expect(Double(dominant) < 0.97 * Double(image.width * image.height), "dominant colour \(dominant) pixels")
    }

    @Test func blankImagesFailTheCheck() throws {
        // The decoder's own test: a uniform image has one colour, two halves have two.
        let blank = try PNGImage(PNGImage.encode(width: 40, height: 30) { _, _ in (255, 255, 255) })
        #expect(blank.colourCounts() == [0xFFFFFF: 1200])
        let halves = try PNGImage(
            PNGImage.encode(width: 40, height: 30) { x, _ in x < 10 ? (31, 78, 140) : (255, 255, 255) })
        #expect(halves.colourCounts() == [0x1F4E8C: 300, 0xFFFFFF: 900])
        // The four predicting filters, on rows of two RGB pixels undone by hand:
        // Sub      [10 20 30 | 5 5 5]  → 10 20 30, 5+10 5+20 5+30        = 10 20 30 15 25 35
        // Up       [1 1 1 | 0 0 0]     → 1+10 1+20 1+30, 0+15 0+25 0+35   = 11 21 31 15 25 35
        // Average  [0 0 0 | 1 1 1]     → ⌊11/2⌋ ⌊21/2⌋ ⌊31/2⌋ = 5 10 15, 1+⌊(5+15)/2⌋ 1+⌊(10+25)/2⌋ 1+⌊(15+35)/2⌋
        //                              = 5 10 15 11 18 26
        // Paeth    [7 7 7 | 1 1 1]     → 7+5 7+10 7+15 (up wins beside the edge) = 12 17 22; then
        //          p = left + up − upLeft: 12+11−5 = 18 picks left 12 (|6| < |7|, |13|) → 13;
        //          17+18−10 = 25 picks up 18 (|7| < |8|, |15|) → 19; 22+26−15 = 33 picks up 26 → 27
        let raw: [UInt8] = [1, 10, 20, 30, 5, 5, 5, 2, 1, 1, 1, 0, 0, 0, 3, 0, 0, 0, 1, 1, 1, 4, 7, 7, 7, 1, 1, 1]
        let pixels = try PNGImage.unfilter(raw, height: 4, stride: 6, channels: 3)
        #expect(
            pixels == [10, 20, 30, 15, 25, 35, 11, 21, 31, 15, 25, 35, 5, 10, 15, 11, 18, 26, 12, 17, 22, 13, 19, 27])
    }

    @Test func badWhatIfIsLocatedAndNothingIsWritten() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let planPath = directory.appendingPathComponent("plan.json").path
        let compiled = try EdgePlanRunner.run(
            [
                "compile", "Examples/openface-handover", "Examples/testbed/topology.yaml", "Models/ngo2020.yaml", "-o",
                planPath,
            ])
        #expect(compiled.status == 0, "\(compiled.stderr)")
        let whatIf = directory.appendingPathComponent("w.json")
        try #"[{"name": "base"}, {"name": "x", "overall": {"tasks": "many"}}]"#.write(
            to: whatIf, atomically: true, encoding: .utf8)
        let page = directory.appendingPathComponent("report.html")
        let output = try EdgePlanRunner.run(
            [
                "report", "Examples/openface-handover", "Examples/testbed/topology.yaml", "Models/ngo2020.yaml",
                "--plan",
                planPath, "--whatif", whatIf.path, "-o", page.path,
            ])
        #expect(output.status == 1)
        #expect(
            output.stderr.contains("\(whatIf.path):1:55: error: $[1].overall.tasks: expected a number, found a string"),
            "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: page.path))
    }

    @Test func helpDescribesEveryOption() throws {
        let output = try EdgePlanRunner.run(["help", "report"])
        #expect(output.status == 0)
        for option in [
            "--plan", "--whatif", "-o, --output", "--policy", "--diagnostics", "--max-input-bytes", "--trace-root",
        ] {
            #expect(output.stdout.contains(option), "\(option)")
        }
    }
}
