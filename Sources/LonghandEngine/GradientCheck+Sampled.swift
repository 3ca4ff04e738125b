/// Central differences on a chosen subset of a network's parameters.
///
/// A full check costs two loss evaluations per parameter, each a forward pass over every parameter:
/// quadratic in the parameter count (500 s for the 81 804 parameters of a 2-200-200-200-4 network).
/// Checking a seeded sample keeps the cost linear, and a wrong gradient formula shows up in any
/// sample of a layer's entries, because it is wrong for whole rows, columns or layers at once.
extension GradientCheck {
    /// `count` distinct indices below `total`, drawn with `seed` and sorted; all of 0..<total when
    /// count ≥ total.
    public static func sample(count: Int, of total: Int, seed: UInt64) -> [Int] {
        guard count < total else { return Array(0..<total) }
        var random = SeededRandom(seed: seed)
        return Array(random.permutation(total).prefix(max(0, count))).sorted()
    }
}

extension Network {
    /// Backpropagation against central differences for the parameters at `indices` (positions in
    /// `parameters`), in that order.
    public func gradientCheck(_ x: Matrix, _ objective: Objective, at indices: [Int],
                              step h: Double = GradientCheck.defaultStep) -> [GradientCheck.Entry] {
        let analytic = evaluate(x, objective).gradients.flatMap(\.flattened)
        let theta = parameters
        return indices.map { i in
            var plus = theta, minus = theta
            plus[i] += h
            minus[i] -= h
            let numeric = (with(parameters: plus).loss(x, objective) - with(parameters: minus).loss(x, objective)) / (2 * h)
            return GradientCheck.Entry(analytic: analytic[i], numeric: numeric)
        }
    }
}
