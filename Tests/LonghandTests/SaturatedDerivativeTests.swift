import Foundation
import Testing
@testable import LonghandEngine

/// σ′ and tanh′ against high-precision references, from z = 0 out to deep saturation (z = ±700).
///
/// The references come from scripts/derivative-references.py (mpmath at 1000 digits, from the definitions
/// σ(1 − σ) and 1 − tanh², where the cancellation costs nothing at that precision); they are not the engine's formula.
@Suite("saturated derivatives")
struct SaturatedDerivativeTests {
    // Output of scripts/derivative-references.py.
    static let references: [(z: Double, sigmoidPrime: Double, tanhPrime: Double)] = [
        (0, 2.5e-1, 1.0),
        (1, 1.9661193324148185e-1, 4.1997434161402607e-1),
        (-1, 1.9661193324148185e-1, 4.1997434161402607e-1),
        (10, 4.5395807735951671e-5, 8.2446144557673974e-9),
        (-10, 4.5395807735951671e-5, 8.2446144557673974e-9),
        (20, 2.0611536139418493e-9, 1.6993417021166356e-17),
        (-20, 2.0611536139418493e-9, 1.6993417021166356e-17),
        (31, 3.4424771084697394e-14, 4.740259456935924e-27),
        (-31, 3.4424771084697394e-14, 4.740259456935924e-27),
        (100, 3.720075976020836e-44, 5.5355861069469501e-87),
        (-100, 3.720075976020836e-44, 5.5355861069469501e-87),
        (700, 9.8596765437597709e-305, 0),
        (-700, 9.8596765437597709e-305, 0),
    ]

    /// |a − b| within 1e-12 relative, or 1e-300 absolute near underflow.
    static func agrees(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-300 || abs(a - b) <= 1e-12 * abs(b)
    }

    @Test("σ′(z) matches the mpmath reference to 1e-12 relative at every point", arguments: references.map(\.z))
    func sigmoidPrime(_ z: Double) {
        let reference = Self.references.first { $0.z == z }!.sigmoidPrime
        let value = Activation.sigmoid.derivative(z)
        #expect(Self.agrees(value, reference), "σ′(\(z)) = \(value), reference \(reference)")
        #expect(Activation.sigmoidDerivative(z) == value)
    }

    @Test("tanh′(z) matches the mpmath reference to 1e-12 relative at every point", arguments: references.map(\.z))
    func tanhPrime(_ z: Double) {
        let reference = Self.references.first { $0.z == z }!.tanhPrime
        let value = Activation.tanh.derivative(z)
        #expect(Self.agrees(value, reference), "tanh′(\(z)) = \(value), reference \(reference)")
        #expect(Activation.tanhDerivative(z) == value)
    }

    @Test("the product forms σ(1 − σ) and 1 − tanh² fail these references, so the test can tell the forms apart")
    func productFormsFail() {
        let naiveSigmoid = Self.references.filter { r in
            let s = Activation.sigmoid(r.z)
            return !Self.agrees(s * (1 - s), r.sigmoidPrime)
        }.map(\.z)
        let naiveTanh = Self.references.filter { r in
            let t = Double.tanh(r.z)
            return !Self.agrees(1 - t * t, r.tanhPrime)
        }.map(\.z)
        #expect(naiveSigmoid.contains(20) && naiveSigmoid.contains(31) && naiveSigmoid.contains(100))
        #expect(naiveTanh.contains(10) && naiveTanh.contains(20))
    }

    @Test("σ′ and tanh′ are even, never negative and never above their value at 0, on a fine grid out to ±800")
    func shape() {
        for k in -1600...1600 {
            let z = Double(k) / 2
            let s = Activation.sigmoid.derivative(z), t = Activation.tanh.derivative(z)
            #expect(s == Activation.sigmoid.derivative(-z) && t == Activation.tanh.derivative(-z))
            #expect(s >= 0 && s <= 0.25 && t >= 0 && t <= 1)
            #expect(s.isFinite && t.isFinite)
        }
    }

    @Test("ELU below 0 uses expm1: α(e^z − 1) keeps its digits for tiny z")
    func eluNearZero() {
        let z = -1e-12
        // e^z − 1 ≈ z + z²/2; the difference form would give −1.000088900582341e-12.
        let value = Activation.elu(alpha: 1).apply(z)
        #expect(abs(value - (z + z * z / 2)) <= 1e-12 * abs(z))
    }

    @Test("backprop-by-hand's saturated exercise: σ′(31) and ∂L/∂w1 for Bob with all weights 1")
    func bobSaturated() {
        let ones = SigmoidNetwork(sizes: [2, 2, 1], weight: 1, bias: 0)
        // Bob: x = (25, 6) after the article's shift, y = 0; z1 = 31.
        let f = ones.forward([25, 6])
        #expect(f.z[0][0] == 31)
        let b = ones.backward(f, dOutput: SigmoidNetwork.squaredErrorDerivative(target: [0], prediction: f.output))
        let sp31 = 3.4424771084697394e-14
        #expect(Self.agrees(Activation.sigmoid.derivative(31), sp31))
        // ∂L/∂w1 = ∂L/∂ŷ · σ′(z3) · w5 · x1 · σ′(z1), with the other factors well-conditioned.
        let yhat = f.output[0], z3 = f.z[1][0]
        let expected = 2 * yhat * Activation.sigmoidDerivative(z3) * 1 * 25 * sp31
        #expect(abs(b.dWeights[0][0][0] - expected) <= 1e-12 * abs(expected), "\(b.dWeights[0][0][0]) vs \(expected)")
    }
}
