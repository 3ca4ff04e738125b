import ArgumentParser
import LonghandEngine
import Notebook

/// The output-size formula of `001` and the lesson's conventions.
extension ConvPoolLesson {
    /// The worked examples of the size formula: (H1, F, P, S) and what each illustrates.
    static let sizeExamples: [(input: Int, kernel: Int, padding: Int, stride: Int, note: Localized)] = [
        (5, 2, 0, 1, Localized("this lesson's convolution", zh: "本课的卷积")),
        (4, 2, 0, 2, Localized("this lesson's pooling (a window too)", zh: "本课的池化（也是一个窗口）")),
        (32, 5, 0, 1, Localized("no padding: the map shrinks by F − 1", zh: "不填充：边长缩小 F − 1")),
        (28, 3, 1, 1, Localized("P = (F − 1)/2 keeps the size", zh: "P = (F − 1)/2 时尺寸不变")),
        (7, 3, 0, 2, Localized("stride 2 roughly halves", zh: "步长 2 大约减半")),
        (6, 3, 0, 2, Localized("does not fit", zh: "放不下")),
    ]

    /// (H1 − F + 2P)/S + 1 with the numbers in.
    static func sizeFormula(_ w: SlidingWindow, _ input: Int) -> Expr {
        .sum([.quotient(.sum([.difference(.n(Double(input)), .n(Double(w.size))), .product([.n(2), .n(Double(w.padding))])]),
                        .n(Double(w.stride))), .n(1)])
    }

