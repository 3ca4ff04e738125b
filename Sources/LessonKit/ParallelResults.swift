import Foundation

/// One result per job, filled in from several threads (`DispatchQueue.concurrentPerform`) and read
/// back in job order, so what is printed or written does not depend on which job finished first.
public final class ParallelResults<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<T, Error>?]

    /// Room for `count` results.
    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores job `i`'s result.
    public func set(_ i: Int, _ result: Result<T, Error>) {
        lock.lock()
        slots[i] = result
        lock.unlock()
    }

    /// Every result, in job order; call after all have been set.
    public var all: [Result<T, Error>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
