import LonghandEngine
import Notebook

/// Training, the prediction for the chosen point, the decision regions, and the exercises.
extension QuadrantNetLesson {
    func writeTraining(_ page: inout Page, _ start: Network) -> Network {
        let eta = learningRate.value
        page.section("Training: the iteration repeated", zh: "训练：不断重复这次迭代")
        page.say("""
            `002`'s last step: repeat forward pass, loss, backward pass and update, and the loss keeps shrinking. \
            Here: \(iterations) iterations of gradient descent with $\\eta = \(fmt(eta))$ on the four points. The table follows the \
            probability the network gives each point's true quadrant.
            """, zh: """
            `002` 的最后一步：前向传播、计算损失、反向传播、更新参数，如此反复，损失越来越小。\
            这里在四个点上做 \(iterations) 次梯度下降，$\\eta = \(fmt(eta))$。下表跟踪网络给每个点真实象限的概率。
            """)
        let checkpoints = Set([0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000].filter { $0 < iterations })
        var snapshots: [(Int, Double, Matrix)] = []
        let training = start.trained(on: Self.inputs, Self.objective, learningRate: eta, iterations: iterations) { step, e in
            if checkpoints.contains(step) { snapshots.append((step, e.loss, SoftmaxCrossEntropy.softmax(e.forward.output))) }
        }
        let net = training.network
        if let step = training.divergedAt {
            let jump = training.divergedLoss.map { $0.isFinite ? fmt($0) : "∞" } ?? "∞"
            page.warning("""
                Training diverged at iteration \(step): the loss jumped from \(fmt(training.losses[0])) at the start to \(jump), \
                past \(fmt(Divergence.lossLimit)), the limit beyond which a run counts as diverged. With $\\eta = \(fmt(eta))$ each step overshoots the minimum so far that \
                the next gradient is larger still, and the weights grow without bound. Training was stopped there; everything \
                below uses the network as it was just before that step. Try a smaller learning rate (the default is 0.1).
                """, zh: """
                训练在第 \(step) 次迭代时发散了：损失从开始时的 \(fmt(training.losses[0])) 跳到 \(jump)，超过了判定发散的界限 \(fmt(Divergence.lossLimit))。\
                $\\eta = \(fmt(eta))$ 时每一步都冲过了最低点，冲得太远，下一步的梯度反而更大，权重就这样无限增长下去。\
                训练在那里停止；下面的结果都用那一步之前的网络。请换一个小一些的学习率（默认是 0.1）。
                """)
            page.record("diverged_at", Double(step))
        }
        let finalP = SoftmaxCrossEntropy.softmax(net.predict(Self.inputs))
        snapshots.append((training.losses.count - 1, training.finalLoss, finalP))
        func correct(_ p: Matrix) -> Int { zip(SoftmaxCrossEntropy.argmax(p), Self.labels).filter { $0 == $1 }.count }
        let rows: [[Table.Cell]] = snapshots.map { step, loss, p in
            [.number(Double(step)), .number(loss, digits: 4)] + (0..<4).map { .number(p[$0, Self.labels[$0]], digits: 4) } + [.number(Double(correct(p)))]
        }
        page.table([Localized("iteration", zh: "迭代次数"), Localized("loss $L$", zh: "损失 $L$"),
                    Localized("$p(\\text{I} \\mid (1,1))$", zh: "$p(\\text{I} \\mid (1,1))$"), Localized("$p(\\text{II} \\mid (-1,1))$", zh: "$p(\\text{II} \\mid (-1,1))$"),
                    Localized("$p(\\text{III} \\mid (-1,-1))$", zh: "$p(\\text{III} \\mid (-1,-1))$"), Localized("$p(\\text{IV} \\mid (1,-1))$", zh: "$p(\\text{IV} \\mid (1,-1))$"),
                    Localized("correct", zh: "答对")], rows)
        let done = training.divergedAt ?? iterations
        page.say("After \(done) iterations the loss is \(fmt(training.finalLoss)) and \(correct(finalP)) of the 4 points are classified correctly.",
                 zh: "\(done) 次迭代之后，损失为 \(fmt(training.finalLoss))，4 个点中有 \(correct(finalP)) 个分对。")
        page.record("final_loss", training.finalLoss)
        page.record("accuracy", Double(correct(finalP)) / 4)
        page.record("training_probabilities", finalP.nested)
        for (l, layer) in net.layers.enumerated() {
            page.record("W\(l + 1)", layer.weights.nested)
            page.record("b\(l + 1)", layer.bias.values)
        }
        let stride = max(1, iterations / 400)
        let curve = training.losses.enumerated().filter { $0.offset % stride == 0 || $0.offset == training.losses.count - 1 }.map { LinePlot.Point(Double($0.offset), $0.element) }
        page.figure("loss", title: Localized("The cross-entropy loss during training (log scale)", zh: "训练过程中的交叉熵损失（对数坐标）"),
                    description: Localized("Mean cross-entropy of the four points against the iteration, on a logarithmic axis, from \(fmt(training.losses[0])) to \(fmt(training.finalLoss)).",
                                           zh: "四个点的平均交叉熵随迭代次数的变化（纵轴为对数坐标），从 \(fmt(training.losses[0])) 降到 \(fmt(training.finalLoss))。"),
                    Self.lossPlot(curve, training))
        return net
    }

