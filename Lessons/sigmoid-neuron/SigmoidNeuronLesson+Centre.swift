import LonghandEngine
import Notebook

extension SigmoidNeuronLesson {
    /// The points at which the tangent ½ + z/4 is set beside σ(z).
    static let tangentPoints: [Double] = [0.1, 0.5, 1, 2]

    /// Whether a gap that grows by `ratio` when z grows fivefold grows like z³ (nearer 125) or like z² (nearer 25).
    static func tangentGrowth(ratio: Double) -> Localized {
        abs(ratio - 125) < abs(ratio - 25)
            ? Localized("close to $5^3 = 125$, not $5^2 = 25$: the gap grows like $z^3$, because the S does not bend at its centre ($\\sigma''(0) = 0$), so the tangent there hugs the curve better than anywhere else.",
                        zh: "接近 $5^3 = 125$，而不是 $5^2 = 25$：差距按 $z^3$ 增长，因为 S 形在正中间不弯（$\\sigma''(0) = 0$），所以那里的切线比别处都贴得更紧。")
            : Localized("closer to $5^2 = 25$ than to $5^3 = 125$: the gap grows like $z^2$, as it does wherever the curve bends.",
                        zh: "离 $5^2 = 25$ 比离 $5^3 = 125$ 近：差距按 $z^2$ 增长，曲线弯曲的地方都是这样。")
    }

