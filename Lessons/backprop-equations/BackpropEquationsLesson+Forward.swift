import LonghandEngine
import Notebook

/// Introduction, conventions, the network and its forward pass.
extension BackpropEquationsLesson {
    /// Names of the neurons in layer l (0 = inputs) for diagrams.
    func nodeNames(_ l: Int, count: Int) -> [String] {
        let last = sizes.count - 1
        return (1...count).map { j in
            if l == 0 { return "x\(j)" }
            if l == last { return "o\(j)" }
            return sizes.count == 3 ? "h\(j)" : "h\(l).\(j)"
        }
    }

    /// The network drawn with its weights on the edges and biases under the neurons.
    func diagram(_ net: Network, values: [[Double]]? = nil, edgeValues: [[[Double]]]? = nil, showBiases: Bool = true, digits: Int = 3) -> NetworkDiagram {
        var layers: [[NetworkDiagram.Node]] = [nodeNames(0, count: sizes[0]).enumerated().map { .init($0.element, value: values?[0][$0.offset]) }]
        for (l, layer) in net.layers.enumerated() {
            layers.append(nodeNames(l + 1, count: layer.outputCount).enumerated().map { j, name in
                .init(name, value: values?[l + 1][j], bias: showBiases ? layer.bias[0, j] : nil)
            })
        }
        var names = [Localized("input", zh: "输入")]
        for l in 1..<(sizes.count - 1) { names.append(sizes.count == 3 ? Localized("hidden", zh: "隐藏层") : Localized("hidden \(l)", zh: "隐藏层 \(l)")) }
        names.append(Localized("output", zh: "输出"))
        return NetworkDiagram.dense(layers: layers, weights: edgeValues ?? net.layers.map { $0.weights.nested }, layerNames: names, digits: digits)
    }

