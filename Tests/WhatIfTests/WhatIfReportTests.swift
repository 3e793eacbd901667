import Simulation
import Testing
import WhatIf

/// The renderings and the merge of what-if results, on hand-made results.
struct WhatIfReportTests {
    static func result(
        _ index: Int, _ name: String, downtime: Double, migrations: Int, changes: [String] = ["x"], count: Int = 3
    ) -> ScenarioResult {
        var result = ScenarioResult(
            index: index, scenarioCount: count, name: name, planner: "orchestrated", changes: changes, mode: "span")
        result.overall = ReplayMetrics(
            user: "*", tasks: 100, served: 99, meanDelaySeconds: 0.05, p95DelaySeconds: 0.2,
            downtimeSeconds: downtime, outOfCoverageSeconds: 0, migrations: migrations, handovers: 4,
            bytesMoved: 1_000_000, delayViolations: 1, downtimeViolations: 0)
        result.status = "optimal"
        result.objective = 10
        result.gap = 0
        result.serversUsed = 3
        result.solveSeconds = 0.5
        return result
    }

    static let results = [
        result(0, "base", downtime: 20, migrations: 6, changes: []),
        result(1, "faster", downtime: 17.5, migrations: 6),
        {
            var failed = ScenarioResult(
                index: 2, scenarioCount: 3, name: "broken", planner: "orchestrated", changes: ["y"], mode: "none")
            failed.failure = "v.yaml:3:5: error: unknown server \"edge9\""
            return failed
        }(),
    ]

    /// Deltas against the base: 17.5 − 20 = −2.5 s of downtime, migrations unchanged; the failed
    /// scenario keeps its row and its message.
    @Test func tableShowsDeltasAndFailures() {
        let text = WhatIfReport.text(Self.results)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("scenario"))
        #expect(lines[1].hasPrefix("base"))
        #expect(!lines[1].contains("("))
        #expect(lines[2].contains("17.50 s (−2.50 s)"))
        #expect(lines[2].contains("6 (=)"))
        #expect(lines[3].contains("failed"))
        #expect(text.contains("failed: broken (orchestrated):\nv.yaml:3:5: error: unknown server \"edge9\""))
    }

    @Test func csvQuotesAndDeltas() {
        let csv = WhatIfReport.csv(Self.results).split(separator: "\n").map(String.init)
        #expect(csv.count == 4)
        let header = csv[0].split(separator: ",").map(String.init)
        let faster = csv[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let downtime = try? #require(header.firstIndex(of: "downtimeSeconds"))
        let delta = try? #require(header.firstIndex(of: "downtimeSecondsDelta"))
        #expect(faster[downtime ?? 0] == "17.5")
        #expect(faster[delta ?? 0] == "-2.5")
        // The failure holds a quote and a colon: quoted, its quotes doubled.
        #expect(csv[3].hasSuffix("\"v.yaml:3:5: error: unknown server \"\"edge9\"\"\""))
    }

    /// Shards merge back in scenario order; a missing or doubled scenario, or shards of different
    /// runs, are errors naming them.
    @Test func mergeChecksCompleteness() throws {
        let merged = try WhatIfMerge.merge([
            ("b.json", [Self.results[1]]), ("a.json", [Self.results[2], Self.results[0]]),
        ])
        #expect(merged.map(\.index) == [0, 1, 2])
        #expect(merged == Self.results)
        #expect(throws: WhatIfMerge.MergeError.self) { try WhatIfMerge.merge([("a.json", [Self.results[0]])]) }
        do {
            _ = try WhatIfMerge.merge([("a.json", Self.results), ("b.json", [Self.results[1]])])
            Issue.record("a doubled scenario must not merge")
        } catch {
            #expect("\(error)".contains("is in both a.json and b.json"))
        }
        do {
            _ = try WhatIfMerge.merge([
                ("a.json", [Self.results[0]]), ("b.json", [Self.result(1, "x", downtime: 1, migrations: 1, count: 5)]),
            ])
            Issue.record("shards of different runs must not merge")
        } catch {
            #expect("\(error)".contains("shards of different runs"))
        }
    }
}
