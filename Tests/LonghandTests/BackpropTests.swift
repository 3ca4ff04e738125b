import Foundation
import Testing
@testable import LonghandEngine
@testable import Notebook
@testable import Curriculum

/// An independent 2-2-1 network written out line by line, as the article's Python code does,
/// with Foundation's exp: the reference the engine's backward pass and training are checked against.
private struct ReferenceNet {
    var w1, w2, w3, w4, w5, w6, b1, b2, b3: Double

    init(_ p: [Double]) {
        (w1, w2, w3, w4, w5, w6, b1, b2, b3) = (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8])
    }

    var parameters: [Double] { [w1, w2, w3, w4, w5, w6, b1, b2, b3] }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }
    static func sigmoidPrime(_ x: Double) -> Double { let s = sigmoid(x); return s * (1 - s) }

    func predict(_ x: [Double]) -> Double {
        let h1 = Self.sigmoid(w1 * x[0] + w2 * x[1] + b1)
        let h2 = Self.sigmoid(w3 * x[0] + w4 * x[1] + b2)
        return Self.sigmoid(w5 * h1 + w6 * h2 + b3)
    }

    /// ∂/∂(w1 … b3) of (y − ŷ)², the article's d_L_d_* variables.
    func gradient(_ x: [Double], _ y: Double) -> [Double] {
        let sumH1 = w1 * x[0] + w2 * x[1] + b1, h1 = Self.sigmoid(sumH1)
        let sumH2 = w3 * x[0] + w4 * x[1] + b2, h2 = Self.sigmoid(sumH2)
        let sumO1 = w5 * h1 + w6 * h2 + b3, o1 = Self.sigmoid(sumO1)
        let dLdY = -2 * (y - o1)
        let dYdW5 = h1 * Self.sigmoidPrime(sumO1), dYdW6 = h2 * Self.sigmoidPrime(sumO1), dYdB3 = Self.sigmoidPrime(sumO1)
        let dYdH1 = w5 * Self.sigmoidPrime(sumO1), dYdH2 = w6 * Self.sigmoidPrime(sumO1)
        let dH1dW1 = x[0] * Self.sigmoidPrime(sumH1), dH1dW2 = x[1] * Self.sigmoidPrime(sumH1), dH1dB1 = Self.sigmoidPrime(sumH1)
        let dH2dW3 = x[0] * Self.sigmoidPrime(sumH2), dH2dW4 = x[1] * Self.sigmoidPrime(sumH2), dH2dB2 = Self.sigmoidPrime(sumH2)
        return [dLdY * dYdH1 * dH1dW1, dLdY * dYdH1 * dH1dW2, dLdY * dYdH2 * dH2dW3, dLdY * dYdH2 * dH2dW4,
                dLdY * dYdW5, dLdY * dYdW6, dLdY * dYdH1 * dH1dB1, dLdY * dYdH2 * dH2dB2, dLdY * dYdB3]
    }

    func mse(_ xs: [[Double]], _ ys: [Double]) -> Double {
        zip(xs, ys).reduce(0) { $0 + ($1.1 - predict($1.0)) * ($1.1 - predict($1.0)) } / Double(xs.count)
    }

    /// The article's train(): per-sample updates in order, loss after the last epoch.
    static func train(_ start: [Double], _ xs: [[Double]], _ ys: [Double], rate: Double, epochs: Int) -> ReferenceNet {
        var net = ReferenceNet(start)
        for _ in 0..<epochs {
            for (x, y) in zip(xs, ys) {
                let g = net.gradient(x, y)
                net = ReferenceNet(zip(net.parameters, g).map { $0 - rate * $1 })
            }
        }
        return net
    }
}

/// The answer key of lesson `backprop-by-hand` (source text 003).
@Suite("backprop-by-hand answer key")
struct BackpropTests {
    let alice = [-2.0, -1.0]
    let xs: [[Double]] = [[-2, -1], [25, 6], [17, 4], [-15, -6]]
    let ys: [Double] = [1, 0, 0, 1]
    let ones = SigmoidNetwork(sizes: [2, 2, 1], weight: 1, bias: 0)

    @Test("data: weight − 135 and height − 66 give the article's shifted inputs")
    func shiftedData() {
        #expect(BackpropLesson.inputs == xs)
        #expect(BackpropLesson.targets.map { $0[0] } == ys)
        #expect(BackpropLesson.emily.input == [-7, -3])
        #expect(BackpropLesson.frank.input == [20, 2])
    }

