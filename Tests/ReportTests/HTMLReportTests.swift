import EdgeModel
import Foundation
import Plan
import Testing

@testable import Report

/// The whole page on the fixture: one element per thing, escaping, placement, determinism.
struct HTMLReportTests {
    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func oneElementPerThingAndOneBarPerAction() throws {
        let problem = try ReportFixture.problem()
        let plan = ReportFixture.plan(inputs: problem.inputs)
        let html = HTMLReport(problem: problem, plan: plan).html
        #expect(Self.occurrences(of: " data-bs=\"", in: html) == 2)
        #expect(Self.occurrences(of: " data-server=\"", in: html) == 3)
        #expect(Self.occurrences(of: " data-action=\"", in: html) == plan.timeline.count)
        // data-user: the two users of the map, and every bar (the ghost has bars but no map entry).
        #expect(Self.occurrences(of: " data-user=\"", in: html) == 2 + plan.timeline.count)
        #expect(Self.occurrences(of: "<g data-user=\"", in: html) == 2)
        #expect(Self.occurrences(of: "data-action=\"handover\"", in: html) == 3)
        #expect(Self.occurrences(of: "data-action=\"migration\" class=\"mig late\"", in: html) == 1)
        // Nothing is fetched from anywhere: the only URL is SVG's namespace name.
        let withoutNamespaces = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        for fetcher in ["http", "src=", "<link", "url(", "@import"] {
            #expect(!withoutNamespaces.contains(fetcher), "\(fetcher)")
        }
    }

    @Test func hostileIdsAreEscaped() throws {
        let problem = try ReportFixture.problem()
        let html = HTMLReport(problem: problem, plan: ReportFixture.plan(inputs: problem.inputs)).html
        #expect(html.contains("<g data-user=\"a&quot;&lt;b&gt;&amp;&#39;c\""))
        #expect(!html.contains(ReportFixture.hostileUser))
        // In text (the timeline's row label) quotes may stay; markup may not.
        #expect(html.contains(">a\"&lt;b&gt;&amp;'c</text>"))
    }

    @Test func warningsForAPlanOfOtherInputs() throws {
        let problem = try ReportFixture.problem()
        let report = HTMLReport(problem: problem, plan: ReportFixture.plan(inputs: problem.inputs))
        #expect(
            report.warnings == [
                "the plan was made from gone.yaml, whose content is not among these inputs",
                "1 user of the plan not in the workload (ghost): timeline only",
            ])
        #expect(report.html.contains("<ul class=\"warnings\">"))
    }

    @Test func sameInputsSameBytes() throws {
        let problem = try ReportFixture.problem()
        let plan = ReportFixture.plan(inputs: problem.inputs)
        #expect(HTMLReport(problem: problem, plan: plan).html == HTMLReport(problem: problem, plan: plan).html)
    }

    @Test func serversSitAtTheirBaseStationsCentroid() throws {
        let problem = try ReportFixture.problem()
        let layout = MapLayout(topology: problem.topology, paths: [], coverageMeters: 0)
        // edge-mid links to ap1 (0, 0) and ap2 (100, 0): drawn at (50, 0); edge2 on ap2.
        #expect(layout.serverPositions[0] == layout.point(PlanePoint(xMeters: 50, yMeters: 0)))
        #expect(layout.serverPositions[1] == layout.point(PlanePoint(xMeters: 100, yMeters: 0)))
        // The cloud links to servers only: the row below the map, alone in it, so in the middle.
        #expect(layout.unlinkedServers == [ServerIndex(2)])
        #expect(layout.serverPositions[2].x == MapLayout.width / 2)
        #expect(layout.serverPositions[2].y > layout.planeHeight)
        #expect(layout.serverBandHeight == MapLayout.captionHeight + MapLayout.serverRowHeight)
        #expect(layout.height == layout.planeHeight + layout.serverBandHeight)
        // Two things on a wide map: marks at full size.
        #expect(layout.markScale == 1)
    }

    @Test func longTrajectoriesAreSimplified() throws {
        let problem = try ReportFixture.problem()
        let html = HTMLReport(problem: problem, plan: ReportFixture.plan(inputs: problem.inputs)).html
        // The walker's 401 waypoints zigzag 3 m across a 100 m walk, well above half a pixel:
        // the drawing keeps at most the cap.
        let start = try #require(html.range(of: "<g data-user=\"walker\""))
        let polyline = try #require(html.range(of: "<polyline points=\"", range: start.upperBound..<html.endIndex))
        let end = try #require(html.range(of: "\"", range: polyline.upperBound..<html.endIndex))
        let points = html[polyline.upperBound..<end.lowerBound].split(separator: " ")
        #expect(points.count >= 2)
        #expect(points.count <= MapRenderer.maximumPathPoints)
    }

    @Test func whatIfDrawsABarPerScenarioPerMetric() throws {
        let problem = try ReportFixture.problem()
        let scenarios = [
            WhatIfScenario(name: "base", planner: "orchestrated", values: ["tasks": 10, "objective": -1]),
            WhatIfScenario(name: "no edge2", changes: ["edge2 removed"], failure: "infeasible"),
        ]
        let html = HTMLReport(problem: problem, plan: ReportFixture.plan(inputs: problem.inputs), whatIf: scenarios)
            .html
        // The 11 replay metrics and the objective (only the base gives one).
        let metrics = WhatIfMetric.overall.count + 1
        #expect(Self.occurrences(of: " data-scenario=\"", in: html) == 2 * metrics)
        #expect(Self.occurrences(of: "class=\"bar failed\"", in: html) == metrics)
        #expect(Self.occurrences(of: "<figure data-metric=", in: html) == metrics)
    }

    @Test func timeStepsAreRound() {
        #expect(TimelineRenderer.roundStep(for: 82) == 100)
        #expect(TimelineRenderer.roundStep(for: 3.75) == 5)
        #expect(TimelineRenderer.roundStep(for: 0.0031) == 0.005)
        #expect(TimelineRenderer.roundStep(for: 20) == 20)
    }
}
