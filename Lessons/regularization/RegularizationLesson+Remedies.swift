import LonghandEngine
import Notebook

/// The remedies one by one: penalties, dropout, early stopping, max-norm and augmentation.
extension RegularizationLesson {
    /// "none: train → test" comparison sentence pieces.
    func compare(_ ex: Experiment, _ key: String) -> (en: String, zh: String) {
        let r = ex.run(key), none = ex.run("none")
        let (train, validation, _) = r.kept
        let better = Self.lower(validation, than: none.kept.validation)
        // Each pair printed with the digits that tell it apart: "lower" must not stand between two equal-looking numbers.
        let (trainText, plainTrain) = Self.pair(train, none.kept.train), (validationText, plainValidation) = Self.pair(validation, none.kept.validation)
        return ("With it the final training loss is \(trainText) (plain: \(plainTrain)) and the validation loss \(validationText) (plain: \(plainValidation))" + (better ? ": judged on the validation set, the remedy " + (Self.lower(none.kept.train, than: train) ? "gives up some fit to the training points and " : "") + "generalises better." : ": judged on the validation set, here it does not help."),
                "用了它之后，最终训练损失为 \(trainText)（普通网络：\(plainTrain)），验证损失为 \(validationText)（普通网络：\(plainValidation)）" + (better ? "：以验证集来判断，这个对策" + (Self.lower(none.kept.train, than: train) ? "牺牲了一些对训练点的拟合，" : "") + "换来了更好的泛化。" : "：以验证集来判断，在这里它没有帮上忙。"))
    }

    /// Backpropagation against central differences for the training objective: the largest relative error
    /// over the gradients larger than 10⁻⁴, and the largest absolute difference over the smaller ones (whose
    /// relative error is dominated by rounding in the differences: saturated tanh units give many of them).
    func checkGradient(_ net: Network, _ samples: RegularizedTraining.Samples, penalty: WeightPenalty, masks: [Matrix?]) -> (relative: Double, absolute: Double) {
        let analytic = RegularizedTraining.gradients(net, samples, penalty: penalty, masks: masks).gradients.flatMap(\.flattened)
        let entries = GradientCheck.compare(analytic: analytic, at: net.parameters) {
            RegularizedTraining.objective(net.with(parameters: $0), samples, penalty: penalty, masks: masks)
        }
        let large = entries.filter { max(abs($0.analytic), abs($0.numeric)) > 1e-4 }
        let small = entries.filter { max(abs($0.analytic), abs($0.numeric)) <= 1e-4 }
        return (large.map(\.relativeError).max() ?? 0, small.map { abs($0.analytic - $0.numeric) }.max() ?? 0)
    }

