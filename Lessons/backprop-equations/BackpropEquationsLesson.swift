import ArgumentParser
import LessonKit
import LonghandEngine
import Notebook

/// Lesson 8: the four backpropagation equations BP1–BP4 in matrix form, worked on a small network,
/// checked by central differences, and the update-order erratum of `002`.
public struct BackpropEquationsLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: id,
        abstract: "The four equations of backpropagation, every vector and matrix printed and checked.",
        discussion: """
        The network has one input per --input number, the --hidden layer sizes, and one output per \
        --target number. Its weights and biases are drawn from N(0, 1) with --seed and rounded to two \
        decimals. Bad input prints one line naming the option and exits with 64.
        """)
    public static let position = 80
    public static let title = Localized("The four equations of backpropagation", zh: "反向传播的四个方程")
    public static let summary = Localized("BP1–BP4 in matrix form on a 2-3-2 network, every matrix printed and every gradient checked; all layers are updated together.",
                                          zh: "以矩阵形式在 2-3-2 网络上演算 BP1–BP4，打印每个矩阵、核对每个梯度；所有层一起更新。")
    public static let part = CoursePart.multiLayer

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: Self.help("input"))
    public var input = NumberList([1, 0.5])

    @Option(name: .long, parsing: .unconditional, help: Self.help("target"))
    public var target = NumberList([1, 0])

    @Option(name: .long, parsing: .unconditional, help: Self.help("hidden"))
    public var hidden = NumberList([3])

    @Option(name: .long, parsing: .unconditional, help: Self.help("activation"))
    public var activation = NetworkActivation.sigmoid

    @Option(name: .long, parsing: .unconditional, help: Self.help("learning-rate"))
    public var learningRate = FiniteNumber(0.5)

    @Option(name: .long, parsing: .unconditional, help: Self.help("seed"))
    public var seed = 7

    public init() {}

    public static var options: [LessonOption<Self>] {[
        .numbers("input", \.input, count: .between(1...4), each: -10...10,
                 label: Localized("Input x", zh: "输入 x"), help: Localized("The input x", zh: "输入 x"), valueName: "x1,x2"),
        .numbers("target", \.target, count: .between(1...4), each: -10...10,
                 label: Localized("Target y", zh: "目标 y"), help: Localized("The target y", zh: "目标 y"), valueName: "y1,y2"),
        .numbers("hidden", \.hidden, count: .between(1...3), each: 1...6, whole: true,
                 label: Localized("Hidden-layer sizes", zh: "隐藏层大小"), help: Localized("Hidden-layer sizes", zh: "各隐藏层的神经元个数"), valueName: "n1,n2"),
        .choice("activation", \.activation,
                label: Localized("Activation", zh: "激活函数"), help: Localized("Activation of every layer", zh: "每一层的激活函数")),
        .number("learning-rate", \.learningRate, 1e-9...10,
                label: Localized("Learning rate η", zh: "学习率 η"), help: Localized("Learning rate η of the update", zh: "更新所用的学习率 η"), valueName: "eta"),
        .integer("seed", \.seed, 0...Int.max,
                 label: Localized("Seed", zh: "随机种子"), help: Localized("Seed of the weights", zh: "权重的种子")),
    ]}

    /// The layer sizes: inputs, hidden layers, outputs.
    var sizes: [Int] { [input.values.count] + hidden.values.map { Int($0) } + [target.values.count] }

    /// A network whose weights and biases are N(0, 1) draws rounded to two decimals, so a reader
    /// can redo every product by hand. Every layer uses `activation`.
    static func network(sizes: [Int], activation: Activation, seed: Int) -> Network {
        var random = SeededRandom(seed: UInt64(seed))
        func draw() -> Double { (random.normal() * 100).rounded() / 100 }
        var layers: [Dense] = []
        for l in 1..<sizes.count {
            let w = Matrix(rows: sizes[l - 1], columns: sizes[l]) { _, _ in draw() }
            let b = Matrix(rows: 1, columns: sizes[l]) { _, _ in draw() }
            layers.append(Dense(weights: w, bias: b, activation: activation))
        }
        return Network(layers: layers)
    }

    /// The procedure `002` describes: compute the top layer's gradient, update it, and only then
    /// compute the next layer's δ, with the top layer's new weights. Returns each layer's
    /// gradient (bottom to top) and the network it ends with. Shown only to be refuted.
    static func topFirst(_ net: Network, _ forward: Network.Forward, outputGradient: Matrix, learningRate eta: Double)
        -> (gradients: [DenseGradient], deltas: [Matrix], network: Network) {
        var layers = net.layers
        var gradients = [DenseGradient?](repeating: nil, count: layers.count)
        var deltas = [Matrix?](repeating: nil, count: layers.count)
        var upstream = outputGradient
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let pass = layers[l].backward(forward.layers[l], outputGradient: upstream)
            gradients[l] = pass.gradient
            deltas[l] = pass.delta
            layers[l] = layers[l].updated(by: pass.gradient, learningRate: eta)
            upstream = layers[l].inputGradient(pass.delta)   // the NEW weights: the mistake
        }
        return (gradients.map { $0! }, deltas.map { $0! }, Network(layers: layers))
    }

    public func write(_ page: inout Page) throws {
        let net = Self.network(sizes: sizes, activation: activation.activation, seed: seed)
        let x = Matrix(row: input.values), y = Matrix(row: target.values)
        let objective = Network.Objective.halfSquaredError(targets: y)
        let eval = net.evaluate(x, objective)
        writeIntroduction(&page, net)
        writeForward(&page, net, eval, y)
        writeBackward(&page, net, eval)
        writeCheck(&page, net, x, objective)
        writeUpdate(&page, net, eval, x, objective)
        writeExercises(&page, net)
        writeSourcePassages(&page)
    }
}
