import LonghandEngine
import Notebook

/// The gradient check, the update of all layers together, the `002` erratum, and the exercises.
extension BackpropEquationsLesson {
    /// "W^2_{1,3}"-style names of every parameter, in `Network.parameters` order.
    static func parameterNames(_ net: Network) -> [Expr] {
        var names: [Expr] = []
        for (l, layer) in net.layers.enumerated() {
            for k in 0..<layer.weights.rows {
                for j in 0..<layer.weights.columns {
                    names.append(.symbol(tex: "W^{\(l + 1)}_{\(k + 1)\(j + 1)}", text: "W\(l + 1)_\(k + 1)\(j + 1)"))
                }
            }
            for j in 0..<layer.bias.columns { names.append(.symbol(tex: "b^{\(l + 1)}_{\(j + 1)}", text: "b\(l + 1)_\(j + 1)")) }
        }
        return names
    }

    func writeCheck(_ page: inout Page, _ net: Network, _ x: Matrix, _ objective: Network.Objective) {
        page.section("Every gradient checked by central differences", zh: "用中心差分核对每个梯度")
        page.say("""
            Backpropagation is only the chain rule, so its numbers must agree with a blunt numerical derivative: nudge one \
            parameter $\\theta$ up and down by $h$, run the whole network forward twice, and take \
            $(C(\\theta + h) - C(\\theta - h)) / 2h$. No equation is shared between the two columns below.
            """, zh: """
            反向传播不过是链式法则，它算出的数必须与最朴素的数值差分得到的导数一致：把某个参数 $\\theta$ 上下各推动 $h$，\
            整个网络各前向计算一次，取 $(C(\\theta + h) - C(\\theta - h)) / 2h$。下表两列的计算没有共用任何一个方程。
            """)
        page.convention("Central differences use $h = 10^{-5}$; the relative error is $|g_b - g_c| / \\max(|g_b|, |g_c|)$ ($g_b$ from backpropagation, $g_c$ from central differences), taken as 0 when both are 0.",
                        zh: "中心差分取 $h = 10^{-5}$；相对误差定义为 $|g_b - g_c| / \\max(|g_b|, |g_c|)$（$g_b$ 来自反向传播，$g_c$ 来自中心差分），两者都为 0 时记为 0。")
        let checks = net.gradientCheck(x, objective)
        let entries = checks.flatMap(\.entries)
        let names = Self.parameterNames(net)
        page.table([Localized("parameter", zh: "参数"), Localized("backpropagation", zh: "反向传播"),
                    Localized("central difference", zh: "中心差分"), Localized("relative error", zh: "相对误差")],
                   zip(names, entries).map { name, e in [.math(name), .number(e.analytic), .number(e.numeric), .number(e.relativeError, digits: 2)] })
        let worst = checks.map(\.maxRelativeError).max() ?? 0
        page.record("max_relative_error", worst)
        let agreement = Self.agreementSentence(worst: worst, count: entries.count)
        page.say(agreement.en, zh: agreement.zh)
    }

