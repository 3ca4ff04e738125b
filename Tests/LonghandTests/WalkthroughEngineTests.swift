import Foundation
import Testing
@testable import LonghandEngine

/// The engine pieces the walkthrough generator added: average pooling and the per-example output losses.
@Suite("Walkthrough engine additions")
struct WalkthroughEngineTests {
    @Test("average pooling: each window's mean, and 1/size² of each gradient back to every cell")
    func averagePooling() {
        let x = Tensor3(map: [[1, 3, 2, 9], [7, 4, 1, 5], [8, 5, 2, 3], [4, 2, 1, 4]])
        let pool = AveragePool2D(size: 2)
        let y = pool.forward(x)
        let means: [[Double]] = [[15.0 / 4, 17.0 / 4], [19.0 / 4, 10.0 / 4]]   // (1+3+7+4)/4, (2+9+1+5)/4, (8+5+4+2)/4, (2+3+1+4)/4
        #expect(y.channel(0) == means)
        let g = Tensor3(map: [[1, 2], [3, 4]])
        let dx = pool.backward(outputGradient: g, inputShape: x)
        #expect(dx.channel(0) == [[0.25, 0.25, 0.5, 0.5], [0.25, 0.25, 0.5, 0.5], [0.75, 0.75, 1, 1], [0.75, 0.75, 1, 1]])
        // Overlapping windows (stride 1): central differences of Σ g·pool(x).
        let overlap = AveragePool2D(size: 2, stride: 1)
        let h = Tensor3(map: [[0.5, -1, 2], [1.5, 0.25, -0.75], [3, 1, -2]])
        let gy = Tensor3(map: [[1, -2], [0.5, 3]])
        let analytic = overlap.backward(outputGradient: gy, inputShape: h).values
        let check = GradientCheck.compare(analytic: analytic, at: h.values) { v in
            zip(overlap.forward(Tensor3(channels: 1, rows: 3, columns: 3, values: v)).values, gy.values).reduce(0) { $0 + $1.0 * $1.1 }
        }
        #expect(check.allSatisfy { $0.passes() })
    }

    @Test("squared error in three scalings: ½Σ, mean over the outputs, Σ; gradient −2·factor·(y − a)")
    func squaredError() {
        let a = [0.75, 0.25, 0.5], y = [1.0, 0.0, 0.5]
        let sum = 0.0625 + 0.0625 + 0
        #expect(OutputLoss.squaredError(.halfSum).loss(logits: a, activations: a, target: y) == sum / 2)
        #expect(OutputLoss.squaredError(.mean).loss(logits: a, activations: a, target: y) == sum / 3)
        #expect(OutputLoss.squaredError(.sum).loss(logits: a, activations: a, target: y) == sum)
        for scaling in OutputLoss.SquaredErrorScaling.allCases {
            let loss = OutputLoss.squaredError(scaling)
            let check = GradientCheck.compare(analytic: loss.gradient(logits: a, activations: a, target: y), at: a) { v in
                loss.loss(logits: v, activations: v, target: y)
            }
            #expect(check.allSatisfy { $0.passes() })
        }
    }

    @Test("binary cross-entropy from logits: −[y ln σ(z) + (1 − y) ln(1 − σ(z))], finite at z = ±800, gradient σ(z) − y")
    func binaryCrossEntropy() {
        let z = [0.3, -1.2], y = [1.0, 0.25]
        let direct = -(1 * Foundation.log(Activation.sigmoid(0.3))) - (0.25 * Foundation.log(Activation.sigmoid(-1.2)) + 0.75 * Foundation.log(1 - Activation.sigmoid(-1.2)))
        let loss = OutputLoss.binaryCrossEntropy
        let a = z.map(Activation.sigmoid)
        #expect(abs(loss.loss(logits: z, activations: a, target: y) - direct) < 1e-15)
        let check = GradientCheck.compare(analytic: loss.gradient(logits: z, activations: a, target: y), at: z) { v in
            loss.loss(logits: v, activations: v.map(Activation.sigmoid), target: y)
        }
        #expect(check.allSatisfy { $0.passes() })
        // Saturated outputs: σ(800) rounds to 1, yet the loss is the exact 800 for y = 0.
        #expect(loss.loss(logits: [800], activations: [1], target: [0]) == 800)
        #expect(loss.loss(logits: [-800], activations: [0], target: [0]).isFinite)
    }

    @Test("softmax cross-entropy: −Σ y ln p from logits, gradient p − y")
    func softmaxCrossEntropy() {
        let z = [2.0, 1.0, 0.1], y = [0.0, 1.0, 0.0]
        let p = Softmax.probabilities(z)
        let loss = OutputLoss.softmaxCrossEntropy
        #expect(abs(loss.loss(logits: z, activations: p, target: y) + Foundation.log(p[1])) < 1e-15)
        let g = loss.gradient(logits: z, activations: p, target: y)
        for k in 0..<3 { #expect(abs(g[k] - (p[k] - y[k])) < 1e-15) }
        #expect(loss.differentiatesLogits && OutputLoss.binaryCrossEntropy.differentiatesLogits && !OutputLoss.squaredError(.sum).differentiatesLogits)
    }
}
