import LonghandEngine
import Notebook

extension GradientDescentLesson {
    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        writeRatesCoordinateByCoordinate(&page)
        writeHighDimensions(&page)
        writeErrorTerm(&page)
        page.sourcesOfThisLesson(Self.id)
    }

    /// Each coordinate's factor 1 − 2aᵢη explains every rate, including the threshold rate that oscillates for ever.
    func writeRatesCoordinateByCoordinate(_ page: inout Page) {
        let bowl = theBowl, v0 = start.values
        let threshold = bowl.learningRateThreshold
        var rates = etas.values
        let alreadyShown = rates.contains(threshold)
        if !alreadyShown { rates.append(threshold) }
        rates.sort()
        page.section("Every rate, coordinate by coordinate", zh: "逐个坐标看每个学习率")
        page.say("""
            `001` writes the rule as $\\Delta w = -\\eta \\nabla J(w)$ and asks for a rate that is “moderate”. On the bowl \
            $C = \\sum_i a_i v_i^2$ a step multiplies each coordinate by its own factor $1 - 2 a_i \\eta$, so each rate can be read \
            off the factors: a coordinate shrinks when $|1 - 2a_i\\eta| < 1$, flips sign without shrinking at exactly $-1$, and \
            grows beyond that. The rate $\\eta = 1/\\max a_i = \(fmt(threshold))$ is the boundary, \
            \(alreadyShown ? "already among the rates above:" : "and is added here to the rates above:")
            """, zh: """
            `001` 把规则写成 $\\Delta w = -\\eta \\nabla J(w)$，并要求学习率“要适中”。在碗 $C = \\sum_i a_i v_i^2$ 上，\
            每一步把每个坐标乘以各自的因子 $1 - 2 a_i \\eta$，所以每个学习率的表现都能从因子读出来：$|1 - 2a_i\\eta| < 1$ 时坐标缩小，\
            恰为 $-1$ 时只翻转符号而不缩小，再大就会增长。$\\eta = 1/\\max a_i = \(fmt(threshold))$ 正是分界线，\(alreadyShown ? "它已在上面的学习率之中：" : "这里把它加到上面的学习率中：")
            """)
        var rows: [[Table.Cell]] = []
        var verdicts: [Double] = []
        for eta in rates {
            let factors = bowl.contraction(learningRate: eta)
            let path = bowl.path(from: v0, learningRate: eta, steps: steps)
            let costs = path.map(bowl.value)
            // Only coordinates that start away from 0 matter: a zero coordinate stays 0 whatever its factor.
            let worst = factors.indices.filter { v0[$0] != 0 }.map { abs(factors[$0]) }.max() ?? 0
            let firstRise = (1..<costs.count).first { costs[$0] > costs[$0 - 1] * (1 + 1e-12) }
            let verdict: Localized
            if abs(worst - 1) < 1e-9 {
                let settled = costs.last ?? 0
                verdict = Localized("the steepest coordinate flips for ever: C settles at \(fmt(settled)) and never reaches 0",
                                    zh: "最陡的坐标永远来回翻转：C 停在 \(fmt(settled))，永远到不了 0")
                verdicts.append(1)
            } else if worst < 1 {
                verdict = Localized("every coordinate shrinks: converges", zh: "每个坐标都缩小：收敛")
                verdicts.append(0)
            } else if let k = firstRise, k > 1 {
                verdict = Localized("C falls for \(k - 1) step\(k - 1 == 1 ? "" : "s") while the shrinking coordinates dominate, then the growing one takes over: diverges",
                                    zh: "前 \(k - 1) 步缩小的坐标占主导，C 下降；之后增长的坐标接管：发散")
                verdicts.append(2)
            } else if firstRise != nil {
                verdict = Localized("C rises from the first step: diverges", zh: "C 从第一步起就上升：发散")
                verdicts.append(3)
            } else {
                verdict = Localized("a coordinate grows by its factor each step: diverges, though C has not risen yet in \(steps) step\(steps == 1 ? "" : "s")",
                                    zh: "有坐标每步按其因子增长：发散，只是在 \(steps) 步之内 C 还没有上升")
                verdicts.append(4)
            }
            rows.append([.number(eta), .math(.raw(tex: "(\(factors.map(fmt).joined(separator: ", ")))", text: "(\(factors.map(fmt).joined(separator: ", ")))")),
                         .math(.raw(tex: "(\(costs.prefix(4).map(fmt).joined(separator: ", ")), \\ldots)", text: "(\(costs.prefix(4).map(fmt).joined(separator: ", ")), …)")),
                         .text(verdict)])
        }
        page.table([Localized("$\\eta$", zh: "$\\eta$"), Localized("factors $1 - 2a_i\\eta$", zh: "因子 $1 - 2a_i\\eta$"),
                    Localized("$C$ at steps 0, 1, 2, 3", zh: "第 0、1、2、3 步的 $C$"), Localized("what happens", zh: "结果")], rows)
        page.record("rate_verdicts", verdicts)
        page.record("threshold_rate", threshold)
        page.say("""
            So `000`'s guarantee that $C$ always decreases needs $\\eta < \(fmt(threshold))$ here. A rate above it can still lower \
            $C$ for a step or two — a coordinate with a small factor collapses at once while the growing one is still small — \
            which is why a few good steps do not prove a rate safe.
            """, zh: """
            所以 `000` 所说的“C 会一直减小”，在这里需要 $\\eta < \(fmt(threshold))$。超过它的学习率仍可能让 $C$ 先降一两步——\
            因子小的坐标一下子就塌缩了，而增长的坐标一开始还很小——所以前几步表现不错，并不能证明这个学习率是安全的。
            """)
    }

    /// `000` says derivatives of a function of very many variables are “almost impossible”: they are not.
    func writeHighDimensions(_ page: inout Page) {
        let s = FeedforwardLesson.quadrantSizes
        let n = s.inputs * s.hidden + s.hidden + s.hidden * s.outputs + s.outputs
        page.section("Derivatives in many dimensions", zh: "高维函数的导数")
        page.erratum("""
            `000` says that for a function $C(v)$ of millions of variables, computing derivatives “is almost impossible”, and \
            presents gradient descent as the way around it. But gradient descent needs exactly those derivatives, $\\nabla C$. \
            What is hopeless is solving $\\nabla C = 0$ in closed form, as one can for a bowl or for least squares. The \
            derivatives themselves are cheap: backpropagation (lessons 7 and 8) gets all of them in one backward pass, which \
            costs about as much as a forward pass. For `002`'s quadrant network with $N = \(n)$ parameters, central differences \
            would need $2N = \(2 * n)$ evaluations of the cost per gradient; backpropagation needs one forward and one backward pass.
            """, zh: """
            `000` 说，对一个有上亿个变量的函数 $C(v)$ 求导数“几乎是不可能的”，并把梯度下降说成绕开这一难题的办法。\
            可是梯度下降需要的恰恰就是这些导数 $\\nabla C$。真正办不到的，是像碗形函数或最小二乘那样，直接解出 $\\nabla C = 0$ 的解析解。\
            导数本身并不难求：反向传播（第 7、8 课）一次反向计算就能得到全部导数，代价与一次前向计算相当。\
            对 `002` 的象限网络（$N = \(n)$ 个参数），用中心差分每求一次梯度要计算 $2N = \(2 * n)$ 次代价；反向传播只要一次前向、一次反向。
            """)
        page.record("central_difference_evaluations", Double(2 * n))
    }

    /// `002` says least squares computes “each β and ε”; ε is the error term, and what is left of it after the fit is the residual.
    func writeErrorTerm(_ page: inout Page) {
        let data = Self.dataSets(seed: seed)
        let x = data.lineX, y = data.lineY
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        guard sxx > 0 else { return }
        let slope = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / sxx
        let intercept = my - slope * mx
        let residuals = zip(x, y).map { $1 - (intercept + slope * $0) }
        let noise = zip(x, y).map { $1 - (Self.lineTruth[0] + Self.lineTruth[1] * $0) }
        page.section("ε is not a parameter", zh: "ε 不是参数")
        page.erratum("""
            `002` says least squares finds “the values of each β and ε”. In $y = \\beta_0 + \\beta_1 x_1 + \\cdots + \\varepsilon$ the \
            $\\varepsilon$ is the **error term**: the part of each $y$ that the rule does not explain (noise, missing factors), a \
            different number for every data point. Least squares estimates only the $\\beta$s; what it leaves of $\\varepsilon$ \
            are the **residuals** $y_i - \\hat y_i$, which come out of the fit rather than being fitted. For the line above, \
            beside the noise that was actually added (known here because the data were made from $y = \(fmt(Self.lineTruth[0])) + \(fmt(Self.lineTruth[1]))x$):
            """, zh: """
            `002` 说最小二乘法计算的是“各个β，ε的值”。在 $y = \\beta_0 + \\beta_1 x_1 + \\cdots + \\varepsilon$ 中，\
            $\\varepsilon$ 是**误差项**：每个 $y$ 中规律解释不了的部分（噪声、遗漏的因素），每个数据点各不相同。\
            最小二乘只估计各个 $\\beta$；它留下的 $\\varepsilon$ 的估计是**残差** $y_i - \\hat y_i$，是拟合的结果而不是被拟合的参数。\
            上文那条直线的残差，与实际加入的噪声对照如下（数据由 $y = \(fmt(Self.lineTruth[0])) + \(fmt(Self.lineTruth[1]))x$ 生成，所以噪声已知）：
            """)
        page.table([Localized("$i$", zh: "$i$"), Localized("$x_i$", zh: "$x_i$"), Localized("residual $y_i - \\hat y_i$", zh: "残差 $y_i - \\hat y_i$"),
                    Localized("noise added", zh: "加入的噪声")],
                   x.indices.map { [.number(Double($0 + 1)), .number(x[$0]), .number(residuals[$0]), .number(noise[$0])] })
        let total = residuals.reduce(0, +)
        page.record("line_residuals", residuals)
        page.say(abs(total) < 1e-9
                 ? "The residuals add up to \(NumberFormat.short(abs(total) < 1e-12 ? 0 : total, significant: 2)) (zero up to rounding), as they always do when the model has an intercept $\\beta_0$; the noise need not."
                 : "The residuals add up to \(NumberFormat.short(total, significant: 3)).",
                 zh: abs(total) < 1e-9
                 ? "残差之和为 \(NumberFormat.short(abs(total) < 1e-12 ? 0 : total, significant: 2))（除舍入外为零）；只要模型带截距 $\\beta_0$，残差之和总是如此，而噪声之和则不必为零。"
                 : "残差之和为 \(NumberFormat.short(total, significant: 3))。")
    }
}
