/// Gradient descent with momentum: a velocity that keeps a fraction β of itself each step and gathers −η·g.
///
/// v ← β·v − η·g, then θ ← θ + v (Polyak's heavy ball, as Sutskever et al. 2013 write it).
/// Components of g that keep their sign add up (up to 1/(1 − β) times a single step); components
/// that flip sign each step cancel, which damps the zig-zag across a narrow valley.
/// TensorFlow and PyTorch store u = −v/η instead; with a constant η the steps are identical.
public struct MomentumOptimizer: Optimizer, Equatable {
    /// The learning rate η.
    public var learningRate: Double
    /// The momentum β: the fraction of the velocity kept each step (0 gives plain gradient descent).
    public var momentum: Double
    /// The velocity v, one entry per parameter (empty until the first step).
    public private(set) var velocity: [Double] = []

    public init(learningRate: Double, momentum: Double = 0.9) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    public mutating func step(_ params: inout [Double], _ grads: [Double]) {
        precondition(params.count == grads.count, "one gradient per parameter")
        if velocity.isEmpty { velocity = Array(repeating: 0, count: params.count) }
        for i in params.indices {
            velocity[i] = momentum * velocity[i] - learningRate * grads[i]
            params[i] += velocity[i]
        }
    }
}
