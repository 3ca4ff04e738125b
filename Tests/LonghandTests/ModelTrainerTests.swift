import Foundation
import Testing
@testable import LonghandEngine

/// The model protocol and the one trainer: flat parameters round-trip, every model's gradient against
/// central differences, the divergence rule, and the fast backend against the reference path.
@Suite("model and trainer")
struct ModelTrainerTests {
    static func denseCase() -> (Network, Network.Batch) {
        var r = SeededRandom(seed: 21)
        let net = Network(sizes: [3, 4, 2], hidden: .tanh, output: .identity, initializer: .lecun, using: &r)
        let x = Matrix(rows: 5, columns: 3) { _, _ in r.uniform(-1, 1) }
        return (net, Network.Batch(inputs: x, objective: .softmaxCrossEntropy(labels: [0, 1, 1, 0, 1])))
    }

    static func convCase() -> (TinyConvNet, TinyConvNet.Batch) {
        var r = SeededRandom(seed: 22)
        let conv = Conv2D(inChannels: 1, outChannels: 2, kernelSize: 2, weights: (0..<8).map { _ in r.uniform(-1, 1) },
                          bias: [0.1, -0.05])
        let fc = Dense(weights: Matrix(rows: 8, columns: 2) { _, _ in r.uniform(-1, 1) }, bias: Matrix(row: [0.2, -0.1]),
                       activation: .identity)
        let net = TinyConvNet(conv: conv, pool: MaxPool2D(size: 2), fc: fc)
        let x = Tensor3(channels: 1, rows: 5, columns: 5, values: (0..<25).map { _ in r.uniform(-1, 1) })
        return (net, TinyConvNet.Batch(input: x, target: [0.5, -0.25]))
    }

    /// A flat vector of the right length whose entries are all different from the model's.
    static func shifted(_ p: [Double]) -> [Double] { p.enumerated().map { $1 + 0.01 * Double($0 + 1) } }

    @Test("parameters round-trip through the flat vector for the dense, stacked, conv and per-neuron models")
    func roundTrip() {
        let (dense, _) = Self.denseCase()
        let (conv, _) = Self.convCase()
        let stack = LayerStack(pieces: [.dense(dense.layers[0]), .batchNorm(BatchNorm(features: 4)), .activation(.relu), .dense(dense.layers[1])])
        let sigmoid = SigmoidNetwork(sizes: [2, 3, 1], parameters: (0..<13).map { Double($0) / 10 })
        #expect(dense.with(parameters: dense.parameters) == dense)
        #expect(conv.with(parameters: conv.parameters) == conv)
        #expect(stack.with(parameters: stack.parameters) == stack)
        #expect(sigmoid.with(parameters: sigmoid.parameters) == sigmoid)
        for p in [dense.parameters, conv.parameters, stack.parameters, sigmoid.parameters] { #expect(Set(Self.shifted(p)).count == p.count) }
        #expect(dense.with(parameters: Self.shifted(dense.parameters)).parameters == Self.shifted(dense.parameters))
        #expect(conv.with(parameters: Self.shifted(conv.parameters)).parameters == Self.shifted(conv.parameters))
        #expect(stack.with(parameters: Self.shifted(stack.parameters)).parameters == Self.shifted(stack.parameters))
        #expect(sigmoid.with(parameters: Self.shifted(sigmoid.parameters)).parameters == Self.shifted(sigmoid.parameters))
        // The documented orders: conv kernels, conv biases, then the dense W and b.
        #expect(conv.parameters == conv.conv.weights + conv.conv.bias + conv.fc.weights.values + conv.fc.bias.values)
        #expect(conv.parameters.count == 8 + 2 + 16 + 2)
        // Weight blocks point at the weights and nothing else.
        let blocks = dense.weightBlocks
        #expect(blocks.map(\.range) == [0..<12, 16..<24])
        #expect(blocks.flatMap { Array(dense.parameters[$0.range]) } == dense.layers[0].weights.values + dense.layers[1].weights.values)
        #expect(conv.weightBlocks.map(\.range) == [10..<26])
    }

    @Test("the per-neuron sigmoid network is a view of a dense network: w1…w6, b1…b3 are its W and b entries")
    func sigmoidView() {
        let p: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9]   // w1 … w6, b1, b2, b3
        let net = SigmoidNetwork(sizes: [2, 2, 1], parameters: p)
        #expect(net.network.layers[0].weights.nested == [[1, 3], [2, 4]])   // neuron 1 has w1, w2; neuron 2 has w3, w4
        #expect(net.network.layers[1].weights.nested == [[5], [6]])
        #expect(net.network.layers[0].bias.values == [7, 8] && net.network.layers[1].bias.values == [9])
        #expect(net.weights == [[[1, 2], [3, 4]], [[5, 6]]] && net.biases == [[7, 8], [9]])
        #expect(net.network.layers.allSatisfy { $0.activation == .sigmoid })
        let x: [Double] = [0.3, -0.7]
        let h = [Activation.sigmoid(1 * 0.3 + 2 * -0.7 + 7), Activation.sigmoid(3 * 0.3 + 4 * -0.7 + 8)]
        #expect(abs(net.predict(x)[0] - Activation.sigmoid(5 * h[0] + 6 * h[1] + 9)) < 1e-15)
    }

