import Foundation
import Testing
@testable import LonghandEngine
@testable import Curriculum

/// The answer key of lesson 4, `activations` (source texts 001, 002, 004).
@Suite("activations answer key")
struct ActivationsTests {
    /// The text's layer output H = X·W1 + b1 (`002`).
    let x: [Double] = [1, -2, 3, -4, 7]

    /// Logistic function written out independently of the engine.
    func logistic(_ z: Double) -> Double { 1 / (1 + Foundation.exp(-z)) }

    @Test("step: (1, -2, 3, -4, 7) becomes (1, 0, 1, 0, 1), as text 002 prints")
    func stepOnVector() {
        #expect(x.map(Activation.step.apply) == [1, 0, 1, 0, 1])
    }

    @Test("ReLU: (1, -2, 3, -4, 7) becomes (1, 0, 3, 0, 7), as text 002 prints")
    func reluOnVector() {
        #expect(x.map(Activation.relu.apply) == [1, 0, 3, 0, 7])
    }

    @Test("sigmoid and its derivative on the vector: 1/(1 + e^-z) and σ(1 - σ)")
    func sigmoidOnVector() {
        for z in x {
            let s = logistic(z)
            #expect(abs(Activation.sigmoid.apply(z) - s) < 1e-12)
            #expect(abs(Activation.sigmoid.derivative(z) - s * (1 - s)) < 1e-12)
        }
        #expect(printed(Activation.sigmoid.apply(1), 6) == 0.731059)
        #expect(printed(Activation.sigmoid.apply(-4), 7) == 0.0179862)
    }

    @Test("tanh and its derivative on the vector: (e^z - e^-z)/(e^z + e^-z) and 1 - tanh²")
    func tanhOnVector() {
        for z in x {
            let t = (Foundation.exp(z) - Foundation.exp(-z)) / (Foundation.exp(z) + Foundation.exp(-z))
            #expect(abs(Activation.tanh.apply(z) - t) < 1e-12)
            #expect(abs(Activation.tanh.derivative(z) - (1 - t * t)) < 1e-12)
        }
        #expect(printed(Activation.tanh.apply(-2), 6) == -0.964028)
    }

