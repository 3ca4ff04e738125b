import LessonKit
import LonghandEngine
import Notebook

// The second half of `backprop-by-hand`: one SGD step, training on all four people, exercises.
extension BackpropLesson {
    func writeStep(_ page: inout Page, _ w: Worked) {
        let eta = learningRate.value
        page.section("One step of stochastic gradient descent", zh: "走一步随机梯度下降")
        page.say("""
            Now move every parameter a little against its derivative. With learning rate $\\eta = \(fmt(eta))$ each parameter $p$ is \
            replaced by $p - \\eta\\,\\partial L/\\partial p$: a positive derivative lowers the parameter, a negative one raises it, \
            and either way the loss goes down (for a small enough $\\eta$). Updating after each single example is what the article \
            calls stochastic gradient descent (SGD).
            """, zh: """
            现在让每个参数都朝它的导数的反方向挪一小步。学习率取 $\\eta = \(fmt(eta))$，每个参数 $p$ 都换成 \
            $p - \\eta\\,\\partial L/\\partial p$：导数为正，参数就减小；导数为负，参数就增大；\
            两种情况下损失都会下降（只要 $\\eta$ 足够小）。每看一个样本就更新一次，这就是原文说的随机梯度下降（SGD）。
            """)
        page.equation(tex: "w_1 \\leftarrow w_1 - \\eta \\frac{\\partial L}{\\partial w_1}", text: "w1 ← w1 − η·∂L/∂w1")
        let before = w.net.parameters, g = w.back.gradient
        var after = before, descent = GradientDescentOptimizer(learningRate: eta)
        descent.step(&after, g)
        page.step(nil, .symbol(tex: "w_1", text: "w1"), [.difference(.n(before[0]), .product([.n(eta), .n(g[0])]))], value: after[0])
        page.say("All nine parameters in the same way:", zh: "九个参数都这样更新：")
        page.table([Localized("parameter", zh: "参数"), Localized("before", zh: "更新前"), Localized("$\\partial L / \\partial p$", zh: "$\\partial L / \\partial p$"),
                    Localized("$p - \\eta\\,\\partial L/\\partial p$", zh: "$p - \\eta\\,\\partial L/\\partial p$"), Localized("after", zh: "更新后")],
                   (0..<9).map { k in
                       [.math(.symbol(tex: Self.texNames[k], text: Self.names[k])), .number(before[k]), .number(g[k]),
                        .math(.difference(.n(before[k]), .product([.n(eta), .n(g[k])]))), .number(after[k], digits: 8)]
                   })
        let stepped = SigmoidNetwork(sizes: Self.sizes, parameters: after)
        let newPrediction = stepped.predict(w.x)[0]
        let newLoss = SigmoidNetwork.squaredError(target: [w.y], prediction: [newPrediction])
        page.step("ypred_after_step", Sym.yhat, [.sigma(.n(stepped.forward(w.x).z[1][0]))], value: newPrediction)
        page.step("loss_after_step", .sym("L"), [.power(.group(.difference(.n(w.y), .n(newPrediction))), .n(2))], value: newLoss)
        // Printed with the digits that tell them apart, so "fell" never stands between two equal-looking numbers.
        let (lossBefore, lossAfter) = NumberFormat.apart(w.loss, newLoss)
        let direction = newLoss < w.loss
            ? Localized("fell from $\(lossBefore)$ to", zh: "从 $\(lossBefore)$ 降到")
            : newLoss > w.loss ? Localized("rose from $\(lossBefore)$ to", zh: "从 $\(lossBefore)$ 升到")
            : Localized("did not change: $\(lossBefore)$ before and", zh: "没有变：之前是 $\(lossBefore)$，之后仍是")
        let tooLarge = newLoss >= w.loss
            ? Localized(" This $\\eta$ is too large for the step to go downhill.", zh: "对这一步来说，这个 $\\eta$ 太大了，没能往下走。")
            : Localized("", zh: "")
        page.say("""
            Alice's loss \(direction.en) $\(lossAfter)$, a change of $\(fmt(newLoss - w.loss))$. \
            Gradient descent predicts the change to first order as $-\\eta \\sum_p (\\partial L/\\partial p)^2 = \(fmt(-eta * g.reduce(0) { $0 + $1 * $1 }))$.\(tooLarge.en)
            """, zh: """
            Alice 的损失\(direction.zh) $\(lossAfter)$，变化量为 $\(fmt(newLoss - w.loss))$。\(tooLarge.zh)\
            一阶近似预计的变化量是 $-\\eta \\sum_p (\\partial L/\\partial p)^2 = \(fmt(-eta * g.reduce(0) { $0 + $1 * $1 }))$。
            """)
        page.record("parameters_after_step", after)
        page.record("predicted_loss_change", -eta * g.reduce(0) { $0 + $1 * $1 })
    }

