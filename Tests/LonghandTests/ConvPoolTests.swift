import Foundation
import Testing
@testable import Curriculum
@testable import LonghandEngine

/// The answer key of lesson 11, `conv-pool` (source texts 000 and 001). Every expected number is either
/// the source text's, a literal pinned from the worked page, or recomputed here by plain loops that share
/// no code with the engine (`Naive`).
@Suite("conv-pool answer key")
struct ConvPoolTests {
    // MARK: 001

    @Test("001 max pooling: [[1,3,2,9],[7,4,1,5],[8,5,2,3],[4,2,1,4]] → [[7,9],[8,4]]")
    func pool001() throws {
        let m: [[Double]] = [[1, 3, 2, 9], [7, 4, 1, 5], [8, 5, 2, 3], [4, 2, 1, 4]]
        let r = MaxPool2D(size: 2).forward(Tensor3(map: m))
        #expect(r.output.channel(0) == [[7, 9], [8, 4]])
        // Argmax positions (row, column): 7 at (1,0), 9 at (0,3), 8 at (2,0), 4 at (3,3).
        #expect(r.argmax == [1 * 4 + 0, 0 * 4 + 3, 2 * 4 + 0, 3 * 4 + 3])
        #expect(Naive.maxPool([m], size: 2, stride: 2)[0] == [[7, 9], [8, 4]])
        let v = try TestSupport.values("conv-pool")
        #expect(v.matrix("pool_example_out") == [[7, 9], [8, 4]])
    }

    @Test("001 output size H2 = (H1 − F + 2P)/S + 1: fitting and non-fitting cases")
    func outputSizes() throws {
        let cases: [(h: Int, f: Int, p: Int, s: Int, expected: Int?)] = [
            (5, 2, 0, 1, 4), (4, 2, 0, 2, 2), (32, 5, 0, 1, 28), (28, 3, 1, 1, 28), (7, 3, 0, 2, 3),
            (6, 3, 0, 2, nil), (28, 3, 1, 2, nil), (7, 3, 1, 2, 4), (24, 2, 0, 2, 12), (3, 5, 0, 1, nil), (3, 5, 1, 1, 1),
        ]
        for c in cases {
            let w = SlidingWindow(size: c.f, stride: c.s, padding: c.p)
            #expect(w.outputSize(c.h) == c.expected, "H1 \(c.h), F \(c.f), P \(c.p), S \(c.s)")
            #expect(w.formulaValue(c.h) == Double(c.h - c.f + 2 * c.p) / Double(c.s) + 1)
        }
        let bad = SlidingWindow(size: 3, stride: 2)
        #expect(bad.formulaValue(6) == 2.5)
        #expect(bad.flooredOutputSize(6) == 2)
        #expect(bad.leftover(6) == 1)
        let v = try TestSupport.values("conv-pool")
        #expect(v.vector("output_size_examples") == [4, 2, 28, 28, 3, 2.5])
        #expect(v.number("conv_size") == 4)
        #expect(v.number("pool_out_size") == 2)
    }

    // MARK: The worked network (defaults)

    @Test("forward: every conv output recomputed by a naive loop; ReLU, pooling, FC and loss as on the page")
    func forwardDefaults() throws {
        let v = try TestSupport.values("conv-pool")
        let x = try #require(v.tensor("input")), k = try #require(v.kernels("kernel"))
        let b = try #require(v.vector("conv_bias"))
        #expect(x == [[[3, 1, 1, 2, 4], [3, 1, 0, 2, 1], [2, 1, 1, 1, 0], [1, 0, 3, 1, 3], [3, 3, 2, 4, 4]]])
        #expect(k == [[[[-1, 1], [-1, 2]]]])
        #expect(b == [-1])
        // Each element of the page's conv output, recomputed.
        let z = Naive.conv(x, k, b, stride: 1, padding: 0)
        #expect(v.tensor("conv_out") == z)
        #expect(z == [[[-4, -2, 4, 1], [-3, -1, 2, -3], [-3, 5, -2, 3], [1, 3, 3, 5]]])
        // z[0][0] = (-1)·3 + 1·1 + (-1)·3 + 2·1 + (-1) = -4, as worked on the page.
        let products: [Double] = [-1 * 3, 1 * 1, -1 * 3, 2 * 1]
        #expect(products.reduce(-1, +) == z[0][0][0])
        let a = Naive.relu(z)
        #expect(v.tensor("relu_out") == a)
        let p = Naive.maxPool(a, size: 2, stride: 2)
        #expect(v.tensor("pool_out") == p)
        #expect(p == [[[0, 4], [5, 5]]])
        let flat = p.flatMap { $0.flatMap { $0 } }
        #expect(v.vector("flat") == flat)
        let w = try #require(v.vector("fc_weights")), c = try #require(v.number("fc_bias"))
        #expect(w == [1, 1, 1, -1] && c == 1)
        let y = zip(w, flat).reduce(c) { $0 + $1.0 * $1.1 }
        #expect(v.number("fc_out") == y)
        #expect(y == 5)
        #expect(v.number("loss") == 0.5 * (y - 3) * (y - 3))
        #expect(v.number("loss") == 2)
    }

