public import Diagnostics
public import EdgeModel
public import Foundation
import InputFiles

/// Reads mobility traces — SUMO FCD XML and `time,id,x,y[,speed]` CSV — into one trajectory per
/// vehicle, streaming: the file is read in chunks (`TraceReadOptions.chunkSizeBytes`) by tokenizers
/// that carry their state across chunk boundaries, so memory grows with the trajectories kept, not
/// with the file. docs/traces.md describes what is accepted.
///
/// Every problem of a file is reported (up to `TraceReadOptions.maximumErrors`) with the file's
/// path, line and column; a file with any error gives no trajectories.
public enum TraceReader {
    /// Reads the trace file at `path`.
    /// - Parameters:
    ///   - displayPath: the path shown in diagnostics and locations; `path` when nil.
    /// - Returns: the trajectories in the order the vehicles first appear; empty when the file had
    ///   errors (all reported to `diagnostics`) or holds no vehicle (a `trace-empty` warning).
    public static func read(
        path: String, format: TraceFormat, options: TraceReadOptions = TraceReadOptions(), displayPath: String? = nil,
        diagnostics: DiagnosticCollector
    ) -> [TraceTrajectory] {
        readFile(
            path: path, format: format, options: options, displayPath: displayPath, entry: nil, diagnostics: diagnostics
        ).contents.trajectories
    }

    /// Reads the trace a workload names, at its resolved path, which is also the path shown.
    public static func read(
        _ source: TraceSource, options: TraceReadOptions = TraceReadOptions(), diagnostics: DiagnosticCollector
    ) -> [TraceTrajectory] {
        readHashed(source, options: options, diagnostics: diagnostics).trajectories
    }

    /// Reads the trace a workload names and hashes its bytes as they stream past, so the plan can
    /// record which trace it was made from. The path checked against a trace root is the one read;
    /// the resolved path is the one shown. Errors about the file as a whole (not a regular file,
    /// unreadable) are reported at the trace's entry in the workload.
    public static func readHashed(
        _ source: TraceSource, options: TraceReadOptions = TraceReadOptions(), diagnostics: DiagnosticCollector
    ) -> TraceFileContents {
        readFile(
            path: source.checkedPath ?? source.resolvedPath, format: source.format, options: options,
            displayPath: source.resolvedPath, entry: source.location, diagnostics: diagnostics
        ).contents
    }

    /// Reads a trace held in memory, fed to the tokenizers in chunks as a file would be.
    /// - Parameter displayPath: the path shown in diagnostics and locations.
    public static func read(
        data: Data, displayPath: String, format: TraceFormat, options: TraceReadOptions = TraceReadOptions(),
        diagnostics: DiagnosticCollector
    ) -> [TraceTrajectory] {
        let reporter = TraceErrorReporter(
            file: displayPath, diagnostics: diagnostics, maximumErrors: options.maximumErrors)
        let chunkSize = max(1, options.chunkSizeBytes)
        return parse(format: format, options: options, reporter: reporter) { consume in
            var offset = data.startIndex
            while offset < data.endIndex, !reporter.stopped {
                let end = data.index(offset, offsetBy: chunkSize, limitedBy: data.endIndex) ?? data.endIndex
                data[offset..<end].withUnsafeBytes { consume($0.assumingMemoryBound(to: UInt8.self)) }
                offset = end
            }
            return true
        }.trajectories
    }

    /// What reading a file did, beyond its result: lets tests check that it streamed.
    struct Statistics {
        var bytesRead = 0
        var chunksRead = 0
        var largestChunkBytes = 0
        /// The most bytes of a CSV line carried from one chunk to the next.
        var largestCarriedBytes = 0
    }

