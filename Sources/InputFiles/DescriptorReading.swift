public import Foundation

/// Reading an open descriptor: a regular file's, or standard input (which may never end).
public enum DescriptorReading {
    /// Up to `count` bytes (fewer only at the end; empty at the end), retrying interrupted reads.
    public static func read(_ descriptor: Int32, upToCount count: Int) throws(InputFileError) -> Data {
        guard count > 0 else { return Data() }
        var data = Data(count: count)
        var filled = 0
        var failure: Int32 = 0
        data.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while filled < count {
                let result = Foundation.read(descriptor, base + filled, count - filled)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if result == 0 { return }
                filled += result
            }
        }
        if failure != 0 { throw InputFileError.fromErrno(failure) }
        data.count = filled
        return data
    }

    /// Everything to the end, a chunk at a time; with `maximumBytes`, `tooLarge` once one byte past
    /// it has been read, so an endless stream (`< /dev/zero`) is never held whole.
    public static func readAll(_ descriptor: Int32, maximumBytes: Int? = nil) throws(InputFileError) -> Data {
        var data = Data()
        let chunk = 1 << 20
        while true {
            // One byte past the limit tells a stream that is too long; no sum that could overflow.
            let wanted = maximumBytes.map { $0 - data.count >= chunk ? chunk : $0 - data.count + 1 } ?? chunk
            let next = try read(descriptor, upToCount: wanted)
            if next.isEmpty { break }
            data.append(next)
            if let maximumBytes, data.count > maximumBytes { throw InputFileError.tooLarge(limitBytes: maximumBytes) }
        }
        return data
    }
}
