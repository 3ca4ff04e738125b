import LessonKit
import LonghandEngine
import Notebook

/// The story, the fan-in rule, the forward signal, the backward gradients and the exercises.
extension InitializationLesson {
    func writeStory(_ page: inout Page) {
        page.say("""
            Source text `002` names the first of the three classic problems of deep networks: when backpropagation carries the \
            error from the output layer down to layer 1, the weight changes may get smaller and smaller the lower it goes, until \
            nothing changes (**vanishing gradients**), or larger and larger (**exploding gradients**). `004` adds that both are \
            two extremes of one problem, caused by the layers' weights multiplying up. Its first remedy (`002`, `004`) is how the \
            weights are drawn at the start. This lesson measures the problem instead of describing it: one deep network, \
            \(layers) layers, three activations, four ways to draw the weights, and the size of the gradient at every layer.
            """, zh: """
            原文 `002` 点出了深度网络的三大问题中的第一个：反向传播把误差从输出层一层层传回第 1 层时，越往低层，\
            权重的变化可能越来越小，直到不再变化（**梯度消失**）；也可能越来越大（**梯度爆炸**）。\
            `004` 补充说，两者是同一个问题的两个极端，根源在于各层权重的连乘效应。\
            原文给出的第一个对策（`002`、`004`）就是开始时怎样抽取权重。本课不只是描述这个问题，而是把它量出来：\
            一个 \(layers) 层的深度网络，三种激活函数，四种抽取权重的方式，逐层测量梯度的大小。
            """)
        page.say("""
            The network: \(inputs) inputs, \(layers - 1) hidden layers of \(width) neurons, one linear output neuron; biases 0. \
            A batch of \(batch) inputs and targets is drawn from $N(0, 1)$ and the cost is $C = \\frac{1}{n}\\sum \\frac{1}{2}(y - a^L)^2$. \
            For each setting we run one forward and one backward pass and record $\\lVert \\partial C / \\partial W^l \\rVert$, \
            the length of layer $l$'s whole weight gradient.
            """, zh: """
            网络结构：\(inputs) 个输入，\(layers - 1) 个各有 \(width) 个神经元的隐藏层，一个线性输出神经元；偏置都为 0。\
            从 $N(0, 1)$ 中抽取 \(batch) 个输入及其目标，代价为 $C = \\frac{1}{n}\\sum \\frac{1}{2}(y - a^L)^2$。\
            每种设置下做一次前向和一次反向传播，记录 $\\lVert \\partial C / \\partial W^l \\rVert$，即第 $l$ 层整个权重梯度的长度。
            """)
        page.convention("""
            $\\lVert M \\rVert$ is the Frobenius norm $\\sqrt{\\sum_{i,j} M_{ij}^2}$, the length of the matrix read as one long vector. \
            Every initialization scales **the same** seeded standard-normal draws (seed \(seed)), so the settings differ only in scale. \
            Each rule is called by its author's name: **LeCun** $N(0, 1/m)$ with $m$ the fan-in (LeCun et al. 1998); \
            **Glorot** $N(0, 2/(m + n))$ with $n$ the fan-out, the variance of Glorot and Bengio's (2010) "normalized \
            initialization", which libraries call **Xavier** (the paper draws it uniformly; here it is drawn normally with the \
            same variance); **He** $N(0, 2/m)$ (He et al. 2015). LeCun and Glorot coincide only where $n = m$.
            """, zh: """
            $\\lVert M \\rVert$ 是 Frobenius 范数 $\\sqrt{\\sum_{i,j} M_{ij}^2}$，即把矩阵看成一个长向量时的长度。\
            各种初始化缩放的是**同一组**带种子（种子 \(seed)）的标准正态随机数，所以各设置之间只有尺度不同。\
            每条规则都用提出者的名字称呼：**LeCun** 为 $N(0, 1/m)$，$m$ 是扇入（LeCun 等，1998）；\
            **Glorot** 为 $N(0, 2/(m + n))$，$n$ 是扇出，这是 Glorot 与 Bengio（2010）“归一化初始化”的方差，各种库把它叫作 **Xavier**\
            （论文里按均匀分布抽取；这里按同样方差的正态分布抽取）；**He** 为 $N(0, 2/m)$（He 等，2015）。只有当 $n = m$ 时 LeCun 与 Glorot 才相同。
            """)
    }

