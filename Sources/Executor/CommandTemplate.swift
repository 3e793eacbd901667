import Foundation

/// Why a command of `--on` cannot be used.
public struct CommandSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A command of `--on`, split into words once, whose placeholders are filled per action.
///
/// The rules (docs/execute.md, "Commands"): words are separated by unquoted spaces, tabs and
/// newlines. Outside quotes a backslash makes the next character literal. Inside single quotes every
/// character is literal, placeholders too, as the shell keeps `$x` in them. Inside double quotes a
/// backslash escapes only `"`, `\` and `{`. `{user}` and the other names of `Placeholder` are
/// placeholders outside single quotes; any other brace is text, and `\{` is a literal brace.
/// Splitting happens before substitution, so a value never adds or removes a word: a word is always
/// one argument, even when a placeholder in it is empty.
public struct CommandTemplate: Sendable, Equatable {
    /// A run of literal text or a placeholder inside a word.
    public enum Segment: Sendable, Equatable {
        case text(String)
        case placeholder(Placeholder)
    }

    /// The command as given.
    public let source: String
    public let words: [[Segment]]

    public init(parsing source: String) throws(CommandSyntaxError) {
        self.source = source
        var parser = WordParser(Array(source.unicodeScalars))
        words = try parser.words()
        guard !words.isEmpty else { throw CommandSyntaxError("the command is empty") }
    }

    /// The arguments for one action: each word with its placeholders replaced.
    public func arguments(_ values: ActionValues) -> [String] {
        words.map { word in
            word.map { segment in
                switch segment {
                case .text(let text): text
                case .placeholder(let placeholder): values[placeholder]
                }
            }.joined()
        }
    }

    /// The program word when it has no placeholder, so it can be looked up before anything runs.
    public var fixedProgram: String? {
        guard let first = words.first else { return nil }
        var text = ""
        for segment in first {
            guard case .text(let part) = segment else { return nil }
            text += part
        }
        return text
    }

    /// Arguments as one line a reader can paste back into `--on`: words that need it are
    /// single-quoted, and a single quote inside one is written `'\''`.
    public static func displayed(_ arguments: [String]) -> String {
        arguments.map { argument in
            let plain = !argument.isEmpty && argument.unicodeScalars.allSatisfy { Self.unquoted.contains($0) }
            if plain { return argument }
            return "'" + argument.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
        }.joined(separator: " ")
    }

    /// Characters a displayed word may hold without quotes (none has a meaning to the splitter).
    private static let unquoted = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.,/:=+@%")
}

/// The splitter behind `CommandTemplate`, one scalar at a time.
private struct WordParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var result: [[CommandTemplate.Segment]] = []
    private var segments: [CommandTemplate.Segment] = []
    private var text = ""
    /// A word has begun, even if it is still empty (`''` is one empty argument).
    private var inWord = false

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    mutating func words() throws(CommandSyntaxError) -> [[CommandTemplate.Segment]] {
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case " ", "\t", "\n":
                endWord()
            case "\\":
                guard index < scalars.count else {
                    throw CommandSyntaxError("a backslash ends the command; write \\\\ for a backslash")
                }
                inWord = true
                // A backslash before a newline joins the lines, as in the shell.
                if scalars[index] != "\n" { text.unicodeScalars.append(scalars[index]) }
                index += 1
            case "'":
                inWord = true
                try singleQuoted(openedAt: index)
            case "\"":
                inWord = true
                try doubleQuoted(openedAt: index)
            case "{":
                inWord = true
                placeholderOrBrace()
            default:
                inWord = true
                text.unicodeScalars.append(scalar)
            }
        }
        endWord()
        return result
    }

    private mutating func singleQuoted(openedAt column: Int) throws(CommandSyntaxError) {
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == "'" { return }
            text.unicodeScalars.append(scalar)
        }
        throw CommandSyntaxError("the single quote at column \(column) is not closed")
    }

    private mutating func doubleQuoted(openedAt column: Int) throws(CommandSyntaxError) {
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "\"":
                return
            case "\\" where index < scalars.count && ["\"", "\\", "{"].contains(scalars[index]):
                text.unicodeScalars.append(scalars[index])
                index += 1
            case "{":
                placeholderOrBrace()
            default:
                text.unicodeScalars.append(scalar)
            }
        }
        throw CommandSyntaxError("the double quote at column \(column) is not closed")
    }

    /// After a `{`: a placeholder when a known name and `}` follow, else a literal brace.
    private mutating func placeholderOrBrace() {
        var end = index
        while end < scalars.count, scalars[end] != "}", end - index <= 8 { end += 1 }
        if end < scalars.count, scalars[end] == "}" {
            var name = ""
            name.unicodeScalars.append(contentsOf: scalars[index..<end])
            if let placeholder = Placeholder(rawValue: name) {
                flushText()
                segments.append(.placeholder(placeholder))
                index = end + 1
                return
            }
        }
        text.unicodeScalars.append("{")
    }

    private mutating func flushText() {
        if !text.isEmpty { segments.append(.text(text)) }
        text = ""
    }

    private mutating func endWord() {
        flushText()
        if inWord { result.append(segments.isEmpty ? [.text("")] : segments) }
        segments = []
        inWord = false
    }
}
