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
        page.say("Start from the cost. With $C = \\frac{1}{2}\\lVert y - a^L \\rVert^2$ the gradient with respect to the outputs is $a^L - y$; the slope of the activation is \(activation.derivativeRule.en).",
                 zh: "从代价出发。由 $C = \\frac{1}{2}\\lVert y - a^L \\rVert^2$ 得代价对输出的梯度为 $a^L - y$；激活函数的斜率：\(activation.derivativeRule.zh)。")
        let y = Matrix(row: target.values)
        page.fittedStep(.raw(tex: "\\nabla_a C", text: "∇a C"), [.difference(MatrixExpr.m(forward[L - 1].output), MatrixExpr.m(y)), MatrixExpr.m(eval.outputGradient)])
        page.fittedStep(slopeSymbol(L), [slopeExpr(forward[L - 1]), MatrixExpr.m(back[L - 1].slope)])
        page.fittedStep(MatrixExpr.s("\\delta", L), [MatrixExpr.hadamard(MatrixExpr.m(eval.outputGradient), MatrixExpr.m(back[L - 1].slope)), MatrixExpr.m(back[L - 1].delta)])
        page.record("dC_da", eval.outputGradient.values)
        page.record("delta\(L)", back[L - 1].delta.values)
        page.say("Entry by entry, the first output neuron:", zh: "逐个元素看，第一个输出神经元：")
        page.step(nil, .symbol(tex: "\\delta^{\(L)}_1", text: "δ\(L)_1"),
                  [.product([.group(.difference(.n(forward[L - 1].output[0, 0]), .n(y[0, 0]))), .n(back[L - 1].slope[0, 0])])],
                  value: back[L - 1].delta[0, 0])

        if L > 1 {
            page.subsection("BP2: sending the error back", zh: "BP2：把误差往回传")
            page.say("Each neuron of a lower layer collects the errors of the neurons it feeds, weighted by the connecting weights: that is the product with $(W^{l+1})^\\top$. Then the slope of its own activation scales it.",
                     zh: "较低一层的每个神经元，把它所连向的上面一层各神经元的误差收集起来，按连接权重加权求和，这正是乘以 $(W^{l+1})^\\top$；再乘以它自身激活函数的斜率。")
            for l in stride(from: L - 1, through: 1, by: -1) {
                let above = back[l], w = net.layers[l].weights
                page.fittedStep(.symbol(tex: "\\delta^{\(l + 1)} (W^{\(l + 1)})^\\top", text: "δ\(l + 1) (W\(l + 1))ᵀ"),
                          [.product([MatrixExpr.m(above.delta), MatrixExpr.transpose(MatrixExpr.m(w))]), MatrixExpr.m(above.inputGradient)])
                page.fittedStep(slopeSymbol(l), [slopeExpr(forward[l - 1]), MatrixExpr.m(back[l - 1].slope)])
                page.fittedStep(MatrixExpr.s("\\delta", l), [MatrixExpr.hadamard(MatrixExpr.m(above.inputGradient), MatrixExpr.m(back[l - 1].slope)), MatrixExpr.m(back[l - 1].delta)])
                page.record("delta\(l)", back[l - 1].delta.values)
                let terms: [Expr] = (0..<w.columns).map { j in .product([.n(above.delta[0, j]), .n(w[0, j])]) }
                page.say("For the first neuron of layer \(l): the errors above, each times the weight from this neuron, summed, then times the slope.",
                         zh: "以第 \(l) 层第一个神经元为例：上面一层的各个误差分别乘以从该神经元出发的权重，求和，再乘以斜率。")
                page.step(nil, .symbol(tex: "\\delta^{\(l)}_1", text: "δ\(l)_1"),
                          [.product([.group(terms.count == 1 ? terms[0] : .sum(terms)), .n(back[l - 1].slope[0, 0])])],
                          value: back[l - 1].delta[0, 0])
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
