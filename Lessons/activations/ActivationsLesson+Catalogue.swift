import LessonKit
import LonghandEngine
import Notebook

/// The activations the lesson walks through one by one, each with its formula, derivative,
/// worked cells and a few words; numbers come from the engine's `Activation` and `PReLU`.
extension ActivationsLesson {
    /// One activation as the lesson presents it.
    struct Entry {
        /// The JSON name of its outputs on the vector: `relu`.
        let key: String
        let name: Localized
        let title: Localized
        let symbolTeX: String
        let symbolText: String
        let formulaTeX: String
        let formulaText: String
        let derivativeTeX: String
        let derivativeText: String
        let story: Localized
        let f: (Double) -> Double
        let df: (Double) -> Double
        /// f(z) with the number plugged in.
        let worked: (Double) -> Table.Cell
        /// f′(z) with the number plugged in (or the branch that decides it).
        let workedDerivative: (Double) -> Table.Cell
        /// False when f or f′ jumps or has a corner at 0 (the plot lifts the pen there).
        let smooth: Bool
        /// More blocks after the worked table.
        var after: ((inout Page, [Double]) -> Void)? = nil
    }

    /// "1 > 0" or "-2 ≤ 0": the branch a piecewise function takes at z.
    static func branch(_ z: Double) -> Table.Cell {
        let tex = ExprRendering.texNumber(z), text = NumberFormat.short(z)
        return z > 0 ? .math(.raw(tex: "\(tex) > 0", text: "\(text) > 0")) : .math(.raw(tex: "\(tex) \\le 0", text: "\(text) ≤ 0"))
    }

    /// z itself for z > 0, slope·z otherwise, as a worked cell.
    static func leakyWorked(_ z: Double, _ slope: Double) -> Table.Cell {
        z > 0 ? branch(z) : .math(.product([.n(slope), .n(z)]))
    }

