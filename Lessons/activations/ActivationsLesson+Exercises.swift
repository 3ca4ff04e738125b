import LessonKit
import LonghandEngine
import Notebook

/// Exercises with other numbers; every solution is computed by the engine.
extension ActivationsLesson {
    func writeExercises(into page: inout Page) {
        page.exercise("""
            Push $z = (-0.5, 0, 2.5)$ through ReLU, leaky ReLU ($s = 0.01$) and ELU ($\\alpha = 1$), and give each slope. \
            Which entries differ between the three, and what is the slope at exactly 0?
            """, zh: """
            把 $z = (-0.5, 0, 2.5)$ 分别送进 ReLU、Leaky ReLU（$s = 0.01$）和 ELU（$\\alpha = 1$），并写出每个斜率。\
            三者在哪些分量上不同？恰好在 0 处的斜率是多少？
            """) { s in
            let z: [Double] = [-0.5, 0, 2.5]
            let units: [(String, Localized, Activation)] = [("relu", Localized(same: "ReLU"), .relu),
                                                           ("leaky_relu", Localized(same: "Leaky ReLU"), .leakyReLU(slope: 0.01)),
                                                           ("elu", Localized(same: "ELU"), .elu(alpha: 1))]
            s.table([Localized("activation", zh: "激活函数")] + z.map { Localized(same: "$f(\(ExprRendering.texNumber($0)))$") }
                        + z.map { Localized(same: "$f'(\(ExprRendering.texNumber($0)))$") },
                    units.map { u in [.text(u.1)] + z.map { .number(u.2.apply($0)) } + z.map { .number(u.2.derivative($0)) } })
            let elu = Activation.elu(alpha: 1)
            s.step(nil, .call(tex: "\\mathrm{ELU}", text: "ELU", [.n(-0.5)]), [.product([.n(1), .group(.difference(.exp(.n(-0.5)), .n(1)))])],
                   value: elu.apply(-0.5))
            s.say("""
                Only the negative entry differs: $\(NumberFormat.short(Activation.relu.apply(-0.5)))$, \
                $\(NumberFormat.short(Activation.leakyReLU(slope: 0.01).apply(-0.5)))$ and $\(NumberFormat.short(elu.apply(-0.5)))$. \
                At exactly 0 all three output 0; by our convention ReLU′(0) = \(fmt(Activation.relu.derivative(0))) and the leaky \
                ReLU's slope there is \(fmt(Activation.leakyReLU(slope: 0.01).derivative(0))), while ELU′(0) = \(fmt(elu.derivative(0))) \
                (with $\\alpha = 1$ both sides agree).
                """, zh: """
                只有负的分量不同：分别是 $\(NumberFormat.short(Activation.relu.apply(-0.5)))$、\
                $\(NumberFormat.short(Activation.leakyReLU(slope: 0.01).apply(-0.5)))$ 和 $\(NumberFormat.short(elu.apply(-0.5)))$。\
                恰好在 0 处三者都输出 0；按本课的约定 ReLU′(0) = \(fmt(Activation.relu.derivative(0)))，Leaky ReLU 在 0 处的斜率是 \
                \(fmt(Activation.leakyReLU(slope: 0.01).derivative(0)))，而 ELU′(0) = \(fmt(elu.derivative(0)))（取 $\\alpha = 1$ 时左右两侧一致）。
                """)
            for u in units {
                s.record(u.0, z.map(u.2.apply))
                s.record("\(u.0)_derivative", z.map(u.2.derivative))
            }
        }
        page.exercise("""
            A gradient travels back through sigmoid layers whose inputs are all $z = 0$, the best case. \
            After how many layers has it shrunk below one millionth ($10^{-6}$) of its size?
            """, zh: """
            梯度反向穿过若干 sigmoid 层，每层的输入都是 $z = 0$（最好的情形）。经过多少层之后，它会缩小到原来的百万分之一（$10^{-6}$）以下？
            """) { s in
            let products = GradientFlow.runningProducts(.sigmoid, at: 0, layers: 60)
            let n = (products.firstIndex { $0 < 1e-6 } ?? 59) + 1
            let slope = Activation.sigmoid.derivative(0)
            for k in [n - 1, n] {
                s.step(nil, .power(.n(slope), .n(Double(k))), [], value: products[k - 1])
            }
            s.say("""
                After \(n - 1) layers \(NumberFormat.short(products[n - 2], significant: 3)) is still left; after \(n) layers only \
                \(NumberFormat.short(products[n - 1], significant: 3)). So \(n) layers are enough to lose a factor of a million, even in the best case.
                """, zh: """
                经过 \(n - 1) 层还剩 \(NumberFormat.short(products[n - 2], significant: 3))；经过 \(n) 层就只剩 \
                \(NumberFormat.short(products[n - 1], significant: 3))。所以即使在最好的情形下，\(n) 层就足以让梯度缩小一百万倍。
                """)
            s.record("layers_needed", Double(n))
            s.record("product", products[n - 1])
        }
        page.exercise("""
            Check numerically at $z = 0.5$ that $\\tanh(z) = 2\\sigma(2z) - 1$, and compare the slopes $\\tanh'(0)$ and $\\sigma'(0)$.
            """, zh: """
            在 $z = 0.5$ 处用数值验证 $\\tanh(z) = 2\\sigma(2z) - 1$，并比较斜率 $\\tanh'(0)$ 与 $\\sigma'(0)$。
            """) { s in
            let z = 0.5
            let t = Activation.tanh.apply(z), sig = Activation.sigmoid.apply(2 * z)
            s.step("tanh", .call(tex: "\\tanh", text: "tanh", [.n(z)]),
                   [.quotient(.difference(.exp(.n(z)), .exp(.n(-z))), .sum([.exp(.n(z)), .exp(.n(-z))]))], value: t)
            s.step("sigma_2z", .call(tex: "\\sigma", text: "σ", [.n(2 * z)]), [.sigmoidFormula(2 * z)], value: sig)
            s.step("two_sigma_minus_one", .difference(.product([.n(2), .call(tex: "\\sigma", text: "σ", [.n(2 * z)])]), .n(1)),
                   [.difference(.product([.n(2), .n(sig)]), .n(1))], value: 2 * sig - 1)
            let d0 = Activation.tanh.derivative(0), s0 = Activation.sigmoid.derivative(0)
            s.step(nil, .quotient(.call(tex: "\\tanh'", text: "tanh′", [.n(0)]), .call(tex: "\\sigma'", text: "σ′", [.n(0)])),
                   [.quotient(.n(d0), .n(s0))], value: d0 / s0)
            s.say("""
                Both sides agree. Differentiating $2\\sigma(2z) - 1$ gives $4\\sigma'(2z)$, so tanh is four times as steep at 0: \
                it loses less of the gradient per layer, but it still saturates for large $|z|$.
                """, zh: """
                两边相等。对 $2\\sigma(2z) - 1$ 求导得 $4\\sigma'(2z)$，所以 tanh 在 0 处的陡度是 sigmoid 的四倍：\
                每层损失的梯度更少，但 $|z|$ 很大时它照样会饱和。
                """)
            s.record("slope_ratio", d0 / s0)
        }
    }
}
