import Foundation
import Testing
@testable import LonghandEngine
@testable import Notebook

/// The multi-layer engine: networks of any depth, softmax + cross-entropy, initializers, and
/// the gradient check on whole networks.
@Suite("multi-layer network engine")
struct NetworkTests {
    static let activations: [Activation] = [.sigmoid, .tanh, .elu(alpha: 1), .leakyReLU(slope: 0.01), .identity, .relu]

    /// A random network shape, batch and activation for seed `s`.
    static func randomCase(_ s: UInt64) -> (Network, Matrix, Int) {
        var r = SeededRandom(seed: s)
        let depth = 1 + r.index(below: 4)
        let sizes = (0...depth).map { _ in 1 + r.index(below: 5) }
        let act = activations[r.index(below: activations.count)]
        let init0: Initializer = [.normal(standardDeviation: 1), .lecun, .glorot, .he][r.index(below: 4)]
        var net = Network(sizes: sizes, hidden: act, output: .identity, initializer: init0, using: &r)
        // Non-zero biases so every parameter is exercised.
        net = net.with(parameters: net.parameters.map { $0 + 0.1 * r.normal() })
        let batch = 1 + r.index(below: 4)
        let x = Matrix(rows: batch, columns: sizes[0]) { _, _ in r.uniform(-1, 1) }
        return (net, x, sizes.last!)
    }

    @Test("gradient check on 40 random network shapes (depth 1-4, widths 1-5, six activations, two losses)",
          arguments: 1...40)
    func randomShapes(_ seed: Int) {
        let (net, x, outputs) = Self.randomCase(UInt64(seed))
        var r = SeededRandom(seed: UInt64(1000 + seed))
        let targets = Matrix(rows: x.rows, columns: outputs) { _, _ in r.uniform(0, 1) }
        let labels = (0..<x.rows).map { _ in r.index(below: outputs) }
        for objective in [Network.Objective.halfSquaredError(targets: targets), .softmaxCrossEntropy(labels: labels)] {
            let checks = net.gradientCheck(x, objective)
            for entry in checks.flatMap(\.entries) {
                #expect(entry.passes(tolerance: 1e-5), "seed \(seed) sizes \(net.sizes): \(entry.analytic) vs \(entry.numeric)")
            }
        }
    }

    @Test("Dense.backward agrees with loops: δ = dA ⊙ f'(Z), dW = Xᵀδ, db = Σ rows δ, dX = δWᵀ")
    func denseBackward() {
        let layer = Dense(weights: Matrix([[0.5, -1, 2], [1.5, 0.25, -0.75]]), bias: Matrix(row: [0.1, -0.2, 0.3]), activation: .tanh)
        let x = Matrix([[1, 2], [-0.5, 0.5]])
        let dA = Matrix([[0.3, -0.1, 0.2], [1, 0, -1]])
        let back = layer.backward(layer.forward(x), outputGradient: dA)
        for i in 0..<2 {
            for j in 0..<3 {
                var z = layer.bias[0, j]
                for k in 0..<2 { z += x[i, k] * layer.weights[k, j] }
                let d = dA[i, j] * (1 - Foundation.tanh(z) * Foundation.tanh(z))
                #expect(abs(back.delta[i, j] - d) < 1e-15)
            }
        }
        for k in 0..<2 {
            for j in 0..<3 {
                let g = (0..<2).map { x[$0, k] * back.delta[$0, j] }.reduce(0, +)
                #expect(abs(back.gradient.weights[k, j] - g) < 1e-15)
            }
            for i in 0..<2 {
                let g = (0..<3).map { back.delta[i, $0] * layer.weights[k, $0] }.reduce(0, +)
                #expect(abs(back.inputGradient[i, k] - g) < 1e-15)
            }
        }
        #expect(back.gradient.bias.values == [0, 1, 2].map { j in back.delta[0, j] + back.delta[1, j] })
    }

