import Diagnostics
import EdgeModel
import Foundation

/// Reads a trace CSV, `time,id,x,y[,speed]`, a line at a time as chunks arrive. Lines that lie
/// within one chunk are parsed where they are; only a line that straddles chunk boundaries is
/// copied, so memory stays bounded by the longest line (which is capped).
struct CSVParser {
    /// Longer lines are refused: a row is a few dozen bytes, and this bounds the carried line.
    static let maximumLineBytes = 64 * 1024

    /// The column names of an accepted header, without and with `speed`.
    private static let planeHeader = ["time", "id", "x", "y"]
    private static let geographicHeader = ["time", "id", "lon", "lat"]

    private let reporter: TraceErrorReporter
    private let geographic: Bool
    private(set) var store = TrajectoryStore()

    /// The line number of the line being read.
    private var line = 1
    /// The beginning of a line that started in an earlier chunk.
    private var carried: [UInt8] = []
    /// The current line is over the limit: the rest of it is skipped.
    private var carriedOverflow = false
    /// The largest number of bytes carried between chunks, for tests of streaming.
    private(set) var largestCarriedBytes = 0
    /// Whether a row (or the header) has been seen; the header may only come first.
    private var sawContent = false
    /// The number of fields a header fixed; nil without a header (then 4 or 5 per row).
    private var headerFieldCount: Int?
    /// The names of the coordinate columns, as the header wrote them.
    private var coordinateNames = ("x", "y")

    init(reporter: TraceErrorReporter, geographic: Bool) {
        self.reporter = reporter
        self.geographic = geographic
    }

