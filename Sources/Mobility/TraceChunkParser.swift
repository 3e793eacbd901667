/// A reader of one trace format, fed the file in chunks of any size.
protocol TraceChunkParser {
    /// Feeds the next bytes of the file.
    mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>)
    /// The end of the file: reports anything left unterminated.
    mutating func finish()
    /// The samples read so far.
    var store: TrajectoryStore { get }
}

extension CSVParser: TraceChunkParser {}

extension XMLTokenizer: TraceChunkParser where Handler == FCDHandler {
    var store: TrajectoryStore { handler.store }
}
