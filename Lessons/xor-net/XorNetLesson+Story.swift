import LonghandEngine
import Notebook

/// Why one perceptron fails, the network, its training and its trained forward pass.
extension XorNetLesson {
    func writeWhyNot(_ page: inout Page) -> [Double] {
        page.say("""
            XOR (exclusive or) outputs 1 when exactly one of its two inputs is 1. Source text `000` recalls that in 1969 \
            Minsky showed perceptrons cannot solve even this problem, a result that stalled neural-network research for \
            years; `002` answers that a network with one hidden layer can already fit almost any function. This lesson \
            watches both claims come true in numbers.
            """, zh: """
            异或（XOR）在两个输入恰有一个为 1 时输出 1。原文 `000` 提到，1969 年 Minsky 证明了感知机连这个问题都解决不了，\
            这一结论让神经网络研究沉寂了好些年；`002` 则说，只有一个隐藏层的网络就已经能拟合几乎任何函数。本课用数字把这两句话都验证一遍。
            """)
        page.section("Why one perceptron cannot", zh: "为什么一个感知机做不到")
        page.say("""
            The perceptron lesson proved it: XOR needs $b \\le 0$ for $(0,0)$, $w_1 + b > 0$ and $w_2 + b > 0$ for $(1,0)$ and \
            $(0,1)$, and $w_1 + w_2 + b \\le 0$ for $(1,1)$; adding the middle two gives $w_1 + w_2 + b > -b \\ge 0$, a contradiction. \
            No straight line has $(0,1)$ and $(1,0)$ on one side and $(0,0)$ and $(1,1)$ on the other.
            """, zh: """
            感知机那一课已经证明过：XOR 要求 $(0,0)$ 处 $b \\le 0$，$(1,0)$ 和 $(0,1)$ 处 $w_1 + b > 0$、$w_2 + b > 0$，\
            $(1,1)$ 处 $w_1 + w_2 + b \\le 0$；把中间两式相加得 $w_1 + w_2 + b > -b \\ge 0$，自相矛盾。\
            没有哪条直线能让 $(0,1)$、$(1,0)$ 在一边，而 $(0,0)$、$(1,1)$ 在另一边。
            """)
        let rule = Perceptron(weights: [0, 0], bias: 0).train(inputs: Self.inputs.nested, targets: Self.targets, learningRate: 1, maxEpochs: 100)
        if let cycle = rule.cycle {
            page.say("Run again here, the perceptron rule from $w = (0, 0)$, $b = 0$ returns at epoch \(cycle.repeat) to the weights it had at the start of epoch \(cycle.first), so it cycles forever.",
                     zh: "在这里再跑一次：感知机规则从 $w = (0, 0)$、$b = 0$ 出发，第 \(cycle.repeat) 轮开始时的权重又回到了第 \(cycle.first) 轮开始时的样子，于是永远打转。")
            page.record("perceptron_cycle", [Double(cycle.first), Double(cycle.repeat)])
        }
        let single = Network(layers: [Dense(weights: Matrix(rows: 2, columns: 1), bias: Matrix(rows: 1, columns: 1), activation: .sigmoid)])
        var random = SeededRandom(seed: UInt64(seed))
        let singleStart = single.with(parameters: single.parameters.map { _ in random.normal() })
        let singleRun = Self.train(singleStart, learningRate: learningRate.value, iterations: iterations)
        let out = singleRun.finalOutputs
        let singleVerdict = Self.singleNeuronVerdict(out)
        page.say("""
            A smooth sigmoid neuron cannot solve XOR either: read as 1 above 0.5, it is still one straight line. Trained by the same gradient descent as the network below \
            ($\\eta = \(fmt(learningRate.value))$, \(iterations) steps, seed \(seed)), its outputs for $(0,0), (0,1), (1,0), (1,1)$ end at \
            \(MatrixExpr.list(out, digits: 3)) and its cost at \(fmt(singleRun.training.finalLoss)): \(singleVerdict.en) \
            It gets \(Self.correct(out)) of 4 right.
            """, zh: """
            换成光滑的 sigmoid 神经元同样解决不了 XOR：输出大于 0.5 读作 1，它依然只是一条直线。用与下面网络相同的梯度下降训练它（$\\eta = \(fmt(learningRate.value))$，\(iterations) 步，种子 \(seed)），\
            它在 $(0,0), (0,1), (1,0), (1,1)$ 上的输出最终为 \(MatrixExpr.list(out, digits: 3))，代价为 \(fmt(singleRun.training.finalLoss))：\
            \(singleVerdict.zh)四个样本答对 \(Self.correct(out)) 个。
            """)
        page.record("single_neuron_loss", singleRun.training.finalLoss)
        page.record("single_neuron_outputs", out)
        page.erratum("""
            `000` calls the book *Perceptron* and credits Minsky alone. The book is *Perceptrons* (1969) by Marvin Minsky \
            and Seymour Papert, and what it proves is about **single-layer** perceptrons: a network with a hidden layer, \
            like the one below, computes XOR without difficulty.
            """, zh: """
            `000` 把书名写作《Perceptron》，并只提到 Minsky 一人。这本书是 Marvin Minsky 与 Seymour Papert 合著的 \
            *Perceptrons*（1969）；书中证明的局限针对的是**单层**感知机，像下面这样带隐藏层的网络可以毫不费力地算出 XOR。
            """)
        return singleRun.training.losses
    }

