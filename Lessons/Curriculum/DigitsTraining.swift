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

/// The fast trainers, seen the same way by the training loop.
protocol DigitsModelTrainer: AnyObject {
    func step(inputs: UnsafePointer<Double>, labels: UnsafePointer<Int>, rows: ArraySlice<Int>, learningRate: Double) -> Double
    var correctInLastStep: Int { get }
    func evaluate(inputs: UnsafePointer<Double>, labels: UnsafePointer<Int>, rows: [Int]) -> (totalLoss: Double, correct: Int)
    func predictions(inputs: UnsafePointer<Double>, rows: [Int]) -> [Int]
}

extension MinibatchTrainer: DigitsModelTrainer {}
extension ConvTrainer: DigitsModelTrainer {}

/// One network's training settings: a learning rate and a number of epochs.
struct DigitsSetting: Equatable {
    let learningRate: Double
    let epochs: Int
}

/// One network's training: per-epoch curves (entry 0 is before training), where it diverged if it
/// did, and its predictions on the held-out digits with the weights it ends with.
struct ModelRun {
    /// Mean cross-entropy on the training digits: before training, then the mean of each epoch's batch losses.
    var loss: [Double] = []
    /// Share of training digits classified correctly: before training, then during each epoch
    /// (each batch judged just before its update).
    var trainAccuracy: [Double] = []
    /// Mean cross-entropy and accuracy on the held-out digits after each epoch, when they are monitored
    /// (cross-validation folds); empty for the final run, whose test digits are looked at once, at the end.
    var monitoredLoss: [Double] = []
    var monitoredAccuracy: [Double] = []
    /// Mean cross-entropy on the held-out digits with the weights kept at the end.
    var testLoss = 0.0
    /// The epoch (1-based) and step within it where the loss became non-finite or exploded, and that
    /// loss when it is a finite number.
    var divergence: (epoch: Int, step: Int, loss: Double?)?
    var predictions: [Int] = []
    var confusion = ConfusionMatrix(classes: 10, labels: [], predictions: [])
    /// Epochs completed with finite results (the weights used afterwards are from the end of the last one).
    var completedEpochs: Int { max(0, loss.count - 1) }
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

enum DigitsTraining {
    /// A batch loss above this counts as an explosion (a fresh network's loss is about ln 10 ≈ 2.3).
    static let explosion = 1000.0

