/// Gradient clipping: a cap on how large a gradient may be before it is used for a step.
///
/// By value, every component is limited to [−c, c] (large components are cut to ±c, the
/// direction of the whole vector may change). By norm, a vector longer than c is scaled down
/// to length exactly c (the direction is kept). Either way a gradient under the cap is left
/// alone, and a clipped value never exceeds the cap: clipping caps, it does not subtract c.
public enum GradientClipping: Equatable, Sendable {
    /// Each component g_i becomes max(−c, min(c, g_i)).
    case value(threshold: Double)
    /// If ‖g‖ > c, g becomes g·c/‖g‖.
    case norm(threshold: Double)

    /// The threshold c.
    public var threshold: Double {
        switch self {
        case .value(let c), .norm(let c): return c
        }
    }

    /// The clipped gradient.
    public func apply(_ g: [Double]) -> [Double] {
        switch self {
        case .value(let c):
            precondition(c >= 0, "the threshold must not be negative")
            return g.map { max(-c, min(c, $0)) }
        case .norm(let c):
            precondition(c >= 0, "the threshold must not be negative")
            let length = GradientClipping.norm(g)
            guard length > c else { return g }
            let scale = c / length
            return g.map { $0 * scale }
        }
    }

    /// The Euclidean length √(Σ g_i²), scaled first so that huge components do not overflow.
    public static func norm(_ g: [Double]) -> Double {
        let largest = g.map(abs).max() ?? 0
        guard largest > 0, largest.isFinite else { return largest }
        let sum = g.reduce(0) { $0 + ($1 / largest) * ($1 / largest) }
        return largest * sum.squareRoot()
    }
}
