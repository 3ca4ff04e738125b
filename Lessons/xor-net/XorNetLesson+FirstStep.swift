import LonghandEngine
import Notebook

/// Step 0 of training worked in full: the backward pass over the four examples and the update it makes.
extension XorNetLesson {
    func writeFirstStep(_ page: inout Page, _ run: Run) {
        let net = run.start
        let e = net.evaluate(Self.inputs, Self.objective)
        let back = e.backward.layers, forward = e.forward.layers
        let L = net.layers.count
        let eta = learningRate.value
        page.subsection("Step 0 by hand: the backward pass", zh: "第 0 步手算：反向传播")
        page.say("""
            Before letting the loop run, work its first step through. Each row below is one of the four examples \
            $(0,0), (0,1), (1,0), (1,1)$. Because the cost is the mean over the four, $\\partial C / \\partial A^{\(L)} = (A^{\(L)} - Y)/4$:
            """, zh: """
            在让循环跑起来之前，先把第一步完整地算一遍。下面每一行对应一个样本 $(0,0), (0,1), (1,0), (1,1)$。\
            因为代价是四个样本的平均，$\\partial C / \\partial A^{\(L)} = (A^{\(L)} - Y)/4$：
            """)
        let y = Matrix(column: Self.targets)
        for (l, pass) in forward.enumerated() {
            let act: NetworkActivation = l == L - 1 ? .sigmoid : activation
            page.fittedStep(MatrixExpr.s("Z", l + 1), [MatrixExpr.m(pass.z)])
            page.fittedStep(MatrixExpr.s("A", l + 1), [MatrixExpr.apply(act.symbol, MatrixExpr.s("Z", l + 1)), MatrixExpr.m(pass.output)])
        }
        page.fittedStep(.raw(tex: "\\partial C / \\partial A^{\(L)}", text: "∂C/∂A\(L)"),
                        [.quotient(.difference(MatrixExpr.m(forward[L - 1].output), MatrixExpr.m(y)), .n(4)), MatrixExpr.m(e.outputGradient)])
        for l in stride(from: L, through: 1, by: -1) {
            let act: NetworkActivation = l == L ? .sigmoid : activation
            let d = act.derivativeSymbol
            let upstream: Expr = l == L
                ? .raw(tex: "\\partial C / \\partial A^{\(L)}", text: "∂C/∂A\(L)")
                : .product([MatrixExpr.s("\\delta", l + 1), MatrixExpr.transpose(MatrixExpr.s("W", l + 1))])
            if l < L {
                page.fittedStep(.product([MatrixExpr.s("\\delta", l + 1), MatrixExpr.transpose(MatrixExpr.s("W", l + 1))]),
                                [.product([MatrixExpr.m(back[l].delta), MatrixExpr.transpose(MatrixExpr.m(net.layers[l].weights))]), MatrixExpr.m(back[l].inputGradient)])
            }
            page.fittedStep(.symbol(tex: "\(d.tex)(Z^{\(l)})", text: "\(d.text)(Z\(l))"), [MatrixExpr.m(back[l - 1].slope)])
            page.fittedStep(MatrixExpr.s("\\delta", l), [MatrixExpr.hadamard(upstream, .symbol(tex: "\(d.tex)(Z^{\(l)})", text: "\(d.text)(Z\(l))")),
                                                         MatrixExpr.m(back[l - 1].delta)])
            page.record("step0_delta\(l)", back[l - 1].delta.nested)
        }
        page.say("Each weight's gradient sums input times error over the four rows; each bias's gradient sums its error:",
                 zh: "每个权重的梯度是四行上“输入 × 误差”之和；每个偏置的梯度是它的误差之和：")
        for l in stride(from: L, through: 1, by: -1) {
            let g = back[l - 1].gradient
            page.fittedStep(.symbol(tex: "\\frac{\\partial C}{\\partial W^{\(l)}}", text: "∂C/∂W\(l)"),
                            [.product([MatrixExpr.transpose(MatrixExpr.s("A", l - 1)), MatrixExpr.s("\\delta", l)]), MatrixExpr.m(g.weights)])
            page.fittedStep(.symbol(tex: "\\frac{\\partial C}{\\partial b^{\(l)}}", text: "∂C/∂b\(l)"), [MatrixExpr.m(g.bias)])
            page.record("step0_dW\(l)", g.weights.nested)
            page.record("step0_db\(l)", g.bias.values)
        }
        page.say("($A^0$ is the input matrix.) One entry by hand: the weight from $x_1$ to the first hidden unit collects only the rows where $x_1 = 1$, the third and fourth:",
                 zh: "（$A^0$ 就是输入矩阵。）手算其中一个：从 $x_1$ 到第一个隐藏单元的权重，只有 $x_1 = 1$ 的第三、四行有贡献：")
        let d1 = back[0].delta
        page.step("step0_dW1_11", .symbol(tex: "\\frac{\\partial C}{\\partial W^{1}_{11}}", text: "∂C/∂W1_11"),
                  [.sum((0..<4).map { r in .product([.n(Self.inputs[r, 0]), .n(d1[r, 0])]) })], value: back[0].gradient.weights[0, 0])

        page.subsection("Step 0 by hand: the update", zh: "第 0 步手算：更新")
        page.say("Every weight and bias moves together by $-\\eta$ times its gradient, with $\\eta = \(fmt(eta))$ (new values are marked with a prime):",
                 zh: "所有权重和偏置一起移动，移动量是 $-\\eta$ 乘以各自的梯度，$\\eta = \(fmt(eta))$（新值用撇号标出）：")
        let next = net.updated(by: e.gradients, learningRate: eta)
        for l in 1...L {
            let g = back[l - 1].gradient
            page.fittedStep(.symbol(tex: "{W^{\(l)}}'", text: "W\(l)′"),
                            [.difference(MatrixExpr.m(net.layers[l - 1].weights), .product([.n(eta), MatrixExpr.m(g.weights)])), MatrixExpr.m(next.layers[l - 1].weights)])
            page.fittedStep(.symbol(tex: "{b^{\(l)}}'", text: "b\(l)′"),
                            [.difference(MatrixExpr.m(net.layers[l - 1].bias), .product([.n(eta), MatrixExpr.m(g.bias)])), MatrixExpr.m(next.layers[l - 1].bias)])
            page.record("step1_W\(l)", next.layers[l - 1].weights.nested)
            page.record("step1_b\(l)", next.layers[l - 1].bias.values)
        }
        let after = next.evaluate(Self.inputs, Self.objective).loss
        page.record("step1_loss", after)
        page.say(after < e.loss
                 ? "With the new weights the cost is $\(fmt(after))$, down from $\(fmt(e.loss))$: the first step went downhill. The loop below repeats exactly this \(iterations) times."
                 : "With the new weights the cost is $\(fmt(after))$, not below $\(fmt(e.loss))$: at $\\eta = \(fmt(eta))$ the first step overshot. The loop below repeats exactly this \(iterations) times.",
                 zh: after < e.loss
                 ? "用新的权重，代价从 $\(fmt(e.loss))$ 降到 $\(fmt(after))$：第一步确实在下山。下面的循环就是把这一步重复 \(iterations) 次。"
                 : "用新的权重，代价是 $\(fmt(after))$，并不低于 $\(fmt(e.loss))$：$\\eta = \(fmt(eta))$ 时第一步迈过了头。下面的循环就是把这一步重复 \(iterations) 次。")
    }
}
