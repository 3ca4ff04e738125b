/// Inverted dropout: in training each unit is dropped with probability p and the survivors are
/// scaled by 1/(1 − p); at prediction the layer passes everything through unchanged.
///
/// Why the scaling: a unit kept with probability 1 − p and multiplied by 1/(1 − p) has the same
/// expected output as the plain unit, (1 − p)·a/(1 − p) = a, so the next layer sees inputs of the
/// same size in training and prediction and the trained weights need no correction afterwards.
/// (The original formulation leaves training unscaled and multiplies by the keep probability
/// 1 − p at prediction instead; the expected values are the same.)
public struct Dropout: Equatable, Sendable {
    /// p, the probability of dropping a unit, in [0, 1).
    public let rate: Double

    /// Dropout with drop probability `rate` (0 ≤ rate < 1; 0 keeps every unit).
    public init(rate: Double) {
        precondition(rate >= 0 && rate < 1, "the dropout rate must be in [0, 1)")
        self.rate = rate
    }

    /// 1/(1 − p), the factor a kept unit is multiplied by in training.
    public var scale: Double { 1 / (1 - rate) }

    /// A mask of the given shape drawn from `random`, one uniform number per entry in row-major
    /// order: 0 where the number is below p (dropped), 1/(1 − p) elsewhere (kept and scaled).
    public func mask(rows: Int, columns: Int, using random: inout SeededRandom) -> Matrix {
        let s = scale
        return Matrix(rows: rows, columns: columns) { _, _ in random.uniform() < rate ? 0 : s }
    }

    /// Training mode: ã = a ⊙ mask.
    public func forward(_ a: Matrix, mask: Matrix) -> Matrix { a.hadamard(mask) }

    /// The backward rule: since ã = a ⊙ mask, ∂L/∂a = ∂L/∂ã ⊙ mask (a dropped unit gets no gradient,
    /// a kept one gets its gradient times 1/(1 − p)).
    public func backward(_ gradient: Matrix, mask: Matrix) -> Matrix { gradient.hadamard(mask) }

    /// Prediction mode: every unit is used, nothing is scaled.
    public func predict(_ a: Matrix) -> Matrix { a }
}
