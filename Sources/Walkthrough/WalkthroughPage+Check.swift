import LonghandEngine
import Notebook

extension WalkthroughPage {
    /// The tolerance of the gradient check (relative error, or an absolute error below 1e-9).
    static let checkTolerance = 1e-6

    /// Backpropagation beside central differences of the batch loss, for every parameter.
    func gradientCheck() -> [GradientCheck.Entry] {
        let examples = spec.examples
        let net = network
        return GradientCheck.compare(analytic: evaluation.gradient, at: network.parameters) { theta in
            net.with(parameters: theta).loss(examples)
        }
    }

    /// Whether some unit with a kinked activation (ReLU, leaky ReLU, step) has its weighted input
    /// within the check's step of the kink, where central differences straddle two slopes.
    var nearKink: Bool {
        let h = GradientCheck.defaultStep * 100
        for pass in evaluation.passes {
            for (i, layer) in network.layers.enumerated() {
                let f: Activation
                switch layer {
                case .dense(let d, _): f = d.activation
                case .conv(_, let a): f = a
                case .maxPool:
                    // Ties inside a pooling window are a kink of max too.
                    continue
                default: continue
                }
                switch f {
                case .relu, .leakyReLU, .step:
                    if pass.layers[i].z.values.contains(where: { abs($0) < h }) { return true }
                default: break
                }
            }
        }
        return false
    }

    func writeCheck(_ page: inout Page) {
        page.section("Checking every gradient", zh: "核对每个梯度")
        page.say("""
            Each gradient from backpropagation is compared with a central difference of the loss, \
            $(L(\\theta + h) - L(\\theta - h))/2h$ with $h = 10^{-5}$, which needs no calculus at all.
            """, zh: """
            把反向传播得到的每个梯度和损失的中心差分 $(L(\\theta + h) - L(\\theta - h))/2h$（取 $h = 10^{-5}$）比较，中心差分完全不需要求导。
            """)
        let entries = gradientCheck()
        let errors = entries.map(\.relativeError)
        // Differences below 1e-9 are rounding in the central difference itself (a gradient of exactly 0
        // has a relative error of 1 against 3e-10): the worst case is sought among the others.
        let meaningful = entries.indices.filter { abs(entries[$0].analytic - entries[$0].numeric) >= 1e-9 }
        let worst = meaningful.max { errors[$0] < errors[$1] } ?? (errors.indices.max { errors[$0] < errors[$1] } ?? 0)
        let worstError = meaningful.isEmpty ? 0 : errors[worst]
        let failing = entries.indices.filter { !entries[$0].passes(tolerance: Self.checkTolerance) }
        var shown = Array(entries.indices)
        if shown.count > Self.parameterLimit {
            shown = Array(entries.indices.sorted { errors[$0] > errors[$1] }.prefix(Self.parameterLimit)).sorted()
        }
        page.table([Localized("parameter", zh: "参数"), Localized("backpropagation", zh: "反向传播"),
                    Localized("central difference", zh: "中心差分"), Localized("difference", zh: "差"), Localized("relative error", zh: "相对误差")],
                   shown.map { i in
                       [.math(names.parameters[i].expr), .number(entries[i].analytic, digits: 10), .number(entries[i].numeric, digits: 10),
                        .number(abs(entries[i].analytic - entries[i].numeric), digits: 2), .number(errors[i], digits: 2)]
                   })
        if shown.count < entries.count {
            page.say("The table lists the \(shown.count) parameters with the largest relative errors of all \(entries.count); --json holds every one.",
                     zh: "表中列出全部 \(entries.count) 个参数里相对误差最大的 \(shown.count) 个；--json 里有全部数值。")
        }
        let total = entries.count
        if failing.isEmpty && meaningful.isEmpty {
            page.say("All \(total) gradients agree with their central differences to within 1e-9.",
                     zh: "全部 \(total) 个梯度都和中心差分一致，差别都小于 1e-9。")
        } else if failing.isEmpty {
            page.say("All \(total) gradients agree with their central differences; where they differ by more than 1e-9, the largest relative error is \(NumberFormat.short(worstError, significant: 2)), for $\(names.parameters[worst].tex)$.",
                     zh: "全部 \(total) 个梯度都和中心差分一致；在差别超过 1e-9 的梯度里，最大的相对误差是 \(NumberFormat.short(worstError, significant: 2))，出现在 $\(names.parameters[worst].tex)$。")
        } else {
            let reason = nearKink
                ? Localized(" A unit's weighted input lies within the step of a kink of its activation (ReLU, leaky ReLU or step), where the central difference straddles two slopes: there the numerical check, not backpropagation, is off.",
                            zh: "有单元的加权输入离激活函数的折点（ReLU、leaky ReLU 或阶跃）不到一个步长，中心差分跨过了两段斜率：这时不准的是数值核对，不是反向传播。")
                : Localized("", zh: "")
            page.warning("\(failing.count) of \(total) gradients differ from their central differences by more than the tolerance (largest relative error \(NumberFormat.short(errors[worst], significant: 2)), for \(names.parameters[worst].text)).\(reason.en)",
                         zh: "\(total) 个梯度中有 \(failing.count) 个和中心差分的差别超过容差（最大相对误差 \(NumberFormat.short(errors[worst], significant: 2))，出现在 \(names.parameters[worst].text)）。\(reason.zh)")
        }
        page.record("check_numeric", entries.map(\.numeric))
        page.record("check_relative_errors", errors)
        page.record("check_max_relative_error", worstError)
        page.record("check_failures", Double(failing.count))
    }

    // MARK: Training