    func writeNetwork(_ page: inout Page, _ run: Run) {
        let sizeText = sizes.map(String.init).joined(separator: "-")
        page.section("A \(sizeText) network", zh: "一个 \(sizeText) 网络")
        page.say("""
            Put a hidden layer in between: \(hidden.values.map { fmt($0) }.joined(separator: ", ")) \(activation.displayName) unit\(hidden.values == [1] ? "" : "s"), then one sigmoid \
            output read as 1 when it is above 0.5. The starting weights are drawn from $N(0, 1)$ with seed \(seed) \
            (the texts' "random numbers"); the biases start at 0.
            """, zh: """
            在中间加一个隐藏层：\(hidden.values.map { fmt($0) }.joined(separator: "、")) 个 \(activation.displayName) 单元，再接一个 sigmoid 输出，\
            输出大于 0.5 就读作 1。初始权重取自 $N(0, 1)$（种子 \(seed)，即原文所说的“随机数”），偏置从 0 开始。
            """)
        page.convention("""
            The cost is the mean over the four examples of $(y - a)^2 / 2$, that is $C = \\frac{1}{2n}\\sum_x (y - a)^2$ with \
            $n = 4$ (`000`'s quadratic cost). Labels are 0 and 1; an output above 0.5 counts as 1. Training is full-batch \
            gradient descent: one backward pass over all four examples, then every weight moves together.
            """, zh: """
            代价取四个样本上 $(y - a)^2 / 2$ 的平均，即 $C = \\frac{1}{2n}\\sum_x (y - a)^2$，$n = 4$（即 `000` 的二次代价函数）。\
            标签为 0 和 1；输出大于 0.5 记为 1。训练采用全批量梯度下降：对四个样本做一次反向传播，然后所有权重一起更新。
            """)
        for (l, layer) in run.start.layers.enumerated() {
            page.fittedStep(.symbol(tex: "W^{\(l + 1)}_{\(MathWords.text("start", zh: "初始"))}", text: "W\(l + 1) start"), [MatrixExpr.m(layer.weights)])
            page.record("W\(l + 1)_start", layer.weights.nested)
        }
        let e = run.start.evaluate(Self.inputs, Self.objective)
        let check = run.start.gradientCheck(Self.inputs, Self.objective)
        let worst = check.map(\.maxRelativeError).max() ?? 0
        let parameterCount = check.flatMap(\.entries).count
        page.say("""
            At the start the outputs for the four inputs are \(MatrixExpr.list(e.forward.output.values, digits: 3)) and the cost is \(fmt(e.loss)). \
            The backward pass is the one from the previous lesson, on a batch of four rows; its \(parameterCount) gradients agree \
            with central differences to a relative error of at most \(NumberFormat.short(worst, significant: 2)).
            """, zh: """
            开始时四个输入的输出为 \(MatrixExpr.list(e.forward.output.values, digits: 3))，代价为 \(fmt(e.loss))。\
            反向传播就是上一课的那一套，只是批量有四行；算出的 \(parameterCount) 个梯度与中心差分相比，相对误差最大为 \
            \(NumberFormat.short(worst, significant: 2))。
            """)
        page.record("initial_loss", e.loss)
        page.record("initial_outputs", e.forward.output.values)
        page.record("max_relative_error", worst)
    }

