import Diagnostics
import Frontend
import Foundation
import Yams

/// A JSON or YAML value as read, before it is given a type: AdvantEDGE writes scenarios in both
/// forms (the platform exports JSON, its system tests keep YAML), and reading both into one tree
/// lets one mapping turn either into a scenario and notice every field it does not know.
enum ScenarioValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([ScenarioValue])
    case object([(key: String, value: ScenarioValue)])

    static func == (lhs: ScenarioValue, rhs: ScenarioValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        default: false
        }
    }

    /// Null, or an empty string, list or map: a field AdvantEDGE wrote without a value.
    var isEmpty: Bool {
        switch self {
        case .null: true
        case .string(let text): text.isEmpty
        case .array(let items): items.isEmpty
        case .object(let fields): fields.allSatisfy(\.value.isEmpty)
        case .bool, .number: false
        }
    }

    /// The value written back as compact text, for warnings that quote it.
    var text: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let value): Self.decimal(value)
        case .string(let text): text
        case .array(let items): "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .object(let fields): "{" + fields.map { "\($0.key): \($0.value.text)" }.joined(separator: ", ") + "}"
        }
    }

    /// Shortest round-trip decimal form, without a trailing ".0" on whole numbers.
    static func decimal(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

extension ScenarioValue {
    /// Reads a scenario file's text: JSON when it parses as JSON, YAML otherwise.
    static func parse(_ data: Data, isJSON: Bool) throws -> ScenarioValue {
        if isJSON {
            do {
                return try JSONDecoder().decode(JSONForm.self, from: data).value
            } catch let error as DecodingError {
                throw ScenarioReadError.malformed("not valid JSON: \(Self.describe(error))")
            }
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioReadError.malformed("not UTF-8 text")
        }
        if let key = YAMLComposer.findAliasKey(text, file: "") {
            throw ScenarioReadError.malformed(
                "\(key.line):\(key.column): an alias used as a mapping key is not supported; write the key out")
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ScenarioReadError.malformed("an empty document")
            }
            // Aliases share nodes, so a few lines can stand for billions of values: a document is
            // converted only up to one value per byte of it (more than any text without aliases holds).
            var budget = data.count + 1
            return try Self(yaml: node, budget: &budget)
        } catch let error as YamlError {
            throw ScenarioReadError.malformed("not valid YAML: \(Self.describe(error))")
        }
    }

    /// "line:column: problem": Yams's own description quotes the whole source line, however long.
    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let around = context.map { " (\($0.text) at \($0.mark.line):\($0.mark.column))" } ?? ""
            return DiagnosticText.bounded("\(mark.line):\(mark.column): \(problem)\(around)")
        default:
            return DiagnosticText.bounded("\(error)")
        }
    }

    /// A YAML node by its resolved tag: plain `50` is a number, quoted `'001'` stays a string.
    /// `budget` is how many more values may be made; past it the document is refused.
    private init(yaml node: Node, budget: inout Int) throws {
        budget -= 1
        guard budget >= 0 else {
            throw ScenarioReadError.malformed(
                "its aliases expand to more values than the file has bytes; write the repeated parts out")
        }
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: self = .null
            case .bool: self = .bool(Bool.construct(from: scalar) ?? false)
            case .int, .float:
                guard let value = Double.construct(from: scalar) ?? Int.construct(from: scalar).map(Double.init) else {
                    throw ScenarioReadError.malformed("\(DiagnosticText.quote(scalar.string)) is not a number")
                }
                self = .number(value)
            default: self = .string(scalar.string)
            }
        case .sequence(let sequence):
            self = .array(try sequence.map { try Self(yaml: $0, budget: &budget) })
        case .mapping(let mapping):
            self = .object(
                try mapping.map { pair in
                    guard case .scalar(let key) = pair.key else {
                        throw ScenarioReadError.malformed("a map key that is not text")
                    }
                    return (key: key.string, value: try Self(yaml: pair.value, budget: &budget))
                })
        case .alias:
            throw ScenarioReadError.malformed("YAML aliases are not supported in scenarios")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context): context.debugDescription
        default: "\(error)"
        }
    }
}

/// JSON decoded into a `ScenarioValue`, keeping the order of keys as written.
private struct JSONForm: Decodable {
    let value: ScenarioValue

    private struct Key: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: Key.self) {
            // `allKeys` has no defined order; order them as the bytes do not tell us, by name, so
            // that output built from them is deterministic.
            value = .object(
                try object.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
                    (key: $0.stringValue, value: try object.decode(JSONForm.self, forKey: $0).value)
                })
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var items: [ScenarioValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONForm.self).value) }
            value = .array(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            value = .null
        } else if let flag = try? single.decode(Bool.self) {
            value = .bool(flag)
        } else if let number = try? single.decode(Double.self) {
            value = .number(number)
        } else {
            value = .string(try single.decode(String.self))
        }
    }
}

/// Why a scenario could not be read.
public enum ScenarioReadError: Error, CustomStringConvertible, Equatable {
    case malformed(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .malformed(let reason): reason
        case .invalid(let reason): reason
        }
    }
}
