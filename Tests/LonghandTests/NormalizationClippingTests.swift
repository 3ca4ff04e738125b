import Foundation
import Testing
@testable import LonghandEngine
@testable import Curriculum

/// The answer key of lesson 15, `normalization-and-clipping` (source text 002): every number is
/// recomputed here with plain loops and Foundation, independently of the engine's code.
@Suite("normalization-and-clipping answer key")
struct NormalizationClippingTests {
    static let x: [[Double]] = [[1, 50], [2, 60], [3, 70], [6, 20]]
    static let g: [[Double]] = [[0.3, -0.2], [-0.1, 0.4], [0.5, 0.1], [-0.2, -0.3]]
    static let gamma: [Double] = [2, 0.5], beta: [Double] = [1, 0], eps = 1e-5

    /// Column j's mean, variance (÷m) and x̂, by loops.
    static func column(_ x: [[Double]], _ j: Int, eps: Double = eps) -> (mean: Double, variance: Double, normalized: [Double]) {
        let m = Double(x.count)
        let mean = x.map { $0[j] }.reduce(0, +) / m
        let variance = x.map { ($0[j] - mean) * ($0[j] - mean) }.reduce(0, +) / m
        return (mean, variance, x.map { ($0[j] - mean) / sqrt(variance + eps) })
    }

    /// ∂L/∂x by the compact formula γ/(m·s)·(m·g − Σg − x̂·Σ g·x̂), which the engine does not use.
    static func inputGradient(_ x: [[Double]], _ g: [[Double]], _ gamma: [Double], eps: Double = eps) -> [[Double]] {
        let m = Double(x.count)
        var out = x.map { $0.map { _ in 0.0 } }
        for j in 0..<x[0].count {
            let c = column(x, j, eps: eps)
            let s = sqrt(c.variance + eps)
            let sumG = g.map { $0[j] }.reduce(0, +)
            let sumGX = zip(g, c.normalized).map { $0[j] * $1 }.reduce(0, +)
            for i in 0..<x.count { out[i][j] = gamma[j] / (m * s) * (m * g[i][j] - sumG - c.normalized[i] * sumGX) }
        }
        return out
    }

    @Test("forward: μ = (3, 50), σ² = (3.5, 350), x̂ and y = γx̂ + β for every entry")
    func forward() {
        let f = BatchNorm(gamma: Self.gamma, beta: Self.beta, epsilon: Self.eps).forward(Matrix(Self.x))
        #expect(f.mean == [3, 50])
        #expect(f.variance == [3.5, 350])
        for j in 0..<2 {
            let c = Self.column(Self.x, j)
            for i in 0..<4 {
                #expect(abs(f.normalized[i, j] - c.normalized[i]) < 1e-12)
                #expect(abs(f.output[i, j] - (Self.gamma[j] * c.normalized[i] + Self.beta[j])) < 1e-12)
            }
        }
        #expect(printed(f.normalized[0, 0], 4) == -1.0690)
        #expect(printed(f.normalized[3, 0], 4) == 1.6036)
        #expect(printed(f.normalized[1, 1], 4) == 0.5345)
        #expect(printed(f.output[0, 0], 4) == -1.1381)
        #expect(printed(f.output[3, 1], 4) == -0.8018)
    }

