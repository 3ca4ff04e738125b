import LonghandEngine
import Notebook

extension WalkthroughPage {
    // MARK: Backward pass

    func writeBackward(_ page: inout Page) {
        page.section("Backward pass", zh: "反向传播")
        let L = names.loss
        let lossWord = n == 1 ? Localized("the loss", zh: "损失") : Localized("each example's loss $\\ell$", zh: "每个样本的损失 $\\ell$")
        page.say("""
            Backpropagation walks from the output back to the input, applying the chain rule: the derivative of \(lossWord.en) with respect \
            to a weight is the product of the derivatives along the path from the loss to that weight. For each unit, \
            $\\delta = \\partial \\ell / \\partial z$ is worked out once and reused by every weight entering the unit.
            """, zh: """
            反向传播从输出往输入走，一路使用链式法则：\(lossWord.zh)对某个权重的导数，等于从损失到这个权重路径上各段导数的乘积。\
            每个单元先算出 $\\delta = \\partial \\ell / \\partial z$，进入该单元的每个权重都会用到它。
            """)
        for e in 0..<n {
            let shown = e < shownExamples
            if shown && n > 1 { page.subsection("Example \(e + 1)", zh: "样本 \(e + 1)") }
            if shown {
                writeBackward(example: e, &page)
            } else {
                var scratch = Page(id: "scratch", title: Localized(same: ""))
                writeBackward(example: e, &scratch)
                for (name, value) in scratch.values { page.record(name, value) }
            }
        }
        let gradient = evaluation.gradient
        if n > 1 {
            page.subsection("The batch: the mean of the examples' gradients", zh: "整批样本：各样本梯度的平均")
            page.say("The loss is the mean of the \(n) examples' losses, so each gradient is the mean of theirs:",
                     zh: "损失是 \(n) 个样本损失的平均，所以每个梯度也是各样本梯度的平均：")
            for (i, symbol) in names.parameters.enumerated() where i < Self.parameterLimit {
                let terms: [Expr] = evaluation.exampleGradients.map { .n($0[i]) }
                page.step(nil, Names.partial(L, symbol).expr, [.product([.quotient(.n(1), .n(Double(n))), .group(.elidedSum(terms, limit: 8))])],
                          value: gradient[i])
            }
            if names.parameters.count > Self.parameterLimit {
                page.say("The other \(names.parameters.count - Self.parameterLimit) parameters follow the same rule; the check table and --json hold all of them.",
                         zh: "其余 \(names.parameters.count - Self.parameterLimit) 个参数同理；核对表和 --json 里有全部数值。")
            }
        }
        for (i, symbol) in names.parameters.enumerated() { page.record(Names.partial(L, symbol).json, gradient[i]) }
        page.record("gradient", gradient)
    }

