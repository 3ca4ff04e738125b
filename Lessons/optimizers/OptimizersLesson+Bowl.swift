import LonghandEngine
import Notebook

/// The three optimizers written out on the bowl, and their paths compared.
extension OptimizersLesson {
    /// "(e1, e2)" as one expression.
    static func vec(_ items: [Expr]) -> Expr {
        .raw(tex: "\\left(" + items.map(ExprRendering.tex).joined(separator: ", ") + "\\right)",
             text: "(" + items.map(ExprRendering.text).joined(separator: ", ") + ")")
    }

    /// "50 v_2^2", or just "v_2^2" when the coefficient is 1 (TeX).
    static func term(_ c: Double, _ variable: String) -> String {
        c == 1 ? variable : Craft.tex(c) + " " + variable
    }

    /// A vector of numbers as one expression.
    static func vec(_ v: [Double]) -> Expr { vec(v.map { .n($0) }) }

    /// A symbol with a step superscript: v^{(1)} / v(1).
    static func at(_ base: String, _ t: Int, text: String? = nil) -> Expr {
        .symbol(tex: "\(base)^{(\(t))}", text: (text ?? base) + "(\(t))")
    }

    /// ∇C at a point, written out and evaluated.
    static func gradientStep(_ page: inout Page, _ bowl: Bowl, _ v: [Double], _ g: [Double], _ t: Int) {
        page.fittedStep(.symbol(tex: "g^{(\(t))} = \\nabla C(v^{(\(t - 1))})", text: "g(\(t)) = ∇C(v(\(t - 1)))"),
                  [vec([.product([.n(2), .n(bowl.a), .n(v[0])]), .product([.n(2), .n(bowl.b), .n(v[1])])]), vec(g)])
    }

    /// C at a point, written out and evaluated.
    static func costStep(_ page: inout Page, _ bowl: Bowl, _ v: [Double], _ t: Int) {
        page.step(nil, .symbol(tex: "C(v^{(\(t))})", text: "C(v(\(t)))"),
                  [.sum([.product([.n(bowl.a), .power(.n(v[0]), .n(2))]), .product([.n(bowl.b), .power(.n(v[1]), .n(2))])])],
                  value: bowl.cost(v))
    }