    func writeUpdate(_ page: inout Page, _ net: Network, _ eval: Network.Evaluation, _ x: Matrix, _ objective: Network.Objective) {
        let eta = learningRate.value
        let L = net.layers.count
        page.section("One step of gradient descent: all layers together", zh: "一步梯度下降：所有层一起更新")
        page.say("""
            The backward pass above used the weights as they were during the forward pass, for every layer. Only now, with \
            all gradients in hand, does gradient descent move every parameter at once, with learning rate $\\eta = \(fmt(eta))$:
            """, zh: """
            上面的反向传播对每一层用的都是前向传播时的那组权重。直到所有梯度都算好之后，梯度下降才一次性更新全部参数，学习率取 $\\eta = \(fmt(eta))$：
            """)
        let updated = net.updated(by: eval.gradients, learningRate: eta)
        for l in stride(from: L, through: 1, by: -1) {
            let old = net.layers[l - 1], new = updated.layers[l - 1], g = eval.gradients[l - 1]
            page.fittedStep(.symbol(tex: "W^{\(l)} - \\eta \\frac{\\partial C}{\\partial W^{\(l)}}", text: "W\(l) - η ∂C/∂W\(l)"),
                      [.difference(MatrixExpr.m(old.weights), .product([.n(eta), MatrixExpr.m(g.weights)])), MatrixExpr.m(new.weights)])
            page.fittedStep(.symbol(tex: "b^{\(l)} - \\eta \\frac{\\partial C}{\\partial b^{\(l)}}", text: "b\(l) - η ∂C/∂b\(l)"),
                      [.difference(MatrixExpr.m(old.bias), .product([.n(eta), MatrixExpr.m(g.bias)])), MatrixExpr.m(new.bias)])
            page.record("W\(l)_after", new.weights.nested)
            page.record("b\(l)_after", new.bias.values)
        }
        let after = updated.loss(x, objective)
        if after.isFinite {
            page.step("cost_after", .symbol(tex: "C_{\(MathWords.text("after", zh: "更新后"))}", text: "C after"), [], value: after)
        }
        let noGradient = eval.gradients.allSatisfy { g in g.weights.values.allSatisfy { $0 == 0 } && g.bias.values.allSatisfy { $0 == 0 } }
        let (costBefore, costAfter) = NumberFormat.apart(eval.loss, after)
        if after < eval.loss {
            page.say("The cost fell from \(costBefore) to \(costAfter).", zh: "代价从 \(costBefore) 降到了 \(costAfter)。")
        } else if !after.isFinite {
            page.say("The cost after the step is beyond the largest double: this learning rate is far too large for this point; try a smaller `--learning-rate`.",
                     zh: "更新之后的代价超出了双精度数的上限：对这个点来说学习率大得太多了，可以试试更小的 `--learning-rate`。")
        } else if after > eval.loss {
            page.say("The cost rose from \(costBefore) to \(costAfter): this learning rate is too large for this point; try a smaller `--learning-rate`.",
                     zh: "代价从 \(costBefore) 升到了 \(costAfter)：对这个点来说学习率太大了，可以试试更小的 `--learning-rate`。")
        } else if noGradient {
            page.say("The cost stays at \(fmt(eval.loss)): every gradient is 0 here, so no parameter moves.",
                     zh: "代价保持在 \(fmt(eval.loss))：这里每个梯度都是 0，没有哪个参数会动。")
        } else {
            page.say("The cost stays at \(fmt(eval.loss)) to every digit a double holds: the step is too small to change it.",
                     zh: "代价仍是 \(fmt(eval.loss))，在双精度能表示的每一位上都没有变：这一步太小，改变不了它。")
        }

        guard L > 1 else { return }
        // The erratum: the order `002` describes.
        let wrong = Self.topFirst(net, eval.forward, outputGradient: eval.outputGradient, learningRate: eta)
        let wrongAfter = wrong.network.loss(x, objective)
        let checks = net.gradientCheck(x, objective)
        let numericW1 = checks[0].weights.map(\.numeric)
        let wrongError = zip(wrong.gradients[0].weights.values, numericW1).map { GradientCheck.relativeError($0, $1) }.max() ?? 0
        let difference = (wrong.gradients[0].weights - eval.gradients[0].weights).values.map(abs).max() ?? 0
        page.subsection("What if the top layer is updated first?", zh: "如果先更新顶层会怎样？")
        page.say("""
            Suppose instead we update $W^{\(L)}$ and $b^{\(L)}$ as soon as $\\delta^{\(L)}$ is known, and then compute \
            $\\delta^{\(L - 1)}$ with the **new** $W^{\(L)}$, and so on down. BP2 {eq:bp2} then gives for the bottom layer:
            """, zh: """
            假如换一种做法：一算出 $\\delta^{\(L)}$ 就立刻更新 $W^{\(L)}$ 和 $b^{\(L)}$，再用**更新后**的 $W^{\(L)}$ 去算 \
            $\\delta^{\(L - 1)}$，如此逐层往下。这时 BP2 {eq:bp2} 给出的最底层结果是：
            """)
        page.fittedStep(.symbol(tex: "\\delta^{1}_{\(MathWords.text("top first", zh: "先更新顶层"))}", text: "δ1 (top first)"), [MatrixExpr.m(wrong.deltas[0])])
        page.fittedStep(.symbol(tex: "\\left(\\frac{\\partial C}{\\partial W^{1}}\\right)_{\(MathWords.text("top first", zh: "先更新顶层"))}", text: "∂C/∂W1 (top first)"), [MatrixExpr.m(wrong.gradients[0].weights)])
        // The mixed order only changes W¹'s gradient when the top layer actually moved and the error reaches W¹.
        let differs = difference > 0 && wrongError > 1e-6
        if differs {
            page.say("""
                instead of $\\delta^1 = \(MatrixExpr.list(eval.backward.deltas[0].values))$ and the $\\partial C / \\partial W^1$ above: \
                the entries differ by up to \(NumberFormat.short(difference, significant: 3)). Against the central differences, \
                these numbers are off by a relative error of up to \(NumberFormat.short(wrongError, significant: 3)), so they are \
                not the gradient of anything we are minimising. The cost after this mixed step is \(Self.costText(wrongAfter).en) instead of \(Self.costText(after).en).
                """, zh: """
                而正确的 $\\delta^1 = \(MatrixExpr.list(eval.backward.deltas[0].values))$ 以及上面的 $\\partial C / \\partial W^1$ 与之不同，\
                各元素最多相差 \(NumberFormat.short(difference, significant: 3))。与中心差分相比，这组数的相对误差最大达 \
                \(NumberFormat.short(wrongError, significant: 3))，可见它根本不是我们要最小化的代价的梯度。按这种混合步骤更新后，\
                代价是\(Self.costText(wrongAfter).zh)，而不是\(Self.costText(after).zh)。
                """)
        } else {
            page.say("""
                and $\\delta^1 = \(MatrixExpr.list(eval.backward.deltas[0].values))$ from the true backward pass: at this point the two \
                agree (the entries differ by at most \(NumberFormat.short(difference, significant: 3))), because the top layer's update \
                hardly changes the error sent down. That is luck of this point, not a property of the order: with other inputs or \
                weights the two differ.
                """, zh: """
                而真正的反向传播给出 $\\delta^1 = \(MatrixExpr.list(eval.backward.deltas[0].values))$：在这个点上两者一致\
                （各元素最多相差 \(NumberFormat.short(difference, significant: 3))），因为顶层的更新几乎没有改变往下传的误差。\
                这只是这个点碰巧如此，并不是这种顺序的性质：换了输入或权重，两者就不一样了。
                """)
        }
        page.record("top_first_delta1", wrong.deltas[0].values)
        page.record("top_first_dC_dW1", wrong.gradients[0].weights.nested)
        page.record("top_first_relative_error", wrongError)
        if wrongAfter.isFinite { page.record("top_first_cost_after", wrongAfter) }
        page.erratum("""
            Source text `002` describes training as: compare the network's output with the target; "if the difference is \
            large, modify the weights of the current layer; when the difference is small, modify the weights of the layer \
            below", repeating down to the first layer. That is not backpropagation. One backward pass computes **every** \
            layer's gradient, each from the weights used in the forward pass, whatever the size of the error; then all \
            weights and biases are updated together. Updating the top layer first and reusing its new weights for the layer \
            below changes the numbers\(differs ? ": here $\\partial C / \\partial W^1$ differs by up to \(NumberFormat.short(difference, significant: 3)) and no longer matches the central differences" : " in general, even where, as at this point, the difference happens to vanish").
            """, zh: """
            原文 `002` 这样描述训练：“如果这个值相差比较大，则修改当前层的联结的权重；当发现这个值相差不大时，\
            则修改更低一层的权重”，一直重复到第一层。这不是反向传播。一次反向传播会算出**每一层**的梯度，\
            每层用的都是前向传播时的权重，与误差大小无关；然后所有权重和偏置一起更新。\
            如果先更新顶层、再拿新权重去算下面一层，数值就变了\(differs ? "：本例中 $\\partial C / \\partial W^1$ 最多相差 \(NumberFormat.short(difference, significant: 3))，也不再与中心差分吻合" : "；一般情况下都是如此，只是在这个点上差别碰巧消失了")。
            """)
    }

