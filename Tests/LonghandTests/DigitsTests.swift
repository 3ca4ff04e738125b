import Foundation
import Testing
@testable import LonghandEngine
@testable import Notebook
@testable import Curriculum

/// Answer key for the digits lesson: the first test digit's forward pass recomputed with plain loops
/// from the recorded weights, the held-out accuracy of both networks, the confusion matrices, a run
/// with other options against an independent minibatch SGD, divergence and bad input.
@Suite("digits")
struct DigitsTests {
    /// The default run's values, computed once (a full training run of both networks).
    nonisolated(unsafe) static let defaults: [String: Any] = (try? TestSupport.values("digits")) ?? [:]

    /// z = xW₁ + b₁, h = ReLU(z), y = hW₂ + b₂, p = softmax(y), with loops and Foundation's exp.
    static func forward(_ x: [Double], _ w1: [[Double]], _ b1: [Double], _ w2: [[Double]], _ b2: [Double])
        -> (z: [Double], h: [Double], y: [Double], p: [Double]) {
        var z = b1
        for j in 0..<b1.count { for i in 0..<x.count { z[j] += x[i] * w1[i][j] } }
        let h = z.map { max(0, $0) }
        var y = b2
        for k in 0..<b2.count { for j in 0..<h.count { y[k] += h[j] * w2[j][k] } }
        let top = y.max()!
        let e = y.map { Foundation.exp($0 - top) }
        let sum = e.reduce(0, +)
        return (z, h, y, e.map { $0 / sum })
    }

    static func close(_ a: [Double]?, _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
        guard let a, a.count == b.count else { return false }
        return zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
    }

    @Test("the first test digit through the trained MLP: z, h, the 10 scores, softmax and loss, recomputed with loops")
    func firstTestDigit() throws {
        let v = Self.defaults
        let split = Digits.all.split(testFraction: 0.2, seed: 1)
        let index = split.test[0]
        #expect(v.number("first_test_index") == Double(index))
        #expect(index == 660 && Digits.all.labels[index] == 4)                 // file row 661, a 4
        #expect(v.number("first_test_label") == 4)
        let x = Digits.all.pixels[index].map { $0 / 16 }
        #expect(v.vector("x") == x)
        let w1 = try #require(v.matrix("W1")), b1 = try #require(v.vector("b1"))
        let w2 = try #require(v.matrix("W2")), b2 = try #require(v.vector("b2"))
        #expect(w1.count == 64 && w1[0].count == 32 && w2.count == 32 && w2[0].count == 10)
        let f = Self.forward(x, w1, b1, w2, b2)
        #expect(Self.close(v.vector("z"), f.z))
        #expect(Self.close(v.vector("h"), f.h))
        #expect(Self.close(v.vector("y"), f.y))
        #expect(Self.close(v.vector("p"), f.p))
        let predicted = f.p.indices.max { f.p[$0] < f.p[$1] }!
        #expect(v.number("predicted_digit") == Double(predicted))
        let loss = try #require(v.number("first_test_loss"))
        #expect(abs(loss - -Foundation.log(f.p[4])) < 1e-12 * max(1, loss) + 1e-18)
        // The numbers as the page prints them.
        #expect(printed(f.z[0], 6) == -0.480275)
        #expect(printed(f.z[27], 5) == 6.98372)
        #expect(f.h[0] == 0 && f.h.filter { $0 == 0 }.count == 10)
        #expect(printed(f.y[4], 3) == 23.197)
        #expect(predicted == 4 && printed(f.p[4], 6) == 0.999996)
        #expect(abs(loss - 3.83479e-6) < 5e-12)
    }

    @Test("held-out accuracy of both networks is at least 97% (MLP 352/359 = 98.05%, CNN 354/359 = 98.61%)")
    func heldOutAccuracy() throws {
        let v = Self.defaults
        let mlp = try #require(v.number("mlp_test_accuracy")), cnn = try #require(v.number("cnn_test_accuracy"))
        #expect(mlp >= 0.97 && cnn >= 0.97)
        #expect(v.number("mlp_test_correct") == 352 && v.number("cnn_test_correct") == 354)
        #expect(printed(mlp * 100, 2) == 98.05 && printed(cnn * 100, 2) == 98.61)
        #expect(v.number("test_count") == 359 && v.number("train_count") == 1438)
        #expect(v.number("mlp_parameters") == 2410 && v.number("cnn_parameters") == 1370)
        #expect(v.number("mlp_completed_epochs") == 40 && v.number("cnn_completed_epochs") == 40)
        // The curves start before training, near ln 10, and end far lower.
        let loss = try #require(v.vector("mlp_epoch_loss"))
        #expect(loss.count == 41 && abs(loss[0] - Foundation.log(10)) < 0.5 && loss[40] < 0.05)
    }

