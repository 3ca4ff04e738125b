import Foundation
import Testing
@testable import LonghandEngine
@testable import Curriculum

/// The answer key of lesson 12, `evaluation` (source text 000: 神经网络的准确率是怎么计算的).
@Suite("evaluation answer key")
struct EvaluationTests {
    @Test("000's output [0.9968, 0.0000, 0.0001, 0.9] thresholded at 0.7 is [1, 0, 0, 1]: the sample is correct")
    func textExample() {
        let y = [0.9968, 0.0000, 0.0001, 0.9]
        let decided = Accuracy.thresholded(y, threshold: 0.7)
        // Independently: element by element, greater than 0.7.
        #expect(decided == y.map { $0 > 0.7 ? 1.0 : 0.0 })
        #expect(decided == [1, 0, 0, 1])
        #expect(Accuracy.exactMatch(decided, [1, 0, 0, 1]))
        #expect(Accuracy.matchingLabels(decided, [1, 0, 0, 1]) == 4)
    }

    @Test("an output exactly at the threshold counts as 0 (strictly greater)")
    func atThreshold() {
        #expect(Accuracy.thresholded([0.7, 0.70001], threshold: 0.7) == [0, 1])
    }

    @Test("a single wrong label makes the whole sample wrong")
    func oneWrongLabel() {
        let decided = Accuracy.thresholded([0.82, 0.35, 0.71, 0.64], threshold: 0.7)
        #expect(decided == [1, 0, 1, 0])
        #expect(!Accuracy.exactMatch(decided, [1, 0, 1, 1]))
        #expect(Accuracy.matchingLabels(decided, [1, 0, 1, 1]) == 3)
    }

    @Test("erratum 000: accuracy is (n − m)/n = 0.84 for n = 50, m = 8; n/m = 6.25 exceeds 1")
    func accuracyFormula() {
        #expect(Accuracy.fromErrors(samples: 50, errors: 8) == 0.84)
        #expect(abs(Accuracy.fromErrors(samples: 50, errors: 8) - 42.0 / 50.0) < 1e-12)
        #expect(50.0 / 8.0 == 6.25 && 50.0 / 8.0 > 1)
        #expect(Accuracy.fromErrors(samples: 48, errors: 9) == 0.8125)
        #expect(Accuracy.of(predictions: [0, 1, 2, 2], labels: [0, 1, 1, 2]) == 0.75)
    }

    @Test("confusion matrix of a hand-counted example: rows true, columns predicted; precision and recall")
    func confusionByHand() {
        let labels = [0, 0, 1, 1, 1, 2, 2, 2, 2]
        let predictions = [0, 1, 1, 1, 2, 2, 2, 0, 1]
        let cm = ConfusionMatrix(labels: labels, predictions: predictions, classes: 3)
        #expect(cm.counts == [[1, 1, 0], [0, 2, 1], [1, 1, 2]])
        #expect(cm.correct == 5 && cm.total == 9)
        // Class 1: TP 2, FP = column 1 minus diagonal = 1 + 1, FN = row 1 minus diagonal = 1.
        #expect(cm.truePositives(1) == 2 && cm.falsePositives(1) == 2 && cm.falseNegatives(1) == 1)
        #expect(cm.precision(1) == 0.5)
        #expect(abs(cm.recall(1)! - 2.0 / 3.0) < 1e-12)
        #expect(printed(cm.recall(1)!, 4) == 0.6667)
        // A class never predicted has no precision (0/0).
        let never = ConfusionMatrix(labels: [0, 1], predictions: [0, 0], classes: 2)
        #expect(never.precision(1) == nil && never.recall(1) == 0)
    }

    @Test("a seeded split is disjoint, complete, the right sizes, and the same for the same seed")
    func split() {
        let s = DataSplit(count: 240, trainFraction: 0.6, validationFraction: 0.2, seed: 8)
        #expect(s.train.count == 144 && s.validation.count == 48 && s.test.count == 48)
        #expect(Set(s.train + s.validation + s.test) == Set(0..<240))
        #expect((s.train + s.validation + s.test).count == 240)
        #expect(s == DataSplit(count: 240, trainFraction: 0.6, validationFraction: 0.2, seed: 8))
        #expect(s != DataSplit(count: 240, trainFraction: 0.6, validationFraction: 0.2, seed: 9))
    }

    @Test("evaluation --json: the thresholded example, accuracy (n − m)/n, and a consistent confusion matrix")
    func json() throws {
        let v = try TestSupport.values("evaluation")
        #expect(v.vector("thresholded") == [1, 0, 0, 1])
        #expect(v.number("sample_correct") == 1)
        let n = try #require(v.number("n")), m = try #require(v.number("m"))
        #expect(n == 48)
        #expect(v.number("accuracy") == (n - m) / n)
        #expect(v.number("n_over_m") == n / m)
        #expect((v.number("n_over_m") ?? 0) > 1)
        let cm = try #require(v.matrix("confusion_matrix"))
        // Independently from the matrix: total n, diagonal n − m, class B's precision and recall.
        #expect(cm.joined().reduce(0, +) == n)
        #expect(cm[0][0] + cm[1][1] + cm[2][2] == n - m)
        let column = cm[0][1] + cm[1][1] + cm[2][1], row = cm[1].reduce(0, +)
        #expect(abs((v.number("precision") ?? -1) - cm[1][1] / column) < 1e-12)
        #expect(abs((v.number("recall") ?? -1) - cm[1][1] / row) < 1e-12)
        #expect(v.vector("split_sizes") == [144, 48, 48])
        #expect(v.number("exercise1_correct_at_0.7") == 0)
        #expect(v.number("exercise1_correct_at_0.6") == 1)
        #expect(v.number("exercise2_accuracy") == 0.84)
    }

    @Test("evaluation with --threshold 0.95 --positive-class C --split 0.5,0.25,0.25")
    func changedOptions() throws {
        let v = try TestSupport.values("evaluation", ["--threshold", "0.95", "--positive-class", "C", "--split", "0.5,0.25,0.25"])
        // 0.9 is no longer above the threshold: [1, 0, 0, 0] ≠ [1, 0, 0, 1].
        #expect(v.vector("thresholded") == [0.9968, 0, 0.0001, 0.9].map { $0 > 0.95 ? 1 : 0 })
        #expect(v.number("sample_correct") == 0)
        #expect(v.vector("split_sizes") == [120, 60, 60])
        let cm = try #require(v.matrix("confusion_matrix"))
        let column = cm[0][2] + cm[1][2] + cm[2][2], row = cm[2].reduce(0, +)
        if column > 0 { #expect(abs((v.number("precision") ?? -1) - cm[2][2] / column) < 1e-12) }
        #expect(abs((v.number("recall") ?? -1) - cm[2][2] / row) < 1e-12)
    }

    @Test("evaluation rejects a split that does not add up to 1 with exit 64, one line, nothing written")
    func badInput() throws {
        for args in [["--split", "0.5,0.5,0.5"], ["--targets", "1,0,2,1"], ["--outputs", "0.5,1.5"]] {
            try TestSupport.expectRefused("evaluation", args)
        }
    }
}
