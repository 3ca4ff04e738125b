import Foundation
import Testing
@testable import LonghandEngine
@testable import Notebook

/// The convolution engine checked on random shapes: forward against plain loops, backward against
/// central differences, the convolution forms of the gradients against the engine's scatter form.
@Suite("convolution engine")
struct ConvEngineTests {
    /// Random non-integer values: ties and exact zeros (kinks) have probability 0.
    static func random(_ count: Int, _ rng: inout SeededRandom) -> [Double] { (0..<count).map { _ in rng.uniform(-1, 1) } }

    struct Shape: CustomTestStringConvertible, Sendable {
        let inChannels, outChannels, size, kernel, stride, padding: Int
        var testDescription: String { "\(inChannels)→\(outChannels) ch, \(size)×\(size), k\(kernel), S\(stride), P\(padding)" }
    }

    static let shapes: [Shape] = [
        Shape(inChannels: 1, outChannels: 1, size: 5, kernel: 2, stride: 1, padding: 0),
        Shape(inChannels: 2, outChannels: 3, size: 5, kernel: 3, stride: 2, padding: 1),
        Shape(inChannels: 2, outChannels: 1, size: 6, kernel: 2, stride: 2, padding: 0),
        Shape(inChannels: 1, outChannels: 2, size: 4, kernel: 3, stride: 1, padding: 1),
        Shape(inChannels: 3, outChannels: 2, size: 7, kernel: 3, stride: 2, padding: 1),
        Shape(inChannels: 2, outChannels: 2, size: 6, kernel: 4, stride: 2, padding: 1),
    ]

    static func layer(_ s: Shape, _ rng: inout SeededRandom) -> (Conv2D, Tensor3) {
        let conv = Conv2D(inChannels: s.inChannels, outChannels: s.outChannels, kernelSize: s.kernel, stride: s.stride, padding: s.padding,
                          weights: random(s.outChannels * s.inChannels * s.kernel * s.kernel, &rng), bias: random(s.outChannels, &rng))
        let x = Tensor3(channels: s.inChannels, rows: s.size, columns: s.size, values: random(s.inChannels * s.size * s.size, &rng))
        return (conv, x)
    }

