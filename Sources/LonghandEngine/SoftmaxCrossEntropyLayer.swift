/// Softmax followed by cross-entropy, computed as one stable layer on a batch of logits (one example per row).
///
/// Softmax pᵢ = e^(zᵢ) / Σⱼ e^(zⱼ) overflows for large z, so each row's maximum is subtracted first:
/// the quotients do not change, because e^(−max) cancels above and below. The loss of an example
/// with label c is −ln p_c = ln Σⱼ e^(zⱼ − max) − (z_c − max), never ln of a rounded-to-zero p.
/// Taken together the two layers have the simple gradient ∂L/∂z = p − onehot (divided by the
/// batch size, because the loss is the batch mean). Logarithms are natural.
public struct SoftmaxCrossEntropy: Equatable, Sendable {
    /// The logits Z (batch × classes), as they came in.
    public let logits: Matrix
    /// The class of each example, 0-based.
    public let labels: [Int]
    /// Each row's maximum logit, subtracted for stability.
    public let maxima: [Double]
    /// Z − max, row by row.
    public let shifted: Matrix
    /// e^(Z − max).
    public let exponentials: Matrix
    /// Each row's Σⱼ e^(zⱼ − max).
    public let sums: [Double]
    /// The softmax probabilities (each row sums to 1).
    public let probabilities: Matrix
    /// The loss of each example, −ln p_label.
    public let losses: [Double]

    /// Runs the layer on a batch: every intermediate is kept so a page can print it.
    public init(logits: Matrix, labels: [Int]) {
        precondition(labels.count == logits.rows, "one label per row: \(logits.rows) rows, \(labels.count) labels")
        precondition(labels.allSatisfy { (0..<logits.columns).contains($0) }, "labels must be 0..<\(logits.columns)")
        self.logits = logits
        self.labels = labels
        let maxima = (0..<logits.rows).map { logits.row($0).max() ?? 0 }
        let shifted = Matrix(rows: logits.rows, columns: logits.columns) { i, j in logits[i, j] - maxima[i] }
        let exponentials = shifted.map(Double.exp)
        let sums = (0..<logits.rows).map { exponentials.row($0).reduce(0, +) }
        self.maxima = maxima
        self.shifted = shifted
        self.exponentials = exponentials
        self.sums = sums
        probabilities = Matrix(rows: logits.rows, columns: logits.columns) { i, j in exponentials[i, j] / sums[i] }
        losses = labels.enumerated().map { i, c in Double.log(sums[i]) - shifted[i, c] }
    }

    /// The mean loss over the batch, (1/n) Σ −ln p_label.
    public var loss: Double { losses.reduce(0, +) / Double(losses.count) }

    /// The labels as one-hot rows (batch × classes).
    public var oneHot: Matrix { SoftmaxCrossEntropy.oneHot(labels, classes: logits.columns) }

    /// ∂L/∂Z = (P − onehot) / n for the mean loss over n examples.
    public var gradient: Matrix {
        let n = Double(logits.rows)
        return (1 / n) * (probabilities - oneHot)
    }

    /// The index of the largest probability in each row (the first one on a tie).
    public var predictions: [Int] { SoftmaxCrossEntropy.argmax(probabilities) }

    /// One-hot coding: row i has a 1 in column labels[i] and 0 elsewhere.
    public static func oneHot(_ labels: [Int], classes: Int) -> Matrix {
        Matrix(rows: labels.count, columns: classes) { i, j in labels[i] == j ? 1 : 0 }
    }

    /// Softmax of each row alone (no labels needed), with the same max subtraction.
    public static func softmax(_ logits: Matrix) -> Matrix {
        SoftmaxCrossEntropy(logits: logits, labels: Array(repeating: 0, count: logits.rows)).probabilities
    }

    /// The column of each row's largest entry (the first one on a tie).
    public static func argmax(_ m: Matrix) -> [Int] {
        (0..<m.rows).map { i in
            let row = m.row(i)
            var best = 0
            for j in 1..<max(1, row.count) where row[j] > row[best] { best = j }
            return best
        }
    }
}
