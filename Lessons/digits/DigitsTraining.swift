import LessonKit
import Longhand

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
        let sd = Initializer.he.standardDeviation(fanIn: 9)
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

/// One network's training: the engine's per-epoch record, and its predictions on the test digits with
/// the weights it ends with.
struct ModelRun {
    var training = MinibatchTraining.Run()
    var predictions: [Int] = []
    var confusion = ConfusionMatrix(classes: 10, labels: [], predictions: [])
    var loss: [Double] { training.loss }
    var trainAccuracy: [Double] { training.trainAccuracy }
    var testLoss: [Double] { training.testLoss }
    var testAccuracy: [Double] { training.testAccuracy }
    var divergence: MinibatchTraining.Run.Divergence? { training.divergence }
    /// Epochs completed with finite results (the weights used afterwards are from the end of the last one).
    var completedEpochs: Int { training.completedEpochs }
    var accuracy: Double { confusion.accuracy }
}

/// Both networks trained on the same batches.
struct DigitsRun {
    var mlp = ModelRun()
    var cnn = ModelRun()
    var mlpNetwork: Network
    var conv: Conv2D
    var dense: Dense
}

enum DigitsTraining {
    /// Trains both networks for `epochs` epochs of minibatch SGD and predicts the test digits.
    static func run(_ setup: DigitsSetup, epochs: Int, batchSize: Int, learningRate eta: Double, showProgress: Bool) -> DigitsRun {
        var progress = TerminalProgress("digits: training", total: 2 * epochs, visible: showProgress)
        progress.update(0)
        var result = DigitsRun(mlpNetwork: setup.mlp, conv: setup.conv, dense: setup.dense)
        var keptNetwork = setup.mlp, keptConv = setup.conv, keptDense = setup.dense
        let batch = min(batchSize, max(setup.train.count, 1))
        setup.inputs.withUnsafeBufferPointer { xb in
            setup.digits.labels.withUnsafeBufferPointer { yb in
                let x = xb.baseAddress!, y = yb.baseAddress!
                let mlp = MinibatchTrainer(network: setup.mlp, batchSize: batch)
                result.mlp.training = MinibatchTraining.run(mlp, inputs: x, labels: y, train: setup.train, test: setup.test, epochs: epochs,
                                                            batchSize: batch, learningRate: eta, shuffler: setup.shuffler) { epoch in
                    keptNetwork = mlp.network
                    progress.update(epoch)
                }
                if result.mlp.divergence != nil {
                    let fresh = MinibatchTrainer(network: keptNetwork, batchSize: batch)
                    result.mlp.predictions = fresh.predictions(inputs: x, rows: setup.test)
                } else {
                    result.mlp.predictions = mlp.predictions(inputs: x, rows: setup.test)
                }
                let pool = MaxPool2D(size: 2)
                let cnn = ConvTrainer(conv: setup.conv, pool: pool, dense: setup.dense, inputRows: 8, inputColumns: 8, batchSize: batch)
                result.cnn.training = MinibatchTraining.run(cnn, inputs: x, labels: y, train: setup.train, test: setup.test, epochs: epochs,
                                                            batchSize: batch, learningRate: eta, shuffler: setup.shuffler) { epoch in
                    keptConv = cnn.convolution
                    keptDense = cnn.dense
                    progress.update(epochs + epoch)
                }
                if result.cnn.divergence != nil {
                    let fresh = ConvTrainer(conv: keptConv, pool: pool, dense: keptDense, inputRows: 8, inputColumns: 8, batchSize: batch)
                    result.cnn.predictions = fresh.predictions(inputs: x, rows: setup.test)
                } else {
                    result.cnn.predictions = cnn.predictions(inputs: x, rows: setup.test)
                }
            }
        }
        progress.finish()
        result.mlpNetwork = keptNetwork
        result.conv = keptConv
        result.dense = keptDense
        let labels = setup.test.map(setup.label)
        result.mlp.confusion = ConfusionMatrix(classes: 10, labels: labels, predictions: result.mlp.predictions)
        result.cnn.confusion = ConfusionMatrix(classes: 10, labels: labels, predictions: result.cnn.predictions)
        return result
    }
}
