import LonghandEngine
import Notebook

/// The three optimizers on a small network, and `002`'s default configuration assembled and trained.
extension OptimizersLesson {
    /// Seeded spiral data: 30 training and 30 test points per class, three classes.
    func spiralData() -> (train: (x: Matrix, labels: [Int]), test: (x: Matrix, labels: [Int])) {
        var r1 = SeededRandom(seed: UInt64(seed))
        var r2 = SeededRandom(seed: UInt64(seed) &+ 1)
        return (ToyData.spiral(perClass: 30, using: &r1), ToyData.spiral(perClass: 30, using: &r2))
    }

    /// The small network of the optimizer comparison: 2-16-3, tanh, Xavier weights from the seed.
    func smallNetwork() -> Network {
        var random = SeededRandom(seed: UInt64(seed) &+ 2)
        return Network(sizes: [2, 16, 3], hidden: .tanh, output: .identity, initializer: .lecun, using: &random)
    }

    func writeNetwork(_ page: inout Page) {
        let data = spiralData(), net = smallNetwork(), eta = networkRate.value
        let objective = Network.Objective.softmaxCrossEntropy(labels: data.train.labels)
        page.section("The same three on a network", zh: "在网络上比较这三种方法")
        page.say("""
            A bowl has one valley; a network's loss has many directions of very different steepness at once. Take \
            \(data.train.x.rows) points of three interleaved spiral arms (seed \(seed)), one class per arm, and a 2-16-3 \
            network with tanh hidden units, LeCun weights ($N(0, 1/m)$) and softmax with cross-entropy. Each optimizer trains the same \
            starting network for \(epochs) full-batch steps: gradient descent and momentum ($\\beta = \(Craft.tex(momentum.value))$) \
            with $\\eta = \(Craft.tex(eta))$, Adam with $\\eta = \(Craft.tex(networkAdamRate.value))$ and the same $\\beta_1$, $\\beta_2$, $\\varepsilon$ as above.
            """, zh: """
            碗只有一条山谷；而网络的损失函数同时有许多陡缓悬殊的方向。取三条交错的螺旋臂上的 \(data.train.x.rows) 个点\
            （种子 \(seed)），每条臂一类；网络为 2-16-3，隐藏层用 tanh，LeCun 初始化（$N(0, 1/m)$），输出接 softmax 与交叉熵。\
            三种优化器从同一个初始网络出发，各做 \(epochs) 步全批量训练：梯度下降和动量法（$\\beta = \(Craft.tex(momentum.value))$）\
            用 $\\eta = \(Craft.tex(eta))$，Adam 用 $\\eta = \(Craft.tex(networkAdamRate.value))$，$\\beta_1$、$\\beta_2$、$\\varepsilon$ 同上。
            """)
        let runs: [(Localized, Network.Training)] = [
            (Localized("gradient descent", zh: "梯度下降"), net.trained(on: data.train.x, objective, optimizer: GradientDescentOptimizer(learningRate: eta), iterations: epochs)),
            (Localized("momentum", zh: "动量法"), net.trained(on: data.train.x, objective, optimizer: MomentumOptimizer(learningRate: eta, momentum: momentum.value), iterations: epochs)),
            (Localized("Adam", zh: "Adam"), net.trained(on: data.train.x, objective,
                                                       optimizer: AdamOptimizer(learningRate: networkAdamRate.value, beta1: beta1.value, beta2: beta2.value, epsilon: epsilon.value),
                                                       iterations: epochs)),
        ]
        let keys = ["sgd", "momentum", "adam"]
        var rows: [[Table.Cell]] = []
        for (k, (name, run)) in runs.enumerated() {
            let trainAccuracy = Accuracy.of(outputs: run.network.predict(data.train.x), labels: data.train.labels)
            let testAccuracy = Accuracy.of(outputs: run.network.predict(data.test.x), labels: data.test.labels)
            rows.append([.text(name), .number(run.losses.first ?? 0, digits: 4), .number(run.losses.last ?? 0, digits: 4),
                         .number(trainAccuracy, digits: 3), .number(testAccuracy, digits: 3)])
            page.record("network_losses_\(keys[k])", run.losses)
            page.record("network_final_loss_\(keys[k])", run.losses.last ?? 0)
            page.record("network_test_accuracy_\(keys[k])", testAccuracy)
            if let d = run.divergedAt {
                page.warning("\(name.en) diverged on the network at step \(d): the loss stopped being finite or passed 10^12, and training was stopped. Try a smaller learning rate.",
                             zh: "\(name.zh)在网络上第 \(d) 步发散：损失不再有限或超过 10^12，训练已停止。请试试更小的学习率。")
            }
        }
        page.table([Localized("optimizer", zh: "优化器"), Localized("loss at the start", zh: "初始损失"), Localized("loss after training", zh: "训练后的损失"),
                    Localized("training accuracy", zh: "训练集准确率"), Localized("test accuracy", zh: "测试集准确率")], rows)
        page.figure("network", title: Localized("Training loss of the 2-16-3 network under each optimizer", zh: "2-16-3 网络在三种优化器下的训练损失"),
                    description: Localized("Cross-entropy on the \(data.train.x.rows) training points after each full-batch step, for gradient descent, momentum and Adam, all starting from the same weights.",
                                           zh: "从同一组初始权重出发，梯度下降、动量法和 Adam 每做一步全批量训练后，\(data.train.x.rows) 个训练点上的交叉熵。"),
                    LinePlot(xLabel: Localized("step", zh: "步数"), yLabel: Localized("loss", zh: "损失"),
                             series: runs.enumerated().map { k, r in .init(r.0, r.1.losses.enumerated().map { .init(Double($0.offset), $0.element) }, color: [1, 0, 2][k]) },
                             xRange: 0...Double(epochs), yRange: 0...Self.headroom(runs.flatMap(\.1.losses))))
        let finals = runs.map { $0.1.losses.last ?? 0 }
        if let best = finals.indices.min(by: { finals[$0] < finals[$1] }), let worst = finals.indices.max(by: { finals[$0] < finals[$1] }) {
            let gdSlowest = worst == 0 && finals[0] > finals[1] && finals[0] > finals[2]
            page.say("""
                After \(epochs) steps \(runs[best].0.en) has the lowest loss (\(Craft.f(finals[best]))) and \(runs[worst].0.en) the highest \
                (\(Craft.f(finals[worst]))). On a network the comparison depends on the learning rates chosen. \
                \(gdSlowest ? "Here the bowl's lesson carries over: momentum and Adam have gone further than plain gradient descent in the same number of steps." : "Here the bowl's ordering does not carry over: plain gradient descent is not the slowest with these learning rates and this many steps.")
                """, zh: """
                \(epochs) 步之后，\(runs[best].0.zh)的损失最低（\(Craft.f(finals[best]))），\(runs[worst].0.zh)最高（\(Craft.f(finals[worst]))）。\
                在网络上，比较结果与所选的学习率有关。\
                \(gdSlowest ? "这里碗上学到的规律依然成立：同样的步数，动量法和 Adam 都比普通梯度下降走得更远。" : "这里碗上的先后顺序没有延续下来：在这组学习率和步数下，普通梯度下降并不是最慢的。")
                """)
            page.record("network_gd_slowest", gdSlowest ? 1 : 0)
        }
    }

