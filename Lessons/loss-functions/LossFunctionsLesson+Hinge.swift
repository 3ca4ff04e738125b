import LessonKit
import LonghandEngine
import Notebook

/// The multiclass SVM (hinge) loss of text `001`, its L2 penalty and its gradient.
extension LossFunctionsLesson {
    /// The three classes of the hinge example.
    static let animals = [Localized("cat", zh: "猫"), Localized("car", zh: "汽车"), Localized("frog", zh: "青蛙")]

    /// s_cat, s_car, s_frog as symbols.
    static func scoreSymbol(_ k: Int) -> Expr {
        .symbol(tex: "s_{\\text{\(MathWords.word(animals[k]))}}", text: "s_\(animals[k].en)")
    }

    /// max(0, s_j − s_y + Δ) written out with numbers, then with the margin.
    static func hingeTerm(_ t: MulticlassHinge.Term, trueScore: Double, delta: Double) -> [Expr] {
        [.call(tex: "\\max", text: "max", [.n(0), .sum([.difference(.n(t.score), .n(trueScore)), .n(delta)])]),
         .call(tex: "\\max", text: "max", [.n(0), .n(t.margin)])]
    }

    /// Where each wrong class's score lies against the correct one, and what it costs, in words.
    static func hingeVerdict(_ terms: [MulticlassHinge.Term], scores s: [Double], trueClass y: Int) -> Localized {
        if terms.allSatisfy({ $0.margin <= 0 }) {
            return Localized("Every wrong class is beaten by at least the margin, so the loss is 0: this example is already classified with room to spare.",
                             zh: "每个错误类别都被甩开了至少一个间隔，所以损失为 0：这个样本已经分得很有余地了。")
        }
        var en: [String] = [], zh: [String] = []
        for term in terms {
            let d = s[term.j] - s[y], name = animals[term.j]
            let gap = NumberFormat.short(abs(d))
            if term.margin > 0 {
                if d > 0 {
                    en.append("\(name.en) scores \(gap) above the correct class, which costs \(fmt(term.value))")
                    zh.append("\(name.zh)的得分比正确类别还高 \(gap)，罚 \(fmt(term.value))")
                } else if d == 0 {
                    en.append("\(name.en) ties with the correct class, which costs the whole margin, \(fmt(term.value))")
                    zh.append("\(name.zh)的得分与正确类别持平，罚满一个间隔，即 \(fmt(term.value))")
                } else {
                    en.append("\(name.en) is only \(gap) below the correct class, less than the margin of 1, which costs \(fmt(term.value))")
                    zh.append("\(name.zh)只比正确类别低 \(gap)，不到 1 的间隔，罚 \(fmt(term.value))")
                }
            } else {
                en.append("\(name.en) is \(gap) below the correct class, at least the margin, so it costs nothing")
                zh.append("\(name.zh)比正确类别低 \(gap)，至少够一个间隔，不罚")
            }
        }
        return Localized(en.joined(separator: "; ").prefix(1).uppercased() + en.joined(separator: "; ").dropFirst() + ".",
                         zh: zh.joined(separator: "；") + "。")
    }

