/// The Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix, and the two
/// triangular solves that turn it into the solution of A·x = b (the normal equations of least squares).
public struct Cholesky: Equatable, Sendable {
    /// The lower-triangular factor L (zeros above the diagonal).
    public let lower: Matrix

    /// Factors a symmetric matrix; nil when it is not positive definite (for normal equations:
    /// when the features are linearly dependent, so the least-squares answer is not unique).
    public init?(_ a: Matrix) {
        precondition(a.rows == a.columns, "Cholesky needs a square matrix")
        let n = a.rows
        var l = Matrix(rows: n, columns: n)
        for j in 0..<n {
            var d = a[j, j]
            for k in 0..<j { d -= l[j, k] * l[j, k] }
            // A pivot that is not clearly positive means A is singular or indefinite; the scale
            // keeps the test meaningful whatever the units of the data.
            guard d > 1e-12 * max(1, abs(a[j, j])) else { return nil }
            let ljj = d.squareRoot()
            l[j, j] = ljj
            for i in (j + 1)..<max(j + 1, n) {
                var s = a[i, j]
                for k in 0..<j { s -= l[i, k] * l[j, k] }
                l[i, j] = s / ljj
            }
        }
        lower = l
    }

    /// Solves L·z = b from the top row down.
    public func forwardSubstitution(_ b: [Double]) -> [Double] {
        let n = lower.rows
        precondition(b.count == n, "right-hand side needs \(n) entries")
        var z = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var s = b[i]
            for k in 0..<i { s -= lower[i, k] * z[k] }
            z[i] = s / lower[i, i]
        }
        return z
    }

    /// Solves Lᵀ·x = z from the bottom row up.
    public func backSubstitution(_ z: [Double]) -> [Double] {
        let n = lower.rows
        precondition(z.count == n, "right-hand side needs \(n) entries")
        var x = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = z[i]
            for k in (i + 1)..<max(i + 1, n) { s -= lower[k, i] * x[k] }
            x[i] = s / lower[i, i]
        }
        return x
    }

    /// x with A·x = b.
    public func solve(_ b: [Double]) -> [Double] { backSubstitution(forwardSubstitution(b)) }
}
