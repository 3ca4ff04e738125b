/// Trains a dense network with softmax cross-entropy by minibatch SGD, fast: all buffers are allocated
/// once, every product runs on raw pointers with the innermost loop walking memory contiguously (so the
/// compiler vectorises it), and nothing is allocated inside the training loop.
///
/// It computes exactly what `Network.evaluate(_, .softmaxCrossEntropy)` and `Network.updated` compute
/// (tests compare the two step by step); `Network` keeps every intermediate for the pages, this type
/// keeps only what the next step needs.
public final class MinibatchTrainer {
    /// Layer sizes, input first.
    public let sizes: [Int]
    /// Hidden layers' activation (the output layer feeds softmax directly).
    public let activation: Activation
    public let batchSize: Int

    // weights[l] is sizes[l] × sizes[l+1], row-major; biases[l] has sizes[l+1] entries.
    private var weights: [UnsafeMutablePointer<Double>]
    private var biases: [UnsafeMutablePointer<Double>]
    private var weightGradients: [UnsafeMutablePointer<Double>]
    private var biasGradients: [UnsafeMutablePointer<Double>]
    // Per layer: pre-activations Z and activations A (batch × size); A[0] is the input batch.
    private var zs: [UnsafeMutablePointer<Double>]
    private var activations: [UnsafeMutablePointer<Double>]
    private var deltas: [UnsafeMutablePointer<Double>]
    private var labels: UnsafeMutablePointer<Int>

    /// A trainer starting from `network`'s weights; hidden layers must share one activation and the
    /// last layer must be linear (softmax is applied by the loss).
    public init(network: Network, batchSize: Int) {
        precondition(batchSize > 0, "batch size must be positive")
        sizes = network.sizes
        activation = network.layers.first!.activation
        self.batchSize = batchSize
        func buffer(_ n: Int) -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: max(n, 1))
            p.initialize(repeating: 0, count: max(n, 1))
            return p
        }
        weights = []; biases = []; weightGradients = []; biasGradients = []
        for layer in network.layers {
            let w = buffer(layer.weights.values.count)
            w.update(from: layer.weights.values, count: layer.weights.values.count)
            let b = buffer(layer.bias.values.count)
            b.update(from: layer.bias.values, count: layer.bias.values.count)
            weights.append(w); biases.append(b)
            weightGradients.append(buffer(layer.weights.values.count))
            biasGradients.append(buffer(layer.bias.values.count))
        }
        zs = sizes.map { buffer(batchSize * $0) }
        activations = sizes.map { buffer(batchSize * $0) }
        deltas = sizes.map { buffer(batchSize * $0) }
        labels = UnsafeMutablePointer<Int>.allocate(capacity: batchSize)
        labels.initialize(repeating: 0, count: batchSize)
    }

    deinit {
        for p in weights + biases + weightGradients + biasGradients + zs + activations + deltas { p.deallocate() }
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

    /// One SGD step on the examples `rows` of `inputs` (row-major, sizes[0] columns per example);
    /// returns the batch's mean cross-entropy before the step.
    @discardableResult
    public func step(inputs: UnsafePointer<Double>, labels allLabels: UnsafePointer<Int>, rows: ArraySlice<Int>, learningRate eta: Double) -> Double {
        let n = rows.count
        precondition(n > 0 && n <= batchSize, "batch of \(n) examples, trainer built for at most \(batchSize)")
        let d0 = sizes[0]
        var r = 0
        for i in rows {
            (activations[0] + r * d0).update(from: inputs + i * d0, count: d0)
            labels[r] = allLabels[i]
            r += 1
        }
        let loss = forward(count: n)
        backward(count: n)
        for l in 0..<weights.count {
            let w = weights[l], gw = weightGradients[l], count = sizes[l] * sizes[l + 1]
            for k in 0..<count { w[k] -= eta * gw[k] }
            let b = biases[l], gb = biasGradients[l]
            for j in 0..<sizes[l + 1] { b[j] -= eta * gb[j] }
        }
        return loss
    }

    /// Forward pass on the first `n` rows of the input buffer; leaves softmax probabilities in the last
    /// activation buffer and returns the mean cross-entropy.
    private func forward(count n: Int) -> Double {
        let last = sizes.count - 1
        for l in 0..<last {
            let a = activations[l], z = zs[l + 1], w = weights[l], b = biases[l]
            let k = sizes[l], m = sizes[l + 1]
            for i in 0..<n {
                let zi = z + i * m, ai = a + i * k
                for j in 0..<m { zi[j] = b[j] }
                for p in 0..<k {
                    let x = ai[p]
                    if x == 0 { continue }
                    let wp = w + p * m
                    for j in 0..<m { zi[j] += x * wp[j] }
                }
            }
            let out = activations[l + 1]
            if l + 1 < last {
                switch activation {
                case .relu:
                    for q in 0..<(n * m) { out[q] = z[q] > 0 ? z[q] : 0 }
                default:
                    for q in 0..<(n * m) { out[q] = activation.apply(z[q]) }
                }
            }
        }
        // Softmax cross-entropy, stable: subtract each row's maximum.
        let m = sizes[last], z = zs[last], p = activations[last]
        var total = 0.0
        for i in 0..<n {
            let zi = z + i * m, pi = p + i * m
            var top = zi[0]
            for j in 1..<max(m, 1) where zi[j] > top { top = zi[j] }
            var sum = 0.0
            for j in 0..<m { let e = _exp(zi[j] - top); pi[j] = e; sum += e }
            let inv = 1 / sum
            for j in 0..<m { pi[j] *= inv }
            total += _log(sum) - (zi[labels[i]] - top)
        }
        return total / Double(n)
    }

    /// Backward pass: fills the weight and bias gradients of the mean loss over `n` rows.
    private func backward(count n: Int) {
        let last = sizes.count - 1
        let scale = 1 / Double(n)
        // δ at the output: (P − onehot)/n.
        let m = sizes[last], p = activations[last], d = deltas[last]
        for q in 0..<(n * m) { d[q] = p[q] * scale }
        for i in 0..<n { d[i * m + labels[i]] -= scale }
        for l in stride(from: last - 1, through: 0, by: -1) {
            let k = sizes[l], mm = sizes[l + 1]
            let a = activations[l], dl = deltas[l + 1], gw = weightGradients[l], gb = biasGradients[l]
            // ∂L/∂W = Aᵀ δ, ∂L/∂b = Σ rows of δ.
            for q in 0..<(k * mm) { gw[q] = 0 }
            for j in 0..<mm { gb[j] = 0 }
            for i in 0..<n {
                let di = dl + i * mm, ai = a + i * k
                for j in 0..<mm { gb[j] += di[j] }
                for pp in 0..<k {
                    let x = ai[pp]
                    if x == 0 { continue }
                    let g = gw + pp * mm
                    for j in 0..<mm { g[j] += x * di[j] }
                }
            }
            guard l > 0 else { break }
            // δ for the layer below: (δ Wᵀ) ⊙ f′(Z).
            let w = weights[l], below = deltas[l], z = zs[l]
            for i in 0..<n {
                let di = dl + i * mm, bi = below + i * k, zi = z + i * k
                for pp in 0..<k {
                    let wp = w + pp * mm
                    var s = 0.0
                    for j in 0..<mm { s += di[j] * wp[j] }
                    switch activation {
                    case .relu: bi[pp] = zi[pp] > 0 ? s : 0
                    default: bi[pp] = s * activation.derivative(zi[pp])
                    }
                }
            }
        }
    }
}
