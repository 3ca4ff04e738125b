import LonghandEngine
import Notebook

/// The decision heatmap, what each hidden unit learned, and the exercises.
extension XorNetLesson {
    /// The name of the logic function with truth table `bits` on (0,0), (0,1), (1,0), (1,1) of inputs a and b.
    static func logicName(_ bits: [Int], _ a: String, _ b: String) -> Localized {
        let index = bits.reduce(0) { $0 * 2 + $1 }
        switch index {
        case 0: return Localized("always 0", zh: "恒为 0")
        case 1: return Localized("\(a) AND \(b)", zh: "\(a) 与 \(b)（AND）")
        case 2: return Localized("\(a) AND NOT \(b)", zh: "\(a) 且（非 \(b)）")
        case 3: return Localized("just \(a)", zh: "就是 \(a)")
        case 4: return Localized("NOT \(a) AND \(b)", zh: "（非 \(a)）且 \(b)")
        case 5: return Localized("just \(b)", zh: "就是 \(b)")
        case 6: return Localized("\(a) XOR \(b)", zh: "\(a) 异或 \(b)（XOR）")
        case 7: return Localized("\(a) OR \(b)", zh: "\(a) 或 \(b)（OR）")
        case 8: return Localized("\(a) NOR \(b)", zh: "\(a) 或非 \(b)（NOR）")
        case 9: return Localized("\(a) XNOR \(b)", zh: "\(a) 同或 \(b)（XNOR）")
        case 10: return Localized("NOT \(b)", zh: "非 \(b)")
        case 11: return Localized("\(a) OR NOT \(b)", zh: "\(a) 或（非 \(b)）")
        case 12: return Localized("NOT \(a)", zh: "非 \(a)")
        case 13: return Localized("NOT \(a) OR \(b)", zh: "（非 \(a)）或 \(b)")
        case 14: return Localized("\(a) NAND \(b)", zh: "\(a) 与非 \(b)（NAND）")
        default: return Localized("always 1", zh: "恒为 1")
        }
    }

    /// The value separating "off" from "on" for an activation: 0.5 for sigmoid, 0 otherwise.
    static func midpoint(_ a: Activation) -> Double { a == .sigmoid ? 0.5 : 0 }

    /// Whether a truth table on the four corners can be computed by one perceptron: all but XOR (0110) and XNOR (1001).
    static func isLinearlySeparable(_ bits: [Int]) -> Bool { bits != [0, 1, 1, 0] && bits != [1, 0, 0, 1] }

    /// Names of hidden units: h1, h2 for one hidden layer; h1.1, h2.3 for several.
    func unitName(layer l: Int, _ j: Int) -> String { hidden.values.count == 1 ? "h\(j + 1)" : "h\(l + 1).\(j + 1)" }

    func diagram(_ net: Network) -> NetworkDiagram {
        var layers: [[NetworkDiagram.Node]] = [[.init("x1"), .init("x2")]]
        for (l, layer) in net.layers.enumerated() {
            let last = l == net.layers.count - 1
            layers.append((0..<layer.outputCount).map { .init(last ? "out" : unitName(layer: l, $0), bias: layer.bias[0, $0]) })
        }
        var names = [Localized("input", zh: "输入")]
        for l in 0..<hidden.values.count { names.append(hidden.values.count == 1 ? Localized("hidden", zh: "隐藏层") : Localized("hidden \(l + 1)", zh: "隐藏层 \(l + 1)")) }
        names.append(Localized("output", zh: "输出"))
        return NetworkDiagram.dense(layers: layers, weights: net.layers.map { $0.weights.nested }, layerNames: names, digits: 3)
    }

    static let square = -0.25...1.25

    /// The four examples as markers, coloured by target (blue 1, orange 0), labelled with `labels`.
    static func markers(_ labels: [String]) -> [Marker] {
        (0..<4).map { i in .init(x: inputs[i, 0], y: inputs[i, 1], label: Localized(same: labels[i]), color: targets[i] == 1 ? 0 : 1) }
    }

