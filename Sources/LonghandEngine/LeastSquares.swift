/// Linear least squares: the coefficients β that minimise J(β) = (1/n)·‖Xβ − y‖², found two ways —
/// by the normal equations XᵀX·β = Xᵀy (solved with Cholesky) and by gradient descent on J.
///
/// The design matrix X has one row per sample; a model with an intercept has a leading column of ones.
public struct LeastSquares: Equatable, Sendable {
    /// X: n samples × p features.
    public let design: Matrix
    /// y: one target per sample.
    public let targets: [Double]
    /// Xᵀ, made once for the normal equations.
    let designTransposed: Matrix

    /// A problem with at least one sample per coefficient.
    public init(design: Matrix, targets: [Double]) {
        precondition(design.rows == targets.count, "one target per row of X")
        precondition(design.rows >= design.columns, "needs at least as many samples as coefficients")
        self.design = design
        self.targets = targets
        designTransposed = design.transposed
    }

    /// A design matrix with a leading 1 (the intercept β₀) before each sample's features.
    public static func designMatrix(features: [[Double]]) -> Matrix { Matrix(features.map { [1] + $0 }) }

    /// Number of samples n.
    public var sampleCount: Int { design.rows }

    /// XᵀX, the left side of the normal equations.
    public var normalMatrix: Matrix { designTransposed * design }

    /// Xᵀy, the right side of the normal equations.
    public var normalVector: [Double] { (designTransposed * Matrix(column: targets)).values }

    /// The predictions Xβ.
    public func predictions(_ beta: [Double]) -> [Double] { (design * Matrix(column: beta)).values }

    /// J(β) = (1/n) Σ (xᵢ·β − yᵢ)², the mean squared error.
    public func cost(_ beta: [Double]) -> Double {
        zip(predictions(beta), targets).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(sampleCount)
    }

    /// ∇J(β) = (2/n)·Xᵀ(Xβ − y).
    public func gradient(_ beta: [Double]) -> [Double] {
        // The two products Xβ and Xᵀr written as loops, in the order (and with the skipped zero
        // entries) of `Matrix.multiplied`, so the result is bit for bit the matrix form's: the
        // lessons take thousands of steps, and the matrices allocated per step dominated them.
        let n = design.rows, p = design.columns
        precondition(beta.count == p, "one coefficient per column of X")
        var residuals = [Double](repeating: 0, count: n)
        var g = [Double](repeating: 0, count: p)
        design.values.withUnsafeBufferPointer { x in
            for i in 0..<n {
                var prediction = 0.0
                for k in 0..<p where x[i * p + k] != 0 { prediction += x[i * p + k] * beta[k] }
                residuals[i] = prediction - targets[i]
            }
            for j in 0..<p {
                for i in 0..<n where x[i * p + j] != 0 { g[j] += x[i * p + j] * residuals[i] }
            }
        }
        return g.map { 2 * $0 / Double(n) }
    }

    /// The Hessian (2/n)·XᵀX: J is a bowl whose curvatures are this matrix's eigenvalues.
    public var hessian: Matrix { (2 / Double(sampleCount)) * normalMatrix }

    /// λmax of the Hessian; gradient descent on J converges for every start iff η < 2/λmax.
    public var largestCurvature: Double { PowerIteration.largestEigenvalue(hessian) }

    /// The exact minimiser by the normal equations, with the factorisation for display; nil when
    /// XᵀX is singular (dependent features).
    public func closedForm() -> (beta: [Double], factor: Cholesky, intermediate: [Double])? {
        guard let factor = Cholesky(normalMatrix) else { return nil }
        let z = factor.forwardSubstitution(normalVector)
        return (factor.backSubstitution(z), factor, z)
    }

    /// The iterates β₀, β₁, … of gradient descent on J.
    public func gradientDescentPath(from start: [Double], learningRate eta: Double, steps: Int) -> [[Double]] {
        GradientDescent.path(from: start, learningRate: eta, steps: steps, gradient: gradient)
    }

    /// The last iterate of gradient descent on J.
    public func gradientDescent(from start: [Double], learningRate eta: Double, steps: Int) -> [Double] {
        GradientDescent.minimize(from: start, learningRate: eta, steps: steps, gradient: gradient)
    }
}
