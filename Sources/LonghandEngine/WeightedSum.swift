/// A neuron's weighted input z = Σ wj·xj + b, kept with its terms so a page can show every product.
public struct WeightedSum: Equatable, Sendable {
    /// The weights w1…wn.
    public let weights: [Double]
    /// The inputs x1…xn.
    public let inputs: [Double]
    /// The bias b (0 when the neuron has none).
    public let bias: Double

    /// Pairs a weight with an input; both arrays must have the same length.
    public init(weights: [Double], inputs: [Double], bias: Double = 0) {
        precondition(weights.count == inputs.count, "\(weights.count) weights for \(inputs.count) inputs")
        self.weights = weights
        self.inputs = inputs
        self.bias = bias
    }

    /// Each product wj·xj.
    public var products: [Double] { zip(weights, inputs).map { $0 * $1 } }

    /// z = Σ wj·xj + b, summed left to right as a learner would.
    public var value: Double { products.reduce(0, +) + bias }
}

/// One neuron: a weighted sum followed by an activation.
public struct Neuron: Equatable, Sendable {
    public var weights: [Double]
    public var bias: Double
    public var activation: Activation

    /// A neuron with the given weights, bias and activation.
    public init(weights: [Double], bias: Double, activation: Activation) {
        self.weights = weights
        self.bias = bias
        self.activation = activation
    }

    /// The weighted input for these inputs.
    public func weightedSum(_ inputs: [Double]) -> WeightedSum {
        WeightedSum(weights: weights, inputs: inputs, bias: bias)
    }

    /// f(z) for these inputs.
    public func output(_ inputs: [Double]) -> Double {
        activation.apply(weightedSum(inputs).value)
    }
}
