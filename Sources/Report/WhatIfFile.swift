public import Foundation

/// Reads a what-if file and says where it is wrong when it is not one.
public enum WhatIfFile {
    /// Why a file is not a what-if file: `path:line:column: error: …` for malformed JSON,
    /// `path: error: $[1].overall.tasks: …` for JSON of the wrong shape.
    public struct DecodeError: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// The scenarios of `data`, read from `path` (used only in messages).
    public static func decode(_ data: Data, path: String) throws(DecodeError) -> [WhatIfScenario] {
        do {
            return try JSONDecoder().decode([WhatIfScenario].self, from: data)
        } catch let error as DecodingError {
            throw DecodeError(description: describe(error, data: data, path: path))
        } catch {
            throw DecodeError(description: "\(path): error: not a what-if file: \(error)")
        }
    }

    private static func describe(_ error: DecodingError, data: Data, path: String) -> String {
        let expected = "expected a JSON array of scenarios, base first, each an object with at least a \"name\""
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "\(path)\(syntaxLocation(data)): error: not valid JSON; \(expected)"
        case .dataCorrupted(let context):
            return "\(path): error: \(location(context.codingPath)): \(context.debugDescription)"
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            return "\(path): error: \(expected)"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "\(path): error: \(location(context.codingPath)): expected \(noun(for: type))"
        case .keyNotFound(let key, let context):
            return "\(path): error: \(location(context.codingPath)): missing \"\(key.stringValue)\""
        @unknown default:
            return "\(path): error: not a what-if file: \(error)"
        }
    }

    /// `$[1].overall.tasks`: where in the document the decoder stopped.
    static func location(_ codingPath: [any CodingKey]) -> String {
        var text = "$"
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else if key.stringValue.hasPrefix("Index "), let index = Int(key.stringValue.dropFirst(6)) {
                // Foundation names array positions "Index N" in some paths.
                text += "[\(index)]"
            } else {
                text += ".\(key.stringValue)"
            }
        }
        return text
    }

    private static func noun(for type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Double.Type, is Int.Type: "a number"
        case is [String].Type, is [WhatIfScenario.Input].Type: "an array"
        default: "an object"
        }
    }

    /// `:line:column` of a syntax error. JSONDecoder does not say where; JSONSerialization says
    /// "around character N" (a byte offset into the UTF-8), which is turned into 1-based line and
    /// column (counting Unicode scalars, as the YAML diagnostics do).
    static func syntaxLocation(_ data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return ""
        } catch {
            let message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            guard let range = message.range(of: "character "),
                let offset = Int(message[range.upperBound...].prefix { $0.isNumber })
            else { return "" }
            let prefix = String(decoding: data.prefix(offset), as: UTF8.self)
            let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
            let column = (lines.last.map { $0.unicodeScalars.count } ?? 0) + 1
            return ":\(lines.count):\(column)"
        }
    }
}
