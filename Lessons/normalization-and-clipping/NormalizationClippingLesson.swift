import ArgumentParser
import LessonKit
import LonghandEngine
import Notebook

/// Lesson 15: batch normalization forward and backward on a small batch, running statistics at
/// prediction time, and gradient clipping by value and by norm (with the `002` erratum), ending
/// with a deep network whose exploding gradients are tamed by clipping.
public struct NormalizationClippingLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: id,
        abstract: "Batch normalization and gradient clipping, every number written out and checked.",
        discussion: """
        --batch holds the batch row by row, two features per row. --upstream is the gradient ∂L/∂y the \
        layer above sends back (same shape; when omitted, a fixed pattern of the right size). Defaults \
        are the lesson's numbers. Bad input prints one line naming the option and exits with 64.
        """)
    public static let position = 150
    public static let title = Localized("Batch normalization and gradient clipping", zh: "批量归一化与梯度裁剪")
    public static let summary = Localized("Batch normalization forward and backward with every number written out and checked; running statistics; clipping that caps, not subtracts; exploding gradients tamed.",
                                          zh: "逐个数写出并核对批量归一化的前向与反向；滑动统计量；裁剪是封顶而不是减去阈值；驯服梯度爆炸。")
    public static let part = CoursePart.trainingCraft

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: Self.help("batch"))
    public var batch = NumberList([1, 50, 2, 60, 3, 70, 6, 20])

    @Option(name: .long, parsing: .unconditional, help: Self.help("gamma"))
    public var gamma = NumberList([2, 0.5])

    @Option(name: .long, parsing: .unconditional, help: Self.help("beta"))
    public var beta = NumberList([1, 0])

    @Option(name: .long, parsing: .unconditional, help: Self.help("epsilon"))
    public var epsilon = FiniteNumber(1e-5)

    @Option(name: .long, parsing: .unconditional, help: Self.help("upstream"))
    public var upstream: NumberList?

    @Option(name: .long, parsing: .unconditional, help: Self.help("momentum"))
    public var momentum = FiniteNumber(0.9)

    @Option(name: .long, parsing: .unconditional, help: Self.help("example"))
    public var example = NumberList([4, 40])

    @Option(name: .long, parsing: .unconditional, help: Self.help("gradient"))
    public var gradient = NumberList([9, 5])

    @Option(name: .long, parsing: .unconditional, help: Self.help("threshold"))
    public var threshold = FiniteNumber(4)

    @Option(name: .long, parsing: .unconditional, help: Self.help("clip-mode"))
    public var clipMode = ClipMode.norm

    @Option(name: .long, parsing: .unconditional, help: Self.help("train-threshold"))
    public var trainThreshold = FiniteNumber(5)

    @Option(name: .long, parsing: .unconditional, help: Self.help("learning-rate"))
    public var learningRate = FiniteNumber(0.05)

    @Option(name: .long, parsing: .unconditional, help: Self.help("steps"))
    public var steps = 150

    @Option(name: .long, parsing: .unconditional, help: Self.help("seed"))
    public var seed = 3

    public init() {}

    public static var options: [LessonOption<Self>] {[
        .numbers("batch", \.batch, count: .rows(columns: 2, rows: 2...8), each: -1000...1000,
                 label: Localized("Batch", zh: "一批数据"),
                 help: Localized("The batch, row by row, two features per row", zh: "一批数据，逐行给出，每行两个特征"), valueName: "x11,x12,x21,…")
            .sampled(.list(count: .rows(columns: 2, rows: 2...6), each: -100...100), decimals: 2)
            .json { .matrix($0.x.nested) },
        .numbers("gamma", \.gamma, count: .exactly(2), each: -100...100,
                 label: Localized("Scales γ", zh: "缩放 γ"), help: Localized("The scales γ of the two features", zh: "两个特征的缩放系数 γ"), valueName: "g1,g2")
            .sampled(.list(count: .exactly(2), each: -5...5)),
        .numbers("beta", \.beta, count: .exactly(2), each: -100...100,
                 label: Localized("Shifts β", zh: "平移 β"), help: Localized("The shifts β of the two features", zh: "两个特征的平移量 β"), valueName: "b1,b2")
            .sampled(.list(count: .exactly(2), each: -5...5)),
        .number("epsilon", \.epsilon, 1e-12...1,
                label: Localized("ε", zh: "ε"), help: Localized("ε added to the variance", zh: "加到方差上的 ε"), valueName: "eps")
            .sampled(.number(1e-5...1e-5)),
        .numbers("upstream", \.upstream, count: .sameAs("batch"), each: -100...100,
                 label: Localized("Upstream gradient ∂L/∂y", zh: "上游梯度 ∂L/∂y"),
                 help: Localized("∂L/∂y sent back by the layer above, same shape as --batch", zh: "上一层传回的 ∂L/∂y，形状与 --batch 相同"), valueName: "g11,g12,…")
            .sampled(.list(count: .sameAs("batch"), each: -2...2))
            .json { .matrix($0.upstreamGradient.nested) },
        .number("momentum", \.momentum, 0...0.999,
                label: Localized("Momentum", zh: "动量"), help: Localized("Momentum of the running statistics", zh: "滑动统计量的动量"), valueName: "m")
            .sampled(.number(0...0.99)),
        .numbers("example", \.example, count: .exactly(2), each: -1000...1000,
                 label: Localized("New example", zh: "新样本"),
                 help: Localized("A new example to normalise at prediction time", zh: "预测时要归一化的一个新样本"), valueName: "x1,x2")
            .sampled(.list(count: .exactly(2), each: -100...100)),
        .numbers("gradient", \.gradient, count: .exactly(2), each: -1000...1000,
                 label: Localized("Gradient to clip", zh: "要裁剪的梯度"), help: Localized("The gradient vector to clip", zh: "要裁剪的梯度向量"), valueName: "g1,g2")
            .sampled(.list(count: .exactly(2), each: -50...50)),
        .number("threshold", \.threshold, 1e-6...1000,
                label: Localized("Clipping threshold c", zh: "裁剪阈值 c"), help: Localized("The clipping threshold c for that vector", zh: "这个向量的裁剪阈值 c"), valueName: "c")
            .sampled(.number(0.1...20)),
        .choice("clip-mode", \.clipMode,
                label: Localized("Clipping mode", zh: "裁剪方式"), help: Localized("How the training run clips", zh: "训练时的裁剪方式"), valueName: "mode"),
        .number("train-threshold", \.trainThreshold, 1e-6...1000,
                label: Localized("Training threshold", zh: "训练时的阈值"),
                help: Localized("The clipping threshold in the training run", zh: "训练时所用的裁剪阈值"), valueName: "c")
            .sampled(.number(0.1...5)),
        .number("learning-rate", \.learningRate, 1e-9...10,
                label: Localized("Learning rate η", zh: "学习率 η"), help: Localized("Learning rate of the training run", zh: "训练所用的学习率"), valueName: "eta")
            .sampled(.number(0.001...2)),
        .integer("steps", \.steps, 1...1000,
                 label: Localized("Steps", zh: "步数"), help: Localized("Steps of the training run", zh: "训练的步数"))
            .sampled(.integer(1...40)),
        .integer("seed", \.seed, 0...Int.max,
                 label: Localized("Seed", zh: "随机种子"),
                 help: Localized("Seed of the deep network's weights and of the stream of batches", zh: "深层网络权重和各批数据的种子"))
            .sampled(.integer(0...1000)),
    ]}

    /// How gradients are clipped in the training run.
    public enum ClipMode: String, ExpressibleByArgument, CaseIterable, Sendable {
        case norm, value
        func clipping(_ c: Double) -> GradientClipping { self == .norm ? .norm(threshold: c) : .value(threshold: c) }
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

    public func write(_ page: inout Page) throws {
        writeIntroduction(&page)
        let forward = writeForward(&page)
        writeBackward(&page, forward)
        writeRunning(&page, forward)
        writeClipping(&page)
        writeExploding(&page)
        writeExercises(&page)
        writeSourcePassages(&page)
    }

    func writeIntroduction(_ page: inout Page) {
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
