import LonghandEngine
import Notebook

extension OptimizersLesson {
    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        writeDataAndRates(&page)
        writeAdamCostRiseOnBowl(&page)
        writeAdamFirstSteps(&page)
        writeOtherRemedies(&page)
        page.sourcesOfThisLesson(Self.id)
    }

    /// `002`'s two other remedies next to Adam, said for what they are and why they are not worked here.
    func writeOtherRemedies(_ page: inout Page) {
        page.section("The other remedies for slow training", zh: "应对训练太慢的其他办法")
        page.say("""
            Before recommending Adam, `002`'s section on performance names two remedies for having too little labelled data. \
            **Reusing a trained network** (transfer learning): take a network already trained on a large, similar task — \
            `002` points to the model collections of TensorFlow and Caffe — keep its lower layers, which have learned general \
            features, and retrain only the top layers on your own data. **Unsupervised pretraining**: train the hidden layers \
            one at a time on unlabelled data, each for example as an autoencoder that learns to reconstruct its own input, so \
            that each layer extracts the core features of the one below; then train the whole network on the labelled data. \
            Both need a second data set or task beside the one being learned, so this course, which works every number on small \
            examples, leaves them as described here and works the third remedy, the optimizer.
            """, zh: """
            在推荐 Adam 之前，`002` 谈性能问题时先列了两种应对标注数据不足的办法。**复用已训练好的网络**（迁移学习）：\
            拿一个已在类似的大任务上训练好的网络（`002` 指向 TensorFlow 和 Caffe 的模型库），保留它学到通用特征的低层，\
            只用自己的数据重新训练上面几层。**无监督预训练**：用没有标签的数据逐层训练隐藏层，例如把每一层训练成能重建自身输入的\
            自编码器（autoencoder），让每一层提取下一层数据中的核心特征；最后再用有标签的数据训练整个网络。\
            两者都需要在要学的任务之外再有一个数据集或任务，而本课程的每个数字都在小例子上算出，所以这里只介绍它们，\
            动手计算的是第三种办法：优化器。
            """)
    }

    /// How big the data sets are and where the learning rates come from: fixed option values, no sweep.
    func writeDataAndRates(_ page: inout Page) {
        let data = spiralData()
        // Whether the four rates are the lesson's own: only those were chosen, by hand, so that every run trains.
        let defaults = (try? Self.parse([])) ?? self
        let own = networkRate.value == defaults.networkRate.value && networkAdamRate.value == defaults.networkAdamRate.value
            && learningRate.value == defaults.learningRate.value && adamRate.value == defaults.adamRate.value
        let defaultsText = own
            ? Localized("They are the lesson's defaults, set once by hand to values at which every run trains without diverging; change them with the options to see how the comparison moves.",
                        zh: "它们是本课的默认值，手工设定一次，使每次训练都不发散；可以用这些选项改动它们，看比较结果如何变化。")
            : Localized("Not all of them are the lesson's defaults (η = \(NumberFormat.short(defaults.networkRate.value)), \(NumberFormat.short(defaults.networkAdamRate.value)), \(NumberFormat.short(defaults.learningRate.value)) and \(NumberFormat.short(defaults.adamRate.value)), set by hand so that every run trains without diverging): these are the values given on the command line.",
                        zh: "它们并不都是本课的默认值（默认是 η = \(NumberFormat.short(defaults.networkRate.value))、\(NumberFormat.short(defaults.networkAdamRate.value))、\(NumberFormat.short(defaults.learningRate.value)) 和 \(NumberFormat.short(defaults.adamRate.value))，是手工设定的，使每次训练都不发散）：这里用的是命令行给出的值。")
        page.section("The data and the learning rates", zh: "数据与学习率")
        page.say("""
            The network comparisons above train on \(data.train.x.rows) points (30 per arm, 3 arms, seed \(seed)) and report accuracy \
            on a separate test set of \(data.test.x.rows) points drawn the same way with seed \(seed + 1). The learning rates are fixed \
            values, not the result of a search: the lesson runs no sweep over rates. Gradient descent and momentum use \
            $\\eta = \(Craft.tex(networkRate.value))$ (option `--network-rate`), Adam uses $\\eta = \(Craft.tex(networkAdamRate.value))$ \
            (option `--network-adam-rate`), and on the bowl $\\eta = \(Craft.tex(learningRate.value))$ and $\\eta = \(Craft.tex(adamRate.value))$ \
            (`--learning-rate`, `--adam-rate`). \(defaultsText.en)
            """, zh: """
            上文网络上的比较在 \(data.train.x.rows) 个点上训练（每条臂 30 个，共 3 条臂，种子 \(seed)），准确率则在另外 \
            \(data.test.x.rows) 个测试点上计算（同样的方法，种子 \(seed + 1)）。学习率是固定的数值，不是搜索出来的：本课没有对学习率做任何扫描。\
            梯度下降和动量法用 $\\eta = \(Craft.tex(networkRate.value))$（选项 `--network-rate`），Adam 用 $\\eta = \(Craft.tex(networkAdamRate.value))$\
            （选项 `--network-adam-rate`）；碗上分别是 $\\eta = \(Craft.tex(learningRate.value))$ 和 $\\eta = \(Craft.tex(adamRate.value))$\
            （`--learning-rate`、`--adam-rate`）。\(defaultsText.zh)
            """)
        page.record("network_train_points", Double(data.train.x.rows))
        page.record("network_test_points", Double(data.test.x.rows))
    }

    /// One step of Adam on the network: the cost before it and the step it took.
    struct AdamStep {
        let cost: Double
        let gradientNorm: Double
        let update: [Double]
        var length: Double { update.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    }

    /// Adam's first steps on the 2-16-3 network, from the engine's `Trainer`.
    func adamFirstSteps(count: Int) -> (steps: [AdamStep], costAfter: Double) {
        let data = spiralData(), net = smallNetwork()
        let batch = Network.Batch(inputs: data.train.x, objective: .softmaxCrossEntropy(labels: data.train.labels))
        let adam = AdamOptimizer(learningRate: networkAdamRate.value, beta1: beta1.value, beta2: beta2.value, epsilon: epsilon.value)
        var steps: [AdamStep] = []
        var previous = net.parameters
        let run = Trainer(optimizer: adam, steps: count).run(net, on: batch) { _, e, updated, _ in
            let now = updated.parameters
            steps.append(AdamStep(cost: e.loss, gradientNorm: e.gradient.reduce(0) { $0 + $1 * $1 }.squareRoot(),
                                  update: zip(now, previous).map { $0 - $1 }))
            previous = now
        }
        return (steps, run.losses.last ?? .nan)
    }

    /// Why Adam's cost can rise for a few steps before it falls, with the first steps in numbers.
    func writeAdamFirstSteps(_ page: inout Page) {
        let count = min(10, epochs)
        let (steps, after) = adamFirstSteps(count: count)
        guard let first = steps.first else { return }
        let eta = networkAdamRate.value, parameters = first.update.count
        let costs = steps.map(\.cost) + [after]
        page.section("Adam's first steps on the network", zh: "Adam 在网络上的最初几步")
        page.say("""
            The first \(steps.count) Adam steps on the 2-16-3 network, with $\\eta = \(Craft.tex(eta))$. The step of each parameter is \
            $\\eta\\, \\hat m / (\\sqrt{\\hat s} + \\varepsilon)$; the table gives the cost before each step, the length of the gradient, \
            the length of the whole step $\\lVert \\Delta\\theta \\rVert$ over all \(parameters) parameters, and its root mean \
            square per parameter divided by $\\eta$ (1 means every parameter moved by $\\eta$):
            """, zh: """
            Adam 在 2-16-3 网络上的前 \(steps.count) 步，$\\eta = \(Craft.tex(eta))$。每个参数的步长是 \
            $\\eta\\, \\hat m / (\\sqrt{\\hat s} + \\varepsilon)$；下表给出每一步之前的代价、梯度的长度、全部 \(parameters) 个参数合起来的\
            步长 $\\lVert \\Delta\\theta \\rVert$，以及每个参数步长的均方根除以 $\\eta$（等于 1 表示每个参数都移动了 $\\eta$）：
            """)
        let rms = steps.map { $0.length / (Double(parameters).squareRoot() * eta) }
        page.table([Localized("step $t$", zh: "第 $t$ 步"), Localized("cost before the step", zh: "这一步之前的代价"),
                    Localized("$\\lVert g \\rVert$", zh: "$\\lVert g \\rVert$"), Localized("$\\lVert \\Delta\\theta \\rVert$", zh: "$\\lVert \\Delta\\theta \\rVert$"),
                    Localized("RMS step / $\\eta$", zh: "步长均方根 / $\\eta$")],
                   steps.enumerated().map { t, s in
                       [.number(Double(t + 1)), .number(s.cost, digits: 5), .number(s.gradientNorm, digits: 4), .number(s.length, digits: 4), .number(rms[t], digits: 4)]
                   } + [[.number(Double(steps.count + 1)), .number(after, digits: 5), .text(Localized(same: "")), .text(Localized(same: "")), .text(Localized(same: ""))]])
        page.record("adam_first_costs", costs)
        page.record("adam_first_step_lengths", steps.map(\.length))
        page.record("adam_first_rms_over_eta", rms)
        let moved = first.update.filter { $0 != 0 }.map(abs)
        let smallest = moved.min() ?? 0, largest = moved.max() ?? 0
        page.record("adam_step1_smallest_move", smallest)
        page.record("adam_step1_largest_move", largest)
        let gdLength = networkRate.value * first.gradientNorm
        page.record("gd_step1_length", gdLength)
        // The first rise among the first steps, and how long it lasts.
        let rise = (0..<(costs.count - 1)).first { costs[$0 + 1] > costs[$0] }
        page.record("adam_first_rise_step", rise.map { Double($0 + 1) } ?? -1)
        page.say("""
            Step 1 moves every one of the \(moved.count) parameters with a non-zero gradient by between \(NumberFormat.short(smallest, significant: 10)) and \
            \(NumberFormat.short(largest, significant: 10)), that is by $\\eta\\,|g|/(|g| + \\varepsilon)$, which is $\\eta$ to within $\\varepsilon/|g|$: bias correction makes $\\hat m^{(1)} = g^{(1)}$ and \
            $\\hat s^{(1)} = (g^{(1)})^2$, so $\\hat m / \\sqrt{\\hat s} = \\pm 1$ however small the gradient. The whole first step is \
            \(Craft.f(first.length, 4)) long; gradient descent's first step, $\\eta \\lVert g \\rVert$ with its $\\eta = \(Craft.tex(networkRate.value))$, \
            would be \(Craft.f(gdLength, 4)).
            """, zh: """
            第 1 步把梯度不为 0 的全部 \(moved.count) 个参数各移动了 \(NumberFormat.short(smallest, significant: 10)) 到 \(NumberFormat.short(largest, significant: 10))，也就是 $\\eta\\,|g|/(|g| + \\varepsilon)$，与 $\\eta$ 只差 $\\varepsilon/|g|$ 的比例：\
            偏差修正使 $\\hat m^{(1)} = g^{(1)}$、$\\hat s^{(1)} = (g^{(1)})^2$，所以不论梯度多小，$\\hat m / \\sqrt{\\hat s} = \\pm 1$。\
            整个第一步长 \(Craft.f(first.length, 4))；梯度下降的第一步 $\\eta \\lVert g \\rVert$（它的 $\\eta = \(Craft.tex(networkRate.value))$）则是 \(Craft.f(gdLength, 4))。
            """)
        if let r = rise {
            let peak = (r..<costs.count).prefix { $0 == r || costs[$0] >= costs[$0 - 1] }.last ?? r + 1
            let falls = costs.last! < costs[peak]
            page.record("adam_peak_step", Double(peak))
            page.say("""
                So the cost rises: from \(Craft.f(costs[r], 5)) before step \(r + 1) to \(Craft.f(costs[peak], 5)) before step \(peak + 1)\
                \(falls ? ", and only then falls, to \(Craft.f(costs.last!, 5)) after step \(steps.count)" : ", and within these \(steps.count) steps it has not come back down").
                Every parameter, including those whose gradient is tiny and whose best move is small, takes a full step of about \
                $\\eta$, and the momentum $m$ keeps pushing in the old direction for a few steps after the gradient has turned. \
                As $s$ collects more squared gradients the steps become proportionate, and the cost comes down.
                """, zh: """
                所以代价先上升：从第 \(r + 1) 步之前的 \(Craft.f(costs[r], 5)) 升到第 \(peak + 1) 步之前的 \(Craft.f(costs[peak], 5))\
                \(falls ? "，然后才下降，第 \(steps.count) 步之后降到 \(Craft.f(costs.last!, 5))" : "，在这 \(steps.count) 步之内还没有降回来")。\
                每个参数，包括梯度很小、本该只挪一点点的那些，都迈了约 $\\eta$ 的整步；而动量 $m$ 在梯度转向之后还会沿旧方向推几步。\
                等 $s$ 积累了更多梯度的平方，步长才变得与梯度相称，代价随之下降。
                """)
        } else {
            let (from, to) = NumberFormat.apart(costs[0], costs.last!, significant: 5)
            page.say("""
                At these settings the cost does not rise: it falls at each of the first \(steps.count) steps, from \(from) to \
                \(to). Equal-size steps in every parameter overshoot when some parameter's best move is much \
                smaller than $\\eta$; at $\\eta = \(Craft.tex(eta))$ that does not happen in these first steps.
                """, zh: """
                在这组设置下代价没有上升：前 \(steps.count) 步每一步都在下降，从 \(from) 降到 \(to)。\
                当某个参数本该移动的距离远小于 $\\eta$ 时，每个参数都走同样大小的一步就会越过头；在 $\\eta = \(Craft.tex(eta))$ 时，最初这几步没有出现这种情况。
                """)
        }
    }

    /// How many of Adam's bowl steps the rise is looked for in.
    static let riseWindow = 30

    /// Why Adam's cost on the bowl can rise for some steps before it falls: the bias-corrected steps in numbers.
    func writeAdamCostRiseOnBowl(_ page: inout Page) {
        let b = theBowl, eta = adamRate.value
        let run = Self.run(adam, on: b, from: start.values, steps: min(steps, Self.riseWindow), tolerance: 0)
        let n = run.states.count
        guard n > 0 else { return }
        let costs = run.costs
        // Step t (1-based) raised the cost when C(v^(t)) > C(v^(t−1)).
        let rises = (1...n).filter { costs[$0] > costs[$0 - 1] }
        let firstRise = rises.first
        let peak = firstRise.map { r in (r...n).prefix { $0 == r || costs[$0] > costs[$0 - 1] }.last ?? r }
        page.record("bowl_adam_costs", costs)
        page.record("bowl_adam_first_rise", firstRise.map(Double.init) ?? -1)
        page.record("bowl_adam_peak", peak.map(Double.init) ?? -1)
        let shown = min(n, max(12, (peak ?? 0) + 2))
        page.section("Why Adam's cost can rise before it falls", zh: "为什么 Adam 的代价会先升后降")
        page.say("""
            In the bowl's figure Adam does not go down steadily. Its first \(shown) steps in numbers, with $\\eta = \(Craft.tex(eta))$: the \
            gradient $g^{(t)}$, the bias-corrected average $\\hat m^{(t)}$, and the step actually taken, \
            $\\Delta v^{(t)} = -\\eta\\, \\hat m^{(t)} / (\\sqrt{\\hat s^{(t)}} + \\varepsilon)$, coordinate by coordinate:
            """, zh: """
            在碗的图中，Adam 并不是一路下降的。下面是它前 \(shown) 步的数字（$\\eta = \(Craft.tex(eta))$）：梯度 $g^{(t)}$、\
            经偏差修正的平均 $\\hat m^{(t)}$，以及实际迈出的一步 $\\Delta v^{(t)} = -\\eta\\, \\hat m^{(t)} / (\\sqrt{\\hat s^{(t)}} + \\varepsilon)$，逐个坐标列出：
            """)
        func pair(_ v: [Double]) -> Table.Cell {
            .math(Self.vec(v.map { Expr.number($0, digits: 4) }))
        }
        page.table([Localized("$t$", zh: "$t$"), Localized("$g^{(t)}$", zh: "$g^{(t)}$"), Localized("$\\hat m^{(t)}$", zh: "$\\hat m^{(t)}$"),
                    Localized("$\\Delta v^{(t)}$", zh: "$\\Delta v^{(t)}$"), Localized("$v^{(t)}$", zh: "$v^{(t)}$"), Localized("$C(v^{(t)})$", zh: "$C(v^{(t)})$")],
                   (1...shown).map { t in
                       let state = run.states[t - 1]
                       let delta = zip(run.path[t], run.path[t - 1]).map { $0 - $1 }
                       return [.number(Double(t)), pair(run.gradients[t - 1]), pair(state.correctedFirstMoment), pair(delta), pair(run.path[t]), .number(costs[t], digits: 5)]
                   })
        guard let r = firstRise, let top = peak else {
            let (from, to) = NumberFormat.apart(costs[0], costs[n], significant: 5)
            if costs[0] == costs[n] {
                page.say("At these settings the cost does not change in the first \(n) steps: it stays at \(from).",
                         zh: "在这组设置下，前 \(n) 步代价没有变化，一直是 \(from)。")
            } else {
                page.say("""
                    At these settings the cost does not rise in the first \(n) steps: it falls at every one, from \(from) to \(to).
                    """, zh: """
                    在这组设置下，前 \(n) 步代价没有上升：每一步都在下降，从 \(from) 降到 \(to)。
                    """)
            }
            return
        }
        // At the first rising step: coordinates whose averaged gradient still points against the current gradient
        // (momentum carrying on), and coordinates whose step is longer than the distance to the minimum's axis.
        let state = run.states[r - 1], g = run.gradients[r - 1], mHat = state.correctedFirstMoment
        let before = run.path[r - 1], delta = zip(run.path[r], before).map { $0 - $1 }
        let stale = g.indices.filter { g[$0] * mHat[$0] < 0 }
        let crossing = g.indices.filter { before[$0] * run.path[r][$0] < 0 }
        page.record("bowl_adam_rise_stale", stale.map { Double($0 + 1) })
        page.record("bowl_adam_rise_crossing", crossing.map { Double($0 + 1) })
        var whyEN: [String] = [], whyZH: [String] = []
        for k in stale {
            whyEN.append("in $v_{\(k + 1)}$ the gradient has turned ($g_{\(k + 1)} = \(Craft.f(g[k], 4))$) but the average $\\hat m_{\(k + 1)} = \(Craft.f(mHat[k], 4))$ still points the old way, so the step ($\(Craft.f(delta[k], 4))$) goes on uphill")
            whyZH.append("在 $v_{\(k + 1)}$ 方向上梯度已经反向（$g_{\(k + 1)} = \(Craft.f(g[k], 4))$），但平均值 $\\hat m_{\(k + 1)} = \(Craft.f(mHat[k], 4))$ 仍指向原来的方向，所以这一步（$\(Craft.f(delta[k], 4))$）继续往上坡走")
        }
        for k in crossing where !stale.contains(k) {
            whyEN.append("in $v_{\(k + 1)}$ the step $\(Craft.f(delta[k], 4))$ is longer than the distance $\(Craft.f(abs(before[k]), 4))$ to the bottom of the valley, so it lands on the far side")
            whyZH.append("在 $v_{\(k + 1)}$ 方向上这一步 $\(Craft.f(delta[k], 4))$ 比到谷底的距离 $\(Craft.f(abs(before[k]), 4))$ 还长，于是落到了对面的坡上")
        }
        let fallsAfter = top < n && costs[n] < costs[top]
        page.say("""
            The cost rises at step \(r): from \(Craft.f(costs[r - 1], 5)) to \(Craft.f(costs[r], 5))\(top > r ? ", and keeps rising to \(Craft.f(costs[top], 5)) at step \(top)" : "")\
            \(fallsAfter ? "; after that it falls again, to \(Craft.f(costs[n], 5)) at step \(n)" : ""). \
            \(whyEN.isEmpty ? "No coordinate shows a turned gradient or an overshoot at that step; the rise comes from the two coordinates' steps together." : "At step \(r), " + whyEN.joined(separator: "; ") + ".") \
            Adam's steps do not shrink with the gradient the way gradient descent's do: $\\hat m / \\sqrt{\\hat s}$ stays near $\\pm 1$ \
            while the gradient keeps its sign, so near the bottom each coordinate still moves by about $\\eta$, and $\\hat m$, an average \
            over the last steps, needs a few steps to turn round. \(fallsAfter ? "Once it has, the cost falls again." : "Within these \(n) steps the cost has not come back down.")
            """, zh: """
            代价在第 \(r) 步上升：从 \(Craft.f(costs[r - 1], 5)) 升到 \(Craft.f(costs[r], 5))\(top > r ? "，并一直升到第 \(top) 步的 \(Craft.f(costs[top], 5))" : "")\
            \(fallsAfter ? "；此后又下降，第 \(n) 步降到 \(Craft.f(costs[n], 5))" : "")。\
            \(whyZH.isEmpty ? "在这一步没有哪个坐标的梯度反向或越过谷底；上升来自两个坐标的步子合在一起。" : "第 \(r) 步，" + whyZH.joined(separator: "；") + "。")\
            Adam 的步长不像梯度下降那样随梯度变小而变小：只要梯度不变号，$\\hat m / \\sqrt{\\hat s}$ 就停在 $\\pm 1$ 附近，\
            所以到了谷底附近每个坐标仍然移动约 $\\eta$；而 $\\hat m$ 是最近若干步的平均，要过几步才能掉头。\(fallsAfter ? "掉过头之后，代价又开始下降。" : "在这 \(n) 步之内，代价还没有降回来。")
            """)
    }
}
