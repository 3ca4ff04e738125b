/// The squared error, the one implementation every squared-error loss of the engine uses, in the
/// scalings the source texts use, with its gradient.
///
/// Every scaling adds the same squared differences (y − ŷ)²; they differ only by a constant factor,
/// so they have the same minimum and gradients that differ by that same factor. The loss is the sum
/// divided by the scaling's divisor (1, n, 2 or 2n), the gradient −2·(1/divisor)·(y − ŷ).
public enum SquaredError {
    /// Which constant multiplies Σ(y − ŷ)².
    public enum Scaling: CaseIterable, Sendable {
        /// Σ(y − ŷ)², one example's error as `003` trains on it.
        case sum
        /// (1/n)Σ(y − ŷ)², the mean squared error (`003`).
        case mean
        /// ½Σ(y − ŷ)² (`001`); the ½ cancels the 2 of the derivative.
        case halfSum
        /// (1/2n)Σ‖y − a‖², the quadratic cost (`000`).
        case halfMean

        /// The factor in front of the sum for n samples: 1/divisor.
        public func factor(samples n: Int) -> Double { 1 / divisor(samples: n) }

        /// The number the sum is divided by for n samples.
        public func divisor(samples n: Int) -> Double {
            switch self {
            case .sum: return 1
            case .mean: return Double(n)
            case .halfSum: return 2
            case .halfMean: return 2 * Double(n)
            }
        }
    }

    /// (y_i − ŷ_i)² for each sample, in order.
    public static func squaredErrors(yTrue: [Double], yPred: [Double]) -> [Double] {
        precondition(yTrue.count == yPred.count && !yTrue.isEmpty, "need as many predictions as targets")
        return zip(yTrue, yPred).map { ($0 - $1) * ($0 - $1) }
    }

    /// Σ(y_i − ŷ_i)² / divisor, one scalar output per sample (n = yTrue.count).
    public static func loss(yTrue: [Double], yPred: [Double], scaling: Scaling) -> Double {
        squaredErrors(yTrue: yTrue, yPred: yPred).reduce(0, +) / scaling.divisor(samples: yTrue.count)
    }

    /// ∂L/∂ŷ_i = −2·factor·(y_i − ŷ_i).
    public static func gradient(yTrue: [Double], yPred: [Double], scaling: Scaling) -> [Double] {
        let f = scaling.factor(samples: yTrue.count)
        return zip(yTrue, yPred).map { -2 * f * ($0 - $1) }
    }

    /// Σ_x ‖y(x) − a(x)‖² / divisor for vector outputs, one row per sample (n = rows).
    public static func loss(yTrue: Matrix, yPred: Matrix, scaling: Scaling) -> Double {
        precondition(yTrue.rows == yPred.rows && yTrue.columns == yPred.columns && yTrue.rows > 0, "shape mismatch")
        let sum = zip(yTrue.values, yPred.values).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        return sum / scaling.divisor(samples: yTrue.rows)
    }

    /// ∂L/∂ŷ = −2·factor·(y − ŷ) for vector outputs, one row per sample (n = rows).
    public static func gradient(yTrue: Matrix, yPred: Matrix, scaling: Scaling) -> Matrix {
        precondition(yTrue.rows == yPred.rows && yTrue.columns == yPred.columns && yTrue.rows > 0, "shape mismatch")
        let c = -2 * scaling.factor(samples: yTrue.rows)
        return Matrix(rows: yPred.rows, columns: yPred.columns, values: zip(yTrue.values, yPred.values).map { c * ($0 - $1) })
    }
}
