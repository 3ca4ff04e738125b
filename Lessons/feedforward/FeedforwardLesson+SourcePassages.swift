import LonghandEngine
import Notebook

extension FeedforwardLesson {
    /// The quadrant network's sizes in `002`: 2 inputs, 50 hidden units, 4 outputs.
    static let quadrantSizes = (inputs: 2, hidden: 50, outputs: 4)

    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        writeShapesOfOnePoint(&page)
        writeOutputLayer(&page)
        writeBatchWithPositiveY2(&page)
        page.sourcesOfThisLesson(Self.id)
    }

    /// `002`'s shapes for one point, the 32×32 image, the parameter count, and the lost asterisks.
    func writeShapesOfOnePoint(_ page: inout Page) {
        let s = Self.quadrantSizes
        page.section("One point through the quadrant network: shapes and parameters", zh: "一个点穿过象限网络：形状与参数")
        page.say("""
            `000` names the layers: the input layer on the left, the output layer on the right, and between them the hidden \
            layers, whose neurons are neither inputs nor outputs. `002` describes a network as layers of weighted connections, \
            each node with its own bias and activation, and then \
            sizes one: before any batching, a single point such as (1, 1) is a $1 \\times \(s.inputs)$ row, the hidden layer \
            of \(s.hidden) units a $1 \\times \(s.hidden)$ row, and the output a $1 \\times \(s.outputs)$ row, one number per quadrant:
            """, zh: """
            `000` 给各层命名：最左边是输入层，最右边是输出层，中间既不是输入也不是输出的层叫隐藏层。\
            `002` 把神经网络描述为层层带权重的连接，每个节点有自己的偏置和激活函数，随后给出一个具体的尺寸：\
            不做批处理时，单个点（例如 (1, 1)）是 $1 \\times \(s.inputs)$ 的行向量，\(s.hidden) 个单元的隐藏层是 \
            $1 \\times \(s.hidden)$ 的行向量，输出是 $1 \\times \(s.outputs)$ 的行向量，每个象限一个数：
            """)
        func shape(_ r: Int, _ c: Int) -> Table.Cell { .text(Localized(same: "\(r) × \(c)")) }
        page.table([Localized("quantity", zh: "量"), Localized("shape", zh: "形状"), Localized("numbers", zh: "个数")],
                   [[.math(.sym("X")), shape(1, s.inputs), .number(Double(s.inputs))],
                    [.math(.symbol(tex: "W_1", text: "W1")), shape(s.inputs, s.hidden), .number(Double(s.inputs * s.hidden))],
                    [.math(.symbol(tex: "b_1", text: "b1")), shape(1, s.hidden), .number(Double(s.hidden))],
                    [.math(.raw(tex: "H = \\text{ReLU}(X W_1 + b_1)", text: "H")), shape(1, s.hidden), .number(Double(s.hidden))],
                    [.math(.symbol(tex: "W_2", text: "W2")), shape(s.hidden, s.outputs), .number(Double(s.hidden * s.outputs))],
                    [.math(.symbol(tex: "b_2", text: "b2")), shape(1, s.outputs), .number(Double(s.outputs))],
                    [.math(.raw(tex: "Y = H W_2 + b_2", text: "Y")), shape(1, s.outputs), .number(Double(s.outputs))]])
        page.say("The parameters are the entries of $W_1$, $b_1$, $W_2$ and $b_2$; their number $N$ is", zh: "参数就是 $W_1$、$b_1$、$W_2$、$b_2$ 的全部元素，个数 $N$ 为")
        let count = s.inputs * s.hidden + s.hidden + s.hidden * s.outputs + s.outputs
        page.step("quadrant_parameters", .sym("N"),
                  [.sum([.product([.n(Double(s.inputs)), .n(Double(s.hidden))]), .n(Double(s.hidden)),
                         .product([.n(Double(s.hidden)), .n(Double(s.outputs))]), .n(Double(s.outputs))])], value: Double(count))
        let side = 32
        page.say("""
            The input layer's size follows the data: `002`'s other example is a $\(side) \\times \(side)$ grey-level image, one \
            input per pixel, flattened into one row; the number of inputs $m$ is
            """, zh: "输入层的大小由数据决定：`002` 的另一个例子是 $\(side) \\times \(side)$ 的灰度图像，每个像素一个输入，拉平成一行，输入个数 $m$ 为")
        page.step("image_inputs", .sym("m"), [.product([.n(Double(side)), .n(Double(side))])], value: Double(side * side))
        let imageParameters = side * side * s.hidden + s.hidden + s.hidden * s.outputs + s.outputs
        page.record("image_network_parameters", Double(imageParameters))
        page.say("""
            With the same 50 hidden units such an input alone brings $\(side * side) \\cdot \(s.hidden) = \(side * side * s.hidden)$ \
            weights into $W_1$, and the network has \(imageParameters) parameters in all.
            """, zh: """
            隐藏层仍取 50 个单元时，仅 $W_1$ 就有 $\(side * side) \\cdot \(s.hidden) = \(side * side * s.hidden)$ 个权重，\
            整个网络共有 \(imageParameters) 个参数。
            """)
        page.erratum("""
            `002` prints the input as “一个12的矩阵” (a 12 matrix) and the image as “3232像素”: the multiplication signs of \
            “1\\*2” and “32\\*32” were lost (read as Markdown emphasis when the text was copied). The input is $1 \\times 2$, \
            the image $32 \\times 32$, and its input layer has \(side * side) elements — as the same sentence's own “32\\*32” says.
            """, zh: """
            `002` 把输入写成“一个12的矩阵”，把图像写成“3232像素”：“1\\*2”和“32\\*32”中的乘号丢了（转载时被当成了 Markdown 的强调符号）。\
            输入是 $1 \\times 2$，图像是 $32 \\times 32$，输入层有 \(side * side) 个元素——同一句话末尾的“32\\*32”写的正是这个。
            """)
    }

    /// `004`: “the output layer has only a linear model, no activation”, set against this lesson's ReLU outputs.
    func writeOutputLayer(_ page: inout Page) {
        page.section("Does the output layer have an activation?", zh: "输出层要不要激活函数？")
        let rx = reluInputs.values
        let hidden = Self.reluHidden.forward(Matrix(row: rx)).output
        let z2 = Self.reluOutput.forward(hidden).z
        let scores = (0..<z2.columns).map { z2[0, $0] }
        page.record("output_scores", scores)
        let clipped = scores.enumerated().filter { $0.element < 0 }.map { $0.offset }
        page.say("""
            `004` says the output layer “only contains a linear model, without an activation function”, while `002`'s exercise \
            puts ReLU on its outputs too. Both are in use; the choice follows what the outputs mean. For a number to be \
            predicted (a price, a temperature) the output is left linear, so it can take any value. For classes, the linear \
            outputs are scores that a final function turns into probabilities: sigmoid for two classes, softmax for several \
            (the quadrant network). A ReLU on the output, as in `002`'s exercise, forbids negative outputs. This network's \
            output scores before that ReLU are $(\(scores.map(fmt).joined(separator: ", ")))$.
            """, zh: """
            `004` 说输出层“只包含线性模型，没有激活函数”，而 `002` 的练习题在输出上也用了 ReLU。两种做法都有人用，\
            取决于输出代表什么。要预测一个数值（价格、温度）时，输出层保持线性，才能取任意值。做分类时，线性输出是各类的得分，\
            再由最后一个函数变成概率：两类用 sigmoid，多类用 softmax（象限网络就是这样）。像 `002` 的练习那样在输出上加 ReLU，\
            就不允许输出为负。本例网络在这个 ReLU 之前的输出得分是 $(\(scores.map(fmt).joined(separator: ", ")))$。
            """)
        if clipped.isEmpty {
            page.say("None of them is negative, so here the output ReLU changes nothing.", zh: "它们都不是负数，所以这里输出层的 ReLU 不起作用。")
        } else {
            let names = clipped.map { "$y_\($0 + 1)$" }.joined(separator: ", ")
            let namesZh = clipped.map { "$y_\($0 + 1)$" }.joined(separator: "、")
            page.say("The ReLU turns the negative score of \(names) into 0: a linear output layer would report \(clipped.map { fmt(scores[$0]) }.joined(separator: ", ")) instead, and a softmax over the scores would still give it a small probability rather than none.",
                     zh: "ReLU 把 \(namesZh) 的负得分变成了 0：线性输出层会给出 \(clipped.map { fmt(scores[$0]) }.joined(separator: "、"))，而对这些得分做 softmax，它仍会得到一个很小但不为零的概率。")
        }
    }

    /// A batch in which y₂ comes out positive, with the hidden matrix shown.
    func writeBatchWithPositiveY2(_ page: inout Page) {
        page.section("A batch in which y₂ fires", zh: "一个 y₂ 被激活的批次")
        let batch = Matrix([reluInputs.values, [2, 12]])
        let h = Self.reluHidden.forward(batch), y = Self.reluOutput.forward(h.output)
        page.say("""
            $y_2 = \\max(-2 n_1 + n_2, 0)$ is positive only when $n_2 > 2 n_1$, i.e. when the second hidden unit outweighs \
            twice the first. Put the input (2, 12) in the batch beside the text's input and show the hidden matrix too:
            """, zh: """
            $y_2 = \\max(-2 n_1 + n_2, 0)$ 只有在 $n_2 > 2 n_1$ 时才为正，也就是第二个隐藏单元超过第一个的两倍时。\
            把输入 (2, 12) 与原文的输入放进同一批，并把隐藏层矩阵也写出来：
            """)
        page.step(.symbol(tex: "Z_1", text: "Z1"), [.sum([.product([.matrix(batch.nested), .matrix(Self.reluHidden.weights.nested)]), .matrix(Self.reluHidden.bias.nested)]),
                                                  .matrix(h.z.nested)])
        page.step(.sym("H"), [.call(tex: "\\text{ReLU}", text: "ReLU", [.symbol(tex: "Z_1", text: "Z1")]), .matrix(h.output.nested)])
        page.step(.symbol(tex: "Z_2", text: "Z2"), [.sum([.product([.matrix(h.output.nested), .matrix(Self.reluOutput.weights.nested)]), .matrix(Self.reluOutput.bias.nested)]),
                                                  .matrix(y.z.nested)])
        page.step(.sym("Y"), [.call(tex: "\\text{ReLU}", text: "ReLU", [.symbol(tex: "Z_2", text: "Z2")]), .matrix(y.output.nested)])
        page.record("H_positive_batch", h.output.nested)
        page.record("Y_positive_batch", y.output.nested)
        let firing = (0..<y.output.rows).filter { y.output[$0, 1] > 0 }
        let rowsEn = firing.map { "row \($0 + 1) ($y_2 = \(fmt(y.output[$0, 1]))$, from $n_1 = \(fmt(h.output[$0, 0]))$, $n_2 = \(fmt(h.output[$0, 1]))$)" }
        let rowsZh = firing.map { "第 \($0 + 1) 行（$y_2 = \(fmt(y.output[$0, 1]))$，来自 $n_1 = \(fmt(h.output[$0, 0]))$、$n_2 = \(fmt(h.output[$0, 1]))$）" }
        page.say(firing.isEmpty
                 ? "In this batch $y_2$ is 0 in every row."
                 : "$y_2$ fires in \(rowsEn.joined(separator: " and ")); each row of $H$ is one input's hidden layer, and each row of $Y$ depends on its own row of $H$ only.",
                 zh: firing.isEmpty
                 ? "这一批里 $y_2$ 每一行都是 0。"
                 : "$y_2$ 在\(rowsZh.joined(separator: "和"))被激活；$H$ 的每一行是一个输入的隐藏层，$Y$ 的每一行只取决于 $H$ 中对应的那一行。")
    }
}