    @Test("backward: FC error, upsample, ReLU gate, kernel and input gradients as on the page")
    func backwardDefaults() throws {
        let v = try TestSupport.values("conv-pool")
        #expect(v.number("dL_dfc_out") == 2)
        #expect(v.vector("dL_dfc_weights") == [0, 8, 10, 10])
        #expect(v.number("dL_dfc_bias") == 2)
        #expect(v.vector("dL_dflat") == [2, 2, 2, -2])
        #expect(v.tensor("dL_dpool_out") == [[[2, 2], [2, -2]]])
        // Upsample: each gradient at its block's maximum; block (0,0) is all zeros, the first cell takes it.
        #expect(v.tensor("dL_drelu_out") == [[[2, 0, 2, 0], [0, 0, 0, 0], [0, 2, 0, 0], [0, 0, 0, -2]]])
        #expect(v.tensor("relu_gate") == [[[0, 0, 1, 1], [0, 0, 1, 0], [0, 1, 0, 1], [1, 1, 1, 1]]])
        // The gate stops the gradient at (0,0), where z = -4.
        #expect(v.tensor("dL_dconv_out") == [[[0, 0, 2, 0], [0, 0, 0, 0], [0, 2, 0, 0], [0, 0, 0, -2]]])
        #expect(v.kernels("dL_dkernel") == [[[[2, 0], [-8, 2]]]])
        #expect(v.vector("dL_dconv_bias") == [2])
        #expect(v.matrix("kernel_rot180") == [[2, -1], [1, -1]])
        #expect(v.tensor("dL_dinput") == [[[0, 0, -2, 2, 0], [0, 0, -2, 4, 0], [0, -2, 2, 0, 0], [0, -2, 4, 2, -2], [0, 0, 0, 2, -4]]])
        // Independently: ∂L/∂k[a][b] = Σ δ[i][j]·x[i+a][j+b], and ∂L/∂X by scattering δ·k.
        let x = try #require(v.tensor("input")), k = try #require(v.kernels("kernel")), delta = try #require(v.tensor("dL_dconv_out"))
        #expect(v.kernels("dL_dkernel") == Naive.kernelGradient(x, delta, kernelSize: 2, stride: 1, padding: 0))
        #expect(v.tensor("dL_dinput") == Naive.inputGradient(delta, k, inputSize: 5, stride: 1, padding: 0))
    }

    @Test("every gradient of the worked network agrees with central differences of an independent forward pass")
    func gradientsByCentralDifferences() throws {
        let v = try TestSupport.values("conv-pool")
        try Self.checkAgainstCentralDifferences(v, stride: 1, padding: 0, pool: 2, target: 3)
        let worst = try #require(v.number("gradcheck_max_rel_error"))
        #expect(worst < 1e-8)
        #expect(v.number("kinks") == 0)
        for name in ["kernel", "conv_bias", "fc_weights", "fc_bias", "input"] {
            #expect((v.number("gradcheck_max_rel_error_\(name)") ?? 1) < 1e-8, "\(name)")
        }
    }

    // MARK: Exercises

