public import Diagnostics
import Foundation
import InputFiles

/// An input file read into memory and checked to be UTF-8.
public struct SourceFile: Sendable {
    /// The path as given on the command line (or found in a given directory).
    public let path: String
    public let text: String
    public let sha256: String
}

/// Finds and reads input files: every `*.yaml`/`*.yml` of a directory, with a size limit and a
/// UTF-8 check that points at the first bad byte.
public enum SourceLoader {
    /// Default refusal limit: far above any realistic policy or city topology, far below memory.
    public static let defaultMaximumBytes = 64 * 1024 * 1024

    /// Expands directories into their YAML files (sorted by name, not recursive). Other paths are
    /// kept as given: `load` says what is wrong with one that is not a regular file.
    public static func expand(_ paths: [String], diagnostics: DiagnosticCollector) -> [String] {
        var files: [String] = []
        for path in paths {
            guard let kind = FileKind.of(path) else {
                diagnostics.error(.inputNotFound, "no such file or directory: \(path)", at: nil)
                continue
            }
            guard kind == .directory else {
                files.append(path)
                continue
            }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            let yaml = entries.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            if yaml.isEmpty {
                diagnostics.error(.inputNotFound, "directory \(path) holds no *.yaml or *.yml file", at: nil)
            }
            let prefix = path.hasSuffix("/") ? path : path + "/"
            files.append(contentsOf: yaml.map { prefix + $0 })
        }
        return files
    }

    /// Memory that reading a YAML file holds per byte of it: the bytes, the text, the syntax tree and
    /// the documents decoded from them. `check` of a generated city's 25 MB workload peaked at 760 MB,
    /// about 30 bytes a byte (docs/reliability.md).
    public static let memoryBytesPerInputByte = 32

    /// Reads one file; nil (with a diagnostic) when it cannot be used. `memoryBytes` is the memory
    /// free for reading it, when known.
    public static func load(
        _ path: String, maximumBytes: Int = defaultMaximumBytes, memoryBytes: Int? = nil,
        diagnostics: DiagnosticCollector
    ) -> SourceFile? {
        let start = SourceLocation.startOf(path)
        // Only regular files: a FIFO would block the read and a device such as /dev/zero never ends.
        let data: Data
        do {
            let file = try RegularFile(path: path)
            // The size is known before reading: a file over what memory allows is refused without
            // allocating for it (a raised limit once aborted on allocation).
            if let memoryBytes, file.sizeBytes <= maximumBytes,
                file.sizeBytes > max(0, memoryBytes) / memoryBytesPerInputByte
            {
                diagnostics.error(
                    .inputTooLarge,
                    "file of \(file.sizeBytes) bytes would take about \(megabytes(Double(file.sizeBytes) * Double(memoryBytesPerInputByte))) of memory to read (\(memoryBytesPerInputByte) bytes a byte), more than the \(megabytes(Double(max(0, memoryBytes)))) free; split it, or run it where more memory is free",
                    at: start)
                return nil
            }
            data = try file.readAll(maximumBytes: maximumBytes)
        } catch .tooLarge {
            diagnostics.error(.inputTooLarge, tooLargeMessage(maximumBytes), at: start)
            return nil
        } catch .notRegularFile(let kind) {
            diagnostics.error(
                .inputNotAFile, "cannot read \(path): \(InputFileError.notRegularFile(kind))", at: nil)
            return nil
        } catch {
            diagnostics.error(.inputUnreadable, "cannot read \(path): \(error)", at: nil)
            return nil
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let (line, column, byte) = firstInvalidUTF8(data)
            diagnostics.error(
                .invalidEncoding,
                "invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true)); inputs must be UTF-8 text",
                at: SourceLocation(file: path, line: line, column: column))
            return nil
        }
        return SourceFile(path: path, text: text, sha256: SHA256.hexDigest(of: data))
    }

    /// Why a file over the limit is refused, whether its size was known before reading or not.
    static func tooLargeMessage(_ maximumBytes: Int) -> String {
        "file is larger than the input limit of \(maximumBytes) bytes; split it, or raise the limit with --max-input-bytes"
    }

    /// "760 MB", "4.3 GB": a Double, since a sparse file's size times 32 may pass `Int.max`.
    static func megabytes(_ bytes: Double) -> String {
        bytes >= 1e9 ? String(format: "%.1f GB", bytes / 1e9) : String(format: "%.0f MB", bytes / 1e6)
    }

    /// Line and column (in Unicode scalars) of the first byte that breaks UTF-8, and the byte.
    static func firstInvalidUTF8(_ data: Data) -> (line: Int, column: Int, byte: UInt8) {
        let bytes = [UInt8](data)
        var line = 1
        var column = 1
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, column, lead)
            }
            guard i + length <= bytes.count,
                String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil
            else { return (line, column, lead) }
            if lead == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
            i += length
        }
        return (line, column, 0)
    }
}
