import Longhand
import Notebook

extension BackpropEquationsLesson {
    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Notebook) {
        writeAlgorithm(&page)
        writeBridgeToByHand(&page)
        page.sourcesOfThisLesson(Self.id)
    }

    /// `000`'s 算法描述 (after Nielsen), `001`'s three-step training loop and `004`'s steps, as one numbered procedure.
    func writeAlgorithm(_ page: inout Notebook) {
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
    func writeBridgeToByHand(_ page: inout Notebook) {
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
}
