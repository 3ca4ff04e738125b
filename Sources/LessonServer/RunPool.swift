import Foundation

/// Runs lessons on a bounded number of threads: never more lesson runs at once than `limit`
/// (the machine's cores); later requests wait in line, and one that waits longer than `deadline`
/// is turned away (the server answers 503) instead of piling up.
final class RunPool: @unchecked Sendable {
    /// Why a run did not start.
    enum Refusal: Error {
        /// The line was longer than the deadline allows.
        case busy
    }

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Bool, Never>
    }

    private let lock = NSLock()
    private var running = 0
    private var waiters: [Waiter] = []
    private var nextID: UInt64 = 0
    let limit: Int
    let deadline: Duration
    private let queue = DispatchQueue(label: "longhand.lessons", attributes: .concurrent)

    /// A pool of `limit` concurrent runs whose waiting requests give up after `deadline`.
    init(limit: Int, deadline: Duration) {
        self.limit = max(1, limit)
        self.deadline = deadline
    }

    /// Runs `work` on a pool thread once a slot is free, or throws `.busy` after the deadline.
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        guard await acquire() else { throw Refusal.busy }
        defer { release() }
        // The lesson computes on a Dispatch thread, not on Swift's cooperative pool or the server's
        // event loops, so a long run never stalls other requests' I/O.
        return await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }

    /// Lesson runs going on now, and requests waiting.
    var load: (running: Int, waiting: Int) {
        lock.withLock { (running, waiters.count) }
    }

    private func acquire() async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let id: UInt64? = lock.withLock {
                if running < limit {
                    running += 1
                    return nil
                }
                nextID += 1
                waiters.append(Waiter(id: nextID, continuation: continuation))
                return nextID
            }
            guard let id else {
                continuation.resume(returning: true)
                return
            }
            let (seconds, attoseconds) = deadline.components
            let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
            queue.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [self] in
                let expired: Waiter? = lock.withLock {
                    guard let i = waiters.firstIndex(where: { $0.id == id }) else { return nil }
                    return waiters.remove(at: i)
                }
                expired?.continuation.resume(returning: false)
            }
        }
    }

    private func release() {
        let next: Waiter? = lock.withLock {
            if waiters.isEmpty {
                running -= 1
                return nil
            }
            // The slot passes straight to the first in line.
            return waiters.removeFirst()
        }
        next?.continuation.resume(returning: true)
    }
}