    @Test("exercises: sizes; stride 2 padding 1 gradients; overlapping pooling adds gradients")
    func exercises() throws {
        let v = try TestSupport.values("conv-pool")
        #expect(v.vector("exercise1_sizes") == [24, 14.5, 4, 12])
        let x: [[[Double]]] = [[[1, 0, 2, 1], [3, 1, 0, 2], [0, 2, 1, 1], [2, 1, 3, 0]]]
        let k: [[[[Double]]]] = [[[[1, -1], [2, 1]]]]
        let d: [[[Double]]] = [[[1, 0, -1], [2, 1, 0], [0, -1, 1]]]
        #expect(v.matrix("exercise2_z") == Naive.conv(x, k, [0], stride: 2, padding: 1)[0])
        #expect(v.matrix("exercise2_dL_dkernel") == Naive.kernelGradient(x, d, kernelSize: 2, stride: 2, padding: 1)[0][0])
        #expect(v.matrix("exercise2_dL_dkernel") == [[0, 3], [1, 2]])
        #expect(v.matrix("exercise2_dL_dinput") == Naive.inputGradient(d, k, inputSize: 4, stride: 2, padding: 1)[0])
        #expect((v.number("exercise2_gradcheck_max_rel_error") ?? 1) < 1e-8)
        #expect(v.matrix("exercise3_pool_out") == [[6, 6], [7, 5]])
        #expect(v.matrix("exercise3_dL_dA") == [[0, 3, 0], [0, 4, 0], [3, 0, 0]])
    }

    // MARK: Changed options

    @Test("conv-pool with 6×6 input, 3×3 kernels, padding 1, 3×3 pooling, 2 in and 2 out channels, seed 5")
    func changedOptions() throws {
        let v = try TestSupport.values("conv-pool", ["--input-size", "6", "--kernel-size", "3", "--padding", "1", "--pool-size", "3",
                                                     "--in-channels", "2", "--out-channels", "2", "--seed", "5", "--target", "-4"])
        let x = try #require(v.tensor("input")), k = try #require(v.kernels("kernel")), b = try #require(v.vector("conv_bias"))
        #expect(x.count == 2 && x[0].count == 6 && k.count == 2 && k[0].count == 2 && k[0][0].count == 3)
        let z = Naive.conv(x, k, b, stride: 1, padding: 1)
        #expect(v.tensor("conv_out") == z)
        #expect(z[0].count == 6)
        let p = Naive.maxPool(Naive.relu(z), size: 3, stride: 3)
        #expect(v.tensor("pool_out") == p)
        let w = try #require(v.vector("fc_weights")), c = try #require(v.number("fc_bias"))
        let y = zip(w, p.flatMap { $0.flatMap { $0 } }).reduce(c) { $0 + $1.0 * $1.1 }
        #expect(v.number("fc_out") == y)
        #expect(v.number("loss") == 0.5 * (y + 4) * (y + 4))
        #expect(v.number("kinks") == 0)
        try Self.checkAgainstCentralDifferences(v, stride: 1, padding: 1, pool: 3, target: -4)
    }

    @Test("conv-pool with stride 2 and padding 1 (7×7, 3×3 kernels, 2 input channels, seed 3)")
    func strideTwoPaddingOne() throws {
        let v = try TestSupport.values("conv-pool", ["--input-size", "7", "--kernel-size", "3", "--stride", "2", "--padding", "1",
                                                     "--in-channels", "2", "--seed", "3"])
        let x = try #require(v.tensor("input")), k = try #require(v.kernels("kernel")), b = try #require(v.vector("conv_bias"))
        let z = Naive.conv(x, k, b, stride: 2, padding: 1)
        #expect(z[0].count == 4)
        #expect(v.tensor("conv_out") == z)
        #expect(v.number("kinks") == 0)
        try Self.checkAgainstCentralDifferences(v, stride: 2, padding: 1, pool: 2, target: 3)
        let delta = try #require(v.tensor("dL_dconv_out"))
        #expect(v.kernels("dL_dkernel") == Naive.kernelGradient(x, delta, kernelSize: 3, stride: 2, padding: 1))
        #expect(v.tensor("dL_dinput") == Naive.inputGradient(delta, k, inputSize: 7, stride: 2, padding: 1))
    }

    @Test("conv-pool with the input and kernel given on the command line")
    func givenNumbers() throws {
        let input = (0..<16).map { Double($0 % 5) - 1 }
        let v = try TestSupport.values("conv-pool", ["--input-size", "4", "--kernel-size", "3", "--pool-size", "1",
                                                     "--input", input.map { String(Int($0)) }.joined(separator: ","), "--kernel", "1,0,-1,2,0,-2,1,0,-1"])
        let x: [[[Double]]] = [(0..<4).map { i in Array(input[(i * 4)..<(i * 4 + 4)]) }]
        let k: [[[[Double]]]] = [[[[1, 0, -1], [2, 0, -2], [1, 0, -1]]]]
        #expect(v.tensor("input") == x)
        #expect(v.kernels("kernel") == k)
        let b = try #require(v.vector("conv_bias"))
        #expect(v.tensor("conv_out") == Naive.conv(x, k, b, stride: 1, padding: 0))
    }

