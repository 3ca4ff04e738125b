import Longhand
import Notebook

/// Every remedy side by side on the same data, and the exercises.
extension RegularizationLesson {
    func writeSummary(_ page: inout Notebook, _ ex: Experiment) {
        let (train, _, _) = data
        let none = ex.run("none")
        page.section("Every remedy on the same data", zh: "同一份数据上的所有对策")
        page.say("""
            Same points, same starting weights, same number of steps (early stopping: the network it kept). \
            The change is the test loss relative to the plain network's:
            """, zh: """
            同样的点、同样的初始权重、同样的步数（提前停止取它保留下来的网络）。变化一栏是测试损失相对于普通网络的变化：
            """)
        page.table([Localized("remedy", zh: "对策"), Localized("final training loss", zh: "最终训练损失"),
                    Localized("final test loss", zh: "最终测试损失"), Localized("change in test loss", zh: "测试损失的变化")],
                   ex.runs.map { r in
                       let k = r.kept
                       let change = none.finalTest == 0 ? 0 : (k.test - none.finalTest) / none.finalTest * 100
                       return [.text(r.name), .number(k.train, digits: 4), .number(k.test, digits: 4),
                               .text(Localized(same: r.key == "none" ? "—" : (change > 0 ? "+" : "") + NumberFormat.short(change, significant: 3) + "%"))]
                   })
        page.record("train_loss", .object(ex.runs.map { ($0.key, .number($0.kept.train)) }))
        page.record("test_loss", .object(ex.runs.map { ($0.key, .number($0.kept.test)) }))
        let remedies = ex.runs.filter { $0.key != "none" }
        let diverged = remedies.filter { $0.result.divergedAt != nil }
        if !diverged.isEmpty {
            page.warning("Diverged (loss beyond 10¹² or not finite), so the numbers shown are from before: " + diverged.map { "\($0.name.en) at step \($0.result.divergedAt ?? 0)" }.joined(separator: "; ") + ". Lower --learning-rate.",
                         zh: "以下训练发散了（损失超过 10¹² 或不再是有限的数），表中数字取自发散之前：" + diverged.map { "\($0.name.zh)，第 \($0.result.divergedAt ?? 0) 步" }.joined(separator: "；") + "。请调小 --learning-rate。")
        }
        let best = remedies.min { $0.kept.test < $1.kept.test } ?? none
        let helped = remedies.filter { $0.kept.test < none.finalTest }
        page.record("best_remedy", .string(best.key))
        page.say("""
            \(helped.count) of the \(remedies.count) remedies end with a lower test loss than the plain network (\(fmt(none.finalTest))); \
            the lowest here is \(best.name.en) with \(fmt(best.kept.test)). Almost every remedy pays for it with a higher training loss: \
            it fits the \(points) noisy points less exactly, which is the point. These are the numbers of one small data set and one \
            seed; with other seeds (`--seed`) the ranking shifts, the pattern does not.
            """, zh: """
            \(remedies.count) 个对策中有 \(helped.count) 个最终的测试损失低于普通网络（\(fmt(none.finalTest))）；\
            其中测试损失最低的是“\(best.name.zh)”，为 \(fmt(best.kept.test))。几乎每个对策都以更高的训练损失为代价：它对 \(points) 个带噪声的点拟合得没那么精确了，\
            而这正是目的所在。这些只是一份小数据集、一个种子下的数字；换用别的种子（`--seed`），排名会变，规律不会变。
            """)
        page.figure("test-curves", title: Localized("Test loss of every run", zh: "每次训练的测试损失"),
                    description: Localized("Test loss against step for the plain network and each remedy (the first steps' high losses are cut off); the plain network's (dashed) is lowest at step \(Self.stepOfMinimum(none.result)).",
                                           zh: "普通网络和各个对策的测试损失随步数的变化（最初几步的高损失被截去）；普通网络（虚线）在第 \(Self.stepOfMinimum(none.result)) 步最低。"),
                    LinePlot(xLabel: Localized("step", zh: "步数"), yLabel: Localized("test loss", zh: "测试损失"),
                             series: ex.runs.enumerated().map { i, r in
                                 .init(r.name, zip(r.result.recorded, r.result.testLosses).map { LinePlot.Point(Double($0), $1) },
                                       style: i == 0 ? .dashed : .line, color: i == 0 ? 6 : i - 1)
                             },
                             xRange: 0...Double(max(1, iterations)),
                             yRange: 0...Self.lossTop(ex.runs.map { $0.result.testLosses.last ?? 0 }), height: 400))
        let shown = [none] + remedies.sorted { $0.kept.test < $1.kept.test }.prefix(2)
        page.figure("fits", title: Localized("The plain fit and the two best remedies", zh: "普通网络与效果最好的两个对策"),
                    description: Localized("The training points and sin(πx), with the curves of: " + shown.map(\.name.en).joined(separator: "; ") + ".",
                                           zh: "训练点和 sin(πx)，以及以下网络的曲线：" + shown.map(\.name.zh).joined(separator: "；") + "。"),
                    LinePlot(xLabel: Localized("x", zh: "x"), yLabel: Localized("y", zh: "y"),
                             series: dataSeries(train) + shown.enumerated().map { i, r in .init(r.name, curve(r.result.network), color: [1, 2, 3][i]) },
                             xRange: -1...1, yRange: Self.plotRange(train)))
    }

