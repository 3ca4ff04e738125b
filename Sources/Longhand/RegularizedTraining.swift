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

    /// The forward pass in training mode: each hidden layer's output is multiplied by its mask
    /// before it becomes the next layer's input.
    public static func forward(_ network: Network, _ x: Matrix, masks: [Matrix?]) -> [Dense.Forward] {
        precondition(masks.count == network.layers.count, "one mask slot per layer")
        var passes: [Dense.Forward] = []
        var a = x
        for (layer, mask) in zip(network.layers, masks) {
            let pass = layer.forward(a)
            passes.append(pass)
            a = mask.map { pass.output.hadamard($0) } ?? pass.output
        }
        return passes
    }

    /// The training objective with fixed masks: data loss of the dropped-out network plus the penalty.
    public static func objective(_ network: Network, _ samples: Samples, penalty: WeightPenalty, masks: [Matrix?]) -> Double {
        let passes = forward(network, samples.inputs, masks: masks)
        let (loss, _) = Network.Objective.halfSquaredError(targets: samples.targets).evaluate(passes[passes.count - 1].output)
        return loss + penalty.value(of: network)
    }

    /// The objective and its gradient for every layer. Backward through dropout: the gradient
    /// arriving at a masked output is multiplied by the same mask (ã = a ⊙ m ⇒ ∂L/∂a = ∂L/∂ã ⊙ m);
    /// the penalty adds 2λW or λ·sign(W) to each weight gradient.
    public static func gradients(_ network: Network, _ samples: Samples, penalty: WeightPenalty, masks: [Matrix?])
        -> (loss: Double, gradients: [DenseGradient]) {
        let passes = forward(network, samples.inputs, masks: masks)
        let (dataLoss, outputGradient) = Network.Objective.halfSquaredError(targets: samples.targets).evaluate(passes[passes.count - 1].output)
        var result = [DenseGradient?](repeating: nil, count: network.layers.count)
        var upstream = outputGradient
        for l in stride(from: network.layers.count - 1, through: 0, by: -1) {
            let pass = network.layers[l].backward(passes[l], outputGradient: upstream)
            result[l] = pass.gradient
            upstream = pass.inputGradient
            if l > 0, let mask = masks[l - 1] { upstream = upstream.hadamard(mask) }
        }
        let data = result.map { $0! }
        return (dataLoss + penalty.value(of: network), penalty.adding(to: data, of: network))
    }

    /// Trains `initial` on `fit` (the training set, possibly augmented), recording the plain
    /// network's loss on `train`, `validation` and `test` every `recordEvery` iterations.
    public static func run(_ initial: Network, fit: Samples, train: Samples, validation: Samples, test: Samples,
                           settings: Settings) -> Result {
        var net = initial
        var random = SeededRandom(seed: settings.seed)
        var recorded: [Int] = [], trainLosses: [Double] = [], validationLosses: [Double] = [], testLosses: [Double] = []
        var best = (loss: Double.infinity, iteration: 0, network: initial)
        var stoppedAt: Int?, divergedAt: Int?
        var t = 0

        /// Records the three losses at iteration t; returns false when training must stop.
        func record() -> Bool {
            let v = validation.loss(net)
            let losses = (train.loss(net), v, test.loss(net))
            guard losses.0.isFinite && losses.1.isFinite && losses.2.isFinite && losses.0 < 1e12 else {
                divergedAt = t
                return false
            }
            recorded.append(t)
            trainLosses.append(losses.0)
            validationLosses.append(v)
            testLosses.append(losses.2)
            if v < best.loss { best = (v, t, net) }
            if let patience = settings.patience, t - best.iteration >= patience {
                stoppedAt = t
                return false
            }
            return true
        }

        while t < settings.iterations {
            if t % settings.recordEvery == 0, !record() { break }
            let masks = Self.masks(for: net, rows: fit.inputs.rows, dropout: settings.dropout, using: &random)
            let (loss, grads) = gradients(net, fit, penalty: settings.penalty, masks: masks)
            guard loss.isFinite && loss < 1e12 else {
                divergedAt = t
                break
            }
            net = net.updated(by: grads, learningRate: settings.learningRate)
            if let r = settings.maxNorm { net = MaxNorm.project(net, radius: r) }
            t += 1
        }
        if t == settings.iterations && divergedAt == nil && stoppedAt == nil { _ = record() }
        let keep = settings.patience != nil ? best : (loss: 0, iteration: recorded.last ?? 0, network: net)
        return Result(network: divergedAt == nil ? keep.network : best.network, recorded: recorded, trainLosses: trainLosses,
                      validationLosses: validationLosses, testLosses: testLosses, bestIteration: best.iteration,
                      stoppedAt: stoppedAt, divergedAt: divergedAt, keptIteration: divergedAt == nil ? keep.iteration : best.iteration)
    }
}
