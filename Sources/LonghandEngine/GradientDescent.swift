/// Plain (full-batch) gradient descent on any differentiable function: v ← v − η·∇f(v).
public enum GradientDescent {
    /// The points v₀ = start, v₁, …, v_steps. Stops early if a coordinate stops being finite
    /// (a diverging run), so a path never holds NaN.
    public static func path(from start: [Double], learningRate eta: Double, steps: Int,
                            gradient: ([Double]) -> [Double]) -> [[Double]] {
        precondition(steps >= 0, "steps must be ≥ 0")
        var points = [start]
        var v = start
        for _ in 0..<steps {
            let g = gradient(v)
            let next = zip(v, g).map { $0 - eta * $1 }
            guard next.allSatisfy(\.isFinite) else { break }
            v = next
            points.append(v)
        }
        return points
    }

    /// Only the last point of the path.
    public static func minimize(from start: [Double], learningRate eta: Double, steps: Int,
                                gradient: ([Double]) -> [Double]) -> [Double] {
        path(from: start, learningRate: eta, steps: max(0, steps), gradient: gradient).last!
    }
}