    /// The chain rule for one example, top layer first.
    func writeBackward(example e: Int, _ page: inout Page) {
        let pass = evaluation.passes[e], back = evaluation.backwards[e]
        let ell = Symbol(tex: n == 1 ? names.loss.tex : "\\ell", text: n == 1 ? names.loss.text : "ℓ", json: n == 1 ? names.loss.json : "l")
        let top = network.layers.count - 1
        for i in stride(from: top, through: 0, by: -1) {
            let l = i + 1
            let p = pass.layers[i], g = back[i]
            switch network.layers[i] {
            case .dense(let d, _):
                let ln = names.layers[i]
                let z = p.z.values, a = p.output.values, input = p.input.values
                let dA = g.output.values, delta = g.delta.values
                let slope = g.dense!.slope.values
                let logits = i == top && spec.loss.differentiatesLogits
                let units = d.outputCount
                for j in 0..<units {
                    let dAj = Names.partial(ell, ln.a[j]), dZj = Names.partial(ell, ln.z[j])
                    let daDz = Symbol(tex: "\\frac{\\partial \(ln.a[j].tex)}{\\partial \(ln.z[j].tex)}", text: "∂\(ln.a[j].text)/∂\(ln.z[j].text)", json: "")
                    page.record(key(Symbol(tex: "", text: "", json: "delta_" + ln.z[j].json), e), delta[j])
                    guard j < Self.neuronLimit else { continue }
                    if logits {
                        let y = pass.target[j], out = pass.prediction[j]
                        page.step(nil, dZj.expr, [.difference(ln.a[j].expr, .symbol(tex: "y_{\(j + 1)}", text: "y\(j + 1)")), .difference(.n(out), .n(y))], value: delta[j])
                    } else {
                        if i == top {
                            guard case .squaredError(let scaling) = spec.loss else { continue }
                            let c = 2 * scaling.factor(outputs: units)
                            let y = pass.target[j]
                            let factor: [Expr] = c == 1 ? [] : [.n(c)]
                            let symbolic = Expr.difference(ln.a[j].expr, .symbol(tex: "y_{\(j + 1)}", text: "y\(j + 1)"))
                            let numeric = Expr.difference(.n(a[j]), .n(y))
                            page.step(nil, dAj.expr, factor.isEmpty ? [symbolic, numeric] : [.product(factor + [.group(symbolic)]), .product(factor + [.group(numeric)])], value: dA[j])
                        } else {
                            // ∂ℓ/∂a_j gathers δ·w from every unit of the layer above that a_j feeds.
                            guard case .dense(let above, _) = network.layers[i + 1] else { continue }
                            let la = names.layers[i + 1]
                            let upper = back[i + 1].delta.values
                            let wAbove = above.weights   // inputs × outputs: row j holds the weights leaving a_j
                            let symbolic: [Expr] = (0..<above.outputCount).map { m in .product([Names.partial(ell, la.z[m]).expr, la.weights[m][j].expr]) }
                            let numeric: [Expr] = (0..<above.outputCount).map { m in .product([.n(upper[m]), .n(wAbove[j, m])]) }
                            page.step(nil, dAj.expr, [.elidedSum(symbolic, limit: Self.neuronLimit), .elidedSum(numeric, limit: Self.neuronLimit)], value: dA[j])
                        }
                        page.step(nil, daDz.expr, Self.derivativeSteps(d.activation, z[j]), value: slope[j])
                        page.step(nil, dZj.expr, [.product([dAj.expr, daDz.expr]), .product([.n(dA[j]), .n(slope[j])])], value: delta[j])
                    }
                    // Every weight into unit j, and its bias.
                    let w = g.parameters
                    for k in 0..<min(input.count, Self.weightLimit) {
                        let symbol = ln.weights[j][k]
                        let dW = Names.partial(ell, symbol)
                        let dz = Symbol(tex: "\\frac{\\partial \(ln.z[j].tex)}{\\partial \(symbol.tex)}", text: "∂\(ln.z[j].text)/∂\(symbol.text)", json: "")
                        let value = w[j * input.count + k]
                        if logits {
                            page.step(nil, dW.expr, [.product([dZj.expr, dz.expr]), .product([.n(delta[j]), .n(input[k])])], value: value)
                        } else {
                            page.step(nil, dW.expr, [.product([dAj.expr, daDz.expr, dz.expr]), .product([.n(dA[j]), .n(slope[j]), .n(input[k])])], value: value)
                        }
                    }
                    if input.count > Self.weightLimit {
                        page.say("The other \(input.count - Self.weightLimit) weights into this unit follow the same pattern ($\\delta$ times the input they multiply).",
                                 zh: "进入这个单元的其余 \(input.count - Self.weightLimit) 个权重同理（$\\delta$ 乘以它所乘的那个输入）。")
                    }
                    let bias = ln.biases[j]
                    page.step(nil, Names.partial(ell, bias).expr, [.product([dZj.expr, .n(1)])], value: w[units * input.count + j])
                }
                if units > Self.neuronLimit {
                    page.say("Units \(Self.neuronLimit + 1) to \(units) of layer \(l) work the same way:",
                             zh: "第 \(l) 层的第 \(Self.neuronLimit + 1) 到第 \(units) 个单元算法相同：")
                    page.step(.symbol(tex: "\\delta^{(\(l))}", text: "δ(\(l))"), [.elidedMatrix([delta], rows: 1, columns: 6, digits: 6)])
                }
                for (k, symbol) in names.parameters(layer: i).enumerated() {
                    page.record(key(Names.partial(ell, symbol), e), g.parameters[k])
                }
            case .flatten:
                guard case .maps(let dx) = g.input else { continue }
                page.say("Flattening changes no number: the gradient of the flat vector is folded back into maps.",
                         zh: "展平不改变任何数：把展平向量的梯度按原样折回成图。")
                for c in 0..<dx.channels {
                    page.step(.symbol(tex: "\\frac{\\partial \(ell.tex)}{\\partial a^{(\(l - 1))}_{\(c + 1)}}", text: "∂\(ell.text)/∂a(\(l - 1))\(c + 1)"),
                              [.elidedMatrix(dx.channel(c), rows: 8, columns: 8, digits: 4)])
                }
            case .maxPool, .averagePool:
                guard case .maps(let dx) = g.input else { continue }
                if case .maxPool = network.layers[i] {
                    page.say("Max pooling passes each window's gradient to the cell that held the maximum (∂max/∂x is 1 there and 0 elsewhere):",
                             zh: "最大池化把每个窗口的梯度交给窗口里最大的那个格子（那里 ∂max/∂x = 1，其余为 0）：")
                } else {
                    page.say("Average pooling gives every cell of a window an equal share, 1/(size²), of the window's gradient:",
                             zh: "平均池化把每个窗口的梯度平均分给窗口里的每个格子，每格得 1/(窗口边长²)：")
                }
                for c in 0..<dx.channels {
                    page.step(.symbol(tex: "\\frac{\\partial \(ell.tex)}{\\partial a^{(\(l - 1))}_{\(c + 1)}}", text: "∂\(ell.text)/∂a(\(l - 1))\(c + 1)"),
                              [.elidedMatrix(dx.channel(c), rows: 8, columns: 8, digits: 4)])
                }
            case .conv(let c, let f):
                guard case .maps(let x) = p.input, case .maps(let delta) = g.delta else { continue }
                if f != .identity {
                    let s = Self.activationSymbol(f)
                    page.say("Through the activation: $\\delta = \\partial \(ell.tex)/\\partial a \\odot \(s.tex)'(z)$, cell by cell:",
                             zh: "经过激活函数：$\\delta = \\partial \(ell.tex)/\\partial a \\odot \(s.tex)'(z)$，逐格相乘：")
                }
                for o in 0..<c.outChannels {
                    page.step(.symbol(tex: "\\delta^{(\(l))}_{\(o + 1)}", text: "δ(\(l))\(o + 1)"), [.elidedMatrix(delta.channel(o), rows: 8, columns: 8, digits: 4)])
                }
                page.say("Each kernel weight multiplied every input cell under it as the kernel slid, so its gradient adds δ times that cell over all positions; the bias adds every δ of its channel:",
                         zh: "卷积核的每个权重在滑动时乘过它下面的每个输入格子，所以它的梯度是各位置上 δ 乘以那个格子之和；偏置的梯度是本通道所有 δ 之和：")
                let grads = g.parameters
                let kernels = names.layers[i].kernels
                for o in 0..<c.outChannels {
                    for ch in 0..<c.inChannels {
                        // The first entry of the kernel's gradient, written out.
                        var terms: [Expr] = []
                        for oi in 0..<delta.rows {
                            for oj in 0..<delta.columns {
                                let r = oi * c.stride - c.padding, s = oj * c.stride - c.padding
                                guard r >= 0, r < x.rows, s >= 0, s < x.columns else { continue }
                                terms.append(.product([.n(delta[o, oi, oj]), .n(x[ch, r, s])]))
                            }
                        }
                        let first = c.weightIndex(o, ch, 0, 0)
                        page.step(nil, Names.partial(ell, kernels[first]).expr, [terms.isEmpty ? .n(0) : .elidedSum(terms, limit: 12)], value: grads[first])
                        let matrix = (0..<c.kernelRows).map { r in (0..<c.kernelColumns).map { s in grads[c.weightIndex(o, ch, r, s)] } }
                        page.step(.symbol(tex: "\\frac{\\partial \(ell.tex)}{\\partial K^{(\(l))}_{\(o + 1),\(ch + 1)}}", text: "∂\(ell.text)/∂K(\(l))[\(o + 1),\(ch + 1)]"),
                                  [.elidedMatrix(matrix, rows: 8, columns: 8, digits: 4)])
                    }
                    let cells = delta.channel(o).flatMap { $0 }.map { Expr.n($0) }
                    page.step(nil, Names.partial(ell, names.layers[i].biases[o]).expr, [.elidedSum(cells, limit: 12)], value: grads[c.weights.count + o])
                }
                for (k, symbol) in names.parameters(layer: i).enumerated() {
                    page.record(key(Names.partial(ell, symbol), e), g.parameters[k])
                }
            }
        }
    }
}

extension NetworkNames {
    /// The names of layer i's parameters, in the flat order.
    func parameters(layer i: Int) -> [Symbol] {
        let names = layers[i]
        if !names.kernels.isEmpty { return names.kernels + names.biases }
        return names.weights.flatMap { $0 } + names.biases
    }
}
