import ArgumentParser
import LessonKit
import LonghandEngine
import Notebook

/// Lesson 13: vanishing and exploding gradients in a deep network, measured layer by layer under
/// N(0, σ²), LeCun 1/√m, Glorot (Xavier) √(2/(m + n)) and He √(2/m) initialization with sigmoid, tanh and ReLU.
public struct InitializationLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: id,
        abstract: "Gradient norms layer by layer in a deep network under three initializations and three activations.",
        discussion: """
        The network has --inputs inputs, --layers dense layers (all but the last --width wide, the last one \
        linear output), a batch of --batch seeded N(0, 1) inputs and targets, and the half squared error. \
        Every initialization scales the same seeded standard-normal draws. Bad input prints one line naming \
        the option and exits with 64.
        """)
    public static let position = 130
    public static let title = Localized("Initialization: vanishing and exploding gradients", zh: "参数初始化：梯度消失与梯度爆炸")
    public static let summary = Localized("A 10-layer network's gradient norm at every layer under N(0, 1), LeCun 1/√m, Glorot (Xavier) and He initialization, with sigmoid, tanh and ReLU: the problem measured, and the fan-in rules that address it.",
                                          zh: "10 层网络在 N(0, 1)、LeCun 1/√m、Glorot（Xavier）和 He 四种初始化、sigmoid/tanh/ReLU 三种激活下每一层的梯度范数：把问题量出来，再看按扇入定标准差的规则能否解决它。")
    public static let part = CoursePart.trainingCraft

    /// The four initializations compared, in table order.
    enum Scheme: Int, CaseIterable {
        case normal, lecun, glorot, he
        var key: String { ["normal", "lecun", "glorot", "he"][rawValue] }
        var label: Localized {
            [Localized("N(0, σ²)", zh: "N(0, σ²)"), Localized("LeCun 1/√m", zh: "LeCun 1/√m"),
             Localized("Glorot (Xavier) √(2/(m+n))", zh: "Glorot（Xavier）√(2/(m+n))"), Localized("He √(2/m)", zh: "He √(2/m)")][rawValue]
        }
    }

    /// The three activations compared.
    static let activations: [NetworkActivation] = [.sigmoid, .tanh, .relu]

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: Self.help("layers"))
    public var layers = 10

    @Option(name: .long, parsing: .unconditional, help: Self.help("width"))
    public var width = 32

    @Option(name: .long, parsing: .unconditional, help: Self.help("inputs"))
    public var inputs = 8

    @Option(name: .long, parsing: .unconditional, help: Self.help("batch"))
    public var batch = 64

    @Option(name: .long, parsing: .unconditional, help: Self.help("normal-scale"))
    public var normalScale = FiniteNumber(1)

    @Option(name: .long, parsing: .unconditional, help: Self.help("activation"), transform: InitializationLesson.comparedActivation)
    public var activation = NetworkActivation.tanh

    @Option(name: .long, parsing: .unconditional, help: Self.help("seed"))
    public var seed = 5

    public init() {}

    public static var options: [LessonOption<Self>] {[
        .integer("layers", \.layers, 2...20,
                 label: Localized("Layers", zh: "层数"), help: Localized("Number of dense layers", zh: "全连接层的层数"), valueName: "L"),
        .integer("width", \.width, 2...64,
                 label: Localized("Width", zh: "宽度"), help: Localized("Neurons in every hidden layer", zh: "每个隐藏层的神经元个数"))
            // Random tests stay within the run budget whatever the other options: 64 × (64·32 + 18·32² + 32) < workLimit.
            .sampled(.integer(2...32)),
        .integer("inputs", \.inputs, 1...64,
                 label: Localized("Inputs", zh: "输入个数"), help: Localized("Inputs of the first layer, its fan-in", zh: "第一层的输入个数，即它的扇入")),
        .integer("batch", \.batch, 1...256,
                 label: Localized("Batch", zh: "批大小"), help: Localized("Samples in the batch", zh: "一批中的样本数"))
            .sampled(.integer(1...64)),
        .number("normal-scale", \.normalScale, 0.01...5,
                label: Localized("Normal σ", zh: "正态分布的 σ"),
                help: Localized("Standard deviation σ of the plain normal initialization N(0, σ²); the texts' random numbers are 1",
                                zh: "普通正态初始化 N(0, σ²) 的标准差 σ；原文的随机数取 1"), valueName: "σ")
            .sampled(.number(0.01...5), decimals: 2),
        .choice("activation", \.activation, among: activations,
                label: Localized("Activation", zh: "激活函数"),
                help: Localized("Activation whose forward signal is followed layer by layer", zh: "逐层跟踪其前向信号的激活函数")),
        .integer("seed", \.seed, 0...Int.max,
                 label: Localized("Seed", zh: "随机种子"), help: Localized("Seed of the weights, inputs and targets", zh: "权重、输入和目标的种子")),
    ]}

    /// Multiply-adds of one forward pass of one example: inputs × width into layer 1, width × width for each
    /// of the layers − 2 in between, width into the output. The training curves repeat the forward and
    /// backward pass over the batch `curveSteps` times for each of the four initializations.
    var multiplyAddsPerExample: Double { Double(inputs * width + (layers - 2) * width * width + width) }

    /// Batch × multiply-adds per example that fit the run budget. Measured on a release build (2 cores),
    /// both editions: the defaults (5.4·10⁵) take 1.4 s of CPU, 20 layers 64 wide on a batch of 40
    /// (3.0·10⁶, just inside) 4.9 s. Every cap at once (1.9·10⁷) took 18 s for one edition before this limit.
    static let workLimit = 3e6

    public func validateTogether() throws(OptionError) {
        let perExample = multiplyAddsPerExample
        try RunBudget.check(Double(batch) * perExample, limit: Self.workLimit, option: "batch",
                            largest: Self.workLimit / perExample,
                            what: Localized("training \(Scheme.allCases.count) networks of \(layers) layers, \(width) wide, on a batch of \(batch) for \(Self.curveSteps) steps",
                                            zh: "用 \(batch) 个样本的一批把 \(Scheme.allCases.count) 个 \(layers) 层、每层 \(width) 个神经元的网络各训练 \(Self.curveSteps) 步"))
    }

    /// Reads --activation: only the activations the lesson compares (so `--help` lists only those).
    static func comparedActivation(_ text: String) throws -> NetworkActivation {
        guard let activation = NetworkActivation(rawValue: text), activations.contains(activation) else {
            throw ValidationError("not compared here")
        }
        return activation
    }

    /// Layer sizes, inputs first: inputs, then width for every hidden layer, then 1 output.
    var sizes: [Int] { [inputs] + Array(repeating: width, count: layers - 1) + [1] }

    /// The engine's initializer for a scheme.
    func initializer(_ scheme: Scheme) -> Initializer {
        switch scheme {
        case .normal: return .normal(standardDeviation: normalScale.value)
        case .lecun: return .lecun
        case .glorot: return .glorot
        case .he: return .he
        }
    }

    /// The network for one activation and scheme. The weights come from the same seeded draws for
    /// every scheme (only the scale differs), so the comparison isolates the scale.
    func network(_ act: NetworkActivation, _ scheme: Scheme) -> Network {
        var random = SeededRandom(seed: UInt64(seed))
        return Network(sizes: sizes, hidden: act.activation, output: .identity, initializer: initializer(scheme), using: &random)
    }

    /// The batch: inputs and targets from N(0, 1), drawn with a seed of their own.
    var data: (x: Matrix, y: Matrix) {
        var random = SeededRandom(seed: UInt64(seed) &+ 1000)
        let x = Matrix(rows: batch, columns: inputs) { _, _ in random.normal() }
        let y = Matrix(rows: batch, columns: 1) { _, _ in random.normal() }
        return (x, y)
    }

    /// One measured combination.
    struct Measurement {
        let activation: NetworkActivation
        let scheme: Scheme
        let evaluation: Network.Evaluation
        let gradientNorms: [Double]
        let deltaNorms: [Double]
        let spread: [Double]
        var finite: Bool { (gradientNorms + deltaNorms + spread + [evaluation.loss]).allSatisfy(\.isFinite) }
        /// ‖∂L/∂W¹‖ / ‖∂L/∂W^L‖: below 1 the gradient shrinks on its way down, above 1 it grows.
        var ratio: Double { gradientNorms[gradientNorms.count - 1] == 0 ? 0 : gradientNorms[0] / gradientNorms[gradientNorms.count - 1] }
        /// The ratio when there is one: nil when layer L's gradient is 0 (0/0 when every layer's is) or a number, the ratio included, is not finite.
        var definedRatio: Double? { finite && gradientNorms[gradientNorms.count - 1] != 0 && ratio.isFinite ? ratio : nil }
    }

    func measure(_ act: NetworkActivation, _ scheme: Scheme) -> Measurement {
        let net = network(act, scheme)
        let (x, y) = data
        let e = net.evaluate(x, .halfSquaredError(targets: y))
        return Measurement(activation: act, scheme: scheme, evaluation: e, gradientNorms: GradientNorms.weights(e),
                           deltaNorms: GradientNorms.deltas(e), spread: GradientNorms.weightedInputRMS(e.forward))
    }

    /// How a combination behaves, in words: the thresholds are factors of 20 between layer 1 and layer L,
    /// gradients beyond 10⁴ anywhere, or below 10⁻² everywhere.
    enum Verdict {
        case vanishing, exploding, huge, tiny, even
        init(_ m: Measurement) {
            let largest = m.gradientNorms.max() ?? 0
            if largest > 1e4 { self = .huge }
            else if largest < 1e-2 { self = .tiny }
            else if m.ratio < 1.0 / 20 { self = .vanishing }
            else if m.ratio > 20 { self = .exploding }
            else { self = .even }
        }
        var text: Localized {
            switch self {
            case .vanishing: return Localized("vanishing: shrinks towards layer 1", zh: "消失：越往第 1 层越小")
            case .exploding: return Localized("exploding: grows towards layer 1", zh: "爆炸：越往第 1 层越大")
            case .huge: return Localized("exploding: huge in every layer", zh: "爆炸：每一层都极大")
            case .tiny: return Localized("vanishing: tiny in every layer", zh: "消失：每一层都极小")
            case .even: return Localized("healthy: within a factor of 20", zh: "健康：相差不到 20 倍")
            }
        }
        /// One or two words for the summary table.
        var short: Localized {
            switch self {
            case .vanishing: return Localized("vanishing", zh: "消失")
            case .exploding: return Localized("exploding", zh: "爆炸")
            case .huge: return Localized("huge everywhere", zh: "处处极大")
            case .tiny: return Localized("tiny everywhere", zh: "处处极小")
            case .even: return Localized("healthy", zh: "健康")
            }
        }
    }

    /// A table cell for a norm: plain up to 10⁵, then in scientific form (5.952 × 10⁹).
    static func normCell(_ x: Double) -> Table.Cell {
        guard x.isFinite, abs(x) >= 1e5 else { return .number(x.isFinite ? x : 0, digits: 4) }
        let sci = NumberFormat.scientific(x, significant: 4)
        return .math(.raw(tex: "\(sci.mantissa) \\times 10^{\(sci.exponent)}", text: sci.plain))
    }

    public func write(_ page: inout Page) throws {
        let all = Self.activations.map { act in Scheme.allCases.map { measure(act, $0) } }
        writeStory(&page)
        writeFanIn(&page)
        writeForward(&page, all[Self.activations.firstIndex(of: activation) ?? 0])
        writeBackward(&page, all)
        writeExercises(&page)
        writeSourcePassages(&page)
    }
}
