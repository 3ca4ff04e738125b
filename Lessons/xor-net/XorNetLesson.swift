import ArgumentParser
import LessonKit
import LonghandEngine
import Notebook

/// Lesson 9: XOR, which no single perceptron can compute, learned by a small network with a hidden layer.
public struct XorNetLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: id,
        abstract: "XOR: impossible for one perceptron, learned by a 2-2-1 network; what each hidden unit learns.",
        discussion: """
        The network has two inputs, the --hidden layer sizes, and one sigmoid output; its starting \
        weights are N(0, 1) draws with --seed, biases 0. Training is full-batch gradient descent on \
        the four XOR examples. Bad input prints one line naming the option and exits with 64.
        """)
    public static let position = 90
    public static let title = Localized("XOR: what a hidden layer buys", zh: "异或（XOR）：隐藏层带来了什么")
    public static let summary = Localized("One perceptron cannot compute XOR; a 2-2-1 sigmoid network learns it, and each hidden unit turns out to be a simple logic gate.",
                                          zh: "单个感知机算不出 XOR；一个 2-2-1 的 sigmoid 网络学会了它，而每个隐藏单元原来都是一个简单的逻辑门。")
    public static let part = CoursePart.multiLayer

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: Self.help("hidden"))
    public var hidden = NumberList([2])

    @Option(name: .long, parsing: .unconditional, help: Self.help("activation"))
    public var activation = NetworkActivation.sigmoid

    @Option(name: .long, parsing: .unconditional, help: Self.help("learning-rate"))
    public var learningRate = FiniteNumber(2)

    @Option(name: .long, parsing: .unconditional, help: Self.help("iterations"))
    public var iterations = 5000

    @Option(name: .long, parsing: .unconditional, help: Self.help("seed"))
    public var seed = 1

    public init() {}

    public static var options: [LessonOption<Self>] {[
        .numbers("hidden", \.hidden, count: .between(1...3), each: 1...8, whole: true,
                 label: Localized("Hidden-layer sizes", zh: "隐藏层大小"), help: Localized("Hidden-layer sizes", zh: "各隐藏层的神经元个数"), valueName: "n1,n2"),
        .choice("activation", \.activation,
                label: Localized("Activation", zh: "激活函数"), help: Localized("Activation of the hidden layers", zh: "隐藏层的激活函数")),
        .number("learning-rate", \.learningRate, 1e-9...50,
                label: Localized("Learning rate η", zh: "学习率 η"), help: Localized("Learning rate η", zh: "学习率 η"), valueName: "eta")
            .sampled(.number(0.01...10)),
        .integer("iterations", \.iterations, 1...50000,
                 label: Localized("Iterations", zh: "迭代次数"), help: Localized("Gradient-descent steps", zh: "梯度下降的步数"))
            .sampled(.integer(1...500)),
        .integer("seed", \.seed, 0...Int.max,
                 label: Localized("Seed", zh: "随机种子"), help: Localized("Seed of the starting weights", zh: "起始权重的种子")),
    ]}

    /// The four XOR examples, in binary order, and their targets.
    static let inputs = Matrix([[0, 0], [0, 1], [1, 0], [1, 1]])
    static let targets: [Double] = [0, 1, 1, 0]
    static let objective = Network.Objective.halfSquaredError(targets: Matrix(column: targets))

    var sizes: [Int] { [2] + hidden.values.map { Int($0) } + [1] }

    /// The starting network: N(0, 1) weights from `seed`, zero biases, sigmoid output.
    static func network(sizes: [Int], hidden: Activation, seed: Int) -> Network {
        var random = SeededRandom(seed: UInt64(seed))
        return Network(sizes: sizes, hidden: hidden, output: .sigmoid, initializer: .normal(standardDeviation: 1), using: &random)
    }

    /// How many of the four examples are right when the output is read as 1 above 0.5.
    static func correct(_ outputs: [Double]) -> Int {
        zip(outputs, targets).filter { ($0 > 0.5 ? 1.0 : 0.0) == $1 }.count
    }

    /// A training run with the first step at which all four examples were right, and snapshots.
    struct Run {
        let start: Network
        let training: Network.Training
        let firstPerfect: Int?
        /// Whether all four stayed right at every step after `firstPerfect` (false when there is none).
        let stayedPerfect: Bool
        /// (iteration, outputs) at the chosen checkpoints.
        let snapshots: [(Int, [Double])]
        var final: Network { training.network }
        var finalOutputs: [Double] { final.predict(XorNetLesson.inputs).values }
    }

    static func train(_ start: Network, learningRate: Double, iterations: Int, checkpoints: Set<Int> = []) -> Run {
        var firstPerfect: Int?
        var lostAfterwards = false
        var snapshots: [(Int, [Double])] = []
        let training = start.trained(on: inputs, objective, learningRate: learningRate, iterations: iterations) { step, e in
            let out = e.forward.output.values
            let right = correct(out) == 4
            if firstPerfect == nil && right { firstPerfect = step }
            if firstPerfect != nil && !right { lostAfterwards = true }
            if checkpoints.contains(step) { snapshots.append((step, out)) }
        }
        let finalRight = correct(training.network.predict(inputs).values) == 4
        if firstPerfect == nil && finalRight { firstPerfect = iterations }
        if !finalRight { lostAfterwards = true }
        return Run(start: start, training: training, firstPerfect: firstPerfect, stayedPerfect: firstPerfect != nil && !lostAfterwards,
                   snapshots: snapshots)
    }

    public func write(_ page: inout Page) throws {
        let singleNeuronLosses = writeWhyNot(&page)
        let start = Self.network(sizes: sizes, hidden: activation.activation, seed: seed)
        let checkpoints = Set([0, 10, 50, 100, 250, 500, 1000, 2000, 5000, 10000, 20000].filter { $0 < iterations })
        let run = Self.train(start, learningRate: learningRate.value, iterations: iterations, checkpoints: checkpoints)
        writeNetwork(&page, run)
        writeFirstStep(&page, run)
        writeTraining(&page, run, singleNeuronLosses: singleNeuronLosses)
        writeTrained(&page, run)
        writeHiddenUnits(&page, run)
        writeExercises(&page)
        writeSourcePassages(&page)
    }
}
