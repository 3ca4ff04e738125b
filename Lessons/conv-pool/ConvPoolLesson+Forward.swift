import LonghandEngine
import Notebook

/// The forward pass: convolution, ReLU, max pooling (with `001`'s example), flatten, the fully connected layer, the loss.
extension ConvPoolLesson {
    func writeForward(_ page: inout Page, _ s: Setup) -> TinyConvNet.Forward {
        let f = s.net.forward(s.input, target: [s.target])
        let conv = s.net.conv
        page.section("Forward: from the input to the loss", zh: "前向：从输入到损失")
        let source = input == nil
            ? Localized("drawn as small whole numbers (0 to 4) with seed \(seed)", zh: "用种子 \(seed) 随机取的小整数（0 到 4）")
            : Localized("given with `--input`", zh: "由 `--input` 给出")
        page.say("""
            The input is \(s.inChannels == 1 ? "one \(s.inputSize)×\(s.inputSize) map" : "\(s.inChannels) maps of \(s.inputSize)×\(s.inputSize)"), \
            \(source.en); the kernel\(conv.weights.count > s.kernelSize * s.kernelSize ? "s are" : " is") \(kernel == nil ? "drawn from −2, −1, 1, 2" : "given with `--kernel`"). \
            Whole numbers keep every product easy to check by hand.
            """, zh: """
            输入是\(s.inChannels == 1 ? "一张 \(s.inputSize)×\(s.inputSize) 的图" : "\(s.inChannels) 张 \(s.inputSize)×\(s.inputSize) 的图")，\
            数值是\(source.zh)；卷积核\(kernel == nil ? "从 −2、−1、1、2 中随机选取" : "由 `--kernel` 给出")。\
            全用整数，每个乘积都容易用手验算。
            """)
        for c in 0..<s.inChannels {
            page.step(Self.labelled("X", "X", Self.channelLabel(c, of: s.inChannels)),
                      [.matrix(s.input.channel(c))])
        }
        for o in 0..<s.outChannels {
            for c in 0..<s.inChannels {
                let label = Self.kernelLabel(o, c, s)
                page.step(Self.labelled("K", "K", label), [.matrix(conv.kernel(o, c))])
            }
            page.step(nil, Self.labelled("b", "b", Self.channelLabel(o, of: s.outChannels)), [], value: conv.bias[o])
        }
        page.record("input", Self.json(s.input))
        page.record("kernel", Self.json(kernels: conv))
        page.record("conv_bias", conv.bias)

        // Convolution.
        page.subsection("Convolution: a kernel sliding over the input", zh: "卷积：卷积核在输入上滑动")
        page.say("""
            Lay the kernel on a \(s.kernelSize)×\(s.kernelSize) window of the input, multiply the cells that lie on top of each other, \
            add the products and the bias: that is one output number, the weighted input $z_{i,j}$ (`000` calls it net). \
            Then move the window \(s.stride) cell\(s.stride == 1 ? "" : "s") to the right, and at the end of a row back to the left and \
            \(s.stride) down\(s.padding > 0 ? "; the grey ring of \(s.padding) zero\(s.padding == 1 ? "" : "s") is the padding" : "").
            """, zh: """
            把卷积核盖在输入的一个 \(s.kernelSize)×\(s.kernelSize) 窗口上，上下重叠的格子两两相乘，乘积相加再加上偏置，\
            就得到一个输出数，即加权输入 $z_{i,j}$（`000` 称为 net）。然后窗口右移 \(s.stride) 格；一行走完，回到最左边并下移 \(s.stride) 格\
            \(s.padding > 0 ? "。灰色的 \(s.padding) 圈零就是填充" : "")。
            """)
        page.equation(tex: "z_{i,j} = b + \\sum_{u=0}^{F-1} \\sum_{v=0}^{F-1} k_{u,v}\\; x_{iS - P + u,\\; jS - P + v}",
                      text: "z[i,j] = b + Σu Σv k[u,v]·x[iS − P + u, jS − P + v]")
        let last = s.convSize - 1
        let second = (min(1, last), min(2, last))
        let xPad = Self.padded(s, 0)
        func windowRow(_ i: Int, _ j: Int, _ color: Int) -> [GridDrawing.Item] {
            [Self.panel(xPad, s.inChannels > 1 ? "input X, channel 1" : "input X", s.inChannels > 1 ? "输入 X（第 1 通道）" : "输入 X",
                        [Self.window(i * s.stride, j * s.stride, s.kernelSize, s.kernelSize, color: color)], padding: s.padding),
             .symbol("⋆"),
             Self.panel(conv.kernel(0, 0), "kernel K", "卷积核 K"),
             .symbol("="),
             Self.panel(f.convOut.channel(0), "z\(Self.at(i, j).replacingOccurrences(of: " ", with: "")) = \(NumberFormat.short(f.convOut[0, i, j]))",
                        "z\(Self.at(i, j).replacingOccurrences(of: " ", with: "")) = \(NumberFormat.short(f.convOut[0, i, j]))",
                        [Self.cell(i, j, color: color)])]
        }
        page.figure("conv-window", title: Localized("The kernel window over the input, and the output cell it makes", zh: "卷积核窗口盖在输入上，得到对应的输出格"),
                    description: Localized("Two positions of the \(s.kernelSize)×\(s.kernelSize) window on the \(s.inputSize)×\(s.inputSize) input: at output (0, 0) and at output \(Self.at(second.0, second.1)). The products of the outlined cells with the kernel, added to the bias, give the highlighted output cell.",
                                           zh: "\(s.kernelSize)×\(s.kernelSize) 窗口在 \(s.inputSize)×\(s.inputSize) 输入上的两个位置：对应输出 (0, 0) 和输出 \(Self.at(second.0, second.1))。框中各格与卷积核对应相乘，再加上偏置，得到高亮的输出格。"),
                    GridDrawing(rows: [windowRow(0, 0, 0), windowRow(second.0, second.1, 1)]))
        let firstTerms = Self.convTerms(s, 0, 0, 0)
        page.say("The first output, every product written out:", zh: "第一个输出，每个乘积都写出来：")
        page.step(nil, Self.element("z", Self.channelLabel(0, of: s.outChannels), 0, 0),
                  [Self.products(firstTerms, bias: conv.bias[0])], value: f.convOut[0, 0, 0])
        page.say("All \(f.convOut.count) outputs in the same way:", zh: "全部 \(f.convOut.count) 个输出都这样算：")
        var rows: [[Table.Cell]] = []
        for o in 0..<s.outChannels {
            for i in 0..<s.convSize {
                for j in 0..<s.convSize {
                    rows.append([.math(Self.element("z", Self.channelLabel(o, of: s.outChannels), i, j)),
                                 .math(Self.products(Self.convTerms(s, o, i, j), bias: conv.bias[o])),
                                 .number(f.convOut[o, i, j])])
                }
            }
        }
        page.table([Localized("output", zh: "输出"), Localized("kernel × window, plus bias", zh: "卷积核 × 窗口，加偏置"),
                    Localized("$z$", zh: "$z$")], rows)
        for o in 0..<s.outChannels {
            page.step(Self.labelled("Z", "Z", Self.channelLabel(o, of: s.outChannels)), [.matrix(f.convOut.channel(o))])
        }
        page.record("conv_out", Self.json(f.convOut))

        // ReLU.
        page.subsection("ReLU", zh: "ReLU")
        let negatives = f.convOut.values.filter { $0 < 0 }.count
        page.say("""
            The activation keeps positive numbers and replaces the others by 0: $a_{i,j} = \\max(z_{i,j}, 0)$. \
            Here \(negatives) of the \(f.convOut.count) outputs are negative and become 0.
            """, zh: """
            激活函数保留正数，其余一律变成 0：$a_{i,j} = \\max(z_{i,j}, 0)$。这里 \(f.convOut.count) 个输出中有 \(negatives) 个是负数，变成了 0。
            """)
        for o in 0..<s.outChannels {
            page.step(Self.labelled("A", "A", Self.channelLabel(o, of: s.outChannels)),
                      [.call(tex: "\\max", text: "max", [.matrix(f.convOut.channel(o)), .n(0)]), .matrix(f.reluOut.channel(o))])
        }
        page.record("relu_out", Self.json(f.reluOut))

        writePoolingExample(&page)
        writePooling(&page, s, f)

        // Flatten and the fully connected layer.
        page.subsection("Flatten and the fully connected layer", zh: "拉平，进入全连接层")
        let flat = f.flat.values
        let w = s.net.fc.weights.column(0)
        let c = s.net.fc.bias[0, 0]
        page.say("""
            `000`: the result of max pooling, "flattened", is the input vector of the fully connected layer. Reading the pooled \
            map\(s.outChannels > 1 ? "s one after the other" : "") row by row gives $f$; the layer here has one linear output \
            $y = \\sum_j w_j f_j + c$, with weights drawn from −2, −1, 1, 2 and bias $c = \(fmt(c))$.
            """, zh: """
            `000`：最大池化的结果“拉平”之后，就是全连接层的输入向量。把池化后的\(s.outChannels > 1 ? "几张" : "")图逐行读出，得到 $f$；\
            这里的全连接层只有一个线性输出 $y = \\sum_j w_j f_j + c$，权重从 −2、−1、1、2 中随机选取，偏置 $c = \(fmt(c))$。
            """)
        page.step(Self.sym("f", "f"), [.matrix([flat])])
        page.step(Self.sym("w", "w"), [.matrix([w])])
        page.step("fc_out", Self.sym("y", "y"), [.weightedSum(weights: w, inputs: flat, bias: c)], value: f.output[0])
        page.record("flat", flat)
        page.record("fc_weights", w)
        page.record("fc_bias", c)

        page.subsection("The loss", zh: "损失")
        page.say("With target $t = \(fmt(s.target))$ the loss is half the squared error:",
                 zh: "目标值 $t = \(fmt(s.target))$，损失取误差平方的一半：")
        page.step("loss", Self.sym("L", "L"),
                  [.product([.quotient(.n(1), .n(2)), .power(.group(.difference(.n(f.output[0]), .n(s.target))), .n(2))])],
                  value: f.loss)
        page.record("target", s.target)
        return f
    }

