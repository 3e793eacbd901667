import Testing
import WhatIf

/// The enumeration of scenarios: fixed order, sweeps as a cartesian product, planners multiplying.
struct ScenarioTests {
    @Test func orderAndProduct() {
        let request = WhatIfRequest(
            basePaths: ["p"], alternatives: [("alt", ["a.yaml"])],
            sweeps: [("policy.horizon", ["5 s", "10 s"]), ("policy.margin", ["0 %", "10 %", "20 %"])],
            planners: [.orchestrated, .nearest])
        let scenarios = request.scenarios()
        // (1 base + 1 alternative + 2 × 3 sweeps) × 2 planners.
        #expect(scenarios.count == 16)
        #expect(scenarios.map(\.index) == Array(0..<16))
        #expect(scenarios[0].name == "base" && scenarios[0].isBase && scenarios[0].planner == .orchestrated)
        #expect(scenarios[1].name == "base" && scenarios[1].planner == .nearest)
        #expect(scenarios[2].name == "alt")
        // The last key varies fastest.
        #expect(scenarios[4].name == "policy.horizon = 5 s, policy.margin = 0 %")
        #expect(scenarios[6].name == "policy.horizon = 5 s, policy.margin = 10 %")
        #expect(scenarios[10].name == "policy.horizon = 10 s, policy.margin = 0 %")
        #expect(scenarios[15].changes == ["policy.horizon = 10 s", "policy.margin = 20 %"])
        #expect(request.scenarioCount == 16)
    }

    /// The count is known before listing, so a huge product is refused without filling memory.
    @Test func countWithoutListing() {
        let thirty = (1...30).map(String.init)
        let keys = ["a", "b", "c", "d", "e", "f"]
        let large = WhatIfRequest(basePaths: ["p"], sweeps: keys.map { ($0, thirty) }, planners: [.nearest, .cloud])
        // (1 base + 30^6) × 2 planners.
        #expect(large.scenarioCount == (1 + 729_000_000) * 2)
        let huge = WhatIfRequest(basePaths: ["p"], sweeps: (0..<20).map { ("k\($0)", thirty) })
        #expect(huge.scenarioCount == nil)
        #expect(WhatIfRequest(basePaths: ["p"]).scenarioCount == 1)
    }

    @Test func baseAlone() {
        let scenarios = WhatIfRequest(basePaths: ["p"]).scenarios()
        #expect(scenarios.count == 1)
        #expect(scenarios[0].planner == nil)
        #expect(scenarios[0].changes.isEmpty)
    }
}