    func writePenalties(_ page: inout Page, _ ex: Experiment) {
        let (train, _, _) = data
        let start = startNetwork
        let eta = learningRate.value
        page.section("Penalties on the weights: L2 and L1", zh: "权重惩罚项：L2 与 L1")
        page.say("""
            `001` adds a **penalty** $\\lambda R(W)$ to the loss, with $R(W) = \\sum_k \\sum_l W_{k,l}^2$, and notes that a larger \
            $\\lambda$ lowers the risk of overfitting; `002` calls this L2 (or L1) regularisation: the larger the weights a model uses, \
            the larger its penalty, so training now has to keep the prediction error small *and* the model simple. Large weights are \
            what make this network's steps steep and its curve wiggly. The two penalties and their gradients:
            """, zh: """
            `001` 在损失上加了一个**惩罚项** $\\lambda R(W)$，其中 $R(W) = \\sum_k \\sum_l W_{k,l}^2$，并指出 $\\lambda$ 越大，过拟合的风险越低；\
            `002` 称之为 L2（或 L1）正则化：模型用到的权重越大，惩罚就越大，于是训练不仅要让预测误差小，还要让模型尽量简单。\
            正是大的权重让这个网络的台阶变陡、曲线变得弯弯曲曲。两种惩罚项及其梯度如下：
            """)
        page.equation(tex: "\\text{L2: } \\lambda \\sum w^2, \\quad \\frac{\\partial}{\\partial w} = 2\\lambda w \\qquad\\qquad \\text{L1: } \\lambda \\sum |w|, \\quad \\frac{\\partial}{\\partial w} = \\lambda \\operatorname{sign}(w)",
                      text: "L2: λΣw², ∂/∂w = 2λw        L1: λΣ|w|, ∂/∂w = λ·sign(w)")
        page.erratum("""
            `001` writes the penalty as $\\lambda R(N)$ and then defines $R(N) = \\sum_k \\sum_l W_{k,l}^2$. It is a function of the \
            weights, $R(W)$; $N$ is the number of samples in the same formula (which also mixes $\\frac{1}{N}$ with a sum up to $n$). \
            And "larger $\\lambda$, less overfitting" holds only up to a point: exercise 3 shows a $\\lambda$ so large that the network \
            cannot fit even the training points.
            """, zh: """
            `001` 把惩罚项写成 $\\lambda R(N)$，随后又定义 $R(N) = \\sum_k \\sum_l W_{k,l}^2$。它是权重的函数，应写作 $R(W)$；\
            $N$ 在同一个式子里是样本数（那个式子还把 $\\frac{1}{N}$ 和上限为 $n$ 的求和混在一起）。\
            另外，“$\\lambda$ 越大，过拟合越少”只在一定范围内成立：练习 3 给出了一个大到连训练点都拟合不好的 $\\lambda$。
            """)
        // One update worked out on the first output weight, at the start of training.
        let noMasks = [Matrix?](repeating: nil, count: start.layers.count)
        let g = RegularizedTraining.gradients(start, train, penalty: .none, masks: noMasks).gradients[1].weights[0, 0]
        let w = start.layers[1].weights[0, 0]
        let lambda2 = l2.value, lambda1 = l1.value
        page.say("""
            One update, worked out for the weight $w = W^2_{1}$ from hidden neuron 1 to the output, at the very first step. \
            Backpropagation of the data loss gives its gradient:
            """, zh: """
            下面以第一步时从隐藏神经元 1 到输出的权重 $w = W^2_{1}$ 为例，把一次更新完整算一遍。对数据损失做反向传播，得到它的梯度：
            """)
        page.step("weight", .sym("w"), [], value: w)
        page.step("data_gradient", .symbol(tex: "\\frac{\\partial C}{\\partial w}", text: "∂C/∂w"), [], value: g)
        let l2Grad = WeightPenalty.l2(lambda: lambda2).gradient(Matrix(rows: 1, columns: 1, values: [w]))[0, 0]
        let l2After = w - eta * (g + l2Grad)
        page.step("l2_gradient", .symbol(tex: "2\\lambda w", text: "2λw"), [.product([.n(2), .n(lambda2), .number(w)])], value: l2Grad)
        page.step("l2_weight_after", .symbol(tex: "w - \\eta\\left(\\frac{\\partial C}{\\partial w} + 2\\lambda w\\right)", text: "w - η(∂C/∂w + 2λw)"),
                  [.difference(.number(w), .product([.n(eta), .group(.sum([.number(g), .number(l2Grad)]))]))], value: l2After)
        page.step(nil, .symbol(tex: "(1 - 2\\eta\\lambda)\\,w - \\eta \\frac{\\partial C}{\\partial w}", text: "(1 - 2ηλ)w - η ∂C/∂w"),
                  [.difference(.product([.group(.difference(.n(1), .product([.n(2), .n(eta), .n(lambda2)]))), .number(w)]), .product([.n(eta), .number(g)]))],
                  value: (1 - 2 * eta * lambda2) * w - eta * g)
        page.say("""
            The second form shows why L2 is also called **weight decay**: before the data gradient moves it, every weight is shrunk by \
            the factor $1 - 2\\eta\\lambda = \(fmt(1 - 2 * eta * lambda2))$. Large weights lose the most.
            """, zh: """
            第二种写法说明了 L2 为什么又叫**权重衰减**：在数据梯度推动它之前，每个权重先乘上因子 $1 - 2\\eta\\lambda = \(fmt(1 - 2 * eta * lambda2))$。\
            越大的权重缩得越多。
            """)
        let l1Grad = WeightPenalty.l1(lambda: lambda1).gradient(Matrix(rows: 1, columns: 1, values: [w]))[0, 0]
        let l1After = w - eta * (g + l1Grad)
        page.step("l1_gradient", .symbol(tex: "\\lambda \\operatorname{sign}(w)", text: "λ·sign(w)"), [.product([.n(lambda1), .n(WeightPenalty.sign(w))])], value: l1Grad)
        page.step("l1_weight_after", .symbol(tex: "w - \\eta\\left(\\frac{\\partial C}{\\partial w} + \\lambda \\operatorname{sign}(w)\\right)", text: "w - η(∂C/∂w + λ·sign(w))"),
                  [.difference(.number(w), .product([.n(eta), .group(.sum([.number(g), .number(l1Grad)]))]))], value: l1After)
        page.say("""
            L1 pulls every weight towards 0 by the same amount $\\eta\\lambda$ per step, however small the weight already is, so \
            weights the data do not need end up at (or oscillating tightly around) 0; L2's pull fades as the weight shrinks.
            """, zh: """
            L1 每一步都把每个权重朝 0 拉动同样的量 $\\eta\\lambda$，不管这个权重已经多小，所以数据用不着的权重最终会停在 0（或在 0 附近很小的范围内来回摆动）；\
            而 L2 的拉力会随着权重变小而减弱。
            """)
        page.convention("sign(0) = 0: a weight exactly at 0 feels no L1 pull.", zh: "sign(0) = 0：恰好为 0 的权重不受 L1 的拉力。")
        let e2 = checkGradient(start, train, penalty: .l2(lambda: lambda2), masks: noMasks)
        let e1 = checkGradient(start, train, penalty: .l1(lambda: lambda1), masks: noMasks)
        let agree = max(e1.relative, e2.relative) <= 1e-6 && max(e1.absolute, e2.absolute) <= 1e-8
        page.say("""
            Both gradients, for all \(start.parameters.count) parameters, \(agree ? "agree with" : "were compared with") central differences of the penalised objective: \
            the largest relative error is \(NumberFormat.short(e2.relative, significant: 2)) with L2 and \(NumberFormat.short(e1.relative, significant: 2)) with L1 \
            (over the gradients larger than $10^{-4}$; the smaller ones, many from saturated tanh units, \
            \(max(e1.absolute, e2.absolute) == 0 ? "are exactly equal" : "agree to within \(NumberFormat.short(max(e1.absolute, e2.absolute), significant: 2)) absolutely")).
            """, zh: """
            两种梯度在全部 \(start.parameters.count) 个参数上都与加了惩罚项的目标函数的中心差分\(agree ? "一致" : "做了比较")：\
            L2 的最大相对误差为 \(NumberFormat.short(e2.relative, significant: 2))，L1 的为 \(NumberFormat.short(e1.relative, significant: 2))\
            （只统计大于 $10^{-4}$ 的梯度；更小的梯度很多来自饱和的 tanh 单元，\(max(e1.absolute, e2.absolute) == 0 ? "两边完全相等" : "它们的绝对差不超过 \(NumberFormat.short(max(e1.absolute, e2.absolute), significant: 2))")）。
            """)
        page.record("l2_gradient_check", e2.relative)
        page.record("l1_gradient_check", e1.relative)
        for (key, name) in [("l2", "L2"), ("l1", "L1")] {
            let c = compare(ex, key)
            page.say("**\(name).** " + c.en, zh: "**\(name)**：" + c.zh)
        }
        let small = { (net: Network) in net.layers[1].weights.values.filter { abs($0) < 0.01 }.count }
        let sumSquares = { (net: Network) in net.layers.reduce(0) { $0 + $1.weights.values.reduce(0) { $0 + $1 * $1 } } }
        let none = ex.run("none").result.network, withL2 = ex.run("l2").result.network, withL1 = ex.run("l1").result.network
        page.table([Localized("run", zh: "训练方式"), Localized("$\\sum w^2$ after training", zh: "训练后的 $\\sum w^2$"),
                    Localized("output weights with $|w| < 0.01$", zh: "$|w| < 0.01$ 的输出权重个数")],
                   [("none", none), ("l2", withL2), ("l1", withL1)].map { key, net in
                       [.text(ex.run(key).name), .number(sumSquares(net), digits: 4), .number(Double(small(net)))]
                   })
        page.record("sum_squares", .object([("none", .number(sumSquares(none))), ("l2", .number(sumSquares(withL2))), ("l1", .number(sumSquares(withL1)))]))
        page.record("small_output_weights", .object([("none", .number(Double(small(none)))), ("l2", .number(Double(small(withL2)))), ("l1", .number(Double(small(withL1))))]))
    }

