import LonghandEngine
import Notebook

/// The backward pass in the order `000` derives it: the fully connected layer's error, the
/// "upsample" through max pooling, the ReLU gate, the kernel gradient, the input gradient.
extension ConvPoolLesson {
    func writeBackward(_ page: inout Page, _ s: Setup, _ f: TinyConvNet.Forward) -> TinyConvNet.Backward {
        let g = s.net.backward(f)
        let conv = s.net.conv
        let O = s.outChannels
        page.section("Backward: every gradient, layer by layer", zh: "反向：逐层求出每个梯度")
        page.say("""
            Backpropagation walks the same road in reverse. Each step multiplies the gradient that arrives by the local derivative \
            of one layer (the chain rule), in the order of `000`.
            """, zh: """
            反向传播沿同一条路倒着走。每一步都把传过来的梯度乘以这一层的局部导数（链式法则），顺序与 `000` 相同。
            """)

        // 1. Fully connected layer.
        page.subsection("The fully connected layer's error", zh: "全连接层的误差")
        let dy = g.output[0]
        page.step("dL_dfc_out", Self.sym("\\frac{\\partial L}{\\partial y}", "∂L/∂y"),
                  [.difference(.n(f.output[0]), .n(s.target))], value: dy)
        page.say("""
            Since $y = \\sum_j w_j f_j + c$, the gradient of each weight is $(y - t)\\,f_j$, of the bias $y - t$, and of each input \
            $(y - t)\\,w_j$. `000` points out that the fully connected layer's input layer has no activation function, so this last \
            gradient is already the error handed to the pooling layer.
            """, zh: """
            由 $y = \\sum_j w_j f_j + c$，每个权重的梯度是 $(y - t)\\,f_j$，偏置的梯度是 $y - t$，每个输入的梯度是 $(y - t)\\,w_j$。\
            `000` 指出，全连接层的输入层没有激活函数，所以最后这个梯度就是传给池化层的误差。
            """)
        let flat = f.flat.values
        let w = s.net.fc.weights.column(0)
        let dW = g.fcWeights.column(0)
        let dFlat = g.flat.values
        var rows: [[Table.Cell]] = []
        for j in 0..<flat.count {
            rows.append([.number(Double(j)), .number(flat[j]), .number(w[j]),
                         .math(Self.equals(.product([.n(dy), .n(flat[j])]), dW[j])),
                         .math(Self.equals(.product([.n(dy), .n(w[j])]), dFlat[j]))])
        }
        page.table([Localized("$j$", zh: "$j$"), Localized("$f_j$", zh: "$f_j$"), Localized("$w_j$", zh: "$w_j$"),
                    Localized("$\\partial L / \\partial w_j = (y - t) f_j$", zh: "$\\partial L / \\partial w_j = (y - t) f_j$"),
                    Localized("$\\partial L / \\partial f_j = (y - t) w_j$", zh: "$\\partial L / \\partial f_j = (y - t) w_j$")], rows)
        page.step("dL_dfc_bias", Self.sym("\\frac{\\partial L}{\\partial c}", "∂L/∂c"), [Self.sym("y - t", "y − t")], value: g.fcBias[0])
        page.record("dL_dfc_weights", dW)
        page.record("dL_dflat", dFlat)
        page.say("Put back into the shape of the pooled map\(O > 1 ? "s" : ""), these are the gradients $\\partial L / \\partial p_{i,j}$:",
                 zh: "按池化结果的形状摆回去，就是梯度 $\\partial L / \\partial p_{i,j}$：")
        for o in 0..<O {
            page.step(Self.grad("P", "P", Self.channelLabel(o, of: O)), [.matrix(g.poolOut.channel(o))])
        }
        page.record("dL_dpool_out", Self.json(g.poolOut))

        // 2. Max pooling.
        page.subsection("Through max pooling: \"upsample\"", zh: "穿过最大池化：upsample（上采样）")
        page.say("""
            Pooling has no parameters to update; it only has to pass the error on. Take one block, $p = \\max(a_1, a_2, a_3, a_4)$. \
            If $a_1$ is the largest, a small change of $a_1$ changes $p$ by the same amount, while a small change of any other \
            $a_k$ changes nothing:
            """, zh: """
            池化层没有需要更新的参数，只需把误差往前传。看一个块：$p = \\max(a_1, a_2, a_3, a_4)$。若 $a_1$ 最大，\
            $a_1$ 的微小变化会让 $p$ 变化同样多，而其余 $a_k$ 的微小变化对 $p$ 毫无影响：
            """)
        page.equation(tex: "\\frac{\\partial p}{\\partial a_1} = 1, \\quad \\frac{\\partial p}{\\partial a_2} = \\frac{\\partial p}{\\partial a_3} = \\frac{\\partial p}{\\partial a_4} = 0 \\quad\\Longrightarrow\\quad \\frac{\\partial L}{\\partial a_1} = \\frac{\\partial L}{\\partial p},\\ \\ \\frac{\\partial L}{\\partial a_k} = 0 \\ (k \\ne 1)",
                      text: "∂p/∂a1 = 1, ∂p/∂a2 = ∂p/∂a3 = ∂p/∂a4 = 0  ⇒  ∂L/∂a1 = ∂L/∂p, ∂L/∂ak = 0 (k ≠ 1)")
        page.say("""
            So each gradient goes back only to the cell that held its block's maximum, and every other cell gets 0. `000` calls this \
            **upsample**: the small map of gradients is spread back to the size of the map before pooling.
            """, zh: """
            所以每个梯度只回到所在块中最大值的那个格子，其余格子都得到 0。`000` 把这一步叫作 **upsample**（上采样）：\
            把小的梯度图按原位置铺回池化之前的大小。
            """)
        let side = s.convSize * s.convSize
        for (k, arg) in f.pool.argmax.enumerated() {
            let o = k / (s.poolOutSize * s.poolOutSize), i = (k / s.poolOutSize) % s.poolOutSize, j = k % s.poolOutSize
            let r = arg % side / s.convSize, c = arg % s.convSize
            let label = Self.channelLabel(o, of: O)
            page.step(nil, Self.grad("a", "a", label, (r, c)), [Self.grad("p", "p", label, (i, j))],
                      value: g.reluOut.values[arg])
        }
        page.record("dL_drelu_out", Self.json(g.reluOut))

        // 3. ReLU.
        page.subsection("Through ReLU: the gate", zh: "穿过 ReLU：开关")
        let gate = f.convOut.map(Activation.relu.derivative)
        let blocked = zip(g.reluOut.values, gate.values).filter { $0.0 != 0 && $0.1 == 0 }.count
        page.say("""
            $a = \\mathrm{ReLU}(z)$ has slope 1 where $z > 0$ and 0 elsewhere, so ReLU works as a gate: the gradient passes where \
            the output was positive and stops where it was cut to 0. The result is the **delta** of the convolution layer, \
            $\\delta_{i,j} = \\partial L / \\partial z_{i,j}$:
            """, zh: """
            $a = \\mathrm{ReLU}(z)$ 在 $z > 0$ 处斜率为 1，其余处为 0，所以 ReLU 就像一道开关：输出为正的位置梯度通过，\
            被截成 0 的位置梯度被挡住。结果就是卷积层的**误差项** $\\delta_{i,j} = \\partial L / \\partial z_{i,j}$：
            """)
        page.equation(tex: "\\delta_{i,j} = \\frac{\\partial L}{\\partial a_{i,j}} \\cdot \\mathrm{ReLU}'(z_{i,j})",
                      text: "δ[i,j] = ∂L/∂a[i,j] · ReLU′(z[i,j])")
        for o in 0..<O {
            let label = Self.channelLabel(o, of: O)
            let sup = label.map { "^{(\($0))}" } ?? "", tag = label.map { "(\($0))" } ?? ""
            page.step(Self.sym("\\mathrm{ReLU}'(Z\(sup))", "ReLU′(Z\(tag))"), [.matrix(gate.channel(o))])
            page.step(Self.labelled("\\delta", "δ", label), [.raw(tex: "\\frac{\\partial L}{\\partial A\(sup)} \\odot \\mathrm{ReLU}'(Z\(sup))", text: "∂L/∂A\(tag) ⊙ ReLU′(Z\(tag))"),
                                                      .matrix(g.convOut.channel(o))])
        }
        page.say(blocked == 0
                 ? "Every maximum that received a gradient was positive, so the gate lets all of them through."
                 : """
                   \(blocked) of the cells that received a gradient had $z \\le 0$: the gate stops \(blocked == 1 ? "it" : "them"). \
                   That happens in a block with no positive output: after ReLU the whole block is 0, so its "maximum" 0 is shared \
                   and by convention the first cell takes the gradient; the gate then stops it anyway, because no small change of those \
                   outputs below 0 could change the loss.
                   """,
                 zh: blocked == 0
                 ? "得到梯度的那些最大值都是正数，所以开关让它们全部通过。"
                 : """
                   得到梯度的格子中，有 \(blocked) 个的 $z \\le 0$：开关把它挡住了。这发生在一个没有正输出的块里：\
                   经过 ReLU 后整块都是 0，“最大值”0 有好几个，按约定由第一个格子接收梯度；可开关随即把它挡住——\
                   这些不大于 0 的输出无论怎样微调，都不会改变损失。
                   """)
        page.record("relu_gate", Self.json(gate))
        page.record("dL_dconv_out", Self.json(g.convOut))
        page.figure("gradients", title: Localized("The gradient grids: upsample through pooling, then the ReLU gate", zh: "梯度图：经池化 upsample，再经 ReLU 开关"),
                    description: Localized("Left: the gradients of the pooled map. They are placed at the positions of the maxima (highlighted), zeros elsewhere; multiplied cell by cell with ReLU′(z), they give the delta of the convolution layer.",
                                           zh: "左：池化结果的梯度。它们被放回各块最大值的位置（高亮），其余位置为 0；再与 ReLU′(z) 逐格相乘，得到卷积层的误差项。"),
                    GridDrawing([Self.panel(g.poolOut.channel(0), "∂L/∂P", "∂L/∂P",
                                            (0..<(s.poolOutSize * s.poolOutSize)).map { Self.cell($0 / s.poolOutSize, $0 % s.poolOutSize, color: $0) }),
                                 .symbol("→"),
                                 Self.panel(g.reluOut.channel(0), "∂L/∂A (upsample)", "∂L/∂A(upsample)",
                                            argmaxCells(s, f), fadeZeros: true),
                                 .symbol("⊙"), Self.panel(gate.channel(0), "ReLU′(Z)", "ReLU′(Z)", fadeZeros: true),
                                 .symbol("="), Self.panel(g.convOut.channel(0), "δ = ∂L/∂Z", "δ = ∂L/∂Z", fadeZeros: true)]))

        writeKernelGradient(&page, s, f, g)
        writeInputGradient(&page, s, f, g)
        _ = conv
        return g
    }

