import LonghandEngine
import Notebook

/// Three exercises whose solutions the engine computes.
extension DigitsLesson {
    func writeExercises(_ page: inout Page, _ setup: DigitsSetup, _ run: DigitsRun, _ smallData: DigitsSmallData) {
        let second = setup.test.count > 1 ? setup.test[1] : setup.test[0]
        let net = run.mlpNetwork
        page.exercise("""
            Take the second test digit (number \(second + 1) in the file). Its hidden values $h$ come out of the trained MLP as in \
            the worked example; compute its ten scores $y = hW_2 + b_2$, then the softmax step by step. Which digit does the \
            network answer, and how sure is it?
            """, zh: """
            取测试集的第二个数字（文件中第 \(second + 1) 个）。它的隐藏值 $h$ 和例题一样由训练好的 MLP 算出；求它的十个得分 \
            $y = hW_2 + b_2$，再逐步做 softmax。网络回答的是哪个数字？有多大把握？
            """) { s in
            let label = setup.label(second)
            let f = net.forward(Matrix(row: setup.x(second)))
            let h = f.layers[0].output, y = f.layers[1].z
            let r = SoftmaxCrossEntropy(logits: y, labels: [label])
            let k = r.predictions[0]
            s.step(.symbol(tex: "h", text: "h"), [MatrixExpr.abbreviated(h, rows: 1, columns: 8, digits: 4)])
            s.step(.symbol(tex: "y", text: "y"), [.sum([.product([.sym("h"), .symbol(tex: "W_2", text: "W2")]), .symbol(tex: "b_2", text: "b2")]),
                                                   .matrix([y.row(0)], digits: 4)])
            s.step(nil, .symbol(tex: "\\max_k y_k", text: "max y"), [.symbol(tex: "y_{\(k)}", text: "y\(k)")], value: r.maxima[0])
            s.step(.symbol(tex: "\\sum_k e^{y_k - \\max}", text: "Σ e^(yk - max)"),
                   [Self.longSum(r.exponentials.row(0).map { .number($0, digits: 3) }, value: r.sums[0], perLine: 4)])
            s.step(.symbol(tex: "p", text: "p"), [.quotient(.symbol(tex: "e^{y - \\max}", text: "e^(y - max)"), .number(r.sums[0], digits: 6)),
                                                   .matrix([r.probabilities.row(0)], digits: 3)])
            s.say("""
                The largest probability is \(NumberFormat.short(r.probabilities[0, k], significant: 4)), for digit **\(k)**; \
                the label is \(label), so the answer is \(k == label ? "right" : "wrong").
                """, zh: """
                最大的概率是 \(NumberFormat.short(r.probabilities[0, k], significant: 4))，对应数字 **\(k)**；\
                标签是 \(label)，所以回答\(k == label ? "正确" : "错误")。
                """)
            s.record("probabilities", r.probabilities.row(0))
            s.record("predicted_digit", Double(k))
        }

        let m = run.cnn.confusion
        let c = m.mostConfused?.label ?? 8
        page.exercise("""
            From the CNN's confusion matrix, compute for digit \(c) the **recall** (the share of the test \(c)s that the CNN \
            calls \(c)) and the **precision** (the share of the CNN's answers "\(c)" that are right).
            """, zh: """
            根据 CNN 的混淆矩阵，求数字 \(c) 的**召回率**（测试集中的 \(c) 被 CNN 判为 \(c) 的比例）和**精确率**\
            （CNN 回答“\(c)”的那些里答对的比例）。
            """) { s in
            let row = m.counts[c], column = (0..<10).map { m.counts[$0][c] }
            s.step(nil, .symbol(tex: "n_{\(c)}", text: "n\(c)"), [.sum(row.map { .n(Double($0)) })], value: Double(m.examples(of: c)))
            if let recall = m.recall(c) {
                s.step("recall", .symbol(tex: "\(MathWords.text("recall", zh: "召回率"))_{\(c)}", text: "recall\(c)"),
                       [.quotient(.n(Double(m.counts[c][c])), .n(Double(m.examples(of: c))))], value: recall)
            } else {
                s.say("There is no \(c) among the test digits, so the recall is undefined.", zh: "测试数字中没有 \(c)，召回率没有定义。")
            }
            s.step(nil, .symbol(tex: "\\hat n_{\(c)}", text: "predicted \(c)"), [.sum(column.map { .n(Double($0)) })], value: Double(m.predicted(as: c)))
            if let precision = m.precision(c) {
                s.step("precision", .symbol(tex: "\(MathWords.text("precision", zh: "精确率"))_{\(c)}", text: "precision\(c)"),
                       [.quotient(.n(Double(m.counts[c][c])), .n(Double(m.predicted(as: c))))], value: precision)
            } else {
                s.say("The CNN never answers \(c), so the precision is undefined.", zh: "CNN 从来没有回答过 \(c)，精确率没有定义。")
            }
            s.say("""
                The row sum is the number of test \(c)s; the column sum is how often the CNN answered \(c). Recall suffers when \
                \(c)s are read as other digits, precision when other digits are read as \(c).
                """, zh: """
                行之和是测试集中 \(c) 的个数，列之和是 CNN 回答 \(c) 的次数。\(c) 被认成别的数字会拉低召回率，\
                别的数字被认成 \(c) 会拉低精确率。
                """)
        }

        let small = smallData
        let few = small.few, batch = small.batch, fullPerEpoch = small.fullPerEpoch, fullSteps = small.fullSteps
        let smallPerEpoch = small.smallPerEpoch, smallEpochs = small.smallEpochs, smallSteps = small.smallSteps
        page.exercise("""
            How much does the amount of data matter? Train the MLP again from the same starting weights with the same batch size \
            (\(batch)) and learning rate ($\\eta = \(NumberFormat.short(run.mlpSetting.learningRate))$), on only the first \(few) training \
            digits, for as many update steps as the full run made (\(run.mlpSetting.epochs) epochs × \(fullPerEpoch) batches = \(fullSteps) steps), \
            and compare the held-out accuracies.
            """, zh: """
            数据量有多重要？从同样的初始权重出发，用同样的批大小（\(batch)）和学习率（$\\eta = \(NumberFormat.short(run.mlpSetting.learningRate))$），\
            只用前 \(few) 个训练数字再训练一次 MLP，更新步数与完整训练相同（\(run.mlpSetting.epochs) 轮 × 每轮 \(fullPerEpoch) 批 = \(fullSteps) 步），\
            比较两者的留出集准确率。
            """) { s in
            s.record("full_steps", Double(fullSteps))
            s.record("small_epochs", Double(smallEpochs))
            s.record("small_steps", Double(smallSteps))
            guard let outcome = small.outcome else {
                s.say("This run already trains on only \(few) digits, so there is no smaller set to compare.",
                      zh: "本次运行本来就只用 \(few) 个数字训练，没有更小的数据集可比。")
                return
            }
            s.say(smallSteps == fullSteps ? """
                \(few) digits make \(smallPerEpoch) batch\(smallPerEpoch == 1 ? "" : "es") per epoch, so \(smallEpochs) epochs give exactly the same \
                \(fullSteps) steps: each of the \(few) digits is seen \(smallEpochs) times instead of \(run.mlpSetting.epochs).
                """ : """
                \(few) digits make \(smallPerEpoch) batch\(smallPerEpoch == 1 ? "" : "es") per epoch, so \(smallEpochs) epochs give \(smallSteps) steps, \
                the nearest whole number of epochs to the full run's \(fullSteps) steps: each of the \(few) digits is seen \(smallEpochs) times \
                instead of \(run.mlpSetting.epochs).
                """, zh: smallSteps == fullSteps ? """
                \(few) 个数字每轮分成 \(smallPerEpoch) 批，所以 \(smallEpochs) 轮恰好也是 \(fullSteps) 步：这 \(few) 个数字每个被看了 \
                \(smallEpochs) 遍，而不是 \(run.mlpSetting.epochs) 遍。
                """ : """
                \(few) 个数字每轮分成 \(smallPerEpoch) 批，所以 \(smallEpochs) 轮是 \(smallSteps) 步，这是最接近完整训练 \(fullSteps) 步的整数轮数：\
                这 \(few) 个数字每个被看了 \(smallEpochs) 遍，而不是 \(run.mlpSetting.epochs) 遍。
                """)
            if outcome.diverged {
                s.say("With this learning rate the training on \(few) digits diverges, so there is no accuracy to report.",
                      zh: "用这个学习率，只用 \(few) 个数字训练会发散，所以没有准确率可报。")
                return
            }
            let accuracy = Double(outcome.correct) / Double(setup.test.count)
            s.step("accuracy", .symbol(tex: MathWords.text("accuracy", zh: "准确率"), text: "accuracy"), [.quotient(.n(Double(outcome.correct)), .n(Double(setup.test.count)))], value: accuracy)
            let lower = accuracy < run.mlp.accuracy
            // Answering the most common test digit every time is the score of a network that learned nothing about the
            // images; a run that does no better than that says nothing about what more data is worth.
            let counts = (0..<10).map { d in setup.test.filter { setup.label($0) == d }.count }
            let mostCommon = counts.max() ?? 0, commonest = counts.firstIndex(of: mostCommon) ?? 0
            let tied = counts.filter { $0 == mostCommon }.count > 1
            let learnedNothing = outcome.correct <= mostCommon
            let share = Self.percent(Double(mostCommon) / Double(setup.test.count))
            let eta = NumberFormat.short(run.mlpSetting.learningRate)
            let verdict: Localized
            if learnedNothing {
                verdict = Localized("""
                    That is no better than answering \(commonest) for every test digit, \(tied ? "one of the most common ones" : "the most common one") \
                    (\(mostCommon) of \(setup.test.count), \(share)): with $\\eta = \(eta)$ this training on \(few) digits learned nothing usable, \
                    so it cannot show what more data is worth.
                    """, zh: """
                    这并不比把每个测试数字都答成 \(commonest) 更好，\(commonest) 是测试集中\(tied ? "最常见的数字之一" : "最常见的数字")\
                    （\(setup.test.count) 个里有 \(mostCommon) 个，\(share)）：在 $\\eta = \(eta)$ 下，只用 \(few) 个数字的这次训练没有学到可用的东西，\
                    所以说明不了更多数据的价值。
                    """)
            } else if lower {
                verdict = Localized("More examples of each way of writing a digit are worth more than more passes over the same few.",
                                    zh: "每个数字多见几种写法，比在同样几个样本上多过几遍更有用。")
            } else {
                verdict = Localized("Here the smaller set does not do worse: at this number of steps the full training set does not pay off.",
                                    zh: "这里少量数据并没有更差：在这个步数下，完整的训练集没有带来好处。")
            }
            s.say("""
                After the same number of steps, the MLP trained on \(few) digits reaches \(Self.percent(accuracy)) on the test set, against \
                \(Self.percent(run.mlp.accuracy)) with all \(setup.train.count) training digits. \(verdict.en)
                """, zh: """
                同样的步数之后，只用 \(few) 个数字训练的 MLP 在测试集上达到 \(Self.percent(accuracy))；用全部 \(setup.train.count) 个训练数字时为 \
                \(Self.percent(run.mlp.accuracy))。\(verdict.zh)
                """)
            s.record("most_common_test_share", Double(mostCommon) / Double(setup.test.count))
            s.record("accuracy", accuracy)
        }
    }
}