    func writeHiddenUnits(_ page: inout Page, _ run: Run) {
        let net = run.final
        page.section("The whole input square", zh: "整个输入平面")
        page.say("""
            The network is a function of any point $(x_1, x_2)$, not only the four corners. Colouring every point of the square \
            by the network's output shows where it answers 1 (blue) and 0 (orange); the black line is where the output crosses 0.5.
            """, zh: """
            网络是任意点 $(x_1, x_2)$ 的函数，不只定义在四个角上。把平面上每个点按网络的输出着色，就能看出它在哪里回答 1（蓝色）、\
            在哪里回答 0（橙色）；黑线是输出恰好等于 0.5 的地方。
            """)
        let grid = Heatmap.sample(x: Self.square, y: Self.square, resolution: 60) { a, b in net.predict(Matrix(row: [a, b]))[0, 0] }
        let out = run.finalOutputs
        page.figure("decision", title: Localized("The trained network's output over the input square", zh: "训练好的网络在整个输入平面上的输出"),
                    description: Localized("A heatmap of the output for x1 and x2 from -0.25 to 1.25: blue near 1, orange near 0, white at 0.5, with the 0.5 boundary drawn in black. The four XOR examples are marked with their outputs \(MatrixExpr.list(out, digits: 3)).",
                                           zh: "x1、x2 从 -0.25 到 1.25 范围内输出的热力图：接近 1 为蓝色，接近 0 为橙色，0.5 为白色，0.5 的分界线用黑线画出。四个 XOR 样本标出了各自的输出 \(MatrixExpr.list(out, digits: 3))。"),
                    Heatmap(xRange: Self.square, yRange: Self.square,
                            panels: [.init(title: Localized("output", zh: "输出"), values: grid, coloring: .diverging(0...1), boundary: 0.5,
                                           markers: Self.markers(out.map { NumberFormat.short($0, significant: 3) }))],
                            columns: 1, panelSize: 360))
        if Self.correct(out) == 4 {
            page.say("No single straight line could draw this picture: it puts the four corners on the right sides of 0.5, which no line can. The boundary is assembled from the hidden units' own straight lines, bent by their \(activation.displayName).",
                     zh: "任何一条直线都画不出这样的图：它把四个角都分到了 0.5 的正确一侧，这是一条直线做不到的。这条分界线是由各个隐藏单元自己的直线拼起来的，再经它们的 \(activation.displayName) 弯折而成。")
        } else {
            page.say("This run has not solved XOR: \(Self.correct(out)) of the 4 corners \(Self.correct(out) == 1 ? "is" : "are") on the right side of 0.5, something a single straight line can also manage.",
                     zh: "这次训练没有解决 XOR：四个角中只有 \(Self.correct(out)) 个落在 0.5 的正确一侧，一条直线也能做到这一点。")
        }

        page.subsection("What each hidden unit learned", zh: "每个隐藏单元学到了什么")
        page.say("""
            Colour the square by one hidden unit's activation instead, as the TensorFlow Playground does. \(hidden.values.count == 1 ? "Each hidden unit is itself a neuron with one straight boundary" : "Each unit of the first hidden layer is itself a neuron with one straight boundary (units of later layers combine those and can bend)"); reading its activation on the four corners as on/off (above \
            \(fmt(Self.midpoint(activation.activation))) or not) shows which simple logic gate it has become.
            """, zh: """
            仿照 TensorFlow Playground 的做法，改用某一个隐藏单元的激活值给平面着色。\(hidden.values.count == 1 ? "每个隐藏单元本身就是一个神经元，只有一条直的分界线" : "第一个隐藏层的每个单元本身就是一个神经元，只有一条直的分界线（后面各层的单元把这些直线组合起来，可以弯折）")；\
            把它在四个角上的激活值按“开/关”来读（是否大于 \(fmt(Self.midpoint(activation.activation)))），就能看出它变成了哪种简单的逻辑门。
            """)
        let mid = Self.midpoint(activation.activation)
        var panels: [Heatmap.Panel] = []
        var rows: [[Table.Cell]] = []
        var names: [JSONValue] = []
        let f = net.forward(Self.inputs)
        for l in 0..<(net.layers.count - 1) {
            for j in 0..<net.layers[l].outputCount {
                let values = f.layers[l].output.column(j)
                let bits = values.map { $0 > mid ? 1 : 0 }
                let name = Self.logicName(bits, "x1", "x2")
                names.append(.string(name.en))
                let unitGrid = Heatmap.sample(x: Self.square, y: Self.square, resolution: 30) { a, b in
                    net.forward(Matrix(row: [a, b])).layers[l].output[0, j]
                }
                panels.append(.init(title: Localized("\(unitName(layer: l, j)) ≈ \(name.en)", zh: "\(unitName(layer: l, j)) ≈ \(name.zh)"),
                                    values: unitGrid, coloring: .diverging(range(of: unitGrid)), boundary: mid,
                                    markers: Self.markers(values.map { NumberFormat.short($0, significant: 2) })))
                rows.append([.text(Localized(same: unitName(layer: l, j)))] + values.map { .number($0, digits: 3) }
                            + [.text(Localized(same: bits.map(String.init).joined(separator: " "))), .text(name)])
            }
        }
        page.table([Localized("unit", zh: "单元"), Localized("$(0,0)$", zh: "$(0,0)$"), Localized("$(0,1)$", zh: "$(0,1)$"),
                    Localized("$(1,0)$", zh: "$(1,0)$"), Localized("$(1,1)$", zh: "$(1,1)$"), Localized("on/off", zh: "开/关"),
                    Localized("acts like", zh: "相当于")], rows)
        page.record("hidden_functions", .array(names))
        page.figure("hidden-units", title: Localized("Each hidden unit's activation over the input square", zh: "每个隐藏单元在输入平面上的激活值"),
                    description: Localized("One small heatmap per hidden unit, same square and colours (blue high, orange low, black line at \(fmt(mid))); \(hidden.values.count == 1 ? "each is split by one straight line" : "each first-layer unit is split by one straight line"), and the panel title names the logic gate the unit computes on the four corners.",
                                           zh: "每个隐藏单元一张小热力图，平面范围与配色相同（蓝色高、橙色低，黑线处为 \(fmt(mid))）；\(hidden.values.count == 1 ? "每张图都只被一条直线分开" : "第一层每个单元的图都只被一条直线分开")，标题写出了该单元在四个角上实现的逻辑门。"),
                    Heatmap(xRange: Self.square, yRange: Self.square, panels: panels, columns: min(4, panels.count), panelSize: 170))

        // Only sigmoid (0 to 1) and tanh (−1 to 1) have values a unit approaches when fully off and fully on; ReLU and its
        // kin are unbounded above (and leaky ReLU below), so their corners would be made up.
        let bounded = activation == .sigmoid || activation == .tanh
        if hidden.values.count == 1 && hidden.values[0] == 2 && !bounded {
            page.say("""
                A \(activation.displayName) unit has no value it approaches when fully on, so the output unit is not read here as a \
                gate of two on/off inputs, as it is for sigmoid or tanh hidden units.
                """, zh: """
                \(activation.displayName) 单元没有“完全打开”时趋近的取值，所以这里不像 sigmoid 或 tanh 隐藏单元那样，\
                把输出单元当作两个开/关输入的逻辑门来读。
                """)
        }
        if hidden.values.count == 1 && hidden.values[0] == 2 && bounded {
            // Read the output unit on the four on/off corners of (h1, h2).
            let lo = activation == .sigmoid ? 0.0 : -1, hi = 1.0
            let corners = [[lo, lo], [lo, hi], [hi, lo], [hi, hi]]
            let top = net.layers[1]
            let bits = corners.map { top.forward(Matrix(row: $0)).output[0, 0] > 0.5 ? 1 : 0 }
            let outName = Self.logicName(bits, "h1", "h2")
            let h1 = Localized(same: "h1") + Localized(" = ", zh: " = ") + Self.logicName(f.layers[0].output.column(0).map { $0 > mid ? 1 : 0 }, "x1", "x2")
            let h2 = Localized(same: "h2") + Localized(" = ", zh: " = ") + Self.logicName(f.layers[0].output.column(1).map { $0 > mid ? 1 : 0 }, "x1", "x2")
            let h1Bits = f.layers[0].output.column(0).map { $0 > mid ? 1 : 0 }, h2Bits = f.layers[0].output.column(1).map { $0 > mid ? 1 : 0 }
            // The composition of the three gates on the corners, and whether each gate is one a perceptron can do.
            writeOutputSums(&page, top: top, corners: corners, hidden: f.layers[0].output)
            let composed = (0..<4).map { i in bits[(h1Bits[i] << 1) | h2Bits[i]] }
            let separable = [h1Bits, h2Bits, bits].allSatisfy(Self.isLinearlySeparable)
            if composed == [0, 1, 1, 0] && separable {
                page.say("""
                    The output unit, fed the fully off/on values \(fmt(lo)) and \(fmt(hi)) of $h_1$ and $h_2$, computes **\(outName.en)**. \
                    So the network has split XOR into gates a perceptron can do: \(h1.en), \(h2.en), then out = \(outName.en). \
                    Each is linearly separable; only their composition is not.
                    """, zh: """
                    把 $h_1$、$h_2$ 完全关闭/打开时的取值 \(fmt(lo)) 和 \(fmt(hi)) 送进输出单元，它实现的是**\(outName.zh)**。\
                    也就是说，网络把 XOR 拆成了几个感知机就能完成的门：\(h1.zh)，\(h2.zh)，最后输出 = \(outName.zh)。\
                    每一个门都是线性可分的，只有把它们组合起来才不是。
                    """)
            } else {
                page.say("""
                    The output unit, fed the fully off/on values \(fmt(lo)) and \(fmt(hi)) of $h_1$ and $h_2$, computes **\(outName.en)**. \
                    Read as gates, \(h1.en), \(h2.en), then out = \(outName.en) \(composed == [0, 1, 1, 0] ? "do compose to XOR, but not every one of them is a gate a single perceptron can do" : "do not compose to XOR on the four corners: this run has not found a clean split into gates").
                    """, zh: """
                    把 $h_1$、$h_2$ 完全关闭/打开时的取值 \(fmt(lo)) 和 \(fmt(hi)) 送进输出单元，它实现的是**\(outName.zh)**。\
                    按逻辑门来读，\(h1.zh)，\(h2.zh)，最后输出 = \(outName.zh)\(composed == [0, 1, 1, 0] ? "，组合起来确实是 XOR，但并非每个门都是单个感知机能完成的" : "，在四个角上组合不出 XOR：这次训练没有找到干净的逻辑门拆分")。
                    """)
            }
            page.record("output_function", .string(outName.en))
        }
        page.aside("""
            `002` says that in theory a two-layer network can fit any function. The precise statement (the universal \
            approximation theorem) is that one hidden layer with enough units can approximate any **continuous** function \
            on a bounded region as closely as you like. It says nothing about whether gradient descent will find those \
            weights: exercise 2 below shows starting points from which it does not.
            """, zh: """
            `002` 说理论上两层神经网络可以拟合任意函数。准确的说法（万能逼近定理）是：只要隐藏单元足够多，一个隐藏层就能在有界区域上\
            以任意精度逼近任何**连续**函数。但定理并不保证梯度下降一定能找到这些权重：下面的练习 2 就给出了找不到的起点。
            """)
    }

