/// Trains a dense network with softmax cross-entropy by minibatch SGD, fast: all buffers are allocated
/// once, every product runs on raw pointers as a row update y += a·x over contiguous memory (so the
/// compiler vectorises it), and nothing is allocated inside the training loop.
///
/// It computes what `Network.evaluate(_, .softmaxCrossEntropy)` and `Network.updated` compute (tests
/// compare the two step by step); `Network` keeps every intermediate for the pages, this type keeps
/// only what the next step needs. Three choices make it fast without changing the mathematics:
/// - zero inputs are skipped: before each layer the positions of a row's non-zero inputs are listed
///   (without branches), and only those rows of W are added in. Half the pixels of a digit and half
///   the ReLU outputs are 0, so this halves the work of the forward pass and of ∂L/∂W;
/// - no loop sums into a single number (a dot product): such loops must run one addition after the
///   other in IEEE arithmetic and cannot be vectorised. δ·Wᵀ is computed from a transposed copy of W
///   as a sum of rows instead;
/// - each number is computed by the same sequence of operations in debug and release builds, so
///   both give identical bits (the pages must not depend on the build).
public final class MinibatchTrainer: SoftmaxBatchBuffers {
    /// Layer sizes, input first.
    public let sizes: [Int]
    /// Hidden layers' activation (the output layer feeds softmax directly).
    public let activation: Activation
    public let batchSize: Int

    // weights[l] is sizes[l] × sizes[l+1], row-major; biases[l] has sizes[l+1] entries;
    // transposed[l] is weights[l]ᵀ, refreshed before each backward pass.
    private let weights: [UnsafeMutablePointer<Double>]
    private let transposed: [UnsafeMutablePointer<Double>]
    private let biases: [UnsafeMutablePointer<Double>]
    private let weightGradients: [UnsafeMutablePointer<Double>]
    private let biasGradients: [UnsafeMutablePointer<Double>]
    // Per layer: pre-activations Z and activations A (batch × size); A[0] is the input batch.
    private let zs: [UnsafeMutablePointer<Double>]
    private let activations: [UnsafeMutablePointer<Double>]
    private let deltas: [UnsafeMutablePointer<Double>]
    // Scratch list of the positions of non-zero entries (of a row or a column), as long as the
    // longest batch or layer.
    private let positions: UnsafeMutablePointer<Int32>
    // Per layer input, kept from the forward pass for the backward pass: row i's non-zero positions
    // (rowLists[l] + i · sizes[l]) and their number.
    private let rowLists: [UnsafeMutablePointer<Int32>]
    private let rowCounts: [UnsafeMutablePointer<Int>]
    private let labels: UnsafeMutablePointer<Int>
    private let isReLU: Bool

    /// A trainer starting from `network`'s weights; hidden layers must share one activation and the
    /// last layer must be linear (softmax is applied by the loss).
    public init(network: Network, batchSize: Int) {
        precondition(batchSize > 0, "batch size must be positive")
        precondition(network.layers.last!.activation == .identity, "the last layer must be linear: softmax is part of the loss")
        let hidden = network.layers.first!.activation
        precondition(network.layers.count == 1 || network.layers.dropLast().allSatisfy { $0.activation == hidden }, "hidden layers must share one activation")
        sizes = network.sizes
        activation = hidden
        isReLU = hidden == .relu
        self.batchSize = batchSize
        var w: [UnsafeMutablePointer<Double>] = [], wt: [UnsafeMutablePointer<Double>] = [], b: [UnsafeMutablePointer<Double>] = []
        var gw: [UnsafeMutablePointer<Double>] = [], gb: [UnsafeMutablePointer<Double>] = []
        for layer in network.layers {
            w.append(Buffer.copy(layer.weights.values))
            wt.append(Buffer.zeros(layer.weights.values.count))
            b.append(Buffer.copy(layer.bias.values))
            gw.append(Buffer.zeros(layer.weights.values.count))
            gb.append(Buffer.zeros(layer.bias.values.count))
        }
        weights = w; transposed = wt; biases = b; weightGradients = gw; biasGradients = gb
        zs = sizes.map { Buffer.zeros(batchSize * $0) }
        activations = sizes.map { Buffer.zeros(batchSize * $0) }
        deltas = sizes.map { Buffer.zeros(batchSize * $0) }
        positions = Buffer.zeros(max(batchSize, sizes.max()!), of: Int32.self)
        rowLists = sizes.map { Buffer.zeros(batchSize * $0, of: Int32.self) }
        rowCounts = sizes.map { _ in Buffer.zeros(batchSize, of: Int.self) }
        labels = Buffer.zeros(batchSize, of: Int.self)
    }

    deinit {
        for p in weights + transposed + biases + weightGradients + biasGradients + zs + activations + deltas { p.deallocate() }
        positions.deallocate()
        for p in rowLists { p.deallocate() }
        for p in rowCounts { p.deallocate() }
        labels.deallocate()
    }

    /// The current weights as a `Network` (for pages, predictions and checks).
    public var network: Network {
        Network(layers: (0..<(sizes.count - 1)).map { l in
            let n = sizes[l] * sizes[l + 1]
            return Dense(weights: Matrix(rows: sizes[l], columns: sizes[l + 1], values: Array(UnsafeBufferPointer(start: weights[l], count: n))),
                         bias: Matrix(row: Array(UnsafeBufferPointer(start: biases[l], count: sizes[l + 1]))),
                         activation: l == sizes.count - 2 ? .identity : activation)
        })
    }