    func catalogue() -> [Entry] {
        let s = slope.value, a = preluA.value, al = alpha.value
        let step = Activation.step, sigmoid = Activation.sigmoid, tanh = Activation.tanh, relu = Activation.relu
        let leaky = Activation.leakyReLU(slope: s), prelu = PReLU(a: a), elu = Activation.elu(alpha: al)
        let sigmoidSlope0 = sigmoid.derivative(0), tanhSlope0 = tanh.derivative(0)
        return [
            Entry(key: "step", name: Localized("step", zh: "阶跃函数"),
                  title: Localized("Step: all or nothing", zh: "阶跃函数：全有或全无"),
                  symbolTeX: "\\mathrm{step}", symbolText: "step",
                  formulaTeX: "\\mathrm{step}(z) = \\begin{cases} 1 & z > 0 \\\\ 0 & z \\le 0 \\end{cases}",
                  formulaText: "step(z) = 1 if z > 0, 0 if z ≤ 0",
                  derivativeTeX: "\\mathrm{step}'(z) = 0 \\quad (z \\ne 0)",
                  derivativeText: "step′(z) = 0 (z ≠ 0)",
                  story: Localized("""
                    The perceptron's rule: output 1 when the input is positive, 0 otherwise. Text `002` notes that its output jumps \
                    and takes only two values, so it is rarely used. Worse for learning, its slope is 0 wherever it has one: a gradient \
                    passing through it is always 0, and gradient descent gets no hint which way to move a weight. At 0 itself, where \
                    it jumps, there is no derivative at all; by our convention we take 0.
                    """, zh: """
                    这就是感知机的规则：输入为正时输出 1，否则输出 0。原文 `002` 指出，它的输出是跳变的，只有两个取值，所以较少使用。\
                    对学习来说更糟的是：凡是有斜率的地方，它的斜率都是 0。经过它的梯度永远是 0，梯度下降得不到任何提示，\
                    不知道该往哪个方向调整权重。在跳变的 0 点，导数根本不存在；按本课的约定取 0。
                    """),
                  f: step.apply, df: step.derivative,
                  worked: Self.branch, workedDerivative: { _ in .text(Localized("flat piece", zh: "水平段")) }, smooth: false),
            Entry(key: "sigmoid", name: Localized("sigmoid", zh: "sigmoid"),
                  title: Localized("Sigmoid: a smooth step", zh: "sigmoid：平滑的阶跃"),
                  symbolTeX: "\\sigma", symbolText: "σ",
                  formulaTeX: "\\sigma(z) = \\frac{1}{1 + e^{-z}}", formulaText: "σ(z) = 1/(1 + e^(-z))",
                  derivativeTeX: "\\sigma'(z) = \\sigma(z)\\,\\bigl(1 - \\sigma(z)\\bigr)", derivativeText: "σ′(z) = σ(z)·(1 − σ(z))",
                  story: Localized("""
                    The sigmoid squeezes $(-\\infty, +\\infty)$ into $(0, 1)$ (text `003`): large negative inputs give almost 0, large \
                    positive ones almost 1. Its derivative has the neat form $\\sigma(1 - \\sigma)$ derived in `003`; it is largest at \
                    $z = 0$, where it equals \(fmt(sigmoidSlope0)). Text `004` names its two drawbacks: the outputs are not centred on 0, \
                    and far from 0 the derivative is close to 0. Text `002` adds that it is comparatively costly to compute.
                    """, zh: """
                    sigmoid 把 $(-\\infty, +\\infty)$ 压缩到 $(0, 1)$ 之间（原文 `003`）：很大的负数变得接近 0，很大的正数变得接近 1。\
                    它的导数有 `003` 推出的简洁形式 $\\sigma(1 - \\sigma)$，在 $z = 0$ 处最大，等于 \(fmt(sigmoidSlope0))。\
                    原文 `004` 指出它的两个缺点：输出不以 0 为中心；自变量远离 0 时导数接近 0。原文 `002` 还提到它的计算开销相对较大。
                    """),
                  f: sigmoid.apply, df: sigmoid.derivative,
                  worked: { .math(.sigmoidFormula($0)) },
                  workedDerivative: { z in .math(SlopeSteps.sigmoid(z)[1]) }, smooth: true),
            Entry(key: "tanh", name: Localized("tanh", zh: "tanh"),
                  title: Localized("tanh: a sigmoid centred on 0", zh: "tanh：以 0 为中心的 sigmoid"),
                  symbolTeX: "\\tanh", symbolText: "tanh",
                  formulaTeX: "\\tanh(z) = \\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}} = 2\\sigma(2z) - 1",
                  formulaText: "tanh(z) = (e^z − e^(−z))/(e^z + e^(−z)) = 2σ(2z) − 1",
                  derivativeTeX: "\\tanh'(z) = 1 - \\tanh^2(z)", derivativeText: "tanh′(z) = 1 − tanh²(z)",
                  story: Localized("""
                    The hyperbolic tangent is a sigmoid stretched to $(-1, 1)$. Text `004`: it is centred on 0, but far from 0 its \
                    derivative is again close to 0. At $z = 0$ its slope is \(fmt(tanhSlope0)), four times the sigmoid's \(fmt(sigmoidSlope0)).
                    """, zh: """
                    双曲正切 tanh 相当于把 sigmoid 拉伸到 $(-1, 1)$。原文 `004`：它以 0 为中心，但自变量远离 0 时导数同样接近 0。\
                    在 $z = 0$ 处它的斜率是 \(fmt(tanhSlope0))，是 sigmoid（\(fmt(sigmoidSlope0))）的四倍。
                    """),
                  f: tanh.apply, df: tanh.derivative,
                  worked: { z in .math(.quotient(.difference(.exp(.n(z)), .exp(.n(-z))), .sum([.exp(.n(z)), .exp(.n(-z))]))) },
                  workedDerivative: { z in .math(SlopeSteps.tanh(z)[1]) }, smooth: true),
            Entry(key: "relu", name: Localized("ReLU", zh: "ReLU"),
                  title: Localized("ReLU: keep the positive part", zh: "ReLU：只保留正的部分"),
                  symbolTeX: "\\mathrm{ReLU}", symbolText: "ReLU",
                  formulaTeX: "\\mathrm{ReLU}(z) = \\max(0, z)", formulaText: "ReLU(z) = max(0, z)",
                  derivativeTeX: "\\mathrm{ReLU}'(z) = \\begin{cases} 1 & z > 0 \\\\ 0 & z \\le 0 \\end{cases}",
                  derivativeText: "ReLU′(z) = 1 if z > 0, 0 if z ≤ 0",
                  story: Localized("""
                    The rectified linear unit passes positive inputs unchanged and replaces negative ones by 0. It is fast to compute \
                    (text `001`) and, as `002` says, the most common activation today. For every positive input its slope is exactly 1, \
                    so it never saturates there. The price: for negative inputs the slope is exactly 0, and a neuron whose input stays \
                    negative stops learning altogether. That is the “dying ReLU” problem of `002`, which the variants below address.
                    """, zh: """
                    线性整流单元 ReLU 让正的输入原样通过，把负的输入换成 0。它计算速度快（原文 `001`），正如 `002` 所说，\
                    也是目前最常用的激活函数。对任何正的输入，它的斜率都恰好是 1，所以在正半轴上不会饱和。代价是：对负的输入，\
                    斜率恰好为 0，一个输入始终为负的神经元就彻底学不动了。这就是 `002` 提到的“神经元死亡”（Dying ReLU）问题，\
                    下面几种变体正是为解决它而生的。
                    """),
                  f: relu.apply, df: relu.derivative,
                  worked: { .math(.call(tex: "\\max", text: "max", [.n(0), .n($0)])) },
                  workedDerivative: Self.branch, smooth: false,
                  after: { page, x in Self.writeReLUErratum(vector: x, into: &page) }),
            Entry(key: "leaky_relu", name: Localized("leaky ReLU", zh: "Leaky ReLU"),
                  title: Localized("Leaky ReLU: a small slope below 0", zh: "Leaky ReLU：负半轴留一点斜率"),
                  symbolTeX: "\\mathrm{LReLU}", symbolText: "LReLU",
                  formulaTeX: "\\mathrm{LReLU}(z) = \\begin{cases} z & z > 0 \\\\ s\\,z & z \\le 0 \\end{cases}, \\qquad s = \(ExprRendering.texNumber(s))",
                  formulaText: "LReLU(z) = z if z > 0, s·z if z ≤ 0, s = \(fmt(s))",
                  derivativeTeX: "\\mathrm{LReLU}'(z) = \\begin{cases} 1 & z > 0 \\\\ s & z \\le 0 \\end{cases}",
                  derivativeText: "LReLU′(z) = 1 if z > 0, s if z ≤ 0",
                  story: Self.leakyStory(s),
                  f: leaky.apply, df: leaky.derivative,
                  worked: { Self.leakyWorked($0, s) }, workedDerivative: Self.branch, smooth: false),
            Entry(key: "prelu", name: Localized("PReLU", zh: "PReLU"),
                  title: Localized("PReLU: a slope that is learned", zh: "PReLU：可以学习的斜率"),
                  symbolTeX: "\\mathrm{PReLU}", symbolText: "PReLU",
                  formulaTeX: "\\mathrm{PReLU}(z) = \\begin{cases} z & z > 0 \\\\ a\\,z & z \\le 0 \\end{cases}",
                  formulaText: "PReLU(z) = z if z > 0, a·z if z ≤ 0",
                  derivativeTeX: "\\frac{\\partial\\,\\mathrm{PReLU}}{\\partial z} = \\begin{cases} 1 & z > 0 \\\\ a & z \\le 0 \\end{cases}, \\qquad \\frac{\\partial\\,\\mathrm{PReLU}}{\\partial a} = \\begin{cases} 0 & z > 0 \\\\ z & z \\le 0 \\end{cases}",
                  derivativeText: "∂PReLU/∂z = 1 if z > 0, a if z ≤ 0;  ∂PReLU/∂a = 0 if z > 0, z if z ≤ 0",
                  story: Localized("""
                    The parametric ReLU has the leaky shape, but its slope $a$ is not fixed: it is a parameter learned by \
                    backpropagation, like a weight. \(a == 0.25 ? "We start it at $a = 0.25$, the usual initial value (He et al., 2015)." : "We start it at your $a = \(fmt(a))$ (the usual initial value is 0.25, He et al., 2015).") So besides \
                    $\\partial f / \\partial z$ the backward pass needs $\\partial f / \\partial a$, which is $z$ for $z \\le 0$ and 0 otherwise.
                    """, zh: """
                    参数化 ReLU（PReLU）的形状和 Leaky ReLU 一样，但斜率 $a$ 不是固定的，而是像权重一样由反向传播学出来的参数。\
                    \(a == 0.25 ? "这里取常用的初始值 $a = 0.25$（He 等人，2015）。" : "这里从你给的 $a = \(fmt(a))$ 开始（常用的初始值是 0.25，He 等人，2015）。")因此反向传播除了 $\\partial f / \\partial z$，\
                    还需要 $\\partial f / \\partial a$：当 $z \\le 0$ 时它等于 $z$，否则为 0。
                    """),
                  f: prelu.apply, df: prelu.derivative,
                  worked: { Self.leakyWorked($0, a) }, workedDerivative: Self.branch, smooth: false,
                  after: { page, x in
                      let da = x.map(prelu.parameterDerivative)
                      page.say("The gradient that trains $a$, one entry per input:", zh: "训练 $a$ 所用的梯度，每个输入对应一项：")
                      page.step(.raw(tex: "\\frac{\\partial\\,\\mathrm{PReLU}(x)}{\\partial a}", text: "∂PReLU(x)/∂a"), [tuple(da)])
                      page.record("prelu_da", da)
                  }),
            Entry(key: "elu", name: Localized("ELU", zh: "ELU"),
                  title: Localized("ELU: a smooth negative side", zh: "ELU：平滑的负半轴"),
                  symbolTeX: "\\mathrm{ELU}", symbolText: "ELU",
                  formulaTeX: "\\mathrm{ELU}(z) = \\begin{cases} z & z > 0 \\\\ \\alpha\\,(e^{z} - 1) & z \\le 0 \\end{cases}, \\qquad \\alpha = \(ExprRendering.texNumber(al))",
                  formulaText: "ELU(z) = z if z > 0, α(e^z − 1) if z ≤ 0, α = \(fmt(al))",
                  derivativeTeX: "\\mathrm{ELU}'(z) = \\begin{cases} 1 & z > 0 \\\\ \\alpha\\,e^{z} & z \\le 0 \\end{cases}",
                  derivativeText: "ELU′(z) = 1 if z > 0, α·e^z if z ≤ 0",
                  story: Localized("""
                    The exponential linear unit bends smoothly below 0 and levels off at $-\\alpha$. Its negative outputs pull a layer's \
                    mean towards 0, and with $\\alpha = 1$ it has no corner at all. Text `002` ranks the choices as \
                    ELU > leaky ReLU (LReLU, RReLU, PReLU) > ReLU > tanh > sigmoid. For very negative inputs ELU saturates too: its \
                    slope $\\alpha e^{z}$ goes to 0 there.
                    """, zh: """
                    指数线性单元 ELU 在负半轴平滑地弯下去，最终趋于 $-\\alpha$。负的输出把一层的均值往 0 拉，取 $\\alpha = 1$ 时\
                    它连折点都没有。原文 `002` 给出的优先顺序是 ELU > leaky ReLU（包括 LReLU、RReLU、PReLU）> ReLU > tanh > sigmoid。\
                    不过输入是绝对值很大的负数时，ELU 也会饱和：那里的斜率 $\\alpha e^{z}$ 趋于 0。
                    """),
                  f: elu.apply, df: elu.derivative,
                  worked: { z in z > 0 ? Self.branch(z) : .math(.product([.n(al), .group(.difference(.exp(.n(z)), .n(1)))])) },
                  workedDerivative: { z in z > 0 ? Self.branch(z) : .math(.product([.n(al), .exp(.n(z))])) },
                  smooth: al == 1),
        ]
    }

