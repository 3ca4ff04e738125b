import Foundation
import Testing
@testable import LonghandEngine
@testable import Curriculum

/// A one-hidden-layer classifier with softmax and cross-entropy written with loops and
/// Foundation's exp/log, independent of the engine's Matrix, Dense and SoftmaxCrossEntropy.
private struct LoopClassifier {
    var w1: [[Double]]   // 2 × h
    var b1: [Double]
    var w2: [[Double]]   // h × 4
    var b2: [Double]
    var tanhHidden = false

    static let xs: [[Double]] = [[1, 1], [-1, 1], [-1, -1], [1, -1]]
    static let labels = [0, 1, 2, 3]

    func act(_ z: Double) -> Double { tanhHidden ? Foundation.tanh(z) : max(z, 0) }
    func slope(_ z: Double) -> Double { tanhHidden ? 1 - Foundation.tanh(z) * Foundation.tanh(z) : (z > 0 ? 1 : 0) }

    func forward(_ x: [Double]) -> (z: [Double], h: [Double], y: [Double], p: [Double]) {
        let z = (0..<b1.count).map { j in x[0] * w1[0][j] + x[1] * w1[1][j] + b1[j] }
        let h = z.map(act)
        let y = (0..<4).map { c in (0..<h.count).reduce(b2[c]) { $0 + h[$1] * w2[$1][c] } }
        let e = y.map { Foundation.exp($0) }
        let total = e.reduce(0, +)
        return (z, h, y, e.map { $0 / total })
    }

    func loss() -> Double {
        zip(Self.xs, Self.labels).map { -Foundation.log(forward($0).p[$1]) }.reduce(0, +) / 4
    }

    struct Gradients { var w1, w2: [[Double]]; var b1, b2: [Double]; var dY: [[Double]] }

    func gradients() -> Gradients {
        let h = b1.count
        var g = Gradients(w1: [[Double]](repeating: [Double](repeating: 0, count: h), count: 2),
                          w2: [[Double]](repeating: [0, 0, 0, 0], count: h), b1: [Double](repeating: 0, count: h), b2: [0, 0, 0, 0], dY: [])
        for (x, label) in zip(Self.xs, Self.labels) {
            let f = forward(x)
            let dy = (0..<4).map { (f.p[$0] - ($0 == label ? 1 : 0)) / 4 }
            g.dY.append(dy)
            for c in 0..<4 { g.b2[c] += dy[c] }
            for k in 0..<h {
                for c in 0..<4 { g.w2[k][c] += f.h[k] * dy[c] }
                let dh = (0..<4).reduce(0.0) { $0 + dy[$1] * w2[k][$1] }
                let dz = dh * slope(f.z[k])
                g.b1[k] += dz
                g.w1[0][k] += x[0] * dz
                g.w1[1][k] += x[1] * dz
            }
        }
        return g
    }

    mutating func step(_ eta: Double) {
        let g = gradients()
        for k in 0..<b1.count {
            w1[0][k] -= eta * g.w1[0][k]
            w1[1][k] -= eta * g.w1[1][k]
            b1[k] -= eta * g.b1[k]
            for c in 0..<4 { w2[k][c] -= eta * g.w2[k][c] }
        }
        for c in 0..<4 { b2[c] -= eta * g.b2[c] }
    }

    init(_ v: [String: Any], trained: Bool = false, tanh: Bool = false) throws {
        let suffix = trained ? "" : "_start"
        w1 = try #require(v.matrix("W1" + suffix))
        b1 = try #require(v.vector("b1" + suffix))
        w2 = try #require(v.matrix("W2" + suffix))
        b2 = try #require(v.vector("b2" + suffix))
        tanhHidden = tanh
    }
}

private func near(_ a: [[Double]]?, _ b: [[Double]], _ tol: Double = 1e-12) -> Bool {
    guard let a, a.count == b.count else { return false }
    return zip(a, b).allSatisfy { r, s in r.count == s.count && zip(r, s).allSatisfy { abs($0 - $1) <= tol * max(1, abs($1)) } }
}

/// The answer key of lesson 10, `quadrant-net` (source text 002). Seed 1, He init, η = 0.1, 200 iterations.
@Suite("quadrant-net answer key")
struct QuadrantNetTests {
    nonisolated(unsafe) static let defaults: Result<[String: Any], any Error> = Result { try TestSupport.values("quadrant-net") }

    @Test("first iteration forward: Y (4×4), P and the loss L = 2.4775 from the printed starting weights")
    func firstForward() throws {
        let v = try Self.defaults.get()
        let net = try LoopClassifier(v)
        #expect(net.w1.count == 2 && net.w1[0].count == 50 && net.w2.count == 50 && net.w2[0].count == 4)
        #expect(near(v.matrix("Y"), LoopClassifier.xs.map { net.forward($0).y }))
        #expect(near(v.matrix("P"), LoopClassifier.xs.map { net.forward($0).p }))
        let loss = try #require(v.number("loss"))
        #expect(abs(loss - net.loss()) < 1e-12)
        #expect(printed(loss, 4) == 2.4775)
    }

    @Test("first iteration backward: dL/dY = (P - onehot)/4, dL/dW2, dL/db2, dL/dW1, dL/db1 by loops")
    func firstBackward() throws {
        let v = try Self.defaults.get()
        let g = try LoopClassifier(v).gradients()
        #expect(near(v.matrix("dL_dY"), g.dY))
        #expect(near(v.matrix("dL_dW2"), g.w2))
        #expect(near(v.matrix("dL_dW1"), g.w1))
        #expect(near(v.vector("dL_db2").map { [$0] }, [g.b2]))
        #expect(near(v.vector("dL_db1").map { [$0] }, [g.b1]))
        #expect(printed(g.w1[0][0], 4) == -0.2254)
    }

