import ArgumentParser
import LessonKit
import Longhand
import Notebook

/// Lesson 9: XOR, which no single perceptron can compute, learned by a small network with a hidden layer.
public struct XorNetLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: "xor-net",
        abstract: "XOR: impossible for one perceptron, learned by a 2-2-1 network; what each hidden unit learns.",
        discussion: """
        The network has two inputs, the --hidden layer sizes, and one sigmoid output; its starting \
        weights are N(0, 1) draws with --seed, biases 0. Training is full-batch gradient descent on \
        the four XOR examples. Bad input prints one line naming the option and exits with 64.
        """)
    public static let id = "xor-net"
    public static let title = Localized("XOR: what a hidden layer buys", zh: "异或（XOR）：隐藏层带来了什么")
    public static let summary = Localized("One perceptron cannot compute XOR; a 2-2-1 sigmoid network learns it, and each hidden unit turns out to be a simple logic gate.",
                                          zh: "单个感知机算不出 XOR；一个 2-2-1 的 sigmoid 网络学会了它，而每个隐藏单元原来都是一个简单的逻辑门。")
    public static let part = CoursePart.multiLayer

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Hidden-layer sizes: 1 to 3 whole numbers, each 1 to 8.", valueName: "n1,n2"))
    public var hidden = NumberList([2])

    @Option(name: .long, help: ArgumentHelp("Activation of the hidden layers: \(NetworkActivation.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "name"))
    public var activation = NetworkActivation.sigmoid

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Learning rate η (greater than 0, at most 50).", valueName: "eta"))
    public var learningRate = FiniteNumber(2)

    @Option(name: .long, help: ArgumentHelp("Gradient-descent steps (1 to 50000).", valueName: "n"))
    public var iterations = 5000

    @Option(name: .long, help: ArgumentHelp("Seed of the starting weights (a whole number, 0 or more).", valueName: "n"))
    public var seed = 1

    public init() {}

    public func validate() throws {
        try Check.layerSizes(hidden.values, maxLayers: 3, maxWidth: 8, option: "--hidden")
        try Check.range(learningRate.value, 1e-9...50, option: "--learning-rate")
        try Check.range(iterations, 1...50000, option: "--iterations")
        try Check.seed(seed)
    }

    public var parameters: [(String, JSONValue)] {
        [("hidden", .vector(hidden.values)), ("activation", .string(activation.rawValue)),
         ("learning_rate", .number(learningRate.value)), ("iterations", .number(Double(iterations))),
         ("seed", .number(Double(seed)))]
    }

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
        /// (iteration, outputs) at the chosen checkpoints.
        let snapshots: [(Int, [Double])]
        var final: Network { training.network }
        var finalOutputs: [Double] { final.predict(XorNetLesson.inputs).values }
    }

    static func train(_ start: Network, learningRate: Double, iterations: Int, checkpoints: Set<Int> = []) -> Run {
        var firstPerfect: Int?
        var snapshots: [(Int, [Double])] = []
        let training = start.trained(on: inputs, objective, learningRate: learningRate, iterations: iterations) { step, e in
            let out = e.forward.output.values
            if firstPerfect == nil && correct(out) == 4 { firstPerfect = step }
            if checkpoints.contains(step) { snapshots.append((step, out)) }
        }
        if firstPerfect == nil && correct(training.network.predict(inputs).values) == 4 { firstPerfect = iterations }
        return Run(start: start, training: training, firstPerfect: firstPerfect, snapshots: snapshots)
    }

    public func write(_ page: inout Notebook) throws {
        let singleNeuronLosses = writeWhyNot(&page)
        let start = Self.network(sizes: sizes, hidden: activation.activation, seed: seed)
        let checkpoints = Set([0, 10, 50, 100, 250, 500, 1000, 2000, 5000, 10000, 20000].filter { $0 < iterations })
        let run = Self.train(start, learningRate: learningRate.value, iterations: iterations, checkpoints: checkpoints)
        writeNetwork(&page, run)
        writeTraining(&page, run, singleNeuronLosses: singleNeuronLosses)
        writeTrained(&page, run)
        writeHiddenUnits(&page, run)
        writeExercises(&page)
        writeSourcePassages(&page)
    }
}