    func writeDropout(_ page: inout Page, _ ex: Experiment) {
        let (train, _, _) = data
        let start = startNetwork
        let p = dropout.value
        let d = Dropout(keep: 1 - p)
        page.section("Dropout", zh: "Dropout")
        page.say("""
            **Dropout** switches hidden neurons off at random during training: at every step, each hidden neuron is dropped \
            (its output set to 0) with probability $p = \(fmt(p))$, independently for every training example, and a fresh mask is \
            drawn at the next step. No neuron can rely on a particular partner being there, so the network cannot build the fragile \
            co-adapted wiggles that fit noise. The kept outputs are multiplied by $1/(1 - p)$ (**inverted dropout**):
            """, zh: """
            **Dropout** 在训练时随机关掉一些隐藏神经元：每一步、对每个训练样本，每个隐藏神经元都以概率 $p = \(fmt(p))$ 被独立地丢弃\
            （输出置为 0），下一步再重新抽一个掩码。没有哪个神经元能指望某个搭档一定在场，网络也就难以形成那种脆弱的、\
            相互依赖的、专门拟合噪声的弯曲。保留下来的输出要乘以 $1/(1 - p)$（**倒置 dropout**，inverted dropout）：
            """)
        page.step("keep_scale", .symbol(tex: "\\frac{1}{1 - p}", text: "1/(1 - p)"), [.quotient(.n(1), .difference(.n(1), .n(p)))], value: d.scale)
        var random = SeededRandom(seed: settings().seed)
        let masks = RegularizedTraining.masks(for: start, rows: train.inputs.rows, dropout: d, using: &random)
        let mask = masks[0]!
        let a = start.layers[0].forward(train.inputs).output
        let shown = min(10, hidden)
        // The training point whose first neurons' mask shows the most drops, so a dropped neuron is on the page.
        let row = (0..<mask.rows).max { r1, r2 in
            (0..<shown).filter { mask[r1, $0] == 0 }.count < (0..<shown).filter { mask[r2, $0] == 0 }.count
        } ?? 0
        page.say("The first step's mask for training point \(row + 1), on the first \(shown) hidden neurons ($d = a \\odot m$ is what the output layer receives):",
                 zh: "第一步中训练点 \(row + 1) 的掩码（只列出前 \(shown) 个隐藏神经元；$d = a \\odot m$ 是输出层收到的值）：")
        page.table([Localized("neuron $j$", zh: "神经元 $j$"), Localized("$a_j$", zh: "$a_j$"), Localized("mask $m_j$", zh: "掩码 $m_j$"), Localized("$d_j = a_j m_j$", zh: "$d_j = a_j m_j$")],
                   (0..<shown).map { j in [.number(Double(j + 1)), .number(a[row, j], digits: 4), .number(mask[row, j], digits: 4), .number(a[row, j] * mask[row, j], digits: 4)] })
        page.record("mask_row", mask.row(row))
        page.record("dropped_in_first_step", Double(mask.values.filter { $0 == 0 }.count))
        // Expected value of a dropped-out output equals the plain one.
        var averaging = SeededRandom(seed: UInt64(seed) &+ 4242)
        let draws = 2000
        var sum = 0.0
        for _ in 0..<draws { sum += d.forward(Matrix(row: [a[row, 0]]), mask: d.mask(rows: 1, columns: 1, using: &averaging))[0, 0] }
        let mean = sum / Double(draws)
        page.say("""
            Why $1/(1 - p)$: a neuron is kept with probability $1 - p$, so the expected value of $d_j$ is \
            $(1 - p) \\cdot a_j / (1 - p) + p \\cdot 0 = a_j$. Averaged over \(draws) seeded masks, neuron 1's $d_1$ comes to \
            \(fmt(mean)) against $a_1 = \(fmt(a[row, 0]))$. The next layer therefore sees inputs of the same size in training as in \
            prediction, and **at prediction time the plain network is used**: every neuron on, no mask, no scaling.
            """, zh: """
            为什么是 $1/(1 - p)$：神经元以概率 $1 - p$ 被保留，所以 $d_j$ 的期望是 $(1 - p) \\cdot a_j / (1 - p) + p \\cdot 0 = a_j$。\
            对 \(draws) 个带种子的掩码求平均，神经元 1 的 $d_1$ 平均为 \(fmt(mean))，而 $a_1 = \(fmt(a[row, 0]))$。\
            因此下一层在训练时和预测时看到的输入大小相同，**预测时直接用普通网络**：所有神经元都参与，不用掩码，也不做缩放。
            """)
        page.record("mask_average", mean)
        page.say("""
            Backward, the mask acts the same way: since $d = a \\odot m$, the gradient reaching $a$ is \
            $\\partial C/\\partial a = (\\partial C/\\partial d) \\odot m$. A dropped neuron gets no gradient at this step; a kept \
            one gets its gradient times $1/(1 - p)$.
            """, zh: """
            反向传播时掩码的作用方式一样：由于 $d = a \\odot m$，传到 $a$ 的梯度是 $\\partial C/\\partial a = (\\partial C/\\partial d) \\odot m$。\
            被丢弃的神经元在这一步得不到梯度；被保留的神经元得到的梯度乘以 $1/(1 - p)$。
            """)
        let e = checkGradient(start, train, penalty: .none, masks: masks)
        page.say("With this step's masks held fixed, the gradient \(e.relative <= 1e-6 && e.absolute <= 1e-8 ? "agrees with" : "was compared with") central differences: largest relative error \(NumberFormat.short(e.relative, significant: 2)) (gradients above $10^{-4}$), largest absolute difference \(NumberFormat.short(e.absolute, significant: 2)) (the rest, including the dropped neurons' exact zeros).",
                 zh: "固定这一步的掩码，梯度与中心差分\(e.relative <= 1e-6 && e.absolute <= 1e-8 ? "一致" : "做了比较")：最大相对误差为 \(NumberFormat.short(e.relative, significant: 2))（大于 $10^{-4}$ 的梯度），其余梯度（包括被丢弃神经元的精确零）的最大绝对差为 \(NumberFormat.short(e.absolute, significant: 2))。")
        page.record("dropout_gradient_check", e.relative)
        page.erratum("""
            `002` says dropout picks some neurons at random that "do not take part in training, and only at prediction time do these \
            neurons take effect; the neuron's output must be multiplied by a probability value". Precisely: the dropped neurons are \
            off for **one training step** (a new random set at every step), not for the whole of training; at prediction time \
            **all** neurons work, not only the ones that were dropped. The probability factor belongs to one of two equivalent \
            conventions: either multiply every output by the **keep** probability $1 - p$ at prediction (the original paper), or, \
            as here and in today's libraries, multiply the kept outputs by $1/(1 - p)$ during training and use the plain network at \
            prediction. Either way the expected input of the next layer is the same in training and prediction.
            """, zh: """
            `002` 说 dropout 是“每次随机选择一些神经元不参与训练，只有在预测的时候这些神经元才生效。这个神经元的输出结果要乘以一个概率值”。\
            准确地说：被丢弃的神经元只在**这一步训练**中关闭（每一步重新随机选一批），并不是整个训练过程都不参与；\
            预测时**所有**神经元都工作，而不只是那些曾被丢弃的神经元。那个概率因子属于两种等价约定之一：\
            要么在预测时把每个输出乘以**保留**概率 $1 - p$（原始论文的做法），要么像本课和现在的各种库那样，\
            训练时把保留下来的输出乘以 $1/(1 - p)$，预测时直接用普通网络。两种做法下，下一层输入的期望在训练和预测时都相同。
            """)
        let c = compare(ex, "dropout")
        page.say(c.en, zh: c.zh)
    }