    /// Feeds the next bytes of the file.
    mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        var start = 0
        while start < bytes.count {
            let rest = bytes.count - start
            guard let found = memchr(base + start, 0x0A, rest) else {
                carry(UnsafeBufferPointer(start: base + start, count: rest))
                return
            }
            let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            let lineBytes = UnsafeBufferPointer(start: base + start, count: end - start)
            if carried.isEmpty, !carriedOverflow {
                parseLine(lineBytes)
            } else {
                carry(lineBytes)
                parseCarried()
            }
            line += 1
            start = end + 1
        }
    }

    /// The end of the file: the last line may lack its line break.
    mutating func finish() {
        if !carried.isEmpty || carriedOverflow { parseCarried() }
    }

    private mutating func carry(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !carriedOverflow else { return }
        if carried.count + bytes.count > Self.maximumLineBytes {
            carriedOverflow = true
            carried.removeAll()
            return
        }
        carried.append(contentsOf: bytes)
        largestCarriedBytes = max(largestCarriedBytes, carried.count)
    }

    private mutating func parseCarried() {
        if carriedOverflow {
            lineTooLong()
        } else {
            let bytes = carried
            bytes.withUnsafeBufferPointer { parseLine($0) }
        }
        carried.removeAll(keepingCapacity: carried.capacity <= 4096)
        carriedOverflow = false
    }

    private func lineTooLong() {
        reporter.error(
            .traceSyntax,
            "expected a line of at most \(Self.maximumLineBytes) bytes (a row is time,id,x,y[,speed]), found a longer one",
            at: TextPosition(line: line, column: 1))
    }

    // MARK: - One line

    /// A field of the current line: its bytes without surrounding white space, and its column.
    private struct Field {
        let bytes: UnsafeBufferPointer<UInt8>
        let position: TextPosition
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    private mutating func parseLine(_ wholeLine: UnsafeBufferPointer<UInt8>) {
        guard wholeLine.count <= Self.maximumLineBytes else {
            lineTooLong()
            return
        }
        // A UTF-8 byte order mark (which spreadsheet exports write) is one scalar before the header.
        let byteOrderMark = line == 1 && wholeLine.starts(with: [0xEF, 0xBB, 0xBF])
        let bytes = byteOrderMark ? UnsafeBufferPointer(rebasing: wholeLine[3...]) : wholeLine
        // Blank lines and comment lines.
        guard let first = bytes.firstIndex(where: { !Self.isBlank($0) }), bytes[first] != UInt8(ascii: "#") else {
            return
        }
        // At most six fields are kept (a sixth only locates an error), on the stack: no allocation.
        withUnsafeTemporaryAllocation(of: Field.self, capacity: 6) { storage in
            guard let base = storage.baseAddress else { return }
            var kept = 0
            var fieldCount = 0
            var fieldStart = 0
            var fieldStartColumn = byteOrderMark ? 2 : 1
            // Blanks and commas are ASCII, so columns move by one per byte over them.
            var column = fieldStartColumn
            var endColumn = column
            for index in 0...bytes.count {
                guard index == bytes.count || bytes[index] == UInt8(ascii: ",") else {
                    if bytes[index] & 0xC0 != 0x80 { column += 1 }
                    continue
                }
                if index == bytes.count { endColumn = column }
                if kept < 6 {
                    var low = fieldStart
                    var high = index
                    while low < high, Self.isBlank(bytes[low]) { low += 1 }
                    while high > low, Self.isBlank(bytes[high - 1]) { high -= 1 }
                    (base + kept).initialize(
                        to: Field(
                            bytes: UnsafeBufferPointer(rebasing: bytes[low..<high]),
                            position: TextPosition(line: line, column: fieldStartColumn + low - fieldStart)))
                    kept += 1
                }
                fieldCount += 1
                column += 1
                fieldStart = index + 1
                fieldStartColumn = column
            }
            let fields = UnsafeBufferPointer(rebasing: storage[0..<kept])
            defer { base.deinitialize(count: kept) }
            if fields[0].text == "time" {
                if !sawContent {
                    sawContent = true
                    checkHeader(fields, fieldCount: fieldCount)
                } else if !repeatsHeader(fields, fieldCount: fieldCount) {
                    reporter.error(
                        .traceSyntax, "expected a row of numbers, found a header after the first row",
                        at: fields[0].position)
                }
                return
            }
            sawContent = true
            // A carriage return ending the line (CRLF files) is not part of the last field.
            var end = bytes.count
            while end > 0, bytes[end - 1] == 0x0D {
                end -= 1
                endColumn -= 1
            }
            parseRow(fields, fieldCount: fieldCount, endColumn: endColumn)
        }
    }

    private mutating func checkHeader(_ fields: UnsafeBufferPointer<Field>, fieldCount: Int) {
        let names = fields.map(\.text)
        let expected = geographic ? Self.geographicHeader : Self.planeHeader
        let alternative = geographic ? Self.planeHeader : Self.geographicHeader
        let accepted =
            [expected, expected + ["speed"]] + (geographic ? [alternative, alternative + ["speed"]] : [])
        if fieldCount <= 5, accepted.contains(names) {
            headerFieldCount = fieldCount
            coordinateNames = (names[2], names[3])
            return
        }
        let wanted =
            geographic ? "\"time,id,lon,lat[,speed]\" or \"time,id,x,y[,speed]\"" : "\"time,id,x,y[,speed]\""
        // Point at the first column that differs from the closest accepted header, and quote only
        // that column: a file that is not a trace at all must not have its first line printed.
        let closest = geographic && names.count > 2 && names[2] == alternative[2] ? alternative : expected
        let reference = closest + ["speed"]
        let differing = names.indices.first { $0 >= reference.count || names[$0] != reference[$0] }
        let found =
            differing.map { "\(TraceText.quote(fields[$0].bytes)) as column \($0 + 1)" }
            ?? "\(fieldCount) column\(fieldCount == 1 ? "" : "s")"
        var notes: [(message: String, position: TextPosition?)] = []
        if !geographic, names.count >= 4, names[2] == "lon" || names[3] == "lat" {
            notes.append(("lon/lat columns need the trace to be read with geographic coordinates", nil))
        }
        reporter.error(
            .traceSyntax, "expected the header \(wanted), found \(found)",
            at: differing.map { fields[$0].position } ?? TextPosition(line: line, column: 1), notes: notes)
    }

    /// Whether a later line is the header again, as where trace files were concatenated.
    private func repeatsHeader(_ fields: UnsafeBufferPointer<Field>, fieldCount: Int) -> Bool {
        guard let count = headerFieldCount, fieldCount == count else { return false }
        let header = ["time", "id", coordinateNames.0, coordinateNames.1, "speed"].prefix(count)
        return fields.map(\.text).elementsEqual(header)
    }

    private mutating func parseRow(_ fields: UnsafeBufferPointer<Field>, fieldCount: Int, endColumn: Int) {
        let (xName, yName) = coordinateNames
        if let expected = headerFieldCount, fieldCount != expected {
            fieldCountError(
                "expected \(expected) fields (time,id,\(xName),\(yName)\(expected == 5 ? ",speed" : "")) as in the header, found \(fieldCount)",
                fields: fields, fieldCount: fieldCount, limit: expected, endColumn: endColumn)
            return
        }
        if headerFieldCount == nil, fieldCount < 4 || fieldCount > 5 {
            fieldCountError(
                "expected 4 or 5 fields (time,id,\(xName),\(yName)[,speed]), found \(fieldCount)", fields: fields,
                fieldCount: fieldCount, limit: 5, endColumn: endColumn)
            return
        }
        let time = TraceValues.number(
            fields[0].bytes, named: "time", what: "a number of seconds", maximum: InputBounds.maximumSeconds,
            at: fields[0].position, reporter: reporter)
        let id = TraceValues.identifier(fields[1].bytes, named: "id", at: fields[1].position, reporter: reporter)
        let x = TraceValues.number(
            fields[2].bytes, named: xName, maximum: InputBounds.maximumCoordinate, at: fields[2].position,
            reporter: reporter)
        let y = TraceValues.number(
            fields[3].bytes, named: yName, maximum: InputBounds.maximumCoordinate, at: fields[3].position,
            reporter: reporter)
        // Speed is checked but not kept: positions over time are the trajectory.
        let speedOK =
            fieldCount < 5
            || TraceValues.number(fields[4].bytes, named: "speed", at: fields[4].position, reporter: reporter) != nil
        guard let time, let id, let x, let y, speedOK else { return }
        if geographic {
            let longitudeOK = TraceValues.checkLongitude(x, named: xName, at: fields[2].position, reporter: reporter)
            let latitudeOK = TraceValues.checkLatitude(y, named: yName, at: fields[3].position, reporter: reporter)
            guard longitudeOK, latitudeOK else { return }
        }
        TraceValues.append(
            TraceSample(timeSeconds: time, x: x, y: y), id: id, at: fields[0].position, to: &store, reporter: reporter)
    }

    /// A row with too few fields is reported at its end (where a field is missing), one with too
    /// many at the first field too many.
    private func fieldCountError(
        _ message: String, fields: UnsafeBufferPointer<Field>, fieldCount: Int, limit: Int, endColumn: Int
    ) {
        let position = fieldCount > limit ? fields[limit].position : TextPosition(line: line, column: endColumn)
        reporter.error(.traceSyntax, message, at: position)
    }
}
