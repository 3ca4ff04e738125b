/// A rule that turns the current gradient (and whatever the rule remembers) into a change of the parameters.
///
/// Parameters and gradients are flat lists, in the same order (e.g. `Network.parameters`), so
/// one optimizer works for a two-variable bowl and for a whole network alike.
public protocol Optimizer: Sendable {
    /// Moves `params` one step, given the gradient `grads` of the loss at `params`.
    mutating func step(_ params: inout [Double], _ grads: [Double])
}

/// Plain gradient descent (TensorFlow's GradientDescentOptimizer): θ ← θ − η·g. It remembers nothing.
public struct GradientDescentOptimizer: Optimizer, Equatable {
    /// The learning rate η.
    public var learningRate: Double

    public init(learningRate: Double) {
        self.learningRate = learningRate
    }

    public mutating func step(_ params: inout [Double], _ grads: [Double]) {
        precondition(params.count == grads.count, "one gradient per parameter")
        for i in params.indices { params[i] -= learningRate * grads[i] }
    }
}
