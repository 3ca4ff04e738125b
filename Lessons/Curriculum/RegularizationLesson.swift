import ArgumentParser
import LessonKit
import Longhand
import Notebook

/// Lesson 14: overfitting made visible on a small noisy data set, then six remedies — L2, L1,
/// dropout, early stopping, max-norm and data augmentation — each measured on the same data.
public struct RegularizationLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: "regularization",
        abstract: "Overfitting on a small noisy data set, and six remedies measured on the same data.",
        discussion: """
        The data are --points noisy samples of sin(πx) for training and as many for validation, plus 100 for \
        testing, all seeded. A 1 → --hidden → 1 tanh network is trained by full-batch gradient descent, once \
        plain and once with each remedy. Bad input prints one line naming the option and exits with 64.
        """)
    public static let id = "regularization"
    public static let title = Localized("Regularization: fighting overfitting", zh: "正则化：对付过拟合")
    public static let summary = Localized("A too-flexible network memorises ten noisy points: training loss falls while test loss rises. L2, L1, dropout, early stopping, max-norm and data augmentation, each worked out and measured on the same data.",
                                          zh: "一个过于灵活的网络把十个带噪声的点背了下来：训练损失下降，测试损失却上升。L2、L1、dropout、提前停止、最大范数约束和数据增强逐一演算，并在同一份数据上测量效果。")
    public static let part = CoursePart.trainingCraft

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, help: ArgumentHelp("Training points (and as many validation points), 4 to 40.", valueName: "n"))
    public var points = 10

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Standard deviation of the noise added to sin(πx) (0 to 1).", valueName: "s"))
    public var noise = FiniteNumber(0.3)

    @Option(name: .long, help: ArgumentHelp("Hidden tanh neurons (2 to 60).", valueName: "n"))
    public var hidden = 20

    @Option(name: .long, parsing: .unconditional,
            help: ArgumentHelp("Standard deviation of the hidden weights at the start: larger means steeper steps (0.1 to 20).", valueName: "s"))
    public var steepness = FiniteNumber(6)

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Learning rate η (greater than 0, at most 2).", valueName: "eta"))
    public var learningRate = FiniteNumber(0.1)

    @Option(name: .long, help: ArgumentHelp("Gradient-descent steps of every run (10 to 10000, and at most 9e6 / (hidden × points × (7 + copies)), so that the 10-seed study stays under 10 s).", valueName: "n"))
    public var iterations = 1500

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("L2 strength λ of the penalty λΣw² (0 to 1).", valueName: "λ"))
    public var l2 = FiniteNumber(0.003)

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("L1 strength λ of the penalty λΣ|w| (0 to 1).", valueName: "λ"))
    public var l1 = FiniteNumber(0.01)

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Dropout rate p: the probability of dropping a hidden unit in training (0 to 0.9).", valueName: "p"))
    public var dropout = FiniteNumber(0.1)

    @Option(name: .long, help: ArgumentHelp("Early stopping: steps without a better validation loss before stopping (10 to 10000).", valueName: "n"))
    public var patience = 200

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Max-norm radius r: every neuron's incoming weights keep ‖w‖₂ ≤ r (0.1 to 100).", valueName: "r"))
    public var maxNorm = FiniteNumber(2)

    @Option(name: .long, help: ArgumentHelp("Data augmentation: jittered copies of every training point (1 to 20).", valueName: "n"))
    public var copies = 4

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Standard deviation of the jitter added to x in each copy (0 to 1).", valueName: "s"))
    public var jitter = FiniteNumber(0.1)

    @Option(name: .long, help: ArgumentHelp("Seed of the data, the weights, the masks and the jitter (a whole number, 0 or more).", valueName: "n"))
    public var seed = 6

    public init() {}

    public static func randomArguments(_ random: inout SeededRandom) -> [String] {
        func num(_ r: ClosedRange<Double>, _ d: Int = 3) -> String { RandomArguments.text(RandomArguments.number(&random, r, decimals: d)) }
        return ["--points", String(RandomArguments.integer(&random, 4...20)), "--noise", num(0...1),
                "--hidden", String(RandomArguments.integer(&random, 2...30)), "--steepness", num(0.1...20, 2),
                "--learning-rate", num(0.001...2), "--iterations", String(RandomArguments.integer(&random, 10...200)),
                "--l2", num(0...1, 4), "--l1", num(0...1, 4), "--dropout", num(0...0.9, 2),
                "--patience", String(RandomArguments.integer(&random, 10...200)), "--max-norm", num(0.1...100, 2),
                "--copies", String(RandomArguments.integer(&random, 1...6)), "--jitter", num(0...1),
                "--seed", String(RandomArguments.integer(&random, 0...10_000))]
    }

    public func validate() throws {
        try Check.range(points, 4...40, option: "--points")
        try Check.range(noise.value, 0...1, option: "--noise")
        try Check.range(hidden, 2...60, option: "--hidden")
        try Check.range(steepness.value, 0.1...20, option: "--steepness")
        try Check.range(learningRate.value, 1e-9...2, option: "--learning-rate")
        try Check.range(iterations, 10...10_000, option: "--iterations")
        try Check.range(l2.value, 0...1, option: "--l2")
        try Check.range(l1.value, 0...1, option: "--l1")
        try Check.range(dropout.value, 0...0.9, option: "--dropout")
        try Check.range(patience, 10...10_000, option: "--patience")
        try Check.range(maxNorm.value, 0.1...100, option: "--max-norm")
        try Check.range(copies, 1...20, option: "--copies")
        try Check.range(jitter.value, 0...1, option: "--jitter")
        try Check.seed(seed)
        // Ten seeds × seven runs; the augmented run fits points × (1 + copies).
        let perStep = Double(Self.studiedSeeds * hidden * points * (7 + copies))
        try RunBudget.check(Double(iterations) * perStep, limit: Self.workLimit, option: "--iterations",
                            largest: Self.workLimit / perStep,
                            what: "\(iterations) steps of \(hidden) hidden neurons on \(points) points with \(copies) copies, for 7 runs and 10 seeds")
    }

    public var parameters: [(String, JSONValue)] {
        [("points", .number(Double(points))), ("noise", .number(noise.value)), ("hidden", .number(Double(hidden))),
         ("steepness", .number(steepness.value)), ("learning_rate", .number(learningRate.value)),
         ("iterations", .number(Double(iterations))), ("l2", .number(l2.value)), ("l1", .number(l1.value)),
         ("dropout", .number(dropout.value)), ("patience", .number(Double(patience))), ("max_norm", .number(maxNorm.value)),
         ("copies", .number(Double(copies))), ("jitter", .number(jitter.value)), ("seed", .number(Double(seed)))]
    }

    /// Steps × neurons × fitted points that fit the run budget (measured: the defaults, 3.3·10⁷, take 3.0 s).
    static let workLimit = 9e7

    /// How many test points are drawn (fixed: enough that the test loss is a steady estimate).
    static let testPoints = 100

    /// The curve the noisy points are drawn from.
    static func truth(_ x: Double) -> Double { _cos(Double.pi * x - Double.pi / 2) }   // sin(πx)

    /// Training, validation and test samples of y = sin(πx) + noise, x uniform in [−1, 1].
    /// Each set has its own stream of the same seed so that changing one size leaves the others alone.
    var data: (train: RegularizedTraining.Samples, validation: RegularizedTraining.Samples, test: RegularizedTraining.Samples) {
        func draw(_ count: Int, stream: UInt64, sorted: Bool) -> RegularizedTraining.Samples {
            var random = SeededRandom(seed: UInt64(seed) &* 1_000_003 &+ stream)
            var xs = (0..<count).map { _ in random.uniform(-1, 1) }
            if sorted { xs.sort() }
            let ys = xs.map { Self.truth($0) + noise.value * random.normal() }
            return .init(inputs: Matrix(column: xs), targets: Matrix(column: ys))
        }
        return (draw(points, stream: 1, sorted: true), draw(points, stream: 2, sorted: true), draw(Self.testPoints, stream: 3, sorted: false))
    }

    /// The starting network 1 → hidden → 1: hidden neuron j has weight w_j ~ N(0, steepness²) and bias
    /// −w_j·c_j with c_j uniform in [−1, 1], so its tanh step sits at x = c_j, somewhere over the data;
    /// the output weights are N(0, 1/hidden) (the 1/√m rule) and the output bias is 0.
    var startNetwork: Network {
        var random = SeededRandom(seed: UInt64(seed) &+ 77)
        let w1 = Matrix(rows: 1, columns: hidden) { _, _ in steepness.value * random.normal() }
        let b1 = Matrix(rows: 1, columns: hidden) { _, j in -w1[0, j] * random.uniform(-1, 1) }
        let w2 = Initializer.lecun.weights(inputs: hidden, outputs: 1, using: &random)
        return Network(layers: [Dense(weights: w1, bias: b1, activation: .tanh),
                                Dense(weights: w2, bias: Matrix(rows: 1, columns: 1), activation: .identity)])
    }

    /// One remedy: its name, its settings and what training with it gave.
    struct Run {
        let key: String
        let name: Localized
        let result: RegularizedTraining.Result
        var finalTrain: Double { result.trainLosses.last ?? 0 }
        var finalTest: Double { result.testLosses.last ?? 0 }
        var finalValidation: Double { result.validationLosses.last ?? 0 }
        /// Train and test loss of the network kept (the best one for early stopping).
        var kept: (train: Double, validation: Double, test: Double) {
            guard let i = result.recorded.firstIndex(of: result.keptIteration) else { return (finalTrain, finalValidation, finalTest) }
            return (result.trainLosses[i], result.validationLosses[i], result.testLosses[i])
        }
    }

    /// Everything trained once: the plain run, each remedy, and the augmented training set.
    struct Experiment {
        let runs: [Run]
        let augmented: RegularizedTraining.Samples
        func run(_ key: String) -> Run { runs.first { $0.key == key }! }
    }

    func settings(penalty: WeightPenalty = .none, dropout rate: Double? = nil, maxNorm r: Double? = nil, patience p: Int? = nil) -> RegularizedTraining.Settings {
        .init(learningRate: learningRate.value, iterations: iterations, penalty: penalty, dropout: rate.map { Dropout(rate: $0) },
              maxNorm: r, patience: p, seed: UInt64(seed) &+ 500, recordEvery: max(1, iterations / 150))
    }

    /// The training set with `copies` jittered copies (seeded).
    func augment(_ train: RegularizedTraining.Samples) -> RegularizedTraining.Samples {
        var random = SeededRandom(seed: UInt64(seed) &+ 900)
        let a = DataAugmentation.jittered(inputs: train.inputs, targets: train.targets, copies: copies, standardDeviation: jitter.value, using: &random)
        return .init(inputs: a.inputs, targets: a.targets)
    }

    func experiment() -> Experiment {
        let (train, validation, test) = data
        let start = startNetwork
        let augmented = augment(train)
        func go(_ key: String, _ name: Localized, _ s: RegularizedTraining.Settings, fit: RegularizedTraining.Samples? = nil) -> Run {
            Run(key: key, name: name, result: RegularizedTraining.run(start, fit: fit ?? train, train: train, validation: validation, test: test, settings: s))
        }
        let runs = [
            go("none", Localized("none", zh: "不加对策"), settings()),
            go("l2", Localized("L2, λ = \(fmt(l2.value))", zh: "L2，λ = \(fmt(l2.value))"), settings(penalty: .l2(lambda: l2.value))),
            go("l1", Localized("L1, λ = \(fmt(l1.value))", zh: "L1，λ = \(fmt(l1.value))"), settings(penalty: .l1(lambda: l1.value))),
            go("dropout", Localized("dropout, p = \(fmt(dropout.value))", zh: "dropout，p = \(fmt(dropout.value))"), settings(dropout: dropout.value)),
            go("early_stopping", Localized("early stopping, patience \(patience)", zh: "提前停止，耐心 \(patience) 步"), settings(patience: patience)),
            go("max_norm", Localized("max-norm, r = \(fmt(maxNorm.value))", zh: "最大范数，r = \(fmt(maxNorm.value))"), settings(maxNorm: maxNorm.value)),
            go("augmentation", Localized("augmentation, \(copies) copies", zh: "数据增强，\(copies) 份副本"), settings(), fit: augmented),
        ]
        return Experiment(runs: runs, augmented: augmented)
    }

    public func write(_ page: inout Notebook) throws {
        let ex = experiment()
        writeOverfitting(&page, ex)
        writePenalties(&page, ex)
        writeDropout(&page, ex)
        writeEarlyStopping(&page, ex)
        writeMaxNorm(&page, ex)
        writeAugmentation(&page, ex)
        writeSummary(&page, ex)
        writeExercises(&page, ex)
    }
}
