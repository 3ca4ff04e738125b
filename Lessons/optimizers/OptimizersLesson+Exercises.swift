import LonghandEngine
import Notebook

/// Exercises on the bowl: a learning rate too large for gradient descent, Adam's indifference to
/// the scale of the cost, and momentum's β.
extension OptimizersLesson {
    func writeExercises(_ page: inout Page) {
        let b = theBowl, v0 = start.values
        let steep = max(b.a, b.b)
        let tooLarge = 1.1 / steep
        page.exercise("Run plain gradient descent on the bowl with $\\eta = \(Craft.tex(tooLarge, 4))$, 10% above $1/\(Craft.tex(steep))$. What happens to each coordinate?",
                      zh: "在这个碗上用 $\\eta = \(Craft.tex(tooLarge, 4))$（比 $1/\(Craft.tex(steep))$ 大 10%）做普通梯度下降。每个坐标会怎样变化？") { s in
            let run = Self.run(GradientDescentOptimizer(learningRate: tooLarge), on: b, from: v0, steps: 12, tolerance: 0)
            let factors = [1 - 2 * b.a * tooLarge, 1 - 2 * b.b * tooLarge]
            s.step(nil, .raw(tex: "1 - 2a\\eta", text: "1 - 2aη"), [.difference(.n(1), .product([.n(2), .n(b.a), .number(tooLarge, digits: 4)]))], value: factors[0])
            s.step(nil, .raw(tex: "1 - 2b\\eta", text: "1 - 2bη"), [.difference(.n(1), .product([.n(2), .n(b.b), .number(tooLarge, digits: 4)]))], value: factors[1])
            s.table([Localized("step", zh: "步"), Localized("$v_1$", zh: "$v_1$"), Localized("$v_2$", zh: "$v_2$"), Localized("$C$", zh: "$C$")],
                    run.path.enumerated().map { [.number(Double($0.offset)), .number($0.element[0], digits: 4), .number($0.element[1], digits: 4), .number(run.costs[$0.offset], digits: 4)] })
            let steepIndex = b.a >= b.b ? 0 : 1, other = 1 - steepIndex
            let otherShrinks = abs(factors[other]) < 1
            let grows = (run.costs.last ?? 0) > (run.costs.first ?? 0)
            let tailEn = !grows
                ? "But here $v_\(steepIndex + 1)$ starts at 0, so there is nothing to amplify and $C$ does not grow."
                : otherShrinks ? "so $C$ grows without bound, even though the other coordinate still shrinks (factor \(Craft.f(factors[other])))."
                : "so $C$ grows without bound; the other coordinate's factor \(Craft.f(factors[other])) is beyond $-1$ as well, so it grows too."
            let tailZh = !grows
                ? "不过这里 $v_\(steepIndex + 1)$ 从 0 出发，没有什么可放大的，$C$ 并不增大。"
                : otherShrinks ? "所以尽管另一个坐标仍在缩小（因子 \(Craft.f(factors[other]))），$C$ 却无限增大。"
                : "所以 $C$ 无限增大；另一个坐标的因子 \(Craft.f(factors[other])) 也越过了 $-1$，同样在变大。"
            s.say("""
                The steep coordinate $v_\(steepIndex + 1)$ is multiplied by \(Craft.f(factors[steepIndex])) each step: its size grows by \
                \(Craft.f(abs(factors[steepIndex]))) times per step while its sign flips, \(tailEn)
                """, zh: """
                陡峭方向的坐标 $v_\(steepIndex + 1)$ 每一步乘以 \(Craft.f(factors[steepIndex]))：符号来回翻转，绝对值每步变为原来的 \
                \(Craft.f(abs(factors[steepIndex]))) 倍，\(tailZh)
                """)
            s.record("factors", factors)
            s.record("costs", run.costs)
        }
        let k = 1000.0
        page.exercise("Multiply the whole cost by \(fmt(k)): $C' = \(fmt(k))\\,C$. Compare the first five Adam steps on $C'$ with those on $C$, and the first plain gradient-descent step.",
                      zh: "把整个代价乘以 \(fmt(k))：$C' = \(fmt(k))\\,C$。比较 Adam 在 $C'$ 和 $C$ 上的前五步，以及普通梯度下降的第一步。") { s in
            let scaled = Bowl(a: k * b.a, b: k * b.b)
            let plain = Self.run(adam, on: b, from: v0, steps: 5, tolerance: 0)
            let big = Self.run(adam, on: scaled, from: v0, steps: 5, tolerance: 0)
            s.table([Localized("step", zh: "步"), Localized("Adam on $C$", zh: "Adam 在 $C$ 上"), Localized("Adam on $C'$", zh: "Adam 在 $C'$ 上")],
                    zip(plain.path, big.path).enumerated().map { t, p in
                        [.number(Double(t)), .math(Self.vec(p.0.map { Craft.clean($0) })), .math(Self.vec(p.1.map { Craft.clean($0) }))]
                    })
            let difference = zip(plain.path, big.path).flatMap { zip($0, $1).map { abs($0 - $1) } }.max() ?? 0
            let g = scaled.gradient(v0)
            let gdStep = v0.indices.map { v0[$0] - learningRate.value * g[$0] }
            s.step(.raw(tex: "v^{(1)}_{" + MathWords.word("\\text{GD on } C'", zh: "C' \\text{ 上的梯度下降}") + "}", text: "v(1), GD on C'"),
                   [Self.vec((0..<2).map { .difference(.n(v0[$0]), .product([.n(learningRate.value), .n(g[$0])])) }), Self.vec(gdStep)])
            let scale = max(abs(v0[0]), abs(v0[1]), 1e-300)
            let agree = difference <= 1e-3 * scale
            s.say("""
                Adam's points \(agree ? "agree to within \(Craft.f(difference, 2)) (only $\\varepsilon$ notices the scale)" : "differ by up to \(Craft.f(difference, 2)): with $\\varepsilon = \(Craft.tex(epsilon.value))$ the $\\varepsilon$ in the denominator is not small next to $\\sqrt{\\hat s}$, and it does notice the scale"). Without $\\varepsilon$, multiplying every gradient \
                by \(fmt(k)) multiplies $\\hat m$ by \(fmt(k)) and $\\sqrt{\\hat s}$ by \(fmt(k)), and the quotient is unchanged. Plain gradient \
                descent's step is \(fmt(k)) times longer and throws the point to \(Craft.texList(gdStep)).
                """, zh: """
                Adam 走出的点\(agree ? "相差不超过 \(Craft.f(difference, 2))（只有 $\\varepsilon$ 感觉得到尺度）" : "最多相差 \(Craft.f(difference, 2))：$\\varepsilon = \(Craft.tex(epsilon.value))$ 时，分母里的 $\\varepsilon$ 与 $\\sqrt{\\hat s}$ 相比并不小，它确实感觉得到尺度")。若没有 $\\varepsilon$，所有梯度乘以 \(fmt(k))，\
                $\\hat m$ 和 $\\sqrt{\\hat s}$ 也都乘以 \(fmt(k))，两者之比不变。普通梯度下降的步子则长了 \(fmt(k)) 倍，\
                一下子把点甩到 \(Craft.texList(gdStep))。
                """)
            s.record("max_difference", difference)
            s.record("gd_first_step", gdStep)
        }
        let betas = [0.0, 0.5, 0.8, 0.9, 0.95, 0.99]
        page.exercise("Keep $\\eta = \(Craft.tex(learningRate.value))$ and try momentum with $\\beta$ = \(betas.map { fmt($0) }.joined(separator: ", ")). How many steps until $C < \(Craft.tex(tolerance.value))$?",
                      zh: "保持 $\\eta = \(Craft.tex(learningRate.value))$，分别取 $\\beta$ = \(betas.map { fmt($0) }.joined(separator: "、"))。各需多少步才能使 $C < \(Craft.tex(tolerance.value))$？") { s in
            let limit = max(steps, 2000)
            let results = betas.map { Self.run(MomentumOptimizer(learningRate: learningRate.value, momentum: $0), on: b, from: v0, steps: limit, tolerance: tolerance.value) }
            s.table([Localized("$\\beta$", zh: "$\\beta$"), Localized("steps until $C < \(Craft.tex(tolerance.value))$", zh: "$C < \(Craft.tex(tolerance.value))$ 所需步数")],
                    zip(betas, results).map { [.number($0), Self.reachedCell($1.reachedAt, diverged: $1.divergedAt)] })
            let counts = results.map { Double($0.reachedAt ?? -1) }
            s.record("steps_to_converge", counts)
            if let best = results.indices.filter({ results[$0].reachedAt != nil }).min(by: { results[$0].reachedAt! < results[$1].reachedAt! }) {
                let shapeEn = best == 0
                    ? "Here momentum does not help: every $\\beta > 0$ tried is slower than plain gradient descent (or does not arrive)."
                    : best == betas.count - 1
                    ? "Here more momentum was faster throughout the values tried."
                    : "Too little momentum leaves the slow crawl; too much makes the ball swing back and forth many times before it settles: the steps needed fall and then rise again."
                let shapeZh = best == 0
                    ? "这里动量帮不上忙：所试的每个 $\\beta > 0$ 都比普通梯度下降慢（或者到不了）。"
                    : best == betas.count - 1
                    ? "这里在所试的范围内，动量越大越快。"
                    : "动量太小，仍然走得很慢；动量太大，“球”会来回摆动许多次才停下：所需步数先降后升。"
                s.say("""
                    $\\beta = 0$ is plain gradient descent. The fastest here is $\\beta = \(fmt(betas[best]))$ (\(results[best].reachedAt!) steps). \(shapeEn)
                    """, zh: """
                    $\\beta = 0$ 就是普通梯度下降。这里最快的是 $\\beta = \(fmt(betas[best]))$（\(results[best].reachedAt!) 步）。\(shapeZh)
                    """)
            } else {
                s.say("None of these $\\beta$ gets $C$ below the tolerance within \(limit) steps.",
                      zh: "这些 $\\beta$ 在 \(limit) 步之内都没有让 $C$ 降到阈值以下。")
            }
        }
    }
}
