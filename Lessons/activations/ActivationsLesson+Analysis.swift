import LessonKit
import LonghandEngine
import Notebook

/// RReLU, the summary tables, saturation, the ReLU erratum and the numerical derivative check.
extension ActivationsLesson {
    /// What the RReLU section computed, reused by the summary and the derivative check.
    struct RReLURun {
        let model: RandomizedReLU
        let pass: RandomizedReLU.TrainingPass
        let test: [Double]
        let testDerivatives: [Double]
    }

    func writeRReLU(vector x: [Double], into page: inout Page) -> RReLURun {
        let model = RandomizedReLU(lower: rreluLower.value, upper: rreluUpper.value)
        var random = SeededRandom(seed: UInt64(seed))
        let pass = model.train(x, random: &random)
        let run = RReLURun(model: model, pass: pass, test: x.map(model.test), testDerivatives: x.map(model.testDerivative))
        let l = model.lower, u = model.upper
        page.section("RReLU: a random slope while training", zh: "RReLU：训练时随机的斜率")
        page.say("""
            The randomized leaky ReLU draws, during training, a fresh slope $a_i$ for every input from the uniform distribution \
            on $[l, u] = [\(fmt(l)), \(fmt(u))]$ \(Self.isAuthorsRange(l, u) ? "(the range its authors used, Xu et al., 2015)" : "(your range; its authors, Xu et al., 2015, used $[1/8, 1/3]$)"). The noise acts like a regularizer. \
            At test time the randomness is switched off and the average slope $(l + u)/2$ is used. Our slopes come from the \
            seeded generator (seed \(seed)), so every run shows the same draws.
            """, zh: """
            随机化的 Leaky ReLU（RReLU）在训练时为每个输入重新抽一个斜率 $a_i$，服从 $[l, u] = [\(fmt(l)), \(fmt(u))]$ 上的\
            均匀分布\(Self.isAuthorsRange(l, u) ? "（这是作者 Xu 等人在 2015 年使用的范围）" : "（这是你给的范围；作者 Xu 等人在 2015 年用的是 $[1/8, 1/3]$）")。这种随机性起到正则化的作用。测试时不再随机，\
            统一使用平均斜率 $(l + u)/2$。这里的斜率由带种子的随机数生成器产生（种子为 \(seed)），所以每次运行抽到的都一样。
            """)
        page.say("In training:", zh: "训练时：")
        page.equation(tex: "\\mathrm{RReLU}(z_i) = \\begin{cases} z_i & z_i > 0 \\\\ a_i\\,z_i & z_i \\le 0 \\end{cases}, \\quad a_i \\sim U(l, u)",
                      text: "RReLU(zi) = zi if zi > 0, ai·zi if zi ≤ 0, ai ~ U(l, u)")
        page.say("At test time:", zh: "测试时：")
        page.equation(tex: "\\mathrm{RReLU}(z) = \\begin{cases} z & z > 0 \\\\ \\frac{l + u}{2}\\,z & z \\le 0 \\end{cases}",
                      text: "RReLU(z) = z if z > 0, (l + u)/2·z if z ≤ 0")
        page.step("rrelu_test_slope", .raw(tex: "\\frac{l + u}{2}", text: "(l + u)/2"),
                  [.quotient(.sum([.n(l), .n(u)]), .n(2))], value: model.testSlope)
        let rows: [[Table.Cell]] = x.indices.map { i in
            let z = x[i], a = pass.slopes[i]
            return [.number(z), .number(a), Self.leakyWorked(z, a), .number(pass.outputs[i]), .number(pass.derivatives[i]),
                    Self.leakyWorked(z, model.testSlope), .number(run.test[i])]
        }
        page.table([Localized("$z_i$", zh: "$z_i$"), Localized("slope drawn $a_i$", zh: "抽到的斜率 $a_i$"),
                    Localized("training: worked", zh: "训练：代入计算"), Localized("training output", zh: "训练输出"),
                    Localized("training $f'(z_i)$", zh: "训练时 $f'(z_i)$"),
                    Localized("test: worked", zh: "测试：代入计算"), Localized("test output", zh: "测试输出")], rows)
        page.say("""
            A slope is drawn for every input, also the positive ones, where it is simply not used; that keeps the random stream \
            in step with the inputs. In training the derivative at a negative input is the slope that was drawn for it.
            """, zh: """
            每个输入都会抽一个斜率，正的输入也不例外，只是用不上；这样随机数序列始终和输入一一对应。\
            训练时，负输入处的导数就是为它抽到的那个斜率。
            """)
        page.record("rrelu_slopes", pass.slopes)
        page.record("rrelu_train", pass.outputs)
        page.record("rrelu_train_derivative", pass.derivatives)
        page.record("rrelu_test", run.test)
        page.record("rrelu_test_derivative", run.testDerivatives)
        let negative = LinePlot.sample(-4...0, count: 2) { $0 }
        page.figure("rrelu", title: Localized("RReLU: the band of training slopes and the test-time line", zh: "RReLU：训练斜率的范围与测试时的直线"),
                    description: Localized("For z ≤ 0 the training slopes lie between the dashed lines of slope \(fmt(l)) and \(fmt(u)); the solid line is the test-time function with slope \(fmt(model.testSlope)); dots are this run's training outputs.",
                                           zh: "在 z ≤ 0 一侧，训练时的斜率位于斜率为 \(fmt(l)) 与 \(fmt(u)) 的两条虚线之间；实线是测试时斜率为 \(fmt(model.testSlope)) 的函数；圆点是本次训练抽样得到的输出。"),
                    LinePlot(xLabel: Localized("z", zh: "z"), yLabel: Localized("value", zh: "值"),
                             series: [.init(Localized("test-time RReLU(z)", zh: "测试时 RReLU(z)"), Self.curve(model.test, smooth: false), style: .line, color: 0),
                                      .init(Localized("test-time RReLU′(z)", zh: "测试时 RReLU′(z)"), Self.curve(model.testDerivative, smooth: false), style: .dashed, color: 1),
                                      .init(Localized("slope l", zh: "斜率 l"), negative.map { .init($0.x, l * $0.x) }, style: .dashed, color: 4),
                                      .init(Localized("slope u", zh: "斜率 u"), negative.map { .init($0.x, u * $0.x) }, style: .dashed, color: 3),
                                      .init(Localized("training outputs", zh: "训练输出"),
                                            x.indices.filter { abs(x[$0]) <= 4 }.map { .init(x[$0], pass.outputs[$0]) }, style: .points, color: 2)],
                             xRange: -4...4, yRange: Self.paddedRange(Self.curve(model.test, smooth: false) + [.init(-4, -4 * u)]), width: 460, height: 280))
        return run
    }

