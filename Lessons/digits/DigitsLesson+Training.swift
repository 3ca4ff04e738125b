import Longhand
import Notebook

/// Minibatch SGD on both networks: the rule, the chosen settings, the per-epoch curves, held-out accuracy.
extension DigitsLesson {
    func writeTraining(_ page: inout Notebook, _ setup: DigitsSetup, _ run: DigitsRun) {
        let n = setup.train.count
        let batch = min(batchSize, n)
        let batches = (n + batch - 1) / batch
        let eta = learningRate.value
        page.section("Training by minibatch gradient descent", zh: "小批量梯度下降训练")
        page.say("""
            Full-batch gradient descent would run all \(n) training digits through the network before every single step. \
            Minibatch SGD takes a step after each small batch instead: in every **epoch** the training digits are put in a \
            new seeded order and cut into \(batches) batches of \(batch)\(n % batch == 0 ? "" : " (the last one smaller)"); \
            for each batch the forward pass gives the mean loss $L$ over its digits, backpropagation gives every gradient, \
            and every parameter $\\theta$ moves against its gradient at once:
            """, zh: """
            全批量梯度下降每走一步之前，都要把 \(n) 个训练数字全部送进网络算一遍。小批量 SGD 则每处理一小批就走一步：\
            在每个**轮次**（epoch）里，训练数字按种子重新排序，切成 \(batches) 批、每批 \(batch) 个\(n % batch == 0 ? "" : "（最后一批少一些）")；\
            对每一批，前向传播算出这批数字的平均损失 $L$，反向传播算出全部梯度，然后所有参数 $\\theta$ 同时沿梯度的反方向移动：
            """)
        page.equation(tex: "\\theta \\leftarrow \\theta - \\eta\\,\\frac{\\partial L}{\\partial \\theta}, \\qquad L = \\frac{1}{|B|}\\sum_{i \\in B} -\\ln p_{i,\\,\\text{label}_i}",
                      text: "θ ← θ − η ∂L/∂θ,  L = (1/|B|) Σ_{i in B} −ln p_i,label_i")
        page.say("""
            A batch's gradient is a noisy estimate of the full gradient, but it costs 1/\(batches) as much, so the network \
            takes \(batches) steps per pass over the data instead of one. Both networks see exactly the same batches in the \
            same order.
            """, zh: """
            一批的梯度只是全量梯度的一个带噪声的估计，但计算量只有全量的 1/\(batches)，所以每过一遍数据，网络能走 \(batches) 步\
            而不是一步。两个网络看到的批次完全相同，顺序也相同。
            """)
        let defaults = learningRate.value == 0.3 && epochs == 40 && batchSize == 32
        page.aside("""
            How the settings were chosen: the defaults, $\\eta = 0.3$, 40 epochs and batches of 32, were picked before looking \
            at any test digit, by 5-fold cross-validation inside the training set of seed 1 (each fifth of it held out in \
            turn while the rest trained; learning rates 0.1 to 0.3 and 20 to 80 epochs were compared, and these settings \
            were among the best for both networks). The test set is used only for the numbers reported below. \
            \(defaults ? "This run uses the defaults." : "This run uses $\\eta = \(NumberFormat.short(eta))$, \(epochs) epochs and batches of \(batch).")
            """, zh: """
            参数是怎么选的：默认值 $\\eta = 0.3$、40 轮、每批 32 个，是在看任何测试数字之前选定的——在种子 1 的训练集内部做 \
            5 折交叉验证（轮流留出五分之一，用其余部分训练），比较了 0.1 到 0.3 的学习率和 20 到 80 轮，这组设置对两个网络\
            都属于最好的一档。测试集只用来给出下面报告的数字。\
            \(defaults ? "本次运行用的就是默认值。" : "本次运行用的是 $\\eta = \(NumberFormat.short(eta))$、\(epochs) 轮、每批 \(batch) 个。")
            """)
        for (name, zhName, model) in [("MLP", "MLP", run.mlp), ("CNN", "CNN", run.cnn)] {
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

    func writeCurves(_ page: inout Notebook, _ run: DigitsRun) {
        func points(_ v: [Double]) -> [LinePlot.Point] { v.enumerated().map { LinePlot.Point(Double($0.offset), $0.element) } }
        let lastEpoch = Double(max(run.mlp.completedEpochs, run.cnn.completedEpochs, 1))
        let losses = run.mlp.loss + run.mlp.testLoss + run.cnn.loss + run.cnn.testLoss
        page.figure("loss", title: Localized("Loss per epoch (log scale)", zh: "每轮的损失（对数坐标）"),
                    description: Localized("Mean cross-entropy of the MLP and the CNN on the training digits (mean of the epoch's batch losses) and on the test digits (after each epoch), epoch 0 being before training.",
                                           zh: "MLP 和 CNN 在训练数字上（该轮各批损失的平均）和测试数字上（每轮结束后）的平均交叉熵，第 0 轮为训练之前。"),
                    LinePlot(xLabel: Localized("epoch", zh: "轮次"), yLabel: Localized("cross-entropy", zh: "交叉熵"),
                             series: [.init(Localized("MLP, training", zh: "MLP，训练"), points(run.mlp.loss), color: 0),
                                      .init(Localized("MLP, test", zh: "MLP，测试"), points(run.mlp.testLoss), style: .dashed, color: 0),
                                      .init(Localized("CNN, training", zh: "CNN，训练"), points(run.cnn.loss), color: 1),
                                      .init(Localized("CNN, test", zh: "CNN，测试"), points(run.cnn.testLoss), style: .dashed, color: 1)],
                             xRange: 0...lastEpoch, yRange: XorNetLesson.decades(losses), logY: true))
        let accuracies = run.mlp.trainAccuracy + run.mlp.testAccuracy + run.cnn.trainAccuracy + run.cnn.testAccuracy
        let low = max(0, ((accuracies.min() ?? 0) * 10).rounded(.down) / 10)
        // The same lines as the loss figure, so no legend here (it would cover the curves' steep start).
        page.figure("accuracy", title: Localized("Accuracy per epoch (lines as in figure above: blue MLP, orange CNN; solid training, dashed test)",
                                                 zh: "每轮的准确率（线条同上图：蓝色 MLP，橙色 CNN；实线训练，虚线测试）"),
                    description: Localized("Share of digits classified correctly by the MLP and the CNN, on the training digits (each batch judged just before its update) and on the test digits after each epoch.",
                                           zh: "MLP 和 CNN 分对的数字所占比例：训练数字（每批在更新前评判）和每轮结束后的测试数字。"),
                    LinePlot(xLabel: Localized("epoch", zh: "轮次"), yLabel: Localized("accuracy", zh: "准确率"),
                             series: [.init(Localized(same: ""), points(run.mlp.trainAccuracy), color: 0),
                                      .init(Localized(same: ""), points(run.mlp.testAccuracy), style: .dashed, color: 0),
                                      .init(Localized(same: ""), points(run.cnn.trainAccuracy), color: 1),
                                      .init(Localized(same: ""), points(run.cnn.testAccuracy), style: .dashed, color: 1)],
                             xRange: 0...lastEpoch, yRange: low...1))
        for (key, model) in [("mlp", run.mlp), ("cnn", run.cnn)] {
            page.record("\(key)_epoch_loss", model.loss)
            page.record("\(key)_epoch_train_accuracy", model.trainAccuracy)
            page.record("\(key)_epoch_test_loss", model.testLoss)
            page.record("\(key)_epoch_test_accuracy", model.testAccuracy)
            page.record("\(key)_completed_epochs", Double(model.completedEpochs))
        }
        let m = run.mlp, c = run.cnn
        // Over the second half of training, did the test loss fall less than the training loss (for both)?
        func flattens(_ r: ModelRun) -> Bool {
            let e = r.completedEpochs, half = e / 2
            guard e >= 10 else { return false }
            return r.testLoss[half] - r.testLoss[e] < r.loss[half] - r.loss[e]
        }
        let plateau = flattens(m) && flattens(c)
        page.say("""
            Before training, both networks are guessing: their losses are around $\\ln 10 \\approx 2.3$, the loss of giving every \
            digit probability 1/10 (MLP \(fmt(m.loss[0])), CNN \(fmt(c.loss[0]))). After \(m.completedEpochs) epochs the MLP's training \
            loss is \(fmt(m.loss.last!)) and its test loss \(fmt(m.testLoss.last!)); after \(c.completedEpochs) epochs the CNN's are \
            \(fmt(c.loss.last!)) and \(fmt(c.testLoss.last!)).\(plateau ? " In the second half of training the test losses fall less than the training losses: from then on the networks mostly grow more certain about digits they already classify correctly, which the test digits do not reward." : "")
            """, zh: """
            训练之前两个网络都在瞎猜：损失都在 $\\ln 10 \\approx 2.3$ 附近，也就是给每个数字都分配 1/10 概率时的损失\
            （MLP 为 \(fmt(m.loss[0]))，CNN 为 \(fmt(c.loss[0]))）。\(m.completedEpochs) 轮之后，MLP 的训练损失为 \(fmt(m.loss.last!))，\
            测试损失为 \(fmt(m.testLoss.last!))；\(c.completedEpochs) 轮之后，CNN 的分别为 \(fmt(c.loss.last!)) 和 \(fmt(c.testLoss.last!))。\
            \(plateau ? "训练的后半段，测试损失下降得比训练损失少：从那以后，网络主要是对本来就分对的数字更有把握，而测试数字并不奖励这一点。" : "")
            """)
    }

    func writeAccuracy(_ page: inout Notebook, _ setup: DigitsSetup, _ run: DigitsRun) {
        page.subsection("Held-out accuracy", zh: "留出集准确率")
        let total = setup.test.count
        func row(_ name: String, _ model: ModelRun, _ parameters: Int) -> [Table.Cell] {
            [.text(Localized(same: name)), .number(Double(parameters)), .text(Localized(same: Self.percent(model.trainAccuracy.last!))),
             .number(model.testLoss.last!, digits: 4), .text(Localized(same: "\(model.confusion.correct) / \(total)")),
             .text(Localized(same: Self.percent(model.accuracy)))]
        }
        let mlpParameters = run.mlpNetwork.layers.map(Self.parameterCount).reduce(0, +)
        let cnnParameters = run.conv.weights.count + run.conv.bias.count + Self.parameterCount(run.dense)
        page.table([Localized("network", zh: "网络"), Localized("parameters", zh: "参数"), Localized("training accuracy (last epoch)", zh: "训练准确率（最后一轮）"),
                    Localized("test loss", zh: "测试损失"), Localized("test digits right", zh: "测试集分对"), Localized("held-out accuracy", zh: "留出集准确率")],
                   [row("MLP", run.mlp, mlpParameters), row("CNN", run.cnn, cnnParameters)])
        let better = run.cnn.accuracy > run.mlp.accuracy ? "CNN" : (run.cnn.accuracy < run.mlp.accuracy ? "MLP" : nil)
        page.say("""
            On the \(total) test digits, which neither network has seen, the MLP is right \(run.mlp.confusion.correct) times \
            (**\(Self.percent(run.mlp.accuracy))**) and the CNN \(run.cnn.confusion.correct) times (**\(Self.percent(run.cnn.accuracy))**)\
            \(better.map { ", so the \($0) makes fewer mistakes here" } ?? ", exactly as often"). \
            \(run.cnn.accuracy >= run.mlp.accuracy ? "The CNN does this with \(cnnParameters) parameters against the MLP's \(mlpParameters): sharing each filter's weights across the image is a good guess about what matters in a picture." : "With \(cnnParameters) parameters against the MLP's \(mlpParameters), the CNN is the smaller network.") \
            One test digit more or less right moves the accuracy by \(Self.percent(1 / Double(max(total, 1)))), so differences of \
            a digit or two between the networks are within what another seed could change.
            """, zh: """
            在两个网络都没见过的 \(total) 个测试数字上，MLP 分对 \(run.mlp.confusion.correct) 个（**\(Self.percent(run.mlp.accuracy))**），\
            CNN 分对 \(run.cnn.confusion.correct) 个（**\(Self.percent(run.cnn.accuracy))**）\
            \(better.map { "，这里 \($0) 犯的错更少" } ?? "，两者一样多")。\
            \(run.cnn.accuracy >= run.mlp.accuracy ? "CNN 只用了 \(cnnParameters) 个参数，MLP 则有 \(mlpParameters) 个：让一个卷积核在整幅图上共享权重，正是对图像中什么重要的一个好猜测。" : "CNN 有 \(cnnParameters) 个参数，MLP 有 \(mlpParameters) 个，CNN 是更小的网络。")\
            多分对或分错一个测试数字，准确率就变化 \(Self.percent(1 / Double(max(total, 1))))，所以两个网络相差一两个数字，\
            换一个种子就可能颠倒。
            """)
        page.record("mlp_test_accuracy", run.mlp.accuracy)
        page.record("cnn_test_accuracy", run.cnn.accuracy)
        page.record("mlp_test_correct", Double(run.mlp.confusion.correct))
        page.record("cnn_test_correct", Double(run.cnn.confusion.correct))
    }

    /// A number as prose prints it (4 significant digits).
    func fmt(_ x: Double) -> String { NumberFormat.short(x, significant: 4) }
}