    /// A y-axis top with room above the curves for the legend.
    static func headroom(_ values: [Double]) -> Double {
        let top = values.filter(\.isFinite).max() ?? 1
        return max(top, 1e-9) * 1.6
    }

    // MARK: The default configuration

    /// One row of the build-up from the plain network to `002`'s default configuration.
    struct Configuration {
        let name: Localized
        let he: Bool, batchNorm: Bool, dropout: Bool, adam: Bool
    }

    static let configurations: [Configuration] = [
        Configuration(name: Localized("plain: N(0, 1), sigmoid, gradient descent", zh: "普通：N(0, 1)、sigmoid、梯度下降"), he: false, batchNorm: false, dropout: false, adam: false),
        Configuration(name: Localized("He + ELU", zh: "He + ELU"), he: true, batchNorm: false, dropout: false, adam: false),
        Configuration(name: Localized("He + ELU + batch norm", zh: "He + ELU + 批量归一化"), he: true, batchNorm: true, dropout: false, adam: false),
        Configuration(name: Localized("He + ELU + batch norm + dropout", zh: "He + ELU + 批量归一化 + Dropout"), he: true, batchNorm: true, dropout: true, adam: false),
        Configuration(name: Localized("He + ELU + batch norm + dropout + Adam: the default", zh: "He + ELU + 批量归一化 + Dropout + Adam：默认最优配置"), he: true, batchNorm: true, dropout: true, adam: true),
    ]

