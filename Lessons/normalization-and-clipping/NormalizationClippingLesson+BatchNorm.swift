import LonghandEngine
import Notebook

/// Batch normalization: forward, backward with its gradient check, and running statistics.
extension NormalizationClippingLesson {
    /// x_{ij} as a symbol.
    static func entry(_ base: String, _ i: Int, _ j: Int, text: String? = nil) -> Expr {
        Craft.sub(base, "\(i + 1)\(j + 1)", text: text)
    }

    func writeForward(_ page: inout Page) -> BatchNorm.Forward {
        let x = self.x, bn = layer, m = x.rows
        let f = bn.forward(x)
        page.section("Batch normalization, forward", zh: "批量归一化：前向")
        page.say("""
            `002` describes batch normalization in one sentence: in every layer, transform the input $X$ into a distribution \
            centred on 0, and learn for each layer the parameters that rescale it. Written out for one column $j$ of a batch \
            of $m$ rows (one feature, or one neuron's weighted input, across the batch):
            """, zh: """
            `002` 用一句话描述批量归一化：在每一层都把输入 $X$ 变换成以 0 为中心的分布，同时为每一层学出用来缩放的参数。\
            对一个 $m$ 行批量中的第 $j$ 列（一个特征，或一个神经元在这批样本上的加权输入）逐式写出来就是：
            """)
        page.equation(tex: "\\mu_j = \\frac{1}{m}\\sum_i x_{ij}, \\quad \\sigma^2_j = \\frac{1}{m}\\sum_i (x_{ij} - \\mu_j)^2, \\quad \\hat x_{ij} = \\frac{x_{ij} - \\mu_j}{\\sqrt{\\sigma^2_j + \\varepsilon}}, \\quad y_{ij} = \\gamma_j \\hat x_{ij} + \\beta_j",
                      text: "μj = (1/m) Σi xij,  σ²j = (1/m) Σi (xij − μj)²,  x̂ij = (xij − μj)/√(σ²j + ε),  yij = γj·x̂ij + βj")
        page.convention("""
            The variance divides by $m$ (the batch's own variance, not the $m - 1$ estimate), $\\varepsilon = \(Craft.tex(bn.epsilon))$ \
            is added before the square root, and each column is normalised on its own. $\\gamma$ and $\\beta$ are learned like \
            weights; with $\\gamma_j = \\sqrt{\\sigma^2_j + \\varepsilon}$ and $\\beta_j = \\mu_j$ the layer could even undo itself, \
            so normalising never takes away what the network can express.
            """, zh: """
            方差除以 $m$（就是这一批数据自己的方差，而不是除以 $m - 1$ 的估计），开方前加上 $\\varepsilon = \(Craft.tex(bn.epsilon))$，\
            每一列各自归一化。$\\gamma$ 和 $\\beta$ 像权重一样通过学习得到；若取 $\\gamma_j = \\sqrt{\\sigma^2_j + \\varepsilon}$、\
            $\\beta_j = \\mu_j$，这一层甚至可以把自己完全还原，所以归一化不会削弱网络的表达能力。
            """)
        page.say("""
            Our batch has $m = \(m)$ rows and two columns on very different scales; $\\gamma = \(Craft.texList(bn.gamma, digits: 6))$ \
            and $\\beta = \(Craft.texList(bn.beta, digits: 6))$:
            """, zh: """
            我们的批量有 $m = \(m)$ 行、两列，两列的数值尺度相差很大；$\\gamma = \(Craft.texList(bn.gamma, digits: 6))$，\
            $\\beta = \(Craft.texList(bn.beta, digits: 6))$：
            """)
        page.step(.sym("X"), [.matrix(x.nested)])
        page.subsection("Mean and variance of each column", zh: "每一列的均值与方差")
        for j in 0..<2 {
            let col = x.column(j)
            page.step(nil, Craft.sub("\\mu", "\(j + 1)", text: "μ"), [.quotient(.sum(col.map { .n($0) }), .n(Double(m)))], value: f.mean[j])
        }
        for j in 0..<2 {
            let col = x.column(j)
            page.step(nil, Craft.sub("\\sigma^2", "\(j + 1)", text: "σ²"),
                      [.quotient(.sum(col.map { .power(.group(.difference(.n($0), .n(f.mean[j]))), .n(2)) }), .n(Double(m)))], value: f.variance[j])
        }
        page.record("mean", f.mean)
        page.record("variance", f.variance)
        page.subsection("Normalise, then scale and shift", zh: "先归一化，再缩放和平移")
        page.say("Column 1, entry by entry:", zh: "第 1 列逐个计算：")
        for i in 0..<m {
            page.step(nil, Self.entry("\\hat x", i, 0, text: "x̂"),
                      [.quotient(.difference(.n(x[i, 0]), .n(f.mean[0])), Craft.sqrt(.sum([.n(f.variance[0]), .n(bn.epsilon)])))],
                      value: f.normalized[i, 0])
        }
        page.say("Then $y = \\gamma \\hat x + \\beta$, and column 2 the same way:",
                 zh: "再算 $y = \\gamma \\hat x + \\beta$；第 2 列也同样计算：")
        for j in 0..<2 {
            page.table([Localized("$i$", zh: "$i$"), Localized("$x_{i\(j + 1)}$", zh: "$x_{i\(j + 1)}$"),
                        Localized("$\\hat x_{i\(j + 1)} = (x_{i\(j + 1)} - \\mu_\(j + 1))/\\sqrt{\\sigma^2_\(j + 1) + \\varepsilon}$", zh: "$\\hat x_{i\(j + 1)} = (x_{i\(j + 1)} - \\mu_\(j + 1))/\\sqrt{\\sigma^2_\(j + 1) + \\varepsilon}$"),
                        Localized("$y_{i\(j + 1)} = \\gamma_\(j + 1) \\hat x_{i\(j + 1)} + \\beta_\(j + 1)$", zh: "$y_{i\(j + 1)} = \\gamma_\(j + 1) \\hat x_{i\(j + 1)} + \\beta_\(j + 1)$")],
                       (0..<m).map { Self.forwardRow(f, bn, $0, column: j) },
                       caption: Localized("Feature \(j + 1)", zh: "特征 \(j + 1)"))
        }
        page.record("normalized", f.normalized.nested)
        page.record("output", f.output.nested)
        let meanHat = (0..<2).map { j in f.normalized.column(j).reduce(0, +) / Double(m) }
        let varHat = (0..<2).map { j in f.normalized.column(j).reduce(0) { $0 + $1 * $1 } / Double(m) }
        page.say("""
            Each column of $\\hat x$ now has mean \(Craft.list(meanHat.map { abs($0) < 1e-12 ? 0 : $0 }, digits: 3)) and variance \
            \(Craft.list(varHat, digits: 6)) (just under 1 because of $\\varepsilon$), whatever the scale it started on: \
            the column in the tens and the column in the units now look alike to the next layer. Then $\\gamma$ and $\\beta$ \
            give each column the spread and centre the network has learned to want: standard deviation $|\\gamma_j|$ and mean $\\beta_j$.
            """, zh: """
            现在 $\\hat x$ 的每一列均值为 \(Craft.list(meanHat.map { abs($0) < 1e-12 ? 0 : $0 }, digits: 3))、方差为 \
            \(Craft.list(varHat, digits: 6))（因为有 $\\varepsilon$，方差略小于 1），与原来的尺度无关：\
            原来几十的一列和原来个位数的一列，在下一层看来已经一样了。随后 $\\gamma$ 和 $\\beta$ 再给每一列配上网络学到的幅度和中心：\
            标准差为 $|\\gamma_j|$，均值为 $\\beta_j$。
            """)
        page.figure("forward", title: Localized("One batch before and after batch normalization", zh: "同一批数据在批量归一化前后"),
                    description: Localized("Left points: the \(m) rows of the batch, feature 1 against feature 2, on their original scales. Right points: the same rows after normalization, x̂, now centred on 0 with spread about 1 in both columns.",
                                           zh: "左图：批量的 \(m) 行，横轴为特征 1、纵轴为特征 2，保持原来的尺度。右图：同样几行归一化之后的 x̂，两列都以 0 为中心、幅度约为 1。"),
                    Self.forwardPlot(f))
        return f
    }

