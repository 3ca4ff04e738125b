import Foundation
import Testing
@testable import LonghandEngine
@testable import Curriculum

/// The answer key of lesson 14, `regularization` (source texts 001 正则化惩罚项 and 002 过拟合的解决方案).
@Suite("regularization answer key")
struct RegularizationTests {
    /// A small network with mild weights for the gradient checks: 2 → 4 → 3 → 1, tanh hidden layers.
    static func smallNetwork(seed: UInt64 = 11) -> Network {
        var random = SeededRandom(seed: seed)
        return Network(sizes: [2, 4, 3, 1], hidden: .tanh, output: .identity, initializer: .lecun, using: &random)
    }

    static func samples(seed: UInt64 = 12) -> RegularizedTraining.Samples {
        var random = SeededRandom(seed: seed)
        let x = Matrix(rows: 5, columns: 2) { _, _ in random.uniform(-1, 1) }
        let y = Matrix(rows: 5, columns: 1) { _, _ in random.uniform(-1, 1) }
        return .init(inputs: x, targets: y)
    }

    /// Every entry of backpropagation's gradient against central differences of the objective.
    static func check(_ net: Network, _ s: RegularizedTraining.Samples, penalty: WeightPenalty, masks: [Matrix?]) -> [GradientCheck.Entry] {
        let analytic = RegularizedTraining.gradients(net, s, penalty: penalty, masks: masks).gradients.flatMap(\.flattened)
        return GradientCheck.compare(analytic: analytic, at: net.parameters) {
            RegularizedTraining.objective(net.with(parameters: $0), s, penalty: penalty, masks: masks)
        }
    }

    @Test("exercise 1: w = 0.8, ∂C/∂w = 0.05, η = 0.1, λ = 0.01 → L2 gives 0.7934, L1 gives 0.794")
    func penaltyUpdates() {
        let w = Matrix(rows: 1, columns: 1, values: [0.8])
        let g2 = WeightPenalty.l2(lambda: 0.01).gradient(w)[0, 0]
        #expect(abs(g2 - 2 * 0.01 * 0.8) < 1e-15)
        #expect(abs((0.8 - 0.1 * (0.05 + g2)) - 0.7934) < 1e-12)
        let g1 = WeightPenalty.l1(lambda: 0.01).gradient(w)[0, 0]
        #expect(g1 == 0.01)
        #expect(abs((0.8 - 0.1 * (0.05 + g1)) - 0.794) < 1e-12)
        // Weight decay form: (1 − 2ηλ)w − ηg is the same number.
        #expect(abs((1 - 2 * 0.1 * 0.01) * 0.8 - 0.1 * 0.05 - (0.8 - 0.1 * (0.05 + g2))) < 1e-15)
    }

    @Test("penalty values: L2 is λΣw², L1 is λΣ|w|, sign(0) = 0, biases are not penalised")
    func penaltyValues() {
        let w = Matrix([[1, -2], [0, 3]])
        #expect(WeightPenalty.l2(lambda: 0.5).value(w) == 0.5 * 14)
        #expect(WeightPenalty.l1(lambda: 0.5).value(w) == 0.5 * 6)
        #expect(WeightPenalty.l1(lambda: 1).gradient(w).values == [1, -1, 0, 1])
        let net = Network(layers: [Dense(weights: w, bias: Matrix(row: [100, 100]), activation: .identity)])
        #expect(WeightPenalty.l2(lambda: 1).value(of: net) == 14)
    }