    func writeHinge(into page: inout Page) {
        let w = weightMatrix, x = input.values, y = label - 1, lam = lambda.value
        let hinge = MulticlassHinge()
        page.section("The multiclass SVM (hinge) loss", zh: "多类别 SVM 损失（合页损失）")
        page.say("""
            Text `001` uses a different loss for scores: the multiclass SVM loss. For an example $x_i$ whose correct class is \
            $y_i$, the correct score should beat every other score by a margin of at least 1. Each class that does not costs \
            the shortfall; a class that is beaten by more than the margin costs nothing:
            """, zh: """
            原文 `001` 对得分用的是另一种损失：多类别 SVM 损失。对正确类别为 $y_i$ 的样本 $x_i$，正确类别的得分应当比其他每个类别的\
            得分都至少高出 1。没做到的类别，差多少就罚多少；已经被甩开超过这个间隔的类别，不罚。
            """)
        page.equation(tex: "L_i = \\sum_{j \\neq y_i} \\max(0,\\ s_j - s_{y_i} + 1)", text: "L_i = Σ_{j≠y_i} max(0, s_j − s_{y_i} + 1)")
        // The default W and x give CS231n's scores for its cat picture, (3.2, 5.1, −1.7); other numbers are the reader's.
        let isCourseExample = weights.values == [1, 1.2, 2, 1.1, -0.5, -0.7] && x == [2, 1]
        let origin: Localized
        if isCourseExample && y == 0 {
            origin = Localized("Our weights and input are chosen to give that course's scores for its cat picture; the correct class is **cat**.",
                               zh: "这里的权重和输入是我们选的，让它恰好给出该讲义中那张猫图片的得分；正确类别是**猫**。")
        } else if isCourseExample {
            origin = Localized("Our weights and input are chosen to give that course's scores for its cat picture, but here you have declared the correct class to be **\(Self.animals[y].en)**.",
                               zh: "这里的权重和输入是我们选的，让它恰好给出该讲义中那张猫图片的得分；不过这里你把正确类别设成了**\(Self.animals[y].zh)**。")
        } else {
            origin = Localized("The weights and input are yours (the defaults give that course's scores for its cat picture); the correct class is **\(Self.animals[y].en)**.",
                               zh: "这里的权重和输入是你给的（默认值恰好给出该讲义中那张猫图片的得分）；正确类别是**\(Self.animals[y].zh)**。")
        }
        page.say("""
            We take a small linear classifier $f(x; W) = Wx$ as in text `001`: three classes (cat, car, frog, as in the Stanford \
            CS231n notes that text `001` follows), two inputs, one row of $W$ per class. \(origin.en)
            """, zh: """
            我们取一个小的线性分类器 $f(x; W) = Wx$，与原文 `001` 相同：三个类别（猫、汽车、青蛙，沿用原文 `001` 所依据的\
            斯坦福 CS231n 讲义中的例子），两个输入，$W$ 的每一行对应一个类别。\(origin.zh)
            """)
        page.step(.sym("W"), [.matrix(w.nested)])
        page.step(.sym("x"), [.matrix(x.map { [$0] })])
        let objective = hinge.objective(weights: w, inputs: [x], classes: [y], lambda: lam)
        let s = objective.scores[0]
        for k in 0..<3 {
            page.step(nil, Self.scoreSymbol(k), [.weightedSum(weights: w.row(k), inputs: x, bias: nil)], value: s[k])
        }
        page.record("hinge_scores", s)
        page.say("Now one term for each wrong class, every $\\max(0, \\cdot)$ written out:",
                 zh: "接下来，每个错误类别对应一项，把每个 $\\max(0, \\cdot)$ 都写出来：")
        let terms = hinge.terms(scores: s, trueClass: y)
        for term in terms {
            page.step(nil, .call(tex: "\\max", text: "max", [.n(0), .sum([.difference(Self.scoreSymbol(term.j), Self.scoreSymbol(y)), .n(hinge.delta)])]),
                      Self.hingeTerm(term, trueScore: s[y], delta: hinge.delta), value: term.value)
        }
        page.record("hinge_margins", terms.map(\.margin))
        page.record("hinge_terms", terms.map(\.value))
        let li = hinge.loss(scores: s, trueClass: y)
        page.step("hinge_loss", .symbol(tex: "L_i", text: "L_i"), [.sum(terms.map { .n($0.value) })], value: li)
        let verdict = Self.hingeVerdict(terms, scores: s, trueClass: y)
        page.say(verdict.en, zh: verdict.zh)
        // The plot spans s_j − s_y from −6 to 4 and costs up to 5; wrong classes outside that window are named instead.
        let shownTerms = terms.filter { (-6...4).contains($0.margin - hinge.delta) && $0.value <= 5 }
        let offTerms = terms.filter { t in !shownTerms.contains { $0.j == t.j } }
        let markedNote: Localized
        if offTerms.isEmpty {
            markedNote = Localized("The example's wrong classes are marked.", zh: "图中标出了例子里的各个错误类别。")
        } else {
            let names = offTerms.map { "\(Self.animals[$0.j].en) (s_j − s_y = \(fmt($0.margin - hinge.delta)))" }.joined(separator: ", ")
            let namesZh = offTerms.map { "\(Self.animals[$0.j].zh)（s_j − s_y = \(fmt($0.margin - hinge.delta))）" }.joined(separator: "、")
            markedNote = Localized("Wrong classes inside the plotted range are marked; \(names) \(offTerms.count == 1 ? "lies" : "lie") outside it.",
                                   zh: "落在图中范围内的错误类别都已标出；\(namesZh) 在范围之外。")
        }
        page.figure("hinge", title: Localized("One hinge term max(0, s_j − s_y + 1)", zh: "合页损失的一项 max(0, s_j − s_y + 1)"),
                    description: Localized("The cost of one wrong class as a function of how far its score is above the correct score: 0 until s_j − s_y = −1, then rising with slope 1. \(markedNote.en)",
                                           zh: "一个错误类别的代价随它的得分比正确得分高出多少而变化：在 s_j − s_y = −1 之前为 0，之后以斜率 1 上升。\(markedNote.zh)"),
                    LinePlot(xLabel: Localized("s_j − s_y", zh: "s_j − s_y"), yLabel: Localized("cost", zh: "代价"),
                             series: [.init(Localized(same: "max(0, s_j − s_y + 1)"),
                                            LinePlot.sample(-6...4, count: 101) { max(0, $0 + hinge.delta) }, color: 0)],
                             markers: shownTerms.map { .init(x: $0.margin - hinge.delta, y: $0.value,
                                                        label: Localized("\(Self.animals[$0.j].en): \(fmt($0.value))", zh: "\(Self.animals[$0.j].zh)：\(fmt($0.value))")) },
                             yRange: -1...5, width: 460, height: 280))

        page.subsection("The L2 penalty", zh: "L2 正则化惩罚项")
        page.say("""
            The full loss of text `001` averages $L_i$ over the $N$ training examples and adds a penalty on the weights, \
            $\\lambda R(W)$ with $R(W) = \\sum_k \\sum_l W_{k,l}^2$. Large weights cost more, and the text notes that a larger \
            $\\lambda$ lowers the risk of overfitting. Here $N = 1$ and $\\lambda = \(fmt(lam))$:
            """, zh: """
            原文 `001` 的完整损失把 $L_i$ 在 $N$ 个训练样本上取平均，再加上对权重的惩罚 $\\lambda R(W)$，其中 \
            $R(W) = \\sum_k \\sum_l W_{k,l}^2$。权重越大罚得越多；原文指出，$\\lambda$ 增大会降低过拟合的风险。\
            这里 $N = 1$，$\\lambda = \(fmt(lam))$：
            """)
        page.equation(tex: "L = \\frac{1}{N} \\sum_{i=1}^{N} L_i + \\lambda R(W), \\qquad R(W) = \\sum_k \\sum_l W_{k,l}^2",
                      text: "L = (1/N) Σ_{i=1}^{N} L_i + λ R(W),  R(W) = Σ_k Σ_l W_kl²")
        page.step(.call(tex: "R", text: "R", [.sym("W")]), [.sum(w.values.map { .power(.n($0), .n(2)) })])
        page.step("penalty", .call(tex: "R", text: "R", [.sym("W")]), [.sum(WeightPenalty.squares(w).map { .n($0) })], value: objective.penalty)
        page.step("lambda_penalty", .product([.symbol(tex: "\\lambda", text: "λ"), .call(tex: "R", text: "R", [.sym("W")])]),
                  [.product([.n(lam), .n(objective.penalty)])], value: objective.weightedPenalty)
        page.step("loss", .sym("L"), [.sum([.symbol(tex: "L_i", text: "L_i"), .product([.symbol(tex: "\\lambda", text: "λ"), .call(tex: "R", text: "R", [.sym("W")])])]),
                                      .sum([.n(li), .n(objective.weightedPenalty)])], value: objective.total)
        page.erratum("""
            Text `001` writes $L = \\frac{1}{N}\\sum_{i=1}^{n} \\ldots + \\lambda R(N)$ and defines $R(N) = \\sum_k\\sum_l W_{k,l}^2$. \
            The penalty is a function of the weights, so it is $R(W)$; and the number of examples appears both as $N$ and as $n$. \
            It is one number: the sum runs over all $N$ examples, $i = 1, \\ldots, N$, and is divided by the same $N$.
            """, zh: """
            原文 `001` 写成 $L = \\frac{1}{N}\\sum_{i=1}^{n} \\ldots + \\lambda R(N)$，并定义 $R(N) = \\sum_k\\sum_l W_{k,l}^2$。\
            惩罚项是权重的函数，应写作 $R(W)$；样本个数也一会儿写成 $N$、一会儿写成 $n$。其实它们是同一个数：\
            对全部 $N$ 个样本 $i = 1, \\ldots, N$ 求和，再除以同一个 $N$。
            """)
        let lambdas: [Double] = [0, 0.01, 0.1, 1]
        page.say("How the penalty weighs in as $\\lambda$ grows (same $W$, same example):",
                 zh: "随着 $\\lambda$ 增大，惩罚项所占的分量（同一个 $W$、同一个样本）：")
        page.table([Localized("$\\lambda$", zh: "$\\lambda$"), Localized("data loss $\\frac{1}{N}\\sum L_i$", zh: "数据损失 $\\frac{1}{N}\\sum L_i$"),
                    Localized("$\\lambda R(W)$", zh: "$\\lambda R(W)$"), Localized("$L$", zh: "$L$")],
                   lambdas.map { l in
                       let o = hinge.objective(weights: w, inputs: [x], classes: [y], lambda: l)
                       return [.number(l), .number(o.dataLoss), .number(o.weightedPenalty), .number(o.total)]
                   })

        page.subsection("The gradient with respect to W", zh: "对 W 的梯度")
        let ds = hinge.gradient(scores: s, trueClass: y)
        page.say("""
            Each term with a positive margin adds $+1$ to its own score's gradient and $-1$ to the correct score's; a term that is \
            0 contributes nothing. (Where a margin is exactly 0 we take the flat side, gradient 0, as with $\\mathrm{ReLU}'(0) = 0$.) \
            Since $s = Wx$, the data part of $\\partial L / \\partial W$ is $\\frac{\\partial L}{\\partial s} x^{\\top}$, and the \
            penalty adds $2\\lambda W$:
            """, zh: """
            间隔为正的每一项，给它自己那个得分的梯度加 $+1$，给正确类别得分的梯度加 $-1$；等于 0 的项没有贡献。\
            （间隔恰好为 0 时取平坦的一侧，梯度为 0，和 $\\mathrm{ReLU}'(0) = 0$ 的约定一样。）由于 $s = Wx$，\
            $\\partial L / \\partial W$ 的数据部分是 $\\frac{\\partial L}{\\partial s} x^{\\top}$，惩罚项再加上 $2\\lambda W$：
            """)
        page.step(.raw(tex: "\\frac{\\partial L_i}{\\partial s}", text: "∂L_i/∂s"), [tuple(ds)])
        let dataPart = Matrix(column: ds) * Matrix(row: x)
        let penaltyPart = WeightPenalty.l2(lambda: lam).gradient(w)
        page.step(.raw(tex: "\\frac{\\partial L_i}{\\partial s}\\, x^{\\top}", text: "(∂L_i/∂s)·xᵀ"),
                  [.product([.matrix(ds.map { [$0] }), .matrix([x])]), .matrix(dataPart.nested)])
        page.step(.product([.n(2), .symbol(tex: "\\lambda", text: "λ"), .sym("W")]),
                  [.product([.n(2 * lam), .matrix(w.nested)]), .matrix(penaltyPart.nested)])
        page.step(.raw(tex: "\\frac{\\partial L}{\\partial W}", text: "∂L/∂W"),
                  [.sum([.matrix(dataPart.nested), .matrix(penaltyPart.nested)]), .matrix(objective.gradient.nested)])
        page.record("loss_gradient_w", objective.gradient.nested)
        let check = GradientCheck.compare(analytic: objective.gradient.values, at: w.values) { v in
            hinge.objective(weights: Matrix(rows: 3, columns: 2, values: v), inputs: [x], classes: [y], lambda: lam).total
        }
        let worst = check.map { abs($0.analytic - $0.numeric) }.max() ?? 0
        page.say("Central differences in each of the six weights agree to within \(NumberFormat.short(worst, significant: 2)).",
                 zh: "对六个权重逐一做中心差分，结果与公式的差距不超过 \(NumberFormat.short(worst, significant: 2))。")
        page.record("loss_gradient_check_error", worst)

        page.subsection("Hinge loss and cross-entropy side by side", zh: "合页损失与交叉熵对比")
        let sc = scores.values, yc = trueClass - 1
        let scoreTerms = hinge.terms(scores: sc, trueClass: yc)
        let scoreLoss = hinge.loss(scores: sc, trueClass: yc)
        page.say("The softmax section's scores \(tupleText(sc)) with class \(roman(yc + 1)) correct, under the hinge loss:",
                 zh: "把 softmax 一节的得分 \(tupleText(sc))（正确类别为第 \(roman(yc + 1)) 类）代入合页损失：")
        page.step(nil, .symbol(tex: "L_i", text: "L_i"), [.sum(scoreTerms.map { .call(tex: "\\max", text: "max", [.n(0), .n($0.margin)]) })],
                  value: scoreLoss)
        page.record("hinge_on_scores", scoreLoss)
        let ce = CrossEntropy.loss(scores: sc, trueClass: yc)
        page.say(scoreLoss == 0 && ce == 0
                 ? "Both losses are 0 here: every margin is met, and the right class's probability is 1 to double precision. Short of that, cross-entropy would keep asking for a higher probability."
                 : scoreLoss == 0
                 ? "The hinge loss is 0: every margin is met, so it is satisfied. Cross-entropy is still \(fmt(ce)): it keeps asking for a higher probability until the right class has 100%."
                 : "The hinge loss is \(fmt(scoreLoss)) and cross-entropy \(fmt(ce)). The hinge loss stops caring once every margin is met; cross-entropy keeps asking for a higher probability until the right class has 100%.",
                 zh: scoreLoss == 0 && ce == 0
                 ? "这里两种损失都是 0：每个间隔都满足了，正确类别的概率在双精度下也等于 1。否则交叉熵会一直要求提高概率。"
                 : scoreLoss == 0
                 ? "合页损失为 0：每个间隔都满足了，它就不再要求什么。交叉熵却仍是 \(fmt(ce))：只要正确类别的概率还没到 100%，它就一直要求提高。"
                 : "合页损失是 \(fmt(scoreLoss))，交叉熵是 \(fmt(ce))。合页损失只要每个间隔都满足就不再要求什么；交叉熵则只要正确类别的概率还没到 100%，就一直要求提高。")
    }
}
