/// Per-sample stochastic gradient descent, as in source text `003`: every parameter moves against its
/// gradient, p ← p − η·∂L/∂p, after each single example. The examples are visited in the given order
/// (not shuffled, as in the article's code), so a run depends only on the starting network.
///
/// It is the one `Trainer` with a `GradientDescentOptimizer` and batches of one example.
public struct SGD: Equatable, Sendable {
    /// The learning rate η.
    public var learningRate: Double

    /// Per-sample training with learning rate η (> 0).
    public init(learningRate: Double) {
        precondition(learningRate > 0, "the learning rate must be positive")
        self.learningRate = learningRate
    }

    /// A point on a loss curve: the mean squared error over the whole data set after an epoch.
    public struct LossPoint: Equatable, Sendable {
        /// Epochs completed (0 = before training).
        public let epoch: Int
        public let loss: Double
    }

    /// What per-sample training produced.
    public struct Training: Equatable, Sendable {
        /// The network after the last epoch (or before the step that diverged).
        public let network: SigmoidNetwork
        /// The loss before training and after every `recordEvery`-th epoch (and after the last).
        public let curve: [LossPoint]
        /// The example step (counted over all epochs) at which training diverged (`Divergence`), or nil.
        public let divergedAt: Int?
        /// The mean squared error at the last point of the curve.
        public var finalLoss: Double { curve.last?.loss ?? .nan }
    }

    /// Trains with per-sample SGD for `epochs` passes over the examples, each update using that
    /// example's own (y − ŷ)² gradient; the mean squared error is recorded every `recordEvery` epochs.
    public func train(_ start: SigmoidNetwork, inputs: [[Double]], targets: [[Double]],
                      epochs: Int, recordEvery: Int) -> Training {
        precondition(epochs >= 0 && recordEvery > 0, "epochs ≥ 0, recordEvery > 0")
        precondition(inputs.count == targets.count && !inputs.isEmpty, "one target per input")
        let n = inputs.count
        let examples = zip(inputs, targets).map { SigmoidNetwork.Example(input: $0, target: $1) }
        let trainer = Trainer(optimizer: GradientDescentOptimizer(learningRate: learningRate), steps: epochs * n,
                              watchEvery: recordEvery * n, evaluatesFinalLoss: false)
        let run = trainer.run(start, batch: { examples[$0 % n] },
                              watch: [{ $0.meanSquaredError(inputs: inputs, targets: targets) }])
        let curve = zip(run.watchedSteps, run.watched[0]).map { LossPoint(epoch: $0 / n, loss: $1) }
        return Training(network: run.model, curve: curve, divergedAt: run.divergedAt)
    }
}
