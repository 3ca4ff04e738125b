import Foundation

extension ParallelResults {
    /// Groups of independent jobs, each group followed by `followUps[g]` more jobs that need all of that
    /// group's results (a choice made from them, then the work the choice calls for), run on the machine's
    /// cores.
    ///
    /// A group's follow-ups start as soon as the group is done, ahead of other groups' waiting jobs, so
    /// they overlap them instead of waiting for every group: the cores stay busy to the end rather than
    /// idling while the last, longest follow-up runs alone. A group of no jobs follows up at once. Results
    /// are returned in job order (group by group, index by index) and each follow-up receives its group's
    /// results in that order, so nothing depends on which job ended first.
    public static func map<U>(groups sizes: [Int], followUps counts: [Int], _ job: (_ group: Int, _ index: Int) -> T,
                              then followUp: (_ group: Int, _ followUp: Int, _ results: [T]) -> U) -> (jobs: [[T]], followUps: [[U]]) {
        precondition(sizes.count == counts.count, "one number of follow-ups per group")
        let schedule = FollowUpSchedule<T, U>(groups: sizes, followUps: counts)
        withoutActuallyEscaping(job) { job in
            withoutActuallyEscaping(followUp) { followUp in
                // As in `map`: the jobs only read what they capture, which the compiler cannot see.
                nonisolated(unsafe) let job = job, followUp = followUp
                let workers = min(ProcessInfo.processInfo.activeProcessorCount, sizes.reduce(0, +) + counts.reduce(0, +))
                DispatchQueue.concurrentPerform(iterations: max(workers, 1)) { _ in
                    // Each worker takes the next piece of work until none is left or will be added.
                    while let work = schedule.next() {
                        switch work {
                        case let .job(g, i): schedule.finish(job: job(g, i), group: g, index: i)
                        case let .followUp(g, k, results): schedule.finish(followUp: followUp(g, k, results), group: g, index: k)
                        }
                    }
                }
            }
        }
        return schedule.results
    }
}

/// The queue and the results of `ParallelResults.map(groups:followUps:_:then:)`, shared by its worker threads under one lock.
private final class FollowUpSchedule<T, U>: @unchecked Sendable {
    /// A piece of work: job `index` of a group, or follow-up `index` of a group, with the group's results.
    enum Work {
        case job(Int, Int)
        case followUp(Int, Int, [T])
    }

    private let condition = NSCondition()
    private var queue: [Work]
    private var slots: [[T?]]
    private var followUpSlots: [[U?]]
    private var waitingInGroup: [Int]
    /// Pieces of work (jobs and follow-ups) not yet finished: while some are, a worker that finds the
    /// queue empty waits, since a running job may still release a follow-up.
    private var unfinished: Int

    init(groups sizes: [Int], followUps counts: [Int]) {
        queue = sizes.enumerated().flatMap { g, n in (0..<n).map { Work.job(g, $0) } }
        slots = sizes.map { Array(repeating: nil, count: $0) }
        followUpSlots = counts.map { Array(repeating: nil, count: $0) }
        waitingInGroup = sizes
        unfinished = sizes.reduce(0, +) + counts.reduce(0, +)
        // A group without jobs can follow up at once (groups in order, each group's follow-ups in order).
        queue.insert(contentsOf: sizes.indices.filter { sizes[$0] == 0 }.flatMap { g in (0..<counts[g]).map { Work.followUp(g, $0, []) } }, at: 0)
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

    /// Stores a job's result; the last of its group puts the group's follow-ups at the head of the queue.
    func finish(job result: T, group g: Int, index i: Int) {
        condition.lock()
        defer { condition.unlock() }
        slots[g][i] = result
        waitingInGroup[g] -= 1
        unfinished -= 1
        if waitingInGroup[g] == 0 {
            let results = slots[g].map { $0! }
            queue.insert(contentsOf: followUpSlots[g].indices.map { Work.followUp(g, $0, results) }, at: 0)
        }
        condition.broadcast()
    }

    /// Stores a follow-up's result.
    func finish(followUp result: U, group g: Int, index k: Int) {
        condition.lock()
        defer { condition.unlock() }
        followUpSlots[g][k] = result
        unfinished -= 1
        condition.broadcast()
    }

    /// Every result in order; call when `next()` has returned nil.
    var results: (jobs: [[T]], followUps: [[U]]) {
        condition.lock()
        defer { condition.unlock() }
        return (slots.map { $0.map { $0! } }, followUpSlots.map { $0.map { $0! } })
    }
}
