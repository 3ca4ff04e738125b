/// A perceptron: output 1 when w·x + b > 0, else 0 (b = −threshold), and Rosenblatt's learning rule.
public struct Perceptron: Equatable, Sendable {
    public var weights: [Double]
    public var bias: Double

    /// A perceptron in bias form.
    public init(weights: [Double], bias: Double) {
        self.weights = weights
        self.bias = bias
    }

    /// A perceptron in threshold form: fires when Σ wj·xj > threshold.
    public init(weights: [Double], threshold: Double) {
        self.init(weights: weights, bias: -threshold)
    }

    /// w·x + b with its terms.
    public func weightedSum(_ x: [Double]) -> WeightedSum {
        WeightedSum(weights: weights, inputs: x, bias: bias)
    }

    /// The decision: 1 if w·x + b > 0, else 0.
    public func output(_ x: [Double]) -> Double {
        Activation.step.apply(weightedSum(x).value)
    }

    /// One application of the rule to one example: w ← w + η(t − y)x, b ← b + η(t − y).
    public struct Update: Equatable, Sendable {
        public let input: [Double]
        public let target: Double
        public let sum: Double
        public let output: Double
        public let weightsBefore: [Double]
        public let biasBefore: Double
        public let weightsAfter: [Double]
        public let biasAfter: Double
        /// t − y: 0 when the example was already right.
        public var error: Double { target - output }
    }

    /// One pass over the examples in order, updating after each one.
    public struct Epoch: Equatable, Sendable {
        public let number: Int
        public let updates: [Update]
        /// How many examples were misclassified during the pass.
        public var mistakes: Int { updates.filter { $0.error != 0 }.count }
        public var weightsAfter: [Double] { updates.last?.weightsAfter ?? [] }
        public var biasAfter: Double { updates.last?.biasAfter ?? 0 }
    }

    /// The result of training: every epoch, and whether an epoch made no mistake.
    public struct Training: Equatable, Sendable {
        public let epochs: [Epoch]
        public let final: Perceptron
        /// The first epoch with no mistakes, if any.
        public let convergedAt: Int?
        /// When the weights at the start of an epoch repeat those of an earlier epoch without
        /// convergence, the rule is in a cycle and can never converge: (earlier, later).
        public let cycle: (first: Int, repeat: Int)?

        public static func == (a: Training, b: Training) -> Bool {
            a.epochs == b.epochs && a.final == b.final && a.convergedAt == b.convergedAt
                && a.cycle?.first == b.cycle?.first && a.cycle?.repeat == b.cycle?.repeat
        }
    }

    /// Applies the perceptron rule for at most `maxEpochs` passes, stopping after the first
    /// pass without a mistake or when a cycle proves it never will be.
    public func train(inputs: [[Double]], targets: [Double], learningRate eta: Double,
                      maxEpochs: Int) -> Training {
        var current = self
        var epochs: [Epoch] = []
        var seen: [[Double]] = []   // weights+bias at the start of each epoch
        for number in 1...max(1, maxEpochs) {
            let state = current.weights + [current.bias]
            if let earlier = seen.firstIndex(of: state) {
                return Training(epochs: epochs, final: current, convergedAt: nil,
                                cycle: (earlier + 1, number))
            }
            seen.append(state)
            var updates: [Update] = []
            for (x, t) in zip(inputs, targets) {
                let before = current
                let z = current.weightedSum(x).value
                let y = Activation.step.apply(z)
                let delta = eta * (t - y)
                if delta != 0 {
                    current.weights = zip(current.weights, x).map { $0 + delta * $1 }
                    current.bias += delta
                }
                updates.append(Update(input: x, target: t, sum: z, output: y,
                                      weightsBefore: before.weights, biasBefore: before.bias,
                                      weightsAfter: current.weights, biasAfter: current.bias))
            }
            let epoch = Epoch(number: number, updates: updates)
            epochs.append(epoch)
            if epoch.mistakes == 0 {
                return Training(epochs: epochs, final: current, convergedAt: number, cycle: nil)
            }
        }
        return Training(epochs: epochs, final: current, convergedAt: nil, cycle: nil)
    }
}
