import LonghandEngine
import Notebook

/// Exercises with other numbers; the engine works every solution.
extension ConvPoolLesson {
    static let exerciseSizes: [(input: Int, kernel: Int, padding: Int, stride: Int)] = [(28, 5, 0, 1), (28, 3, 1, 2), (7, 3, 1, 2), (24, 2, 0, 2)]
    static let strideInput: [[Double]] = [[1, 0, 2, 1], [3, 1, 0, 2], [0, 2, 1, 1], [2, 1, 3, 0]]
    static let strideKernel: [[Double]] = [[1, -1], [2, 1]]
    static let strideDelta: [[Double]] = [[1, 0, -1], [2, 1, 0], [0, -1, 1]]
    static let overlapMap: [[Double]] = [[1, 6, 0], [3, 5, 4], [7, 2, 2]]
    static let overlapGradient: [[Double]] = [[1, 2], [3, 4]]

    static func plain(_ m: [[Double]]) -> String { ExprRendering.text(.matrix(m)) }

    func writeExercises(_ page: inout Page) {
        page.section("Exercises", zh: "练习")
        let list = Self.exerciseSizes.enumerated().map { "\n\($0.offset + 1). $H_1 = \($0.element.input)$, $F = \($0.element.kernel)$, $P = \($0.element.padding)$, $S = \($0.element.stride)$" }
        page.exercise("Find the output side for each combination, or explain why it does not fit:\n\(list.joined())",
                      zh: "求下列每种组合的输出边长；放不下的，说明原因：\n\(list.joined())") { s in
            var sizes: [Double] = []
            for e in Self.exerciseSizes {
                let w = SlidingWindow(size: e.kernel, stride: e.stride, padding: e.padding)
                let v = w.formulaValue(e.input)
                sizes.append(v)
                s.step(nil, .raw(tex: "H_2", text: "H2"), [Self.sizeFormula(w, e.input)], value: v, digits: 4)
                if w.outputSize(e.input) == nil {
                    s.say("Not a whole number: $H_1 - F + 2P = \(w.travel(e.input))$ is not a multiple of $S = \(e.stride)$; \(w.leftover(e.input)) row and column would be left over (a library would round down to \(w.flooredOutputSize(e.input) ?? 0)).",
                          zh: "不是整数：$H_1 - F + 2P = \(w.travel(e.input))$ 不是 $S = \(e.stride)$ 的倍数，会剩下 \(w.leftover(e.input)) 行和 \(w.leftover(e.input)) 列（框架会向下取整为 \(w.flooredOutputSize(e.input) ?? 0)）。")
                }
            }
            s.record("sizes", sizes)
        }

        let X = Self.strideInput, K = Self.strideKernel, D = Self.strideDelta
        page.exercise("""
            Stride 2 and padding 1: the input $X$ = \(Self.plain(X)) and the kernel $K$ = \(Self.plain(K)) (no bias) give a \
            3×3 output $Z$. The gradient arriving from above is $\\delta = \\partial L / \\partial Z$ = \(Self.plain(D)). \
            Compute $Z$, $\\partial L / \\partial K$ and $\\partial L / \\partial X$ with the convolution forms, and check them.
            """, zh: """
            步长 2、填充 1：输入 $X$ = \(Self.plain(X))，卷积核 $K$ = \(Self.plain(K))（无偏置），得到 3×3 的输出 $Z$。\
            从后面传回来的梯度是 $\\delta = \\partial L / \\partial Z$ = \(Self.plain(D))。\
            用卷积形式求 $Z$、$\\partial L / \\partial K$ 和 $\\partial L / \\partial X$，并加以核对。
            """) { s in
            let conv = Conv2D(inChannels: 1, outChannels: 1, kernelSize: 2, stride: 2, padding: 1, weights: K.flatMap { $0 })
            let x = Tensor3(map: X)
            let z = conv.forward(x)
            s.step(nil, .raw(tex: "H_2", text: "H2"), [Self.sizeFormula(conv.rowWindow, 4)], value: Double(z.rows))
            let xp = Correlation.zeroPadded(X, by: 1)
            s.step(Self.sym("\\operatorname{pad}_1(X)", "pad(X)"), [.matrix(xp)])
            s.step(nil, Self.element("z", nil, 0, 0), [Self.products(Correlation.terms(xp, K, row: 0, column: 0, stride: 2))], value: z[0, 0, 0])
            s.step(Self.sym("Z", "Z"), [.matrix(z.channel(0))])
            let dil = Correlation.dilated(D, by: 2)
            s.say("""
                For the kernel gradient spread the delta's cells 2 apart (one zero between neighbours) and lay it over the padded input:
                """, zh: "求卷积核梯度时，把误差项的格子隔开 2 格（相邻格之间插一个 0），再盖到填充后的输入上：")
            s.step(Self.sym("\\operatorname{dilate}_2(\\delta)", "dilate(δ)"), [.matrix(dil)])
            let dK = Correlation.kernelGradient(input: X, delta: D, stride: 2, padding: 1)
            for a in 0..<2 {
                for b in 0..<2 {
                    s.step(nil, Self.sym("\\frac{\\partial L}{\\partial k_{\(a),\(b)}}", "∂L/∂k[\(a),\(b)]"),
                           [Self.products(Correlation.terms(xp, dil, row: a, column: b).filter { $0.0 != 0 })], value: dK[a][b])
                }
            }
            s.figure("stride-kernel-gradient", title: Localized("Stride 2, padding 1: the dilated delta over the padded input", zh: "步长 2、填充 1：膨胀后的误差项盖在填充后的输入上"),
                     description: Localized("The 6×6 padded input with the 5×5 dilated delta laid over it at offset (0, 0); the sum of products is ∂L/∂k at (0, 0).",
                                            zh: "6×6 的填充输入，5×5 的膨胀误差项以偏移 (0, 0) 盖在上面；乘积之和就是 (0, 0) 处的 ∂L/∂k。"),
                     GridDrawing([Self.panel(xp, "pad₁(X)", "pad₁(X)", [Self.window(0, 0, 5, 5, color: 0)], padding: 1), .symbol("⋆"),
                                  Self.panel(dil, "dilate₂(δ)", "dilate₂(δ)", fadeZeros: true), .symbol("="),
                                  Self.panel(dK, "∂L/∂K", "∂L/∂K", [Self.cell(0, 0, color: 0)])]))
            let full = Correlation.valid(Correlation.zeroPadded(dil, by: 1), Correlation.rotated180(K))
            let dX = Correlation.inputGradient(delta: D, kernel: K, stride: 2, padding: 1)
            s.say("For the input gradient pad the dilated delta with $F - 1 = 1$ ring, correlate with the rotated kernel, and crop the padding ring off:",
                  zh: "求输入梯度时，把膨胀后的误差项补 $F - 1 = 1$ 圈零，与旋转后的卷积核做互相关，再把填充的那一圈裁掉：")
            s.step(Self.sym("\\operatorname{rot180}(K)", "rot180(K)"), [.matrix(Correlation.rotated180(K))])
            s.step(Self.sym("\\operatorname{pad}_1(\\operatorname{dilate}_2(\\delta)) \\star \\operatorname{rot180}(K)", "pad(dilate(δ)) ⋆ rot180(K)"), [.matrix(full)])
            s.step(Self.sym("\\frac{\\partial L}{\\partial X}", "∂L/∂X"), [.matrix(dX)])
            let engine = conv.backward(input: x, outputGradient: Tensor3(map: D))
            let difference = max(zip(engine.weights, dK.flatMap { $0 }).map { abs($0 - $1) }.max() ?? 0,
                                 zip(engine.input.values, dX.flatMap { $0 }).map { abs($0 - $1) }.max() ?? 0)
            // L = Σ δ ⊙ Z has ∂L/∂Z = δ, so central differences of it check both gradients.
            let dFlat = D.flatMap { $0 }
            func loss(_ c: Conv2D, _ x: Tensor3) -> Double { zip(c.forward(x).values, dFlat).reduce(0) { $0 + $1.0 * $1.1 } }
            let checkK = GradientCheck.compare(analytic: dK.flatMap { $0 }, at: conv.weights) { w in var c = conv; c.weights = w; return loss(c, x) }
            let checkX = GradientCheck.compare(analytic: dX.flatMap { $0 }, at: x.values) { v in loss(conv, Tensor3(channels: 1, rows: 4, columns: 4, values: v)) }
            let worst = (checkK + checkX).map(\.scaledError).max() ?? 0
            s.say("""
                The engine's `Conv2D.backward` gives the same two gradients (largest difference \(NumberFormat.short(difference))), and central \
                differences of $L = \\sum \\delta \\odot Z$ agree with a largest relative error of \(NumberFormat.short(worst, significant: 2)). \
                With $S = F = 2$ the windows do not overlap, so each input cell meets exactly one kernel weight.
                """, zh: """
                引擎的 `Conv2D.backward` 给出同样的两个梯度（最大差 \(NumberFormat.short(difference))），\
                对 $L = \\sum \\delta \\odot Z$ 做中心差分，最大相对误差为 \(NumberFormat.short(worst, significant: 2))。\
                $S = F = 2$ 时窗口互不重叠，所以每个输入格只碰到卷积核的一个权重。
                """)
            s.record("z", z.channel(0))
            s.record("dL_dkernel", dK)
            s.record("dL_dinput", dX)
            s.record("gradcheck_max_rel_error", worst)
        }

        let A = Self.overlapMap, G = Self.overlapGradient
        page.exercise("""
            Overlapping windows: pool $A$ = \(Self.plain(A)) with 2×2 windows and **stride 1**, and send back the gradient \
            $\\partial L / \\partial P$ = \(Self.plain(G)). Which cells of $A$ receive a gradient, and how much?
            """, zh: """
            窗口重叠的情形：对 $A$ = \(Self.plain(A)) 做 2×2、**步长 1** 的最大池化，再把梯度 $\\partial L / \\partial P$ = \(Self.plain(G)) 传回去。\
            $A$ 中哪些格子得到梯度？各得多少？
            """) { s in
            let pool = MaxPool2D(size: 2, stride: 1)
            let a = Tensor3(map: A)
            let r = pool.forward(a)
            var highlights: [GridDrawing.Highlight] = []
            for i in 0..<2 {
                for j in 0..<2 {
                    let terms = (0..<2).flatMap { p in (0..<2).map { q in Expr.n(A[i + p][j + q]) } }
                    let arg = r.argmax[i * 2 + j]
                    s.step(nil, Self.element("p", nil, i, j), [.call(tex: "\\max", text: "max", terms)], value: r.output[0, i, j])
                    s.say("The maximum of block \(Self.at(i, j)) is $a_{\(arg / 3),\(arg % 3)}$; it receives $\(fmt(G[i][j]))$.",
                          zh: "块 \(Self.at(i, j)) 的最大值是 $a_{\(arg / 3),\(arg % 3)}$，它得到 $\(fmt(G[i][j]))$。")
                    highlights.append(Self.cell(arg / 3, arg % 3, color: i * 2 + j))
                }
            }
            let blocks = (0..<4).map { Self.cell($0 / 2, $0 % 2, color: $0) }
            let dA = pool.backward(outputGradient: Tensor3(map: G), argmax: r.argmax, inputShape: a)
            s.step(Self.sym("\\frac{\\partial L}{\\partial A}", "∂L/∂A"), [.matrix(dA.channel(0))])
            let shared = (0..<a.count).filter { k in r.argmax.filter { $0 == k }.count > 1 }
            for k in shared {
                let sources = r.argmax.enumerated().filter { $0.element == k }.map { G[$0.offset / 2][$0.offset % 2] }
                s.step(nil, Self.sym("\\frac{\\partial L}{\\partial a_{\(k / 3),\(k % 3)}}", "∂L/∂a[\(k / 3),\(k % 3)]"),
                       [.sum(sources.map { .n($0) })], value: dA.values[k])
            }
            s.say("A cell that is the maximum of several overlapping windows collects the sum of their gradients; cells that are no window's maximum get 0.",
                  zh: "一个格子若同时是几个重叠窗口的最大值，就得到这些窗口梯度之和；不是任何窗口最大值的格子得到 0。")
            s.figure("overlap-pool", title: Localized("Overlapping 2×2 pooling with stride 1: gradients add up at a shared maximum", zh: "步长 1 的重叠 2×2 池化：共享的最大值处梯度相加"),
                     description: Localized("The 3×3 map with the maximum of each of the four overlapping windows highlighted, and the gradient each cell receives.",
                                            zh: "3×3 的图，四个重叠窗口各自的最大值被高亮；右边是每个格子得到的梯度。"),
                     GridDrawing([Self.panel(A, "A", "A", highlights), .symbol("→"), Self.panel(r.output.channel(0), "P", "P", blocks),
                                  .symbol(" "), Self.panel(G, "∂L/∂P", "∂L/∂P", blocks), .symbol("→"),
                                  Self.panel(dA.channel(0), "∂L/∂A", "∂L/∂A", highlights, fadeZeros: true)]))
            let gFlat = G.flatMap { $0 }
            let check = GradientCheck.compare(analytic: dA.values, at: a.values) { v in
                zip(pool.forward(Tensor3(channels: 1, rows: 3, columns: 3, values: v)).output.values, gFlat).reduce(0) { $0 + $1.0 * $1.1 }
            }
            let worst = check.map(\.scaledError).max() ?? 0
            s.say("Central differences of $L = \\sum (\\partial L / \\partial P) \\odot P$ agree (largest relative error \(NumberFormat.short(worst, significant: 2))).",
                  zh: "对 $L = \\sum (\\partial L / \\partial P) \\odot P$ 做中心差分，结果一致（最大相对误差 \(NumberFormat.short(worst, significant: 2))）。")
            s.record("pool_out", r.output.channel(0))
            s.record("dL_dA", dA.channel(0))
            s.record("gradcheck_max_rel_error", worst)
        }
    }
}
