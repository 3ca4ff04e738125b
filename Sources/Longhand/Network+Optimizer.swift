extension Network {
    /// A training run driven by an `Optimizer`, optionally clipping each gradient first.
    public struct OptimizedTraining: Equatable, Sendable {
        public let network: Network
        /// losses[i] is the loss after i steps (the last entry is the final loss).
        public let losses: [Double]
        /// ‖g‖ of each step's gradient before clipping.
        public let gradientNorms: [Double]
        /// The step at which the loss stopped being finite or passed the limit, if it did; the run stops there.
        public let divergedAt: Int?
        public var finalLoss: Double { losses[losses.count - 1] }
    }

    /// Full-batch training: each step one forward and backward pass, the gradient (every layer's,
    /// in `parameters` order) clipped if asked, then `optimizer` moves every parameter at once.
    /// Stops at the first step whose loss or gradient is not finite or whose loss exceeds `limit`.
    public func trained<O: Optimizer>(on x: Matrix, _ objective: Objective, optimizer: O, iterations: Int,
                                      clipping: GradientClipping? = nil, limit: Double = 1e12) -> OptimizedTraining {
        var net = self
        var opt = optimizer
        var losses: [Double] = []
        var norms: [Double] = []
        for t in 0...max(0, iterations) {
            let e = net.evaluate(x, objective)
            let g = e.gradients.flatMap(\.flattened)
            guard e.loss.isFinite, e.loss <= limit, g.allSatisfy(\.isFinite) else {
                return OptimizedTraining(network: net, losses: losses, gradientNorms: norms, divergedAt: t)
            }
            losses.append(e.loss)
            if t == iterations { break }
            norms.append(GradientClipping.norm(g))
            var p = net.parameters
            opt.step(&p, clipping?.apply(g) ?? g)
            net = net.with(parameters: p)
        }
        return OptimizedTraining(network: net, losses: losses, gradientNorms: norms, divergedAt: nil)
    }
}
