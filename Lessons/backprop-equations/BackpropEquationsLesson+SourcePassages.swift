import LonghandEngine
import Notebook

extension BackpropEquationsLesson {
    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        writeAlgorithm(&page)
        writeWhyOneStepIsNotTheTest(&page)
        writeBridgeToByHand(&page)
        page.sourcesOfThisLesson(Self.id)
    }

    /// `000`'s 算法描述 (after Nielsen), `001`'s three-step training loop and `004`'s steps, as one numbered procedure.
    func writeAlgorithm(_ page: inout Page) {
        page.section("The algorithm, step by step", zh: "算法步骤")
        page.say("""
            `000` lists the algorithm (its “算法描述”, after Nielsen) as an image; `001` gives the same loop in three steps \
            (forward, cost, backward and update) and `004` in its own words (random parameters, compute every neuron, update \
            by stochastic gradient descent). In this lesson's notation, for one training example:

            1. **Input.** Set $a^0 = x$ (a row).
            2. **Forward.** For $l = 1, \\ldots, L$: $z^l = a^{l-1} W^l + b^l$ and $a^l = \\sigma(z^l)$; keep every $z^l$ and $a^l$.
            3. **Output error (BP1).** $\\delta^L = \\nabla_a C \\odot \\sigma'(z^L)$.
            4. **Backward (BP2).** For $l = L - 1, \\ldots, 1$: $\\delta^l = \\delta^{l+1} (W^{l+1})^{\\mathsf T} \\odot \\sigma'(z^l)$.
            5. **Gradients (BP3, BP4).** $\\partial C/\\partial b^l = \\delta^l$ and $\\partial C/\\partial W^l = (a^{l-1})^{\\mathsf T} \\delta^l$ for every layer.
            6. **Update, all layers together.** $W^l \\leftarrow W^l - \\eta\\, \\partial C/\\partial W^l$, $b^l \\leftarrow b^l - \\eta\\, \\partial C/\\partial b^l$; then the next example.

            The errors go from the last layer backwards (step 4) because the cost is a function of the output: the chain rule \
            has to start there. Every number of steps 2–5 is printed above for this lesson's network.
            """, zh: """
            `000` 的“算法描述”（沿用 Nielsen）是一张图片；`001` 把同样的循环概括为三步（前向、求代价、反向并更新），\
            `004` 也有自己的说法（随机生成参数、计算每个神经元、用随机梯度下降更新）。用本课的记号，对一个训练样本：

            1. **输入。** 令 $a^0 = x$（行向量）。
            2. **前向。** 对 $l = 1, \\ldots, L$：$z^l = a^{l-1} W^l + b^l$，$a^l = \\sigma(z^l)$；保存每个 $z^l$ 和 $a^l$。
            3. **输出层误差（BP1）。** $\\delta^L = \\nabla_a C \\odot \\sigma'(z^L)$。
            4. **反向（BP2）。** 对 $l = L - 1, \\ldots, 1$：$\\delta^l = \\delta^{l+1} (W^{l+1})^{\\mathsf T} \\odot \\sigma'(z^l)$。
            5. **梯度（BP3、BP4）。** 每一层 $\\partial C/\\partial b^l = \\delta^l$，$\\partial C/\\partial W^l = (a^{l-1})^{\\mathsf T} \\delta^l$。
            6. **所有层一起更新。** $W^l \\leftarrow W^l - \\eta\\, \\partial C/\\partial W^l$，$b^l \\leftarrow b^l - \\eta\\, \\partial C/\\partial b^l$；然后取下一个样本。

            误差从最后一层往回算（第 4 步），是因为代价是输出的函数：链式法则只能从那里开始。第 2–5 步的每个数，上文都已对本课的网络打印出来。
            """)
    }

    /// With C = ½(y − ŷ)², every gradient of the by-hand lesson's network is exactly half of that lesson's (y − ŷ)².
    func writeBridgeToByHand(_ page: inout Page) {
        let net = SigmoidNetwork(sizes: BackpropLesson.sizes, weight: 1, bias: 0)
        let alice = BackpropLesson.people[0]
        let y = [alice.female ?? 0]
        let pass = net.forward(alice.input)
        let full = net.backward(pass, dOutput: SigmoidNetwork.squaredErrorDerivative(target: y, prediction: pass.output)).gradient
        let half = net.backward(pass, dOutput: zip(y, pass.output).map { -($0 - $1) }).gradient
        page.section("The same equations on the by-hand network", zh: "把这些方程用在手算那一课的网络上")
        page.say("""
            Lesson 7 (`003`'s network, all weights 1, Alice alone) uses the loss $L = (y - \\hat y)^2$; this lesson uses \
            $C = \\frac{1}{2}(y - \\hat y)^2$, whose $\\nabla_a C = \\hat y - y$ is half of $\\partial L / \\partial \\hat y = -2(y - \\hat y)$. \
            BP1 multiplies that by $\\sigma'$, and BP2–BP4 only multiply further, so every gradient is halved:
            """, zh: """
            第 7 课（`003` 的网络，权重全为 1，只看 Alice）用的损失是 $L = (y - \\hat y)^2$；本课用 $C = \\frac{1}{2}(y - \\hat y)^2$，\
            它的 $\\nabla_a C = \\hat y - y$ 是 $\\partial L / \\partial \\hat y = -2(y - \\hat y)$ 的一半。BP1 把它乘以 $\\sigma'$，\
            BP2–BP4 只是继续相乘，所以每个梯度都减半：
            """)
        page.table([Localized("parameter", zh: "参数"), Localized("lesson 7: $\\partial L/\\partial p$", zh: "第 7 课：$\\partial L/\\partial p$"),
                    Localized("here: $\\partial C/\\partial p$", zh: "本课：$\\partial C/\\partial p$"), Localized("ratio", zh: "比值")],
                   full.indices.map { k in
                       [.math(.raw(tex: BackpropLesson.texNames[k], text: BackpropLesson.names[k])), .number(full[k], digits: 10), .number(half[k], digits: 10),
                        full[k] == 0 ? .text(Localized(same: "—")) : .number(half[k] / full[k])]
                   })
        page.record("bridge_half_gradient", half)
        let exact = zip(full, half).allSatisfy { $0 == 0 ? $1 == 0 : abs($1 / $0 - 0.5) < 1e-12 }
        page.say(exact
                 ? "Every ratio is 0.5: with $w_1$, for instance, lesson 7's \(NumberFormat.short(full[0], significant: 4)) becomes \(NumberFormat.short(half[0], significant: 4)) here. The factor ½ only rescales the learning rate."
                 : "Not every ratio is 0.5 here.",
                 zh: exact
                 ? "每个比值都是 0.5：例如 $w_1$，第 7 课的 \(NumberFormat.short(full[0], significant: 4)) 在这里变成 \(NumberFormat.short(half[0], significant: 4))。系数 ½ 只相当于把学习率缩小一半。"
                 : "这里并非每个比值都是 0.5。")
    }

    /// The top-first update can lower one example's cost as much as backpropagation's: the test is the gradient itself.
    func writeWhyOneStepIsNotTheTest(_ page: inout Page) {
        guard case .number(let right)? = page.value("cost_after"), case .number(let mixed)? = page.value("top_first_cost_after"),
              case .number(let error)? = page.value("top_first_relative_error") else { return }
        let net = Self.network(sizes: sizes, activation: activation.activation, seed: seed)
        let x = Matrix(row: input.values), objective = Network.Objective.halfSquaredError(targets: Matrix(row: target.values))
        let eta = learningRate.value, steps = 20
        var a = net, b = net
        var costs: [(Double, Double)] = []
        var diverged = false
        for _ in 0..<steps {
            let ea = a.evaluate(x, objective)
            a = a.updated(by: ea.gradients, learningRate: eta)
            let eb = b.evaluate(x, objective)
            b = Self.topFirst(b, eb.forward, outputGradient: eb.outputGradient, learningRate: eta).network
            let pair = (a.loss(x, objective), b.loss(x, objective))
            // A rate that blows the cost up ends the comparison at the first step past the engine's limit,
            // so nothing non-finite is recorded or printed.
            if Divergence.isDiverged(loss: pair.0) || Divergence.isDiverged(loss: pair.1) { diverged = true; break }
            costs.append(pair)
        }
        page.record("twenty_step_costs", costs.map { [$0.0, $0.1] })
        page.section("Why one step's cost is not the test", zh: "为什么不能只看一步之后的代价")
        let oneStep: Localized = mixed < right
            ? Localized("the top-first step even ends lower (\(fmt(mixed)) against \(fmt(right)))", zh: "先更新顶层的那一步，代价反而更低（\(fmt(mixed)) 对 \(fmt(right))）")
            : mixed > right ? Localized("the top-first step ends higher (\(fmt(mixed)) against \(fmt(right)))", zh: "先更新顶层的那一步，代价更高（\(fmt(mixed)) 对 \(fmt(right))）")
            : Localized("both steps end at the same cost, \(fmt(right))", zh: "两种做法一步之后的代价相同，都是 \(fmt(right))")
        let last = costs.last ?? (right, mixed)
        let after: Localized = diverged
            ? Localized("within \(steps) steps at this rate the cost of at least one of them passes 10^12 (diverges), after \(costs.count) step\(costs.count == 1 ? "" : "s")", zh: "以这个学习率走 \(steps) 步之内，至少有一种做法的代价超过了 10^12（发散），只走了 \(costs.count) 步")
            : last.1 < last.0
            ? Localized("after \(steps) steps the top-first rule is still lower (\(fmt(last.1)) against \(fmt(last.0)))", zh: "走 \(steps) 步之后，先更新顶层的做法仍然更低（\(fmt(last.1)) 对 \(fmt(last.0))）")
            : last.1 > last.0 ? Localized("after \(steps) steps backpropagation is lower (\(fmt(last.0)) against \(fmt(last.1)))", zh: "走 \(steps) 步之后，反向传播更低（\(fmt(last.0)) 对 \(fmt(last.1))）")
            : Localized("after \(steps) steps the two are equal (\(fmt(last.0)))", zh: "走 \(steps) 步之后两者相同（\(fmt(last.0))）")
        page.say("""
            Comparing the two procedures by the cost after one step on one example proves little: here \(oneStep.en), and \
            \(after.en). With a small learning rate both move roughly downhill, since the top layer's change is small. What \
            is wrong with the top-first rule is not where one step lands but what it computes: its lower-layer numbers are not \
            the gradient of the cost at the current weights (relative error \(NumberFormat.short(error, significant: 3)) \
            against central differences), so the guarantee of gradient descent, $\\Delta C \\approx -\\eta \\lVert \\nabla C \\rVert^2 \\le 0$ \
            for small $\\eta$, does not cover it, and on other networks or rates it can go anywhere. The test of a backward pass is \
            the gradient check, not one cost.
            """, zh: """
            只凭一个样本上走一步之后的代价来比较两种做法，说明不了什么：这里\(oneStep.zh)，而且\(after.zh)。\
            学习率小的时候，两种做法大体上都在下坡，因为顶层的改动很小。先更新顶层的做法，错不在一步落在哪里，而在它算的是什么：\
            它给下面几层的数并不是当前权重处代价的梯度（与中心差分的相对误差为 \(NumberFormat.short(error, significant: 3))），\
            所以梯度下降的保证——$\\eta$ 足够小时 $\\Delta C \\approx -\\eta \\lVert \\nabla C \\rVert^2 \\le 0$——对它不成立，\
            换一个网络或学习率，它可能走向任何地方。检验反向计算的是梯度核对，而不是某一次的代价。
            """)
    }
}