    @Test("every model's gradient agrees with central differences of its loss")
    func gradients() {
        let (dense, denseBatch) = Self.denseCase()
        #expect(dense.gradientCheck(on: denseBatch).allSatisfy { $0.passes() })
        let (conv, convBatch) = Self.convCase()
        let convChecks = conv.gradientCheck(on: convBatch)
        #expect(convChecks.count == conv.parameterCount)
        #expect(convChecks.allSatisfy { $0.passes() })
        var r = SeededRandom(seed: 5)
        let sigmoid = SigmoidNetwork(sizes: [2, 3, 2], random: &r)
        #expect(sigmoid.gradientCheck(on: .init(input: [0.4, -1.2], target: [1, 0])).allSatisfy { $0.passes() })
        let masks: [Matrix?] = [Matrix([[2, 0, 2, 2], [0, 2, 2, 0], [2, 2, 0, 2], [2, 2, 2, 2], [0, 0, 2, 2]]), nil]
        let dropped = Network.Batch(inputs: denseBatch.inputs, objective: denseBatch.objective, masks: masks)
        #expect(dense.gradientCheck(on: dropped).allSatisfy { $0.passes() })
    }

    @Test("a point on the bowl: gradient descent with a rate past 1/max a stops at the first step whose cost passes 10¹²")
    func divergenceRule() throws {
        let bowl = QuadraticBowl(coefficients: [1, 50]), eta = 0.05   // factor on v2: 1 − 2·50·0.05 = −4
        let run = Trainer(optimizer: GradientDescentOptimizer(learningRate: eta), steps: 100).run(bowl.point([1, 1]), on: ())
        // Independently: v2 after t steps is (−4)^t, so C_t = 0.9^(2t) + 50·16^t.
        let expected = try #require((0...100).first { t in
            pow(0.9, Double(2 * t)) + 50 * pow(16, Double(t)) > Divergence.lossLimit
        })
        #expect(run.divergedAt == expected)
        #expect(run.losses.count == expected)
        #expect(run.losses.allSatisfy { $0.isFinite && $0 <= Divergence.lossLimit })
        #expect(try #require(run.divergedLoss) > Divergence.lossLimit)
        #expect(run.model.parameters.allSatisfy { $0.isFinite })
        // A run whose cost climbs far above its start but stays under the limit is not stopped: the rule is
        // absolute, not relative to the start (here v2 is multiplied by 1 − 2·50·0.021 = −1.1 each step).
        let climb = Trainer(optimizer: GradientDescentOptimizer(learningRate: 0.021), steps: 30).run(bowl.point([1, 1]), on: ())
        #expect(climb.divergedAt == nil)
        #expect(climb.losses.count == 31)
        #expect(climb.finalLoss > 10 * climb.losses[0])
    }

    @Test("a NaN gradient stops the run before the update")
    func nonFiniteGradient() {
        let (dense, batch) = Self.denseCase()
        var bad = dense
        bad.layers[1].bias[0, 0] = .nan
        let run = Trainer(optimizer: GradientDescentOptimizer(learningRate: 0.1), steps: 5).run(bad, on: batch)
        #expect(run.divergedAt == 0)
        #expect(run.losses.isEmpty)
        #expect(run.gradientNorms.isEmpty)
    }

    @Test("the trainer's L2 penalty, clipping and max-norm equal the steps written out")
    func penaltyClippingMaxNorm() {
        let (dense, batch) = Self.denseCase()
        let eta = 0.3, lambda = 0.01, clip = 0.5, radius = 0.8
        let trainer = Trainer(optimizer: GradientDescentOptimizer(learningRate: eta), steps: 3, penalty: .l2(lambda: lambda),
                              clipping: .norm(threshold: clip), maxNorm: radius)
        let run = trainer.run(dense, on: batch)
        var net = dense
        for t in 0..<3 {
            let e = net.evaluate(batch.inputs, batch.objective)
            let grads = e.gradients.enumerated().map { l, g in
                DenseGradient(weights: g.weights + (2 * lambda) * net.layers[l].weights, bias: g.bias)
            }
            let penalty = net.layers.reduce(0) { $0 + lambda * $1.weights.values.reduce(0) { $0 + $1 * $1 } }
            #expect(abs(run.losses[t] - (e.loss + penalty)) < 1e-14)
            let flat = GradientClipping.norm(threshold: clip).apply(grads.flatMap(\.flattened))
            #expect(abs(run.gradientNorms[t] - GradientClipping.norm(grads.flatMap(\.flattened))) < 1e-14)
            let moved = net.with(parameters: zip(net.parameters, flat).map { $0 - eta * $1 })
            net = Network(layers: moved.layers.map { Dense(weights: MaxNorm.project($0.weights, radius: radius), bias: $0.bias, activation: $0.activation) })
        }
        #expect(zip(run.model.parameters, net.parameters).allSatisfy { abs($0 - $1) < 1e-14 })
        for l in run.model.layers { for j in 0..<l.weights.columns { #expect(MaxNorm.norm(l.weights.column(j)) <= radius + 1e-12) } }
    }

    @Test("early stopping keeps the model with the lowest monitored value and stops `patience` steps after it")
    func earlyStopping() {
        // Gradient descent on C = v² moves v_t = 0.9^t; the watched (v − 0.3)² falls, then rises once v passes 0.3.
        let bowl = QuadraticBowl(coefficients: [1])
        let trainer = Trainer(optimizer: GradientDescentOptimizer(learningRate: 0.05), steps: 1000, monitor: 0, patience: 3)
        let run = trainer.run(bowl.point([1]), batch: { _ in () }, watch: [{ p in (p.parameters[0] - 0.3) * (p.parameters[0] - 0.3) }])
        // v_t = 0.9^t; (v − 0.3)² is lowest at the first t with 0.9^t nearest 0.3 from either side.
        let best = (0...1000).min { abs(pow(0.9, Double($0)) - 0.3) < abs(pow(0.9, Double($1)) - 0.3) }!
        #expect(run.bestStep == best)
        #expect(run.stoppedEarlyAt == best + 3)
        #expect(abs(run.bestModel!.parameters[0] - pow(0.9, Double(best))) < 1e-12)
        #expect(run.watchedSteps == Array(0...(best + 3)))
    }

    @Test("the fast dense backend behind MinibatchTraining equals the reference Trainer on the same batches to 1e-12")
    func fastBackendMatchesReference() {
        var r = SeededRandom(seed: 8)
        let inputs = (0..<40).map { _ in (0..<6).map { _ in max(0, r.uniform(-1, 1)) } }
        let labels = (0..<40).map { _ in Int(r.uniform(0, 3)) % 3 }
        let net = Network(sizes: [6, 5, 3], hidden: .relu, output: .identity, initializer: .he, using: &r)
        let train = Array(0..<30), test = Array(30..<40), batch = 8
        let shuffler = SeededRandom(seed: 9)
        let backend = MinibatchTrainer(network: net, batchSize: batch)
        let flat = inputs.flatMap { $0 }
        let fast = flat.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                MinibatchTraining.run(backend, inputs: x.baseAddress!, labels: y.baseAddress!, train: train, test: test,
                                      epochs: 2, batchSize: batch, learningRate: 0.2, shuffler: shuffler)
            }
        }
        // The reference: the same shuffled batches through the one Trainer and Network's own passes.
        var order = shuffler, batches: [[Int]] = []
        for _ in 0..<2 {
            let epoch = order.permutation(train.count).map { train[$0] }
            batches += stride(from: 0, to: epoch.count, by: batch).map { Array(epoch[$0..<min($0 + batch, epoch.count)]) }
        }
        let reference = Trainer(optimizer: GradientDescentOptimizer(learningRate: 0.2), steps: batches.count, evaluatesFinalLoss: false)
            .run(net, batch: { t in Network.Batch(inputs: Matrix(batches[t].map { inputs[$0] }), objective: .softmaxCrossEntropy(labels: batches[t].map { labels[$0] })) })
        #expect(fast.divergence == nil && fast.completedEpochs == 2)
        #expect(zip(backend.network.parameters, reference.model.parameters).allSatisfy { abs($0 - $1) < 1e-12 })
        // Epoch 1's mean training loss is the batches' losses weighted by their sizes.
        let perEpoch = batches.count / 2
        let epochOne = zip(reference.losses.prefix(perEpoch), batches.prefix(perEpoch)).reduce(0) { $0 + $1.0 * Double($1.1.count) } / 30
        #expect(abs(fast.loss[1] - epochOne) < 1e-12)
        let held = reference.model.loss(Matrix(test.map { inputs[$0] }), .softmaxCrossEntropy(labels: test.map { labels[$0] }))
        #expect(abs(fast.testLoss[2] - held) < 1e-12)
    }

    @Test("toy data: spiral arms and clusters have the promised shapes, classes and places, and repeat from a seed")
    func toyData() {
        var a = SeededRandom(seed: 4), b = SeededRandom(seed: 4)
        let s = ToyData.spiral(perClass: 20, classes: 3, using: &a)
        #expect(s.x.rows == 60 && s.x.columns == 2)
        #expect((0..<3).map { c in s.labels.filter { $0 == c }.count } == [20, 20, 20])
        #expect(Set(s.labels.prefix(10)).count == 3)   // shuffled: a prefix holds every class
        let radii = (0..<60).map { (s.x[$0, 0] * s.x[$0, 0] + s.x[$0, 1] * s.x[$0, 1]).squareRoot() }
        #expect(radii.min()! >= 0.15 - 1e-12 && radii.max()! <= 1 + 1e-12)
        #expect(ToyData.spiral(perClass: 20, classes: 3, using: &b).x == s.x)
        var c = SeededRandom(seed: 6)
        let k = ToyData.clusters(count: 300, spread: 0.1, using: &c)
        #expect(k.labels == (0..<300).map { $0 % 3 })
        for cls in 0..<3 {
            let rows = (0..<300).filter { k.labels[$0] == cls }
            let mean = (0..<2).map { j in rows.reduce(0) { $0 + k.inputs[$1, j] } / Double(rows.count) }
            let angle = Double.pi / 2 + 2 * Double.pi * Double(cls) / 3
            #expect(abs(mean[0] - 1.5 * cos(angle)) < 0.05 && abs(mean[1] - 1.5 * sin(angle)) < 0.05)
        }
    }

    @Test("accuracy of outputs: the first largest output per row is the prediction")
    func accuracyOfOutputs() {
        let outputs = Matrix([[1, 1, 0], [0, 2, 2], [0.1, 0.3, 0.2], [5, -1, 4]])
        #expect(Accuracy.of(outputs: outputs, labels: [0, 1, 1, 0]) == 1)
        #expect(Accuracy.of(outputs: outputs, labels: [1, 2, 1, 0]) == 0.5)
    }

    @Test("squared error: one implementation, scalings Σ, Σ/n, Σ/2, Σ/2n, and the models use it")
    func squaredError() {
        let y: [Double] = [1, 0, 2], p: [Double] = [0.5, 0.5, 1]   // Σ(y − ŷ)² = 1.5
        #expect(SquaredError.loss(yTrue: y, yPred: p, scaling: .sum) == 1.5)
        #expect(SquaredError.loss(yTrue: y, yPred: p, scaling: .mean) == 0.5)
        #expect(SquaredError.loss(yTrue: y, yPred: p, scaling: .halfSum) == 0.75)
        #expect(SquaredError.loss(yTrue: y, yPred: p, scaling: .halfMean) == 0.25)
        #expect(SquaredError.gradient(yTrue: y, yPred: p, scaling: .sum) == [-1, 1, -2])
        #expect(SigmoidNetwork.squaredError(target: y, prediction: p) == 1.5)
        let a = Matrix([[0.5, 0.5], [1, 3]]), t = Matrix([[1, 0], [2, 2]])   // Σ = 2.5, n = 2
        let (loss, g) = Network.Objective.halfSquaredError(targets: t).evaluate(a)
        #expect(loss == 2.5 / 4)
        #expect(g.values == [-0.25, 0.25, -0.5, 0.5])
    }
}