    /// One row of a forward table: x, x̂ and y of one column, each result after its formula.
    static func forwardRow(_ f: BatchNorm.Forward, _ bn: BatchNorm, _ i: Int, column j: Int) -> [Table.Cell] {
        let xh: Expr = .quotient(.difference(.n(f.input[i, j]), .n(f.mean[j])), .number(f.standardDeviation[j], digits: 5))
        let y: Expr = .sum([.product([.n(bn.gamma[j]), Craft.n4(f.normalized[i, j])]), .n(bn.beta[j])])
        return [.number(Double(i + 1)), .number(f.input[i, j]), .math(Craft.equals(xh, f.normalized[i, j])), .math(Craft.equals(y, f.output[i, j]))]
    }

    /// The batch's rows before (x) and after (x̂) normalization, side by side on their own axes.
    static func forwardPlot(_ f: BatchNorm.Forward) -> PanelRow {
        let labels = (1...f.input.rows).map { "\($0)" }
        func plot(_ m: Matrix, _ name: Localized, color: Int) -> LinePlot {
            LinePlot(xLabel: Localized("feature 1", zh: "特征 1"), yLabel: Localized("feature 2", zh: "特征 2"),
                     series: [.init(name, (0..<m.rows).map { .init(m[$0, 0], m[$0, 1]) }, style: .points, color: color, pointLabels: labels)],
                     xRange: Craft.padded(m.column(0)), yRange: Craft.padded(m.column(1)), width: 360, height: 320)
        }
        return PanelRow([.init(Localized("before: x", zh: "归一化前：x"), plot(f.input, Localized("rows of x", zh: "x 的各行"), color: 1)),
                         .init(Localized("after: x̂", zh: "归一化后：x̂"), plot(f.normalized, Localized("rows of x̂", zh: "x̂ 的各行"), color: 0))])
    }
}

