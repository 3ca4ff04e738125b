import Foundation
import Testing
@testable import LonghandEngine

/// k-fold cross-validation in the engine: the folds partition the items, sizes differ by at most one,
/// the same seed deals the same folds, and summaries and rankings follow their definitions.
@Suite("cross-validation")
struct CrossValidationTests {
    @Test("folds partition the items, each item validated exactly once; sizes differ by at most one", arguments: [(10, 5), (11, 3), (1438, 5), (7, 7), (2, 2)])
    func partition(_ n: Int, _ k: Int) {
        let items = (0..<n).map { 3 * $0 + 1 }
        let cv = CrossValidation(items: items, folds: k, seed: 42)
        #expect(cv.count == k)
        #expect(cv.folds.flatMap { $0 }.sorted() == items)
        let sizes = cv.folds.map(\.count)
        #expect(sizes.max()! - sizes.min()! <= 1)
        for f in 0..<k {
            #expect(Set(cv.training(f)).isDisjoint(with: cv.validation(f)))
            #expect(cv.training(f).count + cv.validation(f).count == n)
        }
    }

    @Test("the same seed deals the same folds; another seed deals others")
    func seeded() {
        let items = Array(0..<100)
        #expect(CrossValidation(items: items, folds: 5, seed: 1) == CrossValidation(items: items, folds: 5, seed: 1))
        #expect(CrossValidation(items: items, folds: 5, seed: 1) != CrossValidation(items: items, folds: 5, seed: 2))
        // The fold order is the seeded permutation, dealt in runs: fold 0 is its first 20 items.
        var r = SeededRandom(seed: 1)
        let order = r.permutation(100)
        #expect(CrossValidation(items: items, folds: 5, seed: 1).validation(0) == Array(order[0..<20]))
    }

    @Test("summary: mean and sample standard deviation by hand; best and ranks by mean, then spread, then order")
    func summaries() {
        let s = CrossValidation.Summary(scores: [0.9, 0.8, 1.0])
        #expect(abs(s.mean - 0.9) < 1e-15)
        #expect(abs(s.standardDeviation - 0.1) < 1e-15)   // √((0.01 + 0.01 + 0)/2)
        #expect(CrossValidation.Summary(scores: [0.5]).standardDeviation == 0)
        let list = [CrossValidation.Summary(scores: [0.8, 0.8]), .init(scores: [0.7, 0.9]), .init(scores: [0.9, 0.9]), .init(scores: [0.8, 0.8])]
        #expect(CrossValidation.best(list) == 2)
        // 0.8 ± 0 beats 0.8 ± 0.14 (smaller spread); equal summaries keep their order.
        #expect(CrossValidation.ranks(list) == [2, 4, 1, 3])
        #expect(CrossValidation.best([]) == nil)
    }

    @Test("summarize hands each fold's training and validation items to the score")
    func summarize() {
        let cv = CrossValidation(items: Array(0..<9), folds: 3, seed: 5)
        var seen: [[Int]] = []
        let s = cv.summarize { training, validation in
            seen.append(validation)
            return Double(training.count) / Double(training.count + validation.count)
        }
        #expect(seen == cv.folds)
        #expect(s.scores.allSatisfy { abs($0 - 2.0 / 3) < 1e-15 })
    }
}
