import Foundation
import Testing
@testable import Notebook
@testable import LessonKit
@testable import LonghandEngine
@testable import Curriculum

/// The answer key of the source-passage sections (issue 15): each new number recomputed here by hand.
@Suite("Source passages answer key")
struct SourcePassageTests {
    static func page<L: Lesson>(_ type: L.Type, _ arguments: [String] = []) throws -> Page { try L.parse(arguments).notebook() }

    static func number(_ page: Page, _ name: String) -> Double? {
        if case .number(let x)? = page.value(name) { return x }
        return nil
    }

    static func vector(_ page: Page, _ name: String) -> [Double]? {
        guard case .array(let items)? = page.value(name) else { return nil }
        return items.compactMap { if case .number(let x) = $0 { return x } else { return nil } }
    }

    static func matrix(_ page: Page, _ name: String) -> [[Double]]? {
        guard case .array(let rows)? = page.value(name) else { return nil }
        return rows.map { row in
            guard case .array(let items) = row else { return [] }
            return items.compactMap { if case .number(let x) = $0 { return x } else { return nil } }
        }
    }

    @Test("perceptron: Novikoff's bound for AND is (√3 / (0.5/√4.25))² = 51 and the run stays within it")
    func perceptronBound() throws {
        let page = try Self.page(PerceptronLesson.self)
        #expect(abs(try #require(Self.number(page, "convergence_R")) - 3.0.squareRoot()) < 1e-12)
        #expect(abs(try #require(Self.number(page, "convergence_gamma")) - 0.5 / 4.25.squareRoot()) < 1e-12)
        #expect(abs(try #require(Self.number(page, "convergence_bound")) - 51) < 1e-9)
        let mistakes = try #require(Self.number(page, "and_total_mistakes"))
        #expect(mistakes >= 1 && mistakes <= 51)
    }

