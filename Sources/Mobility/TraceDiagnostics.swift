public import Diagnostics

/// The stable ids of the diagnostics the trace readers emit (docs/traces.md lists them with their
/// messages).
extension DiagnosticID {
    /// A trace file that cannot be opened or read.
    public static let traceUnreadable = DiagnosticID("trace-unreadable")
    /// A trace path that names a directory, FIFO, device or socket rather than a regular file
    /// (reading a FIFO blocks, reading `/dev/zero` never ends).
    public static let traceNotAFile = DiagnosticID("trace-not-a-file")
    public static let traceTooLarge = DiagnosticID("trace-too-large")
    /// Malformed XML or CSV: an unterminated tag, comment or value, a wrong number of CSV fields, a
    /// bad header, an element where an FCD export cannot have it.
    public static let traceSyntax = DiagnosticID("trace-syntax")
    /// A missing, non-numeric, non-finite or out-of-range value, or an empty or non-UTF-8 id.
    public static let traceValue = DiagnosticID("trace-value")
    /// A sample of a vehicle whose time is not after the vehicle's previous sample.
    public static let traceOrder = DiagnosticID("trace-order")
    /// More errors in one trace than the reader reports; it stops reading that file.
    public static let traceErrorLimit = DiagnosticID("trace-error-limit")
    /// A warning: a trace that is well formed but holds no vehicle at all.
    public static let traceEmpty = DiagnosticID("trace-empty")
}
