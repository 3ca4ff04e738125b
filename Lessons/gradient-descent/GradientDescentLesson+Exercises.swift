import LessonKit
import LonghandEngine
import Notebook

// The exercises of `gradient-descent`, each solved by the engine.
extension GradientDescentLesson {
    func writeExercises(_ page: inout Page) {
        page.exercise("For the bowl $C = 3v_1^2 + v_2^2$, what is the largest learning rate at which $C$ falls at every step? Is $\\eta = 0.3$ safe? Take three steps from $(1, 1)$.",
                      zh: "对碗 $C = 3v_1^2 + v_2^2$，能保证每一步 $C$ 都下降的最大学习率是多少？$\\eta = 0.3$ 安全吗？从 $(1, 1)$ 出发走三步。") { s in
            let b = QuadraticBowl(coefficients: [3, 1])
            let eta = 0.3
            s.step("eta_threshold", .raw(tex: "\\eta^{*}", text: "η*"), [.quotient(.n(1), .call(tex: "\\max", text: "max", [.n(3), .n(1)]))], value: b.learningRateThreshold)
            let f = b.contraction(learningRate: eta)
            for j in 0..<2 {
                s.step(nil, .raw(tex: "1 - 2a_\(j + 1)\\eta", text: "1 − 2·a\(j + 1)·η"), [.difference(.n(1), .product([.n(2), .n(b.coefficients[j]), .n(eta)]))], value: f[j])
            }
            let path = b.path(from: [1, 1], learningRate: eta, steps: 3)
            s.table([Localized("step", zh: "步数"), Localized("$v$", zh: "$v$"), Localized("$C(v)$", zh: "$C(v)$")],
                    path.enumerated().map { [.number(Double($0)), .math(Self.vector($1)), .number(b.value($1))] })
            s.say("""
                $0.3 < \(fmt(b.learningRateThreshold))$, so it is safe: both factors lie between −1 and 1. The factor $\(fmt(f[0]))$ is \
                negative, so $v_1$ zigzags across the valley while $C$ still falls at every step.
                """, zh: """
                $0.3 < \(fmt(b.learningRateThreshold))$，所以是安全的：两个系数都在 −1 和 1 之间。系数 $\(fmt(f[0]))$ 为负，\
                所以 $v_1$ 在山谷两侧来回跳，但 $C$ 每一步仍在下降。
                """)
            s.record("costs", path.map(b.value))
        }
        page.exercise("Fit a line $y = \\beta_0 + \\beta_1 x$ to the three points $(0, 1)$, $(1, 3)$, $(2, 4)$ by the normal equations, and check the answer with gradient descent.",
                      zh: "用正规方程给三个点 $(0, 1)$、$(1, 3)$、$(2, 4)$ 拟合直线 $y = \\beta_0 + \\beta_1 x$，再用梯度下降验证。") { s in
            let problem = LeastSquares(design: LeastSquares.designMatrix(features: [[0], [1], [2]]), targets: [1, 3, 4])
            s.step(.raw(tex: "X^\\top X", text: "XᵀX"), [.matrix(problem.normalMatrix.nested)])
            s.step(.raw(tex: "X^\\top y", text: "Xᵀy"), [.matrix(problem.normalVector.map { [$0] })])
            if let solved = problem.closedForm() {
                s.step(.sym("L"), [.matrix(solved.factor.lower.nested)])
                s.step(.sym("z"), [.matrix(solved.intermediate.map { [$0] })])
                s.step(.raw(tex: "\\beta", text: "β"), [.matrix(solved.beta.map { [$0] })])
                let eta = 1 / problem.largestCurvature
                let gd = problem.gradientDescent(from: [0, 0], learningRate: eta, steps: 2000)
                s.say("""
                    Gradient descent with $\\eta = 1/\\lambda_{\\max} = \(fmt(eta))$ from $\\beta = 0$ reaches $(\(gd.map(fmt).joined(separator: ", ")))$ \
                    after 2000 steps: the same line, $y = \(fmt(solved.beta[0])) + \(fmt(solved.beta[1]))x$.
                    """, zh: """
                    用 $\\eta = 1/\\lambda_{\\max} = \(fmt(eta))$ 从 $\\beta = 0$ 出发做梯度下降，2000 步后到达 $(\(gd.map(fmt).joined(separator: ", ")))$：\
                    同一条直线 $y = \(fmt(solved.beta[0])) + \(fmt(solved.beta[1]))x$。
                    """)
                s.record("beta", solved.beta)
                s.record("gradient_descent", gd)
            }
        }
        let b = theBowl, v = start.values
        page.exercise("Which learning rate brings this lesson's bowl down fastest? Run \(steps) steps with it and compare $C$ with $\\eta = \(fmt(etas.values[0]))$.",
                      zh: "哪个学习率能让本课的碗下降得最快？用它走 \(steps) 步，把 $C$ 和 $\\eta = \(fmt(etas.values[0]))$ 时的结果比较。") { s in
            let best = b.fastestLearningRate
            let a = b.coefficients
            s.step("eta_fastest", .raw(tex: "\\eta", text: "η"), [.quotient(.n(1), .sum([.n(a.min()!), .n(a.max()!)]))], value: best)
            let f = b.contraction(learningRate: best)
            for j in 0..<2 {
                s.step(nil, .raw(tex: "1 - 2a_\(j + 1)\\eta", text: "1 − 2·a\(j + 1)·η"), [.difference(.n(1), .product([.n(2), .n(a[j]), .n(best)]))], value: f[j])
            }
            let fast = b.value(b.path(from: v, learningRate: best, steps: steps).last!)
            let firstRun = Self.boundedPath(b, from: v, learningRate: etas.values[0], steps: steps)
            let first = b.value(firstRun.path.last!)
            let eta0 = fmt(etas.values[0])
            let comparison: Localized
            if let d = firstRun.stoppedAt {
                comparison = Localized("With $\\eta = \(eta0)$ the path diverges instead: its cost passed $10^{12}$ at step \(d).",
                                       zh: "而 $\\eta = \(eta0)$ 时路径发散：第 \(d) 步代价就超过了 $10^{12}$。")
            } else if fast < first {
                comparison = Localized("That is lower than the $\(fmt(first))$ reached with $\\eta = \(eta0)$.",
                                       zh: "比 $\\eta = \(eta0)$ 时的 $\(fmt(first))$ 低。")
            } else if fast > first {
                comparison = Localized("Yet $\\eta = \(eta0)$ reaches $\(fmt(first))$, lower still: this rate is best for the slowest direction in the long run, and from this start the other rate happens to do better in \(steps) steps.",
                                       zh: "而 $\\eta = \(eta0)$ 时是 $\(fmt(first))$，反而更低：这个学习率对最慢的方向长远来看最好，但从这个起点走 \(steps) 步，另一个学习率碰巧更好。")
            } else {
                comparison = Localized("The same as with $\\eta = \(eta0)$.", zh: "与 $\\eta = \(eta0)$ 时相同。")
            }
            s.say("""
                Both factors have size $\(fmt(abs(f[0])))$, the smallest the slower direction can get. After \(steps) steps $C = \(fmt(fast))$. \
                \(comparison.en)
                """, zh: """
                两个系数的绝对值都是 $\(fmt(abs(f[0])))$，这是较慢的那个方向所能达到的最小值。走 \(steps) 步之后 $C = \(fmt(fast))$，\
                \(comparison.zh)
                """)
            s.record("C_final", fast)
        }
    }
}