    func writeSizes(_ page: inout Page, _ s: Setup) {
        page.section("How big is the output?", zh: "输出有多大？")
        page.say("""
            A kernel of side $F$ slides over an input of side $H_1$ that has $P$ rings of zeros added around it, moving $S$ cells \
            at a time (the **stride**). Source text `001` gives the number of positions it can take, which is the side of the output:
            """, zh: """
            边长为 $F$ 的卷积核在边长为 $H_1$ 的输入上滑动；输入四周先补上 $P$ 圈零（**填充**），卷积核每次移动 $S$ 格（**步长**）。\
            原文 `001` 给出了它能停留的位置数，也就是输出的边长：
            """)
        page.equation(tex: "H_2 = \\frac{H_1 - F + 2P}{S} + 1, \\qquad W_2 = \\frac{W_1 - F + 2P}{S} + 1",
                      text: "H2 = (H1 − F + 2P)/S + 1,   W2 = (W1 − F + 2P)/S + 1")
        page.say("""
            $H_1 - F + 2P$ is how far the window can travel from its first position to its last; dividing by $S$ counts the moves, \
            and $+1$ counts the first position. Some examples:
            """, zh: """
            $H_1 - F + 2P$ 是窗口从第一个位置到最后一个位置能走的距离；除以 $S$ 得到移动的次数，再加 1 算上起始位置。几个例子：
            """)
        var rows: [[Table.Cell]] = []
        var sizes: [Double] = []
        for e in Self.sizeExamples {
            let w = SlidingWindow(size: e.kernel, stride: e.stride, padding: e.padding)
            let value = w.formulaValue(e.input)
            sizes.append(value)
            rows.append([.number(Double(e.input)), .number(Double(e.kernel)), .number(Double(e.padding)), .number(Double(e.stride)),
                         .math(Self.sizeFormula(w, e.input)), .number(value, digits: 4),
                         .text(w.outputSize(e.input) == nil ? Localized("✗ ", zh: "✗ ") + e.note : e.note)])
        }
        page.table([Localized("$H_1$", zh: "$H_1$"), Localized("$F$", zh: "$F$"), Localized("$P$", zh: "$P$"), Localized("$S$", zh: "$S$"),
                    Localized("formula", zh: "代入公式"), Localized("$H_2$", zh: "$H_2$"), Localized("remark", zh: "说明")], rows)
        page.record("output_size_examples", sizes)

        let bad = Self.sizeExamples.last!
        let badWindow = SlidingWindow(size: bad.kernel, stride: bad.stride, padding: bad.padding)
        let starts = (0...(badWindow.travel(bad.input) / bad.stride + 1)).map { $0 * bad.stride }
        let lastStart = starts.last!
        page.say("""
            The last row does not fit. With $H_1 = \(bad.input)$, $F = \(bad.kernel)$, $S = \(bad.stride)$ the window starts at \
            column \(starts.dropLast().map(String.init).joined(separator: ", ")); the next start, \(lastStart), would need columns \
            \(lastStart) to \(lastStart + bad.kernel - 1), but the last column is \(bad.input - 1). \
            $H_1 - F + 2P = \(badWindow.travel(bad.input))$ is not a multiple of $S = \(bad.stride)$, so \
            \(badWindow.leftover(bad.input)) column is left over and the formula gives the fraction \
            \(NumberFormat.short(badWindow.formulaValue(bad.input))). Deep-learning libraries round down to \
            \(badWindow.flooredOutputSize(bad.input) ?? 0) and silently ignore the leftover column; this lesson refuses such a combination instead:
            """, zh: """
            最后一行放不下。$H_1 = \(bad.input)$、$F = \(bad.kernel)$、$S = \(bad.stride)$ 时，窗口依次从第 \
            \(starts.dropLast().map(String.init).joined(separator: "、")) 列开始；下一个起点是第 \(lastStart) 列，\
            需要第 \(lastStart) 到第 \(lastStart + bad.kernel - 1) 列，可最后一列是第 \(bad.input - 1) 列。\
            $H_1 - F + 2P = \(badWindow.travel(bad.input))$ 不是 $S = \(bad.stride)$ 的倍数，剩下 \(badWindow.leftover(bad.input)) 列用不上，\
            公式算出的是分数 \(NumberFormat.short(badWindow.formulaValue(bad.input)))。深度学习框架会向下取整得到 \
            \(badWindow.flooredOutputSize(bad.input) ?? 0)，悄悄丢掉多出的那一列；本课则直接拒绝这样的组合：
            """)
        let command = "conv-pool --input-size \(bad.input) --kernel-size \(bad.kernel) --stride \(bad.stride) --pool-size 1"
        let message = Self.validationLine(["--input-size", "\(bad.input)", "--kernel-size", "\(bad.kernel)", "--stride", "\(bad.stride)", "--pool-size", "1"])
        page.say("`swift run \(command)` stops with exit code 64 and prints one line: `\(message.en)`",
                 zh: "`swift run \(command)` 以退出码 64 结束，只输出一行错误信息（终端里是英文），说的是：`\(message.zh)`")
        page.aside("""
            Source text `001` states the formula without saying that it must come out as a whole number. When it does not, \
            some cells of the input are never seen by any window.
            """, zh: """
            原文 `001` 给出公式时没有说明结果必须是整数。不是整数时，输入中有些格子不会被任何窗口覆盖。
            """)

        page.subsection("The sizes in this lesson", zh: "本课用到的尺寸")
        let conv = s.net.conv.rowWindow
        let pool = s.net.pool.window
        page.step("conv_size", .raw(tex: "H_2", text: "H2"), [Self.sizeFormula(conv, s.inputSize)], value: Double(s.convSize))
        page.step("pool_out_size", .raw(tex: "H_3", text: "H3"), [Self.sizeFormula(pool, s.convSize)], value: Double(s.poolOutSize))
        let flat = s.outChannels * s.poolOutSize * s.poolOutSize
        page.say("""
            The \(s.inputSize)×\(s.inputSize) input becomes a \(s.convSize)×\(s.convSize) map after the convolution \
            \(s.outChannels > 1 ? "(\(s.outChannels) of them, one per output channel) " : "") and \(s.poolOutSize)×\(s.poolOutSize) after \(s.poolSize)×\(s.poolSize) \
            max pooling with stride \(s.poolSize), so the fully connected layer receives \(flat) numbers.
            """, zh: """
            \(s.inputSize)×\(s.inputSize) 的输入经过卷积变成 \(s.convSize)×\(s.convSize) 的特征图\(s.outChannels > 1 ? "(共 \(s.outChannels) 张,每个输出通道一张)" : "")，\
            再经过步长为 \(s.poolSize) 的 \(s.poolSize)×\(s.poolSize) 最大池化变成 \(s.poolOutSize)×\(s.poolOutSize)，\
            所以全连接层收到 \(flat) 个数。
            """)
    }

