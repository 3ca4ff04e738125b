/// A fully connected network in which every neuron is a sigmoid, with its backward pass written out
/// by the chain rule (no autograd): the network of source text `003` is `SigmoidNetwork(sizes: [2, 2, 1])`.
///
/// Weights are stored neuron by neuron, as the texts name them: `weights[l][j][i]` joins input i of
/// layer l to neuron j of that layer. The flat parameter order is every weight (layer by layer,
/// neuron by neuron, input by input) and then every bias (layer by layer), which for the 2-2-1
/// network is exactly the article's w1, w2, w3, w4, w5, w6, b1, b2, b3.
public struct SigmoidNetwork: Equatable, Sendable {
    /// `weights[l][j][i]`: layer l, neuron j, input i.
    public var weights: [[[Double]]]
    /// `biases[l][j]`: layer l, neuron j.
    public var biases: [[Double]]

    /// A network with the given weights and biases; every neuron of a layer must take the same
    /// number of inputs, and that number must be the previous layer's size.
    public init(weights: [[[Double]]], biases: [[Double]]) {
        precondition(weights.count == biases.count && !weights.isEmpty, "one bias vector per layer")
        for l in weights.indices {
            precondition(weights[l].count == biases[l].count, "layer \(l): one bias per neuron")
            let inputs = l == 0 ? (weights[0].first?.count ?? 0) : weights[l - 1].count
            precondition(weights[l].allSatisfy { $0.count == inputs }, "layer \(l): every neuron needs \(inputs) weights")
        }
        self.weights = weights
        self.biases = biases
    }

