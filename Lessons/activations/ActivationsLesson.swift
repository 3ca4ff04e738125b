import ArgumentParser
import LessonKit
import LonghandEngine
import Notebook

/// Lesson 4: eight activation functions, their derivatives, the text's vector through each, and
/// why saturating slopes make gradients vanish.
public struct ActivationsLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: id,
        abstract: "Activation functions from step to ELU: formulas, derivatives, and vanishing gradients in numbers.",
        discussion: """
        Defaults are the source texts' numbers. Bad input (a list of the wrong length, a non-number, \
        NaN or infinity, a value out of range) prints one line naming the option and exits with 64; \
        an --out that cannot be written exits with 73 and writes nothing.
        """)
    public static let position = 40
    public static let title = Localized("Activation functions: from step to ELU", zh: "激活函数：从阶跃函数到 ELU")
    public static let summary = Localized("Step, sigmoid, tanh, ReLU and its leaky, parametric and randomized cousins, ELU: each with its derivative, the vector (1, −2, 3, −4, 7) through all of them, and vanishing gradients in numbers.",
                                          zh: "阶跃、sigmoid、tanh、ReLU 及其带泄露、参数化、随机化的变体和 ELU：逐个求导数，把向量 (1, −2, 3, −4, 7) 送进每一个，并用数字看梯度如何消失。")
    public static let part = CoursePart.forwardPass

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: Self.help("vector"))
    public var vector = NumberList([1, -2, 3, -4, 7])

    @Option(name: .long, parsing: .unconditional, help: Self.help("slope"))
    public var slope = FiniteNumber(0.01)

    @Option(name: .customLong("prelu-a"), parsing: .unconditional, help: Self.help("prelu-a"))
    public var preluA = FiniteNumber(0.25)

    @Option(name: .long, parsing: .unconditional, help: Self.help("rrelu-lower"))
    public var rreluLower = FiniteNumber(1.0 / 8)

    @Option(name: .long, parsing: .unconditional, help: Self.help("rrelu-upper"))
    public var rreluUpper = FiniteNumber(1.0 / 3)

    @Option(name: .long, parsing: .unconditional, help: Self.help("alpha"))
    public var alpha = FiniteNumber(1)

    @Option(name: .long, parsing: .unconditional, help: Self.help("seed"))
    public var seed = 7

    @Option(name: .long, parsing: .unconditional, help: Self.help("layers"))
    public var layers = 10

    public init() {}

    public static var options: [LessonOption<Self>] {[
        .numbers("vector", \.vector, count: .between(1...10), each: -1000...1000,
                 label: Localized("Layer output", zh: "层的输出"),
                 help: Localized("The layer output pushed through every activation", zh: "送进每个激活函数的层输出")),
        .number("slope", \.slope, 0...1,
                label: Localized("Leaky ReLU slope", zh: "Leaky ReLU 斜率"),
                help: Localized("Leaky ReLU's slope for negative inputs", zh: "Leaky ReLU 在负输入上的斜率"), valueName: "s"),
        .number("prelu-a", \.preluA, 0...1,
                label: Localized("PReLU slope a", zh: "PReLU 斜率 a"),
                help: Localized("PReLU's slope a for negative inputs", zh: "PReLU 在负输入上的斜率 a"), valueName: "a"),
        .number("rrelu-lower", \.rreluLower, 0...1,
                label: Localized("RReLU lower slope", zh: "RReLU 斜率下限"),
                help: Localized("RReLU's smallest training slope l, at most --rrelu-upper", zh: "RReLU 训练时的最小斜率 l，不大于 --rrelu-upper"), valueName: "l")
            .extremes(need: ["--rrelu-upper", "1"]),
        .number("rrelu-upper", \.rreluUpper, 0...1,
                label: Localized("RReLU upper slope", zh: "RReLU 斜率上限"),
                help: Localized("RReLU's largest training slope u", zh: "RReLU 训练时的最大斜率 u"), valueName: "u")
            .extremes(need: ["--rrelu-lower", "0"]),
        .number("alpha", \.alpha, 1e-9...10,
                label: Localized("ELU α", zh: "ELU 的 α"),
                help: Localized("ELU's α; very negative inputs approach -α", zh: "ELU 的 α；输入很负时输出趋近 -α"), valueName: "alpha"),
        .integer("seed", \.seed, 0...(1 << 53),
                 label: Localized("Seed", zh: "随机种子"), help: Localized("Seed for RReLU's random slopes", zh: "RReLU 随机斜率的种子")),
        .integer("layers", \.layers, 1...60,
                 label: Localized("Layers", zh: "层数"),
                 help: Localized("Layers the gradient passes back through in the vanishing-gradient table", zh: "梯度消失表中梯度反向穿过的层数")),
    ]}

    public func validateTogether() throws(OptionError) {
        if rreluLower.value > rreluUpper.value {
            throw Check.refuse("rrelu-lower", "\(Check.format([rreluLower.value])) is above --rrelu-upper \(Check.format([rreluUpper.value])); accepted: a slope no larger than --rrelu-upper",
                               zh: "\(Check.format([rreluLower.value])) 大于 --rrelu-upper 的 \(Check.format([rreluUpper.value]))；可接受：不大于 --rrelu-upper 的斜率")
        }
    }

    /// The inputs of the saturation table: σ′ shrinks as |z| grows.
    static let saturationInputs: [Double] = [0, 1, 2, 5, 10]

    public func write(_ page: inout Page) throws {
        let x = vector.values
        page.say("""
            A neuron first forms its weighted sum $z = w \\cdot x + b$ and then passes it through an **activation function** $f$. \
            Without that step, layers stacked on layers would still compute one linear map: source text `002` says every hidden \
            layer's matrix product must be followed by an activation layer, or the layer is pointless. The activation decides two \
            things: what the neuron outputs, and, through its derivative $f'(z)$, how fast the neuron can learn. Text `004` puts it \
            in one line: “learning efficiency is proportional to the derivative of the activation function”.
            """, zh: """
            神经元先算出加权和 $z = w \\cdot x + b$，再把它送进**激活函数** $f$。没有这一步，一层叠一层算下来仍然只是一个线性变换：\
            原文 `002` 说，每个隐藏层做完矩阵运算之后都要接一层激活层，否则这一层的线性计算就没有意义。激活函数决定两件事：\
            神经元输出什么；以及通过它的导数 $f'(z)$ 决定神经元能学多快。原文 `004` 一句话概括：“学习效率正比于激活函数的导数”。
            """)
        let example = x == [1, -2, 3, -4, 7]
            ? Localized("We follow the text's own example (`002`): suppose a layer's $H = X \\cdot W_1 + b_1$ came out as $x = \(tupleText(x))$.",
                        zh: "我们沿用原文 `002` 的例子：假设某层算出的 $H = X \\cdot W_1 + b_1$ 是 $x = \(tupleText(x))$。")
            : Localized("The text's own example (`002`) supposes a layer's $H = X \\cdot W_1 + b_1$ came out as $(1, -2, 3, -4, 7)$; here we take your vector, $x = \(tupleText(x))$.",
                        zh: "原文 `002` 的例子假设某层算出的 $H = X \\cdot W_1 + b_1$ 是 $(1, -2, 3, -4, 7)$；这里换成你给的向量 $x = \(tupleText(x))$。")
        page.say("""
            \(example.en) \
            We push this vector through eight activations, write out every value and every slope, and then see in numbers why \
            slopes that shrink towards 0 make deep networks hard to train.
            """, zh: """
            \(example.zh)\
            下面把这个向量依次送进八种激活函数，写出每个值和每个斜率，再用数字说明：斜率趋近于 0 时，深层网络为什么难以训练。
            """)
        page.record("vector", x)
        page.convention("""
            At a corner the derivative does not exist; we use the left-hand slope. So $\\mathrm{ReLU}'(0) = 0$, \
            $\\mathrm{step}'(0) = 0$ (and $\\mathrm{step}(0) = 0$), and the leaky variants have slope $a$ at 0. \
            The engine and the tests use exactly these values.
            """, zh: """
            在折点处导数不存在，我们取左侧的斜率。因此 $\\mathrm{ReLU}'(0) = 0$、$\\mathrm{step}'(0) = 0$（且 \
            $\\mathrm{step}(0) = 0$），各种带泄露的变体在 0 处的斜率取 $a$。引擎和测试都严格使用这些值。
            """)

        let entries = catalogue()
        var rrelu: RReLURun?
        for entry in entries {
            writeSection(entry, vector: x, into: &page)
            // RReLU comes after PReLU, in the order of text `002`'s list of variants.
            if entry.key == "prelu" { rrelu = writeRReLU(vector: x, into: &page) }
        }
        writeSummary(entries, rrelu: rrelu, vector: x, into: &page)
        writeSaturation(into: &page)
        writeDerivativeCheck(entries, rrelu: rrelu, vector: x, into: &page)
        writeExercises(into: &page)
        writeSourcePassages(&page)
    }

    /// One activation: its formula, its derivative, its plot and a worked table on the vector.
    func writeSection(_ e: Entry, vector x: [Double], into page: inout Page) {
        page.section(e.title.en, zh: e.title.zh)
        page.say(e.story.en, zh: e.story.zh)
        page.equation(tex: e.formulaTeX, text: e.formulaText)
        page.equation(tex: e.derivativeTeX, text: e.derivativeText)
        page.figure(String(e.key.map { $0 == "_" ? "-" : $0 }), title: Localized("\(e.symbolText)(z) and its derivative", zh: "\(e.symbolText)(z) 及其导数"),
                    description: Localized("\(e.symbolText)(z) (solid) and its derivative (dashed) for z from -4 to 4; dots mark the vector's entries in that range.",
                                           zh: "\(e.symbolText)(z)（实线）与它的导数（虚线），z 从 -4 到 4；圆点标出向量中落在此范围内的分量。"),
                    plot(e, vector: x))
        let rows: [[Table.Cell]] = x.map { z in [.number(z), e.worked(z), .number(e.f(z)), e.workedDerivative(z), .number(e.df(z))] }
        page.table([Localized("$z$", zh: "$z$"), Localized("worked", zh: "代入计算"), Localized("$f(z)$", zh: "$f(z)$"),
                    Localized("worked", zh: "代入计算"), Localized("$f'(z)$", zh: "$f'(z)$")], rows)
        let outputs = x.map(e.f)
        page.step(.call(tex: e.symbolTeX, text: e.symbolText, [.sym("x")]), [tuple(outputs)])
        page.record(e.key, outputs)
        page.record("\(e.key)_derivative", x.map(e.df))
        if let extra = e.after { extra(&page, x) }
    }
}

/// Text for a vector in prose: (1, -2, 3).
func tupleText(_ v: [Double]) -> String { "(" + v.map(fmt).joined(separator: ", ") + ")" }

/// A vector as an expression: (1, -2, 3).
func tuple(_ v: [Double], digits: Int? = nil) -> Expr { .call(tex: "", text: "", v.map { .number($0, digits: digits) }) }
