import ArgumentParser
import LessonKit
import LonghandEngine
import Notebook

/// Lesson 10: `002`'s quadrant task with its 2-50-4 ReLU network, softmax and cross-entropy:
/// the first iteration in full, training, and the prediction for (2, 2).
public struct QuadrantNetLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: id,
        abstract: "Which quadrant is (2, 2) in? A 2-50-4 network with ReLU, softmax and cross-entropy, worked in full.",
        discussion: """
        The network has two inputs, the --hidden layer sizes, and four outputs (quadrants I to IV); \
        weights are He-initialized from --seed, biases 0. Training is full-batch gradient descent on \
        the four points. Bad input prints one line naming the option and exits with 64.
        """)
    public static let position = 100
    public static let title = Localized("Which quadrant? A 2-50-4 network, worked in full", zh: "属于哪个象限？完整演算一个 2-50-4 网络")
    public static let summary = Localized("002's task: four points, four quadrants; ReLU, softmax and cross-entropy with every shape and gradient shown; then training, and the quadrant the network gives (2, 2).",
                                          zh: "`002` 的任务：四个点、四个象限；ReLU、softmax 与交叉熵，打印每个形状和梯度；然后训练，看网络把 (2, 2) 判给哪个象限。")
    public static let part = CoursePart.multiLayer

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: Self.help("hidden"))
    public var hidden = NumberList([50])

    @Option(name: .long, parsing: .unconditional, help: Self.help("activation"))
    public var activation = NetworkActivation.relu

    @Option(name: .long, parsing: .unconditional, help: Self.help("learning-rate"))
    public var learningRate = FiniteNumber(0.1)

    @Option(name: .long, parsing: .unconditional, help: Self.help("iterations"))
    public var iterations = 200

    @Option(name: .long, parsing: .unconditional, help: Self.help("seed"))
    public var seed = 1

    @Option(name: .long, parsing: .unconditional, help: Self.help("point"))
    public var point = NumberList([2, 2])

    public init() {}

    public static var options: [LessonOption<Self>] {[
        .numbers("hidden", \.hidden, count: .between(1...3), each: 1...200, whole: true,
                 label: Localized("Hidden-layer sizes", zh: "隐藏层大小"), help: Localized("Hidden-layer sizes", zh: "各隐藏层的神经元个数"), valueName: "n1,n2")
            .sampled(.list(count: .between(1...2), each: 1...20, whole: true)),
        .choice("activation", \.activation,
                label: Localized("Activation", zh: "激活函数"), help: Localized("Activation of the hidden layers", zh: "隐藏层的激活函数")),
        .number("learning-rate", \.learningRate, 1e-9...1000,
                label: Localized("Learning rate η", zh: "学习率 η"),
                help: Localized("Learning rate η; large values make training diverge, which the lesson detects and explains",
                                zh: "学习率 η；取值过大会让训练发散，课程会检测到并加以解释"), valueName: "eta")
            .sampled(.number(0.001...1)),
        .integer("iterations", \.iterations, 1...20000,
                 label: Localized("Iterations", zh: "迭代次数"), help: Localized("Gradient-descent steps, at most \(OptionText.number(Self.parameterSteps)) divided by the number of parameters (so that a run stays under \(Int(RunBudget.seconds)) s)",
                                 zh: "梯度下降的步数，至多为 \(OptionText.number(Self.parameterSteps)) 除以参数个数（使一次运行不超过 \(Int(RunBudget.seconds)) 秒）"))
            .sampled(.integer(1...50)),
        .integer("seed", \.seed, 0...Int.max,
                 label: Localized("Seed", zh: "随机种子"), help: Localized("Seed of the starting weights", zh: "起始权重的种子")),
        .numbers("point", \.point, count: .exactly(2), each: -100...100,
                 label: Localized("Point", zh: "要分类的点"), help: Localized("The point to classify", zh: "要分类的点"), valueName: "x,y"),
    ]}

    public func validateTogether() throws(OptionError) {
        let parameters = zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 }
        try RunBudget.check(Double(iterations) * Double(parameters), limit: Self.parameterSteps, option: "iterations",
                            largest: Self.parameterSteps / Double(parameters),
                            what: Localized("\(iterations) iterations of a \(parameters)-parameter network",
                                            zh: "一个有 \(parameters) 个参数的网络迭代 \(iterations) 次"))
    }

    /// Measured: 1.8·10⁻⁸ s per parameter per iteration, on top of about 4.5 s for printing and checking the largest network.
    static let parameterSteps = 2.5e8

    /// The text's four points, one per row, and their quadrants (class k is quadrant k + 1).
    static let inputs = Matrix([[1, 1], [-1, 1], [-1, -1], [1, -1]])
    static let labels = [0, 1, 2, 3]
    static let objective = Network.Objective.softmaxCrossEntropy(labels: labels)
    static let numerals = ["I", "II", "III", "IV"]
    /// Up to this many parameters the first iteration's gradient is checked entry by entry; above it,
    /// a seeded sample of `sampledChecks` entries (the full check is quadratic in the parameter count).
    static let fullCheckLimit = 3000
    static let sampledChecks = 1000

    var sizes: [Int] { [2] + hidden.values.map { Int($0) } + [4] }

    /// He-initialized weights (N(0, 2/m)) from `seed`, zero biases, identity output (the logits).
    static func network(sizes: [Int], hidden: Activation, seed: Int) -> Network {
        var random = SeededRandom(seed: UInt64(seed))
        return Network(sizes: sizes, hidden: hidden, output: .identity, initializer: .he, using: &random)
    }

    public func write(_ page: inout Page) throws {
        let start = Self.network(sizes: sizes, hidden: activation.activation, seed: seed)
        writeTask(&page)
        writeFirstIteration(&page, start)
        let trained = writeTraining(&page, start)
        writePrediction(&page, trained)
        writeExercises(&page, trained)
        writeSourcePassages(&page)
    }
}
