/// The randomized leaky ReLU (RReLU, Xu et al. 2015): during training each input gets its own
/// negative slope drawn uniformly from [lower, upper]; at test time the slope is their mean.
///
/// Drawing the slopes from a `SeededRandom` makes a training pass reproducible: the same seed
/// gives the same slopes. One slope is drawn for every input, whatever its sign, so the stream
/// position depends only on how many inputs were seen.
public struct RandomizedReLU: Equatable, Sendable {
    /// Smallest slope (1/8 in the paper and in PyTorch).
    public let lower: Double
    /// Largest slope (1/3 in the paper and in PyTorch).
    public let upper: Double

    /// An RReLU with slopes drawn from [lower, upper]; requires 0 ≤ lower ≤ upper.
    public init(lower: Double = 1.0 / 8, upper: Double = 1.0 / 3) {
        precondition(lower >= 0 && lower <= upper, "RReLU needs 0 ≤ lower ≤ upper")
        self.lower = lower
        self.upper = upper
    }

    /// The fixed slope used at test time: (lower + upper) / 2.
    public var testSlope: Double { (lower + upper) / 2 }

    /// One training pass: the slopes drawn and the outputs z (z > 0) or slope·z (z ≤ 0).
    public struct TrainingPass: Equatable, Sendable {
        public let slopes: [Double]
        public let outputs: [Double]
        /// ∂f/∂z for each input: 1 for z > 0, that input's slope otherwise.
        public let derivatives: [Double]
    }

    /// Draws one slope per input from `random` and applies the leaky rule with it.
    public func train(_ z: [Double], random: inout SeededRandom) -> TrainingPass {
        let slopes = z.map { _ in random.uniform(lower, upper) }
        let outputs = zip(z, slopes).map { z, a in z > 0 ? z : a * z }
        let derivatives = zip(z, slopes).map { z, a in z > 0 ? 1.0 : a }
        return TrainingPass(slopes: slopes, outputs: outputs, derivatives: derivatives)
    }

    /// Test-time output: a leaky ReLU with the mean slope.
    public func test(_ z: Double) -> Double { z > 0 ? z : testSlope * z }

    /// Test-time derivative: 1 for z > 0, the mean slope otherwise.
    public func testDerivative(_ z: Double) -> Double { z > 0 ? 1 : testSlope }
}
