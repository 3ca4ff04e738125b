import LessonKit
import LonghandEngine
import Notebook

/// Softmax step by step, one-hot coding and cross-entropy.
extension LossFunctionsLesson {
    /// Class k (0-based) as a symbol: p_I, p_II, …
    static func classSymbol(_ letter: String, _ k: Int) -> Expr {
        .symbol(tex: "\(letter)_{\\text{\(roman(k + 1))}}", text: "\(letter)_\(roman(k + 1))")
    }

    /// Whether e^s of every score, and their sum, are finite normal doubles, so the text's three steps can be done literally.
    static func literalSoftmaxWorks(_ s: [Double]) -> Bool {
        let raw = Softmax.steps(s, subtractingMax: false)
        return raw.exponentials.allSatisfy { $0.isFinite && $0 >= Double.leastNormalMagnitude } && raw.sum.isFinite
    }

    func writeSoftmax(into page: inout Page) -> [Double] {
        let s = scores.values
        let isTextExample = s == [3, 1, 0.1, 0.5]
        page.section("Softmax: from scores to probabilities", zh: "Softmax：把得分变成概率")
        let scoreSentence = isTextExample
            ? Localized("For one point its output layer gives the scores $Y = \(tupleText(s))$.",
                        zh: "对某个点，它的输出层给出得分 $Y = \(tupleText(s))$。")
            : Localized("For one point its output layer gives the scores $(3, 1, 0.1, 0.5)$; here we take your scores, $Y = \(tupleText(s))$.",
                        zh: "对某个点，它的输出层给出得分 $(3, 1, 0.1, 0.5)$；这里换成你给的得分 $Y = \(tupleText(s))$。")
        page.say("""
            Text `002` builds a network that sorts points into the four quadrants I–IV. \(scoreSentence.en) The largest score, \(fmt(s.max() ?? 0)), points to class \
            \(roman((s.firstIndex(of: s.max() ?? 0) ?? 0) + 1)), but raw scores are hard to read. We would rather have \
            probabilities, something like (90%, 5%, 2%, 3%), that tell us the most likely class and how sure the network is.
            """, zh: """
            原文 `002` 搭了一个网络，把平面上的点分到 I–IV 四个象限。\(scoreSentence.zh)\
            最大的得分 \(fmt(s.max() ?? 0)) 指向第 \(roman((s.firstIndex(of: s.max() ?? 0) ?? 0) + 1)) 类，但原始得分并不直观。\
            我们更希望得到概率，比如 (90%, 5%, 2%, 3%) 这样的结果：既能看出最可能是哪一类，也能看出网络有多大把握。
            """)
        page.equation(tex: "p_k = P(Y = k \\mid x) = \\frac{e^{s_k}}{\\sum_j e^{s_j}}", text: "p_k = P(Y = k | x) = e^(s_k) / Σ_j e^(s_j)")
        page.say("""
            This is the **softmax** (text `001`: “first take exponentials, then each one's share”). Text `002` spells out three \
            steps: (1) raise $e$ to the power of every score; (2) add these powers up; (3) divide each power by the sum.
            """, zh: """
            这就是 **softmax**（原文 `001`：“先求指数，再求所占分数”）。原文 `002` 把它拆成三步：（1）以 $e$ 为底，对每个得分求指数幂；\
            （2）把这些指数幂加起来；（3）用每个指数幂分别除以这个和。
            """)
        let raw = Softmax.steps(s, subtractingMax: false)
        let stable = Softmax.steps(s)
        // Literally, e^s overflows past s ≈ 709 and leaves the normal range below s ≈ −708: then the three steps are
        // worked on s − m, where every exponent is ≤ 0 and the largest is exactly 1.
        let literal = Self.literalSoftmaxWorks(s)
        if !literal {
            page.say("""
                These scores cannot be put through the three steps literally in double precision: $e^{s}$ overflows to $\\infty$ once \
                $s$ passes about 709 and falls below the smallest normal double once $s$ is below about −708, which would give \
                $\\infty/\\infty$ or $0/0$. So the steps below subtract the largest score $m = \(fmt(stable.shift))$ from every \
                score first; that gives the same probabilities, as the subsection “Computing it safely” explains.
                """, zh: """
                这组得分没法在双精度下照字面走完三步：$s$ 超过大约 709 时 $e^{s}$ 溢出成 $\\infty$，低于大约 −708 时又小于\
                最小的正规双精度数，结果会是 $\\infty/\\infty$ 或 $0/0$。所以下面几步先把每个得分都减去最大得分 \
                $m = \(fmt(stable.shift))$；概率不变，原因见“稳妥的算法”一小节。
                """)
        }
        let used = literal ? raw : stable
        page.subsection("Step 1: the exponentials", zh: "第一步：求指数幂")
        for k in s.indices {
            let name = roman(k + 1)
            page.step(nil, literal ? .symbol(tex: "e^{s_{\\text{\(name)}}}", text: "e^(s_\(name))") : .symbol(tex: "e^{s_{\\text{\(name)}} - m}", text: "e^(s_\(name) − m)"),
                      [.exp(.n(used.shifted[k]))], value: used.exponentials[k])
        }
        page.record(literal ? "exponentials" : "shifted_exponentials", used.exponentials)
        page.subsection("Step 2: their sum", zh: "第二步：求和")
        page.step("exp_sum", literal ? .raw(tex: "\\sum_j e^{s_j}", text: "Σ e^(s_j)") : .raw(tex: "\\sum_j e^{s_j - m}", text: "Σ e^(s_j − m)"),
                  [.sum(used.exponentials.map { .n($0) })], value: used.sum)
        page.subsection("Step 3: each share of the sum", zh: "第三步：求各自所占的比例")
        for k in s.indices {
            page.step(nil, Self.classSymbol("p", k), [.quotient(.n(used.exponentials[k]), .n(used.sum))], value: used.probabilities[k])
        }
        page.record("softmax", stable.probabilities)
        let total = stable.probabilities.reduce(0, +)
        page.step("softmax_sum", .raw(tex: "\\sum_k p_k", text: "Σ p_k"), [.sum(stable.probabilities.map { .n($0) })], value: total)
        let vanished = s.indices.filter { stable.probabilities[$0] == 0 }
        let positive = vanished.isEmpty
            ? Localized("and every one is positive.", zh: "而且每一个都是正数。")
            : Localized("and every one is positive in exact arithmetic, although \(vanished.map { "$p_{\\text{\(roman($0 + 1))}}$" }.joined(separator: ", ")) \(vanished.count == 1 ? "is" : "are") smaller than the smallest double and \(vanished.count == 1 ? "prints" : "print") as 0.",
                        zh: "而且在精确运算下每一个都是正数，只是 \(vanished.map { "$p_{\\text{\(roman($0 + 1))}}$" }.joined(separator: "、")) 小于最小的双精度数，打印出来是 0。")
        page.say("""
            The probabilities add up to 1, as the text says they must, \(positive.en) The order of the scores is kept: \
            the largest score gets the largest probability.
            """, zh: """
            这些概率加起来等于 1，正如原文所说，\(positive.zh)得分的大小顺序保持不变：得分最大的类，概率也最大。
            """)
        var columns = [Localized("class", zh: "类别"), Localized("score $s_k$", zh: "得分 $s_k$"),
                       literal ? Localized("$e^{s_k}$", zh: "$e^{s_k}$") : Localized("$e^{s_k - m}$", zh: "$e^{s_k - m}$"),
                       Localized("$p_k$", zh: "$p_k$"), Localized("percent", zh: "百分比")]
        if isTextExample { columns.append(Localized("text `002` (illustrative)", zh: "原文 `002`（示意）")) }
        page.table(columns, s.indices.map { k in
            var row: [Table.Cell] = [.text(Localized(same: roman(k + 1))), .number(s[k]), .number(used.exponentials[k]),
                                     .number(stable.probabilities[k]), .text(Localized(same: NumberFormat.fixed(stable.probabilities[k] * 100, decimals: 1) + "%"))]
            if isTextExample { row.append(.text(Localized(same: NumberFormat.fixed(Self.textPercentages[k] * 100, decimals: 0) + "%"))) }
            return row
        })
        var bars = [BarChart.Series(Localized("softmax, computed", zh: "softmax 计算值"), stable.probabilities, color: 0)]
        if isTextExample { bars.append(.init(Localized("text 002, illustrative", zh: "原文 002 的示意值"), Self.textPercentages, color: 1, muted: true)) }
        page.figure("softmax", title: Localized("Softmax of the scores \(tupleText(s))", zh: "得分 \(tupleText(s)) 的 softmax"),
                    description: Localized("Bars of the probabilities softmax gives each class: \(s.indices.map { "\(roman($0 + 1)) \(NumberFormat.fixed(stable.probabilities[$0] * 100, decimals: 1))%" }.joined(separator: ", "))\(isTextExample ? ", beside the text's illustrative 90%, 5%, 2%, 3%" : "").",
                                           zh: "softmax 给每一类的概率：\(s.indices.map { "\(roman($0 + 1)) \(NumberFormat.fixed(stable.probabilities[$0] * 100, decimals: 1))%" }.joined(separator: "、"))\(isTextExample ? "；旁边是原文示意的 90%、5%、2%、3%" : "")。"),
                    BarChart(categories: s.indices.map { Localized("class \(roman($0 + 1))", zh: "第 \(roman($0 + 1)) 类") }, series: bars,
                             yLabel: Localized("probability", zh: "概率"), yRange: 0...1, valueStyle: .percent(decimals: 1)))
        if isTextExample {
            page.aside("""
                The text's (90%, 5%, 2%, 3%) only illustrates what such an output looks like; it is not the softmax of \
                $(3, 1, 0.1, 0.5)$. The true values are \(stable.probabilities.map { NumberFormat.fixed($0 * 100, decimals: 1) + "%" }.joined(separator: ", ")). \
                (The text itself later writes the same example as (90%, 5%, 3%, 2%).)
                """, zh: """
                原文的 (90%, 5%, 2%, 3%) 只是示意这类输出长什么样，并不是 $(3, 1, 0.1, 0.5)$ 的 softmax。\
                真实值是 \(stable.probabilities.map { NumberFormat.fixed($0 * 100, decimals: 1) + "%" }.joined(separator: "、"))。\
                （原文后面再提到这个例子时，又写成了 (90%, 5%, 3%, 2%)。）
                """)
        }

        page.subsection("Computing it safely: subtract the largest score", zh: "稳妥的算法：先减去最大得分")
        let m = stable.shift
        page.say("""
            $e^{s}$ overflows a double once $s$ passes about 709, and then the quotient is $\\infty/\\infty$, which is not a number. \
            Subtracting the largest score $m = \(fmt(m))$ from every score first changes nothing, because $e^{-m}$ cancels \
            between numerator and denominator, and every exponent becomes $\\le 0$:
            """, zh: """
            当 $s$ 超过大约 709 时，$e^{s}$ 就超出了双精度浮点数的范围，商变成 $\\infty/\\infty$，不再是一个数。\
            先把每个得分都减去最大得分 $m = \(fmt(m))$ 不会改变结果，因为分子分母里的 $e^{-m}$ 正好约掉，而且所有指数都变成 $\\le 0$：
            """)
        page.equation(tex: "p_k = \\frac{e^{s_k - m}}{\\sum_j e^{s_j - m}}, \\qquad m = \\max_j s_j",
                      text: "p_k = e^(s_k − m) / Σ_j e^(s_j − m),  m = max_j s_j")
        page.table([Localized("class", zh: "类别"), Localized("$s_k - m$", zh: "$s_k - m$"), Localized("$e^{s_k - m}$", zh: "$e^{s_k - m}$"),
                    Localized("quotient", zh: "商"), Localized("$p_k$", zh: "$p_k$")],
                   s.indices.map { k in [.text(Localized(same: roman(k + 1))), .math(.difference(.n(s[k]), .n(m))),
                                         .number(stable.exponentials[k]), .math(.quotient(.n(stable.exponentials[k]), .n(stable.sum))),
                                         .number(stable.probabilities[k])] })
        if literal {
            page.say("The sum is now \(fmt(stable.sum)) instead of \(fmt(raw.sum)), and the quotients are the same probabilities as before.",
                     zh: "现在的和是 \(fmt(stable.sum))，而不是 \(fmt(raw.sum))；商算出来仍然是同样的概率。")
        } else {
            page.say("This is the computation the three steps above already used. Without the shift the sum would be \(fmt(stable.sum)) times $e^{\(ExprRendering.texNumber(m))}$, a number no double can hold.",
                     zh: "上面三步用的正是这种算法。如果不减去最大得分，和就是 \(fmt(stable.sum)) 乘以 $e^{\(ExprRendering.texNumber(m))}$，任何双精度数都装不下。")
        }
        let logp = Softmax.logProbabilities(s)
        page.say("""
            The same trick gives the logarithms of the probabilities directly (the **log-softmax**), which cross-entropy needs: \
            $\\ln p_k = s_k - m - \\ln \\sum_j e^{s_j - m}$.
            """, zh: """
            同样的技巧还能直接给出概率的对数（即 **log-softmax**），交叉熵正需要它：$\\ln p_k = s_k - m - \\ln \\sum_j e^{s_j - m}$。
            """)
        page.step("log_sum_exp", .raw(tex: "\\ln \\sum_j e^{s_j}", text: "ln Σ e^(s_j)"),
                  [.sum([.n(m), .call(tex: "\\ln", text: "ln", [.n(stable.sum)])])], value: Softmax.logSumExp(s))
        page.step(.raw(tex: "\\ln p", text: "ln p"), [tuple(logp)])
        page.record("log_softmax", logp)
        page.convention("""
            The engine always computes softmax by subtracting the largest score first, and cross-entropy from the log-softmax, \
            so scores as large as ±1000 give finite, exact results.
            """, zh: """
            引擎计算 softmax 时总是先减去最大得分，交叉熵则通过 log-softmax 来算，所以即使得分大到 ±1000，结果也是有限而准确的。
            """)
        return stable.probabilities
    }