    func writeIntroduction(_ page: inout Page, _ net: Network) {
        let L = net.layers.count
        page.say("""
            Source text `000` ends its tour of learning with **backpropagation**: the algorithm that computes the gradient \
            of the cost with respect to every weight and bias, which gradient descent needs. It lists four equations \
            (the output error, the error of the layer before, and how the cost depends on biases and on weights), but their \
            formulas were pictures and did not survive. `004` sums the idea up in one sentence: backpropagation is the chain \
            rule for partial derivatives of a function of many variables. This lesson restores the four equations, works \
            them out on a small network with every vector and matrix printed, and checks every number.
            """, zh: """
            原文 `000` 讲到学习算法的最后，引出了**反向传播**：它负责算出代价对每个权重和偏置的梯度，梯度下降正需要这些梯度。\
            原文列出了四个方程（输出层误差、前一层误差、代价与偏置的关系、代价与权重的关系），可惜公式都是图片，没能保留下来。\
            `004` 一句话点明了它的本质：反向传播就是用链式法则求多元函数的偏导数。本课把这四个方程补回来，\
            在一个小网络上逐一演算，打印出每个向量和矩阵，并核对每一个数。
            """)
        page.say("""
            Notation. Layer $l$ receives the activations $a^{l-1}$ of the layer below ($a^0 = x$, the input), forms the \
            **weighted input** $z^l = a^{l-1} W^l + b^l$ and outputs $a^l = \(activation.symbol.tex)(z^l)$, applied entry by entry. \
            The top layer is $L = \(L)$. The **error** of neuron $j$ in layer $l$ is $\\delta^l_j = \\partial C / \\partial z^l_j$: \
            how much the cost would change if that neuron's weighted input were nudged.
            """, zh: """
            记号。第 $l$ 层接收前一层（即它下面一层）的激活值 $a^{l-1}$（$a^0 = x$ 就是输入），先算**加权输入** $z^l = a^{l-1} W^l + b^l$，\
            再逐个元素地输出 $a^l = \(activation.symbol.tex)(z^l)$。最顶层是 $L = \(L)$。第 $l$ 层第 $j$ 个神经元的**误差**定义为 \
            $\\delta^l_j = \\partial C / \\partial z^l_j$：如果把这个神经元的加权输入轻轻推一下，代价会变化多少。
            """)
        page.convention("""
            Vectors are **rows** and $W^l$ has one row per input and one column per neuron (inputs × outputs), so a layer \
            computes $z^l = a^{l-1} W^l + b^l$, like the texts' $H = X W_1 + b_1$ and like the engine. `000` (after Nielsen) \
            writes columns and $w^l_{jk}$ for the weight from neuron $k$ to neuron $j$: its matrix is our $W^l$ transposed. \
            The equations below, {eq:bp1} to {eq:bp4}, are the same equations, transposed to match.
            """, zh: """
            本课把向量写成**行向量**，$W^l$ 每行对应一个输入、每列对应一个神经元（输入数 × 输出数），\
            所以一层的计算是 $z^l = a^{l-1} W^l + b^l$，与原文的 $H = X W_1 + b_1$ 以及引擎的写法一致。\
            `000`（沿用 Nielsen 的写法）用列向量，$w^l_{jk}$ 表示从神经元 $k$ 到神经元 $j$ 的权重，它的矩阵正是我们 $W^l$ 的转置。\
            因此下面的方程 {eq:bp1} 至 {eq:bp4} 与原文是同一组方程，只是做了相应的转置。
            """)
        page.convention("""
            The cost of one example is $C = \\frac{1}{2}\\lVert y - a^L \\rVert^2$, so $\\nabla_a C = a^L - y$. `000` averages \
            over $n$ examples, $C = \\frac{1}{2n}\\sum_x \\lVert y(x) - a^L(x) \\rVert^2$; with one example the two agree.
            """, zh: """
            单个样本的代价取 $C = \\frac{1}{2}\\lVert y - a^L \\rVert^2$，于是 $\\nabla_a C = a^L - y$。\
            `000` 对 $n$ 个样本取平均：$C = \\frac{1}{2n}\\sum_x \\lVert y(x) - a^L(x) \\rVert^2$；只有一个样本时两者相同。
            """)

        page.section("The four equations", zh: "四个方程")
        let f = activation.derivativeSymbol.tex
        page.say("**BP1**, the error of the output layer: how fast the cost changes with each output, times how fast that output changes with its weighted input.",
                 zh: "**BP1**，输出层的误差：代价随每个输出变化的快慢，乘以该输出随其加权输入变化的快慢。")
        page.equation(tex: "\\delta^L = \\nabla_a C \\odot \(f)(z^L)", text: "δ^L = ∇a C ⊙ \(activation.derivativeSymbol.text)(z^L)", label: "bp1")
        page.say("**BP2**, the error of a layer from the error of the layer above: send $\\delta^{l+1}$ back through the same weights, then multiply by the slope of the activation.",
                 zh: "**BP2**，由后一层（即上面一层）的误差求本层误差：让 $\\delta^{l+1}$ 沿着同一组权重往回传，再乘以激活函数的斜率。")
        page.equation(tex: "\\delta^l = \\left(\\delta^{l+1} (W^{l+1})^\\top\\right) \\odot \(f)(z^l)",
                      text: "δ^l = (δ^(l+1) (W^(l+1))ᵀ) ⊙ \(activation.derivativeSymbol.text)(z^l)", label: "bp2")
        page.say("**BP3**, the gradient of the biases is the error itself:", zh: "**BP3**，偏置的梯度就是误差本身：")
        page.equation(tex: "\\frac{\\partial C}{\\partial b^l} = \\delta^l", text: "∂C/∂b^l = δ^l", label: "bp3")
        page.say("**BP4**, the gradient of a weight is the activation going into it times the error coming out of it; as a matrix, a column times a row:",
                 zh: "**BP4**，某个权重的梯度等于流入它的激活值乘以它所连神经元的误差；写成矩阵，就是列向量乘以行向量：")
        page.equation(tex: "\\frac{\\partial C}{\\partial W^l} = (a^{l-1})^\\top \\delta^l, \\qquad \\frac{\\partial C}{\\partial W^l_{kj}} = a^{l-1}_k \\, \\delta^l_j",
                      text: "∂C/∂W^l = (a^(l−1))ᵀ δ^l,   ∂C/∂W^l_kj = a^(l−1)_k · δ^l_j", label: "bp4")
        page.table([Localized("", zh: ""), Localized("column form (`000`, Nielsen)", zh: "列向量形式（`000`、Nielsen）"),
                    Localized("row form (this lesson, the engine)", zh: "行向量形式（本课、引擎）")],
                   [[.text(Localized(same: "BP1")), .math(.raw(tex: "\\delta^L = \\nabla_a C \\odot \\sigma'(z^L)", text: "δL = ∇aC ⊙ σ′(zL)")),
                     .math(.raw(tex: "\\delta^L = \\nabla_a C \\odot \\sigma'(z^L)", text: "δL = ∇aC ⊙ σ′(zL)"))],
                    [.text(Localized(same: "BP2")), .math(.raw(tex: "\\delta^l = ((w^{l+1})^\\top \\delta^{l+1}) \\odot \\sigma'(z^l)", text: "δl = ((w(l+1))ᵀ δ(l+1)) ⊙ σ′(zl)")),
                     .math(.raw(tex: "\\delta^l = (\\delta^{l+1} (W^{l+1})^\\top) \\odot \\sigma'(z^l)", text: "δl = (δ(l+1) (W(l+1))ᵀ) ⊙ σ′(zl)"))],
                    [.text(Localized(same: "BP3")), .math(.raw(tex: "\\partial C / \\partial b^l_j = \\delta^l_j", text: "∂C/∂blj = δlj")),
                     .math(.raw(tex: "\\partial C / \\partial b^l = \\delta^l", text: "∂C/∂bl = δl"))],
                    [.text(Localized(same: "BP4")), .math(.raw(tex: "\\partial C / \\partial w^l_{jk} = a^{l-1}_k \\delta^l_j", text: "∂C/∂wljk = a(l−1)k δlj")),
                     .math(.raw(tex: "\\partial C / \\partial W^l = (a^{l-1})^\\top \\delta^l", text: "∂C/∂Wl = (a(l−1))ᵀ δl"))]],
                   caption: Localized("The same four equations in the two conventions.", zh: "两种约定下的同一组四个方程。"))
        page.say("""
            Why backwards? BP1 {eq:bp1} needs only the output; BP2 {eq:bp2} needs $\\delta^{l+1}$ to get $\\delta^l$. So the errors are computed \
            from the top layer down, and BP3 {eq:bp3} and BP4 {eq:bp4} turn each layer's error into its gradients. The cost is a function of the \
            network's output, and the chain rule has to be applied from that end.
            """, zh: """
            为什么要“反向”？BP1 {eq:bp1} 只用到输出；BP2 {eq:bp2} 要先有 $\\delta^{l+1}$ 才能算出 $\\delta^l$。所以误差只能从最顶层往下逐层计算，\
            再由 BP3 {eq:bp3}、BP4 {eq:bp4} 把每层的误差变成该层的梯度。代价是网络输出的函数，链式法则自然要从这一头开始用。
            """)
    }

