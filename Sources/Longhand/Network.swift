/// A multi-layer network: dense layers applied one after another, with a backward pass through all of them.
///
/// Row-vector convention throughout: a batch X has one example per row, each layer computes
/// Z = A·W + b with W of shape inputs × outputs. Any depth and any `Activation` per layer.
public struct Network: Equatable, Sendable {
    public var layers: [Dense]

    /// A network from layers whose sizes chain (each layer's inputs = the previous layer's outputs).
    public init(layers: [Dense]) {
        precondition(!layers.isEmpty, "a network needs at least one layer")
        for (a, b) in zip(layers, layers.dropFirst()) {
            precondition(a.outputCount == b.inputCount, "layer sizes do not chain: \(a.outputCount) outputs into \(b.inputCount) inputs")
        }
        self.layers = layers
    }

    /// A network with layer sizes `sizes` (inputs first, e.g. [2, 3, 2]), weights drawn by
    /// `initializer` layer by layer from `random`, biases 0. Hidden layers use `hidden`, the
    /// last layer `output`.
    public init(sizes: [Int], hidden: Activation, output: Activation, initializer: Initializer,
                using random: inout SeededRandom) {
        precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 }, "sizes need an input and at least one layer, all positive")
        var layers: [Dense] = []
        for l in 1..<sizes.count {
            let w = initializer.weights(inputs: sizes[l - 1], outputs: sizes[l], using: &random)
            layers.append(Dense(weights: w, bias: Matrix(rows: 1, columns: sizes[l]),
                                activation: l == sizes.count - 1 ? output : hidden))
        }
        self.init(layers: layers)
    }

    /// The layer sizes, inputs first: [2, 3, 2] for a 2-3-2 network.
    public var sizes: [Int] { [layers[0].inputCount] + layers.map(\.outputCount) }

    // MARK: Forward

    /// Every layer's forward pass, bottom to top.
    public struct Forward: Equatable, Sendable {
        public let layers: [Dense.Forward]
        /// The network's input X.
        public var input: Matrix { layers[0].input }
        /// The last layer's activations A^L.
        public var output: Matrix { layers[layers.count - 1].output }
    }

    /// Runs X through every layer, keeping each Z and A.
    public func forward(_ x: Matrix) -> Forward {
        var passes: [Dense.Forward] = []
        var a = x
        for layer in layers {
            let pass = layer.forward(a)
            passes.append(pass)
            a = pass.output
        }
        return Forward(layers: passes)
    }

    /// The output A^L for X.
    public func predict(_ x: Matrix) -> Matrix { forward(x).output }

    // MARK: Backward

    /// Every layer's backward pass, stored bottom to top (index l is layer l + 1).
    public struct Backward: Equatable, Sendable {
        public let layers: [Dense.Backward]
        /// ∂L/∂W and ∂L/∂b of every layer, bottom to top.
        public var gradients: [DenseGradient] { layers.map(\.gradient) }
        /// δ of every layer, bottom to top.
        public var deltas: [Matrix] { layers.map(\.delta) }
        /// ∂L/∂X, the gradient with respect to the network's input.
        public var inputGradient: Matrix { layers[0].inputGradient }
    }

    /// Backpropagation: given ∂L/∂A^L, walks from the top layer down, each layer handing
    /// δ·Wᵀ to the one below. Every layer uses the weights of this (unchanged) network: all
    /// gradients belong to the same point in parameter space and are applied together afterwards.
    public func backward(_ forward: Forward, outputGradient: Matrix) -> Backward {
        precondition(forward.layers.count == layers.count, "forward pass of a different network")
        var result = [Dense.Backward?](repeating: nil, count: layers.count)
        var upstream = outputGradient
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let pass = layers[l].backward(forward.layers[l], outputGradient: upstream)
            result[l] = pass
            upstream = pass.inputGradient
        }
        return Backward(layers: result.map { $0! })
    }

    /// The network after one gradient-descent step on every layer at once.
    public func updated(by gradients: [DenseGradient], learningRate eta: Double) -> Network {
        precondition(gradients.count == layers.count, "one gradient per layer")
        return Network(layers: zip(layers, gradients).map { $0.updated(by: $1, learningRate: eta) })
    }

    // MARK: Objectives

    /// What the network is trained to minimise, as a function of its output A^L on a batch.
    public enum Objective: Sendable {
        /// C = (1/n) Σₓ ½‖y − a‖² over the n rows (for one example, ½‖y − a‖²); ∂C/∂a = (a − y)/n.
        case halfSquaredError(targets: Matrix)
        /// Softmax of A^L, then the mean cross-entropy −ln p_label (natural log). Use an identity
        /// output layer so that A^L are the logits; then ∂L/∂Z^L = (p − onehot)/n.
        case softmaxCrossEntropy(labels: [Int])
        /// Any other loss: returns the loss and ∂L/∂A^L for an output.
        case custom(@Sendable (Matrix) -> (loss: Double, gradient: Matrix))

        /// The loss and ∂L/∂A^L at output `a`.
        public func evaluate(_ a: Matrix) -> (loss: Double, gradient: Matrix) {
            switch self {
            case .halfSquaredError(let y):
                precondition(y.rows == a.rows && y.columns == a.columns, "targets must be \(a.rows)×\(a.columns)")
                let n = Double(a.rows)
                let diff = a - y
                let loss = diff.values.reduce(0) { $0 + $1 * $1 } / (2 * n)
                return (loss, (1 / n) * diff)
            case .softmaxCrossEntropy(let labels):
                let s = SoftmaxCrossEntropy(logits: a, labels: labels)
                return (s.loss, s.gradient)
            case .custom(let f):
                return f(a)
            }
        }
    }

    /// One forward and backward pass on a batch: the loss and every gradient.
    public struct Evaluation: Equatable, Sendable {
        public let forward: Forward
        public let loss: Double
        /// ∂L/∂A^L, where backpropagation starts.
        public let outputGradient: Matrix
        public let backward: Backward
        public var gradients: [DenseGradient] { backward.gradients }
    }

    /// Forward pass, loss, and backward pass for input X.
    public func evaluate(_ x: Matrix, _ objective: Objective) -> Evaluation {
        let f = forward(x)
        let (loss, g) = objective.evaluate(f.output)
        return Evaluation(forward: f, loss: loss, outputGradient: g, backward: backward(f, outputGradient: g))
    }

    /// The loss alone (no backward pass).
    public func loss(_ x: Matrix, _ objective: Objective) -> Double {
        objective.evaluate(predict(x)).loss
    }

    // MARK: Training

    /// The result of gradient descent: the final network and the loss before every step.
    public struct Training: Equatable, Sendable {
        public let network: Network
        /// losses[i] is the loss after i steps; the last entry is the final loss.
        public let losses: [Double]
        public var finalLoss: Double { losses[losses.count - 1] }
        /// The step at which training was stopped because it diverged (the loss grew past 10 times its
        /// starting value or stopped being a finite number), or nil when it ran to the end.
        public var divergedAt: Int? = nil
        /// The loss that gave the divergence away (may be infinite); `losses` ends just before it.
        public var divergedLoss: Double? = nil

        /// Divergence: a non-finite loss or gradient, or a loss more than 10 times the starting loss.
        public static func hasDiverged(loss: Double, start: Double, gradients: [DenseGradient]) -> Bool {
            if !loss.isFinite || loss > 10 * max(start, 1e-12) { return true }
            return gradients.contains { g in !g.weights.values.allSatisfy(\.isFinite) || !g.bias.values.allSatisfy(\.isFinite) }
        }
    }

    /// Full-batch gradient descent: `iterations` times, one backward pass with the current
    /// weights, then every layer updated together. `observe` sees each step's evaluation
    /// (before its update), e.g. to measure accuracy along the way.
    public func trained(on x: Matrix, _ objective: Objective, learningRate eta: Double, iterations: Int,
                        observe: ((Int, Evaluation) -> Void)? = nil) -> Training {
        var net = self
        var losses: [Double] = []
        losses.reserveCapacity(iterations + 1)
        for step in 0..<max(0, iterations) {
            let e = net.evaluate(x, objective)
            if let start = losses.first, Training.hasDiverged(loss: e.loss, start: start, gradients: e.gradients) {
                // Stop before the update: `net` and every loss kept are still finite numbers.
                return Training(network: net, losses: losses, divergedAt: step, divergedLoss: e.loss)
            }
            observe?(step, e)
            losses.append(e.loss)
            net = net.updated(by: e.gradients, learningRate: eta)
        }
        losses.append(net.loss(x, objective))
        return Training(network: net, losses: losses)
    }

    // MARK: Parameters as one vector

    /// Every parameter in one list: layer 1's W (row by row) and b, then layer 2's, and so on.
    public var parameters: [Double] { layers.flatMap { $0.weights.values + $0.bias.values } }

    /// The same network with its parameters replaced by `values` (same order as `parameters`).
    public func with(parameters values: [Double]) -> Network {
        precondition(values.count == parameters.count, "need \(parameters.count) parameters, got \(values.count)")
        var offset = 0
        var out: [Dense] = []
        for layer in layers {
            let nw = layer.weights.values.count, nb = layer.bias.values.count
            let w = Matrix(rows: layer.weights.rows, columns: layer.weights.columns, values: Array(values[offset..<(offset + nw)]))
            let b = Matrix(rows: 1, columns: layer.bias.columns, values: Array(values[(offset + nw)..<(offset + nw + nb)]))
            out.append(Dense(weights: w, bias: b, activation: layer.activation))
            offset += nw + nb
        }
        return Network(layers: out)
    }

    // MARK: Gradient check

    /// Backpropagation's gradients beside central differences of the loss, layer by layer.
    public struct LayerCheck: Equatable, Sendable {
        public let weights: [GradientCheck.Entry]
        public let bias: [GradientCheck.Entry]
        public var entries: [GradientCheck.Entry] { weights + bias }
        public var maxRelativeError: Double { entries.map(\.relativeError).max() ?? 0 }
    }

    /// Checks every parameter's backpropagated gradient against (L(θ + h) − L(θ − h)) / 2h.
    public func gradientCheck(_ x: Matrix, _ objective: Objective, step h: Double = GradientCheck.defaultStep) -> [LayerCheck] {
        let analytic = evaluate(x, objective).gradients.flatMap(\.flattened)
        let entries = GradientCheck.compare(analytic: analytic, at: parameters, step: h) { theta in
            self.with(parameters: theta).loss(x, objective)
        }
        var checks: [LayerCheck] = []
        var offset = 0
        for layer in layers {
            let nw = layer.weights.values.count, nb = layer.bias.values.count
            checks.append(LayerCheck(weights: Array(entries[offset..<(offset + nw)]),
                                     bias: Array(entries[(offset + nw)..<(offset + nw + nb)])))
            offset += nw + nb
        }
        return checks
    }
}
