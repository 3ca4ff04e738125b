import LessonKit
import LonghandEngine
import Notebook

/// Exercises with other numbers; every solution is computed by the engine.
extension LossFunctionsLesson {
    /// The scores of the three pictures in the CS231n example (cat, car, frog), each with its correct class.
    static let pictures: [(scores: [Double], label: Int)] = [([3.2, 5.1, -1.7], 0), ([1.3, 4.9, 2.0], 1), ([2.2, 2.5, -3.1], 2)]

    func writeExercises(into page: inout Page) {
        page.exercise("""
            A better network predicts $y_{\\text{pred}} = (0.9, 0.2, 0.1, 0.6)$ for $y_{\\text{true}} = (1, 0, 0, 1)$. \
            Compute its loss in all three scalings.
            """, zh: """
            一个更好的网络对 $y_{\\text{真实}} = (1, 0, 0, 1)$ 给出预测 $y_{\\text{预测}} = (0.9, 0.2, 0.1, 0.6)$。\
            分别用三种写法计算它的损失。
            """) { s in
            let t: [Double] = [1, 0, 0, 1], p: [Double] = [0.9, 0.2, 0.1, 0.6]
            let squares = SquaredError.squaredErrors(yTrue: t, yPred: p)
            let total = squares.reduce(0, +)
            let lhs = Expr.raw(tex: "\\sum_i (y_{\(MathWords.text("true", zh: "真实"))} - y_{\(MathWords.text("pred", zh: "预测"))})^2", text: "Σ (y_true − y_pred)²")
            s.step(lhs, [.sum(t.indices.map { .power(.group(.difference(.n(t[$0]), .n(p[$0]))), .n(2)) })])
            s.step("squared_error_sum", lhs, [.sum(squares.map { .n($0) })], value: total)
            s.step("mse_mean", .symbol(tex: "\\mathrm{MSE}", text: "MSE"), [.product([.quotient(.n(1), .n(4)), .n(total)])],
                   value: SquaredError.loss(yTrue: t, yPred: p, scaling: .mean))
            s.step("mse_half_sum", .sym("E"), [.product([.quotient(.n(1), .n(2)), .n(total)])],
                   value: SquaredError.loss(yTrue: t, yPred: p, scaling: .halfSum))
            s.step("mse_half_mean", .sym("C"), [.product([.quotient(.n(1), .n(8)), .n(total)])],
                   value: SquaredError.loss(yTrue: t, yPred: p, scaling: .halfMean))
            s.say("In every scaling the loss is \(fmt(SquaredError.loss(yTrue: t, yPred: p, scaling: .mean) / SquaredError.loss(yTrue: t, yPred: [0, 0, 0, 0], scaling: .mean))) of the always-zero network's.",
                  zh: "无论哪种写法，损失都只有永远输出 0 的网络的 \(fmt(SquaredError.loss(yTrue: t, yPred: p, scaling: .mean) / SquaredError.loss(yTrue: t, yPred: [0, 0, 0, 0], scaling: .mean))) 倍。")
        }
        page.exercise("""
            Compute softmax and the cross-entropy for the scores $(1000, 999, 0)$ with class II correct. What goes wrong if \
            you follow the three steps literally?
            """, zh: """
            对得分 $(1000, 999, 0)$ 计算 softmax，以及正确类别为第 II 类时的交叉熵。如果照字面按三步去算，会出什么问题？
            """) { s in
            let sc: [Double] = [1000, 999, 0]
            let naive = Softmax.steps(sc, subtractingMax: false)
            if naive.exponentials[0].isInfinite {
                s.say("""
                    Literally: $e^{1000}$ is far beyond the largest double (about $1.8 \\times 10^{308}$), so it comes out as $\\infty$, \
                    and so do $e^{999}$ and the sum. Then $p_{\\text{I}} = \\infty / \\infty$, which is not a number (NaN).
                    """, zh: """
                    照字面算：$e^{1000}$ 远远超过双精度浮点数的上限（约 $1.8 \\times 10^{308}$），结果是 $\\infty$，\
                    $e^{999}$ 和总和也一样。于是 $p_{\\text{I}} = \\infty / \\infty$，不是一个数（NaN）。
                    """)
            }
            let st = Softmax.steps(sc)
            s.say("Subtracting the largest score $m = \(fmt(st.shift))$ first:", zh: "先减去最大得分 $m = \(fmt(st.shift))$：")
            for k in sc.indices {
                s.step(nil, .symbol(tex: "e^{s_{\\text{\(roman(k + 1))}} - m}", text: "e^(s_\(roman(k + 1)) − m)"), [.exp(.n(st.shifted[k]))], value: st.exponentials[k])
            }
            s.step("exp_sum", .raw(tex: "\\sum_j e^{s_j - m}", text: "Σ e^(s_j − m)"), [.sum(st.exponentials.map { .n($0) })], value: st.sum)
            s.step(.sym("p"), [.call(tex: "", text: "", st.exponentials.map { .quotient(.n($0), .n(st.sum)) }), tuple(st.probabilities)])
            s.record("softmax", st.probabilities)
            let ce = CrossEntropy.loss(scores: sc, trueClass: 1)
            s.step("cross_entropy", .sym("L"), [.difference(.sum([.n(st.shift), .call(tex: "\\ln", text: "ln", [.n(st.sum)])]), .n(sc[1]))], value: ce)
            s.say("""
                $e^{-1000}$ underflows to 0, which is harmless: class III's probability really is that small. \
                Only the difference between the scores matters: $(1000, 999, 0)$ gives the same probabilities as $(1, 0, -999)$.
                """, zh: """
                $e^{-1000}$ 下溢成 0，这没有害处：第 III 类的概率确实就这么小。真正起作用的只是得分之间的差：\
                $(1000, 999, 0)$ 和 $(1, 0, -999)$ 给出的概率完全相同。
                """)
        }
        page.exercise("""
            The CS231n example has three pictures: a cat with scores (cat, car, frog) = (3.2, 5.1, −1.7), a car with \
            (1.3, 4.9, 2.0) and a frog with (2.2, 2.5, −3.1). Compute every $L_i$ and the data loss $\\frac{1}{N}\\sum_{i=1}^{N} L_i$.
            """, zh: """
            CS231n 的例子有三张图片：猫的得分（猫、汽车、青蛙）为 (3.2, 5.1, −1.7)，汽车为 (1.3, 4.9, 2.0)，\
            青蛙为 (2.2, 2.5, −3.1)。算出每个 $L_i$ 和数据损失 $\\frac{1}{N}\\sum_{i=1}^{N} L_i$。
            """) { s in
            let hinge = MulticlassHinge()
            var losses: [Double] = []
            for (i, picture) in Self.pictures.enumerated() {
                let terms = hinge.terms(scores: picture.scores, trueClass: picture.label)
                let li = hinge.loss(scores: picture.scores, trueClass: picture.label)
                s.step(nil, .symbol(tex: "L_{\(i + 1)}", text: "L_\(i + 1)"),
                       [.sum(terms.map { Self.hingeTerm($0, trueScore: picture.scores[picture.label], delta: hinge.delta)[0] }),
                        .sum(terms.map { .n($0.value) })], value: li)
                losses.append(li)
            }
            s.record("losses", losses)
            let data = losses.reduce(0, +) / Double(losses.count)
            s.step("data_loss", .raw(tex: "\\frac{1}{N}\\sum_{i=1}^{N} L_i", text: "(1/N) Σ L_i"),
                   [.product([.quotient(.n(1), .n(Double(losses.count))), .group(.sum(losses.map { .n($0) }))])], value: data)
            s.say("The car picture costs nothing; the frog picture, whose correct score is the lowest of its three scores, costs the most.",
                  zh: "汽车图片不产生损失；青蛙图片里，正确类别的得分是它三个得分中最低的，所以损失最大。")
        }
    }
}
