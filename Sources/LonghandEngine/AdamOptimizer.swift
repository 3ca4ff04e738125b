/// Adam (Kingma & Ba 2015): momentum on the gradient plus a per-parameter step size from the gradient's recent squares.
///
/// At step t (counting from 1): m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g²,
/// m̂ = m/(1 − β1^t), v̂ = v/(1 − β2^t), θ ← θ − η·m̂/(√v̂ + ε).
/// m and v start at 0, so early averages are too small; dividing by 1 − β^t (bias correction)
/// undoes exactly that. Because m̂/√v̂ has no units, each parameter moves about η per step,
/// whatever the scale of its gradient: the first step is η·g/(|g| + ε) ≈ η·sign(g).
public struct AdamOptimizer: Optimizer, Equatable {
    /// The learning rate η (0.001 in the paper).
    public var learningRate: Double
    /// Decay of the first moment m (0.9 in the paper).
    public var beta1: Double
    /// Decay of the second moment v (0.999 in the paper).
    public var beta2: Double
    /// Added to √v̂ so the division is safe (1e-8 in the paper).
    public var epsilon: Double
    /// The first moment m: a running average of gradients.
    public private(set) var firstMoment: [Double] = []
    /// The second moment v: a running average of squared gradients.
    public private(set) var secondMoment: [Double] = []
    /// Steps taken so far (t).
    public private(set) var stepCount = 0

    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// m̂ = m/(1 − β1^t) after the last step.
    public var correctedFirstMoment: [Double] {
        let c = 1 - Double.pow(beta1, Double(stepCount))
        return firstMoment.map { c == 0 ? 0 : $0 / c }
    }

    /// v̂ = v/(1 − β2^t) after the last step.
    public var correctedSecondMoment: [Double] {
        let c = 1 - Double.pow(beta2, Double(stepCount))
        return secondMoment.map { c == 0 ? 0 : $0 / c }
    }

    public mutating func step(_ params: inout [Double], _ grads: [Double]) {
        precondition(params.count == grads.count, "one gradient per parameter")
        if firstMoment.isEmpty {
            firstMoment = Array(repeating: 0, count: params.count)
            secondMoment = Array(repeating: 0, count: params.count)
        }
        stepCount += 1
        let c1 = 1 - Double.pow(beta1, Double(stepCount)), c2 = 1 - Double.pow(beta2, Double(stepCount))
        for i in params.indices {
            firstMoment[i] = beta1 * firstMoment[i] + (1 - beta1) * grads[i]
            secondMoment[i] = beta2 * secondMoment[i] + (1 - beta2) * grads[i] * grads[i]
            let mHat = firstMoment[i] / c1, vHat = secondMoment[i] / c2
            params[i] -= learningRate * mHat / (vHat.squareRoot() + epsilon)
        }
    }
}