    func writeSummary(_ entries: [Entry], rrelu: RReLURun?, vector x: [Double], into page: inout Page) {
        page.section("The vector through every activation", zh: "同一个向量经过每个激活函数")
        var outputs: [(Localized, [Double], [Double])] = entries.map { ($0.name, x.map($0.f), x.map($0.df)) }
        if let r = rrelu {
            let at = outputs.firstIndex { $0.0.en == "PReLU" }.map { $0 + 1 } ?? outputs.count
            outputs.insert((Localized("RReLU (test)", zh: "RReLU（测试）"), r.test, r.testDerivatives), at: at)
            outputs.insert((Localized("RReLU (training, seed \(seed))", zh: "RReLU（训练，种子 \(seed)）"), r.pass.outputs, r.pass.derivatives), at: at)
        }
        let columns = [Localized("activation", zh: "激活函数")] + inputs(x)
        page.say("Every output side by side:", zh: "所有输出并排列出：")
        page.table(columns, outputs.map { [.text($0.0)] + $0.1.map { .number($0, digits: 4) } })
        page.say("And every slope $f'(z_i)$, the factor a gradient is multiplied by on its way back through the activation:",
                 zh: "再看每个斜率 $f'(z_i)$，也就是梯度反向穿过激活函数时要乘上的那个因子：")
        page.table(columns, outputs.map { [.text($0.0)] + $0.2.map { .number($0, digits: 4) } })
        let textVector: [Double] = [1, -2, 3, -4, 7]
        if x == textVector, let step = entries.first(where: { $0.key == "step" }), let relu = entries.first(where: { $0.key == "relu" }) {
            let s = x.map(step.f), r = x.map(relu.f)
            page.say("""
                Text `002` says that after a step layer $(1, -2, 3, -4, 7, \\ldots)$ becomes $(1, 0, 1, 0, 1, \\ldots)$ and after a \
                ReLU layer $(1, 0, 3, 0, 7, \\ldots)$. The engine agrees: step gives $\(tupleText(s))$ and ReLU gives $\(tupleText(r))$.
                """, zh: """
                原文 `002` 说，$(1, -2, 3, -4, 7, \\ldots)$ 经过阶跃函数激活层后变为 $(1, 0, 1, 0, 1, \\ldots)$，\
                经过 ReLU 激活层后变为 $(1, 0, 3, 0, 7, \\ldots)$。引擎算出的结果一致：阶跃函数给出 $\(tupleText(s))$，ReLU 给出 $\(tupleText(r))$。
                """)
        }
    }

