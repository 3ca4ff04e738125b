/// Batch normalization: each feature (column) of a batch shifted to mean 0 and scaled to variance 1, then stretched by γ and shifted by β.
///
/// Training mode uses the batch's own mean μ and variance σ² (the biased one, divided by m, the
/// batch size): x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β. Each training batch also nudges the running
/// mean and variance, running ← momentum·running + (1 − momentum)·batch; prediction mode uses
/// those instead, so a single example can be normalised and its output does not depend on
/// which other examples share its batch. ε keeps the division finite when a feature is constant.
public struct BatchNorm: Equatable, Sendable {
    /// The scale γ of each feature (learned; starts at 1).
    public var gamma: [Double]
    /// The shift β of each feature (learned; starts at 0).
    public var beta: [Double]
    /// The running mean used in prediction mode (starts at 0).
    public var runningMean: [Double]
    /// The running variance used in prediction mode (starts at 1).
    public var runningVariance: [Double]
    /// Added to the variance before the square root.
    public var epsilon: Double
    /// How much of the old running statistics each batch keeps.
    public var momentum: Double

    /// A layer for `features` columns with γ = 1, β = 0, running mean 0 and running variance 1.
    public init(features: Int, epsilon: Double = 1e-5, momentum: Double = 0.9) {
        self.init(gamma: Array(repeating: 1, count: features), beta: Array(repeating: 0, count: features),
                  epsilon: epsilon, momentum: momentum)
    }

    /// A layer with the given γ and β (one each per feature).
    public init(gamma: [Double], beta: [Double], epsilon: Double = 1e-5, momentum: Double = 0.9,
                runningMean: [Double]? = nil, runningVariance: [Double]? = nil) {
        precondition(!gamma.isEmpty && gamma.count == beta.count, "γ and β need one entry per feature")
        precondition(epsilon >= 0 && (0...1).contains(momentum), "ε ≥ 0 and momentum in [0, 1]")
        self.gamma = gamma
        self.beta = beta
        self.epsilon = epsilon
        self.momentum = momentum
        self.runningMean = runningMean ?? Array(repeating: 0, count: gamma.count)
        self.runningVariance = runningVariance ?? Array(repeating: 1, count: gamma.count)
    }

    /// Number of features (columns) the layer normalises.
    public var features: Int { gamma.count }

    // MARK: Forward

    /// Every intermediate of a training-mode forward pass, kept for the page and for backward.
    public struct Forward: Equatable, Sendable {
        public let input: Matrix
        /// μ of each column.
        public let mean: [Double]
        /// σ² of each column, Σ(x − μ)²/m.
        public let variance: [Double]
        /// √(σ² + ε) of each column.
        public let standardDeviation: [Double]
        /// x − μ.
        public let centered: Matrix
        /// x̂ = (x − μ)/√(σ² + ε).
        public let normalized: Matrix
        /// y = γ·x̂ + β.
        public let output: Matrix
    }

    /// Training mode: normalise with the batch's own statistics.
    public func forward(_ x: Matrix) -> Forward {
        precondition(x.columns == features && x.rows > 0, "batch must have \(features) columns and at least one row")
        let rows = x.rows, n = features, m = Double(x.rows)
        // Plain loops over the row-major values: this runs at every training step.
        var mean = [Double](repeating: 0, count: n)
        for i in 0..<rows { for j in 0..<n { mean[j] += x.values[i * n + j] } }
        for j in 0..<n { mean[j] /= m }
        var centered = x.values
        var variance = [Double](repeating: 0, count: n)
        for i in 0..<rows {
            for j in 0..<n {
                let c = x.values[i * n + j] - mean[j]
                centered[i * n + j] = c
                variance[j] += c * c
            }
        }
        for j in 0..<n { variance[j] /= m }
        let sd = variance.map { ($0 + epsilon).squareRoot() }
        var normalized = centered, output = centered
        for i in 0..<rows {
            for j in 0..<n {
                let h = centered[i * n + j] / sd[j]
                normalized[i * n + j] = h
                output[i * n + j] = gamma[j] * h + beta[j]
            }
        }
        return Forward(input: x, mean: mean, variance: variance, standardDeviation: sd,
                       centered: Matrix(rows: rows, columns: n, values: centered),
                       normalized: Matrix(rows: rows, columns: n, values: normalized),
                       output: Matrix(rows: rows, columns: n, values: output))
    }

