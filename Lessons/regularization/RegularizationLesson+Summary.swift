import LessonKit
import LonghandEngine
import Notebook

/// Every remedy side by side on the same data, and the exercises.
extension RegularizationLesson {
    func writeSummary(_ page: inout Page, _ ex: Experiment, studies: [Experiment]) {
        let (train, _, _) = data
        let none = ex.run("none")
        page.section("Every remedy on the same data", zh: "同一份数据上的所有对策")
        page.say("""
            Same points, same starting weights, same number of steps (early stopping: the network it kept). Remedies are compared \
            on the **validation** set, as lesson 12 teaches: the test set is looked at once, for the remedy that choice picks. The \
            change is the validation loss relative to the plain network's:
            """, zh: """
            同样的点、同样的初始权重、同样的步数（提前停止取它保留下来的网络）。按第 12 课的做法，各对策在**验证集**上比较；\
            测试集只看一次，看的是这样选出来的那个对策。变化一栏是验证损失相对于普通网络的变化：
            """)
        page.table([Localized("remedy", zh: "对策"), Localized("final training loss", zh: "最终训练损失"),
                    Localized("final validation loss", zh: "最终验证损失"), Localized("change in validation loss", zh: "验证损失的变化")],
                   ex.runs.map { r in
                       let k = r.kept
                       let change = none.kept.validation == 0 ? 0 : (k.validation - none.kept.validation) / none.kept.validation * 100
                       return [.text(r.name), .number(k.train, digits: 4), .number(k.validation, digits: 4),
                               .text(Localized(same: r.key == "none" ? "—" : (change > 0 ? "+" : "") + NumberFormat.short(change, significant: 3) + "%"))]
                   })
        page.record("train_loss", .object(ex.runs.map { ($0.key, .number($0.kept.train)) }))
        page.record("validation_loss", .object(ex.runs.map { ($0.key, .number($0.kept.validation)) }))
        page.record("test_loss", .object(ex.runs.map { ($0.key, .number($0.kept.test)) }))
        let remedies = ex.runs.filter { $0.key != "none" }
        let diverged = remedies.filter { $0.result.divergedAt != nil }
        if !diverged.isEmpty {
            page.warning("Diverged (loss beyond 10¹² or not finite), so the numbers shown are from before: " + diverged.map { "\($0.name.en) at step \($0.result.divergedAt ?? 0)" }.joined(separator: "; ") + ". Lower --learning-rate.",
                         zh: "以下训练发散了（损失超过 10¹² 或不再是有限的数），表中数字取自发散之前：" + diverged.map { "\($0.name.zh)，第 \($0.result.divergedAt ?? 0) 步" }.joined(separator: "；") + "。请调小 --learning-rate。")
        }
        let ranking = Self.ranking(ex)
        let chosen = ranking.chosen
        let helped = ranking.helped
        let costlier = remedies.filter { Self.lower(none.kept.train, than: $0.kept.train) }.count
        page.record("best_remedy", .string(chosen.key))
        page.record("remedies_helping", Double(helped.count))
        let (chosenValidation, plainValidation) = Self.pair(chosen.kept.validation, none.kept.validation)
        let (chosenTest, plainTest) = Self.pair(chosen.kept.test, none.kept.test)
        let helpedEn = helped.isEmpty
            ? "None of the \(remedies.count) remedies ends with a lower validation loss than the plain network (\(fmt(none.kept.validation))), so the validation set keeps the plain network"
            : "\(helped.count) of the \(remedies.count) remedies end with a lower validation loss than the plain network (\(plainValidation)); the lowest is \(chosen.name.en) with \(chosenValidation)"
        let helpedZh = helped.isEmpty
            ? "\(remedies.count) 个对策中没有一个的最终验证损失低于普通网络（\(fmt(none.kept.validation))），所以验证集仍选普通网络"
            : "\(remedies.count) 个对策中有 \(helped.count) 个的最终验证损失低于普通网络（\(plainValidation)）；最低的是“\(chosen.name.zh)”，为 \(chosenValidation)"
        let testEn = chosen.key == "none"
            ? "Its test loss, looked at once now, is \(fmt(none.kept.test))."
            : "Looked at once now, its test loss is \(chosenTest) against the plain network's \(plainTest)" + (Self.lower(chosen.kept.test, than: none.kept.test) ? ": the choice holds up on unseen data." : ": on the test set the choice does not pay off, a reminder that \(points) validation points are a noisy judge.")
        let testZh = chosen.key == "none"
            ? "现在看一次它的测试损失：\(fmt(none.kept.test))。"
            : "现在看一次测试集：它的测试损失为 \(chosenTest)，普通网络为 \(plainTest)" + (Self.lower(chosen.kept.test, than: none.kept.test) ? "：这个选择在没见过的数据上站得住。" : "：在测试集上这个选择并没有带来好处，这提醒我们 \(points) 个验证点是个充满噪声的裁判。")
        let costEn = "\(costlier) of the \(remedies.count) remedies end with a higher training loss than the plain network: they fit the \(points) noisy points less exactly, which is the aim."
        let costZh = "\(remedies.count) 个对策中有 \(costlier) 个的最终训练损失高于普通网络：它们对 \(points) 个带噪声的点拟合得没那么精确，这正是目的所在。"
        let esEn = ex.run("early_stopping").result.stoppedAt != nil || ex.run("early_stopping").result.keptIteration != ex.run("early_stopping").result.recorded.last
            ? " Early stopping chose its network by the validation loss itself, so its validation number flatters it."
            : ""
        let esZh = esEn.isEmpty ? "" : "提前停止本身就是按验证损失挑选网络的，所以它的验证损失数字偏乐观。"
        page.say(helpedEn + ". " + testEn + " " + costEn + esEn, zh: helpedZh + "。" + testZh + costZh + esZh)
        page.record("chosen_test_loss", chosen.kept.test)
        writeSeeds(&page, studies)
        let top = Self.lossTop(ex.runs.map { $0.result.validationLosses.last ?? 0 })
        let cut = ex.runs.contains { $0.result.validationLosses.contains { $0 > top } }
        let validationMinimum = Self.stepOfMinimum(none.result, none.result.validationLosses)
        page.figure("validation-curves", title: Localized("Validation loss of every run", zh: "每次训练的验证损失"),
                    description: Localized("Validation loss against step for the plain network and each remedy\(cut ? " (losses above \(fmt(top)) are cut off)" : ""); the plain network's (dashed) is lowest at step \(validationMinimum).",
                                           zh: "普通网络和各个对策的验证损失随步数的变化\(cut ? "（高于 \(fmt(top)) 的部分被截去）" : "")；普通网络（虚线）在第 \(validationMinimum) 步最低。"),
                    LinePlot(xLabel: Localized("step", zh: "步数"), yLabel: Localized("validation loss", zh: "验证损失"),
                             series: ex.runs.enumerated().map { i, r in
                                 .init(r.name, zip(r.result.recorded, r.result.validationLosses).map { LinePlot.Point(Double($0), $1) },
                                       style: i == 0 ? .dashed : .line, color: i == 0 ? 6 : i - 1)
                             },
                             xRange: 0...Double(max(1, iterations)), yRange: 0...top, height: 400))
        let shown = [none] + remedies.sorted { $0.kept.validation < $1.kept.validation }.prefix(2)
        page.figure("fits", title: Localized("The plain fit and the two remedies with the lowest validation loss", zh: "普通网络与验证损失最低的两个对策"),
                    description: Localized("The training points and sin(πx), with the curves of: " + shown.map(\.name.en).joined(separator: "; ") + ".",
                                           zh: "训练点和 sin(πx)，以及以下网络的曲线：" + shown.map(\.name.zh).joined(separator: "；") + "。"),
                    LinePlot(xLabel: Localized("x", zh: "x"), yLabel: Localized("y", zh: "y"),
                             series: dataSeries(train) + shown.enumerated().map { i, r in .init(r.name, curve(r.result.network), color: [1, 2, 3][i]) },
                             xRange: -1...1, yRange: Self.plotRange(train)))
    }

