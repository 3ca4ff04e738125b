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

extension ParallelResults {
    /// `job(0)`, …, `job(count − 1)` run on the machine's cores, the results returned in job order. For a
    /// lesson's independent trainings (one per scheme, seed or fold): the page is the same whichever job
    /// ends first, and a page served live waits for the slowest job instead of for their sum.
    public static func map(_ count: Int, _ job: (Int) -> T) -> [T] {
        let results = ParallelResults<T>(count: count)
        withoutActuallyEscaping(job) { job in
            // The jobs read what they capture (a lesson's options) and share nothing they write, which the
            // compiler cannot see through a lesson's property wrappers: hence unchecked.
            nonisolated(unsafe) let job = job
            DispatchQueue.concurrentPerform(iterations: count) { i in results.set(i, .success(job(i))) }
        }
        return results.all.map { try! $0.get() }
    }
}