    @Test("gradient check: L2 and L1 penalties in backpropagation agree with central differences")
    func penaltyGradientCheck() {
        let net = Self.smallNetwork(), s = Self.samples()
        let none = [Matrix?](repeating: nil, count: net.layers.count)
        for penalty in [WeightPenalty.l2(lambda: 0.05), .l1(lambda: 0.05)] {
            for e in Self.check(net, s, penalty: penalty, masks: none) { #expect(e.passes(tolerance: 1e-6), "\(penalty): \(e)") }
        }
    }

    @Test("gradient check: dropout backward (mask times the incoming gradient) agrees with central differences")
    func dropoutGradientCheck() {
        let net = Self.smallNetwork(), s = Self.samples()
        var random = SeededRandom(seed: 3)
        let masks = RegularizedTraining.masks(for: net, rows: 5, dropout: Dropout(keep: 1 - 0.3), using: &random)
        #expect(masks[0] != nil && masks[1] != nil && masks[2] == nil)
        #expect(masks.compactMap { $0 }.flatMap(\.values).contains(0))
        for e in Self.check(net, s, penalty: .l2(lambda: 0.01), masks: masks) { #expect(e.passes(tolerance: 1e-6), "\(e)") }
        // The layer alone: L = Σ c ⊙ (a ⊙ m), so ∂L/∂a = c ⊙ m.
        let d = Dropout(keep: 0.5), a = [0.3, -1.2, 0.7, 2.0], c = [1.0, 2, -1, 0.5]
        var r = SeededRandom(seed: 9)
        let m = d.mask(rows: 1, columns: 4, using: &r)
        let numeric = GradientCheck.centralDifferences(at: a) { v in
            zip(c, d.forward(Matrix(row: v), mask: m).values).map { $0 * $1 }.reduce(0, +)
        }
        let analytic = d.backward(Matrix(row: c), mask: m).values
        for (x, y) in zip(analytic, numeric) { #expect(abs(x - y) < 1e-9) }
    }

    @Test("dropout masks: about p dropped, the kept scaled by 1/(1 − p), the same for the same seed, nothing done at prediction")
    func dropoutMasks() {
        let d = Dropout(keep: 0.75)
        var r1 = SeededRandom(seed: 5), r2 = SeededRandom(seed: 5)
        let m = d.mask(rows: 100, columns: 100, using: &r1)
        #expect(m == d.mask(rows: 100, columns: 100, using: &r2))
        let dropped = Double(m.values.filter { $0 == 0 }.count) / 10_000
        #expect(abs(dropped - 0.25) < 0.02)
        #expect(m.values.allSatisfy { $0 == 0 || abs($0 - 4.0 / 3.0) < 1e-15 })
        // Inverted scaling keeps the mean: E[a·m] = a.
        #expect(abs(m.values.reduce(0, +) / 10_000 - 1) < 0.03)
        let a = Matrix(row: [1, 2, 3])
        #expect(d.predict(a) == a)
    }

    @Test("max-norm: (3, −4) with r = 2 becomes (1.2, −1.6); (0.6, 0.8) stays; each neuron's column separately")
    func maxNorm() {
        let p = MaxNorm.project([3, -4], radius: 2)
        #expect(abs(p[0] - 1.2) < 1e-15 && abs(p[1] + 1.6) < 1e-15)
        #expect(MaxNorm.project([0.6, 0.8], radius: 2) == [0.6, 0.8])
        // Columns are neurons: column 0 = (3, 4) → (1.2, 1.6); column 1 = (0.1, 0.2) stays.
        let w = MaxNorm.project(Matrix([[3, 0.1], [4, 0.2]]), radius: 2)
        #expect(abs(w[0, 0] - 1.2) < 1e-15 && abs(w[1, 0] - 1.6) < 1e-15 && w[0, 1] == 0.1 && w[1, 1] == 0.2)
        #expect(abs(MaxNorm.norm(w.column(0)) - 2) < 1e-15)
    }

    @Test("augmentation: the originals first, then jittered copies of x with the same targets")
    func augmentation() {
        var random = SeededRandom(seed: 1)
        let x = Matrix(column: [0.1, 0.5]), y = Matrix(column: [1, -1])
        let a = DataAugmentation.jittered(inputs: x, targets: y, copies: 3, standardDeviation: 0.1, using: &random)
        #expect(a.inputs.rows == 8 && a.targets.values == [1, -1, 1, -1, 1, -1, 1, -1])
        #expect(Array(a.inputs.values.prefix(2)) == [0.1, 0.5])
        #expect(a.inputs.values.dropFirst(2).allSatisfy { abs($0 - 0.1) < 0.6 || abs($0 - 0.5) < 0.6 })
    }

    @Test("a diverging run is stopped at the step it happens and keeps only finite losses")
    func divergence() {
        let net = Self.smallNetwork(), s = Self.samples()
        let r = RegularizedTraining.run(net, fit: s, train: s, validation: s, test: s,
                                        settings: .init(learningRate: 500, iterations: 200, recordEvery: 1))
        #expect(r.divergedAt != nil)
        #expect((r.trainLosses + r.validationLosses + r.testLosses).allSatisfy { $0.isFinite })
    }

    @Test("regularization --json: the L2 and L1 updates worked by hand, overfitting without a remedy, every remedy lowers the test loss")
    func json() throws {
        let v = try TestSupport.values("regularization")
        let w = try #require(v.number("weight")), g = try #require(v.number("data_gradient"))
        #expect(abs((v.number("l2_gradient") ?? 0) - 2 * 0.003 * w) < 1e-15)
        #expect(abs((v.number("l2_weight_after") ?? 0) - (w - 0.1 * (g + 2 * 0.003 * w))) < 1e-12)
        #expect(abs((v.number("l1_weight_after") ?? 0) - (w - 0.1 * (g + 0.01 * (w > 0 ? 1 : -1)))) < 1e-12)
        #expect(v.number("keep_scale") == 1 / 0.9)
        // Training loss falls while test loss rises after its minimum.
        let train = try #require(v.vector("train_losses")), test = try #require(v.vector("test_losses"))
        #expect(train.last! < train.first! / 50)
        let minTest = try #require(v.number("min_test_loss"))
        #expect(test.min() == minTest && test.last! > 2 * minTest)
        let trainLoss = try #require(v["train_loss"] as? [String: Any]), testLoss = try #require(v["test_loss"] as? [String: Any])
        let plainTest = try #require(testLoss.number("none")), plainTrain = try #require(trainLoss.number("none"))
        #expect(plainTest == test.last)
        for key in ["l2", "l1", "dropout", "early_stopping", "max_norm", "augmentation"] {
            #expect((testLoss.number(key) ?? 1) < plainTest, "\(key)")
            #expect((trainLoss.number(key) ?? 0) > plainTrain, "\(key)")
        }
        // Early stopping: the best validation step of the plain run, then `patience` more steps.
        let steps = try #require(v.vector("recorded_steps")), validation = try #require(v.vector("validation_losses"))
        let stopped = try #require(v.number("early_stopping_stopped_at")), best = try #require(v.number("early_stopping_best_step"))
        let seen = zip(steps, validation).filter { $0.0 <= stopped }
        #expect(seen.min { $0.1 < $1.1 }?.0 == best)
        #expect(stopped - best == 200)
        // Gradient checks reported by the page.
        for key in ["l2_gradient_check", "l1_gradient_check", "dropout_gradient_check"] { #expect((v.number(key) ?? 1) < 1e-6, "\(key)") }
        // Exercises.
        #expect(v.vector("exercise2_projected1").map { $0.map { printed($0, 6) } } == [1.2, -1.6])
        #expect(abs((v.number("exercise1_l2_after") ?? 0) - 0.7934) < 1e-12)
        #expect((v.number("exercise3_train_loss") ?? 0) > (trainLoss.number("l2") ?? 1))
    }

    @Test("regularization with other options: the data, the worked update and the augmented set match an independent computation")
    func changedOptions() throws {
        let args = ["--points", "6", "--hidden", "5", "--iterations", "60", "--learning-rate", "0.05", "--l2", "0.02", "--l1", "0.04", "--copies", "2", "--seed", "3"]
        let v = try TestSupport.values("regularization", args)
        // The data, regenerated: x uniform in [−1, 1] from the seed's first stream, sorted.
        var random = SeededRandom(seed: 3 &* 1_000_003 &+ 1)
        let xs = (0..<6).map { _ in random.uniform(-1, 1) }.sorted()
        for (a, b) in zip(v.vector("train_x") ?? [], xs) { #expect(abs(a - b) < 1e-15) }
        #expect(v.vector("train_x")?.count == 6)
        #expect(v.number("augmented_points") == 18)
        // The data gradient of the worked weight W²₁ by central differences (no backpropagation).
        let lesson = try RegularizationLesson.parse(args)
        let net = lesson.startNetwork, train = lesson.data.train
        let index = net.layers[0].weights.values.count + net.layers[0].bias.values.count   // first weight of layer 2
        let numeric = GradientCheck.centralDifferences(at: net.parameters) { net.with(parameters: $0).loss(train.inputs, .halfSquaredError(targets: train.targets)) }[index]
        let g = try #require(v.number("data_gradient")), w = try #require(v.number("weight"))
        #expect(abs(w - net.layers[1].weights[0, 0]) < 1e-15)
        #expect(GradientCheck.relativeError(g, numeric) < 1e-6)
        #expect(abs((v.number("l2_weight_after") ?? 0) - (w - 0.05 * (g + 2 * 0.02 * w))) < 1e-12)
        #expect(abs((v.number("l1_weight_after") ?? 0) - (w - 0.05 * (g + 0.04 * (w > 0 ? 1 : -1)))) < 1e-12)
    }

    @Test("regularization rejects --dropout 1, --max-norm 0 and --points 2 with exit 64, one line, nothing written")
    func badInput() throws {
        for args in [["--dropout", "1"], ["--max-norm", "0"], ["--points", "2"]] {
            try TestSupport.expectRefused("regularization", args)
        }
    }
}
