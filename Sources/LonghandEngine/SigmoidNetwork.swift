/// A fully connected network in which every neuron is a sigmoid, seen neuron by neuron as the by-hand
/// lessons name it: the network of source text `003` is `SigmoidNetwork(sizes: [2, 2, 1])`.
///
/// It is a view of a `Network` (every layer `.sigmoid`), not a second implementation: the forward and
/// backward passes are the dense network's, only indexed per neuron. `weights[l][j][i]` joins input i
/// of layer l to neuron j of that layer (entry (i, j) of that layer's W). The flat parameter order is
/// every weight (layer by layer, neuron by neuron, input by input) and then every bias (layer by
/// layer), which for the 2-2-1 network is exactly the article's w1, w2, w3, w4, w5, w6, b1, b2, b3.
public struct SigmoidNetwork: Equatable, Sendable, Model {
    /// The dense network underneath.
    public private(set) var network: Network

    /// A network with the given weights and biases; every neuron of a layer must take the same
    /// number of inputs, and that number must be the previous layer's size.
    public init(weights: [[[Double]]], biases: [[Double]]) {
        precondition(weights.count == biases.count && !weights.isEmpty, "one bias vector per layer")
        for l in weights.indices {
            precondition(weights[l].count == biases[l].count, "layer \(l): one bias per neuron")
            let inputs = l == 0 ? (weights[0].first?.count ?? 0) : weights[l - 1].count
            precondition(weights[l].allSatisfy { $0.count == inputs }, "layer \(l): every neuron needs \(inputs) weights")
        }
        network = Network(layers: weights.indices.map { l in
            Dense(weights: Matrix(rows: weights[l][0].count, columns: weights[l].count) { i, j in weights[l][j][i] },
                  bias: Matrix(row: biases[l]), activation: .sigmoid)
        })
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

    /// `weights[l][j][i]`: layer l, neuron j, input i.
    public var weights: [[[Double]]] { network.layers.map { d in (0..<d.outputCount).map { d.weights.column($0) } } }
    /// `biases[l][j]`: layer l, neuron j.
    public var biases: [[Double]] { network.layers.map(\.bias.values) }

    /// Layer sizes, inputs first: [2, 2, 1] for the article's network.
    public var sizes: [Int] { network.sizes }

    /// All weights (layer, neuron, input order) then all biases (layer, neuron order).
    public var parameters: [Double] {
        get { Self.neuronOrder(network.layers.map { ($0.weights, $0.bias) }) }
        set {
            precondition(newValue.count == parameterCount, "\(parameterCount) parameters needed, got \(newValue.count)")
            var k = 0
            var layers = network.layers
            for l in layers.indices {
                let (m, n) = (layers[l].weights.rows, layers[l].weights.columns)
                for j in 0..<n { for i in 0..<m { layers[l].weights[i, j] = newValue[k]; k += 1 } }
            }
            for l in layers.indices {
                for j in 0..<layers[l].bias.columns { layers[l].bias[0, j] = newValue[k]; k += 1 }
            }
            network = Network(layers: layers)
        }
    }

    /// Per-layer (W, b) pairs in the flat order: every W column by column (neuron by neuron), then every b.
    static func neuronOrder(_ layers: [(Matrix, Matrix)]) -> [Double] {
        layers.flatMap { w, _ in (0..<w.columns).flatMap { w.column($0) } } + layers.flatMap { $0.1.values }
    }

    public func with(parameters values: [Double]) -> SigmoidNetwork {
        var net = self
        net.parameters = values
        return net
    }

    /// Everything the forward pass computed for one input, kept for the backward pass.
    public struct Forward: Equatable, Sendable {
        /// The input x.
        public let input: [Double]
        /// `z[l][j]`: the weighted input of neuron j in layer l.
        public let z: [[Double]]
        /// `a[l][j] = σ(z[l][j])`: the neuron's output.
        public let a: [[Double]]
        /// The dense network's pass, for the backward pass.
        let pass: Network.Forward
        /// The network's output ŷ (the last layer's a).
        public var output: [Double] { a.last ?? [] }
        /// The outputs feeding layer l: the input for l = 0, else the previous layer's a.
        public func layerInput(_ l: Int) -> [Double] { l == 0 ? input : a[l - 1] }
    }

    /// Feeds x forward: z = w·(layer input) + b, a = σ(z), layer after layer.
    public func forward(_ x: [Double]) -> Forward {
        precondition(x.count == sizes[0], "the network takes \(sizes[0]) inputs, got \(x.count)")
        let pass = network.forward(Matrix(row: x))
        return Forward(input: x, z: pass.layers.map(\.z.values), a: pass.layers.map(\.output.values), pass: pass)
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

    /// Runs the chain rule backwards from ∂L/∂ŷ (the dense network's backward pass, read per neuron).
    /// Each layer uses the three local rules: ∂a/∂z = σ′(z) (equal to a(1 − a), but the dense layer takes it from z in the
    /// stable form, since 1 − a loses its digits once a is within 1e-8 of 1); ∂z/∂w_i = (input i);
    /// ∂z/∂(input i) = w_i. A quantity that feeds several neurons collects the sum of what each sends back.
    public func backward(_ pass: Forward, dOutput: [Double]) -> Backward {
        precondition(dOutput.count == pass.output.count, "one ∂L/∂ŷ per output")
        let back = network.backward(pass.pass, outputGradient: Matrix(row: dOutput))
        let L = back.layers.count
        let dA = (0..<L).map { l in l == L - 1 ? dOutput : back.layers[l + 1].inputGradient.values }
        return Backward(dA: dA, dZ: back.layers.map(\.delta.values),
                        dWeights: back.layers.map { b in (0..<b.gradient.weights.columns).map { b.gradient.weights.column($0) } },
                        dBiases: back.layers.map(\.gradient.bias.values), dInput: back.inputGradient.values)
    }

    /// The squared error of one example, Σ_k (y_k − ŷ_k)² (for one output, (y − ŷ)²): `SquaredError` with
    /// the `.sum` scaling.
    public static func squaredError(target: [Double], prediction: [Double]) -> Double {
        SquaredError.loss(yTrue: target, yPred: prediction, scaling: .sum)
    }

    /// ∂/∂ŷ of the squared error: −2(y − ŷ) for each output.
    public static func squaredErrorDerivative(target: [Double], prediction: [Double]) -> [Double] {
        SquaredError.gradient(yTrue: target, yPred: prediction, scaling: .sum)
    }

    /// The mean squared error (1/n) Σ (y − ŷ)² over n examples.
    public func meanSquaredError(inputs: [[Double]], targets: [[Double]]) -> Double {
        precondition(inputs.count == targets.count && !inputs.isEmpty, "one target per input")
        let total = zip(inputs, targets).reduce(0) { $0 + Self.squaredError(target: $1.1, prediction: predict($1.0)) }
        return total / Double(inputs.count)
    }

    /// The gradient of one example's squared error (y − ŷ)², in flat parameter order.
    public func gradient(input: [Double], target: [Double]) -> [Double] {
        evaluate(on: Example(input: input, target: target)).gradient
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

    // MARK: The model protocol

    /// One example and its target: the batch of per-sample SGD.
    public struct Example: Sendable {
        public let input: [Double]
        public let target: [Double]
        public init(input: [Double], target: [Double]) {
            self.input = input
            self.target = target
        }
    }

    /// One example's squared error (y − ŷ)² and its gradient in flat order.
    public func evaluate(on example: Example) -> PlainEvaluation {
        let pass = forward(example.input)
        let back = backward(pass, dOutput: Self.squaredErrorDerivative(target: example.target, prediction: pass.output))
        return PlainEvaluation(loss: Self.squaredError(target: example.target, prediction: pass.output), gradient: back.gradient)
    }

    public func loss(on example: Example) -> Double {
        Self.squaredError(target: example.target, prediction: predict(example.input))
    }
}
