import LonghandEngine
import Notebook

/// The problem: a too-flexible network fits the noise.
extension RegularizationLesson {
    /// Plain-network loss curves as plot series (train, validation, test).
    func lossSeries(_ r: RegularizedTraining.Result) -> [LinePlot.Series] {
        let its = r.recorded.map(Double.init)
        return [.init(Localized("training", zh: "训练集"), zip(its, r.trainLosses).map { LinePlot.Point($0, $1) }, color: 0),
                .init(Localized("validation", zh: "验证集"), zip(its, r.validationLosses).map { LinePlot.Point($0, $1) }, style: .dashed, color: 2),
                .init(Localized("test", zh: "测试集"), zip(its, r.testLosses).map { LinePlot.Point($0, $1) }, color: 1)]
    }

    /// A network's output over [−1, 1] as a curve.
    func curve(_ net: Network, count: Int = 161) -> [LinePlot.Point] {
        let xs = (0..<count).map { -1 + 2 * Double($0) / Double(count - 1) }
        let ys = net.predict(Matrix(column: xs)).values
        return zip(xs, ys).map { LinePlot.Point($0, $1) }
    }

    /// The training points and the true curve, the background of every fit figure.
    func dataSeries(_ train: RegularizedTraining.Samples, validation: RegularizedTraining.Samples? = nil) -> [LinePlot.Series] {
        var s: [LinePlot.Series] = [
            .init(Localized("sin(πx)", zh: "sin(πx)"), LinePlot.sample(-1...1) { Self.truth($0) }, style: .dashed, color: 6),
            .init(Localized("training points", zh: "训练点"), zip(train.inputs.values, train.targets.values).map { LinePlot.Point($0, $1) }, style: .points, color: 0),
        ]
        if let validation {
            s.append(.init(Localized("validation points", zh: "验证点"), zip(validation.inputs.values, validation.targets.values).map { LinePlot.Point($0, $1) },
                           style: .points, color: 2))
        }
        return s
    }

