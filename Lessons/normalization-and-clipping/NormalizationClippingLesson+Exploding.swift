import LonghandEngine
import Notebook

/// A deep network whose gradients explode, trained with and without clipping; the exercises.
extension NormalizationClippingLesson {
    /// Layer sizes of the deep network.
    static let deepSizes = [1, 8, 8, 8, 8, 1]

    /// The deep ReLU network with N(0, 1) weights ("completely random", as `002` puts it).
    func deepNetwork() -> Network {
        var random = SeededRandom(seed: UInt64(seed))
        return Network(sizes: Self.deepSizes, hidden: .relu, output: .identity,
                       initializer: .normal(standardDeviation: 1), using: &random)
    }

    /// 24 points of y = 4x³ − 3x on [−1, 1].
    static func curveData() -> (x: Matrix, y: Matrix) {
        let xs = (0..<24).map { -1 + 2 * Double($0) / 23 }
        return (Matrix(column: xs), Matrix(column: xs.map { 4 * $0 * $0 * $0 - 3 * $0 }))
    }

    func writeExploding(_ page: inout Page) {
        let net = deepNetwork(), data = Self.curveData(), eta = learningRate.value
        let objective = Network.Objective.halfSquaredError(targets: data.y)
        let clip = clipMode.clipping(trainThreshold.value)
        page.section("Exploding gradients, tamed by clipping", zh: "用裁剪驯服梯度爆炸")
        page.say("""
            `002` describes exploding gradients: going back towards the first layer, the changes to the weights get larger \
            and larger. To see it, take a deep, narrow network, \(Self.deepSizes.map(String.init).joined(separator: "-")) \
            (four hidden ReLU layers of 8, a linear output), with every weight drawn from $N(0, 1)$, the “completely \
            random” initialization `002` warns against (seed \(seed)), and ask it to fit 24 points of $y = 4x^3 - 3x$ \
            on $[-1, 1]$, with loss $C = \\frac{1}{n}\\sum \\frac{1}{2}(y - \\hat y)^2$ and learning rate $\\eta = \(Craft.tex(eta))$.
            """, zh: """
            `002` 这样描述梯度爆炸：越往第一层走，权重的变化越来越大。为了亲眼看到它，取一个又深又窄的网络 \
            \(Self.deepSizes.map(String.init).joined(separator: "-"))（四个各有 8 个 ReLU 单元的隐藏层，线性输出），\
            每个权重都从 $N(0, 1)$ 中抽取（种子 \(seed)），这正是 `002` 告诫不要用的“完全随机”初始化；\
            让它拟合 $[-1, 1]$ 上 $y = 4x^3 - 3x$ 的 24 个点，损失取 $C = \\frac{1}{n}\\sum \\frac{1}{2}(y - \\hat y)^2$，学习率 $\\eta = \(Craft.tex(eta))$。
            """)
        let first = net.evaluate(data.x, objective)
        let plain = net.trained(on: data.x, objective, optimizer: GradientDescentOptimizer(learningRate: eta),
                                iterations: steps, clipping: nil)
        let tamed = net.trained(on: data.x, objective, optimizer: GradientDescentOptimizer(learningRate: eta),
                                iterations: steps, clipping: clip)
        func layerNorms(_ n: Network) -> [Double] {
            n.evaluate(data.x, objective).gradients.map { GradientClipping.norm($0.weights.values) }
        }
        let initialNorms = layerNorms(net)
        // The last network of the unclipped run whose loss was still recorded.
        let lastStep = max(0, plain.losses.count - 1)
        let lastNet = net.trained(on: data.x, objective, optimizer: GradientDescentOptimizer(learningRate: eta),
                                  iterations: lastStep, clipping: nil).network
        let lastNorms = layerNorms(lastNet)
        page.say("""
            The size of each layer's weight gradient $\\lVert \\partial C / \\partial W^l \\rVert$, from the top layer down, at the \
            start and after \(lastStep) step\(lastStep == 1 ? "" : "s") of plain gradient descent:
            """, zh: """
            各层权重梯度的大小 $\\lVert \\partial C / \\partial W^l \\rVert$（从顶层往下），分别在开始时和普通梯度下降 \(lastStep) 步之后：
            """)
        page.table([Localized("layer $l$", zh: "第 $l$ 层"), Localized("at the start", zh: "开始时"),
                    Localized("after \(lastStep) step\(lastStep == 1 ? "" : "s")", zh: "\(lastStep) 步之后")],
                   zip(initialNorms, lastNorms).enumerated().reversed().map {
                       [.number(Double($0.offset + 1)), .number($0.element.0, digits: 4), .number($0.element.1, digits: 4)]
                   })
        if lastStep > 0 {
            let growth = zip(lastNorms, initialNorms).map { $1 > 0 ? $0 / $1 : 0 }.max() ?? 0
            let top = lastNorms[lastNorms.count - 1]
            let below = lastNorms.dropLast().filter { $0 > top }.count
            let belowEn = below > 0 ? "\(below) of the layers below the top now have larger gradients than the top layer itself: the further back, the larger the change, as `002` says." : "No layer below the top has a larger gradient than the top layer here."
            let belowZh = below > 0 ? "顶层以下有 \(below) 层的梯度已经比顶层本身还大：正如 `002` 所说，越往回传，变化越大。" : "这里顶层以下没有哪一层的梯度比顶层更大。"
            page.say(growth > 1 ? """
                Within \(lastStep) step\(lastStep == 1 ? "" : "s") some layer's gradient has grown \(Craft.f(growth, 3)) times: each oversized step \
                lands the weights where the gradients are larger still. \(belowEn)
                """ : """
                After \(lastStep) step\(lastStep == 1 ? "" : "s") no layer's gradient has grown (the largest factor is \(Craft.f(growth, 3))). \(belowEn)
                """, zh: growth > 1 ? """
                仅仅 \(lastStep) 步之内，某一层的梯度就增大了 \(Craft.f(growth, 3)) 倍：每一步迈得过大，都把权重带到梯度更大的地方。\(belowZh)
                """ : """
                \(lastStep) 步之后，没有哪一层的梯度变大（最大的倍数是 \(Craft.f(growth, 3))）。\(belowZh)
                """)
        }
        page.record("initial_loss", first.loss)
        page.record("layer_gradient_norms", initialNorms)
        page.record("layer_gradient_norms_last", lastNorms)
        page.record("losses_unclipped", plain.losses)
        page.record("losses_clipped", tamed.losses)
        page.record("gradient_norms_unclipped", plain.gradientNorms)
        page.record("gradient_norms_clipped", tamed.gradientNorms)
        page.record("final_loss_clipped", tamed.losses.last ?? first.loss)
        page.record("diverged_unclipped", plain.divergedAt.map(Double.init) ?? -1)

        let shown = min(8, max(plain.losses.count, tamed.losses.count))
        func cell(_ v: [Double], _ k: Int) -> Table.Cell {
            k < v.count ? .number(v[k], digits: 4) : .text(Localized("stopped", zh: "已停止"))
        }
        let clippedNorms = tamed.gradientNorms.map { min($0, clipMode == .norm ? trainThreshold.value : $0) }
        page.say(clipMode == .norm
                 ? "Plain gradient descent against the same steps with the gradient clipped by norm at $c = \(Craft.tex(trainThreshold.value))$:"
                 : "Plain gradient descent against the same steps with each component of the gradient clipped at $\\pm\(Craft.tex(trainThreshold.value))$:",
                 zh: clipMode == .norm
                 ? "普通梯度下降，与同样的步骤但按范数把梯度裁剪到 $c = \(Craft.tex(trainThreshold.value))$ 的对比："
                 : "普通梯度下降，与同样的步骤但把梯度每个分量裁剪到 $\\pm\(Craft.tex(trainThreshold.value))$ 的对比：")
        var columns = [Localized("step", zh: "步"), Localized("loss, unclipped", zh: "损失（不裁剪）"), Localized("$\\lVert g \\rVert$, unclipped", zh: "$\\lVert g \\rVert$（不裁剪）"),
                       Localized("loss, clipped", zh: "损失（裁剪）"), Localized("$\\lVert g \\rVert$ before clipping", zh: "裁剪前的 $\\lVert g \\rVert$")]
        if clipMode == .norm { columns.append(Localized("$\\lVert g \\rVert$ after clipping", zh: "裁剪后的 $\\lVert g \\rVert$")) }
        page.table(columns, (0..<shown).map { k in
            var row: [Table.Cell] = [.number(Double(k)), cell(plain.losses, k), cell(plain.gradientNorms, k), cell(tamed.losses, k), cell(tamed.gradientNorms, k)]
            if clipMode == .norm { row.append(cell(clippedNorms, k)) }
            return row
        })
        let clippedCount = tamed.gradientNorms.filter { $0 > trainThreshold.value }.count
        page.record("clipped_steps", Double(clippedCount))
        let firstHalf = tamed.gradientNorms.prefix(max(1, tamed.gradientNorms.count / 2)).filter { $0 > trainThreshold.value }.count
        let whenEn = clippedCount == 0 ? "" : firstHalf * 2 > clippedCount ? ", most of them in the first half of the run" : ", most of them in the second half of the run"
        let whenZh = clippedCount == 0 ? "" : firstHalf * 2 > clippedCount ? "，多数在前一半" : "，多数在后一半"
        let bound = clipMode == .norm ? "$\\eta c$" : "$\\eta c$ per component"
        let boundZh = clipMode == .norm ? "$\\eta c$" : "每个分量 $\\eta c$"
        let tamedEnd = tamed.losses.last ?? first.loss
        let trains = tamed.divergedAt == nil && tamedEnd < first.loss
        let tamedEn = trains
            ? "With clipping no step can be longer than \(bound), and the same network trains: clipping acts on \(clippedCount) of the \(tamed.gradientNorms.count) steps\(whenEn), and after \(tamed.losses.count - 1) steps the loss is \(Craft.f(tamedEnd, 4)) (from \(Craft.f(first.loss, 4)))."
            : "With clipping no step can be longer than \(bound); clipping acts on \(clippedCount) of the \(tamed.gradientNorms.count) steps\(whenEn), but the loss does not come down: after \(tamed.losses.count - 1) steps it is \(Craft.f(tamedEnd, 4)) (from \(Craft.f(first.loss, 4)))."
        let tamedZh = trains
            ? "裁剪之后，每一步都不会超过\(boundZh)，同一个网络就能正常训练：\(tamed.gradientNorms.count) 步中有 \(clippedCount) 步被裁剪\(whenZh)，\(tamed.losses.count - 1) 步后损失为 \(Craft.f(tamedEnd, 4))（起初为 \(Craft.f(first.loss, 4))）。"
            : "裁剪之后，每一步都不会超过\(boundZh)；\(tamed.gradientNorms.count) 步中有 \(clippedCount) 步被裁剪\(whenZh)，但损失没有降下来：\(tamed.losses.count - 1) 步后为 \(Craft.f(tamedEnd, 4))（起初为 \(Craft.f(first.loss, 4))）。"
        page.record("clipped_run_trains", trains ? 1 : 0)
        if let stopped = plain.divergedAt {
            // The first recorded loss beyond 10⁸ (or not a number), where there is one: the run may only notice at the step after.
            let k = plain.losses.firstIndex { !($0 <= 1e8) } ?? stopped
            let last = plain.losses.last ?? first.loss
            page.say("""
                Without clipping, the first gradient has size \(Craft.f(plain.gradientNorms.first ?? 0, 4)): a step of \
                $\\eta \\lVert g \\rVert = \(Craft.f(eta * (plain.gradientNorms.first ?? 0), 4))$ in weight space. At step \(k) the loss has \
                passed $10^{8}$ (the last recorded loss was \(Craft.f(last, 4))); we stop the run there. \(tamedEn)
                """, zh: """
                不裁剪时，第一个梯度的大小就有 \(Craft.f(plain.gradientNorms.first ?? 0, 4))，相当于在权重空间里迈出 \
                $\\eta \\lVert g \\rVert = \(Craft.f(eta * (plain.gradientNorms.first ?? 0), 4))$ 的一步。到第 \(k) 步损失已超过 $10^{8}$\
                （最后记录的损失为 \(Craft.f(last, 4))），我们就此停止这次训练。\(tamedZh)
                """)
        } else {
            page.say("""
                With these settings the unclipped run did not explode: after \(plain.losses.count - 1) steps its loss is \
                \(Craft.f((plain.losses.last ?? first.loss), 4)), against \(Craft.f(tamedEnd, 4)) with clipping. An explosion needs steps \
                large enough to land where the gradients are larger still; a larger `--learning-rate` makes that more likely.
                """, zh: """
                在这组设置下，不裁剪的训练没有爆炸：\(plain.losses.count - 1) 步后损失为 \(Craft.f((plain.losses.last ?? first.loss), 4))，\
                裁剪后为 \(Craft.f(tamedEnd, 4))。要爆炸，步子得大到把权重带到梯度更大的地方；更大的 `--learning-rate` 更容易做到这一点。
                """)
        }
        if let stopped = tamed.divergedAt {
            let k = tamed.losses.firstIndex { !($0 <= 1e8) } ?? stopped
            page.warning("The clipped run also diverged: at step \(k) its loss passed 10^8 and it was stopped. Clipping bounds each step to η·c; with η = \(fmt(eta)) that is still too far here. Try a smaller --learning-rate or --train-threshold.",
                         zh: "裁剪后的训练也发散了：第 \(k) 步损失超过 10^8，训练被停止。裁剪把每一步限制在 η·c 以内，但在 η = \(fmt(eta)) 时这一步仍然太远。可以试试更小的 --learning-rate 或 --train-threshold。")
        }
        page.figure("exploding", title: Localized("The same deep network without and with gradient clipping", zh: "同一个深层网络：不裁剪与裁剪"),
                    description: Localized("Left: the loss at each step (logarithmic scale), unclipped\(plain.divergedAt.map { " until it explodes at step \($0)" } ?? "") and clipped. Right: the size of the gradient before clipping at each step.",
                                           zh: "左：每一步的损失（对数坐标），不裁剪\(plain.divergedAt.map { "（到第 \($0) 步爆炸为止）" } ?? "")与裁剪两条曲线。右：每一步裁剪之前的梯度大小。"),
                    PanelRow([
                        .init(Localized("loss", zh: "损失"),
                              LinePlot(xLabel: Localized("step", zh: "步数"), yLabel: Localized("loss (log scale)", zh: "损失（对数坐标）"),
                                       series: [.init(Localized("unclipped", zh: "不裁剪"), plain.losses.enumerated().map { .init(Double($0.offset), $0.element) }, color: 1),
                                                .init(Localized("clipped", zh: "裁剪"), tamed.losses.enumerated().map { .init(Double($0.offset), $0.element) }, color: 0)],
                                       xRange: 0...Double(steps), logY: true, width: 420, height: 320)),
                        .init(Localized("gradient size", zh: "梯度大小"),
                              LinePlot(xLabel: Localized("step", zh: "步数"), yLabel: Localized("‖g‖ (log scale)", zh: "‖g‖（对数坐标）"),
                                       series: [.init(Localized("unclipped", zh: "不裁剪"), plain.gradientNorms.enumerated().map { .init(Double($0.offset), $0.element) }, color: 1),
                                                .init(Localized("clipped run, before clipping", zh: "裁剪组（裁剪前）"), tamed.gradientNorms.enumerated().map { .init(Double($0.offset), $0.element) }, color: 0)],
                                       xRange: 0...Double(steps), logY: true, width: 420, height: 320)),
                    ]))
        var random = SeededRandom(seed: UInt64(seed))
        let heNet = Network(sizes: Self.deepSizes, hidden: .relu, output: .identity, initializer: .he, using: &random)
        let he = heNet.trained(on: data.x, objective, optimizer: GradientDescentOptimizer(learningRate: eta),
                               iterations: steps, clipping: nil)
        page.record("he_first_gradient_norm", he.gradientNorms.first ?? 0)
        page.record("he_final_loss", he.losses.last ?? 0)
        let heOutcome = he.divergedAt.map {
            Localized("also explodes without clipping (at step \($0))", zh: "不裁剪也会爆炸（第 \($0) 步）")
        } ?? Localized("trains without clipping, to a loss of \(Craft.f(he.losses.last ?? 0, 4)) after \(he.losses.count - 1) steps",
                       zh: "不裁剪也能正常训练，\(he.losses.count - 1) 步后损失为 \(Craft.f(he.losses.last ?? 0, 4))")
        page.aside("""
            Clipping treats the symptom: it keeps one bad step from wrecking the run, but the network still starts from weights \
            that make it fragile. `002` ranks clipping last for that reason. Drawn with He initialization instead (same seed, \
            standard deviation $\\sqrt{2/\\text{inputs}}$), the same network's first gradient has size \
            \(Craft.f(he.gradientNorms.first ?? 0, 4)), and with the same $\\eta$ it \(heOutcome.en).
            """, zh: """
            裁剪治的是症状：它能防止某一步把训练彻底毁掉，但网络的初始权重仍然让它很脆弱。`002` 因此把裁剪排在最后。\
            如果改用 He 初始化（同一个种子，标准差为 $\\sqrt{2/\\text{输入数}}$），同一个网络的第一个梯度大小为 \
            \(Craft.f(he.gradientNorms.first ?? 0, 4))，在同样的 $\\eta$ 下它\(heOutcome.zh)。
            """)
    }