    func writeExercises(_ page: inout Page, _ ex: Experiment) {
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
            let under = (heavy.trainLosses.last ?? 0) > max(mild.finalTrain, none.finalTrain)
            s.say(under
                  ? "With $\\lambda = 0.1$ the penalty dominates: the weights are held so small that the network cannot follow even the training points (training loss \(fmt(heavy.trainLosses.last ?? 0)), the highest of the three). That is **underfitting**: the cure overdone. $\\lambda$ is chosen with the validation set."
                  : "Here even $\\lambda = 0.1$ leaves the training loss at \(fmt(heavy.trainLosses.last ?? 0)); a still larger $\\lambda$ would hold the weights so small that the network underfits. $\\lambda$ is chosen with the validation set.",
                  zh: under
                  ? "$\\lambda = 0.1$ 时惩罚项占了上风：权重被压得太小，网络连训练点都跟不上（训练损失 \(fmt(heavy.trainLosses.last ?? 0))，三者中最高）。这就是**欠拟合**：药下得太猛了。$\\lambda$ 要用验证集来选。"
                  : "这里即使 $\\lambda = 0.1$，训练损失也只是 \(fmt(heavy.trainLosses.last ?? 0))；再大的 $\\lambda$ 会把权重压得太小，网络就会欠拟合。$\\lambda$ 要用验证集来选。")
        }
    }
}