    func writeOverfitting(_ page: inout Page, _ ex: Experiment) {
        let (train, validation, _) = data
        let plain = ex.run("none").result
        page.say("""
            The third of the three classic problems in `002` is **overfitting**: the more parameters a model has, the closer it \
            can follow the data it knows, and for data it has not seen that can be a disaster. (`002`'s picture: after drawing a \
            thousand cats you are asked for a tiger, and you draw a cat.) Lists of remedies follow in `001` and `002`: a penalty \
            on the weights, dropout, early stopping, the max-norm constraint and more data. This lesson first makes overfitting \
            happen where it can be seen, then applies each remedy to the *same* data and measures what it buys.
            """, zh: """
            `002` 列出的三大问题中，第三个是**过拟合**：参数越多，模型越能贴合已知的数据，而对没见过的数据，这可能就是一场灾难。\
            （`002` 的比喻：画了一千只猫之后让你画老虎，你画出来的还是一只猫。）`001` 和 `002` 随后列出了对策：\
            给权重加惩罚项、dropout、提前停止、最大范数约束，以及补充数据。本课先让过拟合在看得见的地方发生，\
            再把每个对策用在*同一份*数据上，量一量它到底带来了什么。
            """)
        page.section("Overfitting, made visible", zh: "让过拟合看得见")
        page.say("""
            The data: \(points) points $x$ drawn uniformly from $[-1, 1]$, with $y = \\sin(\\pi x)$ plus noise of standard deviation \
            \(fmt(noise.value)). Another \(points) points, drawn the same way, form the validation set, and \(Self.testPoints) more the \
            test set. The model: a network 1 → \(hidden) → 1 with tanh hidden neurons and a linear output, \(hidden * 3 + 1) parameters \
            for \(points) points. Its hidden neurons start as steep steps (weights of standard deviation \(fmt(steepness.value))) placed \
            at random points of $[-1, 1]$, so it can bend sharply wherever it likes. Training is full-batch gradient descent, \
            $\\eta = \(fmt(learningRate.value))$, \(iterations) steps.
            """, zh: """
            数据：从 $[-1, 1]$ 中均匀抽取 \(points) 个 $x$，$y = \\sin(\\pi x)$ 再加上标准差为 \(fmt(noise.value)) 的噪声。\
            用同样的方法再抽 \(points) 个点作为验证集，另抽 \(Self.testPoints) 个作为测试集。模型：1 → \(hidden) → 1 的网络，\
            隐藏层用 tanh，输出层是线性的，一共 \(hidden * 3 + 1) 个参数，而数据只有 \(points) 个点。\
            隐藏神经元一开始是陡峭的台阶（权重的标准差为 \(fmt(steepness.value))），随机地放在 $[-1, 1]$ 中的各处，\
            所以网络想在哪里急转弯都可以。训练用全批量梯度下降，$\\eta = \(fmt(learningRate.value))$，共 \(iterations) 步。
            """)
        page.table([Localized("$i$", zh: "$i$"), Localized("$x_i$", zh: "$x_i$"), Localized("$y_i$", zh: "$y_i$"), Localized("$\\sin(\\pi x_i)$", zh: "$\\sin(\\pi x_i)$")],
                   (0..<points).map { i in
                       [.number(Double(i + 1)), .number(train.inputs[i, 0], digits: 4), .number(train.targets[i, 0], digits: 4), .number(Self.truth(train.inputs[i, 0]), digits: 4)]
                   }, caption: Localized("The training points", zh: "训练点"))
        page.record("train_x", train.inputs.values)
        page.record("train_y", train.targets.values)
        page.convention("""
            Every loss on this page is $C = \\frac{1}{n}\\sum_i \\frac{1}{2}(y_i - a_i)^2$ over the $n$ points of one set, computed with \
            the plain network (no dropout, no penalty), so that all remedies are compared on the same scale. A penalty is added \
            only to the objective that gradient descent minimises. Penalties act on weights, never on biases.
            """, zh: """
            本页所有损失都是 $C = \\frac{1}{n}\\sum_i \\frac{1}{2}(y_i - a_i)^2$，对某个集合的 $n$ 个点求平均，并且都用不带 dropout、\
            不加惩罚项的普通网络来算，这样各个对策才能在同一把尺子上比较。惩罚项只加在梯度下降所最小化的目标函数里。\
            惩罚项只作用于权重，从不作用于偏置。
            """)
        if let k = plain.divergedAt {
            page.warning("Training without a remedy diverged at step \(k): the loss exploded (beyond 10¹² or no longer a finite number), so training stopped there. The numbers below are those of the last step before it. Lower --learning-rate.",
                         zh: "不加任何对策的训练在第 \(k) 步发散了：损失爆炸（超过 10¹² 或不再是有限的数），训练就此停止。下面的数字取自发散前最后一次记录。请调小 --learning-rate。")
        }
        let minTest = plain.testLosses.min() ?? 0
        let minAt = Self.stepOfMinimum(plain)
        let finalTrain = plain.trainLosses.last ?? 0, finalTest = plain.testLosses.last ?? 0, firstTrain = plain.trainLosses.first ?? 0
        let firstValidation = plain.validationLosses.first ?? 0, firstTest = plain.testLosses.first ?? 0
        let plotTop = Self.lossTop([plain.testLosses.last ?? 0, plain.validationLosses.last ?? 0, minTest])
        let cutEn = max(firstTrain, firstValidation, firstTest) > plotTop
            ? " (the first steps, where the losses start at \(fmt(firstTrain)) for training, \(fmt(firstValidation)) for validation and \(fmt(firstTest)) for test, lie partly above the top of the plot)"
            : " (the losses start at \(fmt(firstTrain)) for training, \(fmt(firstValidation)) for validation and \(fmt(firstTest)) for test)"
        let cutZh = max(firstTrain, firstValidation, firstTest) > plotTop
            ? "（最初几步的损失分别从训练 \(fmt(firstTrain))、验证 \(fmt(firstValidation))、测试 \(fmt(firstTest)) 开始，部分超出了图的上沿）"
            : "（损失分别从训练 \(fmt(firstTrain))、验证 \(fmt(firstValidation))、测试 \(fmt(firstTest)) 开始）"
        let titleRises = finalTest > minTest * 1.2 && plain.divergedAt == nil
        page.figure("curves", title: titleRises ? Localized("Training loss falls, test loss rises", zh: "训练损失下降，测试损失上升")
                                                : Localized("Training, validation and test loss without a remedy", zh: "不加对策时的训练、验证和测试损失"),
                    description: Localized("Loss against gradient-descent step without any remedy\(cutEn): training loss goes from \(fmt(firstTrain)) to \(fmt(finalTrain)); test loss is lowest (\(fmt(minTest))) at step \(minAt) and ends at \(fmt(finalTest)).",
                                           zh: "不加任何对策时损失随梯度下降步数的变化\(cutZh)：训练损失从 \(fmt(firstTrain)) 变为 \(fmt(finalTrain))；测试损失在第 \(minAt) 步最低（\(fmt(minTest))），最后为 \(fmt(finalTest))。"),
                    LinePlot(xLabel: Localized("step", zh: "步数"), yLabel: Localized("loss", zh: "损失"), series: lossSeries(plain),
                             xRange: 0...Double(max(1, plain.recorded.last ?? 1)),
                             yRange: 0...plotTop))
        page.record("train_losses", plain.trainLosses)
        page.record("validation_losses", plain.validationLosses)
        page.record("test_losses", plain.testLosses)
        page.record("recorded_steps", plain.recorded.map(Double.init))
        page.record("min_test_loss", minTest)
        page.record("min_test_step", Double(minAt))
        let rises = titleRises && finalTrain < firstTrain && minAt > 0
        page.say(rises
                 ? "The training loss falls all the way, from \(fmt(firstTrain)) to \(fmt(finalTrain)). The test loss falls only until step \(minAt) (\(fmt(minTest))) and then **rises** to \(fmt(finalTest)): from there on every step fits the noise of the \(points) training points a little better and the truth a little worse. That is overfitting, in numbers."
                 : "The training loss goes from \(fmt(firstTrain)) to \(fmt(finalTrain)); the test loss is lowest at step \(minAt) (\(fmt(minTest))) and ends at \(fmt(finalTest))" + (titleRises ? "." : finalTest <= minTest ? ": it is still falling at the end, so the plain network does not overfit within these steps." : ", less than a fifth above its lowest value: with these settings the plain network does not overfit much."),
                 zh: rises
                 ? "训练损失一路下降，从 \(fmt(firstTrain)) 降到 \(fmt(finalTrain))。测试损失只降到第 \(minAt) 步（\(fmt(minTest))），随后**上升**到 \(fmt(finalTest))：从那以后，每一步都把 \(points) 个训练点里的噪声拟合得更好一点，把真实规律拟合得更差一点。这就是用数字表示的过拟合。"
                 : "训练损失从 \(fmt(firstTrain)) 变为 \(fmt(finalTrain))；测试损失在第 \(minAt) 步最低（\(fmt(minTest))），最后为 \(fmt(finalTest))" + (titleRises ? "。" : finalTest <= minTest ? "：它到最后仍在下降，所以在这些步数内普通网络没有过拟合。" : "，比最低点高出不到五分之一：在这组设置下，普通网络过拟合得并不厉害。"))
        page.figure("overfit", title: Localized("The overfitted network bends through the noise", zh: "过拟合的网络绕着噪声拐弯"),
                    description: Localized("The \(points) training points, the \(points) validation points, the true curve sin(πx) dashed, and the plain network after \(plain.recorded.last ?? iterations) steps.",
                                           zh: "\(points) 个训练点、\(points) 个验证点、虚线表示的真实曲线 sin(πx)，以及普通网络训练 \(plain.recorded.last ?? iterations) 步之后的曲线。"),
                    LinePlot(xLabel: Localized("x", zh: "x"), yLabel: Localized("y", zh: "y"),
                             series: dataSeries(train, validation: validation) + [.init(Localized("network, no remedy", zh: "网络，不加对策"), curve(ex.run("none").result.network), color: 1)],
                             xRange: -1...1, yRange: Self.plotRange(train, validation)))
    }

    /// The step at which one of a run's recorded losses (the test losses unless given) was lowest (0 when nothing was recorded).
    static func stepOfMinimum(_ r: RegularizedTraining.Result, _ losses: [Double]? = nil) -> Int {
        let values = losses ?? r.testLosses
        guard let m = values.min(), let i = values.firstIndex(of: m), i < r.recorded.count else { return 0 }
        return r.recorded[i]
    }

    /// The top of a loss plot's y axis: half as much again as the largest late loss, in steps of 0.05, so the
    /// interesting part is large (the first steps' high losses are cut off).
    static func lossTop(_ values: [Double]) -> Double {
        let m = values.filter(\.isFinite).max() ?? 0.1
        return max(0.05, (m * 1.5 / 0.05).rounded(.up) * 0.05)
    }

    /// A y range that shows the points and the true curve, with room for the legend.
    static func plotRange(_ sets: RegularizedTraining.Samples...) -> ClosedRange<Double> {
        let ys: [Double] = sets.flatMap { $0.targets.values } + [-1, 1]
        let lo: Double = (ys.min() ?? -1) - 0.3, hi: Double = (ys.max() ?? 1) + 0.9
        return lo.rounded(.down)...hi.rounded(.up)
    }
}
