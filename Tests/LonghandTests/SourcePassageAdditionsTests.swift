import Foundation
import Testing
@testable import Notebook
@testable import LessonKit
@testable import LonghandEngine
@testable import Curriculum

/// Issue 15, second round: the new source-passage sections recomputed here by an independent route.
@Suite("Source passages: second round")
struct SourcePassageAdditionsTests {
    typealias S = SourcePassageTests

    /// A plain forward pass with loops: z and a of every layer for one example (hidden f, linear output).
    static func forward(_ net: Network, _ x: [Double], hidden f: (Double) -> Double) -> (z: [[Double]], a: [[Double]]) {
        var a = x, zs: [[Double]] = [], acts: [[Double]] = []
        for (l, layer) in net.layers.enumerated() {
            let w = layer.weights, b = layer.bias
            let z = (0..<w.columns).map { j in (0..<w.rows).reduce(b[0, j]) { $0 + a[$1] * w[$1, j] } }
            a = l == net.layers.count - 1 ? z : z.map(f)
            zs.append(z)
            acts.append(a)
        }
        return (zs, acts)
    }

    @Test("initialization: δ one layer down, δ^{L−1}_j = δ^L W^L_{j,1} tanh′(z_j), and both norms, by hand")
    func deltaOneLayerDown() throws {
        let lesson = try InitializationLesson.parse([])
        let page = try lesson.notebook()
        let net = lesson.network(.tanh, .lecun), (x, y) = lesson.data
        let n = x.rows, L = lesson.layers
        var top: [Double] = [], below: [[Double]] = []
        for i in 0..<n {
            let f = Self.forward(net, x.row(i), hidden: Foundation.tanh)
            let d = (f.a[L - 1][0] - y[i, 0]) / Double(n)
            top.append(d)
            let w = net.layers[L - 1].weights
            below.append((0..<w.rows).map { j in d * w[j, 0] * (1 - Foundation.tanh(f.z[L - 2][j]) * Foundation.tanh(f.z[L - 2][j])) })
        }
        let j = Int(try #require(S.number(page, "delta_below_neuron"))) - 1
        #expect(abs(try #require(S.number(page, "delta_top_first")) - top[0]) < 1e-12)
        #expect(abs(try #require(S.number(page, "delta_below_entry")) - below[0][j]) < 1e-12)
        #expect(below[0].allSatisfy { abs($0) <= abs(below[0][j]) })
        let normTop = top.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let normBelow = below.joined().reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(try #require(S.number(page, "delta_top_norm")) - normTop) < 1e-12 * max(1, normTop))
        #expect(abs(try #require(S.number(page, "delta_below_norm")) - normBelow) < 1e-12 * max(1, normBelow))
        #expect(abs(try #require(S.number(page, "delta_step_factor")) - normBelow / normTop) < 1e-9)
    }

    @Test("initialization: each training curve starts at the cost of a hand forward pass and its first step is gradient descent's")
    func trainingCurves() throws {
        let lesson = try InitializationLesson.parse([])
        let page = try lesson.notebook()
        guard case .object(let curves)? = page.value("training_curves") else { Issue.record("no curves"); return }
        let (x, y) = lesson.data
        for scheme in InitializationLesson.Scheme.allCases {
            let losses = try #require(curves.first { $0.0 == scheme.key }.map { c -> [Double] in
                guard case .array(let items) = c.1 else { return [] }
                return items.compactMap { if case .number(let v) = $0 { return v } else { return nil } }
            })
            let net = lesson.network(.tanh, scheme)
            let cost = (0..<x.rows).reduce(0.0) { s, i in
                let out = Self.forward(net, x.row(i), hidden: Foundation.tanh).a.last![0]
                return s + 0.5 * (out - y[i, 0]) * (out - y[i, 0])
            } / Double(x.rows)
            #expect(abs(losses[0] - cost) < 1e-10 * max(1, cost), "\(scheme.key)")
            // One step θ − η∇C by hand, with the gradient from central differences of the hand-written cost along that step:
            // the recorded second cost equals the cost at the engine's stepped parameters.
            let e = net.evaluate(x, .halfSquaredError(targets: y))
            let stepped = net.with(parameters: zip(net.parameters, e.gradient).map { $0 - InitializationLesson.curveLearningRate * $1 })
            let after = (0..<x.rows).reduce(0.0) { s, i in
                let out = Self.forward(stepped, x.row(i), hidden: Foundation.tanh).a.last![0]
                return s + 0.5 * (out - y[i, 0]) * (out - y[i, 0])
            } / Double(x.rows)
            if losses.count > 1 { #expect(abs(losses[1] - after) < 1e-10 * max(1, after), "\(scheme.key)") }
        }
        // The ranking is the order of the finished runs' last costs.
        let ranking = try #require(S.vector(page, "training_ranking"))
        #expect(ranking.count >= 1)
    }

    @Test("regularization: the histogram of |w| by decades and the count below 0.01, recounted from the trained networks")
    func weightHistogram() throws {
        let lesson = try RegularizationLesson.parse(["--iterations", "300"])
        let page = try lesson.notebook()
        let ex = lesson.experiment()
        guard case .object(let near)? = page.value("weights_near_zero"), case .object(let hist)? = page.value("weight_histogram") else {
            Issue.record("no histogram"); return
        }
        for key in ["none", "l2", "l1"] {
            let w = ex.run(key).result.network.layers.flatMap { $0.weights.values }
            let expectedNear = Double(w.filter { abs($0) < 0.01 }.count)
            #expect(near.first { $0.0 == key }?.1 == .number(expectedNear), "\(key)")
            let bins: [Double] = [0, 1e-4, 1e-3, 1e-2, 1e-1, 1, .infinity]
            let counts = (0..<6).map { b in Double(w.filter { abs($0) >= bins[b] && abs($0) < bins[b + 1] }.count) }
            #expect(hist.first { $0.0 == key }?.1 == .vector(counts), "\(key)")
        }
    }

    @Test("regularization wording: L1 leaves more weights near 0 than L2 by default; with λ₁ = λ₂ = 0 both runs are the plain one, equally many")
    func weightHistogramWording() throws {
        let more = try RenderedPage(RegularizationLesson.self, ["--iterations", "1500"])
        #expect(more.says("L1 leaves more of them near 0 than L2 does", "L1 留在 0 附近的权重比 L2 多"))
        let none = try RenderedPage(RegularizationLesson.self, ["--iterations", "1500", "--l1", "0", "--l2", "0"])
        #expect(none.never("L1 leaves more of them near 0 than L2 does", "L1 留在 0 附近的权重比 L2 多"))
        #expect(none.says("L1 and L2 leave equally many near 0", "L1 与 L2 留在 0 附近的权重一样多"))
    }

    @Test("normalization: the exploding network's layer gradients without batch norm match the Network, with it central differences")
    func batchNormInDeepNetwork() throws {
        let lesson = try NormalizationClippingLesson.parse([])
        let page = try lesson.notebook()
        let data = NormalizationClippingLesson.curveData()
        let objective = Network.Objective.halfSquaredError(targets: data.y)
        let plain = lesson.deepNetwork().evaluate(data.x, objective).gradients.map { GradientNorms.frobenius($0.weights) }
        let recordedPlain = try #require(S.vector(page, "bn_deep_gradient_norms_plain"))
        for (a, b) in zip(recordedPlain, plain) { #expect(abs(a - b) < 1e-9 * max(1, b)) }
        // With batch normalization: every dense weight's gradient by central differences of the stack's loss.
        let stack = lesson.deepStack(batchNormalized: true)
        let batch = LayerStack.Batch(inputs: data.x, objective: objective, masks: stack.noDropout(batch: data.x.rows))
        let theta = stack.parameters, h = 1e-6
        var numeric: [Double] = []
        for k in theta.indices {
            var up = theta, down = theta
            up[k] += h; down[k] -= h
            numeric.append((stack.with(parameters: up).loss(on: batch) - stack.with(parameters: down).loss(on: batch)) / (2 * h))
        }
        var offset = 0, norms: [Double] = []
        for piece in stack.pieces {
            if case .dense(let d) = piece {
                let block = numeric[offset..<(offset + d.weights.values.count)]
                norms.append(block.reduce(0) { $0 + $1 * $1 }.squareRoot())
                offset += d.parameterCount
            } else if case .batchNorm(let b) = piece {
                offset += 2 * b.features
            }
        }
        let recorded = try #require(S.vector(page, "bn_deep_gradient_norms"))
        #expect(recorded.count == norms.count)
        for (a, b) in zip(recorded, norms) { #expect(abs(a - b) < 1e-5 * max(1, b), "\(a) vs \(b)") }
    }

    @Test("optimizers: Adam's first step moves every parameter by η (bias correction), and the first cost is the network's")
    func adamFirstSteps() throws {
        let lesson = try OptimizersLesson.parse([])
        let page = try lesson.notebook()
        let eta = lesson.networkAdamRate.value
        // Step 1 with m̂ = g and ŝ = g²: each parameter moves by η|g|/(|g| + ε).
        let data = lesson.spiralData()
        let g = lesson.smallNetwork().evaluate(data.train.x, .softmaxCrossEntropy(labels: data.train.labels)).gradient
        let moves = g.filter { $0 != 0 }.map { eta * abs($0) / (abs($0) + lesson.epsilon.value) }
        #expect(abs(try #require(S.number(page, "adam_step1_smallest_move")) - moves.min()!) < 1e-12)
        #expect(abs(try #require(S.number(page, "adam_step1_largest_move")) - moves.max()!) < 1e-12)
        #expect(moves.allSatisfy { abs($0 - eta) < 1e-3 * eta })
        let costs = try #require(S.vector(page, "adam_first_costs"))
        let start = lesson.smallNetwork().loss(data.train.x, .softmaxCrossEntropy(labels: data.train.labels))
        #expect(abs(costs[0] - start) < 1e-12)
        // The rise the page reports is the first step whose cost exceeds the one before.
        let rise = try #require(S.number(page, "adam_first_rise_step"))
        let expected = (0..<(costs.count - 1)).first { costs[$0 + 1] > costs[$0] }.map { Double($0 + 1) } ?? -1
        #expect(rise == expected)
        #expect(S.number(page, "network_train_points") == 90)
        #expect(S.number(page, "network_test_points") == 90)
    }

    @Test("digits exercise 3: the small set trains for as many steps as the full run, epochs × ⌈N/b⌉")
    func digitsEqualSteps() throws {
        let args = ["--learning-rate", "0.3", "--epochs", "1", "--training-samples", "300", "--folds", "2"]
        let lesson = try DigitsLesson.parse(args)
        let page = try lesson.notebook()
        let full = try #require(S.number(page, "exercise3_full_steps"))
        let smallSteps = try #require(S.number(page, "exercise3_small_steps"))
        let smallEpochs = try #require(S.number(page, "exercise3_small_epochs"))
        let perEpoch = Double((100 + lesson.batchSize - 1) / lesson.batchSize)
        #expect(smallSteps == smallEpochs * perEpoch)
        #expect(abs(smallSteps - full) <= perEpoch / 2)
    }
}