    func writeExercises(_ page: inout Notebook, _ ex: Experiment) {
        page.exercise("A weight $w = 0.8$ has data gradient $\\partial C/\\partial w = 0.05$; $\\eta = 0.1$, $\\lambda = 0.01$. Compute its next value with L2 and with L1.",
                      zh: "某权重 $w = 0.8$，数据梯度 $\\partial C/\\partial w = 0.05$；$\\eta = 0.1$，$\\lambda = 0.01$。分别求加 L2 和加 L1 惩罚时它的下一个值。") { s in
            let w = Matrix(rows: 1, columns: 1, values: [0.8])
            let g2 = WeightPenalty.l2(lambda: 0.01).gradient(w)[0, 0], g1 = WeightPenalty.l1(lambda: 0.01).gradient(w)[0, 0]
            s.step("l2_gradient", .symbol(tex: "2\\lambda w", text: "2λw"), [.product([.n(2), .n(0.01), .n(0.8)])], value: g2)
            s.step("l2_after", .symbol(tex: "w_{\\text{L2}}", text: "w (L2)"), [.difference(.n(0.8), .product([.n(0.1), .group(.sum([.n(0.05), .n(g2)]))]))],
                   value: 0.8 - 0.1 * (0.05 + g2))
            s.step("l1_gradient", .symbol(tex: "\\lambda \\operatorname{sign}(w)", text: "λ·sign(w)"), [.product([.n(0.01), .n(1)])], value: g1)
            s.step("l1_after", .symbol(tex: "w_{\\text{L1}}", text: "w (L1)"), [.difference(.n(0.8), .product([.n(0.1), .group(.sum([.n(0.05), .n(g1)]))]))],
                   value: 0.8 - 0.1 * (0.05 + g1))
            s.say("For a weight of 0.8 the L2 pull ($2\\lambda w = \(fmt(g2))$) is stronger than the L1 pull ($\\lambda = \(fmt(g1))$); below $w = 0.5$ it is the other way round.",
                  zh: "对 0.8 这样的权重，L2 的拉力（$2\\lambda w = \(fmt(g2))$）比 L1 的拉力（$\\lambda = \(fmt(g1))$）大；当 $w < 0.5$ 时则反过来。")
        }
        page.exercise("Project $w = (3, -4)$ and $w = (0.6, 0.8)$ onto the max-norm ball $\\lVert w \\rVert_2 \\le 2$.",
                      zh: "把 $w = (3, -4)$ 和 $w = (0.6, 0.8)$ 投影到最大范数球 $\\lVert w \\rVert_2 \\le 2$ 上。") { s in
            for (k, w) in [[3.0, -4], [0.6, 0.8]].enumerated() {
                let n = MaxNorm.norm(w), f = MaxNorm.factor(w, radius: 2), p = MaxNorm.project(w, radius: 2)
                s.step("norm\(k + 1)", .symbol(tex: "\\lVert (\(w.map(fmt).joined(separator: ", "))) \\rVert_2", text: "‖(\(w.map(fmt).joined(separator: ", ")))‖₂"),
                       [.raw(tex: "\\sqrt{\(w.map { ExprRendering.tex(.power(.n($0), .n(2))) }.joined(separator: " + "))}", text: "√(\(w.map { ExprRendering.text(.power(.n($0), .n(2))) }.joined(separator: " + ")))")],
                       value: n)
                s.step("factor\(k + 1)", .symbol(tex: "\\min(1, 2/\\lVert w \\rVert_2)", text: "min(1, 2/‖w‖₂)"), [.call(tex: "\\min", text: "min", [.n(1), .quotient(.n(2), .n(n))])], value: f)
                s.step(.symbol(tex: "w'", text: "w′"), [.raw(tex: "(\(p.map { ExprRendering.texNumber($0) }.joined(separator: ", ")))", text: "(\(p.map { NumberFormat.short($0) }.joined(separator: ", ")))")])
                s.record("projected\(k + 1)", p)
            }
            s.say("The first vector (length 5) is scaled by 0.4 onto the sphere of radius 2, keeping its direction; the second (length 1) is already inside and stays.",
                  zh: "第一个向量（长度 5）按 0.4 缩到半径为 2 的球面上，方向不变；第二个向量（长度 1）本来就在球内，保持不动。")
        }
        page.exercise("Train the same network with a much stronger L2 penalty, $\\lambda = 0.1$. What happens to the training and test losses?",
                      zh: "用强得多的 L2 惩罚 $\\lambda = 0.1$ 训练同一个网络。训练损失和测试损失会怎样？") { s in
            let (train, validation, test) = data
            let heavy = RegularizedTraining.run(startNetwork, fit: train, train: train, validation: validation, test: test,
                                                settings: settings(penalty: .l2(lambda: 0.1)))
            let none = ex.run("none"), mild = ex.run("l2")
            s.table([Localized("run", zh: "训练方式"), Localized("final training loss", zh: "最终训练损失"), Localized("final test loss", zh: "最终测试损失")],
                    [[.text(none.name), .number(none.finalTrain, digits: 4), .number(none.finalTest, digits: 4)],
                     [.text(mild.name), .number(mild.finalTrain, digits: 4), .number(mild.finalTest, digits: 4)],
                     [.text(Localized("L2, λ = 0.1", zh: "L2，λ = 0.1")), .number(heavy.trainLosses.last ?? 0, digits: 4), .number(heavy.testLosses.last ?? 0, digits: 4)]])
            s.record("train_loss", heavy.trainLosses.last ?? 0)
            s.record("test_loss", heavy.testLosses.last ?? 0)
            let under = (heavy.trainLosses.last ?? 0) > mild.finalTrain
            s.say(under
                  ? "With $\\lambda = 0.1$ the penalty dominates: the weights are held so small that the network cannot follow even the training points (training loss \(fmt(heavy.trainLosses.last ?? 0)), the highest of the three). That is **underfitting**: the cure overdone. $\\lambda$ is chosen with the validation set."
                  : "Here even $\\lambda = 0.1$ leaves the training loss at \(fmt(heavy.trainLosses.last ?? 0)); a still larger $\\lambda$ would hold the weights so small that the network underfits. $\\lambda$ is chosen with the validation set.",
                  zh: under
                  ? "$\\lambda = 0.1$ 时惩罚项占了上风：权重被压得太小，网络连训练点都跟不上（训练损失 \(fmt(heavy.trainLosses.last ?? 0))，三者中最高）。这就是**欠拟合**：药下得太猛了。$\\lambda$ 要用验证集来选。"
                  : "这里即使 $\\lambda = 0.1$，训练损失也只是 \(fmt(heavy.trainLosses.last ?? 0))；再大的 $\\lambda$ 会把权重压得太小，网络就会欠拟合。$\\lambda$ 要用验证集来选。")
        }
    }
}