    func writeBowl(_ page: inout Page) -> (gd: BowlRun<GradientDescentOptimizer>, momentum: BowlRun<MomentumOptimizer>, adam: BowlRun<AdamOptimizer>) {
        let b = theBowl, v0 = start.values, eta = learningRate.value
        page.section("A narrow bowl", zh: "一个狭长的碗")
        let steepness = max(b.a, b.b) / min(b.a, b.b)
        let shapeEn = steepness == 1
            ? "The bowl is round: equally steep in both directions, so the gradient points straight at the minimum and no learning rate has to compromise between a steep and a shallow direction."
            : steepness < 4
            ? "The bowl is \(Craft.f(steepness, 3)) times steeper in one direction than in the other, only mildly elongated: one learning rate suits both directions fairly well."
            : "The bowl is \(Craft.f(steepness, 3)) times steeper in one direction than in the other, the shape that makes plain gradient descent slow: a learning rate small enough for the steep direction crawls along the shallow one."
        let shapeZh = steepness == 1
            ? "这个碗是圆的：两个方向一样陡，梯度直指最小值，学习率不必在陡峭方向和平缓方向之间折中。"
            : steepness < 4
            ? "这个碗在一个方向上比另一个方向陡 \(Craft.f(steepness, 3)) 倍，只是略微狭长：同一个学习率对两个方向都还算合适。"
            : "这个碗在一个方向上比另一个方向陡 \(Craft.f(steepness, 3)) 倍，正是让普通梯度下降变慢的形状：学习率小到足以应付陡的方向，在平缓的方向上就只能慢慢爬。"
        page.record("steepness_ratio", steepness)
        page.say("""
            Take the cost $C(v_1, v_2) = \(Self.term(b.a, "v_1^2")) + \(Self.term(b.b, "v_2^2"))$. Its minimum is 0 at the origin and its \
            gradient is $\\nabla C = (\(Self.term(2 * b.a, "v_1")), \(Self.term(2 * b.b, "v_2")))$. \(shapeEn) \
            Every optimizer starts at $v^{(0)} = \(Craft.texList(v0, digits: 6))$, where $C = \(Craft.tex(b.cost(v0)))$.
            """, zh: """
            取代价函数 $C(v_1, v_2) = \(Self.term(b.a, "v_1^2")) + \(Self.term(b.b, "v_2^2"))$。它在原点取得最小值 0，梯度为 \
            $\\nabla C = (\(Self.term(2 * b.a, "v_1")), \(Self.term(2 * b.b, "v_2")))$。\(shapeZh)\
            三种优化器都从 $v^{(0)} = \(Craft.texList(v0, digits: 6))$ 出发，那里 $C = \(Craft.tex(b.cost(v0)))$。
            """)
        page.convention("""
            Superscripts count steps: $v^{(t)}$ is the point after $t$ steps and $g^{(t)} = \\nabla C(v^{(t-1)})$ the gradient \
            used in step $t$. Plain gradient descent and momentum share the learning rate $\\eta = \(Craft.tex(eta))$; Adam's \
            learning rate $\\eta = \(Craft.tex(adamRate.value))$ is of a different kind (a distance per step, see below), so it is chosen separately.
            """, zh: """
            上标表示步数：$v^{(t)}$ 是走了 $t$ 步之后的点，$g^{(t)} = \\nabla C(v^{(t-1)})$ 是第 $t$ 步使用的梯度。\
            普通梯度下降与动量法使用同一个学习率 $\\eta = \(Craft.tex(eta))$；Adam 的学习率 $\\eta = \(Craft.tex(adamRate.value))$ \
            性质不同（它是每一步走的距离，见下文），所以单独选取。
            """)

        // Plain gradient descent.
        let gd = Self.run(gradientDescent, on: b, from: v0, steps: steps, tolerance: tolerance.value)
        page.subsection("Plain gradient descent", zh: "普通梯度下降")
        page.say("Each step moves against the gradient, by $\\eta$ times its size:", zh: "每一步都逆着梯度走，步长是梯度大小的 $\\eta$ 倍：")
        page.equation(tex: "v^{(t)} = v^{(t-1)} - \\eta\\, g^{(t)}", text: "v(t) = v(t−1) − η·g(t)")
        for t in stride(from: 1, through: min(2, gd.path.count - 1), by: 1) {
            let v = gd.path[t - 1], g = gd.gradients[t - 1], w = gd.path[t]
            Self.gradientStep(&page, b, v, g, t)
            page.fittedStep(Self.at("v", t), [Self.vec([.difference(.n(v[0]), .product([.n(eta), .n(g[0])])),
                                                  .difference(.n(v[1]), .product([.n(eta), .n(g[1])]))]), Self.vec(w)])
            Self.costStep(&page, b, w, t)
        }
        let f1 = 1 - 2 * b.a * eta, f2 = 1 - 2 * b.b * eta
        page.say(Self.factorSentence(a: b.a, b: b.b, eta: eta, en: true), zh: Self.factorSentence(a: b.a, b: b.b, eta: eta, en: false))
        page.record("gd_factors", [f1, f2])

        // Momentum.
        let mo = Self.run(heavyBall, on: b, from: v0, steps: steps, tolerance: tolerance.value)
        let beta = momentum.value
        page.subsection("Momentum", zh: "动量法")
        page.say("""
            Momentum keeps a **velocity** $u$: each step it keeps the fraction $\\beta = \(Craft.tex(beta))$ of its old velocity and \
            adds $-\\eta g$, then moves by the velocity. Gradients that keep pointing the same way add up; gradients that flip \
            sign cancel.
            """, zh: """
            动量法维护一个**速度** $u$：每一步保留旧速度的 $\\beta = \(Craft.tex(beta))$，再加上 $-\\eta g$，然后按速度移动。\
            方向始终一致的梯度会累加起来，来回变号的梯度则相互抵消。
            """)
        page.equation(tex: "u^{(t)} = \\beta\\, u^{(t-1)} - \\eta\\, g^{(t)}, \\qquad v^{(t)} = v^{(t-1)} + u^{(t)}, \\qquad u^{(0)} = 0",
                      text: "u(t) = β·u(t−1) − η·g(t),  v(t) = v(t−1) + u(t),  u(0) = 0")
        page.convention("""
            This is the heavy-ball form (Polyak; Sutskever et al. 2013). TensorFlow and PyTorch keep $a = -u/\\eta$ instead \
            ($a \\leftarrow \\beta a + g$, $v \\leftarrow v - \\eta a$); with a constant $\\eta$ the points are identical.
            """, zh: """
            这是“重球”形式（Polyak；Sutskever 等人，2013）。TensorFlow 和 PyTorch 存的是 $a = -u/\\eta$\
            （$a \\leftarrow \\beta a + g$，$v \\leftarrow v - \\eta a$）；学习率不变时，两种写法走出的点完全相同。
            """)
        var u = [0.0, 0.0]
        for t in stride(from: 1, through: min(3, mo.path.count - 1), by: 1) {
            let v = mo.path[t - 1], g = mo.gradients[t - 1], w = mo.path[t]
            let un = mo.states[t - 1].velocity
            Self.gradientStep(&page, b, v, g, t)
            page.fittedStep(Self.at("u", t), [Self.vec((0..<2).map { .difference(.product([.n(beta), .n(u[$0])]), .product([.n(eta), .n(g[$0])])) }), Self.vec(un)])
            page.fittedStep(Self.at("v", t), [Self.vec((0..<2).map { .sum([.n(v[$0]), .n(un[$0])]) }), Self.vec(w)])
            Self.costStep(&page, b, w, t)
            u = un
        }
        let shown = min(3, mo.gradients.count)
        func keepsSign(_ k: Int) -> Bool {
            let g = mo.gradients.prefix(shown).map { $0[k] }
            return g.allSatisfy { $0 > 0 } || g.allSatisfy { $0 < 0 }
        }
        func flips(_ k: Int) -> Bool {
            let g = mo.gradients.prefix(shown).map { $0[k] }
            return zip(g, g.dropFirst()).contains { $0 * $1 < 0 }
        }
        var parts: [(en: String, zh: String)] = []
        for k in 0..<2 {
            let name = "$v_\(k + 1)$"
            if shown >= 2 && keepsSign(k) {
                parts.append(("Along \(name) the gradient keeps its sign over these steps, so the velocity builds up (up to $1/(1-\\beta) = \(Craft.tex(1 / (1 - beta), 4))$ times a plain step).",
                              "沿 \(name) 方向，这几步的梯度一直同号，速度一步步累积（最多可达普通步长的 $1/(1-\\beta) = \(Craft.tex(1 / (1 - beta), 4))$ 倍）。"))
            } else if flips(k) {
                parts.append(("Along \(name) the gradient flips sign, and the old velocity partly cancels the new push.",
                              "沿 \(name) 方向梯度来回变号，旧的速度会部分抵消新的推力。"))
            }
        }
        if !parts.isEmpty {
            page.say(parts.map(\.en).joined(separator: " "), zh: parts.map(\.zh).joined())
        }

        // Adam.
        let ad = Self.run(adam, on: b, from: v0, steps: steps, tolerance: tolerance.value)
        let b1 = beta1.value, b2 = beta2.value, eps = epsilon.value, etaA = adamRate.value
        page.subsection("Adam", zh: "Adam")
        page.say("""
            Adam (Kingma and Ba, 2015) keeps two running averages per coordinate: $m$ of the gradient (a momentum) and $s$ of the \
            **squared** gradient. Both start at 0, so early on they are too small; dividing by $1 - \\beta^t$ (**bias correction**) \
            fixes that exactly. The step divides the averaged gradient by the root of the averaged square, so its size no longer \
            depends on how large the gradient is, only on how consistent it is.
            """, zh: """
            Adam（Kingma 与 Ba，2015）为每个坐标维护两个滑动平均：梯度的平均 $m$（相当于动量）和梯度**平方**的平均 $s$。\
            两者都从 0 开始，所以起初偏小；除以 $1 - \\beta^t$（**偏差修正**）恰好纠正这一点。更新时用平均梯度除以平均平方的平方根，\
            于是步长不再取决于梯度有多大，只取决于梯度的方向有多稳定。
            """)
        page.equation(tex: "m^{(t)} = \\beta_1 m^{(t-1)} + (1 - \\beta_1)\\, g^{(t)}, \\qquad s^{(t)} = \\beta_2 s^{(t-1)} + (1 - \\beta_2)\\, (g^{(t)})^2",
                      text: "m(t) = β1·m(t−1) + (1 − β1)·g(t),  s(t) = β2·s(t−1) + (1 − β2)·g(t)²")
        page.equation(tex: "\\hat m^{(t)} = \\frac{m^{(t)}}{1 - \\beta_1^t}, \\qquad \\hat s^{(t)} = \\frac{s^{(t)}}{1 - \\beta_2^t}, \\qquad v^{(t)} = v^{(t-1)} - \\eta\\, \\frac{\\hat m^{(t)}}{\\sqrt{\\hat s^{(t)}} + \\varepsilon}",
                      text: "m̂(t) = m(t)/(1 − β1^t),  ŝ(t) = s(t)/(1 − β2^t),  v(t) = v(t−1) − η·m̂(t)/(√ŝ(t) + ε)")
        page.convention("""
            $\\beta_1 = \(Craft.tex(b1))$, $\\beta_2 = \(Craft.tex(b2))$, $\\varepsilon = \(Craft.tex(eps))$ (the paper's and \
            TensorFlow's AdamOptimizer defaults), $\\eta = \(Craft.tex(etaA))$, $m^{(0)} = s^{(0)} = 0$, squares and roots taken \
            coordinate by coordinate. The paper calls the second moment $v$; here $v$ is the point, so it is $s$.
            """, zh: """
            $\\beta_1 = \(Craft.tex(b1))$，$\\beta_2 = \(Craft.tex(b2))$，$\\varepsilon = \(Craft.tex(eps))$（论文和 TensorFlow 中 \
            AdamOptimizer 的默认值），$\\eta = \(Craft.tex(etaA))$，$m^{(0)} = s^{(0)} = 0$，平方和开方都逐个坐标进行。\
            论文把二阶矩记作 $v$；本课的 $v$ 是点的位置，所以改记为 $s$。
            """)
        var m = [0.0, 0.0], s = [0.0, 0.0]
        for t in stride(from: 1, through: min(2, ad.path.count - 1), by: 1) {
            let v = ad.path[t - 1], g = ad.gradients[t - 1], w = ad.path[t], state = ad.states[t - 1]
            let mn = state.firstMoment, sn = state.secondMoment, mh = state.correctedFirstMoment, sh = state.correctedSecondMoment
            let c1 = 1 - Double.pow(b1, Double(t)), c2 = 1 - Double.pow(b2, Double(t))
            Self.gradientStep(&page, b, v, g, t)
            page.fittedStep(Self.at("m", t), [Self.vec((0..<2).map { .sum([.product([.n(b1), .n(m[$0])]), .product([.n(1 - b1), .n(g[$0])])]) }), Self.vec(mn)])
            page.fittedStep(Self.at("s", t), [Self.vec((0..<2).map { .sum([.product([.n(b2), .n(s[$0])]), .product([.n(1 - b2), .power(.n(g[$0]), .n(2))])]) }), Self.vec(sn)])
            page.fittedStep(Self.at("\\hat m", t, text: "m̂"), [Self.vec((0..<2).map { .quotient(.n(mn[$0]), .n(c1)) }), Self.vec(mh)])
            page.fittedStep(Self.at("\\hat s", t, text: "ŝ"), [Self.vec((0..<2).map { .quotient(.n(sn[$0]), .n(c2)) }), Self.vec(sh)])
            page.fittedStep(Self.at("v", t), [Self.vec((0..<2).map { .difference(.n(v[$0]), .product([.n(etaA), .quotient(.n(mh[$0]), .sum([Craft.sqrt(.n(sh[$0])), .n(eps)]))])) }), Self.vec(w)])
            Self.costStep(&page, b, w, t)
            m = mn
            s = sn
        }
        if let first = ad.path.dropFirst().first {
            let moved = zip(first, v0).map { abs($0 - $1) }
            let g = ad.gradients[0].map(abs)
            let ratio = (g.max() ?? 0) / max(g.min() ?? 0, 1e-300)
            let nearlyEta = moved.allSatisfy { abs($0 - etaA) <= 0.01 * etaA }
            let stepEn = nearlyEta ? "almost exactly $\\eta$: here by \(Craft.texList(moved, digits: 6))" : "here by \(Craft.texList(moved, digits: 6)), not $\\eta$ (a coordinate whose gradient is 0 does not move, and a large $\\varepsilon$ shortens the step)"
            let stepZh = nearlyEta ? "几乎正好是 $\\eta$：这里分别移动了 \(Craft.texList(moved, digits: 6))" : "这里分别移动了 \(Craft.texList(moved, digits: 6))，并不是 $\\eta$（梯度为 0 的坐标不动，$\\varepsilon$ 较大时步子也会变短）"
            let gradEn = g.min() == 0 ? "" : ratio > 1 + 1e-9
                ? " although one gradient is \(Craft.f(ratio, 3)) times the other." + (nearlyEta ? " The steep and the shallow direction get the same step." : "")
                : " The two gradients are equal in size here, so equal steps are no surprise; on an elongated bowl they would still be equal."
            let gradZh = g.min() == 0 ? "" : ratio > 1 + 1e-9
                ? "尽管一个方向的梯度是另一个的 \(Craft.f(ratio, 3)) 倍。" + (nearlyEta ? "陡的方向和缓的方向迈出的步子一样大。" : "")
                : "这里两个梯度一样大，步子相同不足为奇；换成狭长的碗，步子仍会相同。"
            page.say("""
                Look at the first step: bias correction makes $\\hat m^{(1)} = g^{(1)}$ and $\\hat s^{(1)} = (g^{(1)})^2$, so each \
                coordinate moves by $\\eta\\, g/(|g| + \\varepsilon)$, \(stepEn),\(gradEn)
                """, zh: """
                看第一步：偏差修正使 $\\hat m^{(1)} = g^{(1)}$、$\\hat s^{(1)} = (g^{(1)})^2$，所以每个坐标移动 \
                $\\eta\\, g/(|g| + \\varepsilon)$，\(stepZh)\(gradZh.isEmpty ? "。" : "，" + gradZh)
                """)
        }
        page.record("gd_path", .matrix(gd.path))
        page.record("momentum_path", .matrix(mo.path))
        page.record("adam_path", .matrix(ad.path))
        page.record("gd_loss", gd.costs)
        page.record("momentum_loss", mo.costs)
        page.record("adam_loss", ad.costs)
        page.record("momentum_velocity", .matrix(mo.states.prefix(5).map(\.velocity)))
        page.record("adam_m", .matrix(ad.states.prefix(5).map(\.firstMoment)))
        page.record("adam_s", .matrix(ad.states.prefix(5).map(\.secondMoment)))
        page.record("adam_m_hat", .matrix(ad.states.prefix(5).map(\.correctedFirstMoment)))
        page.record("adam_s_hat", .matrix(ad.states.prefix(5).map(\.correctedSecondMoment)))
        return (gd, mo, ad)
    }
}

