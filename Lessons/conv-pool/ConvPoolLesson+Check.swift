import LonghandEngine
import Notebook

/// Every gradient of the lesson compared with central differences of the whole network's loss.
extension ConvPoolLesson {
    /// The result of checking one group of numbers (kernel weights, input cells, …).
    struct CheckGroup {
        let name: String
        let label: Localized
        let entries: [GradientCheck.Entry]
        var maxRelativeError: Double { entries.map(\.scaledError).max() ?? 0 }
        var maxAbsoluteError: Double { entries.map { abs($0.analytic - $0.numeric) }.max() ?? 0 }
    }

    /// Central differences of the loss with respect to every kernel weight, conv bias, FC weight,
    /// FC bias and input cell, each compared with the backpropagated gradient.
    static func gradientChecks(_ s: Setup, _ g: TinyConvNet.Backward) -> [CheckGroup] {
        let net = s.net, x = s.input, t = [s.target]
        let kernel = GradientCheck.compare(analytic: g.conv.weights, at: net.conv.weights) { w in
            var n = net; n.conv.weights = w; return n.loss(x, target: t)
        }
        let convBias = GradientCheck.compare(analytic: g.conv.bias, at: net.conv.bias) { b in
            var n = net; n.conv.bias = b; return n.loss(x, target: t)
        }
        let fcWeights = GradientCheck.compare(analytic: g.fcWeights.values, at: net.fc.weights.values) { w in
            var n = net; n.fc.weights = Matrix(rows: net.fc.weights.rows, columns: net.fc.weights.columns, values: w); return n.loss(x, target: t)
        }
        let fcBias = GradientCheck.compare(analytic: g.fcBias, at: net.fc.bias.values) { b in
            var n = net; n.fc.bias = Matrix(row: b); return n.loss(x, target: t)
        }
        let input = GradientCheck.compare(analytic: g.conv.input.values, at: x.values) { v in
            net.loss(Tensor3(channels: x.channels, rows: x.rows, columns: x.columns, values: v), target: t)
        }
        return [
            CheckGroup(name: "kernel", label: Localized("kernel weights $k$", zh: "卷积核权重 $k$"), entries: kernel),
            CheckGroup(name: "conv_bias", label: Localized("convolution bias $b$", zh: "卷积偏置 $b$"), entries: convBias),
            CheckGroup(name: "fc_weights", label: Localized("fully connected weights $w$", zh: "全连接权重 $w$"), entries: fcWeights),
            CheckGroup(name: "fc_bias", label: Localized("fully connected bias $c$", zh: "全连接偏置 $c$"), entries: fcBias),
            CheckGroup(name: "input", label: Localized("input cells $x$", zh: "输入格 $x$"), entries: input),
        ]
    }

    /// Points where the loss has a kink: a conv output exactly 0 (ReLU) or a pooling block whose
    /// positive maximum is shared (the gradient could go to either cell). A block of zeros whose
    /// conv outputs are all negative is no kink: nudging any of them leaves the block at 0.
    static func kinks(_ s: Setup, _ f: TinyConvNet.Forward) -> Int {
        var count = f.convOut.values.filter { $0 == 0 }.count
        let k = s.poolSize
        guard k > 1 else { return count }
        for o in 0..<s.outChannels {
            for i in 0..<s.poolOutSize {
                for j in 0..<s.poolOutSize {
                    let block = (0..<k).flatMap { a in (0..<k).map { b in f.reluOut[o, i * k + a, j * k + b] } }
                    let m = block.max() ?? 0
                    if m > 0 && block.filter({ $0 == m }).count > 1 { count += 1 }
                }
            }
        }
        return count
    }