    /// Source text 001's example of 2×2 max pooling, and its erratum.
    func writePoolingExample(_ page: inout Page) {
        page.subsection("Max pooling: the example of `001`", zh: "最大池化：`001` 的例子")
        page.say("""
            `001`: the purpose of pooling is to compress. Cut the map into $K \\times K$ blocks and keep the largest number of each block. \
            Its example, with $K = 2$:
            """, zh: """
            `001`：池化层的目的是压缩。把图按 $K \\times K$ 分块，每块只取最大的元素。它的例子（$K = 2$）：
            """)
        let m = Tensor3(map: Self.poolExample)
        let pool = MaxPool2D(size: 2)
        let r = pool.forward(m)
        var highlights: [GridDrawing.Highlight] = []
        var outCells: [GridDrawing.Highlight] = []
        for i in 0..<r.output.rows {
            for j in 0..<r.output.columns {
                let k = i * r.output.columns + j
                let terms = (0..<2).flatMap { a in (0..<2).map { b in Expr.n(Self.poolExample[2 * i + a][2 * j + b]) } }
                page.step(nil, Self.element("p", nil, i, j), [.call(tex: "\\max", text: "max", terms)], value: r.output[0, i, j])
                let arg = r.argmax[k]
                highlights.append(Self.window(2 * i, 2 * j, 2, 2, color: k))
                highlights.append(Self.cell(arg / m.columns, arg % m.columns, color: k))
                outCells.append(Self.cell(i, j, color: k))
            }
        }
        page.step(Self.sym("P", "P"), [.matrix(r.output.channel(0))])
        page.figure("pool-001", title: Localized("Max pooling of source text 001's example: each block's maximum is kept", zh: "原文 001 例子的最大池化：每块只留下最大值"),
                    description: Localized("The 4×4 map of source text 001 cut into four 2×2 blocks; the largest number of each block (7, 9, 8, 4) is filled in and becomes one cell of the 2×2 result.",
                                           zh: "原文 001 的 4×4 图被分成四个 2×2 的块；每块最大的数（7、9、8、4）被涂上颜色，成为 2×2 结果中的一格。"),
                    GridDrawing([Self.panel(Self.poolExample, "input", "输入", highlights), .symbol("→"),
                                 Self.panel(r.output.channel(0), "2×2 max pooling", "2×2 最大池化", outCells)]))
        page.record("pool_example_out", r.output.channel(0))
        page.erratum("""
            In `001` the second row of the input matrix is typed `7&4&1&5&\\\\`: the stray `&` at the end adds an empty fifth column, \
            so the matrix typesets as 4×5 with a gap. The map is 4×4, as above, and the result [[7, 9], [8, 4]] is right.
            """, zh: """
            `001` 中输入矩阵的第二行写成了 `7&4&1&5&\\\\`：末尾多出的 `&` 会多排出一个空的第五列，矩阵显示成 4×5 并留下空位。\
            这张图应是上面的 4×4；结果 [[7, 9], [8, 4]] 是对的。
            """)
    }

