import Foundation

extension ParallelResults {
    /// Groups of independent jobs, each group followed by one more job that needs all of that group's
    /// results (a choice made from them, then the work the choice calls for), run on the machine's cores.
    ///
    /// A follow-up starts as soon as its own group is done, ahead of other groups' waiting jobs, so it
    /// overlaps them instead of waiting for every group: the cores stay busy to the end rather than
    /// idling while the last, longest follow-up runs alone. Results are returned in job order (group by
    /// group, index by index) and each follow-up receives its group's results in that order, so nothing
    /// depends on which job ended first.
    public static func map<U>(groups sizes: [Int], _ job: (_ group: Int, _ index: Int) -> T,
                              then followUp: (_ group: Int, _ results: [T]) -> U) -> (jobs: [[T]], followUps: [U]) {
        let schedule = FollowUpSchedule<T, U>(groups: sizes)
        withoutActuallyEscaping(job) { job in
            withoutActuallyEscaping(followUp) { followUp in
                // As in `map`: the jobs only read what they capture, which the compiler cannot see.
                nonisolated(unsafe) let job = job, followUp = followUp
                let workers = min(ProcessInfo.processInfo.activeProcessorCount, sizes.reduce(0, +) + sizes.count)
                DispatchQueue.concurrentPerform(iterations: max(workers, 1)) { _ in
                    // Each worker takes the next piece of work until none is left or will be added.
                    while let work = schedule.next() {
                        switch work {
                        case let .job(g, i): schedule.finish(job: job(g, i), group: g, index: i)
                        case let .followUp(g, results): schedule.finish(followUp: followUp(g, results), group: g)
                        }
                    }
                }
            }
        }
        return schedule.results
    }
}

/// The queue and the results of `ParallelResults.map(groups:_:then:)`, shared by its worker threads under one lock.
private final class FollowUpSchedule<T, U>: @unchecked Sendable {
    /// A piece of work: job `index` of a group, or a group's follow-up with the group's results.
    enum Work {
        case job(Int, Int)
        case followUp(Int, [T])
    }

    private let condition = NSCondition()
    private var queue: [Work]
    private var slots: [[T?]]
    private var followUpSlots: [U?]
    private var waitingInGroup: [Int]
    /// Pieces of work (jobs and follow-ups) not yet finished: while some are, a worker that finds the
    /// queue empty waits, since a running job may still release a follow-up.
    private var unfinished: Int

    init(groups sizes: [Int]) {
        queue = sizes.enumerated().flatMap { g, n in (0..<n).map { Work.job(g, $0) } }
        slots = sizes.map { Array(repeating: nil, count: $0) }
        followUpSlots = Array(repeating: nil, count: sizes.count)
        waitingInGroup = sizes
        unfinished = sizes.reduce(0, +) + sizes.count
        // A group without jobs can follow up at once.
        for g in sizes.indices where sizes[g] == 0 { queue.insert(.followUp(g, []), at: 0) }
    }

    /// The next piece of work, or nil when everything is finished.
    func next() -> Work? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty {
            if unfinished == 0 { return nil }
            condition.wait()
        }
        return queue.removeFirst()
    }

    /// Stores a job's result; the last of its group puts the group's follow-up at the head of the queue.
    func finish(job result: T, group g: Int, index i: Int) {
        condition.lock()
        defer { condition.unlock() }
        slots[g][i] = result
        waitingInGroup[g] -= 1
        unfinished -= 1
        if waitingInGroup[g] == 0 { queue.insert(.followUp(g, slots[g].map { $0! }), at: 0) }
        condition.broadcast()
    }

    /// Stores a follow-up's result.
    func finish(followUp result: U, group g: Int) {
        condition.lock()
        defer { condition.unlock() }
        followUpSlots[g] = result
        unfinished -= 1
        condition.broadcast()
    }

    /// Every result in order; call when `next()` has returned nil.
    var results: (jobs: [[T]], followUps: [U]) {
        condition.lock()
        defer { condition.unlock() }
        return (slots.map { $0.map { $0! } }, followUpSlots.map { $0! })
    }
}