/// The third exercise's comparison: the MLP trained again from the same starting weights on only the first
/// 100 training digits (or all, if there are fewer), with the same batch size and learning rate, for as many
/// update steps as the full run made.
struct DigitsSmallData {
    /// The digits trained on, the batch size, and the full run's batches per epoch and steps.
    let few: Int, batch: Int, fullPerEpoch: Int, fullSteps: Int
    /// The small set's batches per epoch, and the whole number of epochs nearest to the full run's steps.
    let smallPerEpoch: Int, smallEpochs: Int
    var smallSteps: Int { smallEpochs * smallPerEpoch }
    /// Whether the training diverged, and how many test digits it then gets right; nil when the small set
    /// is the whole training set, so there is nothing to compare.
    let outcome: (diverged: Bool, correct: Int)?

    /// Trains the MLP on the small set, given the setting the full run used.
    init(_ setup: DigitsSetup, mlp setting: DigitsSetting, batchSize: Int) {
        few = min(100, setup.train.count)
        // Equal steps, not equal epochs: the small set gets as many updates as the full run made, so the comparison
        // isolates the amount of data (the same number of epochs on 100 digits would also mean far fewer steps).
        batch = min(batchSize, few)
        let fullBatch = min(batchSize, setup.train.count)
        fullPerEpoch = (setup.train.count + fullBatch - 1) / fullBatch
        fullSteps = setting.epochs * fullPerEpoch
        smallPerEpoch = (few + batch - 1) / batch
        smallEpochs = max(1, Int((Double(fullSteps) / Double(smallPerEpoch)).rounded()))
        guard few < setup.train.count else {
            outcome = nil
            return
        }
        let rows = Array(setup.train.prefix(few))
        let trainer = MinibatchTrainer(network: setup.mlp, batchSize: batch)
        let epochs = smallEpochs, batch = batch
        outcome = setup.inputs.withUnsafeBufferPointer { xb in
            setup.digits.labels.withUnsafeBufferPointer { yb in
                let trained = MinibatchTraining.run(trainer, inputs: xb.baseAddress!, labels: yb.baseAddress!, train: rows, test: setup.test,
                                                    epochs: epochs, batchSize: batch, learningRate: setting.learningRate,
                                                    shuffler: setup.shuffler, monitor: false)
                return (trained.divergence != nil, trainer.evaluate(inputs: xb.baseAddress!, labels: yb.baseAddress!, rows: setup.test).correct)
            }
        }
    }
}