    /// Prediction mode: normalise with the running mean and variance, example by example.
    public func predict(_ x: Matrix) -> Matrix {
        precondition(x.columns == features, "input must have \(features) columns")
        return Matrix(rows: x.rows, columns: x.columns) { i, j in
            gamma[j] * (x[i, j] - runningMean[j]) / (runningVariance[j] + epsilon).squareRoot() + beta[j]
        }
    }

    /// The layer after one training batch: running ← momentum·running + (1 − momentum)·batch.
    public func updatingRunningStatistics(with forward: Forward) -> BatchNorm {
        var out = self
        for j in 0..<features {
            out.runningMean[j] = momentum * runningMean[j] + (1 - momentum) * forward.mean[j]
            out.runningVariance[j] = momentum * runningVariance[j] + (1 - momentum) * forward.variance[j]
        }
        return out
    }

    // MARK: Backward

    /// The gradients of a training-mode pass, with the intermediate ones a page prints.
    public struct Backward: Equatable, Sendable {
        /// ∂L/∂γ_j = Σ_i ∂L/∂y_ij · x̂_ij.
        public let gamma: [Double]
        /// ∂L/∂β_j = Σ_i ∂L/∂y_ij.
        public let beta: [Double]
        /// ∂L/∂x̂ = ∂L/∂y · γ.
        public let normalized: Matrix
        /// ∂L/∂σ²_j: every x̂ in the column depends on σ².
        public let variance: [Double]
        /// ∂L/∂μ_j: every x̂ depends on μ directly, and σ² depends on μ too (that part is 0).
        public let mean: [Double]
        /// ∂L/∂x: three paths, x̂ directly, through σ², and through μ.
        public let input: Matrix
    }

    /// Backward through a training-mode pass, given ∂L/∂y.
    ///
    /// Chain rule, written out. x̂ = (x − μ)·s with s = (σ² + ε)^(−1/2), σ² = Σ(x − μ)²/m, μ = Σx/m:
    /// ∂L/∂x̂ = g·γ;
    /// ∂L/∂σ² = Σ_i ∂L/∂x̂_i·(x_i − μ)·(−½)(σ² + ε)^(−3/2);
    /// ∂L/∂μ = Σ_i ∂L/∂x̂_i·(−s) + ∂L/∂σ²·Σ_i −2(x_i − μ)/m (the second sum is 0);
    /// ∂L/∂x_i = ∂L/∂x̂_i·s + ∂L/∂σ²·2(x_i − μ)/m + ∂L/∂μ/m.
    public func backward(_ forward: Forward, outputGradient g: Matrix) -> Backward {
        let x = forward.input
        precondition(g.rows == x.rows && g.columns == x.columns, "∂L/∂y must be \(x.rows)×\(x.columns)")
        let rows = x.rows, n = features, m = Double(x.rows)
        let xh = forward.normalized.values, xc = forward.centered.values, gv = g.values
        var dBeta = [Double](repeating: 0, count: n), dGamma = [Double](repeating: 0, count: n)
        var dNorm = gv
        for i in 0..<rows {
            for j in 0..<n {
                let k = i * n + j
                dBeta[j] += gv[k]
                dGamma[j] += gv[k] * xh[k]
                dNorm[k] = gv[k] * gamma[j]
            }
        }
        var dVar = [Double](repeating: 0, count: n)
        var dMean = [Double](repeating: 0, count: n)
        var sumCentered = [Double](repeating: 0, count: n)
        for i in 0..<rows {
            for j in 0..<n {
                let k = i * n + j, s = 1 / forward.standardDeviation[j]
                dVar[j] += dNorm[k] * xc[k] * (-0.5) * s * s * s
                dMean[j] += dNorm[k] * (-s)
                sumCentered[j] += -2 * xc[k] / m
            }
        }
        for j in 0..<n { dMean[j] += dVar[j] * sumCentered[j] }
        var dx = gv
        for i in 0..<rows {
            for j in 0..<n {
                let k = i * n + j
                dx[k] = dNorm[k] / forward.standardDeviation[j] + dVar[j] * 2 * xc[k] / m + dMean[j] / m
            }
        }
        let dNormalized = Matrix(rows: rows, columns: n, values: dNorm)
        let dInput = Matrix(rows: rows, columns: n, values: dx)
        return Backward(gamma: dGamma, beta: dBeta, normalized: dNormalized, variance: dVar, mean: dMean, input: dInput)
    }
}
