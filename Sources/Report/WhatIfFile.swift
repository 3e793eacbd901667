public import Foundation
import InputFiles

/// Reads a what-if file and says where it is wrong when it is not one.
public enum WhatIfFile {
    /// Why a file is not a what-if file: `path:line:column: error: …` for malformed JSON,
    /// `path: error: $[1].overall.tasks: …` for JSON of the wrong shape.
    public struct DecodeError: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// The scenarios of the file at `path`; a FIFO or a device is refused, not waited on.
    public static func read(_ path: String) throws(DecodeError) -> [WhatIfScenario] {
        let data: Data
        do {
            data = try RegularFile.contents(of: path, maximumBytes: RegularFile.maximumJSONBytes)
        } catch {
            throw DecodeError(description: "\(path): error: cannot read the what-if file: \(error)")
        }
        return try decode(data, path: path)
    }

    /// The scenarios of `data`, read from `path` (used only in messages).
    public static func decode(_ data: Data, path: String) throws(DecodeError) -> [WhatIfScenario] {
        do {
            return try JSONDecoder().decode([WhatIfScenario].self, from: data)
        } catch {
            let expected = "expected a JSON array of scenarios, base first, each an object with at least a \"name\""
            let problem = JSONDecodeProblem.describe(error, in: data)
            switch problem.documentPath {
            case nil:
                try fail("\(path)\(problem.lineColumnSuffix): error: \(problem.message); \(expected)")
            case "$":
                try fail("\(path)\(problem.lineColumnSuffix): error: \(expected)")
            default:
                try fail(problem.rendered(path: path))
            }
        }
    }

    private static func fail(_ description: String) throws(DecodeError) -> Never {
        throw DecodeError(description: description)
    }
}