    /// The leaky ReLU's few words, chosen by its slope: 0 is plain ReLU, 1 is the identity, anything between leaks.
    static func leakyStory(_ s: Double) -> Localized {
        if s == 0 {
            return Localized("""
                The leaky ReLU keeps a slope $s$ for negative inputs; with your $s = 0$ it is plain ReLU again, and a neuron pushed into \
                the negative side gets no gradient at all (the usual choice is $s = 0.01$).
                """, zh: """
                带泄露的 ReLU（Leaky ReLU）在负半轴保留一个斜率 $s$；你取的 $s = 0$ 让它退回普通的 ReLU，被推到负半轴的神经元\
                一点梯度也得不到（常用的取值是 $s = 0.01$）。
                """)
        }
        if s == 1 {
            return Localized("""
                The leaky ReLU keeps a slope $s$ for negative inputs; with your $s = 1$ both sides have slope 1 and it is the identity: \
                no longer a nonlinearity at all (the usual choice is $s = 0.01$).
                """, zh: """
                带泄露的 ReLU（Leaky ReLU）在负半轴保留一个斜率 $s$；你取的 $s = 1$ 让两侧斜率都是 1，它就成了恒等函数，\
                根本不再是非线性（常用的取值是 $s = 0.01$）。
                """)
        }
        return Localized("""
            The leaky ReLU keeps a slope $s = \(fmt(s))$ for negative inputs. The gradient there is $s$ times what it would be on the \
            positive side, but never exactly zero, so a neuron pushed into the negative side can still recover.
            """, zh: """
            带泄露的 ReLU（Leaky ReLU）在负半轴保留一个斜率 $s = \(fmt(s))$。那里的梯度是正半轴的 $s$ 倍，却永远不会恰好为 0，\
            被推到负半轴的神经元仍有机会恢复过来。
            """)
    }

