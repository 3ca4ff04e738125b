import LonghandEngine
import Notebook

/// The task, the network's shapes, and the first iteration worked in full.
extension QuadrantNetLesson {
    /// A symbol with its shape written under it: H over 4×50.
    static func shaped(_ tex: String, _ text: String, _ m: Matrix) -> Expr {
        .symbol(tex: "\\underset{\(m.rows)\\times \(m.columns)}{\(tex)}", text: "\(text) [\(m.rows)×\(m.columns)]")
    }

    /// A matrix printed in full when small, with its first and last rows and columns otherwise.
    static func show(_ m: Matrix) -> Expr { MatrixExpr.abbreviated(m, rows: 5, columns: 4, digits: 4) }

    func writeTask(_ page: inout Page) {
        page.say("""
            Source text `002` sets a small task. Four points are known: $(1, 1)$, $(-1, 1)$, $(-1, -1)$ and $(1, -1)$, lying in \
            quadrants I, II, III and IV. Given a new point such as $(2, 2)$, which quadrant is it in? We know the answer is I; \
            the point is to make a machine learn it from the four examples. The text builds a two-layer network for it, \
            and this lesson carries out every step it describes, with the real numbers.
            """, zh: """
            原文 `002` 布置了一个小任务：已知四个点 $(1, 1)$、$(-1, 1)$、$(-1, -1)$、$(1, -1)$，分别位于第 I 到第 IV 象限。\
            给一个新点，比如 $(2, 2)$，它属于哪个象限？答案当然是第 I 象限，但我们要让机器从这四个样本里自己学会。\
            原文为此搭了一个两层神经网络；本课把它描述的每一步都用真实的数字做一遍。
            """)
        let q = point.values
        page.figure("task", title: Localized("The four training points and the point to classify", zh: "四个训练点和待分类的点"),
                    description: Localized("The points (1, 1), (-1, 1), (-1, -1) and (1, -1) labelled I to IV, and the new point (\(fmt(q[0])), \(fmt(q[1]))).",
                                           zh: "标为 I 到 IV 的四个点 (1, 1)、(-1, 1)、(-1, -1)、(1, -1)，以及新点 (\(fmt(q[0])), \(fmt(q[1])))。"),
                    LinePlot(xLabel: Localized(same: "x1"), yLabel: Localized(same: "x2"),
                             series: [.init(Localized("training points", zh: "训练点"), (0..<4).map { .init(Self.inputs[$0, 0], Self.inputs[$0, 1]) },
                                            style: .points, color: 0, pointLabels: Self.numerals),
                                      .init(Localized("new point", zh: "新点"), [.init(q[0], q[1])], style: .points, color: 1, pointLabels: ["?"])],
                             xRange: Self.span(q[0])...(-Self.span(q[0])), yRange: Self.span(q[1])...(-Self.span(q[1])), width: 400, height: 380))
    }

    /// A symmetric axis limit (negative) that shows ±1 and the new point.
    static func span(_ v: Double) -> Double { -max(3, (abs(v) + 0.5).rounded(.up)) }