    func writeFanIn(_ page: inout Page) {
        page.section("The 1/√m rule and the fan-in of each layer", zh: "1/√m 规则与每层的扇入")
        page.say("""
            `004` says: set the weights by a formula in $m$, *the number of neurons in the layer before* (the layer's \
            **fan-in**), and learning gets faster. The formula itself was an image and is lost; the rule with exactly that $m$ \
            is LeCun's: draw $w$ from $N(0, 1/m)$, standard deviation $1/\\sqrt{m}$. `002` only names "He initialization and \
            Xavier initialization", without formulas. The reason for all of them is one line of arithmetic. Neuron $j$ of layer $l$ adds up $m$ terms, \
            $z_j = \\sum_{k=1}^{m} a_k w_{kj}$; with independent zero-mean weights of variance $\\sigma^2$ the variances add:
            """, zh: """
            `004` 说：用一个关于 $m$（*上一层神经元个数*，也就是这一层的**扇入**）的公式来设定权重，可以提高学习效率。\
            公式本身是图片，已经丢失；恰好用这个 $m$ 的规则是 LeCun 的：从 $N(0, 1/m)$ 中抽取 $w$，即标准差为 $1/\\sqrt{m}$。\
            `002` 只提到了“He initialization 和 Xavier initialization”这两个名字，没有给出公式。它们背后的道理只需一行算术：\
            第 $l$ 层的神经元 $j$ 把 $m$ 项加起来，$z_j = \\sum_{k=1}^{m} a_k w_{kj}$；权重彼此独立、均值为 0、方差为 $\\sigma^2$ 时，各项的方差相加：
            """)
        page.equation(tex: "\\mathrm{E}[z_j^2] = \\sum_{k=1}^{m} \\mathrm{E}[w_{kj}^2]\\,\\mathrm{E}[a_k^2] = m\\,\\sigma^2\\,\\mathrm{E}[a^2]",
                      text: "E[z²] = Σ E[w²]·E[a²] = m·σ²·E[a²]")
        page.say("""
            So every layer multiplies the signal's mean square by $m\\sigma^2$ (and by whatever the activation does). With $\\sigma = 1$ \
            and $m = \(width)$ that is a factor \(width) per layer; $\\sigma^2 = 1/m$ makes it 1. ReLU sets the negative half of its \
            inputs to zero, halving $\\mathrm{E}[a^2]$, so He et al. (2015) double the variance: $\\sigma^2 = 2/m$. The backward \
            pass multiplies by $W^\\top$ instead, whose sums run over the $n$ outputs; Glorot and Bengio split the difference \
            with $\\sigma^2 = 2/(m + n)$. Each layer gets its own $\\sigma$ from its own fan-in $m$ and fan-out $n$:
            """, zh: """
            所以每经过一层，信号的均方值就乘上 $m\\sigma^2$（再乘上激活函数带来的变化）。取 $\\sigma = 1$、$m = \(width)$ 时每层放大 \(width) 倍；\
            取 $\\sigma^2 = 1/m$ 则恰好是 1 倍。ReLU 把一半输入置零，$\\mathrm{E}[a^2]$ 减半，\
            所以 He 等人（2015）把方差加倍：$\\sigma^2 = 2/m$。反向传播乘的是 $W^\\top$，求和遍历的是 $n$ 个输出；\
            Glorot 与 Bengio 取两者折中：$\\sigma^2 = 2/(m + n)$。每一层都按自己的扇入 $m$ 和扇出 $n$ 取自己的 $\\sigma$：
            """)
        let fanIns = Array(sizes.dropLast()), fanOuts = Array(sizes.dropFirst())
        let lecun = fanIns.indices.map { Initializer.lecun.standardDeviation(fanIn: fanIns[$0], fanOut: fanOuts[$0]) }
        let glorot = fanIns.indices.map { Initializer.glorot.standardDeviation(fanIn: fanIns[$0], fanOut: fanOuts[$0]) }
        let he = fanIns.indices.map { Initializer.he.standardDeviation(fanIn: fanIns[$0], fanOut: fanOuts[$0]) }
        page.table([Localized("layer $l$", zh: "第 $l$ 层"), Localized("fan-in $m$", zh: "扇入 $m$"), Localized("fan-out $n$", zh: "扇出 $n$"),
                    Localized("$N(0, \\sigma^2)$: $\\sigma$", zh: "$N(0, \\sigma^2)$：$\\sigma$"),
                    Localized("LeCun $1/\\sqrt{m}$", zh: "LeCun $1/\\sqrt{m}$"), Localized("Glorot $\\sqrt{2/(m+n)}$", zh: "Glorot $\\sqrt{2/(m+n)}$"),
                    Localized("He $\\sqrt{2/m}$", zh: "He $\\sqrt{2/m}$")],
                   fanIns.indices.map { l in
                       [.number(Double(l + 1)), .number(Double(fanIns[l])), .number(Double(fanOuts[l])), .number(normalScale.value),
                        .number(lecun[l], digits: 4), .number(glorot[l], digits: 4), .number(he[l], digits: 4)]
                   })
        page.record("fan_in", fanIns.map(Double.init))
        page.record("fan_out", fanOuts.map(Double.init))
        page.record("lecun_std", lecun)
        page.record("glorot_std", glorot)
        page.record("he_std", he)
        for l in Set([0, min(1, fanIns.count - 1)]).sorted() {
            let m = Double(fanIns[l]), n = Double(fanOuts[l])
            page.step(nil, .symbol(tex: "\\sigma^{\(l + 1)}_{\\text{LeCun}}", text: "σ\(l + 1) LeCun"),
                      [.quotient(.n(1), Self.squareRoot(.n(m)))], value: lecun[l])
            page.step(nil, .symbol(tex: "\\sigma^{\(l + 1)}_{\\text{Glorot}}", text: "σ\(l + 1) Glorot"),
                      [Self.squareRoot(.quotient(.n(2), .sum([.n(m), .n(n)])))], value: glorot[l])
            page.step(nil, .symbol(tex: "\\sigma^{\(l + 1)}_{\\text{He}}", text: "σ\(l + 1) He"),
                      [Self.squareRoot(.quotient(.n(2), .n(m)))], value: he[l])
        }
        page.erratum("""
            `002` describes the remedy as giving up "completely random" initialization (放弃完全随机的方式) in favour of a specific \
            standard deviation. Xavier (Glorot) and He initialization are just as random as before: the weights are still \
            independent random draws. What changes is only the standard deviation, now $\\sqrt{2/(m+n)}$ or $\\sqrt{2/m}$ (or \
            LeCun's $1/\\sqrt{m}$) instead of a fixed number, chosen separately for each layer from its fan-in (and fan-out).
            """, zh: """
            `002` 把这个对策说成“放弃完全随机的方式，而是要使用特定的标准差”。其实 Xavier（Glorot）和 He 初始化和以前一样随机：\
            权重仍是独立抽取的随机数。改变的只是标准差：不再是一个固定的数，而是 $\\sqrt{2/(m+n)}$ 或 $\\sqrt{2/m}$（或 LeCun 的 $1/\\sqrt{m}$），\
            并且每一层按自己的扇入（和扇出）分别确定。
            """)
    }

