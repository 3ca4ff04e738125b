import LonghandEngine
import Notebook

extension WalkthroughPage {
    // MARK: Matrix form

    /// BP1–BP4 on the whole batch for the dense layers at the top of the network, through the
    /// engine's batch Dense.forward/backward (one example per row).
    func writeMatrixForm(_ page: inout Page) {
        let dense = denseLayers
        guard let first = dense.first, dense == Array(first..<network.layers.count) else { return }
        page.section("The same in matrix form (BP1–BP4)", zh: "矩阵形式（BP1–BP4）")
        page.say("""
            With one example per row, the dense layers compute $Z^{(l)} = A^{(l-1)} W^{(l)\\top} + b^{(l)}$ for the whole batch at once, \
            and the backward pass is four equations: BP1 gives the output layer's $\\delta$, BP2 passes $\\delta$ down one layer, \
            BP3 and BP4 give the gradients.\(n == 1 ? "" : " The loss is the mean over the \(n) rows, so $\\nabla_a$ carries the factor 1/\(n).")
            """, zh: """
            每行放一个样本，全连接层一次算出整批的 $Z^{(l)} = A^{(l-1)} W^{(l)\\top} + b^{(l)}$，反向传播则是四个方程：\
            BP1 给出输出层的 $\\delta$，BP2 把 $\\delta$ 往下传一层，BP3 和 BP4 给出梯度。\(n == 1 ? "" : "损失是 \(n) 行的平均，所以 $\\nabla_a$ 带有因子 1/\(n)。")
            """)
        page.equation(tex: "\\text{BP1: } \\delta^{(L)} = \\nabla_a L \\odot f'(Z^{(L)}) \\quad \\text{BP2: } \\delta^{(l)} = \\left(\\delta^{(l+1)} W^{(l+1)}\\right) \\odot f'(Z^{(l)}) \\quad \\text{BP3: } \\frac{\\partial L}{\\partial b^{(l)}} = \\mathbf{1}^\\top \\delta^{(l)} \\quad \\text{BP4: } \\frac{\\partial L}{\\partial W^{(l)}} = \\delta^{(l)\\top} A^{(l-1)}",
                      text: "BP1: δ(L) = ∇a L ⊙ f′(Z(L))   BP2: δ(l) = (δ(l+1) W(l+1)) ⊙ f′(Z(l))   BP3: ∂L/∂b(l) = 1ᵀ δ(l)   BP4: ∂L/∂W(l) = δ(l)ᵀ A(l−1)")
        // Forward on the batch.
        let x = Matrix(evaluation.passes.map { $0.layers[first].input.values })
        var forwards: [Dense.Forward] = []
        var a = x
        for i in dense {
            guard case .dense(let d, _) = network.layers[i] else { continue }
            let f = d.forward(a)
            forwards.append(f)
            a = f.output
        }
        // ∂L/∂(output) for the batch: each example's own gradient divided by n.
        let top = network.layers.count - 1
        let outputGradient = Matrix(evaluation.passes.map { pass in
            spec.loss.gradient(logits: pass.layers[top].z.values, activations: pass.layers[top].output.values, target: pass.target).map { $0 / Double(n) }
        })
        var upstream = outputGradient
        var results: [(Int, Dense.Backward)] = []
        for (position, i) in dense.enumerated().reversed() {
            guard case .dense(let d, _) = network.layers[i] else { continue }
            let b = i == top && spec.loss.differentiatesLogits
                ? d.backward(forwards[position], delta: upstream)
                : d.backward(forwards[position], outputGradient: upstream)
            results.append((i, b))
            upstream = b.inputGradient
        }
        let l0 = first
        page.step(.symbol(tex: "A^{(\(l0))}", text: "A(\(l0))"), [.elidedMatrix(x.nested)])
        for (position, i) in dense.enumerated() {
            page.step(.symbol(tex: "Z^{(\(i + 1))}", text: "Z(\(i + 1))"), [.elidedMatrix(forwards[position].z.nested)])
            page.step(.symbol(tex: "A^{(\(i + 1))}", text: "A(\(i + 1))"), [.elidedMatrix(forwards[position].output.nested)])
        }
        for (i, b) in results {
            let l = i + 1
            let bp = i == top ? "BP1" : "BP2"
            if i == top && spec.loss.differentiatesLogits {
                page.step(.symbol(tex: "\\delta^{(\(l))}", text: "δ(\(l))"), [.raw(tex: "\\tfrac{1}{\(n)}(A^{(\(l))} - Y)", text: "(1/\(n))(A(\(l)) − Y)"), .elidedMatrix(b.delta.nested)])
            } else {
                page.step(.symbol(tex: "\\delta^{(\(l))}", text: "δ(\(l))"), [.raw(tex: "\\text{\(bp)}", text: bp), .elidedMatrix(b.delta.nested)])
            }
            page.step(.symbol(tex: "\\frac{\\partial L}{\\partial b^{(\(l))}}", text: "∂L/∂b(\(l))"), [.raw(tex: "\\text{BP3}", text: "BP3"), .elidedMatrix(b.gradient.bias.nested)])
            page.step(.symbol(tex: "\\frac{\\partial L}{\\partial W^{(\(l))}}", text: "∂L/∂W(\(l))"), [.raw(tex: "\\text{BP4}", text: "BP4"), .elidedMatrix(b.gradient.weights.transposed.nested)])
            page.record("matrix_dW\(l)", b.gradient.weights.transposed.nested)
            page.record("matrix_db\(l)", b.gradient.bias.values)
            page.record("matrix_delta\(l)", b.delta.nested)
        }
        // The matrix form and the unit-by-unit mean must be the same numbers; say how close they are.
        var largest = 0.0
        var offset = 0
        for (i, count) in network.parameterCounts.enumerated() {
            if let b = results.first(where: { $0.0 == i })?.1 {
                let flat = b.gradient.weights.transposed.values + b.gradient.bias.values
                for k in flat.indices { largest = max(largest, abs(flat[k] - evaluation.gradient[offset + k])) }
            }
            offset += count
        }
        page.record("matrix_vs_units_max_difference", largest)
        page.say("These matrices hold the same gradients as the unit-by-unit work above: the largest difference is \(Self.fmt(largest))\(largest == 0 ? " (identical)" : ", rounding in the last digits").",
                 zh: "这些矩阵和上面逐个单元算出的梯度相同：最大差别是 \(Self.fmt(largest))\(largest == 0 ? "（完全一致）" : "，只是末位的舍入")。")
    }