    func writeGradientCheck(_ page: inout Page, _ s: Setup, _ f: TinyConvNet.Forward, _ g: TinyConvNet.Backward) {
        page.section("Checking every gradient by central differences", zh: "用中心差分核对每个梯度")
        let h = GradientCheck.defaultStep
        page.say("""
            An independent check that needs no calculus: nudge one number by $h = \(ExprRendering.texNumber(h))$ up and down, run the \
            whole forward pass again each time, and compare $\\frac{L(\\theta + h) - L(\\theta - h)}{2h}$ with the gradient found \
            by backpropagation. The relative error is $|g - n| / \\max(|g|, |n|, 1)$: relative for gradients larger than 1, \
            absolute for smaller ones, so that an exact 0 against a difference quotient of $10^{-10}$ (rounding) does not count as 100%.
            """, zh: """
            一个不用求导的独立检验：把某一个数分别加上、减去 $h = \(ExprRendering.texNumber(h))$，每次都重新跑一遍完整的前向计算，\
            然后把 $\\frac{L(\\theta + h) - L(\\theta - h)}{2h}$ 与反向传播得到的梯度比较。相对误差取 $|g - n| / \\max(|g|, |n|, 1)$：\
            梯度大于 1 时是相对误差，小于 1 时是绝对误差；这样，精确的 0 与舍入造成的 $10^{-10}$ 量级的差商相比，不会被算成 100% 的误差。
            """)
        let groups = Self.gradientChecks(s, g)
        let conv = s.net.conv
        var rows: [[Table.Cell]] = []
        let kernelEntries = groups[0].entries
        for o in 0..<s.outChannels {
            for c in 0..<s.inChannels {
                for a in 0..<s.kernelSize {
                    for b in 0..<s.kernelSize {
                        let e = kernelEntries[conv.weightIndex(o, c, a, b)]
                        rows.append([.math(Self.grad("k", "k", Self.kernelLabel(o, c, s), (a, b), slash: true)),
                                     .number(e.analytic, digits: 10), .number(e.numeric, digits: 10), .number(e.scaledError, digits: 2)])
                    }
                }
            }
        }
        page.table([Localized("gradient", zh: "梯度"), Localized("backpropagation", zh: "反向传播"),
                    Localized("central difference", zh: "中心差分"), Localized("relative error", zh: "相对误差")], rows)
        page.say("Every group of numbers the loss depends on, checked the same way:", zh: "损失所依赖的每一组数都这样核对：")
        page.table([Localized("numbers", zh: "数"), Localized("how many", zh: "个数"),
                    Localized("largest $|g - n|$", zh: "最大 $|g - n|$"), Localized("largest relative error", zh: "最大相对误差")],
                   groups.map { [.text($0.label), .number(Double($0.entries.count)), .number($0.maxAbsoluteError, digits: 2),
                                 .number($0.maxRelativeError, digits: 2)] })
        for group in groups { page.record("gradcheck_max_rel_error_\(group.name)", group.maxRelativeError) }
        let worst = groups.map(\.maxRelativeError).max() ?? 0
        page.record("gradcheck_max_rel_error", worst)
        let kinkCount = Self.kinks(s, f)
        if kinkCount == 0 && worst > 1e-6 {
            page.say("""
                The largest relative error is \(NumberFormat.short(worst, significant: 2)), larger than floating-point rounding \
                explains; the rows above show which gradients disagree.
                """, zh: """
                最大相对误差为 \(NumberFormat.short(worst, significant: 2))，比浮点舍入能解释的要大；上面的表列出了哪些梯度对不上。
                """)
        } else if kinkCount == 0 {
            page.say("""
                All \(groups.map(\.entries.count).reduce(0, +)) gradients agree; the largest relative error is \
                \(NumberFormat.short(worst, significant: 2)), the size of floating-point rounding.
                """, zh: """
                全部 \(groups.map(\.entries.count).reduce(0, +)) 个梯度都吻合；最大相对误差为 \(NumberFormat.short(worst, significant: 2))，\
                只是浮点舍入的量级。
                """)
        } else {
            page.aside("""
                With these numbers the loss has \(kinkCount) kink\(kinkCount == 1 ? "" : "s"): a convolution output exactly 0 (where \
                ReLU bends) or a pooling block with two equal maxima. There the loss has no derivative; backpropagation uses the \
                conventions ($\\mathrm{ReLU}'(0) = 0$, the first maximum wins) while central differences measure the average of the \
                slopes on both sides, so some entries may disagree (largest relative error \(NumberFormat.short(worst, significant: 2))).
                """, zh: """
                这组数让损失出现了 \(kinkCount) 个折点：某个卷积输出恰好为 0（ReLU 的折点），或某个池化块里有两个相等的最大值。\
                在这些点上损失不可导；反向传播按约定处理（$\\mathrm{ReLU}'(0) = 0$，排在前面的最大值得到梯度），\
                而中心差分量到的是两侧斜率的平均，所以有些项可能对不上（最大相对误差 \(NumberFormat.short(worst, significant: 2))）。
                """)
        }
        page.record("kinks", Double(kinkCount))
    }
}
