import LonghandEngine

/// The spec's network assembled from the engine's layers (Dense, Conv2D, MaxPool2D, AveragePool2D,
/// Flatten), run one example at a time so every example's numbers can be shown; the batch loss and
/// gradient are the means over the examples.
///
/// Parameters travel as one flat list, layer by layer: a dense layer's weights in the spec's
/// orientation (neuron j's weights from input 1 to input n, then neuron j + 1's), then its biases;
/// a convolution's kernels [out][in][row][column], then its biases.
public struct WalkthroughNetwork: Sendable {
    /// One layer, holding the engine's layer.
    public enum Layer: Sendable {
        /// A dense layer; `softmax` marks an output whose activation is softmax (the engine layer is then linear).
        case dense(Dense, softmax: Bool)
        case conv(Conv2D, Activation)
        case maxPool(MaxPool2D)
        case averagePool(AveragePool2D)
        case flatten
    }

    /// What flows between layers: a vector, or maps.
    public enum Signal: Equatable, Sendable {
        case vector([Double])
        case maps(Tensor3)

        public var values: [Double] {
            switch self {
            case .vector(let v): return v
            case .maps(let t): return t.values
            }
        }
    }

    public var layers: [Layer]
    public let loss: OutputLoss

    /// Builds the network of a spec, drawing seeded parameters layer by layer from one generator.
    public init(_ spec: WalkthroughSpec) {
        var random = SeededRandom(seed: spec.seed)
        var shape: (c: Int, r: Int, k: Int)
        var width: Int
        switch spec.input {
        case .vector(let n): width = n; shape = (0, 0, 0)
        case .maps(let c, let r, let k): width = c * r * k; shape = (c, r, k)
        }
        var layers: [Layer] = []
        for layer in spec.layers {
            switch layer {
            case .dense(let units, let activation, let source, _):
                let weights: Matrix, biases: [Double]
                switch source {
                case .given(let w, let b):
                    weights = Matrix(rows: units, columns: width, values: w).transposed
                    biases = b
                case .seeded(let scheme, let sd, let b):
                    weights = Self.initializer(scheme, sd: sd, fanIn: width, fanOut: units).weights(inputs: width, outputs: units, using: &random)
                    biases = b ?? Array(repeating: 0, count: units)
                }
                layers.append(.dense(Dense(weights: weights, bias: Matrix(row: biases), activation: activation.engine), softmax: activation == .softmax))
                width = units
            case .conv2d(let channels, let kernel, let stride, let padding, let activation, let source):
                let count = channels * shape.c * kernel * kernel
                let weights: [Double], biases: [Double]
                switch source {
                case .given(let w, let b):
                    weights = w
                    biases = b
                case .seeded(let scheme, let sd, let b):
                    let initializer = Self.initializer(scheme, sd: sd, fanIn: shape.c * kernel * kernel, fanOut: channels * kernel * kernel)
                    weights = initializer.weights(inputs: shape.c * kernel * kernel, outputs: channels, using: &random).transposed.values
                    biases = b ?? Array(repeating: 0, count: channels)
                }
                _ = count
                let conv = Conv2D(inChannels: shape.c, outChannels: channels, kernelSize: kernel, stride: stride, padding: padding,
                                  weights: weights, bias: biases)
                let out = conv.outputShape(rows: shape.r, columns: shape.k)!
                layers.append(.conv(conv, activation.engine))
                shape = (channels, out.rows, out.columns)
                width = channels * out.rows * out.columns
            case .maxPool(let size, let stride):
                let pool = MaxPool2D(size: size, stride: stride)
                let out = pool.outputShape(rows: shape.r, columns: shape.k)!
                layers.append(.maxPool(pool))
                shape = (shape.c, out.rows, out.columns)
                width = shape.c * shape.r * shape.k
            case .averagePool(let size, let stride):
                let pool = AveragePool2D(size: size, stride: stride)
                let out = pool.outputShape(rows: shape.r, columns: shape.k)!
                layers.append(.averagePool(pool))
                shape = (shape.c, out.rows, out.columns)
                width = shape.c * shape.r * shape.k
            case .flatten:
                layers.append(.flatten)
            }
        }
        self.layers = layers
        self.loss = spec.loss
        self.inputShape = spec.input
    }

    /// The shape of one example's input.
    public let inputShape: WalkthroughSpec.InputShape

    /// The engine's initializer for a scheme: N(0, sd²), Glorot N(0, 2/(fan-in + fan-out)), He N(0, 2/fan-in).
    static func initializer(_ scheme: WalkthroughSpec.Scheme, sd: Double, fanIn: Int, fanOut: Int) -> Initializer {
        switch scheme {
        case .normal: return .normal(standardDeviation: sd)
        case .glorot: return .normal(standardDeviation: (2 / Double(fanIn + fanOut)).squareRoot())
        case .he: return .he
        }
    }

