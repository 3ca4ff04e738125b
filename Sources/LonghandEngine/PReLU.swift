/// The parametric ReLU: f(z) = z for z > 0, a·z otherwise, where the slope a is learned.
///
/// Forward it is a leaky ReLU with slope a; what makes it "parametric" is the second derivative
/// the backward pass needs, ∂f/∂a = z for z ≤ 0 (and 0 for z > 0), so a is trained like a weight.
/// Like ReLU′(0) = 0, the kink at 0 takes the left branch: f′(0) = a, ∂f/∂a(0) = 0.
public struct PReLU: Equatable, Sendable {
    /// The slope for negative inputs (0.25 is the usual starting value, He et al. 2015).
    public var a: Double

    /// A PReLU with slope `a` for negative inputs.
    public init(a: Double) { self.a = a }

    /// f(z).
    public func apply(_ z: Double) -> Double { z > 0 ? z : a * z }

    /// ∂f/∂z: 1 for z > 0, a otherwise.
    public func derivative(_ z: Double) -> Double { z > 0 ? 1 : a }

    /// ∂f/∂a: 0 for z > 0, z otherwise (the gradient that trains a).
    public func parameterDerivative(_ z: Double) -> Double { z > 0 ? 0 : z }

    /// The same forward function as an `Activation` (a leaky ReLU with slope a).
    public var activation: Activation { .leakyReLU(slope: a) }
}
