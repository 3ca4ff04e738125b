/// A small, seeded random number generator (SplitMix64) so every run with the same seed gives the same numbers on every machine.
///
/// The system generator is never used: lessons must be reproducible byte for byte.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits (SplitMix64, Steele, Lea & Flood 2014).
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform number in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// A standard normal N(0, 1) sample by the Box–Muller transform (one of the pair is discarded
    /// so the stream position depends only on how many samples were drawn).
    public mutating func normal() -> Double {
        // 1 − u keeps the logarithm's argument in (0, 1].
        let u1 = 1 - uniform()
        let u2 = uniform()
        return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2)
    }

    /// A normal sample with the given mean and standard deviation.
    public mutating func normal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * normal()
    }

    /// A whole number in 0..<upperBound (upperBound > 0), without modulo bias.
    public mutating func index(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "upperBound must be positive")
        return Int(truncatingIfNeeded: next(upperBound: UInt64(upperBound)))
    }

    /// The numbers 0..<count in a seeded random order (Fisher–Yates).
    public mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        if count < 2 { return order }
        for i in stride(from: count - 1, to: 0, by: -1) {
            order.swapAt(i, index(below: i + 1))
        }
        return order
    }
}