/// The remedies ranked on the validation set, and the same comparison repeated over other seeds.
extension RegularizationLesson {
    /// Seeds in the study of how the comparison changes with the data and the starting weights.
    static let studiedSeeds = 10

    /// The run the validation set picks (the plain network when no remedy beats it) and the remedies
    /// whose validation loss is below the plain network's.
    /// Whether loss `a` is lower than `b` by more than rounding: one part in 10⁹ (a remedy that does nothing, such as
    /// augmentation with no jitter, can end a few units in the last place apart from the plain network).
    static func lower(_ a: Double, than b: Double) -> Bool { a < b - 1e-9 * abs(b) }

    /// Two losses as printed side by side: with the digits that tell them apart when they differ by more than rounding,
    /// at the usual six when they do not.
    static func pair(_ a: Double, _ b: Double) -> (String, String) {
        lower(a, than: b) || lower(b, than: a) ? NumberFormat.apart(a, b) : (NumberFormat.short(a), NumberFormat.short(b))
    }

    static func ranking(_ ex: Experiment) -> (chosen: Run, helped: [Run]) {
        let none = ex.run("none")
        let helped = ex.runs.filter { $0.key != "none" && lower($0.kept.validation, than: none.kept.validation) }
        let chosen = helped.min { $0.kept.validation < $1.kept.validation } ?? none
        return (chosen, helped)
    }

    /// The seeds of the study: this page's seed and the next nine (the previous ones near the largest seed).
    var studySeeds: [Int] {
        (0..<Self.studiedSeeds).map { k in seed > Int.max - Self.studiedSeeds ? seed - k : seed + k }
    }