    /// 001's 4×4 map.
    static let poolExample: [[Double]] = [[1, 3, 2, 9], [7, 4, 1, 5], [8, 5, 2, 3], [4, 2, 1, 4]]

    /// The lesson's own pooling step.
    func writePooling(_ page: inout Page, _ s: Setup, _ f: TinyConvNet.Forward) {
        page.subsection("Max pooling of this network", zh: "本网络的最大池化")
        let k = s.poolSize
        if k == 1 {
            page.say("With `--pool-size 1` every block is a single cell: pooling changes nothing and passes every gradient straight back.",
                     zh: "`--pool-size 1` 时每块只有一个格子：池化什么也不改变，反向时梯度也原样传回。")
        } else {
            page.say("The \(s.convSize)×\(s.convSize) map after ReLU, cut into \(k)×\(k) blocks:",
                     zh: "ReLU 之后的 \(s.convSize)×\(s.convSize) 图，按 \(k)×\(k) 分块：")
        }
        let out = f.pool.output
        for o in 0..<s.outChannels where k > 1 {
            for i in 0..<out.rows {
                for j in 0..<out.columns {
                    let terms = (0..<k).flatMap { a in (0..<k).map { b in Expr.n(f.reluOut[o, i * k + a, j * k + b]) } }
                    page.step(nil, Self.element("p", Self.channelLabel(o, of: s.outChannels), i, j),
                              [.call(tex: "\\max", text: "max", terms)], value: out[o, i, j])
                }
            }
        }
        var highlights: [GridDrawing.Highlight] = [], outCells: [GridDrawing.Highlight] = []
        for i in 0..<out.rows {
            for j in 0..<out.columns {
                let idx = i * out.columns + j
                let arg = f.pool.argmax[idx] - f.reluOut.index(0, 0, 0)
                highlights.append(Self.window(i * k, j * k, k, k, color: idx))
                highlights.append(Self.cell(arg / s.convSize, arg % s.convSize, color: idx))
                outCells.append(Self.cell(i, j, color: idx))
            }
        }
        page.figure("pool", title: Localized("Max pooling of the ReLU output: the maximum of each block is highlighted", zh: "对 ReLU 输出做最大池化：每块的最大值被高亮"),
                    description: Localized("The \(s.convSize)×\(s.convSize) ReLU output\(s.outChannels > 1 ? " (channel 1)" : "") with its \(k)×\(k) blocks outlined and each block's maximum filled in the block's colour; the maxima form the \(out.rows)×\(out.columns) pooled map.",
                                           zh: "\(s.convSize)×\(s.convSize) 的 ReLU 输出\(s.outChannels > 1 ? "(第 1 通道)" : "")，\(k)×\(k) 的块用方框标出，每块的最大值涂成该块的颜色；这些最大值组成 \(out.rows)×\(out.columns) 的池化结果。"),
                    GridDrawing([Self.panel(f.reluOut.channel(0), "A = ReLU(Z)", "A = ReLU(Z)", highlights), .symbol("→"),
                                 Self.panel(out.channel(0), "P = maxpool(A)", "P = maxpool(A)", outCells)]))
        page.record("pool_out", Self.json(out))
        page.record("pool_argmax", .matrix(f.pool.argmax.map { a in
            [Double(a / (s.convSize * s.convSize)), Double(a % (s.convSize * s.convSize) / s.convSize), Double(a % s.convSize)] }))
    }
}