    func writeForward(_ page: inout Page, _ ms: [Measurement]) {
        let act = ms[0].activation
        page.section("On the way up: the size of the signal", zh: "向上传播：信号的大小")
        page.say("""
            Follow the batch up through the \(act.rawValue) network. The table gives the typical size $\\sqrt{\\mathrm{E}[(z^l)^2]}$ \
            of every layer's weighted inputs:
            """, zh: """
            跟着这批样本在 \(act.rawValue) 网络中向上走。下表给出每一层加权输入的典型大小 $\\sqrt{\\mathrm{E}[(z^l)^2]}$：
            """)
        page.table([Localized("layer $l$", zh: "第 $l$ 层")] + Scheme.allCases.map { $0.label },
                   (0..<layers).map { l in [.number(Double(l + 1))] + ms.map { Self.normCell($0.spread[l]) } })
        page.record("z_rms", .object(ms.map { ($0.scheme.key, .vector($0.spread)) }))
        page.figure("forward-\(act.rawValue)", title: Localized("Size of the weighted inputs, layer by layer (\(act.rawValue))", zh: "各层加权输入的大小（\(act.rawValue)）"),
                    description: Localized("Root mean square of z at each of the \(layers) layers of the \(act.rawValue) network, on a logarithmic scale, for the three initializations.",
                                           zh: "\(act.rawValue) 网络 \(layers) 层中每一层 z 的均方根（对数刻度），三种初始化各一条线。"),
                    normPlot(ms.map { $0.spread }, yLabel: Localized("RMS of z (log scale)", zh: "z 的均方根（对数刻度）")))
        if layers >= 3 {
            page.say("""
                Check the variance rule on layer 2 (fan-in $m = \(width)$), using the measured mean square of layer 1's outputs $a^1$:
                """, zh: """
                在第 2 层（扇入 $m = \(width)$）上验证方差规则，其中第 1 层输出 $a^1$ 的均方值取实测值：
                """)
            var worst = 0.0
            for mm in ms {
                let sigma = initializer(mm.scheme).standardDeviation(fanIn: width, fanOut: sizes[2])
                let ea = GradientNorms.meanSquare(mm.evaluation.forward.layers[0].output)
                let predicted = Double(width) * sigma * sigma * ea
                let measured = mm.spread[1] * mm.spread[1]
                page.step("predicted_z2_\(mm.scheme.key)", .symbol(tex: "m\\,\\sigma^2\\,\\mathrm{E}[(a^1)^2]\\ (\\text{\(MathWords.word(mm.scheme.label))})", text: "m·σ²·E[(a1)²] (\(mm.scheme.label.en))"),
                          [.product([.n(Double(width)), .power(.number(sigma, digits: 4), .n(2)), .number(ea, digits: 4)])], value: predicted)
                page.record("measured_z2_\(mm.scheme.key)", measured)
                page.say("Measured: $\\mathrm{E}[(z^2)^2] = \(NumberFormat.short(measured, significant: 6))$.",
                         zh: "实测：$\\mathrm{E}[(z^2)^2] = \(NumberFormat.short(measured, significant: 6))$。")
                if measured > 0 { worst = max(worst, abs(predicted - measured) / measured) }
            }
            page.record("variance_rule_worst_relative_difference", worst)
            let agreement = Self.percentText(worst)
            page.say(worst <= 0.2
                     ? "Prediction and measurement differ by at most \(agreement.en): the rule is an average over random weights, and \(batch) samples with \(width) weights per neuron come close to it."
                     : "Prediction and measurement differ by up to \(agreement.en): the rule is an average over random weights, and with \(batch) sample\(batch == 1 ? "" : "s") and \(width) weights per neuron one draw can be far from that average.",
                     zh: worst <= 0.2
                     ? "预测值与实测值最多相差 \(agreement.zh)：这条规则是对随机权重取的平均，\(batch) 个样本、每个神经元 \(width) 个权重已经很接近这个平均。"
                     : "预测值与实测值最多相差 \(agreement.zh)：这条规则是对随机权重取的平均，只有 \(batch) 个样本、每个神经元 \(width) 个权重时，一次抽样可能离平均很远。")
            page.say("""
                With a too-large $\\sigma$ the weighted inputs of sigmoid and tanh land far out on the flat tails, where $f'(z)$ is nearly 0; \
                with ReLU nothing saturates and the signal simply keeps growing. With a too-small $\\sigma$ it fades towards 0.
                """, zh: """
                $\\sigma$ 太大时，sigmoid 和 tanh 的加权输入落到远处平坦的尾部，那里 $f'(z)$ 几乎为 0；\
                ReLU 不会饱和，信号就一路变大。$\\sigma$ 太小时，信号则逐层衰减到 0。
                """)
        }
    }

