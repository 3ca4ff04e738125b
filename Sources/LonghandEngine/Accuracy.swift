/// Turning a network's outputs into decisions and counting how many of them are right.
///
/// Source text `000`: an output element counts as 1 when it is greater than a threshold (0.7 in its
/// example), and a sample is correct only when the whole decided vector equals the expected one.
/// Accuracy over n samples with m errors is (n − m)/n.
public enum Accuracy {
    /// Each output becomes 1 when it is strictly greater than `threshold`, else 0 (an output exactly
    /// at the threshold is 0, like the perceptron's step(0) = 0).
    public static func thresholded(_ outputs: [Double], threshold: Double) -> [Double] {
        outputs.map { $0 > threshold ? 1 : 0 }
    }

    /// True when every decided label equals its target: the whole vector must match.
    public static func exactMatch(_ decided: [Double], _ targets: [Double]) -> Bool {
        precondition(decided.count == targets.count, "one target per output")
        return zip(decided, targets).allSatisfy { $0 == $1 }
    }

    /// How many positions of two label vectors agree (per-label agreement, a looser measure).
    public static func matchingLabels(_ decided: [Double], _ targets: [Double]) -> Int {
        precondition(decided.count == targets.count, "one target per output")
        return zip(decided, targets).filter { $0 == $1 }.count
    }

    /// (n − m)/n: the fraction of n samples that are right when m are wrong. n must be positive
    /// and m between 0 and n.
    public static func fromErrors(samples n: Int, errors m: Int) -> Double {
        precondition(n > 0 && (0...n).contains(m), "need 0 ≤ m ≤ n and n > 0")
        return Double(n - m) / Double(n)
    }

    /// The number of positions where a prediction differs from its label.
    public static func errors(predictions: [Int], labels: [Int]) -> Int {
        precondition(predictions.count == labels.count, "one prediction per label")
        return zip(predictions, labels).filter { $0 != $1 }.count
    }

    /// The fraction of predictions equal to their labels (argmax accuracy when the predictions are
    /// each row's largest output). An empty list has no accuracy, so it must not be empty.
    public static func of(predictions: [Int], labels: [Int]) -> Double {
        precondition(!labels.isEmpty, "accuracy of no samples is undefined")
        return fromErrors(samples: labels.count, errors: errors(predictions: predictions, labels: labels))
    }

    /// The fraction of rows whose largest output (the first one on a tie) is at the row's label.
    public static func of(outputs: Matrix, labels: [Int]) -> Double {
        of(predictions: SoftmaxCrossEntropy.argmax(outputs), labels: labels)
    }
}
