/// The gradient of a loss with respect to one dense layer's parameters: ∂L/∂W and ∂L/∂b.
///
/// Shapes match the layer: `weights` is inputs × outputs like `Dense.weights`, `bias` is 1 × outputs.
public struct DenseGradient: Equatable, Sendable {
    /// ∂L/∂W, entry (k, j) for the weight from input k to neuron j.
    public var weights: Matrix
    /// ∂L/∂b, one entry per neuron.
    public var bias: Matrix

    public init(weights: Matrix, bias: Matrix) {
        self.weights = weights
        self.bias = bias
    }

    /// The weights' gradient followed by the bias gradient, in the order `Network.parameters` uses.
    public var flattened: [Double] { weights.values + bias.values }

    /// Entry-wise difference of two gradients (e.g. to compare two ways of computing one).
    public static func - (a: DenseGradient, b: DenseGradient) -> DenseGradient {
        DenseGradient(weights: a.weights - b.weights, bias: a.bias - b.bias)
    }
}

extension Dense {
    /// Everything one layer's backward pass produces, kept so a page can print every matrix.
    public struct Backward: Equatable, Sendable {
        /// δ = ∂L/∂Z = (∂L/∂A) ⊙ f′(Z): the error of each neuron on each example (batch × outputs).
        public let delta: Matrix
        /// f′(Z), the activation's slope at each weighted input (batch × outputs).
        public let slope: Matrix
        /// ∂L/∂W = Xᵀ·δ and ∂L/∂b = column sums of δ (summed over the batch).
        public let gradient: DenseGradient
        /// ∂L/∂X = δ·Wᵀ, handed to the layer below (batch × inputs).
        public let inputGradient: Matrix
    }

    /// The backward pass of one layer, given ∂L/∂A for the forward pass that produced A.
    ///
    /// Chain rule, written out: Z = X·W + b and A = f(Z), so
    /// δ = ∂L/∂A ⊙ f′(Z); ∂L/∂W = Xᵀ·δ; ∂L/∂b = Σ_rows δ; ∂L/∂X = δ·Wᵀ.
    /// With one example per row, the sums over the batch happen inside Xᵀ·δ and the column sums.
    public func backward(_ forward: Forward, outputGradient: Matrix) -> Backward {
        precondition(outputGradient.rows == forward.z.rows && outputGradient.columns == forward.z.columns,
                     "∂L/∂A must be \(forward.z.rows)×\(forward.z.columns)")
        let slope = activation.derivatives(at: forward.z)
        return backward(forward, delta: outputGradient.hadamard(slope), slope: slope)
    }

    /// The backward pass when δ = ∂L/∂Z is already known (e.g. from softmax + cross-entropy,
    /// where the combined gradient p − onehot is taken straight to Z).
    public func backward(_ forward: Forward, delta: Matrix) -> Backward {
        backward(forward, delta: delta, slope: activation.derivatives(at: forward.z))
    }

    private func backward(_ forward: Forward, delta: Matrix, slope: Matrix) -> Backward {
        let gradient = DenseGradient(weights: forward.input.transposedMultiplied(by: delta), bias: delta.columnSums)
        return Backward(delta: delta, slope: slope, gradient: gradient, inputGradient: inputGradient(delta))
    }

    /// ∂L/∂X = δ·Wᵀ with this layer's current weights: what the layer below receives.
    public func inputGradient(_ delta: Matrix) -> Matrix { delta * weights.transposed }

    /// The layer after one gradient-descent step: W ← W − η·∂L/∂W, b ← b − η·∂L/∂b.
    public func updated(by gradient: DenseGradient, learningRate eta: Double) -> Dense {
        Dense(weights: weights - eta * gradient.weights, bias: bias - eta * gradient.bias, activation: activation)
    }
}