    /// √x typeset with a radical in TeX and as √(x) in plain text.
    static func squareRoot(_ e: Expr) -> Expr {
        .raw(tex: "\\sqrt{\(ExprRendering.tex(e))}", text: "√(\(ExprRendering.text(e)))")
    }

    /// A log-scale plot of one value per layer for the three schemes.
    func normPlot(_ series: [[Double]], yLabel: Localized) -> LinePlot {
        LinePlot(xLabel: Localized("layer l", zh: "第 l 层"), yLabel: yLabel,
                 series: zip(Scheme.allCases, series).map { scheme, values in
                     .init(scheme.label, values.enumerated().map { LinePlot.Point(Double($0.offset + 1), $0.element) },
                           style: scheme == .normal ? .dashed : .line, color: scheme.rawValue)
                 },
                 xRange: 1...Double(max(2, layers)), logY: true, width: 560, height: 340)
    }

    func writeBackward(_ page: inout Page, _ all: [[Measurement]]) {
        page.section("On the way down: the gradient at every layer", zh: "向下传播：每一层的梯度")
        page.say("""
            Backpropagation (BP2) hands the error down one layer at a time, $\\delta^l = (\\delta^{l+1} (W^{l+1})^\\top) \\odot f'(z^l)$, \
            and layer $l$'s weight gradient is $\\partial C / \\partial W^l = (a^{l-1})^\\top \\delta^l$. Each step down multiplies by \
            $(W^{l+1})^\\top$, which scales by about $\\sqrt{m}\\,\\sigma$, and by $f'(z^l)$: at most $1/4$ for sigmoid, at most 1 for \
            tanh (and near 0 where it saturates), exactly 0 or 1 for ReLU. Over \(layers) layers these factors multiply up: that is \
            `004`'s "superposition of the weights".
            """, zh: """
            反向传播（BP2）一层一层地把误差往下传：$\\delta^l = (\\delta^{l+1} (W^{l+1})^\\top) \\odot f'(z^l)$，\
            第 $l$ 层的权重梯度是 $\\partial C / \\partial W^l = (a^{l-1})^\\top \\delta^l$。每往下一层，就要乘上 $(W^{l+1})^\\top$（约放大 $\\sqrt{m}\\,\\sigma$ 倍）\
            和 $f'(z^l)$：sigmoid 最多是 $1/4$，tanh 最多是 1（饱和处接近 0），ReLU 恰好是 0 或 1。\
            经过 \(layers) 层，这些因子连乘起来：这就是 `004` 所说的“权重项叠加效应”。
            """)
        var norms: [(String, JSONValue)] = []
        var ratios: [(String, JSONValue)] = []
        for ms in all {
            let act = ms[0].activation
            page.subsection("\(act.rawValue)", zh: "\(act.rawValue)")
            if let bad = ms.first(where: { !$0.finite }) {
                page.warning("With \(act.rawValue) and \(bad.scheme.label.en) the numbers overflowed the range of floating point; shown values past that point are not meaningful.",
                             zh: "\(act.rawValue) 配合 \(bad.scheme.label.zh) 时数值超出了浮点数的范围；超出之后的值没有意义。")
            }
            page.table([Localized("layer $l$", zh: "第 $l$ 层")] + Scheme.allCases.map { $0.label + Localized(": $\\lVert \\partial C/\\partial W^l \\rVert$", zh: "：$\\lVert \\partial C/\\partial W^l \\rVert$") },
                       (0..<layers).map { l in [.number(Double(l + 1))] + ms.map { Self.normCell($0.finite ? $0.gradientNorms[l] : 0) } })
            page.figure("gradients-\(act.rawValue)", title: Localized("Gradient norm at every layer, \(act.rawValue)", zh: "每一层的梯度范数（\(act.rawValue)）"),
                        description: Localized("‖∂C/∂W^l‖ for layers 1 to \(layers) of the \(act.rawValue) network on a logarithmic scale, one line per initialization: " + ms.map { "\($0.scheme.label.en) \(Verdict($0).text.en)" }.joined(separator: "; ") + ".",
                                               zh: "\(act.rawValue) 网络第 1 到第 \(layers) 层的 ‖∂C/∂W^l‖（对数刻度），每种初始化一条线：" + ms.map { "\($0.scheme.label.zh) \(Verdict($0).text.zh)" }.joined(separator: "；") + "。"),
                        normPlot(ms.map { $0.gradientNorms.map { $0.isFinite ? $0 : 0 } }, yLabel: Localized("‖∂C/∂Wˡ‖ (log scale)", zh: "‖∂C/∂Wˡ‖（对数刻度）")))
            norms.append((act.rawValue, .object(ms.map { ($0.scheme.key, .vector($0.gradientNorms.map { $0.isFinite ? $0 : 0 })) })))
            // An undefined ratio is left out (the page's JSON holds numbers only).
            ratios.append((act.rawValue, .object(ms.compactMap { m in m.definedRatio.map { (m.scheme.key, JSONValue.number($0)) } })))
        }
        page.record("gradient_norms", .object(norms))
        page.record("gradient_ratios", .object(ratios))

        page.subsection("All nine side by side", zh: "九种组合一览")
        page.say("""
            The ratio is $\\lVert \\partial C/\\partial W^1 \\rVert / \\lVert \\partial C/\\partial W^{\(layers)} \\rVert$. The verdict \
            calls a combination *vanishing* when the ratio is below 1/20 or every norm is below $10^{-2}$, *exploding* when the \
            ratio is above 20 or some norm is above $10^4$, and *healthy* otherwise.
            """, zh: """
            比值是 $\\lVert \\partial C/\\partial W^1 \\rVert / \\lVert \\partial C/\\partial W^{\(layers)} \\rVert$。\
            比值小于 1/20 或所有范数都小于 $10^{-2}$ 时判为*消失*；比值大于 20 或某个范数大于 $10^4$ 时判为*爆炸*；其余判为*健康*。
            """)
        page.table([Localized("activation", zh: "激活函数"), Localized("initialization", zh: "初始化"),
                    Localized("$\\lVert \\partial C/\\partial W^1 \\rVert$", zh: "$\\lVert \\partial C/\\partial W^1 \\rVert$"),
                    Localized("$\\lVert \\partial C/\\partial W^{\(layers)} \\rVert$", zh: "$\\lVert \\partial C/\\partial W^{\(layers)} \\rVert$"),
                    Localized("ratio", zh: "比值"), Localized("verdict", zh: "结论")],
                   all.joined().map { m in
                       [.text(Localized(same: m.activation.rawValue)), .text(m.scheme.label),
                        Self.normCell(m.finite ? m.gradientNorms[0] : 0), Self.normCell(m.finite ? m.gradientNorms[layers - 1] : 0),
                        m.definedRatio.map { .number($0, digits: 3) } ?? .text(Localized("undefined", zh: "无定义")), .text(Verdict(m).short)]
                   })
        page.record("layer1_gradient_norms", .object(all.map { ms in (ms[0].activation.rawValue, .object(ms.map { ($0.scheme.key, .number($0.finite ? $0.gradientNorms[0] : 0)) })) }))
        let healthy = all.joined().filter { if case .even = Verdict($0) { return true } else { return false } }
        page.say(healthy.isEmpty
                 ? "In this run no combination keeps the gradient within a factor of 20 from layer \(layers) down to layer 1."
                 : "In this run the gradient stays within a factor of 20 from layer \(layers) down to layer 1 only for: " + healthy.map { "\($0.activation.rawValue) with \($0.scheme.label.en)" }.joined(separator: ", ") + ".",
                 zh: healthy.isEmpty
                 ? "这次运行中，没有哪种组合能让梯度从第 \(layers) 层到第 1 层保持在 20 倍以内。"
                 : "这次运行中，只有以下组合能让梯度从第 \(layers) 层到第 1 层保持在 20 倍以内：" + healthy.map { "\($0.activation.rawValue) 配 \($0.scheme.label.zh)" }.joined(separator: "、") + "。")
        writeExpectations(&page, all)
    }

