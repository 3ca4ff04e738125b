import LonghandEngine
import Notebook

/// The first test digit through the trained MLP, every number shown.
extension DigitsLesson {
    /// A long sum `first + t₂ + t₃ + … = value`, `perLine` terms to a line (TeX `aligned`; one line in plain text).
    static func longSum(_ terms: [Expr], value: Double, perLine: Int = 4, digits: Int = 6) -> Expr {
        var lines: [String] = []
        var start = 0
        while start < terms.count {
            let chunk = Array(terms[start..<min(start + perLine, terms.count)])
            let tex = ExprRendering.tex(chunk.count == 1 ? chunk[0] : .sum(chunk))
            lines.append(start == 0 ? tex : "+ " + tex)
            start += perLine
        }
        let tex = "\\begin{aligned} &" + lines.joined(separator: " \\\\ &\\quad ") + " \\\\ &= " + ExprRendering.texNumber(value, digits: digits) + " \\end{aligned}"
        let text = ExprRendering.text(terms.count == 1 ? terms[0] : .sum(terms)) + " = " + NumberFormat.short(value, significant: digits)
        return .raw(tex: tex, text: text)
    }

    /// "a" or "an" before a digit's name: an 8, a 7.
    static func article(_ digit: Int) -> String { digit == 8 ? "an" : "a" }

    /// x·w with four significant digits each, as the worked sums print their terms.
    static func term(_ x: Double, _ w: Double) -> Expr { .product([.number(x, digits: 4), .number(w, digits: 4)]) }

