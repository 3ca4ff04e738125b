/// A penalty on the size of the weights added to the loss, and its share of the gradient: the engine's one L1 and L2.
///
/// Conventions (as in source text `001`, whose penalty is λ·Σ W²): L2 is λ·Σ w², gradient 2λw, so
/// a step multiplies each weight by (1 − 2ηλ) before the data gradient moves it ("weight decay");
/// L1 is λ·Σ |w|, gradient λ·sign(w) with sign(0) = 0, a constant pull towards zero. Biases are
/// not penalised: they shift a neuron without making the function steeper.
public enum WeightPenalty: Equatable, Sendable {
    case none
    /// λ·Σ w².
    case l2(lambda: Double)
    /// λ·Σ |w|.
    case l1(lambda: Double)

    /// The penalty of one weight matrix.
    public func value(_ w: Matrix) -> Double {
        switch self {
        case .none: return 0
        case .l2(let lambda): return lambda * WeightPenalty.sumOfSquares(w)
        case .l1(let lambda): return lambda * w.values.reduce(0) { $0 + abs($1) }
        }
    }

    /// Each w², row by row: the terms of the L2 penalty R(W) = Σ w².
    public static func squares(_ w: Matrix) -> [Double] { w.values.map { $0 * $0 } }

    /// R(W) = Σ w², the L2 penalty before λ.
    public static func sumOfSquares(_ w: Matrix) -> Double { w.values.reduce(0) { $0 + $1 * $1 } }

    /// The penalty's gradient with respect to one weight matrix: 2λW (L2) or λ·sign(W) (L1).
    public func gradient(_ w: Matrix) -> Matrix {
        switch self {
        case .none: return Matrix(rows: w.rows, columns: w.columns)
        case .l2(let lambda): return (2 * lambda) * w
        case .l1(let lambda): return w.map { lambda * WeightPenalty.sign($0) }
        }
    }

    /// The penalty of every layer's weights (biases excluded).
    public func value(of network: Network) -> Double {
        network.layers.reduce(0) { $0 + value($1.weights) }
    }

    /// Data gradients with the penalty's gradient added to each layer's weights (biases unchanged).
    public func adding(to gradients: [DenseGradient], of network: Network) -> [DenseGradient] {
        precondition(gradients.count == network.layers.count, "one gradient per layer")
        if self == .none { return gradients }
        return zip(gradients, network.layers).map { g, layer in
            DenseGradient(weights: g.weights + gradient(layer.weights), bias: g.bias)
        }
    }

    /// The penalty of the weight blocks of a flat parameter vector, block by block.
    public func value(of parameters: [Double], blocks: [WeightBlock]) -> Double {
        blocks.reduce(0) { total, b in
            switch self {
            case .none: return total + 0
            case .l2(let lambda): return total + lambda * parameters[b.range].reduce(0) { $0 + $1 * $1 }
            case .l1(let lambda): return total + lambda * parameters[b.range].reduce(0) { $0 + abs($1) }
            }
        }
    }

    /// A flat gradient with the penalty's gradient added to every weight (2λw or λ·sign(w)); other
    /// parameters unchanged.
    public func adding(to gradient: [Double], of parameters: [Double], blocks: [WeightBlock]) -> [Double] {
        precondition(gradient.count == parameters.count, "one gradient per parameter")
        guard self != .none else { return gradient }
        var g = gradient
        for b in blocks {
            for i in b.range {
                switch self {
                case .none: break
                case .l2(let lambda): g[i] = g[i] + (2 * lambda) * parameters[i]
                case .l1(let lambda): g[i] = g[i] + lambda * WeightPenalty.sign(parameters[i])
                }
            }
        }
        return g
    }

    /// −1, 0 or 1.
    public static func sign(_ x: Double) -> Double { x > 0 ? 1 : (x < 0 ? -1 : 0) }
}
