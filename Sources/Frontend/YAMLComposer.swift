import Diagnostics
import Foundation
import Yams

/// Turns a source file into composed YAML documents, reporting syntax errors at their position.
enum YAMLComposer {
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
                let parser = try Parser(yaml: source.text)
                var documents: [Node] = []
                while let node = try parser.nextRoot() {
                    documents.append(node)
                }
                return documents
            }
        }
        switch outcome {
        case let .success(nodes):
            return nodes.filter { node in
                if case let .scalar(scalar) = node, DocumentReader.isNull(scalar) { return false }
                return true
            }
        case let .failure(error):
            diagnostics.emit(diagnostic(for: error, file: source.path, text: source.text))
            return nil
        }
    }

    static func diagnostic(for error: any Error, file: String, text: String) -> Diagnostic {
        func location(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: max(1, mark.line), column: max(1, mark.column))
        }
        func notes(_ context: YamlError.Context?) -> [DiagnosticNote] {
            guard let context, !context.text.isEmpty else { return [] }
            return [DiagnosticNote(context.text, at: location(context.mark))]
        }
        guard let yamlError = error as? YamlError else {
            return Diagnostic(.error, .yamlSyntax, "cannot read YAML: \(error)", at: .startOf(file))
        }
        switch yamlError {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            return Diagnostic(.error, .yamlSyntax, "YAML syntax error: \(rephrase(problem))", at: location(mark), notes: notes(context))
        case let .composer(context, problem, mark, _):
            return Diagnostic(.error, .yamlSyntax, "YAML error: \(problem)", at: location(mark), notes: notes(context))
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return Diagnostic(
                .error, .duplicateKey, "duplicate key \(keys) in one mapping", at: location(context.mark))
        case let .reader(problem, offset, _, _):
            return Diagnostic(.error, .yamlSyntax, "YAML reader error: \(problem)", at: locationOfOffset(offset, in: text, file: file))
        default:
            return Diagnostic(.error, .yamlSyntax, "cannot read YAML: \(yamlError)", at: .startOf(file))
        }
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

    /// Yams hashes mapping keys to find duplicates, and hashing an alias key walks the whole aliased
    /// tree, which an alias bomb makes exponential. Alias keys are refused before composing.
    static func findAliasKey(_ text: String, file: String) -> SourceLocation? {
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
            let atTokenStart = [0x0A, 0x20, 0x09, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ",")].contains(previous)
            if byte == UInt8(ascii: "#"), [0x0A, 0x20, 0x09].contains(previous) {
                inComment = true
            } else if (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")), atTokenStart {
                quote = byte
            } else if byte == UInt8(ascii: "*"), atTokenStart {
                var j = i + 1
                while j < bytes.count, !" \t\n\r,[]{}".utf8.contains(bytes[j]) { j += 1 }
                while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                let isKey = j < bytes.count && bytes[j] == UInt8(ascii: ":")
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
