/// A multi-layer network: dense layers applied one after another, with a backward pass through all of them.
///
/// Row-vector convention throughout: a batch X has one example per row, each layer computes
/// Z = A·W + b with W of shape inputs × outputs. Any depth and any `Activation` per layer.
public struct Network: Equatable, Sendable, Model {
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

    /// Runs X through every layer, keeping each Z and A. With dropout masks (one slot per layer, nil
    /// where a layer has none), each masked layer's output is multiplied by its mask before it becomes
    /// the next layer's input (training mode; the stored A is the unmasked output).
    public func forward(_ x: Matrix, masks: [Matrix?]? = nil) -> Forward {
        precondition(masks == nil || masks!.count == layers.count, "one mask slot per layer")
        var passes: [Dense.Forward] = []
        var a = x
        for (l, layer) in layers.enumerated() {
            let pass = layer.forward(a)
            passes.append(pass)
            a = masks?[l].map { pass.output.hadamard($0) } ?? pass.output
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
    /// Through a dropout mask the gradient is multiplied by the same mask (ã = a ⊙ m ⇒ ∂L/∂a = ∂L/∂ã ⊙ m).
    public func backward(_ forward: Forward, outputGradient: Matrix, masks: [Matrix?]? = nil) -> Backward {
        precondition(forward.layers.count == layers.count, "forward pass of a different network")
        var result = [Dense.Backward?](repeating: nil, count: layers.count)
        var upstream = outputGradient
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let pass = layers[l].backward(forward.layers[l], outputGradient: upstream)
            result[l] = pass
            upstream = pass.inputGradient
            if l > 0, let mask = masks?[l - 1] { upstream = upstream.hadamard(mask) }
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
                return (SquaredError.loss(yTrue: y, yPred: a, scaling: .halfMean),
                        SquaredError.gradient(yTrue: y, yPred: a, scaling: .halfMean))
            case .softmaxCrossEntropy(let labels):
                let s = SoftmaxCrossEntropy(logits: a, labels: labels)
                return (s.loss, s.gradient)
            case .custom(let f):
                return f(a)
            }
        }
    }

    /// One forward and backward pass on a batch: the loss and every gradient.
    public struct Evaluation: Equatable, Sendable, LossAndGradient {
        public let forward: Forward
        public let loss: Double
        /// ∂L/∂A^L, where backpropagation starts.
        public let outputGradient: Matrix
        public let backward: Backward
        public var gradients: [DenseGradient] { backward.gradients }
        /// Every gradient in `parameters` order.
        public var gradient: [Double] { gradients.flatMap(\.flattened) }
    }

    /// Forward pass, loss, and backward pass for input X (with dropout masks, in training mode).
    public func evaluate(_ x: Matrix, _ objective: Objective, masks: [Matrix?]? = nil) -> Evaluation {
        let f = forward(x, masks: masks)
        let (loss, g) = objective.evaluate(f.output)
        return Evaluation(forward: f, loss: loss, outputGradient: g, backward: backward(f, outputGradient: g, masks: masks))
    }

    /// The loss alone (no backward pass).
    public func loss(_ x: Matrix, _ objective: Objective, masks: [Matrix?]? = nil) -> Double {
        objective.evaluate(forward(x, masks: masks).output).loss
    }

    // MARK: Training

    /// A training run of a network (see `Trainer`).
    public typealias Training = TrainingRun<Network>

    /// Full-batch gradient descent: `iterations` times, one backward pass with the current
    /// weights, then every layer updated together; stops at a step that diverges (`Divergence`).
    /// `observe` sees each step's evaluation, e.g. to measure accuracy along the way.
    public func trained(on x: Matrix, _ objective: Objective, learningRate eta: Double, iterations: Int,
                        observe: ((Int, Evaluation) -> Void)? = nil) -> Training {
        trained(on: x, objective, optimizer: GradientDescentOptimizer(learningRate: eta), iterations: iterations,
                observe: observe)
    }

    /// Full-batch training driven by any `Optimizer`, optionally clipping each gradient first.
    /// `losses` holds the loss before each step and, last, the loss after the final one.
    public func trained<O: Optimizer>(on x: Matrix, _ objective: Objective, optimizer: O, iterations: Int,
                                      clipping: GradientClipping? = nil,
                                      observe: ((Int, Evaluation) -> Void)? = nil) -> Training {
        let trainer = Trainer(optimizer: optimizer, steps: iterations, clipping: clipping)
        return trainer.run(self, on: Batch(inputs: x, objective: objective), observe: observe.map { f in { t, e, _, _ in f(t, e) } })
    }

    // MARK: The model protocol

    /// A batch for `Trainable`: inputs, what to minimise, and dropout masks for training mode.
    public struct Batch: Sendable {
        public var inputs: Matrix
        public var objective: Objective
        public var masks: [Matrix?]?
        public init(inputs: Matrix, objective: Objective, masks: [Matrix?]? = nil) {
            self.inputs = inputs
            self.objective = objective
            self.masks = masks
        }
    }

    public func evaluate(on batch: Batch) -> Evaluation { evaluate(batch.inputs, batch.objective, masks: batch.masks) }
    public func loss(on batch: Batch) -> Double { loss(batch.inputs, batch.objective, masks: batch.masks) }

    /// Each layer's W, in `parameters` order.
    public var weightBlocks: [WeightBlock] {
        var offset = 0
        return layers.map { layer in
            defer { offset += layer.parameterCount }
            return WeightBlock(offset: offset, rows: layer.weights.rows, columns: layer.weights.columns)
        }
    }

    // MARK: Parameters as one vector

    /// Every parameter in one list: layer 1's W (row by row) and b, then layer 2's, and so on.
    public var parameters: [Double] { layers.flatMap(\.parameters) }

    /// The same network with its parameters replaced by `values` (same order as `parameters`).
    public func with(parameters values: [Double]) -> Network {
        precondition(values.count == parameters.count, "need \(parameters.count) parameters, got \(values.count)")
        var offset = 0
        return Network(layers: layers.map { layer in
            defer { offset += layer.parameterCount }
            return layer.with(parameters: values[offset...])
        })
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
        let entries = gradientCheck(on: Batch(inputs: x, objective: objective), step: h)
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