    /// A network of the given layer sizes (inputs first) with every weight and every bias set to one value.
    public init(sizes: [Int], weight: Double, bias: Double) {
        precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 }, "need an input size and at least one layer")
        let w = (1..<sizes.count).map { l in Array(repeating: Array(repeating: weight, count: sizes[l - 1]), count: sizes[l]) }
        let b = (1..<sizes.count).map { l in Array(repeating: bias, count: sizes[l]) }
        self.init(weights: w, biases: b)
    }

    /// A network whose parameters, in flat order, are the given numbers.
    public init(sizes: [Int], parameters: [Double]) {
        var net = SigmoidNetwork(sizes: sizes, weight: 0, bias: 0)
        net.parameters = parameters
        self = net
    }

    /// A network whose parameters are drawn from N(0, 1) in flat order (all weights, then all biases),
    /// as the article's code draws w1 … w6 and then b1 … b3.
    public init(sizes: [Int], random: inout SeededRandom) {
        let count = SigmoidNetwork(sizes: sizes, weight: 0, bias: 0).parameterCount
        self.init(sizes: sizes, parameters: (0..<count).map { _ in random.normal() })
    }

    /// Layer sizes, inputs first: [2, 2, 1] for the article's network.
    public var sizes: [Int] { [weights[0].first?.count ?? 0] + weights.map(\.count) }

    /// Number of weights and biases.
    public var parameterCount: Int { weights.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } } + biases.reduce(0) { $0 + $1.count } }

    /// All weights (layer, neuron, input order) then all biases (layer, neuron order).
    public var parameters: [Double] {
        get { weights.flatMap { $0.flatMap { $0 } } + biases.flatMap { $0 } }
        set {
            precondition(newValue.count == parameterCount, "\(parameterCount) parameters needed, got \(newValue.count)")
            var k = 0
            for l in weights.indices { for j in weights[l].indices { for i in weights[l][j].indices { weights[l][j][i] = newValue[k]; k += 1 } } }
            for l in biases.indices { for j in biases[l].indices { biases[l][j] = newValue[k]; k += 1 } }
        }
    }

    /// Everything the forward pass computed for one input, kept for the backward pass.
    public struct Forward: Equatable, Sendable {
        /// The input x.
        public let input: [Double]
        /// `z[l][j]`: the weighted input of neuron j in layer l.
        public let z: [[Double]]
        /// `a[l][j] = σ(z[l][j])`: the neuron's output.
        public let a: [[Double]]
        /// The network's output ŷ (the last layer's a).
        public var output: [Double] { a.last ?? [] }
        /// The outputs feeding layer l: the input for l = 0, else the previous layer's a.
        public func layerInput(_ l: Int) -> [Double] { l == 0 ? input : a[l - 1] }
    }

    /// Feeds x forward: z = w·(layer input) + b, a = σ(z), layer after layer.
    public func forward(_ x: [Double]) -> Forward {
        precondition(x.count == sizes[0], "the network takes \(sizes[0]) inputs, got \(x.count)")
        var zs: [[Double]] = [], activations: [[Double]] = []
        var current = x
        for l in weights.indices {
            let z = weights[l].indices.map { j in WeightedSum(weights: weights[l][j], inputs: current, bias: biases[l][j]).value }
            let a = z.map(Activation.sigmoid)
            zs.append(z)
            activations.append(a)
            current = a
        }
        return Forward(input: x, z: zs, a: activations)
    }

    /// The prediction ŷ for one input.
    public func predict(_ x: [Double]) -> [Double] { forward(x).output }

    /// The partial derivatives of a loss with respect to everything in one forward pass.
    public struct Backward: Equatable, Sendable {
        /// ∂L/∂a[l][j], starting from the given ∂L/∂ŷ at the last layer.
        public let dA: [[Double]]
        /// ∂L/∂z[l][j] = ∂L/∂a · σ′(z), the "error" δ of each neuron.
        public let dZ: [[Double]]
        /// ∂L/∂w[l][j][i] = δ[l][j] · (layer input)[i].
        public let dWeights: [[[Double]]]
        /// ∂L/∂b[l][j] = δ[l][j].
        public let dBiases: [[Double]]
        /// ∂L/∂x: how the loss would change with the inputs.
        public let dInput: [Double]
        /// The gradient in the network's flat parameter order.
        public var gradient: [Double] { dWeights.flatMap { $0.flatMap { $0 } } + dBiases.flatMap { $0 } }
    }

    /// Runs the chain rule backwards from ∂L/∂ŷ. Each layer uses the three local rules:
    /// ∂a/∂z = σ′(z) (equal to a(1 − a), but taken from z in the stable form); ∂z/∂w_i = (input i); ∂z/∂(input i) = w_i. A quantity that feeds
    /// several neurons collects the sum of what each sends back.
    public func backward(_ pass: Forward, dOutput: [Double]) -> Backward {
        precondition(dOutput.count == pass.output.count, "one ∂L/∂ŷ per output")
        let layers = weights.count
        var dA = [[Double]](repeating: [], count: layers)
        var dZ = [[Double]](repeating: [], count: layers)
        var dW = [[[Double]]](repeating: [], count: layers)
        var dB = [[Double]](repeating: [], count: layers)
        var upstream = dOutput
        for l in stride(from: layers - 1, through: 0, by: -1) {
            dA[l] = upstream
            // σ′ from z, not a(1 − a): once a is within 1e-8 of 1, 1 − a has lost half its digits.
            dZ[l] = zip(upstream, pass.z[l]).map { $0 * Activation.sigmoidDerivative($1) }
            let input = pass.layerInput(l)
            dW[l] = dZ[l].map { delta in input.map { delta * $0 } }
            dB[l] = dZ[l]
            upstream = input.indices.map { i in weights[l].indices.reduce(0) { $0 + weights[l][$1][i] * dZ[l][$1] } }
        }
        return Backward(dA: dA, dZ: dZ, dWeights: dW, dBiases: dB, dInput: upstream)
    }

    /// The squared error of one example, Σ_k (y_k − ŷ_k)² (for one output, (y − ŷ)²).
    public static func squaredError(target: [Double], prediction: [Double]) -> Double {
        zip(target, prediction).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    }

    /// ∂/∂ŷ of the squared error: −2(y − ŷ) for each output.
    public static func squaredErrorDerivative(target: [Double], prediction: [Double]) -> [Double] {
        zip(target, prediction).map { -2 * ($0 - $1) }
    }

    /// The mean squared error (1/n) Σ (y − ŷ)² over n examples.
    public func meanSquaredError(inputs: [[Double]], targets: [[Double]]) -> Double {
        precondition(inputs.count == targets.count && !inputs.isEmpty, "one target per input")
        let total = zip(inputs, targets).reduce(0) { $0 + Self.squaredError(target: $1.1, prediction: predict($1.0)) }
        return total / Double(inputs.count)
    }

    /// The gradient of one example's squared error (y − ŷ)², in flat parameter order.
    public func gradient(input: [Double], target: [Double]) -> [Double] {
        let pass = forward(input)
        return backward(pass, dOutput: Self.squaredErrorDerivative(target: target, prediction: pass.output)).gradient
    }

    /// The gradient of the mean squared error over n examples: the mean of the examples' gradients.
    public func gradient(inputs: [[Double]], targets: [[Double]]) -> [Double] {
        precondition(inputs.count == targets.count && !inputs.isEmpty, "one target per input")
        var sum = [Double](repeating: 0, count: parameterCount)
        for (x, y) in zip(inputs, targets) {
            for (k, g) in gradient(input: x, target: y).enumerated() { sum[k] += g }
        }
        return sum.map { $0 / Double(inputs.count) }
    }
}
