import LonghandEngine
import Notebook

extension WalkthroughPage {
    // MARK: Introduction

    func writeIntroduction(_ page: inout Page) {
        if let d = spec.description { page.say(d.en, zh: d.zh) }
        let layers = spec.layers.count, params = network.parameters.count
        page.say("""
            This page works out the network described in the spec file `\(spec.name)` longhand: the forward pass neuron by neuron, \
            the loss, every derivative by the chain rule, the update of every parameter, and a numerical check of every gradient. \
            The network has \(layers) layer\(layers == 1 ? "" : "s") and \(params) parameter\(params == 1 ? "" : "s"), and learns from \
            \(n) example\(n == 1 ? "" : "s"). Copy the spec, change a number, and run `swift run longhand walkthrough your-spec.yaml` to see it all again.
            """, zh: """
            这一页把描述文件 `\(spec.name)` 里的网络从头到尾手算一遍：逐个神经元的前向传播、损失、用链式法则求出的每个导数、\
            每个参数的更新，以及对每个梯度的数值核对。这个网络有 \(layers) 层、\(params) 个参数，用 \(n) 个样本来学习。\
            把描述文件复制一份，改一个数，再运行 `swift run longhand walkthrough your-spec.yaml`，就能看到重新算出的全部过程。
            """)
        let loss = lossDefinition
        page.convention("""
            Layer $l$ computes $z^{(l)}_j = \\sum_k w^{(l)}_{jk} a^{(l-1)}_k + b^{(l)}_j$ and $a^{(l)}_j = f(z^{(l)}_j)$, where \
            $w^{(l)}_{jk}$ joins input $k$ to unit $j$ (in the spec file each layer's weights are one row per unit: units × inputs). \
            Names given in the spec replace these symbols. The loss of one example is the \(loss.name.en), $\(loss.tex)$; \
            over \(n) example\(n == 1 ? "" : "s") the loss is their mean, so the gradient is the mean of their gradients. \
            Logarithms are natural; ReLU′(0) = 0 and step′ = 0.
            """, zh: """
            第 $l$ 层计算 $z^{(l)}_j = \\sum_k w^{(l)}_{jk} a^{(l-1)}_k + b^{(l)}_j$ 和 $a^{(l)}_j = f(z^{(l)}_j)$，\
            其中 $w^{(l)}_{jk}$ 连接输入 $k$ 和单元 $j$（描述文件里每层的权重按单元逐行给出：单元数 × 输入数）。\
            描述文件里给出的名字会替换这些符号。单个样本的损失取\(Self.spaced(loss.name.zh))，即 $\(loss.tex)$；\
            \(n) 个样本的损失取平均，所以梯度也是各样本梯度的平均。对数取自然对数；ReLU′(0) = 0，阶跃函数的导数取 0。
            """)
    }

    // MARK: The network

    func writeNetwork(_ page: inout Page) {
        page.section("The network", zh: "网络")
        let first = evaluation.passes[0].layers
        var rows: [[Table.Cell]] = []
        var inputShape = Self.shapeText(first[0].input)
        for (i, pass) in first.enumerated() {
            let out = Self.shapeText(pass.output)
            rows.append([.number(Double(i + 1)), .text(layerDescription(i)), .text(Localized(same: "\(inputShape) → \(out)")),
                         .number(Double(network.parameterCounts[i]))])
            inputShape = out
        }
        page.table([Localized("layer", zh: "层"), Localized("what it does", zh: "作用"), Localized("shape in → out", zh: "形状（输入 → 输出）"),
                    Localized("parameters", zh: "参数个数")], rows)
        page.record("parameter_count", Double(network.parameters.count))
        writeDiagram(&page)
        writeParameters(&page)
    }

    /// The diagram of the dense part (every node and weight), when every layer fits on the page.
    func writeDiagram(_ page: inout Page) {
        let dense = denseLayers
        guard let firstDense = dense.first, dense == Array(firstDense..<network.layers.count) else { return }
        let inputCount = names.layers[firstDense].inputs.count
        let widths = [inputCount] + dense.map { names.layers[$0].z.count }
        guard widths.allSatisfy({ $0 <= 8 }) else {
            page.say("The network is too wide to draw every weight (at most 8 units a layer are drawn); the matrices below hold every number.",
                     zh: "这个网络太宽，画不下每个权重（每层最多画 8 个单元）；下面的矩阵里有全部数字。")
            return
        }
        let pass = evaluation.passes[0]
        let inputValues = pass.layers[firstDense].input.values
        var nodes: [[NetworkDiagram.Node]] = [names.layers[firstDense].inputs.enumerated().map { k, s in NetworkDiagram.Node(s.text, value: inputValues[k]) }]
        var weights: [[[Double]]] = []
        for l in dense {
            guard case .dense(let d, _) = network.layers[l] else { continue }
            let a = pass.layers[l].output.values
            nodes.append(names.layers[l].labels.enumerated().map { j, label in NetworkDiagram.Node(label, value: a[j], bias: d.bias[0, j]) })
            weights.append(d.weights.nested)
        }
        var layerNames = [Localized("input", zh: "输入")]
        for (i, _) in dense.enumerated() {
            layerNames.append(i == dense.count - 1 ? Localized("output", zh: "输出") : Localized("hidden \(i + 1)", zh: "隐藏层 \(i + 1)"))
        }
        let example = n == 1 ? Localized("", zh: "") : Localized(" for example 1", zh: "（样本 1）")
        page.figure("network", title: Localized("The network with its starting weights and the values of the forward pass", zh: "网络的初始权重和前向传播的值") + example,
                    description: Localized("Circles are units with the value they hold, edges carry their weights, biases are written under the units.",
                                           zh: "圆圈是单元，里面写着它的值；连线上写着权重；单元下方写着偏置。"),
                    NetworkDiagram.dense(layers: nodes, weights: weights, layerNames: layerNames))
    }