extension OptimizersLesson {
    /// How plain gradient descent behaves along one coordinate whose factor per step is f.
    enum CoordinateBehaviour: Equatable {
        case shrinks, zigzagShrinks, stopsAtOnce, stalls, oscillatesForever, grows, zigzagGrows
        init(_ f: Double) {
            if f == 0 { self = .stopsAtOnce }
            else if abs(f) < 1 { self = f > 0 ? .shrinks : .zigzagShrinks }
            else if f == 1 { self = .stalls }
            else if f == -1 { self = .oscillatesForever }
            else { self = f > 0 ? .grows : .zigzagGrows }
        }
        func text(_ name: String, en: Bool) -> String {
            switch self {
            case .shrinks: return en ? "\(name) shrinks towards 0 without changing sign" : "\(name) 不变号，逐步缩向 0"
            case .zigzagShrinks: return en ? "\(name) flips sign every step while it shrinks: the path zig-zags across the valley" : "\(name) 每一步都变号，同时在缩小：路径在山谷两侧来回折返"
            case .stopsAtOnce: return en ? "\(name) is 0 after the first step" : "\(name) 第一步之后就是 0"
            case .stalls: return en ? "\(name) never changes" : "\(name) 永远不变"
            case .oscillatesForever: return en ? "\(name) flips sign every step without shrinking: it oscillates forever" : "\(name) 每一步都变号却不缩小：永远来回振荡"
            case .grows: return en ? "\(name) grows every step: the run diverges" : "\(name) 每一步都在变大：训练发散"
            case .zigzagGrows: return en ? "\(name) flips sign and grows every step: the run diverges" : "\(name) 每一步都变号并且变大：训练发散"
            }
        }
    }

