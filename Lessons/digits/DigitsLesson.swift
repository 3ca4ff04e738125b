import ArgumentParser
import LessonKit
import LonghandEngine
import Notebook

/// Lesson 17, the capstone: 1797 real handwritten digits, a 64-32-10 MLP and a small CNN trained by
/// seeded minibatch SGD, held-out accuracy, confusion matrices, the mistakes drawn, and one digit's
/// forward pass in numbers.
public struct DigitsLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: id,
        abstract: "Real handwritten digits: an MLP and a small CNN trained by minibatch SGD, held-out accuracy, confusion matrices, one digit worked in numbers.",
        discussion: """
        The 1797 8×8 digits of the UCI Optical Recognition of Handwritten Digits data (Alpaydin & Kaynak, CC BY 4.0; \
        scikit-learn's copy, BSD-3-Clause) are embedded in the program. --seed fixes the train/test split, the \
        starting weights and the order of the minibatches. A progress bar is drawn on stderr while training, only \
        when stderr is a terminal and --quiet is not given. Bad input prints one line naming the option and exits with 64.
        """)
    public static let position = 170
    public static let title = Localized("Handwritten digits: an MLP and a CNN on real data", zh: "手写数字：在真实数据上训练 MLP 与 CNN")
    public static let summary = Localized("1797 real 8×8 digits; a 64-32-10 MLP and a small CNN trained by seeded minibatch SGD; held-out accuracy, confusion matrices, the mistakes drawn, and one digit's forward pass in numbers.",
                                          zh: "1797 张真实的 8×8 手写数字；用带种子的小批量 SGD 训练 64-32-10 的 MLP 和一个小 CNN；留出集准确率、混淆矩阵、画出认错的数字，并把一个数字的前向传播逐数写出。")
    public static let part = CoursePart.realData

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: Self.help("seed"))
    public var seed = 1

    @Option(name: .long, parsing: .unconditional, help: Self.help("test-fraction"))
    public var testFraction = FiniteNumber(0.2)

    @Option(name: .long, parsing: .unconditional, help: Self.help("epochs"))
    public var epochs = NumberList([10, 20, 40])

    @Option(name: .long, parsing: .unconditional, help: Self.help("batch-size"))
    public var batchSize = 32

    @Option(name: .long, parsing: .unconditional, help: Self.help("learning-rate"))
    public var learningRate = NumberList([0.1, 0.3, 1])

    @Option(name: .long, parsing: .unconditional, help: Self.help("folds"))
    public var folds = 5

    @Option(name: .long, parsing: .unconditional, help: Self.help("hidden"))
    public var hidden = 32

    @Option(name: .long, parsing: .unconditional, help: Self.help("filters"))
    public var filters = 8

    @Option(name: .long, parsing: .unconditional, help: Self.help("training-samples"))
    public var trainingSamples: Int?

    /// The largest number of epochs accepted: cross-validation trains every learning rate this long on every fold.
    static let maxEpochs = 60
    /// Digit-epochs × multiply-adds per digit that fit the run budget (set when the defaults, 7.6·10⁹, took 5.3 s on one core; in a
    /// release build on 2026-12-07 they take 1.7 s of CPU, and the English page 0.9 s on two cores).
    static let workLimit = 1.2e10

    public init() {}

    public static var options: [LessonOption<Self>] {[
        .integer("seed", \.seed, 0...1_000_000,
                 label: Localized("Seed", zh: "随机种子"), help: Localized("Seed of the split, the starting weights and the batch order", zh: "划分、起始权重和批次顺序的种子")),
        .number("test-fraction", \.testFraction, 0.05...0.5,
                label: Localized("Test fraction", zh: "测试集比例"), help: Localized("Share of the digits held out for testing", zh: "留作测试的数字所占的比例"), valueName: "f"),
        .numbers("epochs", \.epochs, count: .between(1...3), each: 1...Double(Self.maxEpochs), whole: true,
                 label: Localized("Epochs", zh: "轮数"),
                 help: Localized("Numbers of epochs (passes over the training digits) compared by cross-validation",
                                 zh: "交叉验证中比较的训练轮数（遍历训练数字的次数）"), valueName: "n,…")
            .sampled(.list(count: .between(1...2), each: 1...2, whole: true)),
        .integer("batch-size", \.batchSize, 1...256,
                 label: Localized("Batch size", zh: "批大小"), help: Localized("Digits per minibatch", zh: "每个小批量中的数字个数"))
            .sampled(.integer(8...256)),
        .numbers("learning-rate", \.learningRate, count: .between(1...3), each: 1e-9...5,
                 label: Localized("Learning rates η", zh: "学习率 η"),
                 help: Localized("Learning rates η compared by cross-validation", zh: "交叉验证中比较的学习率 η"), valueName: "eta,…")
            .sampled(.list(count: .between(1...2), each: 0.01...5), decimals: 2),
        .integer("folds", \.folds, 2...5,
                 label: Localized("Folds", zh: "折数"),
                 help: Localized("Folds of the cross-validation inside the training digits", zh: "在训练数字内部做交叉验证的折数"), valueName: "k")
            .sampled(.integer(2...3)),
        .integer("hidden", \.hidden, 1...128,
                 label: Localized("Hidden units", zh: "隐藏单元"), help: Localized("Hidden units of the MLP; more units leave fewer --epochs within the run budget", zh: "多层感知机的隐藏单元个数；单元越多，运行预算内允许的 --epochs 越少"))
            .sampled(.integer(1...32))
            .extremes(need: ["--epochs", "10"]),
        .integer("filters", \.filters, 1...32,
                 label: Localized("Filters", zh: "卷积核个数"), help: Localized("Filters of the CNN's 3×3 convolution; more filters leave fewer --epochs within the run budget", zh: "CNN 中 3×3 卷积的卷积核个数；卷积核越多，运行预算内允许的 --epochs 越少"))
            .sampled(.integer(1...4))
            .extremes(need: ["--epochs", "10"]),
        .integer("training-samples", \.trainingSamples, 1...Self.largestTrainingSplit, absent: "all",
                 label: Localized("Training digits", zh: "训练数字个数"),
                 help: Localized("Train on only the first n digits of the training split, at most its size (\(Self.trainingSplitSize(testFraction: 0.2)) at the default --test-fraction 0.2); default: all",
                                 zh: "只用训练集中的前 n 个数字训练，不超过训练集的大小（--test-fraction 取默认的 0.2 时为 \(Self.trainingSplitSize(testFraction: 0.2))）；默认全部"))
            .sampled(.integer(1...100))
            .extremes(need: ["--test-fraction", "0.05"]),
    ]}

    /// How many digits the training split holds at `testFraction` (as `Digits.split` rounds it).
    static func trainingSplitSize(testFraction: Double) -> Int {
        Digits.all.labels.count - Int((Double(Digits.all.labels.count) * testFraction).rounded())
    }

    /// The largest training split, at the smallest accepted test fraction.
    static var largestTrainingSplit: Int { trainingSplitSize(testFraction: 0.05) }

    public func validateTogether() throws(OptionError) {
        let available = Self.trainingSplitSize(testFraction: testFraction.value)
        if let n = trainingSamples, n > available {
            throw Check.refuse("training-samples", "\(n) is more than the \(available) digits of the training split at --test-fraction \(Check.format([testFraction.value])); accepted: 1 to \(available)",
                               zh: "\(n) 超过了 --test-fraction 为 \(Check.format([testFraction.value])) 时训练集中的 \(available) 个数字；可接受：1 到 \(available)")
        }
        // Cross-validation trains every learning rate on every fold for the largest number of epochs.
        let n = Double(trainingSamples ?? Self.trainingSplitSize(testFraction: testFraction.value))
        let rates = learningRate.values.count
        let settings = rates * epochs.values.count
        let longest = epochs.values.max() ?? 1
        let perEpoch = n * (1 + (settings > 1 ? Double(rates * folds) : 0))
        let multiplyAdds = Double(64 * hidden + 10 * hidden + 9 * 64 * filters + 160 * filters)
        try RunBudget.check(perEpoch * longest * multiplyAdds, limit: Self.workLimit, option: "epochs",
                            largest: Self.workLimit / (perEpoch * multiplyAdds),
                            what: Localized("cross-validating \(rates) learning rate\(rates == 1 ? "" : "s") on \(folds) folds for up to \(Int(longest)) epochs with \(hidden) hidden units and \(filters) filters",
                                            zh: "用 \(folds) 折交叉验证 \(rates) 个学习率、最多训练 \(Int(longest)) 轮（\(hidden) 个隐藏单元、\(filters) 个卷积核）"))
    }

    public func write(_ page: inout Page) throws {
        let setup = DigitsSetup(seed: seed, testFraction: testFraction.value, trainingSamples: trainingSamples,
                                hidden: hidden, filters: filters)
        writeData(&page, setup)
        writeNetworks(&page, setup)
        let trained = trainings(setup), run = trained.run
        writeCrossValidation(&page, setup, trained.crossValidation, run)
        writeTraining(&page, setup, run, (run.mlpSetting, run.cnnSetting))
        writeForwardPass(&page, setup, run)
        writeResults(&page, setup, run)
        writeExercises(&page, setup, run, trained.smallData)
        writeCredits(&page)
        writeSourcePassages(&page)
    }
}
