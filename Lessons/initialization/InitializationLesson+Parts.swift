import LessonKit
import Longhand
import Notebook

/// The story, the fan-in rule, the forward signal, the backward gradients and the exercises.
extension InitializationLesson {
    func writeStory(_ page: inout Notebook) {
        page.say("""
            Source text `002` names the first of the three classic problems of deep networks: when backpropagation carries the \
            error from the output layer down to layer 1, the weight changes may get smaller and smaller the lower it goes, until \
            nothing changes (**vanishing gradients**), or larger and larger (**exploding gradients**). `004` adds that both are \
            two extremes of one problem, caused by the layers' weights multiplying up. Its first remedy (`002`, `004`) is how the \
            weights are drawn at the start. This lesson measures the problem instead of describing it: one deep network, \
            \(layers) layers, three activations, three ways to draw the weights, and the size of the gradient at every layer.
            """, zh: """
            原文 `002` 点出了深度网络的三大问题中的第一个：反向传播把误差从输出层一层层传回第 1 层时，越往低层，\
            权重的变化可能越来越小，直到不再变化（**梯度消失**）；也可能越来越大（**梯度爆炸**）。\
            `004` 补充说，两者是同一个问题的两个极端，根源在于各层权重的连乘效应。\
            原文给出的第一个对策（`002`、`004`）就是开始时怎样抽取权重。本课不只是描述这个问题，而是把它量出来：\
            一个 \(layers) 层的深度网络，三种激活函数，三种抽取权重的方式，逐层测量梯度的大小。
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
            Following the texts, "Xavier" here means $N(0, 1/m)$ with $m$ the fan-in; Glorot and Bengio's paper uses \
            $2/(m_{\\text{in}} + m_{\\text{out}})$, which is the same when a layer has as many outputs as inputs.
            """, zh: """
            $\\lVert M \\rVert$ 是 Frobenius 范数 $\\sqrt{\\sum_{i,j} M_{ij}^2}$，即把矩阵看成一个长向量时的长度。\
            各种初始化缩放的是**同一组**带种子（种子 \(seed)）的标准正态随机数，所以各设置之间只有尺度不同。\
            沿用原文的叫法，这里的“Xavier”指 $N(0, 1/m)$，$m$ 为扇入；Glorot 和 Bengio 的论文用的是 \
            $2/(m_{\\text{in}} + m_{\\text{out}})$，当一层的输出个数与输入个数相等时两者相同。
            """)
    }