    /// How many examples of the last step's batch the network classified correctly before the
    /// step's update (a running training accuracy that costs no extra forward pass: the batch's
    /// probabilities are still in their buffer, and are only looked at when this is asked for).
    public var correctInLastStep: Int { correct(count: lastBatchCount) }
    var lastBatchCount = 0
    var classCount: Int { sizes[sizes.count - 1] }
    var probabilityBuffer: UnsafeMutablePointer<Double> { activations[sizes.count - 1] }
    var labelBuffer: UnsafeMutablePointer<Int> { labels }

    /// One SGD step on the examples `rows` of `inputs` (row-major, sizes[0] columns per example);
    /// returns the batch's mean cross-entropy before the step.
    @discardableResult
    public func step(inputs: UnsafePointer<Double>, labels allLabels: UnsafePointer<Int>, rows: ArraySlice<Int>, learningRate eta: Double) -> Double {
        trainingStep(inputs: inputs, labels: allLabels, rows: rows, learningRate: eta)
    }

    /// W −= η·∂L/∂W and b −= η·∂L/∂b for every layer, from the last backward pass.
    func descend(learningRate eta: Double) {
        for l in 0..<weights.count {
            Kernels.descend(weights[l], weightGradients[l], count: sizes[l] * sizes[l + 1], learningRate: eta)
            Kernels.descend(biases[l], biasGradients[l], count: sizes[l + 1], learningRate: eta)
        }
    }

    /// The summed cross-entropy and the number of correct predictions over the examples `rows`, in
    /// batches of `batchSize`, without changing the weights.
    public func evaluate(inputs: UnsafePointer<Double>, labels allLabels: UnsafePointer<Int>, rows: [Int]) -> (totalLoss: Double, correct: Int) {
        evaluateInBatches(inputs: inputs, labels: allLabels, rows: rows)
    }

    /// The predicted class of each example in `rows` (the largest probability, the first on a tie).
    public func predictions(inputs: UnsafePointer<Double>, rows: [Int]) -> [Int] { predictInBatches(inputs: inputs, rows: rows) }

    /// Copies example `example` into row `slot` of the input buffer.
    func copy(example: Int, from inputs: UnsafePointer<Double>, to slot: Int) {
        let d0 = sizes[0]
        (activations[0] + slot * d0).update(from: inputs + example * d0, count: d0)
    }

    /// Forward pass on the first `n` rows of the input buffer; leaves softmax probabilities in the last
    /// activation buffer and returns the mean cross-entropy.
    func forward(count n: Int) -> Double {
        let last = sizes.count - 1
        for l in 0..<last {
            let a = activations[l], z = zs[l + 1], w = weights[l], b = biases[l]
            let k = sizes[l], m = sizes[l + 1]
            for i in 0..<n {
                let ai = a + i * k, li = rowLists[l] + i * k
                let c = Kernels.listNonZero(ai, k, into: li)
                rowCounts[l][i] = c
                // z_i = b + Σ_p a_ip W_p, over the p with a_ip ≠ 0 (the others add exactly 0).
                Kernels.combine(into: z + i * m, columns: m, start: b, list: li, count: c,
                                coefficients: ai, coefficientStride: 1, rows: w, rowStride: m)
            }
            if l + 1 < last {
                let out = activations[l + 1]
                if isReLU {
                    for q in 0..<(n * m) { out[q] = z[q] > 0 ? z[q] : 0 }
                } else {
                    for q in 0..<(n * m) { out[q] = activation.apply(z[q]) }
                }
            }
        }
        let m = sizes[last], z = zs[last], p = activations[last]
        var total = 0.0
        for i in 0..<n { total += Kernels.softmaxCrossEntropy(z + i * m, count: m, label: labels[i], into: p + i * m) }
        return total / Double(n)
    }

    /// Backward pass: fills the weight and bias gradients of the mean loss over `n` rows.
    func backward(count n: Int) {
        let last = sizes.count - 1
        let scale = 1 / Double(n)
        let m = sizes[last]
        Kernels.softmaxGradient(activations[last], labels: labels, rows: n, columns: m, scale: scale, into: deltas[last])
        for l in stride(from: last - 1, through: 0, by: -1) {
            let k = sizes[l], mm = sizes[l + 1]
            let a = activations[l], dl = deltas[l + 1], gw = weightGradients[l], gb = biasGradients[l]
            // ∂L/∂W = Aᵀ δ and ∂L/∂b = Σ rows of δ, from the forward pass's lists of non-zero activations.
            Kernels.sparseDenseGradient(inputs: a, inputCount: k, examples: n,
                                        rowLists: rowLists[l], rowCounts: rowCounts[l], deltas: dl, outputCount: mm, weightGradient: gw, biasGradient: gb)
            guard l > 0 else { break }
            // δ for the layer below: (δ Wᵀ) ⊙ f′(Z), row i being Σ_j δ_ij (row j of Wᵀ).
            let w = weights[l], wt = transposed[l], below = deltas[l], z = zs[l]
            Kernels.transpose(w, rows: k, columns: mm, into: wt)
            let list = positions
            for i in 0..<n {
                let di = dl + i * mm, bi = below + i * k, zi = z + i * k
                let c = Kernels.listNonZero(di, mm, into: list)
                Kernels.combine(into: bi, columns: k, start: nil, list: list, count: c,
                                coefficients: di, coefficientStride: 1, rows: wt, rowStride: k)
                if isReLU {
                    for pp in 0..<k { bi[pp] = zi[pp] > 0 ? bi[pp] : 0 }
                } else {
                    for pp in 0..<k { bi[pp] *= activation.derivative(zi[pp]) }
                }
            }
        }
    }
}
