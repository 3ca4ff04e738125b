/// The max-norm constraint: every neuron's incoming weight vector w must satisfy ‖w‖₂ ≤ r.
///
/// It is not a penalty in the loss but a rule applied after each update: a vector outside the
/// ball of radius r is scaled back onto its surface, w ← w·r/‖w‖₂ (the nearest point of the ball,
/// i.e. the Euclidean projection); a vector inside is left alone. Biases are not constrained.
public enum MaxNorm {
    /// ‖w‖₂.
    public static func norm(_ w: [Double]) -> Double { w.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// The factor min(1, r/‖w‖₂) that projects w onto the ball (1 when w is inside).
    public static func factor(_ w: [Double], radius r: Double) -> Double {
        precondition(r > 0, "the radius must be positive")
        let n = norm(w)
        return n > r ? r / n : 1
    }

    /// w projected onto ‖w‖₂ ≤ r.
    public static func project(_ w: [Double], radius r: Double) -> [Double] {
        let f = factor(w, radius: r)
        return f == 1 ? w : w.map { $0 * f }
    }

    /// Every column of W (one neuron's incoming weights) projected separately.
    public static func project(_ weights: Matrix, radius r: Double) -> Matrix {
        let factors = (0..<weights.columns).map { factor(weights.column($0), radius: r) }
        return Matrix(rows: weights.rows, columns: weights.columns) { i, j in weights[i, j] * factors[j] }
    }

    /// A model with every weight block's columns projected (biases untouched).
    public static func project<M: Trainable>(_ model: M, radius r: Double) -> M {
        model.with(parameters: project(model.parameters, blocks: model.weightBlocks, radius: r))
    }

    /// A flat parameter vector with every column of every weight block projected, as `project(_: Matrix)` does.
    public static func project(_ parameters: [Double], blocks: [WeightBlock], radius r: Double) -> [Double] {
        var p = parameters
        for b in blocks {
            for j in 0..<b.columns {
                let column = (0..<b.rows).map { parameters[b.offset + $0 * b.columns + j] }
                let f = factor(column, radius: r)
                for i in 0..<b.rows { p[b.offset + i * b.columns + j] = parameters[b.offset + i * b.columns + j] * f }
            }
        }
        return p
    }
}
