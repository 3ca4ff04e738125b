import ArgumentParser
import LessonKit
import Longhand
import Notebook

/// Lesson 8: the four backpropagation equations BP1–BP4 in matrix form, worked on a small network,
/// checked by central differences, and the update-order erratum of `002`.
public struct BackpropEquationsLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: "backprop-equations",
        abstract: "The four equations of backpropagation, every vector and matrix printed and checked.",
        discussion: """
        The network has one input per --input number, the --hidden layer sizes, and one output per \
        --target number. Its weights and biases are drawn from N(0, 1) with --seed and rounded to two \
        decimals. Bad input prints one line naming the option and exits with 64.
        """)
    public static let id = "backprop-equations"
    public static let title = Localized("The four equations of backpropagation", zh: "反向传播的四个方程")
    public static let summary = Localized("BP1–BP4 in matrix form on a 2-3-2 network, every matrix printed and every gradient checked; all layers are updated together.",
                                          zh: "以矩阵形式在 2-3-2 网络上演算 BP1–BP4，打印每个矩阵、核对每个梯度；所有层一起更新。")
    public static let part = CoursePart.multiLayer

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The input x: 1 to 4 numbers, each from -10 to 10.", valueName: "x1,x2"))
    public var input = NumberList([1, 0.5])

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The target y: 1 to 4 numbers, each from -10 to 10.", valueName: "y1,y2"))
    public var target = NumberList([1, 0])

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Hidden-layer sizes: 1 to 3 whole numbers, each 1 to 6.", valueName: "n1,n2"))
    public var hidden = NumberList([3])

    @Option(name: .long, help: ArgumentHelp("Activation of every layer: \(NetworkActivation.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "name"))
    public var activation = NetworkActivation.sigmoid

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Learning rate η of the update (greater than 0, at most 10).", valueName: "eta"))
    public var learningRate = FiniteNumber(0.5)

    @Option(name: .long, help: ArgumentHelp("Seed of the weights (a whole number, 0 or more).", valueName: "n"))
    public var seed = 7

    public init() {}

    public func validate() throws {
        try Check.countRange(input.values, 1...4, option: "--input", what: "the input x")
        try Check.magnitude(input.values, max: 10, option: "--input")
        try Check.countRange(target.values, 1...4, option: "--target", what: "the target y")
        try Check.magnitude(target.values, max: 10, option: "--target")
        try Check.layerSizes(hidden.values, maxLayers: 3, maxWidth: 6, option: "--hidden")
        try Check.range(learningRate.value, 1e-9...10, option: "--learning-rate")
        try Check.seed(seed)
    }

    public var parameters: [(String, JSONValue)] {
        [("input", .vector(input.values)), ("target", .vector(target.values)), ("hidden", .vector(hidden.values)),
         ("activation", .string(activation.rawValue)), ("learning_rate", .number(learningRate.value)),
         ("seed", .number(Double(seed)))]
    }

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

    public func write(_ page: inout Notebook) throws {
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