    func writeSaturation(into page: inout Page) {
        let sigmoid = Activation.sigmoid, tanh = Activation.tanh, relu = Activation.relu
        page.section("Saturation and vanishing gradients", zh: "饱和与梯度消失")
        page.say("""
            Text `002` says that where $|z|$ is large “the slope of the curve changes very little (vanishing gradient)”. \
            The cause is the slope itself: there the curve is almost flat, its slope is near 0, and the gradient vanishes. A unit in that flat region is **saturated**: nudging its input changes its output by almost nothing, so \
            nothing is learned through it. Here are the slopes as $z$ grows:
            """, zh: """
            原文 `002` 说，当 $|z|$ 较大时“曲线的斜率变化很小（梯度消失）”。原因其实在斜率本身：那里曲线几乎是平的，斜率接近 0，梯度随之消失。处在这段平坦区域的神经元\
            就**饱和**了：输入稍作改变，输出几乎不动，于是通过它几乎什么也学不到。下面是 $z$ 增大时各个斜率的数值：
            """)
        let zs = Self.saturationInputs
        page.table([Localized("$z$", zh: "$z$"), Localized("$\\sigma(z)$", zh: "$\\sigma(z)$"),
                    Localized("$\\sigma'(z) = \\sigma(1 - \\sigma)$", zh: "$\\sigma'(z) = \\sigma(1 - \\sigma)$"),
                    Localized("$\\tanh'(z)$", zh: "$\\tanh'(z)$"), Localized("$\\mathrm{ReLU}'(z)$", zh: "$\\mathrm{ReLU}'(z)$")],
                   zs.map { z in [.number(z), .number(sigmoid.apply(z), digits: 10), .number(sigmoid.derivative(z)),
                                  .number(tanh.derivative(z)), .number(relu.derivative(z))] })
        page.record("saturation_z", zs)
        page.record("sigmoid_derivative_at", zs.map(sigmoid.derivative))
        page.record("tanh_derivative_at", zs.map(tanh.derivative))
        page.record("relu_derivative_at", zs.map(relu.derivative))
        for z in [0.0, 10] {
            page.step(z == 0 ? "sigmoid_derivative_0" : "sigmoid_derivative_10",
                      .call(tex: "\\sigma'", text: "σ′", [.n(z)]), SlopeSteps.sigmoid(z), value: sigmoid.derivative(z))
        }
        page.convention(SlopeSteps.convention.en, zh: SlopeSteps.convention.zh)
        page.say("""
            The sigmoid's slope is never more than \(fmt(sigmoid.derivative(0))), and by $z = 10$ it is below one ten-thousandth. \
            tanh behaves the same way (its best slope is \(fmt(tanh.derivative(0)))). ReLU's slope stays exactly 1 for every positive input.
            """, zh: """
            sigmoid 的斜率最大也只有 \(fmt(sigmoid.derivative(0)))，到 $z = 10$ 时已不到万分之一。tanh 也一样（它的最大斜率是 \
            \(fmt(tanh.derivative(0)))）。而 ReLU 对任何正的输入，斜率始终恰好是 1。
            """)
        page.subsection("Many layers multiply the slopes", zh: "多层网络把斜率连乘起来")
        page.say("""
            On its way back (lesson “backprop-equations”), the error signal is multiplied by $f'(z)$ once in every layer, besides \
            the weights. Even in the sigmoid's best case, $z = 0$ in every layer, that is a factor of \(fmt(sigmoid.derivative(0))) \
            per layer. After $n = \(layers)$ layers:
            """, zh: """
            误差信号在反向传播时（见 backprop-equations 一课），除了乘以权重，每经过一层还要乘一次 $f'(z)$。即使是 sigmoid \
            最好的情形，即每层都有 $z = 0$，每层也要乘上 \(fmt(sigmoid.derivative(0)))。经过 $n = \(layers)$ 层之后：
            """)
        let best = GradientFlow.runningProducts(sigmoid, at: 0, layers: layers)
        let atTwo = GradientFlow.runningProducts(sigmoid, at: 2, layers: layers)
        let tanhOne = GradientFlow.runningProducts(tanh, at: 1, layers: layers)
        let reluOne = GradientFlow.runningProducts(relu, at: 1, layers: layers)
        page.step("sigmoid_product", .power(.group(.call(tex: "\\sigma'", text: "σ′", [.n(0)])), .n(Double(layers))),
                  [.power(.n(sigmoid.derivative(0)), .n(Double(layers)))], value: best.last ?? 1)
        page.table([Localized("layers $n$", zh: "层数 $n$"), Localized("$\\sigma'(0)^n$", zh: "$\\sigma'(0)^n$"),
                    Localized("$\\sigma'(2)^n$", zh: "$\\sigma'(2)^n$"), Localized("$\\tanh'(1)^n$", zh: "$\\tanh'(1)^n$"),
                    Localized("$\\mathrm{ReLU}'(1)^n$", zh: "$\\mathrm{ReLU}'(1)^n$")],
                   (0..<layers).map { i in [.number(Double(i + 1)), .number(best[i], digits: 4), .number(atTwo[i], digits: 4),
                                            .number(tanhOne[i], digits: 4), .number(reluOne[i], digits: 4)] })
        page.record("sigmoid_products", best)
        page.record("sigmoid_products_z2", atTwo)
        page.record("tanh_products_z1", tanhOne)
        page.record("relu_products", reluOne)
        func points(_ v: [Double]) -> [LinePlot.Point] { v.indices.map { .init(Double($0 + 1), v[$0]) } }
        page.figure("vanishing", title: Localized("What is left of a gradient after n layers", zh: "梯度经过 n 层后还剩多少"),
                    description: Localized("Products of activation slopes over 1 to \(layers) layers on a logarithmic scale: σ′(0)ⁿ, σ′(2)ⁿ and tanh′(1)ⁿ fall as straight lines, ReLU′(1)ⁿ stays at 1.",
                                           zh: "1 到 \(layers) 层的激活斜率连乘积（对数坐标）：σ′(0)ⁿ、σ′(2)ⁿ、tanh′(1)ⁿ 都沿直线下降，ReLU′(1)ⁿ 始终为 1。"),
                    LinePlot(xLabel: Localized("layers n", zh: "层数 n"), yLabel: Localized("product of slopes", zh: "斜率连乘积"),
                             series: [.init(Localized(same: "σ′(0)ⁿ"), points(best), color: 0),
                                      .init(Localized(same: "σ′(2)ⁿ"), points(atTwo), style: .dashed, color: 1),
                                      .init(Localized(same: "tanh′(1)ⁿ"), points(tanhOne), style: .dashed, color: 2),
                                      .init(Localized(same: "ReLU′(1)ⁿ"), points(reluOne), color: 3)],
                             logY: true))
        page.say("""
            After \(layers) sigmoid layers the first layer receives at most \(fmt(best.last ?? 1)) of the gradient the last layer \
            sees, and far less when its inputs are not near 0: its weights barely move. That is the vanishing gradient text `002` \
            describes: the closer a layer is to the input, the smaller its weight changes, until nothing changes. Text `004` adds that \
            vanishing and exploding gradients are two extremes of one problem, the multiplying effect of many layers; the weights \
            are the other half of that product (lesson “initialization”). ReLU passes the gradient of an active unit back \
            unchanged, which is why `002` recommends ReLU and its successors.
            """, zh: """
            经过 \(layers) 层 sigmoid 之后，第一层收到的梯度最多只有最后一层的 \(fmt(best.last ?? 1))，输入不在 0 附近时还要小得多：\
            它的权重几乎不动。这就是原文 `002` 描述的梯度消失：越靠近输入的层，权重变化越小，直到不再变化。原文 `004` 补充说，\
            梯度消失和梯度爆炸是同一个问题的两个极端，源于多层叠加的连乘效应；连乘积的另一半是权重（见 initialization 一课）。\
            ReLU 对处于激活状态的神经元把梯度原样传回，所以 `002` 推荐使用 ReLU 及其改进版本。
            """)
    }