    /// One thing the variance arithmetic predicts for a combination, and the verdicts that would bear it out.
    struct Expectation {
        let activation: NetworkActivation
        let scheme: Scheme
        let expected: [Verdict]
        let reason: Localized
    }

    /// What the arithmetic of this page predicts for these sizes, each checked against this run's verdict.
    func expectations() -> [Expectation] {
        let sigma = normalScale.value
        let m = Double(width)
        // Under N(0, σ²) a ReLU layer multiplies the mean square by m·σ²/2; a tanh layer near 0 by m·σ².
        let reluFactor = m * sigma * sigma / 2, tanhFactor = m * sigma * sigma
        var list: [Expectation] = []
        if reluFactor > 2 {
            list.append(.init(activation: .relu, scheme: .normal, expected: [.huge, .exploding],
                              reason: Localized("each layer multiplies the mean square by $m\\sigma^2/2 = \(Self.short(reluFactor))$, so signal and gradients blow up",
                                                zh: "每层把均方值乘以 $m\\sigma^2/2 = \(Self.short(reluFactor))$，信号和梯度都会爆炸")))
        } else if reluFactor < 0.5 {
            list.append(.init(activation: .relu, scheme: .normal, expected: [.tiny, .vanishing],
                              reason: Localized("each layer multiplies the mean square by $m\\sigma^2/2 = \(Self.short(reluFactor))$, so the signal dies out",
                                                zh: "每层把均方值乘以 $m\\sigma^2/2 = \(Self.short(reluFactor))$，信号逐层消失")))
        }
        if tanhFactor > 2 {
            list.append(.init(activation: .tanh, scheme: .normal, expected: [.exploding, .huge],
                              reason: Localized("$m\\sigma^2 = \(Self.short(tanhFactor))$ saturates every layer and the error grows through the large weights on its way down",
                                                zh: "$m\\sigma^2 = \(Self.short(tanhFactor))$ 使每一层都饱和，误差穿过很大的权重往下传时越来越大")))
        }
        list.append(.init(activation: .tanh, scheme: .lecun, expected: [.even],
                          reason: Localized("tanh is close to the identity near 0 and $m\\sigma^2 = 1$ keeps the signal's size",
                                            zh: "tanh 在 0 附近接近恒等函数，$m\\sigma^2 = 1$ 保持信号大小不变")))
        list.append(.init(activation: .relu, scheme: .he, expected: [.even],
                          reason: Localized("$m\\sigma^2 = 2$ gives back the half that ReLU cuts off",
                                            zh: "$m\\sigma^2 = 2$ 正好补回 ReLU 截掉的一半")))
        if layers >= 4 {
            list.append(.init(activation: .sigmoid, scheme: .lecun, expected: [.vanishing, .tiny],
                              reason: Localized("sigmoid's slope is at most 1/4 and its outputs are all positive, so every layer shrinks the error",
                                                zh: "sigmoid 的斜率最多 1/4，输出又全为正，每经过一层误差都会缩小")))
        }
        return list
    }

