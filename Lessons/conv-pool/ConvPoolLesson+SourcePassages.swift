import LonghandEngine
import Notebook

extension ConvPoolLesson {
    /// `001`'s max-pooling example.
    static let textPoolInput: [[Double]] = [[1, 3, 2, 9], [7, 4, 1, 5], [8, 5, 2, 3], [4, 2, 1, 4]]

    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        writePoolBackwardOnTextMatrix(&page)
        writeChannelsAndFilters(&page)
        page.sourcesOfThisLesson(Self.id)
    }

    /// `000`'s “upsample” rule applied to `001`'s own 4×4 matrix.
    func writePoolBackwardOnTextMatrix(_ page: inout Page) {
        let pool = MaxPool2D(size: 2)
        let x = Tensor3(map: Self.textPoolInput)
        let forward = pool.forward(x)
        let delta: [[Double]] = [[0.1, -0.2], [0.3, 0.4]]
        let g = Tensor3(map: delta)
        let dx = pool.backward(outputGradient: g, argmax: forward.argmax, inputShape: x)
        page.section("Max pooling backward on the text's own matrix", zh: "在原文自己的矩阵上做最大池化的反向计算")
        page.say("""
            `001` pools its 4×4 matrix into $\(ExprRendering.tex(.matrix(forward.output.channel(0))))$. Going backward, `000` \
            sends each window's gradient to the cell that won the maximum and 0 to the other three, because only that cell \
            changed the output. Suppose the layer above returns the gradient $\\delta$ below for the four pooled numbers:
            """, zh: """
            `001` 把它的 4×4 矩阵池化成 $\(ExprRendering.tex(.matrix(forward.output.channel(0))))$。反向计算时，`000` 把每个窗口的梯度\
            全部交给取得最大值的那个格子，其余三个格子得 0，因为只有那个格子影响了输出。设上一层传回的、对四个池化结果的梯度为下面的 $\\delta$：
            """)
        page.step(.symbol(tex: "\\delta", text: "δ"), [.matrix(delta)])
        page.step(.raw(tex: "\\frac{\\partial L}{\\partial X}", text: "∂L/∂X"), [.matrix(dx.channel(0))])
        page.record("text_pool_output", forward.output.channel(0))
        page.record("text_pool_input_gradient", dx.channel(0))
        let winners = forward.argmax.map { k -> String in
            let i = (k % (x.rows * x.columns)) / x.columns, j = k % x.columns
            return "\(fmt(Self.textPoolInput[i][j])) (\(i + 1), \(j + 1))"
        }
        page.say("""
            The maxima \(winners.joined(separator: ", ")) (row, column) receive \(delta.flatMap { $0 }.map(fmt).joined(separator: ", ")); the \
            other twelve cells receive 0. The gradient adds up to the same total as $\\delta$: pooling neither creates nor loses any.
            """, zh: """
            最大值 \(winners.joined(separator: "、"))（行，列）分别得到 \(delta.flatMap { $0 }.map(fmt).joined(separator: "、"))；\
            其余十二个格子得到 0。梯度的总和与 $\\delta$ 相同：池化既不产生也不丢失梯度。
            """)
    }

    /// Channels and filters: a 32×32×3 input with ten 5×5 filters, sizes and parameter count from the engine.
    func writeChannelsAndFilters(_ page: inout Page) {
        let side = 32, channels = 3, filters = 10, size = 5
        let layer = Conv2D(inChannels: channels, outChannels: filters, kernelSize: size,
                           weights: [Double](repeating: 0, count: filters * channels * size * size))
        guard let out = layer.outputShape(rows: side, columns: side) else { return }
        page.section("Channels and filters", zh: "通道与卷积核个数")
        page.say("""
            `001`'s size formula counts rows and columns. Real inputs also have depth: a colour image has 3 channels (red, green, \
            blue), and each filter spans all of them, so a 5×5 filter on such an image holds $5 \\cdot 5 \\cdot 3$ weights plus \
            one bias and produces one output map. A layer with \(filters) filters produces \(filters) maps. For a \
            \(side)×\(side)×\(channels) input, stride 1, no padding:
            """, zh: """
            `001` 的尺寸公式只算行和列。真实的输入还有深度：彩色图像有 3 个通道（红、绿、蓝），每个卷积核覆盖全部通道，\
            所以彩色图像上的 5×5 卷积核有 $5 \\cdot 5 \\cdot 3$ 个权重外加一个偏置，产生一张输出特征图。\(filters) 个卷积核就产生 \
            \(filters) 张特征图。输入为 \(side)×\(side)×\(channels)，步长 1，无填充：
            """)
        page.step("filters_output_side", .symbol(tex: "H_2", text: "H2"),
                  [.sum([.quotient(.sum([.difference(.n(Double(side)), .n(Double(size))), .product([.n(2), .n(0)])]), .n(1)), .n(1)])],
                  value: Double(out.rows))
        let parameters = layer.weights.count + layer.bias.count
        page.step("filters_parameters", .sym("N"),
                  [.product([.n(Double(filters)), .group(.sum([.product([.n(Double(size)), .n(Double(size)), .n(Double(channels))]), .n(1)]))])],
                  value: Double(parameters))
        page.say("""
            The output is \(out.rows)×\(out.columns)×\(filters), and the layer has $N = \(parameters)$ parameters however large the \
            image: the same \(filters) filters slide over every position. A fully connected layer from the same \
            \(side * side * channels) inputs to the same \(out.rows * out.columns * filters) outputs would need \
            \(side * side * channels * out.rows * out.columns * filters + out.rows * out.columns * filters) parameters.
            """, zh: """
            输出为 \(out.rows)×\(out.columns)×\(filters)，无论图像多大，这一层都只有 $N = \(parameters)$ 个参数：\
            同样 \(filters) 个卷积核在每个位置上滑动复用。若用全连接层把同样 \(side * side * channels) 个输入连到同样 \
            \(out.rows * out.columns * filters) 个输出，则需要 \(side * side * channels * out.rows * out.columns * filters + out.rows * out.columns * filters) 个参数。
            """)
        page.record("dense_equivalent_parameters", Double(side * side * channels * out.rows * out.columns * filters + out.rows * out.columns * filters))
    }
}
