public import Foundation

/// Why JSON did not decode, in words and with where: `3:17` and `$.decisions[0].user` rather than
/// a `DecodingError` dump. Shared by every reader of edgeplan's JSON files (plans, what-if results).
public struct JSONDecodeProblem: Sendable, Hashable, Error {
    /// 1-based line and column (in Unicode scalars) of the offending value, when it can be found.
    public let line: Int?
    public let column: Int?
    /// Where in the document, as `$[1].overall.tasks`; nil for a syntax error.
    public let documentPath: String?
    /// What is wrong: "not valid JSON", "expected a string, found a number", "missing \"name\"".
    public let message: String

    public init(line: Int?, column: Int?, documentPath: String?, message: String) {
        self.line = line
        self.column = column
        self.documentPath = documentPath
        self.message = message
    }

    /// `:line:column` when known, for `path:line:column: error: …`.
    public var lineColumnSuffix: String {
        guard let line, let column else { return "" }
        return ":\(line):\(column)"
    }

    /// `path[:line:column]: error: [$.where: ]message`.
    public func rendered(path: String, prefix: String = "") -> String {
        let place = documentPath.map { "\($0): " } ?? ""
        return "\(path)\(lineColumnSuffix): error: \(prefix)\(place)\(message)"
    }

    /// Describes `error`, thrown while decoding `data`.
    public static func describe(_ error: any Error, in data: Data) -> JSONDecodeProblem {
        guard let decoding = error as? DecodingError else {
            return JSONDecodeProblem(line: nil, column: nil, documentPath: nil, message: "\(error)")
        }
        switch decoding {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            if data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
                return JSONDecodeProblem(line: nil, column: nil, documentPath: nil, message: "the file is empty")
            }
            let (position, atEnd) = syntaxPosition(data)
            return JSONDecodeProblem(
                line: position?.line, column: position?.column, documentPath: nil,
                message: atEnd ? "not valid JSON: the file ends inside a value" : "not valid JSON")
        case .dataCorrupted(let context):
            // edgeplan's own checks say what they expected; Foundation's descriptions are not for users.
            let message = context.debugDescription.hasPrefix("expected ") ? context.debugDescription : "an invalid value"
            return located(context.codingPath, in: data, message: message)
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let found = JSONLocator(data).value(at: context.codingPath).map { " found \($0.kind)" } ?? ""
            return located(
                context.codingPath, in: data,
                message: "expected \(noun(for: type))" + (found.isEmpty ? "" : "," + found))
        case .keyNotFound(let key, let context):
            return located(context.codingPath, in: data, message: "missing \"\(key.stringValue)\"")
        @unknown default:
            return JSONDecodeProblem(line: nil, column: nil, documentPath: nil, message: "\(error)")
        }
    }

    private static func located(_ codingPath: [any CodingKey], in data: Data, message: String) -> JSONDecodeProblem {
        let position = JSONLocator(data).value(at: codingPath).map { JSONLocator.lineColumn(of: $0.offset, in: data) }
        return JSONDecodeProblem(
            line: position?.line, column: position?.column, documentPath: documentPath(codingPath), message: message)
    }

    /// Line and column of the value at a path of object keys and array indices, when it is there.
    public static func position(of path: [String], in data: Data) -> (line: Int, column: Int)? {
        JSONLocator(data).value(at: path.map { JSONKey($0) }).map { JSONLocator.lineColumn(of: $0.offset, in: data) }
    }

    /// `$[1].overall.tasks`: where in the document the decoder stopped.
    public static func documentPath(_ codingPath: [any CodingKey]) -> String {
        var text = "$"
        for key in codingPath {
            if let index = JSONLocator.index(of: key) {
                text += "[\(index)]"
            } else {
                text += ".\(key.stringValue)"
            }
        }
        return text
    }

    /// `$.timeline[3].at` for a path of object keys and array indices written as text.
    public static func documentPath(of path: [String]) -> String { documentPath(path.map { JSONKey($0) }) }

    /// How a message names the JSON a Swift type is decoded from.
    static func noun(for type: Any.Type) -> String {
        switch type {
        case is String.Type, is Substring.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is any BinaryInteger.Type, is any BinaryFloatingPoint.Type, is Decimal.Type: return "a number"
        default:
            return String(describing: type).hasPrefix("Array<") ? "an array" : "an object"
        }
    }

    /// Line and column of a syntax error, and whether the text ended too soon. JSONDecoder does
    /// not say where; JSONSerialization says "around character N" (a byte offset into the UTF-8)
    /// or that the file ended.
    static func syntaxPosition(_ data: Data) -> (position: (line: Int, column: Int)?, atEnd: Bool) {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return (nil, false)
        } catch {
            let message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            if message.contains("end of file") { return (JSONLocator.lineColumn(of: data.count, in: data), true) }
            guard let range = message.range(of: "character "),
                let offset = Int(message[range.upperBound...].prefix { $0.isNumber })
            else { return (nil, false) }
            return (JSONLocator.lineColumn(of: min(offset, data.count), in: data), false)
        }
    }
}

/// A key of a path given as text: a number is an array index.
private struct JSONKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(_ text: String) {
        stringValue = text
        intValue = Int(text)
    }

    init?(stringValue: String) { self.init(stringValue) }

    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}
