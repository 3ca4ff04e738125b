import LonghandEngine
import Notebook

/// The backward pass: BP1 to BP4, layer by layer, every matrix printed.
extension BackpropEquationsLesson {
    /// f′(z^l) written the way a learner computes it: from a for σ and tanh, from z otherwise.
    /// The slope matrix worked from the layer's output (a ⊙ (1 − a), 1 − a ⊙ a) when the printed four-digit a reproduces the
    /// printed slope; otherwise, in saturation, as f′ of the printed z, which is how the engine computes it.
    func slopeExpr(_ pass: Dense.Forward) -> Expr {
        let a = MatrixExpr.m(pass.output)
        let fromZ = MatrixExpr.apply(activation.derivativeSymbol, MatrixExpr.m(pass.z))
        func printed(_ x: Double) -> Double { Double(NumberFormat.short(x, significant: 4)) ?? x }
        let slopes = pass.z.values.map(activation.activation.derivative)
        switch activation {
        case .sigmoid:
            let reproduces = zip(pass.output.values, slopes).allSatisfy { a, d in printed(printed(a) * (1 - printed(a))) == printed(d) }
            return reproduces ? MatrixExpr.hadamard(a, .group(.difference(.n(1), a))) : fromZ
        case .tanh:
            let reproduces = zip(pass.output.values, slopes).allSatisfy { a, d in printed(1 - printed(a) * printed(a)) == printed(d) }
            return reproduces ? .difference(.n(1), MatrixExpr.hadamard(a, a)) : fromZ
        default: return fromZ
        }
    }

    func slopeSymbol(_ l: Int) -> Expr {
        let f = activation.derivativeSymbol
        return .symbol(tex: "\(f.tex)(z^{\(l)})", text: "\(f.text)(z\(l))")
    }

