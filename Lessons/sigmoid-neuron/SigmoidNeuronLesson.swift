import ArgumentParser
import LessonKit
import LonghandEngine
import Notebook

/// Lesson 2: the sigmoid neuron — z, σ(z), why smoothness matters, and logistic regression.
public struct SigmoidNeuronLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: id,
        abstract: "A sigmoid neuron worked out: z = w·x + b, σ(z), and the linear approximation of a small change.",
        discussion: """
        Defaults are the source texts' numbers (w = [0, 1], b = 4, x = [2, 3]). --weights, --inputs and \
        --delta-weights must have the same length; each option's line below says what it accepts. Bad input prints one \
        line naming the option and exits with 64; an --out that cannot be written exits with 73.
        """)
    public static let position = 20
    public static let title = Localized("The sigmoid neuron: a perceptron that bends", zh: "S 型神经元：会“弯”的感知机")
    public static let summary = Localized("z = 0·2 + 1·3 + 4 = 7 and σ(7) = 0.999089; small changes in, small changes out; logistic regression.",
                                          zh: "z = 0·2 + 1·3 + 4 = 7，σ(7) = 0.999089；输入小变化，输出也小变化；逻辑回归。")
    public static let part = CoursePart.singleNeurons

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: Self.help("weights"))
    public var weights = NumberList([0, 1])

    @Option(name: .long, parsing: .unconditional, help: Self.help("bias"))
    public var bias = FiniteNumber(4)

    @Option(name: .long, parsing: .unconditional, help: Self.help("inputs"))
    public var inputs = NumberList([2, 3])

    @Option(name: .long, parsing: .unconditional, help: Self.help("delta-weights"))
    public var deltaWeights = NumberList([0.01, -0.02])

    @Option(name: .long, parsing: .unconditional, help: Self.help("delta-bias"))
    public var deltaBias = FiniteNumber(0.03)

    public init() {}

    public static var options: [LessonOption<Self>] {[
        .numbers("weights", \.weights, count: .between(1...10), each: -1000...1000,
                 label: Localized("Weights", zh: "权重"), help: Localized("The neuron's weights", zh: "神经元的权重")),
        .number("bias", \.bias, -1000...1000,
                label: Localized("Bias", zh: "偏置"), help: Localized("The neuron's bias", zh: "神经元的偏置"), valueName: "b"),
        .numbers("inputs", \.inputs, count: .sameAs("weights"), each: -1000...1000,
                 label: Localized("Inputs", zh: "输入"), help: Localized("The inputs, one per weight", zh: "输入，每个权重对应一个")),
        .numbers("delta-weights", \.deltaWeights, count: .sameAs("weights"), each: -10...10,
                 label: Localized("Weight changes", zh: "权重的变化"),
                 help: Localized("A small change to each weight, one per weight", zh: "每个权重的一个小变化，每个权重对应一个"), valueName: "dw1,dw2,…"),
        .number("delta-bias", \.deltaBias, -10...10,
                label: Localized("Bias change", zh: "偏置的变化"), help: Localized("A small change to the bias", zh: "偏置的一个小变化"), valueName: "db"),
    ]}

    /// Symbols x_1, w_1, … in TeX and plain text.
    static func indexed(_ letter: String, _ j: Int) -> Expr { .symbol(tex: "\(letter)_{\(j + 1)}", text: "\(letter)\(j + 1)") }

    public func write(_ page: inout Page) throws {
        let w = weights.values, x = inputs.values, b = bias.value
        let neuron = Neuron(weights: w, bias: b, activation: .sigmoid)
        page.say("""
            A perceptron's output jumps from 0 to 1. Nudge one weight a little and the output either does not move at all or flips \
            completely — no way to tell whether a change helped a little. The **sigmoid neuron** (source texts `000`, `003`) keeps the \
            weights and the bias but replaces the step by the smooth S-shaped function
            """, zh: """
            感知机的输出在 0 和 1 之间跳变。把某个权重稍微改一点，输出要么纹丝不动，要么整个翻转——\
            我们没法知道这点改动是不是“好了一点”。**S 型神经元**（原文 `000`、`003`）保留权重和偏置，\
            只把阶跃函数换成平滑的 S 形函数（sigmoid 函数）
            """)
        page.equation(tex: "\\sigma(z) = \\frac{1}{1 + e^{-z}}", text: "σ(z) = 1/(1 + e^(-z))")
        page.say("which squeezes any number into the interval (0, 1): large positive $z$ gives almost 1, large negative $z$ almost 0.",
                 zh: "它把任意实数压进区间 (0, 1)：$z$ 很大时输出接近 1，$z$ 很小（负得很多）时输出接近 0。")

        page.section("Working out one neuron", zh: "算一个神经元")
        // The source texts' neuron is w = (0, 1), b = 4, x = (2, 3); any other numbers are the reader's own.
        let isTextNeuron = w == [0, 1] && b == 4 && x == [2, 3]
        let wText = w.map(fmt).joined(separator: ", "), xText = x.map(fmt).joined(separator: ", ")
        page.say(isTextNeuron
                 ? "The text's neuron has weights $w = (\(wText))$, bias $b = \(fmt(b))$, and receives $x = (\(xText))$. First the weighted input:"
                 : "Your neuron has weights $w = (\(wText))$, bias $b = \(fmt(b))$, and receives $x = (\(xText))$ (the text's neuron has $w = (0, 1)$, $b = 4$, $x = (2, 3)$). First the weighted input:",
                 zh: isTextNeuron
                 ? "原文的神经元权重为 $w = (\(wText))$，偏置 $b = \(fmt(b))$，输入 $x = (\(xText))$。先算加权输入："
                 : "你给的神经元权重为 $w = (\(wText))$，偏置 $b = \(fmt(b))$，输入 $x = (\(xText))$（原文的神经元是 $w = (0, 1)$、$b = 4$、$x = (2, 3)$）。先算加权输入：")
        let sum = neuron.weightedSum(x)
        let z = page.step("z", .sym("z"), [.raw(tex: "w \\cdot x + b", text: "w·x + b"), .weightedSum(weights: w, inputs: x, bias: b)], value: sum.value)
        page.say("then the activation:", zh: "再过激活函数：")
        let y = page.step("output", .sigma(.n(z)), [.sigmoidFormula(z)], value: Activation.sigmoid(z))
        if isTextNeuron {
            page.say("The text prints this as \(NumberFormat.fixed(y, decimals: 3)); to ten places it is \(NumberFormat.fixed(y, decimals: 10)).",
                     zh: "原文把它写成 \(NumberFormat.fixed(y, decimals: 3))；保留十位小数是 \(NumberFormat.fixed(y, decimals: 10))。")
        } else {
            page.say("To ten places your neuron's output is \(NumberFormat.fixed(y, decimals: 10)); the text's neuron gives \(NumberFormat.fixed(Activation.sigmoid(7), decimals: 3)).",
                     zh: "保留十位小数，你的神经元输出 \(NumberFormat.fixed(y, decimals: 10))；原文的神经元给出的是 \(NumberFormat.fixed(Activation.sigmoid(7), decimals: 3))。")
        }
        page.figure("step-vs-sigmoid", title: Localized("Step and sigmoid, with this neuron's z marked", zh: "阶跃函数与 sigmoid，标出本例的 z"),
                    description: Localized("The step function jumps from 0 to 1 at z = 0; the sigmoid rises smoothly from near 0 to near 1. The point (\(fmt(z)), \(fmt(y))) is marked on the sigmoid.",
                                           zh: "阶跃函数在 z = 0 处从 0 跳到 1；sigmoid 从接近 0 平滑地升到接近 1。sigmoid 曲线上标出了点 (\(fmt(z)), \(fmt(y)))。"),
                    LinePlot(xLabel: Localized("z", zh: "z"), yLabel: Localized("output", zh: "输出"),
                             series: [.init(Localized("step(z)", zh: "阶跃 step(z)"), LinePlot.sample(-8...8, count: 321) { Activation.step.apply($0) }, style: .dashed, color: 1),
                                      .init(Localized("σ(z)", zh: "σ(z)"), LinePlot.sample(-8...8) { Activation.sigmoid($0) }, color: 0)],
                             markers: [.init(x: min(max(z, -8), 8), y: y, label: Localized("σ(\(fmt(z))) = \(fmt(y))", zh: "σ(\(fmt(z))) = \(fmt(y))"))],
                             xRange: -8...8, yRange: -0.1...1.1))

        // Smoothness.
        page.section("Small changes in, small changes out", zh: "输入小变化，输出小变化")
        page.say("""
            Because σ is smooth, calculus tells us how much the output moves when the weights and bias move by small amounts \
            $\\Delta w_j$ and $\\Delta b$:
            """, zh: """
            因为 σ 是光滑的，微积分告诉我们：权重和偏置分别有微小变化 $\\Delta w_j$ 和 $\\Delta b$ 时，输出大约变化
            """)
        page.equation(tex: "\\Delta \(MathWords.text("output", zh: "输出")) \\approx \\sum_j \\frac{\\partial\\, \(MathWords.text("output", zh: "输出"))}{\\partial w_j} \\Delta w_j + \\frac{\\partial\\, \(MathWords.text("output", zh: "输出"))}{\\partial b} \\Delta b",
                      text: "Δoutput ≈ Σj ∂output/∂wj·Δwj + ∂output/∂b·Δb")
        page.say("With $\\text{output} = \\sigma(z)$ and $z = w \\cdot x + b$, the chain rule gives $\\partial\\,\\text{output}/\\partial w_j = \\sigma'(z)\\,x_j$ and $\\partial\\,\\text{output}/\\partial b = \\sigma'(z)$, where $\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$:",
                 zh: "由 $\\text{输出} = \\sigma(z)$、$z = w \\cdot x + b$ 和链式法则，$\\partial\\,\\text{输出}/\\partial w_j = \\sigma'(z)\\,x_j$，$\\partial\\,\\text{输出}/\\partial b = \\sigma'(z)$，其中 $\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$：")
        let sp = page.step("sigma_prime", .raw(tex: "\\sigma'(\(fmt(z)))", text: "σ'(\(fmt(z)))"),
                           SlopeSteps.sigmoid(z), value: Activation.sigmoid.derivative(z))
        var dOut: [Double] = []
        for j in w.indices {
            let g = page.step(nil, .raw(tex: "\\frac{\\partial\\, \(MathWords.text("output", zh: "输出"))}{\\partial w_{\(j + 1)}}", text: "∂output/∂w\(j + 1)"),
                              [.product([.n(sp), .n(x[j])])], value: sp * x[j])
            dOut.append(g)
        }
        page.record("dout_dw", dOut)
        page.record("dout_db", sp)
        let dw = deltaWeights.values, db = deltaBias.value
        page.say("Now change the weights by $\\Delta w = (\(dw.map(fmt).joined(separator: ", ")))$ and the bias by $\\Delta b = \(fmt(db))$. The linear approximation:",
                 zh: "现在让权重变化 $\\Delta w = (\(dw.map(fmt).joined(separator: ", ")))$，偏置变化 $\\Delta b = \(fmt(db))$。线性近似给出：")
        let approx = zip(dOut, dw).map { $0 * $1 }.reduce(0, +) + sp * db
        var terms: [Expr] = zip(dOut, dw).map { .product([.n($0), .n($1)]) }
        terms.append(.product([.n(sp), .n(db)]))
        page.step("approx_change", .raw(tex: "\\Delta " + MathWords.text("output", zh: "输出"), text: "Δoutput"), [.sum(terms)], value: approx, digits: 6)
        let moved = Neuron(weights: zip(w, dw).map { $0 + $1 }, bias: b + db, activation: .sigmoid)
        let zNew = moved.weightedSum(x).value
        let yNew = Activation.sigmoid(zNew)
        page.say("The exact change: recompute the neuron with the new weights and bias.", zh: "精确的变化：用新的权重和偏置重新算一遍。")
        page.step("z_new", .raw(tex: "z'", text: "z'"), [.weightedSum(weights: moved.weights, inputs: x, bias: moved.bias)], value: zNew)
        let exact = page.step("exact_change", .raw(tex: "\\sigma(z') - \\sigma(z)", text: "σ(z') - σ(z)"),
                              [.difference(.number(yNew, digits: 10), .number(y, digits: 10))], value: yNew - y, digits: 6)
        let gap = abs(exact - approx)
        page.record("approximation_error", gap)
        let noChange = dw.allSatisfy { $0 == 0 } && db == 0
        let stepChange = Activation.step.apply(zNew) - Activation.step.apply(z)
        if noChange {
            page.say("With $\\Delta w = 0$ and $\\Delta b = 0$ nothing moves: the approximation and the exact change are both 0.",
                     zh: "$\\Delta w = 0$、$\\Delta b = 0$ 时什么都不动：线性近似和精确变化都是 0。")
        } else {
            let gapSentence = gap == 0
                ? Localized("The approximation and the exact change agree to every printed digit here.",
                            zh: "这里近似值与精确值在打印出的每一位上都一致。")
                : Localized("The approximation is off by \(NumberFormat.short(gap, significant: 3)): the error comes from the curvature of σ, which the linear formula ignores, and it shrinks like the square of the change.",
                            zh: "近似值与精确值相差 \(NumberFormat.short(gap, significant: 3))：误差来自 σ 的弯曲，线性公式忽略了这一点；误差与改变量的平方成正比，改变量越小，它缩小得越快。")
            let perceptron = stepChange == 0 && exact == 0
                ? Localized("A perceptron would not move here either ($\\Delta \\text{output} = 0$), and it never tells the direction in which to move.",
                            zh: "换成感知机，这里的输出也不动（$\\Delta \\text{输出} = 0$），而且它永远给不出该往哪个方向调的信息。")
                : stepChange == 0
                ? Localized("A perceptron, by contrast, would not move at all here ($\\Delta \\text{output} = 0$): no information about the direction in which to move.",
                            zh: "换成感知机，这里的输出根本不动（$\\Delta \\text{输出} = 0$）——完全看不出该往哪个方向调。")
                : Localized("A perceptron, by contrast, would jump by the whole $\\Delta \\text{output} = \(fmt(stepChange))$ here: its output flips, however small the change that flipped it, so it says nothing about how far to move.",
                            zh: "换成感知机，这里的输出会整个跳变，$\\Delta \\text{输出} = \(fmt(stepChange))$：不管引起翻转的改动多小，输出都整个翻过去，所以看不出该调多少。")
            page.say(gapSentence.en + " " + perceptron.en, zh: gapSentence.zh + perceptron.zh)
        }
        if abs(z) > 4 {
            // Whether this page's own change stayed on the flat part, judged by how far the output actually moved.
            let stayedFlat = abs(exact) < 0.01
            let effect = stayedFlat
                ? Localized("so changes barely move the output: this one moves it by \(NumberFormat.short(exact, significant: 3)).",
                            zh: "所以改动几乎不影响输出：这里的改动只让输出变了 \(NumberFormat.short(exact, significant: 3))。")
                : Localized("so small changes barely move the output; this change carries $z$ to $\(fmt(zNew))$, off the flat part, and moves the output by \(NumberFormat.short(exact, significant: 3)).",
                            zh: "所以小的改动几乎不影响输出；这里的改动把 $z$ 带到了 $\(fmt(zNew))$，离开了平坦处，输出变了 \(NumberFormat.short(exact, significant: 3))。")
            page.aside("""
                At $z = \(fmt(z))$ the sigmoid is nearly flat ($\\sigma'(z) = \(fmt(sp))$), \(effect.en) \
                This is **saturation**, the root of vanishing gradients that later lessons meet.
                """, zh: """
                在 $z = \(fmt(z))$ 处 sigmoid 几乎是平的（$\\sigma'(z) = \(fmt(sp))$），\(effect.zh)\
                这就是**饱和**，也是后面课程里“梯度消失”问题的根源。
                """)
        }
        let numeric = GradientCheck.compare(analytic: dOut + [sp], at: w + [b]) { p in
            Neuron(weights: Array(p.dropLast()), bias: p.last!, activation: .sigmoid).output(x)
        }
        page.say("Every derivative above, checked against central differences $(f(p + h) - f(p - h))/2h$ with $h = 10^{-5}$:",
                 zh: "上面的每个导数都用中心差分 $(f(p + h) - f(p - h))/2h$（$h = 10^{-5}$）核对过：")
        page.table([Localized("parameter", zh: "参数"), Localized("chain rule", zh: "链式法则"), Localized("central difference", zh: "中心差分"), Localized("relative error", zh: "相对误差")],
                   numeric.enumerated().map { i, e in
                       [.math(i < w.count ? Self.indexed("w", i) : .sym("b")), .number(e.analytic, digits: 10), .number(e.numeric, digits: 10), .number(e.relativeError, digits: 2)]
                   })
        page.record("gradient_check_max_relative_error", numeric.map(\.relativeError).max() ?? 0)
        writeCentreOfTheS(&page, z: z)

        // Logistic regression.
        page.section("Step versus sigmoid, and logistic regression", zh: "阶跃与 sigmoid，以及逻辑回归")
        page.say("""
            Side by side for a few values of $z$: far from 0 the two agree closely, near 0 the sigmoid gives the in-between values the \
            step cannot.
            """, zh: "几个 $z$ 值的对照：远离 0 时两者几乎一样，在 0 附近 sigmoid 给出阶跃函数给不出的中间值。")
        let zs: [Double] = [-6, -2, -1, -0.5, 0, 0.5, 1, 2, 6]
        page.table([Localized("$z$", zh: "$z$"), Localized("step$(z)$", zh: "step$(z)$"), Localized("$\\sigma(z)$", zh: "$\\sigma(z)$"), Localized("$\\sigma'(z)$", zh: "$\\sigma'(z)$")],
                   zs.map { [.number($0), .number(Activation.step.apply($0)), .number(Activation.sigmoid($0)), .number(Activation.sigmoid.derivative($0))] })
        page.say("""
            Source text `004` adds the statistical reading: when a sigmoid neuron is used for a yes/no question, its output is read as \
            the probability $P(y = 1 \\mid x)$, and the model is exactly **logistic regression**. Predicting "yes" when the probability \
            exceeds one half means $\\sigma(z) > 0.5$, i.e. $z > 0$: the same boundary $w \\cdot x + b = 0$ as a perceptron in bias form. \
            For this lesson's neuron $P(y = 1 \\mid x) = \(fmt(y))$, so it predicts class \(y > 0.5 ? 1 : 0).
            """, zh: """
            原文 `004` 给出了统计上的解读：把 sigmoid 神经元用来回答“是/否”问题时，它的输出被看作概率 $P(y = 1 \\mid x)$，\
            这个模型正是**逻辑回归**。概率超过一半就判“是”，即 $\\sigma(z) > 0.5$，也就是 $z > 0$：\
            分界线 $w \\cdot x + b = 0$ 与偏置形式的感知机完全相同。本课的神经元给出 $P(y = 1 \\mid x) = \(fmt(y))$，所以预测为第 \(y > 0.5 ? 1 : 0) 类。
            """)
        page.record("predicted_class", y > 0.5 ? 1 : 0)
        page.convention("σ is evaluated in a form that never overflows, so σ(±1000) comes out as exactly 1 or 0 instead of an undefined number. " + SlopeSteps.convention.en,
                        zh: "σ 采用不会溢出的算法，所以 σ(±1000) 恰好得到 1 或 0，而不是一个无定义的数。" + SlopeSteps.convention.zh)

        // Exercises.
        page.exercise("A neuron has $w = (0.5, -1)$, $b = 2$ and receives $x = (1, 4)$. Compute $z$ and $\\sigma(z)$.",
                      zh: "某神经元 $w = (0.5, -1)$，$b = 2$，输入 $x = (1, 4)$。求 $z$ 和 $\\sigma(z)$。") { s in
            let n = Neuron(weights: [0.5, -1], bias: 2, activation: .sigmoid)
            let z1 = s.step("z", .sym("z"), [.weightedSum(weights: n.weights, inputs: [1, 4], bias: n.bias)], value: n.weightedSum([1, 4]).value)
            s.step("output", .sigma(.n(z1)), [.sigmoidFormula(z1)], value: Activation.sigmoid(z1))
            s.say("A negative $z$ gives an output below one half.", zh: "$z$ 为负，输出小于一半。")
        }
        page.exercise("Where is the sigmoid steepest? Compute $\\sigma'(z)$ at $z = 0$, $2$ and $5$.",
                      zh: "sigmoid 在哪里最陡？分别求 $z = 0$、$2$、$5$ 处的 $\\sigma'(z)$。") { s in
            var values: [Double] = []
            for zz in [0.0, 2, 5] {
                values.append(s.step(nil, .raw(tex: "\\sigma'(\(fmt(zz)))", text: "σ'(\(fmt(zz)))"), SlopeSteps.sigmoid(zz), value: Activation.sigmoid.derivative(zz)))
            }
            s.record("sigma_prime", values)
            s.say("The slope is largest, 1/4, at $z = 0$ and falls quickly as $|z|$ grows.", zh: "斜率在 $z = 0$ 处最大，为 1/4；随着 $|z|$ 增大，斜率迅速变小。")
        }
        page.exercise("At $w = (1, 1)$, $b = 0$, $x = (1, -1)$ (so $z = 0$), change the bias by $\\Delta b = 0.5$. Compare the linear approximation with the exact change.",
                      zh: "取 $w = (1, 1)$、$b = 0$、$x = (1, -1)$（于是 $z = 0$），让偏置变化 $\\Delta b = 0.5$。比较线性近似与精确变化。") { s in
            let d = Activation.sigmoid.derivative(0)
            let a = s.step("approx_change", .raw(tex: "\\Delta " + MathWords.text("output", zh: "输出"), text: "Δoutput"), [.product([.n(d), .n(0.5)])], value: d * 0.5)
            let e = s.step("exact_change", .raw(tex: "\\sigma(0.5) - \\sigma(0)", text: "σ(0.5) - σ(0)"), [.difference(.n(Activation.sigmoid(0.5)), .n(0.5))], value: Activation.sigmoid(0.5) - 0.5)
            s.say("The approximation overshoots by \(NumberFormat.short(a - e, significant: 3)), because σ bends downward for $z > 0$.",
                  zh: "近似值多算了 \(NumberFormat.short(a - e, significant: 3))，因为 σ 在 $z > 0$ 时向下弯。")
        }
        writeSourcePassages(&page)
    }
}
