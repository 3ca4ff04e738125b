import Foundation
import Testing
@testable import LonghandEngine
@testable import Curriculum
import LessonKit

/// The answer key of lesson 13, `initialization` (source texts 002 梯度消失或爆炸 and 004 参数初始化).
@Suite("initialization answer key")
struct InitializationTests {
    /// Norms of a nested JSON object: values[name][activation][scheme].
    static func norms(_ v: [String: Any], _ name: String, _ activation: String, _ scheme: String) -> [Double] {
        let byActivation = v[name] as? [String: Any] ?? [:]
        let byScheme = byActivation[activation] as? [String: Any] ?? [:]
        return (byScheme[scheme] as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.doubleValue }
    }

    /// ‖∂C/∂W^l‖ for every layer, from central differences of the loss alone (no backpropagation).
    static func numericNorms(_ net: Network, _ x: Matrix, _ y: Matrix) -> [Double] {
        let objective = Network.Objective.halfSquaredError(targets: y)
        let numeric = GradientCheck.centralDifferences(at: net.parameters) { net.with(parameters: $0).loss(x, objective) }
        var norms: [Double] = [], offset = 0
        for layer in net.layers {
            let nw = layer.weights.values.count
            norms.append(numeric[offset..<(offset + nw)].reduce(0) { $0 + $1 * $1 }.squareRoot())
            offset += nw + layer.bias.values.count
        }
        return norms
    }

    @Test("004's 1/√m rule (LeCun): fan-in 8 gives σ = 0.3536 (He 0.5), fan-in 32 gives 0.1768 (He 0.25); Glorot 8 → 32 gives 0.2236")
    func fanInRule() {
        // Issue 14: the column once labelled "Xavier" was LeCun's 1/√fan-in; Glorot's √(2/(8 + 32)) is 0.2236.
        #expect(printed(Initializer.glorot.standardDeviation(fanIn: 8, fanOut: 32), 4) == 0.2236)
        #expect(printed(Initializer.glorot.standardDeviation(fanIn: 32, fanOut: 32), 4) == 0.1768)
        #expect(abs(Initializer.glorot.standardDeviation(fanIn: 32, fanOut: 1) - (2.0 / 33).squareRoot()) < 1e-15)
        #expect(printed(Initializer.lecun.standardDeviation(fanIn: 8, fanOut: 32), 4) == 0.3536)
        #expect(abs(Initializer.lecun.standardDeviation(fanIn: 8, fanOut: 32) - 1 / sqrt(8.0)) < 1e-15)
        #expect(Initializer.he.standardDeviation(fanIn: 8, fanOut: 32) == 0.5)
        #expect(printed(Initializer.lecun.standardDeviation(fanIn: 32, fanOut: 32), 4) == 0.1768)
        #expect(Initializer.he.standardDeviation(fanIn: 32, fanOut: 32) == 0.25)
        #expect(Initializer.lecun.standardDeviation(fanIn: 100, fanOut: 50) == 0.1)
        #expect(abs(Initializer.he.standardDeviation(fanIn: 512, fanOut: 10) - 0.0625) < 1e-15)
    }

