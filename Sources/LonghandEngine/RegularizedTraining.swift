/// Full-batch gradient descent on a squared-error fit with the remedies for overfitting: a weight
/// penalty, dropout on the hidden layers, the max-norm constraint and early stopping.
///
/// The loss fitted is C = (1/n)·Σ ½‖y − a‖² plus the penalty. The losses *reported* are always the
/// data loss of the plain network (no dropout, no penalty) on each set, so every remedy is measured
/// on the same scale.
public enum RegularizedTraining {
    /// Inputs (one sample per row) and targets.
    public struct Samples: Equatable, Sendable {
        public let inputs: Matrix
        public let targets: Matrix
        public init(inputs: Matrix, targets: Matrix) {
            precondition(inputs.rows == targets.rows, "one target row per input row")
            self.inputs = inputs
            self.targets = targets
        }
        /// ½‖y − a‖² averaged over the samples, for the plain network (prediction mode).
        public func loss(_ network: Network) -> Double {
            network.loss(inputs, .halfSquaredError(targets: targets))
        }
    }

    /// What to train with.
    public struct Settings: Equatable, Sendable {
        public var learningRate: Double
        public var iterations: Int
        public var penalty: WeightPenalty
        /// Dropout after every hidden layer (not after the output layer), or nil.
        public var dropout: Dropout?
        /// The max-norm radius r, or nil for no constraint.
        public var maxNorm: Double?
        /// Early stopping: stop once the validation loss has not improved for this many iterations.
        public var patience: Int?
        /// Seed of the dropout masks.
        public var seed: UInt64
        /// Losses are recorded every this many iterations (and early stopping looks only then).
        public var recordEvery: Int

        public init(learningRate: Double, iterations: Int, penalty: WeightPenalty = .none, dropout: Dropout? = nil,
                    maxNorm: Double? = nil, patience: Int? = nil, seed: UInt64 = 0, recordEvery: Int = 10) {
            self.learningRate = learningRate
            self.iterations = iterations
            self.penalty = penalty
            self.dropout = dropout
            self.maxNorm = maxNorm
            self.patience = patience
            self.seed = seed
            self.recordEvery = max(1, recordEvery)
        }
    }

    /// A finished run.
    public struct Result: Equatable, Sendable {
        /// The network kept: the final one, or with early stopping the one with the lowest validation loss.
        public let network: Network
        /// The iterations at which the losses below were recorded (0 = before any step).
        public let recorded: [Int]
        public let trainLosses: [Double]
        public let validationLosses: [Double]
        public let testLosses: [Double]
        /// The iteration with the lowest recorded validation loss.
        public let bestIteration: Int
        /// With early stopping, the iteration where training stopped (nil if it ran to the end).
        public let stoppedAt: Int?
        /// The iteration at which the loss stopped being finite (or exceeded 10¹²), if it did.
        public let divergedAt: Int?
        /// The iteration of the kept network.
        public let keptIteration: Int
    }

    /// One dropout mask per hidden layer (nil for the output layer or without dropout), drawn layer
    /// by layer from `random` for a batch of `rows` samples.
    public static func masks(for network: Network, rows: Int, dropout: Dropout?, using random: inout SeededRandom) -> [Matrix?] {
        network.layers.enumerated().map { l, layer in
            guard let dropout, l < network.layers.count - 1 else { return nil }
            return dropout.mask(rows: rows, columns: layer.outputCount, using: &random)
        }
    }

    /// The training objective with fixed masks: data loss of the dropped-out network plus the penalty.
    public static func objective(_ network: Network, _ samples: Samples, penalty: WeightPenalty, masks: [Matrix?]) -> Double {
        network.loss(samples.inputs, .halfSquaredError(targets: samples.targets), masks: masks) + penalty.value(of: network)
    }

    /// The objective and its gradient for every layer. Backward through dropout: the gradient
    /// arriving at a masked output is multiplied by the same mask (ã = a ⊙ m ⇒ ∂L/∂a = ∂L/∂ã ⊙ m);
    /// the penalty adds 2λW or λ·sign(W) to each weight gradient.
    public static func gradients(_ network: Network, _ samples: Samples, penalty: WeightPenalty, masks: [Matrix?])
        -> (loss: Double, gradients: [DenseGradient]) {
        let e = network.evaluate(samples.inputs, .halfSquaredError(targets: samples.targets), masks: masks)
        return (e.loss + penalty.value(of: network), penalty.adding(to: e.gradients, of: network))
    }

    /// Trains `initial` on `fit` (the training set, possibly augmented), recording the plain
    /// network's loss on `train`, `validation` and `test` every `recordEvery` iterations.
    public static func run(_ initial: Network, fit: Samples, train: Samples, validation: Samples, test: Samples,
                           settings: Settings) -> Result {
        var random = SeededRandom(seed: settings.seed)
        let trainer = Trainer(optimizer: GradientDescentOptimizer(learningRate: settings.learningRate), steps: settings.iterations,
                              penalty: settings.penalty, maxNorm: settings.maxNorm, watchEvery: settings.recordEvery,
                              monitor: 1, patience: settings.patience, evaluatesFinalLoss: false)
        let objective = Network.Objective.halfSquaredError(targets: fit.targets)
        let run = trainer.run(initial, batch: { _ in
            Network.Batch(inputs: fit.inputs, objective: objective,
                          masks: masks(for: initial, rows: fit.inputs.rows, dropout: settings.dropout, using: &random))
        }, watch: [train.loss, validation.loss, test.loss])
        let best = (network: run.bestModel ?? initial, iteration: run.bestStep ?? 0)
        // Early stopping keeps the best network; a diverged run keeps the best one before the divergence.
        let keep = settings.patience != nil || run.divergedAt != nil ? best : (network: run.model, iteration: run.watchedSteps.last ?? 0)
        return Result(network: keep.network, recorded: run.watchedSteps, trainLosses: run.watched[0],
                      validationLosses: run.watched[1], testLosses: run.watched[2], bestIteration: best.iteration,
                      stoppedAt: run.stoppedEarlyAt, divergedAt: run.divergedAt, keptIteration: keep.iteration)
    }
}
