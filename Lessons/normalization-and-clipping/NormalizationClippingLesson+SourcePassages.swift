import LonghandEngine
import Notebook

extension NormalizationClippingLesson {
    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        writeCentringIsNotEnough(&page)
        writeBatchNormInDeepNetwork(&page)
        page.sourcesOfThisLesson(Self.id)
    }

    /// `002`'s sentence centres the data but never divides by the standard deviation; the two columns show why that matters.
    func writeCentringIsNotEnough(_ page: inout Page) {
        let x = self.x, m = x.rows
        let f = layer.forward(x)
        page.section("Centring alone is not batch normalization", zh: "只做中心化不等于批量归一化")
        page.erratum("""
            `002`'s sentence (“在每层都对输入的X进行转化，变成以0为中心的分布”) only centres each column on 0. Batch \
            normalization also divides by the column's standard deviation, and that is the half that puts the columns on the \
            same scale. Centred only, this lesson's batch keeps its columns' spreads; normalised, a column's spread \
            becomes $\\sigma / \\sqrt{\\sigma^2 + \\varepsilon}$, which is 1 up to $\\varepsilon$ for every column that is not constant:
            """, zh: """
            `002` 的那句话（“在每层都对输入的X进行转化，变成以0为中心的分布”）只把每一列移到以 0 为中心。批量归一化还要除以\
            该列的标准差，正是这一半让各列处在相同的尺度上。只做中心化，本课的批量各列仍保持原来的离散程度；\
            归一化之后，一列的标准差变成 $\\sigma / \\sqrt{\\sigma^2 + \\varepsilon}$，只要该列不是常数，它就等于 1（差别只来自 $\\varepsilon$）：
            """)
        var rows: [[Table.Cell]] = []
        var centredSpread: [Double] = [], normalisedSpread: [Double] = []
        for j in 0..<x.columns {
            let column = x.column(j)
            let mean = column.reduce(0, +) / Double(m)
            let centred = column.map { $0 - mean }
            let sd = (centred.reduce(0) { $0 + $1 * $1 } / Double(m)).squareRoot()
            let normalised = (0..<m).map { f.normalized[$0, j] }
            let nMean = normalised.reduce(0, +) / Double(m)
            let nsd = (normalised.reduce(0) { $0 + ($1 - nMean) * ($1 - nMean) } / Double(m)).squareRoot()
            centredSpread.append(sd)
            normalisedSpread.append(nsd)
            func tuple(_ v: [Double]) -> Table.Cell { .math(.raw(tex: "(\(v.map { NumberFormat.short($0, significant: 4) }.joined(separator: ", ")))", text: "(\(v.map { NumberFormat.short($0, significant: 4) }.joined(separator: ", ")))")) }
            rows.append([.number(Double(j + 1)), tuple(centred), .number(sd), tuple(normalised), .number(nsd)])
        }
        page.table([Localized("column", zh: "列"), Localized("centred $x - \\mu$", zh: "中心化 $x - \\mu$"), Localized("its standard deviation", zh: "其标准差"),
                    Localized("normalised $\\hat x$", zh: "归一化 $\\hat x$"), Localized("its standard deviation", zh: "其标准差")], rows)
        page.record("centred_spread", centredSpread)
        page.record("normalised_spread", normalisedSpread)
        let ratio = (centredSpread.max() ?? 0) / max(centredSpread.min() ?? 0, .leastNonzeroMagnitude)
        if (centredSpread.min() ?? 0) == 0 {
            page.say("A column of this batch is constant: centred it is all 0, and normalised it stays 0, since there is no spread to divide by (only $\\varepsilon$ keeps the division defined).",
                     zh: "这一批里有一列是常数：中心化后全为 0，归一化后仍为 0，因为没有离散程度可除（只靠 $\\varepsilon$ 让除法有定义）。")
            return
        }
        page.say(ratio > 1.5
                 ? "Centred only, one column is still \(NumberFormat.short(ratio, significant: 3)) times as spread out as the other, so the next layer's weights would still see one feature dominate; after dividing by the standard deviation they are level."
                 : "Here the columns happen to have similar spreads already (ratio \(NumberFormat.short(ratio, significant: 3))), so centring alone comes close; in general it does not.",
                 zh: ratio > 1.5
                 ? "只做中心化，一列的离散程度仍是另一列的 \(NumberFormat.short(ratio, significant: 3)) 倍，下一层的权重看到的仍是一个特征占主导；除以标准差之后，两列就拉平了。"
                 : "这里两列的离散程度本来就相近（比值 \(NumberFormat.short(ratio, significant: 3))），所以只做中心化也差不多；一般情况下并非如此。")
    }

    /// The exploding network as a layer stack, optionally with a batch normalization after every hidden
    /// layer's weighted input (before its ReLU): same seeded weights, γ = 1, β = 0.
    func deepStack(batchNormalized: Bool) -> LayerStack {
        let net = deepNetwork()
        var pieces: [LayerStack.Piece] = []
        for (l, layer) in net.layers.enumerated() {
            var linear = layer
            linear.activation = .identity
            pieces.append(.dense(linear))
            guard l < net.layers.count - 1 else { break }
            if batchNormalized { pieces.append(.batchNorm(BatchNorm(features: layer.outputCount, momentum: momentum.value))) }
            pieces.append(.activation(layer.activation))
        }
        return LayerStack(pieces: pieces)
    }

    /// ‖∂C/∂W^l‖ of every dense piece of a stack, bottom to top, from one training-mode evaluation.
    static func denseGradientNorms(_ stack: LayerStack, _ evaluation: LayerStack.Evaluation) -> [Double] {
        var offset = 0, norms: [Double] = []
        for piece in stack.pieces {
            switch piece {
            case .dense(let d):
                norms.append(GradientClipping.norm(Array(evaluation.gradient[offset..<(offset + d.weights.values.count)])))
                offset += d.parameterCount
            case .batchNorm(let b):
                offset += 2 * b.features
            case .activation, .dropout:
                break
            }
        }
        return norms
    }

    /// `002`'s batch normalization put into the exploding network above: gradient sizes per layer, and training.
    func writeBatchNormInDeepNetwork(_ page: inout Page) {
        let data = Self.curveData(), eta = learningRate.value
        let objective = Network.Objective.halfSquaredError(targets: data.y)
        let plain = deepStack(batchNormalized: false), normalized = deepStack(batchNormalized: true)
        let noMasks = { (s: LayerStack) in s.noDropout(batch: data.x.rows) }
        let plainNorms = Self.denseGradientNorms(plain, plain.evaluate(data.x, objective, masks: noMasks(plain)))
        let bnNorms = Self.denseGradientNorms(normalized, normalized.evaluate(data.x, objective, masks: noMasks(normalized)))
        page.section("Batch normalization inside the exploding network", zh: "把批量归一化放进会爆炸的网络")
        page.say("""
            `002` offers batch normalization as a remedy for the same problem. Put it into the network of the section on exploding \
            gradients: the same \(Self.deepSizes.map(String.init).joined(separator: "-")) network with the same $N(0, 1)$ weights (seed \(seed)), \
            but after each hidden layer's weighted input $z^l$, before its ReLU, a batch normalization over the \(data.x.rows) points \
            ($\\gamma = 1$, $\\beta = 0$ at the start). The size of each layer's weight gradient at the start, from the top layer down:
            """, zh: """
            `002` 把批量归一化列为解决同一问题的办法。把它放进上文梯度爆炸一节的网络里：同样的 \(Self.deepSizes.map(String.init).joined(separator: "-")) \
            网络，同样的 $N(0, 1)$ 权重（种子 \(seed)），只是在每个隐藏层的加权输入 $z^l$ 之后、ReLU 之前，对这 \(data.x.rows) 个点做一次批量归一化\
            （开始时 $\\gamma = 1$，$\\beta = 0$）。开始时各层权重梯度的大小（从顶层往下）：
            """)
        page.table([Localized("layer $l$", zh: "第 $l$ 层"), Localized("without batch normalization", zh: "不加批量归一化"),
                    Localized("with batch normalization", zh: "加批量归一化")],
                   zip(plainNorms, bnNorms).enumerated().reversed().map {
                       [.number(Double($0.offset + 1)), .number($0.element.0, digits: 4), .number($0.element.1, digits: 4)]
                   })
        page.record("bn_deep_gradient_norms_plain", plainNorms)
        page.record("bn_deep_gradient_norms", bnNorms)
        func spread(_ v: [Double]) -> Double { (v.max() ?? 0) / max(v.min() ?? 0, .leastNonzeroMagnitude) }
        let spreadPlain = spread(plainNorms), spreadBN = spread(bnNorms)
        page.record("bn_deep_spread", [spreadPlain, spreadBN])
        // A first layer with a single input is normalised to ±(x − μ)/σ whatever its weights are, so batch normalization
        // leaves its weights almost without gradient; the comparison then looks at the layers above it.
        let firstIsolated = Self.deepSizes[0] == 1 && bnNorms.count > 2 && bnNorms[0] == bnNorms.min()
        let comparedPlain = firstIsolated ? Array(plainNorms.dropFirst()) : plainNorms
        let comparedBN = firstIsolated ? Array(bnNorms.dropFirst()) : bnNorms
        let abovePlain = spread(comparedPlain), aboveBN = spread(comparedBN)
        page.record("bn_deep_spread_compared", [abovePlain, aboveBN])
        let largestPlain = comparedPlain.max() ?? 0, largestBN = comparedBN.max() ?? 0
        let evener = aboveBN < abovePlain, smaller = largestBN < largestPlain
        page.record("bn_deep_evener", evener ? 1 : 0)
        page.say("""
            Largest over smallest layer: \(Craft.f(spreadPlain, 3)) without, \(Craft.f(spreadBN, 3)) with batch normalization.
            """, zh: """
            最大层与最小层之比：不加时 \(Craft.f(spreadPlain, 3))，加批量归一化后 \(Craft.f(spreadBN, 3))。
            """)
        if firstIsolated {
            page.say("""
                Layer 1 is a case of its own: it has a single input $x$, so each of its neurons' $z = w x + b$ is normalised to \
                $\\pm(x - \\bar x)/\\sigma_x$ whatever $w$ and $b$ are. The loss then hardly depends on $W^1$: its gradient, \
                \(Craft.f(bnNorms[0], 4)), comes only through $\\varepsilon$. Leaving layer 1 aside, the ratio is \
                \(Craft.f(abovePlain, 3)) without and \(Craft.f(aboveBN, 3)) with batch normalization.
                """, zh: """
                第 1 层情况特殊：它只有一个输入 $x$，所以它每个神经元的 $z = w x + b$ 不论 $w$、$b$ 取什么，归一化后都是 \
                $\\pm(x - \\bar x)/\\sigma_x$。于是损失几乎不依赖 $W^1$：它的梯度 \(Craft.f(bnNorms[0], 4)) 只是经由 $\\varepsilon$ 才有的。\
                撇开第 1 层，这个比值不加时为 \(Craft.f(abovePlain, 3))，加批量归一化后为 \(Craft.f(aboveBN, 3))。
                """)
        }
        let closerEN = evener ? "With batch normalization the layers' gradients are closer to one another" : "Batch normalization does not bring the layers' gradients closer together here"
        let closerZH = evener ? "加了批量归一化，各层的梯度彼此更接近" : "这里批量归一化并没有让各层的梯度更接近"
        let sizeEN = evener == smaller ? (smaller ? " and smaller" : " nor smaller") : (smaller ? ", though they are smaller" : ", though the largest is larger")
        let sizeZH = evener == smaller ? (smaller ? "，也更小" : "，也没有更小") : (smaller ? "，不过确实更小了" : "，而且最大的梯度反而更大")
        let why = evener
            ? Localized(" (largest \(Craft.f(largestBN, 4)) against \(Craft.f(largestPlain, 4))): each layer receives its inputs with mean 0 and variance 1 whatever the weights below did to them, so their scale no longer multiplies up from layer to layer.",
                        zh: "（最大的梯度 \(Craft.f(largestBN, 4))，不加时 \(Craft.f(largestPlain, 4))）：不论下面各层的权重把输入变成什么样，每一层收到的输入都重新变成均值 0、方差 1，尺度不再一层层连乘放大。")
            : Localized(" (largest \(Craft.f(largestBN, 4)) against \(Craft.f(largestPlain, 4))).", zh: "（最大的梯度 \(Craft.f(largestBN, 4))，不加时 \(Craft.f(largestPlain, 4))）。")
        page.say(closerEN + sizeEN + why.en, zh: closerZH + sizeZH + why.zh)
        var random = SeededRandom(seed: UInt64(seed) &+ 2_000)
        let optimizer = GradientDescentOptimizer(learningRate: eta)
        let plainRun = plain.trained(on: data.x, objective, optimizer: optimizer, steps: steps, using: &random)
        let bnRun = normalized.trained(on: data.x, objective, optimizer: optimizer, steps: steps, using: &random)
        page.record("bn_deep_losses_plain", plainRun.losses)
        page.record("bn_deep_losses", bnRun.losses)
        page.record("bn_deep_diverged", [plainRun.divergedAt.map(Double.init) ?? -1, bnRun.divergedAt.map(Double.init) ?? -1])
        func outcome(_ run: LayerStack.Training) -> (en: String, zh: String) {
            if let k = run.divergedAt { return ("diverges at step \(k)", "在第 \(k) 步发散") }
            let first = run.losses.first ?? 0, last = run.losses.last ?? 0
            return last < first
                ? ("brings the training-mode loss from \(Craft.f(first, 4)) down to \(Craft.f(last, 4))", "把训练模式下的损失从 \(Craft.f(first, 4)) 降到 \(Craft.f(last, 4))")
                : ("does not bring the loss down (\(Craft.f(first, 4)) at the first step, \(Craft.f(last, 4)) at the last)", "没能让损失下降（第一步 \(Craft.f(first, 4))，最后一步 \(Craft.f(last, 4))）")
        }
        let a = outcome(plainRun), b = outcome(bnRun)
        page.say("""
            Trained with the same plain gradient descent, $\\eta = \(Craft.tex(eta))$, \(steps) steps, no clipping: the network without batch \
            normalization \(a.en); with batch normalization it \(b.en).
            """, zh: """
            用同样的普通梯度下降训练（$\\eta = \(Craft.tex(eta))$，\(steps) 步，不裁剪）：不加批量归一化的网络\(a.zh)；加了批量归一化的网络\(b.zh)。
            """)
    }
}
