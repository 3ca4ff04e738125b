/// How a layer's starting weights are drawn: seeded normal, Xavier or He, always from `SeededRandom`.
///
/// The scale matters because each layer multiplies the signal by W: with m inputs and weights of
/// variance v, a weighted sum has variance about m·v times that of its inputs. Xavier keeps m·v = 1
/// (for sigmoid/tanh), He keeps m·v = 2 (ReLU zeroes half the signal).
public enum Initializer: Equatable, Sendable {
    /// N(0, σ²) with the given standard deviation (σ = 1 is the texts' "random numbers").
    case normal(standardDeviation: Double)
    /// N(0, 1/m) for m inputs (fan-in): standard deviation 1/√m, as in `004`'s 1/√m.
    case xavier
    /// N(0, 2/m) for m inputs: standard deviation √(2/m) (He et al. 2015, for ReLU).
    case he

    /// The standard deviation used for a layer with `fanIn` inputs.
    public func standardDeviation(fanIn: Int) -> Double {
        precondition(fanIn > 0, "a layer needs at least one input")
        switch self {
        case .normal(let sd): return sd
        case .xavier: return (1 / Double(fanIn)).squareRoot()
        case .he: return (2 / Double(fanIn)).squareRoot()
        }
    }

    /// An inputs × outputs weight matrix, drawn row by row from `random`.
    public func weights(inputs: Int, outputs: Int, using random: inout SeededRandom) -> Matrix {
        let sd = standardDeviation(fanIn: inputs)
        return Matrix(rows: inputs, columns: outputs) { _, _ in sd * random.normal() }
    }
}