    func writeForwardPass(_ page: inout Page, _ setup: DigitsSetup, _ run: DigitsRun) {
        guard let index = setup.test.first else { return }
        let net = run.mlpNetwork
        let label = setup.label(index)
        let counts = setup.pixels(index), x = setup.x(index)
        let f = net.forward(Matrix(row: x))
        let z = f.layers[0].z.row(0), h = f.layers[0].output.row(0), y = f.layers[1].z.row(0)
        let w1 = net.layers[0].weights, b1 = net.layers[0].bias.row(0), w2 = net.layers[1].weights, b2 = net.layers[1].bias.row(0)
        let s = SoftmaxCrossEntropy(logits: f.layers[1].z, labels: [label])
        let p = s.probabilities.row(0)
        let predicted = s.predictions[0]
        let units = h.count

        page.section("Inside the MLP: one test digit in numbers", zh: "MLP 内部：一个测试数字的逐数演算")
        page.say("""
            Accuracy is a count; underneath it, every answer is a forward pass like the ones worked by hand in the earlier \
            lessons, only longer. Here is the first digit of the test set (number \(index + 1) of the 1797 in the file, \
            \(Self.article(label)) **\(label)**) going through the trained MLP.
            """, zh: """
            准确率只是一个计数；在它下面，每一个答案都是一次前向传播，和前几课手算的一样，只是更长。下面把测试集的第一个数字\
            （文件中 1797 个里的第 \(index + 1) 个，是一个 **\(label)**）送进训练好的 MLP。
            """)
        page.figure("first-digit", title: Localized("The first test digit and its pixel counts", zh: "第一个测试数字及其像素计数"),
                    description: Localized("The 8 × 8 image of test digit number \(index + 1) (label \(label)) and its 64 pixel counts from 0 to 16, zeros in grey.",
                                           zh: "测试数字（第 \(index + 1) 个，标签 \(label)）的 8 × 8 图像及其 64 个 0 到 16 的像素计数，0 用灰色显示。"),
                    GridDrawing([.grid(.init((0..<8).map { Array(counts[($0 * 8)..<($0 * 8 + 8)]) },
                                             caption: Localized("pixel counts", zh: "像素计数"), digits: 2, fadeZeros: true, indices: true))],
                                cellSize: 28))
        page.figure("first-digit-image", title: Localized("The first test digit as an image", zh: "第一个测试数字的图像"),
                    description: Localized("The same 64 counts drawn as grey squares, 0 white and 16 black.", zh: "同样的 64 个计数画成灰度方格，0 为白、16 为黑。"),
                    DigitGallery(items: [.init(pixels: counts, caption: Localized("label \(label)", zh: "标签 \(label)"))], perRow: 1, pixelSize: 14))
        let zeros = x.filter { $0 == 0 }.count
        page.say("Divided by 16, the counts $c$ become the input row $x$ (row by row):", zh: "计数 $c$ 除以 16，就成了输入行向量 $x$（逐行排列）：")
        page.step(.symbol(tex: "x", text: "x"), [.quotient(.symbol(tex: "c", text: "c"), .n(16)),
                                                   .matrix((0..<8).map { Array(x[($0 * 8)..<($0 * 8 + 8)]) }, digits: 4)])
        page.say("""
            \(zeros) of the 64 inputs are 0, the paper around the ink. A zero input adds nothing to any weighted sum, so \
            each hidden unit's sum has only \(64 - zeros) products. For hidden unit $j$:
            """, zh: """
            64 个输入中有 \(zeros) 个是 0，也就是墨迹周围的白纸。输入为 0 对任何加权和都没有贡献，所以每个隐藏单元的和\
            只有 \(64 - zeros) 个乘积。对第 $j$ 个隐藏单元：
            """)
        page.equation(tex: "z_j = b_j + \\sum_{i \\,:\\, x_i \\neq 0} x_i\\, W_{i,j}, \\qquad h_j = \\operatorname{ReLU}(z_j) = \\max(0, z_j)",
                      text: "z_j = b_j + Σ_{i: x_i ≠ 0} x_i W_ij,  h_j = ReLU(z_j) = max(0, z_j)")
        let nonZero = (0..<64).filter { x[$0] != 0 }
        let largest = (0..<units).max { z[$0] < z[$1] } ?? 0
        var shown: [Int] = [0]
        if units > 1 { shown.append(1) }
        if !shown.contains(largest) { shown.append(largest) }
        // Which sums are shown, in words: units 1 and 2 and the largest, fewer when they coincide or the layer is small.
        let counted = ["One", "Two", "Three"][shown.count - 1], countedZh = ["一", "两", "三"][shown.count - 1]
        let which: Localized
        if shown.count == units {
            which = Localized(units == 1 ? "The one sum written out in full" : "All \(units) sums written out in full",
                              zh: units == 1 ? "完整写出唯一的一个和" : "完整写出全部 \(units) 个和")
        } else if shown.contains(largest) && largest > 1 {
            which = Localized("\(counted) of the \(units) sums written out in full: units 1 and 2, and unit \(largest + 1), whose sum is the largest",
                              zh: "下面完整写出 \(units) 个和中的\(countedZh)个：第 1、2 个单元，以及和最大的第 \(largest + 1) 个单元")
        } else {
            which = Localized("\(counted) of the \(units) sums written out in full: units 1 and 2; unit \(largest + 1) has the largest sum",
                              zh: "下面完整写出 \(units) 个和中的\(countedZh)个：第 1、2 个单元；和最大的是第 \(largest + 1) 个单元")
        }
        page.say("""
            \(which.en). Each term is $x_i \\cdot W_{i,j}$ for one ink pixel $i$; the first number is the bias $b_j$.
            """, zh: """
            \(which.zh)。每一项是某个有墨迹的像素 $i$ 的 $x_i \\cdot W_{i,j}$；打头的数是偏置 $b_j$。
            """)
        for j in shown {
            let terms: [Expr] = [.number(b1[j], digits: 4)] + nonZero.map { Self.term(x[$0], w1[$0, j]) }
            page.step(.symbol(tex: "z_{\(j + 1)}", text: "z\(j + 1)"), [Self.longSum(terms, value: z[j])])
            page.step(nil, .symbol(tex: "h_{\(j + 1)}", text: "h\(j + 1)"), [.call(tex: "\\max", text: "max", [.n(0), .n(z[j])])], value: h[j])
        }
        let silent = h.filter { $0 == 0 }.count
        page.say("""
            All \(units) sums and their ReLU values; \(silent) of the units have a negative sum and are silent ($h_j = 0$) for this digit:
            """, zh: """
            全部 \(units) 个和及其 ReLU 值；其中 \(silent) 个单元的和为负，对这个数字不激活（$h_j = 0$）：
            """)
        let groups = (units + 7) / 8
        page.table([Localized("$j$", zh: "$j$")] + (0..<min(8, units)).map { Localized(same: "+\($0)") },
                   (0..<groups).flatMap { g -> [[Table.Cell]] in
                       let js = (g * 8)..<min(g * 8 + 8, units)
                       let pad = [Table.Cell](repeating: .text(Localized(same: "")), count: min(8, units) - js.count)
                       return [[.text(Localized(same: "$z$, \(g * 8 + 1)"))] + js.map { .number(z[$0], digits: 4) } + pad,
                               [.text(Localized(same: "$h$, \(g * 8 + 1)"))] + js.map { .number(h[$0], digits: 4) } + pad]
                   },
                   caption: Localized("Row \"$z$, k\" holds $z_k, z_{k+1}, …$; the column header is the offset from $k$.",
                                      zh: "“$z$, k”这一行依次是 $z_k, z_{k+1}, …$；列标题是相对 $k$ 的偏移。"))
        page.record("first_test_index", Double(index))
        page.record("first_test_label", Double(label))
        page.record("x", x)
        page.record("z", z)
        page.record("h", h)

        page.subsection("Ten scores and softmax", zh: "十个得分与 softmax")
        let active = (0..<units).filter { h[$0] != 0 }
        page.say("""
            Each of the 10 outputs sums one product per hidden unit, $y_k = b_k + \\sum_j h_j\\, W_{j,k}$ with $W = W_2$; \
            the \(silent) silent units drop out. The score of digit \(predicted), the largest:
            """, zh: """
            10 个输出中的每一个，都是每个隐藏单元贡献一个乘积再求和：$y_k = b_k + \\sum_j h_j\\, W_{j,k}$（这里 $W = W_2$）；\
            \(silent) 个沉默的单元不起作用。得分最大的是数字 \(predicted)：
            """)
        let scoreTerms: [Expr] = [.number(b2[predicted], digits: 4)] + active.map { Self.term(h[$0], w2[$0, predicted]) }
        page.step(.symbol(tex: "y_{\(predicted)}", text: "y\(predicted)"), [Self.longSum(scoreTerms, value: y[predicted], perLine: 3)])
        if label != predicted {
            let labelTerms: [Expr] = [.number(b2[label], digits: 4)] + active.map { Self.term(h[$0], w2[$0, label]) }
            page.say("And the score of the true digit \(label):", zh: "真实数字 \(label) 的得分：")
            page.step(.symbol(tex: "y_{\(label)}", text: "y\(label)"), [Self.longSum(labelTerms, value: y[label], perLine: 3)])
        }
        page.say("""
            Softmax turns the ten scores into probabilities. As in the quadrant lesson, the largest score is subtracted \
            first, which changes no quotient and keeps $e^{y}$ from overflowing:
            """, zh: """
            softmax 把十个得分变成概率。和“象限”那一课一样，先减去最大的得分：商不变，还能避免 $e^{y}$ 溢出：
            """)
        page.step(nil, .symbol(tex: "\\max_k y_k", text: "max y"), [.symbol(tex: "y_{\(predicted)}", text: "y\(predicted)")], value: s.maxima[0])
        page.step(.symbol(tex: "\\sum_k e^{y_k - \\max}", text: "Σ e^(yk - max)"),
                  [Self.longSum(s.exponentials.row(0).map { .number($0, digits: 3) }, value: s.sums[0], perLine: 4, digits: 8)])
        page.table([Localized("digit $k$", zh: "数字 $k$"), Localized("score $y_k$", zh: "得分 $y_k$"), Localized("$y_k - \\max$", zh: "$y_k - \\max$"),
                    Localized("$e^{y_k - \\max}$", zh: "$e^{y_k - \\max}$"), Localized("$p_k$", zh: "$p_k$")],
                   (0..<10).map { k in [.text(Localized(same: "\(k)")), .number(y[k], digits: 5), .number(s.shifted[0, k], digits: 5),
                                        .number(s.exponentials[0, k], digits: 5), .number(p[k], digits: 6)] })
        // When the label has the largest score, 1 − p is the other terms of the softmax sum over the sum, with all its digits
        // (none when p is exactly 1: the loss, ln of the rounded sum, is then 0 too).
        let steps = Softmax.steps(y)
        let complement = label == predicted && p[label] != 1 ? Softmax.otherTerms(steps).map { $0 / steps.sum } : nil
        let probability = Expr.probability(p[label], complement: complement)
        page.step("first_test_loss", .symbol(tex: "L", text: "L"), [.negation(.call(tex: "\\ln", text: "ln", [probability]))], value: s.losses[0])
        let right = predicted == label
        let answer = NumberFormat.short(p[predicted], significant: NumberFormat.digitsShowing(p[predicted]))
        page.say("""
            The network answers **\(predicted)** with probability \(answer)\
            \(right ? ", which is right" : ", but the digit is \(Self.article(label)) \(label) (probability \(NumberFormat.short(p[label], significant: 4)))"). \
            The loss of this one digit is $-\\ln p_{\(label)}$ = \(fmt(s.losses[0])).
            """, zh: """
            网络的回答是 **\(predicted)**，概率为 \(answer)\
            \(right ? "，答对了" : "，但这个数字其实是 \(label)（概率 \(NumberFormat.short(p[label], significant: 4))）")。\
            这一个数字的损失是 $-\\ln p_{\(label)}$ = \(fmt(s.losses[0]))。
            """)
        page.record("y", y)
        page.record("p", p)
        page.record("predicted_digit", Double(predicted))
        for (l, layer) in net.layers.enumerated() {
            page.record("W\(l + 1)", layer.weights.nested)
            page.record("b\(l + 1)", layer.bias.row(0))
        }
    }
}
