import Foundation
import Testing
@testable import LonghandEngine
@testable import Curriculum

/// The fast trainers against the reference engine: one minibatch step of `MinibatchTrainer` equals
/// `Network.evaluate` + `Network.updated`, one step of `ConvTrainer` equals the per-example chain
/// Conv2D → ReLU → MaxPool2D → Flatten → Dense → SoftmaxCrossEntropy, averaged over the batch.
@Suite("fast trainers")
struct TrainerTests {
    /// The largest absolute difference between two lists of the same length.
    static func gap(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    // MARK: MinibatchTrainer

    /// Three SGD steps of the trainer and of `Network` on the same batches; losses and weights agree.
    static func checkDense(_ start: Network, inputs: [[Double]], labels: [Int], batches: [[Int]], eta: Double) {
        let trainer = MinibatchTrainer(network: start, batchSize: batches.map(\.count).max()!)
        var reference = start
        let flat = inputs.flatMap { $0 }
        for rows in batches {
            let fast = flat.withUnsafeBufferPointer { x in
                labels.withUnsafeBufferPointer { y in
                    trainer.step(inputs: x.baseAddress!, labels: y.baseAddress!, rows: rows[...], learningRate: eta)
                }
            }
            let e = reference.evaluate(Matrix(rows.map { inputs[$0] }), .softmaxCrossEntropy(labels: rows.map { labels[$0] }))
            #expect(abs(fast - e.loss) < 1e-12, "loss \(fast) vs \(e.loss)")
            let hits = zip(SoftmaxCrossEntropy.argmax(e.forward.output), rows.map { labels[$0] }).filter { $0 == $1 }.count
            #expect(trainer.correctInLastStep == hits)
            reference = reference.updated(by: e.gradients, learningRate: eta)
            #expect(gap(trainer.network.parameters, reference.parameters) < 1e-12)
        }
        // Evaluation and predictions agree with Network's forward pass and argmax.
        let all = Array(0..<inputs.count)
        let predicted = SoftmaxCrossEntropy.argmax(SoftmaxCrossEntropy.softmax(reference.predict(Matrix(inputs))))
        let fast = flat.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                (trainer.predictions(inputs: x.baseAddress!, rows: all), trainer.evaluate(inputs: x.baseAddress!, labels: y.baseAddress!, rows: all))
            }
        }
        #expect(fast.0 == predicted)
        #expect(fast.1.correct == zip(predicted, labels).filter { $0 == $1 }.count)
        let loss = reference.loss(Matrix(inputs), .softmaxCrossEntropy(labels: labels))
        #expect(abs(fast.1.totalLoss / Double(inputs.count) - loss) < 1e-12)
    }

    @Test("MinibatchTrainer: three steps of the digits MLP 64-32-10 equal Network's steps to 1e-12")
    func digitsMLPSteps() {
        let digits = Digits.all
        let inputs = (0..<100).map { digits.pixels[$0].map { $0 / 16 } }
        let labels = Array(digits.labels.prefix(100))
        var random = SeededRandom(seed: 3)
        let net = Network(sizes: [64, 32, 10], hidden: .relu, output: .identity, initializer: .he, using: &random)
        let order = random.permutation(100)
        Self.checkDense(net, inputs: inputs, labels: labels, batches: [Array(order[0..<32]), Array(order[32..<64]), Array(order[64..<71])], eta: 0.1)
    }

    @Test("MinibatchTrainer: other depths, widths and activations (random inputs with zeros) equal Network's steps",
          arguments: [Activation.sigmoid, .tanh, .relu, .leakyReLU(slope: 0.01)])
    func otherShapes(_ activation: Activation) {
        var random = SeededRandom(seed: 11)
        let sizes = [7, 5, 19, 3]
        let inputs = (0..<12).map { _ in (0..<7).map { _ in random.uniform() < 0.3 ? 0 : random.uniform(-1, 1) } }
        let labels = (0..<12).map { _ in random.index(below: 3) }
        var net = Network(sizes: sizes, hidden: activation, output: .identity, initializer: .lecun, using: &random)
        net = net.with(parameters: net.parameters.map { $0 + 0.1 * random.normal() })
        Self.checkDense(net, inputs: inputs, labels: labels, batches: [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9, 10, 11], [3]], eta: 0.5)
    }

    // MARK: ConvTrainer

    /// One reference SGD step: each example through the layers one by one, gradients averaged.
    static func referenceStep(conv: Conv2D, pool: MaxPool2D, dense: Dense, inputs: [Tensor3], labels: [Int], eta: Double)
        -> (loss: Double, conv: Conv2D, dense: Dense, correct: Int) {
        let n = Double(inputs.count)
        var dConv = [Double](repeating: 0, count: conv.weights.count), dConvB = [Double](repeating: 0, count: conv.outChannels)
        var dDense = Matrix(rows: dense.inputCount, columns: dense.outputCount), dDenseB = Matrix(rows: 1, columns: dense.outputCount)
        var loss = 0.0, correct = 0
        for (x, label) in zip(inputs, labels) {
            let z = conv.forward(x)
            let a = z.map(Activation.relu.apply)
            let p = pool.forward(a)
            let flat = Flatten().forward(p.output)
            let logits = dense.forward(flat).output
            let s = SoftmaxCrossEntropy(logits: logits, labels: [label])
            loss += s.loss / n
            if s.predictions[0] == label { correct += 1 }
            let g = (1 / n) * s.gradient                               // ∂L/∂logits for the batch mean
            dDense = dDense + flat.transposed * g
            dDenseB = dDenseB + g
            let dFlat = g * dense.weights.transposed
            let dRelu = pool.backward(outputGradient: Flatten().backward(dFlat, like: p.output), argmax: p.argmax, inputShape: a)
            let dz = dRelu.hadamard(z.map(Activation.relu.derivative))
            let back = conv.backward(input: x, outputGradient: dz)
            for k in 0..<dConv.count { dConv[k] += back.weights[k] }
            for o in 0..<dConvB.count { dConvB[o] += back.bias[o] }
        }
        var newConv = conv
        newConv.weights = zip(conv.weights, dConv).map { $0 - eta * $1 }
        newConv.bias = zip(conv.bias, dConvB).map { $0 - eta * $1 }
        let newDense = Dense(weights: dense.weights - eta * dDense, bias: dense.bias - eta * dDenseB, activation: .identity)
        return (loss, newConv, newDense, correct)
    }

    /// Three steps of ConvTrainer against the reference, for one architecture.
    /// Inputs of `rows` (default: `side`) × `side`.
    static func checkConv(channels: Int, side: Int, rows height: Int? = nil, filters: Int, kernel: Int, padding: Int, pool size: Int, classes: Int, seed: UInt64) {
        let height = height ?? side
        var random = SeededRandom(seed: seed)
        var conv = Conv2D(inChannels: channels, outChannels: filters, kernelSize: kernel, padding: padding,
                          weights: (0..<(filters * channels * kernel * kernel)).map { _ in random.normal() * 0.5 })
        conv.bias = (0..<filters).map { _ in 0.1 * random.normal() }
        let pool = MaxPool2D(size: size)
        let features = filters * ((height + 2 * padding - kernel + 1) / size) * ((side + 2 * padding - kernel + 1) / size)
        var dense = Dense(weights: Initializer.he.weights(inputs: features, outputs: classes, using: &random),
                          bias: Matrix(row: (0..<classes).map { _ in 0.1 * random.normal() }), activation: .identity)
        let count = 10
        // Inputs with many exact zeros (like a digit's background) and some ties after ReLU.
        let inputs = (0..<count).map { _ in
            Tensor3(channels: channels, rows: height, columns: side, values: (0..<(channels * height * side)).map { _ in random.uniform() < 0.4 ? 0 : random.uniform(0, 1) })
        }
        let labels = (0..<count).map { _ in random.index(below: classes) }
        let trainer = ConvTrainer(conv: conv, pool: pool, dense: dense, inputRows: height, inputColumns: side, batchSize: 6)
        let flat = inputs.flatMap(\.values)
        for rows in [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9], [2]] {
            let fast = flat.withUnsafeBufferPointer { x in
                labels.withUnsafeBufferPointer { y in trainer.step(inputs: x.baseAddress!, labels: y.baseAddress!, rows: rows[...], learningRate: 0.3) }
            }
            let ref = referenceStep(conv: conv, pool: pool, dense: dense, inputs: rows.map { inputs[$0] }, labels: rows.map { labels[$0] }, eta: 0.3)
            #expect(abs(fast - ref.loss) < 1e-12, "loss \(fast) vs \(ref.loss)")
            #expect(trainer.correctInLastStep == ref.correct)
            conv = ref.conv
            dense = ref.dense
            #expect(gap(trainer.convolution.weights, conv.weights) < 1e-12)
            #expect(gap(trainer.convolution.bias, conv.bias) < 1e-12)
            #expect(gap(trainer.dense.weights.values, dense.weights.values) < 1e-12)
            #expect(gap(trainer.dense.bias.values, dense.bias.values) < 1e-12)
        }
        // Predictions agree with the reference forward pass.
        let predicted = inputs.map { x -> Int in
            let p = pool.forward(conv.forward(x).map(Activation.relu.apply))
            return SoftmaxCrossEntropy.argmax(dense.forward(Flatten().forward(p.output)).output)[0]
        }
        let fast = flat.withUnsafeBufferPointer { trainer.predictions(inputs: $0.baseAddress!, rows: Array(0..<count)) }
        #expect(fast == predicted)
    }

    @Test("ConvTrainer: three steps of the digits CNN (8 filters 3×3, padding 1, 2×2 pooling, 128 → 10) equal the reference to 1e-12")
    func digitsCNNSteps() {
        Self.checkConv(channels: 1, side: 8, filters: 8, kernel: 3, padding: 1, pool: 2, classes: 10, seed: 5)
    }

    @Test("ConvTrainer: two input channels, no padding, 3×3 pooling, 5×5 kernels equal the reference")
    func otherConvShapes() {
        Self.checkConv(channels: 2, side: 8, filters: 3, kernel: 3, padding: 0, pool: 3, classes: 4, seed: 6)
        Self.checkConv(channels: 1, side: 6, filters: 2, kernel: 5, padding: 2, pool: 2, classes: 3, seed: 7)
    }

    @Test("ConvTrainer: 2×2 pooling over rows of 6 and 5 windows (four at once, then one by one) equals the reference")
    func poolingRowsWiderThanFour() {
        // 12 × 12 maps in rows of 14; pooled rows of 6 windows: 4 together, then 2.
        Self.checkConv(channels: 1, side: 12, filters: 3, kernel: 3, padding: 1, pool: 2, classes: 4, seed: 8)
        // 10 × 10 maps in rows of 12; pooled rows of 5 windows: 4 together, then 1.
        Self.checkConv(channels: 1, side: 12, filters: 2, kernel: 3, padding: 0, pool: 2, classes: 3, seed: 9)
    }

    @Test("ConvTrainer: a 3×3 kernel over maps 8 wide (four rows at once, then one by one) equals the reference")
    func eightWideMapsOfOtherHeights() {
        // Maps of 6 rows (4 together, then 2) and 10 rows (4, 4, then 2) take the digits' 8-wide path.
        Self.checkConv(channels: 1, side: 8, rows: 6, filters: 3, kernel: 3, padding: 1, pool: 2, classes: 4, seed: 10)
        Self.checkConv(channels: 1, side: 8, rows: 10, filters: 2, kernel: 3, padding: 1, pool: 2, classes: 3, seed: 11)
        // 7 rows (4, then 3 one by one), pooled by 1 (every cell its own window).
        Self.checkConv(channels: 1, side: 8, rows: 7, filters: 2, kernel: 3, padding: 1, pool: 1, classes: 3, seed: 12)
    }

    @Test("the fast trainers' argmax and softmax maximum: the first of equal values, never a NaN over an earlier value, as SoftmaxCrossEntropy.argmax")
    func argmaxTiesAndNaN() {
        let cases: [[Double]] = [[0.2, 0.5, 0.5, 0.1], [0.7, 0.1, 0.7], [.nan, 0.3, 0.9], [0.3, .nan, 0.2], [1], [-0.0, 0.0], [-3, -1, -2, -1]]
        for values in cases {
            let fast = values.withUnsafeBufferPointer { Kernels.argmax($0.baseAddress!, $0.count) }
            var expected = 0
            for j in values.indices.dropFirst() where values[j] > values[expected] { expected = j }
            #expect(fast == expected, "\(values)")
            #expect(fast == SoftmaxCrossEntropy.argmax(Matrix(row: values))[0], "\(values)")
        }
        #expect([Double]().withUnsafeBufferPointer { Kernels.argmax($0.baseAddress ?? UnsafePointer(bitPattern: 8)!, 0) } == 0)
        // The loss subtracts the largest logit first: huge logits still give finite probabilities.
        let z: [Double] = [1e308, -1e308, 1e308, 0]
        var p = [Double](repeating: 0, count: 4)
        let loss = z.withUnsafeBufferPointer { zb in p.withUnsafeMutableBufferPointer { Kernels.softmaxCrossEntropy(zb.baseAddress!, count: 4, label: 0, into: $0.baseAddress!) } }
        #expect(p == [0.5, 0, 0.5, 0] && abs(loss - Foundation.log(2)) < 1e-15)
    }

    @Test("ConvTrainer on the digits: the gradient of one step matches central differences of the batch loss")
    func convGradientCheck() {
        // The update is −η·∇L, so (start − after)/η is the gradient; compare a few entries with
        // (L(θ + h) − L(θ − h)) / 2h computed by the reference forward pass.
        var random = SeededRandom(seed: 9)
        let conv = Conv2D(inChannels: 1, outChannels: 2, kernelSize: 3, padding: 1, weights: (0..<18).map { _ in random.normal() * 0.5 })
        let dense = Dense(weights: Initializer.he.weights(inputs: 32, outputs: 10, using: &random), bias: Matrix(rows: 1, columns: 10), activation: .identity)
        let digits = Digits.all
        let inputs = (0..<4).map { Tensor3(channels: 1, rows: 8, columns: 8, values: digits.pixels[$0].map { $0 / 16 }) }
        let labels = Array(digits.labels.prefix(4))
        let trainer = ConvTrainer(conv: conv, pool: MaxPool2D(size: 2), dense: dense, inputRows: 8, inputColumns: 8, batchSize: 4)
        let flat = inputs.flatMap(\.values)
        flat.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in _ = trainer.step(inputs: x.baseAddress!, labels: y.baseAddress!, rows: [0, 1, 2, 3][...], learningRate: 1) }
        }
        let analytic = zip(conv.weights, trainer.convolution.weights).map { $0 - $1 }
        func loss(_ w: [Double]) -> Double {
            var c = conv
            c.weights = w
            return zip(inputs, labels).map { x, label in
                let p = MaxPool2D(size: 2).forward(c.forward(x).map(Activation.relu.apply))
                return SoftmaxCrossEntropy(logits: dense.forward(Flatten().forward(p.output)).output, labels: [label]).loss
            }.reduce(0, +) / 4
        }
        let checks = GradientCheck.compare(analytic: analytic, at: conv.weights, loss)
        #expect(checks.allSatisfy { $0.passes(tolerance: 1e-6) }, "max relative error \(checks.map(\.relativeError).max() ?? 0)")
    }
}
