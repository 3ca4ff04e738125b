import ArgumentParser
import LessonKit
import LonghandEngine
import Notebook

/// Lesson 6: gradient descent on a two-variable bowl, worked step by step for several learning
/// rates, and least squares (line, multiple, polynomial) solved exactly and by gradient descent.
public struct GradientDescentLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: id,
        abstract: "Gradient descent: rolling down a bowl with Δv = −η∇C, and least squares by the normal equations and by descent.",
        discussion: """
        The bowl is C(v1, v2) = a1·v1² + a2·v2² (--bowl a1,a2); the source texts' own figure is lost, so the \
        defaults (1, 2), start (2, 1) and learning rates 0.1, 0.4, 0.5, 0.55 are this lesson's choice. The regression \
        data sets are drawn from a seeded generator (--seed). Bad input prints one line naming the option and exits with 64.
        """)
    public static let position = 60
    public static let title = Localized("Gradient descent: rolling downhill", zh: "梯度下降：一路滚下山")
    public static let summary = Localized("Δv = −η∇C worked step by step on a bowl; when C falls and when it does not; least squares solved exactly and by descent.",
                                          zh: "在碗形函数上一步步计算 Δv = −η∇C；C 什么时候下降、什么时候不降；最小二乘的精确解与梯度下降解。")
    public static let part = CoursePart.learning

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: Self.help("bowl"))
    public var bowl = NumberList([1, 2])

    @Option(name: .long, parsing: .unconditional, help: Self.help("start"))
    public var start = NumberList([2, 1])

    @Option(name: .long, parsing: .unconditional, help: Self.help("etas"))
    public var etas = NumberList([0.1, 0.4, 0.5, 0.55])

    @Option(name: .long, parsing: .unconditional, help: Self.help("steps"))
    public var steps = 10

    @Option(name: .long, parsing: .unconditional, help: Self.help("seed"))
    public var seed = 6

    @Option(name: .long, parsing: .unconditional, help: Self.help("fit-steps"))
    public var fitSteps = 10000

    public init() {}

    public static var options: [LessonOption<Self>] {[
        .numbers("bowl", \.bowl, count: .exactly(2), each: 0.01...100,
                 label: Localized("Bowl coefficients", zh: "碗的系数"),
                 help: Localized("Coefficients a1,a2 of the bowl C = a1·v1² + a2·v2²", zh: "碗 C = a1·v1² + a2·v2² 的系数 a1、a2"), valueName: "a1,a2")
            // A steep bowl with a large η diverges past 1e308 within the steps and the table prints inf
            // (reported to the lesson's owner); random tests stay where the page prints finite numbers.
            .sampled(.list(count: .exactly(2), each: 0.01...10)),
        .numbers("start", \.start, count: .exactly(2), each: -10...10,
                 label: Localized("Starting point", zh: "起点"),
                 help: Localized("Starting point v1,v2, not both 0", zh: "起点 v1、v2，不能都为 0"), valueName: "v1,v2"),
        .numbers("etas", \.etas, count: .between(1...6), each: 1e-6...10,
                 label: Localized("Learning rates η", zh: "学习率 η"), help: Localized("Learning rates η to compare", zh: "要比较的学习率 η"), valueName: "eta,…")
            .sampled(.list(count: .between(1...6), each: 0.001...1)),
        .integer("steps", \.steps, 1...100,
                 label: Localized("Steps on the bowl", zh: "碗上的步数"), help: Localized("Gradient-descent steps on the bowl", zh: "在碗上做梯度下降的步数")),
        .integer("seed", \.seed, 0...(1 << 53),
                 label: Localized("Seed", zh: "随机种子"), help: Localized("Seed of the regression data sets", zh: "回归数据集的种子")),
        .integer("fit-steps", \.fitSteps, 1...200_000,
                 label: Localized("Fitting steps", zh: "拟合步数"),
                 help: Localized("Gradient-descent steps for each least-squares fit", zh: "每次最小二乘拟合的梯度下降步数"))
            .sampled(.integer(1...3000)),
    ]}

    public func validateTogether() throws(OptionError) {
        if start.values.allSatisfy({ $0 == 0 }) {
            throw Check.refuse("start", "0,0 is already the bottom of the bowl; accepted: any other point with coordinates from -10 to 10",
                               zh: "0,0 已经是碗底；可接受：坐标在 -10 到 10 之间的其他任意点")
        }
    }

    var theBowl: QuadraticBowl { QuadraticBowl(coefficients: bowl.values) }

    public func write(_ page: inout Page) throws {
        writeBowl(&page)
        writeLearningRates(&page)
        try writeLeastSquares(&page)
        writeExercises(&page)
        writeSourcePassages(&page)
    }

    // MARK: The bowl and one step

    /// C = a1·v1² + a2·v2² in TeX with the coefficients plugged in.
    func bowlTeX(_ b: QuadraticBowl) -> String {
        let a = b.coefficients.map { $0 == 1 ? "" : fmt($0) }
        return "C(v_1, v_2) = \(a[0])v_1^2 + \(a[1])v_2^2"
    }

    func writeBowl(_ page: inout Page) {
        let b = theBowl, a = b.coefficients, v = start.values
        let isDefault = a == [1, 2] && v == [2, 1] && etas.values == [0.1, 0.4, 0.5, 0.55]
        let coefficients = a[0] == a[1]
            ? Localized("Here the two coefficients are equal, so the bowl is round: every direction is equally steep, and a real cost's unevenness is missing.",
                        zh: "这里两个系数相等，碗是圆的：每个方向都一样陡，真实代价函数那种陡缓不一的情形就看不到了。")
            : Localized("The two coefficients differ, by a factor of \(fmt(max(a[0], a[1]) / min(a[0], a[1]))): a real cost is steeper in some directions than in others.",
                        zh: "两个系数不相等，相差 \(fmt(max(a[0], a[1]) / min(a[0], a[1]))) 倍：真实的代价函数在有的方向上陡、有的方向上缓。")
        page.say("""
            Source text `000` pictures learning as a ball rolling down into a valley. The valley is a cost $C(v_1, v_2)$ \
            that depends on two variables; we want the $v$ where $C$ is smallest. Calculus says how $C$ changes when we move \
            $v_1$ by $\\Delta v_1$ and $v_2$ by $\\Delta v_2$, and from that the text derives a rule for moving that always goes \
            downhill, or so it claims. This lesson works that rule out number by number, finds where the claim breaks, and then \
            uses the same rule to fit lines and curves to data (source text `002`, on equations and least squares).
            """, zh: """
            原文 `000` 把学习比作一个小球滚进山谷。山谷就是代价函数 $C(v_1, v_2)$，它依赖两个变量；我们要找的是使 $C$ 最小的 $v$。\
            微积分告诉我们，$v_1$ 移动 $\\Delta v_1$、$v_2$ 移动 $\\Delta v_2$ 时 $C$ 会怎样变化，原文据此推出一条移动规则，\
            说它总是往下走。本课把这条规则逐个数值地算出来，找出这个说法在哪里不成立，\
            然后用同一条规则去给数据拟合直线和曲线（原文 `002` 讲方程与最小二乘的部分）。
            """)

        page.section("A ball in a bowl", zh: "碗里的小球")
        page.say("The texts' own picture of the valley is lost, so take this bowl, whose bottom is at $v = (0, 0)$:",
                 zh: "原文的山谷图已经丢失，我们就用下面这个碗，它的最低点在 $v = (0, 0)$：")
        page.equation(tex: bowlTeX(b), text: "C(v1, v2) = \(fmt(a[0]))·v1² + \(fmt(a[1]))·v2²")
        page.convention("""
            The bowl $\(bowlTeX(b))$, the start $v = (\(fmt(v[0])), \(fmt(v[1])))$ and the learning rates \
            \(etas.values.map(fmt).joined(separator: ", ")) are \(isDefault ? "this lesson's choices" : "yours (the lesson's own are $v_1^2 + 2v_2^2$, $(2, 1)$ and 0.1, 0.4, 0.5, 0.55)") \
            (change them with `--bowl`, `--start`, `--etas`). \(coefficients.en)
            """, zh: """
            碗 $\(bowlTeX(b))$、起点 $v = (\(fmt(v[0])), \(fmt(v[1])))$ 和学习率 \
            \(etas.values.map(fmt).joined(separator: "、")) \(isDefault ? "都是本课自己选的" : "都是你给的（本课自己选的是 $v_1^2 + 2v_2^2$、$(2, 1)$ 和 0.1、0.4、0.5、0.55）")（可以用 `--bowl`、`--start`、`--etas` 修改）。\
            \(coefficients.zh)
            """)
        page.say("""
            Moving by $\\Delta v = (\\Delta v_1, \\Delta v_2)$ changes $C$ by about $\\Delta C \\approx \\frac{\\partial C}{\\partial v_1}\\Delta v_1 + \\frac{\\partial C}{\\partial v_2}\\Delta v_2 = \\nabla C \\cdot \\Delta v$. \
            The text chooses $\\Delta v = -\\eta \\nabla C$ with a small positive **learning rate** $\\eta$, so that \
            $\\Delta C \\approx -\\eta \\|\\nabla C\\|^2 \\le 0$. For our bowl the gradient is
            """, zh: """
            移动 $\\Delta v = (\\Delta v_1, \\Delta v_2)$ 时，$C$ 大约改变 $\\Delta C \\approx \\frac{\\partial C}{\\partial v_1}\\Delta v_1 + \\frac{\\partial C}{\\partial v_2}\\Delta v_2 = \\nabla C \\cdot \\Delta v$。\
            原文取 $\\Delta v = -\\eta \\nabla C$，其中 $\\eta$ 是一个小的正数，叫作**学习率**，于是 \
            $\\Delta C \\approx -\\eta \\|\\nabla C\\|^2 \\le 0$。对我们的碗，梯度是
            """)
        page.equation(tex: "\\nabla C = \\left(\\frac{\\partial C}{\\partial v_1}, \\frac{\\partial C}{\\partial v_2}\\right) = (\(fmt(2 * a[0]))v_1,\\ \(fmt(2 * a[1]))v_2), \\qquad v \\leftarrow v - \\eta \\nabla C",
                      text: "∇C = (∂C/∂v1, ∂C/∂v2) = (\(fmt(2 * a[0]))·v1, \(fmt(2 * a[1]))·v2),   v ← v − η∇C")

        let eta = etas.values[0]
        let st = b.step(from: v, learningRate: eta)
        page.section("One step, worked", zh: "算一步")
        page.say("Start at $v = (\(fmt(v[0])), \(fmt(v[1])))$ with $\\eta = \(fmt(eta))$.",
                 zh: "从 $v = (\(fmt(v[0])), \(fmt(v[1])))$ 出发，取 $\\eta = \(fmt(eta))$。")
        page.step("C_start", .sym("C(v)"), [.sum([.product([.n(a[0]), .power(.n(v[0]), .n(2))]), .product([.n(a[1]), .power(.n(v[1]), .n(2))])])], value: st.costBefore)
        for i in 0..<2 {
            page.step(nil, .symbol(tex: "\\frac{\\partial C}{\\partial v_\(i + 1)}", text: "∂C/∂v\(i + 1)"), [.product([.n(2), .n(a[i]), .n(v[i])])], value: st.gradient[i])
        }
        for i in 0..<2 {
            page.step(nil, .symbol(tex: "\\Delta v_\(i + 1)", text: "Δv\(i + 1)"), [.product([.negation(.n(eta)), .n(st.gradient[i])])], value: st.delta[i])
        }
        for i in 0..<2 {
            page.step(nil, .symbol(tex: "v_\(i + 1)'", text: "v\(i + 1)′"), [.sum([.n(v[i]), .n(st.delta[i])])], value: st.to[i])
        }
        page.step("C_next", .sym("C(v')"), [.sum([.product([.n(a[0]), .power(.n(st.to[0]), .n(2))]), .product([.n(a[1]), .power(.n(st.to[1]), .n(2))])])], value: st.costAfter)
        page.record("grad_C", st.gradient)
        page.record("delta_v", st.delta)
        page.record("v_next", st.to)

        page.subsection("How good is ΔC ≈ ∇C·Δv?", zh: "ΔC ≈ ∇C·Δv 有多准？")
        page.step("dC_linear", .raw(tex: "\\nabla C \\cdot \\Delta v", text: "∇C·Δv"),
                  [.sum([.product([.n(st.gradient[0]), .n(st.delta[0])]), .product([.n(st.gradient[1]), .n(st.delta[1])])])], value: st.linearChange)
        page.step("dC_exact", .raw(tex: "\\Delta C = C(v') - C(v)", text: "ΔC = C(v′) − C(v)"), [.difference(.n(st.costAfter), .n(st.costBefore))], value: st.exactChange)
        let curvatureTerm = zip(a, st.gradient).reduce(0) { $0 + $1.0 * $1.1 * $1.1 }
        page.say("""
            The prediction misses by $\(fmt(st.exactChange - st.linearChange))$. For a bowl the miss is exactly the second-order term \
            $\\eta^2 \\sum_i a_i (\\partial C/\\partial v_i)^2 = \(fmt(curvatureTerm)) \\eta^2$, so it shrinks like $\\eta^2$ while the \
            prediction shrinks only like $\\eta$:
            """, zh: """
            预测值偏差了 $\(fmt(st.exactChange - st.linearChange))$。对碗形函数，这个偏差恰好是二阶项 \
            $\\eta^2 \\sum_i a_i (\\partial C/\\partial v_i)^2 = \(fmt(curvatureTerm)) \\eta^2$，它随 $\\eta^2$ 缩小，\
            而预测值本身只随 $\\eta$ 缩小：
            """)
        let small = [eta, eta / 10, eta / 100]
        page.table([Localized("$\\eta$", zh: "$\\eta$"), Localized("$\\nabla C \\cdot \\Delta v$", zh: "$\\nabla C \\cdot \\Delta v$"),
                    Localized("exact $\\Delta C$", zh: "精确的 $\\Delta C$"), Localized("miss", zh: "偏差"), Localized("miss / $\\eta^2$", zh: "偏差 / $\\eta^2$")],
                   small.map { e in
                       let s = b.step(from: v, learningRate: e)
                       let miss = s.exactChange - s.linearChange
                       return [.number(e), .number(s.linearChange), .number(s.exactChange), .number(miss), .number(miss / (e * e))]
                   })
        page.record("dC_miss_over_eta_squared", curvatureTerm)
        // Whether the rows of the table bear the reasoning out: C falls in a row when its exact ΔC is negative.
        let falling = small.filter { b.step(from: v, learningRate: $0).exactChange < 0 }
        if falling.count == small.count {
            page.say("So for small $\\eta$ the text's reasoning holds: the first-order term $-\\eta\\|\\nabla C\\|^2$ dominates and $C$ falls. The next section asks how small is small enough.",
                     zh: "所以 $\\eta$ 很小时原文的推理成立：一阶项 $-\\eta\\|\\nabla C\\|^2$ 占主导，$C$ 下降。下一节要问的是：多小才算够小？")
        } else if falling.isEmpty {
            page.say("None of these rates is small enough: in every row the second-order term outweighs the first-order $-\\eta\\|\\nabla C\\|^2$ and $C$ rises. The text's reasoning needs a smaller $\\eta$; the next section asks how small is small enough.",
                     zh: "这几个学习率都不够小：每一行里二阶项都压过了一阶项 $-\\eta\\|\\nabla C\\|^2$，$C$ 反而上升。原文的推理需要更小的 $\\eta$；下一节要问的是：多小才算够小？")
        } else {
            let listed = falling.map { "$\\eta = \(fmt($0))$" }.joined(separator: ", ")
            page.say("$C$ falls only in the rows with \(listed), where the first-order term $-\\eta\\|\\nabla C\\|^2$ dominates; at the larger rates the second-order term wins and $C$ rises. The next section asks how small is small enough.",
                     zh: "只有在 \(falling.map { "$\\eta = \(fmt($0))$" }.joined(separator: "、")) 这几行里 $C$ 下降，一阶项 $-\\eta\\|\\nabla C\\|^2$ 占主导；学习率更大时二阶项占上风，$C$ 反而上升。下一节要问的是：多小才算够小？")
        }
    }

    // MARK: Several learning rates

    /// Above this cost a path on the bowl counts as diverged and is stopped, as in the optimizers lesson.
    static let divergenceLimit = 1e12

    /// A gradient-descent path that stops at the first step whose cost passes `divergenceLimit`.
    struct BowlRun {
        let path: [[Double]]
        /// The step at which the cost passed the limit, if it did.
        let stoppedAt: Int?
    }

    static func boundedPath(_ b: QuadraticBowl, from v: [Double], learningRate eta: Double, steps: Int) -> BowlRun {
        let full = b.path(from: v, learningRate: eta, steps: steps)
        if let k = full.firstIndex(where: { c in let cost = b.value(c); return !cost.isFinite || cost > divergenceLimit }) {
            return BowlRun(path: Array(full[...k]), stoppedAt: k)
        }
        return BowlRun(path: full, stoppedAt: nil)
    }

    /// The verdict for a rate with a factor of exactly −1, read from the run's own costs: C constant from some step on,
    /// or still creeping down towards the part that the flipping coordinate keeps for ever.
    static func endlessFlip(eta: Double, costs: [Double], limit: Double) -> Localized {
        // The first step from which every later cost equals it.
        let settled = costs.indices.first { k in costs[k...].allSatisfy { $0 == costs[k] } }
        if let k = settled, k < costs.count - 1 {
            return Localized("$\\eta = \(fmt(eta))$: a factor of exactly −1, so that coordinate flips sign at every step without shrinking: the path jumps back and forth across the valley for ever, and from step \(k) on $C$ stays at $\(fmt(costs[k]))$, never reaching 0.",
                             zh: "$\\eta = \(fmt(eta))$：有系数恰为 −1，那个坐标每一步都变号却不缩小：路径在山谷两侧永远来回跳，从第 \(k) 步起 $C$ 一直停在 $\(fmt(costs[k]))$，永远到不了 0。")
        }
        return Localized("$\\eta = \(fmt(eta))$: a factor of exactly −1, so that coordinate flips sign at every step without shrinking: the path jumps back and forth across the valley for ever, and $C$ creeps down towards $\(fmt(limit))$ (it is $\(fmt(costs.last ?? limit))$ after the last step) but never reaches 0.",
                         zh: "$\\eta = \(fmt(eta))$：有系数恰为 −1，那个坐标每一步都变号却不缩小：路径在山谷两侧永远来回跳，$C$ 慢慢降向 $\(fmt(limit))$（最后一步是 $\(fmt(costs.last ?? limit))$），但永远到不了 0。")
    }

    /// Under the contour figure: which paths leave the window, at which step, and where they went.
    func writeExits(_ page: inout Page, paths: [[[Double]]], range: ClosedRange<Double>) {
        var en: [String] = [], zh: [String] = []
        var exitSteps: [Double] = []
        func point(_ v: [Double]) -> String { "(" + v.map { ExprRendering.texNumber($0, digits: 4) }.joined(separator: ", ") + ")" }
        for (eta, path) in zip(etas.values, paths) {
            let points = path.map { LinePlot.Point($0[0], $0[1]) }
            guard let exit = ContourPathsPlot.firstExit(points, x: range, y: range) else { exitSteps.append(-1); continue }
            exitSteps.append(Double(exit.step))
            let last = path.count - 1
            en.append("the path for $\\eta = \(fmt(eta))$ leaves it at step \(exit.step), at $v = \(point(path[exit.step]))$, and is at $\(point(path[last]))$ after step \(last)")
            zh.append("$\\eta = \(fmt(eta))$ 的路径在第 \(exit.step) 步走出画面，到了 $v = \(point(path[exit.step]))$，第 \(last) 步后在 $\(point(path[last]))$")
        }
        page.record("window_exit_steps", exitSteps)
        let window = "$[\(fmt(range.lowerBound)), \(fmt(range.upperBound))]^2$"
        if en.isEmpty {
            page.say("Every path stays inside the window \(window) for all \(steps) steps.",
                     zh: "所有路径在 \(steps) 步之内都没有走出画面 \(window)。")
        } else {
            page.say("The window is \(window); " + en.joined(separator: "; ") + ". An arrow on the edge marks where each such path leaves and which way it was going.",
                     zh: "画面的范围是 \(window)；" + zh.joined(separator: "；") + "。画面边上的箭头标出它从哪里、朝哪个方向离开。")
        }
    }

    /// Whether C falls at every step of a path of costs.
    static func fallsEverywhere(_ costs: [Double]) -> Bool { zip(costs, costs.dropFirst()).allSatisfy { $1 < $0 } }

    func writeLearningRates(_ page: inout Page) {
        let b = theBowl, a = b.coefficients, v = start.values
        page.section("Several learning rates", zh: "几个不同的学习率")
        let runs = etas.values.map { Self.boundedPath(b, from: v, learningRate: $0, steps: steps) }
        let paths = runs.map(\.path)
        let costs = paths.map { $0.map(b.value) }
        for (eta, run) in zip(etas.values, runs) {
            if let d = run.stoppedAt {
                page.warning("With η = \(fmt(eta)) the path diverges: at step \(d) C passed 10^12, so the run was stopped there.",
                             zh: "η = \(fmt(eta)) 时路径发散：第 \(d) 步 C 超过了 10^12，于是在那里停止。")
            }
        }
        page.say("Run \(steps) steps from $v = (\(fmt(v[0])), \(fmt(v[1])))$ with each learning rate. The cost after each step:",
                 zh: "对每个学习率，从 $v = (\(fmt(v[0])), \(fmt(v[1])))$ 出发各走 \(steps) 步。每一步之后的代价：")
        let stepColumn = Localized("step $k$", zh: "第 $k$ 步")
        page.table([stepColumn] + etas.values.map { Localized("$C$ for $\\eta = \(fmt($0))$", zh: "$\\eta = \(fmt($0))$ 时的 $C$") },
                   (0...steps).map { k in
                       [.number(Double(k))] + costs.map { c in k < c.count ? Table.Cell.number(c[k], digits: 5) : .text(Localized("—", zh: "—")) }
                   })
        page.say("and the points $v_k$ themselves:", zh: "以及各步所在的点 $v_k$：")
        page.table([stepColumn] + etas.values.map { Localized("$v$ for $\\eta = \(fmt($0))$", zh: "$\\eta = \(fmt($0))$ 时的 $v$") },
                   (0...steps).map { k in
                       [.number(Double(k))] + paths.map { p in k < p.count ? Table.Cell.math(Self.vector(p[k], digits: 3)) : .text(Localized("—", zh: "—")) }
                   })
        page.record("costs", costs)
        page.record("final_points", paths.map { $0.last! })

        // The contour picture.
        let reach = max(abs(v[0]), abs(v[1])) * 1.35
        let range = -reach...reach
        let n = 61
        let gridValues: [[Double]] = (0..<n).map { r in
            let y = range.lowerBound + (range.upperBound - range.lowerBound) * Double(r) / Double(n - 1)
            return (0..<n).map { c in
                let x = range.lowerBound + (range.upperBound - range.lowerBound) * Double(c) / Double(n - 1)
                return b.value([x, y])
            }
        }
        let c0 = b.value(v)
        let levels = (-6...1).map { c0 * Double.pow(2, Double($0)) }
        let finals = zip(runs, costs).map { run, c in
            run.stoppedAt.map { Localized("stopped at step \($0) (C > 10^12)", zh: "第 \($0) 步停止（C > 10^12）") } ?? Localized(same: fmt(c.last!))
        }
        page.figure("contours", title: Localized("Gradient-descent paths on the bowl for each learning rate", zh: "不同学习率下梯度下降在碗上的路径"),
                    description: Localized("Contour lines of C = \(fmt(a[0]))·v1² + \(fmt(a[1]))·v2² with the \(steps)-step paths from (\(fmt(v[0])), \(fmt(v[1]))) for η = \(etas.values.map(fmt).joined(separator: ", ")). Final C: \(finals.map(\.en).joined(separator: ", ")).",
                                           zh: "C = \(fmt(a[0]))·v1² + \(fmt(a[1]))·v2² 的等高线，以及从 (\(fmt(v[0])), \(fmt(v[1]))) 出发、η = \(etas.values.map(fmt).joined(separator: "、")) 时各走 \(steps) 步的路径。最终的 C：\(finals.map(\.zh).joined(separator: "、"))。"),
                    ContourPathsPlot(xRange: range, yRange: range, grid: gridValues, levels: levels,
                                paths: zip(etas.values, paths).enumerated().map { i, ep in
                                    .init(Localized("η = \(fmt(ep.0))", zh: "η = \(fmt(ep.0))"), ep.1.map { .init($0[0], $0[1]) }, color: i)
                                },
                                markers: [.init(x: v[0], y: v[1], label: Localized("start", zh: "起点"))],
                                xLabel: Localized("v1", zh: "v1"), yLabel: Localized("v2", zh: "v2"),
                                note: Localized("contours: C = " + levels.map { NumberFormat.short($0, significant: 3) }.joined(separator: ", "),
                                                zh: "等高线：C = " + levels.map { NumberFormat.short($0, significant: 3) }.joined(separator: "、")),
                                dots: steps + 1, width: 520, height: 540))
        writeExits(&page, paths: paths, range: range)
        page.figure("costs", title: Localized("C after each step (logarithmic scale)", zh: "每一步之后的 C（对数坐标）"),
                    description: Localized("C(v_k) against the step k for each learning rate, on a logarithmic axis: a straight falling line is steady convergence, a rising one divergence.",
                                           zh: "各学习率下 C(v_k) 随步数 k 的变化，纵轴取对数：直线下降表示稳定收敛，上升表示发散。"),
                    LinePlot(xLabel: Localized("step k", zh: "步数 k"), yLabel: Localized("C(v)", zh: "C(v)"),
                             series: zip(etas.values, costs).enumerated().map { i, ec in
                                 .init(Localized("η = \(fmt(ec.0))", zh: "η = \(fmt(ec.0))"), ec.1.enumerated().map { .init(Double($0), $1) }, color: i)
                             }, logY: true))

        page.subsection("Why some rates fail", zh: "为什么有的学习率不行")
        page.say("""
            One step changes each coordinate separately: $v_i \\leftarrow v_i - \\eta \\cdot 2a_i v_i = (1 - 2a_i\\eta)\\, v_i$. \
            If a factor lies between 0 and 1 that coordinate creeps towards 0; between −1 and 0 it jumps across the valley \
            and back, shrinking (zigzag); beyond −1 every jump overshoots further, and the ball leaves the bowl.
            """, zh: """
            一步更新对每个坐标是分开作用的：$v_i \\leftarrow v_i - \\eta \\cdot 2a_i v_i = (1 - 2a_i\\eta)\\, v_i$。\
            系数在 0 和 1 之间，这个坐标就慢慢靠向 0；在 −1 和 0 之间，它在山谷两侧来回跳，幅度越来越小（之字形）；\
            小于 −1 时每一跳都冲得更远，小球就飞出了碗。
            """)
        var verdicts: [Localized] = []
        for (i, eta) in etas.values.enumerated() {
            let f = b.contraction(learningRate: eta)
            for j in 0..<2 {
                page.step(nil, .raw(tex: "1 - 2a_\(j + 1)\\eta", text: "1 − 2·a\(j + 1)·η"), [.difference(.n(1), .product([.n(2), .n(a[j]), .n(eta)]))], value: f[j])
            }
            // Only coordinates that start away from 0 move: a factor applied to 0 leaves 0.
            let active = (0..<2).filter { v[$0] != 0 }
            let worst = active.map { abs(f[$0]) }.max() ?? 0
            let idle = (0..<2).filter { v[$0] == 0 && abs(f[$0]) >= 1 }
            let verdict: Localized
            if !idle.isEmpty && worst < 1 {
                let j = idle[0] + 1
                verdict = Localized("$\\eta = \(fmt(eta))$: the factor of $v_\(j)$ is \(abs(f[idle[0]]) > 1 ? "beyond" : "exactly") ±1, but $v_\(j)$ starts at 0 and stays there, so from this start the path still converges\(active.contains { f[$0] < 0 } ? ", zigzagging" : "").",
                                    zh: "$\\eta = \(fmt(eta))$：$v_\(j)$ 的系数\(abs(f[idle[0]]) > 1 ? "绝对值超过" : "恰为") ±1，但 $v_\(j)$ 从 0 出发，一直停在 0，所以从这个起点出发路径仍然收敛\(active.contains { f[$0] < 0 } ? "，呈之字形" : "")。")
            } else if worst > 1 {
                verdict = Localized("$\\eta = \(fmt(eta))$: a factor beyond ±1, so the path diverges.", zh: "$\\eta = \(fmt(eta))$：有系数的绝对值超过 1，路径发散。")
            } else if worst == 1 {
                verdict = Self.endlessFlip(eta: eta, costs: costs[i], limit: (0..<2).filter { abs(f[$0]) == 1 }.reduce(0) { $0 + a[$1] * v[$1] * v[$1] })
            } else if active.contains(where: { f[$0] < 0 }) {
                verdict = Localized("$\\eta = \(fmt(eta))$: a negative factor, so the path zigzags but converges.", zh: "$\\eta = \(fmt(eta))$：有系数为负，路径呈之字形，但仍然收敛。")
            } else if f.allSatisfy({ $0 >= 0 && $0 < 1 }) {
                verdict = Localized("$\\eta = \(fmt(eta))$: both factors between 0 and 1, so the path slides smoothly to the bottom.", zh: "$\\eta = \(fmt(eta))$：两个系数都在 0 和 1 之间，路径平稳地滑到谷底。")
            } else {
                verdict = Localized("$\\eta = \(fmt(eta))$: the coordinate that moves has a factor between 0 and 1 (the other starts at 0 and stays there), so the path slides smoothly to the bottom.",
                                    zh: "$\\eta = \(fmt(eta))$：在动的那个坐标系数在 0 和 1 之间（另一个从 0 出发，一直停在 0），路径平稳地滑到谷底。")
            }
            verdicts.append(verdict)
            page.record("contraction_\(i + 1)", f)
        }
        page.say(verdicts.map { "- " + $0.en }.joined(separator: "\n"), zh: verdicts.map { "- " + $0.zh }.joined(separator: "\n"))
        let threshold = b.learningRateThreshold
        page.step("eta_threshold", .raw(tex: "\\eta^{*}", text: "η*"),
                  [.quotient(.n(1), .call(tex: "\\max", text: "max", a.map { .n($0) })), .quotient(.n(2), .raw(tex: "\\lambda_{\\max}", text: "λmax"))], value: threshold)
        page.say("""
            $C$ falls at every step, from every start, exactly when $0 < \\eta < \\eta^* = \(fmt(threshold))$, where \
            $\\lambda_{\\max} = 2\\max_i a_i = \(fmt(2 * a.max()!))$ is the bowl's steepest curvature. The rate that brings the \
            slowest coordinate down fastest is $1/(\\min_i a_i + \\max_i a_i) = \(fmt(b.fastestLearningRate))$, where the two factors \
            are equal and opposite.
            """, zh: """
            从任何起点出发、每一步 $C$ 都下降，当且仅当 $0 < \\eta < \\eta^* = \(fmt(threshold))$，其中 \
            $\\lambda_{\\max} = 2\\max_i a_i = \(fmt(2 * a.max()!))$ 是碗最陡方向的曲率。让最慢的坐标下降得最快的学习率是 \
            $1/(\\min_i a_i + \\max_i a_i) = \(fmt(b.fastestLearningRate))$，此时两个系数大小相等、符号相反。
            """)
        page.record("eta_fastest", b.fastestLearningRate)

        // The erratum, with what actually happened on this run.
        let textBowl = QuadraticBowl(coefficients: [1, 2])
        var story: [String] = [], storyZh: [String] = []
        for (eta, c) in zip(etas.values, costs) where eta >= threshold {
            if let up = zip(c, c.dropFirst()).enumerated().first(where: { $0.element.1 >= $0.element.0 })?.offset, c[(up + 1)...].allSatisfy({ $0 == c[up] }) {
                story.append("with $\\eta = \(fmt(eta))$, $C$ stops falling at step \(up + 1) and stays at $\(fmt(c[up]))$")
                storyZh.append("$\\eta = \(fmt(eta))$ 时，$C$ 在第 \(up + 1) 步不再下降，停在 $\(fmt(c[up]))$")
            } else if let up = zip(c, c.dropFirst()).enumerated().first(where: { $0.element.1 >= $0.element.0 })?.offset {
                story.append("with $\\eta = \(fmt(eta))$, $C$ goes from $\(fmt(c[up]))$ to $\(fmt(c[up + 1]))$ at step \(up + 1)")
                storyZh.append("$\\eta = \(fmt(eta))$ 时，第 \(up + 1) 步 $C$ 从 $\(fmt(c[up]))$ 变成 $\(fmt(c[up + 1]))$")
            }
        }
        page.erratum("""
            Source text `000` argues that since $\\|\\nabla C\\|^2 \\ge 0$, $\\Delta C \\le 0$, "so $C$ will always decrease and never increase". \
            That holds only for a small enough $\\eta$: $\\Delta C \\approx \\nabla C \\cdot \\Delta v$ is a first-order approximation, and \
            the neglected term $\\eta^2 \\sum_i a_i (\\partial C/\\partial v_i)^2$ grows faster than $\\eta$. For this bowl the threshold is \
            $\\eta^* = \(fmt(threshold))$\(bowl.values == [1, 2] ? "" : " (for the default bowl $v_1^2 + 2v_2^2$ it is $\(fmt(textBowl.learningRateThreshold))$)")\
            \(story.isEmpty ? "." : "; in the table above, " + story.joined(separator: "; ") + ".") \
            The text's own later sentence, that $\\eta$ must be chosen well for $C$ to keep decreasing, is the correct one.
            """, zh: """
            原文 `000` 的推理是：因为 $\\|\\nabla C\\|^2 \\ge 0$，所以 $\\Delta C \\le 0$，“$C$ 会一直减小，不会增加”。\
            这只在 $\\eta$ 足够小时成立：$\\Delta C \\approx \\nabla C \\cdot \\Delta v$ 只是一阶近似，被忽略的 \
            $\\eta^2 \\sum_i a_i (\\partial C/\\partial v_i)^2$ 比 $\\eta$ 增长得快。对这个碗，临界值是 $\\eta^* = \(fmt(threshold))$\
            \(bowl.values == [1, 2] ? "" : "（默认的碗 $v_1^2 + 2v_2^2$ 是 $\(fmt(textBowl.learningRateThreshold))$）")\
            \(storyZh.isEmpty ? "。" : "；在上表中，" + storyZh.joined(separator: "；") + "。")\
            原文后面那句“需要选择合适的学习速率 η，确保 C 不断减少”才是对的。
            """)
        page.record("falls_every_step", zip(etas.values, costs).map { Self.fallsEverywhere($0.1) ? 1.0 : 0.0 })
    }
}

