import Foundation
import Testing
@testable import LonghandEngine
@testable import Curriculum

/// The answer key of lesson 16, `optimizers` (source text 002): the bowl C = v1² + 50·v2² from
/// (−4, 1), each optimizer's updates recomputed here from their formulas with plain loops.
@Suite("optimizers answer key")
struct OptimizersTests {
    /// The lesson's `--json` output with default options, produced once per test process: the
    /// default run trains eight networks and takes seconds in a debug build.
    static let defaultJSON: String = {
        let folder = TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        return (try? TestSupport.run("optimizers", ["--json", "--out", folder.path]))?.stdout ?? ""
    }()

    /// The "values" object of the default run.
    static func defaults() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(defaultJSON.utf8)) as? [String: Any]
        return object?["values"] as? [String: Any] ?? [:]
    }

    static func gradient(_ v: [Double], a: Double = 1, b: Double = 50) -> [Double] { [2 * a * v[0], 2 * b * v[1]] }
    static func cost(_ v: [Double], a: Double = 1, b: Double = 50) -> Double { a * v[0] * v[0] + b * v[1] * v[1] }

    @Test("gradient descent, η = 0.018: v(1) = (−3.856, −0.8), v(2) = (−3.71718, 0.64), C(v(2)) = 34.2975")
    func gradientDescent() throws {
        var opt = GradientDescentOptimizer(learningRate: 0.018)
        var v = [-4.0, 1]
        var expected = v
        for _ in 0..<2 {
            let g = Self.gradient(expected)
            expected = [expected[0] - 0.018 * g[0], expected[1] - 0.018 * g[1]]
            opt.step(&v, Self.gradient(v))
            #expect(abs(v[0] - expected[0]) < 1e-12 && abs(v[1] - expected[1]) < 1e-12)
        }
        #expect(printed(v[0], 5) == -3.71718 && printed(v[1], 2) == 0.64)
        #expect(printed(Self.cost(v), 4) == 34.2975)
        let path = try #require(TestSupport.values("optimizers").matrix("gd_path"))
        #expect(abs(path[1][0] + 3.856) < 1e-12 && abs(path[1][1] + 0.8) < 1e-12)
    }

    @Test("momentum, η = 0.018, β = 0.9: u(1) = (0.144, −1.8), u(2) = (0.268416, −0.18), u(3) = (0.370727, 1.602)")
    func momentum() throws {
        var opt = MomentumOptimizer(learningRate: 0.018, momentum: 0.9)
        var v = [-4.0, 1], w = v, u = [0.0, 0]
        for _ in 0..<3 {
            let g = Self.gradient(w)
            u = [0.9 * u[0] - 0.018 * g[0], 0.9 * u[1] - 0.018 * g[1]]
            w = [w[0] + u[0], w[1] + u[1]]
            opt.step(&v, Self.gradient(v))
            #expect(zip(opt.velocity, u).allSatisfy { abs($0 - $1) < 1e-12 })
            #expect(zip(v, w).allSatisfy { abs($0 - $1) < 1e-12 })
        }
        #expect(printed(u[0], 6) == 0.370727 && printed(u[1], 3) == 1.602)
        #expect(printed(w[0], 5) == -3.21686 && printed(w[1], 3) == 0.622)
        let velocities = try #require(TestSupport.values("optimizers").matrix("momentum_velocity"))
        #expect(abs(velocities[1][0] - 0.268416) < 1e-12 && abs(velocities[1][1] + 0.18) < 1e-12)
    }

    @Test("Adam's first five steps against its formulas: m, s, bias correction m̂ = m/(1−β1^t), ŝ = s/(1−β2^t), and the step")
    func adam() throws {
        let eta = 0.2, b1 = 0.9, b2 = 0.999, eps = 1e-8
        var opt = AdamOptimizer(learningRate: eta, beta1: b1, beta2: b2, epsilon: eps)
        var v = [-4.0, 1], w = v, m = [0.0, 0], s = [0.0, 0]
        for t in 1...5 {
            let g = Self.gradient(w)
            var mHat = [0.0, 0], sHat = [0.0, 0]
            for i in 0..<2 {
                m[i] = b1 * m[i] + (1 - b1) * g[i]
                s[i] = b2 * s[i] + (1 - b2) * g[i] * g[i]
                mHat[i] = m[i] / (1 - pow(b1, Double(t)))
                sHat[i] = s[i] / (1 - pow(b2, Double(t)))
                w[i] -= eta * mHat[i] / (sqrt(sHat[i]) + eps)
            }
            opt.step(&v, Self.gradient(v))
            #expect(opt.stepCount == t)
            for i in 0..<2 {
                #expect(abs(opt.firstMoment[i] - m[i]) < 1e-12 * max(1, abs(m[i])))
                #expect(abs(opt.secondMoment[i] - s[i]) < 1e-12 * max(1, abs(s[i])))
                #expect(abs(opt.correctedFirstMoment[i] - mHat[i]) < 1e-12 * max(1, abs(mHat[i])))
                #expect(abs(opt.correctedSecondMoment[i] - sHat[i]) < 1e-12 * max(1, abs(sHat[i])))
                #expect(abs(v[i] - w[i]) < 1e-12)
            }
            if t == 1 {
                // Bias correction makes the first step η·g/(|g| + ε): almost exactly η in each coordinate.
                #expect(mHat.map { printed($0, 9) } == [-8, 100])
                #expect(abs(v[0] - (-4 + eta * 8 / (8 + eps))) < 1e-15 && abs(v[1] - (1 - eta * 100 / (100 + eps))) < 1e-15)
                #expect(printed(v[0], 6) == -3.8 && printed(v[1], 6) == 0.8)
            }
        }
        #expect(printed(w[0], 5) == -3.00591)
        let values = try Self.defaults()
        let mHat = try #require(values.matrix("adam_m_hat"))
        #expect(printed(mHat[1][0], 4) == -7.7895 && printed(mHat[1][1], 4) == 89.4737)
    }

    @Test("every optimizer reaches C < 1e-4 within 200 steps: gradient descent in 164, momentum in 108, Adam in 104")
    func convergence() throws {
        let v = try Self.defaults()
        #expect(v.vector("steps_to_converge") == [164, 108, 104])
        // Gradient descent independently: v1 shrinks by 1 − 2η, v2 by 1 − 100η each step.
        var t = 0
        func c(_ t: Int) -> Double {
            let shallow: Double = 16 * pow(0.964, 2 * Double(t))
            let steep: Double = 50 * pow(-0.8, 2 * Double(t))
            return shallow + steep
        }
        while c(t) >= 1e-4 { t += 1 }
        #expect(t == 164)
        for key in ["gd_loss", "momentum_loss", "adam_loss"] {
            let costs = try #require(v.vector(key))
            #expect(costs.count == 201)
            #expect(costs.last! < 1e-4)
        }
    }

    @Test("momentum with β = 0 is plain gradient descent; a bowl multiplied by 1000 leaves Adam's path unchanged")
    func properties() throws {
        var a = GradientDescentOptimizer(learningRate: 0.01), b = MomentumOptimizer(learningRate: 0.01, momentum: 0)
        var p = [3.0, -2], q = p
        for _ in 0..<50 {
            a.step(&p, Self.gradient(p))
            b.step(&q, Self.gradient(q))
        }
        #expect(p == q)
        let v = try Self.defaults()
        #expect(try #require(v.number("exercise2_max_difference")) < 1e-6)
        let first = try #require(v.vector("exercise2_gd_first_step"))
        #expect(abs(first[0] - 140) < 1e-9 && abs(first[1] + 1799) < 1e-9)
        let betas = try #require(v.vector("exercise3_steps_to_converge"))
        #expect(betas[0] == 164 && betas[3] == 108)
    }

    @Test("the network comparison and 002's default configuration: finite, default below plain SGD")
    func network() throws {
        let v = try Self.defaults()
        let plain = try #require(v.number("plain_final_loss")), full = try #require(v.number("default_final_loss"))
        #expect(full < plain)
        #expect(printed(plain, 4) == 0.4284)
        #expect(printed(full, 4) == 0.0099)
        for key in ["network_final_loss_sgd", "network_final_loss_momentum", "network_final_loss_adam"] {
            let x = try #require(v.number(key))
            #expect(x.isFinite && x > 0 && x < 1.1)
        }
        let curve = try #require(v.vector("default_losses"))
        #expect(curve.count == 201)
    }

    @Test("changed options: --bowl 2,20 --start 1,1 --learning-rate 0.01 --adam-rate 0.1")
    func changedOptions() throws {
        let v = try TestSupport.values("optimizers", ["--bowl", "2,20", "--start", "1,1", "--learning-rate", "0.01", "--adam-rate", "0.1", "--epochs", "5"])
        let gd = try #require(v.matrix("gd_path"))
        // g = (4, 40): v(1) = (1 − 0.04, 1 − 0.4).
        #expect(abs(gd[1][0] - 0.96) < 1e-12 && abs(gd[1][1] - 0.6) < 1e-12)
        let adam = try #require(v.matrix("adam_path"))
        #expect(abs(adam[1][0] - (1 - 0.1 * 4 / (4 + 1e-8))) < 1e-12 && abs(adam[1][1] - (1 - 0.1 * 40 / (40 + 1e-8))) < 1e-12)
        let costs = try #require(v.vector("gd_loss"))
        #expect(abs(costs[1] - (2 * 0.96 * 0.96 + 20 * 0.36)) < 1e-12)
    }

    @Test("a learning rate too large for the bowl: the run stops at the step it diverges, with a warning and no NaN")
    func divergence() throws {
        let folder = TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try TestSupport.run("optimizers", ["--learning-rate", "0.5", "--epochs", "3", "--out", folder.path, "--quiet"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning: optimizers: gradient descent diverged"))
        let page = try String(contentsOf: folder.appendingPathComponent("en/optimizers.md"), encoding: .utf8)
        #expect(page.range(of: #"\b(NaN|-?inf)\b"#, options: .regularExpression) == nil)
    }

    @Test("optimizers rejects bad options with exit 64 and one line")
    func badInput() throws {
        for args in [["--bowl", "1"], ["--start", "1,2,3"], ["--beta1", "1"], ["--momentum", "-0.1"], ["--tolerance", "0"]] {
            try TestSupport.expectRefused("optimizers", args)
        }
    }
}

/// The new engine pieces: LayerStack (dense, batch normalization, activation, dropout) checked by
/// central differences and against `Network`.
@Suite("layer stack engine")
struct LayerStackTests {
    @Test("a stack of dense layers computes what Network computes: output, loss and every gradient")
    func matchesNetwork() {
        var r = SeededRandom(seed: 11)
        let net = Network(sizes: [3, 4, 2], hidden: .tanh, output: .identity, initializer: .lecun, using: &r)
        let stack = LayerStack(pieces: net.layers.map { .dense($0) })
        let x = Matrix(rows: 5, columns: 3) { _, _ in r.uniform(-1, 1) }
        let labels = [0, 1, 1, 0, 1]
        let e = net.evaluate(x, .softmaxCrossEntropy(labels: labels))
        let s = stack.evaluate(x, .softmaxCrossEntropy(labels: labels), masks: stack.noDropout(batch: 5))
        #expect(abs(e.loss - s.loss) < 1e-15)
        #expect(e.gradients.flatMap(\.flattened) == s.backward.gradients)
        #expect(stack.parameters == net.parameters)
    }

    @Test("gradient check of stacks with batch normalization, ELU and fixed dropout masks (20 random cases)", arguments: 1...20)
    func gradientCheck(_ seed: Int) {
        var r = SeededRandom(seed: UInt64(100 + seed))
        let width = 2 + r.index(below: 3), batch = 2 + r.index(below: 4)
        var pieces: [LayerStack.Piece] = []
        var previous = 2
        for _ in 0..<(1 + r.index(below: 2)) {
            pieces.append(.dense(Dense(weights: Initializer.he.weights(inputs: previous, outputs: width, using: &r),
                                       bias: Matrix(rows: 1, columns: width) { _, _ in r.uniform(-0.5, 0.5) }, activation: .identity)))
            pieces.append(.batchNorm(BatchNorm(gamma: (0..<width).map { _ in r.uniform(0.5, 2) }, beta: (0..<width).map { _ in r.uniform(-1, 1) })))
            pieces.append(.activation(.elu(alpha: 1)))
            pieces.append(.dropout(keep: 0.7))
            previous = width
        }
        pieces.append(.dense(Dense(weights: Initializer.lecun.weights(inputs: previous, outputs: 3, using: &r),
                                   bias: Matrix(rows: 1, columns: 3), activation: .identity)))
        let stack = LayerStack(pieces: pieces)
        let x = Matrix(rows: batch, columns: 2) { _, _ in r.uniform(-2, 2) }
        let labels = (0..<batch).map { _ in r.index(below: 3) }
        let masks = stack.dropoutMasks(batch: batch, using: &r)
        for e in stack.gradientCheck(x, .softmaxCrossEntropy(labels: labels), masks: masks) {
            #expect(abs(e.analytic - e.numeric) < 1e-6, "seed \(seed): \(e)")
        }
    }

    @Test("inverted dropout: entries are 0 or 1/p, about a fraction p kept; prediction mode ignores dropout")
    func dropout() {
        var r = SeededRandom(seed: 3)
        let mask = Dropout(keep: 0.8).mask(rows: 100, columns: 100, using: &r)
        #expect(mask.values.allSatisfy { $0 == 0 || $0 == 1 / 0.8 })
        let kept = Double(mask.values.filter { $0 > 0 }.count) / 10_000
        #expect(abs(kept - 0.8) < 0.02)
        let stack = LayerStack(pieces: [.dense(Dense(weights: Matrix([[1, 2]]), bias: Matrix(row: [0, 0]), activation: .identity)), .dropout(keep: 0.5)])
        #expect(stack.predict(Matrix([[3]])) == Matrix([[3, 6]]))
    }

    @Test("training a stack updates the running statistics and lowers the loss")
    func training() {
        var r = SeededRandom(seed: 8)
        let x = Matrix(rows: 12, columns: 2) { _, _ in r.uniform(-1, 1) }
        let labels = (0..<12).map { x[$0, 0] > x[$0, 1] ? 1 : 0 }
        let stack = LayerStack(pieces: [.dense(Dense(weights: Initializer.he.weights(inputs: 2, outputs: 4, using: &r), bias: Matrix(rows: 1, columns: 4), activation: .identity)),
                                        .batchNorm(BatchNorm(features: 4)), .activation(.elu(alpha: 1)),
                                        .dense(Dense(weights: Initializer.he.weights(inputs: 4, outputs: 2, using: &r), bias: Matrix(rows: 1, columns: 2), activation: .identity))])
        let objective = Network.Objective.softmaxCrossEntropy(labels: labels)
        let run = stack.trained(on: x, objective, optimizer: AdamOptimizer(learningRate: 0.05), steps: 100, using: &r, watch: [(x, objective)])
        #expect(run.divergedAt == nil)
        #expect(run.watched[0].last! < run.watched[0].first! / 2)
        if case .batchNorm(let b) = run.stack.pieces[1] { #expect(b.runningMean != [0, 0, 0, 0]) } else { Issue.record("piece 1 is not batch normalization") }
    }
}