    /// The input values as the first layer's signal.
    func signal(_ x: [Double]) -> Signal {
        switch inputShape {
        case .vector: return .vector(x)
        case .maps(let c, let r, let k): return .maps(Tensor3(channels: c, rows: r, columns: k, values: x))
        }
    }

    // MARK: Parameters

    /// Every parameter in the flat order described above.
    public var parameters: [Double] {
        layers.flatMap { layer -> [Double] in
            switch layer {
            case .dense(let d, _): return d.weights.transposed.values + d.bias.values
            case .conv(let c, _): return c.weights + c.bias
            default: return []
            }
        }
    }

    /// The number of parameters of each layer (0 for pooling and flatten).
    public var parameterCounts: [Int] {
        layers.map { layer in
            switch layer {
            case .dense(let d, _): return d.weights.values.count + d.bias.values.count
            case .conv(let c, _): return c.weights.count + c.bias.count
            default: return 0
            }
        }
    }

    /// The same network with its parameters replaced (same order as `parameters`).
    public func with(parameters values: [Double]) -> WalkthroughNetwork {
        precondition(values.count == parameters.count, "need \(parameters.count) parameters, got \(values.count)")
        var out = self
        var offset = 0
        func take(_ n: Int) -> [Double] {
            defer { offset += n }
            return Array(values[offset..<(offset + n)])
        }
        for (i, layer) in layers.enumerated() {
            switch layer {
            case .dense(let d, let softmax):
                let w = Matrix(rows: d.outputCount, columns: d.inputCount, values: take(d.weights.values.count)).transposed
                out.layers[i] = .dense(Dense(weights: w, bias: Matrix(row: take(d.outputCount)), activation: d.activation), softmax: softmax)
            case .conv(var c, let f):
                c.weights = take(c.weights.count)
                c.bias = take(c.bias.count)
                out.layers[i] = .conv(c, f)
            default: break
            }
        }
        return out
    }

    // MARK: Forward

    /// What one layer received and produced for one example.
    public struct LayerPass: Sendable {
        public let input: Signal
        /// The weighted inputs (dense, conv); for pooling and flatten the output itself.
        public let z: Signal
        public let output: Signal
        /// For max pooling: where each window's maximum was.
        public let argmax: [Int]?
        /// For dense layers: the engine's record of the pass.
        public let dense: Dense.Forward?
    }

    /// One example's forward pass and loss.
    public struct Pass: Sendable {
        public let layers: [LayerPass]
        public let target: [Double]
        /// The output layer's weighted inputs.
        public var logits: [Double] { layers[layers.count - 1].z.values }
        /// What the network answers: the output activations, or σ(z) / softmax(z) for the cross-entropies.
        public let prediction: [Double]
        public let loss: Double
    }

    /// Runs one input through every layer.
    public func forward(_ x: [Double]) -> [LayerPass] {
        var current = signal(x)
        var passes: [LayerPass] = []
        for layer in layers {
            switch (layer, current) {
            case (.dense(let d, _), .vector(let v)):
                let f = d.forward(Matrix(row: v))
                passes.append(LayerPass(input: current, z: .vector(f.z.values), output: .vector(f.output.values), argmax: nil, dense: f))
            case (.conv(let c, let act), .maps(let t)):
                let z = c.forward(t)
                passes.append(LayerPass(input: current, z: .maps(z), output: .maps(z.map(act.apply)), argmax: nil, dense: nil))
            case (.maxPool(let p), .maps(let t)):
                let f = p.forward(t)
                passes.append(LayerPass(input: current, z: .maps(f.output), output: .maps(f.output), argmax: f.argmax, dense: nil))
            case (.averagePool(let p), .maps(let t)):
                let o = p.forward(t)
                passes.append(LayerPass(input: current, z: .maps(o), output: .maps(o), argmax: nil, dense: nil))
            case (.flatten, .maps(let t)):
                let v = Flatten().forward(t).values
                passes.append(LayerPass(input: current, z: .vector(v), output: .vector(v), argmax: nil, dense: nil))
            default:
                preconditionFailure("the spec parser admits only layers whose shapes chain")
            }
            current = passes[passes.count - 1].output
        }
        return passes
    }

    /// Forward pass and loss of one example.
    public func pass(_ x: [Double], target: [Double]) -> Pass {
        let layers = forward(x)
        let z = layers[layers.count - 1].z.values, a = layers[layers.count - 1].output.values
        return Pass(layers: layers, target: target, prediction: loss.outputs(logits: z, activations: a),
                    loss: loss.loss(logits: z, activations: a, target: target))
    }