    /// How close the single neuron's outputs are to answering 0.5 everywhere, the best a single line can do.
    static func singleNeuronVerdict(_ out: [Double]) -> Localized {
        if out.allSatisfy({ abs($0 - 0.5) < 0.05 }) {
            return Localized("it has drifted to answering about 0.5 everywhere (cost $1/8 = 0.125$), the best a single line can do.",
                             zh: "它已经趋向于处处回答 0.5 左右（代价 $1/8 = 0.125$），这已是一条直线所能做到的最好结果。")
        }
        return Localized("whatever its weights, a single neuron's cost cannot go below $1/8 = 0.125$ (answering 0.5 everywhere), the best a single line can do.",
                         zh: "不论权重取什么，单个神经元的代价都不可能低于 $1/8 = 0.125$（即处处回答 0.5），这已是一条直线所能做到的最好结果。")
    }

    func writeTraining(_ page: inout Page, _ run: Run, singleNeuronLosses: [Double]) {
        page.section("Training", zh: "训练")
        let eta = learningRate.value
        page.say("Gradient descent with $\\eta = \(fmt(eta))$ for \(iterations) steps. Outputs for $(0,0), (0,1), (1,0), (1,1)$ along the way:",
                 zh: "用 $\\eta = \(fmt(eta))$ 做 \(iterations) 步梯度下降。途中 $(0,0), (0,1), (1,0), (1,1)$ 的输出如下：")
        var rows: [[Table.Cell]] = run.snapshots.map { step, out in
            [.number(Double(step)), .number(run.training.losses[step], digits: 4)] + out.map { .number($0, digits: 3) } + [.number(Double(Self.correct(out)))]
        }
        let final = run.finalOutputs
        rows.append([.number(Double(iterations)), .number(run.training.finalLoss, digits: 4)] + final.map { .number($0, digits: 3) } + [.number(Double(Self.correct(final)))])
        page.table([Localized("step", zh: "步数"), Localized("cost $C$", zh: "代价 $C$"), Localized("$(0,0)$", zh: "$(0,0)$"),
                    Localized("$(0,1)$", zh: "$(0,1)$"), Localized("$(1,0)$", zh: "$(1,0)$"), Localized("$(1,1)$", zh: "$(1,1)$"),
                    Localized("correct", zh: "答对")], rows)
        if let k = run.firstPerfect {
            let costAtK = k < run.training.losses.count ? run.training.losses[k] : run.training.finalLoss
            let after = run.training.finalLoss < costAtK
                ? Localized("the cost then falls further, from \(fmt(costAtK)) to \(fmt(run.training.finalLoss)), as the outputs move towards 0 and 1.",
                            zh: "此后代价从 \(fmt(costAtK)) 继续下降到 \(fmt(run.training.finalLoss))，输出也越来越接近 0 和 1。")
                : Localized("the cost ends at \(fmt(run.training.finalLoss)), against \(fmt(costAtK)) at that step.",
                            zh: "代价最后是 \(fmt(run.training.finalLoss))，那一步时是 \(fmt(costAtK))。")
            if run.stayedPerfect {
                page.say("From step \(k) on all four answers are right (outputs on the correct side of 0.5); " + after.en,
                         zh: "从第 \(k) 步起四个答案全对（输出都落在 0.5 的正确一侧）；" + after.zh)
            } else {
                page.say("At step \(k) all four answers are right for the first time, but not at every step after it: with $\\eta = \(fmt(eta))$ the outputs swing back across 0.5, and after \(iterations) steps \(Self.correct(final)) of 4 are right; " + after.en,
                         zh: "第 \(k) 步第一次四个答案全对，但之后并不是每一步都全对：$\\eta = \(fmt(eta))$ 时输出又摆回 0.5 的另一侧，\(iterations) 步之后答对 \(Self.correct(final)) 个；" + after.zh)
            }
            page.record("first_perfect_iteration", Double(k))
        } else {
            page.say("After \(iterations) steps the network still gets \(Self.correct(final)) of 4 right: with these settings it is stuck. Try another `--seed`, more `--iterations` or another `--learning-rate`.",
                     zh: "\(iterations) 步之后网络仍只答对 \(Self.correct(final)) 个：在这组设置下它卡住了。可以换一个 `--seed`、增加 `--iterations` 或调整 `--learning-rate`。")
        }
        page.record("final_loss", run.training.finalLoss)
        page.record("outputs", final)
        page.record("predictions", final.map { $0 > 0.5 ? 1 : 0 })
        page.record("accuracy", Double(Self.correct(final)) / 4)
        let stride = max(1, iterations / 400)
        func curve(_ losses: [Double]) -> [LinePlot.Point] {
            losses.enumerated().filter { $0.offset % stride == 0 || $0.offset == losses.count - 1 }.map { .init(Double($0.offset), $0.element) }
        }
        var markers: [Marker] = []
        if let k = run.firstPerfect, k < run.training.losses.count {
            markers.append(.init(x: Double(k), y: run.training.losses[k],
                                 label: run.stayedPerfect ? Localized("all 4 right from step \(k)", zh: "第 \(k) 步起全对")
                                                          : Localized("first all 4 right at step \(k)", zh: "第 \(k) 步首次全对")))
        }
        let singleFinal = singleNeuronLosses.last ?? 0
        let singleNear = abs(singleFinal - 0.125) < 0.005
        page.figure("loss", title: Localized("The cost during training (log scale)", zh: "训练过程中的代价（对数坐标）"),
                    description: Localized("Cost C against gradient-descent steps on a logarithmic axis: the \(sizes.map(String.init).joined(separator: "-")) network ends at \(fmt(run.training.finalLoss)); a single sigmoid neuron trained the same way \(singleNear ? "levels off near 0.125" : "ends at \(fmt(singleFinal))").",
                                           zh: "代价 C 随梯度下降步数的变化（纵轴为对数坐标）：\(sizes.map(String.init).joined(separator: "-")) 网络最后是 \(fmt(run.training.finalLoss))；同样训练的单个 sigmoid 神经元\(singleNear ? "停在 0.125 附近" : "最后是 \(fmt(singleFinal))")。"),
                    LinePlot(xLabel: Localized("step", zh: "步数"), yLabel: Localized("cost C", zh: "代价 C"),
                             series: [.init(Localized("network with a hidden layer", zh: "带隐藏层的网络"), curve(run.training.losses), color: 0),
                                      .init(Localized("single sigmoid neuron", zh: "单个 sigmoid 神经元"), curve(singleNeuronLosses), style: .dashed, color: 1)],
                             markers: markers, logY: true))
    }

