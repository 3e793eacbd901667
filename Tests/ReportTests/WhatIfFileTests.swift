import Foundation
import Report
import Testing

/// What-if files: tolerant decoding, and errors that say where the file is wrong.
struct WhatIfFileTests {
    static func decode(_ text: String) throws(WhatIfFile.DecodeError) -> [WhatIfScenario] {
        try WhatIfFile.decode(Data(text.utf8), path: "w.json")
    }

    static func error(_ text: String) -> String? {
        do {
            _ = try decode(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func fullAndSparseScenarios() throws {
        let scenarios = try Self.decode(
            """
            [{"name": "base", "planner": "orchestrated", "inputs": [{"path": "a.yaml", "sha256": "00"}],
              "changes": [], "objective": -5.5, "status": "optimal", "gap": 0, "futureField": {"x": 1},
              "overall": {"user": "*", "tasks": 100, "served": 98, "meanDelaySeconds": 0.05,
                          "bytesMoved": 1250000, "somethingNew": true}},
             {"name": "one server fewer", "changes": ["edge2 removed"], "failure": "infeasible"}]
            """)
        #expect(scenarios.count == 2)
        let base = scenarios[0]
        #expect(base.planner == "orchestrated")
        #expect(base.inputs == [WhatIfScenario.Input(path: "a.yaml", sha256: "00")])
        #expect(base.values["objective"] == -5.5)
        #expect(base.values["tasks"] == 100)
        #expect(base.values["bytesMoved"] == 1_250_000)
        #expect(base.values["handovers"] == nil)
        #expect(base.failure == nil)
        let failed = scenarios[1]
        #expect(failed.failure == "infeasible")
        #expect(failed.changes == ["edge2 removed"])
        #expect(failed.values.isEmpty)
        #expect(failed.inputs.isEmpty)
    }

    @Test func notAnArray() {
        #expect(
            Self.error(#"{"name": "base"}"#)
                == "w.json:1:1: error: expected a JSON array of scenarios, base first, each an object with at least a \"name\""
        )
    }

    @Test func wrongFieldsAreLocated() {
        // Each at the line and column of the offending value (or of the object missing a field).
        #expect(
            Self.error(#"[{"name": "a"}, {"name": 7}]"#)
                == "w.json:1:26: error: $[1].name: expected a string, found a number")
        #expect(Self.error(#"[{"name": "a"}, {"planner": "x"}]"#) == "w.json:1:17: error: $[1]: missing \"name\"")
        #expect(
            Self.error(#"[{"name": "a", "overall": {"tasks": "many"}}]"#)
                == "w.json:1:37: error: $[0].overall.tasks: expected a number, found a string")
        #expect(
            Self.error(#"[{"name": "a", "overall": 3}]"#)
                == "w.json:1:27: error: $[0].overall: expected an object, found a number")
        #expect(Self.error(#"["a"]"#) == "w.json:1:2: error: $[0]: expected an object, found a string")
        #expect(
            Self.error("[{\"name\": \"a\"},\n {\"name\": \"b\",\n  \"overall\": {\"tasks\": []}}]")
                == "w.json:3:24: error: $[1].overall.tasks: expected a number, found an array")
    }

    @Test func syntaxErrorsGetALineAndColumn() throws {
        // The stray `x` is the third character of the second line.
        let message = try #require(Self.error("[{\"name\": \"a\"},\n  x]"))
        #expect(
            message
                == "w.json:2:3: error: not valid JSON; expected a JSON array of scenarios, base first, each an object with at least a \"name\""
        )
    }
}