    func writeBackward(_ page: inout Page, _ net: Network, _ eval: Network.Evaluation) {
        let L = net.layers.count
        let back = eval.backward.layers
        let forward = eval.forward.layers
        page.section("Backward pass: BP1 to BP4", zh: "反向传播：BP1 到 BP4")

        page.subsection("BP1: the output error", zh: "BP1：输出层误差")
        let f = activation.derivativeSymbol
        page.say("""
            The error of output neuron $j$ is $\\delta^L_j = \\partial C / \\partial z^L_j$. The weighted input $z^L_j$ reaches the cost only \
            through that neuron's output $a^L_j = \(activation.symbol.tex)(z^L_j)$, so the chain rule has a single path to follow:
            """, zh: """
            输出层第 $j$ 个神经元的误差是 $\\delta^L_j = \\partial C / \\partial z^L_j$。加权输入 $z^L_j$ 只通过这个神经元的输出 \
            $a^L_j = \(activation.symbol.tex)(z^L_j)$ 影响代价，所以链式法则只有一条路径：
            """)
        page.equation(tex: "\\delta^L_j = \\frac{\\partial C}{\\partial a^L_j}\\,\\frac{\\partial a^L_j}{\\partial z^L_j} = \\frac{\\partial C}{\\partial a^L_j}\\,\(f.tex)(z^L_j) \\qquad \\text{(BP1)}",
                      text: "δL_j = ∂C/∂aL_j · ∂aL_j/∂zL_j = ∂C/∂aL_j · \(f.text)(zL_j)   (BP1)")
        let y = Matrix(row: target.values)
        let top = forward[L - 1]
        page.say("""
            With $C = \\frac{1}{2}\\sum_j (y_j - a^L_j)^2$ only the $j$-th term depends on $a^L_j$, and $\\partial C / \\partial a^L_j = a^L_j - y_j$; \
            the slope of the activation is \(activation.derivativeRule.en). Here $L = \(L)$; for the first output neuron, $j = 1$:
            """, zh: """
            由 $C = \\frac{1}{2}\\sum_j (y_j - a^L_j)^2$，只有第 $j$ 项含 $a^L_j$，所以 $\\partial C / \\partial a^L_j = a^L_j - y_j$；\
            激活函数的斜率：\(activation.derivativeRule.zh)。这里 $L = \(L)$，取第一个输出神经元 $j = 1$：
            """)
        let dC = page.step(nil, .symbol(tex: "\\frac{\\partial C}{\\partial a^{\(L)}_1}", text: "∂C/∂a\(L)_1"),
                           [.difference(.n(top.output[0, 0]), .n(y[0, 0]))], value: eval.outputGradient[0, 0])
        let slope1 = page.step(nil, .symbol(tex: "\(f.tex)(z^{\(L)}_1)", text: "\(f.text)(z\(L)_1)"),
                               [.call(tex: f.tex, text: f.text, [.n(top.z[0, 0])])], value: back[L - 1].slope[0, 0])
        page.step("bp1_index_delta", .symbol(tex: "\\delta^{\(L)}_1", text: "δ\(L)_1"), [.product([.n(dC), .n(slope1)])], value: back[L - 1].delta[0, 0])
        page.say("Every output neuron at once is the same rule on whole rows, entry by entry ($\\odot$):",
                 zh: "对所有输出神经元同时这样做，就是整行逐元素（$\\odot$）相乘：")
        page.fittedStep(.raw(tex: "\\nabla_a C", text: "∇a C"), [.difference(MatrixExpr.m(top.output), MatrixExpr.m(y)), MatrixExpr.m(eval.outputGradient)])
        page.fittedStep(slopeSymbol(L), [slopeExpr(top), MatrixExpr.m(back[L - 1].slope)])
        page.fittedStep(MatrixExpr.s("\\delta", L), [MatrixExpr.hadamard(MatrixExpr.m(eval.outputGradient), MatrixExpr.m(back[L - 1].slope)), MatrixExpr.m(back[L - 1].delta)])
        page.record("dC_da", eval.outputGradient.values)
        page.record("delta\(L)", back[L - 1].delta.values)

        if L > 1 {
            page.subsection("BP2: sending the error back", zh: "BP2：把误差往回传")
            page.say("""
                Neuron $j$ of a lower layer $l$ reaches the cost through every neuron $k$ it feeds, via \
                $z^{l+1}_k = \\sum_i W^{l+1}_{ik}\\, a^l_i + b^{l+1}_k$, so $\\partial z^{l+1}_k / \\partial a^l_j = W^{l+1}_{jk}$ \
                ($W^{l+1}_{jk}$ is the weight from neuron $j$ below to neuron $k$ above, the row-and-column place it has in the matrix). \
                The chain rule adds up one path per neuron $k$:
                """, zh: """
                较低的第 $l$ 层中第 $j$ 个神经元，通过它所连向的每个神经元 $k$ 影响代价：\
                $z^{l+1}_k = \\sum_i W^{l+1}_{ik}\\, a^l_i + b^{l+1}_k$，所以 $\\partial z^{l+1}_k / \\partial a^l_j = W^{l+1}_{jk}$\
                （$W^{l+1}_{jk}$ 是从下层神经元 $j$ 连到上层神经元 $k$ 的权重，也就是它在矩阵中的行列位置）。链式法则把每个 $k$ 的一条路径加起来：
                """)
            page.equation(tex: "\\delta^l_j = \\sum_k \\frac{\\partial C}{\\partial z^{l+1}_k}\\,\\frac{\\partial z^{l+1}_k}{\\partial a^l_j}\\,\\frac{\\partial a^l_j}{\\partial z^l_j} = \\Bigl(\\sum_k W^{l+1}_{jk}\\,\\delta^{l+1}_k\\Bigr)\\,\(f.tex)(z^l_j) \\qquad \\text{(BP2)}",
                          text: "δl_j = Σk ∂C/∂z(l+1)_k · ∂z(l+1)_k/∂al_j · ∂al_j/∂zl_j = (Σk W(l+1)_jk δ(l+1)_k) · \(f.text)(zl_j)   (BP2)")
            page.say("""
                Source text `000` follows Nielsen, who writes the same weight $w^{l+1}_{kj}$ (to $k$, from $j$), so there the sum reads \
                $\\sum_k w^{l+1}_{kj}\\, \\delta^{l+1}_k\\, \(f.tex)(z^l_j)$: the same numbers, the indices in the other order.
                """, zh: """
                原文 `000` 沿用 Nielsen 的记法，把同一个权重写成 $w^{l+1}_{kj}$（连向 $k$、来自 $j$），\
                所以那里写成 $\\sum_k w^{l+1}_{kj}\\, \\delta^{l+1}_k\\, \(f.tex)(z^l_j)$：数值完全相同，只是下标顺序相反。
                """)
            for l in stride(from: L - 1, through: 1, by: -1) {
                let above = back[l], w = net.layers[l].weights
                let terms: [Expr] = (0..<w.columns).map { k in .product([.n(w[0, k]), .n(above.delta[0, k])]) }
                let symbolic: [Expr] = (0..<w.columns).map { k in
                    .symbol(tex: "W^{\(l + 1)}_{1\(k + 1)}\\,\\delta^{\(l + 1)}_{\(k + 1)}", text: "W\(l + 1)_1\(k + 1)·δ\(l + 1)_\(k + 1)")
                }
                page.say("Layer \(l), neuron $j = 1$, with this lesson's numbers:", zh: "第 \(l) 层，神经元 $j = 1$，代入本课的数：")
                let slope = page.step(nil, .symbol(tex: "\(f.tex)(z^{\(l)}_1)", text: "\(f.text)(z\(l)_1)"),
                                      [.call(tex: f.tex, text: f.text, [.n(forward[l - 1].z[0, 0])])], value: back[l - 1].slope[0, 0])
                page.step("bp2_index_delta\(l)", .symbol(tex: "\\delta^{\(l)}_1", text: "δ\(l)_1"),
                          [.product([.group(symbolic.count == 1 ? symbolic[0] : .sum(symbolic)), .symbol(tex: "\(f.tex)(z^{\(l)}_1)", text: "\(f.text)(z\(l)_1)")]),
                           .product([.group(terms.count == 1 ? terms[0] : .sum(terms)), .n(slope)])],
                          value: back[l - 1].delta[0, 0])
                page.say("All neurons of layer \(l) at once: the sum over $k$ for every $j$ is the product with $(W^{\(l + 1)})^\\top$, then the slopes entry by entry.",
                         zh: "第 \(l) 层所有神经元一起算：对每个 $j$ 关于 $k$ 求和，正是乘以 $(W^{\(l + 1)})^\\top$；再逐元素乘以斜率。")
                page.fittedStep(.symbol(tex: "\\delta^{\(l + 1)} (W^{\(l + 1)})^\\top", text: "δ\(l + 1) (W\(l + 1))ᵀ"),
                          [.product([MatrixExpr.m(above.delta), MatrixExpr.transpose(MatrixExpr.m(w))]), MatrixExpr.m(above.inputGradient)])
                page.fittedStep(slopeSymbol(l), [slopeExpr(forward[l - 1]), MatrixExpr.m(back[l - 1].slope)])
                page.fittedStep(MatrixExpr.s("\\delta", l), [MatrixExpr.hadamard(MatrixExpr.m(above.inputGradient), MatrixExpr.m(back[l - 1].slope)), MatrixExpr.m(back[l - 1].delta)])
                page.record("delta\(l)", back[l - 1].delta.values)
            }
        }

        page.subsection("BP3: bias gradients", zh: "BP3：偏置的梯度")
        page.say("A bias enters $z^l$ with coefficient 1, so its gradient is the error itself.",
                 zh: "偏置以系数 1 进入 $z^l$，所以它的梯度就是误差本身。")
        for l in stride(from: L, through: 1, by: -1) {
            page.fittedStep(.symbol(tex: "\\frac{\\partial C}{\\partial b^{\(l)}}", text: "∂C/∂b\(l)"),
                      [MatrixExpr.s("\\delta", l), MatrixExpr.m(back[l - 1].gradient.bias)])
            page.record("dC_db\(l)", back[l - 1].gradient.bias.values)
        }

        page.subsection("BP4: weight gradients", zh: "BP4：权重的梯度")
        page.say("Weight $W^l_{kj}$ multiplies $a^{l-1}_k$ on its way into $z^l_j$, so its gradient is $a^{l-1}_k \\delta^l_j$. All of them at once: the column $(a^{l-1})^\\top$ times the row $\\delta^l$, a matrix the shape of $W^l$.",
                 zh: "权重 $W^l_{kj}$ 在进入 $z^l_j$ 时乘的是 $a^{l-1}_k$，所以它的梯度是 $a^{l-1}_k \\delta^l_j$。一次全部算出：列向量 $(a^{l-1})^\\top$ 乘以行向量 $\\delta^l$，得到与 $W^l$ 同形的矩阵。")
        for l in stride(from: L, through: 1, by: -1) {
            let a = forward[l - 1].input
            page.fittedStep(.symbol(tex: "\\frac{\\partial C}{\\partial W^{\(l)}}", text: "∂C/∂W\(l)"),
                      [.product([MatrixExpr.transpose(MatrixExpr.m(a)), MatrixExpr.m(back[l - 1].delta)]), MatrixExpr.m(back[l - 1].gradient.weights)])
            page.record("dC_dW\(l)", back[l - 1].gradient.weights.nested)
        }
        let aTop = forward[L - 1].input
        page.say("One entry by hand, the weight from the first neuron below to the first output:",
                 zh: "手算其中一个：从下面一层第一个神经元连到第一个输出的权重：")
        page.step(nil, .symbol(tex: "\\frac{\\partial C}{\\partial W^{\(L)}_{11}}", text: "∂C/∂W\(L)_11"),
                  [.symbol(tex: "a^{\(L - 1)}_1 \\, \\delta^{\(L)}_1", text: "a\(L - 1)_1 · δ\(L)_1"), .product([.n(aTop[0, 0]), .n(back[L - 1].delta[0, 0])])],
                  value: back[L - 1].gradient.weights[0, 0])

        var nodeValues: [[Double]] = [input.values]
        for pass in back { nodeValues.append(pass.delta.values) }
        page.figure("gradients", title: Localized("The backward pass: δ in every neuron, ∂C/∂W on every edge", zh: "反向传播：每个神经元里的 δ，每条连线上的 ∂C/∂W"),
                    description: Localized("The same network; inside each neuron its error δ (inputs show x), on each edge the gradient ∂C/∂W of that weight; each neuron’s ∂C/∂b equals its δ (BP3).",
                                           zh: "同一个网络：每个神经元里是它的误差 δ（输入处是 x），每条连线上是该权重的梯度 ∂C/∂W，每个神经元的 ∂C/∂b 就等于它的 δ（BP3）。"),
                    diagram(net, values: nodeValues, edgeValues: back.map { $0.gradient.weights.nested },
                            showBiases: false, digits: 2))
    }
}
