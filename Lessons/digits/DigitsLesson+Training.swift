import LonghandEngine
import Notebook

/// Minibatch SGD on both networks: the rule, the chosen settings, the per-epoch curves, held-out accuracy.
extension DigitsLesson {
    func writeTraining(_ page: inout Page, _ setup: DigitsSetup, _ run: DigitsRun, _ chosen: (mlp: DigitsSetting, cnn: DigitsSetting)) {
        let n = setup.train.count
        let batch = min(batchSize, n)
        let batches = (n + batch - 1) / batch
        page.section("Training by minibatch gradient descent", zh: "小批量梯度下降训练")
        page.say("""
            Full-batch gradient descent would run all \(n) training digits through the network before every single step. \
            Minibatch SGD takes a step after each small batch instead: in every **epoch** the training digits are put in a \
            new seeded order and cut into \(batches) batches of \(batch)\(n % batch == 0 ? "" : " (the last one smaller)"); \
            for each batch the forward pass gives the mean loss $L$ over its digits, backpropagation gives every gradient, \
            and every parameter $\\theta$ moves against its gradient at once (the MLP with $\\eta = \(NumberFormat.short(chosen.mlp.learningRate))$ \
            for \(Self.epochsText(chosen.mlp.epochs)), the CNN with $\\eta = \(NumberFormat.short(chosen.cnn.learningRate))$ for \(Self.epochsText(chosen.cnn.epochs)), as chosen above):
            """, zh: """
            全批量梯度下降每走一步之前，都要把 \(n) 个训练数字全部送进网络算一遍。小批量 SGD 则每处理一小批就走一步：\
            在每个**轮次**（epoch）里，训练数字按种子重新排序，切成 \(batches) 批、每批 \(batch) 个\(n % batch == 0 ? "" : "（最后一批少一些）")；\
            对每一批，前向传播算出这批数字的平均损失 $L$，反向传播算出全部梯度，然后所有参数 $\\theta$ 同时沿梯度的反方向移动\
            （按上面的选择，MLP 用 $\\eta = \(NumberFormat.short(chosen.mlp.learningRate))$ 训练 \(chosen.mlp.epochs) 轮，\
            CNN 用 $\\eta = \(NumberFormat.short(chosen.cnn.learningRate))$ 训练 \(chosen.cnn.epochs) 轮）：
            """)
        page.equation(tex: "\\theta \\leftarrow \\theta - \\eta\\,\\frac{\\partial L}{\\partial \\theta}, \\qquad L = \\frac{1}{|B|}\\sum_{i \\in B} -\\ln p_{i,\\,\(MathWords.text("label", zh: "标签"))_i}",
                      text: "θ ← θ − η ∂L/∂θ,  L = (1/|B|) Σ_{i in B} −ln p_i,label_i")
        if batches == 1 {
            page.say("""
                Here one batch holds all \(n) training digits, so each step uses the full gradient: this is full-batch gradient \
                descent, one step per pass over the data.
                """, zh: """
                这里一批就装下了全部 \(n) 个训练数字，所以每一步用的都是全量梯度：这就是全量梯度下降，每过一遍数据走一步。
                """)
        } else {
            page.say("""
                A batch's gradient is a noisy estimate of the full gradient, but it costs 1/\(batches) as much, so the network \
                takes \(batches) steps per pass over the data instead of one. Both networks draw their batches from the same \
                seeded sequence of orders.
                """, zh: """
                一批的梯度只是全量梯度的一个带噪声的估计，但计算量只有全量的 1/\(batches)，所以每过一遍数据，网络能走 \(batches) 步\
                而不是一步。两个网络的批次取自同一串带种子的顺序。
                """)
        }
        for (name, zhName, model, eta) in [("MLP", "MLP", run.mlp, chosen.mlp.learningRate), ("CNN", "CNN", run.cnn, chosen.cnn.learningRate)] {
            if let d = model.divergence {
                let kept = model.completedEpochs
                page.warning("""
                    The \(name)'s training diverged in epoch \(d.epoch), at step \(d.step): \(d.loss.map { "the batch loss was \(fmt($0)), above the \(fmt(Divergence.lossLimit)) that counts as diverged" } ?? "the batch loss was no longer a finite number"), because the learning rate \
                    $\\eta = \(NumberFormat.short(eta))$ makes each step overshoot further than the last. Training stopped there; \
                    the results below use the \(name)'s weights \(kept == 0 ? "from before training" : "from the end of epoch \(kept)"). \
                    A smaller `--learning-rate` avoids it.
                    """, zh: """
                    \(zhName) 的训练在第 \(d.epoch) 轮第 \(d.step) 步发散了：\(d.loss.map { "这一批的损失为 \(fmt($0))，超过了算作发散的 \(fmt(Divergence.lossLimit))" } ?? "这一批的损失已不再是有限的数")，因为学习率 $\\eta = \(NumberFormat.short(eta))$ 让每一步都比上一步冲得更远。\
                    训练就此停止；下面的结果用的是 \(zhName) \(kept == 0 ? "训练前的权重" : "第 \(kept) 轮结束时的权重")。\
                    把 `--learning-rate` 调小就能避免。
                    """)
            }
        }
        writeCurves(&page, run)
        writeAccuracy(&page, setup, run)
    }

