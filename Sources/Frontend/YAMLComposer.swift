public import Diagnostics
import Foundation
import Yams

/// Turns a source file into composed YAML documents, reporting syntax errors at their position.
public enum YAMLComposer {
    /// Stack for composing: Yams composes recursively and libyaml allows 1000 levels of nesting,
    /// more than a secondary thread's default stack holds.
    static let stackBytes = 64 << 20

    /// The documents of `source`, skipping empty ones; nil after a syntax error.
    static func documents(of source: SourceFile, diagnostics: DiagnosticCollector) -> [Node]? {
        if let aliasKey = findAliasKey(source.text, file: source.path) {
            diagnostics.error(
                .aliasKey, "an alias used as a mapping key is not supported; write the key out", at: aliasKey)
            return nil
        }
        let outcome = onLargeStack { () -> Result<[Node], any Error> in
            Result {
                // The front end reads scalars as text and never uses Yams's resolved types; the basic
                // resolver spares the seven regular expressions the default one runs on every key
                // when Yams checks mappings for duplicates (a quarter of the load time).
                let parser = try Parser(yaml: source.text, resolver: .basic)
                var documents: [Node] = []
                while let node = try parser.nextRoot() {
                    documents.append(node)
                }
                return documents
            }
        }
        switch outcome {
        case .success(let nodes):
            return nodes.filter { node in
                if case .scalar(let scalar) = node, DocumentReader.isNull(scalar) { return false }
                return true
            }
        case .failure(let error):
            diagnostics.emit(diagnostic(for: error, file: source.path, text: source.text))
            return nil
        }
    }

