/// A fast classifier trainer that keeps its weights in its own buffers: `MinibatchTrainer` (dense)
/// and `ConvTrainer` (convolutional), seen the same way by `MinibatchTraining`.
///
/// Both compute what the reference path (`Network`, or `Conv2D` → `MaxPool2D` → `Dense` with
/// `SoftmaxCrossEntropy`) computes, to 1e-12 (tests compare them step by step).
public protocol MinibatchBackend: AnyObject {
    /// One SGD step on the examples `rows`; returns the batch's mean cross-entropy before the step.
    func step(inputs: UnsafePointer<Double>, labels: UnsafePointer<Int>, rows: ArraySlice<Int>, learningRate: Double) -> Double
    /// How many examples of the last step's batch were classified correctly before its update.
    var correctInLastStep: Int { get }
    /// The summed cross-entropy and the number of correct predictions over `rows`, weights unchanged.
    func evaluate(inputs: UnsafePointer<Double>, labels: UnsafePointer<Int>, rows: [Int]) -> (totalLoss: Double, correct: Int)
    /// The predicted class of each example in `rows`.
    func predictions(inputs: UnsafePointer<Double>, rows: [Int]) -> [Int]
}

extension MinibatchTrainer: MinibatchBackend {}
extension ConvTrainer: MinibatchBackend {}

/// Minibatch SGD on a fast backend, epoch by epoch, with the engine's one divergence rule.
public enum MinibatchTraining {
    /// Per-epoch curves (entry 0 is before training) and where the run diverged, if it did.
    public struct Run: Equatable, Sendable {
        /// Mean cross-entropy on the training rows: before training, then the mean of each epoch's batch losses.
        public var loss: [Double] = []
        /// Share of training rows classified correctly: before training, then during each epoch (each
        /// batch judged just before its update).
        public var trainAccuracy: [Double] = []
        /// Mean cross-entropy and accuracy on the held-out rows: before training, then after each epoch;
        /// empty when the run was not monitored (the held-out rows are then a test set, looked at once, at the end).
        public var testLoss: [Double] = []
        public var testAccuracy: [Double] = []
        /// The epoch (1-based) and step within it where a batch loss broke the divergence rule (or the
        /// held-out loss stopped being finite), and that loss when it is a finite number.
        public var divergence: Divergence?
        /// Epochs completed with finite results.
        public var completedEpochs: Int { max(0, loss.count - 1) }

        public struct Divergence: Equatable, Sendable {
            public let epoch: Int
            public let step: Int
            public let loss: Double?
        }

        public init() {}
    }

    /// Trains `backend` for `epochs` epochs: each epoch visits the `train` rows in a fresh order drawn
    /// from `shuffler`, in batches of `batchSize`, one SGD step with learning rate η per batch; after each
    /// epoch, when `monitor` is set, the `test` rows are evaluated (a validation fold); without it they are
    /// never looked at (a test set graded once, after training, by the caller). Stops at the first batch
    /// whose loss diverges (`Divergence`), or when an epoch ends with weights that give a non-finite loss.
    /// `afterEpoch` is called after every epoch that ended with finite results (e.g. to keep its weights).
    public static func run(_ backend: MinibatchBackend, inputs x: UnsafePointer<Double>, labels y: UnsafePointer<Int>,
                           train: [Int], test: [Int], epochs: Int, batchSize batch: Int, learningRate eta: Double,
                           shuffler: SeededRandom, monitor: Bool = true, afterEpoch: (Int) -> Void = { _ in }) -> Run {
        precondition(batch > 0, "batch size must be positive")
        var run = Run()
        let trainCount = Double(train.count), testCount = Double(test.count)
        let startTrain = backend.evaluate(inputs: x, labels: y, rows: train)
        run.loss.append(startTrain.totalLoss / trainCount)
        run.trainAccuracy.append(Double(startTrain.correct) / trainCount)
        if monitor {
            let startTest = backend.evaluate(inputs: x, labels: y, rows: test)
            run.testLoss.append(startTest.totalLoss / testCount)
            run.testAccuracy.append(Double(startTest.correct) / testCount)
        }
        var shuffler = shuffler
        epochLoop: for epoch in stride(from: 1, through: epochs, by: 1) {
            let order = shuffler.permutation(train.count).map { train[$0] }
            var total = 0.0, correct = 0, start = 0, step = 0
            while start < order.count {
                let rows = order[start..<min(start + batch, order.count)]
                let loss = backend.step(inputs: x, labels: y, rows: rows, learningRate: eta)
                step += 1
                if LonghandEngine.Divergence.isDiverged(loss: loss) {
                    run.divergence = .init(epoch: epoch, step: step, loss: loss.isFinite ? loss : nil)
                    break epochLoop
                }
                total += loss * Double(rows.count)
                correct += backend.correctInLastStep
                start += batch
            }
            // The epoch's last update is not followed by a step that would notice non-finite weights:
            // the held-out rows when monitored, else one batch of training rows, are evaluated to find out.
            let held = backend.evaluate(inputs: x, labels: y, rows: monitor ? test : Array(order.prefix(batch)))
            guard total.isFinite, held.totalLoss.isFinite else {
                run.divergence = .init(epoch: epoch, step: step, loss: nil)
                break
            }
            run.loss.append(total / trainCount)
            run.trainAccuracy.append(Double(correct) / trainCount)
            if monitor {
                run.testLoss.append(held.totalLoss / testCount)
                run.testAccuracy.append(Double(held.correct) / testCount)
            }
            afterEpoch(epoch)
        }
        return run
    }
}
