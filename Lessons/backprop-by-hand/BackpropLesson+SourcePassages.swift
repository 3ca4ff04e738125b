import LonghandEngine
import Notebook

extension BackpropLesson {
    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        writeSymmetry(&page)
        page.sourcesOfThisLesson(Self.id)
    }

    /// Pairs of parameters that play the same part when every weight is equal: (w1, w3), (w2, w4), (w5, w6), (b1, b2).
    static let mirroredPairs = [(0, 2), (1, 3), (4, 5), (6, 7)]

    /// `003` starts Alice's example from all weights 1: the two hidden units then get identical gradients and never separate.
    func writeSymmetry(_ page: inout Page) {
        var net = SigmoidNetwork(sizes: Self.sizes, weight: 1, bias: 0)
        let alice = Self.people[0]
        let g = net.gradient(input: alice.input, target: [alice.female ?? 0])
        page.section("Why training starts from random weights", zh: "为什么训练要从随机权重开始")
        page.say("""
            `003` works Alice's example from all weights 1 and all biases 0, but trains from random weights. The example shows \
            why. With equal weights $h_1$ and $h_2$ compute the same thing, so the chain rule hands them the same gradient. \
            Alice's gradient from the worked example, pair by pair:
            """, zh: """
            `003` 手算 Alice 的例子时所有权重取 1、偏置取 0，训练时却从随机权重出发。这个例子正好说明了原因：\
            权重都相等时，$h_1$ 和 $h_2$ 算的是同一件事，链式法则给它们的梯度也完全相同。上文 Alice 的梯度，按对比较：
            """)
        func name(_ k: Int) -> Expr { .raw(tex: "\\partial L/\\partial \(Self.texNames[k])", text: "∂L/∂\(Self.names[k])") }
        page.table([Localized("parameter", zh: "参数"), Localized("gradient", zh: "梯度"), Localized("its mirror", zh: "对应参数"), Localized("gradient", zh: "梯度")],
                   Self.mirroredPairs.map { a, b in [.math(name(a)), .number(g[a], digits: 10), .math(name(b)), .number(g[b], digits: 10)] })
        page.record("symmetric_gradient", g)
        // Train from the symmetric start exactly as the lesson trains from random weights.
        let eta = learningRate.value
        for _ in 0..<epochs {
            for person in Self.people {
                let grad = net.gradient(input: person.input, target: [person.female ?? 0])
                net = SigmoidNetwork(sizes: Self.sizes, parameters: zip(net.parameters, grad).map { $0 - eta * $1 })
            }
        }
        let p = net.parameters
        let gap = Self.mirroredPairs.map { abs(p[$0.0] - p[$0.1]) }.max() ?? 0
        let hidden = net.forward(alice.input).a[0]
        page.record("symmetric_training_gap", gap)
        page.record("symmetric_trained_hidden", hidden)
        page.say(gap == 0
                 ? "Every pair is equal, so one SGD step changes both members of a pair by the same amount and they stay equal. Trained the same way for \(epochs) epochs at $\\eta = \(fmt(eta))$ from this start, every pair is still exactly equal (largest difference \(fmt(gap))), and for Alice $h_1 = \(fmt(hidden[0]))$, $h_2 = \(fmt(hidden[1]))$: the two hidden units never separate, so the network has in effect one hidden unit. Random starting weights break the tie."
                 : "Trained for \(epochs) epochs from this start, the pairs differ by up to \(NumberFormat.short(gap, significant: 2)) — rounding alone, since every update treats the two members of a pair alike; for Alice $h_1 = \(fmt(hidden[0]))$, $h_2 = \(fmt(hidden[1]))$. Random starting weights are what truly break the tie.",
                 zh: gap == 0
                 ? "每一对都相等，所以一步 SGD 让一对中的两个参数改变同样的量，它们始终相等。从这个起点以 $\\eta = \(fmt(eta))$ 同样训练 \(epochs) 轮，每一对仍然完全相等（最大差值 \(fmt(gap))），Alice 的 $h_1 = \(fmt(hidden[0]))$、$h_2 = \(fmt(hidden[1]))$：两个隐藏单元永远分不开，网络实际上只有一个隐藏单元。随机的初始权重打破了这种对称。"
                 : "从这个起点训练 \(epochs) 轮后，各对之间最多相差 \(NumberFormat.short(gap, significant: 2))——这只是舍入误差，因为每次更新对一对中的两个参数一视同仁；Alice 的 $h_1 = \(fmt(hidden[0]))$、$h_2 = \(fmt(hidden[1]))$。真正打破对称的是随机的初始权重。")
    }
}