    /// The activation and its derivative over −4…4, with the vector's entries in that range as dots.
    func plot(_ e: Entry, vector x: [Double]) -> LinePlot {
        let f = Self.curve(e.f, smooth: e.smooth), df = Self.curve(e.df, smooth: e.smooth)
        return LinePlot(xLabel: Localized("z", zh: "z"), yLabel: Localized("value", zh: "值"),
                        series: [.init(Localized(same: "\(e.symbolText)(z)"), f, style: .line, color: 0),
                                 .init(Localized(same: "\(e.symbolText)′(z)"), df, style: .dashed, color: 1),
                                 .init(Localized("our vector", zh: "本课的向量"),
                                       x.filter { abs($0) <= 4 }.map { LinePlot.Point($0, e.f($0)) }, style: .points, color: 2)],
                        xRange: -4...4, yRange: Self.paddedRange(f + df), width: 460, height: 280)
    }

    /// The curves' extent with a tenth of it added on each side, so no line runs along the frame.
    static func paddedRange(_ points: [LinePlot.Point]) -> ClosedRange<Double> {
        let ys = points.map(\.y).filter(\.isFinite)
        let lo = ys.min() ?? 0, hi = ys.max() ?? 1
        let pad = max(hi - lo, 1) * 0.1
        return (lo - pad)...(hi + pad)
    }

    /// f sampled over −4…4; with a corner or jump at 0 the pen lifts there (a NaN point) and
    /// the right piece starts just after 0, so a jump is not drawn as a steep line.
    static func curve(_ f: (Double) -> Double, smooth: Bool) -> [LinePlot.Point] {
        if smooth { return LinePlot.sample(-4...4, count: 161, f) }
        let left = LinePlot.sample(-4...0, count: 81, f)
        let right = LinePlot.sample(0...4, count: 81) { f($0 == 0 ? 1e-12 : $0) }
        return left + [LinePlot.Point(0, .nan)] + right
    }
}
