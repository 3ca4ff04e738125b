/// Stochastic gradient descent: every parameter moves against its gradient, p ← p − η·∂L/∂p,
/// after each single example (per-sample SGD, as in source text `003`).
public struct SGD: Equatable, Sendable {
    /// The learning rate η.
    public var learningRate: Double

    /// An optimizer with learning rate η (> 0).
    public init(learningRate: Double) {
        precondition(learningRate > 0, "the learning rate must be positive")
        self.learningRate = learningRate
    }

    /// One update of every parameter: p − η·g.
    public func step(_ parameters: [Double], gradient: [Double]) -> [Double] {
        precondition(parameters.count == gradient.count, "one gradient per parameter")
        return zip(parameters, gradient).map { $0 - learningRate * $1 }
    }

    /// A point on a loss curve: the mean squared error over the whole data set after an epoch.
    public struct LossPoint: Equatable, Sendable {
        /// Epochs completed (0 = before training).
        public let epoch: Int
        public let loss: Double
    }

    /// What per-sample training produced.
    public struct Training: Equatable, Sendable {
        /// The network after the last epoch.
        public let network: SigmoidNetwork
        /// The loss before training and after every `recordEvery`-th epoch (and after the last).
        public let curve: [LossPoint]
        /// The mean squared error after the last epoch.
        public var finalLoss: Double { curve.last?.loss ?? .nan }
    }

    /// Trains with per-sample SGD: each epoch visits the examples in the given order and updates
    /// every parameter after each one, using that example's own (y − ŷ)² gradient. The examples
    /// are not shuffled, as in the article's code, so a run depends only on the starting network.
    public func train(_ start: SigmoidNetwork, inputs: [[Double]], targets: [[Double]],
                      epochs: Int, recordEvery: Int) -> Training {
        precondition(epochs >= 0 && recordEvery > 0, "epochs ≥ 0, recordEvery > 0")
        var net = start
        var curve = [LossPoint(epoch: 0, loss: net.meanSquaredError(inputs: inputs, targets: targets))]
        for epoch in stride(from: 1, through: epochs, by: 1) {
            for (x, y) in zip(inputs, targets) {
                net.parameters = step(net.parameters, gradient: net.gradient(input: x, target: y))
            }
            if epoch % recordEvery == 0 || epoch == epochs {
                curve.append(LossPoint(epoch: epoch, loss: net.meanSquaredError(inputs: inputs, targets: targets)))
            }
        }
        return Training(network: net, curve: curve)
    }
}