    // MARK: Update

    /// Which parameters stay fixed, in the flat order.
    var frozen: [Bool] {
        var out: [Bool] = []
        for (i, layer) in network.layers.enumerated() {
            let freezeLayer = spec.update.freeze.contains("layers[\(i)]")
            switch layer {
            case .dense(let d, _):
                out += Array(repeating: freezeLayer || spec.update.freeze.contains("weights"), count: d.weights.values.count)
                out += Array(repeating: freezeLayer || spec.update.freeze.contains("biases"), count: d.outputCount)
            case .conv(let c, _):
                out += Array(repeating: freezeLayer || spec.update.freeze.contains("weights"), count: c.weights.count)
                out += Array(repeating: freezeLayer || spec.update.freeze.contains("biases"), count: c.outChannels)
            default: break
            }
        }
        return out
    }

    /// The engine's optimiser the spec asks for.
    func makeOptimizer() -> any Optimizer {
        let eta = spec.update.learningRate
        switch spec.update.optimizer {
        case .sgd: return GradientDescentOptimizer(learningRate: eta)
        case .momentum(let beta): return MomentumOptimizer(learningRate: eta, momentum: beta)
        case .adam(let b1, let b2, let eps): return AdamOptimizer(learningRate: eta, beta1: b1, beta2: b2, epsilon: eps)
        }
    }

    /// The gradient with frozen entries set to 0, so no optimiser moves them.
    func masked(_ g: [Double]) -> [Double] {
        let f = frozen
        return g.indices.map { f[$0] ? 0 : g[$0] }
    }

    /// The state after the worked update: the network and the optimiser (to continue training).
    struct Updated {
        let network: WalkthroughNetwork
        let optimizer: any Optimizer
    }