    static func readFile(
        path: String, format: TraceFormat, options: TraceReadOptions, displayPath: String?, entry: SourceLocation?,
        diagnostics: DiagnosticCollector
    ) -> (contents: TraceFileContents, statistics: Statistics) {
        let shownPath = displayPath ?? path
        // Only regular files: a FIFO would block the open and /dev/zero would never end.
        let file: RegularFile
        do {
            file = try RegularFile(path: path)
        } catch {
            let id: DiagnosticID = if case .notRegularFile = error { .traceNotAFile } else { .traceUnreadable }
            diagnostics.error(id, "cannot read the trace \(shownPath): \(error)", at: entry)
            return (TraceFileContents(trajectories: [], sha256: nil), Statistics())
        }
        let reporter = TraceErrorReporter(
            file: shownPath, diagnostics: diagnostics, maximumErrors: options.maximumErrors)
        let chunkSize = max(1, options.chunkSizeBytes)
        var statistics = Statistics()
        var hasher = SHA256()
        var readToTheEnd = false
        let result = parse(format: format, options: options, reporter: reporter) { consume in
            while !reporter.stopped {
                let chunk: Data
                do {
                    chunk = try file.read(upToCount: chunkSize)
                } catch {
                    diagnostics.error(.traceUnreadable, "cannot read the trace \(shownPath): \(error)", at: entry)
                    return false
                }
                guard !chunk.isEmpty else {
                    readToTheEnd = true
                    break
                }
                statistics.bytesRead += chunk.count
                statistics.chunksRead += 1
                // Every 16 MiB or so: the samples kept grow with the file, and a trace larger than
                // memory stops here with an error instead of the process being killed.
                if let limit = options.residentLimitBytes, statistics.chunksRead % max(1, (16 << 20) / chunkSize) == 0 {
                    let resident = ProcessMemory.residentBytes()
                    if resident > limit {
                        diagnostics.error(
                            .traceTooLarge,
                            "the trace \(shownPath) holds more samples than memory allows: after \(statistics.bytesRead) bytes of it edgeplan holds \(resident / 1_000_000) MB, past the \(limit / 1_000_000) MB it may use; thin it (fewer samples per vehicle) or split the workload",
                            at: entry)
                        return false
                    }
                }
                statistics.largestChunkBytes = max(statistics.largestChunkBytes, chunk.count)
                chunk.withUnsafeBytes { raw in
                    let bytes = raw.assumingMemoryBound(to: UInt8.self)
                    hasher.update(bytes)
                    consume(bytes)
                }
            }
            return true
        }
        statistics.largestCarriedBytes = result.largestCarriedBytes
        let digest = readToTheEnd ? hasher.finalize() : nil
        return (TraceFileContents(trajectories: result.trajectories, sha256: digest), statistics)
    }

    /// Runs the format's parser over the chunks `feed` hands it. `feed` returns false when the
    /// input could not be read (then there is no result).
    private static func parse(
        format: TraceFormat, options: TraceReadOptions, reporter: TraceErrorReporter,
        feed: (_ consume: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool
    ) -> (trajectories: [TraceTrajectory], largestCarriedBytes: Int) {
        let geographic = options.coordinates == .geographic
        switch format {
        case .sumoFCD:
            let tokenizer = XMLTokenizer(
                handler: FCDHandler(reporter: reporter, geographic: geographic), reporter: reporter)
            return (run(tokenizer, format: format, reporter: reporter, feed: feed), 0)
        case .csv:
            var largestCarriedBytes = 0
            let trajectories = run(
                CSVParser(reporter: reporter, geographic: geographic), format: format, reporter: reporter, feed: feed
            ) { largestCarriedBytes = $0.largestCarriedBytes }
            return (trajectories, largestCarriedBytes)
        }
    }

    private static func run<Parser: TraceChunkParser>(
        _ parser: Parser, format: TraceFormat, reporter: TraceErrorReporter,
        feed: (_ consume: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool, inspect: (Parser) -> Void = { _ in }
    ) -> [TraceTrajectory] {
        var parser = parser
        guard feed({ parser.consume($0) }) else { return [] }
        defer { inspect(parser) }
        // A file given up on after too many errors has no meaningful end.
        guard !reporter.stopped else { return [] }
        parser.finish()
        guard reporter.errorCount == 0 else { return [] }
        if parser.store.isEmpty {
            let expected =
                format == .sumoFCD
                ? "<vehicle>, <person> or <container> elements inside <timestep>" : "rows time,id,x,y[,speed]"
            reporter.warning(
                .traceEmpty, "expected \(expected), found no vehicle in this trace",
                at: TextPosition(line: 1, column: 1))
        }
        return parser.store.trajectories(reporter: reporter)
    }
}

/// What reading a trace file gave.
public struct TraceFileContents: Sendable {
    /// One per vehicle, in the order they first appear; empty when the file had errors.
    public let trajectories: [TraceTrajectory]
    /// The SHA-256 of the file's bytes, when it was read to the end.
    public let sha256: String?
}