    /// `experiments` holds one experiment per seed of `studySeeds`, in that order (the first is this page's).
    func writeSeeds(_ page: inout Page, _ experiments: [Experiment]) {
        let studies: [(seed: Int, experiment: Experiment)] = Array(zip(studySeeds, experiments))
        let keys = studies[0].experiment.runs.map(\.key).filter { $0 != "none" }
        let names = studies[0].experiment.runs.filter { $0.key != "none" }.map(\.name)
        page.subsection("The same comparison with \(Self.studiedSeeds) seeds", zh: "换 \(Self.studiedSeeds) 个种子重做同样的比较")
        page.say("""
            One seed is one small data set and one set of starting weights. To see what holds beyond it, the whole experiment was \
            rerun with seeds \(studySeeds.first!) to \(studySeeds.last!) (new points, new weights, new masks, the same settings). \
            For each remedy: in how many seeds it lowers the validation loss below the plain network's, in how many it lowers the \
            test loss, and in how many the validation set picks it:
            """, zh: """
            一个种子只代表一份小数据集和一组初始权重。为了看清哪些结论不止于此，用种子 \(studySeeds.first!) 到 \(studySeeds.last!) \
            把整个实验重做一遍（新的点、新的初始权重、新的掩码，设置不变）。对每个对策统计：有几个种子下它的验证损失低于普通网络，\
            有几个种子下测试损失低于普通网络，又有几个种子下验证集选中了它：
            """)
        var validationWins: [Int] = [], testWins: [Int] = [], picked: [Int] = []
        for key in keys {
            validationWins.append(studies.filter { Self.lower($0.experiment.run(key).kept.validation, than: $0.experiment.run("none").kept.validation) }.count)
            testWins.append(studies.filter { Self.lower($0.experiment.run(key).kept.test, than: $0.experiment.run("none").kept.test) }.count)
            picked.append(studies.filter { Self.ranking($0.experiment).chosen.key == key }.count)
        }
        let keptPlain = studies.filter { Self.ranking($0.experiment).chosen.key == "none" }.count
        let n = studies.count
        page.table([Localized("remedy", zh: "对策"), Localized("lower validation loss", zh: "验证损失更低"),
                    Localized("lower test loss", zh: "测试损失更低"), Localized("picked by validation", zh: "被验证集选中")],
                   keys.indices.map { i in
                       [.text(names[i]), .text(Localized(same: "\(validationWins[i]) / \(n)")), .text(Localized(same: "\(testWins[i]) / \(n)")),
                        .text(Localized(same: "\(picked[i]) / \(n)"))]
                   } + [[.text(Localized("none (plain network)", zh: "不加对策（普通网络）")), .text(Localized(same: "—")), .text(Localized(same: "—")),
                         .text(Localized(same: "\(keptPlain) / \(n)"))]])
        let helpCounts = studies.map { Self.ranking($0.experiment).helped.count }
        let choiceHolds = studies.filter { st in
            let c = Self.ranking(st.experiment).chosen
            return c.key != "none" && Self.lower(c.kept.test, than: st.experiment.run("none").kept.test)
        }.count
        let choices = n - keptPlain
        let always = keys.indices.filter { testWins[$0] == n }.map { names[$0] }
        let never = keys.indices.filter { testWins[$0] == 0 }.map { names[$0] }
        page.record("seed_study_seeds", studySeeds.map(Double.init))
        page.record("seed_study_validation_wins", .object(keys.indices.map { (keys[$0], .number(Double(validationWins[$0]))) }))
        page.record("seed_study_test_wins", .object(keys.indices.map { (keys[$0], .number(Double(testWins[$0]))) }))
        page.record("seed_study_picked", .object(keys.indices.map { (keys[$0], .number(Double(picked[$0]))) } + [("none", .number(Double(keptPlain)))]))
        page.record("seed_study_remedies_helping", helpCounts.map(Double.init))
        let lo = helpCounts.min() ?? 0, hi = helpCounts.max() ?? 0
        var en = hi == 0
            ? "In none of these \(n) seeds does any remedy lower the validation loss."
            : lo == hi
            ? "In every one of these \(n) seeds, \(lo) of the \(keys.count) remedies lower the validation loss."
            : "How many of the \(keys.count) remedies lower the validation loss varies from seed to seed, from \(lo) to \(hi)."
        var zh = hi == 0
            ? "这 \(n) 个种子下，没有一个对策降低了验证损失。"
            : lo == hi
            ? "这 \(n) 个种子下，每次都是 \(keys.count) 个对策中有 \(lo) 个降低了验证损失。"
            : "\(keys.count) 个对策中有几个能降低验证损失，随种子而变，从 \(lo) 个到 \(hi) 个不等。"
        if never.count == keys.count {
            // Listing every remedy by name would only say "none of them" at length.
            en += " No remedy lowers the test loss in any of the \(n) seeds."
            zh += "也没有哪个对策在任何一个种子下降低了测试损失。"
        } else {
            en += always.isEmpty ? " No remedy lowers the test loss in all \(n) seeds" : " " + always.map(\.en).joined(separator: ", ") + " lower\(always.count == 1 ? "s" : "") the test loss in all \(n) seeds"
            zh += always.isEmpty ? "没有哪个对策在全部 \(n) 个种子下都降低了测试损失" : always.map(\.zh).joined(separator: "、") + " 在全部 \(n) 个种子下都降低了测试损失"
            en += never.isEmpty ? "." : "; " + never.map(\.en).joined(separator: ", ") + " in none."
            zh += never.isEmpty ? "。" : "；" + never.map(\.zh).joined(separator: "、") + " 一次也没有。"
        }
        en += choices == 0
            ? " The validation set never picks a remedy over the plain network here."
            : " When the validation set picks a remedy (\(choices) of \(n) seeds), that remedy also has the lower test loss in \(choiceHolds) of them."
        zh += choices == 0
            ? "在这里，验证集从来没有选中任何对策而舍弃普通网络。"
            : "验证集选中某个对策的 \(choices) 个种子里，有 \(choiceHolds) 个种子下这个对策的测试损失也更低。"
        page.say(en + " These counts, not one seed's ranking, are what the settings on this page support.",
                 zh: zh + "能说明这组设置的是这些计数，而不是某一个种子下的排名。")
    }
}
