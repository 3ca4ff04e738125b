/// The one rule every training loop uses to decide that a run has diverged and must stop.
///
/// A step has diverged when its loss or any component of its gradient is not a finite number, or
/// when its loss exceeds `lossLimit` (10¹²). The limit is absolute because the lessons' losses are
/// small and well scaled (a fresh 10-class network's cross-entropy is ln 10 ≈ 2.3, the bowl of the
/// optimizers lesson starts at 66): a loss past 10¹² is not a detour but a run on its way to
/// overflow, and stopping there keeps every number a page prints finite. A rule relative to the
/// starting loss would stop runs that only climb for a while (momentum overshooting a bowl, a deep
/// network's first steps) and then settle.
public enum Divergence {
    /// A loss above this counts as diverged.
    public static let lossLimit = 1e12

    /// True when a loss is not finite or beyond `lossLimit`.
    public static func isDiverged(loss: Double) -> Bool {
        !loss.isFinite || loss > lossLimit
    }

    /// True when the loss has diverged or any gradient component is not finite.
    public static func isDiverged(loss: Double, gradient: [Double]) -> Bool {
        isDiverged(loss: loss) || !gradient.allSatisfy(\.isFinite)
    }
}
