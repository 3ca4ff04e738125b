/// A quadratic bowl C(v) = Σ aᵢ·vᵢ² (all aᵢ > 0): the simplest cost gradient descent can roll down.
///
/// Its gradient is (2aᵢ·vᵢ), so one step v ← v − η∇C multiplies each coordinate by 1 − 2aᵢη.
/// That factor is why a learning rate can be too large: once |1 − 2aᵢη| > 1 the coordinate grows.
public struct QuadraticBowl: Equatable, Sendable {
    /// The coefficients a₁, a₂, …: C = a₁v₁² + a₂v₂² + ….
    public let coefficients: [Double]

    /// A bowl with positive coefficients.
    public init(coefficients: [Double]) {
        precondition(!coefficients.isEmpty && coefficients.allSatisfy { $0 > 0 }, "coefficients must be positive")
        self.coefficients = coefficients
    }

    /// C(v) = Σ aᵢ·vᵢ².
    public func value(_ v: [Double]) -> Double {
        precondition(v.count == coefficients.count, "a point needs \(coefficients.count) coordinates")
        return zip(coefficients, v).reduce(0) { $0 + $1.0 * $1.1 * $1.1 }
    }

    /// ∇C(v) = (2aᵢ·vᵢ).
    public func gradient(_ v: [Double]) -> [Double] {
        precondition(v.count == coefficients.count, "a point needs \(coefficients.count) coordinates")
        return zip(coefficients, v).map { 2 * $0 * $1 }
    }

    /// The factor 1 − 2aᵢη that one step applies to coordinate i.
    public func contraction(learningRate eta: Double) -> [Double] {
        coefficients.map { 1 - 2 * $0 * eta }
    }

    /// The learning rate below which C decreases at every step from every start: 1 / max aᵢ.
    /// It equals 2/λmax with λmax = 2·max aᵢ the largest curvature (eigenvalue of the Hessian).
    /// At exactly this rate the steepest coordinate flips sign forever without shrinking.
    public var learningRateThreshold: Double { 1 / coefficients.max()! }

    /// The learning rate that makes the slowest coordinate shrink fastest: 1 / (min aᵢ + max aᵢ),
    /// where the factors of the flattest and the steepest direction are equal and opposite.
    public var fastestLearningRate: Double { 1 / (coefficients.min()! + coefficients.max()!) }

    /// One gradient-descent step with everything a page shows about it.
    public struct Step: Equatable, Sendable {
        public let from: [Double]
        public let gradient: [Double]
        /// Δv = −η∇C.
        public let delta: [Double]
        public let to: [Double]
        public let costBefore: Double
        public let costAfter: Double
        /// The first-order prediction ∇C·Δv of the change in C.
        public var linearChange: Double { zip(gradient, delta).reduce(0) { $0 + $1.0 * $1.1 } }
        /// The true change C(v + Δv) − C(v).
        public var exactChange: Double { costAfter - costBefore }
    }

    /// One step v ← v − η∇C(v).
    public func step(from v: [Double], learningRate eta: Double) -> Step {
        let g = gradient(v)
        let delta = g.map { -eta * $0 }
        let next = zip(v, delta).map { $0 + $1 }
        return Step(from: v, gradient: g, delta: delta, to: next, costBefore: value(v), costAfter: value(next))
    }

    /// The points v₀, v₁, …, v_steps visited by gradient descent.
    public func path(from start: [Double], learningRate eta: Double, steps: Int) -> [[Double]] {
        GradientDescent.path(from: start, learningRate: eta, steps: steps, gradient: gradient)
    }
}

extension QuadraticBowl {
    /// A point on the bowl as a trainable model: its coordinates are the parameters and C(v) the loss,
    /// so any `Optimizer` can roll down the bowl through the one `Trainer`.
    public struct Point: Trainable, Equatable {
        public let bowl: QuadraticBowl
        /// The coordinates v.
        public let parameters: [Double]

        public func with(parameters values: [Double]) -> Point { Point(bowl: bowl, parameters: values) }
        public func evaluate(on _: Void) -> PlainEvaluation { PlainEvaluation(loss: bowl.value(parameters), gradient: bowl.gradient(parameters)) }
        public func loss(on _: Void) -> Double { bowl.value(parameters) }
    }

    /// The point v on this bowl.
    public func point(_ v: [Double]) -> Point { Point(bowl: self, parameters: v) }
}
