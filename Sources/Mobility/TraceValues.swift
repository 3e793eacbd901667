import Diagnostics
import EdgeModel

/// Checks of the values of a sample, shared by the FCD and CSV readers so that the same problem
/// reads the same in both formats.
enum TraceValues {
    /// A finite number within ±`maximum`, or nil after reporting what was found instead.
    /// - Parameters:
    ///   - what: what the field should hold, for the message ("a number of seconds").
    ///   - maximum: the largest magnitude (`InputBounds`: times, coordinates); what lies beyond
    ///     would overflow the model's arithmetic or make spans too long to plan.
    static func number(
        _ bytes: UnsafeBufferPointer<UInt8>, named name: String, what: String = "a number",
        maximum: Double = .infinity, at position: TextPosition, reporter: TraceErrorReporter
    ) -> Double? {
        guard let value = DecimalParser.parse(bytes) else {
            reporter.error(
                .traceValue, "expected \(what) for \"\(name)\", found \(TraceText.quote(bytes))", at: position)
            return nil
        }
        guard value.isFinite else {
            reporter.error(
                .traceValue, "expected a finite number for \"\(name)\", found \(TraceText.quote(bytes))",
                at: position)
            return nil
        }
        guard abs(value) <= maximum else {
            reporter.error(
                .traceValue,
                "expected \(what) within ±\(InputBounds.text(maximum)) for \"\(name)\", found \(TraceText.quote(bytes))",
                at: position)
            return nil
        }
        return value
    }

    /// A vehicle id: not empty, and UTF-8 (ids become user ids, which are text).
    static func identifier(
        _ bytes: UnsafeBufferPointer<UInt8>, named name: String, at position: TextPosition,
        reporter: TraceErrorReporter
    ) -> String? {
        guard !bytes.isEmpty else {
            reporter.error(.traceValue, "expected a vehicle id for \"\(name)\", found an empty value", at: position)
            return nil
        }
        guard let id = String(validating: bytes, as: UTF8.self) else {
            reporter.error(
                .traceValue, "expected a vehicle id in UTF-8 for \"\(name)\", found bytes that are not UTF-8",
                at: position)
            return nil
        }
        // An id is printed in tables and passed to executors' commands: a terminal escape or a
        // bidirectional override in it could rewrite what a terminal shows.
        if let unsafe = id.unicodeScalars.first(where: DiagnosticText.isUnsafe) {
            reporter.error(
                .traceValue,
                "expected a vehicle id without control characters for \"\(name)\", found \(DiagnosticText.codePoint(unsafe))",
                at: position)
            return nil
        }
        return id
    }

    /// Whether a longitude lies in [-180, 180]; reports it when not.
    static func checkLongitude(
        _ value: Double, named name: String, at position: TextPosition, reporter: TraceErrorReporter
    ) -> Bool {
        guard value >= -180, value <= 180 else {
            reporter.error(
                .traceValue,
                "expected a longitude in [-180, 180] degrees for \"\(name)\", found \(TraceText.number(value))",
                at: position)
            return false
        }
        return true
    }

    /// Whether a latitude lies in [-90, 90]; reports it when not.
    static func checkLatitude(
        _ value: Double, named name: String, at position: TextPosition, reporter: TraceErrorReporter
    ) -> Bool {
        guard value >= -90, value <= 90 else {
            reporter.error(
                .traceValue,
                "expected a latitude in [-90, 90] degrees for \"\(name)\", found \(TraceText.number(value))",
                at: position)
            return false
        }
        return true
    }

    /// Stores a sample, reporting one whose time does not come after its vehicle's previous sample.
    static func append(
        _ sample: TraceSample, id: String, at position: TextPosition, to store: inout TrajectoryStore,
        reporter: TraceErrorReporter
    ) {
        if case .outOfOrder(let previousTimeSeconds, let previousPosition) = store.append(
            id: id, sample: sample, at: position)
        {
            let previous = TraceText.number(previousTimeSeconds)
            let found = TraceText.number(sample.timeSeconds)
            let quoted = TraceText.quote(id: id)
            reporter.error(
                .traceOrder,
                "expected a time after \(previous) s for \(quoted), found \(found) s; "
                    + "the samples of one vehicle must have increasing times",
                at: position, notes: [("the previous sample of \(quoted)", previousPosition)])
        }
    }
}
