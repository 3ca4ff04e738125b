/// The L2 weight penalty R(W) = Σ_k Σ_l W_kl², added to a loss as λ·R(W) to discourage large weights.
public enum L2Penalty {
    /// Each W_kl², row by row.
    public static func squares(_ w: Matrix) -> [Double] { w.values.map { $0 * $0 } }

    /// R(W) = Σ W_kl².
    public static func value(_ w: Matrix) -> Double { squares(w).reduce(0, +) }

    /// ∂(λ·R)/∂W = 2λW.
    public static func gradient(_ w: Matrix, lambda: Double) -> Matrix { (2 * lambda) * w }
}
