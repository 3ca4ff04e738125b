import Foundation
import Testing
@testable import LonghandEngine
@testable import Curriculum

/// Full-batch gradient descent on XOR written with loops and Foundation's exp/tanh, independent
/// of the engine: hidden layer of any width, sigmoid output, cost (1/2n)Σ(y − a)².
private struct LoopXor {
    var w1: [[Double]]       // 2 × h
    var b1: [Double]
    var w2: [Double]         // h
    var b2: Double
    var tanhHidden = false

    static let xs: [[Double]] = [[0, 0], [0, 1], [1, 0], [1, 1]]
    static let ys: [Double] = [0, 1, 1, 0]

    func act(_ z: Double) -> Double { tanhHidden ? Foundation.tanh(z) : 1 / (1 + Foundation.exp(-z)) }
    func actSlope(_ a: Double) -> Double { tanhHidden ? 1 - a * a : a * (1 - a) }

    func forward(_ x: [Double]) -> (h: [Double], out: Double) {
        let h = (0..<b1.count).map { j in act(x[0] * w1[0][j] + x[1] * w1[1][j] + b1[j]) }
        var z = b2
        for j in 0..<h.count { z += h[j] * w2[j] }
        return (h, 1 / (1 + Foundation.exp(-z)))
    }

    func cost() -> Double {
        zip(Self.xs, Self.ys).map { x, y in let a = forward(x).out; return (y - a) * (y - a) }.reduce(0, +) / 8
    }

    mutating func step(_ eta: Double) {
        let n = Double(Self.xs.count)
        var gw1 = [[Double]](repeating: [Double](repeating: 0, count: b1.count), count: 2)
        var gb1 = [Double](repeating: 0, count: b1.count), gw2 = [Double](repeating: 0, count: b1.count), gb2 = 0.0
        for (x, y) in zip(Self.xs, Self.ys) {
            let (h, a) = forward(x)
            let d2 = (a - y) / n * a * (1 - a)
            gb2 += d2
            for j in 0..<h.count {
                gw2[j] += h[j] * d2
                let d1 = d2 * w2[j] * actSlope(h[j])
                gb1[j] += d1
                gw1[0][j] += x[0] * d1
                gw1[1][j] += x[1] * d1
            }
        }
        for j in 0..<b1.count {
            w1[0][j] -= eta * gw1[0][j]
            w1[1][j] -= eta * gw1[1][j]
            b1[j] -= eta * gb1[j]
            w2[j] -= eta * gw2[j]
        }
        b2 -= eta * gb2
    }
}

/// The answer key of lesson 9, `xor-net` (source texts 000 and 002). Default seed 1.
@Suite("xor-net answer key")
struct XorNetTests {
    /// The default run's values, computed once for the whole suite (each run trains networks).
    nonisolated(unsafe) static let defaults: Result<[String: Any], any Error> = Result { try TestSupport.values("xor-net") }

    @Test("one perceptron cannot: the rule cycles (epochs 3 and 4) and one sigmoid neuron ends at 0.5 everywhere, C = 0.125")
    func onePerceptronCannot() throws {
        let v = try Self.defaults.get()
        #expect(v.vector("perceptron_cycle") == [3, 4])
        #expect(printed(try #require(v.number("single_neuron_loss")), 3) == 0.125)
        #expect(try #require(v.vector("single_neuron_outputs")).allSatisfy { printed($0, 2) == 0.5 })
    }

    @Test("seed 1, η = 2, 5000 steps: the 2-2-1 sigmoid network gets all four right from step 459; C = 0.00033")
    func trainsToPerfect() throws {
        let v = try Self.defaults.get()
        let out = try #require(v.vector("outputs"))
        #expect(out.map { $0 > 0.5 ? 1.0 : 0 } == [0, 1, 1, 0])
        #expect(v.number("accuracy") == 1)
        #expect(v.number("first_perfect_iteration") == 459)
        #expect(printed(try #require(v.number("final_loss")), 5) == 0.00033)
        #expect(out.map { printed($0, 3) } == [0.023, 0.976, 0.976, 0.03])
    }

