/// Anything a `Trainer` can train: parameters as one flat vector, and a loss with its gradient on a batch.
///
/// The flat vector is how every `Optimizer` sees a model, so one trainer serves a point on a bowl,
/// a dense network and a convolutional network alike. Each conforming type documents its order.
public protocol Trainable: Sendable {
    /// What one evaluation of the loss needs besides the parameters (inputs and targets, dropout masks, …).
    associatedtype Batch
    /// One evaluation on a batch: the loss, the gradient and whatever the model keeps for its pages.
    associatedtype Evaluation: LossAndGradient
    /// Every parameter, in the type's documented order.
    var parameters: [Double] { get }
    /// The same model with its parameters replaced by `values` (same order and count as `parameters`).
    func with(parameters values: [Double]) -> Self
    /// The loss and its gradient with respect to `parameters` on a batch.
    func evaluate(on batch: Batch) -> Evaluation
    /// The loss alone (no backward pass).
    func loss(on batch: Batch) -> Double
    /// The model a training step continues from after `evaluation` (before its parameters move): the
    /// model itself, or for a layer stack the one with updated running statistics.
    func continued(after evaluation: Evaluation) -> Self
    /// The weight matrices inside the flat vector: the parameters weight penalties and the max-norm
    /// constraint act on (biases, γ and β are not among them).
    var weightBlocks: [WeightBlock] { get }
}

/// A loss and its gradient in a model's flat parameter order.
public protocol LossAndGradient {
    var loss: Double { get }
    var gradient: [Double] { get }
}

extension Trainable {
    public func continued(after evaluation: Evaluation) -> Self { self }
    public var weightBlocks: [WeightBlock] { [] }
    /// The number of parameters.
    public var parameterCount: Int { parameters.count }

    /// The loss and gradient at `values` instead of the current parameters.
    public func lossAndGradient(at values: [Double], on batch: Batch) -> (loss: Double, gradient: [Double]) {
        let e = with(parameters: values).evaluate(on: batch)
        return (e.loss, e.gradient)
    }

    /// Backpropagation's gradient beside central differences of the loss, parameter by parameter.
    public func gradientCheck(on batch: Batch, step h: Double = GradientCheck.defaultStep) -> [GradientCheck.Entry] {
        GradientCheck.compare(analytic: evaluate(on: batch).gradient, at: parameters, step: h) { theta in
            self.with(parameters: theta).loss(on: batch)
        }
    }
}

/// A trainable model with a forward pass: the dense network, the layer stack, the small conv net and
/// the per-neuron sigmoid network.
public protocol Model: Trainable {
    associatedtype Input
    associatedtype Output
    /// The model's output for an input (prediction mode).
    func predict(_ x: Input) -> Output
}

/// A plain loss and gradient, for models that keep nothing else from an evaluation.
public struct PlainEvaluation: LossAndGradient, Equatable, Sendable {
    public let loss: Double
    public let gradient: [Double]
    public init(loss: Double, gradient: [Double]) {
        self.loss = loss
        self.gradient = gradient
    }
}

/// One weight matrix in a flat parameter vector: `rows × columns` values from `offset`, row by row,
/// one column per neuron (inputs × outputs, as `Dense.weights`).
public struct WeightBlock: Equatable, Sendable {
    public let offset: Int
    public let rows: Int
    public let columns: Int

    public init(offset: Int, rows: Int, columns: Int) {
        self.offset = offset
        self.rows = rows
        self.columns = columns
    }

    /// The positions of the block's values in the flat vector.
    public var range: Range<Int> { offset..<(offset + rows * columns) }
}