    @Test("perceptron: from w = 0 the learning rate only rescales the weights", arguments: ["1", "0.25", "3"])
    func perceptronRescaling(_ eta: String) throws {
        let page = try Self.page(PerceptronLesson.self, ["--learning-rate", eta])
        let rate = try #require(Double(eta)), reference = rate == 1 ? 0.5 : 1
        let final = try #require(Self.vector(page, "and_weights")) + [try #require(Self.number(page, "and_bias"))]
        let other = try #require(Self.vector(page, "and_weights_reference_rate"))
        for (a, b) in zip(other, final) { #expect(abs(a * rate / reference - b) < 1e-9) }
    }

    @Test("perceptron: the XOR loop's last state equals its first")
    func xorLoop() throws {
        let states = try #require(Self.matrix(try Self.page(PerceptronLesson.self), "xor_cycle_start_weights"))
        #expect(states.count >= 2)
        #expect(states.first == states.last)
    }

    @Test("sigmoid-neuron: σ(0) = 1/2, σ′(0) = 1/4, softmax(7, 0)₁ = σ(7), and the tanh curve's linear rule")
    func sigmoidAdditions() throws {
        let page = try Self.page(SigmoidNeuronLesson.self)
        #expect(Self.number(page, "sigma_at_0") == 0.5)
        #expect(Self.number(page, "sigma_prime_at_0") == 0.25)
        #expect(Self.number(page, "steepest_slope") == 0.25)
        // w = (0, 1), b = 4: the boundary is x₂ = −4, and (2, 3) lies 3 − (−4) = 7 from it.
        #expect(Self.number(page, "boundary_distance") == 7)
        #expect(abs(try #require(Self.number(page, "two_class_softmax")) - 1 / (1 + Foundation.exp(-7.0))) < 1e-12)
        // Δz = 0.01·2 − 0.02·3 + 0.03 = −0.01 at z = 7 for f(z) = (1 + tanh z)/2.
        let dz = 0.01 * 2 - 0.02 * 3 + 0.03
        #expect(abs(try #require(Self.number(page, "tanh_curve_dz")) - dz) < 1e-15)
        let exact = 0.5 * (1 + Foundation.tanh(7 + dz)) - 0.5 * (1 + Foundation.tanh(7.0))
        let slope = 0.5 * (1 - Foundation.tanh(7.0) * Foundation.tanh(7.0))
        #expect(abs(try #require(Self.number(page, "tanh_curve_exact")) - exact) < 1e-15)
        #expect(abs(try #require(Self.number(page, "tanh_curve_approx")) - slope * dz) < 1e-15)
    }

    @Test("sigmoid-neuron: the line ½ + z/4 against σ at z = 0.1, 0.5, 1, 2, and at the lesson's z = 7")
    func sigmoidCentre() throws {
        let page = try Self.page(SigmoidNeuronLesson.self)
        let gaps = try #require(Self.vector(page, "centre_tangent_gaps"))
        let expected = [0.1, 0.5, 1, 2].map { (z: Double) -> Double in 0.5 + z / 4 - 1 / (1 + Foundation.exp(-z)) }
        #expect(gaps.count == 4)
        for (a, b) in zip(gaps, expected) { #expect(abs(a - b) < 1e-15) }
        // σ(z) − ½ − z/4 = −z³/48 + …, so a fivefold z gives about 125 times the gap.
        let growth = try #require(Self.number(page, "centre_tangent_growth"))
        #expect(abs(growth - expected[1] / expected[0]) < 1e-9)
        #expect(abs(growth - 125) < 5)
        #expect(abs(try #require(Self.number(page, "centre_tangent_gap_here")) - (2.25 - 1 / (1 + Foundation.exp(-7.0)))) < 1e-15)
    }

    @Test("feedforward: 2·50 + 50 + 50·4 + 4 = 354 parameters, 32·32 = 1024 inputs, and the batch in which y₂ fires")
    func feedforwardAdditions() throws {
        let page = try Self.page(FeedforwardLesson.self)
        #expect(Self.number(page, "quadrant_parameters") == 354)
        #expect(Self.number(page, "image_inputs") == 1024)
        #expect(Self.number(page, "image_network_parameters") == Double(1024 * 50 + 50 + 50 * 4 + 4))
        #expect(Self.vector(page, "output_scores") == [46, -13])
        // (2, 12): n1 = max(2 − 12 + 9, 0) = 0, n2 = max(4 − 3, 0) = 1, y1 = 0·4 + 1·3 + 5 = 8, y2 = −0 + 1 = 1.
        #expect(Self.matrix(page, "H_positive_batch") == [[8, 3], [0, 1]])
        #expect(Self.matrix(page, "Y_positive_batch") == [[46, 0], [8, 1]])
    }

    @Test("activations: maxout as ReLU and |x|, the product of ten slopes, the dead unit")
    func activationsAdditions() throws {
        let page = try Self.page(ActivationsLesson.self)
        let x: [Double] = [1, -2, 3, -4, 7]
        #expect(Self.vector(page, "maxout_relu") == x.map { Swift.max($0, 0) })
        #expect(Self.vector(page, "maxout_abs") == x.map(abs))
        let products = try #require(Self.vector(page, "slope_products"))
        #expect(abs(products[0] - Foundation.pow(0.25, 10)) < 1e-18)
        #expect(products[1] == 1)
        #expect(abs(products[2] - Foundation.pow(1.25, 10)) < 1e-12)
        #expect(Self.number(page, "dying_relu_alive_inputs") == 0)
    }

    @Test("loss-functions: ∂L/∂s = p − t agrees with an independent softmax and sums to 0")
    func softmaxGradient() throws {
        let page = try Self.page(LossFunctionsLesson.self)
        let s: [Double] = [3, 1, 0.1, 0.5]
        let e = s.map { Foundation.exp($0) }, total = e.reduce(0, +)
        let expected = e.enumerated().map { $0.element / total - ($0.offset == 0 ? 1 : 0) }
        let gradient = try #require(Self.vector(page, "score_gradient"))
        for (a, b) in zip(gradient, expected) { #expect(abs(a - b) < 1e-12) }
        #expect(abs(gradient.reduce(0, +)) < 1e-12)
        #expect(try #require(Self.number(page, "score_gradient_check")) < 1e-6)
        #expect(Self.vector(page, "log_loss_slopes") == [-1 / 0.9, -2, -10, -100])
    }

    @Test("gradient-descent: the rates 0.1, 0.4 converge, 0.5 oscillates for ever, 0.55 first falls then diverges")
    func rateVerdicts() throws {
        let page = try Self.page(GradientDescentLesson.self)
        #expect(Self.vector(page, "rate_verdicts") == [0, 0, 1, 2])
        #expect(Self.number(page, "threshold_rate") == 0.5)
        // η = 0.55 on C = v1² + 2v2² from (2, 1): C goes 6 → 0.04 + 2.88 = 2.92 → 0.0004 + 4.1472 = 4.1476.
        let bowl = QuadraticBowl(coefficients: [1, 2])
        let path = bowl.path(from: [2, 1], learningRate: 0.55, steps: 2).map(bowl.value)
        #expect(abs(path[1] - 2.92) < 1e-12 && abs(path[2] - 4.1476) < 1e-12)
        #expect(Self.number(page, "central_difference_evaluations") == 708)
        // The residuals of the least-squares line, from the line's own closed form, add up to 0.
        let x = try #require(Self.vector(page, "line_x")), y = try #require(Self.vector(page, "line_y"))
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        let slope = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        let residuals = try #require(Self.vector(page, "line_residuals"))
        for (r, (xi, yi)) in zip(residuals, zip(x, y)) { #expect(abs(r - (yi - (my - slope * mx + slope * xi))) < 1e-12) }
        #expect(abs(residuals.reduce(0, +)) < 1e-9)
    }

    @Test("gradient-descent: the line's 2×2 normal equations by elimination equal the textbook slope and intercept")
    func normalEquationsByHand() throws {
        let page = try Self.page(GradientDescentLesson.self)
        let x = try #require(Self.vector(page, "line_x")), y = try #require(Self.vector(page, "line_y"))
        let n = Double(x.count), sx = x.reduce(0, +), sy = y.reduce(0, +)
        let sxx = x.reduce(0) { $0 + $1 * $1 }, sxy = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
        // Cramer's rule on [[n, Σx], [Σx, Σx²]]·β = [Σy, Σxy], independent of the page's elimination.
        let det = n * sxx - sx * sx
        #expect(abs(try #require(Self.number(page, "line_elimination_factor")) - sx / n) < 1e-12)
        #expect(abs(try #require(Self.number(page, "line_elimination_coefficient")) - det / n) < 1e-9)
        #expect(abs(try #require(Self.number(page, "line_by_hand_beta1")) - (n * sxy - sx * sy) / det) < 1e-9)
        #expect(abs(try #require(Self.number(page, "line_by_hand_beta0")) - (sxx * sy - sx * sxy) / det) < 1e-9)
        let closed = try #require(Self.vector(page, "line_closed_form"))
        #expect(abs(closed[1] - (n * sxy - sx * sy) / det) < 1e-9)
    }

    @Test("gradient-descent: η = 0.5 is a default rate, and only η = 0.55 leaves the window [−2.7, 2.7]², at step 6")
    func windowExits() throws {
        let page = try Self.page(GradientDescentLesson.self)
        // v(k) = ((1 − 2η)^k·2, (1 − 4η)^k·1); the window is 1.35·max(|2|, |1|) = 2.7 either way.
        let expected = [0.1, 0.4, 0.5, 0.55].map { eta -> Double in
            let k = (0...10).first { k in
                abs(Foundation.pow(1 - 2 * eta, Double(k)) * 2) > 2.7 || abs(Foundation.pow(1 - 4 * eta, Double(k))) > 2.7
            }
            return k.map(Double.init) ?? -1
        }
        #expect(expected == [-1, -1, -1, 6])
        #expect(Self.vector(page, "window_exit_steps") == expected)
        // η = 0.5: C = 6, then 0 + 2·1 = 2 at every later step.
        let costs = try #require(Self.matrix(page, "costs"))
        #expect(costs[2] == [6] + Array(repeating: 2, count: 10))
    }

    @Test("ContourPathsPlot.firstExit cuts the leaving segment at the edge")
    func contourExit() {
        let points = [LinePlot.Point(0, 0), LinePlot.Point(0.5, 0.5), LinePlot.Point(2, 0.5)]
        let exit = ContourPathsPlot.firstExit(points, x: -1...1, y: -1...1)
        #expect(exit?.step == 2)
        #expect(exit?.point.x == 1 && exit?.point.y == 0.5)
        #expect(ContourPathsPlot.firstExit(Array(points.prefix(2)), x: -1...1, y: -1...1) == nil)
    }

    @Test("backprop-by-hand: mirrored parameters get equal gradients and stay equal through training")
    func symmetry() throws {
        let page = try Self.page(BackpropLesson.self, ["--epochs", "50"])
        let g = try #require(Self.vector(page, "symmetric_gradient"))
        for (a, b) in BackpropLesson.mirroredPairs { #expect(g[a] == g[b]) }
        #expect(abs(g[0] - 0.02146953527) < 1e-11)
        #expect(Self.number(page, "symmetric_training_gap") == 0)
        let h = try #require(Self.vector(page, "symmetric_trained_hidden"))
        #expect(h[0] == h[1])
    }

    @Test("backprop-by-hand: Bob and Charlie share ŷ because every hidden slope of theirs is below 0.01, recomputed from the trained parameters")
    func samePrediction() throws {
        let page = try Self.page(BackpropLesson.self)
        let q = try #require(Self.vector(page, "final_parameters"))
        // h1 = σ(w1·x1 + w2·x2 + b1), h2 = σ(w3·x1 + w4·x2 + b2); σ′(z) = e^(−|z|)/(1 + e^(−|z|))², stable at any z.
        func slope(_ z: Double) -> Double { let e = Foundation.exp(-abs(z)); return e / ((1 + e) * (1 + e)) }
        let expected = BackpropLesson.inputs.map { (x: [Double]) -> [Double] in
            let z1: Double = q[0] * x[0] + q[1] * x[1] + q[6]
            let z2: Double = q[2] * x[0] + q[3] * x[1] + q[7]
            return [slope(z1), slope(z2)]
        }
        let slopes = try #require(Self.matrix(page, "trained_hidden_slopes"))
        for (row, want) in zip(slopes, expected) { for (a, b) in zip(row, want) { #expect(abs(a - b) <= 1e-12 * max(1, b) + 1e-300) } }
        #expect(Self.matrix(page, "same_answer_groups") == [[1, 2]])
        #expect((expected[1] + expected[2]).allSatisfy { $0 < 0.01 })
        let predictions = try #require(Self.vector(page, "predictions"))
        #expect(abs(predictions[1] - predictions[2]) < 5e-4)
    }

    @Test("backprop-equations: with C = ½(y − ŷ)² every gradient is half of lesson 7's")
    func bridge() throws {
        let page = try Self.page(BackpropEquationsLesson.self)
        let half = try #require(Self.vector(page, "bridge_half_gradient"))
        #expect(abs(half[0] - 0.02146953527 / 2) < 1e-11)
        let net = SigmoidNetwork(sizes: [2, 2, 1], weight: 1, bias: 0)
        let full = net.gradient(input: [-2, -1], target: [1])
        for (a, b) in zip(half, full) { #expect(abs(a - b / 2) < 1e-15) }
    }

    @Test("backprop-equations: BP1 and BP2 in index form for neuron 1, recomputed from the recorded weights")
    func indexForm() throws {
        let page = try Self.page(BackpropEquationsLesson.self)
        let w1 = try #require(Self.matrix(page, "W1")), b1 = try #require(Self.vector(page, "b1"))
        let w2 = try #require(Self.matrix(page, "W2")), b2 = try #require(Self.vector(page, "b2"))
        let x = [1.0, 0.5], y = [1.0, 0.0]
        func sigma(_ z: Double) -> Double { 1 / (1 + Foundation.exp(-z)) }
        // z¹_j = Σ_i x_i W¹_ij + b¹_j, z²_k = Σ_j a¹_j W²_jk + b²_k.
        var a1: [Double] = []
        for j in b1.indices {
            var z = b1[j]
            for i in x.indices { z += x[i] * w1[i][j] }
            a1.append(sigma(z))
        }
        var delta2: [Double] = []
        for k in b2.indices {
            var z = b2[k]
            for j in a1.indices { z += a1[j] * w2[j][k] }
            let a = sigma(z)
            delta2.append((a - y[k]) * a * (1 - a))
        }
        #expect(abs(try #require(Self.number(page, "bp1_index_delta")) - delta2[0]) < 1e-12)
        var back = 0.0
        for k in delta2.indices { back += w2[0][k] * delta2[k] }
        let delta11: Double = back * a1[0] * (1 - a1[0])
        #expect(abs(try #require(Self.number(page, "bp2_index_delta1")) - delta11) < 1e-12)
        #expect(abs(try #require(Self.vector(page, "delta1"))[0] - delta11) < 1e-12)
    }

    @Test("xor-net: step 0's gradients against central differences, the update equals one step of training, the output sums at the corners")
    func xorFirstStep() throws {
        let page = try Self.page(XorNetLesson.self, ["--iterations", "200"])
        let start = XorNetLesson.network(sizes: [2, 2, 1], hidden: .sigmoid, seed: 1)
        let p0 = start.parameters
        func cost(_ p: [Double]) -> Double {
            // C = (1/4)·Σ ½(y − a)² over the four XOR rows, the network written out by hand from the flat parameters.
            let net = start.with(parameters: p)
            let w1 = net.layers[0].weights, b1 = net.layers[0].bias, w2 = net.layers[1].weights, b2 = net.layers[1].bias
            var total = 0.0
            for (x, y) in zip([[0.0, 0], [0, 1], [1, 0], [1, 1]], [0.0, 1, 1, 0]) {
                let h = (0..<2).map { j in 1 / (1 + Foundation.exp(-(x[0] * w1[0, j] + x[1] * w1[1, j] + b1[0, j]))) }
                let a = 1 / (1 + Foundation.exp(-(h[0] * w2[0, 0] + h[1] * w2[1, 0] + b2[0, 0])))
                total += 0.5 * (y - a) * (y - a)
            }
            return total / 4
        }
        func numeric(_ k: Int) -> Double {
            var up = p0, down = p0
            up[k] += 1e-6; down[k] -= 1e-6
            return (cost(up) - cost(down)) / 2e-6
        }
        let dW1 = try #require(Self.matrix(page, "step0_dW1")), dW2 = try #require(Self.matrix(page, "step0_dW2"))
        let db1 = try #require(Self.vector(page, "step0_db1")), db2 = try #require(Self.vector(page, "step0_db2"))
        var analytic: [Double] = dW1.flatMap { $0 }
        analytic += db1
        analytic += dW2.flatMap { $0 }
        analytic += db2
        #expect(analytic.count == p0.count)
        for k in p0.indices { #expect(abs(analytic[k] - numeric(k)) < 1e-8, "parameter \(k)") }
        #expect(abs(try #require(Self.number(page, "step0_dW1_11")) - dW1[0][0]) < 1e-15)
        // The update shown equals the first step of the engine's training loop.
        let trained = start.trained(on: XorNetLesson.inputs, XorNetLesson.objective, learningRate: 2, iterations: 1).network
        let newW1: [[Double]] = try #require(Self.matrix(page, "step1_W1"))
        let newB1: [Double] = try #require(Self.vector(page, "step1_b1"))
        let newW2: [[Double]] = try #require(Self.matrix(page, "step1_W2"))
        let newB2: [Double] = try #require(Self.vector(page, "step1_b2"))
        var shown: [Double] = newW1.flatMap { $0 }
        shown += newB1
        shown += newW2.flatMap { $0 }
        shown += newB2
        for (a, b) in zip(shown, trained.parameters) { #expect(abs(a - b) < 1e-15) }
        for (a, b) in zip(shown, zip(p0, analytic).map { $0 - 2 * $1 }) { #expect(abs(a - b) < 1e-15) }
        #expect(try #require(Self.number(page, "step1_loss")) < cost(p0))
    }

    @Test("xor-net: the output's weighted input at the corners and at the four inputs, from the trained weights")
    func xorOutputSums() throws {
        let page = try Self.page(XorNetLesson.self)
        let w2 = try #require(Self.matrix(page, "W2")), b2 = try #require(Self.vector(page, "b2"))
        let corners = [[0.0, 0], [0, 1], [1, 0], [1, 1]]
        let z = corners.map { w2[0][0] * $0[0] + w2[1][0] * $0[1] + b2[0] }
        let shown = try #require(Self.vector(page, "output_corner_z"))
        for (a, b) in zip(shown, z) { #expect(abs(a - b) < 1e-12) }
        // Positive only at (h1, h2) = (1, 0): h1 AND NOT h2.
        #expect(z.map { $0 > 0 } == [false, false, true, false])
        guard case .string(let name)? = page.value("output_function") else { Issue.record("no output_function"); return }
        #expect(name == "h1 AND NOT h2")
        let h = try #require(Self.matrix(page, "hidden1"))
        let patterns = try #require(Self.vector(page, "output_pattern_z"))
        for r in 0..<4 { #expect(abs(patterns[r] - (w2[0][0] * h[r][0] + w2[1][0] * h[r][1] + b2[0])) < 1e-12) }
        #expect(patterns.map { $0 > 0 } == [false, true, true, false])
    }

    @Test("conv-pool: max pooling backward on 001's matrix; 32×32×3 with ten 5×5 filters → 28×28×10, 760 parameters")
    func convAdditions() throws {
        let page = try Self.page(ConvPoolLesson.self)
        #expect(Self.matrix(page, "text_pool_output") == [[7, 9], [8, 4]])
        #expect(Self.matrix(page, "text_pool_input_gradient") == [[0, 0, 0, -0.2], [0.1, 0, 0, 0], [0.3, 0, 0, 0], [0, 0, 0, 0.4]])
        #expect(Self.number(page, "filters_output_side") == 28)
        #expect(Self.number(page, "filters_parameters") == 760)
        #expect(Self.number(page, "dense_equivalent_parameters") == Double(32 * 32 * 3 * 28 * 28 * 10 + 28 * 28 * 10))
    }

    @Test("evaluation: exact match 2 of 4 against 14 of 16 labels; one test example is worth 100/n points")
    func evaluationAdditions() throws {
        let page = try Self.page(EvaluationLesson.self)
        #expect(Self.number(page, "exact_match_accuracy") == 0.5)
        #expect(Self.number(page, "per_label_accuracy") == 14.0 / 16)
        let n = try #require(Self.number(page, "n"))
        #expect(Self.number(page, "points_per_test_example") == 100 / n)
    }

    @Test("regularization: same score, L2 penalty 1 against 0.25; classic dropout scales by 1 − p at prediction")
    func regularizationAdditions() throws {
        let page = try Self.page(RegularizationLesson.self, ["--iterations", "10"])
        #expect(Self.number(page, "l2_concentrated") == 1)
        #expect(Self.number(page, "l2_spread") == 0.25)
        let p = try RegularizationLesson.parse([]).dropout.value
        let classic = try #require(Self.vector(page, "classic_dropout_prediction"))
        for (a, b) in zip(classic, [0.8, -0.4, 1.2, 0.5]) { #expect(abs(a - (1 - p) * b) < 1e-15) }
    }

    @Test("normalization: centring keeps the spreads (√3.5 and √350), normalising makes them 1 up to ε")
    func centring() throws {
        let page = try Self.page(NormalizationClippingLesson.self)
        let centred = try #require(Self.vector(page, "centred_spread"))
        #expect(abs(centred[0] - 3.5.squareRoot()) < 1e-12)
        #expect(abs(centred[1] - 350.0.squareRoot()) < 1e-12)
        let normalised = try #require(Self.vector(page, "normalised_spread"))
        #expect(abs(normalised[0] - (3.5 / (3.5 + 1e-5)).squareRoot()) < 1e-9)
        #expect(abs(normalised[1] - (350 / (350 + 1e-5)).squareRoot()) < 1e-9)
    }

    @Test("quadrant-net: the active hidden units per point, counted again from W1 and b1; four knobs tried")
    func quadrantAdditions() throws {
        let page = try Self.page(QuadrantNetLesson.self, ["--iterations", "5"])
        let w = try #require(Self.matrix(page, "W1_start"))
        let b = try #require(Self.vector(page, "b1_start"))
        let points: [[Double]] = [[1, 1], [-1, 1], [-1, -1], [1, -1]]
        let expected = points.map { x in Double((0..<b.count).filter { j in x[0] * w[0][j] + x[1] * w[1][j] + b[j] > 0 }.count) }
        #expect(Self.vector(page, "active_hidden_units") == expected)
        #expect(Self.vector(page, "ball_machine_slopes")?.count == 4)
    }
}