    /// Text `004` says ReLU's derivative is negative for negative inputs: it is 0.
    static func writeReLUErratum(vector x: [Double], into page: inout Page) {
        let relu = Activation.relu
        let negatives = x.filter { $0 < 0 }
        let points = negatives.isEmpty ? [-1.0] : negatives
        let h = GradientCheck.defaultStep
        let numeric = GradientCheck.centralDifferences(at: points, step: h) { v in v.map(relu.apply).reduce(0, +) }
        for (z, n) in zip(points, numeric) {
            page.step(nil, .call(tex: "\\mathrm{ReLU}'", text: "ReLU′", [.n(z)]), [], value: relu.derivative(z))
            let zt = ExprRendering.texNumber(z), zs = fmt(z)
            page.step(nil, .raw(tex: "\\frac{\\mathrm{ReLU}(\(zt) + h) - \\mathrm{ReLU}(\(zt) - h)}{2h}", text: "(ReLU(\(zs) + h) − ReLU(\(zs) − h))/2h"),
                      [.quotient(.difference(.n(relu.apply(z + h)), .n(relu.apply(z - h))), .product([.n(2), .n(h)]))], value: n)
        }
        page.record("relu_derivative_negative", points.map(relu.derivative))
        page.record("relu_derivative_zero", relu.derivative(0))
        page.erratum("""
            Text `004` says that for inputs below 0 ReLU's derivative is “always less than 0”. It is not negative: ReLU is flat \
            for $z < 0$ (it equals 0 there), so its derivative is exactly 0. The steps above show it for \
            $z = \(points.map(fmt).joined(separator: ", "))$, and the central differences with $h = 10^{-5}$ agree. For $z > 0$ the \
            derivative is exactly 1, not merely “greater than 0”.
            """, zh: """
            原文 `004` 说 ReLU“自变量小于 0 时，导数恒小于 0”。其实导数并不是负的：当 $z < 0$ 时 ReLU 恒等于 0，是一条水平线，\
            导数恰好为 0。上面几步在 $z = \(points.map(fmt).joined(separator: ", "))$ 处算出了这一点，取 $h = 10^{-5}$ 的中心差分\
            也给出同样的结果。而当 $z > 0$ 时导数恰好是 1，不只是“大于 0”。
            """)
    }