    /// The output unit's weighted input w₁h₁ + w₂h₂ + b at the four on/off corners of (h₁, h₂) and at the four XOR inputs,
    /// with its sign: the sign alone decides the output, so these sums show which gate the output unit computes.
    func writeOutputSums(_ page: inout Page, top: Dense, corners: [[Double]], hidden h: Matrix) {
        let w = [top.weights[0, 0], top.weights[1, 0]], b = top.bias[0, 0]
        page.say("""
            The output is above 0.5 exactly when its weighted input $z = w_1 h_1 + w_2 h_2 + b$ is positive, here $z = \(fmt(w[0]))\\,h_1 \(w[1] < 0 ? "-" : "+") \(fmt(abs(w[1])))\\,h_2 \(b < 0 ? "-" : "+") \(fmt(abs(b)))$. At the four on/off corners of $(h_1, h_2)$:
            """, zh: """
            输出大于 0.5，当且仅当它的加权输入 $z = w_1 h_1 + w_2 h_2 + b$ 为正，这里 \
            $z = \(fmt(w[0]))\\,h_1 \(w[1] < 0 ? "-" : "+") \(fmt(abs(w[1])))\\,h_2 \(b < 0 ? "-" : "+") \(fmt(abs(b)))$。在 $(h_1, h_2)$ 的四个开/关角上：
            """)
        var cornerZ: [Double] = []
        for c in corners {
            let z = w[0] * c[0] + w[1] * c[1] + b
            cornerZ.append(page.step(nil, .raw(tex: "z(\(fmt(c[0])), \(fmt(c[1])))", text: "z(\(fmt(c[0])), \(fmt(c[1])))"),
                                     [.weightedSum(weights: w, inputs: c, bias: b)], value: z))
        }
        page.record("output_corner_z", cornerZ)
        func names(_ picked: [Int], _ separator: String) -> String { picked.map { "$(\(fmt(corners[$0][0])), \(fmt(corners[$0][1])))$" }.joined(separator: separator) }
        let positive = cornerZ.indices.filter { cornerZ[$0] > 0 }, other = cornerZ.indices.filter { cornerZ[$0] <= 0 }
        let en = positive.isEmpty ? "The sum is never positive: the output unit is off at every corner."
            : other.isEmpty ? "The sum is positive at every corner: the output unit is on at all of them."
            : "The sum is positive only at \(names(positive, ", ")) and not positive at \(names(other, ", ")), so the output is on only there."
        let zh = positive.isEmpty ? "这个和在四个角上都不为正：输出单元在每个角上都关闭。"
            : other.isEmpty ? "这个和在四个角上都为正：输出单元在每个角上都打开。"
            : "这个和只在 \(names(positive, "、")) 为正，在 \(names(other, "、")) 不为正，所以输出只在那里打开。"
        page.say(en, zh: zh)
        page.say("On the four XOR inputs themselves, with the hidden activations the network actually produces:",
                 zh: "再看四个 XOR 输入本身，用网络实际算出的隐藏激活值：")
        var patternZ: [Double] = []
        let rows: [[Table.Cell]] = (0..<4).map { r in
            let z = w[0] * h[r, 0] + w[1] * h[r, 1] + b
            patternZ.append(z)
            return [.math(.raw(tex: "(\(fmt(Self.inputs[r, 0])), \(fmt(Self.inputs[r, 1])))", text: "(\(fmt(Self.inputs[r, 0])), \(fmt(Self.inputs[r, 1])))")),
                    .number(h[r, 0], digits: 3), .number(h[r, 1], digits: 3), .number(z, digits: 4),
                    .text(Localized(same: z > 0 ? "+" : (z < 0 ? "−" : "0"))), .number(z > 0 ? 1 : 0)]
        }
        page.table([Localized("$x$", zh: "$x$"), Localized("$h_1$", zh: "$h_1$"), Localized("$h_2$", zh: "$h_2$"),
                    Localized("$z = w_1 h_1 + w_2 h_2 + b$", zh: "$z = w_1 h_1 + w_2 h_2 + b$"), Localized("sign", zh: "符号"), Localized("output", zh: "输出")], rows)
        page.record("output_pattern_z", patternZ)
    }

    /// The colour range of a hidden unit: its activation's range for sigmoid and tanh, the data's otherwise.
    func range(of grid: [[Double]]) -> ClosedRange<Double> {
        switch activation {
        case .sigmoid: return 0...1
        case .tanh: return -1...1
        default:
            let all = grid.flatMap { $0 }
            let lo = min(all.min() ?? 0, 0), hi = max(all.max() ?? 1, 0)
            let m = max(abs(lo), abs(hi), 1e-9)
            return -m...m
        }
    }
}
