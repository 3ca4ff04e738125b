import Foundation
import Testing
@testable import LonghandEngine
@testable import Curriculum

/// The answer key of lesson 2, `sigmoid-neuron` (source texts 000, 003, 004).
@Suite("sigmoid-neuron answer key")
struct SigmoidNeuronTests {
    /// σ computed independently of the engine.
    func sigma(_ z: Double) -> Double { 1 / (1 + Foundation.exp(-z)) }

    @Test("z = 0·2 + 1·3 + 4 = 7")
    func weightedInput() {
        #expect(WeightedSum(weights: [0, 1], inputs: [2, 3], bias: 4).value == 7)
    }

    @Test("σ(7) = 0.999 as printed, 0.9990889488 to ten places")
    func sigmaOfSeven() {
        let y = Activation.sigmoid(7)
        #expect(printed(y, 3) == 0.999)
        #expect(printed(y, 10) == 0.9990889488)
        #expect(abs(y - sigma(7)) < 1e-12)
    }

    @Test("σ′(z) = σ(z)(1 − σ(z)) matches central differences")
    func derivative() {
        for z in [-5.0, -1, 0, 0.5, 3, 7] {
            let numeric = (sigma(z + 1e-6) - sigma(z - 1e-6)) / 2e-6
            #expect(abs(Activation.sigmoid.derivative(z) - numeric) < 1e-9)
        }
    }

    @Test("σ is stable at ±1000: exactly 1 and 0, never NaN")
    func extremes() {
        #expect(Activation.sigmoid(1000) == 1)
        #expect(Activation.sigmoid(-1000) == 0)
        #expect(!Activation.sigmoid.derivative(-1000).isNaN)
    }

    @Test("smoothness: the linear approximation is within 1e-7 of the exact change")
    func linearApproximation() throws {
        let v = try TestSupport.values("sigmoid-neuron")
        let dsig = sigma(7) * (1 - sigma(7))
        let approx = dsig * 2 * 0.01 + dsig * 3 * -0.02 + dsig * 0.03
        let exact = sigma(0.01 * 2 + 0.98 * 3 + 4.03) - sigma(7)
        #expect(abs(v.number("approx_change")! - approx) < 1e-15)
        #expect(abs(v.number("exact_change")! - exact) < 1e-15)
        #expect(abs(exact - approx) < 1e-7)
        #expect(v.number("gradient_check_max_relative_error")! < 1e-6)
    }

    @Test("sigmoid-neuron --weights 0.5,-1 --bias 2 --inputs 1,4 --json: z = -1.5, σ = 0.182426")
    func changedOptions() throws {
        let v = try TestSupport.values("sigmoid-neuron", ["--weights", "0.5,-1", "--bias", "2", "--inputs", "1,4"])
        #expect(v.number("z") == -1.5)
        #expect(abs(v.number("output")! - sigma(-1.5)) < 1e-12)
        #expect(printed(v.number("output")!, 6) == 0.182426)
        let s = sigma(-1.5)
        #expect(abs(v.vector("dout_dw")![1] - s * (1 - s) * 4) < 1e-12)
        #expect(v.number("predicted_class") == 0)
    }

    @Test("exercise: w = (0.5, -1), b = 2, x = (1, 4) gives z = -1.5")
    func exercise() throws {
        let v = try TestSupport.values("sigmoid-neuron")
        #expect(v.number("exercise1_z") == -1.5)
        #expect(v.vector("exercise2_sigma_prime")?.first == 0.25)
    }

    @Test("three weights for two inputs is refused with exit 64")
    func wrongCount() throws {
        try TestSupport.expectRefused("sigmoid-neuron", ["--weights", "1,2,3"], mentions: "--inputs")
    }
}
