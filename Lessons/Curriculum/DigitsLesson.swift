import ArgumentParser
import LessonKit
import Longhand
import Notebook

/// Lesson 17, the capstone: 1797 real handwritten digits, a 64-32-10 MLP and a small CNN trained by
/// seeded minibatch SGD, held-out accuracy, confusion matrices, the mistakes drawn, and one digit's
/// forward pass in numbers.
public struct DigitsLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: "digits",
        abstract: "Real handwritten digits: an MLP and a small CNN trained by minibatch SGD, held-out accuracy, confusion matrices, one digit worked in numbers.",
        discussion: """
        The 1797 8×8 digits of the UCI Optical Recognition of Handwritten Digits data (Alpaydin & Kaynak, CC BY 4.0; \
        scikit-learn's copy, BSD-3-Clause) are embedded in the program. --seed fixes the train/test split, the \
        starting weights and the order of the minibatches. A progress bar is drawn on stderr while training, only \
        when stderr is a terminal and --quiet is not given. Bad input prints one line naming the option and exits with 64.
        """)
    public static let id = "digits"
    public static let title = Localized("Handwritten digits: an MLP and a CNN on real data", zh: "手写数字：在真实数据上训练 MLP 与 CNN")
    public static let summary = Localized("1797 real 8×8 digits; a 64-32-10 MLP and a small CNN trained by seeded minibatch SGD; held-out accuracy, confusion matrices, the mistakes drawn, and one digit's forward pass in numbers.",
                                          zh: "1797 张真实的 8×8 手写数字；用带种子的小批量 SGD 训练 64-32-10 的 MLP 和一个小 CNN；留出集准确率、混淆矩阵、画出认错的数字，并把一个数字的前向传播逐数写出。")
    public static let part = CoursePart.realData

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Seed of the split, the starting weights and the batch order (0 to 1000000).", valueName: "n"))
    public var seed = 1

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Share of the digits held out for testing (0.05 to 0.5).", valueName: "f"))
    public var testFraction = FiniteNumber(0.2)

    @Option(name: .long, parsing: .unconditional,
            help: ArgumentHelp("Numbers of epochs (passes over the training digits) compared by cross-validation: 1 to 3 whole numbers, each 1 to \(DigitsLesson.maxEpochs).", valueName: "n,..."))
    public var epochs = NumberList([10, 20, 40])

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Digits per minibatch (1 to 256).", valueName: "n"))
    public var batchSize = 32

    @Option(name: .long, parsing: .unconditional,
            help: ArgumentHelp("Learning rates η compared by cross-validation: 1 to 3 numbers, each greater than 0, at most 5.", valueName: "eta,..."))
    public var learningRate = NumberList([0.1, 0.3, 1])

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Folds of the cross-validation inside the training digits (2 to 5).", valueName: "k"))
    public var folds = 5

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Hidden units of the MLP (1 to 128).", valueName: "n"))
    public var hidden = 32

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Filters of the CNN's 3×3 convolution (1 to 32).", valueName: "n"))
    public var filters = 8

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Train on only the first n digits of the training split (1 or more; default: all).", valueName: "n"))
    public var trainingSamples: Int?

    /// The largest number of epochs accepted: cross-validation trains every learning rate this long on every fold.
    static let maxEpochs = 60
    /// Digit-epochs × multiply-adds per digit that fit the run budget (measured: the defaults, 7.6·10⁹, take 5.3 s).
    static let workLimit = 1.2e10

    public init() {}

    public func validate() throws {
        try Check.range(seed, 0...1_000_000, option: "--seed")
        try Check.range(testFraction.value, 0.05...0.5, option: "--test-fraction")
        try Check.countRange(epochs.values, 1...3, option: "--epochs", what: "the epoch counts to compare")
        if let bad = epochs.values.first(where: { $0 != $0.rounded() || $0 < 1 || $0 > Double(Self.maxEpochs) }) {
            throw ValidationError("--epochs: \(Check.format([bad])) is not a number of epochs; accepted: whole numbers 1 to \(Self.maxEpochs)")
        }
        try Check.range(batchSize, 1...256, option: "--batch-size")
        try Check.countRange(learningRate.values, 1...3, option: "--learning-rate", what: "the learning rates to compare")
        if let bad = learningRate.values.first(where: { !($0 > 0 && $0 <= 5) }) {
            throw ValidationError("--learning-rate: \(Check.format([bad])) is out of range; accepted: numbers greater than 0, at most 5")
        }
        try Check.range(folds, 2...5, option: "--folds")
        try Check.range(hidden, 1...128, option: "--hidden")
        try Check.range(filters, 1...32, option: "--filters")
        if let n = trainingSamples { try Check.range(n, 1...1797, option: "--training-samples") }
        let n = Double(trainingSamples ?? 1797) * (trainingSamples == nil ? 1 - testFraction.value : 1)
        let settings = learningRate.values.count * epochs.values.count
        let longest = epochs.values.max() ?? 1
        let perEpoch = n * (1 + (settings > 1 ? Double(learningRate.values.count * folds) : 0))
        let multiplyAdds = Double(64 * hidden + 10 * hidden + 9 * 64 * filters + 160 * filters)
        try RunBudget.check(perEpoch * longest * multiplyAdds, limit: Self.workLimit, option: "--epochs",
                            largest: Self.workLimit / (perEpoch * multiplyAdds),
                            what: "cross-validating \(learningRate.values.count) learning rate\(learningRate.values.count == 1 ? "" : "s") on \(folds) folds for up to \(Int(longest)) epochs with \(hidden) hidden units and \(filters) filters")
    }

    public var parameters: [(String, JSONValue)] {
        [("seed", .number(Double(seed))), ("test_fraction", .number(testFraction.value)), ("epochs", .vector(epochs.values)),
         ("batch_size", .number(Double(batchSize))), ("learning_rate", .vector(learningRate.values)), ("folds", .number(Double(folds))),
         ("hidden", .number(Double(hidden))), ("filters", .number(Double(filters))),
         ("training_samples", trainingSamples.map { .number(Double($0)) } ?? .string("all"))]
    }

    /// Small, quick runs: few epochs on few digits, any sizes and rates (large rates may diverge,
    /// which the page must then explain without printing a non-finite number).
    public static func randomArguments(_ random: inout SeededRandom) -> [String] {
        ["--seed", String(RandomArguments.integer(&random, 0...1000)),
         "--test-fraction", RandomArguments.text(RandomArguments.number(&random, 0.05...0.25, decimals: 2)),
         "--epochs", (0..<RandomArguments.integer(&random, 1...2)).map { _ in String(RandomArguments.integer(&random, 1...2)) }.joined(separator: ","),
         "--batch-size", String(RandomArguments.integer(&random, 1...64)),
         "--learning-rate", (0..<RandomArguments.integer(&random, 1...2)).map { _ in RandomArguments.text(RandomArguments.number(&random, 0.01...5, decimals: 2)) }.joined(separator: ","),
         "--folds", String(RandomArguments.integer(&random, 2...3)),
         "--hidden", String(RandomArguments.integer(&random, 1...40)),
         "--filters", String(RandomArguments.integer(&random, 1...10)),
         "--training-samples", String(RandomArguments.integer(&random, 10...120))]
    }

    public func write(_ page: inout Notebook) throws {
        let setup = DigitsSetup(seed: seed, testFraction: testFraction.value, trainingSamples: trainingSamples,
                                hidden: hidden, filters: filters)
        writeData(&page, setup)
        writeNetworks(&page, setup)
        let chosen = writeCrossValidation(&page, setup, crossValidation(setup))
        let run = DigitsTraining.run(setup, mlp: chosen.mlp, cnn: chosen.cnn, batchSize: batchSize,
                                     showProgress: !common.quiet && !common.json)
        writeTraining(&page, setup, run, chosen)
        writeForwardPass(&page, setup, run)
        writeResults(&page, setup, run)
        writeExercises(&page, setup, run)
        writeCredits(&page)
    }
}