    /// N further steps from the updated network; returns the network the predictions use.
    func writeTraining(_ page: inout Page, after updated: Updated) -> WalkthroughNetwork {
        let steps = spec.update.steps
        guard steps > 0 else { return updated.network }
        page.section("Training", zh: "训练")
        var net = updated.network
        var optimizer = updated.optimizer
        var losses = [evaluation.loss, net.loss(spec.examples)]
        var diverged: Int?
        for t in 0..<steps {
            let e = net.evaluate(spec.examples)
            guard e.loss.isFinite, e.gradient.allSatisfy(\.isFinite) else { diverged = t + 1; losses.removeLast(); break }
            var p = net.parameters
            optimizer.step(&p, masked(e.gradient))
            let next = net.with(parameters: p)
            let loss = next.loss(spec.examples)
            guard loss.isFinite, p.allSatisfy(\.isFinite) else { diverged = t + 2; break }
            net = next
            losses.append(loss)
        }
        page.say("The same update, repeated \(steps) more time\(steps == 1 ? "" : "s") on the whole batch (step 0 is the starting network, step 1 the update worked above):",
                 zh: "把同样的更新在整批样本上再重复 \(steps) 次（第 0 步是初始网络，第 1 步是上面算出的那次更新）：")
        // At most about 1000 points are drawn (every k-th step and the last); --json keeps every loss.
        let every = max(1, losses.count / 1000)
        let points = losses.indices.filter { $0 % every == 0 || $0 == losses.count - 1 }.map { LinePlot.Point(Double($0), losses[$0]) }
        let positive = losses.allSatisfy { $0 > 0 }
        let logY = positive && (losses.max()! / max(losses.min()!, 1e-300)) > 100
        page.figure("training", title: Localized("The loss during training", zh: "训练过程中的损失"),
                    description: Localized("The batch loss after each step, from \(Self.fmt(losses[0])) at step 0 to \(Self.fmt(losses[losses.count - 1])) at step \(losses.count - 1).",
                                           zh: "每一步之后整批样本的损失：第 0 步为 \(Self.fmt(losses[0]))，第 \(losses.count - 1) 步为 \(Self.fmt(losses[losses.count - 1]))。"),
                    LinePlot(xLabel: Localized("step", zh: "步数"), yLabel: Localized(same: names.loss.text),
                             series: [LinePlot.Series(Localized(same: names.loss.text), points)], logY: logY))
        let first = losses[0], last = losses[losses.count - 1]
        if let diverged {
            page.warning("Training diverged at step \(diverged): the loss or a gradient stopped being a finite number, so training stopped there. A smaller learning rate avoids it.",
                         zh: "训练在第 \(diverged) 步发散：损失或某个梯度不再是有限的数，训练就此停止。把学习率调小可以避免。")
        }
        let trend: Localized = last < first
            ? Localized("fell from \(Self.fmt(first)) to \(Self.fmt(last)) (\(Self.fmt(100 * (first - last) / max(first, 1e-300)))% lower)", zh: "从 \(Self.fmt(first)) 降到 \(Self.fmt(last))（低了 \(Self.fmt(100 * (first - last) / max(first, 1e-300)))%）")
            : last > first ? Localized("rose from \(Self.fmt(first)) to \(Self.fmt(last))", zh: "从 \(Self.fmt(first)) 升到 \(Self.fmt(last))")
            : Localized("stayed at \(Self.fmt(first))", zh: "一直是 \(Self.fmt(first))")
        page.say("Over \(losses.count - 1) step\(losses.count == 2 ? "" : "s") the loss \(trend.en).", zh: "经过 \(losses.count - 1) 步，损失\(trend.zh)。")
        page.record("training_losses", losses)
        page.record("parameters_trained", net.parameters)
        return net
    }

    // MARK: Predictions

    func writePredictions(_ page: inout Page, network trained: WalkthroughNetwork) {
        guard !spec.testInputs.isEmpty else { return }
        page.section("Predictions", zh: "预测")
        let which = spec.update.steps > 0 ? Localized("the trained network", zh: "训练后的网络") : Localized("the network after the update", zh: "更新后的网络")
        page.say("What \(which.en) answers for the test inputs:", zh: "\(which.zh)对测试输入的回答：")
        let predictions = spec.testInputs.map(trained.predict)
        guard predictions.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            page.warning("The network's answers are not finite numbers: its parameters have blown up, so there is nothing to predict. A smaller learning rate avoids it.",
                         zh: "网络的输出已经不是有限的数：参数已经发散，无从预测。把学习率调小可以避免。")
            return
        }
        let classify = spec.loss == .softmaxCrossEntropy || (spec.loss == .binaryCrossEntropy && predictions[0].count == 1)
        var columns = [Localized("input", zh: "输入"), Localized("output", zh: "输出")]
        if classify { columns.append(Localized("class", zh: "类别")) }
        page.table(columns, zip(spec.testInputs, predictions).map { x, p in
            var row: [Table.Cell] = [.math(.elidedMatrix([x], rows: 1, columns: 6, digits: 6)), .math(.elidedMatrix([p], rows: 1, columns: 6, digits: 6))]
            if classify {
                let c = p.count == 1 ? (p[0] >= 0.5 ? 1 : 0) : SoftmaxCrossEntropy.argmax(Matrix(row: p))[0]
                row.append(.number(Double(c)))
            }
            return row
        })
        if classify {
            page.say("Classes are numbered from 0: the largest probability wins\(predictions[0].count == 1 ? " (for one sigmoid output: class 1 when the output is at least 0.5)" : "").",
                     zh: "类别从 0 开始编号：概率最大的类别胜出\(predictions[0].count == 1 ? "（只有一个 sigmoid 输出时：输出不小于 0.5 就是类别 1）" : "")。")
        }
        page.record("test_inputs", spec.testInputs)
        page.record("predictions", predictions)
    }
}
