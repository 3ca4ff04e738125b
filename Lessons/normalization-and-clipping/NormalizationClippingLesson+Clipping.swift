import LonghandEngine
import Notebook

/// Gradient clipping on one vector, the `002` erratum, and a deep network tamed by clipping.
extension NormalizationClippingLesson {
    /// What `002` says clipping does: a component over the threshold has the threshold subtracted
    /// (taken symmetrically: |g| > c becomes g − c·sign(g)). Shown only to be refuted.
    static func subtractThreshold(_ g: [Double], _ c: Double) -> [Double] {
        g.map { $0 > c ? $0 - c : ($0 < -c ? $0 + c : $0) }
    }

    /// cos of the angle between two vectors (1 when they point the same way).
    static func cosine(_ a: [Double], _ b: [Double]) -> Double {
        let na = GradientClipping.norm(a), nb = GradientClipping.norm(b)
        guard na > 0, nb > 0 else { return 1 }
        return zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } / (na * nb)
    }

    /// clip(g, −c, c) as an expression.
    static func clipExpr(_ g: Double, _ c: Double) -> Expr {
        .call(tex: "\\operatorname{clip}", text: "clip", [.n(g), .n(-c), .n(c)])
    }

    /// Clipping of `g` at `c` by value, by norm and by the text's subtraction, written into `page`.
    static func workClipping(_ page: inout Page, _ g: [Double], _ c: Double) -> (value: [Double], norm: [Double], subtract: [Double]) {
        let byValue = GradientClipping.value(threshold: c).apply(g)
        let byNorm = GradientClipping.norm(threshold: c).apply(g)
        let subtracted = subtractThreshold(g, c)
        let length = GradientClipping.norm(g)
        page.say("**By value**: each component is cut to the interval $[-c, c]$.", zh: "**按值裁剪**：把每个分量截到区间 $[-c, c]$ 内。")
        for (i, gi) in g.enumerated() {
            page.step(nil, Craft.sub("g'", "\(i + 1)", text: "g'"), [clipExpr(gi, c)], value: byValue[i])
        }
        page.say("**By norm**: if the whole vector is longer than $c$, it is scaled down to length $c$, direction unchanged.",
                 zh: "**按范数裁剪**：如果整个向量的长度超过 $c$，就把它等比例缩短到长度 $c$，方向不变。")
        page.step(nil, .raw(tex: "\\lVert g \\rVert", text: "‖g‖"), [Craft.normExpr(g)], value: length)
        if length > c {
            page.step(nil, .raw(tex: "c / \\lVert g \\rVert", text: "c/‖g‖"), [.quotient(.n(c), .n(length))], value: c / length)
            for (i, gi) in g.enumerated() {
                page.step(nil, Craft.sub("g''", "\(i + 1)", text: "g''"), [.product([.n(gi), .n(c / length)])], value: byNorm[i])
            }
        } else {
            page.say("Here $\\lVert g \\rVert \\le c$, so the vector is left as it is.", zh: "这里 $\\lVert g \\rVert \\le c$，向量保持不变。")
        }
        return (byValue, byNorm, subtracted)
    }

    func writeClipping(_ page: inout Page) {
        let g = gradient.values, c = threshold.value
        page.section("Gradient clipping", zh: "梯度裁剪")
        page.say("""
            `002`'s fourth remedy: during backpropagation, do not let a gradient exceed some threshold. A single huge gradient \
            can throw the weights so far that training never recovers; clipping puts a cap on how far one step can go. \
            Take the gradient $g = \(Craft.texList(g, digits: 6))$ and the threshold $c = \(Craft.tex(c))$.
            """, zh: """
            `002` 的第四种对策：在反向传播过程中，不让梯度超过某个阈值。一个特别大的梯度可能把权重一下子甩得太远，\
            训练从此再也回不来；裁剪给每一步能走多远设了上限。取梯度 $g = \(Craft.texList(g, digits: 6))$、阈值 $c = \(Craft.tex(c))$。
            """)
        let clipped = Self.workClipping(&page, g, c)
        page.record("gradient_norm", GradientClipping.norm(g))
        page.record("clipped_value", clipped.value)
        page.record("clipped_norm", clipped.norm)
        page.record("clipped", clipMode == .norm ? clipped.norm : clipped.value)
        let cosValue = Self.cosine(g, clipped.value), cosNorm = Self.cosine(g, clipped.norm)
        page.record("cosine_value", cosValue)
        page.record("cosine_norm", cosNorm)
        page.say("""
            Both results respect the cap: no component of $g'$ exceeds \(fmt(c)) in size, and $\\lVert g'' \\rVert = \
            \(Craft.f(GradientClipping.norm(clipped.norm), 6))$. The cosine of the angle between $g$ and $g'$ is \(Craft.f(cosValue, 6)), \
            between $g$ and $g''$ it is \(Craft.f(cosNorm, 6))\(cosValue < 1 - 1e-9 ? ": clipping by value turned the step, because it shrinks only the large components" : ": here neither rule turned the step"). \
            Clipping by norm can only shorten a step, never turn it, which is why it is the usual choice.
            """, zh: """
            两种结果都遵守了上限：$g'$ 的每个分量绝对值都不超过 \(fmt(c))，而 $\\lVert g'' \\rVert = \
            \(Craft.f(GradientClipping.norm(clipped.norm), 6))$。$g$ 与 $g'$ 夹角的余弦是 \(Craft.f(cosValue, 6))，\
            $g$ 与 $g''$ 的是 \(Craft.f(cosNorm, 6))\(cosValue < 1 - 1e-9 ? "：按值裁剪只压缩大的分量，让这一步转了向" : "：这里两种规则都没有让这一步转向")。\
            按范数裁剪只会把步子缩短，从不让它转向，所以通常用它。
            """)
        let over = g.filter { abs($0) > c }
        page.say("What `002` says instead — subtract the threshold from a gradient that exceeds it — gives:",
                 zh: "而按 `002` 的说法——梯度超过阈值就减去阈值——得到的是：")
        for (i, gi) in g.enumerated() where abs(gi) > c {
            page.step(nil, Craft.sub("\\tilde g", "\(i + 1)", text: "g̃"),
                      [gi > 0 ? .difference(.n(gi), .n(c)) : .sum([.n(gi), .n(c)])], value: clipped.subtract[i])
        }
        page.record("text_rule", clipped.subtract)
        let stillOver = clipped.subtract.contains { abs($0) > c }
        page.erratum("""
            `002` says of gradient clipping: “如果超过就减去相应的阈值” (if it exceeds, subtract the corresponding threshold). \
            Clipping **caps** the gradient; it does not subtract. With $g = \(Craft.texList(g, digits: 6))$ and $c = \(Craft.tex(c))$, \
            clipping by value gives $\(Craft.texList(clipped.value, digits: 6))$ and by norm $\(Craft.texList(clipped.norm, digits: 6))$, \
            while subtracting gives $\(Craft.texList(clipped.subtract, digits: 6))$\
            \(over.isEmpty ? "" : stillOver ? ", still above the threshold" : ""). Subtracting bounds nothing \
            (a gradient of 1000 would become \(fmt(1000 - c))) and jumps at the threshold (just over $c$ becomes almost 0, \
            while just under $c$ stays almost $c$).
            """, zh: """
            `002` 说梯度裁剪是“如果超过就减去相应的阈值”。其实裁剪是给梯度**封顶**，而不是减去阈值。\
            取 $g = \(Craft.texList(g, digits: 6))$、$c = \(Craft.tex(c))$，按值裁剪得到 $\(Craft.texList(clipped.value, digits: 6))$，\
            按范数裁剪得到 $\(Craft.texList(clipped.norm, digits: 6))$，而减去阈值得到的是 $\(Craft.texList(clipped.subtract, digits: 6))$\
            \(over.isEmpty ? "" : stillOver ? "，仍然超过阈值" : "")。减去阈值什么也限制不住（梯度为 1000 时会变成 \(fmt(1000 - c))），\
            而且在阈值处会跳变（比 $c$ 稍大的梯度几乎变成 0，比 $c$ 稍小的却几乎还是 $c$）。
            """)
        page.figure("clipping", title: Localized("One gradient, clipped three ways", zh: "同一个梯度的三种处理"),
                    description: Localized("The gradient g = \(Craft.list(g, digits: 6)) as an arrow from the origin, the square |g_i| ≤ \(fmt(c)) of clipping by value, the circle ‖g‖ = \(fmt(c)) of clipping by norm, and where each rule sends g: by value \(Craft.list(clipped.value)), by norm \(Craft.list(clipped.norm)), and the text's subtraction \(Craft.list(clipped.subtract)).",
                                           zh: "梯度 g = \(Craft.list(g, digits: 6)) 画成从原点出发的箭头；正方形 |g_i| ≤ \(fmt(c)) 是按值裁剪的范围，圆 ‖g‖ = \(fmt(c)) 是按范数裁剪的范围；三种规则把 g 分别送到：按值 \(Craft.list(clipped.value))，按范数 \(Craft.list(clipped.norm))，原文的减法 \(Craft.list(clipped.subtract))。"),
                    Self.clippingPlot(g, c, clipped))
    }

    static func clippingPlot(_ g: [Double], _ c: Double, _ r: (value: [Double], norm: [Double], subtract: [Double])) -> LinePlot {
        let reach = max(([c] + g.map(abs) + r.subtract.map(abs)).max() ?? 1, 1e-6) * 1.15
        let square: [LinePlot.Point] = [.init(-c, -c), .init(c, -c), .init(c, c), .init(-c, c), .init(-c, -c)]
        let circle = (0...96).map { k -> LinePlot.Point in
            let a = 2 * Double.pi * Double(k) / 96
            return .init(c * Craft.cosine(a), c * Craft.sine(a))
        }
        func arrow(_ v: [Double]) -> [LinePlot.Point] { [.init(0, 0), .init(v[0], v[1])] }
        return LinePlot(xLabel: Localized("component 1", zh: "分量 1"), yLabel: Localized("component 2", zh: "分量 2"),
                        series: [.init(Localized("|g_i| ≤ c", zh: "|g_i| ≤ c"), square, style: .dashed, color: 6),
                                 .init(Localized("‖g‖ = c", zh: "‖g‖ = c"), circle, style: .dashed, color: 5),
                                 .init(Localized("g", zh: "g"), arrow(g), color: 6),
                                 .init(Localized("by value", zh: "按值裁剪"), arrow(r.value), color: 1),
                                 .init(Localized("by norm", zh: "按范数裁剪"), arrow(r.norm), color: 0),
                                 .init(Localized("subtract c (text)", zh: "减去 c（原文）"), arrow(r.subtract), style: .dashed, color: 3),
                                 .init(Localized(same: ""), [g, r.value, r.norm, r.subtract].map { .init($0[0], $0[1]) }, style: .points, color: 6,
                                       pointLabels: ["g", "g'", "g''", "g̃"])],
                        xRange: -reach...reach, yRange: -reach...reach, width: 460, height: 460)
    }
}
