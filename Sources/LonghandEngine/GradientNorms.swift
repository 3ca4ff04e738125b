/// Sizes of the signals in a network, layer by layer: how large each layer's weight gradient, error
/// δ and weighted input z are. Vanishing and exploding gradients are read off these lists.
public enum GradientNorms {
    /// The Frobenius norm √(Σ entries²): the length of a matrix read as one long vector.
    public static func frobenius(_ m: Matrix) -> Double { m.values.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// ‖∂L/∂W^l‖ for every layer, bottom (layer 1) to top.
    public static func weights(_ evaluation: Network.Evaluation) -> [Double] {
        evaluation.gradients.map { frobenius($0.weights) }
    }

    /// ‖δ^l‖ = ‖∂L/∂z^l‖ for every layer, bottom to top: the error as it arrives at each layer.
    public static func deltas(_ evaluation: Network.Evaluation) -> [Double] {
        evaluation.backward.deltas.map(frobenius)
    }

    /// The root mean square √E[z²] of all weighted inputs z^l of each layer over the batch: the
    /// typical size of the signal on its way up (with zero-mean weights and zero biases z has mean
    /// about 0, so this is its standard deviation too).
    public static func weightedInputRMS(_ forward: Network.Forward) -> [Double] {
        forward.layers.map { meanSquare($0.z).squareRoot() }
    }

    /// The mean of the squares of all entries, E[a²].
    public static func meanSquare(_ m: Matrix) -> Double {
        m.values.isEmpty ? 0 : m.values.reduce(0) { $0 + $1 * $1 } / Double(m.values.count)
    }

    /// Population standard deviation √(mean((v − mean)²)); 0 for an empty list.
    public static func standardDeviation(_ v: [Double]) -> Double {
        guard !v.isEmpty else { return 0 }
        let mean = v.reduce(0, +) / Double(v.count)
        return (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count)).squareRoot()
    }
}