/// Backward pass and its check.
extension NormalizationClippingLesson {
    func writeBackward(_ page: inout Page, _ f: BatchNorm.Forward) {
        let g = upstreamGradient, bn = layer, m = x.rows, md = Double(x.rows)
        let b = bn.backward(f, outputGradient: g)
        page.section("Batch normalization, backward", zh: "批量归一化：反向")
        page.say("""
            During training the layer above sends back $\\partial L / \\partial y$, one number per entry of the batch. \
            From it the layer must produce three things: the gradients of its own parameters $\\gamma$ and $\\beta$, \
            and $\\partial L / \\partial x$ to pass on to the layer below. Call the incoming gradient $G$:
            """, zh: """
            训练时，后一层（上面一层）会传回 $\\partial L / \\partial y$，批量里每个元素一个数。这一层要据此算出三样东西：\
            它自己的参数 $\\gamma$、$\\beta$ 的梯度，以及要继续传给前一层（下面一层）的 $\\partial L / \\partial x$。把传进来的梯度记作 $G$：
            """)
        page.step(.raw(tex: "G = \\frac{\\partial L}{\\partial y}", text: "G = ∂L/∂y"), [.matrix(g.nested)])
        page.convention("""
            Whatever the loss above this layer is, it reaches the layer only through $G$. To check the gradients \
            numerically we therefore use the loss $L = \\sum_{i,j} G_{ij}\\, y_{ij}$, whose gradient with respect to $y$ is exactly $G$.
            """, zh: """
            不管这一层上面的损失函数是什么，它都只通过 $G$ 影响这一层。因此做数值核对时，我们取损失 \
            $L = \\sum_{i,j} G_{ij}\\, y_{ij}$，它对 $y$ 的梯度恰好就是 $G$。
            """)
        page.subsection("The gradients of γ and β", zh: "γ 和 β 的梯度")
        page.say("Since $y_{ij} = \\gamma_j \\hat x_{ij} + \\beta_j$, each $\\beta_j$ collects its column of $G$ and each $\\gamma_j$ its column of $G$ weighted by $\\hat x$:",
                 zh: "由于 $y_{ij} = \\gamma_j \\hat x_{ij} + \\beta_j$，每个 $\\beta_j$ 收集 $G$ 的对应一列之和，每个 $\\gamma_j$ 收集以 $\\hat x$ 为权的 $G$ 之和：")
        for j in 0..<2 {
            page.step(nil, .symbol(tex: "\\frac{\\partial L}{\\partial \\beta_{\(j + 1)}}", text: "∂L/∂β\(j + 1)"), [.sum(g.column(j).map { .n($0) })], value: Craft.clean(b.beta[j]))
        }
        for j in 0..<2 {
            page.longStep(nil, .symbol(tex: "\\frac{\\partial L}{\\partial \\gamma_{\(j + 1)}}", text: "∂L/∂γ\(j + 1)"),
                      [.sum((0..<m).map { .product([.n(g[$0, j]), Craft.n4(f.normalized[$0, j])]) })], value: Craft.clean(b.gamma[j]))
        }
        page.record("dL_dbeta", b.beta)
        page.record("dL_dgamma", b.gamma)

        page.subsection("The gradient of the inputs: three paths", zh: "输入的梯度：三条路径")
        page.say("""
            An input $x_{ij}$ reaches the loss along three paths: through its own $\\hat x_{ij}$; through the mean $\\mu_j$, \
            which every $\\hat x$ of the column uses; and through the variance $\\sigma^2_j$, which every $\\hat x$ of the column \
            uses too. The chain rule adds the three:
            """, zh: """
            输入 $x_{ij}$ 沿三条路径影响损失：经过它自己的 $\\hat x_{ij}$；经过均值 $\\mu_j$（这一列的每个 $\\hat x$ 都用到它）；\
            以及经过方差 $\\sigma^2_j$（同样被这一列的每个 $\\hat x$ 用到）。链式法则把三条路径加起来：
            """)
        page.equation(tex: "\\frac{\\partial L}{\\partial \\hat x_{ij}} = G_{ij}\\gamma_j", text: "∂L/∂x̂ij = Gij·γj")
        page.equation(tex: "\\frac{\\partial L}{\\partial \\sigma^2_j} = \\sum_i \\frac{\\partial L}{\\partial \\hat x_{ij}} (x_{ij} - \\mu_j) \\cdot \\left(-\\tfrac{1}{2}\\right)(\\sigma^2_j + \\varepsilon)^{-3/2}",
                      text: "∂L/∂σ²j = Σi ∂L/∂x̂ij·(xij − μj)·(−1/2)(σ²j + ε)^(−3/2)")
        page.equation(tex: "\\frac{\\partial L}{\\partial \\mu_j} = -\\sum_i \\frac{\\partial L}{\\partial \\hat x_{ij}} \\frac{1}{\\sqrt{\\sigma^2_j + \\varepsilon}}",
                      text: "∂L/∂μj = −Σi ∂L/∂x̂ij/√(σ²j + ε)")
        page.equation(tex: "\\frac{\\partial L}{\\partial x_{ij}} = \\frac{\\partial L}{\\partial \\hat x_{ij}} \\frac{1}{\\sqrt{\\sigma^2_j + \\varepsilon}} + \\frac{\\partial L}{\\partial \\sigma^2_j} \\frac{2(x_{ij} - \\mu_j)}{m} + \\frac{\\partial L}{\\partial \\mu_j} \\frac{1}{m}",
                      text: "∂L/∂xij = ∂L/∂x̂ij/√(σ²j + ε) + ∂L/∂σ²j·2(xij − μj)/m + ∂L/∂μj/m")
        page.say("(The variance also depends on the mean, but $\\sum_i -2(x_{ij} - \\mu_j)/m = 0$, so that extra term of $\\partial L / \\partial \\mu_j$ vanishes.) With our numbers:",
                 zh: "（方差也依赖于均值，但 $\\sum_i -2(x_{ij} - \\mu_j)/m = 0$，所以 $\\partial L / \\partial \\mu_j$ 中的那一项为零。）代入我们的数：")
        page.step(.raw(tex: "\\frac{\\partial L}{\\partial \\hat x} = G \\odot \\gamma", text: "∂L/∂x̂ = G ⊙ γ"), [.matrix(b.normalized.nested)])
        for j in 0..<2 {
            let sd = f.standardDeviation[j]
            page.longStep(nil, .symbol(tex: "\\frac{\\partial L}{\\partial \\sigma^2_{\(j + 1)}}", text: "∂L/∂σ²\(j + 1)"),
                      [.product([.group(.sum((0..<m).map { .product([Craft.n4(b.normalized[$0, j]), Craft.n4(f.centered[$0, j])]) })),
                                 .n(-0.5), .power(.number(sd * sd, digits: 7), .n(-1.5))])], value: b.variance[j])
        }
        for j in 0..<2 {
            page.step(nil, .symbol(tex: "\\frac{\\partial L}{\\partial \\mu_{\(j + 1)}}", text: "∂L/∂μ\(j + 1)"),
                      [.negation(.quotient(.sum((0..<m).map { Craft.n4(b.normalized[$0, j]) }), .number(f.standardDeviation[j], digits: 5)))], value: Craft.clean(b.mean[j]))
        }
        page.say("Column 1 entry by entry, the three paths in order:", zh: "第 1 列逐个计算，三项依次对应三条路径：")
        for i in 0..<m {
            page.step(nil, .symbol(tex: "\\frac{\\partial L}{\\partial x_{\(i + 1)1}}", text: "∂L/∂x\(i + 1)1"),
                      [.sum([.quotient(Craft.n4(b.normalized[i, 0]), .number(f.standardDeviation[0], digits: 5)),
                             .product([Craft.n4(b.variance[0]), .quotient(.product([.n(2), Craft.n4(f.centered[i, 0])]), .n(md))]),
                             .quotient(Craft.n4(b.mean[0]), .n(md))])], value: b.input[i, 0])
        }
        page.say("Both columns:", zh: "两列合起来：")
        page.step(.raw(tex: "\\frac{\\partial L}{\\partial x}", text: "∂L/∂x"), [.matrix(b.input.nested)])
        page.record("dL_dnormalized", b.normalized.nested)
        page.record("dL_dvariance", b.variance)
        page.record("dL_dmean", b.mean)
        page.record("dL_dx", b.input.nested)
        let columnSums = (0..<2).map { j in b.input.column(j).reduce(0, +) }
        page.say("""
            Each column of $\\partial L / \\partial x$ adds up to 0 (here \(Craft.list(columnSums.map { abs($0) < 1e-12 ? 0 : $0 }, digits: 2)), up to rounding): \
            shifting a whole column of inputs by the same amount changes nothing after normalization, so the loss cannot care \
            about that direction. For the same reason the gradient of a bias placed just before batch normalization is always 0, \
            which is why layers followed by batch normalization are usually built without one.
            """, zh: """
            $\\partial L / \\partial x$ 的每一列之和都为 0（这里是 \(Craft.list(columnSums.map { abs($0) < 1e-12 ? 0 : $0 }, digits: 2))，只差舍入误差）：\
            把一整列输入同时平移同样的量，归一化之后什么也没变，所以损失对这个方向毫不在意。同理，\
            紧挨在批量归一化之前的偏置，其梯度总是 0，这就是为什么后面接批量归一化的层通常不设偏置。
            """)

        page.subsection("Checked by central differences", zh: "用中心差分核对")
        let lossOfInputs: ([Double]) -> Double = { v in
            let y = bn.forward(Matrix(rows: m, columns: 2, values: v)).output
            return zip(y.values, g.values).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let lossOfParameters: ([Double]) -> Double = { p in
            let layer = BatchNorm(gamma: Array(p[0..<2]), beta: Array(p[2..<4]), epsilon: bn.epsilon, momentum: bn.momentum)
            return zip(layer.forward(self.x).output.values, g.values).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let inputEntries = GradientCheck.compare(analytic: b.input.values, at: x.values, lossOfInputs)
        let parameterEntries = GradientCheck.compare(analytic: b.gamma + b.beta, at: bn.gamma + bn.beta, lossOfParameters)
        var names: [Expr] = []
        for i in 0..<m { for j in 0..<2 { names.append(Self.entry("x", i, j)) } }
        names += [Craft.sub("\\gamma", "1", text: "γ"), Craft.sub("\\gamma", "2", text: "γ"), Craft.sub("\\beta", "1", text: "β"), Craft.sub("\\beta", "2", text: "β")]
        let entries = inputEntries + parameterEntries
        page.say("""
            Nudge each input and each parameter by $h = 10^{-5}$ up and down, run the forward pass twice, and compare \
            $(L(\\theta + h) - L(\\theta - h))/2h$ with the backward pass:
            """, zh: """
            把每个输入和每个参数各上下推动 $h = 10^{-5}$，各做一次前向计算，用 $(L(\\theta + h) - L(\\theta - h))/2h$ 与反向传播的结果比较：
            """)
        page.table([Localized("quantity", zh: "量"), Localized("backward pass", zh: "反向传播"), Localized("central difference", zh: "中心差分"),
                    Localized("absolute difference", zh: "绝对差")],
                   zip(names, entries).map { name, e in
                       [.math(.symbol(tex: "\\partial L / \\partial " + ExprRendering.tex(name), text: "∂L/∂" + ExprRendering.text(name))),
                        .number(Craft.clean(e.analytic)), .number(Craft.clean(e.numeric)), .number(abs(e.analytic - e.numeric), digits: 2)]
                   })
        let worst = entries.map { abs($0.analytic - $0.numeric) }.max() ?? 0
        let worstRelative = entries.filter { max(abs($0.analytic), abs($0.numeric)) > 1e-6 }.map(\.relativeError).max() ?? 0
        page.record("max_absolute_difference", worst)
        page.record("max_relative_error", worstRelative)
        page.say("""
            The largest absolute difference is \(Craft.f(worst, 2)); among the gradients that are not essentially 0, the largest \
            relative error is \(Craft.f(worstRelative, 2)). \(worstRelative <= 1e-5 ? "Every gradient of the layer agrees with the plain numerical difference." : "That is more than rounding: some gradients disagree with the numerical derivative (a kink, or a step $h$ too coarse for these numbers).")
            """, zh: """
            最大绝对差为 \(Craft.f(worst, 2))；在不接近 0 的梯度中，最大相对误差为 \(Craft.f(worstRelative, 2))。\
            \(worstRelative <= 1e-5 ? "这一层的每个梯度都与最朴素的数值差分算出的导数一致。" : "这已超出舍入误差：有些梯度与数值导数对不上（可能是折点，或者步长 $h$ 对这些数来说太粗）。")
            """)
    }
}

/// Running statistics and prediction mode.
extension NormalizationClippingLesson {
    /// Batches drawn from a population with the lesson batch's mean and variance, each column independently.
    func stream(count: Int) -> [Matrix] {
        let f = layer.forward(x)
        var random = SeededRandom(seed: UInt64(seed) &+ 1_000)
        return (0..<count).map { _ in
            Matrix(rows: x.rows, columns: 2) { _, j in f.mean[j] + f.variance[j].squareRoot() * random.normal() }
        }
    }

    func writeRunning(_ page: inout Page, _ f: BatchNorm.Forward) {
        let bn = layer, xe = example.values, mom = bn.momentum
        page.section("At prediction time: running statistics", zh: "预测时：滑动统计量")
        page.say("""
            At prediction time examples often arrive one at a time. Normalising a batch of one row with its own statistics \
            is useless: $\\mu = x$ and $\\sigma^2 = 0$, so $\\hat x = 0$ and the layer outputs $\\beta$ whatever the input. \
            For the example $x = \(Craft.texList(xe, digits: 6))$:
            """, zh: """
            预测时样本往往一个一个地到来。如果用一行数据自己的统计量去归一化，结果毫无用处：$\\mu = x$，$\\sigma^2 = 0$，\
            于是 $\\hat x = 0$，不论输入是什么，这一层都只输出 $\\beta$。以样本 $x = \(Craft.texList(xe, digits: 6))$ 为例：
            """)
        let single = bn.forward(Matrix(row: xe))
        page.step("single_example_output", .symbol(tex: "y_1", text: "y1"),
                  [.sum([.product([.n(bn.gamma[0]), .quotient(.difference(.n(xe[0]), .n(single.mean[0])), Craft.sqrt(.sum([.n(0), .n(bn.epsilon)])))]), .n(bn.beta[0])])],
                  value: single.output[0, 0])
        page.record("single_example_output", single.output.values)
        page.say("""
            So during training the layer also keeps a **running mean** and a **running variance**, starting from 0 and 1, \
            and after every batch moves them a little towards that batch's statistics. At prediction time it uses these instead.
            """, zh: """
            所以训练时这一层还要维护**滑动均值**和**滑动方差**，初值分别为 0 和 1，每处理一批就把它们向这一批的统计量挪近一点；\
            预测时改用它们来归一化。
            """)
        page.equation(tex: "\\bar\\mu \\leftarrow \\rho\\,\\bar\\mu + (1 - \\rho)\\,\\mu_{\\mathcal{B}}, \\qquad \\bar\\sigma^2 \\leftarrow \\rho\\,\\bar\\sigma^2 + (1 - \\rho)\\,\\sigma^2_{\\mathcal{B}}",
                      text: "running μ ← ρ·running μ + (1 − ρ)·μ_B,  running σ² ← ρ·running σ² + (1 − ρ)·σ²_B")
        page.convention("""
            The momentum is $\\rho = \(Craft.tex(mom))$ (the fraction of the old value kept; Keras calls it `momentum` and defaults to 0.99, \
            PyTorch's `momentum=0.1` is our $1 - \\rho$); it is written $\\rho$ here because $m$ is already the batch size. $\\mu_{\\mathcal{B}}$ and $\\sigma^2_{\\mathcal{B}}$ are the statistics of the current batch $\\mathcal{B}$. The running variance averages the batches' own variances (divided by the batch size $m$).
            """, zh: """
            动量取 $\\rho = \(Craft.tex(mom))$，即保留旧值的比例（Keras 的 `momentum` 含义相同，默认 0.99；PyTorch 的 `momentum=0.1` 相当于这里的 $1 - \\rho$）；这里写作 $\\rho$，因为 $m$ 已经表示批量大小。$\\mu_{\\mathcal{B}}$ 和 $\\sigma^2_{\\mathcal{B}}$ 是当前这一批 $\\mathcal{B}$ 的统计量。\
            滑动方差平均的是各批自己的方差（除以批量大小 $m$）。
            """)
        let after = bn.updatingRunningStatistics(with: f)
        for j in 0..<2 {
            page.step(nil, Craft.sub("\\bar\\mu", "\(j + 1)", text: "running μ"),
                      [.sum([.product([.n(mom), .n(bn.runningMean[j])]), .product([.n(1 - mom), .n(f.mean[j])])])], value: after.runningMean[j])
        }
        for j in 0..<2 {
            page.step(nil, Craft.sub("\\bar\\sigma^2", "\(j + 1)", text: "running σ²"),
                      [.sum([.product([.n(mom), .n(bn.runningVariance[j])]), .product([.n(1 - mom), .n(f.variance[j])])])], value: after.runningVariance[j])
        }
        page.record("running_mean_after_one", after.runningMean)
        page.record("running_variance_after_one", after.runningVariance)

        let count = 40
        let batches = stream(count: count)
        var running = after
        var means: [[Double]] = [after.runningMean], variances: [[Double]] = [after.runningVariance]
        for xb in batches {
            running = running.updatingRunningStatistics(with: running.forward(xb))
            means.append(running.runningMean)
            variances.append(running.runningVariance)
        }
        let shrink = Double(x.rows - 1) / Double(x.rows)
        let ratios: [Double]? = f.variance.allSatisfy { $0 > 0 } ? (0..<2).map { running.runningVariance[$0] / f.variance[$0] } : nil
        page.record("running_variance_ratio", ratios ?? [])
        let settleEn: String, settleZh: String
        if let r = ratios, r.allSatisfy({ $0 < 1 }) {
            settleEn = "The running variance settles lower, here at \(Craft.list(r, digits: 3)) times the population's: a small batch's own variance (divided by the batch size $m = \(x.rows)$) underestimates the population's by the factor $\\frac{m - 1}{m} = \(Craft.tex(shrink, 4))$ on average."
            settleZh = "滑动方差稳定在偏低的位置，这里是总体方差的 \(Craft.list(r, digits: 3)) 倍：小批量自己的方差（除以批量大小 $m = \(x.rows)$）平均来说会按 $\\frac{m - 1}{m} = \(Craft.tex(shrink, 4))$ 的比例低估总体方差。"
        } else if let r = ratios {
            settleEn = "The running variance ends at \(Craft.list(r, digits: 3)) times the population's. On average a small batch's own variance (divided by the batch size $m = \(x.rows)$) underestimates the population's by the factor $\\frac{m - 1}{m} = \(Craft.tex(shrink, 4))$, but one run of \(count + 1) batches is noisy, and here it does not show that."
            settleZh = "滑动方差最后是总体方差的 \(Craft.list(r, digits: 3)) 倍。平均来说，小批量自己的方差（除以批量大小 $m = \(x.rows)$）会按 $\\frac{m - 1}{m} = \(Craft.tex(shrink, 4))$ 的比例低估总体方差，但 \(count + 1) 批的一次运行有噪声，这里没有体现出来。"
        } else {
            settleEn = "On average a small batch's own variance (divided by the batch size $m = \(x.rows)$) underestimates the population's by the factor $\\frac{m - 1}{m} = \(Craft.tex(shrink, 4))$."
            settleZh = "平均来说，小批量自己的方差（除以批量大小 $m = \(x.rows)$）会按 $\\frac{m - 1}{m} = \(Craft.tex(shrink, 4))$ 的比例低估总体方差。"
        }
        page.say("""
            One batch moves the running values only $1 - \\rho = \(Craft.tex(1 - mom))$ of the way. Training goes on: suppose \(count) more \
            batches of \(x.rows) rows arrive, drawn (seed \(seed)) from a population whose mean and variance are those of our \
            batch, \(Craft.list(f.mean)) and \(Craft.list(f.variance)). The figure follows the running values batch by batch; \
            after all \(count + 1) batches they are $\\bar\\mu = \(Craft.texList(running.runningMean))$ and \
            $\\bar\\sigma^2 = \(Craft.texList(running.runningVariance))$. \(settleEn) \
            PyTorch corrects for this by storing $\\frac{m}{m - 1}$ times each batch variance; Keras, like this lesson, does not.
            """, zh: """
            一批数据只把滑动值挪动 $1 - \\rho = \(Craft.tex(1 - mom))$ 的距离。训练继续进行：假设又来了 \(count) 批、每批 \(x.rows) 行，\
            按种子 \(seed) 从一个总体中抽取，总体的均值和方差就取我们这一批的 \(Craft.list(f.mean)) 和 \(Craft.list(f.variance))。\
            下图逐批跟踪滑动值；\(count + 1) 批之后它们是 $\\bar\\mu = \(Craft.texList(running.runningMean))$、\
            $\\bar\\sigma^2 = \(Craft.texList(running.runningVariance))$。\(settleZh)\
            PyTorch 存的是每批方差的 $\\frac{m}{m - 1}$ 倍来纠正这一点；Keras 和本课一样不做纠正。
            """)
        page.record("running_mean", running.runningMean)
        page.record("running_variance", running.runningVariance)
        page.figure("running", title: Localized("Running mean and standard deviation, batch by batch", zh: "逐批更新的滑动均值与滑动标准差"),
                    description: Localized("For each feature, the running mean and the square root of the running variance after each of \(count + 1) training batches, starting from 0 and 1. Dashed lines: the population's mean, and the population's standard deviation times √((m − 1)/m), where a running variance of biased batch variances settles.",
                                           zh: "对每个特征，画出 \(count + 1) 个训练批次中每批之后的滑动均值和滑动方差的平方根（初值为 0 和 1）。虚线分别是总体均值，以及总体标准差乘以 √((m − 1)/m)，即由有偏的批方差得到的滑动方差最终稳定的位置。"),
                    PanelRow((0..<2).map { j in
                        let steps = Double(count + 1)
                        let sd = (shrink * f.variance[j]).squareRoot()
                        let top = ((means.map { $0[j] } + variances.map { $0[j].squareRoot() } + [f.mean[j], sd]).max() ?? 1) * 1.7
                        let bottom = min(0, (means.map { $0[j] }.min() ?? 0) * 1.1)
                        return .init(Localized("feature \(j + 1)", zh: "特征 \(j + 1)"),
                                     LinePlot(xLabel: Localized("batches seen", zh: "已处理的批数"), yLabel: Localized("value", zh: "数值"),
                                              series: [.init(Localized("running mean", zh: "滑动均值"), means.enumerated().map { .init(Double($0.offset + 1), $0.element[j]) }, color: 0),
                                                       .init(Localized("population mean", zh: "总体均值"), [.init(0, f.mean[j]), .init(steps, f.mean[j])], style: .dashed, color: 0),
                                                       .init(Localized("running √σ²", zh: "滑动 √σ²"), variances.enumerated().map { .init(Double($0.offset + 1), $0.element[j].squareRoot()) }, color: 1),
                                                       .init(Localized("√((m−1)/m)·σ", zh: "√((m−1)/m)·σ"), [.init(0, sd), .init(steps, sd)], style: .dashed, color: 1)],
                                              xRange: 0...steps, yRange: bottom...max(top, bottom + 1), width: 380, height: 300))
                    }))
        page.say("In prediction mode the example is normalised with these running values, one row on its own:",
                 zh: "预测模式下，这个样本单独一行，用滑动值来归一化：")
        let predicted = running.predict(Matrix(row: xe))
        var normalized: [Double] = []
        for j in 0..<2 {
            let s = (running.runningVariance[j] + bn.epsilon).squareRoot()
            let xh = (xe[j] - running.runningMean[j]) / s
            normalized.append(xh)
            page.step(nil, Craft.sub("\\hat x", "\(j + 1)", text: "x̂"),
                      [.quotient(.difference(.n(xe[j]), .n(running.runningMean[j])), Craft.sqrt(.sum([.n(running.runningVariance[j]), .n(bn.epsilon)])))], value: xh)
            page.step(nil, Craft.sub("y", "\(j + 1)"), [.sum([.product([.n(bn.gamma[j]), .n(xh)]), .n(bn.beta[j])])], value: predicted[0, j])
        }
        page.record("prediction_normalized", normalized)
        page.record("prediction_output", predicted.values)
        page.say("""
            The output now depends on the example, and only on it: in prediction mode the layer is a fixed linear map, \
            the same for every example, whichever others happen to share its batch.
            """, zh: """
            现在输出取决于这个样本本身，而且只取决于它：预测模式下这一层是一个固定的线性变换，对每个样本都一样，\
            与它恰好和哪些样本同批无关。
            """)
    }
}