    /// The loss curve; a diverged run also shows the loss that gave it away, marked.
    static func lossPlot(_ curve: [LinePlot.Point], _ training: Network.Training) -> LinePlot {
        var points = curve
        var markers: [Marker] = []
        if let step = training.divergedAt, let loss = training.divergedLoss, loss.isFinite {
            points.append(LinePlot.Point(Double(step), loss))
            markers.append(.init(x: Double(step), y: loss, label: Localized("diverged: \(fmt(loss))", zh: "发散：\(fmt(loss))")))
        }
        return LinePlot(xLabel: Localized("iteration", zh: "迭代次数"), yLabel: Localized("loss L", zh: "损失 L"),
                        series: [.init(Localized("", zh: ""), points, color: 0)], markers: markers,
                        xRange: training.divergedAt.map { 0...Double(max($0, 1)) }, logY: true)
    }

    /// The forward pass of one point with every step, ending in its four probabilities.
    func classify(_ page: inout Page, _ net: Network, _ q: [Double]) -> SoftmaxCrossEntropy {
        let f = net.forward(Matrix(row: q))
        let n = net.layers.count
        for (l, pass) in f.layers.enumerated() where l < n - 1 {
            let i = l + 1
            page.fittedStep(Self.shaped(n == 2 ? "z" : "z_{\(i)}", n == 2 ? "z" : "z\(i)", pass.z), [.sum([.product([Self.show(pass.input), Self.show(net.layers[l].weights)]), Self.show(net.layers[l].bias)]), Self.show(pass.z)])
            page.fittedStep(Self.shaped(n == 2 ? "h" : "h_{\(i)}", n == 2 ? "h" : "h\(i)", pass.output), [MatrixExpr.apply(activation.symbol, Self.show(pass.z)), Self.show(pass.output)])
        }
        let top = f.layers[n - 1]
        page.fittedStep(Self.shaped("y", "y", top.z), [.sum([.product([Self.show(top.input), Self.show(net.layers[n - 1].weights)]), MatrixExpr.m(net.layers[n - 1].bias)]), MatrixExpr.m(top.z)])
        let s = SoftmaxCrossEntropy(logits: top.z, labels: [0])
        writeSoftmax(&page, s, row: 0, name: "y")
        return s
    }