    @Test("MSE of a network that always answers 0 is 0.5")
    func mseOfZeros() {
        let squares = ys.map { ($0 - 0) * ($0 - 0) }
        #expect(squares.reduce(0, +) / 4 == 0.5)
        #expect(SigmoidNetwork.squaredError(target: [1], prediction: [0]) == 1)
    }

    @Test("Alice forward pass, weights 1 and biases 0: h1 = h2 = 0.0474, ŷ = 0.524")
    func aliceForward() {
        let f = ones.forward(alice)
        let h = 1 / (1 + Foundation.exp(3.0))
        let yhat = 1 / (1 + Foundation.exp(-2 * h))
        #expect(printed(f.a[0][0], 4) == 0.0474)
        #expect(printed(f.a[0][1], 4) == 0.0474)
        #expect(printed(f.output[0], 3) == 0.524)
        #expect(abs(f.a[0][0] - h) < 1e-12)
        #expect(abs(f.output[0] - yhat) < 1e-12)
        #expect(f.z[0] == [-3, -3])
        #expect(abs(SigmoidNetwork.squaredError(target: [1], prediction: f.output) - (1 - yhat) * (1 - yhat)) < 1e-12)
    }

    @Test("Alice chain rule: ∂L/∂ŷ = −0.952, ∂ŷ/∂h1 = 0.249, ∂h1/∂w1 = −0.0904, ∂L/∂w1 = 0.0214 (exact 0.02147)")
    func aliceChainRule() {
        let h = 1 / (1 + Foundation.exp(3.0))
        let yhat = 1 / (1 + Foundation.exp(-2 * h))
        let dLdY = -2 * (1 - yhat)
        let dYdH1 = 1 * yhat * (1 - yhat)
        let dH1dW1 = -2 * h * (1 - h)
        let exact = dLdY * dYdH1 * dH1dW1
        // The article's printed factors: it uses ŷ = 0.524, so −2(1 − 0.524) = −0.952.
        #expect(printed(-2 * (1 - printed(yhat, 3)), 3) == -0.952)
        #expect(printed(dYdH1, 3) == 0.249)
        #expect(printed(dH1dW1, 4) == -0.0904)
        #expect(printed(-0.952 * 0.249 * -0.0904, 4) == 0.0214)
        // At full precision the exact value rounds differently: 0.02147, i.e. 0.0215 at four places.
        #expect(printed(exact, 5) == 0.02147)
        #expect(printed(exact, 4) == 0.0215)
        #expect(printed(dLdY, 3) == -0.953)
        let b = ones.backward(ones.forward(alice), dOutput: [dLdY])
        #expect(abs(b.dA[1][0] - dLdY) < 1e-12)
        #expect(abs(b.dWeights[0][0][0] - exact) < 1e-12)
        #expect(abs(BackpropLesson.rounded(-2 * (1 - BackpropLesson.rounded(yhat, 3)), 3) * BackpropLesson.rounded(dYdH1, 3) * BackpropLesson.rounded(dH1dW1, 4) - 0.0214291392) < 1e-12)
    }