    func writeDerivativeCheck(_ entries: [Entry], rrelu: RReLURun?, vector x: [Double], into page: inout Page) {
        page.section("Checking every derivative numerically", zh: "用数值方法核对每个导数")
        page.say("""
            Each formula for $f'$ above can be checked without any calculus: nudge the input by $h = 10^{-5}$ both ways and divide \
            the change by $2h$ (a central difference). The table shows these quotients; compare them with the slopes in the section \
            “The vector through every activation”. Inputs within $10^{-3}$ of a corner are left out, since no derivative exists there.
            """, zh: """
            上面每个 $f'$ 的公式都可以不用微积分来核对：把输入向两边各挪 $h = 10^{-5}$，用输出的变化量除以 $2h$（中心差分）。\
            下表列出这些差商，可以和“同一个向量经过每个激活函数”一节斜率表里的数逐一对照。离折点不到 $10^{-3}$ 的输入不参与核对，因为那里导数不存在。
            """)
        var checks: [(Localized, [Double], (Double, Int) -> Double, (Double, Int) -> Double)] =
            entries.map { e in (e.name, x, { z, _ in e.f(z) }, { z, _ in e.df(z) }) }
        if let r = rrelu {
            checks.append((Localized("RReLU (training)", zh: "RReLU（训练）"), x,
                           { z, i in z > 0 ? z : r.pass.slopes[i] * z }, { _, i in r.pass.derivatives[i] }))
        }
        var worst = 0.0
        var rows: [[Table.Cell]] = []
        for (name, inputs, f, df) in checks {
            var cells: [Table.Cell] = [.text(name)]
            var largest = 0.0
            for i in inputs.indices {
                guard abs(inputs[i]) > 1e-3 else { cells.append(.text(Localized("corner", zh: "折点"))); continue }
                let entry = GradientCheck.compare(analytic: [df(inputs[i], i)], at: [inputs[i]]) { v in f(v[0], i) }[0]
                largest = max(largest, abs(entry.analytic - entry.numeric))
                cells.append(.number(entry.numeric, digits: 4))
            }
            worst = max(worst, largest)
            rows.append(cells + [.number(largest, digits: 2)])
        }
        page.table([Localized("activation", zh: "激活函数")] + inputs(x) + [Localized("largest difference from $f'$", zh: "与 $f'$ 的最大差值")], rows)
        page.record("derivative_check_max_error", worst)
        // A central difference with h = 1e-5 is good to about 1e-10 relative on these smooth pieces; allow for |z| up to 1000.
        let tolerance = 1e-6 * max(1, x.map(abs).max() ?? 1)
        if worst <= tolerance {
            page.say("The largest disagreement is \(NumberFormat.short(worst, significant: 2)): no more than the central differences' own rounding, so the formulas are right.",
                     zh: "最大的差异只有 \(NumberFormat.short(worst, significant: 2))，不超过中心差分自身的舍入误差：公式都是对的。")
        } else {
            page.say("The largest disagreement is \(NumberFormat.short(worst, significant: 2)), more than central differences' rounding explains: the row where it occurs has a formula that does not match its function.",
                     zh: "最大的差异是 \(NumberFormat.short(worst, significant: 2))，超出了中心差分的舍入误差所能解释的范围：出现这个差异的那一行，公式与函数对不上。")
        }
    }
}

extension ActivationsLesson {
    /// Whether [l, u] is RReLU's published range [1/8, 1/3].
    static func isAuthorsRange(_ l: Double, _ u: Double) -> Bool { l == 1.0 / 8 && u == 1.0 / 3 }

    /// The column headings z₁ = 1, z₂ = −2, … for a table over the vector.
    func inputs(_ x: [Double]) -> [Localized] {
        x.indices.map { Localized(same: "$z_{\($0 + 1)} = \(ExprRendering.texNumber(x[$0]))$") }
    }
}