    @Test("softmax-cross-entropy: (3, 1, 0.1, 0.5) with label 0, p = e^z / Σe^z, L = -ln p0, ∂L/∂z = p - onehot")
    func softmaxCrossEntropy() {
        let z: [Double] = [3, 1, 0.1, 0.5]
        let s = SoftmaxCrossEntropy(logits: Matrix(row: z), labels: [0])
        let total = z.map { Foundation.exp($0) }.reduce(0, +)
        let p = z.map { Foundation.exp($0) / total }
        for j in 0..<4 { #expect(abs(s.probabilities[0, j] - p[j]) < 1e-15) }
        #expect(abs(s.loss + Foundation.log(p[0])) < 1e-14)
        let onehot = [1.0, 0, 0, 0]
        for j in 0..<4 { #expect(abs(s.gradient[0, j] - (p[j] - onehot[j])) < 1e-15) }
        #expect(s.predictions == [0])
    }

    @Test("softmax-cross-entropy stays finite for logits of ±1000 (the max is subtracted first)")
    func softmaxStable() {
        let s = SoftmaxCrossEntropy(logits: Matrix([[1000, 0, -1000], [-1000, 1000, 999]]), labels: [2, 2])
        #expect(s.probabilities.values.allSatisfy { $0.isFinite })
        #expect(abs(s.losses[0] - 2000) < 1e-9)                        // −ln p = 1000 − (−1000)
        #expect(abs(s.losses[1] - Foundation.log(1 + Foundation.exp(1.0))) < 1e-12)   // ln(e^1000 + e^999) − 999
        #expect(s.gradient.values.allSatisfy { $0.isFinite })
    }

    @Test("initializers: LeCun σ = 1/√m, Glorot σ = √(2/(m + n)), He σ = √(2/m); seeded draws repeat exactly")
    func initializers() {
        #expect(Initializer.lecun.standardDeviation(fanIn: 4, fanOut: 7) == 0.5)
        // Glorot for 8 → 32 (issue 14): √(2/40) = 0.2236…, not LeCun's 1/√8 = 0.3536.
        #expect(abs(Initializer.glorot.standardDeviation(fanIn: 8, fanOut: 32) - (2.0 / 40).squareRoot()) < 1e-15)
        #expect(printed(Initializer.glorot.standardDeviation(fanIn: 8, fanOut: 32), 4) == 0.2236)
        #expect(Initializer.glorot.standardDeviation(fanIn: 16, fanOut: 16) == Initializer.lecun.standardDeviation(fanIn: 16, fanOut: 16))
        #expect(abs(Initializer.he.standardDeviation(fanIn: 8, fanOut: 1) - 0.5) < 1e-15)
        #expect(Initializer.normal(standardDeviation: 1).standardDeviation(fanIn: 50, fanOut: 3) == 1)
        var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42)
        #expect(Initializer.he.weights(inputs: 2, outputs: 50, using: &a) == Initializer.he.weights(inputs: 2, outputs: 50, using: &b))
        // The sample spread of He weights for m = 2 over 10 000 draws is close to 1.
        var r = SeededRandom(seed: 9)
        let w = Initializer.he.weights(inputs: 2, outputs: 5000, using: &r).values
        let sd = (w.map { $0 * $0 }.reduce(0, +) / Double(w.count)).squareRoot()
        #expect(abs(sd - 1) < 0.03)
    }

    @Test("training lowers the loss, and parameters round-trip through the flat vector")
    func trainingAndParameters() {
        var r = SeededRandom(seed: 5)
        let net = Network(sizes: [2, 4, 1], hidden: .tanh, output: .sigmoid, initializer: .lecun, using: &r)
        #expect(net.with(parameters: net.parameters) == net)
        let x = Matrix([[0, 0], [0, 1], [1, 0], [1, 1]])
        let t = net.trained(on: x, .halfSquaredError(targets: Matrix(column: [0, 1, 1, 1])), learningRate: 1, iterations: 200)
        #expect(t.losses.count == 201)
        #expect(t.finalLoss < t.losses[0] / 4)
    }

    @Test("heatmap: row 0 of a sampled grid is the bottom row, and the SVG is the same on every run")
    func heatmap() {
        let grid = Heatmap.sample(x: 0...1, y: 0...1, resolution: 4) { x, y in x + 10 * y }
        #expect(grid[0][0] == 0.125 + 1.25)     // centre (0.125, 0.125)
        #expect(grid[3][0] == 0.125 + 8.75)     // top-left centre (0.125, 0.875)
        let map = Heatmap(xRange: 0...1, yRange: 0...1,
                          panels: [.init(title: Localized(same: "t"), values: grid, coloring: .diverging(0...10), boundary: 5,
                                         markers: [.init(x: 0.5, y: 0.5, label: Localized(same: "p"), color: 0)])])
        let a = map.svg(title: "h", description: "d", language: .en)
        #expect(a == map.svg(title: "h", description: "d", language: .en))
        #expect(a.hasPrefix("<svg") && a.contains("<path d=\"M"))
    }

    @Test("the matrix products give the bits of the plain i-k-j loop, zeros skipped, at every width (blocks of 16, 8, 4, 2, 1) and empty shapes")
    func matrixProductMatchesPlainLoop() {
        var r = SeededRandom(seed: 31)
        for (rows, inner, columns) in [(3, 5, 37), (1, 1, 1), (7, 16, 16), (4, 9, 23), (2, 0, 3), (0, 4, 5), (3, 4, 0), (64, 32, 32)] {
            // A third of the left entries are exactly 0 (as ReLU and dropout leave them); some are −0.
            let a = Matrix(rows: rows, columns: inner) { _, _ in
                let u = r.uniform(0, 1)
                return u < 0.2 ? 0 : u < 0.33 ? -0.0 : r.normal()
            }
            let b = Matrix(rows: inner, columns: columns) { _, _ in r.normal() * 1e3 }
            var plain = [Double](repeating: 0, count: rows * columns)
            for i in 0..<rows { for k in 0..<inner where a[i, k] != 0 { for j in 0..<columns { plain[i * columns + j] += a[i, k] * b[k, j] } } }
            let product = a * b
            #expect(product.rows == rows && product.columns == columns)
            #expect(product.values.map(\.bitPattern) == plain.map(\.bitPattern), "\(rows)×\(inner) · \(inner)×\(columns)")
            // Aᵀ·B without forming Aᵀ: the same bits as forming it.
            let c = Matrix(rows: rows, columns: columns + 3) { _, _ in r.normal() }
            let formed = a.transposed * c, direct = a.transposedMultiplied(by: c)
            #expect(direct.rows == inner && direct.columns == columns + 3)
            #expect(direct.values.map(\.bitPattern) == formed.values.map(\.bitPattern))
        }
    }
}