    @Test("5-fold cross-validation on the 1438 training digits chooses η = 0.3 and 40 epochs for both networks (the highest mean validation accuracy of the 3 × 3 grid)")
    func crossValidation() throws {
        let v = Self.defaults
        #expect(v.number("cv_folds") == 5)
        let rates = try #require(v.vector("cv_learning_rates")), epochs = try #require(v.vector("cv_epochs"))
        #expect(rates == [0.1, 0.1, 0.1, 0.3, 0.3, 0.3, 1, 1, 1] && epochs == [10, 20, 40, 10, 20, 40, 10, 20, 40])
        for key in ["mlp", "cnn"] {
            let mean = try #require(v.vector("cv_\(key)_mean")), spread = try #require(v.vector("cv_\(key)_spread"))
            #expect(mean.count == 9 && spread.count == 9 && spread.allSatisfy { $0 >= 0 })
            var best = 0
            for i in mean.indices.dropFirst() where mean[i] > mean[best] || (mean[i] == mean[best] && spread[i] < spread[best]) { best = i }
            #expect(v.number("\(key)_learning_rate") == rates[best] && v.number("\(key)_epochs") == epochs[best])
            // Each mean is a whole number of right answers out of 1438 digits dealt into 5 folds, averaged.
            #expect(mean.allSatisfy { $0 > 0.9 && $0 <= 1 })
        }
        #expect(v.number("mlp_learning_rate") == 0.3 && v.number("mlp_epochs") == 40)
        #expect(v.number("cnn_learning_rate") == 0.3 && v.number("cnn_epochs") == 40)
    }

    @Test("confusion matrices: rows sum to the test digits of each class, the diagonal to the correct ones; the MLP's recomputed")
    func confusionMatrices() throws {
        let v = Self.defaults
        let split = Digits.all.split(testFraction: 0.2, seed: 1)
        let labels = split.test.map { Digits.all.labels[$0] }
        let perClass = (0..<10).map { d in Double(labels.filter { $0 == d }.count) }
        #expect(v.vector("test_class_counts") == perClass)
        for key in ["mlp", "cnn"] {
            let m = try #require(v.matrix("\(key)_confusion"))
            #expect(m.count == 10 && m.allSatisfy { $0.count == 10 })
            #expect(m.map { $0.reduce(0, +) } == perClass)
            #expect((0..<10).map { m[$0][$0] }.reduce(0, +) == v.number("\(key)_test_correct"))
        }
        // The MLP's predictions of every test digit from its recorded weights, with loops.
        let w1 = try #require(v.matrix("W1")), b1 = try #require(v.vector("b1"))
        let w2 = try #require(v.matrix("W2")), b2 = try #require(v.vector("b2"))
        var counts = [[Double]](repeating: [Double](repeating: 0, count: 10), count: 10)
        for (i, label) in zip(split.test, labels) {
            let p = Self.forward(Digits.all.pixels[i].map { $0 / 16 }, w1, b1, w2, b2).p
            counts[label][p.indices.max { p[$0] < p[$1] }!] += 1
        }
        #expect(v.matrix("mlp_confusion") == counts)
    }

    @Test("ConfusionMatrix: counts, recall, precision and the most frequent mistake of a small example")
    func confusionMatrixEngine() {
        let m = ConfusionMatrix(classes: 3, labels: [0, 0, 1, 1, 1, 2, 2], predictions: [0, 1, 1, 1, 2, 2, 0])
        #expect(m.counts == [[1, 1, 0], [0, 2, 1], [1, 0, 1]])
        #expect(m.total == 7 && m.correct == 4 && abs(m.accuracy - 4.0 / 7) < 1e-15)
        #expect(m.recall(1) == 2.0 / 3 && m.precision(1) == 2.0 / 3 && m.precision(0) == 0.5)
        #expect(m.mostConfused! == (label: 0, predicted: 1, count: 1))
        #expect(ConfusionMatrix(classes: 2, labels: [0, 1], predictions: [0, 1]).mostConfused == nil)
        #expect(ConfusionMatrix(classes: 2, labels: [0], predictions: [0]).recall(1) == nil)
    }