    func writePrediction(_ page: inout Page, _ net: Network) {
        let q = point.values
        page.section("Which quadrant is (\(fmt(q[0])), \(fmt(q[1])))?", zh: "(\(fmt(q[0])), \(fmt(q[1]))) 属于哪个象限？")
        page.say("Using the network is the forward pass alone, for one point: a $1 \\times 2$ row in, four probabilities out.",
                 zh: "使用网络只需要前向传播，一次一个点：输入 $1 \\times 2$ 的一行，输出四个概率。")
        let s = classify(&page, net, q)
        let p = s.probabilities.row(0)
        let k = s.predictions[0]
        page.table([Localized("quadrant", zh: "象限"), Localized("score $y$", zh: "得分 $y$"), Localized("probability", zh: "概率")],
                   (0..<4).map { [.text(Localized(same: Self.numerals[$0])), .number(s.logits[0, $0], digits: 5), .number(p[$0], digits: 6)] })
        page.say("The largest probability is quadrant **\(Self.numerals[k])**, with $p = \(NumberFormat.short(p[k], significant: 6))$.",
                 zh: "概率最大的是第 **\(Self.numerals[k])** 象限，$p = \(NumberFormat.short(p[k], significant: 6))$。")
        page.record("point_scores", s.logits.row(0))
        page.record("probabilities", p)
        page.record("predicted_class", Double(k + 1))
        page.record("predicted_quadrant", .string(Self.numerals[k]))
        page.record("predicted_probability", p[k])

        // Decision regions over a square that shows the training points and the new point.
        let r = -Self.span(max(abs(q[0]), abs(q[1])))
        let square = -r...r
        let resolution = 60
        let centres = Heatmap.centres(x: square, y: square, resolution: resolution)
        let probs = SoftmaxCrossEntropy.softmax(net.predict(Matrix(centres.map { [$0.0, $0.1] })))
        let classes = SoftmaxCrossEntropy.argmax(probs)
        let values = (0..<resolution).map { i in (0..<resolution).map { j in Double(classes[i * resolution + j]) } }
        let confidence = (0..<resolution).map { i in (0..<resolution).map { j in ((probs.row(i * resolution + j).max() ?? 0.25) - 0.25) / 0.75 } }
        let truth = centres.map { c -> Int in c.0 >= 0 ? (c.1 >= 0 ? 0 : 3) : (c.1 >= 0 ? 1 : 2) }
        let agree = Double(zip(classes, truth).filter { $0 == $1 }.count) / Double(classes.count)
        var markers = (0..<4).map { Marker(x: Self.inputs[$0, 0], y: Self.inputs[$0, 1], label: Localized(same: Self.numerals[$0]), color: $0) }
        markers.append(.init(x: q[0], y: q[1], label: Localized(same: "(\(fmt(q[0])), \(fmt(q[1])))")))
        page.figure("regions", title: Localized("Decision regions of the trained network", zh: "训练好的网络的决策区域"),
                    description: Localized("Every point of the square from -\(fmt(r)) to \(fmt(r)) coloured by the quadrant the network picks (paler where its largest probability is lower), with the four training points I to IV and the new point circled.",
                                           zh: "从 -\(fmt(r)) 到 \(fmt(r)) 的正方形内每个点按网络选出的象限着色（最大概率越低颜色越浅），标出了四个训练点 I 到 IV，并圈出新点。"),
                    Heatmap(xRange: square, yRange: square,
                            panels: [.init(title: Localized("predicted quadrant", zh: "预测的象限"), values: values, coloring: .classes(confidence: confidence), markers: markers)],
                            columns: 1, panelSize: 360, classNames: Self.numerals.map { Localized("quadrant \($0)", zh: "第 \($0) 象限") }))
        page.say("""
            On this square the network's regions agree with the true quadrants at \(NumberFormat.short(agree * 100, significant: 3))% of the \
            \(resolution * resolution) grid points. It learned from four points only, so nothing forces its boundaries onto the axes: \
            they are wherever the training left them, and the colours grow paler where two quadrants compete.
            """, zh: """
            在这个正方形上，\(resolution * resolution) 个网格点中有 \(NumberFormat.short(agree * 100, significant: 3))% 的点，网络给出的区域与真实象限一致。\
            它只从四个点学习，没有什么迫使分界线恰好落在坐标轴上：训练停在哪里，分界线就在哪里；两个象限相争的地方颜色会变浅。
            """)
        page.record("region_agreement", agree)
    }