    func writeEarlyStopping(_ page: inout Page, _ ex: Experiment) {
        let plain = ex.run("none").result, es = ex.run("early_stopping")
        page.section("Early stopping", zh: "提前停止")
        page.say("""
            `002`'s first remedy: stop training as soon as the performance on the validation set gets worse. The validation loss is \
            measured every \(settings().recordEvery) step\(settings().recordEvery == 1 ? "" : "s"), the best network so far is kept, and \
            training stops once \(patience) steps have passed without a new best (the **patience**). The network returned is the \
            best one, not the last.
            """, zh: """
            `002` 的第一个对策：一旦发现验证集上的表现变差，立即停止训练。这里每 \(settings().recordEvery) 步测一次验证损失，\
            始终保存迄今最好的网络；连续 \(patience) 步没有出现更好的结果（这就是**耐心**）就停止训练。返回的是最好的那个网络，而不是最后一个。
            """)
        let stopped = es.result.stoppedAt ?? es.result.recorded.last ?? iterations
        page.step("best_step", .symbol(tex: MathWords.text("best step", zh: "最佳步数"), text: "best step"), [], value: Double(es.result.bestIteration))
        page.step("stopped_at", .symbol(tex: MathWords.text("stopped at", zh: "停止步数"), text: "stopped at"), [], value: Double(stopped))
        let kept = es.kept
        page.say("""
            The validation loss is lowest at step \(es.result.bestIteration) (\(fmt(kept.validation))), and training \
            \(es.result.stoppedAt == nil ? "runs to the end without losing patience" : "stops at step \(stopped)"), \
            \(es.result.stoppedAt == nil ? "" : "saving \(max(0, iterations - stopped)) of the \(iterations) steps; ")\
            the kept network has training loss \(fmt(kept.train)) and test loss \(fmt(kept.test)) (plain, after all \(iterations) steps: \
            \(fmt(ex.run("none").finalTest))).
            """, zh: """
            验证损失在第 \(es.result.bestIteration) 步最低（\(fmt(kept.validation))），训练\
            \(es.result.stoppedAt == nil ? "一直进行到最后，耐心没有耗尽" : "在第 \(stopped) 步停止")，\
            \(es.result.stoppedAt == nil ? "" : "省下了 \(iterations) 步中的 \(max(0, iterations - stopped)) 步；")\
            保留下来的网络训练损失为 \(fmt(kept.train))，测试损失为 \(fmt(kept.test))（普通网络跑完全部 \(iterations) 步后为 \(fmt(ex.run("none").finalTest))）。
            """)
        // "Stop at the first rise", as 002 words it.
        let v = plain.validationLosses
        if let i = (1..<max(1, v.count)).first(where: { v[$0] > v[$0 - 1] }) {
            let at = plain.recorded[i - 1]
            page.say("""
                Stopping "immediately", at the first measurement where the validation loss goes up, would keep the network of \
                step \(at), with test loss \(fmt(plain.testLosses[i - 1])). \(at == es.result.bestIteration ? "Here that is the same point as the patient rule's, because full-batch gradient descent gives a smooth validation curve." : "That is not the best point (step \(es.result.bestIteration)): validation losses wobble, so a single rise is weak evidence, and a patience of a few hundred steps is the usual safeguard.")
                """, zh: """
                如果“立即”停止，也就是在验证损失第一次上升时就停，保留的是第 \(at) 步的网络，测试损失为 \(fmt(plain.testLosses[i - 1]))。\
                \(at == es.result.bestIteration ? "这里它和带耐心的规则选中的是同一点，因为全批量梯度下降给出的验证曲线很平滑。" : "这并不是最好的点（第 \(es.result.bestIteration) 步）：验证损失会上下波动，一次上升说明不了什么，所以通常要留几百步的耐心作为保险。")
                """)
            page.record("first_rise_step", Double(at))
        }
        page.record("early_stopping_best_step", Double(es.result.bestIteration))
        page.record("early_stopping_stopped_at", Double(stopped))
    }