    /// Minibatch SGD for the 64-h-10 MLP with plain arrays, the lesson's seeding and batch order.
    static func independentMLP(seed: Int, testFraction: Double, samples: Int, hidden: Int, filters: Int, epochs: Int, batch: Int, eta: Double)
        -> (w1: [[Double]], b1: [Double], w2: [[Double]], b2: [Double], losses: [Double]) {
        let train = Array(Digits.all.split(testFraction: testFraction, seed: UInt64(seed)).train.prefix(samples))
        var r = SeededRandom(seed: UInt64(seed))
        var w1 = (0..<64).map { _ in (0..<hidden).map { _ in (2.0 / 64).squareRoot() * r.normal() } }
        var w2 = (0..<hidden).map { _ in (0..<10).map { _ in (2.0 / Double(hidden)).squareRoot() * r.normal() } }
        var b1 = [Double](repeating: 0, count: hidden), b2 = [Double](repeating: 0, count: 10)
        for _ in 0..<(filters * 9 + filters * 16 * 10) { _ = r.normal() }   // the CNN's weights come next
        func loss(_ i: Int) -> Double {
            let p = forward(Digits.all.pixels[i].map { $0 / 16 }, w1, b1, w2, b2).p
            return -Foundation.log(p[Digits.all.labels[i]])
        }
        var losses = [train.map(loss).reduce(0, +) / Double(train.count)]
        for _ in 0..<epochs {
            let order = r.permutation(train.count).map { train[$0] }
            var total = 0.0
            for start in stride(from: 0, to: order.count, by: batch) {
                let rows = Array(order[start..<min(start + batch, order.count)])
                let n = Double(rows.count)
                var gw1 = w1.map { $0.map { _ in 0.0 } }, gw2 = w2.map { $0.map { _ in 0.0 } }
                var gb1 = b1.map { _ in 0.0 }, gb2 = b2.map { _ in 0.0 }
                for i in rows {
                    let x = Digits.all.pixels[i].map { $0 / 16 }
                    let f = forward(x, w1, b1, w2, b2)
                    let label = Digits.all.labels[i]
                    total += -Foundation.log(f.p[label])
                    let d2 = (0..<10).map { (f.p[$0] - ($0 == label ? 1 : 0)) / n }       // ∂L/∂y
                    var d1 = [Double](repeating: 0, count: hidden)                       // ∂L/∂z
                    for j in 0..<hidden where f.z[j] > 0 { for k in 0..<10 { d1[j] += d2[k] * w2[j][k] } }
                    for j in 0..<hidden { for k in 0..<10 { gw2[j][k] += f.h[j] * d2[k] } }
                    for k in 0..<10 { gb2[k] += d2[k] }
                    for p in 0..<64 { for j in 0..<hidden { gw1[p][j] += x[p] * d1[j] } }
                    for j in 0..<hidden { gb1[j] += d1[j] }
                }
                for p in 0..<64 { for j in 0..<hidden { w1[p][j] -= eta * gw1[p][j] } }
                for j in 0..<hidden { b1[j] -= eta * gb1[j]; for k in 0..<10 { w2[j][k] -= eta * gw2[j][k] } }
                for k in 0..<10 { b2[k] -= eta * gb2[k] }
            }
            losses.append(total / Double(train.count))
        }
        return (w1, b1, w2, b2, losses)
    }

    @Test("other options (seed 7, 10% test, 2 epochs, batches of 16, η 0.2, 8 hidden units, 64 digits) match an independent SGD")
    func changedOptions() throws {
        let v = try TestSupport.values("digits", ["--seed", "7", "--test-fraction", "0.1", "--epochs", "2", "--batch-size", "16",
                                                  "--learning-rate", "0.2", "--hidden", "8", "--filters", "2", "--training-samples", "64"])
        let r = Self.independentMLP(seed: 7, testFraction: 0.1, samples: 64, hidden: 8, filters: 2, epochs: 2, batch: 16, eta: 0.2)
        #expect(v.number("train_count") == 64 && v.number("test_count") == 180)
        #expect(Self.close(v.vector("mlp_epoch_loss"), r.losses, 1e-10))
        #expect(Self.close(v.matrix("W1")?.flatMap { $0 }, r.w1.flatMap { $0 }, 1e-10))
        #expect(Self.close(v.vector("b1"), r.b1, 1e-10))
        #expect(Self.close(v.matrix("W2")?.flatMap { $0 }, r.w2.flatMap { $0 }, 1e-10))
        #expect(Self.close(v.vector("b2"), r.b2, 1e-10))
        let cnnParameters: Double = 2 * 9 + 2 + 32 * 10 + 10
        #expect(v.number("cnn_parameters") == cnnParameters)
        let confusion = try #require(v.matrix("cnn_confusion"))
        #expect(confusion.flatMap { $0 }.reduce(0, +) == 180)
    }