    /// The sentence about gradient descent's per-coordinate factors 1 − 2aη and 1 − 2bη, chosen by their values.
    static func factorSentence(a: Double, b: Double, eta: Double, en: Bool) -> String {
        let f1 = 1 - 2 * a * eta, f2 = 1 - 2 * b * eta
        let c1 = CoordinateBehaviour(f1), c2 = CoordinateBehaviour(f2)
        var out = en
            ? "Each coordinate is simply multiplied by a fixed factor every step: $v_1$ by $1 - \(Craft.tex(2 * a))\\eta = \(Craft.tex(f1))$ and $v_2$ by $1 - \(Craft.tex(2 * b))\\eta = \(Craft.tex(f2))$. "
            : "每走一步，各个坐标都只是乘上一个固定的因子：$v_1$ 乘 $1 - \(Craft.tex(2 * a))\\eta = \(Craft.tex(f1))$，$v_2$ 乘 $1 - \(Craft.tex(2 * b))\\eta = \(Craft.tex(f2))$。"
        out += en ? "So " + c1.text("$v_1$", en: true) + ", and " + c2.text("$v_2$", en: true) + ". "
                  : "所以" + c1.text("$v_1$", en: false) + "；" + c2.text("$v_2$", en: false) + "。"
        let converging: Set<CoordinateBehaviour> = [.shrinks, .zigzagShrinks]
        if converging.contains(c1) && converging.contains(c2) && abs(abs(f1) - abs(f2)) > 1e-12 {
            let slow = abs(f1) > abs(f2) ? "$v_1$" : "$v_2$"
            let ratio = Double.log(min(abs(f1), abs(f2))) / Double.log(max(abs(f1), abs(f2)))
            out += en ? "The slower coordinate is \(slow), whose factor is closer to 1 in size: the other shrinks \(Craft.f(ratio, 3)) times as fast (in orders of magnitude per step). "
                      : "较慢的是 \(slow)，它的因子绝对值更接近 1：另一个坐标缩小的速度（每步缩小的数量级）是它的 \(Craft.f(ratio, 3)) 倍。"
        } else if converging.contains(c1) && converging.contains(c2) {
            out += en ? "Both coordinates shrink at the same rate. " : "两个坐标缩小的速度相同。"
        }
        let limit = 1 / max(a, b)
        if eta < limit {
            out += en ? "Raising $\\eta$ helps only so far: beyond $\\eta = 1/\\max(a, b) = \(Craft.tex(limit))$ the factor $1 - 2\\max(a, b)\\,\\eta$ passes $-1$ and the run blows up."
                      : "把 $\\eta$ 调大只能帮到一定程度：一旦超过 $\\eta = 1/\\max(a, b) = \(Craft.tex(limit))$，因子 $1 - 2\\max(a, b)\\,\\eta$ 就越过 $-1$，训练随即发散。"
        } else {
            out += en ? "This $\\eta$ is at or beyond $1/\\max(a, b) = \(Craft.tex(limit))$, where the steep direction's factor reaches $-1$: no smaller factor in size is left for that direction."
                      : "这个 $\\eta$ 已经达到或超过 $1/\\max(a, b) = \(Craft.tex(limit))$，陡峭方向的因子在这里到达 $-1$：那个方向已经不再收缩。"
        }
        return out
    }
}