    func writeExpectations(_ page: inout Page, _ all: [[Measurement]]) {
        let list = expectations()
        func measured(_ e: Expectation) -> Measurement? {
            all.joined().first { $0.activation == e.activation && $0.scheme == e.scheme }
        }
        let held = list.filter { e in measured(e).map { m in e.expected.contains(Verdict(m)) } ?? false }
        page.say("""
            What the variance arithmetic predicts for these sizes ($m = \(width)$, $\\sigma = \(Self.short(normalScale.value))$, \(layers) layers), \
            and whether this run bears it out:
            """, zh: """
            方差的算术对这组尺寸（$m = \(width)$，$\\sigma = \(Self.short(normalScale.value))$，\(layers) 层）的预测，以及这次运行是否印证了它：
            """)
        page.table([Localized("activation", zh: "激活函数"), Localized("initialization", zh: "初始化"), Localized("why", zh: "理由"),
                     Localized("predicted", zh: "预测"), Localized("this run", zh: "本次运行"), Localized("borne out?", zh: "是否印证")],
                   list.map { e in
                       let v = measured(e).map(Verdict.init)
                       return [.text(Localized(same: e.activation.rawValue)), .text(e.scheme.label), .text(e.reason),
                               .text(e.expected[0].short), .text(v?.short ?? Localized("—", zh: "—")),
                               .text(v.map { e.expected.contains($0) } == true ? Localized("yes", zh: "是") : Localized("no", zh: "否"))]
                   })
        page.record("expectations_borne_out", Double(held.count))
        page.record("expectations", Double(list.count))
        let missed = list.filter { e in !held.contains { $0.activation == e.activation && $0.scheme == e.scheme } }
        page.say(missed.isEmpty
                 ? "All \(list.count) predictions hold in this run." + (list.contains { $0.activation == .sigmoid } ? " The sigmoid row is one reason `002` ranks sigmoid last among activations and recommends He initialization with ReLU-type activations." : "")
                 : "\(held.count) of the \(list.count) predictions hold in this run; " + missed.map { "\($0.activation.rawValue) with \($0.scheme.label.en)" }.joined(separator: ", ") + " did not behave as the average predicts: the arithmetic describes the average over random weights, and one seeded draw of a network this size can stray from it.",
                 zh: missed.isEmpty
                 ? "这 \(list.count) 条预测在本次运行中全部成立。" + (list.contains { $0.activation == .sigmoid } ? "sigmoid 那一行也是 `002` 把 sigmoid 排在激活函数最后、并推荐 He 初始化配合 ReLU 类激活函数的原因之一。" : "")
                 : "这 \(list.count) 条预测中有 \(held.count) 条在本次运行中成立；" + missed.map { "\($0.activation.rawValue) 配 \($0.scheme.label.zh)" }.joined(separator: "、") + " 没有按平均值的预测表现：这套算术描述的是随机权重的平均情形，这么大的网络抽一次，可能偏离平均。")
        page.say("""
            Note that $\\partial C/\\partial W^l = (a^{l-1})^\\top \\delta^l$ multiplies the signal coming up by the error coming down. When \
            the two change at the same rate in opposite directions, the weight gradients look even across the layers although \
            each of them may be far too large or far too small; exercise 3 measures such a case.
            """, zh: """
            注意 $\\partial C/\\partial W^l = (a^{l-1})^\\top \\delta^l$ 是向上传来的信号与向下传来的误差相乘。两者以同样的速度朝相反方向变化时，\
            各层的权重梯度看上去很均匀，但每一个都可能大得离谱或小得可怜；练习 3 量的就是这样的情形。
            """)
    }

    /// A number with three significant digits.
    static func short(_ x: Double) -> String { NumberFormat.short(x, significant: 3) }

    /// A fraction as a percentage with three significant digits, in both languages.
    static func percentText(_ x: Double) -> (en: String, zh: String) {
        let t = NumberFormat.short(x * 100, significant: 3) + "%"
        return (t, t)
    }

