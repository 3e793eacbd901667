import Foundation

/// `body` for each index in `0..<count`, at most `limit` at a time on other threads; the results
/// in index order. For worker pools: each call typically waits on a child process.
public func boundedConcurrentMap<Result>(
    count: Int, limit: Int, _ body: @escaping @Sendable (Int) -> Result
) -> [Result] {
    let results = IndexedResults<Result>(count: count)
    let slots = DispatchSemaphore(value: max(1, limit))
    let group = DispatchGroup()
    for index in 0..<count {
        slots.wait()
        group.enter()
        DispatchQueue.global().async {
            defer {
                slots.signal()
                group.leave()
            }
            results.set(index, body(index))
        }
    }
    group.wait()
    return results.all
}

/// Results set from several threads, each at its own index.
private final class IndexedResults<Result>: @unchecked Sendable {
    private var results: [Result?]
    private let lock = NSLock()

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }

    /// Every result; called once every index is set.
    var all: [Result] {
        lock.lock()
        defer { lock.unlock() }
        return results.map { $0! }
    }
}

/// A value computed on a thread of its own while the caller does something else: reading one of
/// a child's pipes (or writing to it) while reading another here, since a child that fills one
/// pipe while its parent waits on the other would hang.
public final class BackgroundResult<Value>: @unchecked Sendable {
    private var value: Value?
    private let done = DispatchSemaphore(value: 0)

    public init(_ body: @escaping @Sendable () -> Value) {
        Thread { [self] in
            value = body()
            done.signal()
        }.start()
    }

    /// The value, once the thread has computed it.
    public func wait() -> Value {
        done.wait()
        // Set before the signal, and the semaphore orders the accesses.
        return value!
    }
}