    func writeExercises(_ page: inout Page) {
        let g5: [Double] = [3, -7, 0.5, 12, -1], c5 = 5.0
        page.exercise("Clip $g = \(Craft.texList(g5, digits: 6))$ at $c = \(Craft.tex(c5))$ by value and by norm. What would subtracting the threshold give?",
                      zh: "把 $g = \(Craft.texList(g5, digits: 6))$ 以 $c = \(Craft.tex(c5))$ 分别按值、按范数裁剪。如果按“减去阈值”的做法，又会得到什么？") { s in
            let r = Self.workClipping(&s, g5, c5)
            s.say("Subtracting instead gives $\(Craft.texList(r.subtract, digits: 6))$: the 12 becomes 7, still above the threshold.",
                  zh: "如果减去阈值，得到 $\(Craft.texList(r.subtract, digits: 6))$：12 变成了 7，仍然超过阈值。")
            s.record("clipped_value", r.value)
            s.record("clipped_norm", r.norm)
            s.record("text_rule", r.subtract)
        }
        let column: [Double] = [10, 20, 60]
        page.exercise("Normalise the single-feature batch $\(Craft.texList(column, digits: 6))$ with $\\gamma = 1$, $\\beta = 0$. Then multiply every input by 10 and add 100: what changes?",
                      zh: "对只有一个特征的批量 $\(Craft.texList(column, digits: 6))$ 做批量归一化（$\\gamma = 1$，$\\beta = 0$）。再把每个输入乘以 10、加上 100，结果有什么变化？") { s in
            let bn = BatchNorm(gamma: [1], beta: [0], epsilon: epsilon.value)
            let f = bn.forward(Matrix(column: column))
            s.step("mean", .symbol(tex: "\\mu", text: "μ"), [.quotient(.sum(column.map { .n($0) }), .n(3))], value: f.mean[0])
            s.step("variance", .symbol(tex: "\\sigma^2", text: "σ²"),
                   [.quotient(.sum(column.map { .power(.group(.difference(.n($0), .n(f.mean[0]))), .n(2)) }), .n(3))], value: f.variance[0])
            for i in 0..<3 {
                s.step(nil, Craft.sub("\\hat x", "\(i + 1)", text: "x̂"),
                       [.quotient(.difference(.n(column[i]), .n(f.mean[0])), Craft.sqrt(.sum([.n(f.variance[0]), .n(bn.epsilon)])))], value: f.normalized[i, 0])
            }
            let moved = column.map { 10 * $0 + 100 }
            let g = bn.forward(Matrix(column: moved))
            let epsilonEffect = zip(f.normalized.values, g.normalized.values).map { abs($0 - $1) }.max() ?? 0
            let sameEn = epsilonEffect < 5e-7
                ? "the same as before, to the digits shown (only $\\varepsilon$ makes a difference, of \(Craft.f(epsilonEffect, 2))). Batch normalization forgets the scale and the offset of its inputs."
                : "not quite the same as before: with $\\varepsilon = \(Craft.tex(epsilon.value))$ the two differ by up to \(Craft.f(epsilonEffect, 2)), because $\\varepsilon$ is not small next to the first batch's variance. Without $\\varepsilon$, batch normalization would forget the scale and the offset of its inputs exactly."
            let sameZh = epsilonEffect < 5e-7
                ? "在显示的位数内与原来相同（只有 $\\varepsilon$ 造成了 \(Craft.f(epsilonEffect, 2)) 的差别）。批量归一化会“忘掉”输入的尺度和偏移。"
                : "与原来并不完全相同：$\\varepsilon = \(Craft.tex(epsilon.value))$ 时两者最多相差 \(Craft.f(epsilonEffect, 2))，因为 $\\varepsilon$ 与第一个批量的方差相比并不算小。若没有 $\\varepsilon$，批量归一化会把输入的尺度和偏移完全“忘掉”。"
            s.say("""
                For $\(Craft.texList(moved, digits: 6))$ the mean is \(fmt(g.mean[0])) and the variance \(fmt(g.variance[0])) (100 times larger), \
                and $\\hat x = \(Craft.texList(g.normalized.values, digits: 6))$: \(sameEn)
                """, zh: """
                对 $\(Craft.texList(moved, digits: 6))$，均值为 \(fmt(g.mean[0]))，方差为 \(fmt(g.variance[0]))（大了 100 倍），\
                而 $\\hat x = \(Craft.texList(g.normalized.values, digits: 6))$：\(sameZh)
                """)
            s.record("normalized", f.normalized.values)
            s.record("normalized_moved", g.normalized.values)
        }
        page.exercise("Keep the lesson's batch, $\\gamma$ and $\\beta$, but let the layer above send back $G_{i1} = 1$ and $G_{i2} = \\hat x_{i2}$. Compute $\\partial L / \\partial \\gamma$, $\\partial L / \\partial \\beta$ and $\\partial L / \\partial x$.",
                      zh: "批量、$\\gamma$ 和 $\\beta$ 与正文相同，但后一层传回 $G_{i1} = 1$、$G_{i2} = \\hat x_{i2}$。求 $\\partial L / \\partial \\gamma$、$\\partial L / \\partial \\beta$ 和 $\\partial L / \\partial x$。") { s in
            let bn = layer, f = bn.forward(x)
            let g = Matrix(rows: x.rows, columns: 2) { i, j in j == 0 ? 1 : f.normalized[i, 1] }
            let b = bn.backward(f, outputGradient: g)
            s.step(.sym("G"), [.matrix(g.nested)])
            s.step(.raw(tex: "\\frac{\\partial L}{\\partial \\gamma}", text: "∂L/∂γ"), [Craft.row(b.gamma.map(Craft.clean), digits: 6)])
            s.step(.raw(tex: "\\frac{\\partial L}{\\partial \\beta}", text: "∂L/∂β"), [Craft.row(b.beta.map(Craft.clean), digits: 6)])
            s.step(.raw(tex: "\\frac{\\partial L}{\\partial x}", text: "∂L/∂x"), [.matrix(b.input.nested)])
            let largest = b.input.values.map(abs).max() ?? 0
            s.say("""
                Every entry of $\\partial L / \\partial x$ is at most \(Craft.f(largest, 2)) in size\(largest < 1e-6 ? ": essentially 0" : ", not 0 only because $\\varepsilon$ keeps the normalization from removing the scale exactly"). The first column asks \
                to move every output of feature 1 up together, the second to stretch feature 2 away from its mean; normalization \
                removes exactly those two directions (a common shift and a common scale), so only $\\beta_1$ and $\\gamma_2$ can serve them.
                """, zh: """
                $\\partial L / \\partial x$ 的每个元素绝对值都不超过 \(Craft.f(largest, 2))\(largest < 1e-6 ? "，基本上就是 0" : "；它不为 0，只是因为 $\\varepsilon$ 使归一化不能把尺度完全消去")。第一列的要求是让特征 1 的所有输出一起上移，\
                第二列的要求是把特征 2 从均值处整体拉开；归一化恰好消去了这两个方向（整体平移和整体缩放），所以只能由 $\\beta_1$ 和 $\\gamma_2$ 来满足。
                """)
            s.record("dL_dgamma", b.gamma)
            s.record("dL_dbeta", b.beta)
            s.record("dL_dx", b.input.nested)
        }
    }
}