    /// A cost for prose: its value, or words when it overflowed.
    static func costText(_ c: Double) -> Localized {
        c.isFinite ? Localized(fmt(c), zh: " \(fmt(c))") : Localized("beyond the largest double", zh: "超出双精度上限的数")
    }

    /// How many digits the backpropagation and central-difference columns share, in words chosen from the largest error.
    static func agreementSentence(worst: Double, count: Int) -> Localized {
        if worst == 0 {
            return Localized("The largest relative error is 0: all \(count) gradients agree exactly (several are exactly 0 both ways).",
                             zh: "最大相对误差为 0：全部 \(count) 个梯度完全一致（其中有些两种算法都恰好是 0）。")
        }
        let digits = max(0, Int(-Double.log10(worst)))
        let e = NumberFormat.short(worst, significant: 2)
        if digits >= 9 {
            return Localized("The largest relative error is \(e): all \(count) gradients agree to about \(digits) digits, the accuracy central differences can give.",
                             zh: "最大相对误差为 \(e)：全部 \(count) 个梯度都吻合到大约 \(digits) 位有效数字，这已是中心差分所能达到的精度。")
        }
        if digits >= 4 {
            return Localized("The largest relative error is \(e): all \(count) gradients agree to about \(digits) digits. That is fewer than usual: where a gradient is tiny next to the cost, or the cost curves sharply within $h$, the central difference itself loses digits; the backpropagation column is the exact one.",
                             zh: "最大相对误差为 \(e)：全部 \(count) 个梯度吻合到大约 \(digits) 位有效数字。这比通常少：某个梯度相对代价非常小，或代价在 $h$ 的范围内弯得很厉害时，中心差分本身就会丢掉有效数字；反向传播那一列才是精确的。")
        }
        return Localized("The largest relative error is \(e): the two columns agree to only about \(digits) digits somewhere. Either a gradient there is so small that the central difference's rounding swamps it, or a weighted input lies within $h$ of the corner of a ReLU-type activation, where the slope jumps and the central difference straddles it; the backpropagation column is the exact one.",
                         zh: "最大相对误差为 \(e)：两列在某处只吻合到大约 \(digits) 位有效数字。原因要么是那里的梯度太小，被中心差分的舍入误差淹没；要么是某个加权输入离 ReLU 一类激活函数的折点不到 $h$，斜率在那里跳变，中心差分跨过了折点。反向传播那一列才是精确的。")
    }