    @Test("same options, byte-identical output")
    func deterministic() throws {
        let a = try TestSupport.run("conv-pool", ["--json", "--out", TestSupport.temporaryFolder().path])
        let b = try TestSupport.run("conv-pool", ["--json", "--out", TestSupport.temporaryFolder().path])
        #expect(a.status == 0 && a.stdout == b.stdout && !a.stdout.isEmpty)
    }

    // MARK: Bad input

    @Test("conv-pool rejects sizes that do not fit and bad lists: exit 64, one line naming the option, nothing written",
          arguments: [
            (["--input-size", "3", "--kernel-size", "5"], "--kernel-size"),
            (["--input-size", "6", "--kernel-size", "3", "--stride", "2"], "not a whole number"),
            (["--pool-size", "3"], "--pool-size"),
            (["--padding", "2"], "--padding"),
            (["--input", "1,2,3"], "--input"),
            (["--kernel", "1,2,3,x"], "--kernel"),
            (["--stride", "0"], "--stride"),
            (["--input-size", "9"], "--input-size"),
            (["--target", "nan"], "--target"),
          ])
    func badInput(arguments: [String], mentions: String) throws {
        try TestSupport.expectRefused("conv-pool", arguments, mentions: mentions)
    }

    // MARK: Helpers

    /// Compares the JSON's kernel, conv-bias, FC and input gradients with central differences of `Naive.loss`.
    static func checkAgainstCentralDifferences(_ v: [String: Any], stride: Int, padding: Int, pool: Int, target: Double) throws {
        let x = try #require(v.tensor("input")), k = try #require(v.kernels("kernel")), b = try #require(v.vector("conv_bias"))
        let w = try #require(v.vector("fc_weights")), c = try #require(v.number("fc_bias"))
        let dK = try #require(v.kernels("dL_dkernel")), dX = try #require(v.tensor("dL_dinput"))
        let db = try #require(v.vector("dL_dconv_bias")), dW = try #require(v.vector("dL_dfc_weights"))
        func loss(_ x: [[[Double]]], _ k: [[[[Double]]]], _ b: [Double], _ w: [Double], _ c: Double) -> Double {
            Naive.loss(x, k, b, w, c, target: target, stride: stride, padding: padding, pool: pool)
        }
        let kShape = (k.count, k[0].count, k[0][0].count)
        let numericK = GradientCheck.centralDifferences(at: Naive.flat4(k)) { loss(x, Naive.unflat4($0, kShape), b, w, c) }
        let numericX = GradientCheck.centralDifferences(at: Naive.flat3(x)) { loss(Naive.unflat3($0, (x.count, x[0].count)), k, b, w, c) }
        let numericB = GradientCheck.centralDifferences(at: b) { loss(x, k, $0, w, c) }
        let numericW = GradientCheck.centralDifferences(at: w) { loss(x, k, b, $0, c) }
        func close(_ a: [Double], _ n: [Double], _ what: String) {
            #expect(a.count == n.count)
            for (g, num) in zip(a, n) { #expect(abs(g - num) <= 1e-6 * max(1, abs(g)), "\(what): \(g) vs \(num)") }
        }
        close(Naive.flat4(dK), numericK, "kernel")
        close(Naive.flat3(dX), numericX, "input")
        close(db, numericB, "conv bias")
        close(dW, numericW, "fc weights")
    }
}

extension Dictionary where Key == String, Value == Any {
    /// A [channel][row][column] tensor from parsed JSON.
    func tensor(_ key: String) -> [[[Double]]]? {
        (self[key] as? [Any])?.map { ($0 as? [Any] ?? []).map { ($0 as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.doubleValue } } }
    }
    /// [out][in][row][column] kernels from parsed JSON.
    func kernels(_ key: String) -> [[[[Double]]]]? {
        (self[key] as? [Any])?.map { o in
            (o as? [Any] ?? []).map { c in (c as? [Any] ?? []).map { ($0 as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.doubleValue } } }
        }
    }
}

/// Plain nested loops for convolution, ReLU, max pooling and the lesson's loss, written
/// independently of the engine so the tests check it rather than repeat it.
enum Naive {
    static func conv(_ x: [[[Double]]], _ k: [[[[Double]]]], _ b: [Double], stride s: Int, padding p: Int) -> [[[Double]]] {
        let H = x[0].count, W = x[0][0].count, F = k[0][0].count
        let ho = (H - F + 2 * p) / s + 1, wo = (W - F + 2 * p) / s + 1
        var out = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: wo), count: ho), count: k.count)
        for o in 0..<k.count {
            for i in 0..<ho {
                for j in 0..<wo {
                    var sum = b[o]
                    for c in 0..<x.count {
                        for a in 0..<F {
                            for bb in 0..<F {
                                let r = i * s - p + a, col = j * s - p + bb
                                if r >= 0 && r < H && col >= 0 && col < W { sum += k[o][c][a][bb] * x[c][r][col] }
                            }
                        }
                    }
                    out[o][i][j] = sum
                }
            }
        }
        return out
    }

    static func relu(_ z: [[[Double]]]) -> [[[Double]]] { z.map { $0.map { $0.map { max($0, 0) } } } }

    static func maxPool(_ a: [[[Double]]], size k: Int, stride s: Int) -> [[[Double]]] {
        a.map { m in
            let ho = (m.count - k) / s + 1, wo = (m[0].count - k) / s + 1
            return (0..<ho).map { i in (0..<wo).map { j in
                var best = -Double.infinity
                for p in 0..<k { for q in 0..<k { best = max(best, m[i * s + p][j * s + q]) } }
                return best
            } }
        }
    }

    static func loss(_ x: [[[Double]]], _ k: [[[[Double]]]], _ b: [Double], _ w: [Double], _ c: Double,
                     target: Double, stride: Int, padding: Int, pool: Int) -> Double {
        let p = maxPool(relu(conv(x, k, b, stride: stride, padding: padding)), size: pool, stride: pool)
        let y = zip(w, p.flatMap { $0.flatMap { $0 } }).reduce(c) { $0 + $1.0 * $1.1 }
        return 0.5 * (y - target) * (y - target)
    }

    /// ∂L/∂k[o][c][a][b] = Σ_ij δ[o][i][j] · x[c][iS − P + a][jS − P + b].
    static func kernelGradient(_ x: [[[Double]]], _ d: [[[Double]]], kernelSize F: Int, stride s: Int, padding p: Int) -> [[[[Double]]]] {
        let H = x[0].count, W = x[0][0].count
        return d.indices.map { o in x.indices.map { c in (0..<F).map { a in (0..<F).map { bb in
            var sum = 0.0
            for i in d[o].indices {
                for j in d[o][i].indices {
                    let r = i * s - p + a, col = j * s - p + bb
                    if r >= 0 && r < H && col >= 0 && col < W { sum += d[o][i][j] * x[c][r][col] }
                }
            }
            return sum
        } } } }
    }

    /// ∂L/∂x by sending δ·k back to every input cell each output used.
    static func inputGradient(_ d: [[[Double]]], _ k: [[[[Double]]]], inputSize H: Int, stride s: Int, padding p: Int) -> [[[Double]]] {
        let F = k[0][0].count
        var out = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: H), count: H), count: k[0].count)
        for o in d.indices {
            for i in d[o].indices {
                for j in d[o][i].indices {
                    for c in out.indices {
                        for a in 0..<F {
                            for bb in 0..<F {
                                let r = i * s - p + a, col = j * s - p + bb
                                if r >= 0 && r < H && col >= 0 && col < H { out[c][r][col] += d[o][i][j] * k[o][c][a][bb] }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    static func flat3(_ t: [[[Double]]]) -> [Double] { t.flatMap { $0.flatMap { $0 } } }
    static func flat4(_ t: [[[[Double]]]]) -> [Double] { t.flatMap { $0.flatMap { $0.flatMap { $0 } } } }
    /// Square maps: (channels, side).
    static func unflat3(_ v: [Double], _ shape: (Int, Int)) -> [[[Double]]] {
        let (c, n) = shape
        return (0..<c).map { ch in (0..<n).map { i in Array(v[(ch * n * n + i * n)..<(ch * n * n + i * n + n)]) } }
    }
    /// Square kernels: (out, in, side).
    static func unflat4(_ v: [Double], _ shape: (Int, Int, Int)) -> [[[[Double]]]] {
        let (o, c, f) = shape
        return (0..<o).map { oo in unflat3(Array(v[(oo * c * f * f)..<((oo + 1) * c * f * f)]), (c, f)) }
    }
}
