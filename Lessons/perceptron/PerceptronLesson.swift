import ArgumentParser
import LessonKit
import LonghandEngine
import Notebook

/// Lesson 1: the perceptron's decision rule, its bias form, NAND, and the learning rule on AND and XOR.
public struct PerceptronLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: id,
        abstract: "The perceptron: a weighted vote against a threshold, and Rosenblatt's learning rule.",
        discussion: """
        Defaults are the source texts' numbers. Bad input (a list of the wrong length, a non-number, \
        NaN or infinity, a value out of range) prints one line naming the option and exits with 64; \
        an --out that cannot be written exits with 73 and writes nothing.
        """)
    public static let position = 10
    public static let title = Localized("The perceptron: deciding by weighted evidence", zh: "感知机：用加权的证据做决定")
    public static let summary = Localized("A weighted vote against a threshold; NAND; the learning rule converging on AND and cycling forever on XOR.",
                                          zh: "加权投票与阈值比较；与非门；学习规则在 AND 上收敛、在 XOR 上永远打转。")
    public static let part = CoursePart.singleNeurons

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: Self.help("weights"))
    public var weights = NumberList([6, 2, 2])

    @Option(name: .long, parsing: .unconditional, help: Self.help("threshold"))
    public var threshold = FiniteNumber(5)

    @Option(name: .long, parsing: .unconditional, help: Self.help("learning-rate"))
    public var learningRate = FiniteNumber(1)

    @Option(name: .long, parsing: .unconditional, help: Self.help("epochs"))
    public var epochs = 20

    public init() {}

    public static var options: [LessonOption<Self>] {[
        .numbers("weights", \.weights, count: .exactly(3), each: -100...100,
                 label: Localized("Weights", zh: "权重"),
                 help: Localized("Weights of weather, company and transit", zh: "天气、同伴、交通三个输入的权重"), valueName: "w1,w2,w3"),
        .number("threshold", \.threshold, -1000...1000,
                label: Localized("Threshold", zh: "阈值"),
                help: Localized("The threshold the weighted sum must exceed", zh: "加权和必须超过的阈值"), valueName: "t"),
        .number("learning-rate", \.learningRate, 1e-9...100,
                label: Localized("Learning rate η", zh: "学习率 η"),
                help: Localized("Learning rate η of the perceptron rule", zh: "感知机学习规则的学习率 η"), valueName: "eta")
            .sampled(.number(0.001...100)),
        .integer("epochs", \.epochs, 1...1000,
                 label: Localized("Epochs", zh: "轮数"),
                 help: Localized("Most passes over the data for the learning rule", zh: "学习规则最多遍历数据的轮数"))
            .sampled(.integer(1...60)),
    ]}

    /// The eight weather/company/transit situations, in binary order.
    static let situations: [[Double]] = [[0, 0, 0], [0, 0, 1], [0, 1, 0], [0, 1, 1], [1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]]
    static let twoInputs: [[Double]] = [[0, 0], [0, 1], [1, 0], [1, 1]]

    public func write(_ page: inout Page) throws {
        let w = weights.values
        let t = threshold.value
        page.say("""
            In the 1950s and 1960s Frank Rosenblatt, building on Warren McCulloch and Walter Pitts, invented the **perceptron** \
            (source text `000`). It takes a few binary inputs $x_1, x_2, \\ldots$, weighs each by a real number $w_j$ that says \
            how much that input matters, and outputs 1 when the weighted sum is larger than a **threshold**, 0 otherwise.
            """, zh: """
            二十世纪五六十年代，Frank Rosenblatt 受 Warren McCulloch 和 Walter Pitts 工作的启发，发明了**感知机**（见原文 `000`）。\
            它接收几个二进制输入 $x_1, x_2, \\ldots$，给每个输入配一个实数权重 $w_j$，表示这个输入有多重要；\
            加权和大于**阈值**时输出 1，否则输出 0。
            """)
        page.equation(tex: "\(MathWords.text("output", zh: "输出")) = \\begin{cases} 0 & \(MathWords.text("if ", zh: "若 "))\\sum_j w_j x_j \\le \(MathWords.text("threshold", zh: "阈值")) \\\\ 1 & \(MathWords.text("if ", zh: "若 "))\\sum_j w_j x_j > \(MathWords.text("threshold", zh: "阈值")) \\end{cases}",
                      text: "output = 0 if Σ wj·xj ≤ threshold, 1 if Σ wj·xj > threshold")

        // The festival decision.
        page.section("Should you go to the festival?", zh: "周末去不去奶酪节？")
        // The text's weights are 6, 2, 2 with threshold 5; any others are the reader's own.
        let isTextPerceptron = w == [6, 2, 2] && t == 5
        let numbers = isTextPerceptron
            ? Localized("The text's weights are $w_1 = 6$, $w_2 = 2$, $w_3 = 2$ and its threshold is 5.",
                        zh: "原文取权重 $w_1 = 6$、$w_2 = 2$、$w_3 = 2$，阈值为 5。")
            : Localized("Here the weights are yours, $w_1 = \(fmt(w[0]))$, $w_2 = \(fmt(w[1]))$, $w_3 = \(fmt(w[2]))$, and the threshold is \(fmt(t)) (the text uses 6, 2, 2 and 5).",
                        zh: "这里用你给的权重 $w_1 = \(fmt(w[0]))$、$w_2 = \(fmt(w[1]))$、$w_3 = \(fmt(w[2]))$，阈值为 \(fmt(t))（原文取 6、2、2 和 5）。")
        page.say("""
            The text's example, from Nielsen's book which it follows: a festival is on this weekend and three things decide whether you go. \
            $x_1 = 1$ if the weather is good, $x_2 = 1$ if a friend comes along, $x_3 = 1$ if it is near public transit \
            (0 otherwise). \(numbers.en)
            """, zh: """
            原文的例子（出自 Nielsen 的书）：这个周末有个奶酪节，去不去取决于三件事。天气好则 $x_1 = 1$，有朋友陪同则 $x_2 = 1$，\
            离公共交通近则 $x_3 = 1$（否则都为 0）。\(numbers.zh)
            """)
        let festival = Perceptron(weights: w, threshold: t)
        page.figure("diagram", title: Localized("The festival perceptron", zh: "奶酪节感知机"),
                    description: Localized("Three inputs, weather x1, company x2 and transit x3, feed one output neuron with weights \(fmt(w[0])), \(fmt(w[1])) and \(fmt(w[2])); the neuron fires when the weighted sum exceeds \(fmt(t)).",
                                           zh: "三个输入（天气 x1、同伴 x2、交通 x3）以权重 \(fmt(w[0]))、\(fmt(w[1]))、\(fmt(w[2])) 连到一个输出神经元；加权和超过 \(fmt(t)) 时它输出 1。"),
                    NetworkDiagram.dense(layers: [[.init("x1"), .init("x2"), .init("x3")], [.init("> \(fmt(t))?")]],
                                         weights: [w.map { [$0] }],
                                         layerNames: [Localized("inputs", zh: "输入"), Localized("output", zh: "输出")]))
        let example = [0.0, 1, 1]
        let exampleSum = festival.weightedSum(example)
        page.say("For example, bad weather, a friend along, near transit: $x = (0, 1, 1)$.",
                 zh: "例如天气不好、有朋友陪、交通方便：$x = (0, 1, 1)$。")
        page.step("example_sum", .raw(tex: "\\sum_j w_j x_j", text: "Σ wj·xj"),
                  [.weightedSum(weights: w, inputs: example, bias: nil)], value: exampleSum.value - exampleSum.bias)
        let decision = festival.output(example)
        page.say(decision == 1
                 ? "Since \(fmt(exampleSum.value + t)) > \(fmt(t)), the output is 1: you go."
                 : "Since \(fmt(exampleSum.value + t)) ≤ \(fmt(t)), the output is 0: you stay home.",
                 zh: decision == 1
                 ? "因为 \(fmt(exampleSum.value + t)) > \(fmt(t))，输出 1：去。"
                 : "因为 \(fmt(exampleSum.value + t)) ≤ \(fmt(t))，输出 0：不去。")
        page.record("example_output", decision)
        page.say("All eight situations, each weighted sum written out:", zh: "全部八种情形，每个加权和都逐项写出：")
        var sums: [Double] = [], outputs: [Double] = []
        var rows: [[Table.Cell]] = []
        for x in Self.situations {
            let s = festival.weightedSum(x)
            let y = festival.output(x)
            sums.append(s.value + t)
            outputs.append(y)
            rows.append([.number(x[0]), .number(x[1]), .number(x[2]),
                         .math(.weightedSum(weights: w, inputs: x, bias: nil)), .number(s.value + t),
                         .text(y == 1 ? Localized("1 (go)", zh: "1（去）") : Localized("0 (stay)", zh: "0（不去）"))])
        }
        page.table([Localized("weather $x_1$", zh: "天气 $x_1$"), Localized("company $x_2$", zh: "同伴 $x_2$"),
                    Localized("transit $x_3$", zh: "交通 $x_3$"), Localized("products", zh: "各项乘积"),
                    Localized("$\\sum_j w_j x_j$", zh: "$\\sum_j w_j x_j$"), Localized("output", zh: "输出")], rows)
        page.record("weighted_sums", sums)
        page.record("outputs", outputs)
        if let decisive = Self.decisiveInput(festival) {
            page.say("With these weights the output equals $x_\(decisive + 1)$ in every row: that input alone decides.",
                     zh: "在这组权重下，每一行的输出都等于 $x_\(decisive + 1)$：只有这一个输入在起决定作用。")
        }
        let textPerceptron = Perceptron(weights: [6, 2, 2], threshold: 5)
        let textDecisive = Self.decisiveInput(textPerceptron)
        page.erratum("""
            Source text `000` says that “电影好不好看” (whether the movie is any good) matters most to you and the weather not so \
            much, and then gives the weights 6, 2, 2 with threshold 5. The movie is none of the three inputs $x_1$–$x_3$ \
            (weather, company, transit), so no weight of this perceptron can express it. Among the three inputs it does have, \
            the numbers make the weather decisive: the largest sum without good weather is 2 + 2 = \
            \(fmt(textPerceptron.weightedSum([0, 1, 1]).value + 5)) ≤ 5, and good weather alone gives 6 > 5, so the output equals \
            the weather input $x_\((textDecisive ?? 0) + 1)$ in all 8 rows. That is the example as Nielsen's book, which the text \
            follows, tells it: the weather matters most, which is why it has the largest weight.
            """, zh: """
            原文 `000` 说“电影好不好看”对你来说最重要，而天气显得不那么重要，随后给出权重 6、2、2 和阈值 5。\
            可是“电影”并不是三个输入 $x_1$–$x_3$（天气、同伴、交通）中的任何一个，这个感知机的权重根本无法表达它。\
            在它实际拥有的三个输入里，这组数字让天气起决定作用：天气不好时加权和最大也只有 2 + 2 = \
            \(fmt(textPerceptron.weightedSum([0, 1, 1]).value + 5)) ≤ 5，而只要天气好就有 6 > 5，\
            所以 8 行里输出都等于天气输入 $x_\((textDecisive ?? 0) + 1)$。原文所依据的 Nielsen 原书正是这样讲的：\
            天气最重要，所以它的权重最大。
            """)

        // Bias form.
        page.section("From threshold to bias", zh: "从阈值到偏置")
        page.say("""
            Move the threshold to the left of the inequality and call $b = -\\text{threshold}$ the **bias**. The rule becomes \
            "output 1 when $w \\cdot x + b > 0$". Nothing changes but notation; from here on we always use the bias.
            """, zh: """
            把阈值移到不等号左边，记 $b = -\\text{阈值}$，称为**偏置**。规则变成“当 $w \\cdot x + b > 0$ 时输出 1”。\
            这只是记号上的变化；从这里开始我们一律使用偏置。
            """)
        page.step("bias", .sym("b"), [.raw(tex: "-\(MathWords.text("threshold", zh: "阈值"))", text: "-threshold")], value: festival.bias)
        let rowsBias: [[Table.Cell]] = Self.situations.map { x in
            let s = festival.weightedSum(x)
            return [.math(.raw(tex: "(\(x.map(fmt).joined(separator: ", ")))", text: "(\(x.map(fmt).joined(separator: ", ")))")),
                    .math(.weightedSum(weights: w, inputs: x, bias: festival.bias)), .number(s.value), .number(festival.output(x))]
        }
        page.table([Localized("$x$", zh: "$x$"), Localized("$w \\cdot x + b$", zh: "$w \\cdot x + b$"),
                    Localized("value", zh: "值"), Localized("output", zh: "输出")], rowsBias)
        page.convention("A perceptron outputs 1 only when $w \\cdot x + b > 0$ strictly; at exactly 0 it outputs 0 (step(0) = 0).",
                        zh: "只有当 $w \\cdot x + b > 0$ 严格成立时感知机才输出 1；恰好等于 0 时输出 0（即 step(0) = 0）。")

        // NAND.
        page.section("A NAND gate", zh: "与非门")
        page.say("""
            A perceptron with weights $w = (-2, -2)$ and bias $b = 3$ computes NAND: its output is 0 only when both inputs are 1. \
            Because NAND gates can build any logical circuit, networks of perceptrons can compute any logical function.
            """, zh: """
            权重 $w = (-2, -2)$、偏置 $b = 3$ 的感知机实现的是与非（NAND）：只有两个输入都为 1 时输出 0。\
            由于与非门可以搭出任何逻辑电路，感知机组成的网络也就能计算任何逻辑函数。
            """)
        let nand = Perceptron(weights: [-2, -2], bias: 3)
        var nandSums: [Double] = [], nandOutputs: [Double] = []
        for x in Self.twoInputs {
            let s = nand.weightedSum(x)
            nandSums.append(s.value)
            nandOutputs.append(nand.output(x))
            page.step(nil, .raw(tex: "z(\(fmt(x[0])), \(fmt(x[1])))", text: "z(\(fmt(x[0])), \(fmt(x[1])))"),
                      [.weightedSum(weights: nand.weights, inputs: x, bias: nand.bias)], value: s.value)
        }
        page.table([Localized("$x_1$", zh: "$x_1$"), Localized("$x_2$", zh: "$x_2$"), Localized("$z$", zh: "$z$"), Localized("output", zh: "输出")],
                   zip(Self.twoInputs, zip(nandSums, nandOutputs)).map { [.number($0[0]), .number($0[1]), .number($1.0), .number($1.1)] })
        page.record("nand_sums", nandSums)
        page.record("nand_outputs", nandOutputs)

        // Learning.
        page.section("Learning the weights", zh: "让感知机自己学权重")
        page.say("""
            Rosenblatt's rule finds weights from examples. Show the perceptron one example $x$ with target $t$; it answers $y$. \
            If it was right ($t - y = 0$) nothing changes; if it was wrong, every weight moves by $\\eta (t - y) x_j$ and the bias by $\\eta (t - y)$:
            """, zh: """
            Rosenblatt 的学习规则从样本里找权重。给感知机看一个样本 $x$，目标输出为 $t$，它的回答是 $y$。\
            答对了（$t - y = 0$）就什么都不变；答错了，每个权重改变 $\\eta (t - y) x_j$，偏置改变 $\\eta (t - y)$：
            """)
        page.equation(tex: "w_j \\leftarrow w_j + \\eta\\,(t - y)\\,x_j, \\qquad b \\leftarrow b + \\eta\\,(t - y)",
                      text: "wj ← wj + η(t − y)xj,  b ← b + η(t − y)", label: "perceptron-rule")
        let eta = learningRate.value
        let andTraining = Perceptron(weights: [0, 0], bias: 0)
            .train(inputs: Self.twoInputs, targets: [0, 0, 0, 1], learningRate: eta, maxEpochs: epochs)
        if andTraining.convergedAt != nil {
            page.subsection("AND: the rule converges", zh: "AND：规则收敛")
        } else {
            page.subsection("AND: the rule needs more epochs", zh: "AND：规则还需要更多轮")
        }
        page.say("Start from $w = (0, 0)$, $b = 0$ with $\\eta = \(fmt(eta))$ and show the four AND examples in order, epoch after epoch, updating by {eq:perceptron-rule}. Rows where the weights changed are marked ●:",
                 zh: "从 $w = (0, 0)$、$b = 0$ 出发，取 $\\eta = \(fmt(eta))$，按顺序一轮又一轮地展示 AND 的四个样本，按式 {eq:perceptron-rule} 更新。权重有变化的行标有 ●：")
        Self.epochTable(&page, andTraining)
        if let k = andTraining.convergedAt {
            page.say("In epoch \(k) every example is classified correctly, so the rule stops with $w = (\(andTraining.final.weights.map(fmt).joined(separator: ", ")))$, $b = \(fmt(andTraining.final.bias))$.",
                     zh: "第 \(k) 轮所有样本都分对了，规则停止，得到 $w = (\(andTraining.final.weights.map(fmt).joined(separator: ", ")))$、$b = \(fmt(andTraining.final.bias))$。")
            page.record("and_converged_epoch", Double(k))
        } else {
            page.say("Within \(epochs) epochs the rule has not yet found a perfect pass; allow more epochs with `--epochs`.",
                     zh: "在 \(epochs) 轮之内规则还没有找到全对的一轮；可以用 `--epochs` 允许更多轮。")
        }
        page.record("and_weights", andTraining.final.weights)
        page.record("and_bias", andTraining.final.bias)
        let separates = andTraining.convergedAt != nil
        page.figure("and-boundary", title: separates
                        ? Localized("AND: the learned line separates the one positive example", zh: "AND：学到的直线把唯一的正例分开")
                        : Localized("AND: the line after \(epochs) epochs does not yet separate the examples", zh: "AND：\(epochs) 轮之后的直线还没有把样本分开"),
                    description: separates
                        ? Localized("The four inputs of AND in the plane; (1,1) has target 1, the others 0. The line w1·x1 + w2·x2 + b = 0 learned by the rule separates them.",
                                    zh: "AND 的四个输入画在平面上；点 (1, 1) 的目标是 1，其余三点是 0。规则学到的直线 w1·x1 + w2·x2 + b = 0 把它们分开。")
                        : Localized("The four inputs of AND in the plane; (1,1) has target 1, the others 0. The line w1·x1 + w2·x2 + b = 0 reached after \(epochs) epochs still misclassifies at least one of them.",
                                    zh: "AND 的四个输入画在平面上；点 (1, 1) 的目标是 1，其余三点是 0。\(epochs) 轮之后得到的直线 w1·x1 + w2·x2 + b = 0 仍至少分错其中一个。"),
                    Self.boundaryPlot(andTraining.final, targets: [0, 0, 0, 1]))

        page.subsection("XOR: the rule never converges", zh: "XOR：规则永远不收敛")
        let xorTraining = Perceptron(weights: [0, 0], bias: 0)
            .train(inputs: Self.twoInputs, targets: [0, 1, 1, 0], learningRate: eta, maxEpochs: epochs)
        page.say("The same rule on XOR (output 1 when exactly one input is 1):", zh: "同样的规则用在 XOR（恰有一个输入为 1 时输出 1）上：")
        Self.epochTable(&page, xorTraining)
        page.record("xor_mistakes", xorTraining.epochs.map { Double($0.mistakes) })
        if let cycle = xorTraining.cycle {
            page.say("""
                At the start of epoch \(cycle.repeat) the weights and bias are exactly what they were at the start of epoch \(cycle.first). \
                The rule is deterministic, so from here it repeats the same passes forever: it never finds a perfect epoch.
                """, zh: """
                第 \(cycle.repeat) 轮开始时的权重和偏置与第 \(cycle.first) 轮开始时完全相同。规则是确定性的，\
                所以之后只会一遍遍重复同样的过程，永远不会出现全对的一轮。
                """)
            page.record("xor_cycle", [Double(cycle.first), Double(cycle.repeat)])
        } else {
            page.say("After \(xorTraining.epochs.count) epochs there is still no perfect pass.",
                     zh: "跑了 \(xorTraining.epochs.count) 轮，依然没有全对的一轮。")
        }
        page.say("""
            No choice of weights could ever work. XOR needs $b \\le 0$ (for $(0,0)$), $w_1 + b > 0$ and $w_2 + b > 0$, and \
            $w_1 + w_2 + b \\le 0$ (for $(1,1)$). Adding the middle two gives $w_1 + w_2 + b > -b \\ge 0$, contradicting the last. \
            No straight line separates XOR's two classes: this is what Minsky and Papert proved in *Perceptrons* (1969).
            """, zh: """
            事实上没有任何权重能做到。XOR 要求 $b \\le 0$（对 $(0,0)$）、$w_1 + b > 0$ 与 $w_2 + b > 0$，\
            以及 $w_1 + w_2 + b \\le 0$（对 $(1,1)$）。把中间两式相加得 $w_1 + w_2 + b > -b \\ge 0$，与最后一式矛盾。\
            XOR 的两类点不能用一条直线分开——这正是 Minsky 和 Papert 在 1969 年的《Perceptrons》一书中证明的。
            """)
        let andStory = andTraining.convergedAt.map {
            Localized("AND (falls to 0 at epoch \($0))", zh: "AND 在第 \($0) 轮降到 0")
        } ?? Localized("AND (not yet 0 within \(epochs) epochs)", zh: "AND 在 \(epochs) 轮之内还没有降到 0")
        page.figure("mistakes", title: andTraining.convergedAt != nil
                        ? Localized("Mistakes per epoch: AND reaches zero, XOR never does", zh: "每轮的错误数：AND 降到 0，XOR 永远降不到 0")
                        : Localized("Mistakes per epoch: neither reaches zero within \(epochs) epochs, and XOR never will", zh: "每轮的错误数：\(epochs) 轮之内两者都没降到 0，而 XOR 永远降不到 0"),
                    description: Localized("Number of misclassified examples in each epoch of the perceptron rule, for \(andStory.en) and XOR (stays above 0).",
                                           zh: "感知机规则每一轮分错的样本数：\(andStory.zh)，XOR 始终大于 0。"),
                    LinePlot(xLabel: Localized("epoch", zh: "轮次"), yLabel: Localized("mistakes", zh: "错误数"),
                             series: [.init(Localized("AND", zh: "AND"), andTraining.epochs.map { .init(Double($0.number), Double($0.mistakes)) }, style: .line, color: 0),
                                      .init(Localized("XOR", zh: "XOR"), xorTraining.epochs.map { .init(Double($0.number), Double($0.mistakes)) }, style: .dashed, color: 1)],
                             yRange: 0...4))

        // Exercises.
        page.exercise("Keep the weights (6, 2, 2) but lower the threshold to 3. In which situations do you go?",
                      zh: "权重仍为 (6, 2, 2)，把阈值降到 3。哪些情形下你会去？") { s in
            let p = Perceptron(weights: [6, 2, 2], threshold: 3)
            let go = Self.situations.filter { p.output($0) == 1 }
            s.table([Localized("$x$", zh: "$x$"), Localized("$\\sum_j w_j x_j$", zh: "$\\sum_j w_j x_j$"), Localized("output", zh: "输出")],
                    Self.situations.map { x in [.math(.raw(tex: "(\(x.map(fmt).joined(separator: ", ")))", text: "(\(x.map(fmt).joined(separator: ", ")))")),
                                                .math(Self.equals(.weightedSum(weights: p.weights, inputs: x, bias: nil), p.weightedSum(x).value + 3)),
                                                .number(p.output(x))] })
            s.say("You go in \(go.count) of the 8 situations: whenever the weather is good, and also when a friend comes and transit is near (2 + 2 = 4 > 3).",
                  zh: "8 种情形中有 \(go.count) 种会去：只要天气好就去；天气不好但有朋友陪且交通方便时也去（2 + 2 = 4 > 3）。")
            s.record("go_count", Double(go.count))
        }
        page.exercise("Check that $w = (1, 1)$, $b = -0.5$ computes OR.", zh: "验证 $w = (1, 1)$、$b = -0.5$ 的感知机实现的是 OR（或）。") { s in
            let p = Perceptron(weights: [1, 1], bias: -0.5)
            for x in Self.twoInputs {
                s.step(nil, .raw(tex: "z(\(fmt(x[0])), \(fmt(x[1])))", text: "z(\(fmt(x[0])), \(fmt(x[1])))"),
                       [.weightedSum(weights: p.weights, inputs: x, bias: p.bias)], value: p.weightedSum(x).value)
            }
            let outs = Self.twoInputs.map(p.output)
            s.say("Outputs: \(outs.map(fmt).joined(separator: ", ")), which is OR: 0 only when both inputs are 0.",
                  zh: "输出依次为 \(outs.map(fmt).joined(separator: ", "))，正是 OR：只有两个输入都为 0 时才输出 0。")
            s.record("or_outputs", outs)
        }
        page.exercise("Train a perceptron on OR from $w = (0, 0)$, $b = 0$ with $\\eta = 1$. How many epochs until a perfect pass?",
                      zh: "从 $w = (0, 0)$、$b = 0$ 出发，取 $\\eta = 1$，用学习规则训练 OR。要几轮才能全部分对？") { s in
            let tr = Perceptron(weights: [0, 0], bias: 0).train(inputs: Self.twoInputs, targets: [0, 1, 1, 1], learningRate: 1, maxEpochs: 100)
            Self.epochTable(&s, tr)
            let k = tr.convergedAt ?? 0
            s.say("Epoch \(k) is the first without a mistake; the rule ends with $w = (\(tr.final.weights.map(fmt).joined(separator: ", ")))$, $b = \(fmt(tr.final.bias))$.",
                  zh: "第 \(k) 轮第一次没有错误；最终 $w = (\(tr.final.weights.map(fmt).joined(separator: ", ")))$、$b = \(fmt(tr.final.bias))$。")
            s.record("or_converged_epoch", Double(k))
        }
        writeSourcePassages(&page)
    }

    /// `expression = value` as one table cell.
    static func equals(_ e: Expr, _ value: Double) -> Expr {
        .raw(tex: ExprRendering.tex(e) + " = " + ExprRendering.tex(.n(value)), text: ExprRendering.text(e) + " = " + ExprRendering.text(.n(value)))
    }

    /// The input whose value equals the output in all eight situations, if there is one.
    static func decisiveInput(_ p: Perceptron) -> Int? {
        (0..<3).first { j in situations.allSatisfy { p.output($0) == $0[j] } }
    }

    static let epochColumns = [Localized("epoch", zh: "轮"), Localized("$x$", zh: "$x$"), Localized("$t$", zh: "$t$"),
                               Localized("$z = w \\cdot x + b$", zh: "$z = w \\cdot x + b$"), Localized("$y$", zh: "$y$"),
                               Localized("$t - y$", zh: "$t - y$"), Localized("$w$ after", zh: "更新后 $w$"), Localized("$b$ after", zh: "更新后 $b$")]

    /// The training trace as a table banded by epoch, with the rows where the weights or the bias
    /// changed marked (read from the trace: after differs from before).
    static func epochTable(_ page: inout Page, _ training: Perceptron.Training) {
        let updates = training.epochs.flatMap { epoch in epoch.updates.map { (epoch.number, $0) } }
        page.table(epochColumns, epochRows(training), bands: updates.map(\.0),
                   marked: updates.map { $0.1.weightsAfter != $0.1.weightsBefore || $0.1.biasAfter != $0.1.biasBefore })
    }

    static func epochRows(_ training: Perceptron.Training) -> [[Table.Cell]] {
        training.epochs.flatMap { epoch in
            epoch.updates.map { u in
                [.number(Double(epoch.number)),
                 .math(.raw(tex: "(\(u.input.map(fmt).joined(separator: ", ")))", text: "(\(u.input.map(fmt).joined(separator: ", ")))")),
                 .number(u.target), .number(u.sum), .number(u.output), .number(u.error),
                 .math(.raw(tex: "(\(u.weightsAfter.map(fmt).joined(separator: ", ")))", text: "(\(u.weightsAfter.map(fmt).joined(separator: ", ")))")),
                 .number(u.biasAfter)] as [Table.Cell]
            }
        }
    }

    static func boundaryPlot(_ p: Perceptron, targets: [Double]) -> LinePlot {
        let ones = zip(twoInputs, targets).filter { $0.1 == 1 }.map { LinePlot.Point($0.0[0], $0.0[1]) }
        let zeros = zip(twoInputs, targets).filter { $0.1 == 0 }.map { LinePlot.Point($0.0[0], $0.0[1]) }
        var series: [LinePlot.Series] = [
            .init(Localized("target 1", zh: "目标 1"), ones, style: .points, color: 0),
            .init(Localized("target 0", zh: "目标 0"), zeros, style: .points, color: 1),
        ]
        if p.weights[1] != 0 {
            let line = LinePlot.sample(-0.5...1.5, count: 2) { x in -(p.weights[0] * x + p.bias) / p.weights[1] }
            series.append(.init(Localized("$w \\cdot x + b = 0$", zh: "$w \\cdot x + b = 0$").plain, line, style: .dashed, color: 2))
        }
        return LinePlot(xLabel: Localized("x1", zh: "x1"), yLabel: Localized("x2", zh: "x2"), series: series,
                        xRange: -0.5...1.5, yRange: -0.5...1.5, width: 420, height: 380)
    }
}

/// Short number text for prose: 6, 0.5, -2.
func fmt(_ x: Double) -> String { NumberFormat.short(x) }

extension Localized {
    /// The same text with inline TeX turned into plain characters (for SVG labels).
    var plain: Localized { Localized(PlainMath.prose(en), zh: PlainMath.prose(zh)) }
}
