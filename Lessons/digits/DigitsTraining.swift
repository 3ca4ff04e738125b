import LessonKit
import LonghandEngine

/// Everything the digits lesson fixes before training: the split, the scaled inputs and both
/// networks' starting weights, all from one seed.
struct DigitsSetup {
    let seed: Int
    let digits = Digits.all
    /// Every digit's 64 pixels divided by 16 (so 0…1), row after row: 1797 × 64 values.
    let inputs: [Double]
    /// Indices of the training digits (possibly only the first `trainingSamples` of the split).
    let train: [Int]
    /// Indices of the held-out test digits.
    let test: [Int]
    /// The size of the training split before any --training-samples limit.
    let splitTrainCount: Int
    /// The MLP 64-hidden-10 before training (He-initialized, biases 0).
    let mlp: Network
    /// The CNN before training: 3×3 convolution with padding 1, 2×2 max pooling, dense layer to 10.
    let conv: Conv2D
    let dense: Dense
    /// The generator after the weights were drawn; it orders the minibatches (the same order for both networks).
    let shuffler: SeededRandom

    /// The same starting weights and batch order with other training and held-out digits (a fold of cross-validation).
    init(_ base: DigitsSetup, train: [Int], test: [Int]) {
        seed = base.seed
        inputs = base.inputs
        self.train = train
        self.test = test
        splitTrainCount = base.splitTrainCount
        mlp = base.mlp
        conv = base.conv
        dense = base.dense
        shuffler = base.shuffler
    }

    init(seed: Int, testFraction: Double, trainingSamples: Int?, hidden: Int, filters: Int) {
        self.seed = seed
        let digits = Digits.all
        inputs = digits.pixels.flatMap { $0.map { $0 / 16 } }
        let split = digits.split(testFraction: testFraction, seed: UInt64(seed))
        splitTrainCount = split.train.count
        train = trainingSamples.map { Array(split.train.prefix($0)) } ?? split.train
        test = split.test
        var random = SeededRandom(seed: UInt64(seed))
        mlp = Network(sizes: [64, hidden, 10], hidden: .relu, output: .identity, initializer: .he, using: &random)
        // He initialization for the kernels too: each output sums 9 inputs (fan-in 9).
        let sd = Initializer.he.standardDeviation(fanIn: 9, fanOut: filters)
        conv = Conv2D(inChannels: 1, outChannels: filters, kernelSize: 3, padding: 1,
                      weights: (0..<(filters * 9)).map { _ in sd * random.normal() })
        dense = Dense(weights: Initializer.he.weights(inputs: filters * 16, outputs: 10, using: &random),
                      bias: Matrix(rows: 1, columns: 10), activation: .identity)
        shuffler = random
    }

    /// Pixel counts 0–16 of digit `i`.
    func pixels(_ i: Int) -> [Double] { digits.pixels[i] }
    /// The scaled input x (pixels / 16) of digit `i`.
    func x(_ i: Int) -> [Double] { Array(inputs[(i * 64)..<((i + 1) * 64)]) }
    func label(_ i: Int) -> Int { digits.labels[i] }
}

/// One network's training settings: a learning rate and a number of epochs.
struct DigitsSetting: Equatable {
    let learningRate: Double
    let epochs: Int
}

/// One network's training: the engine's per-epoch record, and its predictions on the held-out digits
/// with the weights it ends with.
struct ModelRun {
    var training = MinibatchTraining.Run()
    var predictions: [Int] = []
    var confusion = ConfusionMatrix(classes: 10, labels: [], predictions: [])
    /// Mean cross-entropy on the held-out digits with the weights kept at the end.
    var testLoss = 0.0
    /// Mean cross-entropy on the training digits: before training, then the mean of each epoch's batch losses.
    var loss: [Double] { training.loss }
    /// Share of training digits classified correctly: before training, then during each epoch.
    var trainAccuracy: [Double] { training.trainAccuracy }
    /// Mean cross-entropy and accuracy on the held-out digits after each epoch, when they are monitored
    /// (cross-validation folds); empty for the final run, whose test digits are looked at once, at the end.
    var monitoredLoss: [Double] { training.testLoss }
    var monitoredAccuracy: [Double] { training.testAccuracy }
    var divergence: MinibatchTraining.Run.Divergence? { training.divergence }
    /// Epochs completed with finite results (the weights used afterwards are from the end of the last one).
    var completedEpochs: Int { training.completedEpochs }
    var accuracy: Double { confusion.accuracy }
}

