/// A table of counts: row = the true class, column = the predicted class.
///
/// The diagonal holds the correct answers. For one class k: true positives are the diagonal entry,
/// false positives the rest of column k (predicted k, truly something else), false negatives the
/// rest of row k (truly k, predicted something else). Precision and recall follow from those.
public struct ConfusionMatrix: Equatable, Sendable {
    /// The number of classes (rows and columns).
    public let classes: Int
    /// counts[t][p]: samples of true class t predicted as p.
    public let counts: [[Int]]

    /// Counts every (label, prediction) pair; both must be 0..<classes.
    public init(labels: [Int], predictions: [Int], classes: Int) {
        precondition(labels.count == predictions.count, "one prediction per label")
        precondition(classes > 0, "need at least one class")
        var c = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (t, p) in zip(labels, predictions) {
            precondition((0..<classes).contains(t) && (0..<classes).contains(p), "classes must be 0..<\(classes)")
            c[t][p] += 1
        }
        self.classes = classes
        self.counts = c
    }

    /// All samples counted.
    public var total: Int { counts.joined().reduce(0, +) }
    /// The diagonal's sum: samples predicted correctly.
    public var correct: Int { (0..<classes).map { counts[$0][$0] }.reduce(0, +) }
    /// correct / total (0 for an empty matrix).
    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

    /// Samples of class k predicted as k.
    public func truePositives(_ k: Int) -> Int { counts[k][k] }
    /// Samples predicted as k whose true class is another one (column k off the diagonal).
    public func falsePositives(_ k: Int) -> Int { (0..<classes).map { counts[$0][k] }.reduce(0, +) - counts[k][k] }
    /// Samples of class k predicted as another class (row k off the diagonal).
    public func falseNegatives(_ k: Int) -> Int { counts[k].reduce(0, +) - counts[k][k] }

    /// TP / (TP + FP): of the samples called k, the fraction that really are k. Nil when the
    /// classifier never predicts k (0/0).
    public func precision(_ k: Int) -> Double? {
        let called = truePositives(k) + falsePositives(k)
        return called == 0 ? nil : Double(truePositives(k)) / Double(called)
    }

    /// TP / (TP + FN): of the samples that are k, the fraction found. Nil when no sample is k.
    public func recall(_ k: Int) -> Double? {
        let actual = truePositives(k) + falseNegatives(k)
        return actual == 0 ? nil : Double(truePositives(k)) / Double(actual)
    }

    /// The counts as Doubles, row by row (for JSON and drawings).
    public var values: [[Double]] { counts.map { $0.map(Double.init) } }
}

extension ConfusionMatrix {
    /// The same table, arguments in the order the digits lesson reads them.
    public init(classes: Int, labels: [Int], predictions: [Int]) {
        self.init(labels: labels, predictions: predictions, classes: classes)
    }

    /// Examples whose label is c (row c's sum).
    public func examples(of c: Int) -> Int { counts[c].reduce(0, +) }

    /// Examples predicted as k (column k's sum).
    public func predicted(as k: Int) -> Int { counts.reduce(0) { $0 + $1[k] } }

    /// The largest off-diagonal count (true class, predicted class, count); the first in reading
    /// order on a tie; nil when every prediction is right.
    public var mostConfused: (label: Int, predicted: Int, count: Int)? {
        var best: (Int, Int, Int)?
        for c in 0..<classes {
            for k in 0..<classes where k != c && counts[c][k] > (best?.2 ?? 0) { best = (c, k, counts[c][k]) }
        }
        return best.map { (label: $0.0, predicted: $0.1, count: $0.2) }
    }
}
