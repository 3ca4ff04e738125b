import ArgumentParser
import LessonKit
import Longhand
import Notebook

/// Lesson 15: batch normalization forward and backward on a small batch, running statistics at
/// prediction time, and gradient clipping by value and by norm (with the `002` erratum), ending
/// with a deep network whose exploding gradients are tamed by clipping.
public struct NormalizationClippingLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: "normalization-and-clipping",
        abstract: "Batch normalization and gradient clipping, every number written out and checked.",
        discussion: """
        --batch holds the batch row by row, two features per row. --upstream is the gradient ∂L/∂y the \
        layer above sends back (same shape; when omitted, a fixed pattern of the right size). Defaults \
        are the lesson's numbers. Bad input prints one line naming the option and exits with 64.
        """)
    public static let id = "normalization-and-clipping"
    public static let title = Localized("Batch normalization and gradient clipping", zh: "批量归一化与梯度裁剪")
    public static let summary = Localized("Batch normalization forward and backward with every number written out and checked; running statistics; clipping that caps, not subtracts; exploding gradients tamed.",
                                          zh: "逐个数写出并核对批量归一化的前向与反向；滑动统计量；裁剪是封顶而不是减去阈值；驯服梯度爆炸。")
    public static let part = CoursePart.trainingCraft

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The batch, row by row, two features per row: 2 to 8 rows (4 to 16 numbers), each from -1000 to 1000.", valueName: "x11,x12,x21,…"))
    public var batch = NumberList([1, 50, 2, 60, 3, 70, 6, 20])

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The scales γ of the two features (each from -100 to 100).", valueName: "g1,g2"))
    public var gamma = NumberList([2, 0.5])

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The shifts β of the two features (each from -100 to 100).", valueName: "b1,b2"))
    public var beta = NumberList([1, 0])

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("ε added to the variance (1e-12 to 1).", valueName: "eps"))
    public var epsilon = FiniteNumber(1e-5)

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("∂L/∂y sent back by the layer above, same shape as --batch (each from -100 to 100).", valueName: "g11,g12,…"))
    public var upstream: NumberList?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Momentum of the running statistics (0 to 0.999).", valueName: "m"))
    public var momentum = FiniteNumber(0.9)

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("A new example to normalise at prediction time: two numbers from -1000 to 1000.", valueName: "x1,x2"))
    public var example = NumberList([4, 40])

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The gradient vector to clip: two numbers from -1000 to 1000.", valueName: "g1,g2"))
    public var gradient = NumberList([9, 5])

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The clipping threshold c for that vector (greater than 0, at most 1000).", valueName: "c"))
    public var threshold = FiniteNumber(4)

    @Option(name: .long, help: ArgumentHelp("How the training run clips: norm or value.", valueName: "mode"))
    public var clipMode = ClipMode.norm

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The clipping threshold in the training run (greater than 0, at most 1000).", valueName: "c"))
    public var trainThreshold = FiniteNumber(5)

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Learning rate of the training run (greater than 0, at most 10).", valueName: "eta"))
    public var learningRate = FiniteNumber(0.05)

    @Option(name: .long, help: ArgumentHelp("Steps of the training run (1 to 1000).", valueName: "n"))
    public var steps = 150

    @Option(name: .long, help: ArgumentHelp("Seed of the deep network's weights and of the stream of batches (a whole number, 0 or more).", valueName: "n"))
    public var seed = 3

    public init() {}

    /// How gradients are clipped in the training run.
    public enum ClipMode: String, ExpressibleByArgument, CaseIterable, Sendable {
        case norm, value
        func clipping(_ c: Double) -> GradientClipping { self == .norm ? .norm(threshold: c) : .value(threshold: c) }
    }

    public static func randomArguments(_ random: inout SeededRandom) -> [String] {
        let rows = RandomArguments.integer(&random, 2...6)
        return ["--batch", RandomArguments.list(&random, count: 2 * rows, -100...100, decimals: 2),
                "--gamma", RandomArguments.list(&random, count: 2, -5...5), "--beta", RandomArguments.list(&random, count: 2, -5...5),
                "--upstream", RandomArguments.list(&random, count: 2 * rows, -2...2),
                "--momentum", RandomArguments.text(RandomArguments.number(&random, 0...0.99)),
                "--example", RandomArguments.list(&random, count: 2, -100...100),
                "--gradient", RandomArguments.list(&random, count: 2, -50...50), "--threshold", RandomArguments.text(RandomArguments.number(&random, 0.1...20)),
                "--clip-mode", random.uniform() < 0.5 ? "norm" : "value",
                "--train-threshold", RandomArguments.text(RandomArguments.number(&random, 0.1...5)),
                "--learning-rate", RandomArguments.text(RandomArguments.number(&random, 0.001...2)),
                "--steps", String(RandomArguments.integer(&random, 1...40)), "--seed", String(RandomArguments.integer(&random, 0...1000))]
    }

    public func validate() throws {
        try Check.rows(batch.values, columns: 2, rows: 2...8, option: "--batch", what: "the batch")
        try Check.magnitude(batch.values, max: 1000, option: "--batch")
        try Check.count(gamma.values, 2, option: "--gamma", what: "one γ per feature")
        try Check.magnitude(gamma.values, max: 100, option: "--gamma")
        try Check.count(beta.values, 2, option: "--beta", what: "one β per feature")
        try Check.magnitude(beta.values, max: 100, option: "--beta")
        try Check.range(epsilon.value, 1e-12...1, option: "--epsilon")
        if let upstream {
            try Check.count(upstream.values, batch.values.count, option: "--upstream", what: "∂L/∂y, one per entry of --batch,")
            try Check.magnitude(upstream.values, max: 100, option: "--upstream")
        }
        try Check.range(momentum.value, 0...0.999, option: "--momentum")
        try Check.count(example.values, 2, option: "--example", what: "the example (two features)")
        try Check.magnitude(example.values, max: 1000, option: "--example")
        try Check.count(gradient.values, 2, option: "--gradient", what: "the gradient vector")
        try Check.magnitude(gradient.values, max: 1000, option: "--gradient")
        try Check.range(threshold.value, 1e-6...1000, option: "--threshold")
        try Check.range(trainThreshold.value, 1e-6...1000, option: "--train-threshold")
        try Check.range(learningRate.value, 1e-9...10, option: "--learning-rate")
        try Check.range(steps, 1...1000, option: "--steps")
        try Check.seed(seed)
    }

    public var parameters: [(String, JSONValue)] {
        [("batch", .matrix(x.nested)), ("gamma", .vector(gamma.values)), ("beta", .vector(beta.values)),
         ("epsilon", .number(epsilon.value)), ("upstream", .matrix(upstreamGradient.nested)),
         ("momentum", .number(momentum.value)), ("example", .vector(example.values)),
         ("gradient", .vector(gradient.values)), ("threshold", .number(threshold.value)),
         ("clip_mode", .string(clipMode.rawValue)), ("train_threshold", .number(trainThreshold.value)),
         ("learning_rate", .number(learningRate.value)), ("steps", .number(Double(steps))), ("seed", .number(Double(seed)))]
    }

    /// The batch as an m×2 matrix.
    var x: Matrix { Matrix(rows: batch.values.count / 2, columns: 2, values: batch.values) }

    /// ∂L/∂y: the option, or a fixed pattern cut to the batch's size.
    var upstreamGradient: Matrix {
        let pattern: [Double] = [0.3, -0.2, -0.1, 0.4, 0.5, 0.1, -0.2, -0.3]
        let values = upstream?.values ?? (0..<batch.values.count).map { pattern[$0 % pattern.count] }
        return Matrix(rows: x.rows, columns: 2, values: values)
    }

    /// The lesson's layer.
    var layer: BatchNorm {
        BatchNorm(gamma: gamma.values, beta: beta.values, epsilon: epsilon.value, momentum: momentum.value)
    }

    public func write(_ page: inout Notebook) throws {
        writeIntroduction(&page)
        let forward = writeForward(&page)
        writeBackward(&page, forward)
        writeRunning(&page, forward)
        writeClipping(&page)
        writeExploding(&page)
        writeExercises(&page)
        writeSourcePassages(&page)
    }

    func writeIntroduction(_ page: inout Notebook) {
        page.say("""
            Source text `002` lists four remedies for gradients that vanish or explode as they are passed back through \
            many layers: careful initialization (He or Xavier), better activations (ReLU and its variants, ELU first), \
            **batch normalization**, and **gradient clipping**, and says they are used in roughly that order of preference. \
            The first two have lessons of their own. This one works out the last two with every number on the page: \
            what batch normalization does to a batch on the way forward, which gradients it hands back, what it does \
            differently at prediction time, and what clipping does to a gradient and to a training run that would \
            otherwise blow up.
            """, zh: """
            原文 `002` 针对梯度在多层之间回传时消失或爆炸的问题，列了四种对策：合适的初始化（He 或 Xavier）、\
            更好的激活函数（ReLU 及其变种，首选 ELU）、**批量归一化**（Batch Normalization）和**梯度裁剪**（Gradient Clipping），\
            并说大致按这个顺序优先使用。前两种另有专门的课。本课把后两种的每个数都算在纸面上：\
            批量归一化在前向时把一批数据变成了什么，反向时传回哪些梯度，预测时又有什么不同；\
            以及裁剪对一个梯度、对一次本会失控的训练各做了什么。
            """)
    }
}
