import LonghandEngine
import Notebook

extension WalkthroughPage {
    // MARK: Forward pass

    func writeForward(_ page: inout Page) {
        page.section("Forward pass", zh: "前向传播")
        page.say("""
            Each unit multiplies its inputs by its weights, adds them up with its bias to get its weighted input $z$, and applies its \
            activation to get its output $a$.\(n > shownExamples ? " The first \(shownExamples) of the \(n) examples are worked unit by unit; the matrix form below covers them all." : "")
            """, zh: """
            每个单元把输入乘以权重、加上偏置，得到加权输入 $z$，再经过激活函数得到输出 $a$。\
            \(n > shownExamples ? "下面逐个单元算出 \(n) 个样本中的前 \(shownExamples) 个；后面的矩阵形式包含全部样本。" : "")
            """)
        for e in 0..<n {
            var scratch = Page(id: "scratch", title: Localized(same: ""))
            let shown = e < shownExamples
            if shown && n > 1 { page.subsection("Example \(e + 1)", zh: "样本 \(e + 1)") }
            if shown {
                writeForward(example: e, &page)
            } else {
                writeForward(example: e, &scratch)
                for (name, value) in scratch.values { page.record(name, value) }
            }
        }
    }

    func writeForward(example e: Int, _ page: inout Page) {
        let pass = evaluation.passes[e]
        for (i, layer) in network.layers.enumerated() {
            let l = i + 1
            let p = pass.layers[i]
            switch layer {
            case .dense(let d, let softmax):
                let ln = names.layers[i]
                let input = p.input.values, z = p.z.values, a = p.output.values
                let w = d.weights.transposed
                for j in 0..<d.outputCount {
                    page.record(key(ln.z[j], e), z[j])
                    page.record(key(ln.a[j], e), softmax ? pass.prediction[j] : a[j])
                    guard j < Self.neuronLimit else { continue }
                    page.step(ln.z[j].expr, [Self.symbolicSum(ln.weights[j], ln.inputs, bias: ln.biases[j]),
                                             Self.weightedSum(w.row(j), input, bias: d.bias[0, j])], value: z[j])
                    if !softmax {
                        page.step(ln.a[j].expr, Self.activationSteps(d.activation, z[j]), value: a[j])
                    }
                }
                if d.outputCount > Self.neuronLimit {
                    page.say("Units \(Self.neuronLimit + 1) to \(d.outputCount) of layer \(l) work the same way:",
                             zh: "第 \(l) 层的第 \(Self.neuronLimit + 1) 到第 \(d.outputCount) 个单元算法相同：")
                    page.step(.symbol(tex: "z^{(\(l))}", text: "z(\(l))"), [.elidedMatrix([z], rows: 1, columns: 6, digits: 6)])
                    if !softmax { page.step(.symbol(tex: "a^{(\(l))}", text: "a(\(l))"), [.elidedMatrix([a], rows: 1, columns: 6, digits: 6)]) }
                }
                if softmax { writeSoftmax(z: z, names: ln, example: e, &page) }
            case .conv(let c, let f):
                guard case .maps(let x) = p.input, case .maps(let z) = p.z, case .maps(let a) = p.output else { continue }
                page.say("Layer \(l) slides each kernel over the input (cross-correlation: the kernel is not flipped) and adds the channel's bias. The first cell of each output map, written out:",
                         zh: "第 \(l) 层让每个卷积核在输入上滑动（互相关：卷积核不翻转），再加上该通道的偏置。每张输出图的第一个格子展开写出：")
                for o in 0..<c.outChannels {
                    var terms: [Expr] = []
                    for ch in 0..<c.inChannels {
                        for r in 0..<c.kernelRows {
                            for s in 0..<c.kernelColumns {
                                let row = r - c.padding, col = s - c.padding
                                guard row >= 0, row < x.rows, col >= 0, col < x.columns else { continue }
                                terms.append(.product([.n(c.weights[c.weightIndex(o, ch, r, s)]), .n(x[ch, row, col])]))
                            }
                        }
                    }
                    terms.append(.n(c.bias[o]))
                    page.step(.symbol(tex: "z^{(\(l))}_{\(o + 1)}[1,1]", text: "z(\(l))\(o + 1)[1,1]"), [.elidedSum(terms, limit: 12)], value: z[o, 0, 0])
                    page.step(.symbol(tex: "z^{(\(l))}_{\(o + 1)}", text: "z(\(l))\(o + 1)"), [.elidedMatrix(z.channel(o), rows: 8, columns: 8, digits: 4)])
                    if f != .identity {
                        let s = Self.activationSymbol(f)
                        page.step(.symbol(tex: "a^{(\(l))}_{\(o + 1)} = \(s.tex)(z^{(\(l))}_{\(o + 1)})", text: "a(\(l))\(o + 1) = \(s.text)(z(\(l))\(o + 1))"),
                                  [.elidedMatrix(a.channel(o), rows: 8, columns: 8, digits: 4)])
                    }
                }
                page.record(key(Symbol(tex: "", text: "", json: "z\(l)"), e), .array(z.nested.map { .matrix($0) }))
                page.record(key(Symbol(tex: "", text: "", json: "a\(l)"), e), .array(a.nested.map { .matrix($0) }))
            case .maxPool(let pool):
                guard case .maps(let x) = p.input, case .maps(let out) = p.output else { continue }
                let window = (0..<pool.size).flatMap { r in (0..<pool.size).map { s in Expr.n(x[0, r, s]) } }
                page.say("Layer \(l) keeps the largest value of each \(pool.size)×\(pool.size) window:", zh: "第 \(l) 层保留每个 \(pool.size)×\(pool.size) 窗口里最大的值：")
                page.step(.symbol(tex: "a^{(\(l))}_{1}[1,1]", text: "a(\(l))1[1,1]"), [.call(tex: "\\max", text: "max", window)], value: out[0, 0, 0])
                for o in 0..<out.channels {
                    page.step(.symbol(tex: "a^{(\(l))}_{\(o + 1)}", text: "a(\(l))\(o + 1)"), [.elidedMatrix(out.channel(o), rows: 8, columns: 8, digits: 4)])
                }
                page.record(key(Symbol(tex: "", text: "", json: "a\(l)"), e), .array(out.nested.map { .matrix($0) }))
            case .averagePool(let pool):
                guard case .maps(let x) = p.input, case .maps(let out) = p.output else { continue }
                let window = (0..<pool.size).flatMap { r in (0..<pool.size).map { s in Expr.n(x[0, r, s]) } }
                page.say("Layer \(l) averages each \(pool.size)×\(pool.size) window:", zh: "第 \(l) 层对每个 \(pool.size)×\(pool.size) 窗口取平均：")
                page.step(.symbol(tex: "a^{(\(l))}_{1}[1,1]", text: "a(\(l))1[1,1]"),
                          [.quotient(.elidedSum(window, limit: 12), .n(Double(pool.size * pool.size)))], value: out[0, 0, 0])
                for o in 0..<out.channels {
                    page.step(.symbol(tex: "a^{(\(l))}_{\(o + 1)}", text: "a(\(l))\(o + 1)"), [.elidedMatrix(out.channel(o), rows: 8, columns: 8, digits: 4)])
                }
                page.record(key(Symbol(tex: "", text: "", json: "a\(l)"), e), .array(out.nested.map { .matrix($0) }))
            case .flatten:
                let v = p.output.values
                page.say("Layer \(l) lays the maps out as one vector of \(v.count) values, channel by channel, row by row:",
                         zh: "第 \(l) 层把这些图按通道、按行排成一个含 \(v.count) 个值的向量：")
                page.step(.symbol(tex: "a^{(\(l))}", text: "a(\(l))"), [.elidedMatrix([v], rows: 1, columns: 8, digits: 4)])
                page.record(key(Symbol(tex: "", text: "", json: "a\(l)"), e), v)
            }
        }
        page.record(key(Symbol(tex: "", text: "", json: "output"), e), pass.prediction)
    }