    /// The network's answers for inputs (no targets needed).
    public func predict(_ x: [Double]) -> [Double] {
        let layers = forward(x)
        return loss.outputs(logits: layers[layers.count - 1].z.values, activations: layers[layers.count - 1].output.values)
    }

    // MARK: Backward

    /// What one layer's backward pass produced for one example.
    public struct LayerGradient: Sendable {
        /// ∂ℓ/∂(output).
        public let output: Signal
        /// δ = ∂ℓ/∂z (for pooling and flatten, equal to `output`).
        public let delta: Signal
        /// ∂ℓ/∂(input), handed to the layer below.
        public let input: Signal
        /// ∂ℓ/∂(this layer's parameters), in the flat order.
        public let parameters: [Double]
        /// For dense layers: the engine's record (δ, f′(z), ∂ℓ/∂W, ∂ℓ/∂b).
        public let dense: Dense.Backward?
    }

    /// Backpropagation of one example's loss through every layer, top to bottom.
    public func backward(_ pass: Pass) -> [LayerGradient] {
        var result = [LayerGradient?](repeating: nil, count: layers.count)
        let top = pass.layers[layers.count - 1]
        let g = loss.gradient(logits: top.z.values, activations: top.output.values, target: pass.target)
        var upstream: Signal = .vector(g)
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let p = pass.layers[l]
            switch (layers[l], p.input, upstream) {
            case (.dense(let d, _), _, .vector(let u)):
                let b = l == layers.count - 1 && loss.differentiatesLogits
                    ? d.backward(p.dense!, delta: Matrix(row: u))
                    : d.backward(p.dense!, outputGradient: Matrix(row: u))
                let dOut: Signal = l == layers.count - 1 && loss.differentiatesLogits ? .vector(b.delta.values) : upstream
                result[l] = LayerGradient(output: dOut, delta: .vector(b.delta.values), input: .vector(b.inputGradient.values),
                                          parameters: b.gradient.weights.transposed.values + b.gradient.bias.values, dense: b)
            case (.conv(let c, let act), .maps(let x), .maps(let u)):
                guard case .maps(let z) = p.z else { preconditionFailure("conv keeps maps") }
                let delta = u.hadamard(z.map(act.derivative))
                let grads = c.backward(input: x, outputGradient: delta)
                result[l] = LayerGradient(output: upstream, delta: .maps(delta), input: .maps(grads.input),
                                          parameters: grads.weights + grads.bias, dense: nil)
            case (.maxPool(let pool), .maps(let x), .maps(let u)):
                let dx = pool.backward(outputGradient: u, argmax: p.argmax!, inputShape: x)
                result[l] = LayerGradient(output: upstream, delta: upstream, input: .maps(dx), parameters: [], dense: nil)
            case (.averagePool(let pool), .maps(let x), .maps(let u)):
                let dx = pool.backward(outputGradient: u, inputShape: x)
                result[l] = LayerGradient(output: upstream, delta: upstream, input: .maps(dx), parameters: [], dense: nil)
            case (.flatten, .maps(let x), .vector(let u)):
                let dx = Flatten().backward(Matrix(row: u), like: x)
                result[l] = LayerGradient(output: upstream, delta: upstream, input: .maps(dx), parameters: [], dense: nil)
            default:
                preconditionFailure("the spec parser admits only layers whose shapes chain")
            }
            upstream = result[l]!.input
        }
        return result.map { $0! }
    }

    /// The batch: every example's pass and backward pass, the mean loss and the mean gradient.
    public struct Evaluation: Sendable {
        public let passes: [Pass]
        public let backwards: [[LayerGradient]]
        /// (1/n) Σ ℓ(x).
        public let loss: Double
        /// (1/n) Σ ∂ℓ(x)/∂θ, flat.
        public let gradient: [Double]
        /// Each example's own gradient, flat.
        public let exampleGradients: [[Double]]
    }

    public func evaluate(_ examples: [WalkthroughSpec.Example]) -> Evaluation {
        let passes = examples.map { pass($0.input, target: $0.target) }
        let backwards = passes.map(backward)
        let perExample = backwards.map { $0.flatMap(\.parameters) }
        let n = Double(examples.count)
        var mean = [Double](repeating: 0, count: perExample[0].count)
        for g in perExample { for i in g.indices { mean[i] += g[i] } }
        for i in mean.indices { mean[i] /= n }
        let loss = passes.reduce(0) { $0 + $1.loss } / n
        return Evaluation(passes: passes, backwards: backwards, loss: loss, gradient: mean, exampleGradients: perExample)
    }

    /// The batch loss alone (for central differences and curves).
    public func loss(_ examples: [WalkthroughSpec.Example]) -> Double {
        examples.reduce(0) { $0 + pass($1.input, target: $1.target).loss } / Double(examples.count)
    }
}