    /// The keep probability of dropout in the default configuration.
    static let keep = 0.9
    /// Hidden layer sizes of the configuration comparison.
    static let hiddenSizes = [16, 16]

    /// The stack for a configuration: the same normal draws from the seed for every configuration,
    /// scaled by N(0, 1) or He.
    func stack(_ c: Configuration) -> LayerStack {
        var random = SeededRandom(seed: UInt64(seed) &+ 3)
        let sizes = [2] + Self.hiddenSizes + [3]
        var pieces: [LayerStack.Piece] = []
        for l in 1..<sizes.count {
            let initializer: Initializer = c.he ? .he : .normal(standardDeviation: 1)
            let w = initializer.weights(inputs: sizes[l - 1], outputs: sizes[l], using: &random)
            let last = l == sizes.count - 1
            let hidden: Activation = c.he ? .elu(alpha: 1) : .sigmoid
            if last || !c.batchNorm {
                pieces.append(.dense(Dense(weights: w, bias: Matrix(rows: 1, columns: sizes[l]), activation: last ? .identity : hidden)))
            } else {
                pieces.append(.dense(Dense(weights: w, bias: Matrix(rows: 1, columns: sizes[l]), activation: .identity)))
                pieces.append(.batchNorm(BatchNorm(features: sizes[l])))
                pieces.append(.activation(hidden))
            }
            if !last && c.dropout { pieces.append(.dropout(keep: Self.keep)) }
        }
        return LayerStack(pieces: pieces)
    }

    /// Trains one configuration; returns the run and its test loss and accuracy.
    func train(_ c: Configuration) -> (run: LayerStack.Training, trainAccuracy: Double, testAccuracy: Double, testLoss: Double) {
        let data = spiralData()
        let objective = Network.Objective.softmaxCrossEntropy(labels: data.train.labels)
        let testObjective = Network.Objective.softmaxCrossEntropy(labels: data.test.labels)
        var masks = SeededRandom(seed: UInt64(seed) &+ 4)
        let s = stack(c)
        let run: LayerStack.Training
        if c.adam {
            run = s.trained(on: data.train.x, objective, optimizer: AdamOptimizer(learningRate: networkAdamRate.value, beta1: beta1.value, beta2: beta2.value, epsilon: epsilon.value),
                            steps: epochs, using: &masks, watch: [(data.train.x, objective)])
        } else {
            run = s.trained(on: data.train.x, objective, optimizer: GradientDescentOptimizer(learningRate: networkRate.value),
                            steps: epochs, using: &masks, watch: [(data.train.x, objective)])
        }
        return (run, Accuracy.of(outputs: run.stack.predict(data.train.x), labels: data.train.labels),
                Accuracy.of(outputs: run.stack.predict(data.test.x), labels: data.test.labels), run.stack.loss(data.test.x, testObjective, mode: .prediction))
    }