    /// The default input reflected and doubled, cut or padded to the network's input size.
    var exerciseInput: [Double] { (0..<sizes[0]).map { [-1.0, 2, 0.5, -2][$0 % 4] } }
    var exerciseTarget: [Double] { (0..<sizes.last!).map { [0.0, 1, 1, 0][$0 % 4] } }

    func writeExercises(_ page: inout Page, _ net: Network) {
        let L = net.layers.count
        let x2 = exerciseInput, y2 = exerciseTarget
        page.exercise("Keep the weights, but take the input $x = \(MatrixExpr.list(x2))$ and target $y = \(MatrixExpr.list(y2))$. Compute $\\delta^{\(L)}$, $\\delta^1$ and $\\partial C / \\partial W^1$, and check them by central differences.",
                      zh: "权重不变，把输入换成 $x = \(MatrixExpr.list(x2))$、目标换成 $y = \(MatrixExpr.list(y2))$。求 $\\delta^{\(L)}$、$\\delta^1$ 和 $\\partial C / \\partial W^1$，并用中心差分核对。") { s in
            let e = net.evaluate(Matrix(row: x2), .halfSquaredError(targets: Matrix(row: y2)))
            self.solveDeltas(&s, net, e)
            let worst = net.gradientCheck(Matrix(row: x2), .halfSquaredError(targets: Matrix(row: y2))).map(\.maxRelativeError).max() ?? 0
            s.say("Largest relative error against central differences: \(NumberFormat.short(worst, significant: 2)).",
                  zh: "与中心差分相比，最大相对误差为 \(NumberFormat.short(worst, significant: 2))。")
            s.record("max_relative_error", worst)
        }
        let other: NetworkActivation = activation == .tanh ? .sigmoid : .tanh
        page.exercise("Same weights, input and target as the lesson, but every layer uses \(other.displayName). Which slopes change, and what are $\\delta^{\(L)}$, $\\delta^1$ and $\\partial C / \\partial W^1$ now?",
                      zh: "权重、输入、目标都与正文相同，但每一层改用 \(other.displayName)。哪些斜率变了？现在的 $\\delta^{\(L)}$、$\\delta^1$ 和 $\\partial C / \\partial W^1$ 是多少？") { s in
            let swapped = Network(layers: net.layers.map { Dense(weights: $0.weights, bias: $0.bias, activation: other.activation) })
            let e = swapped.evaluate(Matrix(row: input.values), .halfSquaredError(targets: Matrix(row: target.values)))
            s.say("Every slope changes: now \(other.derivativeRule.en). The forward pass changes too, so every $a^l$ is new.",
                  zh: "所有斜率都变了：\(other.derivativeRule.zh)。前向传播也随之改变，每个 $a^l$ 都是新的。")
            var copy = self
            copy.activation = other
            copy.solveDeltas(&s, swapped, e)
        }
        page.exercise("Stack the lesson's example and the one from exercise 1 as the two rows of a batch $X$, with $C$ the mean of their two costs. Show that $X^\\top \\Delta^1$ equals the average of the two single-example gradients $\\partial C / \\partial W^1$.",
                      zh: "把正文的样本和练习 1 的样本作为两行叠成一个批量 $X$，代价 $C$ 取两者代价的平均。验证 $X^\\top \\Delta^1$ 等于两个单样本梯度 $\\partial C / \\partial W^1$ 的平均。") { s in
            let bx = Matrix([input.values, x2]), by = Matrix([target.values, y2])
            let batch = net.evaluate(bx, .halfSquaredError(targets: by))
            let g1 = net.evaluate(Matrix(row: input.values), .halfSquaredError(targets: Matrix(row: target.values))).gradients[0].weights
            let g2 = net.evaluate(Matrix(row: x2), .halfSquaredError(targets: Matrix(row: y2))).gradients[0].weights
            let average = 0.5 * (g1 + g2)
            s.say("With $n = 2$ rows, $\\nabla_a C = (A^L - Y)/2$, so each row of $\\Delta^l$ is that example's $\\delta^l$ divided by 2.",
                  zh: "批量有 $n = 2$ 行，$\\nabla_a C = (A^L - Y)/2$，所以 $\\Delta^l$ 的每一行都是该样本的 $\\delta^l$ 除以 2。")
            s.fittedStep(.sym("X"), [MatrixExpr.m(bx)])
            s.fittedStep(.symbol(tex: "\\Delta^1", text: "Δ1"), [MatrixExpr.m(batch.backward.deltas[0])])
            s.fittedStep(.symbol(tex: "X^\\top \\Delta^1", text: "Xᵀ Δ1"), [.product([MatrixExpr.transpose(MatrixExpr.m(bx)), MatrixExpr.m(batch.backward.deltas[0])]), MatrixExpr.m(batch.gradients[0].weights)])
            s.fittedStep(.symbol(tex: "\\tfrac{1}{2}(g_1 + g_2)", text: "(g1 + g2)/2"), [.product([.n(0.5), .group(.sum([MatrixExpr.m(g1), MatrixExpr.m(g2)]))]), MatrixExpr.m(average)])
            let diff = (batch.gradients[0].weights - average).values.map(abs).max() ?? 0
            s.say("The largest difference between the two is \(NumberFormat.short(diff, significant: 2)) (at most rounding): a batch's matrix product does the summing over examples.",
                  zh: "两者的最大差值为 \(NumberFormat.short(diff, significant: 2))（至多是舍入误差）：批量的矩阵乘法本身就完成了对样本的求和。")
            s.record("batch_dC_dW1", batch.gradients[0].weights.nested)
            s.record("max_difference", diff)
        }
    }

