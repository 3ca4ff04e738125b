/// The loss of one example's output vector, in every form a worked example names: squared error in
/// three scalings, binary cross-entropy on sigmoid outputs and cross-entropy on softmax outputs.
///
/// A batch's loss is the mean of its examples' losses, so its gradient is the mean of theirs.
/// The two cross-entropies are computed from the output layer's weighted inputs z (the logits),
/// never from rounded probabilities, so they stay finite however saturated the outputs are, and
/// their gradient is taken straight to z: ∂ℓ/∂z = a − y for both.
public enum OutputLoss: Equatable, Sendable {
    /// Which constant multiplies Σₖ (yₖ − aₖ)² over the K outputs of one example.
    public enum SquaredErrorScaling: String, CaseIterable, Sendable {
        /// ½ Σₖ (yₖ − aₖ)²; the ½ cancels the 2 of the derivative.
        case halfSum = "half-sum"
        /// (1/K) Σₖ (yₖ − aₖ)², the mean over the outputs.
        case mean
        /// Σₖ (yₖ − aₖ)², no constant.
        case sum

        /// The factor in front of the sum for K outputs.
        public func factor(outputs k: Int) -> Double {
            switch self {
            case .halfSum: return 0.5
            case .mean: return 1 / Double(k)
            case .sum: return 1
            }
        }
    }

    /// factor · Σₖ (yₖ − aₖ)² on the output activations.
    case squaredError(SquaredErrorScaling)
    /// −Σₖ [yₖ ln aₖ + (1 − yₖ) ln(1 − aₖ)] with aₖ = σ(zₖ), targets in [0, 1].
    case binaryCrossEntropy
    /// −Σₖ yₖ ln softmax(z)ₖ, targets a probability distribution (usually one-hot).
    case softmaxCrossEntropy

    /// Whether the gradient is taken to z directly (the cross-entropies) rather than to a.
    public var differentiatesLogits: Bool { self == .binaryCrossEntropy || self == .softmaxCrossEntropy }

    /// The output activations a for logits z: σ(z), softmax(z), or the layer's own a for squared error.
    public func outputs(logits z: [Double], activations a: [Double]) -> [Double] {
        switch self {
        case .squaredError: return a
        case .binaryCrossEntropy: return z.map(Activation.sigmoid)
        case .softmaxCrossEntropy: return Softmax.probabilities(z)
        }
    }

    /// ℓ for one example, from the output layer's z and a and the target y.
    public func loss(logits z: [Double], activations a: [Double], target y: [Double]) -> Double {
        precondition(z.count == y.count && a.count == y.count, "one target per output")
        switch self {
        case .squaredError(let scaling):
            var s = 0.0
            for k in y.indices { s += (y[k] - a[k]) * (y[k] - a[k]) }
            return scaling.factor(outputs: y.count) * s
        case .binaryCrossEntropy:
            // −[y ln σ(z) + (1 − y) ln(1 − σ(z))] = max(z, 0) − y·z + ln(1 + e^(−|z|)), finite for any z.
            var s = 0.0
            for k in y.indices { s += max(z[k], 0) - y[k] * z[k] + Double.log1p(Double.exp(-abs(z[k]))) }
            return s
        case .softmaxCrossEntropy:
            return CrossEntropy.loss(scores: z, target: y)
        }
    }

    /// ∂ℓ/∂a for squared error (−2·factor·(yₖ − aₖ)), or ∂ℓ/∂z = a − y for the cross-entropies
    /// (`differentiatesLogits`), for one example.
    public func gradient(logits z: [Double], activations a: [Double], target y: [Double]) -> [Double] {
        switch self {
        case .squaredError(let scaling):
            let f = scaling.factor(outputs: y.count)
            return y.indices.map { -2 * f * (y[$0] - a[$0]) }
        case .binaryCrossEntropy:
            return y.indices.map { Activation.sigmoid(z[$0]) - y[$0] }
        case .softmaxCrossEntropy:
            return CrossEntropy.gradient(scores: z, target: y)
        }
    }
}
