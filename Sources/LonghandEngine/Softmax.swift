/// Softmax turns k scores into k probabilities: p_k = e^(s_k) / Σ_j e^(s_j).
///
/// Subtracting the largest score m first changes nothing mathematically (e^(−m) cancels in the
/// quotient) but keeps every exponent ≤ 0, so e^(s − m) never overflows even for scores of 1000.
public enum Softmax {
    /// The three steps of the text (`002`): exponentials, their sum, the quotients.
    public struct Steps: Equatable, Sendable {
        /// The amount subtracted from every score (the largest score, or 0 for the raw formula).
        public let shift: Double
        /// s_k − shift.
        public let shifted: [Double]
        /// e^(s_k − shift).
        public let exponentials: [Double]
        /// Σ_k e^(s_k − shift).
        public let sum: Double
        /// e^(s_k − shift) / sum.
        public let probabilities: [Double]
    }

    /// The worked steps; with `subtractingMax: false` they follow the raw formula, which
    /// overflows to inf/inf = NaN once a score passes about 709.
    public static func steps(_ scores: [Double], subtractingMax: Bool = true) -> Steps {
        precondition(!scores.isEmpty, "softmax of no scores")
        let shift = subtractingMax ? scores.max()! : 0
        let shifted = scores.map { $0 - shift }
        let exps = shifted.map(Double.exp)
        let sum = exps.reduce(0, +)
        return Steps(shift: shift, shifted: shifted, exponentials: exps, sum: sum, probabilities: exps.map { $0 / sum })
    }

    /// p_k, computed stably.
    public static func probabilities(_ scores: [Double]) -> [Double] { steps(scores).probabilities }

    /// ln Σ_j e^(s_j) = m + ln Σ_j e^(s_j − m): finite for any finite scores.
    public static func logSumExp(_ scores: [Double]) -> Double {
        let s = steps(scores)
        return s.shift + logOfSum(s)
    }

    /// ln p_k = (s_k − m) − ln Σ_j e^(s_j − m), without ever forming p_k (which may underflow to 0).
    ///
    /// Both parts are taken relative to the largest score m: written s_k − (m + ln Σ) instead, a sure class
    /// (scores 30 and 0) loses its loss to cancellation, 30 − 30.0000000000000924 = 9.24×10⁻¹⁴ against the true
    /// ln(1 + e⁻³⁰) = 9.36×10⁻¹⁴.
    public static func logProbabilities(_ scores: [Double]) -> [Double] {
        let s = steps(scores), lnSum = logOfSum(s)
        return s.shifted.map { $0 - lnSum }
    }

    /// ln Σ_j e^(s_j − m) as ln(1 + the other terms): the largest score's term is e⁰ = 1, and when the others are
    /// tiny, 1 + them rounded to a double would keep only their first few digits.
    public static func logOfSum(_ s: Steps) -> Double {
        otherTerms(s).map(Double.log1p) ?? Double.log(s.sum)
    }

    /// Σ e^(s_j − m) over every score but the (first) largest, whose term is e⁰ = 1: the sum minus 1, with all its
    /// digits (1 − p of the largest class is this over the sum). nil when no shifted score is 0 (a score not finite).
    public static func otherTerms(_ s: Steps) -> Double? {
        guard let top = s.shifted.firstIndex(of: 0) else { return nil }
        return s.exponentials.indices.reduce(0.0) { $1 == top ? $0 : $0 + s.exponentials[$1] }
    }

    /// ∂p_i/∂s_j = p_i(δ_ij − p_j).
    public static func jacobian(_ scores: [Double]) -> [[Double]] {
        let p = probabilities(scores)
        return p.indices.map { i in p.indices.map { j in p[i] * ((i == j ? 1 : 0) - p[j]) } }
    }
}
