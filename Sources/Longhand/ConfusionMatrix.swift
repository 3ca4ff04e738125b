/// A confusion matrix: how many examples of each true class were predicted as each class.
///
/// Row c counts the examples whose label is c, column k those predicted as k; the diagonal holds
/// the correct predictions. So each row sums to the number of examples of its class, and the whole
/// matrix to the number of examples.
public struct ConfusionMatrix: Equatable, Sendable {
    public let classes: Int
    /// counts[c][k]: examples of class c predicted as k.
    public let counts: [[Int]]

    /// Counts the pairs (label, prediction); every label and prediction must lie in 0..<classes.
    public init(classes: Int, labels: [Int], predictions: [Int]) {
        precondition(classes > 0, "a confusion matrix needs at least one class")
        precondition(labels.count == predictions.count, "one prediction per label: \(labels.count) labels, \(predictions.count) predictions")
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (c, k) in zip(labels, predictions) {
            precondition((0..<classes).contains(c) && (0..<classes).contains(k), "classes must be 0..<\(classes)")
            counts[c][k] += 1
        }
        self.classes = classes
        self.counts = counts
    }

    /// The number of examples.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
    /// The number of correct predictions (the diagonal).
    public var correct: Int { (0..<classes).reduce(0) { $0 + counts[$1][$1] } }
    /// correct / total (0 for an empty matrix).
    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

    /// Examples whose label is c (row c's sum).
    public func examples(of c: Int) -> Int { counts[c].reduce(0, +) }
    /// Examples predicted as k (column k's sum).
    public func predicted(as k: Int) -> Int { counts.reduce(0) { $0 + $1[k] } }

    /// Recall of class c: the share of its examples predicted as c; nil when there are none.
    public func recall(_ c: Int) -> Double? {
        let n = examples(of: c)
        return n == 0 ? nil : Double(counts[c][c]) / Double(n)
    }

    /// Precision of class k: the share of the predictions "k" that are right; nil when k was never predicted.
    public func precision(_ k: Int) -> Double? {
        let n = predicted(as: k)
        return n == 0 ? nil : Double(counts[k][k]) / Double(n)
    }

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