    /// Three input cells worth working by hand, like `000`'s examples: the corner (0, 0), the first
    /// other cell of row 0 with a non-zero gradient, and the inner cell with the largest gradient.
    static func inputGradientExamples(_ dX: Tensor3, size H: Int) -> [(Int, Int)] {
        guard H > 1 else { return [(0, 0)] }
        let edge = (1..<H).first { dX[0, 0, $0] != 0 } ?? 1
        var inner = (1, 1)
        for r in 1..<H { for c in 1..<H where abs(dX[0, r, c]) > abs(dX[0, inner.0, inner.1]) { inner = (r, c) } }
        return [(0, 0), (0, edge), inner]
    }

    /// Filled cells at the pooling maxima of output channel 1, coloured like the pooling figure.
    func argmaxCells(_ s: Setup, _ f: TinyConvNet.Forward) -> [GridDrawing.Highlight] {
        (0..<(s.poolOutSize * s.poolOutSize)).map { k in
            let arg = f.pool.argmax[k]
            return Self.cell(arg / s.convSize, arg % s.convSize, color: k)
        }
    }

    func writeKernelGradient(_ page: inout Page, _ s: Setup, _ f: TinyConvNet.Forward, _ g: TinyConvNet.Backward) {
        let conv = s.net.conv
        page.subsection("The kernel gradient: the input correlated with the delta", zh: "卷积核的梯度：输入与误差项的互相关")
        page.say("""
            Every kernel weight takes part in every output $z_{i,j}$, so by the total derivative (as in `000`) its gradient adds up the \
            contributions of all outputs. In $z_{i,j}$ the weight $k_{u,v}$ multiplies $x_{iS-P+u,\\,jS-P+v}$, so \
            $\\partial z_{i,j} / \\partial k_{u,v}$ is that input value:
            """, zh: """
            每个卷积核权重都参与了每一个输出 $z_{i,j}$，所以按全导数公式（与 `000` 相同），它的梯度要把所有输出的贡献加起来。\
            在 $z_{i,j}$ 中，$k_{u,v}$ 乘的是 $x_{iS-P+u,\\,jS-P+v}$，所以 $\\partial z_{i,j} / \\partial k_{u,v}$ 就是这个输入值：
            """)
        page.equation(tex: "\\frac{\\partial L}{\\partial k_{u,v}} = \\sum_i \\sum_j \\frac{\\partial L}{\\partial z_{i,j}} \\frac{\\partial z_{i,j}}{\\partial k_{u,v}} = \\sum_i \\sum_j \\delta_{i,j}\\; x_{iS-P+u,\\; jS-P+v}, \\qquad \\frac{\\partial L}{\\partial b} = \\sum_i \\sum_j \\delta_{i,j}",
                      text: "∂L/∂k[u,v] = Σi Σj ∂L/∂z[i,j]·∂z[i,j]/∂k[u,v] = Σi Σj δ[i,j]·x[iS−P+u, jS−P+v],   ∂L/∂b = Σi Σj δ[i,j]")
        page.say("""
            Read it as a correlation: lay the delta on the input like a kernel, multiply and add; shifting it by $(u, v)$ gives \
            $\\partial L / \\partial k_{u,v}$. With stride 1 and no padding that is simply $X$ ⋆ $\\delta$ (⋆ is cross-correlation); \
            in general the input is padded and the delta's cells are spread $S$ apart (**dilated**, $S - 1$ zeros between them):
            """, zh: """
            把它看成互相关：把误差项当作卷积核盖在输入上，相乘再相加；平移 $(u, v)$ 就得到 $\\partial L / \\partial k_{u,v}$。\
            步长为 1、不填充时，这就是 $X$ ⋆ $\\delta$（⋆ 表示互相关）；一般情形下输入要先填充，误差项的格子之间要隔开 $S$ 格\
            （**膨胀**，相邻格之间插入 $S - 1$ 个零）：
            """)
        page.equation(tex: "\\frac{\\partial L}{\\partial K} = X \\star \\delta \\qquad (S = 1,\\ P = 0)",
                      text: "∂L/∂K = X ⋆ δ   (S = 1, P = 0)")
        page.equation(tex: "\\frac{\\partial L}{\\partial K} = \\operatorname{pad}_P(X) \\star \\operatorname{dilate}_S(\\delta) \\qquad (\(MathWords.text("any ", zh: "任意 "))S, P)",
                      text: "∂L/∂K = pad_P(X) ⋆ dilate_S(δ)   (any S, P)")
        // The convolution form, per kernel (o, c), from the teaching helpers.
        var formula: [Double] = []
        for o in 0..<s.outChannels {
            for c in 0..<s.inChannels {
                formula += Correlation.kernelGradient(input: s.input.channel(c), delta: g.convOut.channel(o), stride: s.stride, padding: s.padding).flatMap { $0 }
            }
        }
        let dKernel = g.conv.weights
        let agreement = zip(formula, dKernel).map { abs($0 - $1) }.max() ?? 0
        func kTerms(_ o: Int, _ c: Int, _ a: Int, _ b: Int, nonZeroOnly: Bool) -> [(Double, Double)] {
            var terms: [(Double, Double)] = []
            let xp = Self.padded(s, c)
            for i in 0..<s.convSize {
                for j in 0..<s.convSize {
                    let d = g.convOut[o, i, j]
                    if nonZeroOnly && d == 0 { continue }
                    terms.append((d, xp[i * s.stride + a][j * s.stride + b]))
                }
            }
            return terms
        }
        // Work an entry whose products are not all just δ again (δ·1): the first entry where at least two products
        // with δ ≠ 0 differ from their δ, so the reader sees the input actually weigh the delta.
        let candidates = (0..<s.outChannels).flatMap { o in (0..<s.inChannels).flatMap { c in
            (0..<s.kernelSize).flatMap { a in (0..<s.kernelSize).map { b in (o, c, a, b) } } } }
        func differing(_ e: (Int, Int, Int, Int)) -> Int {
            kTerms(e.0, e.1, e.2, e.3, nonZeroOnly: true).filter { $0.0 * $0.1 != $0.0 }.count
        }
        let firstDiffering = candidates.first { differing($0) >= 2 }
        let entry = firstDiffering ?? candidates.max { differing($0) < differing($1) } ?? (0, 0, 0, 0)
        let entryDiffering = differing(entry), cornerDiffering = differing((0, 0, 0, 0))
        let nonZeroDeltas = g.convOut.channel(entry.0).flatMap { $0 }.filter { $0 != 0 }.count
        let entryTeX = "k" + (Self.kernelLabel(entry.0, entry.1, s).map { "^{(\($0))}" } ?? "") + "_{\(entry.2),\(entry.3)}"
        let isCorner = entry == (0, 0, 0, 0)
        if firstDiffering == nil {
            page.say("""
                At these inputs no kernel weight has two products with $\\delta \\neq 0$ that differ from their $\\delta$ (the \
                inputs under the non-zero deltas are 1, or there are fewer than two non-zero deltas), so every product below just \
                repeats a $\\delta$. Take $\(entryTeX)$, where \(entryDiffering) product\(entryDiffering == 1 ? " differs" : "s differ"): \
                multiply the delta cell by cell with the input window it lies on (all \(s.convSize * s.convSize) products) and add them up:
                """, zh: """
                在这组输入下，没有哪个卷积核权重能有两个（$\\delta \\neq 0$ 的）乘积与各自的 $\\delta$ 不同（非零误差项下面的输入都是 1，\
                或者非零误差项不到两个），所以下面的乘积只是把 $\\delta$ 照抄一遍。取 $\(entryTeX)$（有 \(entryDiffering) 个乘积与 $\\delta$ 不同）：\
                把误差项与它盖住的输入窗口逐格相乘（共 \(s.convSize * s.convSize) 个乘积），再全部加起来：
                """)
        } else if isCorner {
            page.say("""
                The first weight, $\(entryTeX)$: multiply the delta cell by cell with the input window it lies on (all \
                \(s.convSize * s.convSize) products) and add them up. \(entryDiffering) of its \(nonZeroDeltas) products with \
                $\\delta \\neq 0$ differ from their $\\delta$, because the input under them is not 1:
                """, zh: """
                第一个权重 $\(entryTeX)$：把误差项与它盖住的输入窗口逐格相乘（共 \(s.convSize * s.convSize) 个乘积），再全部加起来。\
                $\\delta \\neq 0$ 的 \(nonZeroDeltas) 个乘积中有 \(entryDiffering) 个与各自的 $\\delta$ 不同，因为它们下面的输入不是 1：
                """)
        } else {
            page.say("""
                Take $\(entryTeX)$ rather than the first weight $k_{0,0}$: under $k_{0,0}$'s window \
                \(cornerDiffering == 0 ? "every input that meets a non-zero $\\delta$ is 1, so each of its products would only repeat its $\\delta$" : "only one input that meets a non-zero $\\delta$ is not 1, so its products would nearly all repeat their $\\delta$"). \
                At $\(entryTeX)$, \(entryDiffering) of the \(nonZeroDeltas) products with $\\delta \\neq 0$ differ from their $\\delta$. \
                Multiply the delta cell by cell with the input window it lies on (all \(s.convSize * s.convSize) products) and add them up:
                """, zh: """
                这里不取第一个权重 $k_{0,0}$，而取 $\(entryTeX)$：在 $k_{0,0}$ 的窗口里，\
                \(cornerDiffering == 0 ? "凡是遇到非零 $\\delta$ 的输入都是 1，每个乘积只是把 $\\delta$ 照抄一遍" : "遇到非零 $\\delta$ 的输入只有一个不是 1，乘积几乎都是照抄 $\\delta$")。\
                而在 $\(entryTeX)$ 处，$\\delta \\neq 0$ 的 \(nonZeroDeltas) 个乘积中有 \(entryDiffering) 个与各自的 $\\delta$ 不同。\
                把误差项与它盖住的输入窗口逐格相乘（共 \(s.convSize * s.convSize) 个乘积），再全部加起来：
                """)
        }
        let all = kTerms(entry.0, entry.1, entry.2, entry.3, nonZeroOnly: false)
        let n = s.convSize
        let deltaGrid = (0..<n).map { i in (0..<n).map { j in all[i * n + j].0 } }
        let inputGrid = (0..<n).map { i in (0..<n).map { j in all[i * n + j].1 } }
        let productGrid = (0..<n).map { i in (0..<n).map { j in all[i * n + j].0 * all[i * n + j].1 } }
        page.step(nil, Self.grad("k", "k", Self.kernelLabel(entry.0, entry.1, s), (entry.2, entry.3)),
                  [.raw(tex: "\\sum " + ExprRendering.tex(.matrix(deltaGrid)) + " \\odot " + ExprRendering.tex(.matrix(inputGrid)),
                        text: "Σ " + ExprRendering.text(.matrix(deltaGrid)) + " ⊙ " + ExprRendering.text(.matrix(inputGrid))),
                   .raw(tex: "\\sum " + ExprRendering.tex(.matrix(productGrid)), text: "Σ " + ExprRendering.text(.matrix(productGrid)))],
                  value: dKernel[conv.weightIndex(entry.0, entry.1, entry.2, entry.3)])
        page.record("worked_kernel_entry", [Double(entry.0), Double(entry.1), Double(entry.2), Double(entry.3)])
        page.record("worked_kernel_differing_products", Double(entryDiffering))
        page.record("worked_kernel_delta", deltaGrid)
        page.record("worked_kernel_input", inputGrid)
        let zeros = g.convOut.values.filter { $0 == 0 }.count, total = g.convOut.count
        let passed = total - zeros
        if zeros == total {
            page.say("""
                All \(total) deltas are 0: no cell of the convolution output passed a gradient back (every pooled maximum was cut to 0 \
                by ReLU, or the error $y - t$ is 0). Every kernel gradient is therefore 0, and the table has no terms to write:
                """, zh: """
                \(total) 个误差项全部是 0：卷积输出没有任何一格把梯度传回来（每个池化后的最大值都被 ReLU 截成了 0，或者误差 $y - t$ 为 0）。\
                所以卷积核的梯度全是 0，下表没有要写出的项：
                """)
        } else if zeros == 0 {
            page.say("None of the \(total) deltas is 0, so the table writes every term:",
                     zh: "\(total) 个误差项没有一个是 0，所以下表写出全部的项：")
        } else {
            page.say("""
                \(zeros) of the \(total) deltas are 0 (pooling passes a gradient only to each block's maximum, and ReLU stops those with \
                $z \\le 0$), so only the \(passed) terms with $\\delta_{i,j} \\neq 0$ are written in the table:
                """, zh: """
                \(total) 个误差项中有 \(zeros) 个是 0（池化只把梯度传给每块的最大值，ReLU 又挡住了 $z \\le 0$ 的那些），\
                所以下表只写出 $\\delta_{i,j} \\neq 0$ 的 \(passed) 项：
                """)
        }
        page.record("zero_deltas", Double(zeros))
        var rows: [[Table.Cell]] = []
        for o in 0..<s.outChannels {
            for c in 0..<s.inChannels {
                for a in 0..<s.kernelSize {
                    for b in 0..<s.kernelSize {
                        rows.append([.math(Self.grad("k", "k", Self.kernelLabel(o, c, s), (a, b), slash: true)),
                                     .math(Self.products(kTerms(o, c, a, b, nonZeroOnly: true))),
                                     .number(dKernel[conv.weightIndex(o, c, a, b)])])
                    }
                }
            }
        }
        page.table([Localized("weight", zh: "权重"), Localized("$\\sum \\delta_{i,j}\\, x$ ($\\delta \\neq 0$)", zh: "$\\sum \\delta_{i,j}\\, x$（$\\delta \\neq 0$）"),
                    Localized("gradient", zh: "梯度")], rows)
        for o in 0..<s.outChannels {
            let nz = g.convOut.channel(o).flatMap { $0 }.filter { $0 != 0 }
            page.step(nil, Self.grad("b", "b", Self.channelLabel(o, of: s.outChannels)),
                      [nz.isEmpty ? .n(0) : (nz.count == 1 ? .n(nz[0]) : .sum(nz.map { .n($0) }))], value: g.conv.bias[o])
        }
        page.say("""
            The engine's `Conv2D` gets the same numbers another way: it sends each output's gradient back to the products that \
            output was made of. The two routes agree (largest difference: \(NumberFormat.short(agreement))).
            """, zh: """
            引擎中的 `Conv2D` 换了一条路算出同样的数：它把每个输出的梯度送回组成该输出的各个乘积。两种算法结果一致（最大差：\(NumberFormat.short(agreement))）。
            """)
        page.record("dL_dkernel", .array(Self.kernels(dKernel, like: conv).map { .array($0.map { .matrix($0) }) }))
        page.record("dL_dconv_bias", g.conv.bias)

        let xp = Self.padded(s, 0)
        let dil = Correlation.dilated(g.convOut.channel(0), by: s.stride)
        let reach = dil.count
        let lastOffset = s.kernelSize - 1
        func row(_ a: Int, _ b: Int, _ color: Int) -> [GridDrawing.Item] {
            [Self.panel(xp, s.inChannels > 1 ? "input X, channel 1" : "input X", s.inChannels > 1 ? "输入 X（第 1 通道）" : "输入 X",
                        [Self.window(a, b, reach, reach, color: color)], padding: s.padding),
             .symbol("⋆"),
             Self.panel(dil, s.stride > 1 ? "dilated δ" : "δ", s.stride > 1 ? "膨胀后的 δ" : "δ", fadeZeros: true),
             .symbol("="),
             Self.panel(Self.kernels(dKernel, like: conv)[0][0], "∂L/∂K", "∂L/∂K", [Self.cell(a, b, color: color)])]
        }
        page.figure("kernel-gradient", title: Localized("The kernel gradient: the delta laid over the input like a kernel", zh: "卷积核的梯度：把误差项当作卷积核盖在输入上"),
                    description: Localized("The delta (\(reach)×\(reach)) is laid over the input at offset (0, 0) and at offset (\(lastOffset), \(lastOffset)); the sum of the products of the outlined cells with the delta is the highlighted entry of ∂L/∂K.",
                                           zh: "误差项（\(reach)×\(reach)）分别以偏移 (0, 0) 和 (\(lastOffset), \(lastOffset)) 盖在输入上；框中各格与误差项对应相乘再相加，就是 ∂L/∂K 中高亮的那一格。"),
                    GridDrawing(rows: lastOffset == 0 ? [row(0, 0, 0)] : [row(0, 0, 0), row(lastOffset, lastOffset, 1)]))
    }