    static func diagnostic(for error: any Error, file: String, text: String) -> Diagnostic {
        func location(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: max(1, mark.line), column: max(1, mark.column))
        }
        func notes(_ context: YamlError.Context?, besides mark: Mark) -> [DiagnosticNote] {
            // A context at the problem's own position ("while parsing") adds nothing.
            guard let context, !context.text.isEmpty, location(context.mark) != location(mark) else { return [] }
            return [DiagnosticNote(context.text, at: location(context.mark))]
        }
        guard let yamlError = error as? YamlError else {
            return Diagnostic(.error, .yamlSyntax, "cannot read YAML: \(error)", at: .startOf(file))
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            var at = location(mark)
            if problem.contains("Maximum nesting level") {
                at = startOfBracketRun(at, in: text)
            }
            return Diagnostic(
                .error, .yamlSyntax, "YAML syntax error: \(rephrase(problem))", at: at,
                notes: notes(context, besides: mark))
        case .composer(let context, let problem, let mark, _):
            return Diagnostic(
                .error, .yamlSyntax, "YAML error: \(problem)", at: location(mark), notes: notes(context, besides: mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams gives the first occurrence of the first duplicate; the error belongs at the repetition.
            let keys = duplicates.map { DiagnosticText.quote($0) }.joined(separator: ", ")
            let first = location(context.mark)
            if let key = duplicates.first,
                let (line, column) = repetition(of: key, after: (first.line, first.column), in: text)
            {
                return Diagnostic(
                    .error, .duplicateKey, "duplicate key \(keys) in one mapping",
                    at: SourceLocation(file: file, line: line, column: column),
                    notes: [DiagnosticNote("\(DiagnosticText.quote(key)) first appears here", at: first)])
            }
            return Diagnostic(.error, .duplicateKey, "duplicate key \(keys) in one mapping", at: first)
        case .reader(let problem, let offset, _, _):
            return Diagnostic(
                .error, .yamlSyntax, "YAML reader error: \(problem)", at: locationOfOffset(offset, in: text, file: file)
            )
        default:
            return Diagnostic(.error, .yamlSyntax, "cannot read YAML: \(yamlError)", at: .startOf(file))
        }
    }

    /// libyaml reports too deep flow nesting a bracket or so into the run of opening brackets; the
    /// construct that nests too deep starts at the first bracket of the run.
    private static func startOfBracketRun(_ location: SourceLocation, in text: String) -> SourceLocation {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line <= lines.count else { return location }
        let line = Array(lines[location.line - 1].unicodeScalars)
        var column = min(location.column, line.count + 1)
        while column > 1, line[column - 2] == "[" || line[column - 2] == "{" { column -= 1 }
        return SourceLocation(file: location.file, line: location.line, column: column)
    }

    private static func rephrase(_ problem: String) -> String {
        if problem.contains("Maximum nesting level") { return "nesting deeper than 1000 levels" }
        return problem
    }

    private static func locationOfOffset(_ offset: Int?, in text: String, file: String) -> SourceLocation {
        guard let offset else { return .startOf(file) }
        var line = 1
        var column = 1
        for (index, byte) in text.utf8.enumerated() {
            if index >= offset { break }
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// Where `key`, first written at `first` (1-based line and column), is written again in the same
    /// mapping: the next line indented like it (block style), or the next entry at the same depth
    /// (flow style). Nil when it cannot be told from the text.
    static func repetition(of key: String, after first: (line: Int, column: Int), in text: String) -> (Int, Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        guard first.line >= 1, first.line <= lines.count, first.column >= 1 else { return nil }
        let spellings = [key, "\"\(key)\"", "'\(key)'"].map { Array($0.unicodeScalars) }
        /// The length of the key written at `column` of `line` (0-based), followed by a colon, if it is.
        func keyLength(_ line: [Unicode.Scalar], _ column: Int) -> Int? {
            for spelling in spellings
            where column + spelling.count <= line.count
                && Array(line[column..<(column + spelling.count)]) == spelling
            {
                var end = column + spelling.count
                while end < line.count, line[end] == " " { end += 1 }
                let isKey =
                    end < line.count && line[end] == ":"
                    && (end + 1 == line.count || " \t\r,]}".unicodeScalars.contains(line[end + 1]))
                if isKey { return spelling.count }
            }
            return nil
        }
        let firstLine = lines[first.line - 1]
        let start = first.column - 1
        guard start < firstLine.count, let length = keyLength(firstLine, start) else { return nil }
        var before = start - 1
        while before >= 0, firstLine[before] == " " { before -= 1 }
        let isFlow = before >= 0 && (firstLine[before] == "{" || firstLine[before] == ",")
        if !isFlow {
            for index in first.line..<lines.count {
                let line = lines[index]
                guard let indent = line.firstIndex(where: { $0 != " " }), line[indent] != "#" else { continue }
                if indent < start { return nil }
                if indent == start, keyLength(line, indent) != nil { return (index + 1, indent + 1) }
            }
            return nil
        }
        // Flow style: entries at depth 0 after the first key, until its mapping closes.
        var depth = 0
        var quote: Unicode.Scalar?
        var afterComma = false
        var index = first.line - 1
        var column = start + length
        while index < lines.count {
            let line = lines[index]
            while column < line.count {
                let character = line[column]
                if let open = quote {
                    if character == open { quote = nil }
                } else if afterComma, character != " ", character != "\t" {
                    afterComma = false
                    if depth == 0, keyLength(line, column) != nil { return (index + 1, column + 1) }
                    continue
                } else if character == "#", column == 0 || line[column - 1] == " " {
                    break
                } else if character == "\"" || character == "'" {
                    quote = character
                } else if character == "{" || character == "[" {
                    depth += 1
                } else if character == "}" || character == "]" {
                    depth -= 1
                    if depth < 0 { return nil }
                } else if character == ",", depth == 0 {
                    afterComma = true
                }
                column += 1
            }
            index += 1
            column = 0
        }
        return nil
    }

    /// Yams hashes mapping keys to find duplicates, and hashing an alias key walks the whole aliased
    /// tree, which an alias bomb makes exponential. Alias keys are refused before composing (here and
    /// by the AdvantEDGE importer, which composes foreign YAML with Yams too).
    public static func findAliasKey(_ text: String, file: String) -> SourceLocation? {
        var line = 1
        var column = 1
        var previous: UInt8 = 0x0A
        var quote: UInt8?
        var inComment = false
        var bytes = Array(text.utf8)
        bytes.append(0x0A)
        var i = 0
        while i < bytes.count - 1 {
            let byte = bytes[i]
            defer {
                if byte == 0x0A {
                    line += 1
                    column = 1
                    inComment = false
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                previous = byte
                i += 1
            }
            if inComment || byte == 0x0A { continue }
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            let atTokenStart = [0x0A, 0x20, 0x09, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ",")].contains(
                previous)
            if byte == UInt8(ascii: "#"), [0x0A, 0x20, 0x09].contains(previous) {
                inComment = true
            } else if (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")), atTokenStart {
                quote = byte
            } else if byte == UInt8(ascii: "*"), atTokenStart {
                var j = i + 1
                while j < bytes.count, !" \t\n\r,[]{}".utf8.contains(bytes[j]) { j += 1 }
                while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                let isKey =
                    j < bytes.count && bytes[j] == UInt8(ascii: ":")
                    && (j + 1 >= bytes.count || " \t\n\r,]}".utf8.contains(bytes[j + 1]))
                let isExplicitKey = previous == 0x20 && i >= 2 && bytes[i - 2] == UInt8(ascii: "?")
                if isKey || isExplicitKey { return SourceLocation(file: file, line: line, column: column) }
            }
        }
        return nil
    }

    /// Runs `body` on a thread with a large stack and waits for it.
    static func onLargeStack<T>(_ body: @escaping () -> T) -> T {
        let box = LargeStackBox(body)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = box.body()
            done.signal()
        }
        thread.stackSize = stackBytes
        thread.start()
        done.wait()
        // The thread always sets the value before signalling.
        return box.value ?? body()
    }
}

/// Carries a closure and its result across the composing thread; the semaphore orders the accesses.
private final class LargeStackBox<T>: @unchecked Sendable {
    var value: T?
    let body: () -> T
    init(_ body: @escaping () -> T) { self.body = body }
}