    @Test("Conv2D forward equals plain nested loops", arguments: shapes)
    func forward(shape: Shape) throws {
        var rng = SeededRandom(seed: 1)
        let (conv, x) = Self.layer(shape, &rng)
        let kernels = (0..<conv.outChannels).map { o in (0..<conv.inChannels).map { c in conv.kernel(o, c) } }
        let naive = Naive.conv(x.nested, kernels, conv.bias, stride: shape.stride, padding: shape.padding)
        let engine = conv.forward(x)
        #expect(engine.channels == naive.count && engine.rows == naive[0].count)
        for (e, n) in zip(engine.values, Naive.flat3(naive)) { #expect(abs(e - n) < 1e-12) }
    }

    @Test("Conv2D kernel, bias and input gradients agree with central differences", arguments: shapes)
    func backward(shape: Shape) throws {
        var rng = SeededRandom(seed: 2)
        let (conv, x) = Self.layer(shape, &rng)
        let out = conv.forward(x)
        let g = Tensor3(channels: out.channels, rows: out.rows, columns: out.columns, values: Self.random(out.count, &rng))
        // L = Σ g ⊙ conv(x), so ∂L/∂(output) = g.
        func loss(_ c: Conv2D, _ x: Tensor3) -> Double { zip(c.forward(x).values, g.values).reduce(0) { $0 + $1.0 * $1.1 } }
        let grads = conv.backward(input: x, outputGradient: g)
        let checks = GradientCheck.compare(analytic: grads.weights, at: conv.weights) { w in var c = conv; c.weights = w; return loss(c, x) }
            + GradientCheck.compare(analytic: grads.bias, at: conv.bias) { b in var c = conv; c.bias = b; return loss(c, x) }
            + GradientCheck.compare(analytic: grads.input.values, at: x.values) { v in
                loss(conv, Tensor3(channels: x.channels, rows: x.rows, columns: x.columns, values: v)) }
        let worst = checks.map(\.relativeError).max() ?? 0
        #expect(checks.allSatisfy { $0.passes(tolerance: 1e-7) }, "max relative error \(worst)")
    }

    @Test("the convolution forms (pad ⋆ dilate, crop(pad(dilate δ) ⋆ rot180 K)) equal Conv2D.backward", arguments: shapes)
    func convolutionForms(shape: Shape) throws {
        var rng = SeededRandom(seed: 3)
        let (conv, x) = Self.layer(shape, &rng)
        let out = conv.forward(x)
        let g = Tensor3(channels: out.channels, rows: out.rows, columns: out.columns, values: Self.random(out.count, &rng))
        let grads = conv.backward(input: x, outputGradient: g)
        for o in 0..<conv.outChannels {
            for c in 0..<conv.inChannels {
                let dK = Correlation.kernelGradient(input: x.channel(c), delta: g.channel(o), stride: shape.stride, padding: shape.padding)
                for a in 0..<shape.kernel { for b in 0..<shape.kernel {
                    #expect(abs(dK[a][b] - grads.weights[conv.weightIndex(o, c, a, b)]) < 1e-12)
                } }
            }
        }
        for c in 0..<conv.inChannels {
            var sum = [[Double]](repeating: [Double](repeating: 0, count: shape.size), count: shape.size)
            for o in 0..<conv.outChannels {
                let part = Correlation.inputGradient(delta: g.channel(o), kernel: conv.kernel(o, c), stride: shape.stride, padding: shape.padding)
                for r in 0..<shape.size { for col in 0..<shape.size { sum[r][col] += part[r][col] } }
            }
            for r in 0..<shape.size { for col in 0..<shape.size { #expect(abs(sum[r][col] - grads.input[c, r, col]) < 1e-12) } }
        }
    }

    @Test("MaxPool2D: forward against loops, backward against central differences (non-overlapping and overlapping)",
          arguments: [(2, 2, 4), (3, 3, 6), (2, 1, 5), (3, 2, 7)])
    func maxPool(size: Int, stride: Int, side: Int) throws {
        var rng = SeededRandom(seed: 4)
        let x = Tensor3(channels: 2, rows: side, columns: side, values: Self.random(2 * side * side, &rng))
        let pool = MaxPool2D(size: size, stride: stride)
        let r = pool.forward(x)
        #expect(Naive.flat3(Naive.maxPool(x.nested, size: size, stride: stride)) == r.output.values)
        let g = Tensor3(channels: r.output.channels, rows: r.output.rows, columns: r.output.columns, values: Self.random(r.output.count, &rng))
        let dx = pool.backward(outputGradient: g, argmax: r.argmax, inputShape: x)
        let checks = GradientCheck.compare(analytic: dx.values, at: x.values) { v in
            zip(pool.forward(Tensor3(channels: 2, rows: side, columns: side, values: v)).output.values, g.values).reduce(0) { $0 + $1.0 * $1.1 }
        }
        #expect(checks.allSatisfy { $0.passes(tolerance: 1e-7) })
        // Each output's gradient lands in exactly one cell: the totals agree.
        #expect(abs(dx.values.reduce(0, +) - g.values.reduce(0, +)) < 1e-12)
    }

    @Test("MaxPool2D: a tie goes to the first maximum in reading order")
    func tie() {
        let r = MaxPool2D(size: 2).forward(Tensor3(map: [[1, 5], [5, 0]]))
        #expect(r.output.values == [5])
        #expect(r.argmax == [1])
    }

    @Test("Flatten keeps [channel][row][column] order and its backward is the inverse reshape")
    func flatten() {
        let t = Tensor3([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])
        let f = Flatten().forward(t)
        #expect(f.rows == 1 && f.values == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(Flatten().backward(f, like: t) == t)
        #expect(t[1, 0, 1] == 6 && t.index(1, 1, 0) == 6)
    }

    @Test("TinyConvNet: every gradient of conv → ReLU → pool → flatten → dense → ½(y − t)² against central differences",
          arguments: [shapes[1], shapes[4]])
    func wholeNetwork(shape: Shape) throws {
        var rng = SeededRandom(seed: 5)
        let (conv, x) = Self.layer(shape, &rng)
        let convSide = conv.outputShape(rows: shape.size, columns: shape.size)!.rows
        let pool = MaxPool2D(size: 2, stride: convSide % 2 == 0 ? 2 : 1)
        let pooled = pool.outputShape(rows: convSide, columns: convSide)!.rows
        let n = shape.outChannels * pooled * pooled
        let fc = Dense(weights: Matrix(rows: n, columns: 2, values: Self.random(2 * n, &rng)), bias: Matrix(row: Self.random(2, &rng)), activation: .identity)
        let net = TinyConvNet(conv: conv, pool: pool, fc: fc)
        let t = [0.3, -0.2]
        let b = net.backward(net.forward(x, target: t))
        let checks = GradientCheck.compare(analytic: b.conv.weights, at: conv.weights) { w in var m = net; m.conv.weights = w; return m.loss(x, target: t) }
            + GradientCheck.compare(analytic: b.conv.input.values, at: x.values) { v in
                net.loss(Tensor3(channels: x.channels, rows: x.rows, columns: x.columns, values: v), target: t) }
            + GradientCheck.compare(analytic: b.fcWeights.values, at: fc.weights.values) { w in
                var m = net; m.fc.weights = Matrix(rows: n, columns: 2, values: w); return m.loss(x, target: t) }
        #expect(checks.allSatisfy { $0.passes(tolerance: 1e-6) }, "max relative error \(checks.map(\.relativeError).max() ?? 0)")
    }

    @Test("Correlation helpers: rot180, pad, dilate, crop")
    func helpers() {
        #expect(Correlation.rotated180([[1, 2], [3, 4]]) == [[4, 3], [2, 1]])
        #expect(Correlation.zeroPadded([[1]], by: 1) == [[0, 0, 0], [0, 1, 0], [0, 0, 0]])
        #expect(Correlation.dilated([[1, 2], [3, 4]], by: 2) == [[1, 0, 2], [0, 0, 0], [3, 0, 4]])
        #expect(Correlation.cropped([[0, 0, 0], [0, 1, 0], [0, 0, 0]], by: 1) == [[1]])
        #expect(Correlation.valid([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 0], [0, -1]]) == [[-4, -4], [-4, -4]])
    }

    @Test("GridDrawing: one rect per cell, highlights drawn, captions in the page's language")
    func grid() {
        let d = GridDrawing([.grid(.init([[1, 2], [3, 4]], caption: Localized("input", zh: "输入"),
                                         highlights: [.init(row: 0, column: 0, rows: 2, columns: 2, color: 1)])),
                             .symbol("⋆"), .grid(.init([[5]], caption: Localized("out", zh: "输出")))])
        let svg = d.svg(title: "t", description: "d", language: .zh)
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
        #expect(svg.components(separatedBy: "stroke=\"#b9b9b9\"").count - 1 == 5)
        #expect(svg.contains(SVG.palette[1]))
        #expect(svg.contains("输入") && !svg.contains(">input<"))
    }
}
