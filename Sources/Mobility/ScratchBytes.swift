/// A reusable byte buffer for tokens (names, values): emptied by resetting its count, so reading
/// millions of tokens neither allocates nor pays for `removeAll`.
struct ScratchBytes {
    private var storage: [UInt8] = []
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    mutating func removeAll() { count = 0 }

    mutating func append(_ byte: UInt8) {
        if count < storage.count {
            storage[count] = byte
        } else {
            storage.append(byte)
        }
        count += 1
    }

    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        let kept = storage.count - count
        if bytes.count <= kept {
            storage.withUnsafeMutableBufferPointer { buffer in
                guard let destination = buffer.baseAddress, let source = bytes.baseAddress else { return }
                (destination + count).update(from: source, count: bytes.count)
            }
        } else {
            storage.removeSubrange(count...)
            storage.append(contentsOf: bytes)
        }
        count += bytes.count
    }

    /// Calls `body` with the bytes held.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
    }

    /// The bytes held, as text.
    var text: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    /// The bytes held as messages show them: a short excerpt, control characters escaped.
    var shown: String { withBytes { TraceText.excerpt($0) } }

    /// Whether the bytes held are `other`.
    func elementsEqual(_ other: some Sequence<UInt8>) -> Bool { withBytes { $0.elementsEqual(other) } }
}