    func writeMaxNorm(_ page: inout Page, _ ex: Experiment) {
        let start = startNetwork
        let r = maxNorm.value
        page.section("The max-norm constraint", zh: "最大范数约束")
        page.say("""
            `002`'s fourth remedy limits, for every neuron, the length of its incoming weight vector: $\\lVert w \\rVert_2 \\le r$. \
            It is enforced after every gradient step by a **projection**: a vector outside the ball of radius $r$ is scaled back onto \
            its surface, the nearest point of the ball; a vector inside is left alone.
            """, zh: """
            `002` 的第四个对策是对每个神经元限制其输入权重向量的长度：$\\lVert w \\rVert_2 \\le r$。\
            做法是在每一步梯度下降之后做一次**投影**：落在半径为 $r$ 的球外的向量按比例缩回球面（球上离它最近的点）；在球内的向量保持不动。
            """)
        page.equation(tex: "w \\leftarrow w \\cdot \\min\\left(1, \\frac{r}{\\lVert w \\rVert_2}\\right)", text: "w ← w · min(1, r/‖w‖₂)")
        page.erratum("""
            `002` describes max-norm as keeping "the L2 regularization" of each neuron's weights within a threshold. It is the L2 \
            **norm** $\\lVert w \\rVert_2$ of each neuron's incoming weights that is bounded, and not through a penalty in the loss \
            (that would be L2 regularization) but as a hard constraint, restored by the projection above after every update.
            """, zh: """
            `002` 把最大范数说成限制每个神经元联结权重的“l2 Regularization”不超过一个阈值。实际被限制的是每个神经元输入权重的 L2 **范数** \
            $\\lVert w \\rVert_2$，而且不是通过在损失里加惩罚项（那是 L2 正则化），而是作为硬约束，在每次更新之后用上面的投影恢复。
            """)
        // The hidden neuron with the longest weight vector, and the output neuron, at the start.
        let w1 = start.layers[0].weights
        let j = (0..<w1.columns).max { abs(w1[0, $0]) < abs(w1[0, $1]) } ?? 0
        let wj = w1.column(j)
        let nj = MaxNorm.norm(wj)
        page.say("""
            Each hidden neuron here has a single input, so its vector has one entry and $\\lVert w \\rVert_2 = |w|$: the constraint \
            caps how steep its step can be. At the start, hidden neuron \(j + 1) has the longest one:
            """, zh: """
            这里每个隐藏神经元只有一个输入，它的权重向量只有一个分量，$\\lVert w \\rVert_2 = |w|$：这个约束限制的是台阶能有多陡。\
            一开始，隐藏神经元 \(j + 1) 的权重向量最长：
            """)
        page.step("hidden_norm", .symbol(tex: "\\lVert w^1_{\(j + 1)} \\rVert_2", text: "‖w1_\(j + 1)‖₂"),
                  [.raw(tex: "\\left|\(ExprRendering.texNumber(wj[0]))\\right|", text: "|\(NumberFormat.short(wj[0]))|")], value: nj)
        let f = MaxNorm.factor(wj, radius: r)
        if f < 1 {
            page.step("hidden_projected", .symbol(tex: "w^1_{\(j + 1)} \\cdot \\frac{r}{\\lVert w \\rVert_2}", text: "w · r/‖w‖₂"),
                      [.product([.number(wj[0]), .quotient(.n(r), .number(nj))])], value: MaxNorm.project(wj, radius: r)[0])
        } else {
            page.say("It is already inside the ball of radius \(fmt(r)), so the projection leaves it alone.",
                     zh: "它已经在半径为 \(fmt(r)) 的球内，投影不改变它。")
        }
        let outside = (0..<w1.columns).filter { MaxNorm.norm(w1.column($0)) > r }.count
        let w2 = start.layers[1].weights.column(0)
        let n2 = MaxNorm.norm(w2)
        page.say("""
            \(outside) of the \(hidden) hidden neurons start outside the ball and are scaled back at the first step. The output neuron \
            has \(hidden) incoming weights; their length is $\\lVert w^2 \\rVert_2 = \\sqrt{\\sum_j (w^2_j)^2} = \(fmt(n2))$, \
            \(n2 > r ? "outside the ball too, so all \(hidden) are multiplied by $r/\\lVert w^2 \\rVert_2 = \(fmt(r / n2))$." : "inside the ball, so they are left alone (for now).")
            """, zh: """
            \(hidden) 个隐藏神经元中有 \(outside) 个一开始就在球外，第一步就会被缩回。输出神经元有 \(hidden) 个输入权重，\
            它们的长度为 $\\lVert w^2 \\rVert_2 = \\sqrt{\\sum_j (w^2_j)^2} = \(fmt(n2))$，\
            \(n2 > r ? "也在球外，所以 \(hidden) 个权重都要乘以 $r/\\lVert w^2 \\rVert_2 = \(fmt(r / n2))$。" : "在球内，所以（暂时）保持不动。")
            """)
        page.record("hidden_outside_ball", Double(outside))
        page.record("output_norm", n2)
        let c = compare(ex, "max_norm")
        page.say(c.en, zh: c.zh)
    }

