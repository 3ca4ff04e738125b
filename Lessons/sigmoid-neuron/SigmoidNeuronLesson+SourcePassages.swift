import LonghandEngine
import Notebook

extension SigmoidNeuronLesson {
    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        let z = Neuron(weights: weights.values, bias: bias.value, activation: .sigmoid).weightedSum(inputs.values).value
        page.section("Three things the sources state without working", zh: "原文只说未算的三件事")
        writeTwoClassSoftmax(&page, z: z)
        writeSmoothnessNotForm(&page, z: z)
        writeLogisticRegressionFigure(&page, z: z)
        page.sourcesOfThisLesson(Self.id)
    }

    /// `004`: softmax over two classes is the sigmoid of the difference of the scores.
    func writeTwoClassSoftmax(_ page: inout Page, z: Double) {
        page.subsection("Two-class softmax is the sigmoid", zh: "两类的 softmax 就是 sigmoid")
        page.say("""
            `004` introduces the sigmoid neuron for two classes and softmax for $k$ classes. They agree: give class 1 the score $z$ \
            and class 0 the score 0; softmax's probability of class 1 is
            """, zh: """
            `004` 用 sigmoid 神经元处理两类问题，用 softmax 处理 $k$ 类问题。两者是一致的：给第 1 类打分 $z$、第 0 类打分 0，\
            softmax 给出的第 1 类概率是
            """)
        page.equation(tex: "\\frac{e^{z}}{e^{z} + e^{0}} = \\frac{1}{1 + e^{-z}} = \\sigma(z)", text: "e^z/(e^z + e^0) = 1/(1 + e^(−z)) = σ(z)")
        let p = Softmax.probabilities([z, 0])[0]
        let y = Activation.sigmoid(z)
        page.step("two_class_softmax", .raw(tex: "\\operatorname{softmax}(\(fmt(z)), 0)_1", text: "softmax(\(fmt(z)), 0)₁"),
                  [.quotient(.exp(.n(z)), .sum([.exp(.n(z)), .exp(.n(0))]))], value: p, digits: 10)
        page.record("two_class_softmax_difference", p - y)
        page.say(abs(p - y) <= 1e-12
                 ? "With this lesson's $z = \(fmt(z))$ that is $\\sigma(\(fmt(z))) = \(NumberFormat.fixed(y, decimals: 10))$ again (the two computations differ by \(NumberFormat.short(abs(p - y), significant: 2))). More generally, softmax of two scores depends only on their difference: $\\operatorname{softmax}(s_1, s_0)_1 = \\sigma(s_1 - s_0)$."
                 : "With this lesson's $z = \(fmt(z))$ the two computations give \(NumberFormat.fixed(p, decimals: 10)) and \(NumberFormat.fixed(y, decimals: 10)), apart by \(NumberFormat.short(abs(p - y), significant: 2)) from rounding.",
                 zh: abs(p - y) <= 1e-12
                 ? "本课的 $z = \(fmt(z))$ 代入，得到的又是 $\\sigma(\(fmt(z))) = \(NumberFormat.fixed(y, decimals: 10))$（两种算法相差 \(NumberFormat.short(abs(p - y), significant: 2))）。一般地，两个得分的 softmax 只取决于它们的差：$\\operatorname{softmax}(s_1, s_0)_1 = \\sigma(s_1 - s_0)$。"
                 : "本课的 $z = \(fmt(z))$ 代入，两种算法分别得到 \(NumberFormat.fixed(p, decimals: 10)) 和 \(NumberFormat.fixed(y, decimals: 10))，因舍入相差 \(NumberFormat.short(abs(p - y), significant: 2))。")
    }

    /// `000`: smoothness, not the exact form of σ, is what makes small changes predictable.
    func writeSmoothnessNotForm(_ page: inout Page, z: Double) {
        page.subsection("Smoothness, not the exact formula", zh: "关键是平滑，而不是具体公式")
        page.say("""
            `000` (after Nielsen) stresses that what matters is that σ is smooth, not its exact form. Any smooth S-shaped \
            activation gives the same linear rule $\\Delta \\text{output} \\approx f'(z)\\,\\Delta z$. Take a different S-curve, \
            $f(z) = \\frac{1}{2}(1 + \\tanh z)$, steeper than σ, and the same small change of the weights and bias as above:
            """, zh: """
            `000`（沿用 Nielsen）强调：要紧的是 σ 的平滑性，而不是它的具体形式。任何平滑的 S 形激活函数都满足同样的线性关系 \
            $\\Delta \\text{输出} \\approx f'(z)\\,\\Delta z$。换一条比 σ 更陡的 S 形曲线 $f(z) = \\frac{1}{2}(1 + \\tanh z)$，\
            权重和偏置的微小变化与上文相同：
            """)
        let x = inputs.values, dw = deltaWeights.values, db = deltaBias.value
        let dz = zip(dw, x).reduce(db) { $0 + $1.0 * $1.1 }
        func f(_ t: Double) -> Double { 0.5 * (1 + Activation.tanh.apply(t)) }
        let slope = 0.5 * Activation.tanh.derivative(z)
        page.step("tanh_curve_dz", .raw(tex: "\\Delta z", text: "Δz"), [.sum(zip(dw, x).map { .product([.n($0), .n($1)]) } + [.n(db)])], value: dz)
        let approx = page.step("tanh_curve_approx", .raw(tex: "f'(z)\\,\\Delta z", text: "f'(z)·Δz"), [.product([.n(slope), .n(dz)])], value: slope * dz, digits: 6)
        let exact = page.step("tanh_curve_exact", .raw(tex: "f(z + \\Delta z) - f(z)", text: "f(z + Δz) − f(z)"),
                              [.difference(.number(f(z + dz), digits: 10), .number(f(z), digits: 10))], value: f(z + dz) - f(z), digits: 6)
        let gap = abs(exact - approx)
        let small = gap <= 0.1 * max(abs(exact), 1e-300) || gap < 1e-12
        page.say(small
                 ? "The linear rule is off by \(NumberFormat.short(gap, significant: 3)), small beside the change itself: a different formula, the same predictable behaviour."
                 : "The linear rule is off by \(NumberFormat.short(gap, significant: 3)), not small beside the change of \(NumberFormat.short(abs(exact), significant: 3)): this change is too large for a first-order rule, whatever the curve.",
                 zh: small
                 ? "线性关系的误差是 \(NumberFormat.short(gap, significant: 3))，与变化量本身相比很小：公式不同，行为同样可以预测。"
                 : "线性关系的误差是 \(NumberFormat.short(gap, significant: 3))，与 \(NumberFormat.short(abs(exact), significant: 3)) 的变化量相比并不小：对一阶近似来说，这个改动太大了，换什么曲线都一样。")
    }

    /// `004`'s logistic regression drawn: σ(w·x + b) over the plane and its boundary w·x + b = 0 (two inputs only).
    func writeLogisticRegressionFigure(_ page: inout Page, z: Double) {
        let w = weights.values, x = inputs.values, b = bias.value
        guard w.count == 2, w[0] != 0 || w[1] != 0 else { return }
        let norm2 = w[0] * w[0] + w[1] * w[1]
        // The point of the boundary nearest to x, so that both show in the picture.
        let foot = [x[0] - z / norm2 * w[0], x[1] - z / norm2 * w[1]]
        let centre = [(x[0] + foot[0]) / 2, (x[1] + foot[1]) / 2]
        let half = max(4, (abs(z) / norm2.squareRoot()) * 0.75 + 2)
        let xr = (centre[0] - half)...(centre[0] + half), yr = (centre[1] - half)...(centre[1] + half)
        let values = Heatmap.sample(x: xr, y: yr, resolution: 60) { a, c in Activation.sigmoid(w[0] * a + w[1] * c + b) }
        // The boundary's equation with signs written properly: 0.5 x_1 - 2 x_2 + 3 = 0.
        var line = ""
        for (coefficient, symbol) in [(w[0], "x_1"), (w[1], "x_2"), (b, "")] where coefficient != 0 {
            let magnitude = symbol.isEmpty ? fmt(abs(coefficient)) : (abs(coefficient) == 1 ? "" : fmt(abs(coefficient)) + "\\,") + symbol
            line += line.isEmpty ? (coefficient < 0 ? "-" : "") + magnitude : (coefficient < 0 ? " - " : " + ") + magnitude
        }
        let distance = abs(z) / norm2.squareRoot()
        let sideEn = z == 0 ? "lies on the line itself" : "lies \(fmt(distance)) away from the line, on the side of class \(z > 0 ? 1 : 0)"
        let sideZh = z == 0 ? "恰好在这条直线上" : "到这条直线的距离是 \(fmt(distance))，位于第 \(z > 0 ? 1 : 0) 类一侧"
        page.subsection("Logistic regression, drawn", zh: "画出逻辑回归")
        page.say("""
            Over the plane of inputs $(x_1, x_2)$ the neuron's output $\\sigma(w \\cdot x + b)$ is the probability of class 1. \
            It is exactly 0.5 on the line $w \\cdot x + b = 0$, here $\(line) = 0$, \
            and moves towards 1 on one side and 0 on the other. The lesson's input $(\(fmt(x[0])), \(fmt(x[1])))$, with \
            $z = \(fmt(z))$, \(sideEn).
            """, zh: """
            在输入平面 $(x_1, x_2)$ 上，神经元的输出 $\\sigma(w \\cdot x + b)$ 就是属于第 1 类的概率。它在直线 $w \\cdot x + b = 0$ \
            （这里是 $\(line) = 0$）上恰好等于 0.5，在一侧趋向 1，在另一侧趋向 0。\
            本课的输入 $(\(fmt(x[0])), \(fmt(x[1])))$ 的 $z = \(fmt(z))$，\(sideZh)。
            """)
        page.record("boundary_distance", distance)
        page.figure("logistic-regression", title: Localized("σ(w·x + b) over the plane, with the boundary w·x + b = 0", zh: "平面上的 σ(w·x + b) 与分界线 w·x + b = 0"),
                    description: Localized("A colour map of the neuron's output over the input plane, blue near 1 and orange near 0, with the 0.5 line w·x + b = 0 drawn and the lesson's input marked.",
                                           zh: "神经元输出在输入平面上的色图，接近 1 为蓝色、接近 0 为橙色，画出了 0.5 分界线 w·x + b = 0，并标出本课的输入。"),
                    Heatmap(xRange: xr, yRange: yr,
                            panels: [.init(title: Localized("σ(w·x + b)", zh: "σ(w·x + b)"), values: values, coloring: .diverging(0...1), boundary: 0.5,
                                           markers: [.init(x: x[0], y: x[1], label: Localized(same: "x"), color: 0)])],
                            columns: 1, panelSize: 360,
                            scaleLabels: (low: Localized("0 (class 0)", zh: "0（第 0 类）"), high: Localized("1 (class 1)", zh: "1（第 1 类）"))))
    }
}