    @Test("all nine gradients for Alice match the article's formulas written out")
    func aliceAllGradients() {
        let engine = ones.gradient(input: alice, target: [1])
        let reference = ReferenceNet(ones.parameters).gradient(alice, 1)
        for (e, r) in zip(engine, reference) { #expect(abs(e - r) < 1e-12) }
        #expect(ones.parameters == [1, 1, 1, 1, 1, 1, 0, 0, 0])
    }

    @Test("gradient check: every parameter's backprop derivative agrees with central differences")
    func gradientCheck() {
        var random = SeededRandom(seed: 7)
        let seeded = SigmoidNetwork(sizes: [2, 2, 1], random: &random)
        let cases: [(SigmoidNetwork, [[Double]], [[Double]])] = [
            (ones, [alice], [[1]]),
            (seeded, xs, ys.map { [$0] }),
            (SigmoidNetwork(sizes: [2, 2, 1], weight: 0.1, bias: 0), [xs[3]], [[1]]),
        ]
        for (net, inputs, targets) in cases {
            let entries = GradientCheck.compare(analytic: net.gradient(inputs: inputs, targets: targets), at: net.parameters) { p in
                SigmoidNetwork(sizes: [2, 2, 1], parameters: p).meanSquaredError(inputs: inputs, targets: targets)
            }
            #expect(entries.count == 9)
            for e in entries { #expect(e.passes(tolerance: 1e-6)) }
        }
    }

    @Test("a deeper network (2-3-2-2) also passes the gradient check")
    func deeperNetwork() {
        var random = SeededRandom(seed: 11)
        let net = SigmoidNetwork(sizes: [2, 3, 2, 2], random: &random)
        #expect(net.parameterCount == 2 * 3 + 3 * 2 + 2 * 2 + 3 + 2 + 2)
        let inputs: [[Double]] = [[0.5, -1], [2, 0.3]], targets: [[Double]] = [[1, 0], [0, 1]]
        let entries = GradientCheck.compare(analytic: net.gradient(inputs: inputs, targets: targets), at: net.parameters) { p in
            SigmoidNetwork(sizes: [2, 3, 2, 2], parameters: p).meanSquaredError(inputs: inputs, targets: targets)
        }
        for e in entries { #expect(e.passes()) }
    }

    @Test("one SGD step with η = 0.1: every parameter moves by −0.1·gradient; Alice's loss falls")
    func oneStep() {
        let reference = ReferenceNet(ones.parameters)
        let g = reference.gradient(alice, 1)
        var after = ones.parameters, descent = GradientDescentOptimizer(learningRate: 0.1)
        descent.step(&after, ones.gradient(input: alice, target: [1]))
        for k in 0..<9 { #expect(abs(after[k] - (ones.parameters[k] - 0.1 * g[k])) < 1e-12) }
        #expect(printed(after[0], 6) == 0.997853)
        let before = reference.mse([alice], [1]), later = ReferenceNet(after).mse([alice], [1])
        #expect(later < before)
    }

    @Test("training: 1000 epochs of per-sample SGD from seed 7 match the article's loop written out")
    func training() {
        var random = SeededRandom(seed: 7)
        let start = SigmoidNetwork(sizes: [2, 2, 1], random: &random)
        let run = SGD(learningRate: 0.1).train(start, inputs: xs, targets: ys.map { [$0] }, epochs: 1000, recordEvery: 10)
        let reference = ReferenceNet.train(start.parameters, xs, ys, rate: 0.1, epochs: 1000)
        #expect(abs(run.finalLoss - reference.mse(xs, ys)) < 1e-12)
        for (a, b) in zip(run.network.parameters, reference.parameters) { #expect(abs(a - b) < 1e-9) }
        #expect(run.curve.count == 101)
        #expect(run.curve.map(\.epoch) == Array(stride(from: 0, through: 1000, by: 10)))
        #expect(run.finalLoss < 0.01)
        #expect(run.curve.first!.loss > run.finalLoss)
        // Emily (−7, −3) is predicted female, Frank (20, 2) male, as in the article.
        #expect(abs(run.network.predict([-7, -3])[0] - reference.predict([-7, -3])) < 1e-9)
        #expect(run.network.predict([-7, -3])[0] > 0.9)
        #expect(run.network.predict([20, 2])[0] < 0.1)
    }

    @Test("backprop-by-hand --json reports the worked numbers under their prose names")
    func json() throws {
        let v = try TestSupport.values("backprop-by-hand")
        let h = 1 / (1 + Foundation.exp(3.0))
        let yhat = 1 / (1 + Foundation.exp(-2 * h))
        #expect(abs(v.number("h1")! - h) < 1e-12)
        #expect(abs(v.number("ypred")! - yhat) < 1e-12)
        #expect(abs(v.number("loss")! - (1 - yhat) * (1 - yhat)) < 1e-12)
        #expect(abs(v.number("dL_dypred")! - (-2 * (1 - yhat))) < 1e-12)
        #expect(printed(v.number("dL_dw1")!, 5) == 0.02147)
        #expect(v.number("mse_all_zero") == 0.5)
        #expect(printed(v.number("dL_dw1_from_rounded_factors")!, 4) == 0.0214)
        let reference = ReferenceNet([1, 1, 1, 1, 1, 1, 0, 0, 0]).gradient([-2, -1], 1)
        for (a, b) in zip(v.vector("gradient")!, reference) { #expect(abs(a - b) < 1e-12) }
        #expect(v.vector("gradient_check_relative_errors")!.allSatisfy { $0 < 1e-6 })
        #expect(v.number("training_gradient_check_max_relative_error")! < 1e-6)
        #expect(v.vector("loss_curve")!.count == 101)
        #expect(v.number("final_loss")! < 0.01)
        #expect(v.number("emily")! > 0.5 && v.number("frank")! < 0.5)
    }

    @Test("backprop-by-hand with --learning-rate 0.5 --epochs 40 --seed 3 matches an independent run")
    func changedOptions() throws {
        let v = try TestSupport.values("backprop-by-hand", ["--learning-rate", "0.5", "--epochs", "40", "--seed", "3"])
        var random = SeededRandom(seed: 3)
        let start = (0..<9).map { _ in random.normal() }
        let reference = ReferenceNet.train(start, xs, ys, rate: 0.5, epochs: 40)
        #expect(abs(v.number("final_loss")! - reference.mse(xs, ys)) < 1e-12)
        #expect(abs(v.number("emily")! - reference.predict([-7, -3])) < 1e-12)
        #expect(abs(v.number("frank")! - reference.predict([20, 2])) < 1e-12)
        // JSON numbers are parsed back by Foundation, which may be off in the last bit: compare to 1e-12.
        for (a, b) in zip(v.vector("initial_parameters")!, start) { #expect(abs(a - b) < 1e-12) }
        #expect(v.vector("loss_curve_epochs")! == [0, 10, 20, 30, 40])
        // The single step on Alice uses the same learning rate.
        let g = ReferenceNet([1, 1, 1, 1, 1, 1, 0, 0, 0]).gradient([-2, -1], 1)
        for (a, gk) in zip(v.vector("parameters_after_step")!, zip([1.0, 1, 1, 1, 1, 1, 0, 0, 0], g)) {
            #expect(abs(a - (gk.0 - 0.5 * gk.1)) < 1e-12)
        }
    }

    @Test("backprop-by-hand output is byte-identical for the same seed")
    func deterministic() throws {
        let a = try TestSupport.run("backprop-by-hand", ["--json", "--out", TestSupport.temporaryFolder().path, "--epochs", "30"])
        let b = try TestSupport.run("backprop-by-hand", ["--json", "--out", TestSupport.temporaryFolder().path, "--epochs", "30"])
        #expect(a.status == 0 && a.stdout == b.stdout)
    }

    @Test("backprop-by-hand rejects bad options with exit 64, one line, nothing written", arguments: [
        ["--learning-rate", "0"], ["--learning-rate", "abc"], ["--epochs", "0"], ["--seed", "-1"], ["--learning-rate", "nan"],
    ])
    func badInput(_ arguments: [String]) throws {
        try TestSupport.expectRefused("backprop-by-hand", arguments)
    }

    @Test("the computation graph puts each leaf just left of its consumer and ends with the loss")
    func graphLayout() {
        let graph = BackpropLesson.graph(BackpropLesson.alice(ones))
        let columns = graph.columns()
        #expect(columns["w1"] == 0 && columns["x1"] == 0)
        #expect(columns["z1"] == 1 && columns["h1"] == 2 && columns["w5"] == 2)
        #expect(columns["z3"] == 3 && columns["yhat"] == 4 && columns["y"] == 4 && columns["L"] == 5)
        let svg = graph.svg(title: "t", description: "d", language: .en)
        #expect(svg.contains(">0.02147<"))   // ∂L/∂w1 in the w1 box
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
    }

    @Test("saturated units: h₁'s spread between Bob and Charlie is 1 − σ(34.77) − (1 − σ(50.55)) ≈ 7.9×10⁻¹⁶, not the 8.9×10⁻¹⁶ of two doubles rounded next to 1")
    func saturatedSpread() throws {
        let p = try RenderedPage(BackpropLesson.self, [])
        #expect(p.says("$h_1$ varies by only $7.9 \\times 10^{-16}$", "$h_1$ 只相差 $7.9 \\times 10^{-16}$"))
        #expect(p.never("$8.9 \\times 10^{-16}$", "$8.9 \\times 10^{-16}$"))
        // Charlie's slope σ′(z₁) = σ(z₁)(1 − σ(z₁)) is 1 − h₁ to within 10⁻³⁰: the same 7.9×10⁻¹⁶.
        let slopes = try #require(p.values.matrix("trained_hidden_slopes"))
        #expect(abs(slopes[2][0] - 7.91e-16) < 5e-19)
    }
}
