/// The largest eigenvalue of a symmetric positive semi-definite matrix by power iteration: the
/// curvature that limits gradient descent's learning rate on a quadratic cost (η < 2/λmax).
public enum PowerIteration {
    /// λmax of a symmetric PSD matrix. Starts from the all-ones vector (deterministic) and
    /// returns the Rayleigh quotient after `iterations` multiplications or on convergence.
    public static func largestEigenvalue(_ a: Matrix, iterations: Int = 2000) -> Double {
        precondition(a.rows == a.columns && a.rows > 0, "needs a square matrix")
        var v = Matrix(column: Array(repeating: 1 / Double(a.rows).squareRoot(), count: a.rows))
        var lambda = 0.0
        for _ in 0..<iterations {
            let w = a * v
            let norm = w.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm == 0 { return 0 }
            let next = (1 / norm) * w
            // Rayleigh quotient vᵀAv of the normalised vector.
            let rq = zip(next.values, (a * next).values).reduce(0) { $0 + $1.0 * $1.1 }
            v = next
            if abs(rq - lambda) <= 1e-15 * max(1, abs(rq)) { return rq }
            lambda = rq
        }
        return lambda
    }
}
