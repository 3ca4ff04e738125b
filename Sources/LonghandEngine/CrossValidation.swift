/// k-fold cross-validation: a seeded partition of a training set into k folds, and the mean and
/// spread of a score measured with each fold held out in turn.
///
/// Cross-validation chooses settings (a learning rate, a number of epochs) without touching the
/// test set: each fold is validated on by a model trained on the other k − 1 folds, so every
/// training item is used for validation exactly once.
public struct CrossValidation: Equatable, Sendable {
    /// The items of each fold, in the seeded order they were dealt.
    public let folds: [[Int]]

    /// Shuffles `items` with `seed` (Fisher–Yates) and deals them into `k` folds of sizes that
    /// differ by at most one (the first `items.count mod k` folds get the extra item).
    public init(items: [Int], folds k: Int, seed: UInt64) {
        precondition(k >= 2 && k <= items.count, "k-fold cross-validation needs 2 ≤ k ≤ the number of items")
        var random = SeededRandom(seed: seed)
        let order = random.permutation(items.count).map { items[$0] }
        let base = items.count / k, extra = items.count % k
        var folds: [[Int]] = []
        var start = 0
        for f in 0..<k {
            let size = base + (f < extra ? 1 : 0)
            folds.append(Array(order[start..<(start + size)]))
            start += size
        }
        self.folds = folds
    }

    /// The number of folds k.
    public var count: Int { folds.count }

    /// The items held out in fold `f`.
    public func validation(_ f: Int) -> [Int] { folds[f] }

    /// The items trained on when fold `f` is held out: every other fold, in fold order.
    public func training(_ f: Int) -> [Int] {
        folds.indices.filter { $0 != f }.flatMap { folds[$0] }
    }

    /// A setting's scores over the folds, with their mean and sample standard deviation.
    public struct Summary: Equatable, Sendable {
        /// One score per fold.
        public let scores: [Double]
        public init(scores: [Double]) { self.scores = scores }
        /// The mean score over the folds.
        public var mean: Double { scores.isEmpty ? 0 : scores.reduce(0, +) / Double(scores.count) }
        /// The sample standard deviation (divisor k − 1) of the scores; 0 for a single score.
        public var standardDeviation: Double {
            guard scores.count > 1 else { return 0 }
            let m = mean
            return (scores.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(scores.count - 1)).squareRoot()
        }
    }

    /// Scores one setting: `score(training, validation)` for every fold.
    public func summarize(_ score: (_ training: [Int], _ validation: [Int]) -> Double) -> Summary {
        Summary(scores: folds.indices.map { score(training($0), validation($0)) })
    }

    /// The index of the best summary: the highest mean; ties go to the smaller spread, then to the
    /// earlier setting (so listing settings from simplest to most costly prefers the simpler).
    public static func best(_ summaries: [Summary]) -> Int? {
        guard !summaries.isEmpty else { return nil }
        var best = 0
        for (i, s) in summaries.enumerated().dropFirst() {
            let b = summaries[best]
            if s.mean > b.mean || (s.mean == b.mean && s.standardDeviation < b.standardDeviation) { best = i }
        }
        return best
    }

    /// Rank of every summary (1 = best by the rule of `best`), in the order given.
    public static func ranks(_ summaries: [Summary]) -> [Int] {
        let order = summaries.indices.sorted { a, b in
            let x = summaries[a], y = summaries[b]
            if x.mean != y.mean { return x.mean > y.mean }
            if x.standardDeviation != y.standardDeviation { return x.standardDeviation < y.standardDeviation }
            return a < b
        }
        var ranks = Array(repeating: 0, count: summaries.count)
        for (r, i) in order.enumerated() { ranks[i] = r + 1 }
        return ranks
    }
}