    func writeAugmentation(_ page: inout Page, _ ex: Experiment) {
        let (train, _, _) = data
        let aug = ex.augmented
        page.section("Data augmentation", zh: "数据增强")
        page.say("""
            `002`'s last remedy is more data, made from the data already there: transform the training samples a little and train on \
            the results too. For images that means shifts and flips; here, \(copies) copies of every training point with $x$ moved \
            by noise of standard deviation \(fmt(jitter.value)) and the same $y$. The new points tell the network that nearby inputs \
            should give nearly the same output, which is exactly the smoothness an overfitting curve lacks.
            """, zh: """
            `002` 的最后一个对策是补充数据，而且用已有的数据来造：对训练样本做一些变换，把变换后的样本也拿来训练。\
            对图像来说就是平移、翻转之类；这里则是把每个训练点复制 \(copies) 份，$x$ 加上标准差为 \(fmt(jitter.value)) 的噪声，$y$ 保持不变。\
            这些新点告诉网络：相邻的输入应当给出几乎相同的输出，而这正是过拟合的曲线所缺少的平滑性。
            """)
        let n = train.inputs.rows
        let shown = min(2, n)
        page.table([Localized("point", zh: "点"), Localized("$x$", zh: "$x$")] + (1...copies).map { Localized("copy \($0)", zh: "副本 \($0)") } + [Localized("$y$ (all)", zh: "$y$（全部）")],
                   (0..<shown).map { i in
                       [.number(Double(i + 1)), .number(train.inputs[i, 0], digits: 4)] + (1...copies).map { k in .number(aug.inputs[k * n + i, 0], digits: 4) }
                           + [.number(train.targets[i, 0], digits: 4)]
                   })
        page.say("The training set grows from \(n) to \(aug.inputs.rows) points; the training loss below is still measured on the \(n) original ones.",
                 zh: "训练集从 \(n) 个点增加到 \(aug.inputs.rows) 个；下面的训练损失仍然只在原来的 \(n) 个点上计算。")
        page.record("augmented_points", Double(aug.inputs.rows))
        let c = compare(ex, "augmentation")
        page.say(c.en, zh: c.zh)
    }
}
