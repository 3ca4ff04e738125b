/// An activation function f applied to a neuron's weighted input z, with its derivative f′(z).
///
/// Conventions pinned by tests: step(0) = 0 (a perceptron fires only when z > 0);
/// ReLU′(0) = 0; step′ is 0 everywhere it is defined.
public enum Activation: Equatable, Sendable {
    /// 1 if z > 0, else 0 (the perceptron's rule).
    case step
    /// z itself (a linear neuron).
    case identity
    /// σ(z) = 1 / (1 + e^(−z)).
    case sigmoid
    /// tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)).
    case tanh
    /// max(z, 0).
    case relu
    /// z for z > 0, slope·z otherwise (slope 0.01 in the texts).
    case leakyReLU(slope: Double)
    /// z for z > 0, α(e^z − 1) otherwise.
    case elu(alpha: Double)

    /// f(z). Sigmoid is evaluated in a form that never overflows, even for z = ±1000.
    public func apply(_ z: Double) -> Double {
        switch self {
        case .step: return z > 0 ? 1 : 0
        case .identity: return z
        case .sigmoid: return Activation.sigmoid(z)
        case .tanh: return Double.tanh(z)
        case .relu: return z > 0 ? z : 0
        case .leakyReLU(let slope): return z > 0 ? z : slope * z
        case .elu(let alpha): return z > 0 ? z : alpha * (Double.exp(z) - 1)
        }
    }

    /// f′(z), the slope of the activation at z.
    public func derivative(_ z: Double) -> Double {
        switch self {
        case .step: return 0
        case .identity: return 1
        case .sigmoid:
            let s = Activation.sigmoid(z)
            return s * (1 - s)
        case .tanh:
            let t = Double.tanh(z)
            return 1 - t * t
        case .relu: return z > 0 ? 1 : 0
        case .leakyReLU(let slope): return z > 0 ? 1 : slope
        case .elu(let alpha): return z > 0 ? 1 : alpha * Double.exp(z)
        }
    }

    /// The logistic function, computed as 1/(1+e^(−z)) for z ≥ 0 and e^z/(1+e^z) for z < 0
    /// so that the exponential never overflows.
    public static func sigmoid(_ z: Double) -> Double {
        if z >= 0 {
            return 1 / (1 + Double.exp(-z))
        }
        let e = Double.exp(z)
        return e / (1 + e)
    }
}
