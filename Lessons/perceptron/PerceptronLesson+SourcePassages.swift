import LonghandEngine
import Notebook

extension PerceptronLesson {
    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        writeWhyAndConverges(&page)
        writeRateOnlyRescales(&page)
        writeXorCycle(&page)
        page.sourcesOfThisLesson(Self.id)
    }

    /// A separator of AND with a positive margin, used for the convergence bound.
    static let andSeparator = (weights: [1.0, 1.0], bias: -1.5)

    /// Rosenblatt's convergence theorem (Novikoff's bound) applied to AND with the lesson's run.
    func writeWhyAndConverges(_ page: inout Page) {
        let eta = learningRate.value
        let run = Perceptron(weights: [0, 0], bias: 0).train(inputs: Self.twoInputs, targets: [0, 0, 0, 1], learningRate: eta, maxEpochs: epochs)
        let bound = Self.mistakeBound(inputs: Self.twoInputs, targets: [0, 0, 0, 1], separator: Self.andSeparator)
        let mistakes = run.epochs.reduce(0) { $0 + $1.mistakes }
        page.section("Why the rule must stop on AND", zh: "为什么规则在 AND 上一定会停下")
        page.say("""
            AND is **linearly separable**: some line puts (1, 1) on one side and the other three inputs on the other, for \
            example $x_1 + x_2 - 1.5 = 0$. The perceptron convergence theorem (Rosenblatt 1962; the bound is Novikoff's) says \
            that for separable data the rule makes only finitely many mistakes, however the examples are ordered: if every \
            input, with a 1 appended for the bias, has length at most $R$, and a separator $u$ of length 1 keeps every example \
            at least $\\gamma$ away from its line, the rule started from $w = 0$, $b = 0$ makes at most $(R/\\gamma)^2$ mistakes.
            """, zh: """
            AND 是**线性可分**的：存在一条直线把 (1, 1) 与另外三个输入分在两侧，例如 $x_1 + x_2 - 1.5 = 0$。\
            感知机收敛定理（Rosenblatt 1962；下面的上界由 Novikoff 给出）说：只要数据线性可分，无论样本按什么顺序出现，\
            规则都只会犯有限次错误。设每个输入在末尾补一个 1（对应偏置）后长度都不超过 $R$，\
            又有一个长度为 1 的分隔向量 $u$ 使每个样本到分界线的距离至少为 $\\gamma$，那么从 $w = 0$、$b = 0$ 出发，\
            规则最多犯 $(R/\\gamma)^2$ 次错误。
            """)
        page.step("convergence_R", .sym("R"), [.raw(tex: "\\max \\lVert (x_1, x_2, 1) \\rVert", text: "max ‖(x1, x2, 1)‖"),
                                               .raw(tex: "\\sqrt{1^2 + 1^2 + 1^2}", text: "√(1² + 1² + 1²)")], value: bound.radius)
        page.step("convergence_gamma", .symbol(tex: "\\gamma", text: "γ"), [.raw(tex: "\\frac{\\min_i \\pm(x_1 + x_2 - 1.5)}{\\lVert (1, 1, -1.5) \\rVert}", text: "min ±(x1 + x2 − 1.5) / ‖(1, 1, −1.5)‖"),
                                                          .quotient(.n(bound.rawMargin), .n(bound.norm))], value: bound.margin)
        page.step("convergence_bound", .raw(tex: "(R/\\gamma)^2", text: "(R/γ)²"), [.power(.group(.quotient(.n(bound.radius), .n(bound.margin))), .n(2))], value: bound.value)
        page.record("and_total_mistakes", Double(mistakes))
        let within = Double(mistakes) <= bound.value
        page.say(within
                 ? "The run above made \(mistakes) mistakes in all, within the bound of \(fmt(bound.value)). The bound does not depend on $\\eta$, for the reason below."
                 : "The run above made \(mistakes) mistakes in all, more than the bound of \(fmt(bound.value)): the theorem would be violated, so this run must be checked.",
                 zh: within
                 ? "上面的运行一共犯了 \(mistakes) 次错误，没有超过上界 \(fmt(bound.value))。这个上界与 $\\eta$ 无关，原因见下一节。"
                 : "上面的运行一共犯了 \(mistakes) 次错误，超过了上界 \(fmt(bound.value))：这违背定理，必须检查这次运行。")
        // The XOR run below shows a cycle only when its epochs reach one; with fewer it shows only imperfect passes.
        let xorCycles = Perceptron(weights: [0, 0], bias: 0)
            .train(inputs: Self.twoInputs, targets: [0, 1, 1, 0], learningRate: learningRate.value, maxEpochs: epochs).cycle != nil
        page.say(xorCycles
                 ? "XOR has no separator at all, so there is no $\\gamma > 0$ and the theorem promises nothing; the rule indeed cycles (below)."
                 : "XOR has no separator at all, so there is no $\\gamma > 0$ and the theorem promises nothing; in the \(epochs) epoch\(epochs == 1 ? "" : "s") run below the rule makes no perfect pass on it.",
                 zh: xorCycles
                 ? "XOR 根本没有分隔直线，找不到 $\\gamma > 0$，定理什么也保证不了；规则确实在循环（见下文）。"
                 : "XOR 根本没有分隔直线，找不到 $\\gamma > 0$，定理什么也保证不了；在下文跑的 \(epochs) 轮里，规则在 XOR 上没有一轮全对。")
    }

    /// R, γ and (R/γ)² for a separator (weights, bias) of 0/1-labelled data.
    static func mistakeBound(inputs: [[Double]], targets: [Double], separator: (weights: [Double], bias: Double))
        -> (radius: Double, rawMargin: Double, norm: Double, margin: Double, value: Double) {
        let radius = inputs.map { ($0.reduce(1) { $0 + $1 * $1 }).squareRoot() }.max() ?? 0
        let norm = (separator.weights.reduce(separator.bias * separator.bias) { $0 + $1 * $1 }).squareRoot()
        let raw = zip(inputs, targets).map { x, t in
            (t == 1 ? 1.0 : -1.0) * (zip(separator.weights, x).reduce(separator.bias) { $0 + $1.0 * $1.1 })
        }.min() ?? 0
        let margin = raw / norm
        return (radius, raw, norm, margin, (radius / margin) * (radius / margin))
    }

    /// From w = 0 the learning rate only rescales the weights: the run with η against the run with η = 1.
    func writeRateOnlyRescales(_ page: inout Page) {
        let eta = learningRate.value
        let targets: [Double] = [0, 0, 0, 1]
        let withEta = Perceptron(weights: [0, 0], bias: 0).train(inputs: Self.twoInputs, targets: targets, learningRate: eta, maxEpochs: epochs)
        // Compare with a rate that differs from the lesson's (0.5 when the lesson uses 1); both are exact in binary.
        let reference = eta == 1 ? 0.5 : 1
        let withOne = Perceptron(weights: [0, 0], bias: 0).train(inputs: Self.twoInputs, targets: targets, learningRate: reference, maxEpochs: epochs)
        page.section("The learning rate only rescales the weights", zh: "学习率只会把权重整体缩放")
        page.say("""
            Started from $w = 0$, $b = 0$, every change the rule makes is $\\pm\\eta$ times an input, so after any sequence of \
            mistakes the weights and bias are proportional to $\\eta$: $\\eta$ times what they would be with $\\eta = 1$. Multiplying $w \\cdot x + b$ by a \
            positive number never changes its sign, so the perceptron makes the same decisions and the same mistakes: the \
            learning rate changes the size of the weights, not what is learned. Both runs on AND:
            """, zh: """
            从 $w = 0$、$b = 0$ 出发，规则每次的改动都是某个输入的 $\\pm\\eta$ 倍，所以无论犯过哪些错误，权重和偏置都与 $\\eta$ 成正比，恰好是 \
            $\\eta = 1$ 时的 $\\eta$ 倍。把 $w \\cdot x + b$ 乘以一个正数不会改变它的符号，所以感知机的判断和犯的错误都一样：\
            学习率改变的是权重的大小，而不是学到的东西。两次运行（AND）对比如下：
            """)
        let rows: [[Table.Cell]] = [(Localized(same: fmt(reference)), withOne), (Localized(same: fmt(eta)), withEta)].map { label, run in
            [.text(label), .number(Double(run.epochs.count)), .number(Double(run.epochs.reduce(0) { $0 + $1.mistakes })),
             .math(.raw(tex: "(\(run.final.weights.map(fmt).joined(separator: ", ")))", text: "(\(run.final.weights.map(fmt).joined(separator: ", ")))")),
             .number(run.final.bias)]
        }
        page.table([Localized("$\\eta$", zh: "$\\eta$"), Localized("epochs", zh: "轮数"), Localized("mistakes", zh: "错误数"),
                    Localized("final $w$", zh: "最终 $w$"), Localized("final $b$", zh: "最终 $b$")], rows)
        let scaled = zip(withOne.final.weights + [withOne.final.bias], withEta.final.weights + [withEta.final.bias])
            .allSatisfy { abs($0 * eta / reference - $1) <= 1e-9 * max(1, abs($1)) }
        let sameMistakes = withOne.epochs.map(\.mistakes) == withEta.epochs.map(\.mistakes)
        page.record("and_weights_reference_rate", withOne.final.weights + [withOne.final.bias])
        page.say(scaled && sameMistakes
                 ? "Same epochs, same mistakes, and every final number with $\\eta = \(fmt(eta))$ is exactly $\(fmt(eta / reference))$ times the one with $\\eta = \(fmt(reference))$."
                 : "Here the two runs differ: rounding in the floating-point sums of $\\eta$ put some $w \\cdot x + b$ a hair away from 0 on one run and exactly at 0 on the other, so step(0) = 0 decided differently.",
                 zh: scaled && sameMistakes
                 ? "轮数相同、错误相同，$\\eta = \(fmt(eta))$ 时的每个最终数值都恰好是 $\\eta = \(fmt(reference))$ 时的 $\(fmt(eta / reference))$ 倍。"
                 : "这里两次运行并不一致：$\\eta$ 的浮点累加有舍入误差，使某个 $w \\cdot x + b$ 在一次运行中恰好为 0、在另一次中差了一点点，于是 step(0) = 0 的判定不同。")
    }

    /// The lines of the XOR run at the start of each epoch: they come back to where they were.
    func writeXorCycle(_ page: inout Page) {
        let run = Perceptron(weights: [0, 0], bias: 0).train(inputs: Self.twoInputs, targets: [0, 1, 1, 0], learningRate: learningRate.value, maxEpochs: epochs)
        guard let cycle = run.cycle else { return }
        // The state at the start of epoch k is the state after epoch k − 1 (epoch 1 starts at zero); then the
        // state after every example of the loop's epochs, so the line can be followed update by update.
        let first = cycle.first == 1 ? Perceptron(weights: [0, 0], bias: 0)
            : Perceptron(weights: run.epochs[cycle.first - 2].weightsAfter, bias: run.epochs[cycle.first - 2].biasAfter)
        var starts: [(label: Localized, p: Perceptron)] = [(Localized("start of epoch \(cycle.first)", zh: "第 \(cycle.first) 轮开始"), first)]
        for k in cycle.first..<cycle.repeat {
            for update in run.epochs[k - 1].updates {
                let x = update.input.map(fmt).joined(separator: ", ")
                starts.append((Localized("epoch \(k), after (\(x))", zh: "第 \(k) 轮，样本 (\(x)) 之后"),
                               Perceptron(weights: update.weightsAfter, bias: update.biasAfter)))
            }
        }
        page.section("XOR's lines going round", zh: "XOR 的直线在兜圈子")
        var series: [LinePlot.Series] = [
            .init(Localized("target 1", zh: "目标 1"), [.init(0, 1), .init(1, 0)], style: .points, color: 0),
            .init(Localized("target 0", zh: "目标 0"), [.init(0, 0), .init(1, 1)], style: .points, color: 1),
        ]
        var rows: [[Table.Cell]] = []
        for (i, start) in starts.enumerated() {
            let w = start.p.weights, b = start.p.bias
            let line: String
            if w[1] != 0 {
                series.append(.init(start.label,
                                    LinePlot.sample(-0.5...1.5, count: 2) { x in -(w[0] * x + b) / w[1] }, style: i == starts.count - 1 ? .dashed : .line, color: 2 + i % 5))
                let slope = -w[0] / w[1], intercept = -b / w[1]
                let right = slope == 0 ? fmt(intercept)
                    : (slope == 1 ? "x_1" : slope == -1 ? "-x_1" : "\(fmt(slope))\\,x_1") + (intercept == 0 ? "" : intercept > 0 ? " + \(fmt(intercept))" : " - \(fmt(-intercept))")
                line = "x_2 = " + right
            } else if w[0] != 0 {
                series.append(.init(start.label,
                                    [.init(-b / w[0], -0.5), .init(-b / w[0], 1.5)], style: i == starts.count - 1 ? .dashed : .line, color: 2 + i % 5))
                line = "x_1 = \(fmt(-b / w[0]))"
            } else {
                line = "\\text{—}"
            }
            rows.append([.text(start.label), .math(.raw(tex: "(\(w.map(fmt).joined(separator: ", ")))", text: "(\(w.map(fmt).joined(separator: ", ")))")),
                         .number(b), .math(.raw(tex: line, text: PlainMath.prose("$\(line)$")))])
        }
        page.say("""
            The XOR run from the start of epoch \(cycle.first), where the loop begins, through every update until the start \
            of epoch \(cycle.repeat), with the line $w \\cdot x + b = 0$ each state draws (none when $w = 0$). The last state \
            equals the first, so the line goes round the same loop for ever, and none of its positions separates the two classes.
            """, zh: """
            XOR 运行从循环开始的第 \(cycle.first) 轮开头起，经过每一次更新，直到第 \(cycle.repeat) 轮开头；每个时刻都画出它的直线 \
            $w \\cdot x + b = 0$（$w = 0$ 时没有直线）。最后一个状态与第一个相同，所以直线永远在同一个圈里打转，没有一个位置能把两类点分开。
            """)
        page.table([Localized("state", zh: "时刻"), Localized("$w$", zh: "$w$"), Localized("$b$", zh: "$b$"), Localized("line", zh: "直线")], rows)
        page.figure("xor-cycle", title: Localized("XOR: the line after every update of the loop", zh: "XOR：循环中每次更新后的直线"),
                    description: Localized("The four XOR points and the line w·x + b = 0 after every update of the loop; the dashed last line lies on the first.",
                                           zh: "XOR 的四个点，以及循环中每次更新后的直线 w·x + b = 0；最后一条（虚线）与第一条重合。"),
                    LinePlot(xLabel: Localized("x1", zh: "x1"), yLabel: Localized("x2", zh: "x2"), series: series,
                             xRange: -0.5...1.5, yRange: -0.5...1.5, width: 420, height: 380))
        page.record("xor_cycle_start_weights", starts.map { $0.p.weights + [$0.p.bias] })
    }
}