    func writeFirstIteration(_ page: inout Page, _ net: Network) {
        let x = Self.inputs
        let e = net.evaluate(x, Self.objective)
        let hiddenText = hidden.values.map { fmt($0) }.joined(separator: ", ")
        let textNetwork = hidden.values == [50] && activation == .relu
        let layerCount = hidden.values.count
        page.section("The network and its shapes", zh: "网络结构与矩阵形状")
        page.say(textNetwork ? """
            The text's network: the input $X$, a hidden layer of \(hiddenText) neurons with weights $W_1$ and biases $b_1$, then \
            \(activation.displayName), then an output layer $W_2$, $b_2$ with one number per quadrant, then softmax to turn the four \
            numbers into probabilities and cross-entropy to score them. We feed all four points at once, one per row.
            """ : """
            Your network (the text's has one hidden layer of 50 ReLU neurons): the input $X$, \(layerCount == 1 ? "a hidden layer of \(hiddenText) neurons" : "\(layerCount) hidden layers of \(hiddenText) neurons") \
            with \(activation.displayName), then an output layer with one number per quadrant, then softmax to turn the four numbers \
            into probabilities and cross-entropy to score them. We feed all four points at once, one per row.
            """, zh: textNetwork ? """
            原文的网络：输入 $X$；一个有 \(hiddenText) 个神经元的隐藏层，权重 $W_1$、偏置 $b_1$；接着是 \(activation.displayName)；\
            再是输出层 $W_2$、$b_2$，每个象限对应一个数；最后用 softmax 把这四个数变成概率，用交叉熵给它打分。四个点一起送入，每行一个。
            """ : """
            你设定的网络（原文的是一个有 50 个 ReLU 神经元的隐藏层）：输入 $X$；\(layerCount == 1 ? "一个有 \(hiddenText) 个神经元的隐藏层" : "\(layerCount) 个隐藏层，神经元个数分别为 \(hiddenText)")，\
            激活函数为 \(activation.displayName)；再是输出层，每个象限对应一个数；最后用 softmax 把这四个数变成概率，用交叉熵给它打分。四个点一起送入，每行一个。
            """)
        var rows: [[Table.Cell]] = []
        func row(_ tex: String, _ m: Matrix, _ en: String, _ zh: String) {
            rows.append([.math(.symbol(tex: tex, text: PlainMath.text(fromTeX: tex))), .text(Localized(same: MatrixExpr.shape(m))), .text(Localized(en, zh: zh))])
        }
        let f = e.forward.layers
        row("X", x, "the four points, one per row", "四个点，每行一个")
        for (l, layer) in net.layers.enumerated() {
            let i = l + 1
            let last = l == net.layers.count - 1
            row("W_{\(i)}", layer.weights, "weights of layer \(i)", "第 \(i) 层权重")
            row("b_{\(i)}", layer.bias, "biases, added to every row", "偏置，加到每一行")
            if last {
                row("Y = \(net.layers.count == 2 ? "H" : "H_{\(l)}")W_{\(i)} + b_{\(i)}", f[l].z, "scores: one row per point, one column per quadrant", "得分：每行一个点，每列一个象限")
            } else {
                let h = net.layers.count == 2 ? "H" : "H_{\(i)}"
                let below = l == 0 ? "X" : (net.layers.count == 2 ? "H" : "H_{\(l)}")
                row("Z_{\(i)} = \(below)W_{\(i)} + b_{\(i)}", f[l].z, "weighted inputs of the hidden layer", "隐藏层的加权输入")
                row("\(h) = \(activation.symbol.tex)(Z_{\(i)})", f[l].output, "hidden activations", "隐藏层激活值")
            }
        }
        row("P = \\operatorname{softmax}(Y)", e.forward.output, "probabilities, each row sums to 1", "概率，每行之和为 1")
        page.table([Localized("quantity", zh: "量"), Localized("shape", zh: "形状"), Localized("what it is", zh: "含义")], rows)
        page.convention("""
            Row vectors, $W$ of shape inputs × outputs, $H = XW_1 + b_1$ as the text writes it (its later summary "$Y = WX + b$" \
            is the column convention; the numbers are the same). The text uses $H$ both before and after the activation; here \
            $Z_1 = XW_1 + b_1$ and $H = \(activation.symbol.tex)(Z_1)$. The weights start He-initialized, $N(0, 2/m)$ with $m$ \
            inputs per neuron, seed \(seed); the biases start at 0. $\\operatorname{ReLU}'(0) = 0$.
            """, zh: """
            行向量，$W$ 的形状为输入数 × 输出数，$H = XW_1 + b_1$ 与原文写法一致（原文后面小结里的“$Y = WX + b$”是列向量写法，数值相同）。\
            原文在激活前后都叫 $H$；本课记 $Z_1 = XW_1 + b_1$、$H = \(activation.symbol.tex)(Z_1)$。权重用 He 初始化，即 $N(0, 2/m)$，\
            $m$ 为每个神经元的输入个数，种子 \(seed)；偏置从 0 开始。约定 $\\operatorname{ReLU}'(0) = 0$。
            """)
        page.convention("""
            Each point's label is one-hot: I is $(1, 0, 0, 0)$, II is $(0, 1, 0, 0)$ and so on. The loss is the mean over the four \
            points of the cross-entropy $-\\ln p_{\\text{true quadrant}}$, with the natural logarithm.
            """, zh: """
            每个点的标签用独热编码：I 为 $(1, 0, 0, 0)$，II 为 $(0, 1, 0, 0)$，依此类推。损失取四个点交叉熵 $-\\ln p_{\\text{真实象限}}$ 的平均，对数为自然对数。
            """)

        page.section("The first iteration, forward", zh: "第一次迭代：前向传播")
        for (l, layer) in net.layers.enumerated() {
            page.record("W\(l + 1)_start", layer.weights.nested)
            page.record("b\(l + 1)_start", layer.bias.values)
        }
        for (l, layer) in net.layers.enumerated() {
            let i = l + 1
            page.fittedStep(Self.shaped("W_{\(i)}", "W\(i)", layer.weights), [Self.show(layer.weights)])
            if l == 0 {
                page.say("The biases $b_1$ are all 0. The first hidden neuron's weighted input for the first point $(1, 1)$:",
                         zh: "偏置 $b_1$ 全为 0。第一个隐藏神经元对第一个点 $(1, 1)$ 的加权输入：")
                page.step(nil, .symbol(tex: "(Z_1)_{1,1}", text: "Z1[1,1]"),
                          [.weightedSum(weights: layer.weights.column(0), inputs: x.row(0), bias: layer.bias[0, 0])], value: f[0].z[0, 0])
            }
            if l < net.layers.count - 1 {
                page.fittedStep(Self.shaped("Z_{\(i)}", "Z\(i)", f[l].z), [.sum([.product([l == 0 ? MatrixExpr.m(x) : Self.show(f[l].input), Self.show(layer.weights)]), Self.show(layer.bias)]), Self.show(f[l].z)])
                page.fittedStep(Self.shaped(net.layers.count == 2 ? "H" : "H_{\(i)}", net.layers.count == 2 ? "H" : "H\(i)", f[l].output), [MatrixExpr.apply(activation.symbol, Self.show(f[l].z)), Self.show(f[l].output)])
                let silent = (0..<layer.outputCount).filter { j in (0..<4).allSatisfy { f[l].output[$0, j] == 0 } }.count
                if activation == .relu {
                    page.say(silent == 0
                             ? "ReLU keeps the positive entries and zeroes the rest. Every one of the \(layer.outputCount) hidden neurons is positive for at least one of the four points, so each passes some signal forward and receives some gradient."
                             : "ReLU keeps the positive entries and zeroes the rest. \(silent) of the \(layer.outputCount) hidden neurons are 0 for all four points; they pass no signal forward and, since $\\operatorname{ReLU}'$ is 0 there, receive no gradient.",
                             zh: silent == 0
                             ? "ReLU 保留正数、把其余的置为 0。\(layer.outputCount) 个隐藏神经元对四个点中至少一个输出正数，所以每个神经元都向前传递了信号，也都能得到梯度。"
                             : "ReLU 保留正数、把其余的置为 0。\(layer.outputCount) 个隐藏神经元中有 \(silent) 个对四个点都输出 0；它们既不向前传递信号，又因为那里 $\\operatorname{ReLU}'$ 为 0，也得不到梯度。")
                    page.record("silent_units_layer\(i)", Double(silent))
                }
            } else {
                page.fittedStep(Self.shaped("b_{\(i)}", "b\(i)", layer.bias), [MatrixExpr.m(layer.bias)])
                let h = f[l].input
                let active = (0..<h.columns).filter { h[0, $0] != 0 }
                let shown = active.count <= 4 ? active.map(Optional.some) : active.prefix(2).map(Optional.some) + [nil] + active.suffix(1).map(Optional.some)
                let terms: [Expr] = shown.map { k -> Expr in
                    guard let k else { return .raw(tex: "\\cdots", text: "…") }
                    return .product([.number(h[0, k], digits: 4), .number(layer.weights[k, 0], digits: 4)])
                } + [.n(layer.bias[0, 0])]
                let dropped = h.columns - active.count
                page.say(dropped == 0
                         ? "The score of quadrant I for the first point sums one product per hidden neuron, \(active.count) terms plus the bias:"
                         : "The score of quadrant I for the first point sums one product per hidden neuron; the \(dropped) neuron\(dropped == 1 ? "" : "s") whose output is 0 for this point drop\(dropped == 1 ? "s" : "") out, leaving \(active.count) terms plus the bias:",
                         zh: dropped == 0
                         ? "第一个点在第 I 象限上的得分，是每个隐藏神经元贡献一个乘积再求和，共 \(active.count) 项再加上偏置："
                         : "第一个点在第 I 象限上的得分，是每个隐藏神经元贡献一个乘积再求和；对这个点输出为 0 的 \(dropped) 个神经元不起作用，只剩 \(active.count) 项再加上偏置：")
                page.step(nil, .symbol(tex: "Y_{1,1}", text: "Y[1,1]"), [.sum(terms)], value: f[l].z[0, 0])
                page.fittedStep(Self.shaped("Y", "Y", f[l].z), [.sum([.product([Self.show(h), Self.show(layer.weights)]), MatrixExpr.m(layer.bias)]), MatrixExpr.m(f[l].z)])
                page.record("Y", f[l].z.nested)
            }
        }
        let s = SoftmaxCrossEntropy(logits: e.forward.output, labels: Self.labels)
        page.subsection("Softmax and cross-entropy", zh: "softmax 与交叉熵")
        page.say("Softmax, in the text's three steps, for the first point's row. Subtracting the row's largest score first changes nothing in the quotients and keeps $e^y$ from overflowing:",
                 zh: "按原文的三步对第一个点的那一行做 softmax。先减去该行最大的得分，商不变，还能避免 $e^y$ 溢出：")
        writeSoftmax(&page, s, row: 0, name: "y")
        page.fittedStep(Self.shaped("P", "P", s.probabilities), [MatrixExpr.m(s.probabilities)])
        page.record("P", s.probabilities.nested)
        let logs: [Expr] = (0..<4).map { i in .call(tex: "\\ln", text: "ln", [.number(s.probabilities[i, Self.labels[i]], digits: 4)]) }
        page.step("loss", .sym("L"), [.negation(.product([.quotient(.n(1), .n(4)), .group(.sum(logs))]))], value: s.loss)
        page.say("Each point's own loss is \(MatrixExpr.list(s.losses)): the probability of its true quadrant is \(MatrixExpr.list((0..<4).map { s.probabilities[$0, Self.labels[$0]] }, digits: 3)).",
                 zh: "每个点各自的损失为 \(MatrixExpr.list(s.losses))：它们真实象限的概率分别为 \(MatrixExpr.list((0..<4).map { s.probabilities[$0, Self.labels[$0]] }, digits: 3))。")
        writeBackward(&page, net, e, s)
    }