    @Test("leaky ReLU (s = 0.01), PReLU (a = 0.25) and ELU (α = 1) on the vector")
    func leakyFamilyOnVector() {
        #expect(x.map(Activation.leakyReLU(slope: 0.01).apply) == [1, -0.02, 3, -0.04, 7])
        #expect(x.map(PReLU(a: 0.25).apply) == [1, -0.5, 3, -1, 7])
        #expect(x.map(PReLU(a: 0.25).parameterDerivative) == [0, -2, 0, -4, 0])
        let elu = x.map(Activation.elu(alpha: 1).apply)
        let expected = x.map { $0 > 0 ? $0 : Foundation.exp($0) - 1 }
        for (a, b) in zip(elu, expected) { #expect(abs(a - b) < 1e-12) }
        #expect(printed(elu[1], 6) == -0.864665)
        #expect(x.map(Activation.elu(alpha: 1).derivative).enumerated().allSatisfy { i, d in
            abs(d - (x[i] > 0 ? 1 : Foundation.exp(x[i]))) < 1e-12
        })
    }

    @Test("RReLU: seeded slopes lie in [1/8, 1/3], repeat with the seed, and test time uses (l + u)/2")
    func rrelu() {
        let model = RandomizedReLU(lower: 1.0 / 8, upper: 1.0 / 3)
        var r1 = SeededRandom(seed: 7), r2 = SeededRandom(seed: 7), r3 = SeededRandom(seed: 8)
        let a = model.train(x, random: &r1), b = model.train(x, random: &r2), c = model.train(x, random: &r3)
        #expect(a == b)
        #expect(a.slopes != c.slopes)
        #expect(a.slopes.allSatisfy { $0 >= 1.0 / 8 && $0 < 1.0 / 3 })
        for i in x.indices {
            #expect(a.outputs[i] == (x[i] > 0 ? x[i] : a.slopes[i] * x[i]))
            #expect(a.derivatives[i] == (x[i] > 0 ? 1 : a.slopes[i]))
        }
        #expect(abs(model.testSlope - 11.0 / 48) < 1e-15)
        #expect(printed(model.testSlope, 6) == 0.229167)
        #expect(x.map(model.test) == x.map { $0 > 0 ? $0 : 11.0 / 48 * $0 })
    }

    @Test("ReLU′(0) = 0, and erratum 004: ReLU′ is 0 (not negative) for every z < 0")
    func reluDerivative() {
        #expect(Activation.relu.derivative(0) == 0)
        for z in [-4.0, -2, -1e-4, -1000] {
            #expect(Activation.relu.derivative(z) == 0)
            let numeric = GradientCheck.centralDifferences(at: [z]) { Activation.relu.apply($0[0]) }[0]
            #expect(numeric == 0)
        }
        for z in [1e-6, 1.0, 3, 1000] { #expect(Activation.relu.derivative(z) == 1) }
    }

    @Test("saturation: σ′(z) = 0.25, 0.1966, 0.1050, 0.0066, 0.0000454 for z = 0, 1, 2, 5, 10")
    func saturation() {
        let slopes = ActivationsLesson.saturationInputs.map(Activation.sigmoid.derivative)
        #expect(slopes.map { printed($0, 4) } == [0.25, 0.1966, 0.1050, 0.0066, 0.0000])
        #expect(printed(slopes[4], 7) == 0.0000454)
        for (z, d) in zip(ActivationsLesson.saturationInputs, slopes) {
            let e = Foundation.exp(-z)
            #expect(abs(d - e / ((1 + e) * (1 + e))) < 1e-12)
        }
    }

    @Test("vanishing: after 10 sigmoid layers at z = 0 the factor is 0.25^10 = 9.54e-7")
    func vanishing() {
        let products = GradientFlow.runningProducts(.sigmoid, at: 0, layers: 10)
        #expect(products.last == Foundation.pow(0.25, 10))
        #expect(printed(products[9] * 1e7, 2) == 9.54)
        #expect(GradientFlow.runningProducts(.relu, at: 1, layers: 10).allSatisfy { $0 == 1 })
        #expect(GradientFlow.product(.sigmoid, at: [0, 0, 0]) == 0.015625)
    }

    @Test("every activation's derivative matches central differences away from its corners")
    func gradientChecks() {
        let activations: [Activation] = [.step, .sigmoid, .tanh, .relu, .leakyReLU(slope: 0.01), .elu(alpha: 1), .elu(alpha: 2),
                                         PReLU(a: 0.25).activation]
        let points: [Double] = [-7, -4, -2, -0.5, -0.01, 0.01, 0.3, 1, 3, 7]
        var worst = 0.0
        for f in activations {
            let entries = GradientCheck.compare(analytic: points.map(f.derivative), at: points) { v in v.map(f.apply).reduce(0, +) }
            for e in entries {
                #expect(e.passes(), "\(f): analytic \(e.analytic), numeric \(e.numeric)")
                worst = max(worst, abs(e.analytic - e.numeric))
            }
        }
        #expect(worst < 1e-8)
        let prelu = PReLU(a: 0.25)
        for z in points {
            #expect(abs(prelu.derivative(z) - (prelu.apply(z + 1e-5) - prelu.apply(z - 1e-5)) / 2e-5) < 1e-9)
            // ∂f/∂a by central differences in a.
            let numeric = (PReLU(a: 0.25 + 1e-5).apply(z) - PReLU(a: 0.25 - 1e-5).apply(z)) / 2e-5
            #expect(abs(prelu.parameterDerivative(z) - numeric) < 1e-9)
        }
        let rrelu = RandomizedReLU()
        for z in points { #expect(abs(rrelu.testDerivative(z) - (rrelu.test(z + 1e-5) - rrelu.test(z - 1e-5)) / 2e-5) < 1e-9) }
    }

    @Test("stable at ±1000: no NaN or infinity in any value or derivative")
    func stability() {
        let activations: [Activation] = [.step, .sigmoid, .tanh, .relu, .leakyReLU(slope: 0.01), .elu(alpha: 1)]
        for f in activations {
            for z in [-1000.0, 1000] {
                #expect(f.apply(z).isFinite && f.derivative(z).isFinite, "\(f) at \(z)")
            }
        }
        #expect(Activation.sigmoid.apply(-1000) == 0 && Activation.sigmoid.apply(1000) == 1)
        #expect(Activation.elu(alpha: 1).apply(-1000) == -1)
        var random = SeededRandom(seed: 1)
        let outputs = RandomizedReLU().train([-1000, 1000], random: &random).outputs
        #expect(outputs.allSatisfy { $0.isFinite })
    }

    @Test("exercises: layers needed is 10; tanh(0.5) = 2σ(1) − 1; tanh′(0)/σ′(0) = 4")
    func exercises() throws {
        let v = try TestSupport.values("activations")
        #expect(v.number("exercise2_layers_needed") == 10)
        #expect(v.number("exercise3_slope_ratio") == 4)
        let t = try #require(v.number("exercise3_tanh"))
        #expect(abs(t - Foundation.tanh(0.5)) < 1e-12)
        #expect(abs(t - (2 * logistic(1) - 1)) < 1e-12)
        #expect(v.vector("exercise1_relu") == [0, 0, 2.5])
        #expect(v.vector("exercise1_relu_derivative") == [0, 0, 1])
        #expect(v.vector("exercise1_leaky_relu") == [-0.005, 0, 2.5])
    }

    @Test("activations --json reports every activation on the text's vector")
    func json() throws {
        let v = try TestSupport.values("activations")
        #expect(v.vector("step") == [1, 0, 1, 0, 1])
        #expect(v.vector("relu") == [1, 0, 3, 0, 7])
        #expect(v.vector("relu_derivative") == [1, 0, 1, 0, 1])
        #expect(v.vector("leaky_relu") == [1, -0.02, 3, -0.04, 7])
        #expect(v.vector("prelu") == [1, -0.5, 3, -1, 7])
        #expect(v.vector("prelu_da") == [0, -2, 0, -4, 0])
        #expect(v.vector("relu_derivative_negative") == [0, 0])
        #expect(v.number("relu_derivative_zero") == 0)
        #expect(v.number("sigmoid_derivative_0") == 0.25)
        #expect(v.number("sigmoid_product") == Foundation.pow(0.25, 10))
        let sigmoid = try #require(v.vector("sigmoid"))
        for (s, z) in zip(sigmoid, x) { #expect(abs(s - logistic(z)) < 1e-12) }
        let test = try #require(v.vector("rrelu_test"))
        #expect(zip(test, x).allSatisfy { abs($0 - ($1 > 0 ? $1 : 11.0 / 48 * $1)) < 1e-12 })
        #expect((v.number("derivative_check_max_error") ?? 1) < 1e-9)
    }

    @Test("activations with other options: --vector 0.5,-1.5 --slope 0.2 --prelu-a 0.1 --alpha 2 --seed 3 --layers 5")
    func changedOptions() throws {
        let v = try TestSupport.values("activations", ["--vector", "0.5,-1.5", "--slope", "0.2", "--prelu-a", "0.1",
                                                       "--alpha", "2", "--seed", "3", "--layers", "5"])
        #expect(v.vector("step") == [1, 0])
        #expect(v.vector("relu") == [0.5, 0])
        let leaky = try #require(v.vector("leaky_relu"))
        #expect(leaky[0] == 0.5 && abs(leaky[1] - 0.2 * -1.5) < 1e-15)
        let prelu = try #require(v.vector("prelu"))
        #expect(abs(prelu[1] - 0.1 * -1.5) < 1e-15)
        let elu = try #require(v.vector("elu"))
        #expect(abs(elu[1] - 2 * (Foundation.exp(-1.5) - 1)) < 1e-12)
        let products = try #require(v.vector("sigmoid_products"))
        #expect(products.count == 5 && abs(products[4] - Foundation.pow(0.25, 5)) < 1e-18)
        let slopes = try #require(v.vector("rrelu_slopes"))
        #expect(slopes.count == 2 && slopes.allSatisfy { $0 >= 0.125 && $0 < 1.0 / 3 })
        #expect(slopes != (try TestSupport.values("activations", ["--vector", "0.5,-1.5"])).vector("rrelu_slopes"))
    }

    @Test("the same options give byte-identical pages and figures")
    func reproducible() throws {
        let a = TestSupport.temporaryFolder(), b = TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        #expect(try TestSupport.run("activations", ["--quiet", "--out", a.path]).status == 0)
        #expect(try TestSupport.run("activations", ["--quiet", "--out", b.path]).status == 0)
        for file in ["en/activations.html", "zh/activations.md", "en/activations-rrelu.svg"] {
            let x = try Data(contentsOf: a.appendingPathComponent(file)), y = try Data(contentsOf: b.appendingPathComponent(file))
            #expect(x == y, "\(file) differs between runs")
        }
    }

    @Test("activations rejects bad input with exit 64, one line naming the option, and writes nothing",
          arguments: [["--vector", "1,abc"], ["--vector", "1,2,3,4,5,6,7,8,9,10,11"], ["--vector", "2000"],
                      ["--slope", "2"], ["--rrelu-lower", "0.5", "--rrelu-upper", "0.2"], ["--alpha", "0"]])
    func badInput(_ arguments: [String]) throws {
        try TestSupport.expectRefused("activations", arguments)
    }
}
