import Diagnostics
import EdgeModel

/// Gives a SUMO floating-car-data export its meaning: `<fcd-export>` holds `<timestep time="…">`
/// elements, which hold `<vehicle>`, `<person>` and `<container>` elements with `id` and a position
/// (`x`/`y`, or `lon`/`lat` in geographic traces). Everything else is ignored.
struct FCDHandler: XMLTokenHandler {
    /// What an open element is to the reader.
    private enum Kind {
        case root
        case timestep
        case sample
        case other
    }

    /// A numeric attribute of the start tag being read.
    private struct NumberAttribute {
        var present = false
        /// Nil when absent or not a finite number (which has been reported).
        var value: Double?
        var position = TextPosition(line: 0, column: 0)
    }

    private static let rootName = Array("fcd-export".utf8)
    private static let timestepName = Array("timestep".utf8)
    private static let sampleNames = ["vehicle", "person", "container"].map { Array($0.utf8) }
    // Attribute keys as `attributeKey` packs them, written out because they are compared for every
    // attribute of every sample and stored statics cost a check on each use (a test pins them).
    static var idKey: UInt64 { 0x6469 }  // "id"
    static var timeKey: UInt64 { 0x656D_6974 }  // "time"
    static var xKey: UInt64 { 0x78 }  // "x"
    static var yKey: UInt64 { 0x79 }  // "y"
    static var lonKey: UInt64 { 0x6E_6F6C }  // "lon"
    static var latKey: UInt64 { 0x74_616C }  // "lat"

    private let reporter: TraceErrorReporter
    private let geographic: Bool
    private(set) var store = TrajectoryStore()

    /// The kinds of the open elements, innermost last.
    private var kinds: [Kind] = []
    /// The time of each open `<timestep>`, innermost last; nil when its time was missing or bad.
    private var times: [Double?] = []
    private var rootSeen = false
    /// The root is `<fcd-export>`; otherwise nothing in the file is read.
    private var rootIsFCD = false

    // The start tag being read.
    private var pendingKind = Kind.other
    private var pendingName = ""
    private var pendingPosition = TextPosition(line: 1, column: 1)
    /// False once one of its attributes was bad (and reported).
    private var pendingValid = true
    private var id: String?
    private var idPresent = false
    private var time = NumberAttribute()
    private var x = NumberAttribute()
    private var y = NumberAttribute()
    private var lon = NumberAttribute()
    private var lat = NumberAttribute()

    init(reporter: TraceErrorReporter, geographic: Bool) {
        self.reporter = reporter
        self.geographic = geographic
    }

    mutating func startTag(name: UnsafeBufferPointer<UInt8>, depth: Int, at position: TextPosition) -> Bool {
        pendingPosition = position
        pendingKind = .other
        if depth == 0 {
            // A second root has been reported by the tokenizer; its content is not read.
            guard !rootSeen else { return false }
            rootSeen = true
            rootIsFCD = name.elementsEqual(Self.rootName)
            if rootIsFCD {
                pendingKind = .root
            } else {
                reporter.error(
                    .traceSyntax,
                    "expected the root element <fcd-export> of SUMO's --fcd-output, found <\(TraceText.excerpt(name))>",
                    at: position)
            }
            return false
        }
        guard rootIsFCD else { return false }
        if name.elementsEqual(Self.timestepName) {
            pendingKind = .timestep
            time = NumberAttribute()
            pendingValid = true
            return true
        }
        guard Self.sampleNames.contains(where: { name.elementsEqual($0) }) else { return false }
        pendingName = String(decoding: name, as: UTF8.self)
        guard !times.isEmpty else {
            reporter.error(
                .traceSyntax, "expected <\(pendingName)> inside a <timestep>, found it outside any", at: position)
            return false
        }
        pendingKind = .sample
        pendingValid = true
        id = nil
        idPresent = false
        x = NumberAttribute()
        y = NumberAttribute()
        lon = NumberAttribute()
        lat = NumberAttribute()
        return true
    }

    func wantsAttribute(_ key: UInt64) -> Bool {
        switch pendingKind {
        case .timestep: return key == Self.timeKey
        case .sample:
            return key == Self.idKey || key == Self.xKey || key == Self.yKey || key == Self.lonKey
                || key == Self.latKey
        case .root, .other: return false
        }
    }

    mutating func attribute(_ key: UInt64, value bytes: UnsafeBufferPointer<UInt8>, at position: TextPosition) {
        switch key {
        case Self.timeKey:
            time = read(time, "time", what: "a number of seconds", bytes, at: position)
        case Self.idKey:
            guard !duplicate(idPresent, "id", at: position) else { return }
            idPresent = true
            id = TraceValues.identifier(bytes, named: "id", at: position, reporter: reporter)
            if id == nil { pendingValid = false }
        case Self.xKey:
            x = read(x, "x", bytes, at: position)
        case Self.yKey:
            y = read(y, "y", bytes, at: position)
        case Self.lonKey:
            // A plane trace does not use lon/lat: only their presence is noted, for a hint.
            lon = read(lon, "lon", bytes, at: position, parse: geographic)
        case Self.latKey:
            lat = read(lat, "lat", bytes, at: position, parse: geographic)
        default:
            break
        }
    }