    func writeFanIn(_ page: inout Notebook) {
        page.section("The 1/√m rule and the fan-in of each layer", zh: "1/√m 规则与每层的扇入")
        page.say("""
            `004` says: draw the weights with a spread set by $m$, *the number of neurons in the layer before* (the layer's \
            **fan-in**), and learning gets faster. The formula itself was an image and is lost; it is: draw $w$ from $N(0, 1/m)$, \
            standard deviation $1/\\sqrt{m}$. The reason is one line of arithmetic. Neuron $j$ of layer $l$ adds up $m$ terms, \
            $z_j = \\sum_{k=1}^{m} a_k w_{kj}$; with independent zero-mean weights of variance $\\sigma^2$ the variances add:
            """, zh: """
            `004` 说：按 $m$（*前一层神经元的个数*，也就是这一层的**扇入**）来确定权重的离散程度，可以提高学习效率。\
            公式本身是图片，已经丢失；它是：从 $N(0, 1/m)$ 中抽取 $w$，即标准差为 $1/\\sqrt{m}$。道理只需一行算术：\
            第 $l$ 层的神经元 $j$ 把 $m$ 项加起来，$z_j = \\sum_{k=1}^{m} a_k w_{kj}$；权重彼此独立、均值为 0、方差为 $\\sigma^2$ 时，各项的方差相加：
            """)
        page.equation(tex: "\\mathrm{E}[z_j^2] = \\sum_{k=1}^{m} \\mathrm{E}[w_{kj}^2]\\,\\mathrm{E}[a_k^2] = m\\,\\sigma^2\\,\\mathrm{E}[a^2]",
                      text: "E[z²] = Σ E[w²]·E[a²] = m·σ²·E[a²]")
        page.say("""
            So every layer multiplies the signal's mean square by $m\\sigma^2$ (and by whatever the activation does). With $\\sigma = 1$ \
            and $m = \(width)$ that is a factor \(width) per layer; $\\sigma^2 = 1/m$ makes it 1. ReLU sets the negative half of its \
            inputs to zero, halving $\\mathrm{E}[a^2]$, so He et al. (2015) double the variance: $\\sigma^2 = 2/m$. Each layer \
            gets its own $\\sigma$ from its own fan-in:
            """, zh: """
            所以每经过一层，信号的均方值就乘上 $m\\sigma^2$（再乘上激活函数带来的变化）。取 $\\sigma = 1$、$m = \(width)$ 时每层放大 \(width) 倍；\
            取 $\\sigma^2 = 1/m$ 则恰好是 1 倍。ReLU 把一半输入置零，$\\mathrm{E}[a^2]$ 减半，\
            所以 He 等人（2015）把方差加倍：$\\sigma^2 = 2/m$。每一层都按自己的扇入取自己的 $\\sigma$：
            """)
        let fanIns = Array(sizes.dropLast())
        let xavier = fanIns.map { Initializer.xavier.standardDeviation(fanIn: $0) }
        let he = fanIns.map { Initializer.he.standardDeviation(fanIn: $0) }
        page.table([Localized("layer $l$", zh: "第 $l$ 层"), Localized("fan-in $m$", zh: "扇入 $m$"), Localized("$N(0, \\sigma^2)$: $\\sigma$", zh: "$N(0, \\sigma^2)$：$\\sigma$"),
                    Localized("Xavier $1/\\sqrt{m}$", zh: "Xavier $1/\\sqrt{m}$"), Localized("He $\\sqrt{2/m}$", zh: "He $\\sqrt{2/m}$")],
                   fanIns.indices.map { l in
                       [.number(Double(l + 1)), .number(Double(fanIns[l])), .number(normalScale.value), .number(xavier[l], digits: 4), .number(he[l], digits: 4)]
                   })
        page.record("fan_in", fanIns.map(Double.init))
        page.record("xavier_std", xavier)
        page.record("he_std", he)
        for l in Set([0, min(1, fanIns.count - 1)]).sorted() {
            let m = Double(fanIns[l])
            page.step(nil, .symbol(tex: "\\sigma^{\(l + 1)}_{\\text{Xavier}}", text: "σ\(l + 1) Xavier"),
                      [.quotient(.n(1), Self.squareRoot(.n(m)))], value: xavier[l])
            page.step(nil, .symbol(tex: "\\sigma^{\(l + 1)}_{\\text{He}}", text: "σ\(l + 1) He"),
                      [Self.squareRoot(.quotient(.n(2), .n(m)))], value: he[l])
        }
        page.erratum("""
            `002` describes the remedy as giving up "completely random" initialization (放弃完全随机的方式) in favour of a specific \
            standard deviation. Xavier and He initialization are just as random as before: the weights are still independent \
            draws from a normal distribution. What changes is only the standard deviation, now $1/\\sqrt{m}$ or $\\sqrt{2/m}$ \
            instead of a fixed number, chosen separately for each layer from its fan-in.
            """, zh: """
            `002` 把这个对策说成“放弃完全随机的方式，而是要使用特定的标准差”。其实 Xavier 和 He 初始化和以前一样随机：\
            权重仍是从正态分布中独立抽取的。改变的只是标准差：不再是一个固定的数，而是 $1/\\sqrt{m}$ 或 $\\sqrt{2/m}$，\
            并且每一层按自己的扇入分别确定。
            """)
    }

