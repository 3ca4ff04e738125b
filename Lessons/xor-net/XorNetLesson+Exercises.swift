import LonghandEngine
import Notebook

/// Exercises: another activation, a sweep of seeds, and XOR wired by hand from perceptrons.
extension XorNetLesson {
    /// tanh with η = 1 for the exercises, or sigmoid with η = 2 when the lesson already uses tanh.
    var exerciseSetting: (activation: NetworkActivation, eta: Double) { activation == .tanh ? (.sigmoid, 2) : (.tanh, 1) }

    func writeExercises(_ page: inout Page) {
        let (other, eta) = exerciseSetting
        let sizeText = sizes.map(String.init).joined(separator: "-")
        page.exercise("Train the same \(sizeText) network from the same seed \(seed), but with \(other.displayName) hidden units and $\\eta = \(fmt(eta))$, for \(iterations) steps. When are all four answers right, and what does each hidden unit compute now?",
                      zh: "从同一个种子 \(seed) 出发训练同样的 \(sizeText) 网络，但隐藏单元改用 \(other.displayName)，取 $\\eta = \(fmt(eta))$，训练 \(iterations) 步。什么时候四个答案全对？现在每个隐藏单元实现的是什么？") { s in
            let start = Self.network(sizes: sizes, hidden: other.activation, seed: seed)
            let run = Self.train(start, learningRate: eta, iterations: iterations)
            let out = run.finalOutputs
            s.say("Final outputs \(MatrixExpr.list(out, digits: 3)), cost \(fmt(run.training.finalLoss)), \(Self.correct(out)) of 4 right"
                  + (run.firstPerfect.map { run.stayedPerfect ? " (all right from step \($0))." : " (all right for the first time at step \($0), but not at every step after it)." } ?? "."),
                  zh: "最终输出 \(MatrixExpr.list(out, digits: 3))，代价 \(fmt(run.training.finalLoss))，答对 \(Self.correct(out)) 个"
                  + (run.firstPerfect.map { run.stayedPerfect ? "（从第 \($0) 步起全对）。" : "（第 \($0) 步首次全对，但之后并非每一步都全对）。" } ?? "。"))
            let mid = Self.midpoint(other.activation)
            let f = run.final.forward(Self.inputs)
            var rows: [[Table.Cell]] = []
            for l in 0..<(run.final.layers.count - 1) {
                for j in 0..<run.final.layers[l].outputCount {
                    let values = f.layers[l].output.column(j)
                    rows.append([.text(Localized(same: unitName(layer: l, j)))] + values.map { .number($0, digits: 3) }
                                + [.text(Self.logicName(values.map { $0 > mid ? 1 : 0 }, "x1", "x2"))])
                }
            }
            s.table([Localized("unit", zh: "单元"), Localized("$(0,0)$", zh: "$(0,0)$"), Localized("$(0,1)$", zh: "$(0,1)$"),
                     Localized("$(1,0)$", zh: "$(1,0)$"), Localized("$(1,1)$", zh: "$(1,1)$"), Localized("acts like", zh: "相当于")], rows)
            s.say("With \(other.displayName) a hidden unit is \"on\" above \(fmt(mid)).", zh: "用 \(other.displayName) 时，隐藏单元的激活值大于 \(fmt(mid)) 即算“开”。")
            s.record("final_loss", run.training.finalLoss)
            s.record("outputs", out)
            if let k = run.firstPerfect { s.record("first_perfect_iteration", Double(k)) }
        }

        page.exercise("Keep \(other.displayName) and $\\eta = \(fmt(eta))$ and train from seeds 1 to 8. Which seeds never get all four right, and what do their outputs look like?",
                      zh: "仍用 \(other.displayName)、$\\eta = \(fmt(eta))$，分别从种子 1 到 8 出发训练。哪些种子始终没能四个全对？它们的输出是什么样子？") { s in
            var rows: [[Table.Cell]] = []
            var stuck: [Double] = [], nearHalf: [Double] = []
            for k in 1...8 {
                let run = Self.train(Self.network(sizes: sizes, hidden: other.activation, seed: k), learningRate: eta, iterations: iterations)
                let out = run.finalOutputs
                if Self.correct(out) < 4 {
                    stuck.append(Double(k))
                    if out.contains(where: { abs($0 - 0.5) < 0.1 }) { nearHalf.append(Double(k)) }
                }
                rows.append([.number(Double(k)), .number(run.training.finalLoss, digits: 4)] + out.map { .number($0, digits: 3) } + [.number(Double(Self.correct(out)))])
            }
            s.table([Localized("seed", zh: "种子"), Localized("cost $C$", zh: "代价 $C$"), Localized("$(0,0)$", zh: "$(0,0)$"),
                     Localized("$(0,1)$", zh: "$(0,1)$"), Localized("$(1,0)$", zh: "$(1,0)$"), Localized("$(1,1)$", zh: "$(1,1)$"),
                     Localized("correct", zh: "答对")], rows)
            if stuck.isEmpty {
                s.say("Every seed succeeds with these settings.", zh: "在这组设置下每个种子都成功了。")
            } else {
                let confident = stuck.filter { !nearHalf.contains($0) }
                var en: [String] = [], zh: [String] = []
                if !nearHalf.isEmpty {
                    en.append("Seeds \(nearHalf.map { fmt($0) }.joined(separator: ", ")) get stuck with some outputs near 0.5 (within 0.1), where the cost is flat and the gradient almost vanishes, a local minimum or plateau.")
                    zh.append("种子 \(nearHalf.map { fmt($0) }.joined(separator: "、")) 卡住了，有些输出停在 0.5 附近（相差不到 0.1），那里代价几乎是平的，梯度几乎消失，这是一个局部极小值或平台。")
                }
                if !confident.isEmpty {
                    en.append("Seeds \(confident.map { fmt($0) }.joined(separator: ", ")) end with an answer on the wrong side of 0.5 and no output near 0.5: they settled on a wrong split of the corners.")
                    zh.append("种子 \(confident.map { fmt($0) }.joined(separator: "、")) 最后有答案落在 0.5 的错误一侧，而且没有输出靠近 0.5：它们停在了一种错误的划分上。")
                }
                s.say(en.joined(separator: " ") + " The starting point matters; this is why every run here states its seed.",
                      zh: zh.joined() + "起点很重要，这也是本课每次训练都注明种子的原因。")
            }
            s.record("stuck_seeds", stuck)
        }

        page.exercise("Wire XOR by hand from three perceptrons (step activation): $h_1$ with $w = (1, 1)$, $b = -0.5$; $h_2$ with $w = (-2, -2)$, $b = 3$ (the NAND gate of the perceptron lesson); the output with $w = (1, 1)$, $b = -1.5$. Work out all four inputs.",
                      zh: "用三个感知机（阶跃激活）手工搭出 XOR：$h_1$ 取 $w = (1, 1)$、$b = -0.5$；$h_2$ 取 $w = (-2, -2)$、$b = 3$（即感知机一课中的与非门）；输出取 $w = (1, 1)$、$b = -1.5$。把四个输入都算一遍。") { s in
            let hiddenLayer = Dense(neurons: [[1, 1], [-2, -2]], biases: [-0.5, 3], activation: .step)
            let outLayer = Dense(neurons: [[1, 1]], biases: [-1.5], activation: .step)
            let wired = Network(layers: [hiddenLayer, outLayer])
            let f = wired.forward(Self.inputs)
            var outs: [Double] = []
            for i in 0..<4 {
                let x = Self.inputs.row(i)
                let h = f.layers[0].output.row(i)
                let names = ["h_1", "h_2"]
                for j in 0..<2 {
                    let n = hiddenLayer.neuron(j)
                    s.step(nil, .symbol(tex: "z_{\(names[j])}(\(fmt(x[0])), \(fmt(x[1])))", text: "z\(names[j].replacingOccurrences(of: "_", with: ""))(\(fmt(x[0])), \(fmt(x[1])))"),
                           [.weightedSum(weights: n.weights, inputs: x, bias: n.bias)], value: f.layers[0].z[i, j])
                }
                let o = outLayer.neuron(0)
                s.step(nil, .symbol(tex: "z_{\(MathWords.text("out", zh: "输出"))}(h_1 = \(fmt(h[0])), h_2 = \(fmt(h[1])))", text: "zout(h1 = \(fmt(h[0])), h2 = \(fmt(h[1])))"), [.weightedSum(weights: o.weights, inputs: h, bias: o.bias)], value: f.layers[1].z[i, 0])
                outs.append(f.layers[1].output[i, 0])
            }
            let h1 = Self.logicName(f.layers[0].output.column(0).map { Int($0) }, "x1", "x2")
            let h2 = Self.logicName(f.layers[0].output.column(1).map { Int($0) }, "x1", "x2")
            let o = Self.logicName([[0.0, 0], [0, 1], [1, 0], [1, 1]].map { Int(outLayer.forward(Matrix(row: $0)).output[0, 0]) }, "h1", "h2")
            s.say("The outputs are \(MatrixExpr.list(outs)): XOR. $h_1$ is \(h1.en), $h_2$ is \(h2.en), and the output is \(o.en), a split into gates of the kind a trained network can find (see “What each hidden unit learned”).",
                  zh: "输出依次为 \(MatrixExpr.list(outs))：正是 XOR。$h_1$ 是 \(h1.zh)，$h_2$ 是 \(h2.zh)，输出是 \(o.zh)；训练出的网络也可能找到这种拆分成逻辑门的办法（见“每个隐藏单元学到了什么”）。")
            s.record("outputs", outs)
        }
    }
}