    /// Trains the network and returns the final loss.
    func writeTraining(_ page: inout Page) -> Double {
        let eta = learningRate.value
        page.section("Training on all four people", zh: "用四个人的数据训练")
        page.say("""
            The article's training loop: start from random weights, then, epoch after epoch, take Alice, Bob, Charlie and Diana in \
            turn and make one SGD step on each person's own loss $(y - \\hat y)^2$. Every 10 epochs it measures the loss on the whole \
            data set. Here the starting weights are drawn from the normal distribution $N(0, 1)$ by a seeded generator \
            (seed \(seed)), in the order $w_1, \\ldots, w_6, b_1, b_2, b_3$.
            """, zh: """
            原文的训练过程：先随机初始化权重，然后一轮接一轮地依次取 Alice、Bob、Charlie、Diana，\
            对每个人自己的损失 $(y - \\hat y)^2$ 走一步 SGD。每 10 轮在整个数据集上计算一次损失。\
            这里的初始权重由带种子的随机数生成器（种子 \(seed)）按 $w_1, \\ldots, w_6, b_1, b_2, b_3$ 的顺序从正态分布 $N(0, 1)$ 中抽取。
            """)
        page.convention("""
            Per-sample SGD: within an epoch the four people are visited in the table's order (no shuffling, as in the article's code), \
            and each update uses that person's gradient alone. The loss curve is the mean squared error over all four after each \
            10th epoch (epoch 0 is before training).
            """, zh: """
            逐样本 SGD：每一轮按表中顺序依次访问四个人（和原文代码一样不打乱顺序），每次更新只用这一个人的梯度。\
            损失曲线记录的是每满 10 轮后四个人的均方误差（第 0 轮指训练之前）。
            """)
        var random = SeededRandom(seed: UInt64(seed))
        let start = SigmoidNetwork(sizes: Self.sizes, random: &random)
        let training = SGD(learningRate: eta).train(start, inputs: Self.inputs, targets: Self.targets, epochs: epochs, recordEvery: 10)
        let final = training.network
        page.table([Localized("parameter", zh: "参数"), Localized("start", zh: "初始值"), Localized("after training", zh: "训练后")],
                   (0..<9).map { k in [.math(.symbol(tex: Self.texNames[k], text: Self.names[k])), .number(start.parameters[k]), .number(final.parameters[k])] })
        page.record("initial_parameters", start.parameters)
        page.record("final_parameters", final.parameters)

        // The gradient of the whole data set's loss at the random start, checked numerically.
        let g = start.gradient(inputs: Self.inputs, targets: Self.targets)
        let entries = GradientCheck.compare(analytic: g, at: start.parameters) { q in
            SigmoidNetwork(sizes: Self.sizes, parameters: q).meanSquaredError(inputs: Self.inputs, targets: Self.targets)
        }
        let worst = entries.map(\.relativeError).max() ?? 0
        page.say("""
            Before training, check the backward pass once more, this time on the loss of the whole data set at the random start \
            (its gradient is the mean of the four people's gradients):
            """, zh: """
            训练之前再核对一次反向传播，这次针对随机初始点上整个数据集的损失（它的梯度是四个人梯度的平均）：
            """)
        page.table(Self.checkColumns, Self.checkRows(entries))
        page.record("training_gradient_check_relative_errors", entries.map(\.relativeError))
        page.record("training_gradient_check_max_relative_error", worst)
        page.say("Largest relative error: $\(Self.tex(worst))$.", zh: "最大相对误差：$\(Self.tex(worst))$。")

        let losses = training.curve.map(\.loss)
        page.record("loss_curve_epochs", training.curve.map { Double($0.epoch) })
        page.record("loss_curve", losses)
        page.record("initial_loss", losses.first ?? .nan)
        page.record("final_loss", training.finalLoss)
        let fell = training.finalLoss < (losses.first ?? 0)
        page.figure("loss", title: fell ? Localized("The loss falls as the network learns", zh: "网络学习时损失逐渐下降")
                                        : Localized("The loss during training does not end lower than it started", zh: "训练结束时损失并不比开始时低"),
                    description: Localized("Mean squared error over the four people, measured every 10 epochs of per-sample SGD with learning rate \(fmt(eta)) and seed \(seed): from \(fmt(losses.first ?? 0)) before training to \(fmt(training.finalLoss)) after \(epochs) epochs.",
                                           zh: "逐样本 SGD（学习率 \(fmt(eta))，种子 \(seed)）每 10 轮测一次四个人的均方误差：训练前是 \(fmt(losses.first ?? 0))，\(epochs) 轮后是 \(fmt(training.finalLoss))。"),
                    LinePlot(xLabel: Localized("epoch", zh: "轮次"), yLabel: Localized("MSE loss", zh: "均方误差损失"),
                             series: [.init(Localized("loss", zh: "损失"), training.curve.map { .init(Double($0.epoch), $0.loss) }, color: 0)],
                             yRange: 0...max(0.05, Ticks.niceRange(losses).upperBound)))
        page.say("""
            The loss starts at $\(fmt(losses.first ?? 0))$ and after \(epochs) epoch\(epochs == 1 ? "" : "s") is $\(fmt(training.finalLoss))$. \
            The trained network's predictions:
            """, zh: """
            损失一开始是 $\(fmt(losses.first ?? 0))$，\(epochs) 轮之后是 $\(fmt(training.finalLoss))$。训练好的网络给出的预测：
            """)
        let trainedPredictions = Self.inputs.map { final.predict($0)[0] }
        page.table([Localized("name", zh: "姓名"), Localized("$x$", zh: "$x$"), Localized("$y$", zh: "$y$"), Localized("$\\hat y$", zh: "$\\hat y$")],
                   zip(Self.people, trainedPredictions).map { person, yhat in
                       [.text(person.name), .math(Self.point(person.input)), .number(person.female ?? 0), .number(yhat)]
                   })
        page.record("predictions", trainedPredictions)
        writeSamePrediction(&page, final)

        page.subsection("Two new people", zh: "两个新面孔")
        page.say("""
            The article then asks about two people the network has never seen: Emily (\(fmt(Self.emily.weight)) lb, \(fmt(Self.emily.height)) in) \
            and Frank (\(fmt(Self.frank.weight)) lb, \(fmt(Self.frank.height)) in). Their forward passes through the trained network:
            """, zh: """
            原文接着问了两个网络从没见过的人：Emily（\(fmt(Self.emily.weight)) 磅，\(fmt(Self.emily.height)) 英寸）\
            和 Frank（\(fmt(Self.frank.weight)) 磅，\(fmt(Self.frank.height)) 英寸）。他们在训练好的网络里的前向传播：
            """)
        for (person, key) in [(Self.emily, "emily"), (Self.frank, "frank")] {
            let f = final.forward(person.input)
            let q = final.parameters
            let who = person.name.en
            page.step(nil, .raw(tex: "h_1(\\text{\(who)})", text: "h1(\(who))"),
                      [.sigma(Self.weightedSum4([q[0], q[1]], person.input, q[6]))], value: f.a[0][0], digits: 4)
            page.step(nil, .raw(tex: "h_2(\\text{\(who)})", text: "h2(\(who))"),
                      [.sigma(Self.weightedSum4([q[2], q[3]], person.input, q[7]))], value: f.a[0][1], digits: 4)
            page.step(nil, .raw(tex: "z_3(\\text{\(who)})", text: "z3(\(who))"),
                      [Self.weightedSum4([q[4], q[5]], f.a[0], q[8])], value: f.z[1][0], digits: 4)
            page.step(key, .raw(tex: "\\hat y(\\text{\(who)})", text: "ŷ(\(who))"), [.sigma(.number(f.z[1][0], digits: 4))], value: f.output[0], digits: 4)
        }
        let e = final.predict(Self.emily.input)[0], fr = final.predict(Self.frank.input)[0]
        let agrees = e > 0.5 && fr < 0.5
        page.say("""
            Emily gets $\(Self.fmt4(e))$ (\(e > 0.5 ? "female" : "male")) and Frank $\(Self.fmt4(fr))$ (\(fr > 0.5 ? "female" : "male")). \
            The article reports 0.951 and 0.039 from its own unseeded random start; \(agrees
                ? "a different start lands on different weights, but on the same verdicts."
                : "this start ended somewhere else: try another --seed or more --epochs.")
            """, zh: """
            Emily 得到 $\(Self.fmt4(e))$（\(e > 0.5 ? "判为女性" : "判为男性")），Frank 得到 $\(Self.fmt4(fr))$（\(fr > 0.5 ? "判为女性" : "判为男性")）。\
            原文从它自己未设种子的随机起点出发，报告的是 0.951 和 0.039；\(agrees
                ? "起点不同，学到的权重也不同，但结论相同。"
                : "这个起点走到了别处：可以换一个 --seed 或增加 --epochs 再试。")
            """)
        return training.finalLoss
    }

