import ArgumentParser
import LessonKit
import LonghandEngine
import Notebook

/// Lesson 14: overfitting made visible on a small noisy data set, then six remedies — L2, L1,
/// dropout, early stopping, max-norm and data augmentation — each measured on the same data.
public struct RegularizationLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: id,
        abstract: "Overfitting on a small noisy data set, and six remedies measured on the same data.",
        discussion: """
        The data are --points noisy samples of sin(πx) for training and as many for validation, plus 100 for \
        testing, all seeded. A 1 → --hidden → 1 tanh network is trained by full-batch gradient descent, once \
        plain and once with each remedy. Bad input prints one line naming the option and exits with 64.
        """)
    public static let position = 140
    public static let title = Localized("Regularization: fighting overfitting", zh: "正则化：对付过拟合")
    public static let summary = Localized("A too-flexible network memorises ten noisy points: training loss falls while test loss rises. L2, L1, dropout, early stopping, max-norm and data augmentation, each worked out and measured on the same data.",
                                          zh: "一个过于灵活的网络把十个带噪声的点背了下来：训练损失下降，测试损失却上升。L2、L1、dropout、提前停止、最大范数约束和数据增强逐一演算，并在同一份数据上测量效果。")
    public static let part = CoursePart.trainingCraft

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: Self.help("points"))
    public var points = 10

    @Option(name: .long, parsing: .unconditional, help: Self.help("noise"))
    public var noise = FiniteNumber(0.3)

    @Option(name: .long, parsing: .unconditional, help: Self.help("hidden"))
    public var hidden = 20

    @Option(name: .long, parsing: .unconditional, help: Self.help("steepness"))
    public var steepness = FiniteNumber(6)

    @Option(name: .long, parsing: .unconditional, help: Self.help("learning-rate"))
    public var learningRate = FiniteNumber(0.1)

    @Option(name: .long, parsing: .unconditional, help: Self.help("iterations"))
    public var iterations = 1500

    @Option(name: .long, parsing: .unconditional, help: Self.help("l2"))
    public var l2 = FiniteNumber(0.003)

    @Option(name: .long, parsing: .unconditional, help: Self.help("l1"))
    public var l1 = FiniteNumber(0.01)

    @Option(name: .long, parsing: .unconditional, help: Self.help("dropout"))
    public var dropout = FiniteNumber(0.1)

    @Option(name: .long, parsing: .unconditional, help: Self.help("patience"))
    public var patience = 200

    @Option(name: .long, parsing: .unconditional, help: Self.help("max-norm"))
    public var maxNorm = FiniteNumber(2)

    @Option(name: .long, parsing: .unconditional, help: Self.help("copies"))
    public var copies = 4

    @Option(name: .long, parsing: .unconditional, help: Self.help("jitter"))
    public var jitter = FiniteNumber(0.1)

    @Option(name: .long, parsing: .unconditional, help: Self.help("seed"))
    public var seed = 6

    public init() {}

    public static var options: [LessonOption<Self>] {[
        .integer("points", \.points, 4...40,
                 label: Localized("Points", zh: "数据点数"), help: Localized("Training points (and as many validation points); more points leave fewer --iterations within the run budget", zh: "训练点数（验证点数与之相同）；点越多，运行预算内允许的 --iterations 越少"))
            .sampled(.integer(4...20))
            .extremes(need: ["--iterations", "1000"]),
        .number("noise", \.noise, 0...1,
                label: Localized("Noise", zh: "噪声"), help: Localized("Standard deviation of the noise added to sin(πx)", zh: "加到 sin(πx) 上的噪声的标准差"), valueName: "s"),
        .integer("hidden", \.hidden, 2...60,
                 label: Localized("Hidden neurons", zh: "隐藏神经元"), help: Localized("Hidden tanh neurons; more neurons leave fewer --iterations within the run budget", zh: "隐藏层 tanh 神经元的个数；神经元越多，运行预算内允许的 --iterations 越少"))
            .sampled(.integer(2...30))
            .extremes(need: ["--iterations", "1000"]),
        .number("steepness", \.steepness, 0.1...20,
                label: Localized("Steepness", zh: "陡峭程度"),
                help: Localized("Standard deviation of the hidden weights at the start: larger means steeper steps", zh: "隐藏层权重初始值的标准差：越大，台阶越陡"), valueName: "s")
            .sampled(.number(0.1...20), decimals: 2),
        .number("learning-rate", \.learningRate, 1e-9...2,
                label: Localized("Learning rate η", zh: "学习率 η"), help: Localized("Learning rate η", zh: "学习率 η"), valueName: "eta")
            .sampled(.number(0.001...2)),
        .integer("iterations", \.iterations, 10...10_000,
                 label: Localized("Iterations", zh: "迭代次数"), help: Localized("Gradient-descent steps of every run, at most \(OptionText.number(Self.workLimit / Double(Self.studiedSeeds))) / (hidden × points × (7 + copies)) so that the \(Self.studiedSeeds)-seed study stays under \(Int(RunBudget.seconds)) s",
                                 zh: "每次训练的梯度下降步数，至多为 \(OptionText.number(Self.workLimit / Double(Self.studiedSeeds))) /（隐藏神经元数 × 数据点数 ×（7 + 副本数）），使 \(Self.studiedSeeds) 个种子的研究不超过 \(Int(RunBudget.seconds)) 秒"))
            .sampled(.integer(10...200))
            .extremes(need: ["--hidden", "2"]),
        .number("l2", \.l2, 0...1,
                label: Localized("L2 strength λ", zh: "L2 强度 λ"), help: Localized("L2 strength λ of the penalty λΣw²", zh: "惩罚项 λΣw² 的 L2 强度 λ"), valueName: "λ")
            .sampled(.number(0...1), decimals: 4),
        .number("l1", \.l1, 0...1,
                label: Localized("L1 strength λ", zh: "L1 强度 λ"), help: Localized("L1 strength λ of the penalty λΣ|w|", zh: "惩罚项 λΣ|w| 的 L1 强度 λ"), valueName: "λ")
            .sampled(.number(0...1), decimals: 4),
        .number("dropout", \.dropout, 0...0.9,
                label: Localized("Dropout rate p", zh: "Dropout 比例 p"),
                help: Localized("Dropout rate p: the probability of dropping a hidden unit in training", zh: "Dropout 比例 p：训练时丢弃一个隐藏单元的概率"), valueName: "p")
            .sampled(.number(0...0.9), decimals: 2),
        .integer("patience", \.patience, 10...10_000,
                 label: Localized("Patience", zh: "耐心步数"),
                 help: Localized("Early stopping: steps without a better validation loss before stopping", zh: "提前停止：验证损失多少步没有改善就停止"))
            .sampled(.integer(10...200)),
        .number("max-norm", \.maxNorm, 0.1...100,
                label: Localized("Max-norm radius r", zh: "最大范数半径 r"),
                help: Localized("Max-norm radius r: every neuron's incoming weights keep ‖w‖₂ ≤ r", zh: "最大范数半径 r：每个神经元的输入权重保持 ‖w‖₂ ≤ r"), valueName: "r")
            .sampled(.number(0.1...100), decimals: 2),
        .integer("copies", \.copies, 1...20,
                 label: Localized("Copies", zh: "副本数"), help: Localized("Data augmentation: jittered copies of every training point", zh: "数据增强：每个训练点加抖动后的副本数"))
            .sampled(.integer(1...6)),
        .number("jitter", \.jitter, 0...1,
                label: Localized("Jitter", zh: "抖动"), help: Localized("Standard deviation of the jitter added to x in each copy", zh: "每个副本中加到 x 上的抖动的标准差"), valueName: "s"),
        .integer("seed", \.seed, 0...Int.max,
                 label: Localized("Seed", zh: "随机种子"), help: Localized("Seed of the data, the weights, the masks and the jitter", zh: "数据、权重、掩码和抖动的种子"))
            .sampled(.integer(0...10_000)),
    ]}

    public func validateTogether() throws(OptionError) {
        // Ten seeds × seven runs; the augmented run fits points × (1 + copies).
        let perStep = Double(Self.studiedSeeds * hidden * points * (7 + copies))
        try RunBudget.check(Double(iterations) * perStep, limit: Self.workLimit, option: "iterations",
                            largest: Self.workLimit / perStep,
                            what: Localized("\(iterations) steps of \(hidden) hidden neurons on \(points) points with \(copies) copies, for 7 runs and \(Self.studiedSeeds) seeds",
                                            zh: "\(Self.studiedSeeds) 个种子、每个 7 次训练，每次 \(hidden) 个隐藏神经元在 \(points) 个点（各 \(copies) 个副本）上走 \(iterations) 步"))
    }

    /// Steps × neurons × fitted points that fit the run budget (measured when it was set: the defaults, 3.3·10⁷, took 3.0 s on one core; since a4c9d91 the page takes 1.7 s of CPU, 0.9 s on two cores, in a release build).
    static let workLimit = 9e7

    /// How many test points are drawn (fixed: enough that the test loss is a steady estimate).
    static let testPoints = 100

    /// The curve the noisy points are drawn from.
    static func truth(_ x: Double) -> Double { Double.cos(Double.pi * x - Double.pi / 2) }   // sin(πx)

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
        .init(learningRate: learningRate.value, iterations: iterations, penalty: penalty, dropout: rate.map { Dropout(keep: 1 - $0) },
              maxNorm: r, patience: p, seed: UInt64(seed) &+ 500, recordEvery: max(1, iterations / 150))
    }

    /// The training set with `copies` jittered copies (seeded).
    func augment(_ train: RegularizedTraining.Samples) -> RegularizedTraining.Samples {
        var random = SeededRandom(seed: UInt64(seed) &+ 900)
        let a = DataAugmentation.jittered(inputs: train.inputs, targets: train.targets, copies: copies, standardDeviation: jitter.value, using: &random)
        return .init(inputs: a.inputs, targets: a.targets)
    }

    /// One training of an experiment before it is run: its key, its name, its settings and whether it fits
    /// the augmented set.
    struct PlannedRun {
        let key: String
        let name: Localized
        let settings: RegularizedTraining.Settings
        let augmented: Bool
    }

    /// The seven trainings of an experiment: the plain run, each remedy, and the augmented training set.
    var plannedRuns: [PlannedRun] {
        [
            PlannedRun(key: "none", name: Localized("none", zh: "不加对策"), settings: settings(), augmented: false),
            PlannedRun(key: "l2", name: Localized("L2, λ = \(fmt(l2.value))", zh: "L2，λ = \(fmt(l2.value))"), settings: settings(penalty: .l2(lambda: l2.value)), augmented: false),
            PlannedRun(key: "l1", name: Localized("L1, λ = \(fmt(l1.value))", zh: "L1，λ = \(fmt(l1.value))"), settings: settings(penalty: .l1(lambda: l1.value)), augmented: false),
            PlannedRun(key: "dropout", name: Localized("dropout, p = \(fmt(dropout.value))", zh: "dropout，p = \(fmt(dropout.value))"), settings: settings(dropout: dropout.value), augmented: false),
            PlannedRun(key: "early_stopping", name: Localized("early stopping, patience \(patience)", zh: "提前停止，耐心 \(patience) 步"), settings: settings(patience: patience), augmented: false),
            PlannedRun(key: "max_norm", name: Localized("max-norm, r = \(fmt(maxNorm.value))", zh: "最大范数，r = \(fmt(maxNorm.value))"), settings: settings(maxNorm: maxNorm.value), augmented: false),
            PlannedRun(key: "augmentation", name: Localized("augmentation, \(copies) copies", zh: "数据增强，\(copies) 份副本"), settings: settings(), augmented: true),
        ]
    }

    /// This lesson's experiment.
    func experiment() -> Experiment { Self.experiments([self])[0] }

    /// The experiments of several lessons (the seed study's), every training of every one of them a job of
    /// its own on the machine's cores, so no core waits while another finishes a whole experiment. The
    /// results are put back in lesson order and run order, so the pages do not depend on which job ended first.
    static func experiments(_ lessons: [RegularizationLesson]) -> [Experiment] {
        struct Prepared {
            let data: (train: RegularizedTraining.Samples, validation: RegularizedTraining.Samples, test: RegularizedTraining.Samples)
            let start: Network
            let augmented: RegularizedTraining.Samples
            let plan: [PlannedRun]
        }
        let prepared = lessons.map { lesson in
            let data = lesson.data
            return Prepared(data: data, start: lesson.startNetwork, augmented: lesson.augment(data.train), plan: lesson.plannedRuns)
        }
        let perLesson = prepared.first?.plan.count ?? 0
        let results = ParallelResults.map(lessons.count * perLesson) { job in
            let (l, r) = job.quotientAndRemainder(dividingBy: perLesson)
            let p = prepared[l], planned = p.plan[r]
            return RegularizedTraining.run(p.start, fit: planned.augmented ? p.augmented : p.data.train, train: p.data.train,
                                           validation: p.data.validation, test: p.data.test, settings: planned.settings)
        }
        return prepared.indices.map { l in
            let runs = prepared[l].plan.indices.map { r in
                Run(key: prepared[l].plan[r].key, name: prepared[l].plan[r].name, result: results[l * perLesson + r])
            }
            return Experiment(runs: runs, augmented: prepared[l].augmented)
        }
    }

    public func write(_ page: inout Page) throws {
        // This page's experiment is the first of the seed study's, which are all run at once.
        let studies = Self.experiments(studySeeds.map { s in
            var lesson = self
            lesson.seed = s
            return lesson
        })
        let ex = studies[0]
        writeOverfitting(&page, ex)
        writePenalties(&page, ex)
        writeDropout(&page, ex)
        writeEarlyStopping(&page, ex)
        writeMaxNorm(&page, ex)
        writeAugmentation(&page, ex)
        writeSummary(&page, ex, studies: studies)
        writeExercises(&page, ex)
        writeSourcePassages(&page, ex)
    }
}
