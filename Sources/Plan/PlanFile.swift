import Diagnostics
public import Foundation
import InputFiles

/// Why a plan could not be read: `path[:line:column]: error: message`, the one form every command
/// that reads plans (timeline, simulate, report, execute, export) prints, with exit status 1.
public struct PlanReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    /// Where in the file, when the problem is at a place (1-based; columns in Unicode scalars).
    public let line: Int?
    public let column: Int?
    public let message: String

    public var description: String {
        let place = line.flatMap { line in column.map { ":\(line):\($0)" } } ?? ""
        return "\(path)\(place): error: \(message)"
    }
}

/// The one reader of plan files.
public enum PlanFile {
    /// The plan at `path` ("-": standard input).
    public static func read(_ path: String) throws(PlanReadError) -> Plan {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            do {
                // A FIFO or a device is refused rather than waited on or read for ever.
                data = try RegularFile.contents(of: path)
            } catch {
                throw PlanReadError(path: path, line: nil, column: nil, message: "cannot read the plan: \(error)")
            }
        }
        return try decode(data, path: path == "-" ? "<stdin>" : path)
    }

    /// The plan in `data`, read from `path` (used only in messages).
    public static func decode(_ data: Data, path: String) throws(PlanReadError) -> Plan {
        // The version first: a plan of another version is named as such, not by the first field
        // whose shape changed.
        if let version = (try? JSONDecoder().decode(VersionProbe.self, from: data))?.schemaVersion,
            version != Plan.schemaVersion
        {
            let position = JSONDecodeProblem.position(of: ["schemaVersion"], in: data)
            throw PlanReadError(
                path: path, line: position?.line, column: position?.column,
                message:
                    "plan schema version \(DiagnosticText.quote(version, limit: 20)) is not one this edgeplan reads (\"\(Plan.schemaVersion)\")"
            )
        }
        do {
            return try JSONDecoder().decode(Plan.self, from: data)
        } catch {
            let problem = JSONDecodeProblem.describe(error, in: data)
            let place = problem.documentPath.map { "\($0): " } ?? ""
            let hint = problem.documentPath == nil ? " (docs/plan-format.md describes plans)" : ""
            throw PlanReadError(
                path: path, line: problem.line, column: problem.column,
                message: "not an edgeplan plan: \(place)\(problem.message)\(hint)")
        }
    }

    /// Just the version of a plan-like object.
    private struct VersionProbe: Decodable {
        let schemaVersion: String?
    }
}
