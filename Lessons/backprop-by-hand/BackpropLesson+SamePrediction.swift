import LonghandEngine
import Notebook

/// Why several people can end with the same prediction: the trained hidden units saturate, so different
/// inputs reach the output neuron as the same pair (h₁, h₂).
extension BackpropLesson {
    /// Predictions closer than this count as the same answer (they print alike to four places).
    static let sameAnswer = 5e-4
    /// A hidden unit whose slope σ′(z) is below this is on the flat part of the sigmoid.
    static let saturatedSlope = 0.01

    /// The groups of people (indices, two or more) whose predictions agree within `sameAnswer`.
    static func sameAnswerGroups(_ predictions: [Double]) -> [[Int]] {
        var groups: [[Int]] = []
        for i in predictions.indices where !groups.contains(where: { $0.contains(i) }) {
            let group = predictions.indices.filter { j in j >= i && abs(predictions[j] - predictions[i]) < sameAnswer && !groups.contains { $0.contains(j) } }
            if group.count > 1 { groups.append(group) }
        }
        return groups
    }

    func writeSamePrediction(_ page: inout Page, _ net: SigmoidNetwork) {
        let passes = Self.inputs.map { net.forward($0) }
        let predictions = passes.map { $0.output[0] }
        let groups = Self.sameAnswerGroups(predictions)
        page.subsection("Why some people get the same answer", zh: "为什么有几个人的预测一样")
        page.say("""
            Look inside the trained network: each person's hidden weighted inputs, the hidden activations and their slopes \
            $\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$:
            """, zh: """
            看看训练好的网络内部：每个人的隐藏层加权输入、隐藏激活值以及它们的斜率 $\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$：
            """)
        page.table([Localized("name", zh: "姓名"), Localized("$z_1$", zh: "$z_1$"), Localized("$h_1$", zh: "$h_1$"), Localized("$\\sigma'(z_1)$", zh: "$\\sigma'(z_1)$"),
                    Localized("$z_2$", zh: "$z_2$"), Localized("$h_2$", zh: "$h_2$"), Localized("$\\sigma'(z_2)$", zh: "$\\sigma'(z_2)$"), Localized("$\\hat y$", zh: "$\\hat y$")],
                   zip(Self.people, passes).map { person, f in
                       [.text(person.name), .number(f.z[0][0], digits: 4), .number(f.a[0][0], digits: 4), .number(Activation.sigmoid.derivative(f.z[0][0]), digits: 3),
                        .number(f.z[0][1], digits: 4), .number(f.a[0][1], digits: 4), .number(Activation.sigmoid.derivative(f.z[0][1]), digits: 3), .number(f.output[0], digits: 4)]
                   })
        page.record("trained_hidden_slopes", passes.map { f in f.z[0].map(Activation.sigmoid.derivative) })
        page.record("same_answer_groups", groups.map { $0.map(Double.init) })
        guard !groups.isEmpty else {
            page.say("No two people end at the same prediction here: their hidden activations differ enough to reach the output as different pairs $(h_1, h_2)$.",
                     zh: "这里没有两个人的预测相同：他们的隐藏激活值差别足够大，送到输出层时是不同的 $(h_1, h_2)$。")
            return
        }
        var en: [String] = [], zh: [String] = []
        for group in groups {
            let namesEn = group.map { Self.people[$0].name.en }
            let namesZh = group.map { Self.people[$0].name.zh }
            let together = group.count == 2 ? "both" : "all"
            let h = group.map { passes[$0].a[0] }
            // Near 1 the activations themselves are rounded to the doubles just below 1 (steps of 1.1×10⁻¹⁶), so their difference
            // would count those steps; 1 − σ(z) = σ(−z) keeps its digits, and the spread is taken from it.
            let spread = (0..<2).map { j -> Double in
                let z = group.map { passes[$0].z[0][j] }
                guard let low = z.min(), let high = z.max() else { return 0 }
                return low > 0 ? Activation.sigmoid.apply(-low) - Activation.sigmoid.apply(-high)
                               : (h.map { $0[j] }.max() ?? 0) - (h.map { $0[j] }.min() ?? 0)
            }
            let slopes = group.flatMap { passes[$0].z[0].map(Activation.sigmoid.derivative) }
            let steepest = slopes.max() ?? 0
            let zs = group.map { passes[$0].z[0] }
            let zRange = zs.map { "$(\(Self.tex($0[0], digits: 4)), \(Self.tex($0[1], digits: 4)))$" }
            let predicted = NumberFormat.short(predictions[group[0]], significant: 4)
            if steepest < Self.saturatedSlope {
                en.append("""
                    \(namesEn.joined(separator: " and ")) \(together) get $\\hat y \\approx \(predicted)$. Their weighted inputs $(z_1, z_2)$ differ — \(zRange.joined(separator: ", ")) — \
                    but lie far out on the flat ends of the sigmoid: every slope $\\sigma'$ is at most \("$" + Self.tex(steepest) + "$"). \
                    The hidden units are **saturated**, so their activations are pinned: $h_1$ varies by only \("$" + Self.tex(spread[0]) + "$") \
                    and $h_2$ by \("$" + Self.tex(spread[1]) + "$") across them. The output neuron sees the same pair $(h_1, h_2)$ and must give the same answer; \
                    and with $\\sigma'$ that small almost no gradient reaches $w_1, \\ldots, w_4$ from them, so training has no reason to tell them apart.
                    """)
                zh.append("""
                    \(namesZh.dropLast().joined(separator: "、")) 和 \(namesZh.last ?? "") 都得到 $\\hat y \\approx \(predicted)$。他们的加权输入 $(z_1, z_2)$ 各不相同——\(zRange.joined(separator: "、"))——\
                    但都落在 sigmoid 两端的平坦处：每个斜率 $\\sigma'$ 都不超过 \("$" + Self.tex(steepest) + "$")。\
                    隐藏单元已经**饱和**，激活值被钉住了：在他们之间 $h_1$ 只相差 \("$" + Self.tex(spread[0]) + "$")，\
                    $h_2$ 只相差 \("$" + Self.tex(spread[1]) + "$")。输出神经元看到的是同一对 $(h_1, h_2)$，只能给出同一个答案；\
                    而且 $\\sigma'$ 这么小，他们几乎传不回梯度给 $w_1, \\ldots, w_4$，训练也就没有理由把他们区分开。
                    """)
            } else {
                let outSlope = group.map { Activation.sigmoid.derivative(passes[$0].z[1][0]) }.max() ?? 0
                let z3 = group.map { "$\(Self.tex(passes[$0].z[1][0], digits: 4))$" }
                let reason = outSlope < Self.saturatedSlope
                    ? Localized("it is the output neuron that is saturated: its weighted inputs \(z3.joined(separator: ", ")) all sit where $\\sigma'(z_3) \\le \(Self.tex(outSlope))$, so different pairs $(h_1, h_2)$ give the same $\\hat y$.",
                                zh: "饱和的是输出神经元：它的加权输入 \(z3.joined(separator: "、")) 都落在 $\\sigma'(z_3) \\le \(Self.tex(outSlope))$ 的地方，所以不同的 $(h_1, h_2)$ 给出同一个 $\\hat y$。")
                    : Localized("the output's weighted inputs \(z3.joined(separator: ", ")) just happen to come out alike.",
                                zh: "只是输出层的加权输入 \(z3.joined(separator: "、")) 恰好相近。")
                en.append("""
                    \(namesEn.joined(separator: " and ")) \(together) get $\\hat y \\approx \(predicted)$, but not because the hidden units saturate: the steepest hidden slope among \
                    them is \("$" + Self.tex(steepest) + "$"), and $h_1$ varies by \("$" + Self.tex(spread[0]) + "$"), $h_2$ by \
                    \("$" + Self.tex(spread[1]) + "$"); \(reason.en)
                    """)
                zh.append("""
                    \(namesZh.dropLast().joined(separator: "、")) 和 \(namesZh.last ?? "") 都得到 $\\hat y \\approx \(predicted)$，但原因不是隐藏单元饱和：他们之中隐藏层最大的斜率是 \
                    \("$" + Self.tex(steepest) + "$")，$h_1$ 相差 \("$" + Self.tex(spread[0]) + "$")，$h_2$ 相差 \
                    \("$" + Self.tex(spread[1]) + "$")；\(reason.zh)
                    """)
            }
        }
        page.say(en.joined(separator: " "), zh: zh.joined())
    }
}
