/// Cross-entropy loss −Σ_k t_k·ln p_k between a target distribution t and predicted probabilities p.
///
/// Logarithms are natural (ln). With a one-hot target (1 for the true class, 0 elsewhere) the sum
/// keeps one term: −ln p_true. From scores it is computed as ln Σ e^(s_j) − s_true, which stays
/// finite where forming p first would give −ln 0 = ∞.
public enum CrossEntropy {
    /// The one-hot vector of length `count` with a 1 at `index` (0-based).
    public static func oneHot(_ index: Int, count: Int) -> [Double] {
        precondition(index >= 0 && index < count, "class \(index) outside 0..<\(count)")
        return (0..<count).map { $0 == index ? 1 : 0 }
    }

    /// −ln p: the loss when the true class was given probability p.
    public static func ofProbability(_ p: Double) -> Double { -Double.log(p) }

    /// −log₁₀ p: the same idea with common logarithms, only for comparing with texts that use them
    /// (it is ln-based loss divided by ln 10 ≈ 2.3026).
    public static func ofProbabilityBase10(_ p: Double) -> Double { -Double.log10(p) }

    /// Each term −t_k·ln p_k; a term with t_k = 0 is 0 (0·ln 0 is taken as 0).
    public static func terms(probabilities p: [Double], target t: [Double]) -> [Double] {
        precondition(p.count == t.count, "need one target per probability")
        return zip(p, t).map { p, t in t == 0 ? 0 : -t * Double.log(p) }
    }

    /// −Σ_k t_k·ln p_k from probabilities.
    public static func loss(probabilities p: [Double], target t: [Double]) -> Double {
        terms(probabilities: p, target: t).reduce(0, +)
    }

    /// −Σ_k t_k·ln softmax(s)_k from scores, through the stable log-softmax.
    public static func loss(scores s: [Double], target t: [Double]) -> Double {
        precondition(s.count == t.count, "need one target per score")
        let logp = Softmax.logProbabilities(s)
        return zip(logp, t).reduce(0) { $0 - ($1.1 == 0 ? 0 : $1.1 * $1.0) }
    }

    /// −ln softmax(s)_y for true class y (0-based).
    public static func loss(scores s: [Double], trueClass y: Int) -> Double {
        let steps = Softmax.steps(s)
        return Softmax.logOfSum(steps) - steps.shifted[y]
    }

    /// ∂L/∂s_j = (Σt)·p_j − t_j, which is p − t for a one-hot (or any summing-to-1) target.
    public static func gradient(scores s: [Double], target t: [Double]) -> [Double] {
        let p = Softmax.probabilities(s)
        let total = t.reduce(0, +)
        return zip(p, t).map { total * $0 - $1 }
    }
}
