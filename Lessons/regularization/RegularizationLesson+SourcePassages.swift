import LonghandEngine
import Notebook

extension RegularizationLesson {
    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page, _ ex: Experiment) {
        writeSpreadOutWeights(&page)
        writeWeightHistograms(&page, ex)
        writeClassicDropout(&page)
        page.sourcesOfThisLesson(Self.id)
    }

    /// Why the L2 penalty of `001` prefers many small weights to one large one, at the same score.
    func writeSpreadOutWeights(_ page: inout Page) {
        let x: [Double] = [1, 1, 1, 1]
        let concentrated: [Double] = [1, 0, 0, 0], spread: [Double] = [0.25, 0.25, 0.25, 0.25]
        let lambda = l2.value
        page.section("Why L2 prefers spread-out weights", zh: "为什么 L2 偏爱分散的权重")
        page.say("""
            `001` adds $\\lambda R(W)$ with $R(W) = \\sum_k \\sum_l W_{k,l}^2$ and says a larger $\\lambda$ lowers the risk of \
            overfitting. Two weight vectors give the input $x = (1, 1, 1, 1)$ exactly the same score, so the data cannot tell \
            them apart; the penalty can:
            """, zh: """
            `001` 在损失上加 $\\lambda R(W)$，$R(W) = \\sum_k \\sum_l W_{k,l}^2$，并说 $\\lambda$ 越大，过拟合的风险越低。\
            下面两个权重向量对输入 $x = (1, 1, 1, 1)$ 给出完全相同的得分，数据分不出它们的好坏；惩罚项分得出：
            """)
        func dot(_ w: [Double]) -> Double { zip(w, x).reduce(0) { $0 + $1.0 * $1.1 } }
        func r(_ w: [Double]) -> Double { w.reduce(0) { $0 + $1 * $1 } }
        let rows: [[Table.Cell]] = [concentrated, spread].map { w in
            [.math(.raw(tex: "(\(w.map(fmt).joined(separator: ", ")))", text: "(\(w.map(fmt).joined(separator: ", ")))")),
             .math(.sum(zip(w, x).map { .product([.n($0), .n($1)]) })), .number(dot(w)),
             .math(.sum(w.map { .power(.n($0), .n(2)) })), .number(r(w)), .number(lambda * r(w))]
        }
        page.table([Localized("$w$", zh: "$w$"), Localized("$w \\cdot x$", zh: "$w \\cdot x$"), Localized("score", zh: "得分"),
                    Localized("$\\sum_l w_l^2$", zh: "$\\sum_l w_l^2$"), Localized("$R(w)$", zh: "$R(w)$"), Localized("$\\lambda R$, $\\lambda = \(fmt(lambda))$", zh: "$\\lambda R$，$\\lambda = \(fmt(lambda))$")], rows)
        page.record("l2_concentrated", r(concentrated))
        page.record("l2_spread", r(spread))
        let better = r(spread) < r(concentrated)
        page.say(better
                 ? "Same score, but the spread-out weights cost \(fmt(r(spread))) against \(fmt(r(concentrated))): squaring punishes one large weight more than several small ones. An L2-penalised network therefore lets many inputs contribute a little rather than leaning on one, and its output moves less when any single input is noisy."
                 : "Here the penalty does not prefer the spread-out weights.",
                 zh: better
                 ? "得分相同，分散的权重惩罚只有 \(fmt(r(spread)))，集中的却是 \(fmt(r(concentrated)))：平方对一个大权重的惩罚重于几个小权重。所以带 L2 惩罚的网络宁愿让许多输入各出一点力，也不依赖某一个输入；任何单个输入有噪声时，它的输出都变化得更少。"
                 : "这里惩罚项并不偏爱分散的权重。")
        let l1a = concentrated.reduce(0) { $0 + abs($1) }, l1b = spread.reduce(0) { $0 + abs($1) }
        page.say(l1a == l1b
                 ? "The L1 penalty $\\sum |w|$ gives both the same \(fmt(l1a)): it has no such preference, which is why L1 is content with a few large weights and the rest exactly 0."
                 : "The L1 penalty $\\sum |w|$ gives \(fmt(l1a)) and \(fmt(l1b)).",
                 zh: l1a == l1b
                 ? "L1 惩罚 $\\sum |w|$ 给两者的都是 \(fmt(l1a))：它没有这种偏好，所以 L1 乐于留下少数几个大权重、其余恰好为 0。"
                 : "L1 惩罚 $\\sum |w|$ 分别给出 \(fmt(l1a)) 和 \(fmt(l1b))。")
    }

    /// `002`'s dropout (“multiply by a probability at prediction time”) beside the inverted dropout used above.
    func writeClassicDropout(_ page: inout Page) {
        let p = dropout.value
        let a: [Double] = [0.8, -0.4, 1.2, 0.5]
        page.section("Classic and inverted dropout", zh: "经典 dropout 与倒置 dropout")
        page.say("""
            `002` describes the original dropout: units are dropped in training and, at prediction time, every unit is used \
            but “its output is multiplied by a probability”. That probability is the keep rate $1 - p$. The version above scales \
            at training time instead, by $1/(1 - p)$, and leaves prediction alone. Both give a unit the same expected \
            contribution in training and at prediction; they differ only by the constant factor $1 - p$. For hidden outputs \
            $a = (\(a.map(fmt).joined(separator: ", ")))$ and $p = \(fmt(p))$:
            """, zh: """
            `002` 描述的是最初的 dropout：训练时丢弃一些单元，预测时所有单元都参与，但“这个神经元的输出结果要乘以一个概率值”。\
            这个概率就是保留率 $1 - p$。上文的做法则在训练时乘以 $1/(1 - p)$，预测时原样使用。两种做法里，\
            一个单元在训练时的期望贡献都等于它预测时的贡献；两者只差一个常数因子 $1 - p$。\
            设隐藏层输出 $a = (\(a.map(fmt).joined(separator: ", ")))$，$p = \(fmt(p))$：
            """)
        let keep = 1 - p
        let rows: [[Table.Cell]] = [
            [.text(Localized("classic", zh: "经典")), .math(.raw(tex: "a", text: "a")), .number(1), .number(keep),
             .math(.raw(tex: "(\(a.map { fmt(keep * $0) }.joined(separator: ", ")))", text: "(\(a.map { fmt(keep * $0) }.joined(separator: ", ")))"))],
            [.text(Localized("inverted", zh: "倒置")), .math(.raw(tex: "a / (1 - p)", text: "a/(1 − p)")), .number(1 / keep), .number(1),
             .math(.raw(tex: "(\(a.map(fmt).joined(separator: ", ")))", text: "(\(a.map(fmt).joined(separator: ", ")))"))],
        ]
        page.table([Localized("dropout", zh: "做法"), Localized("kept unit in training", zh: "训练时保留的单元"),
                    Localized("training factor", zh: "训练时的因子"), Localized("prediction factor", zh: "预测时的因子"),
                    Localized("prediction output", zh: "预测时的输出")], rows)
        let expectedClassic = a.map { keep * $0 }            // E[mask·a] with mask ∈ {0, 1}, keep probability 1 − p
        let expectedInverted = a.map { keep * $0 / keep }    // E[mask·a/(1 − p)]
        page.record("classic_dropout_prediction", expectedClassic)
        page.record("inverted_dropout_expected_training", expectedInverted)
        page.say("""
            Expected training output of a unit: classic $(1 - p)\\,a$, inverted $a$. Each equals its own prediction output, so \
            the next layer sees the same average in training and in use — the point of either scaling.
            """, zh: """
            一个单元在训练时的期望输出：经典做法是 $(1 - p)\\,a$，倒置做法是 $a$。两者都分别等于各自预测时的输出，\
            所以下一层在训练和使用时看到的平均值相同——这正是两种缩放的用意。
            """)
    }

    /// The bins of |w| in the weight histogram: decades, so that weights pinned near 0 by L1 get bins of their own.
    static let histogramEdges: [Double] = [0, 1e-4, 1e-3, 1e-2, 1e-1, 1]
    /// “Near 0” in the sentence under the histogram.
    static let nearZero = 0.01

    /// How many of `weights` fall into each bin of |w|: the decades of `histogramEdges`, then |w| ≥ 1.
    static func histogram(_ weights: [Double]) -> [Int] {
        let edges = histogramEdges
        return (0..<edges.count).map { b in
            weights.filter { w in
                let m = abs(w)
                return b + 1 < edges.count ? (m >= edges[b] && m < edges[b + 1]) : m >= edges[b]
            }.count
        }
    }

    /// `002`'s L1 and L2 side by side on the trained weights: where each leaves them.
    func writeWeightHistograms(_ page: inout Page, _ ex: Experiment) {
        let keys = ["none", "l2", "l1"]
        let weights = keys.map { key in ex.run(key).result.network.layers.flatMap(\.weights.values) }
        let counts = weights.map(Self.histogram)
        let total = weights[0].count
        let near = weights.map { ws in ws.filter { abs($0) < Self.nearZero }.count }
        let exact = weights.map { ws in ws.filter { $0 == 0 }.count }
        let edges = Self.histogramEdges
        let categories: [Localized] = (0..<edges.count).map { b in
            if b == 0 { return Localized("|w| < 10⁻⁴", zh: "|w| < 10⁻⁴") }
            if b + 1 == edges.count { return Localized("|w| ≥ 1", zh: "|w| ≥ 1") }
            let lo = NumberFormat.short(edges[b]), hi = NumberFormat.short(edges[b + 1])
            return Localized("\(lo) – \(hi)", zh: "\(lo) – \(hi)")
        }
        page.section("Where L1 and L2 leave the weights", zh: "L1 与 L2 把权重留在哪里")
        page.say("""
            `002` names L2 and L1 together, but they treat small weights differently: L2's pull $2\\lambda w$ fades as $w$ shrinks, \
            L1's pull $\\lambda \\operatorname{sign}(w)$ does not. Here are all \(total) weights of the three networks trained above \
            (no penalty, L2 with $\\lambda = \(fmt(l2.value))$, L1 with $\\lambda = \(fmt(l1.value))$), counted by size $|w|$ in decades:
            """, zh: """
            `002` 把 L2 和 L1 相提并论，但两者对待小权重的方式不同：L2 的拉力 $2\\lambda w$ 随 $w$ 变小而减弱，\
            L1 的拉力 $\\lambda \\operatorname{sign}(w)$ 却不减。下面是上文训练出的三个网络（不加惩罚；L2，$\\lambda = \(fmt(l2.value))$；\
            L1，$\\lambda = \(fmt(l1.value))$）的全部 \(total) 个权重，按大小 $|w|$ 以十倍为一档计数：
            """)
        page.figure("weight-histogram", title: Localized("Trained weights by size |w|: no penalty, L2 and L1", zh: "训练后的权重按大小 |w| 计数：不加惩罚、L2 与 L1"),
                    description: Localized("Number of the \(total) weights in each range of |w|. " + zip(keys, counts).map { "\(ex.run($0).name.en): \($1.map(String.init).joined(separator: ", "))" }.joined(separator: "; ") + ".",
                                           zh: "\(total) 个权重在 |w| 各区间中的个数。" + zip(keys, counts).map { "\(ex.run($0).name.zh)：\($1.map(String.init).joined(separator: "、"))" }.joined(separator: "；") + "。"),
                    BarChart(categories: categories,
                             series: zip(keys, counts).enumerated().map { i, kc in BarChart.Series(ex.run(kc.0).name, kc.1.map(Double.init), color: i) },
                             yLabel: Localized("number of weights", zh: "权重个数"), valueStyle: .number(significant: 3)))
        page.record("weight_histogram", .object(zip(keys, counts).map { ($0, .vector($1.map(Double.init))) }))
        page.record("weights_near_zero", .object(zip(keys, near).map { ($0, .number(Double($1))) }))
        page.record("weights_exactly_zero", .object(zip(keys, exact).map { ($0, .number(Double($1))) }))
        let (none, withL2, withL1) = (near[0], near[1], near[2])
        let threshold = NumberFormat.short(Self.nearZero)
        let compared: (en: String, zh: String)
        if withL1 > withL2 {
            compared = ("L1 leaves more of them near 0 than L2 does: it pushes the weights the data has little use for all the way down, while L2 only shrinks them in proportion.",
                        "L1 留在 0 附近的权重比 L2 多：数据用处不大的权重，L1 一直把它们推到底，L2 只是按比例缩小。")
        } else if withL1 == withL2 {
            compared = ("L1 and L2 leave equally many near 0 at these settings.", "在这组设置下，L1 与 L2 留在 0 附近的权重一样多。")
        } else {
            compared = ("At these settings L1 leaves fewer of them near 0 than L2 (its λ is too small, or training too short, for its constant pull to bring weights down).",
                        "在这组设置下，L1 留在 0 附近的权重反而比 L2 少（它的 λ 太小，或训练步数太少，恒定的拉力还没来得及把权重压下去）。")
        }
        let exactEN = exact[2] == 0 ? "None of L1's weights is exactly 0 (each step overshoots 0 by up to $\\eta\\lambda$ and swings back)."
            : "\(exact[2]) of L1's weights \(exact[2] == 1 ? "is" : "are") exactly 0."
        let exactZH = exact[2] == 0 ? "L1 的权重没有一个恰好为 0（每一步都会越过 0 至多 $\\eta\\lambda$，再摆回来）"
            : "L1 的权重中有 \(exact[2]) 个恰好为 0"
        page.say("""
            With $|w| < \(threshold)$: \(none) of \(total) without a penalty, \(withL2) with L2, \(withL1) with L1. \(compared.en) \
            \(exactEN)
            """, zh: """
            $|w| < \(threshold)$ 的权重：不加惩罚时 \(none) 个（共 \(total) 个），L2 时 \(withL2) 个，L1 时 \(withL1) 个。\(compared.zh)\
            \(exactZH)。
            """)
    }
}