    func writeForward(_ page: inout Notebook, _ ms: [Measurement]) {
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
            for mm in ms {
                let sigma = initializer(mm.scheme).standardDeviation(fanIn: width)
                let ea = GradientNorms.meanSquare(mm.evaluation.forward.layers[0].output)
                let predicted = Double(width) * sigma * sigma * ea
                let measured = mm.spread[1] * mm.spread[1]
                page.step("predicted_z2_\(mm.scheme.key)", .symbol(tex: "m\\,\\sigma^2\\,\\mathrm{E}[(a^1)^2]\\ (\\text{\(mm.scheme.label.en)})", text: "m·σ²·E[(a1)²] (\(mm.scheme.label.en))"),
                          [.product([.n(Double(width)), .power(.number(sigma, digits: 4), .n(2)), .number(ea, digits: 4)])], value: predicted)
                page.record("measured_z2_\(mm.scheme.key)", measured)
                page.say("Measured: $\\mathrm{E}[(z^2)^2] = \(NumberFormat.short(measured, significant: 6))$.",
                         zh: "实测：$\\mathrm{E}[(z^2)^2] = \(NumberFormat.short(measured, significant: 6))$。")
            }
            page.say("""
                The prediction and the measurement agree up to the sampling noise of \(batch) samples and \(width) weights per neuron. \
                With a too-large $\\sigma$ the weighted inputs of sigmoid and tanh land far out on the flat tails, where $f'(z)$ is nearly 0; \
                with ReLU nothing saturates and the signal simply keeps growing. With a too-small $\\sigma$ it fades towards 0.
                """, zh: """
                预测值和实测值在 \(batch) 个样本、每个神经元 \(width) 个权重所带来的抽样误差范围内一致。\
                $\\sigma$ 太大时，sigmoid 和 tanh 的加权输入落到远处平坦的尾部，那里 $f'(z)$ 几乎为 0；\
                ReLU 不会饱和，信号就一路变大。$\\sigma$ 太小时，信号则逐层衰减到 0。
                """)
        }
    }

    /// √x typeset with a radical in TeX and as √(x) in plain text.
    static func squareRoot(_ e: Expr) -> Expr {
        .raw(tex: "\\sqrt{\(ExprRendering.tex(e))}", text: "√(\(ExprRendering.text(e)))")
    }

    /// A log-scale y range of whole decades around the positive values: at least five decades (so the
    /// ticks fall on whole powers of ten) and spare decades on top for the legend.
    static func decades(_ values: [Double]) -> ClosedRange<Double> {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        guard let lo = positive.min(), let hi = positive.max() else { return 1e-3...1e2 }
        var top = Double.log10(hi).rounded(.up) + 1
        var bottom = Double.log10(lo).rounded(.down)
        if top - bottom < 5 {
            let missing = 5 - (top - bottom)
            bottom -= (missing / 2).rounded(.up)
            top += (missing / 2).rounded(.down)
        }
        top += ((top - bottom) * 0.25).rounded(.down)   // the legend's share of the height
        return Double.pow(10, bottom)...Double.pow(10, top)
    }

    /// A log-scale plot of one value per layer for the three schemes.
    func normPlot(_ series: [[Double]], yLabel: Localized) -> LinePlot {
        LinePlot(xLabel: Localized("layer l", zh: "第 l 层"), yLabel: yLabel,
                 series: zip(Scheme.allCases, series).map { scheme, values in
                     .init(scheme.label, values.enumerated().map { LinePlot.Point(Double($0.offset + 1), $0.element) },
                           style: scheme == .normal ? .dashed : .line, color: scheme.rawValue)
                 },
                 xRange: 1...Double(max(2, layers)), yRange: Self.decades(series.joined().map { $0 }), logY: true, width: 560, height: 340)
    }

    func writeBackward(_ page: inout Notebook, _ all: [[Measurement]]) {
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
            ratios.append((act.rawValue, .object(ms.map { ($0.scheme.key, .number($0.finite ? $0.ratio : 0)) })))
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
                        .number(m.finite ? m.ratio : 0, digits: 3), .text(Verdict(m).short)]
                   })
        page.record("layer1_gradient_norms", .object(all.map { ms in (ms[0].activation.rawValue, .object(ms.map { ($0.scheme.key, .number($0.finite ? $0.gradientNorms[0] : 0)) })) }))
        let healthy = all.joined().filter { if case .even = Verdict($0) { return true } else { return false } }
        page.say(healthy.isEmpty
                 ? "In this run no combination keeps the gradient within a factor of 20 from layer \(layers) down to layer 1."
                 : "In this run the gradient stays within a factor of 20 from layer \(layers) down to layer 1 only for: " + healthy.map { "\($0.activation.rawValue) with \($0.scheme.label.en)" }.joined(separator: ", ") + ".",
                 zh: healthy.isEmpty
                 ? "这次运行中，没有哪种组合能让梯度从第 \(layers) 层到第 1 层保持在 20 倍以内。"
                 : "这次运行中，只有以下组合能让梯度从第 \(layers) 层到第 1 层保持在 20 倍以内：" + healthy.map { "\($0.activation.rawValue) 配 \($0.scheme.label.zh)" }.joined(separator: "、") + "。")
        page.say("""
            What the numbers usually show, and why. With $N(0, 1)$ every layer amplifies by about $\\sqrt{m}$: ReLU's signal and \
            gradients explode everywhere, tanh saturates so the error grows as it travels down through the large weights, and \
            sigmoid saturates too. $1/\\sqrt{m}$ is made for tanh, which behaves like the identity near 0, and keeps it healthy; \
            ReLU under $1/\\sqrt{m}$ loses half its signal per layer, and $\\sqrt{2/m}$ gives it back. Sigmoid vanishes even under \
            $1/\\sqrt{m}$: its slope is at most $1/4$ and its outputs are all positive (mean about 0.5), so every layer shrinks the \
            error by 4 or more. That is one reason `002` ranks sigmoid last among activations and recommends He initialization with \
            ReLU-type activations. Note that $\\partial C/\\partial W^l = (a^{l-1})^\\top \\delta^l$ multiplies the signal coming up by the \
            error coming down. When the two change at the same rate in opposite directions, as with ReLU under $N(0, 1)$, the \
            weight gradients look even across the layers and yet every one of them is far too large; exercise 3 shows the \
            opposite case.
            """, zh: """
            这些数字通常说明什么、为什么。取 $N(0, 1)$ 时每一层都放大约 $\\sqrt{m}$ 倍：ReLU 的信号和梯度处处爆炸；\
            tanh 饱和了，误差沿着很大的权重往下传时越来越大；sigmoid 同样饱和。$1/\\sqrt{m}$ 是为 tanh 设计的，tanh 在 0 附近近似恒等函数，\
            所以它能保持健康；ReLU 在 $1/\\sqrt{m}$ 下每层损失一半信号，$\\sqrt{2/m}$ 正好补回来。sigmoid 即使用 $1/\\sqrt{m}$ 也会消失：\
            它的斜率最多 $1/4$，输出又全为正（均值约 0.5），每经过一层误差至少缩小 4 倍。这也是 `002` 把 sigmoid 排在激活函数最后、\
            并推荐 He 初始化配合 ReLU 类激活函数的原因之一。注意 $\\partial C/\\partial W^l = (a^{l-1})^\\top \\delta^l$ \
            是向上传来的信号与向下传来的误差相乘。两者以同样的速度朝相反方向变化时（例如 ReLU 配 $N(0, 1)$），\
            各层的权重梯度看上去很均匀，却每一个都大得离谱；练习 3 展示的是相反的情形。
            """)
    }

    func writeExercises(_ page: inout Notebook) {
        page.exercise("A layer has fan-in $m = 100$, another $m = 512$. Give the Xavier and He standard deviations of each.",
                      zh: "某层扇入 $m = 100$，另一层 $m = 512$。分别求它们的 Xavier 和 He 标准差。") { s in
            for m in [100, 512] {
                s.step("xavier_std_\(m)", .symbol(tex: "1/\\sqrt{\(m)}", text: "1/√\(m)"), [], value: Initializer.xavier.standardDeviation(fanIn: m))
                s.step("he_std_\(m)", .symbol(tex: "\\sqrt{2/\(m)}", text: "√(2/\(m))"), [], value: Initializer.he.standardDeviation(fanIn: m))
            }
            s.say("The wider the layer before, the smaller each weight must be, so that the sum of $m$ terms stays the same size.",
                  zh: "前一层越宽，每个权重就要越小，这样 $m$ 项之和才能保持同样的大小。")
        }
        page.exercise("A deeper, narrower ReLU network: 20 layers of 16 neurons, 8 inputs, seed 1. Compare $\\lVert \\partial C/\\partial W^1 \\rVert$ and $\\lVert \\partial C/\\partial W^{20} \\rVert$ under Xavier and under He.",
                      zh: "一个更深更窄的 ReLU 网络：20 层、每层 16 个神经元、8 个输入、种子 1。比较 Xavier 与 He 初始化下的 $\\lVert \\partial C/\\partial W^1 \\rVert$ 和 $\\lVert \\partial C/\\partial W^{20} \\rVert$。") { s in
            var lesson = self
            lesson.layers = 20
            lesson.width = 16
            lesson.inputs = 8
            lesson.seed = 1
            var rows: [[Table.Cell]] = []
            for scheme in [Scheme.xavier, .he] {
                let m = lesson.measure(.relu, scheme)
                rows.append([.text(scheme.label), .number(m.gradientNorms[0], digits: 4), .number(m.gradientNorms[19], digits: 4),
                             .number(m.spread[18], digits: 4), .text(Verdict(m).text)])
                s.record("layer1_\(scheme.key)", m.gradientNorms[0])
                s.record("layer20_\(scheme.key)", m.gradientNorms[19])
                s.record("z_rms_layer19_\(scheme.key)", m.spread[18])
            }
            s.table([Localized("initialization", zh: "初始化"), Localized("$\\lVert \\partial C/\\partial W^1 \\rVert$", zh: "$\\lVert \\partial C/\\partial W^1 \\rVert$"),
                     Localized("$\\lVert \\partial C/\\partial W^{20} \\rVert$", zh: "$\\lVert \\partial C/\\partial W^{20} \\rVert$"),
                     Localized("RMS of $z^{19}$", zh: "$z^{19}$ 的均方根"), Localized("verdict", zh: "结论")], rows)
            s.say("Under Xavier each ReLU layer halves the mean square of the signal, so after 19 layers the last hidden layer's weighted inputs are tiny; He keeps them at the size of the input.",
                  zh: "在 Xavier 下，每个 ReLU 层都让信号的均方值减半，19 层之后最后一个隐藏层的加权输入已经很小；He 则让它们保持与输入相当的大小。")
        }
        page.exercise("Draw the weights of the default tanh network from $N(0, 0.1^2)$, i.e. far too small. What happens to the error $\\delta^l$ and to the weight gradient from layer \(layers) down to layer 1?",
                      zh: "把默认 tanh 网络的权重改从 $N(0, 0.1^2)$ 中抽取，也就是明显过小。从第 \(layers) 层到第 1 层，误差 $\\delta^l$ 和权重梯度会怎样？") { s in
            var lesson = self
            lesson.normalScale = FiniteNumber(0.1)
            let m = lesson.measure(.tanh, .normal)
            let good = lesson.measure(.tanh, .xavier)
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
            s.say("""
                Each layer multiplies by about $\\sqrt{\(width)} \\cdot 0.1 = \(NumberFormat.short(Double(width).squareRoot() * 0.1, significant: 3))$: the signal \
                $z^l$ fades on its way up and the error $\\delta^l$ fades on its way down. The weight gradient \
                $(a^{l-1})^\\top \\delta^l$ multiplies one by the other, so the two trends cancel and its ratio across the layers is \
                only \(NumberFormat.short(m.ratio, significant: 3)) (\(Verdict(m).text.en)). But it is small everywhere: \
                the largest is \(NumberFormat.short(m.gradientNorms.max() ?? 0, significant: 3)), against \(NumberFormat.short(good.gradientNorms.max() ?? 0, significant: 3)) with $1/\\sqrt{m}$. \
                A vanishing error is what slows learning even when the weight gradients look even.
                """, zh: """
                每一层大约乘以 $\\sqrt{\(width)} \\cdot 0.1 = \(NumberFormat.short(Double(width).squareRoot() * 0.1, significant: 3))$：信号 $z^l$ 向上逐层衰减，\
                误差 $\\delta^l$ 向下也逐层衰减。权重梯度 $(a^{l-1})^\\top \\delta^l$ 是两者相乘，两种趋势相互抵消，所以它在各层之间的比值只有 \
                \(NumberFormat.short(m.ratio, significant: 3))（\(Verdict(m).text.zh)）。但它处处都很小：\
                最大也只有 \(NumberFormat.short(m.gradientNorms.max() ?? 0, significant: 3))，而用 $1/\\sqrt{m}$ 时是 \(NumberFormat.short(good.gradientNorms.max() ?? 0, significant: 3))。\
                即使权重梯度看上去很均匀，误差的消失依然会拖慢学习。
                """)
        }
    }
}
