import LessonKit
import LonghandEngine
import Notebook

extension InitializationLesson {
    /// Training steps and learning rate of the training curves: fixed, not tuned, the same for every
    /// initialization so that only the starting weights differ.
    static let curveSteps = 300
    static let curveLearningRate = 0.05

    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        writeOneLayerDown(&page)
        writeTrainingCurves(&page)
        page.sourcesOfThisLesson(Self.id)
    }

    /// `004`'s product of factors, one factor in numbers: δ^L → δ^{L−1} under LeCun 1/√m for the chosen activation.
    func writeOneLayerDown(_ page: inout Page) {
        let net = network(activation, .lecun)
        let (x, y) = data
        let e = net.evaluate(x, .halfSquaredError(targets: y))
        let top = layers - 1, below = layers - 2
        let deltaTop = e.backward.deltas[top], deltaBelow = e.backward.deltas[below]
        let w = net.layers[top].weights, z = e.forward.layers[below].z
        let act = activation.activation
        let name = activation.displayName
        page.section("One step down in numbers: from δ^\(layers) to δ^\(layers - 1)", zh: "向下一层的具体数字：从 δ^\(layers) 到 δ^\(layers - 1)")
        page.say("""
            The table above shows only the sizes. Here is one of the factors `004` speaks of, worked out: the top layer's error \
            $\\delta^{\(layers)}$ handed down to layer \(layers - 1), for the \(name) network under LeCun $1/\\sqrt{m}$, on the first \
            example of the batch. Layer \(layers) has a single output neuron, so neuron $j$ of layer \(layers - 1) receives one product, \
            weighted by the slope of its own activation:
            """, zh: """
            上面的表只给出了大小。这里把 `004` 所说的连乘因子中的一个具体算出来：在 LeCun $1/\\sqrt{m}$ 初始化的 \(name) 网络中，\
            对这批数据的第一个样本，把最上层的误差项 $\\delta^{\(layers)}$ 传给第 \(layers - 1) 层。第 \(layers) 层只有一个输出神经元，\
            所以第 \(layers - 1) 层的神经元 $j$ 只收到一个乘积，再乘上它自己激活函数的斜率：
            """)
        page.equation(tex: "\\delta^{\(layers - 1)}_j = \\Big(\\sum_k \\delta^{\(layers)}_k\\, W^{\(layers)}_{j,k}\\Big)\\, f'(z^{\(layers - 1)}_j), \\qquad \\delta^{\(layers - 1)} = \\big(\\delta^{\(layers)} (W^{\(layers)})^\\top\\big) \\odot f'(z^{\(layers - 1)})",
                      text: "δ\(layers - 1)_j = (Σk δ\(layers)_k · W\(layers)_{j,k}) · f′(z\(layers - 1)_j),   δ\(layers - 1) = (δ\(layers) (W\(layers))ᵀ) ⊙ f′(z\(layers - 1))")
        // The neuron with the largest |δ| on the first example, so the worked entry is not one the slope has wiped out.
        let j = (0..<deltaBelow.columns).max { abs(deltaBelow[0, $0]) < abs(deltaBelow[0, $1]) } ?? 0
        let d = deltaTop[0, 0], wj = w[j, 0], zj = z[0, j], slope = act.derivative(zj)
        page.step("delta_top_first", .raw(tex: "\\delta^{\(layers)}_1", text: "δ\(layers)_1"),
                  [.raw(tex: "\\frac{a^{\(layers)} - y}{n}", text: "(a\(layers) − y)/n"),
                   .quotient(.group(.difference(.n(e.forward.output[0, 0]), .n(y[0, 0]))), .n(Double(batch)))], value: d)
        page.step("slope_below", .raw(tex: "f'(z^{\(layers - 1)}_{\(j + 1)})", text: "f′(z\(layers - 1)_\(j + 1))"),
                  [.call(tex: "f'", text: "f′", [.n(zj)])], value: slope)
        page.step("delta_below_entry", .raw(tex: "\\delta^{\(layers - 1)}_{\(j + 1)}", text: "δ\(layers - 1)_\(j + 1)"),
                  [.product([.n(d), .n(wj), .n(slope)])], value: deltaBelow[0, j])
        page.record("delta_below_neuron", Double(j + 1))
        page.record("delta_below_weight", wj)
        page.record("delta_below_z", zj)
        let normTop = GradientNorms.frobenius(deltaTop), normBelow = GradientNorms.frobenius(deltaBelow)
        let normRow = GradientNorms.frobenius(Matrix(rows: 1, columns: w.rows) { _, k in w[k, 0] })
        page.say("""
            Neuron \(j + 1) is the one with the largest error on this example. Over the whole batch the lengths are:
            """, zh: "神经元 \(j + 1) 是这个样本上误差最大的那个。对整批数据，两层误差项的长度为：")
        page.step("delta_top_norm", .raw(tex: "\\lVert \\delta^{\(layers)} \\rVert", text: "‖δ\(layers)‖"), [], value: normTop)
        page.step("delta_below_norm", .raw(tex: "\\lVert \\delta^{\(layers - 1)} \\rVert", text: "‖δ\(layers - 1)‖"), [], value: normBelow)
        page.step("top_weights_norm", .raw(tex: "\\lVert W^{\(layers)} \\rVert", text: "‖W\(layers)‖"), [], value: normRow)
        let factor = normTop == 0 ? 0 : normBelow / normTop
        page.record("delta_step_factor", factor)
        let grows = factor > 1
        page.say(normTop == 0 ? """
            The top error is 0 (the outputs equal the targets), so nothing is handed down.
            """ : """
            One step down multiplies the error's length by $\(NumberFormat.short(normBelow)) / \(NumberFormat.short(normTop)) = \
            \(NumberFormat.short(factor))$: the weights alone would multiply it by about $\\lVert W^{\(layers)} \\rVert = \
            \(NumberFormat.short(normRow))$, and the slopes $f'(z^{\(layers - 1)})$ \(name == "ReLU" ? "(0 or 1)" : "(at most \(activation == .sigmoid ? "1/4" : "1"))") \
            take their share. This factor is \(grows ? "above" : "not above") 1, so on this step the error \(grows ? "grows" : "shrinks"); \
            \(layers - 1) such factors in a row make the difference between the first and the last layer in the table above.
            """, zh: normTop == 0 ? """
            最上层的误差为 0（输出恰好等于目标），没有什么可以往下传。
            """ : """
            向下一层，误差的长度乘上了 $\(NumberFormat.short(normBelow)) / \(NumberFormat.short(normTop)) = \(NumberFormat.short(factor))$：\
            单是权重就约乘上 $\\lVert W^{\(layers)} \\rVert = \(NumberFormat.short(normRow))$，斜率 $f'(z^{\(layers - 1)})$\
            \(name == "ReLU" ? "（0 或 1）" : "（至多 \(activation == .sigmoid ? "1/4" : "1")）")又分去一部分。这个因子\(grows ? "大于" : "不大于") 1，\
            所以这一步误差\(grows ? "变大" : "变小")；\(layers - 1) 个这样的因子连乘，就造成了上表中第一层与最后一层的差别。
            """)
    }

    /// The loss curve of each initialization under the same gradient descent (the engine's `Trainer`).
    struct Curve {
        let scheme: Scheme
        let losses: [Double]
        let divergedAt: Int?
        /// The value that broke the divergence rule (a cost, possibly not finite), if the run diverged.
        let divergedLoss: Double?
        var final: Double { losses.last ?? .nan }
        /// How the run went, for the figure's description: "from 0.30 to 0.0016", or where it diverged. A run
        /// whose very first cost broke the divergence rule has no finite cost at all to report.
        func course(_ language: Language) -> String {
            let zh = language == .zh
            guard let first = losses.first else {
                return zh ? "在第 \(divergedAt ?? 0) 步就已发散" : "diverged at step \(divergedAt ?? 0)"
            }
            if let step = divergedAt {
                return zh ? "从 \(NumberFormat.short(first)) 开始，在第 \(step) 步发散" : "from \(NumberFormat.short(first)) until it diverged at step \(step)"
            }
            return zh ? "从 \(NumberFormat.short(first)) 变为 \(NumberFormat.short(final))" : "from \(NumberFormat.short(first)) to \(NumberFormat.short(final))"
        }
    }

    func trainingCurves() -> [Curve] {
        let (x, y) = data
        let batch = Network.Batch(inputs: x, objective: .halfSquaredError(targets: y))
        let trainer = Trainer(optimizer: GradientDescentOptimizer(learningRate: Self.curveLearningRate), steps: Self.curveSteps)
        // The four runs are independent: one per core, kept in table order.
        return ParallelResults.map(Scheme.allCases.count) { k in
            let scheme = Scheme.allCases[k]
            let run = trainer.run(network(activation, scheme), on: batch)
            return Curve(scheme: scheme, losses: run.losses.filter(\.isFinite), divergedAt: run.divergedAt, divergedLoss: run.divergedLoss)
        }
    }

    func writeTrainingCurves(_ page: inout Page) {
        let curves = trainingCurves()
        let name = activation.displayName
        page.section("Training under each initialization", zh: "各种初始化下的训练曲线")
        page.say("""
            `002` and `004` recommend the fan-in rules because training then goes better. To see it, the \(name) network is trained \
            from each of the four starts by plain gradient descent on the same batch of \(batch) examples, for \(Self.curveSteps) steps \
            with learning rate $\\eta = \(NumberFormat.short(Self.curveLearningRate))$. The rate and the number of steps are fixed in the \
            lesson, not tuned, and the same for every start, so only the starting weights differ. (The targets are random, so the \
            network can only memorise them; what matters is how fast each start lets it do so.)
            """, zh: """
            `002` 和 `004` 推荐按扇入初始化，理由是这样训练得更好。为了看清这一点，我们从四种起点出发，用最普通的梯度下降训练 \(name) 网络：\
            同一批 \(batch) 个样本，\(Self.curveSteps) 步，学习率 $\\eta = \(NumberFormat.short(Self.curveLearningRate))$。\
            学习率和步数在本课中是固定的，没有调过，对每种起点都一样，所以唯一的区别就是初始权重。\
            （目标是随机数，网络只能把它们记住；要看的是哪种起点让它记得更快。）
            """)
        page.figure("training-curves", title: Localized("Cost during training, one line per initialization (\(name))", zh: "训练过程中的代价，每种初始化一条线（\(name)）"),
                    description: Localized("The cost C on a logarithmic scale over \(Self.curveSteps) steps of gradient descent with η = \(NumberFormat.short(Self.curveLearningRate)): " + curves.map { "\($0.scheme.label.en) \($0.course(.en))" }.joined(separator: "; ") + ".",
                                           zh: "梯度下降 \(Self.curveSteps) 步（η = \(NumberFormat.short(Self.curveLearningRate))）中的代价 C（对数刻度）：" + curves.map { "\($0.scheme.label.zh) \($0.course(.zh))" }.joined(separator: "；") + "。"),
                    LinePlot(xLabel: Localized("step", zh: "步数"), yLabel: Localized("cost C (log scale)", zh: "代价 C（对数刻度）"),
                             series: curves.map { c in
                                 .init(c.scheme.label, c.losses.enumerated().map { LinePlot.Point(Double($0.offset), $0.element) },
                                       style: c.scheme == .normal ? .dashed : .line, color: c.scheme.rawValue)
                             },
                             xRange: 0...Double(Self.curveSteps), logY: true))
        page.table([Localized("initialization", zh: "初始化"), Localized("cost at step 0", zh: "第 0 步的代价"),
                    Localized("cost after \(Self.curveSteps) steps", zh: "\(Self.curveSteps) 步后的代价")],
                   curves.map { c in [.text(c.scheme.label),
                                      c.losses.first.map { .number($0, digits: 4) } ?? .text(c.divergedLoss.map(Divergence.isDiverged(loss:)) == true
                                          ? Localized("beyond 10¹² already", zh: "已超过 10¹²")
                                          : Localized("finite, with a gradient that is not", zh: "有限，但梯度不是有限数")),
                                      c.divergedAt.map { .text(Localized("diverged at step \($0)", zh: "第 \($0) 步发散")) } ?? .number(c.final, digits: 4)] })
        page.record("training_curves", .object(curves.map { ($0.scheme.key, .vector($0.losses)) }))
        let finished = curves.filter { $0.divergedAt == nil }
        let ranked = finished.sorted { $0.final < $1.final }
        let diverged = curves.filter { $0.divergedAt != nil }
        page.record("training_ranking", ranked.map { Double($0.scheme.rawValue) })
        var en = "", zh = ""
        if let best = ranked.first, let worst = ranked.last {
            en = "After \(Self.curveSteps) steps the lowest cost is reached from \(best.scheme.label.en) (\(NumberFormat.short(best.final)))"
            zh = "\(Self.curveSteps) 步之后，代价最低的是从 \(best.scheme.label.zh) 出发的那条（\(NumberFormat.short(best.final))）"
            if ranked.count > 1 {
                // A lowest cost of exactly 0 (or so small that the quotient overflows) gives no finite ratio to state.
                let ratio = worst.final / best.final
                if best.final > 0 && ratio.isFinite {
                    en += " and the highest from \(worst.scheme.label.en) (\(NumberFormat.short(worst.final))), \(NumberFormat.short(ratio)) times as high."
                    zh += "，最高的是从 \(worst.scheme.label.zh) 出发的那条（\(NumberFormat.short(worst.final))），是前者的 \(NumberFormat.short(ratio)) 倍。"
                } else {
                    en += " and the highest from \(worst.scheme.label.en) (\(NumberFormat.short(worst.final))); the lowest is \(best.final == 0 ? "exactly 0" : "too small"), so no ratio of the two can be given."
                    zh += "，最高的是从 \(worst.scheme.label.zh) 出发的那条（\(NumberFormat.short(worst.final))）；最低值\(best.final == 0 ? "恰好是 0" : "太小")，给不出两者之比。"
                }
            } else {
                en += "."; zh += "。"
            }
        } else {
            en = "No start finished the \(Self.curveSteps) steps."
            zh = "没有哪种起点能走完 \(Self.curveSteps) 步。"
        }
        if !diverged.isEmpty {
            en += " Training from " + diverged.map(\.scheme.label.en).joined(separator: " and ") + " diverged: the cost passed 10¹² or stopped being a finite number (or a gradient did), and the run was stopped there."
            zh += "从 " + diverged.map(\.scheme.label.zh).joined(separator: "、") + " 出发的训练发散了：代价超过 10¹² 或不再是有限数（或梯度不再是有限数），训练就此终止。"
        }
        page.say(en, zh: zh)
        // The plain normal start against the three fan-in rules, the comparison the texts' advice is about.
        let plain = curves[Scheme.normal.rawValue]
        let rules = curves.filter { $0.scheme != .normal && $0.divergedAt == nil }.map(\.final)
        guard plain.divergedAt == nil, let low = rules.min(), let high = rules.max() else { return }
        let place: Int = plain.final < low ? 0 : plain.final > high ? 2 : 1
        page.record("normal_against_fan_in", Double(place))
        let plainName = Scheme.normal.label
        switch place {
        case 0:
            page.say("""
                On this task the fan-in rules do not win on the final cost: \(plainName.en) ends below all three. What they \
                guarantee is the balance of the gradient sizes measured above, layer by layer, not the fastest fit of every problem.
                """, zh: """
                在这个任务上，按扇入初始化并没有在最终代价上胜出：\(plainName.zh) 比这三种都低。它们保证的是上文逐层测得的梯度大小\
                彼此均衡，而不是每个问题都拟合得最快。
                """)
        case 2:
            page.say("\(plainName.en) ends above all three fan-in rules, as `002` and `004` lead one to expect.",
                     zh: "\(plainName.zh) 的最终代价比三种按扇入的初始化都高，正如 `002` 和 `004` 所预期的那样。")
        default:
            page.say("\(plainName.en) ends between the fan-in rules: better than some of them, worse than others.",
                     zh: "\(plainName.zh) 的最终代价介于几种按扇入的初始化之间：比其中一些好，比另一些差。")
        }
    }
}
