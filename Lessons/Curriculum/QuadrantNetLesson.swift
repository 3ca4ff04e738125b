import ArgumentParser
import LessonKit
import Longhand
import Notebook

/// Lesson 10: `002`'s quadrant task with its 2-50-4 ReLU network, softmax and cross-entropy:
/// the first iteration in full, training, and the prediction for (2, 2).
public struct QuadrantNetLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: "quadrant-net",
        abstract: "Which quadrant is (2, 2) in? A 2-50-4 network with ReLU, softmax and cross-entropy, worked in full.",
        discussion: """
        The network has two inputs, the --hidden layer sizes, and four outputs (quadrants I to IV); \
        weights are He-initialized from --seed, biases 0. Training is full-batch gradient descent on \
        the four points. Bad input prints one line naming the option and exits with 64.
        """)
    public static let id = "quadrant-net"
    public static let title = Localized("Which quadrant? A 2-50-4 network, worked in full", zh: "属于哪个象限？完整演算一个 2-50-4 网络")
    public static let summary = Localized("002's task: four points, four quadrants; ReLU, softmax and cross-entropy with every shape and gradient shown; then training, and the quadrant the network gives (2, 2).",
                                          zh: "`002` 的任务：四个点、四个象限；ReLU、softmax 与交叉熵，打印每个形状和梯度；然后训练，看网络把 (2, 2) 判给哪个象限。")
    public static let part = CoursePart.multiLayer

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Hidden-layer sizes: 1 to 3 whole numbers, each 1 to 200.", valueName: "n1,n2"))
    public var hidden = NumberList([50])

    @Option(name: .long, help: ArgumentHelp("Activation of the hidden layers: \(NetworkActivation.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "name"))
    public var activation = NetworkActivation.relu

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Learning rate η (greater than 0, at most 1000; large values make training diverge, which the lesson detects and explains).", valueName: "eta"))
    public var learningRate = FiniteNumber(0.1)

    @Option(name: .long, help: ArgumentHelp("Gradient-descent steps (1 to 20000, and at most 2.5e8 divided by the number of parameters, so that a run stays under 10 s).", valueName: "n"))
    public var iterations = 200

    @Option(name: .long, help: ArgumentHelp("Seed of the starting weights (a whole number, 0 or more).", valueName: "n"))
    public var seed = 1

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The point to classify: two numbers, each from -100 to 100.", valueName: "x,y"))
    public var point = NumberList([2, 2])

    public init() {}

    public func validate() throws {
        try Check.layerSizes(hidden.values, maxLayers: 3, maxWidth: 200, option: "--hidden")
        try Check.range(learningRate.value, 1e-9...1000, option: "--learning-rate")
        try Check.range(iterations, 1...20000, option: "--iterations")
        try Check.seed(seed)
        try Check.count(point.values, 2, option: "--point", what: "a point (x, y)")
        try Check.magnitude(point.values, max: 100, option: "--point")
        let parameters = zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 }
        try RunBudget.check(Double(iterations) * Double(parameters), limit: Self.parameterSteps, option: "--iterations",
                            largest: Self.parameterSteps / Double(parameters),
                            what: "\(iterations) iterations of a \(parameters)-parameter network")
    }

    /// Measured: 1.8·10⁻⁸ s per parameter per iteration, on top of about 4.5 s for printing and checking the largest network.
    static let parameterSteps = 2.5e8

    public var parameters: [(String, JSONValue)] {
        [("hidden", .vector(hidden.values)), ("activation", .string(activation.rawValue)),
         ("learning_rate", .number(learningRate.value)), ("iterations", .number(Double(iterations))),
         ("seed", .number(Double(seed))), ("point", .vector(point.values))]
    }

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

    public func write(_ page: inout Notebook) throws {
        let start = Self.network(sizes: sizes, hidden: activation.activation, seed: seed)
        writeTask(&page)
        writeFirstIteration(&page, start)
        let trained = writeTraining(&page, start)
        writePrediction(&page, trained)
        writeExercises(&page, trained)
    }
}
