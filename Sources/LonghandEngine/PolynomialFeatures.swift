/// Polynomial feature expansion x ↦ (1, x, x², …, x^d): a curve fit becomes a linear least-squares
/// problem in the coefficients, so the same normal equations and gradient descent apply.
public struct PolynomialFeatures: Equatable, Sendable {
    /// The highest power d.
    public let degree: Int

    /// Features up to x^degree (degree ≥ 1).
    public init(degree: Int) {
        precondition(degree >= 1, "degree must be at least 1")
        self.degree = degree
    }

    /// (1, x, x², …, x^d), each power computed by repeated multiplication.
    public func expand(_ x: Double) -> [Double] {
        var out = [1.0]
        for _ in 0..<degree { out.append(out.last! * x) }
        return out
    }

    /// The design matrix with one row (1, x, …, x^d) per sample.
    public func designMatrix(_ xs: [Double]) -> Matrix { Matrix(xs.map(expand)) }

    /// β₀ + β₁x + … + β_d·x^d.
    public func evaluate(_ coefficients: [Double], at x: Double) -> Double {
        precondition(coefficients.count == degree + 1, "needs \(degree + 1) coefficients")
        return zip(coefficients, expand(x)).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
