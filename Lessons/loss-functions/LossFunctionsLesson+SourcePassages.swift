import LonghandEngine
import Notebook

extension LossFunctionsLesson {
    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        writeSoftmaxGradient(&page)
        writeOneMinusPAgainstLog(&page)
        page.sourcesOfThisLesson(Self.id)
    }

    /// ∂L/∂s = p − t for softmax followed by cross-entropy, derived and worked on the lesson's scores.
    func writeSoftmaxGradient(_ page: inout Page) {
        let s = scores.values, y = trueClass - 1
        let t = CrossEntropy.oneHot(y, count: s.count)
        let p = Softmax.probabilities(s)
        page.section("The gradient of softmax with cross-entropy", zh: "softmax 加交叉熵的梯度")
        page.say("""
            `002` says training lowers the cross-entropy by backpropagation; the first number backpropagation needs is the \
            gradient of the loss with respect to the scores. With $p_k = e^{s_k} / \\sum_j e^{s_j}$ and a one-hot $t$, \
            $L = -\\sum_k t_k \\ln p_k = -\\sum_k t_k s_k + \\ln \\sum_j e^{s_j}$ (because $\\sum_k t_k = 1$). Differentiate \
            with respect to $s_i$: the first sum gives $-t_i$, the logarithm gives $e^{s_i} / \\sum_j e^{s_j} = p_i$. So
            """, zh: """
            `002` 说训练通过反向传播降低交叉熵；反向传播需要的第一个数，就是损失对得分的梯度。由 $p_k = e^{s_k} / \\sum_j e^{s_j}$ \
            和独热向量 $t$，得 $L = -\\sum_k t_k \\ln p_k = -\\sum_k t_k s_k + \\ln \\sum_j e^{s_j}$（因为 $\\sum_k t_k = 1$）。\
            对 $s_i$ 求导：第一项给出 $-t_i$，对数项给出 $e^{s_i} / \\sum_j e^{s_j} = p_i$。所以
            """)
        page.equation(tex: "\\frac{\\partial L}{\\partial s_i} = p_i - t_i", text: "∂L/∂s_i = p_i − t_i")
        let gradient = zip(p, t).map { $0 - $1 }
        page.say("For the scores of this lesson, class by class:", zh: "代入本课的得分，逐类计算：")
        page.table([Localized("$i$", zh: "$i$"), Localized("$p_i$", zh: "$p_i$"), Localized("$t_i$", zh: "$t_i$"), Localized("$p_i - t_i$", zh: "$p_i - t_i$")],
                   s.indices.map { i in [.number(Double(i + 1)), .number(p[i]), .number(t[i]), .number(gradient[i])] })
        page.record("score_gradient", gradient)
        let check = GradientCheck.compare(analytic: gradient, at: s) { CrossEntropy.loss(scores: $0, target: t) }
        let worst = check.map(\.relativeError).max() ?? 0
        page.record("score_gradient_check", worst)
        let sum = gradient.reduce(0, +)
        page.say(worst < 1e-6
                 ? "Central differences agree to a relative error of \(NumberFormat.short(worst, significant: 2)). The entries add up to \(NumberFormat.short(sum, significant: 2)) (zero up to rounding, since both $p$ and $t$ sum to 1): the gradient lowers the true class's score by as much as it raises the others together."
                 : "Central differences differ by a relative error of \(NumberFormat.short(worst, significant: 2)) here: the scores are so far apart that the loss is flat to double precision.",
                 zh: worst < 1e-6
                 ? "中心差分的结果与它一致，相对误差为 \(NumberFormat.short(worst, significant: 2))。各分量之和为 \(NumberFormat.short(sum, significant: 2))（$p$ 和 $t$ 的和都是 1，所以除舍入外为零）：梯度降低正确类别得分的幅度，正好等于升高其他类别得分的总和。"
                 : "这里中心差分的相对误差为 \(NumberFormat.short(worst, significant: 2))：得分相差太大，损失在双精度下已经是平的。")
    }

    /// `002`'s first idea 1 − p against −ln p: how hard each pushes at a given p.
    func writeOneMinusPAgainstLog(_ page: inout Page) {
        page.section("Why −ln p and not 1 − p", zh: "为什么用 −ln p 而不用 1 − p")
        page.say("""
            `002` mentions $1 - p$ as the intuitive measure before choosing $-\\ln p$. Both are 0 at $p = 1$ and grow as $p$ \
            falls; the difference is in their slopes, which is what gradient descent follows. $\\frac{d}{dp}(1 - p) = -1$ \
            everywhere, while $\\frac{d}{dp}(-\\ln p) = -1/p$ grows without bound as the right class's probability goes to 0:
            """, zh: """
            `002` 在选定 $-\\ln p$ 之前，先提到了直观的 $1 - p$。两者在 $p = 1$ 时都为 0，$p$ 变小时都变大；区别在斜率上，\
            而梯度下降走的正是斜率。$\\frac{d}{dp}(1 - p)$ 处处等于 $-1$，而 $\\frac{d}{dp}(-\\ln p) = -1/p$ 在正确类别的概率趋于 0 时\
            会无限增大：
            """)
        let ps: [Double] = [0.9, 0.5, 0.1, 0.01]
        page.table([Localized("$p$", zh: "$p$"), Localized("$1 - p$", zh: "$1 - p$"), Localized("$-\\ln p$", zh: "$-\\ln p$"),
                    Localized("slope of $1 - p$", zh: "$1 - p$ 的斜率"), Localized("slope of $-\\ln p$", zh: "$-\\ln p$ 的斜率")],
                   ps.map { [.number($0), .number(1 - $0), .number(CrossEntropy.ofProbability($0)), .number(-1), .number(-1 / $0)] })
        page.record("log_loss_slopes", ps.map { -1 / $0 })
        let ratio = (1 / ps.last!) / (1 / ps.first!)
        page.say("""
            At $p = \(fmt(ps.last!))$ the log loss pushes \(fmt(1 / ps.last!)) times as hard as $1 - p$, and \(fmt(ratio)) times as \
            hard as it does itself at $p = \(fmt(ps.first!))$: a confidently wrong network gets the strongest correction. Through \
            softmax the effect is the gradient $p - t$ above: with $1 - p$ instead, the gradient with respect to the scores would \
            carry an extra factor $p_{\\text{true}}$, and would vanish just when the network is most wrong.
            """, zh: """
            在 $p = \(fmt(ps.last!))$ 处，对数损失的推力是 $1 - p$ 的 \(fmt(1 / ps.last!)) 倍，是它自己在 $p = \(fmt(ps.first!))$ \
            处的 \(fmt(ratio)) 倍：错得越自信，纠正得越猛。经过 softmax，这一点体现为上面的梯度 $p - t$；若改用 $1 - p$，\
            对得分的梯度会多出一个因子 $p_{\\text{正确}}$，恰恰在网络错得最离谱时趋于零。
            """)
    }
}
