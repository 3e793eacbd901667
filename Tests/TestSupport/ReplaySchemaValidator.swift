public import Testing

/// The replay schema check: `scripts/validate-replay` (Python's jsonschema, independent of edgeplan).
public enum ReplaySchemaValidator {
    /// Validates replay files; records an issue with the validator's messages when any is invalid.
    public static func validate(_ paths: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let python = try #require(
            PlanSchemaValidator.interpreter, "no python3 with jsonschema: run scripts/install-dependencies",
            sourceLocation: sourceLocation)
        let script = ProblemFixture.packageRoot.appendingPathComponent("scripts/validate-replay").path
        let result = try ExternalTool.run(python, [script] + paths)
        #expect(result.status == 0, "\(result.output)", sourceLocation: sourceLocation)
    }
}
