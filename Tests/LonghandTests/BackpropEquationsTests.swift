import Foundation
import Testing
@testable import LonghandEngine
@testable import Curriculum

/// A plain-loop multi-layer network written independently of the engine (Foundation's exp and
/// tanh, no Matrix, no Dense): the answer key computes every BP equation with it.
private struct LoopNet {
    /// weights[l][k][j]: from input k to neuron j of layer l + 1 (inputs × outputs, as printed).
    var weights: [[[Double]]]
    var biases: [[Double]]
    var activation: String

    func f(_ z: Double) -> Double {
        switch activation {
        case "tanh": return Foundation.tanh(z)
        case "relu": return z > 0 ? z : 0
        default: return 1 / (1 + Foundation.exp(-z))
        }
    }

    func slope(_ z: Double) -> Double {
        switch activation {
        case "tanh": return 1 - Foundation.tanh(z) * Foundation.tanh(z)
        case "relu": return z > 0 ? 1 : 0
        default: let s = 1 / (1 + Foundation.exp(-z)); return s * (1 - s)
        }
    }

    /// z and a of every layer (a[0] = x).
    func forward(_ x: [Double]) -> (z: [[Double]], a: [[Double]]) {
        var zs: [[Double]] = [], acts: [[Double]] = [x]
        for l in 0..<weights.count {
            var z: [Double] = []
            for j in 0..<biases[l].count {
                var sum = biases[l][j]
                for k in 0..<acts[l].count { sum += acts[l][k] * weights[l][k][j] }
                z.append(sum)
            }
            zs.append(z)
            acts.append(z.map(f))
        }
        return (zs, acts)
    }

    func cost(_ x: [Double], _ y: [Double]) -> Double {
        let a = forward(x).a.last!
        var c = 0.0
        for j in 0..<y.count { c += 0.5 * (y[j] - a[j]) * (y[j] - a[j]) }
        return c
    }

    /// δ of every layer by BP1 and BP2, written as loops over neurons.
    func deltas(_ x: [Double], _ y: [Double], weightsAbove: [[[Double]]]? = nil) -> [[Double]] {
        let (z, a) = forward(x)
        let L = weights.count
        var d = [[Double]](repeating: [], count: L)
        d[L - 1] = (0..<y.count).map { j in (a[L][j] - y[j]) * slope(z[L - 1][j]) }          // BP1
        if L > 1 {
            for l in stride(from: L - 2, through: 0, by: -1) {                                // BP2
                let w = (weightsAbove ?? weights)[l + 1]
                d[l] = (0..<z[l].count).map { k in
                    var s = 0.0
                    for j in 0..<d[l + 1].count { s += w[k][j] * d[l + 1][j] }
                    return s * slope(z[l][k])
                }
            }
        }
        return d
    }

    /// ∂C/∂W of layer l by BP4: entry (k, j) = a^{l-1}_k δ^l_j.
    func weightGradient(_ x: [Double], _ d: [[Double]], layer l: Int) -> [[Double]] {
        let a = forward(x).a[l]
        return a.map { ak in d[l].map { ak * $0 } }
    }

    /// Every parameter as one list (W row by row, then b, layer by layer).
    var parameters: [Double] { zip(weights, biases).flatMap { $0.flatMap { $0 } + $1 } }

    func with(_ theta: [Double]) -> LoopNet {
        var copy = self
        var i = 0
        for l in 0..<weights.count {
            for k in 0..<weights[l].count { for j in 0..<weights[l][k].count { copy.weights[l][k][j] = theta[i]; i += 1 } }
            for j in 0..<biases[l].count { copy.biases[l][j] = theta[i]; i += 1 }
        }
        return copy
    }

    /// Central differences of the cost for every parameter.
    func numericGradient(_ x: [Double], _ y: [Double], h: Double = 1e-6) -> [Double] {
        let theta = parameters
        return (0..<theta.count).map { i in
            var p = theta, m = theta
            p[i] += h
            m[i] -= h
            return (with(p).cost(x, y) - with(m).cost(x, y)) / (2 * h)
        }
    }
}

private func close(_ a: [Double]?, _ b: [Double], _ tol: Double = 1e-12) -> Bool {
    guard let a, a.count == b.count else { return false }
    return zip(a, b).allSatisfy { abs($0 - $1) <= tol * max(1, abs($1)) }
}

private func close(_ a: [[Double]]?, _ b: [[Double]], _ tol: Double = 1e-12) -> Bool {
    guard let a, a.count == b.count else { return false }
    return zip(a, b).allSatisfy { close($0, $1, tol) }
}

/// The answer key of lesson 8, `backprop-equations` (source texts 000, 002, 004).
@Suite("backprop-equations answer key")
struct BackpropEquationsTests {
    /// The default run's values, computed once for the whole suite (each run trains networks).
    nonisolated(unsafe) static let defaults: Result<[String: Any], any Error> = Result { try TestSupport.values("backprop-equations") }