    @Test("the whole training recomputed with loops from the printed starting weights gives the same network")
    func independentTraining() throws {
        let v = try Self.defaults.get()
        let start = try #require(v.matrix("W1_start")), w2 = try #require(v.matrix("W2_start"))
        var net = LoopXor(w1: start, b1: [0, 0], w2: w2.map { $0[0] }, b2: 0)
        #expect(abs(net.cost() - (try #require(v.number("initial_loss")))) < 1e-12)
        for _ in 0..<5000 { net.step(2) }
        let w1 = try #require(v.matrix("W1"))
        for k in 0..<2 { for j in 0..<2 { #expect(abs(w1[k][j] - net.w1[k][j]) < 1e-9) } }
        #expect(abs(try #require(v.vector("b2"))[0] - net.b2) < 1e-9)
        #expect(abs(try #require(v.number("final_loss")) - net.cost()) < 1e-12)
        #expect(try #require(v.number("max_relative_error")) < 1e-6)
    }

    @Test("hidden units: h1 = x1 NAND x2, h2 = x1 NOR x2, output = h1 AND NOT h2")
    func hiddenUnits() throws {
        let v = try Self.defaults.get()
        let h = try #require(v.matrix("hidden1"))
        #expect(h.map { $0[0] > 0.5 ? 1 : 0 } == [1, 1, 1, 0])     // NAND
        #expect(h.map { $0[1] > 0.5 ? 1 : 0 } == [1, 0, 0, 0])     // NOR
        #expect((v["hidden_functions"] as? [String]) == ["x1 NAND x2", "x1 NOR x2"])
        #expect((v["output_function"] as? String) == "h1 AND NOT h2")
        #expect(XorNetLesson.logicName([0, 1, 1, 0], "a", "b").en == "a XOR b")
    }

    @Test("exercises: tanh from seed 1 converges; seeds 4, 5, 7 get stuck with tanh; the hand-wired perceptrons compute XOR")
    func exercises() throws {
        let v = try Self.defaults.get()
        #expect(try #require(v.vector("exercise1_outputs")).map { $0 > 0.5 ? 1.0 : 0 } == [0, 1, 1, 0])
        #expect(v.vector("exercise2_stuck_seeds") == [4, 5, 7])
        #expect(v.vector("exercise3_outputs") == [0, 1, 1, 0])
    }

    @Test("changed options: --hidden 3 --activation tanh --learning-rate 1 --iterations 2000 --seed 3, checked by loops")
    func changedOptions() throws {
        let v = try TestSupport.values("xor-net", ["--hidden", "3", "--activation", "tanh", "--learning-rate", "1", "--iterations", "2000", "--seed", "3"])
        let start = try #require(v.matrix("W1_start")), w2 = try #require(v.matrix("W2_start"))
        #expect(start.count == 2 && start[0].count == 3)
        var net = LoopXor(w1: start, b1: [0, 0, 0], w2: w2.map { $0[0] }, b2: 0, tanhHidden: true)
        for _ in 0..<2000 { net.step(1) }
        let expected = LoopXor.xs.map { net.forward($0).out }
        let out = try #require(v.vector("outputs"))
        for (a, b) in zip(out, expected) { #expect(abs(a - b) < 1e-9) }
        #expect(abs(try #require(v.number("final_loss")) - net.cost()) < 1e-12)
    }

    @Test("bad input exits 64 with one line naming the option and writes nothing",
          arguments: [["--iterations", "0"], ["--hidden", "9"], ["--hidden", "2,2,2,2"], ["--learning-rate", "nan"], ["--activation", "swish"]])
    func badInput(_ args: [String]) throws {
        try TestSupport.expectRefused("xor-net", args)
    }

    @Test("ReLU hidden units have no fully-on value: the output unit is not read on made-up corners −1 and 1; tanh's are")
    func gateReadingOnlyForBoundedUnits() throws {
        let relu = try RenderedPage(XorNetLesson.self, ["--activation", "relu"])
        #expect(relu.says("A ReLU unit has no value it approaches when fully on", "ReLU 单元没有“完全打开”时趋近的取值"))
        #expect(relu.never("fed the fully off/on values", "完全关闭/打开时的取值"))
        let tanh = try RenderedPage(XorNetLesson.self, ["--activation", "tanh"])
        #expect(tanh.says("fed the fully off/on values -1 and 1", "完全关闭/打开时的取值 -1 和 1") && tanh.never("has no value it approaches", "没有“完全打开”"))
    }
}

