/// Squared-error losses in the three scalings the source texts use, with their gradients.
///
/// All three add the same squared differences (y − ŷ)²; they differ only by a constant factor,
/// so they have the same minimum and gradients that differ by that same factor.
public enum SquaredError {
    /// Which constant multiplies Σ(y − ŷ)².
    public enum Scaling: CaseIterable, Sendable {
        /// (1/n)Σ(y − ŷ)², the mean squared error (`003`).
        case mean
        /// ½Σ(y − ŷ)² (`001`); the ½ cancels the 2 of the derivative.
        case halfSum
        /// (1/2n)Σ‖y − a‖², the quadratic cost (`000`).
        case halfMean

        /// The factor in front of the sum for n samples.
        public func factor(samples n: Int) -> Double {
            switch self {
            case .mean: return 1 / Double(n)
            case .halfSum: return 0.5
            case .halfMean: return 1 / (2 * Double(n))
            }
        }
    }

    /// (y_i − ŷ_i)² for each sample, in order.
    public static func squaredErrors(yTrue: [Double], yPred: [Double]) -> [Double] {
        precondition(yTrue.count == yPred.count && !yTrue.isEmpty, "need as many predictions as targets")
        return zip(yTrue, yPred).map { ($0 - $1) * ($0 - $1) }
    }

    /// factor · Σ(y_i − ŷ_i)², one scalar output per sample (n = yTrue.count).
    public static func loss(yTrue: [Double], yPred: [Double], scaling: Scaling) -> Double {
        scaling.factor(samples: yTrue.count) * squaredErrors(yTrue: yTrue, yPred: yPred).reduce(0, +)
    }

    /// ∂L/∂ŷ_i = −2·factor·(y_i − ŷ_i).
    public static func gradient(yTrue: [Double], yPred: [Double], scaling: Scaling) -> [Double] {
        let f = scaling.factor(samples: yTrue.count)
        return zip(yTrue, yPred).map { -2 * f * ($0 - $1) }
    }

    /// factor · Σ_x ‖y(x) − a(x)‖² for vector outputs, one row per sample (n = rows).
    public static func loss(yTrue: Matrix, yPred: Matrix, scaling: Scaling) -> Double {
        precondition(yTrue.rows == yPred.rows && yTrue.columns == yPred.columns && yTrue.rows > 0, "shape mismatch")
        let sum = zip(yTrue.values, yPred.values).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        return scaling.factor(samples: yTrue.rows) * sum
    }
}