    @Test("backward: ∂L/∂β = column sums of G, ∂L/∂γ = Σ G·x̂, ∂L/∂x by the compact formula")
    func backward() {
        let bn = BatchNorm(gamma: Self.gamma, beta: Self.beta, epsilon: Self.eps)
        let b = bn.backward(bn.forward(Matrix(Self.x)), outputGradient: Matrix(Self.g))
        #expect(abs(b.beta[0] - 0.5) < 1e-12 && abs(b.beta[1]) < 1e-12)
        for j in 0..<2 {
            let c = Self.column(Self.x, j)
            let dGamma = zip(Self.g, c.normalized).map { $0[j] * $1 }.reduce(0, +)
            #expect(abs(b.gamma[j] - dGamma) < 1e-12)
        }
        #expect(printed(b.gamma[0], 4) == -0.5880)
        #expect(printed(b.gamma[1], 4) == 0.8018)
        let dx = Self.inputGradient(Self.x, Self.g, Self.gamma)
        for i in 0..<4 { for j in 0..<2 { #expect(abs(b.input[i, j] - dx[i][j]) < 1e-12) } }
        #expect(printed(b.input[0, 0], 4) == 0.0191)
        #expect(printed(b.input[2, 0], 4) == 0.4009)
        // Each column of ∂L/∂x sums to 0: a common shift of the inputs changes nothing.
        for j in 0..<2 { #expect(abs(b.input.column(j).reduce(0, +)) < 1e-12) }
    }

    @Test("backward: every gradient of the layer checked by central differences (lesson batch and 20 random ones)")
    func gradientCheck() {
        var r = SeededRandom(seed: 15)
        var cases: [([[Double]], [[Double]], [Double], [Double])] = [(Self.x, Self.g, Self.gamma, Self.beta)]
        for _ in 0..<20 {
            let m = 2 + r.index(below: 5), n = 1 + r.index(below: 3)
            cases.append(((0..<m).map { _ in (0..<n).map { _ in r.uniform(-5, 5) } }, (0..<m).map { _ in (0..<n).map { _ in r.uniform(-1, 1) } },
                          (0..<n).map { _ in r.uniform(-2, 2) }, (0..<n).map { _ in r.uniform(-1, 1) }))
        }
        for (x, g, gamma, beta) in cases {
            let m = x.count, n = x[0].count
            let bn = BatchNorm(gamma: gamma, beta: beta, epsilon: Self.eps)
            let b = bn.backward(bn.forward(Matrix(x)), outputGradient: Matrix(g))
            func loss(_ xs: [Double], _ ga: [Double], _ be: [Double]) -> Double {
                let y = BatchNorm(gamma: ga, beta: be, epsilon: Self.eps).forward(Matrix(rows: m, columns: n, values: xs)).output
                return zip(y.values, g.flatMap { $0 }).map(*).reduce(0, +)
            }
            let flat = x.flatMap { $0 }
            let entries = GradientCheck.compare(analytic: b.input.values, at: flat) { loss($0, gamma, beta) }
                + GradientCheck.compare(analytic: b.gamma, at: gamma) { loss(flat, $0, beta) }
                + GradientCheck.compare(analytic: b.beta, at: beta) { loss(flat, gamma, $0) }
            for e in entries { #expect(abs(e.analytic - e.numeric) < 1e-7, "\(x): \(e)") }
        }
    }

    @Test("running statistics: one batch moves them 10% of the way; a batch of one outputs β; prediction uses the running values")
    func running() throws {
        let bn = BatchNorm(gamma: Self.gamma, beta: Self.beta, epsilon: Self.eps, momentum: 0.9)
        let after = bn.updatingRunningStatistics(with: bn.forward(Matrix(Self.x)))
        #expect(abs(after.runningMean[0] - 0.3) < 1e-12 && abs(after.runningMean[1] - 5) < 1e-12)
        #expect(abs(after.runningVariance[0] - 1.25) < 1e-12 && abs(after.runningVariance[1] - 35.9) < 1e-12)
        #expect(bn.forward(Matrix(row: [4, 40])).output.values == Self.beta)

        // The lesson's stream of 40 batches, averaged again here with plain loops.
        let lesson = try NormalizationClippingLesson.parse([])
        var mean = [0.3, 5.0], variance = [1.25, 35.9]
        for batch in lesson.stream(count: 40) {
            let rows = batch.nested
            for j in 0..<2 {
                let c = Self.column(rows, j)
                mean[j] = 0.9 * mean[j] + 0.1 * c.mean
                variance[j] = 0.9 * variance[j] + 0.1 * c.variance
            }
        }
        let v = try TestSupport.values("normalization-and-clipping")
        let rm = try #require(v.vector("running_mean")), rv = try #require(v.vector("running_variance"))
        for j in 0..<2 {
            #expect(abs(rm[j] - mean[j]) < 1e-9 && abs(rv[j] - variance[j]) < 1e-9)
        }
        let predicted = try #require(v.vector("prediction_output"))
        let example = [4.0, 40]
        for j in 0..<2 {
            let expected = Self.gamma[j] * (example[j] - mean[j]) / sqrt(variance[j] + Self.eps) + Self.beta[j]
            #expect(abs(predicted[j] - expected) < 1e-9)
        }
        #expect(v.vector("single_example_output") == Self.beta)
    }

    @Test("clipping g = (9, 5) at c = 4: by value (4, 4), by norm 4/√106·(9, 5), the text's subtraction (5, 1)")
    func clipping() {
        let g = [9.0, 5]
        #expect(GradientClipping.value(threshold: 4).apply(g) == [4, 4])
        let byNorm = GradientClipping.norm(threshold: 4).apply(g)
        #expect(abs(byNorm[0] - 36 / sqrt(106)) < 1e-12 && abs(byNorm[1] - 20 / sqrt(106)) < 1e-12)
        #expect(printed(byNorm[0], 4) == 3.4966 && printed(byNorm[1], 4) == 1.9426)
        #expect(abs(sqrt(byNorm[0] * byNorm[0] + byNorm[1] * byNorm[1]) - 4) < 1e-12)
        // The erratum: subtracting leaves 5 > 4; a gradient under the cap is untouched by real clipping.
        #expect(NormalizationClippingLesson.subtractThreshold(g, 4) == [5, 1])
        #expect(GradientClipping.norm(threshold: 4).apply([1, 2]) == [1, 2])
        #expect(GradientClipping.value(threshold: 4).apply([-9, 3]) == [-4, 3])
        #expect(abs(GradientClipping.norm([3e200, 4e200]) / 5e200 - 1) < 1e-15)   // no overflow
    }

    @Test("exploding gradients: unclipped plain descent passes 1e8 at step 5; every clipped step moves the weights at most η·c")
    func exploding() throws {
        let v = try TestSupport.values("normalization-and-clipping")
        #expect(v.number("diverged_unclipped") == 5)
        let clipped = try #require(v.vector("losses_clipped"))
        #expect(clipped.count == 151)
        #expect(try #require(v.number("final_loss_clipped")) < 0.05)

        // The initial loss recomputed with loops from the lesson's network.
        let lesson = try NormalizationClippingLesson.parse([])
        let net = lesson.deepNetwork()
        let data = NormalizationClippingLesson.curveData()
        var loss = 0.0
        for i in 0..<24 {
            var a = [data.x[i, 0]]
            for (l, layer) in net.layers.enumerated() {
                a = (0..<layer.outputCount).map { j in
                    let z = layer.bias[0, j] + (0..<a.count).reduce(0) { $0 + a[$1] * layer.weights[$1, j] }
                    return l == net.layers.count - 1 ? z : max(z, 0)
                }
            }
            loss += 0.5 * (a[0] - data.y[i, 0]) * (a[0] - data.y[i, 0]) / 24
        }
        #expect(abs(try #require(v.number("initial_loss")) - loss) < 1e-12)

        // Clipping by norm at c = 5 with η = 0.05: no step longer than 0.25.
        var current = net
        for _ in 0..<20 {
            let gradient = current.evaluate(data.x, .halfSquaredError(targets: data.y)).gradients.flatMap(\.flattened)
            let length = sqrt(gradient.map { $0 * $0 }.reduce(0, +))
            let scale = length > 5 ? 5 / length : 1
            let next = current.with(parameters: zip(current.parameters, gradient).map { $0 - 0.05 * scale * $1 })
            let moved = sqrt(zip(next.parameters, current.parameters).map { ($0 - $1) * ($0 - $1) }.reduce(0, +))
            #expect(moved <= 0.25 + 1e-12)
            current = next
        }
        let engine = net.trained(on: data.x, .halfSquaredError(targets: data.y), optimizer: GradientDescentOptimizer(learningRate: 0.05),
                                 iterations: 20, clipping: .norm(threshold: 5))
        #expect(zip(engine.network.parameters, current.parameters).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    @Test("normalization-and-clipping --json reports the worked numbers")
    func json() throws {
        let v = try TestSupport.values("normalization-and-clipping")
        #expect(v.vector("mean") == [3, 50])
        #expect(v.vector("variance") == [3.5, 350])
        #expect(v.vector("dL_dbeta").map { $0.map { printed($0, 12) } } == [0.5, 0])
        #expect(v.vector("clipped_value") == [4, 4])
        #expect(v.vector("text_rule") == [5, 1])
        #expect(v.vector("running_mean_after_one").map { $0.map { printed($0, 12) } } == [0.3, 5])
        #expect(try #require(v.number("max_absolute_difference")) < 1e-9)
        #expect(v.vector("exercise1_clipped_value") == [3, -5, 0.5, 5, -1])
        #expect(v.vector("exercise1_text_rule") == [3, -2, 0.5, 7, -1])
        let n = sqrt(9 + 49 + 0.25 + 144 + 1)
        let byNorm = try #require(v.vector("exercise1_clipped_norm"))
        for (a, b) in zip(byNorm, [3, -7, 0.5, 12, -1].map { $0 * 5 / n }) { #expect(abs(a - b) < 1e-12) }
        let ex2 = try #require(v.vector("exercise2_normalized"))
        let s = sqrt(1400.0 / 3 + 1e-5)
        for (a, b) in zip(ex2, [-20 / s, -10 / s, 30 / s]) { #expect(abs(a - b) < 1e-12) }
        let ex3 = try #require(v.matrix("exercise3_dL_dx"))
        #expect(ex3.flatMap { $0 }.allSatisfy { abs($0) < 1e-8 })
    }

    @Test("changed options: --batch 2,4,6,8,10,0 --gamma 1,3 --beta 0,-1 --upstream 1,0,0,1,-1,0")
    func changedOptions() throws {
        let x: [[Double]] = [[2, 4], [6, 8], [10, 0]], g: [[Double]] = [[1, 0], [0, 1], [-1, 0]], gamma: [Double] = [1, 3]
        let v = try TestSupport.values("normalization-and-clipping", ["--batch", "2,4,6,8,10,0", "--gamma", "1,3", "--beta", "0,-1",
                                                                      "--upstream", "1,0,0,1,-1,0"])
        #expect(v.vector("mean") == [6, 4])
        let variance = try #require(v.vector("variance"))
        #expect(abs(variance[0] - 32.0 / 3) < 1e-12 && abs(variance[1] - 32.0 / 3) < 1e-12)
        let dx = Self.inputGradient(x, g, gamma)
        let got = try #require(v.matrix("dL_dx"))
        for i in 0..<3 { for j in 0..<2 { #expect(abs(got[i][j] - dx[i][j]) < 1e-12) } }
        let out = try #require(v.matrix("output"))
        let c = Self.column(x, 1)
        for i in 0..<3 { #expect(abs(out[i][1] - (3 * c.normalized[i] - 1)) < 1e-12) }
    }

    @Test("normalization-and-clipping rejects a batch that is not whole rows of two, with exit 64 and one line")
    func badInput() throws {
        for args in [["--batch", "1,2,3"], ["--upstream", "1,2"], ["--threshold", "0"], ["--clip-mode", "half"]] {
            try TestSupport.expectRefused("normalization-and-clipping", args)
        }
    }
}