    func writeCurves(_ page: inout Page, _ run: DigitsRun) {
        func points(_ v: [Double]) -> [LinePlot.Point] { v.enumerated().map { LinePlot.Point(Double($0.offset), $0.element) } }
        let lastEpoch = Double(max(run.mlp.completedEpochs, run.cnn.completedEpochs, 1))
        page.figure("loss", title: Localized("Training loss per epoch (log scale)", zh: "每轮的训练损失（对数坐标）"),
                    description: Localized("Mean cross-entropy of the MLP and the CNN on the training digits (mean of the epoch's batch losses), epoch 0 being before training. The test digits are not looked at until training is over.",
                                           zh: "MLP 和 CNN 在训练数字上的平均交叉熵（该轮各批损失的平均），第 0 轮为训练之前。训练结束之前不看测试数字。"),
                    LinePlot(xLabel: Localized("epoch", zh: "轮次"), yLabel: Localized("cross-entropy", zh: "交叉熵"),
                             series: [.init(Localized("MLP", zh: "MLP"), points(run.mlp.loss), color: 0),
                                      .init(Localized("CNN", zh: "CNN"), points(run.cnn.loss), color: 1)],
                             xRange: 0...lastEpoch, logY: true))
        for (key, model) in [("mlp", run.mlp), ("cnn", run.cnn)] {
            page.record("\(key)_epoch_loss", model.loss)
            page.record("\(key)_epoch_train_accuracy", model.trainAccuracy)
            page.record("\(key)_completed_epochs", Double(model.completedEpochs))
        }
        let m = run.mlp, c = run.cnn
        func trend(_ r: ModelRun) -> (en: String, zh: String) {
            let first = r.loss[0], last = r.loss.last!
            let (before, after) = NumberFormat.apart(first, last, significant: 4)
            return last < first
                ? ("falls from \(before) to \(after) in \(Self.epochsText(r.completedEpochs))", "在 \(r.completedEpochs) 轮中从 \(before) 降到 \(after)")
                : ("does not fall: \(before) before training, \(after) after \(Self.epochsText(r.completedEpochs))", "没有下降：训练前为 \(before)，\(r.completedEpochs) 轮后为 \(after)")
        }
        let near = { (x: Double) in abs(x - Double.log(10)) < 0.5 }
        let tm = trend(m), tc = trend(c)
        page.say("""
            \(near(m.loss[0]) && near(c.loss[0]) ? "Before training both networks are guessing: their losses are near $\\ln 10 \\approx 2.3$, the loss of giving every digit probability 1/10. " : "")\
            The MLP's training loss \(tm.en); the CNN's \(tc.en).
            """, zh: """
            \(near(m.loss[0]) && near(c.loss[0]) ? "训练之前两个网络都在瞎猜：损失都在 $\\ln 10 \\approx 2.3$ 附近，也就是给每个数字都分配 1/10 概率时的损失。" : "")\
            MLP 的训练损失\(tm.zh)；CNN 的训练损失\(tc.zh)。
            """)
    }

