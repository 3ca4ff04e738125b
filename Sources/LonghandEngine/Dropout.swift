/// Inverted dropout: in training each unit is kept with probability `keep` (dropped with probability
/// 1 − keep) and the survivors are scaled by 1/keep; at prediction the layer passes everything through.
///
/// Why the scaling: a unit kept with probability q and multiplied by 1/q has the same expected
/// output as the plain unit, q·a/q = a, so the next layer sees inputs of the same size in training
/// and prediction and the trained weights need no correction afterwards. (The original formulation
/// leaves training unscaled and multiplies by q at prediction instead; the expected values are the same.)
/// The engine names the probability `keep` everywhere (`LayerStack.Piece.dropout(keep:)`, `RegularizedTraining`),
/// and this is the one place a mask is drawn.
public struct Dropout: Equatable, Sendable {
    /// The probability of keeping a unit, in (0, 1].
    public let keep: Double

    /// Dropout keeping each unit with probability `keep` (0 < keep ≤ 1; 1 keeps every unit).
    public init(keep: Double) {
        precondition(keep > 0 && keep <= 1, "the keep probability must be in (0, 1]")
        self.keep = keep
    }

    /// 1/keep, the factor a kept unit is multiplied by in training.
    public var scale: Double { 1 / keep }

    /// A mask of the given shape drawn from `random`, one uniform number per entry in row-major
    /// order: 0 where the number is below 1 − keep (dropped), 1/keep elsewhere (kept and scaled).
    public func mask(rows: Int, columns: Int, using random: inout SeededRandom) -> Matrix {
        let s = scale, drop = 1 - keep
        return Matrix(rows: rows, columns: columns) { _, _ in random.uniform() < drop ? 0 : s }
    }

    /// Training mode: ã = a ⊙ mask.
    public func forward(_ a: Matrix, mask: Matrix) -> Matrix { a.hadamard(mask) }

    /// The backward rule: since ã = a ⊙ mask, ∂L/∂a = ∂L/∂ã ⊙ mask (a dropped unit gets no gradient,
    /// a kept one gets its gradient times 1/keep).
    public func backward(_ gradient: Matrix, mask: Matrix) -> Matrix { gradient.hadamard(mask) }

    /// Prediction mode: every unit is used, nothing is scaled.
    public func predict(_ a: Matrix) -> Matrix { a }
}