    /// Trains both networks by minibatch SGD, each with its own setting, and predicts the held-out digits.
    /// `monitor` grades the held-out digits after every epoch (for cross-validation folds, never for the test set).
    static func run(_ setup: DigitsSetup, mlp mlpSetting: DigitsSetting, cnn cnnSetting: DigitsSetting, batchSize: Int,
                    monitor: Bool = false, showProgress: Bool) -> DigitsRun {
        var progress = TerminalProgress("digits: training", total: mlpSetting.epochs + cnnSetting.epochs, visible: showProgress)
        progress.update(0)
        var result = DigitsRun(mlpSetting: mlpSetting, cnnSetting: cnnSetting, mlpNetwork: setup.mlp, conv: setup.conv, dense: setup.dense)
        var keptNetwork = setup.mlp, keptConv = setup.conv, keptDense = setup.dense
        let batch = min(batchSize, max(setup.train.count, 1))
        setup.inputs.withUnsafeBufferPointer { xb in
            setup.digits.labels.withUnsafeBufferPointer { yb in
                let x = xb.baseAddress!, y = yb.baseAddress!
                let mlp = MinibatchTrainer(network: setup.mlp, batchSize: batch)
                result.mlp = train(mlp, setup, x, y, epochs: mlpSetting.epochs, batch: batch, eta: mlpSetting.learningRate, monitor: monitor, done: 0, &progress) {
                    keptNetwork = mlp.network
                }
                let finalMLP: DigitsModelTrainer = result.mlp.divergence != nil ? MinibatchTrainer(network: keptNetwork, batchSize: batch) : mlp
                result.mlp.predictions = finalMLP.predictions(inputs: x, rows: setup.test)
                result.mlp.testLoss = finalMLP.evaluate(inputs: x, labels: y, rows: setup.test).totalLoss / Double(max(1, setup.test.count))
                let pool = MaxPool2D(size: 2)
                let cnn = ConvTrainer(conv: setup.conv, pool: pool, dense: setup.dense, inputRows: 8, inputColumns: 8, batchSize: batch)
                result.cnn = train(cnn, setup, x, y, epochs: cnnSetting.epochs, batch: batch, eta: cnnSetting.learningRate, monitor: monitor,
                                   done: mlpSetting.epochs, &progress) {
                    keptConv = cnn.convolution
                    keptDense = cnn.dense
                }
                let finalCNN: DigitsModelTrainer = result.cnn.divergence != nil
                    ? ConvTrainer(conv: keptConv, pool: pool, dense: keptDense, inputRows: 8, inputColumns: 8, batchSize: batch) : cnn
                result.cnn.predictions = finalCNN.predictions(inputs: x, rows: setup.test)
                result.cnn.testLoss = finalCNN.evaluate(inputs: x, labels: y, rows: setup.test).totalLoss / Double(max(1, setup.test.count))
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

    /// The training loop of one network. `keep` is called whenever the weights are worth keeping:
    /// at the start and after every epoch that ended with finite results.
    static func train(_ trainer: DigitsModelTrainer, _ setup: DigitsSetup, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Int>,
                      epochs: Int, batch: Int, eta: Double, monitor: Bool, done: Int, _ progress: inout TerminalProgress, keep: () -> Void) -> ModelRun {
        var run = ModelRun()
        let trainCount = Double(setup.train.count), testCount = Double(max(1, setup.test.count))
        let startTrain = trainer.evaluate(inputs: x, labels: y, rows: setup.train)
        run.loss.append(startTrain.totalLoss / trainCount)
        run.trainAccuracy.append(Double(startTrain.correct) / trainCount)
        if monitor {
            let startTest = trainer.evaluate(inputs: x, labels: y, rows: setup.test)
            run.monitoredLoss.append(startTest.totalLoss / testCount)
            run.monitoredAccuracy.append(Double(startTest.correct) / testCount)
        }
        var shuffler = setup.shuffler
        epochLoop: for epoch in 1...epochs {
            let order = shuffler.permutation(setup.train.count).map { setup.train[$0] }
            var total = 0.0, correct = 0, start = 0, step = 0
            while start < order.count {
                let rows = order[start..<min(start + batch, order.count)]
                let loss = trainer.step(inputs: x, labels: y, rows: rows, learningRate: eta)
                step += 1
                guard loss.isFinite && loss <= explosion else {
                    run.divergence = (epoch, step, loss.isFinite ? loss : nil)
                    break epochLoop
                }
                total += loss * Double(rows.count)
                correct += trainer.correctInLastStep
                start += batch
            }
            // The epoch's last update is not followed by a step that would notice non-finite weights: probe one batch.
            let probe = trainer.evaluate(inputs: x, labels: y, rows: Array(order.prefix(batch)))
            guard total.isFinite, probe.totalLoss.isFinite else {
                run.divergence = (epoch, step, nil)
                break
            }
            if monitor {
                let test = trainer.evaluate(inputs: x, labels: y, rows: setup.test)
                guard test.totalLoss.isFinite else {
                    run.divergence = (epoch, step, nil)
                    break
                }
                run.monitoredLoss.append(test.totalLoss / testCount)
                run.monitoredAccuracy.append(Double(test.correct) / testCount)
            }
            run.loss.append(total / trainCount)
            run.trainAccuracy.append(Double(correct) / trainCount)
            keep()
            progress.update(done + epoch)
        }
        return run
    }
}
