/// Where a writer puts its text: a string, or a file written as it goes.
public protocol TextSink: AnyObject {
    func write(_ text: String) throws
}

/// Text collected in memory.
public final class StringSink: TextSink {
    public private(set) var text = ""

    public init() {}

    public func write(_ text: String) { self.text += text }
}

/// A sink for one section that must follow text not written yet (names listed after all
/// columns): the writer fills it during a pass and copies it out when its turn comes.
public protocol SectionSink: TextSink {
    /// Writes everything collected to `sink`.
    func copy(into sink: any TextSink) throws
}

extension StringSink: SectionSink {
    public func copy(into sink: any TextSink) throws { try sink.write(text) }
}