    func writeForward(_ page: inout Page, _ net: Network, _ eval: Network.Evaluation, _ y: Matrix) {
        let sizeText = sizes.map(String.init).joined(separator: "-")
        page.section("The network and its forward pass", zh: "网络与前向传播")
        page.say("""
            A \(sizeText) network with \(activation.displayName) activations in every layer. Its weights and biases are draws from \
            $N(0, 1)$ with seed \(seed), rounded to two decimals so that every product below can be redone by hand. \
            The input is $x = \(MatrixExpr.list(input.values))$ and the target $y = \(MatrixExpr.list(target.values))$.
            """, zh: """
            这是一个 \(sizeText) 网络，每一层都用 \(activation.displayName) 激活函数。权重和偏置取自 $N(0, 1)$（种子 \(seed)），\
            并保留两位小数，方便手工重算下面的每一个乘积。输入为 $x = \(MatrixExpr.list(input.values))$，目标为 $y = \(MatrixExpr.list(target.values))$。
            """)
        for (l, layer) in net.layers.enumerated() {
            page.fittedStep(MatrixExpr.s("W", l + 1), [MatrixExpr.m(layer.weights)])
            page.fittedStep(MatrixExpr.s("b", l + 1), [MatrixExpr.m(layer.bias)])
            page.record("W\(l + 1)", layer.weights.nested)
            page.record("b\(l + 1)", layer.bias.values)
        }
        page.figure("network", title: Localized("The \(sizeText) network with its starting weights and biases", zh: "\(sizeText) 网络及其初始权重和偏置"),
                    description: Localized("Inputs on the left, output neurons on the right; each edge carries its weight (blue positive, orange negative) and each neuron's bias is written under it.",
                                           zh: "左边是输入，右边是输出神经元；每条连线标着它的权重（蓝色为正，橙色为负），每个神经元下方写着它的偏置。"),
                    diagram(net))

        page.subsection("Forward pass", zh: "前向传播")
        page.say("Each layer is one matrix product plus the bias, then the activation entry by entry. Written out for the first neuron of layer 1:",
                 zh: "每一层都是一次矩阵乘法加上偏置，再逐个元素地套上激活函数。以第 1 层第一个神经元为例逐项写出：")
        let first = net.layers[0]
        page.step(nil, .symbol(tex: "z^1_1", text: "z1_1"),
                  [.weightedSum(weights: first.weights.column(0), inputs: input.values, bias: first.bias[0, 0])],
                  value: eval.forward.layers[0].z[0, 0])
        page.say("and for all neurons at once:", zh: "所有神经元一起算：")
        let f = activation.symbol
        for (l, pass) in eval.forward.layers.enumerated() {
            let layer = net.layers[l]
            page.fittedStep(MatrixExpr.s("z", l + 1), [.sum([.product([MatrixExpr.m(pass.input), MatrixExpr.m(layer.weights)]), MatrixExpr.m(layer.bias)]), MatrixExpr.m(pass.z)])
            page.fittedStep(MatrixExpr.s("a", l + 1), [MatrixExpr.apply(f, MatrixExpr.m(pass.z)), MatrixExpr.m(pass.output)])
            page.record("z\(l + 1)", pass.z.values)
            page.record("a\(l + 1)", pass.output.values)
        }
        let a = eval.forward.output
        let squares: [Expr] = (0..<a.columns).map { j in .power(.group(.difference(.n(y[0, j]), .n(a[0, j]))), .n(2)) }
        page.step("cost", .sym("C"), [.product([.raw(tex: "\\tfrac{1}{2}", text: "½"), .group(.sum(squares))])], value: eval.loss)
    }
}