extension GradientDescentLesson {
    /// A vector as math: (1, 2.5); small or large entries as 2 \times 10^{-5} in TeX.
    static func vector(_ x: [Double], digits: Int = 6) -> Expr {
        let tex = x.map { ExprRendering.texNumber($0, digits: digits) }.joined(separator: ", ")
        let text = x.map { NumberFormat.short($0, significant: digits) }.joined(separator: ", ")
        return .raw(tex: "(\(tex))", text: "(\(text))")
    }

    /// c₀·n₀ + c₁·n₁ + … in TeX, leaving out zero terms and writing x rather than 1x
    /// (an empty name is the constant term).
    static func termsTeX(_ c: [Double], _ names: [String]) -> String {
        var out = ""
        for (value, name) in zip(c, names) where value != 0 {
            let size = abs(value) == 1 && !name.isEmpty ? "" : fmt(abs(value))
            if out.isEmpty { out = (value < 0 ? "-" : "") + size + name } else { out += (value < 0 ? " - " : " + ") + size + name }
        }
        return out.isEmpty ? "0" : out
    }

    /// β₀ + β₁x + β₂x² + … in TeX.
    static func polynomialTeX(_ c: [Double]) -> String {
        termsTeX(c, c.indices.map { $0 == 0 ? "" : ($0 == 1 ? "x" : "x^\($0)") })
    }
}
