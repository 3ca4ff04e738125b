/// How a layer's starting weights are drawn: seeded normal, LeCun, Glorot (Xavier) or He, always from `SeededRandom`.
///
/// The scale matters because each layer multiplies the signal by W: with m inputs and weights of
/// variance v, a weighted sum has variance about m·v times that of its inputs. LeCun keeps m·v = 1
/// (for sigmoid/tanh), He keeps m·v = 2 (ReLU zeroes half the signal), and Glorot and Bengio's
/// "Xavier" compromises between the forward and the backward pass with v = 2/(fan-in + fan-out).
public enum Initializer: Equatable, Sendable {
    /// N(0, σ²) with the given standard deviation (σ = 1 is the texts' "random numbers").
    case normal(standardDeviation: Double)
    /// N(0, 1/m) for m inputs (fan-in): standard deviation 1/√m (LeCun et al. 1998), `004`'s 1/√m.
    case lecun
    /// N(0, 2/(m_in + m_out)): standard deviation √(2/(fan-in + fan-out)) (Glorot & Bengio 2010, "Xavier").
    case glorot
    /// N(0, 2/m) for m inputs: standard deviation √(2/m) (He et al. 2015, for ReLU).
    case he

    /// The standard deviation used for a layer with `fanIn` inputs and `fanOut` outputs.
    public func standardDeviation(fanIn: Int, fanOut: Int) -> Double {
        precondition(fanIn > 0 && fanOut > 0, "a layer needs at least one input and one output")
        switch self {
        case .normal(let sd): return sd
        case .lecun: return (1 / Double(fanIn)).squareRoot()
        case .glorot: return (2 / Double(fanIn + fanOut)).squareRoot()
        case .he: return (2 / Double(fanIn)).squareRoot()
        }
    }

    /// An inputs × outputs weight matrix, drawn row by row from `random`.
    public func weights(inputs: Int, outputs: Int, using random: inout SeededRandom) -> Matrix {
        let sd = standardDeviation(fanIn: inputs, fanOut: outputs)
        return Matrix(rows: inputs, columns: outputs) { _, _ in sd * random.normal() }
    }
}