/// Both networks trained on the same batches.
struct DigitsRun {
    var mlp = ModelRun()
    var cnn = ModelRun()
    /// The settings each network was trained with.
    var mlpSetting = DigitsSetting(learningRate: 0, epochs: 0)
    var cnnSetting = DigitsSetting(learningRate: 0, epochs: 0)
    var mlpNetwork: Network
    var conv: Conv2D
    var dense: Dense
}

/// Both networks' training by the engine's minibatch SGD (`MinibatchTraining`), each with its own setting.
enum DigitsTraining {
    /// Which of the two networks a training is of.
    enum Model: CaseIterable {
        case mlp, cnn
    }

    /// One network's training and the weights it ended with (the last finite ones if it diverged).
    struct Trained {
        var run = ModelRun()
        var mlpNetwork: Network
        var conv: Conv2D
        var dense: Dense
    }

    /// The two networks' trainings put together as one run.
    static func combined(mlp: Trained, cnn: Trained, mlpSetting: DigitsSetting, cnnSetting: DigitsSetting) -> DigitsRun {
        var result = DigitsRun(mlpSetting: mlpSetting, cnnSetting: cnnSetting, mlpNetwork: mlp.mlpNetwork, conv: cnn.conv, dense: cnn.dense)
        result.mlp = mlp.run
        result.cnn = cnn.run
        return result
    }

    /// One network trained by minibatch SGD with `setting`, then its predictions, test loss and confusion
    /// matrix on the held-out digits. `epochDone` is called after every epoch.
    static func train(_ model: Model, _ setup: DigitsSetup, _ setting: DigitsSetting, batchSize: Int, monitor: Bool,
                      epochDone: () -> Void = {}) -> Trained {
        var result = Trained(mlpNetwork: setup.mlp, conv: setup.conv, dense: setup.dense)
        let batch = min(batchSize, max(setup.train.count, 1))
        let heldOut = Double(max(1, setup.test.count))
        let pool = MaxPool2D(size: 2)
        setup.inputs.withUnsafeBufferPointer { xb in
            setup.digits.labels.withUnsafeBufferPointer { yb in
                let x = xb.baseAddress!, y = yb.baseAddress!
                // The network's fast trainer, starting from the weights in `weights`.
                func backend(_ weights: Trained) -> MinibatchBackend {
                    model == .mlp
                        ? MinibatchTrainer(network: weights.mlpNetwork, batchSize: batch)
                        : ConvTrainer(conv: weights.conv, pool: pool, dense: weights.dense, inputRows: 8, inputColumns: 8, batchSize: batch)
                }
                let trainer = backend(result)
                // The weights at the end of the last finite epoch are kept after every epoch.
                func keep() {
                    if let mlp = trainer as? MinibatchTrainer { result.mlpNetwork = mlp.network }
                    if let cnn = trainer as? ConvTrainer {
                        result.conv = cnn.convolution
                        result.dense = cnn.dense
                    }
                }
                result.run.training = MinibatchTraining.run(trainer, inputs: x, labels: y, train: setup.train, test: setup.test,
                                                            epochs: setting.epochs, batchSize: batch, learningRate: setting.learningRate,
                                                            shuffler: setup.shuffler, monitor: monitor) { _ in
                    keep()
                    epochDone()
                }
                // A diverged run is graded with the weights kept from its last finite epoch.
                let final = result.run.divergence == nil ? trainer : backend(result)
                result.run.predictions = final.predictions(inputs: x, rows: setup.test)
                result.run.testLoss = final.evaluate(inputs: x, labels: y, rows: setup.test).totalLoss / heldOut
            }
        }
        result.run.confusion = ConfusionMatrix(classes: 10, labels: setup.test.map(setup.label), predictions: result.run.predictions)
        return result
    }
}