    func writeInputGradient(_ page: inout Page, _ s: Setup, _ f: TinyConvNet.Forward, _ g: TinyConvNet.Backward) {
        let conv = s.net.conv
        let F = s.kernelSize
        page.subsection("The input gradient: the padded delta correlated with the rotated kernel", zh: "输入的梯度：填充后的误差项与旋转后的卷积核做互相关")
        page.say("""
            Last, the error is passed on to the layer before (here the input, in a deeper network the previous layer's output). \
            Like `000`, look at a few examples first. Input cell $x_{r,c}$ is used by every output whose window covers it, each time \
            multiplied by a different kernel weight; its gradient collects $\\delta_{i,j}\\, k_{u,v}$ from each of those outputs:
            """, zh: """
            最后，把误差继续传给前一层（这里就是输入；在更深的网络里是前一层的输出）。和 `000` 一样，先看几个例子。\
            输入格 $x_{r,c}$ 被每一个窗口覆盖它的输出用到，每次乘的是卷积核中不同的权重；它的梯度收集这些输出的 $\\delta_{i,j}\\, k_{u,v}$：
            """)
        // Direct view: which outputs cover (r, c), and with which weight.
        func coverTerms(_ ch: Int, _ r: Int, _ c: Int) -> (terms: [(Double, Double)], names: [Expr]) {
            var terms: [(Double, Double)] = [], names: [Expr] = []
            for o in 0..<s.outChannels {
                for i in 0..<s.convSize {
                    for j in 0..<s.convSize {
                        let a = r - (i * s.stride - s.padding), b = c - (j * s.stride - s.padding)
                        guard a >= 0, a < F, b >= 0, b < F else { continue }
                        terms.append((g.convOut[o, i, j], conv.weights[conv.weightIndex(o, ch, a, b)]))
                        names.append(.product([Self.labelled("\\delta", "δ", Self.channelLabel(o, of: s.outChannels), (i, j)),
                                               Self.labelled("k", "k", Self.kernelLabel(o, ch, s), (a, b))]))
                    }
                }
            }
            return (terms, names)
        }
        let H = s.inputSize
        let examples = Self.inputGradientExamples(g.conv.input, size: H)
        var shown = Set<Int>()
        for (r, c) in examples where shown.insert(r * H + c).inserted {
            let t = coverTerms(0, r, c)
            let lhs = Self.grad("x", "x", Self.channelLabel(0, of: s.inChannels), (r, c))
            let names: Expr = t.names.isEmpty ? .n(0) : .sum(t.names)
            if t.terms.count > 2 {
                // Names and numbers on separate lines so the step fits the page.
                page.step(lhs, [names])
                page.step(nil, lhs, [Self.products(t.terms)], value: g.conv.input[0, r, c])
            } else {
                page.step(nil, lhs, [names, Self.products(t.terms)], value: g.conv.input[0, r, c])
            }
        }
        page.say("""
            The pattern (which `000` found by generalising such examples): as the output index $(i, j)$ goes up, the kernel index \
            $(u, v)$ goes down. So the input gradient is the delta, padded with $F - 1 = \(F - 1)$ ring\(F - 1 == 1 ? "" : "s") of zeros \
            so that the edge cells also see a full window, correlated with the kernel **rotated by 180°**. This is the \
            "convolution form" where `000` stops: a true convolution of $\\delta$ with $K$ (the flip is the rotation).
            """, zh: """
            规律（`000` 正是从这类例子中归纳出来的）：输出下标 $(i, j)$ 增大时，卷积核下标 $(u, v)$ 反而减小。\
            因此输入的梯度，等于把误差项四周补上 $F - 1 = \(F - 1)$ 圈零（让边上的格子也能对上完整的窗口），\
            再与**旋转 180°** 的卷积核做互相关。这就是 `000` 写到一半戛然而止的“卷积形式”：$\\delta$ 与 $K$ 做真正的卷积（翻转就是那次旋转）。
            """)
        page.equation(tex: "\\frac{\\partial L}{\\partial X} = \\operatorname{pad}_{F-1}(\\delta) \\star \\operatorname{rot180}(K) \\qquad (S = 1,\\ P = 0)",
                      text: "∂L/∂X = pad_(F−1)(δ) ⋆ rot180(K)   (S = 1, P = 0)")
        page.equation(tex: "\\frac{\\partial L}{\\partial X} = \\operatorname{crop}_P\\!\\big(\\operatorname{pad}_{F-1}(\\operatorname{dilate}_S(\\delta)) \\star \\operatorname{rot180}(K)\\big) \\qquad (\(MathWords.text("any ", zh: "任意 "))S, P)",
                      text: "∂L/∂X = crop_P(pad_(F−1)(dilate_S(δ)) ⋆ rot180(K))   (any S, P)")
        if s.inChannels * s.outChannels > 1 {
            page.say("With several channels, input channel $m$ adds up this result over the output channels, each with its own kernel $K^{(o,m)}$.",
                     zh: "有多个通道时，输入第 $m$ 通道的梯度是对所有输出通道求和，每个输出通道用各自的卷积核 $K^{(o,m)}$。")
        }
        let rot = Correlation.rotated180(conv.kernel(0, 0))
        let paddedDelta = Correlation.zeroPadded(Correlation.dilated(g.convOut.channel(0), by: s.stride), by: F - 1)
        page.step(Self.sym("\\operatorname{rot180}(K)", "rot180(K)"), [.matrix(rot)])
        page.step(Self.sym("\\operatorname{pad}_{\(F - 1)}(\(s.stride > 1 ? "\\operatorname{dilate}_{\(s.stride)}(\\delta)" : "\\delta"))",
                           "pad(\(s.stride > 1 ? "dilate(δ)" : "δ"))"), [.matrix(paddedDelta)])
        page.record("kernel_rot180", rot)
        page.record("delta_padded", paddedDelta)
        // Every input cell in convolution form: window of the padded delta at (r + P, c + P) times rot180(K).
        var rows: [[Table.Cell]] = []
        var formula = [Double](repeating: 0, count: s.input.count)
        for ch in 0..<s.inChannels {
            for r in 0..<H {
                for c in 0..<H {
                    var terms: [(Double, Double)] = []
                    for o in 0..<s.outChannels {
                        let pd = Correlation.zeroPadded(Correlation.dilated(g.convOut.channel(o), by: s.stride), by: F - 1)
                        terms += Correlation.terms(pd, Correlation.rotated180(conv.kernel(o, ch)), row: r + s.padding, column: c + s.padding)
                    }
                    formula[s.input.index(ch, r, c)] = terms.reduce(0) { $0 + $1.0 * $1.1 }
                    rows.append([.math(Self.grad("x", "x", Self.channelLabel(ch, of: s.inChannels), (r, c), slash: true)),
                                 .math(Self.products(terms)), .number(g.conv.input[ch, r, c])])
                }
            }
        }
        page.table([Localized("input cell", zh: "输入格"), Localized("padded δ window ⊙ rot180(K), added", zh: "填充后 δ 的窗口 ⊙ rot180(K)，再求和"),
                    Localized("gradient", zh: "梯度")], rows)
        let agreement = zip(formula, g.conv.input.values).map { abs($0 - $1) }.max() ?? 0
        page.say("The convolution form and the engine's `Conv2D.backward` agree (largest difference: \(NumberFormat.short(agreement))):",
                 zh: "卷积形式与引擎 `Conv2D.backward` 的结果一致（最大差：\(NumberFormat.short(agreement))）：")
        for ch in 0..<s.inChannels {
            page.step(Self.grad("X", "X", Self.channelLabel(ch, of: s.inChannels)), [.matrix(g.conv.input.channel(ch))])
        }
        page.record("dL_dinput", Self.json(g.conv.input))
        let cropped = s.padding
        func row(_ r: Int, _ c: Int, _ color: Int) -> [GridDrawing.Item] {
            [Self.panel(paddedDelta, "padded δ", "填充后的 δ", [Self.window(r + cropped, c + cropped, F, F, color: color)], padding: F - 1, fadeZeros: true),
             .symbol("⋆"), Self.panel(rot, "rot180(K)", "rot180(K)"), .symbol("="),
             Self.panel(g.conv.input.channel(0), "∂L/∂X", "∂L/∂X", [Self.cell(r, c, color: color)])]
        }
        let lastCell = examples.last ?? (0, 0)
        page.figure("input-gradient", title: Localized("The input gradient: the zero-padded delta correlated with the kernel rotated 180°", zh: "输入的梯度：补零后的误差项与旋转 180° 的卷积核做互相关"),
                    description: Localized("The delta with \(F - 1) ring\(F - 1 == 1 ? "" : "s") of zeros (grey); one \(F)×\(F) window of it times the rotated kernel, added up, gives one cell of ∂L/∂X: shown for input (0, 0) and \(Self.at(lastCell.0, lastCell.1)).",
                                           zh: "误差项四周补上 \(F - 1) 圈零（灰色）；取其中一个 \(F)×\(F) 窗口，与旋转后的卷积核对应相乘再相加，得到 ∂L/∂X 的一格：图中是输入 (0, 0) 和 \(Self.at(lastCell.0, lastCell.1))。"),
                    GridDrawing(rows: [row(0, 0, 0), row(lastCell.0, lastCell.1, 1)]))
    }
}
