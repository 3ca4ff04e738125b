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
        case .elu(let alpha): return z > 0 ? z : alpha * Double.expm1(z)
        }
    }

    /// f applied to every entry of Z: the same numbers as `z.map(apply)`, with the choice of function made
    /// once instead of once per entry (every layer of every training step goes through here).
    public func applied(to z: Matrix) -> Matrix {
        let values: [Double]
        switch self {
        case .identity: values = z.values
        case .tanh: values = z.values.map { Double.tanh($0) }
        case .sigmoid: values = z.values.map(Activation.sigmoid)
        case .relu: values = z.values.map { $0 > 0 ? $0 : 0 }
        default: values = z.values.map(apply)
        }
        return Matrix(rows: z.rows, columns: z.columns, values: values)
    }

    /// f′ at every entry of Z: the same numbers as `z.map(derivative)`, the function chosen once.
    public func derivatives(at z: Matrix) -> Matrix {
        let values: [Double]
        switch self {
        case .identity: values = [Double](repeating: 1, count: z.values.count)
        case .tanh: values = z.values.map(Activation.tanhDerivative)
        case .sigmoid: values = z.values.map(Activation.sigmoidDerivative)
        case .relu: values = z.values.map { $0 > 0 ? 1 : 0 }
        default: values = z.values.map(derivative)
        }
        return Matrix(rows: z.rows, columns: z.columns, values: values)
    }

    /// f′(z), the slope of the activation at z.
    public func derivative(_ z: Double) -> Double {
        switch self {
        case .step: return 0
        case .identity: return 1
        case .sigmoid: return Activation.sigmoidDerivative(z)
        case .tanh: return Activation.tanhDerivative(z)
        case .relu: return z > 0 ? 1 : 0
        case .leakyReLU(let slope): return z > 0 ? 1 : slope
        case .elu(let alpha): return z > 0 ? 1 : alpha * Double.exp(z)
        }
    }

    /// σ′(z) = e^(−|z|) / (1 + e^(−|z|))², the same value as σ(z)(1 − σ(z)) but without its cancellation:
    /// for z = 20 the product form computes 1 − σ(z) from a σ(z) that is within 2e-9 of 1 and loses eight digits,
    /// and at z = 40 it gives exactly 0 where the true slope is 4.2e-18.
    public static func sigmoidDerivative(_ z: Double) -> Double {
        let e = Double.exp(-Swift.abs(z))
        let d = 1 + e
        return e / (d * d)
    }

    /// tanh′(z) = sech²(z) = 4e^(−2|z|) / (1 + e^(−2|z|))², the same value as 1 − tanh²(z) without its cancellation
    /// (1 − tanh²(20) is exactly 0 in doubles; the true slope is 1.7e-17). Never overflows.
    public static func tanhDerivative(_ z: Double) -> Double {
        let e = Double.exp(-2 * Swift.abs(z))
        let d = 1 + e
        return 4 * e / (d * d)
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
