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