    func writeCrossEntropy(probabilities p: [Double], into page: inout Page) {
        let s = scores.values, y = trueClass - 1
        let t = CrossEntropy.oneHot(y, count: s.count)
        page.section("One-hot coding", zh: "独热编码")
        page.say("""
            To compare probabilities with the right answer, the answer is written as a probability vector too. Text `004`: for a \
            problem with $k$ classes, a class is represented by a $k$-dimensional row vector, 1 at the class and 0 elsewhere. \
            Text `002` calls this the true result, (100%, 0, 0, 0) for class I. With $k = \(s.count)$ classes:
            """, zh: """
            要把概率和正确答案作比较，正确答案也得写成一个概率向量。原文 `004`：对于 $k$ 元分类问题，用一个 $k$ 维行向量表示类别，\
            该类别的位置为 1，其余为 0。原文 `002` 把它叫作真实结果，第 I 类就是 (100%, 0, 0, 0)。这里有 $k = \(s.count)$ 类：
            """)
        page.table([Localized("class", zh: "类别"), Localized("one-hot vector $t$", zh: "独热向量 $t$")],
                   s.indices.map { k in [.text(Localized(same: roman(k + 1))), .math(tuple(CrossEntropy.oneHot(k, count: s.count)))] })
        page.say("The point of our example belongs to class \(roman(y + 1)), so $t = \(tupleText(t))$.",
                 zh: "我们例子中的点属于第 \(roman(y + 1)) 类，所以 $t = \(tupleText(t))$。")
        page.record("one_hot", t)

        page.section("Cross-entropy", zh: "交叉熵")
        page.say("""
            How good is a softmax output? Text `002` first suggests $1 - p$ (for 90%, $1 - 0.9 = 0.1$), then the more common and \
            cleverer choice: the negative logarithm of the probability given to the right class. The closer that probability is \
            to 100%, the closer the loss is to 0. This is the **cross-entropy loss**, and training tries to make it small.
            """, zh: """
            softmax 的输出好不好，怎样量化？原文 `002` 先提出用 $1 - p$（对 90% 来说是 $1 - 0.9 = 0.1$），\
            接着给出更常用也更巧妙的办法：对正确类别得到的概率取对数再取负。这个概率越接近 100%，损失就越接近 0。\
            这就是**交叉熵损失**，训练就是要让它尽可能小。
            """)
        page.equation(tex: "L = -\\sum_k t_k \\ln p_k", text: "L = −Σ_k t_k ln p_k")
        page.say("With a one-hot $t$ every term but the true class's is 0, so $L = -\\ln p_{\\text{true}}$. The text's own example, 90%:",
                 zh: "$t$ 是独热向量时，除了正确类别那一项，其余各项都是 0，于是 $L = -\\ln p_{\\text{正确}}$。原文自己的例子是 90%：")
        let q = Self.textProbability
        page.step("cross_entropy_text", .negation(.call(tex: "\\ln", text: "ln", [.n(q)])), [], value: CrossEntropy.ofProbability(q))
        let log10Value = CrossEntropy.ofProbabilityBase10(q)
        page.step("minus_log10_text", .negation(.call(tex: "\\log_{10}", text: "log10", [.n(q)])), [], value: log10Value)
        page.erratum("""
            Text `002` writes $-\\log 0.9 = 0.046$, and later again “probability 90%, cross-entropy loss 0.046”. \
            0.046 is the common logarithm: $-\\log_{10} 0.9 = \(NumberFormat.short(log10Value, significant: 4))$. Cross-entropy uses \
            the natural logarithm, the same $e$ as in softmax: $-\\ln 0.9 = \(NumberFormat.short(CrossEntropy.ofProbability(q), significant: 4))$, \
            which is $\\ln 10 \\approx 2.303$ times larger.
            """, zh: """
            原文 `002` 写的是 $-\\log 0.9 = 0.046$，后文又说“概率是 90%，交叉熵损失值是 0.046”。0.046 是以 10 为底的对数：\
            $-\\log_{10} 0.9 = \(NumberFormat.short(log10Value, significant: 4))$。交叉熵用的是自然对数，和 softmax 里的 $e$ 一致：\
            $-\\ln 0.9 = \(NumberFormat.short(CrossEntropy.ofProbability(q), significant: 4))$，是前者的 $\\ln 10 \\approx 2.303$ 倍。
            """)
        page.convention("Logarithms in cross-entropy are natural logarithms ($\\ln$, base $e$).",
                        zh: "交叉熵里的对数一律是自然对数（$\\ln$，以 $e$ 为底）。")

        page.subsection("The real probabilities", zh: "用真实的概率来算")
        // Each term from the log-softmax, so a probability that underflows to 0 still has its true logarithm.
        let logp = Softmax.logProbabilities(s)
        let terms = s.indices.map { t[$0] == 0 ? 0 : -t[$0] * logp[$0] }
        let loss = CrossEntropy.loss(scores: s, target: t)
        // ln p is written as ln(p) only where p is a normal double, so the printed p reproduces the printed logarithm.
        // A probability that prints as 1 is written 1 − (1 − p), 1 − p taken as the other terms over the sum (where 1 − p
        // itself would keep only the digits p has beyond its nines): −ln(1) beside a loss that is not 0 would read as a mistake.
        let steps = Softmax.steps(s), top = steps.shifted.firstIndex(of: 0), others = Softmax.otherTerms(steps) ?? 0
        func probabilityExpr(_ k: Int) -> Expr { .probability(p[k], complement: k == top ? others / steps.sum : nil) }
        func lnExpr(_ k: Int) -> Expr { p[k] >= 1e-300 ? .call(tex: "\\ln", text: "ln", [probabilityExpr(k)]) : .n(logp[k]) }
        if p[y] >= 1e-300 {
            page.say("For the scores \(tupleText(s)) the right class \(roman(y + 1)) actually gets $p = \(fmt(p[y]))$. Every term written out:",
                     zh: "对得分 \(tupleText(s)) 来说，正确的第 \(roman(y + 1)) 类实际得到的概率是 $p = \(fmt(p[y]))$。把每一项都写出来：")
        } else {
            page.say("For the scores \(tupleText(s)) the right class \(roman(y + 1)) gets $p = e^{\(ExprRendering.texNumber(logp[y]))}$, too small for a double; its logarithm $\\ln p = \(fmt(logp[y]))$ (from the log-softmax) is all the loss needs. Every term written out, with $\\ln p_k$ from the log-softmax where $p_k$ is that small:",
                     zh: "对得分 \(tupleText(s)) 来说，正确的第 \(roman(y + 1)) 类得到的概率是 $p = e^{\(ExprRendering.texNumber(logp[y]))}$，双精度数装不下；但损失只需要它的对数 $\\ln p = \(fmt(logp[y]))$（由 log-softmax 得到）。把每一项都写出来，$p_k$ 这么小时 $\\ln p_k$ 取自 log-softmax：")
        }
        page.table([Localized("class", zh: "类别"), Localized("$t_k$", zh: "$t_k$"), Localized("$p_k$", zh: "$p_k$"),
                    Localized("$-t_k \\ln p_k$", zh: "$-t_k \\ln p_k$"), Localized("value", zh: "值")],
                   s.indices.map { k in [.text(Localized(same: roman(k + 1))), .number(t[k]), .number(p[k]),
                                         .math(.negation(.product([.n(t[k]), lnExpr(k)]))), .number(terms[k])] })
        page.step("cross_entropy", .sym("L"), [.sum(terms.map { .n($0) }), .negation(lnExpr(y))], value: loss)
        page.record("cross_entropy_terms", terms)
        // The engine's way, relative to the largest score m: ln Σ e^(s_j − m) − (s_true − m). A sum that prints as 1 is
        // written 1 + (the other terms), which is what sets the loss when the true class is all but certain.
        let sumExpr: Expr = NumberFormat.short(steps.sum) == "1" && others > 0 ? .sum([.n(1), .n(others)]) : .n(steps.sum)
        page.step(nil, .sym("L"), [.difference(.symbol(tex: "\\ln \\sum_j e^{s_j - m}", text: "ln Σ e^(s_j − m)"),
                                               .group(.difference(.symbol(tex: "s_{\\text{\(roman(y + 1))}}", text: "s_\(roman(y + 1))"), .sym("m")))),
                                   .difference(.call(tex: "\\ln", text: "ln", [sumExpr]), .group(.n(steps.shifted[y])))],
                  value: CrossEntropy.loss(scores: s, trueClass: y))
        let textLoss = CrossEntropy.ofProbability(q)
        let percent = NumberFormat.fixed(p[y] * 100, decimals: 1) + "%"
        let versusText: Localized
        if loss > textLoss {
            versusText = Localized("The loss is larger than the text's illustrative \(fmt(textLoss)) because the true probability, \(percent), is below 90%.",
                                   zh: "这个损失比原文示意的 \(fmt(textLoss)) 大，因为真实概率 \(percent) 低于 90%。")
        } else if loss < textLoss {
            versusText = Localized("The loss is smaller than the text's illustrative \(fmt(textLoss)) because the true probability, \(percent), is above 90%.",
                                   zh: "这个损失比原文示意的 \(fmt(textLoss)) 小，因为真实概率 \(percent) 高于 90%。")
        } else {
            versusText = Localized("The loss equals the text's illustrative \(fmt(textLoss)): the true probability is 90%.",
                                   zh: "这个损失与原文示意的 \(fmt(textLoss)) 相同：真实概率正好是 90%。")
        }
        page.say("""
            The second line is how the engine computes it, straight from the scores through the log-softmax; both give \(fmt(loss)). \
            \(versusText.en) How the loss falls as the probability rises:
            """, zh: """
            第二行是引擎的算法：直接从得分出发，经由 log-softmax 计算；两种算法都得到 \(fmt(loss))。\(versusText.zh)\
            概率升高时损失下降的情形如下：
            """)
        let ladder = ([0.1, 0.5, 0.9, 0.92, 0.99, 1] + (p[y] >= 1e-300 ? [p[y]] : [])).sorted()
        page.table([Localized("$p_{\\text{true}}$", zh: "$p_{\\text{正确}}$"), Localized("$-\\ln p$ (cross-entropy)", zh: "$-\\ln p$（交叉熵）"),
                    Localized("$-\\log_{10} p$", zh: "$-\\log_{10} p$")],
                   // The lesson's own row takes the loss from the scores: −ln of the rounded p loses digits when p is near 1.
                   ladder.map { $0 == p[y] && y == top ? [.number($0), .number(loss), .number(loss / Double.log(10))]
                                                      : [.number($0), .number(CrossEntropy.ofProbability($0)), .number(CrossEntropy.ofProbabilityBase10($0))] })
        page.say("""
            Text `002` describes exactly this: after a backward pass and a small change of the weights the probability may rise \
            from 90% to 92%, and the loss falls from \(fmt(CrossEntropy.ofProbability(0.9))) to \(fmt(CrossEntropy.ofProbability(0.92))).
            """, zh: """
            原文 `002` 描述的正是这个过程：反向传播、微调参数之后，概率可能从 90% 提高到 92%，\
            损失随之从 \(fmt(CrossEntropy.ofProbability(0.9))) 降到 \(fmt(CrossEntropy.ofProbability(0.92)))。
            """)
        let curve = LinePlot.sample(0.5...1, count: 101) { $0 }
        let onPlot = p[y] >= 0.5
        page.figure("cross-entropy", title: Localized("Cross-entropy −ln p against −log₁₀ p", zh: "交叉熵 −ln p 与 −log₁₀ p 的对比"),
                    description: Localized("The loss for the true class's probability p from 0.5 to 1: −ln p (solid) and −log10 p (dashed). At p = 0.9 they are \(NumberFormat.short(CrossEntropy.ofProbability(q), significant: 3)) and \(NumberFormat.short(log10Value, significant: 3)); the lesson's p = \(NumberFormat.short(p[y], significant: 3)) \(onPlot ? "is marked" : "lies below 0.5, off this range").",
                                           zh: "正确类别概率 p 从 0.5 到 1 时的损失：−ln p（实线）与 −log10 p（虚线）。在 p = 0.9 处两者分别是 \(NumberFormat.short(CrossEntropy.ofProbability(q), significant: 3)) 和 \(NumberFormat.short(log10Value, significant: 3))；本课的 p = \(NumberFormat.short(p[y], significant: 3)) \(onPlot ? "也在图中标出" : "小于 0.5，不在图的范围内")。"),
                    LinePlot(xLabel: Localized("probability of the true class p", zh: "正确类别的概率 p"), yLabel: Localized("loss", zh: "损失"),
                             series: [.init(Localized(same: "−ln p"), curve.map { .init($0.x, CrossEntropy.ofProbability($0.x)) }, color: 0),
                                      .init(Localized(same: "−log₁₀ p"), curve.map { .init($0.x, CrossEntropy.ofProbabilityBase10($0.x)) }, style: .dashed, color: 1)],
                             markers: [.init(x: q, y: CrossEntropy.ofProbability(q), label: Localized(same: "−ln 0.9 = \(NumberFormat.short(CrossEntropy.ofProbability(q), significant: 3))")),
                                       .init(x: q, y: log10Value, label: Localized(same: "−log₁₀ 0.9 = \(NumberFormat.short(log10Value, significant: 3))"))]
                                 + (onPlot ? [.init(x: p[y], y: loss, label: Localized(same: "p = \(NumberFormat.short(p[y], significant: 3))"))] : []),
                             xRange: 0.5...1, yRange: 0...0.75, height: 380))

        page.subsection("The gradient: p − t", zh: "梯度：p − t")
        page.say("""
            Softmax followed by cross-entropy has a famously simple gradient with respect to the scores: $\\partial L / \\partial s_k = p_k - t_k$. \
            The right class's score is pushed up, every other score down, each in proportion to its error:
            """, zh: """
            softmax 后接交叉熵，对得分的梯度简单得出名：$\\partial L / \\partial s_k = p_k - t_k$。正确类别的得分被往上推，\
            其余得分被往下压，力度与各自的误差成正比：
            """)
        let gradient = CrossEntropy.gradient(scores: s, target: t)
        let check = GradientCheck.compare(analytic: gradient, at: s) { CrossEntropy.loss(scores: $0, target: t) }
        let worst = check.map { abs($0.analytic - $0.numeric) }.max() ?? 0
        page.table([Localized("class", zh: "类别"), Localized("$p_k - t_k$", zh: "$p_k - t_k$"),
                    Localized("$\\partial L / \\partial s_k$", zh: "$\\partial L / \\partial s_k$"),
                    Localized("central difference", zh: "中心差分")],
                   s.indices.map { k in [.text(Localized(same: roman(k + 1))), .math(.difference(.n(p[k]), .n(t[k]))),
                                         .number(gradient[k]), .number(check[k].numeric)] })
        page.record("cross_entropy_gradient", gradient)
        page.say("""
            The last column nudges each score by $h = 10^{-5}$ both ways and divides the change of $L$ by $2h$; it agrees with \
            $p - t$ to within \(NumberFormat.short(worst, significant: 2)).
            """, zh: """
            最后一列把每个得分向两边各挪 $h = 10^{-5}$，用 $L$ 的变化量除以 $2h$（中心差分）；它与 $p - t$ 的差距不超过 \
            \(NumberFormat.short(worst, significant: 2))。
            """)
        page.record("cross_entropy_gradient_check_error", worst)
    }
}
