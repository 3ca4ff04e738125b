import LonghandEngine
import Notebook

extension QuadrantNetLesson {
    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        writeActiveUnits(&page)
        writeBallMachine(&page)
        page.sourcesOfThisLesson(Self.id)
    }

    /// `002`'s ball machine: turn each knob a little, watch the loss, turn it the other way if the loss went up.
    func writeBallMachine(_ page: inout Page) {
        let net = Self.network(sizes: sizes, hidden: activation.activation, seed: seed)
        let loss0 = net.loss(Self.inputs, Self.objective)
        let checks = net.gradientCheck(Self.inputs, Self.objective)
        let turn = 0.1
        page.section("The ball machine, knob by knob", zh: "球形机器：逐个旋钮地试")
        page.say("""
            `002` pictures training as a ball machine in a desert with four knobs, $W_1$, $b_1$, $W_2$ and $b_2$: turn a knob, \
            see whether the ball goes up or down, and turn it the way that goes down. Each “knob” is really a bank of small \
            knobs, one per entry, and “turn it a little and watch” is exactly the central difference \
            $(L(\\theta + h) - L(\\theta - h))/2h$ of the check above. At the starting weights ($L = \(NumberFormat.short(loss0, significant: 6))$), \
            the entry of each bank whose turn moves the ball most, turned up by \(fmt(turn)):
            """, zh: """
            `002` 把训练比作沙漠里的一台球形机器，上面有四个旋钮 $W_1$、$b_1$、$W_2$、$b_2$：拧一下旋钮，看球往上走还是往下走，\
            然后朝让球往下走的方向拧。每个“旋钮”其实是一排小旋钮，每个矩阵元素一个；“拧一点看看”正是上文核对用的中心差分 \
            $(L(\\theta + h) - L(\\theta - h))/2h$。在初始权重处（$L = \(NumberFormat.short(loss0, significant: 6))$），\
            每排中最能让球移动的那个元素，往上拧 \(fmt(turn))：
            """)
        var rows: [[Table.Cell]] = []
        var offset = 0
        var steepest: [Double] = []
        let theta = net.parameters
        for (l, check) in checks.enumerated() {
            let layer = net.layers[l]
            let banks: [(tex: String, text: String, entries: [GradientCheck.Entry], columns: Int)] = [
                ("W_{\(l + 1)}", "W\(l + 1)", check.weights, layer.weights.columns),
                ("b_{\(l + 1)}", "b\(l + 1)", check.bias, layer.bias.columns),
            ]
            for bank in banks {
                guard let k = bank.entries.indices.max(by: { abs(bank.entries[$0].numeric) < abs(bank.entries[$1].numeric) }) else { continue }
                let entry = bank.entries[k]
                var turned = theta
                turned[offset + k] += turn
                let after = net.with(parameters: turned).loss(Self.inputs, Self.objective)
                let way: Localized = after > loss0 ? Localized("up: turn it down", zh: "往上：应该往下拧")
                    : after < loss0 ? Localized("down: keep turning up", zh: "往下：继续往上拧") : Localized("not at all", zh: "不动")
                let r = k / bank.columns + 1, c = k % bank.columns + 1
                rows.append([.math(.symbol(tex: "(\(bank.tex))_{\(r),\(c)}", text: "\(bank.text)[\(r),\(c)]")), .number(Double(bank.entries.count)),
                             .number(entry.numeric), .number(after - loss0), .text(way)])
                steepest.append(entry.numeric)
                offset += bank.entries.count
            }
        }
        page.table([Localized("knob (steepest entry)", zh: "旋钮（最陡的元素）"), Localized("entries in the bank", zh: "这一排的元素个数"),
                    Localized("central difference", zh: "中心差分"), Localized("change of $L$ after $+\(fmt(turn))$", zh: "拧 $+\(fmt(turn))$ 后 $L$ 的变化"),
                    Localized("the ball goes", zh: "球的走向")], rows)
        page.record("ball_machine_slopes", steepest)
        page.say("""
            Trying knob after knob this way takes two evaluations of the loss per entry, \(2 * theta.count) for all \(theta.count); \
            backpropagation gives the same slopes (the check above agrees) in one backward pass, and gradient descent turns \
            every knob at once, each in proportion to its slope.
            """, zh: """
            这样一个一个地试，每个元素要算两次损失，全部 \(theta.count) 个就要 \(2 * theta.count) 次；反向传播一次反向计算就得到同样的斜率\
            （上文的核对表明两者一致），梯度下降则同时拧动所有旋钮，每个拧多少与它的斜率成正比。
            """)
    }

    /// The printed matrices elide most of the hidden layer; list the units that are active (non-zero) for each point.
    func writeActiveUnits(_ page: inout Page) {
        let net = Self.network(sizes: sizes, hidden: activation.activation, seed: seed)
        guard net.layers.count >= 2 else { return }
        let forward = net.forward(Self.inputs).layers[0]
        let h = forward.output
        page.section("The first hidden layer, unit by unit", zh: "第一隐藏层，逐个单元")
        page.say("""
            The matrices above show only a corner of $H$. For the first iteration, here is every hidden unit that is not 0 for \
            each of `002`'s four points, by index and value (for ReLU these are the units that pass a signal forward and \
            receive a gradient back):
            """, zh: """
            上文的矩阵只显示了 $H$ 的一角。下面列出第一次迭代中，对 `002` 的四个点分别不为 0 的每一个隐藏单元，注明编号和数值\
            （对 ReLU 来说，正是这些单元向前传递信号，也得到反传的梯度）：
            """)
        var counts: [Double] = []
        let rows: [[Table.Cell]] = (0..<h.rows).map { i in
            let active = (0..<h.columns).filter { h[i, $0] != 0 }
            counts.append(Double(active.count))
            // One inline formula per unit, so the list wraps in narrow tables.
            let items = active.map { "$h_{\($0 + 1)} = \(NumberFormat.short(h[i, $0], significant: 3))$" }
            let point = Self.inputs.row(i).map(fmt).joined(separator: ", ")
            return [.text(Localized(same: "(\(point))")), .number(Double(active.count)),
                    active.isEmpty ? .text(Localized("none", zh: "无")) : .text(Localized(items.joined(separator: ", "), zh: items.joined(separator: "、")))]
        }
        page.table([Localized("point", zh: "点"), Localized("active units", zh: "激活的单元数"), Localized("index and value", zh: "编号与数值")], rows)
        page.record("active_hidden_units", counts)
    }
}