    func writeAccuracy(_ page: inout Page, _ setup: DigitsSetup, _ run: DigitsRun) {
        page.subsection("Held-out accuracy", zh: "留出集准确率")
        let total = setup.test.count
        func row(_ name: String, _ model: ModelRun, _ parameters: Int) -> [Table.Cell] {
            [.text(Localized(same: name)), .number(Double(parameters)), .text(Localized(same: Self.percent(model.trainAccuracy.last!))),
             .number(model.testLoss, digits: 4), .text(Localized(same: "\(model.confusion.correct) / \(total)")),
             .text(Localized(same: Self.percent(model.accuracy)))]
        }
        let mlpParameters = run.mlpNetwork.layers.map(Self.parameterCount).reduce(0, +)
        let cnnParameters = run.conv.weights.count + run.conv.bias.count + Self.parameterCount(run.dense)
        page.table([Localized("network", zh: "网络"), Localized("parameters", zh: "参数"), Localized("training accuracy (last epoch)", zh: "训练准确率（最后一轮）"),
                    Localized("test loss", zh: "测试损失"), Localized("test digits right", zh: "测试集分对"), Localized("held-out accuracy", zh: "留出集准确率")],
                   [row("MLP", run.mlp, mlpParameters), row("CNN", run.cnn, cnnParameters)])
        let diff = abs(run.cnn.confusion.correct - run.mlp.confusion.correct)
        let chance = 0.2   // twice the 1-in-10 of guessing
        let better = run.cnn.accuracy > run.mlp.accuracy ? "CNN" : (run.cnn.accuracy < run.mlp.accuracy ? "MLP" : nil)
        var en = "On the \(total) test digits, which neither network has seen, the MLP is right \(run.mlp.confusion.correct) times (**\(Self.percent(run.mlp.accuracy))**) and the CNN \(run.cnn.confusion.correct) times (**\(Self.percent(run.cnn.accuracy))**)"
            + (better.map { ", so the \($0) makes \(diff) fewer mistake\(diff == 1 ? "" : "s") here." } ?? ", exactly as often.")
        var zh = "在两个网络都没见过的 \(total) 个测试数字上，MLP 分对 \(run.mlp.confusion.correct) 个（**\(Self.percent(run.mlp.accuracy))**），CNN 分对 \(run.cnn.confusion.correct) 个（**\(Self.percent(run.cnn.accuracy))**）"
            + (better.map { "，这里 \($0) 少错 \(diff) 个。" } ?? "，两者一样多。")
        if run.mlp.accuracy <= chance && run.cnn.accuracy <= chance {
            en += " Both are at the level of guessing (1 in 10 is 10%): neither network learned to read digits with these settings, so there is nothing here to credit to either design."
            zh += "两者都只相当于瞎猜（十选一是 10%）：在这组设置下哪个网络都没学会认数字，也就谈不上哪种结构更好。"
        } else if run.cnn.accuracy > run.mlp.accuracy && diff > 2 && cnnParameters < mlpParameters {
            en += " The CNN does this with \(cnnParameters) parameters against the MLP's \(mlpParameters): sharing each filter's weights across the image is a good guess about what matters in a picture."
            zh += "CNN 只用了 \(cnnParameters) 个参数，MLP 则有 \(mlpParameters) 个：让一个卷积核在整幅图上共享权重，正是对图像中什么重要的一个好猜测。"
        } else {
            en += " The CNN has \(cnnParameters) parameters, the MLP \(mlpParameters)."
            zh += "CNN 有 \(cnnParameters) 个参数，MLP 有 \(mlpParameters) 个。"
        }
        en += " One test digit more or less right moves the accuracy by \(Self.percent(1 / Double(max(total, 1))))" + (diff <= 2 ? ", and the networks differ by \(diff): a difference this small could turn round with another seed." : ".")
        zh += "多分对或分错一个测试数字，准确率就变化 \(Self.percent(1 / Double(max(total, 1))))" + (diff <= 2 ? "，而两个网络只差 \(diff) 个：差距这么小，换一个种子就可能颠倒。" : "。")
        page.say(en, zh: zh)
        page.record("mlp_test_accuracy", run.mlp.accuracy)
        page.record("cnn_test_accuracy", run.cnn.accuracy)
        page.record("mlp_test_correct", Double(run.mlp.confusion.correct))
        page.record("cnn_test_correct", Double(run.cnn.confusion.correct))
    }

    /// A number as prose prints it (4 significant digits).
    func fmt(_ x: Double) -> String { NumberFormat.short(x, significant: 4) }
}
