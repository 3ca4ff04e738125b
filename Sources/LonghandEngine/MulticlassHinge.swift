/// The multiclass SVM (hinge) loss L_i = Σ_{j≠y} max(0, s_j − s_y + Δ) with margin Δ = 1 (`001`),
/// and the regularized loss of a linear classifier s = W·x over N examples.
///
/// A wrong class j costs nothing once the true score beats it by at least Δ; otherwise it costs
/// the shortfall. Where a margin is exactly 0 the kink takes the flat side: gradient 0 there,
/// as with ReLU′(0) = 0.
public struct MulticlassHinge: Equatable, Sendable {
    /// The required lead Δ of the true score over every other score.
    public let delta: Double

    /// A hinge loss with margin Δ (1 in the text).
    public init(delta: Double = 1) { self.delta = delta }

    /// One term of the sum: class j, its score, s_j − s_y + Δ and max(0, ·).
    public struct Term: Equatable, Sendable {
        public let j: Int
        public let score: Double
        public let margin: Double
        public var value: Double { max(0, margin) }
    }

    /// The terms for every j ≠ y (0-based classes), in class order.
    public func terms(scores s: [Double], trueClass y: Int) -> [Term] {
        precondition(s.indices.contains(y), "true class \(y) outside 0..<\(s.count)")
        return s.indices.filter { $0 != y }.map { j in Term(j: j, score: s[j], margin: s[j] - s[y] + delta) }
    }

    /// L_i = Σ_{j≠y} max(0, s_j − s_y + Δ).
    public func loss(scores s: [Double], trueClass y: Int) -> Double {
        terms(scores: s, trueClass: y).reduce(0) { $0 + $1.value }
    }

    /// ∂L_i/∂s: +1 for each j whose margin is positive, minus their count at the true class.
    public func gradient(scores s: [Double], trueClass y: Int) -> [Double] {
        var g = [Double](repeating: 0, count: s.count)
        for t in terms(scores: s, trueClass: y) where t.margin > 0 {
            g[t.j] += 1
            g[y] -= 1
        }
        return g
    }

    /// The full loss of a linear classifier and its gradient with respect to W.
    public struct Objective: Equatable, Sendable {
        /// s_i = W·x_i for each example.
        public let scores: [[Double]]
        /// L_i for each example.
        public let losses: [Double]
        /// (1/N)·Σ_i L_i.
        public let dataLoss: Double
        /// R(W) = Σ W_kl².
        public let penalty: Double
        /// λ·R(W).
        public let weightedPenalty: Double
        /// L = (1/N)·Σ_i L_i + λ·R(W).
        public let total: Double
        /// ∂L/∂W = (1/N)·Σ_i (∂L_i/∂s_i)·x_iᵀ + 2λW.
        public let gradient: Matrix
    }

    /// L = (1/N)Σ_{i=1}^{N} L_i + λ·R(W) for scores s_i = W·x_i, where W has one row per class
    /// and one column per input (the text's f(x; W) = Wx).
    public func objective(weights w: Matrix, inputs: [[Double]], classes: [Int], lambda: Double) -> Objective {
        precondition(inputs.count == classes.count && !inputs.isEmpty, "need one class per example")
        let n = Double(inputs.count)
        var scores: [[Double]] = []
        var losses: [Double] = []
        var grad = Matrix(rows: w.rows, columns: w.columns)
        for (x, y) in zip(inputs, classes) {
            precondition(x.count == w.columns, "input of \(x.count) for W with \(w.columns) columns")
            let s = (w * Matrix(column: x)).values
            scores.append(s)
            losses.append(loss(scores: s, trueClass: y))
            let ds = gradient(scores: s, trueClass: y)
            for k in 0..<w.rows { for l in 0..<w.columns { grad[k, l] += ds[k] * x[l] / n } }
        }
        let data = losses.reduce(0, +) / n
        let r = WeightPenalty.sumOfSquares(w)
        let total = data + lambda * r
        return Objective(scores: scores, losses: losses, dataLoss: data, penalty: r, weightedPenalty: lambda * r,
                         total: total, gradient: grad + WeightPenalty.l2(lambda: lambda).gradient(w))
    }
}