    /// σ′ = σ(1 − σ) derived, and the centre of the S, z = 0, where the linear approximation is the line ½ + z/4.
    func writeCentreOfTheS(_ page: inout Page, z: Double) {
        page.subsection("The middle of the S: z = 0", zh: "S 形的正中间：z = 0")
        page.say("""
            The slope above used $\\sigma' = \\sigma(1 - \\sigma)$ (source texts `003` and `000` rely on it). It takes one line, by the \
            quotient rule and $\\frac{e^{-z}}{1 + e^{-z}} = 1 - \\frac{1}{1 + e^{-z}}$:
            """, zh: """
            上面的斜率用到了 $\\sigma' = \\sigma(1 - \\sigma)$（原文 `003`、`000` 都依赖它）。由求导法则和 \
            $\\frac{e^{-z}}{1 + e^{-z}} = 1 - \\frac{1}{1 + e^{-z}}$，一行就能推出：
            """)
        page.equation(tex: "\\sigma'(z) = \\frac{e^{-z}}{(1 + e^{-z})^2} = \\frac{1}{1 + e^{-z}} \\cdot \\frac{e^{-z}}{1 + e^{-z}} = \\sigma(z)\\,\\bigl(1 - \\sigma(z)\\bigr)",
                      text: "σ'(z) = e^(−z)/(1 + e^(−z))² = 1/(1 + e^(−z)) · e^(−z)/(1 + e^(−z)) = σ(z)(1 − σ(z))")
        page.say("The linear approximation is easiest to see at the middle of the S, $z = 0$:",
                 zh: "线性近似在 S 形的正中间 $z = 0$ 处看得最清楚：")
        let s0 = page.step("sigma_at_0", .sigma(.n(0)), [.sigmoidFormula(0)], value: Activation.sigmoid(0))
        let d0 = page.step("sigma_prime_at_0", .raw(tex: "\\sigma'(0)", text: "σ'(0)"), [.product([.n(s0), .group(.difference(.n(1), .n(s0)))])],
                           value: Activation.sigmoid.derivative(0))
        // The steepest point found on a grid, so the sentence about it is computed, not asserted.
        // Points as k/100 for whole k, so the grid holds z = 0 exactly (a running sum of 0.01 would miss it).
        let grid = (-800...800).map { Double($0) / 100 }.map { ($0, Activation.sigmoid.derivative($0)) }
        let steepest = grid.max { $0.1 < $1.1 }!
        page.say(abs(steepest.0) < 0.005
                 ? "On a grid of $z$ from −8 to 8 in steps of 0.01 the largest slope is \(fmt(steepest.1)), at $z = 0$: the output of a sigmoid neuron never moves faster than \(fmt(d0)) times the change of $z$, and a layer of them passes back at most a quarter of the gradient — the seed of the vanishing gradients of later lessons."
                 : "On a grid of $z$ from −8 to 8 the largest slope is \(fmt(steepest.1)) at $z = \(fmt(steepest.0))$.",
                 zh: abs(steepest.0) < 0.005
                 ? "在 $z$ 从 −8 到 8、步长 0.01 的网格上，最大斜率是 \(fmt(steepest.1))，出现在 $z = 0$ 处：sigmoid 神经元的输出变化最快也只有 $z$ 变化的 \(fmt(d0)) 倍，一层这样的神经元最多把四分之一的梯度传回去——这正是后面几课梯度消失的根源。"
                 : "在 $z$ 从 −8 到 8 的网格上，最大斜率是 \(fmt(steepest.1))，出现在 $z = \(fmt(steepest.0))$ 处。")
        page.record("steepest_slope", steepest.1)

        page.say("Starting from $z = 0$, the rule $\\Delta\\text{output} \\approx \\sigma'(0)\\,\\Delta z$ turns the S into a straight line:",
                 zh: "从 $z = 0$ 出发，$\\Delta\\text{输出} \\approx \\sigma'(0)\\,\\Delta z$ 把 S 形曲线换成一条直线：")
        page.equation(tex: "\\sigma(z) \\approx \\sigma(0) + \\sigma'(0)\\,z = \(fmt(s0)) + \(fmt(d0))\\,z = \\tfrac{1}{2} + \\tfrac{z}{4}",
                      text: "σ(z) ≈ σ(0) + σ'(0)·z = \(fmt(s0)) + \(fmt(d0))·z = 1/2 + z/4")
        let points = Self.tangentPoints
        let exact = points.map { Activation.sigmoid($0) }
        let line = points.map { s0 + d0 * $0 }
        let gaps = zip(line, exact).map { $0 - $1 }
        page.table([Localized("$z$", zh: "$z$"), Localized("$\\sigma(z)$", zh: "$\\sigma(z)$"), Localized("$\\frac{1}{2} + \\frac{z}{4}$", zh: "$\\frac{1}{2} + \\frac{z}{4}$"),
                    Localized("gap", zh: "差距")],
                   points.indices.map { [.number(points[$0]), .number(exact[$0], digits: 8), .number(line[$0], digits: 8), .number(gaps[$0], digits: 3)] })
        page.record("centre_tangent_gaps", gaps)
        let ratio = gaps[1] / gaps[0]
        page.record("centre_tangent_growth", ratio)
        let growth = Self.tangentGrowth(ratio: ratio)
        page.say("From $z = 0.1$ to $z = 0.5$, five times as far out, the gap grows \(fmt(ratio)) times, " + growth.en,
                 zh: "从 $z = 0.1$ 到 $z = 0.5$，离中心远了五倍，差距变成原来的 \(fmt(ratio)) 倍，" + growth.zh)

        // This lesson's own z against the centre: chosen from the gap of the tangent at the lesson's z.
        let tangentHere = s0 + d0 * z, y = Activation.sigmoid(z)
        let here = abs(tangentHere - y)
        page.record("centre_tangent_gap_here", here)
        if z == 0 {
            page.say("This lesson's neuron sits exactly at the centre ($z = 0$), so the slope $\\sigma'(z) = \(fmt(d0))$ used above is the slope of this very line.",
                     zh: "本课的神经元恰好在正中间（$z = 0$），所以上面用的斜率 $\\sigma'(z) = \(fmt(d0))$ 就是这条直线的斜率。")
        } else if here < 0.01 {
            page.say("This lesson's $z = \(fmt(z))$ is near the centre: the line gives $\(fmt(tangentHere))$ against $\\sigma(\(fmt(z))) = \(fmt(y))$, off by \(NumberFormat.short(here, significant: 3)).",
                     zh: "本课的 $z = \(fmt(z))$ 离中心很近：直线给出 $\(fmt(tangentHere))$，而 $\\sigma(\(fmt(z))) = \(fmt(y))$，只差 \(NumberFormat.short(here, significant: 3))。")
        } else {
            page.say("This lesson's $z = \(fmt(z))$ is far from the centre: the line would give $\(fmt(tangentHere))$ against $\\sigma(\(fmt(z))) = \(fmt(y))$, off by \(NumberFormat.short(here, significant: 3)). That is why the approximation above starts from the neuron's own $z$, with its own slope $\\sigma'(\(fmt(z))) = \(fmt(Activation.sigmoid.derivative(z)))$.",
                     zh: "本课的 $z = \(fmt(z))$ 离中心很远：直线会给出 $\(fmt(tangentHere))$，而 $\\sigma(\(fmt(z))) = \(fmt(y))$，差了 \(NumberFormat.short(here, significant: 3))。所以上面的近似要从神经元自己的 $z$ 出发，用它自己的斜率 $\\sigma'(\(fmt(z))) = \(fmt(Activation.sigmoid.derivative(z)))$。")
        }
    }
}