    /// Softmax of one row, step by step (the text's three steps).
    func writeSoftmax(_ page: inout Page, _ s: SoftmaxCrossEntropy, row i: Int, name: String) {
        page.step(nil, .symbol(tex: "\\max", text: "max"), [.call(tex: "\\max", text: "max", s.logits.row(i).map { .number($0, digits: 4) })], value: s.maxima[i])
        page.fittedStep(.symbol(tex: "\(name) - \\max", text: "\(name) - max"), [MatrixExpr.m(Matrix(row: s.shifted.row(i)))])
        page.fittedStep(.symbol(tex: "e^{\(name) - \\max}", text: "e^(\(name) - max)"), [MatrixExpr.m(Matrix(row: s.exponentials.row(i)))])
        page.step(nil, .symbol(tex: "\\sum_j e^{\(name)_j - \\max}", text: "Σ e^(\(name)j - max)"), [.sum(s.exponentials.row(i).map { .number($0, digits: 4) })], value: s.sums[i])
        page.fittedStep(.symbol(tex: "p", text: "p"), [.quotient(MatrixExpr.m(Matrix(row: s.exponentials.row(i))), .number(s.sums[i], digits: 6)), MatrixExpr.m(Matrix(row: s.probabilities.row(i)))])
    }

    func writeBackward(_ page: inout Page, _ net: Network, _ e: Network.Evaluation, _ s: SoftmaxCrossEntropy) {
        page.section("The first iteration, backward", zh: "第一次迭代：反向传播")
        page.say("""
            Softmax and cross-entropy together have the simplest possible gradient: for each point, the probabilities minus \
            the one-hot label, divided by 4 because the loss is the mean over four points. From there the backward pass of \
            the previous lessons runs down through each layer.
            """, zh: """
            softmax 与交叉熵合在一起，梯度简单得不能再简单：每个点的概率减去独热标签，再除以 4（因为损失是四个点的平均）。\
            从这里开始，就是前几课的反向传播，逐层往下算。
            """)
        let n = net.layers.count
        let back = e.backward.layers
        let f = e.forward.layers
        page.fittedStep(Self.shaped("\\frac{\\partial L}{\\partial Y}", "dL/dY", s.gradient),
                        [.product([.quotient(.n(1), .n(4)), .group(.difference(MatrixExpr.m(s.probabilities), MatrixExpr.m(s.oneHot)))]), MatrixExpr.m(s.gradient)])
        page.record("dL_dY", s.gradient.nested)
        for l in stride(from: n - 1, through: 0, by: -1) {
            let i = l + 1
            let dz = l == n - 1 ? "\\frac{\\partial L}{\\partial Y}" : "\\frac{\\partial L}{\\partial Z_{\(i)}}"
            if l < n - 1 {
                let hName = n == 2 ? "H" : "H_{\(i)}"
                page.fittedStep(Self.shaped("\\frac{\\partial L}{\\partial \(hName)}", n == 2 ? "dL/dH" : "dL/dH\(i)", back[l + 1].inputGradient),
                                [.product([Self.show(back[l + 1].delta), MatrixExpr.transpose(Self.show(net.layers[l + 1].weights))]), Self.show(back[l + 1].inputGradient)])
                page.say("Then through the activation: multiply entry by entry by $\(activation.derivativeSymbol.tex)(Z_{\(i)})$\(activation == .relu ? ", which for ReLU is 1 where $Z_{\(i)} > 0$ and 0 elsewhere" : ""):",
                         zh: "再穿过激活函数：逐个元素乘以 $\(activation.derivativeSymbol.tex)(Z_{\(i)})$\(activation == .relu ? "，对 ReLU 来说就是 $Z_{\(i)} > 0$ 处为 1、其余为 0" : "")：")
                page.fittedStep(Self.shaped(dz, "dL/dZ\(i)", back[l].delta),
                                [MatrixExpr.hadamard(Self.show(back[l + 1].inputGradient), Self.show(back[l].slope)), Self.show(back[l].delta)])
            }
            page.fittedStep(Self.shaped("\\frac{\\partial L}{\\partial W_{\(i)}}", "dL/dW\(i)", back[l].gradient.weights),
                            [.product([MatrixExpr.transpose(l == 0 ? MatrixExpr.m(f[0].input) : Self.show(f[l].input)), Self.show(back[l].delta)]), Self.show(back[l].gradient.weights)])
            page.fittedStep(Self.shaped("\\frac{\\partial L}{\\partial b_{\(i)}}", "dL/db\(i)", back[l].gradient.bias),
                            [.raw(tex: "\\sum_{" + MathWords.text("rows", zh: "行") + "} " + dz, text: "column sums of " + (l == n - 1 ? "dL/dY" : "dL/dZ\(i)")), Self.show(back[l].gradient.bias)])
            page.record("dL_dW\(i)", back[l].gradient.weights.nested)
            page.record("dL_db\(i)", back[l].gradient.bias.values)
        }

        // Where each layer's W and b start among the network's parameters.
        var offsets: [Int] = []
        var total = 0
        for layer in net.layers {
            offsets.append(total)
            total += layer.weights.values.count + layer.bias.values.count
        }
        var picks: [(label: Expr, index: Int)] = []
        for (l, layer) in net.layers.enumerated() {
            let w = layer.weights
            for (r, c) in [(0, 0), (w.rows - 1, w.columns - 1)] {
                picks.append((.symbol(tex: "(W_{\(l + 1)})_{\(r + 1),\(c + 1)}", text: "W\(l + 1)[\(r + 1),\(c + 1)]"), offsets[l] + r * w.columns + c))
            }
            picks.append((.symbol(tex: "(b_{\(l + 1)})_{1}", text: "b\(l + 1)[1]"), offsets[l] + w.values.count))
        }
        // Every parameter up to the limit; beyond it a seeded sample (the check is quadratic in the parameter count).
        let sampled = total > Self.fullCheckLimit
        let indices = Array(Set(GradientCheck.sample(count: sampled ? Self.sampledChecks : total, of: total, seed: UInt64(seed) &+ 17) + picks.map(\.index))).sorted()
        let entries = net.gradientCheck(Self.inputs, Self.objective, at: indices)
        let byIndex = Dictionary(uniqueKeysWithValues: zip(indices, entries))
        let worst = entries.map(\.relativeError).max() ?? 0
        page.subsection("Checked by central differences", zh: "用中心差分核对")
        let rows: [[Table.Cell]] = picks.map { pick in
            let entry = byIndex[pick.index]!
            return [.math(pick.label), .number(entry.analytic), .number(entry.numeric), .number(entry.relativeError, digits: 2)]
        }
        page.table([Localized("parameter", zh: "参数"), Localized("backpropagation", zh: "反向传播"), Localized("central difference", zh: "中心差分"),
                    Localized("relative error", zh: "相对误差")], rows)
        if sampled {
            page.say("""
                The network has \(total) parameters. Checking all of them would cost two forward passes each, every pass touching all \
                \(total) parameters, so \(indices.count) of them were checked: the ones in the table and a seeded random sample ($h = 10^{-5}$); \
                the largest relative error among them is \(NumberFormat.short(worst, significant: 2)). A wrong formula would be wrong for whole \
                rows, columns or layers and show up in such a sample.
                """, zh: """
                这个网络有 \(total) 个参数。全部核对的话，每个参数要做两次前向传播，每次都要用到全部 \(total) 个参数，\
                所以这里只核对了 \(indices.count) 个：表中的那些，加上一个带种子的随机样本（$h = 10^{-5}$）；其中最大的相对误差为 \(NumberFormat.short(worst, significant: 2))。\
                公式若有错，会错在整行、整列或整层上，这样的样本就能发现它。
                """)
        } else {
            page.say("All \(total) parameters were checked this way ($h = 10^{-5}$); the largest relative error is \(NumberFormat.short(worst, significant: 2)).",
                     zh: "全部 \(total) 个参数都这样核对过（$h = 10^{-5}$）；最大相对误差为 \(NumberFormat.short(worst, significant: 2))。")
        }
        page.record("checked_parameters", Double(indices.count))
        page.record("max_relative_error", worst)

        let eta = learningRate.value
        let updated = net.updated(by: e.gradients, learningRate: eta)
        let after = updated.loss(Self.inputs, Self.objective)
        page.say("Every $W$ and $b$ now moves by $-\\eta$ times its gradient, all together, with $\\eta = \(fmt(eta))$:",
                 zh: "现在所有的 $W$ 和 $b$ 一起更新：各自减去 $\\eta$ 乘以自己的梯度，$\\eta = \(fmt(eta))$：")
        page.fittedStep(.symbol(tex: "W_{\(n)} - \\eta \\frac{\\partial L}{\\partial W_{\(n)}}", text: "W\(n) - η dL/dW\(n)"),
                        [.difference(Self.show(net.layers[n - 1].weights), .product([.n(eta), Self.show(e.gradients[n - 1].weights)])), Self.show(updated.layers[n - 1].weights)])
        page.step("loss_after_first_step", .symbol(tex: "L_{\(MathWords.text("after step 1", zh: "第 1 步后"))}", text: "L after step 1"), [], value: after)
        let (lossBefore, lossAfter) = NumberFormat.apart(e.loss, after)
        page.say(after < e.loss ? "The loss fell from \(lossBefore) to \(lossAfter). That is one iteration; training repeats it."
                                : "The loss went from \(lossBefore) to \(lossAfter): the step was too large; try a smaller `--learning-rate`.",
                 zh: after < e.loss ? "损失从 \(lossBefore) 降到了 \(lossAfter)。这就是一次迭代；训练就是不断重复它。"
                                    : "损失从 \(lossBefore) 变成了 \(lossAfter)：步子迈得太大了，可以试试更小的 `--learning-rate`。")
        let naturalLoss = -Double.log(0.9)
        page.erratum("""
            `002`'s iteration example says a first probability of 90% gives a cross-entropy of 0.046. With the natural \
            logarithm, which cross-entropy uses, $-\\ln 0.9 = \(fmt(naturalLoss))$; 0.046 is $-\\log_{10} 0.9 = \(fmt(-Double.log10(0.9)))$. \
            The 90% and 92% themselves are only illustrations: this network's first probabilities are the ones printed above.
            """, zh: """
            `002` 的迭代例子说第一次算得的概率为 90% 时交叉熵为 0.046。交叉熵用的是自然对数，$-\\ln 0.9 = \(fmt(naturalLoss))$；\
            0.046 其实是 $-\\log_{10} 0.9 = \(fmt(-Double.log10(0.9)))$。至于 90%、92% 只是举例，本网络第一次算出的概率就是上面打印的那些。
            """)
        page.record("text_cross_entropy", naturalLoss)
    }
}