    @Test("every one of the 354 gradients matches central differences of the loop loss")
    func centralDifferences() throws {
        let v = try Self.defaults.get()
        let net = try LoopClassifier(v)
        let g = net.gradients()
        let h = 1e-6
        func check(_ analytic: Double, _ nudge: (inout LoopClassifier, Double) -> Void) {
            var plus = net, minus = net
            nudge(&plus, h)
            nudge(&minus, -h)
            let numeric = (plus.loss() - minus.loss()) / (2 * h)
            #expect(abs(analytic - numeric) < 1e-7 * max(1, abs(numeric)))
        }
        for k in 0..<50 {
            for i in 0..<2 { check(g.w1[i][k]) { $0.w1[i][k] += $1 } }
            check(g.b1[k]) { $0.b1[k] += $1 }
            for c in 0..<4 { check(g.w2[k][c]) { $0.w2[k][c] += $1 } }
        }
        for c in 0..<4 { check(g.b2[c]) { $0.b2[c] += $1 } }
        #expect(try #require(v.number("max_relative_error")) < 1e-6)
    }

    @Test("200 iterations recomputed with loops: loss 0.0042, all four points right")
    func training() throws {
        let v = try Self.defaults.get()
        var net = try LoopClassifier(v)
        let first = net.loss()
        net.step(0.1)
        #expect(abs(try #require(v.number("loss_after_first_step")) - net.loss()) < 1e-12)
        #expect(net.loss() < first)
        for _ in 1..<200 { net.step(0.1) }
        let final = try #require(v.number("final_loss"))
        #expect(abs(final - net.loss()) < 1e-10)
        #expect(printed(final, 4) == 0.0042)
        #expect(near(v.matrix("W1"), net.w1, 1e-9))
        #expect(v.number("accuracy") == 1)
    }

    @Test("the prediction for (2, 2): quadrant I with probability 0.999991")
    func predictTwoTwo() throws {
        let v = try Self.defaults.get()
        let net = try LoopClassifier(v, trained: true)
        let p = net.forward([2, 2]).p
        let reported = try #require(v.vector("probabilities"))
        for (a, b) in zip(reported, p) { #expect(abs(a - b) < 1e-12) }
        #expect(v.number("predicted_class") == 1)
        #expect((v["predicted_quadrant"] as? String) == "I")
        #expect(printed(try #require(v.number("predicted_probability")), 6) == 0.999991)
        #expect(abs(reported.reduce(0, +) - 1) < 1e-12)
    }

    @Test("erratum 002: -ln 0.9 = 0.105, and 0.046 is -log10 0.9")
    func crossEntropyErratum() throws {
        let v = try Self.defaults.get()
        let ce = try #require(v.number("text_cross_entropy"))
        #expect(printed(ce, 3) == 0.105)
        #expect(abs(ce + Foundation.log(0.9)) < 1e-15)
        #expect(printed(-Foundation.log10(0.9), 3) == 0.046)
    }

    @Test("exercises: (-3, 0.5) is II; softmax of (3, 1, 0.1, 0.5) = (0.7859, 0.1064, 0.0432, 0.0645) with gradient p - onehot")
    func exercises() throws {
        let v = try Self.defaults.get()
        #expect(v.number("exercise1_predicted_class") == 2)
        let net = try LoopClassifier(v, trained: true)
        let p2 = net.forward([0, 2]).p
        for (a, b) in zip(try #require(v.vector("exercise2_probabilities")), p2) { #expect(abs(a - b) < 1e-12) }
        let y: [Double] = [3, 1, 0.1, 0.5]
        let total = y.map { Foundation.exp($0) }.reduce(0, +)
        let p = y.map { Foundation.exp($0) / total }
        let reported = try #require(v.vector("exercise3_probabilities"))
        for (a, b) in zip(reported, p) { #expect(abs(a - b) < 1e-15) }
        #expect(reported.map { printed($0, 4) } == [0.7859, 0.1064, 0.0432, 0.0645])
        let gradient = try #require(v.vector("exercise3_gradient"))
        for c in 0..<4 { #expect(abs(gradient[c] - (p[c] - (c == 0 ? 1 : 0))) < 1e-15) }
        #expect(abs(try #require(v.number("exercise3_loss")) + Foundation.log(p[0])) < 1e-14)
    }

    @Test("changed options: --hidden 8 --activation tanh --learning-rate 0.05 --iterations 50 --seed 4 --point -2,-3")
    func changedOptions() throws {
        let v = try TestSupport.values("quadrant-net", ["--hidden", "8", "--activation", "tanh", "--learning-rate", "0.05",
                                                        "--iterations", "50", "--seed", "4", "--point", "-2,-3"])
        var net = try LoopClassifier(v, tanh: true)
        #expect(net.w1[0].count == 8)
        #expect(abs(try #require(v.number("loss")) - net.loss()) < 1e-12)
        for _ in 0..<50 { net.step(0.05) }
        #expect(abs(try #require(v.number("final_loss")) - net.loss()) < 1e-11)
        let p = net.forward([-2, -3]).p
        let reported = try #require(v.vector("probabilities"))
        for (a, b) in zip(reported, p) { #expect(abs(a - b) < 1e-10) }
        let best = p.indices.max { p[$0] < p[$1] }!
        #expect(v.number("predicted_class") == Double(best + 1))
    }

    @Test("bad input exits 64 with one line naming the option and writes nothing",
          arguments: [["--point", "1"], ["--point", "1,2,3"], ["--hidden", "201"], ["--iterations", "0"], ["--learning-rate", "0"], ["--point", "1,inf"]])
    func badInput(_ args: [String]) throws {
        try TestSupport.expectRefused("quadrant-net", args)
    }
}
