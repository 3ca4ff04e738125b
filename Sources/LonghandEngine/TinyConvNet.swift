/// The small network of `000`, whole: convolution → ReLU → max pooling → flatten → a linear fully
/// connected layer, with loss L = ½ Σ (y − t)², and its backward pass in the order the text derives it.
public struct TinyConvNet: Equatable, Sendable, Model {
    public var conv: Conv2D
    public var pool: MaxPool2D
    /// The fully connected layer (inputs × outputs weights, identity activation).
    public var fc: Dense

    /// A network from its layers; `fc` must take as many inputs as the pooled maps have cells.
    public init(conv: Conv2D, pool: MaxPool2D, fc: Dense) {
        self.conv = conv
        self.pool = pool
        self.fc = fc
    }

    /// Every intermediate of one forward pass.
    public struct Forward: Equatable, Sendable {
        public let input: Tensor3
        /// The weighted inputs of the convolution (000's net).
        public let convOut: Tensor3
        /// ReLU(convOut).
        public let reluOut: Tensor3
        public let pool: MaxPool2D.Forward
        /// The pooled maps as one row.
        public let flat: Matrix
        /// The fully connected layer's outputs y.
        public let output: [Double]
        public let target: [Double]
        /// ½ Σ (y − t)².
        public let loss: Double
    }

    /// The forward pass for input x and target t.
    public func forward(_ x: Tensor3, target: [Double]) -> Forward {
        precondition(target.count == fc.outputCount, "one target per output")
        let z = conv.forward(x)
        let a = z.map(Activation.relu.apply)
        let p = pool.forward(a)
        let flat = Flatten().forward(p.output)
        let y = fc.forward(flat).output.values
        let loss = SquaredError.loss(yTrue: target, yPred: y, scaling: .halfSum)
        return Forward(input: x, convOut: z, reluOut: a, pool: p, flat: flat, output: y, target: target, loss: loss)
    }

    /// The loss alone (for central differences).
    public func loss(_ x: Tensor3, target: [Double]) -> Double { forward(x, target: target).loss }

    /// Every gradient of one backward pass, named after what it is the gradient of.
    public struct Backward: Equatable, Sendable {
        /// ∂L/∂y = y − t.
        public let output: [Double]
        /// ∂L/∂W of the fully connected layer (inputs × outputs): flatᵀ · (y − t).
        public let fcWeights: Matrix
        /// ∂L/∂b of the fully connected layer.
        public let fcBias: [Double]
        /// ∂L/∂flat = (y − t) · Wᵀ: the error of the fully connected layer's input layer.
        public let flat: Matrix
        /// The same numbers shaped like the pooled maps.
        public let poolOut: Tensor3
        /// ∂L/∂(ReLU output): each pooled gradient at its window's maximum ("upsample").
        public let reluOut: Tensor3
        /// ∂L/∂(conv output) = ∂L/∂(ReLU output) ⊙ ReLU′(conv output): the delta of the convolution.
        public let convOut: Tensor3
        /// ∂L/∂(input), ∂L/∂(kernels), ∂L/∂(conv biases).
        public let conv: Conv2D.Gradients
    }

    /// Backpropagation through the whole network.
    public func backward(_ f: Forward) -> Backward {
        let dy = SquaredError.gradient(yTrue: f.target, yPred: f.output, scaling: .halfSum)   // ∂(½(y − t)²)/∂y = y − t; identity activation
        let dyRow = Matrix(row: dy)
        let dW = f.flat.transposed * dyRow                          // ∂z_k/∂W[j][k] = flat_j
        let dFlat = dyRow * fc.weights.transposed                   // ∂z_k/∂flat_j = W[j][k]
        let dPool = Flatten().backward(dFlat, like: f.pool.output)
        let dRelu = pool.backward(outputGradient: dPool, argmax: f.pool.argmax, inputShape: f.reluOut)
        let gate = f.convOut.map(Activation.relu.derivative)        // ReLU′(z) = 1 if z > 0 else 0
        let delta = dRelu.hadamard(gate)
        let dConv = conv.backward(input: f.input, outputGradient: delta)
        return Backward(output: dy, fcWeights: dW, fcBias: dy, flat: dFlat, poolOut: dPool,
                        reluOut: dRelu, convOut: delta, conv: dConv)
    }

    // MARK: The model protocol

    /// One example and its target.
    public struct Batch: Sendable {
        public var input: Tensor3
        public var target: [Double]
        public init(input: Tensor3, target: [Double]) {
            self.input = input
            self.target = target
        }
    }

    /// The whole forward and backward pass of one example.
    public struct Evaluation: Sendable, LossAndGradient {
        public let forward: Forward
        public let backward: Backward
        public var loss: Double { forward.loss }
        /// Every gradient in `parameters` order.
        public var gradient: [Double] {
            backward.conv.weights + backward.conv.bias + backward.fcWeights.values + backward.fcBias
        }
    }

    /// The kernels ([output channel][input channel][row][column]), the convolution's biases, then the
    /// fully connected layer's W (row by row) and b.
    public var parameters: [Double] { conv.weights + conv.bias + fc.parameters }

    /// The same network with its parameters replaced (same order as `parameters`).
    public func with(parameters values: [Double]) -> TinyConvNet {
        precondition(values.count == parameters.count, "need \(parameters.count) parameters, got \(values.count)")
        let nk = conv.weights.count, nb = conv.bias.count
        var out = self
        out.conv.weights = Array(values[0..<nk])
        out.conv.bias = Array(values[nk..<(nk + nb)])
        out.fc = fc.with(parameters: values[(nk + nb)...])
        return out
    }

    public func evaluate(on batch: Batch) -> Evaluation {
        let f = forward(batch.input, target: batch.target)
        return Evaluation(forward: f, backward: backward(f))
    }

    public func loss(on batch: Batch) -> Double { loss(batch.input, target: batch.target) }

    /// The fully connected layer's W (the kernels are not a matrix of neurons' incoming weights).
    public var weightBlocks: [WeightBlock] {
        [WeightBlock(offset: conv.weights.count + conv.bias.count, rows: fc.weights.rows, columns: fc.weights.columns)]
    }

    /// The fully connected layer's outputs y for an input.
    public func predict(_ x: Tensor3) -> [Double] {
        fc.forward(Flatten().forward(pool.forward(conv.forward(x).map(Activation.relu.apply)).output)).output.values
    }
}