    func writeExercises(_ page: inout Page, trainedLoss: Double) {
        let ones = SigmoidNetwork(sizes: Self.sizes, weight: 1, bias: 0)
        page.exercise("With every weight 1 and every bias 0, take Bob alone. What are $\\hat y$ and $\\partial L/\\partial w_1$? Why is the derivative so small?",
                      zh: "权重全为 1、偏置全为 0，只看 Bob 一个人。$\\hat y$ 和 $\\partial L/\\partial w_1$ 各是多少？这个导数为什么这么小？") { s in
            let x = Self.people[1].input, y = Self.people[1].female ?? 0
            let f = ones.forward(x)
            let b = ones.backward(f, dOutput: SigmoidNetwork.squaredErrorDerivative(target: [y], prediction: f.output))
            s.step("z1", Sym.z(1), [.weightedSum(weights: [1, 1], inputs: x, bias: 0)], value: f.z[0][0])
            s.step("h1", Sym.h(1), [.sigma(.n(f.z[0][0]))], value: f.a[0][0])
            s.step("ypred", Sym.yhat, [.sigma(.sum([.n(f.a[0][0]), .n(f.a[0][1])]))], value: f.output[0])
            let sp1 = Activation.sigmoid.derivative(f.z[0][0])
            // h1 prints as 1, so h1(1 − h1) would read as 0: show the exponential form instead.
            s.step("sigmoid_prime_z1", .raw(tex: "\\sigma'(z_1)", text: "σ′(z1)"),
                   [.quotient(.exp(.n(-f.z[0][0])), .power(.group(.sum([.n(1), .exp(.n(-f.z[0][0]))])), .n(2)))], value: sp1)
            s.step("dL_dw1", Sym.d("L", "w_1", "L", "w1"),
                   [.product([Sym.d("L", "\\hat y", "L", "ŷ"), .raw(tex: "\\sigma'(z_3)", text: "σ′(z3)"), Sym.w(5), .symbol(tex: "x_1", text: "x1"), .raw(tex: "\\sigma'(z_1)", text: "σ′(z1)")]),
                    .product([.n(b.dA[1][0]), .n(f.a[1][0] * (1 - f.a[1][0])), .n(1), .n(x[0]), .n(sp1)])], value: b.dWeights[0][0][0])
            s.say("""
                Bob's weighted input $z_1 = \(fmt(f.z[0][0]))$ is far out on the flat part of the sigmoid, where $\\sigma'(z_1)$ is almost 0: \
                the neuron is *saturated*, and almost no gradient flows back through it. This is why inputs are shifted and \
                weights start small.
                """, zh: """
                Bob 的加权输入 $z_1 = \(fmt(f.z[0][0]))$ 落在 sigmoid 曲线远端的平坦处，那里 $\\sigma'(z_1)$ 几乎为 0：\
                这个神经元*饱和*了，几乎没有梯度能传回去。这正是要平移输入、让权重从小值开始的原因。
                """)
        }
        let small = SigmoidNetwork(sizes: Self.sizes, weight: 0.1, bias: 0)
        page.exercise("Now let every weight be 0.1 and every bias 0, and take Diana alone ($y = 1$). Compute $\\partial L/\\partial w_5$, $\\partial L/\\partial b_3$ and $\\partial L/\\partial w_1$, and check all nine gradients by central differences.",
                      zh: "现在把所有权重设为 0.1、偏置设为 0，只看 Diana（$y = 1$）。求 $\\partial L/\\partial w_5$、$\\partial L/\\partial b_3$ 和 $\\partial L/\\partial w_1$，并用中心差分核对全部九个梯度。") { s in
            let x = Self.people[3].input, y = Self.people[3].female ?? 0
            let f = small.forward(x)
            let b = small.backward(f, dOutput: SigmoidNetwork.squaredErrorDerivative(target: [y], prediction: f.output))
            let q = small.parameters
            let yhat = f.output[0], h1 = f.a[0][0]
            s.step("z1", Sym.z(1), [.weightedSum(weights: [q[0], q[1]], inputs: x, bias: q[6])], value: f.z[0][0])
            s.step("h1", Sym.h(1), [.sigma(.n(f.z[0][0]))], value: h1)
            s.step("z3", Sym.z(3), [.weightedSum(weights: [q[4], q[5]], inputs: f.a[0], bias: q[8])], value: f.z[1][0])
            s.step("ypred", Sym.yhat, [.sigma(.n(f.z[1][0]))], value: yhat)
            s.step("dL_dypred", Sym.d("L", "\\hat y", "L", "ŷ"), [.product([.n(-2), .group(.difference(.n(y), .n(yhat)))])], value: b.dA[1][0])
            s.step("delta3", .raw(tex: "\\delta_3", text: "δ3"), [.product([.n(b.dA[1][0]), .n(yhat * (1 - yhat))])], value: b.dZ[1][0])
            s.step("dL_dw5", Sym.d("L", "w_5", "L", "w5"), [.product([.raw(tex: "\\delta_3", text: "δ3"), Sym.h(1)]), .product([.n(b.dZ[1][0]), .n(h1)])], value: b.dWeights[1][0][0])
            s.step("dL_db3", Sym.d("L", "b_3", "L", "b3"), [.raw(tex: "\\delta_3", text: "δ3")], value: b.dBiases[1][0])
            s.step("delta1", .raw(tex: "\\delta_1", text: "δ1"), [.product([.raw(tex: "\\delta_3", text: "δ3"), Sym.w(5), .raw(tex: "\\sigma'(z_1)", text: "σ′(z1)")]),
                                                                  .product([.n(b.dZ[1][0]), .n(q[4]), .n(h1 * (1 - h1))])], value: b.dZ[0][0])
            s.step("dL_dw1", Sym.d("L", "w_1", "L", "w1"), [.product([.raw(tex: "\\delta_1", text: "δ1"), .symbol(tex: "x_1", text: "x1")]), .product([.n(b.dZ[0][0]), .n(x[0])])], value: b.dWeights[0][0][0])
            let check = GradientCheck.compare(analytic: b.gradient, at: q) { p in
                SigmoidNetwork(sizes: Self.sizes, parameters: p).meanSquaredError(inputs: [x], targets: [[y]])
            }
            s.table(Self.checkColumns, Self.checkRows(check))
            s.record("gradient_check_max_relative_error", check.map(\.relativeError).max() ?? 0)
        }
        page.exercise("Train again from the same seeded start, but with learning rate 0.01. What is the loss after 1000 epochs, and what does the network say about Emily?",
                      zh: "从同一个带种子的起点重新训练，但把学习率改成 0.01。1000 轮之后损失是多少？网络对 Emily 的判断是什么？") { s in
            var random = SeededRandom(seed: UInt64(seed))
            let start = SigmoidNetwork(sizes: Self.sizes, random: &random)
            let slow = SGD(learningRate: 0.01).train(start, inputs: Self.inputs, targets: Self.targets, epochs: 1000, recordEvery: 100)
            s.table([Localized("epoch", zh: "轮次"), Localized("MSE loss", zh: "均方误差损失")],
                    slow.curve.map { [.number(Double($0.epoch)), .number($0.loss)] })
            let e = slow.network.predict(Self.emily.input)[0]
            let verdict = Self.slowRunVerdict(slowLoss: slow.finalLoss, curve: slow.curve.map(\.loss), trainedLoss: trainedLoss,
                                              learningRate: learningRate.value, epochs: epochs)
            s.say("""
                After 1000 epochs the loss is $\(fmt(slow.finalLoss))$ (against $\(fmt(trainedLoss))$ with $\\eta = \(fmt(learningRate.value))$ \
                and \(epochs) epoch\(epochs == 1 ? "" : "s") above), and Emily gets $\\hat y = \(Self.fmt4(e))$. \(verdict.en)
                """, zh: """
                1000 轮之后损失是 $\(fmt(slow.finalLoss))$（上文取 $\\eta = \(fmt(learningRate.value))$、训练 \(epochs) 轮时是 $\(fmt(trainedLoss))$），\
                Emily 得到 $\\hat y = \(Self.fmt4(e))$。\(verdict.zh)
                """)
            s.record("final_loss", slow.finalLoss)
            s.record("emily", e)
        }
    }