    /// Under the engine's one divergence rule (`Divergence`: a loss past 10¹² or not finite) no accepted
    /// learning rate (at most 5) makes the digits networks diverge any more; the epoch loop's divergence
    /// handling is checked here on the digits MLP with weights blown up 10⁷-fold.
    @Test("a run that diverges stops at the batch that breaks the rule, keeps only finite records and counts no epoch")
    func divergence() throws {
        let setup = DigitsSetup(seed: 0, testFraction: 0.1, trainingSamples: 300, hidden: 32, filters: 2)
        let blown = Network(layers: setup.mlp.layers.map { Dense(weights: 1e7 * $0.weights, bias: $0.bias, activation: $0.activation) })
        let trainer = MinibatchTrainer(network: blown, batchSize: 1)
        let run = setup.inputs.withUnsafeBufferPointer { x in
            setup.digits.labels.withUnsafeBufferPointer { y in
                MinibatchTraining.run(trainer, inputs: x.baseAddress!, labels: y.baseAddress!, train: setup.train, test: setup.test,
                                      epochs: 2, batchSize: 1, learningRate: 5, shuffler: setup.shuffler)
            }
        }
        let d = try #require(run.divergence)
        #expect(d.epoch == 1)
        let loss = try #require(d.loss)
        #expect(loss > Divergence.lossLimit)
        #expect(run.completedEpochs == 0)
        #expect((run.loss + run.trainAccuracy + run.testLoss + run.testAccuracy).allSatisfy { $0.isFinite })
        // Every batch before the one that broke the rule was under the limit: replay them on the reference path.
        var order = setup.shuffler
        let first = order.permutation(setup.train.count).map { setup.train[$0] }
        var net = blown
        for step in 0..<d.step {
            let x = Matrix([setup.x(first[step])]), e = net.evaluate(x, .softmaxCrossEntropy(labels: [setup.label(first[step])]))
            if step == d.step - 1 { #expect(abs(e.loss - loss) <= 1e-9 * loss) } else { #expect(e.loss <= Divergence.lossLimit) }
            net = net.updated(by: e.gradients, learningRate: 5)
        }
    }

    @Test("bad input: one line on stderr naming the option, exit 64, nothing written",
          arguments: [["--epochs", "0"], ["--learning-rate", "0"], ["--learning-rate", "6"], ["--test-fraction", "0.9"],
                      ["--hidden", "500"], ["--filters", "0"], ["--batch-size", "1000"], ["--training-samples", "0"], ["--seed", "-1"],
                      ["--training-samples", "1439"]])
    func badInput(_ arguments: [String]) throws {
        try TestSupport.expectRefused("digits", arguments)
    }

    @Test("no progress bar when stderr is not a terminal")
    func quietWhenPiped() throws {
        let folder = TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try TestSupport.run("digits", ["--epochs", "1", "--training-samples", "50", "--out", folder.path])
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        #expect(r.stdout.contains("Held-out accuracy"))
    }

    @Test("DigitGallery: one grey square per non-white pixel, a caption under each image")
    func gallery() {
        let pixels = [0, 16, 8, 0] + [Double](repeating: 0, count: 60)
        let svg = DigitGallery(items: [.init(pixels: pixels, caption: Localized("3 → 8", zh: "3 → 8"), frame: 1)]).svg(title: "t", description: "d", language: .en)
        #expect(svg.components(separatedBy: "fill=\"#0f0f0f\"").count - 1 == 1)   // 16: black
        #expect(svg.components(separatedBy: "fill=\"#878787\"").count - 1 == 1)   // 8: mid grey
        #expect(svg.contains("3 → 8") && svg.contains(SVG.palette[1]))
        #expect(DigitGallery.grey(0, maximum: 16) == "#ffffff" && DigitGallery.grey(16, maximum: 16) == "#0f0f0f")
    }
}