    /// δ^L, δ^1 and ∂C/∂W^1 as steps (used by the exercises).
    func solveDeltas(_ s: inout Page, _ net: Network, _ e: Network.Evaluation) {
        let L = net.layers.count
        let back = e.backward.layers
        s.fittedStep(MatrixExpr.s("\\delta", L), [MatrixExpr.hadamard(MatrixExpr.m(e.outputGradient), MatrixExpr.m(back[L - 1].slope)), MatrixExpr.m(back[L - 1].delta)])
        if L > 1 {
            for l in stride(from: L - 1, through: 1, by: -1) {
                s.fittedStep(MatrixExpr.s("\\delta", l), [MatrixExpr.hadamard(.group(.product([MatrixExpr.m(back[l].delta), MatrixExpr.transpose(MatrixExpr.m(net.layers[l].weights))])),
                                                                          MatrixExpr.m(back[l - 1].slope)), MatrixExpr.m(back[l - 1].delta)])
            }
        }
        s.fittedStep(.symbol(tex: "\\frac{\\partial C}{\\partial W^{1}}", text: "∂C/∂W1"),
               [.product([MatrixExpr.transpose(MatrixExpr.m(e.forward.input)), MatrixExpr.m(back[0].delta)]), MatrixExpr.m(back[0].gradient.weights)])
        s.record("delta\(L)", back[L - 1].delta.values)
        s.record("delta1", back[0].delta.values)
        s.record("dC_dW1", back[0].gradient.weights.nested)
    }
}