    /// The lesson's network as printed: N(0, 1) draws with seed 7, rounded to two decimals.
    private let net = LoopNet(weights: [[[0.99, -1.86, 0], [-0.53, -0.46, 0.45]], [[0.06, 1.17], [-0.82, 2.09], [-0.33, -1.85]]],
                              biases: [[1.54, -1.91, -0.95], [2.51, -0.2]], activation: "sigmoid")
    let x = [1.0, 0.5], y = [1.0, 0]

    @Test("the 2-3-2 network's weights are the seed-7 normal draws rounded to two decimals")
    func printedWeights() throws {
        let v = try Self.defaults.get()
        #expect(v.matrix("W1") == net.weights[0])
        #expect(v.matrix("W2") == net.weights[1])
        #expect(v.vector("b1") == net.biases[0])
        #expect(v.vector("b2") == net.biases[1])
    }

    @Test("forward pass: z1 = (2.265, -4, -0.725), a2 = (0.9200, 0.5729), C = 0.1673")
    func forwardPass() throws {
        let v = try Self.defaults.get()
        let (z, a) = net.forward(x)
        #expect(close(v.vector("z1"), z[0]))
        #expect(close(v.vector("a1"), a[1]))
        #expect(close(v.vector("z2"), z[1]))
        #expect(close(v.vector("a2"), a[2]))
        #expect(z[0].map { printed($0, 3) } == [2.265, -4, -0.725])
        #expect(a[2].map { printed($0, 4) } == [0.92, 0.5729])
        let c = try #require(v.number("cost"))
        #expect(abs(c - net.cost(x, y)) < 1e-12)
        #expect(printed(c, 4) == 0.1673)
    }

    @Test("BP1: δ2 = (a2 - y) ⊙ σ'(z2) = (-0.005892, 0.1402)")
    func bp1() throws {
        let v = try Self.defaults.get()
        let d = net.deltas(x, y)
        #expect(close(v.vector("delta2"), d[1]))
        #expect(d[1].map { printed($0, 6) } == [-0.005892, 0.140188])
        #expect(close(v.vector("dC_da"), zip(net.forward(x).a[2], y).map { $0 - $1 }))
    }

    @Test("BP2: δ1 = (δ2 W2ᵀ) ⊙ σ'(z1) = (0.01395, 0.00526, -0.05658)")
    func bp2() throws {
        let v = try Self.defaults.get()
        let d = net.deltas(x, y)
        #expect(close(v.vector("delta1"), d[0]))
        #expect(d[0].map { printed($0, 5) } == [0.01395, 0.00526, -0.05658])
    }