    func writeExercises(_ page: inout Page, _ net: Network) {
        page.exercise("Classify $(-3, 0.5)$ with the trained network: its four scores, the softmax step by step, and the answer.",
                      zh: "用训练好的网络给 $(-3, 0.5)$ 分类：写出四个得分、逐步的 softmax 和结论。") { s in
            let r = self.classify(&s, net, [-3, 0.5])
            let k = r.predictions[0]
            s.say("Quadrant \(Self.numerals[k]), with probability \(NumberFormat.short(r.probabilities[0, k], significant: 6)).",
                  zh: "第 \(Self.numerals[k]) 象限，概率为 \(NumberFormat.short(r.probabilities[0, k], significant: 6))。")
            s.record("probabilities", r.probabilities.row(0))
            s.record("predicted_class", Double(k + 1))
        }
        page.exercise("Classify $(0, 2)$, a point on the border between quadrants I and II. How does the network split its belief?",
                      zh: "给 $(0, 2)$ 分类，它正好在第 I、II 象限的交界上。网络的把握是怎么分配的？") { s in
            let r = self.classify(&s, net, [0, 2])
            let p = r.probabilities.row(0)
            let order = (0..<4).sorted { p[$0] > p[$1] }
            s.say("""
                The two largest probabilities go to quadrants \(Self.numerals[order[0]]) (\(NumberFormat.short(p[order[0]], significant: 4))) \
                and \(Self.numerals[order[1]]) (\(NumberFormat.short(p[order[1]], significant: 4))). No training point lies on the axis, \
                so the answer here is decided by where training happened to leave the boundary, not by the data.
                """, zh: """
                概率最大的两个是第 \(Self.numerals[order[0]]) 象限（\(NumberFormat.short(p[order[0]], significant: 4))）\
                和第 \(Self.numerals[order[1]]) 象限（\(NumberFormat.short(p[order[1]], significant: 4))）。坐标轴上没有任何训练点，\
                所以这里的答案取决于训练碰巧把分界线留在了哪里，而不是数据本身。
                """)
            s.record("probabilities", p)
        }
        page.exercise("`002` imagines an output $Y = (3, 1, 0.1, 0.5)$ for a point of quadrant I. Compute the softmax, the cross-entropy, and its gradient $p - \\text{onehot}$ with respect to the four scores, and check the gradient by central differences.",
                      zh: "`002` 设想某个第 I 象限的点得到输出 $Y = (3, 1, 0.1, 0.5)$。求 softmax、交叉熵以及它对四个得分的梯度 $p - \\text{独热}$，并用中心差分核对梯度。") { s in
            let y: [Double] = [3, 1, 0.1, 0.5]
            let r = SoftmaxCrossEntropy(logits: Matrix(row: y), labels: [0])
            self.writeSoftmax(&s, r, row: 0, name: "y")
            s.step("loss", .sym("L"), [.negation(.call(tex: "\\ln", text: "ln", [.n(r.probabilities[0, 0])]))], value: r.loss)
            s.fittedStep(.symbol(tex: "\\frac{\\partial L}{\\partial y}", text: "dL/dy"), [.difference(MatrixExpr.m(r.probabilities), MatrixExpr.m(r.oneHot)), MatrixExpr.m(r.gradient)])
            let entries = GradientCheck.compare(analytic: r.gradient.values, at: y) { SoftmaxCrossEntropy(logits: Matrix(row: $0), labels: [0]).loss }
            s.table([Localized("score", zh: "得分"), Localized("$p - \\text{onehot}$", zh: "$p - \\text{独热}$"),
                     Localized("central difference", zh: "中心差分"), Localized("relative error", zh: "相对误差")],
                    entries.enumerated().map { [.math(.symbol(tex: "y_{\($0.offset + 1)}", text: "y\($0.offset + 1)")), .number($0.element.analytic), .number($0.element.numeric), .number($0.element.relativeError, digits: 2)] })
            let worst = entries.map(\.relativeError).max() ?? 0
            s.say("The text's 90%, 5%, 2%, 3% is only an illustration: the true probabilities are \(MatrixExpr.list(r.probabilities.row(0), digits: 4)).",
                  zh: "原文的 90%、5%、2%、3% 只是举例：真实的概率是 \(MatrixExpr.list(r.probabilities.row(0), digits: 4))。")
            s.record("probabilities", r.probabilities.row(0))
            s.record("gradient", r.gradient.row(0))
            s.record("max_relative_error", worst)
        }
    }
}