    /// What the η = 0.01 run of exercise 3 shows against the lesson's own run, in words chosen from the numbers:
    /// the ratio of the two rates, which run ends lower, and whether the slow run is still falling at epoch 1000.
    static func slowRunVerdict(slowLoss: Double, curve: [Double], trainedLoss: Double, learningRate eta: Double, epochs: Int) -> Localized {
        let ratio = eta / 0.01
        let size: Localized
        if ratio > 1 {
            size = Localized("With steps \(fmt(ratio)) times smaller than above,", zh: "步长只有上文的 \(fmt(1 / ratio))")
        } else if ratio < 1 {
            size = Localized("With steps \(fmt(1 / ratio)) times larger than above,", zh: "步长是上文的 \(fmt(1 / ratio)) 倍")
        } else {
            size = Localized("With steps the same size as above,", zh: "步长与上文相同")
        }
        let order: Localized
        if slowLoss > trainedLoss {
            order = Localized("this run ends higher than the one above", zh: "最后的损失比上文那次训练高")
        } else if slowLoss < trainedLoss {
            order = Localized("this run ends lower than the one above", zh: "最后的损失比上文那次训练低")
        } else {
            order = Localized("this run ends at the same loss as the one above", zh: "最后的损失与上文那次训练相同")
        }
        // Still falling: the last recorded stretch (100 epochs) lowered the loss by more than 1%.
        let tail = curve.suffix(2)
        let stillFalling = tail.count == 2 && tail.last! < tail.first! * 0.99
        let trend = stillFalling
            ? Localized(", and the loss is still falling at epoch 1000: a thousand epochs are not enough to reach the bottom.",
                        zh: "；而且到第 1000 轮损失还在下降：一千轮还走不到谷底。")
            : Localized(", and by epoch 1000 the loss has levelled off.", zh: "；到第 1000 轮损失已基本不再变化。")
        return Localized(size.en + " " + order.en + trend.en, zh: size.zh + "，" + order.zh + trend.zh)
    }

    /// w·x + b written out with four significant digits, to keep a trained network's steps on one line.
    static func weightedSum4(_ w: [Double], _ x: [Double], _ b: Double) -> Expr {
        .sum(zip(w, x).map { Expr.product([.number($0, digits: 4), .number($1, digits: 4)]) } + [.number(b, digits: 4)])
    }

    /// A point (x1, x2) as math.
    static func point(_ x: [Double]) -> Expr {
        .raw(tex: "(\(x.map(fmt).joined(separator: ", ")))", text: "(\(x.map(fmt).joined(separator: ", ")))")
    }
}