    mutating func startTagEnded(selfClosing: Bool, intact: Bool) {
        switch pendingKind {
        case .root:
            if !selfClosing { kinds.append(.root) }
        case .timestep:
            if intact, !time.present {
                reporter.error(
                    .traceValue, "expected the attribute \"time\" in <timestep>, found none", at: pendingPosition)
            }
            if !selfClosing {
                kinds.append(.timestep)
                times.append(intact && pendingValid ? time.value : nil)
            }
        case .sample:
            // A broken tag may have lost attributes to its syntax error; that error says enough.
            if intact { addSample() }
            if !selfClosing { kinds.append(.sample) }
        case .other:
            if !selfClosing { kinds.append(.other) }
        }
        pendingKind = .other
    }

    mutating func elementEnded() {
        if kinds.popLast() == .timestep { times.removeLast() }
    }

    mutating func endOfFile(at position: TextPosition) {
        if !rootSeen {
            reporter.error(
                .traceSyntax,
                "expected the root element <fcd-export> of SUMO's --fcd-output, found the end of the file",
                at: position)
        }
    }

    // MARK: - Samples

    /// The attribute after reading its value (or the attribute as it was, when written twice).
    /// Times and coordinates alike are bounded by their `InputBounds`.
    private mutating func read(
        _ attribute: NumberAttribute, _ name: String, what: String = "a number", _ bytes: UnsafeBufferPointer<UInt8>,
        at position: TextPosition, parse: Bool = true
    ) -> NumberAttribute {
        guard !duplicate(attribute.present, name, at: position) else { return attribute }
        var read = NumberAttribute(present: true, value: nil, position: position)
        guard parse else { return read }
        let maximum = name == "time" ? InputBounds.maximumSeconds : InputBounds.maximumCoordinate
        read.value = TraceValues.number(
            bytes, named: name, what: what, maximum: maximum, at: position, reporter: reporter)
        if read.value == nil { pendingValid = false }
        return read
    }

    /// Reports an attribute written twice in one tag (XML forbids it; which one counts is unclear).
    private mutating func duplicate(_ present: Bool, _ name: String, at position: TextPosition) -> Bool {
        guard present else { return false }
        reporter.error(
            .traceSyntax, "expected one \"\(name)\" attribute in <\(pendingKindName)>, found a second one", at: position
        )
        pendingValid = false
        return true
    }

    private var pendingKindName: String { pendingKind == .timestep ? "timestep" : pendingName }

    /// The start tag of a vehicle, person or container ended: checks it and stores its sample.
    private mutating func addSample() {
        guard let timestepTime = times.last else { return }
        if !idPresent {
            reporter.error(
                .traceValue, "expected the attribute \"id\" in <\(pendingName)>, found none", at: pendingPosition)
        }
        let useLonLat = geographic && lon.present && lat.present
        let (first, second) = useLonLat ? (lon, lat) : (x, y)
        let names = useLonLat ? ("lon", "lat") : ("x", "y")
        let missing = [first.present ? nil : names.0, second.present ? nil : names.1].compactMap { $0 }
        if !missing.isEmpty {
            let list = missing.map { "\"\($0)\"" }.joined(separator: " and ")
            let who = id.map { "<\(pendingName)> \(TraceText.quote(id: $0))" } ?? "<\(pendingName)>"
            var notes: [(message: String, position: TextPosition?)] = []
            if !geographic, lon.present || lat.present {
                notes.append(("it has \"lon\"/\"lat\": read geographic traces with geographic coordinates", nil))
            }
            reporter.error(
                .traceValue,
                "expected the \(missing.count == 1 ? "attribute" : "attributes") \(list) in \(who), found none",
                at: pendingPosition, notes: notes)
            return
        }
        guard pendingValid, let id, let timeSeconds = timestepTime, let xValue = first.value,
            let yValue = second.value
        else { return }
        if geographic {
            let longitudeOK = TraceValues.checkLongitude(xValue, named: names.0, at: first.position, reporter: reporter)
            let latitudeOK = TraceValues.checkLatitude(yValue, named: names.1, at: second.position, reporter: reporter)
            guard longitudeOK, latitudeOK else { return }
        }
        TraceValues.append(
            TraceSample(timeSeconds: timeSeconds, x: xValue, y: yValue), id: id, at: pendingPosition, to: &store,
            reporter: reporter)
    }
}
