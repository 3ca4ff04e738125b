import LonghandEngine
import Notebook

extension ActivationsLesson {
    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        writeMaxout(&page)
        writeProductOfSlopes(&page)
        writeDyingReLU(&page)
        page.sourcesOfThisLesson(Self.id)
    }

    /// `004` lists maxout among the common activations: the largest of several linear pieces.
    func writeMaxout(_ page: inout Page) {
        let x = vector.values
        page.section("Maxout", zh: "Maxout")
        page.say("""
            `004` lists **maxout** beside sigmoid, ReLU and tanh. A maxout unit computes several linear functions of its input \
            and outputs the largest: $\\operatorname{maxout}(x) = \\max_i (w_i x + b_i)$. It learns its own shape. With the two \
            pieces $x$ and $0$ it is ReLU; with $x$ and $-x$ it is $|x|$; with $x$ and $0.01x$ it is leaky ReLU. On this \
            lesson's vector:
            """, zh: """
            `004` 把 **maxout** 与 sigmoid、ReLU、tanh 并列。maxout 单元对输入计算几个线性函数，输出其中最大的：\
            $\\operatorname{maxout}(x) = \\max_i (w_i x + b_i)$，它的形状是学出来的。取两段 $x$ 和 $0$，它就是 ReLU；\
            取 $x$ 和 $-x$，就是 $|x|$；取 $x$ 和 $0.01x$，就是带泄露的 ReLU。用本课的向量来算：
            """)
        let pieces: [(Localized, [(w: Double, b: Double)])] = [
            (Localized("$x$, $0$", zh: "$x$、$0$"), [(1, 0), (0, 0)]),
            (Localized("$x$, $-x$", zh: "$x$、$-x$"), [(1, 0), (-1, 0)]),
            (Localized("$x$, $0.01x$", zh: "$x$、$0.01x$"), [(1, 0), (0.01, 0)]),
        ]
        func maxout(_ v: Double, _ p: [(w: Double, b: Double)]) -> Double { p.map { $0.w * v + $0.b }.max() ?? 0 }
        page.table([Localized("pieces", zh: "各段")] + x.map { Localized(same: "$x = \(fmt($0))$") },
                   pieces.map { name, p in [.text(name)] + x.map { .number(maxout($0, p)) } })
        let asReLU = x.map { maxout($0, pieces[0].1) }
        page.record("maxout_relu", asReLU)
        page.record("maxout_abs", x.map { maxout($0, pieces[1].1) })
        let sameAsReLU = zip(asReLU, x).allSatisfy { $0 == Activation.relu.apply($1) }
        page.say(sameAsReLU
                 ? "The first row is exactly ReLU of the vector. The price: a maxout unit with $k$ pieces has $k$ times the weights of an ordinary unit."
                 : "The first row differs from ReLU of the vector.",
                 zh: sameAsReLU
                 ? "第一行恰好就是这个向量的 ReLU。代价是：$k$ 段的 maxout 单元，权重是普通单元的 $k$ 倍。"
                 : "第一行与这个向量的 ReLU 不同。")
    }

    /// `004`: vanishing and exploding are two extremes of one product; weights above 4 make sigmoid chains grow.
    func writeProductOfSlopes(_ page: inout Page) {
        let layers = 10
        let slope = Activation.sigmoid.derivative(0)
        page.section("One product, two extremes", zh: "同一串乘积的两个极端")
        page.say("""
            `004` says vanishing and exploding gradients are “two extremes of the same problem”, caused by the weights' \
            compounding. Backpropagation multiplies one factor $w\\,\\sigma'(z)$ per layer. The sigmoid's slope is at most \
            $\\sigma'(0) = \(fmt(slope))$, so with weights of size 1 every factor is at most \(fmt(slope)) and the product shrinks; \
            only weights larger than $1/\(fmt(slope)) = \(fmt(1 / slope))$ can make a factor exceed 1. Through \(layers) layers, \
            all at $z = 0$:
            """, zh: """
            `004` 说梯度消失和梯度爆炸“是同一个问题的两个极端”，由权重项的叠加效应导致。反向传播每经过一层就乘上一个因子 \
            $w\\,\\sigma'(z)$。sigmoid 的斜率最大只有 $\\sigma'(0) = \(fmt(slope))$，所以权重大小为 1 时每个因子至多 \(fmt(slope))，\
            乘积越乘越小；只有权重超过 $1/\(fmt(slope)) = \(fmt(1 / slope))$，因子才可能大于 1。经过 \(layers) 层，且都在 $z = 0$ 处：
            """)
        let weights: [Double] = [1, 4, 5]
        var rows: [[Table.Cell]] = []
        var products: [Double] = []
        for w in weights {
            let factor = w * slope
            let product = (0..<layers).reduce(1.0) { acc, _ in acc * factor }
            products.append(product)
            let verdict: Localized = factor > 1 ? Localized("grows (exploding)", zh: "变大（爆炸）")
                : factor < 1 ? Localized("shrinks (vanishing)", zh: "变小（消失）") : Localized("stays the same", zh: "保持不变")
            rows.append([.number(w), .math(.product([.n(w), .n(slope)])), .number(factor), .math(.power(.n(factor), .n(Double(layers)))), .number(product), .text(verdict)])
        }
        page.table([Localized("$w$", zh: "$w$"), Localized("factor", zh: "因子"), Localized("$w\\,\\sigma'(0)$", zh: "$w\\,\\sigma'(0)$"),
                    Localized("product", zh: "乘积"), Localized("value", zh: "数值"), Localized("the gradient", zh: "梯度")], rows)
        page.record("slope_products", products)
        page.say("""
            The same network shape gives a gradient \(NumberFormat.short(products[2] / products[0], significant: 3)) times larger \
            at the first layer with $w = \(fmt(weights[2]))$ than with $w = \(fmt(weights[0]))$: which extreme you get depends on the \
            weights, which is why `004` and `002` answer both with the initialisation (next lessons).
            """, zh: """
            同样的网络结构，$w = \(fmt(weights[2]))$ 时第一层的梯度是 $w = \(fmt(weights[0]))$ 时的 \
            \(NumberFormat.short(products[2] / products[0], significant: 3)) 倍：落到哪个极端取决于权重，\
            所以 `004` 和 `002` 都用初始化来同时应对这两种情况（见后面的课）。
            """)
    }

    /// `002`'s dying ReLU in numbers: a unit whose weighted input is negative for every input never learns again.
    func writeDyingReLU(_ page: inout Page) {
        let x = vector.values
        let w = 0.5, b = -5.0 - 0.5 * (x.map(abs).max() ?? 0)
        page.section("A dying ReLU in numbers", zh: "用数字看 ReLU 神经元死亡")
        page.say("""
            `002` warns that some ReLU units “become 0” for good. Take a unit $z = \(fmt(w))\\,x + b$ whose bias a large update \
            has pushed to $b = \(fmt(b))$, and feed it each number of this lesson's vector. With an upstream gradient of 1, the \
            gradient reaching its weight is $\\mathrm{ReLU}'(z)\\,x$:
            """, zh: """
            `002` 提醒，有些 ReLU 神经元会永久地“变成 0”。设一个神经元 $z = \(fmt(w))\\,x + b$，一次大幅更新把它的偏置推到了 \
            $b = \(fmt(b))$；把本课向量中的每个数依次输入。设上游梯度为 1，传到它权重上的梯度是 $\\mathrm{ReLU}'(z)\\,x$：
            """)
        let leak = slope.value
        let rows: [[Table.Cell]] = x.map { v in
            let z = w * v + b
            return [.number(v), .number(z), .number(Activation.relu.apply(z)), .number(Activation.relu.derivative(z) * v),
                    .number(Activation.leakyReLU(slope: leak).derivative(z) * v)]
        }
        page.table([Localized("$x$", zh: "$x$"), Localized("$z$", zh: "$z$"), Localized("output", zh: "输出"),
                    Localized("ReLU: $\\partial z / \\partial w$ passed back", zh: "ReLU 传回的权重梯度"),
                    Localized("leaky ReLU ($\(fmt(leak))$)", zh: "带泄露的 ReLU（$\(fmt(leak))$）")], rows)
        let alive = x.filter { w * $0 + b > 0 }.count
        page.record("dying_relu_alive_inputs", Double(alive))
        let leakEn = leak > 0
            ? " The leaky variant still passes back \(fmt(leak)) times $x$, enough to pull it back — the reason `002` lists LReLU, RReLU, PReLU and ELU."
            : " With slope 0 the leaky variant is plain ReLU and dies the same way; any slope above 0 would keep a gradient flowing, the reason `002` lists LReLU, RReLU, PReLU and ELU."
        let leakZh = leak > 0
            ? "带泄露的版本仍会传回 $x$ 的 \(fmt(leak)) 倍，足以把它拉回来——这正是 `002` 列出 LReLU、RReLU、PReLU 和 ELU 的原因。"
            : "斜率为 0 时带泄露的版本就是普通 ReLU，同样会死；只要斜率大于 0，梯度就能继续流动——这正是 `002` 列出 LReLU、RReLU、PReLU 和 ELU 的原因。"
        page.say(alive == 0
                 ? "Every $z$ is negative, so every output and every gradient is 0: no input can move $w$ or $b$ again, and the unit is dead." + leakEn
                 : "\(alive) of the inputs still give $z > 0$, so the unit is not dead yet: those inputs still pass a gradient back.",
                 zh: alive == 0
                 ? "每个 $z$ 都是负数，所以每个输出和每个梯度都是 0：再也没有输入能改变 $w$ 或 $b$，这个神经元死了。" + leakZh
                 : "仍有 \(alive) 个输入给出 $z > 0$，所以这个神经元还没有死：这些输入仍能把梯度传回来。")
    }
}