    @Test("BP3 and BP4 against central differences of an independent loop network")
    func bp3bp4() throws {
        let v = try Self.defaults.get()
        let d = net.deltas(x, y)
        let numeric = net.numericGradient(x, y)
        // Parameter order: W1 (6), b1 (3), W2 (6), b2 (2).
        #expect(close(v.matrix("dC_dW1"), net.weightGradient(x, d, layer: 0)))
        #expect(close(v.matrix("dC_dW2"), net.weightGradient(x, d, layer: 1)))
        #expect(close(v.vector("dC_db1"), d[0]))
        #expect(close(v.vector("dC_db2"), d[1]))
        let analytic = net.weightGradient(x, d, layer: 0).flatMap { $0 } + d[0] + net.weightGradient(x, d, layer: 1).flatMap { $0 } + d[1]
        for (a, n) in zip(analytic, numeric) { #expect(abs(a - n) < 1e-8, "\(a) vs \(n)") }
        #expect(printed(try #require(v.matrix("dC_dW2"))[0][0], 6) == -0.005338)
        let worst = try #require(v.number("max_relative_error"))
        #expect(worst < 1e-8)
    }

    @Test("one gradient-descent step with η = 0.5 updates all layers from the same gradients; C falls to 0.1450")
    func update() throws {
        let v = try Self.defaults.get()
        let d = net.deltas(x, y)
        let g1 = net.weightGradient(x, d, layer: 0), g2 = net.weightGradient(x, d, layer: 1)
        var after = net
        for k in 0..<2 { for j in 0..<3 { after.weights[0][k][j] -= 0.5 * g1[k][j] } }
        for k in 0..<3 { for j in 0..<2 { after.weights[1][k][j] -= 0.5 * g2[k][j] } }
        for j in 0..<3 { after.biases[0][j] -= 0.5 * d[0][j] }
        for j in 0..<2 { after.biases[1][j] -= 0.5 * d[1][j] }
        #expect(close(v.matrix("W1_after"), after.weights[0]))
        #expect(close(v.matrix("W2_after"), after.weights[1]))
        let c = try #require(v.number("cost_after"))
        #expect(abs(c - after.cost(x, y)) < 1e-12)
        #expect(printed(c, 4) == 0.145)
    }

    @Test("erratum 002: updating the top layer first gives a different ∂C/∂W1, not the gradient")
    func topFirstErratum() throws {
        let v = try Self.defaults.get()
        let d = net.deltas(x, y)
        let g2 = net.weightGradient(x, d, layer: 1)
        var newW2 = net.weights[1]
        for k in 0..<3 { for j in 0..<2 { newW2[k][j] -= 0.5 * g2[k][j] } }
        let wrong = net.deltas(x, y, weightsAbove: [net.weights[0], newW2])
        let wrongW1 = net.weightGradient(x, wrong, layer: 0)
        #expect(close(v.vector("top_first_delta1"), wrong[0]))
        #expect(close(v.matrix("top_first_dC_dW1"), wrongW1))
        let right = net.weightGradient(x, d, layer: 0)
        let gap = zip(wrongW1.flatMap { $0 }, right.flatMap { $0 }).map { abs($0 - $1) }.max()!
        #expect(gap > 1e-4)
        #expect(try #require(v.number("top_first_relative_error")) > 0.01)
    }

    @Test("exercises: another example, tanh everywhere, and a batch of two")
    func exercises() throws {
        let v = try Self.defaults.get()
        let x2 = [-1.0, 2], y2 = [0.0, 1]
        let d = net.deltas(x2, y2)
        #expect(close(v.vector("exercise1_delta1"), d[0]))
        #expect(close(v.matrix("exercise1_dC_dW1"), net.weightGradient(x2, d, layer: 0)))
        var tanhNet = net
        tanhNet.activation = "tanh"
        let dt = tanhNet.deltas(x, y)
        #expect(close(v.vector("exercise2_delta2"), dt[1]))
        #expect(close(v.matrix("exercise2_dC_dW1"), tanhNet.weightGradient(x, dt, layer: 0)))
        let g1 = net.weightGradient(x, net.deltas(x, y), layer: 0), g2 = net.weightGradient(x2, d, layer: 0)
        let average = zip(g1, g2).map { zip($0, $1).map { ($0 + $1) / 2 } }
        #expect(close(v.matrix("exercise3_batch_dC_dW1"), average))
        #expect(try #require(v.number("exercise3_max_difference")) < 1e-15)
    }

    @Test("changed options: --input 0.2,-0.4 --target 0,1 --hidden 2 --activation tanh --seed 3")
    func changedOptions() throws {
        let args = ["--input", "0.2,-0.4", "--target", "0,1", "--hidden", "2", "--activation", "tanh", "--seed", "3"]
        let v = try TestSupport.values("backprop-equations", args)
        let w1 = try #require(v.matrix("W1")), w2 = try #require(v.matrix("W2"))
        #expect(w1.count == 2 && w1[0].count == 2 && w2.count == 2 && w2[0].count == 2)
        // Weights are two-decimal numbers.
        #expect((w1 + w2).flatMap { $0 }.allSatisfy { abs($0 * 100 - ($0 * 100).rounded()) < 1e-9 })
        let n = LoopNet(weights: [w1, w2], biases: [try #require(v.vector("b1")), try #require(v.vector("b2"))], activation: "tanh")
        let xs = [0.2, -0.4], ys = [0.0, 1]
        let d = n.deltas(xs, ys)
        #expect(close(v.vector("delta1"), d[0]))
        #expect(close(v.matrix("dC_dW1"), n.weightGradient(xs, d, layer: 0)))
        #expect(abs(try #require(v.number("cost")) - n.cost(xs, ys)) < 1e-12)
    }

    @Test("changed options: --hidden 3,2 applies BP2 twice; every gradient matches central differences")
    func deeper() throws {
        let v = try TestSupport.values("backprop-equations", ["--hidden", "3,2"])
        let n = LoopNet(weights: [try #require(v.matrix("W1")), try #require(v.matrix("W2")), try #require(v.matrix("W3"))],
                        biases: [try #require(v.vector("b1")), try #require(v.vector("b2")), try #require(v.vector("b3"))], activation: "sigmoid")
        let d = n.deltas(x, y)
        #expect(close(v.vector("delta1"), d[0]))
        #expect(close(v.vector("delta2"), d[1]))
        #expect(close(v.vector("delta3"), d[2]))
        let numeric = n.numericGradient(x, y)
        let analytic = (0..<3).flatMap { n.weightGradient(x, d, layer: $0).flatMap { $0 } + d[$0] }
        for (a, b) in zip(analytic, numeric) { #expect(abs(a - b) < 1e-8) }
    }

    @Test("bad input: a zero layer size, five inputs, or an unknown activation exits 64 with one line and writes nothing",
          arguments: [["--hidden", "0"], ["--input", "1,2,3,4,5"], ["--activation", "softsign"], ["--hidden", "2.5"], ["--learning-rate", "0"]])
    func badInput(_ args: [String]) throws {
        try TestSupport.expectRefused("backprop-equations", args)
    }
}
