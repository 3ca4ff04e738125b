import LonghandEngine
import Notebook

extension RegularizationLesson {
    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        writeSpreadOutWeights(&page)
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
}