    func writeExercises(_ page: inout Page) {
        page.exercise("One layer maps $m = 100$ inputs to $n = 50$ outputs, another $m = 512$ to $n = 10$. Give the LeCun, Glorot and He standard deviations of each.",
                      zh: "一层把 $m = 100$ 个输入映射到 $n = 50$ 个输出，另一层把 $m = 512$ 个输入映射到 $n = 10$ 个输出。分别求它们的 LeCun、Glorot 和 He 标准差。") { s in
            for (m, n) in [(100, 50), (512, 10)] {
                s.step("lecun_std_\(m)", .symbol(tex: "1/\\sqrt{\(m)}", text: "1/√\(m)"), [], value: Initializer.lecun.standardDeviation(fanIn: m, fanOut: n))
                s.step("glorot_std_\(m)", .symbol(tex: "\\sqrt{2/(\(m) + \(n))}", text: "√(2/(\(m) + \(n)))"), [], value: Initializer.glorot.standardDeviation(fanIn: m, fanOut: n))
                s.step("he_std_\(m)", .symbol(tex: "\\sqrt{2/\(m)}", text: "√(2/\(m))"), [], value: Initializer.he.standardDeviation(fanIn: m, fanOut: n))
            }
            s.say("The wider the layer before, the smaller each weight must be, so that the sum of $m$ terms stays the same size. Glorot's $\\sigma$ lies between LeCun's for fan-in $m$ and LeCun's for fan-out $n$, because it averages the two.",
                  zh: "前一层越宽，每个权重就要越小，这样 $m$ 项之和才能保持同样的大小。Glorot 的 $\\sigma$ 介于按扇入 $m$ 和按扇出 $n$ 算的 LeCun 值之间，因为它把两者平均了。")
        }
        page.exercise("A deeper, narrower ReLU network: 20 layers of 16 neurons, 8 inputs, seed 1. Compare $\\lVert \\partial C/\\partial W^1 \\rVert$ and $\\lVert \\partial C/\\partial W^{20} \\rVert$ under LeCun and under He.",
                      zh: "一个更深更窄的 ReLU 网络：20 层、每层 16 个神经元、8 个输入、种子 1。比较 LeCun 与 He 初始化下的 $\\lVert \\partial C/\\partial W^1 \\rVert$ 和 $\\lVert \\partial C/\\partial W^{20} \\rVert$。") { s in
            var lesson = self
            lesson.layers = 20
            lesson.width = 16
            lesson.inputs = 8
            lesson.seed = 1
            var rows: [[Table.Cell]] = []
            var z19: [Double] = []
            for scheme in [Scheme.lecun, .he] {
                let m = lesson.measure(.relu, scheme)
                rows.append([.text(scheme.label), .number(m.gradientNorms[0], digits: 4), .number(m.gradientNorms[19], digits: 4),
                             .number(m.spread[18], digits: 4), .text(Verdict(m).text)])
                s.record("layer1_\(scheme.key)", m.gradientNorms[0])
                s.record("layer20_\(scheme.key)", m.gradientNorms[19])
                s.record("z_rms_layer19_\(scheme.key)", m.spread[18])
                z19.append(m.spread[18])
            }
            s.table([Localized("initialization", zh: "初始化"), Localized("$\\lVert \\partial C/\\partial W^1 \\rVert$", zh: "$\\lVert \\partial C/\\partial W^1 \\rVert$"),
                     Localized("$\\lVert \\partial C/\\partial W^{20} \\rVert$", zh: "$\\lVert \\partial C/\\partial W^{20} \\rVert$"),
                     Localized("RMS of $z^{19}$", zh: "$z^{19}$ 的均方根"), Localized("verdict", zh: "结论")], rows)
            let measuredRatio = z19[1] == 0 ? 0 : z19[0] / z19[1]
            // The two draws are the same random numbers scaled by 1/√m and √(2/m), so every LeCun weight is 1/√2 of He's; a
            // ReLU layer without bias passes a positive scale straight through, so z¹⁹, 19 weight layers from the input, is
            // (1/√2)¹⁹ of He's, exactly up to rounding.
            let predictedRatio = Double.pow(0.5, 9.5)
            s.step("z19_ratio", .symbol(tex: "\\text{RMS}_{\\text{LeCun}} / \\text{RMS}_{\\text{He}}", text: "RMS LeCun / RMS He"),
                   [.quotient(.number(z19[0], digits: 4), .number(z19[1], digits: 4))], value: measuredRatio)
            let agrees = z19[1] > 0 && abs(measuredRatio / predictedRatio - 1) < 1e-9
            let predicted = NumberFormat.short(predictedRatio, significant: 3), measured = NumberFormat.short(measuredRatio, significant: 3)
            s.say("""
                Under LeCun every weight is $1/\\sqrt{2}$ times He's (the same random draws, scaled by $1/\\sqrt{m}$ instead of \
                $\\sqrt{2/m}$), and a ReLU layer without bias passes a positive scale straight through: $\\max(0, cz) = c\\max(0, z)$ for \
                $c > 0$. So $z^{19}$, 19 weight layers from the input, should be $(1/\\sqrt{2})^{19} = \(predicted)$ times as large under LeCun; \
                \(z19[1] == 0 ? "under He every unit of layer 19 is silent, so there is no ratio to measure." : agrees ? "measured: \(measured), the same as predicted to nine significant digits." : "measured: \(measured).")
                """, zh: """
                在 LeCun 下，每个权重都是 He 下的 $1/\\sqrt{2}$ 倍（同样的随机数，只是乘的是 $1/\\sqrt{m}$ 而不是 $\\sqrt{2/m}$），\
                而没有偏置的 ReLU 层会把正的倍数原样传下去：$c > 0$ 时 $\\max(0, cz) = c\\max(0, z)$。所以从输入算起经过 19 个权重层的 \
                $z^{19}$，在 LeCun 下应是 He 下的 $(1/\\sqrt{2})^{19} = \(predicted)$ 倍；\
                \(z19[1] == 0 ? "在 He 下第 19 层的单元全都沉默，没有比值可测。" : agrees ? "实测为 \(measured)，与预测的前九位有效数字相同。" : "实测为 \(measured)。")
                """)
        }
        page.exercise("Draw the weights of the default tanh network from $N(0, 0.1^2)$, i.e. far too small. What happens to the error $\\delta^l$ and to the weight gradient from layer \(layers) down to layer 1?",
                      zh: "把默认 tanh 网络的权重改从 $N(0, 0.1^2)$ 中抽取，也就是明显过小。从第 \(layers) 层到第 1 层，误差 $\\delta^l$ 和权重梯度会怎样？") { s in
            var lesson = self
            lesson.normalScale = FiniteNumber(0.1)
            let m = lesson.measure(.tanh, .normal)
            let good = lesson.measure(.tanh, .lecun)
            s.table([Localized("layer $l$", zh: "第 $l$ 层"), Localized("RMS of $z^l$", zh: "$z^l$ 的均方根"), Localized("$\\lVert \\delta^l \\rVert$", zh: "$\\lVert \\delta^l \\rVert$"),
                     Localized("$\\lVert \\partial C/\\partial W^l \\rVert$", zh: "$\\lVert \\partial C/\\partial W^l \\rVert$")],
                    (0..<layers).map { [.number(Double($0 + 1)), Self.normCell(m.spread[$0]), Self.normCell(m.deltaNorms[$0]), Self.normCell(m.gradientNorms[$0])] })
            s.record("z_rms", m.spread)
            s.record("delta_norms", m.deltaNorms)
            s.record("gradient_norms", m.gradientNorms)
            let deltaRatio = m.deltaNorms[layers - 1] == 0 ? 0 : m.deltaNorms[0] / m.deltaNorms[layers - 1]
            s.step("delta_ratio", .symbol(tex: "\\lVert \\delta^1 \\rVert / \\lVert \\delta^{\(layers)} \\rVert", text: "‖δ1‖ / ‖δ\(layers)‖"),
                   [.quotient(.number(m.deltaNorms[0], digits: 4), .number(m.deltaNorms[layers - 1], digits: 4))], value: deltaRatio)
            s.step("ratio", .symbol(tex: "\\lVert \\partial C/\\partial W^1 \\rVert / \\lVert \\partial C/\\partial W^{\(layers)} \\rVert", text: "‖∂C/∂W1‖ / ‖∂C/∂W\(layers)‖"),
                   [.quotient(.number(m.gradientNorms[0], digits: 4), .number(m.gradientNorms[layers - 1], digits: 4))], value: m.ratio)
            let even: Bool = { if case .even = Verdict(m) { return true } else { return false } }()
            let smallest = m.gradientNorms.max() ?? 0, reference = good.gradientNorms.max() ?? 0
            let factor = NumberFormat.short(Double(width).squareRoot() * 0.1, significant: 3)
            let ratioText = NumberFormat.short(m.ratio, significant: 3)
            let trendEn = even
                ? "so the two trends cancel and its ratio across the layers is only \(ratioText) (\(Verdict(m).text.en))"
                : "but here the two trends do not cancel: its ratio across the layers is \(ratioText) (\(Verdict(m).text.en))"
            let trendZh = even
                ? "两种趋势相互抵消，所以它在各层之间的比值只有 \(ratioText)（\(Verdict(m).text.zh)）"
                : "不过这里两种趋势没有相互抵消：它在各层之间的比值为 \(ratioText)（\(Verdict(m).text.zh)）"
            let sizeEn = smallest < reference
                ? "Its largest value is \(Self.short(smallest)), against \(Self.short(reference)) with LeCun's $1/\\sqrt{m}$ (\(Self.short(reference / max(smallest, 1e-300))) times larger): a vanishing error slows learning even when the weight gradients look even."
                : "Its largest value is \(Self.short(smallest)), not below LeCun's \(Self.short(reference)) in this run."
            let sizeZh = smallest < reference
                ? "它的最大值为 \(Self.short(smallest))，而用 LeCun 的 $1/\\sqrt{m}$ 时是 \(Self.short(reference))（大 \(Self.short(reference / max(smallest, 1e-300))) 倍）：即使权重梯度看上去很均匀，误差的消失依然会拖慢学习。"
                : "它的最大值为 \(Self.short(smallest))，在这次运行中并不比 LeCun 的 \(Self.short(reference)) 小。"
            s.say("""
                Each layer multiplies by about $\\sqrt{\(width)} \\cdot 0.1 = \(factor)$, less than 1: the signal $z^l$ fades on its way up \
                and the error $\\delta^l$ on its way down. The weight gradient $(a^{l-1})^\\top \\delta^l$ multiplies one by the other, \
                \(trendEn). \(sizeEn)
                """, zh: """
                每一层大约乘以 $\\sqrt{\(width)} \\cdot 0.1 = \(factor)$，小于 1：信号 $z^l$ 向上逐层衰减，误差 $\\delta^l$ 向下也逐层衰减。\
                权重梯度 $(a^{l-1})^\\top \\delta^l$ 是两者相乘，\(trendZh)。\(sizeZh)
                """)
        }
    }
}
