import ArgumentParser
import LessonKit
import LonghandEngine
import Notebook

// The second half of `gradient-descent`: least squares solved exactly and by descent.
extension GradientDescentLesson {
    /// The three small data sets, drawn from one seeded generator in a fixed order.
    struct DataSets {
        let lineX: [Double], lineY: [Double]
        let multiX: [[Double]], multiY: [Double]
        let polyX: [Double], polyY: [Double]
    }

    /// The rules that made the data (the fits should come close to these, not equal them).
    static let lineTruth = [1.0, 2.0]
    static let multiTruth = [0.5, 1.5, -0.8]
    static let polyTruth = [0.5, -1.0, 0.0, 2.0]
    static let polyDegree = 3

    /// Two decimals, as measurements are written down.
    static func twoDecimals(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    static func dataSets(seed: Int) -> DataSets {
        var r = SeededRandom(seed: UInt64(seed))
        let lineX = (0..<8).map { Double($0) * 0.5 }
        let lineY = lineX.map { twoDecimals(lineTruth[0] + lineTruth[1] * $0 + 0.5 * r.normal()) }
        var multiX: [[Double]] = [], multiY: [Double] = []
        for _ in 0..<12 {
            let x = [twoDecimals(r.uniform(0, 2)), twoDecimals(r.uniform(0, 2))]
            multiX.append(x)
            multiY.append(twoDecimals(multiTruth[0] + multiTruth[1] * x[0] + multiTruth[2] * x[1] + 0.2 * r.normal()))
        }
        let polyX = (0..<12).map { _ in twoDecimals(r.uniform(-1, 1)) }.sorted()
        let poly = PolynomialFeatures(degree: polyDegree)
        let polyY = polyX.map { twoDecimals(poly.evaluate(polyTruth, at: $0) + 0.15 * r.normal()) }
        return DataSets(lineX: lineX, lineY: lineY, multiX: multiX, multiY: multiY, polyX: polyX, polyY: polyY)
    }

    /// What one fit produced, for the page and the comparison figure.
    struct Fit {
        let problem: LeastSquares
        let exact: [Double]
        let descent: [Double]
        let learningRate: Double
        let path: [[Double]]
        var difference: Double { zip(exact, descent).map { abs($0 - $1) }.max() ?? 0 }
    }

    /// Solves by the normal equations (steps shown) and by gradient descent with η = 1/λmax.
    func fit(_ page: inout Page, _ problem: LeastSquares, key: String, names: [String]) throws -> Fit {
        let a = problem.normalMatrix, rhs = problem.normalVector
        page.step(.raw(tex: "X^\\top X", text: "XᵀX"), [.matrix(a.nested)])
        page.step(.raw(tex: "X^\\top y", text: "Xᵀy"), [.matrix(rhs.map { [$0] })])
        guard let solved = problem.closedForm() else {
            throw ValidationError("--seed: the data drawn for \(key) have dependent columns; try another seed")
        }
        if a.rows == 2 { solveByHand(&page, a.nested, rhs, key: key) }
        page.say(a.rows == 2 ? """
            A computer does the same elimination in an order that also serves the larger systems below. \
            Cholesky factorisation writes $X^\\top X = LL^\\top$ with $L$ lower triangular; then $Lz = X^\\top y$ is solved from the top \
            row down and $L^\\top\\beta = z$ from the bottom row up, giving the same $\\beta$:
            """ : """
            Cholesky factorisation writes $X^\\top X = LL^\\top$ with $L$ lower triangular; then $Lz = X^\\top y$ is solved from the top \
            row down and $L^\\top\\beta = z$ from the bottom row up:
            """, zh: a.rows == 2 ? """
            计算机做的是同样的消元，只是换了一种对下面更大的方程组也适用的顺序。\
            Cholesky 分解把 $X^\\top X$ 写成 $LL^\\top$，$L$ 是下三角矩阵；然后从上往下解 $Lz = X^\\top y$，再从下往上解 $L^\\top\\beta = z$，得到同样的 $\\beta$：
            """ : """
            Cholesky 分解把 $X^\\top X$ 写成 $LL^\\top$，$L$ 是下三角矩阵；然后从上往下解 $Lz = X^\\top y$，再从下往上解 $L^\\top\\beta = z$：
            """)
        page.step(.sym("L"), [.matrix(solved.factor.lower.nested)])
        page.step(.sym("z"), [.matrix(solved.intermediate.map { [$0] })])
        page.step(.raw(tex: "\\beta", text: "β"), [.matrix(solved.beta.map { [$0] })])
        page.record("\(key)_closed_form", solved.beta)
        page.record("\(key)_cost", problem.cost(solved.beta))

        let curvature = problem.largestCurvature
        let eta = 1 / curvature
        let path = problem.gradientDescentPath(from: Array(repeating: 0, count: a.rows), learningRate: eta, steps: fitSteps)
        let descent = path.last!
        page.say("""
            Now the same minimum by gradient descent on $J(\\beta) = (1/n)\\|X\\beta - y\\|^2$, whose gradient is \
            $\\nabla J = (2/n)X^\\top(X\\beta - y)$. $J$ is a bowl too: its curvatures are the eigenvalues of \
            $(2/n)X^\\top X$, the largest being $\\lambda_{\\max} = \(fmt(curvature))$ (by power iteration), so any \
            $\\eta < 2/\\lambda_{\\max} = \(fmt(2 / curvature))$ works. Take $\\eta = 1/\\lambda_{\\max} = \(fmt(eta))$ and start from $\\beta = 0$:
            """, zh: """
            再用梯度下降求同一个最小值。代价是 $J(\\beta) = (1/n)\\|X\\beta - y\\|^2$，梯度为 \
            $\\nabla J = (2/n)X^\\top(X\\beta - y)$。$J$ 也是一个碗：它的曲率就是 $(2/n)X^\\top X$ 的特征值，\
            其中最大的是 $\\lambda_{\\max} = \(fmt(curvature))$（用幂迭代求得），所以任何 $\\eta < 2/\\lambda_{\\max} = \(fmt(2 / curvature))$ 都可以。\
            取 $\\eta = 1/\\lambda_{\\max} = \(fmt(eta))$，从 $\\beta = 0$ 出发：
            """)
        let shown = [0, 1, 2, 10, 100, 1000, 10000, 100000].filter { $0 < path.count - 1 } + [path.count - 1]
        var columns = [Localized("step", zh: "步数")]
        columns += names.map { Localized("$\($0)$", zh: "$\($0)$") }
        columns.append(Localized("$J(\\beta)$", zh: "$J(\\beta)$"))
        page.table(columns, shown.map { k in
            [.number(Double(k))] + path[k].map { Table.Cell.number($0, digits: 8) } + [.number(problem.cost(path[k]), digits: 8)]
        })
        let result = Fit(problem: problem, exact: solved.beta, descent: descent, learningRate: eta, path: path)
        page.say("""
            After \(path.count - 1) steps the largest difference from the normal-equation answer is $\(Self.tex(result.difference))$: \
            \(result.difference < 1e-8 ? "the two methods agree" : "not there yet; more steps (`--fit-steps`) close the gap").
            """, zh: """
            走了 \(path.count - 1) 步之后，与正规方程解的最大差距是 $\(Self.tex(result.difference))$：\
            \(result.difference < 1e-8 ? "两种方法得到同一个答案" : "还没到;增加步数(`--fit-steps`)可以缩小差距")。
            """)
        page.record("\(key)_learning_rate", eta)
        page.record("\(key)_gradient_descent", descent)
        page.record("\(key)_difference", result.difference)
        return result
    }

    /// The 2×2 normal equations of a line written out with their sums and solved by elimination, before any factorisation.
    func solveByHand(_ page: inout Page, _ a: [[Double]], _ r: [Double], key: String) {
        page.say("""
            Written out, these are two equations in the two unknowns. With $n = \(fmt(a[0][0]))$, $\\sum_i x_i = \(fmt(a[0][1]))$, \
            $\\sum_i x_i^2 = \(fmt(a[1][1]))$, $\\sum_i y_i = \(fmt(r[0]))$ and $\\sum_i x_i y_i = \(fmt(r[1]))$:
            """, zh: """
            写开来，这是关于两个未知数的两个方程。代入 $n = \(fmt(a[0][0]))$、$\\sum_i x_i = \(fmt(a[0][1]))$、\
            $\\sum_i x_i^2 = \(fmt(a[1][1]))$、$\\sum_i y_i = \(fmt(r[0]))$、$\\sum_i x_i y_i = \(fmt(r[1]))$：
            """)
        func row(_ c0: Double, _ c1: Double, _ rhs: Double) -> String {
            "\(fmt(c0))\\,\\beta_0 \(c1 < 0 ? "-" : "+") \(fmt(abs(c1)))\\,\\beta_1 &= \(fmt(rhs))"
        }
        page.equation(tex: "\\begin{aligned} n\\,\\beta_0 + \\textstyle\\sum x_i\\,\\beta_1 &= \\textstyle\\sum y_i & \\qquad " + row(a[0][0], a[0][1], r[0])
                                + " \\\\ \\textstyle\\sum x_i\\,\\beta_0 + \\sum x_i^2\\,\\beta_1 &= \\textstyle\\sum x_i y_i & \\qquad " + row(a[1][0], a[1][1], r[1]) + " \\end{aligned}",
                      text: "n·β0 + Σx·β1 = Σy:  \(fmt(a[0][0]))·β0 + \(fmt(a[0][1]))·β1 = \(fmt(r[0]))\nΣx·β0 + Σx²·β1 = Σxy:  \(fmt(a[1][0]))·β0 + \(fmt(a[1][1]))·β1 = \(fmt(r[1]))")
        page.say("Eliminate $\\beta_0$: multiply the first equation by $m = \(fmt(a[1][0])) / \(fmt(a[0][0]))$ and subtract it from the second. The coefficient of $\\beta_1$ becomes $c$ and the right-hand side $d$:",
                 zh: "消去 $\\beta_0$：把第一个方程乘以 $m = \(fmt(a[1][0])) / \(fmt(a[0][0]))$，再从第二个方程中减去。$\\beta_1$ 的系数变成 $c$，右边变成 $d$：")
        let m = page.step("\(key)_elimination_factor", .sym("m"), [.quotient(.n(a[1][0]), .n(a[0][0]))], value: a[1][0] / a[0][0])
        let c = page.step("\(key)_elimination_coefficient", .sym("c"),
                          [.difference(.n(a[1][1]), .product([.n(m), .n(a[0][1])]))], value: a[1][1] - m * a[0][1])
        let d = page.step("\(key)_elimination_right", .sym("d"),
                          [.difference(.n(r[1]), .product([.n(m), .n(r[0])]))], value: r[1] - m * r[0])
        page.say("What is left is one equation in $\\beta_1$ alone, $\(fmt(c))\\,\\beta_1 = \(fmt(d))$, so",
                 zh: "剩下的是只含 $\\beta_1$ 的一个方程 $\(fmt(c))\\,\\beta_1 = \(fmt(d))$，于是")
        let b1 = page.step("\(key)_by_hand_beta1", .raw(tex: "\\beta_1", text: "β1"), [.quotient(.n(d), .n(c))], value: d / c)
        page.say("and putting $\\beta_1$ back into the first equation,", zh: "再把 $\\beta_1$ 代回第一个方程：")
        let b0 = page.step("\(key)_by_hand_beta0", .raw(tex: "\\beta_0", text: "β0"),
                           [.quotient(.difference(.n(r[0]), .product([.n(a[0][1]), .n(b1)])), .n(a[0][0]))], value: (r[0] - a[0][1] * b1) / a[0][0])
        page.say("The least-squares line is $y = \(fmt(b0)) \(b1 < 0 ? "-" : "+") \(fmt(abs(b1)))\\,x$.",
                 zh: "最小二乘直线是 $y = \(fmt(b0)) \(b1 < 0 ? "-" : "+") \(fmt(abs(b1)))\\,x$。")
    }

    func writeLeastSquares(_ page: inout Page) throws {
        let data = Self.dataSets(seed: seed)
        page.section("Least squares: fitting a line", zh: "最小二乘：拟合一条直线")
        page.say("""
            Source text `002` starts from equations: given pairs $(x, y)$, find the rule $y = ax + b$ behind them, "usually by least squares". \
            Writing $\\beta_0 = b$, $\\beta_1 = a$, least squares picks the $\\beta$ that minimises the mean squared error \
            $J(\\beta) = (1/n)\\sum_i (\\beta_0 + \\beta_1 x_i - y_i)^2$. Here are eight points made from the rule \
            $y = \(fmt(Self.lineTruth[0])) + \(fmt(Self.lineTruth[1]))x$ plus seeded noise (seed \(seed)):
            """, zh: """
            原文 `002` 从方程讲起：已知若干对 $(x, y)$，求出背后的规律 $y = ax + b$，“常用的算法是最小二乘法”。\
            记 $\\beta_0 = b$、$\\beta_1 = a$，最小二乘就是选使均方误差 $J(\\beta) = (1/n)\\sum_i (\\beta_0 + \\beta_1 x_i - y_i)^2$ \
            最小的 $\\beta$。下面八个点由规律 $y = \(fmt(Self.lineTruth[0])) + \(fmt(Self.lineTruth[1]))x$ 加上带种子的噪声生成（种子 \(seed)）：
            """)
        page.table([Localized("$i$", zh: "$i$"), Localized("$x_i$", zh: "$x_i$"), Localized("$y_i$", zh: "$y_i$")],
                   zip(data.lineX, data.lineY).enumerated().map { [.number(Double($0 + 1)), .number($1.0), .number($1.1)] })
        page.record("line_x", data.lineX)
        page.record("line_y", data.lineY)
        page.say("""
            Setting the gradient of $J$ to zero gives the **normal equations** $X^\\top X\\beta = X^\\top y$, where $X$ has a row \
            $(1, x_i)$ for each point:
            """, zh: """
            令 $J$ 的梯度为零，得到**正规方程** $X^\\top X\\beta = X^\\top y$，其中 $X$ 的每一行是 $(1, x_i)$：
            """)
        let line = LeastSquares(design: LeastSquares.designMatrix(features: data.lineX.map { [$0] }), targets: data.lineY)
        let lineFit = try fit(&page, line, key: "line", names: ["\\beta_0", "\\beta_1"])
        // The textbook formula as an independent check of the 2×2 solve.
        let n = Double(data.lineX.count)
        let mx = data.lineX.reduce(0, +) / n, my = data.lineY.reduce(0, +) / n
        let sxy = zip(data.lineX, data.lineY).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let sxx = data.lineX.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        page.say("For a line the normal equations also have a well-known closed form; it gives the same numbers:",
                 zh: "对直线来说，正规方程还有一个常见的显式解，它给出同样的数：")
        page.step("line_slope", .raw(tex: "\\beta_1", text: "β1"),
                  [.raw(tex: "\\frac{\\sum (x_i - \\bar x)(y_i - \\bar y)}{\\sum (x_i - \\bar x)^2}", text: "Σ(xi − x̄)(yi − ȳ) / Σ(xi − x̄)²"),
                   .quotient(.n(sxy), .n(sxx))], value: sxy / sxx)
        page.step("line_intercept", .raw(tex: "\\beta_0", text: "β0"),
                  [.raw(tex: "\\bar y - \\beta_1 \\bar x", text: "ȳ − β1·x̄"), .difference(.n(my), .product([.n(sxy / sxx), .n(mx)]))], value: my - sxy / sxx * mx)
        let lineDomain = (data.lineX.min()! - 0.25)...(data.lineX.max()! + 0.25)
        let lineAgrees = lineFit.difference < 1e-8
        page.figure("line", title: lineAgrees
                        ? Localized("The least-squares line: normal equations and gradient descent agree", zh: "最小二乘直线：正规方程与梯度下降结果一致")
                        : Localized("The least-squares line from the normal equations, and gradient descent on its way", zh: "正规方程给出的最小二乘直线，以及尚未走到的梯度下降"),
                    description: Localized("Eight data points, the line y = \(fmt(lineFit.exact[0])) + \(fmt(lineFit.exact[1]))x from the normal equations (solid) and the line from \(lineFit.path.count - 1) steps of gradient descent (dashed), \(lineAgrees ? "which lies on top of it" : "whose coefficients still differ by up to \(NumberFormat.short(lineFit.difference, significant: 2))").",
                                           zh: "八个数据点；实线是正规方程给出的直线 y = \(fmt(lineFit.exact[0])) + \(fmt(lineFit.exact[1]))x，虚线是梯度下降 \(lineFit.path.count - 1) 步得到的直线，\(lineAgrees ? "两者重合" : "系数最多还差 \(NumberFormat.short(lineFit.difference, significant: 2))")。"),
                    LinePlot(xLabel: Localized("x", zh: "x"), yLabel: Localized("y", zh: "y"),
                             series: [.init(Localized("data", zh: "数据"), zip(data.lineX, data.lineY).map { .init($0, $1) }, style: .points, color: 6),
                                      .init(Localized("normal equations", zh: "正规方程"), LinePlot.sample(lineDomain, count: 2) { lineFit.exact[0] + lineFit.exact[1] * $0 }, color: 0),
                                      .init(Localized("gradient descent", zh: "梯度下降"), LinePlot.sample(lineDomain, count: 2) { lineFit.descent[0] + lineFit.descent[1] * $0 }, style: .dashed, color: 1)],
                             width: 520, height: 340))

        page.section("Multiple linear regression", zh: "多元线性回归")
        page.say("""
            With two inputs the rule becomes $y = \\beta_0 + \\beta_1 x_1 + \\beta_2 x_2$ (text `002`'s "multiple linear equation"): \
            more parameters, the same method. Twelve points made from $y = \(Self.termsTeX(Self.multiTruth, ["", "x_1", "x_2"]))$ plus noise:
            """, zh: """
            有两个输入时，规律变成 $y = \\beta_0 + \\beta_1 x_1 + \\beta_2 x_2$（原文 `002` 的“多元线性方程”）：参数更多，方法不变。\
            下面十二个点由 $y = \(Self.termsTeX(Self.multiTruth, ["", "x_1", "x_2"]))$ 加噪声生成：
            """)
        page.table([Localized("$i$", zh: "$i$"), Localized("$x_1$", zh: "$x_1$"), Localized("$x_2$", zh: "$x_2$"), Localized("$y$", zh: "$y$")],
                   zip(data.multiX, data.multiY).enumerated().map { [.number(Double($0 + 1)), .number($1.0[0]), .number($1.0[1]), .number($1.1)] })
        page.record("multiple_x", data.multiX)
        page.record("multiple_y", data.multiY)
        let multi = LeastSquares(design: LeastSquares.designMatrix(features: data.multiX), targets: data.multiY)
        let multiFit = try fit(&page, multi, key: "multiple", names: ["\\beta_0", "\\beta_1", "\\beta_2"])

        page.section("Polynomial regression", zh: "多项式回归")
        page.say("""
            A curve $y = \\beta_0 + \\beta_1 x + \\beta_2 x^2 + \\beta_3 x^3$ is still *linear in the coefficients*: expand each $x$ into the \
            features $(1, x, x^2, x^3)$ and it is multiple regression again (text `002`'s "polynomial equation"). Twelve points \
            made from $y = \(Self.polynomialTeX(Self.polyTruth))$ plus noise:
            """, zh: """
            曲线 $y = \\beta_0 + \\beta_1 x + \\beta_2 x^2 + \\beta_3 x^3$ 对*系数*而言仍然是线性的：把每个 $x$ 展开成特征 \
            $(1, x, x^2, x^3)$，它就又变成了多元回归（原文 `002` 的“多项式方程”）。下面十二个点由 \
            $y = \(Self.polynomialTeX(Self.polyTruth))$ 加噪声生成：
            """)
        let features = PolynomialFeatures(degree: Self.polyDegree)
        page.table([Localized("$x$", zh: "$x$"), Localized("features $(1, x, x^2, x^3)$", zh: "特征 $(1, x, x^2, x^3)$"), Localized("$y$", zh: "$y$")],
                   zip(data.polyX, data.polyY).map { [.number($0), .math(Self.vector(features.expand($0), digits: 4)), .number($1)] })
        page.record("poly_x", data.polyX)
        page.record("poly_y", data.polyY)
        let poly = LeastSquares(design: features.designMatrix(data.polyX), targets: data.polyY)
        let polyFit = try fit(&page, poly, key: "poly", names: ["\\beta_0", "\\beta_1", "\\beta_2", "\\beta_3"])
        page.figure("poly", title: Localized("A cubic fitted by least squares", zh: "用最小二乘拟合的三次曲线"),
                    description: Localized("Twelve points and the cubic with coefficients (\(polyFit.exact.map(fmt).joined(separator: ", "))) for 1, x, x², x³, from the normal equations (solid) and from gradient descent (dashed).",
                                           zh: "十二个数据点；实线是正规方程给出的三次曲线（1、x、x²、x³ 的系数依次为 \(polyFit.exact.map(fmt).joined(separator: "、"))），虚线是梯度下降的结果。"),
                    LinePlot(xLabel: Localized("x", zh: "x"), yLabel: Localized("y", zh: "y"),
                             series: [.init(Localized("data", zh: "数据"), zip(data.polyX, data.polyY).map { .init($0, $1) }, style: .points, color: 6),
                                      .init(Localized("normal equations", zh: "正规方程"), LinePlot.sample(-1.1...1.1, count: 89) { features.evaluate(polyFit.exact, at: $0) }, color: 0),
                                      .init(Localized("gradient descent", zh: "梯度下降"), LinePlot.sample(-1.1...1.1, count: 89) { features.evaluate(polyFit.descent, at: $0) }, style: .dashed, color: 1)],
                             width: 520, height: 340))

        page.subsection("Why some fits need more steps", zh: "为什么有的拟合要走更多步")
        let fits = [(Localized("line", zh: "直线"), lineFit), (Localized("multiple", zh: "多元"), multiFit), (Localized("cubic", zh: "三次"), polyFit)]
        let ratios = fits.map { Self.curvatureRatio($0.1.problem) }
        let valley = ratios[2] == ratios.min()!
            ? Localized("The cubic's features $x$ and $x^3$ are similar, which makes the longest, flattest valley of the three:",
                        zh: "三次多项式的特征 $x$ 和 $x^3$ 很相像，形成三者中最长、最平的山谷：")
            : Localized("The cubic's features $x$ and $x^3$ are similar, which stretches its valley, though with these data another fit's is flatter still:",
                        zh: "三次多项式的特征 $x$ 和 $x^3$ 很相像，山谷被拉长；不过在这组数据上，另一个拟合的山谷更平：")
        page.say("""
            Each cost is a bowl, and as on the bowl above every direction shrinks by its own factor $1 - \\eta\\lambda$ per step. \
            With $\\eta = 1/\\lambda_{\\max}$ the slowest direction, with the smallest curvature $\\lambda_{\\min}$, shrinks by \
            $1 - \\lambda_{\\min}/\\lambda_{\\max}$. \(valley.en)
            """, zh: """
            每个代价函数都是一个碗。和上面的碗一样，每个方向每一步按自己的系数 $1 - \\eta\\lambda$ 缩小。\
            取 $\\eta = 1/\\lambda_{\\max}$ 时，曲率最小（$\\lambda_{\\min}$）的方向最慢，每步缩小为原来的 \
            $1 - \\lambda_{\\min}/\\lambda_{\\max}$。\(valley.zh)
            """)
        var rows: [[Table.Cell]] = []
        for (name, f) in fits {
            let lmax = f.problem.largestCurvature
            let lmin = lmax * Self.curvatureRatio(f.problem)
            rows.append([.text(name), .number(lmax, digits: 4), .number(lmin, digits: 4), .number(1 - lmin / lmax, digits: 6),
                         .number(Double(f.path.count - 1)), .number(f.difference, digits: 2)])
        }
        page.table([Localized("fit", zh: "拟合"), Localized("$\\lambda_{\\max}$", zh: "$\\lambda_{\\max}$"), Localized("$\\lambda_{\\min}$", zh: "$\\lambda_{\\min}$"),
                    Localized("slowest factor", zh: "最慢方向的系数"), Localized("steps", zh: "步数"), Localized("max difference", zh: "最大差距")], rows)
        page.figure("convergence", title: Localized("Distance to the least-squares minimum during gradient descent", zh: "梯度下降过程中离最小二乘最小值的距离"),
                    description: Localized("J(β_k) − J(β*) against the step k on a logarithmic axis for the line, the multiple regression and the cubic; each falls along a straight line whose slope is set by its slowest factor.",
                                           zh: "直线、多元回归和三次多项式三个拟合中 J(β_k) − J(β*) 随步数 k 的变化，纵轴取对数；每条都沿直线下降，斜率由最慢方向的系数决定。"),
                    LinePlot(xLabel: Localized("step k", zh: "步数 k"), yLabel: Localized("J(β) − J(β*)", zh: "J(β) − J(β*)"),
                             series: fits.enumerated().map { i, nf in
                                 let best = nf.1.problem.cost(nf.1.exact)
                                 let stride = max(1, nf.1.path.count / 200)
                                 let pts = Swift.stride(from: 0, to: nf.1.path.count, by: stride).map { k in
                                     LinePlot.Point(Double(k), nf.1.problem.cost(nf.1.path[k]) - best)
                                 }.filter { $0.y > 1e-15 }
                                 return .init(nf.0, pts, color: i)
                             }, logY: true, width: 520, height: 320))
    }

    /// λmin/λmax of a fit's cost, the smaller the flatter its slowest valley (λmin by power iteration on λmax·I − H).
    static func curvatureRatio(_ problem: LeastSquares) -> Double {
        let lmax = problem.largestCurvature
        let shifted = lmax * Self.identity(problem.hessian.rows) - problem.hessian
        return (lmax - PowerIteration.largestEigenvalue(shifted)) / lmax
    }

    /// The n×n identity matrix.
    static func identity(_ n: Int) -> Matrix { Matrix(rows: n, columns: n) { $0 == $1 ? 1 : 0 } }

    /// A number as TeX (scientific values as 1.5 \times 10^{-7}).
    static func tex(_ x: Double, digits: Int = 2) -> String { ExprRendering.texNumber(x, digits: digits) }
}