    /// p_j = e^{z_j} / Σ e^{z_m} for the output layer, with the shift by the largest z named.
    func writeSoftmax(z: [Double], names ln: NetworkNames.Layer, example e: Int, _ page: inout Page) {
        let steps = Softmax.steps(z)
        page.say("Softmax turns the output layer's weighted inputs into probabilities (the largest, \(Self.fmt(steps.shift)), is subtracted first so no exponential overflows; the quotients do not change):",
                 zh: "softmax 把输出层的加权输入变成概率（先减去最大的 \(Self.fmt(steps.shift))，指数就不会溢出，商也不变）：")
        let denominator = Expr.elidedSum(steps.shifted.map { .exp(.n($0)) }, limit: 8)
        page.step(.symbol(tex: "\\sum_m e^{z_m - \\max z}", text: "Σ e^(z − max z)"), [denominator], value: steps.sum)
        for j in 0..<min(z.count, Self.neuronLimit) {
            page.step(ln.a[j].expr, [.quotient(.exp(.n(steps.shifted[j])), .n(steps.sum))], value: steps.probabilities[j])
        }
    }

    // MARK: Loss

    func writeLoss(_ page: inout Page) {
        page.section("The loss", zh: "损失")
        let def = lossDefinition
        page.say("The loss of one example is the \(def.name.en):", zh: "单个样本的损失取\(Self.spaced(def.name.zh))：")
        page.equation(tex: def.tex, text: def.text)
        for e in 0..<n {
            let pass = evaluation.passes[e]
            let lossSymbol = n == 1 ? Symbol(tex: names.loss.tex, text: names.loss.text, json: "loss")
                : Symbol(tex: "\\ell_{\(e + 1)}", text: "ℓ\(Names.lowered(String(e + 1)))", json: "loss")
            page.record(key(lossSymbol, e), pass.loss)
            guard e < shownExamples else { continue }
            let y = pass.target, a = pass.prediction
            let K = y.count
            let shownK = min(K, Self.neuronLimit)
            var chain: [Expr] = []
            switch spec.loss {
            case .squaredError(let scaling):
                let terms: [Expr] = (0..<K).map { .power(.group(.difference(.n(y[$0]), .n(a[$0]))), .n(2)) }
                let sum = Expr.elidedSum(terms, limit: Self.neuronLimit)
                switch scaling {
                case .halfSum: chain = [.product([.quotient(.n(1), .n(2)), .group(sum)])]
                case .mean: chain = [.product([.quotient(.n(1), .n(Double(K))), .group(sum)])]
                case .sum: chain = [sum]
                }
            case .binaryCrossEntropy:
                let terms: [Expr] = (0..<shownK).map { k in
                    .sum([.product([.n(y[k]), .call(tex: "\\ln", text: "ln", [.n(a[k])])]),
                          .product([.group(.difference(.n(1), .n(y[k]))), .call(tex: "\\ln", text: "ln", [.difference(.n(1), .n(a[k]))])])])
                }
                chain = [.negation(.group(.elidedSum(terms, limit: Self.neuronLimit)))]
            case .softmaxCrossEntropy:
                let nonzero = (0..<K).filter { y[$0] != 0 }
                let terms: [Expr] = nonzero.map { k in .product([.n(y[k]), .call(tex: "\\ln", text: "ln", [.n(a[k])])]) }
                chain = [.negation(.group(.elidedSum(terms, limit: Self.neuronLimit)))]
            }
            page.step(nil, lossSymbol.expr, chain, value: pass.loss)
        }
        if n > 1 {
            let terms: [Expr] = evaluation.passes.map { .n($0.loss) }
            page.step(nil, names.loss.expr, [.product([.quotient(.n(1), .n(Double(n))), .group(.elidedSum(terms, limit: 8))])], value: evaluation.loss)
        }
        page.record(names.loss.json, evaluation.loss)
    }
}