    /// Every starting parameter, layer by layer, in the spec's orientation.
    func writeParameters(_ page: inout Page) {
        page.subsection("Starting parameters", zh: "初始参数")
        for (i, layer) in network.layers.enumerated() {
            let l = i + 1
            switch (layer, spec.layers[i]) {
            case (.dense(let d, _), .dense(_, _, let source, _)):
                let w = d.weights.transposed
                let origin = Self.origin(source)
                page.say("Layer \(l)\(origin.en): $W^{(\(l))}$ has one row per unit and one column per input.",
                         zh: "第 \(l) 层\(origin.zh)：$W^{(\(l))}$ 每行对应一个单元，每列对应一个输入。")
                page.step(.symbol(tex: "W^{(\(l))}", text: "W(\(l))"), [.elidedMatrix(w.nested, digits: 6)])
                page.step(.symbol(tex: "b^{(\(l))}", text: "b(\(l))"), [.elidedMatrix([d.bias.values], digits: 6)])
                page.record("W\(l)", w.nested)
                page.record("b\(l)", d.bias.values)
                let ws = names.layers[i].weights
                for j in ws.indices { for k in ws[j].indices { page.record(ws[j][k].json, w[j, k]) } }
                for j in names.layers[i].biases.indices { page.record(names.layers[i].biases[j].json, d.bias[0, j]) }
            case (.conv(let c, _), .conv2d(_, _, _, _, _, let source)):
                let origin = Self.origin(source)
                page.say("Layer \(l)\(origin.en): one \(c.kernelRows)×\(c.kernelColumns) kernel per output channel and input channel.",
                         zh: "第 \(l) 层\(origin.zh)：每个输出通道、每个输入通道各有一个 \(c.kernelRows)×\(c.kernelColumns) 的卷积核。")
                for o in 0..<c.outChannels {
                    for ch in 0..<c.inChannels {
                        page.step(.symbol(tex: "K^{(\(l))}_{\(o + 1),\(ch + 1)}", text: "K(\(l))[\(o + 1),\(ch + 1)]"), [.elidedMatrix(c.kernel(o, ch), digits: 6)])
                    }
                }
                page.step(.symbol(tex: "b^{(\(l))}", text: "b(\(l))"), [.elidedMatrix([c.bias], digits: 6)])
                page.record("K\(l)", .array((0..<c.outChannels).map { o in .array((0..<c.inChannels).map { ch in .matrix(c.kernel(o, ch)) }) }))
                page.record("b\(l)", c.bias)
            default:
                break
            }
        }
    }

    static func origin(_ source: WalkthroughSpec.Source) -> Localized {
        switch source {
        case .given: return Localized(" (given in the spec)", zh: "（描述文件给定）")
        case .seeded(let scheme, let sd, _):
            switch scheme {
            case .normal: return Localized(" (drawn from N(0, \(fmt(sd))²) by the seeded generator)", zh: "（由带种子的随机数生成器从 N(0, \(fmt(sd))²) 抽取）")
            case .glorot: return Localized(" (Glorot: drawn from N(0, 2/(fan-in + fan-out)) by the seeded generator)", zh: "（Glorot 初始化：由带种子的随机数生成器从正态分布抽取，均值为 0，方差为 2 除以输入数与输出数之和）")
            case .he: return Localized(" (He: drawn from N(0, 2/fan-in) by the seeded generator)", zh: "（He 初始化：由带种子的随机数生成器从正态分布抽取，均值为 0，方差为 2 除以输入数）")
            }
        }
    }

    // MARK: Examples

    func writeExamples(_ page: inout Page) {
        page.section("The training examples", zh: "训练样本")
        switch spec.input {
        case .vector(let count):
            let shownInputs = min(count, 8)
            var columns = [Localized("example", zh: "样本")]
            columns += (0..<shownInputs).map { Localized(same: "$\(names.inputs[$0].tex)$") }
            columns.append(Localized("target $y$", zh: "目标 $y$"))
            let rows: [[Table.Cell]] = spec.examples.prefix(16).enumerated().map { e, ex in
                [.number(Double(e + 1))] + ex.input.prefix(shownInputs).map { .number($0) }
                    + [.math(.elidedMatrix([ex.target], rows: 1, columns: 5, digits: 6))]
            }
            page.table(columns, rows)
            if count > shownInputs || n > 16 {
                page.say("The table shows \(min(n, 16)) of \(n) examples and \(shownInputs) of \(count) inputs; --json holds them all.",
                         zh: "表中列出 \(n) 个样本中的 \(min(n, 16)) 个、\(count) 个输入中的 \(shownInputs) 个；--json 里有全部数据。")
            }
        case .maps(let c, let r, let k):
            for (e, ex) in spec.examples.prefix(shownExamples).enumerated() {
                let t = Tensor3(channels: c, rows: r, columns: k, values: ex.input)
                for ch in 0..<c {
                    page.step(.symbol(tex: "X_{\(ch + 1)}", text: "X\(ch + 1)"), [.elidedMatrix(t.channel(ch), rows: 8, columns: 8, digits: 4)])
                }
                page.say("Target of example \(e + 1): $y = \(ExprRendering.tex(.elidedMatrix([ex.target], rows: 1, columns: 6, digits: 6)))$.",
                         zh: "样本 \(e + 1) 的目标：$y = \(ExprRendering.tex(.elidedMatrix([ex.target], rows: 1, columns: 6, digits: 6)))$。")
            }
        }
        page.record("inputs", spec.examples.map(\.input))
        page.record("targets", spec.examples.map(\.target))
    }
}