    func writeUpdate(_ page: inout Page) -> Updated {
        page.section("The update", zh: "参数更新")
        let eta = spec.update.learningRate
        let before = network.parameters
        var after = before
        var optimizer = makeOptimizer()
        let g = masked(evaluation.gradient)
        optimizer.step(&after, g)
        let f = frozen
        let frozenCount = f.filter { $0 }.count
        switch spec.update.optimizer {
        case .sgd:
            page.say("Gradient descent moves every parameter against its gradient: $\\theta \\leftarrow \\theta - \\eta\\,\\partial L/\\partial\\theta$ with $\\eta = \(Self.fmt(eta))$.",
                     zh: "梯度下降让每个参数逆着梯度移动：$\\theta \\leftarrow \\theta - \\eta\\,\\partial L/\\partial\\theta$，其中 $\\eta = \(Self.fmt(eta))$。")
        case .momentum(let beta):
            page.say("Momentum keeps a velocity $v \\leftarrow \\beta v - \\eta\\,\\partial L/\\partial\\theta$ and moves $\\theta \\leftarrow \\theta + v$, with $\\beta = \(Self.fmt(beta))$ and $\\eta = \(Self.fmt(eta))$. The velocity starts at 0, so the first step equals plain gradient descent's.",
                     zh: "动量法保存一个速度 $v \\leftarrow \\beta v - \\eta\\,\\partial L/\\partial\\theta$，再让 $\\theta \\leftarrow \\theta + v$，其中 $\\beta = \(Self.fmt(beta))$、$\\eta = \(Self.fmt(eta))$。速度从 0 开始，所以第一步和普通梯度下降一样。")
        case .adam(let b1, let b2, let eps):
            page.say("Adam keeps running averages $m$ of the gradient and $v$ of its square ($\\beta_1 = \(Self.fmt(b1))$, $\\beta_2 = \(Self.fmt(b2))$), corrects their start at 0, and moves $\\theta \\leftarrow \\theta - \\eta\\,\\hat m/(\\sqrt{\\hat v} + \\epsilon)$ with $\\eta = \(Self.fmt(eta))$, $\\epsilon = \(Self.fmt(eps))$. On the first step $\\hat m = g$ and $\\hat v = g^2$.",
                     zh: "Adam 保存梯度的滑动平均 $m$ 和梯度平方的滑动平均 $v$（$\\beta_1 = \(Self.fmt(b1))$，$\\beta_2 = \(Self.fmt(b2))$），修正它们从 0 起步的偏差，再让 $\\theta \\leftarrow \\theta - \\eta\\,\\hat m/(\\sqrt{\\hat v} + \\epsilon)$，其中 $\\eta = \(Self.fmt(eta))$、$\\epsilon = \(Self.fmt(eps))$。第一步时 $\\hat m = g$、$\\hat v = g^2$。")
        }
        if frozenCount > 0 {
            page.say("\(frozenCount) parameter\(frozenCount == 1 ? " is" : "s are") frozen (\(spec.update.freeze.joined(separator: ", "))): \(frozenCount == 1 ? "it keeps its" : "they keep their") value.",
                     zh: "有 \(frozenCount) 个参数被冻结（\(spec.update.freeze.joined(separator: "、"))），保持原值不变。")
        }
        let adam = optimizer as? AdamOptimizer
        for (i, symbol) in names.parameters.enumerated() {
            page.record(symbol.json + "_updated", after[i])
            guard i < Self.parameterLimit else { continue }
            let plus = Symbol(tex: "{" + symbol.tex + "}^{+}", text: symbol.text + "⁺", json: "")
            if f[i] {
                page.step(plus.expr, [symbol.expr, .raw(tex: MathWords.text("(frozen)", zh: "（冻结）"), text: "(frozen)")], value: after[i])
                continue
            }
            let gradientSymbol = Names.partial(names.loss, symbol).expr
            if let adam {
                let m = adam.correctedFirstMoment[i], v = adam.correctedSecondMoment[i]
                page.step(plus.expr, [.difference(symbol.expr, .product([.raw(tex: "\\eta", text: "η"), .quotient(.raw(tex: "\\hat m", text: "m̂"), .sum([.raw(tex: "\\sqrt{\\hat v}", text: "√v̂"), .raw(tex: "\\epsilon", text: "ε")]))])),
                                      .difference(.n(before[i]), .product([.n(eta), .quotient(.n(m), .sum([.n(v.squareRoot()), .n(adam.epsilon)]))]))], value: after[i])
            } else {
                page.step(plus.expr, [.difference(symbol.expr, .product([.raw(tex: "\\eta", text: "η"), gradientSymbol])),
                                      .difference(.n(before[i]), .product([.n(eta), .n(evaluation.gradient[i])]))], value: after[i])
            }
        }
        if names.parameters.count > Self.parameterLimit {
            page.say("The other \(names.parameters.count - Self.parameterLimit) parameters are updated the same way; --json holds every new value.",
                     zh: "其余 \(names.parameters.count - Self.parameterLimit) 个参数同样更新；--json 里有全部新值。")
        }
        page.record("parameters_updated", after)
        let updated = network.with(parameters: after)
        let newLoss = updated.loss(spec.examples)
        page.record(names.loss.json + "_after_update", newLoss)
        let change = newLoss - evaluation.loss
        let verdict: Localized
        if !newLoss.isFinite {
            verdict = Localized("is no longer a finite number: the step was far too large", zh: "已经不是有限的数：这一步迈得太大了")
        } else if change < 0 {
            verdict = Localized("fell by \(Self.fmt(-change)) (\(Self.fmt(-100 * change / max(evaluation.loss, 1e-300)))%)", zh: "下降了 \(Self.fmt(-change))（\(Self.fmt(-100 * change / max(evaluation.loss, 1e-300)))%）")
        } else if change > 0 {
            verdict = Localized("rose by \(Self.fmt(change)): this step overshot (a smaller learning rate would help)", zh: "上升了 \(Self.fmt(change))：这一步迈过头了（学习率小一些会更好）")
        } else {
            verdict = Localized("did not change", zh: "没有变化")
        }
        if newLoss.isFinite {
            page.say("With the new parameters the loss is $\(names.loss.tex) = \(ExprRendering.texNumber(newLoss))$; it was $\(ExprRendering.texNumber(evaluation.loss))$, so it \(verdict.en).",
                     zh: "用新参数算出的损失是 $\(names.loss.tex) = \(ExprRendering.texNumber(newLoss))$；原来是 $\(ExprRendering.texNumber(evaluation.loss))$，\(verdict.zh)。")
        } else {
            page.warning("With the new parameters the loss \(verdict.en).", zh: "用新参数算出的损失\(verdict.zh)。")
        }
        return Updated(network: updated, optimizer: optimizer)
    }
}
