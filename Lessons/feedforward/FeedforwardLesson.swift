import ArgumentParser
import LessonKit
import LonghandEngine
import Notebook

/// Lesson 3: neurons wired into networks — the 2-2-1 sigmoid net, the ReLU net of `002`, the matrix form, and why
/// stacked linear layers stay linear.
public struct FeedforwardLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: id,
        abstract: "Feedforward networks worked out: a 2-2-1 sigmoid network, a ReLU network, and the matrix form H = X·W1 + b1.",
        discussion: """
        Defaults are the source texts' numbers. --inputs, --weights and --relu-inputs take exactly two numbers each \
        (from -1000 to 1000). Bad input prints one line naming the option and exits with 64; an --out that cannot be \
        written exits with 73.
        """)
    public static let position = 30
    public static let title = Localized("Feedforward networks: neurons in layers", zh: "前馈网络：把神经元排成层")
    public static let summary = Localized("A 2-2-1 sigmoid network giving 0.7216, a ReLU network giving 46 and 0, and the same computation as matrix products.",
                                          zh: "2-2-1 sigmoid 网络算出 0.7216，ReLU 网络算出 46 和 0，以及同样的计算写成矩阵乘法。")
    public static let part = CoursePart.forwardPass

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: Self.help("inputs"))
    public var inputs = NumberList([2, 3])

    @Option(name: .long, parsing: .unconditional, help: Self.help("weights"))
    public var weights = NumberList([0, 1])

    @Option(name: .long, parsing: .unconditional, help: Self.help("bias"))
    public var bias = FiniteNumber(0)

    @Option(name: .long, parsing: .unconditional, help: Self.help("relu-inputs"))
    public var reluInputs = NumberList([3, 4])

    public init() {}

    public static var options: [LessonOption<Self>] {[
        .numbers("inputs", \.inputs, count: .exactly(2), each: -1000...1000,
                 label: Localized("Inputs x", zh: "输入 x"),
                 help: Localized("Input x of the 2-2-1 sigmoid network", zh: "2-2-1 sigmoid 网络的输入 x"), valueName: "x1,x2"),
        .numbers("weights", \.weights, count: .exactly(2), each: -1000...1000,
                 label: Localized("Shared weights", zh: "共用的权重"),
                 help: Localized("The weights every neuron of the 2-2-1 network shares", zh: "2-2-1 网络中每个神经元共用的权重"), valueName: "w1,w2"),
        .number("bias", \.bias, -1000...1000,
                label: Localized("Shared bias", zh: "共用的偏置"),
                help: Localized("The bias every neuron of the 2-2-1 network shares", zh: "2-2-1 网络中每个神经元共用的偏置"), valueName: "b"),
        .numbers("relu-inputs", \.reluInputs, count: .exactly(2), each: -1000...1000,
                 label: Localized("ReLU network inputs", zh: "ReLU 网络的输入"),
                 help: Localized("Input of the ReLU network from source text 002", zh: "原文 002 中 ReLU 网络的输入"), valueName: "x1,x2"),
    ]}

    /// The ReLU network of source text 002: neuron weights (one row per neuron) and biases.
    static let reluHidden = Dense(neurons: [[1, -1], [2, 0]], biases: [9, -3], activation: .relu)
    static let reluOutput = Dense(neurons: [[4, 3], [-2, 1]], biases: [5, 0], activation: .relu)

    /// The 2-2-1 sigmoid network of source text 003 with every neuron sharing `w` and `b`.
    static func sigmoidNetwork(_ w: [Double], _ b: Double) -> (hidden: Dense, output: Dense) {
        (Dense(neurons: [w, w], biases: [b, b], activation: .sigmoid), Dense(neurons: [w], biases: [b], activation: .sigmoid))
    }

    /// Which ReLU neurons had a weighted input ≤ 0 and were cut to 0, in words; `z` pairs a TeX name with its z.
    static func cutSentence(_ z: [(String, Double)]) -> Localized {
        let cut = z.filter { $0.1 <= 0 }
        if cut.isEmpty {
            return Localized("Every weighted input is positive here, so ReLU passes each one unchanged: on this input the network acts as a linear map.",
                             zh: "这里每个加权输入都是正的，ReLU 把它们原样放行：在这个输入上，网络就是一个线性映射。")
        }
        let list = cut.map { "$\($0.0)$ ($z = \(fmt($0.1))$)" }
        let listZh = cut.map { "$\($0.0)$（$z = \(fmt($0.1))$）" }
        return Localized("ReLU cuts a weighted input that is not positive to 0: here that happens to \(list.joined(separator: ", ")), which \(cut.count == 1 ? "outputs" : "output") 0.",
                         zh: "加权输入不为正时，ReLU 把它截成 0：这里被截掉的是 \(listZh.joined(separator: "、"))，输出\(cut.count == 1 ? "" : "都")是 0。")
    }

    /// How the ReLU network's outputs compare with the collapsed linear network's.
    static func reluVersusLinear(relu: [Double], linear: [Double]) -> Localized {
        let names = ["y_1", "y_2"]
        let differ = relu.indices.filter { relu[$0] != linear[$0] }
        if differ.isEmpty {
            return Localized("On this input ReLU changes no value, so the ReLU network gives the same $(\(relu.map(fmt).joined(separator: ", ")))$ as the linear one; an input that makes some weighted input negative shows the difference.",
                             zh: "在这个输入上 ReLU 没有改变任何一个值，所以 ReLU 网络与线性网络给出同样的 $(\(relu.map(fmt).joined(separator: ", ")))$；换一个让某个加权输入为负的输入，就能看出差别。")
        }
        let parts = differ.map { "$\(names[$0]) = \(fmt(relu[$0]))$, not the linear \(fmt(linear[$0]))" }
        let partsZh = differ.map { "$\(names[$0])$ 是 \(fmt(relu[$0]))，而不是线性网络的 \(fmt(linear[$0]))" }
        return Localized("With ReLU in place this network outputs " + parts.joined(separator: " and ") + ".",
                         zh: "有了 ReLU，本例网络的" + partsZh.joined(separator: "；") + "。")
    }

    /// Writes one neuron's step `name = f(w·x + b) = value` and returns the value.
    @discardableResult
    static func neuronStep(_ page: inout Page, _ name: String, tex: String, _ neuron: Neuron, _ x: [Double],
                           function: (tex: String, text: String)) -> Double {
        let z = neuron.weightedSum(x).value
        let a = neuron.activation.apply(z)
        page.step(name, .symbol(tex: tex, text: name),
                  [.call(tex: function.tex, text: function.text, [.weightedSum(weights: neuron.weights, inputs: x, bias: neuron.bias)]),
                   .call(tex: function.tex, text: function.text, [.n(z)])], value: a)
        return a
    }

    public func write(_ page: inout Page) throws {
        let x = inputs.values, w = weights.values, b = bias.value
        page.say("""
            One neuron draws one line. Wire neurons together — the outputs of one **layer** become the inputs of the next — and you get \
            a **feedforward network**: information flows from the inputs, through the **hidden** layers, to the outputs, never backwards. \
            Computing the output is called the **forward pass**. This lesson does it by hand, then shows the same arithmetic as matrix products.
            """, zh: """
            一个神经元只能画一条直线。把神经元连起来——一**层**的输出作为下一层的输入——就得到**前馈网络**：\
            信息从输入层出发，经过**隐藏层**，流向输出层，从不回头。算出输出的过程叫**前向传播**。\
            本课先手算一遍，再把同样的算术写成矩阵乘法。
            """)

        page.section("A 2-2-1 network of sigmoid neurons", zh: "一个 2-2-1 的 sigmoid 网络")
        // Source text 003's numbers are w = (0, 1), b = 0, x = (2, 3); any others are the reader's own.
        let isTextNetwork = w == [0, 1] && b == 0 && x == [2, 3]
        let wText = w.map(fmt).joined(separator: ", "), xText = x.map(fmt).joined(separator: ", ")
        page.say(isTextNetwork ? """
            Source text `003` builds a network with two inputs, a hidden layer of two neurons $h_1, h_2$ and one output neuron $o_1$. \
            Every neuron has the same weights $w = (\(wText))$ and bias $b = \(fmt(b))$ and uses the sigmoid. \
            Feed in $x = (\(xText))$:
            """ : """
            Source text `003` builds a network with two inputs, a hidden layer of two neurons $h_1, h_2$ and one output neuron $o_1$, \
            every neuron with the same weights and bias and the sigmoid. The numbers here are yours: weights $w = (\(wText))$, \
            bias $b = \(fmt(b))$, input $x = (\(xText))$ (the text uses $w = (0, 1)$, $b = 0$, $x = (2, 3)$):
            """, zh: isTextNetwork ? """
            原文 `003` 搭了一个网络：两个输入，一个含两个神经元 $h_1, h_2$ 的隐藏层，一个输出神经元 $o_1$。\
            每个神经元的权重都是 $w = (\(wText))$，偏置都是 $b = \(fmt(b))$，激活函数都是 sigmoid。\
            输入 $x = (\(xText))$：
            """ : """
            原文 `003` 搭了一个网络：两个输入，一个含两个神经元 $h_1, h_2$ 的隐藏层，一个输出神经元 $o_1$，\
            每个神经元的权重和偏置都相同，激活函数都是 sigmoid。这里用的是你给的数：权重 $w = (\(wText))$，\
            偏置 $b = \(fmt(b))$，输入 $x = (\(xText))$（原文取 $w = (0, 1)$、$b = 0$、$x = (2, 3)$）：
            """)
        let net = Self.sigmoidNetwork(w, b)
        let sigma = (tex: "\\sigma", text: "σ")
        let h1 = Self.neuronStep(&page, "h1", tex: "h_1", net.hidden.neuron(0), x, function: sigma)
        let h2 = Self.neuronStep(&page, "h2", tex: "h_2", net.hidden.neuron(1), x, function: sigma)
        page.say("The hidden outputs are the output neuron's inputs:", zh: "隐藏层的输出就是输出神经元的输入：")
        let o1 = Self.neuronStep(&page, "o1", tex: "o_1", net.output.neuron(0), [h1, h2], function: sigma)
        if isTextNetwork {
            page.say("Source text `003` prints $h_1 = h_2 = \(NumberFormat.fixed(h1, decimals: 4))$ and $o_1 = \(NumberFormat.fixed(o1, decimals: 4))$: the same numbers, rounded to four places.",
                     zh: "原文 `003` 写作 $h_1 = h_2 = \(NumberFormat.fixed(h1, decimals: 4))$、$o_1 = \(NumberFormat.fixed(o1, decimals: 4))$：同样的数字，保留四位小数。")
        } else {
            let text = Self.sigmoidNetwork([0, 1], 0)
            let th = text.hidden.forward(Matrix(row: [2, 3])).output, to = text.output.forward(th).output[0, 0]
            page.say("These are your own numbers. Source text `003`, with its own $w$, $b$ and $x$, prints $h_1 = h_2 = \(NumberFormat.fixed(th[0, 0], decimals: 4))$ and $o_1 = \(NumberFormat.fixed(to, decimals: 4))$.",
                     zh: "这些是你自己的数。原文 `003` 用它自己的 $w$、$b$、$x$，写出的是 $h_1 = h_2 = \(NumberFormat.fixed(th[0, 0], decimals: 4))$、$o_1 = \(NumberFormat.fixed(to, decimals: 4))$。")
        }
        page.figure("network-221", title: Localized("The 2-2-1 network with this input's values", zh: "2-2-1 网络及本例输入下各神经元的值"),
                    description: Localized("Inputs x1 = \(fmt(x[0])) and x2 = \(fmt(x[1])) feed hidden neurons h1 = \(fmt(h1)) and h2 = \(fmt(h2)), which feed the output o1 = \(fmt(o1)); every edge carries its weight and every neuron has bias \(fmt(b)).",
                                           zh: "输入 x1 = \(fmt(x[0]))、x2 = \(fmt(x[1])) 连到隐藏神经元 h1 = \(fmt(h1))、h2 = \(fmt(h2))，它们再连到输出 o1 = \(fmt(o1))；每条边上标着权重，每个神经元的偏置都是 \(fmt(b))。"),
                    NetworkDiagram.dense(layers: [[.init("x1", value: x[0]), .init("x2", value: x[1])],
                                                  [.init("h1", value: h1, bias: b), .init("h2", value: h2, bias: b)],
                                                  [.init("o1", value: o1, bias: b)]],
                                         weights: [net.hidden.weights.nested, net.output.weights.nested],
                                         layerNames: [Localized("input", zh: "输入层"), Localized("hidden", zh: "隐藏层"), Localized("output", zh: "输出层")]))

        // ReLU network.
        page.section("A ReLU network", zh: "一个 ReLU 网络")
        let rx = reluInputs.values
        let inputSentence = rx == [3, 4]
            ? Localized("Its input is $x = (3, 4)$", zh: "输入 $x = (3, 4)$")
            : Localized("Its input is $x = (3, 4)$; here it gets yours, $x = (\(rx.map(fmt).joined(separator: ", ")))$", zh: "原文的输入是 $x = (3, 4)$，这里换成你给的 $x = (\(rx.map(fmt).joined(separator: ", ")))$")
        page.say("""
            Source text `002` works a network of **ReLU** neurons, $\\text{ReLU}(z) = \\max(z, 0)$. \(inputSentence.en); hidden neurons $n_1$ (weights 1, −1, bias 9) and $n_2$ (weights 2, 0, bias −3); \
            outputs $y_1$ (weights 4, 3, bias 5) and $y_2$ (weights −2, 1, bias 0):
            """, zh: """
            原文 `002` 算了一个由 **ReLU** 神经元组成的网络，$\\text{ReLU}(z) = \\max(z, 0)$。\(inputSentence.zh)；\
            隐藏神经元 $n_1$（权重 1、−1，偏置 9）和 $n_2$（权重 2、0，偏置 −3）；\
            输出神经元 $y_1$（权重 4、3，偏置 5）和 $y_2$（权重 −2、1，偏置 0）：
            """)
        let relu = (tex: "\\max", text: "max")
        let hid = Self.reluHidden, out = Self.reluOutput
        func reluStep(_ page: inout Page, _ name: String, _ tex: String, _ n: Neuron, _ input: [Double]) -> Double {
            let z = n.weightedSum(input).value
            return page.step(name, .symbol(tex: tex, text: name),
                             [.call(tex: relu.tex, text: relu.text, [.weightedSum(weights: n.weights, inputs: input, bias: n.bias), .n(0)]),
                              .call(tex: relu.tex, text: relu.text, [.n(z), .n(0)])], value: n.output(input))
        }
        let n1 = reluStep(&page, "n1", "n_1", hid.neuron(0), rx)
        let n2 = reluStep(&page, "n2", "n_2", hid.neuron(1), rx)
        let y1 = reluStep(&page, "y1", "y_1", out.neuron(0), [n1, n2])
        let y2 = reluStep(&page, "y2", "y_2", out.neuron(1), [n1, n2])
        let cutNote = Self.cutSentence([("n_1", hid.neuron(0).weightedSum(rx).value), ("n_2", hid.neuron(1).weightedSum(rx).value),
                                        ("y_1", out.neuron(0).weightedSum([n1, n2]).value), ("y_2", out.neuron(1).weightedSum([n1, n2]).value)])
        page.say(cutNote.en, zh: cutNote.zh)
        page.figure("network-relu", title: Localized("The ReLU network of source text 002", zh: "原文 002 的 ReLU 网络"),
                    description: Localized("Inputs \(fmt(rx[0])) and \(fmt(rx[1])) feed hidden ReLU neurons n1 = \(fmt(n1)) and n2 = \(fmt(n2)), which feed outputs y1 = \(fmt(y1)) and y2 = \(fmt(y2)). Edges are labelled with weights; negative weights are drawn in orange.",
                                           zh: "输入 \(fmt(rx[0])) 和 \(fmt(rx[1])) 连到隐藏 ReLU 神经元 n1 = \(fmt(n1))、n2 = \(fmt(n2))，再连到输出 y1 = \(fmt(y1))、y2 = \(fmt(y2))。边上标着权重，负权重画成橙色。"),
                    NetworkDiagram.dense(layers: [[.init("x1", value: rx[0]), .init("x2", value: rx[1])],
                                                  [.init("n1", value: n1, bias: 9), .init("n2", value: n2, bias: -3)],
                                                  [.init("y1", value: y1, bias: 5), .init("y2", value: y2, bias: 0)]],
                                         weights: [hid.weights.nested, out.weights.nested],
                                         layerNames: [Localized("input", zh: "输入层"), Localized("hidden", zh: "隐藏层"), Localized("output", zh: "输出层")]))

        // Matrix form.
        page.section("The same thing as matrix products", zh: "写成矩阵乘法")
        page.say("""
            Writing a neuron's weights as a **column** of a matrix turns a whole layer into one product. With the input as a row \
            $X$, the hidden layer is $H = \\text{ReLU}(X W_1 + b_1)$ and the output $Y = \\text{ReLU}(H W_2 + b_2)$:
            """, zh: """
            把每个神经元的权重写成矩阵的一**列**，一整层就成了一次矩阵乘法。输入写成行向量 $X$，\
            隐藏层 $H = \\text{ReLU}(X W_1 + b_1)$，输出 $Y = \\text{ReLU}(H W_2 + b_2)$：
            """)
        let X = Matrix(row: rx)
        let f1 = hid.forward(X), f2 = out.forward(f1.output)
        page.step(.symbol(tex: "Z_1", text: "Z1"), [.raw(tex: "X W_1 + b_1", text: "X·W1 + b1"),
                                .sum([.product([.matrix(X.nested), .matrix(hid.weights.nested)]), .matrix(hid.bias.nested)]),
                                .matrix(f1.z.nested)])
        page.step(.sym("H"), [.call(tex: "\\text{ReLU}", text: "ReLU", [.symbol(tex: "Z_1", text: "Z1")]), .matrix(f1.output.nested)])
        page.step(.symbol(tex: "Z_2", text: "Z2"), [.raw(tex: "H W_2 + b_2", text: "H·W2 + b2"),
                                .sum([.product([.matrix(f1.output.nested), .matrix(out.weights.nested)]), .matrix(out.bias.nested)]),
                                .matrix(f2.z.nested)])
        page.step(.sym("Y"), [.call(tex: "\\text{ReLU}", text: "ReLU", [.symbol(tex: "Z_2", text: "Z2")]), .matrix(f2.output.nested)])
        page.record("Z1", f1.z.nested)
        page.record("H", f1.output.nested)
        page.record("Z2", f2.z.nested)
        page.record("Y", f2.output.nested)
        page.say("""
            The shapes must chain: an $(a \\times b)$ matrix times a $(b \\times c)$ one gives $(a \\times c)$. Stack several inputs as rows \
            of $X$ and the same two products handle them all at once. In source text `002`'s quadrant network the four training points \
            form $X$ and the hidden layer has 50 neurons:
            """, zh: """
            形状必须首尾相接：$(a \\times b)$ 的矩阵乘 $(b \\times c)$ 的矩阵得到 $(a \\times c)$。把多个输入按行叠成 $X$，\
            同样两次乘法就能一次算完所有样本。原文 `002` 的象限网络用四个训练点组成 $X$，隐藏层有 50 个神经元：
            """)
        page.table([Localized("quantity", zh: "量"), Localized("this network", zh: "本例网络"), Localized("quadrant network of `002`", zh: "原文 `002` 的象限网络")],
                   [[.math(.sym("X")), .text(Localized(same: "1 × 2")), .text(Localized(same: "4 × 2"))],
                    [.math(.symbol(tex: "W_1", text: "W1")), .text(Localized(same: "2 × 2")), .text(Localized(same: "2 × 50"))],
                    [.math(.symbol(tex: "b_1", text: "b1")), .text(Localized(same: "1 × 2")), .text(Localized(same: "1 × 50"))],
                    [.math(.raw(tex: "H = X W_1 + b_1", text: "H")), .text(Localized(same: "1 × 2")), .text(Localized(same: "4 × 50"))],
                    [.math(.symbol(tex: "W_2", text: "W2")), .text(Localized(same: "2 × 2")), .text(Localized(same: "50 × 4"))],
                    [.math(.raw(tex: "Y = H W_2 + b_2", text: "Y")), .text(Localized(same: "1 × 2")), .text(Localized(same: "4 × 4"))]])
        let batch = Matrix([rx, [1, -1], [0, 0], [-2, 5]])
        let bh = hid.forward(batch), by = out.forward(bh.output)
        page.say("Four inputs at once, one per row:", zh: "一次算四个输入，每行一个：")
        page.step(.sym("Y"), [.call(tex: "\\text{ReLU}", text: "ReLU", [.sum([.product([.call(tex: "\\text{ReLU}", text: "ReLU", [.sum([.product([.matrix(batch.nested), .symbol(tex: "W_1", text: "W1")]), .symbol(tex: "b_1", text: "b1")])]), .symbol(tex: "W_2", text: "W2")]), .symbol(tex: "b_2", text: "b2")])]),
                              .matrix(by.output.nested)])
        page.record("Y_batch", by.output.nested)

        // Linearity.
        page.section("Why the activation matters", zh: "为什么激活函数不可少")
        page.say("""
            Remove the activations and the two layers collapse into one: $(X W_1 + b_1) W_2 + b_2 = X (W_1 W_2) + (b_1 W_2 + b_2)$. \
            With this network's matrices:
            """, zh: """
            去掉激活函数，两层就塌缩成一层：$(X W_1 + b_1) W_2 + b_2 = X (W_1 W_2) + (b_1 W_2 + b_2)$。代入本例的矩阵：
            """)
        let W = hid.weights * out.weights
        let bb = hid.bias * out.weights + out.bias
        page.step(.raw(tex: "W = W_1 W_2", text: "W = W1·W2"), [.product([.matrix(hid.weights.nested), .matrix(out.weights.nested)]), .matrix(W.nested)])
        page.step(.raw(tex: "b = b_1 W_2 + b_2", text: "b = b1·W2 + b2"), [.sum([.product([.matrix(hid.bias.nested), .matrix(out.weights.nested)]), .matrix(out.bias.nested)]), .matrix(bb.nested)])
        let twoLayers = (X * hid.weights + hid.bias) * out.weights + out.bias
        let oneLayer = X * W + bb
        page.step(.raw(tex: "(X W_1 + b_1) W_2 + b_2", text: "(X·W1 + b1)·W2 + b2"), [.matrix(twoLayers.nested)])
        page.step(.raw(tex: "X W + b", text: "X·W + b"), [.matrix(oneLayer.nested)])
        page.record("W_combined", W.nested)
        page.record("b_combined", bb.nested)
        page.record("y_linear_two_layers", twoLayers.nested)
        page.record("y_linear_one_layer", oneLayer.nested)
        let comparison = Self.reluVersusLinear(relu: f2.output.row(0), linear: oneLayer.row(0))
        page.say("""
            The same numbers: however many linear layers you stack, the network can only draw a straight line (a plane, a hyperplane). \
            The nonlinearity — sigmoid, ReLU — is what lets depth buy anything. \(comparison.en)
            """, zh: """
            结果完全一样：不管叠多少个线性层，网络都只能画出一条直线（在更高维的空间里是平面、超平面）。\
            正是 sigmoid、ReLU 这样的非线性让“加深”有了意义。\(comparison.zh)
            """)
        page.convention("Row vectors throughout: a layer computes $X W + b$ with $W$ of shape inputs × outputs, so column $j$ of $W$ holds neuron $j$'s weights, as in source text `002`.",
                        zh: "全文使用行向量：一层计算 $X W + b$，$W$ 的形状为“输入数 × 输出数”，第 $j$ 列是第 $j$ 个神经元的权重，与原文 `002` 一致。")

        // Exercises.
        page.exercise("Run the 2-2-1 sigmoid network (all weights $(0, 1)$, biases 0) on $x = (1, -1)$.",
                      zh: "用 2-2-1 sigmoid 网络（权重都是 $(0, 1)$，偏置都是 0）计算输入 $x = (1, -1)$。") { s in
            let n = Self.sigmoidNetwork([0, 1], 0)
            let a = Self.neuronStep(&s, "h1", tex: "h_1", n.hidden.neuron(0), [1, -1], function: sigma)
            let c = Self.neuronStep(&s, "h2", tex: "h_2", n.hidden.neuron(1), [1, -1], function: sigma)
            Self.neuronStep(&s, "o1", tex: "o_1", n.output.neuron(0), [a, c], function: sigma)
        }
        page.exercise("Feed $x = (1, 2)$ through the ReLU network of source text `002`.",
                      zh: "把 $x = (1, 2)$ 输入原文 `002` 的 ReLU 网络。") { s in
            let a = reluStep(&s, "n1", "n_1", hid.neuron(0), [1, 2])
            let c = reluStep(&s, "n2", "n_2", hid.neuron(1), [1, 2])
            _ = reluStep(&s, "y1", "y_1", out.neuron(0), [a, c])
            _ = reluStep(&s, "y2", "y_2", out.neuron(1), [a, c])
            s.say("Here $n_2$ is cut to 0, so only $n_1$ reaches the outputs.", zh: "这里 $n_2$ 被截成 0，只有 $n_1$ 传到了输出层。")
        }
        page.exercise("A 2-2-1 network without activations has $W_1 = \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}$, $b_1 = (0, 1)$, $W_2 = \\begin{bmatrix} 1 \\\\ -1 \\end{bmatrix}$, $b_2 = 2$. Find the single layer $W, b$ it equals.",
                      zh: "一个没有激活函数的 2-2-1 网络：$W_1 = \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}$，$b_1 = (0, 1)$，$W_2 = \\begin{bmatrix} 1 \\\\ -1 \\end{bmatrix}$，$b_2 = 2$。求与它等价的单层 $W, b$。") { s in
            let w1 = Matrix([[1, 2], [3, 4]]), b1 = Matrix(row: [0, 1]), w2 = Matrix([[1], [-1]]), b2 = Matrix(row: [2])
            let wc = w1 * w2, bc = b1 * w2 + b2
            s.step(.raw(tex: "W = W_1 W_2", text: "W = W1·W2"), [.product([.matrix(w1.nested), .matrix(w2.nested)]), .matrix(wc.nested)])
            s.step(.raw(tex: "b = b_1 W_2 + b_2", text: "b = b1·W2 + b2"), [.sum([.product([.matrix(b1.nested), .matrix(w2.nested)]), .matrix(b2.nested)]), .matrix(bc.nested)])
            s.record("W", wc.nested)
            s.record("b", bc.nested)
            s.say("So the network computes $y = -x_1 - x_2 + 1$: a single linear neuron.", zh: "所以这个网络计算的就是 $y = -x_1 - x_2 + 1$：一个线性神经元而已。")
        }
        writeSourcePassages(&page)
    }
}