    func writeDefaultConfiguration(_ page: inout Page) {
        page.section("002's default configuration, assembled", zh: "搭建 002 的默认最优配置")
        page.say("""
            `002` ends with a table: initialization **He**, activation **ELU**, normalization **batch normalization**, \
            regularization **dropout**, optimizer **Adam**. Every piece is now in the engine, so the configuration can be built \
            from parts: each hidden layer is a dense layer with He weights, then batch normalization, then ELU ($\\alpha = 1$), \
            then dropout keeping each unit with probability \(Craft.tex(Self.keep)); the output layer is dense, followed by softmax \
            and cross-entropy. The network is 2-\(Self.hiddenSizes.map(String.init).joined(separator: "-"))-3, on the same spiral \
            data. To see what each piece contributes, start from the configuration `002` argues against (weights from $N(0, 1)$, \
            sigmoid units, plain gradient descent with $\\eta = \(Craft.tex(networkRate.value))$) and add the pieces one at a time.
            """, zh: """
            `002` 最后给了一张表：初始化用 **He**，激活函数用 **ELU**，归一化用**批量归一化**，正则化用 **Dropout**，\
            优化器用 **Adam**。这些部件现在引擎里都有了，可以逐个拼装：每个隐藏层先是一个 He 初始化的全连接层，再接批量归一化、\
            ELU（$\\alpha = 1$），最后是以 \(Craft.tex(Self.keep)) 的概率保留每个单元的 Dropout；输出层是全连接层，后接 softmax 与交叉熵。\
            网络为 2-\(Self.hiddenSizes.map(String.init).joined(separator: "-"))-3，数据仍是上面的螺旋。为了看清每个部件的作用，\
            从 `002` 所反对的配置出发（权重取自 $N(0, 1)$、sigmoid 单元、普通梯度下降，$\\eta = \(Craft.tex(networkRate.value))$），\
            每次加入一个部件。
            """)
        page.convention("""
            Dropout here is **inverted**: during training a kept unit is divided by the keep probability \(Craft.tex(Self.keep)), \
            so at prediction time every unit is used unchanged. `002` describes the original form, which instead multiplies each \
            unit's output by the probability at prediction time; the expected outputs are the same. Batch normalization uses \
            batch statistics in training and running statistics (momentum 0.9) at prediction. All losses below are measured in \
            prediction mode, without dropout. Every configuration draws the same normal numbers from seed \(seed); only their scale differs.
            """, zh: """
            本课采用**倒置 Dropout**（inverted dropout）：训练时把保留下来的单元除以保留概率 \(Craft.tex(Self.keep))，\
            预测时所有单元原样使用。`002` 描述的是最初的做法，即预测时把每个单元的输出乘以这个概率；两者的期望输出相同。\
            批量归一化在训练时用本批统计量，预测时用滑动统计量（动量 0.9）。下面所有的损失都在预测模式下（不做 Dropout）测量。\
            各个配置从种子 \(seed) 取出同样的正态随机数，只是缩放不同。
            """)
        var rows: [[Table.Cell]] = []
        var curves: [LinePlot.Series] = []
        var finals: [Double] = [], tests: [Double] = [], testLosses: [Double] = []
        for (k, c) in Self.configurations.enumerated() {
            let r = train(c)
            let finalLoss = r.run.watched[0].last ?? 0
            finals.append(finalLoss)
            tests.append(r.testAccuracy)
            testLosses.append(r.testLoss)
            rows.append([.text(c.name), .number(r.run.watched[0].first ?? 0, digits: 4), .number(finalLoss, digits: 4),
                         .number(r.testLoss, digits: 4), .number(r.trainAccuracy, digits: 3), .number(r.testAccuracy, digits: 3)])
            curves.append(.init(c.name, r.run.watched[0].enumerated().map { .init(Double($0.offset), $0.element) },
                                style: k == 0 || k == Self.configurations.count - 1 ? .line : .dashed, color: [1, 4, 5, 3, 0][k]))
            if let d = r.run.divergedAt {
                page.warning("The configuration “\(c.name.en)” diverged at step \(d): its loss stopped being finite or passed 10^12, and training was stopped there.",
                             zh: "配置“\(c.name.zh)”在第 \(d) 步发散：损失不再有限或超过 10^12，训练在那里停止。")
            }
            if k == 0 { page.record("plain_losses", r.run.watched[0]) }
            if k == Self.configurations.count - 1 { page.record("default_losses", r.run.watched[0]) }
        }
        page.table([Localized("configuration", zh: "配置"), Localized("training loss at the start", zh: "初始训练损失"),
                    Localized("training loss after \(epochs) steps", zh: "\(epochs) 步后训练损失"), Localized("test loss", zh: "测试损失"),
                    Localized("training accuracy", zh: "训练集准确率"), Localized("test accuracy", zh: "测试集准确率")], rows)
        page.record("configuration_final_losses", finals)
        page.record("configuration_test_losses", testLosses)
        page.record("configuration_test_accuracies", tests)
        page.record("plain_final_loss", finals[0])
        page.record("default_final_loss", finals[finals.count - 1])
        page.figure("configurations", title: Localized("From the plain network to the default configuration", zh: "从普通网络到默认最优配置"),
                    description: Localized("Training loss (prediction mode) after each step for the five configurations, from the plain sigmoid network with N(0, 1) weights and gradient descent to He + ELU + batch normalization + dropout + Adam.",
                                           zh: "五种配置每一步之后的训练损失（预测模式）：从 N(0, 1) 权重、sigmoid、梯度下降的普通网络，到 He + ELU + 批量归一化 + Dropout + Adam。"),
                    LinePlot(xLabel: Localized("step", zh: "步数"), yLabel: Localized("training loss", zh: "训练损失"), series: curves,
                             xRange: 0...Double(epochs), yRange: 0...Self.headroom(curves.flatMap { $0.points.map(\.y) }), width: 620, height: 380))
        let plain = finals[0], full = finals[finals.count - 1]
        let pieces = [Localized("He initialization and ELU", zh: "He 初始化与 ELU"), Localized("batch normalization", zh: "批量归一化"),
                      Localized("dropout", zh: "Dropout"), Localized("Adam", zh: "Adam")]
        var en: [String] = [], zh: [String] = []
        for k in 1..<finals.count {
            let verbEn = finals[k] < finals[k - 1] ? "lowers" : "raises", verbZh = finals[k] < finals[k - 1] ? "降到" : "升到"
            en.append("- adding \(pieces[k - 1].en) \(verbEn) the training loss from \(Craft.f(finals[k - 1])) to \(Craft.f(finals[k])) (test loss \(Craft.f(testLosses[k - 1])) → \(Craft.f(testLosses[k])))")
            zh.append("- 加入“\(pieces[k - 1].zh)”，训练损失从 \(Craft.f(finals[k - 1])) \(verbZh) \(Craft.f(finals[k]))（测试损失 \(Craft.f(testLosses[k - 1])) → \(Craft.f(testLosses[k]))）")
        }
        page.aside("""
            `002` says dropout “can steadily improve a network's ability by 2%”. That number comes from large networks that \
            overfit their training data. Here, with \(spiralData().train.x.rows) training points and a small network, adding dropout \
            moved the test accuracy from \(Craft.f(tests[2], 3)) to \(Craft.f(tests[3], 3)) and the test loss from \
            \(Craft.f(testLosses[2])) to \(Craft.f(testLosses[3])): what dropout buys depends on how much overfitting there is to remove.
            """, zh: """
            `002` 说 Dropout “竟然可以稳定地为神经网络的能力提升 2%”。这个数字来自会过拟合训练数据的大型网络。\
            在这里，只有 \(spiralData().train.x.rows) 个训练点、网络也很小，加入 Dropout 后测试集准确率从 \(Craft.f(tests[2], 3)) \
            变为 \(Craft.f(tests[3], 3))，测试损失从 \(Craft.f(testLosses[2])) 变为 \(Craft.f(testLosses[3]))：Dropout 能带来多少好处，\
            取决于有多少过拟合需要它去消除。
            """)
        let drops = (1..<finals.count).map { finals[$0 - 1] / max(finals[$0], 1e-300) }
        let biggest = drops.indices.max { drops[$0] < drops[$1] } ?? 0
        page.say("""
            After \(epochs) steps on the same data, the plain network's training loss is \(Craft.f(plain)) and the default \
            configuration's is \(Craft.f(full)) (test accuracy \(Craft.f(tests[0], 3)) against \(Craft.f(tests[tests.count - 1], 3))). \
            Piece by piece:

            \(en.joined(separator: ";\n")).

            \(drops[biggest] > 1 ? "On this problem the largest single drop of the training loss comes from \(pieces[biggest].en)." : "On this problem no single piece lowers the training loss.") \
            \(finals[3] > finals[2] ? "Dropout raises the training loss: it trains a thinned, noisy network on purpose, and its aim is the test loss, not the training loss\(testLosses[3] > testLosses[2] ? "; here it does not lower the test loss either" : "; here it does lower the test loss"). " : "")\
            None of this is a law: on another problem the gains come in another order, which is why `002` calls the table a \
            default, a good place to start.
            """, zh: """
            在同样的数据上训练 \(epochs) 步后，普通网络的训练损失为 \(Craft.f(plain))，默认最优配置为 \(Craft.f(full))\
            （测试集准确率 \(Craft.f(tests[0], 3)) 对 \(Craft.f(tests[tests.count - 1], 3))）。逐个部件来看：

            \(zh.joined(separator: "；\n"))。

            \(drops[biggest] > 1 ? "在这个问题上，训练损失降得最多的一步是加入“\(pieces[biggest].zh)”。" : "在这个问题上，没有哪一个部件单独降低了训练损失。")\
            \(finals[3] > finals[2] ? "Dropout 会让训练损失升高：它有意训练一个被随机削减、带噪声的网络，目标是测试损失而不是训练损失\(testLosses[3] > testLosses[2] ? "；不过这里它连测试损失也没有降低" : "；这里它确实降低了测试损失")。" : "")\
            这些都不是定律：换一个问题，各部件的收益顺序就会不同，所以 `002` 称这张表为“默认”配置，也就是一个好的起点。
            """)
    }
}