    func writeTrained(_ page: inout Page, _ run: Run) {
        let net = run.final
        page.section("The trained network, worked through", zh: "训练好的网络，逐步演算")
        page.say("The learned weights and biases:", zh: "学到的权重和偏置：")
        for (l, layer) in net.layers.enumerated() {
            page.fittedStep(MatrixExpr.s("W", l + 1), [MatrixExpr.m(layer.weights)])
            page.fittedStep(MatrixExpr.s("b", l + 1), [MatrixExpr.m(layer.bias)])
            page.record("W\(l + 1)", layer.weights.nested)
            page.record("b\(l + 1)", layer.bias.values)
        }
        page.figure("network", title: Localized("The trained network", zh: "训练好的网络"),
                    description: Localized("Inputs x1 and x2 on the left, the hidden units in the middle and the output on the right; each edge carries its learned weight (blue positive, orange negative), each neuron its bias.",
                                           zh: "左边是输入 x1、x2，中间是隐藏单元，右边是输出；每条连线标着学到的权重（蓝色为正，橙色为负），每个神经元下方写着偏置。"),
                    diagram(net))
        page.say("All four inputs at once, one row each, exactly as in the previous lesson:",
                 zh: "四个输入一起算，每行一个，与上一课的做法完全一样：")
        let f = net.forward(Self.inputs)
        for (l, pass) in f.layers.enumerated() {
            let act: NetworkActivation = l == net.layers.count - 1 ? .sigmoid : activation
            page.fittedStep(MatrixExpr.s("Z", l + 1), [.sum([.product([MatrixExpr.m(pass.input), MatrixExpr.m(net.layers[l].weights)]), MatrixExpr.m(net.layers[l].bias)]), MatrixExpr.m(pass.z)])
            page.fittedStep(MatrixExpr.s("A", l + 1), [MatrixExpr.apply(act.symbol, MatrixExpr.m(pass.z)), MatrixExpr.m(pass.output)])
            if l < net.layers.count - 1 { page.record("hidden\(l + 1)", pass.output.nested) }
        }
    }
}
