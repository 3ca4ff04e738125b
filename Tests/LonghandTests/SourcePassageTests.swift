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

    @Test("backprop-equations: with C = ½(y − ŷ)² every gradient is half of lesson 7's")
    func bridge() throws {
        let page = try Self.page(BackpropEquationsLesson.self)
        let half = try #require(Self.vector(page, "bridge_half_gradient"))
        #expect(abs(half[0] - 0.02146953527 / 2) < 1e-11)
        let net = SigmoidNetwork(sizes: [2, 2, 1], weight: 1, bias: 0)
        let full = net.gradient(input: [-2, -1], target: [1])
        for (a, b) in zip(half, full) { #expect(abs(a - b / 2) < 1e-15) }
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