    /// The one line the command prints when it refuses `arguments` (English, as the terminal shows it), and the
    /// same refusal in Chinese as the options panel of a Chinese page shows it; empty when they are accepted.
    static func validationLine(_ arguments: [String]) -> Localized {
        switch ConvPoolLesson.parseOptions(arguments) {
        case .success:
            return Localized(same: "")
        case .failure(let error):
            // The terminal's wording, exactly as `LessonMain` prints it to stderr.
            var line = ""
            do { _ = try ConvPoolLesson.parse(arguments) } catch { line = ConvPoolLesson.message(for: error).split(separator: "\n").first.map(String.init) ?? "" }
            return Localized("\(id): \(line) (see --help)", zh: "\(id)：\(error.message.zh)（见 --help）")
        }
    }

    func writeConventions(_ page: inout Page, _ s: Setup) {
        page.section("Conventions", zh: "约定")
        page.convention("""
            The "convolution" of deep learning is **cross-correlation**: the kernel is laid on the input as it is, not flipped. \
            With stride 1 and no padding, output $(i, j)$ is $z_{i,j} = b + \\sum_{u,v} k_{u,v}\\, x_{i+u,\\,j+v}$. A mathematician's \
            convolution would first turn the kernel half a circle (rotate it by 180°). Because the kernel is learned, both define \
            the same family of layers; what changes is where the rotation appears in the backward pass. With cross-correlation \
            forward (this lesson, and every library), the kernel gradient is a plain correlation of the input with the delta, and \
            the input gradient uses the kernel **rotated** by 180°. With a true convolution forward it is the other way round: \
            the input gradient uses the kernel as it is and the kernel gradient comes out rotated.
            """, zh: """
            深度学习里的“卷积”其实是**互相关**：卷积核原样盖在输入上，不翻转。步长为 1、不填充时，输出 $(i, j)$ 为 \
            $z_{i,j} = b + \\sum_{u,v} k_{u,v}\\, x_{i+u,\\,j+v}$。数学上的卷积要先把卷积核转半圈（旋转 180°）。\
            卷积核是学出来的，所以两种定义描述的是同一类层；区别在于反向传播时旋转出现在哪里。\
            前向用互相关（本课以及所有框架都如此）时，卷积核的梯度就是输入与误差项的互相关，而输入的梯度要用**旋转 180°** 的卷积核；\
            前向若用真正的卷积，情况正好反过来：输入的梯度用原样的卷积核，卷积核的梯度反而是旋转过的。
            """)
        page.convention("""
            Rows and columns are counted from 0, as in code: the window of output $(i, j)$ starts at input row $iS - P$ and \
            column $jS - P$ (negative positions are padding zeros). Pooling windows move by their own size and use no padding. \
            When a pooling window holds two equal maxima, the first in reading order (row by row, left to right) takes the gradient. \
            $\\mathrm{ReLU}'(0) = 0$. The loss is $L = (y - t)^2 / 2$, so $\\partial L/\\partial y = y - t$.
            """, zh: """
            行号和列号像代码里一样从 0 开始：输出 $(i, j)$ 的窗口从输入的第 $iS - P$ 行、第 $jS - P$ 列开始（负的位置是填充的零）。\
            池化窗口每次移动自身的边长，不做填充。池化窗口里有两个相等的最大值时，按阅读顺序（逐行、从左到右）排在前面的那个得到梯度。\
            $\\mathrm{ReLU}'(0) = 0$。损失取 $L = (y - t)^2 / 2$，因此 $\\partial L/\\partial y = y - t$。
            """)
    }
}