    @Test("every initialization scales the same seeded draws: N(0,1) weights × 1/√m are the LeCun weights, × √(2/(m+n)) the Glorot weights")
    func sameDraws() throws {
        let lesson = try InitializationLesson.parse([])
        let plain = lesson.network(.tanh, .normal), xavier = lesson.network(.tanh, .lecun), he = lesson.network(.tanh, .he)
        let glorot = lesson.network(.tanh, .glorot)
        for l in 0..<plain.layers.count {
            let m = Double(plain.layers[l].inputCount)
            for (a, b) in zip(plain.layers[l].weights.values, xavier.layers[l].weights.values) { #expect(abs(a / sqrt(m) - b) < 1e-14) }
            for (a, b) in zip(plain.layers[l].weights.values, he.layers[l].weights.values) { #expect(abs(a * sqrt(2 / m) - b) < 1e-14) }
            let n = Double(plain.layers[l].weights.columns)
            for (a, b) in zip(plain.layers[l].weights.values, glorot.layers[l].weights.values) { #expect(abs(a * sqrt(2 / (m + n)) - b) < 1e-14) }
        }
    }

    @Test("gradient norms from backpropagation equal those of central differences, layer by layer")
    func normsByCentralDifferences() throws {
        let lesson = try InitializationLesson.parse(["--layers", "4", "--width", "5", "--inputs", "3", "--batch", "4"])
        for act in InitializationLesson.activations {
            let m = lesson.measure(act, .lecun)
            let (x, y) = lesson.data
            let numeric = Self.numericNorms(lesson.network(act, .lecun), x, y)
            for (a, n) in zip(m.gradientNorms, numeric) { #expect(GradientCheck.relativeError(a, n) < 1e-6, "\(act): \(a) vs \(n)") }
        }
    }

    @Test("initialization --json: sigmoid vanishes, tanh explodes under N(0,1), ReLU explodes under N(0,1), He keeps ReLU healthy")
    func json() throws {
        let v = try TestSupport.values("initialization")
        #expect(v.vector("fan_in") == [8] + Array(repeating: 32, count: 9))
        #expect(abs((v.vector("lecun_std")?[1] ?? 0) - 1 / sqrt(32.0)) < 1e-15)
        #expect(abs((v.vector("glorot_std")?[0] ?? 0) - (2.0 / 40).squareRoot()) < 1e-15)
        let sigmoidXavier = Self.norms(v, "gradient_norms", "sigmoid", "lecun")
        #expect(sigmoidXavier.count == 10)
        #expect(sigmoidXavier[0] / sigmoidXavier[9] < 1e-3)
        let tanhNormal = Self.norms(v, "gradient_norms", "tanh", "normal")
        #expect(tanhNormal[0] / tanhNormal[9] > 20)
        let tanhXavier = Self.norms(v, "gradient_norms", "tanh", "lecun")
        #expect(tanhXavier.max()! / tanhXavier.min()! < 20)
        #expect(Self.norms(v, "gradient_norms", "relu", "normal").allSatisfy { $0 > 1e4 })
        let reluHe = Self.norms(v, "gradient_norms", "relu", "he")
        #expect(reluHe.max()! / reluHe.min()! < 20 && reluHe.allSatisfy { $0 > 1e-2 && $0 < 1e2 })
        // The variance rule E[z²] = m σ² E[a²] on layer 2 holds to sampling accuracy.
        for scheme in ["normal", "lecun", "glorot", "he"] {
            let predicted = try #require(v.number("predicted_z2_\(scheme)")), measured = try #require(v.number("measured_z2_\(scheme)"))
            #expect(abs(predicted - measured) / measured < 0.2)
        }
    }

    @Test("initialization with --layers 4 --width 6 --inputs 3 --batch 5 --seed 2: norms match central differences")
    func changedOptions() throws {
        let args = ["--layers", "4", "--width", "6", "--inputs", "3", "--batch", "5", "--seed", "2", "--normal-scale", "0.5"]
        let v = try TestSupport.values("initialization", args)
        #expect(v.vector("fan_in") == [3, 6, 6, 6])
        // Independently: the same network and batch, gradients by central differences.
        var random = SeededRandom(seed: 2)
        let net = Network(sizes: [3, 6, 6, 6, 1], hidden: .relu, output: .identity, initializer: .he, using: &random)
        var dataRandom = SeededRandom(seed: 2 + 1000)
        let x = Matrix(rows: 5, columns: 3) { _, _ in dataRandom.normal() }
        let y = Matrix(rows: 5, columns: 1) { _, _ in dataRandom.normal() }
        let numeric = Self.numericNorms(net, x, y)
        let reported = Self.norms(v, "gradient_norms", "relu", "he")
        #expect(reported.count == 4)
        for (a, n) in zip(reported, numeric) { #expect(GradientCheck.relativeError(a, n) < 1e-6) }
        var r2 = SeededRandom(seed: 2)
        let half = Network(sizes: [3, 6, 6, 6, 1], hidden: .sigmoid, output: .identity, initializer: .normal(standardDeviation: 0.5), using: &r2)
        for (a, n) in zip(Self.norms(v, "gradient_norms", "sigmoid", "normal"), Self.numericNorms(half, x, y)) {
            #expect(GradientCheck.relativeError(a, n) < 1e-6)
        }
    }

    @Test("initialization rejects --layers 1 and --activation elu with exit 64, one line, nothing written")
    func badInput() throws {
        for args in [["--layers", "1"], ["--activation", "elu"], ["--normal-scale", "0"]] {
            try TestSupport.expectRefused("initialization", args)
        }
    }

    @Test("initialization: every cap alone fits the run budget; all of them at once is refused, naming --batch and the largest batch that fits")
    func runBudget() throws {
        for (option, value) in [("--layers", "20"), ("--width", "64"), ("--batch", "256"), ("--inputs", "64")] {
            let lesson = try InitializationLesson.parse([option, value])
            #expect(lesson.optionError() == nil, "\(option) \(value) alone")
        }
        // Parsing validates (and would throw), so the refused combination is set on a parsed lesson.
        var all = try InitializationLesson.parse([])
        (all.layers, all.width, all.batch) = (20, 64, 256)
        // 64·8 + 18·64² + 64 = 74,304 multiply-adds per example: ⌊3·10⁶ / 74,304⌋ = 40 examples fit.
        #expect(all.multiplyAddsPerExample == 74_304)
        let refusal = try #require(all.optionError())
        #expect(refusal.option == "batch")
        let message = refusal.message.en
        #expect(message.contains("--batch") && message.contains("at most 40"), "\(message)")
        let justFits = try InitializationLesson.parse(["--layers", "20", "--width", "64", "--batch", "40"])
        #expect(justFits.optionError() == nil)
        try TestSupport.expectRefused("initialization", ["--layers", "20", "--width", "64", "--batch", "41"], mentions: "--batch")
    }
}
