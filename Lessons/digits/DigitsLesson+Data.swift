import LonghandEngine
import Notebook

/// The story, the data set and its split, the two networks, the credits.
extension DigitsLesson {
    static func percent(_ x: Double) -> String { NumberFormat.fixed(x * 100, decimals: 2) + "%" }

    func writeData(_ page: inout Page, _ setup: DigitsSetup) {
        page.say("""
            Every lesson so far worked on a handful of numbers chosen so that each sum could be followed by hand. This last \
            one uses real data: 1797 small images of handwritten digits, 8 × 8 pixels each. We train two networks on them, \
            the multilayer perceptron (MLP) of the earlier lessons and a small convolutional network (CNN), with the same \
            minibatch gradient descent; test both on digits they have never seen; look at where they go wrong; and follow \
            one digit through the MLP, number by number.
            """, zh: """
            前面各课用的都是特意挑选的几个数，每一步求和都能手算跟上。最后这一课换成真实数据：1797 张手写数字的小图片，\
            每张 8 × 8 像素。我们用同样的小批量梯度下降训练两个网络——前几课的多层感知机（MLP）和一个小卷积网络（CNN）；\
            在它们从没见过的数字上检验；看看它们错在哪里；最后把一个数字送进 MLP，逐个数值地跟着它走完。
            """)
        page.section("The data", zh: "数据")
        page.say("""
            The digits come from the *Optical Recognition of Handwritten Digits* data set of E. Alpaydin and C. Kaynak \
            (Boğaziçi University, 1998), published in the UCI Machine Learning Repository under the Creative Commons \
            Attribution 4.0 licence (CC BY 4.0). We use the 1797-image version that scikit-learn ships as `load_digits` \
            (BSD-3-Clause licence), which is the part of the data written by 13 people. Each digit was scanned as a \
            32 × 32 black-and-white bitmap, cut into 4 × 4 blocks, and every block replaced by its count of black pixels. \
            So an image is 64 whole numbers from 0 (paper) to 16 (all ink), read row by row.
            """, zh: """
            这些数字来自 E. Alpaydin 和 C. Kaynak（土耳其海峡大学，1998）的 *Optical Recognition of Handwritten Digits* \
            数据集，发布在 UCI 机器学习数据库，采用知识共享署名 4.0 许可（CC BY 4.0）。我们用的是 scikit-learn 以 \
            `load_digits` 提供的 1797 张版本（BSD-3-Clause 许可），它是其中由 13 个人书写的那一部分。每个数字先扫描成 \
            32 × 32 的黑白位图，再切成 4 × 4 的小块，每块换成其中黑色像素的个数。于是一张图就是 64 个 0（白纸）到 \
            16（全是墨迹）之间的整数，按行依次排列。
            """)
        var galleryItems: [DigitGallery.Item] = []
        for d in 0..<10 {
            for i in setup.train.filter({ setup.label($0) == d }).prefix(2) {
                galleryItems.append(.init(pixels: setup.pixels(i), caption: Localized(same: "\(d)")))
            }
        }
        page.figure("samples", title: Localized("Two training digits of each kind", zh: "每种数字各取两张训练图片"),
                    description: Localized("The first two digits of each class 0 to 9 in the training set, drawn as 8 × 8 grey squares (white 0, black 16).",
                                           zh: "训练集中 0 到 9 每一类的前两张图片，画成 8 × 8 的灰度方格（0 为白，16 为黑）。"),
                    DigitGallery(items: galleryItems, perRow: 10, pixelSize: 5))
        page.convention("""
            The network's input $x$ is an image's 64 pixel counts divided by 16, so every $x_i$ lies between 0 and 1. \
            Labels are the digits 0 to 9; the loss is the mean cross-entropy $-\\ln p_{\\text{label}}$ over a batch, \
            with natural logarithms; $\\operatorname{ReLU}'(0) = 0$.
            """, zh: """
            网络的输入 $x$ 是一张图的 64 个像素计数除以 16，所以每个 $x_i$ 都在 0 到 1 之间。标签就是数字 0 到 9；\
            损失取一批样本交叉熵 $-\\ln p_{\\text{标签}}$ 的平均，对数为自然对数；约定 $\\operatorname{ReLU}'(0) = 0$。
            """)

        page.subsection("Training digits and test digits", zh: "训练集与测试集")
        let limited = setup.train.count < setup.splitTrainCount
        page.say("""
            A network that has seen a digit can simply remember it, so its accuracy on the digits it trained on says little. \
            We therefore shuffle the 1797 digits in an order fixed by the seed (\(setup.seed)) and hold out the last \
            \(setup.test.count) as the **test set**: no network ever trains on them, we only measure on them. The other \
            \(setup.splitTrainCount) form the **training set**\(limited ? "; with `--training-samples` only its first \(setup.train.count) are used" : "").
            """, zh: """
            网络见过的数字它完全可以背下来，所以它在训练数字上的准确率说明不了多少。因此我们按种子（\(setup.seed)）确定的顺序\
            把 1797 个数字打乱，留出最后 \(setup.test.count) 个作为**测试集**：任何网络都不在上面训练，只在上面测量。\
            其余 \(setup.splitTrainCount) 个构成**训练集**\(limited ? "；由于设置了 `--training-samples`，只用其中前 \(setup.train.count) 个" : "")。
            """)
        let all = (0..<10).map { d in setup.digits.labels.filter { $0 == d }.count }
        let trainCounts = (0..<10).map { d in setup.train.filter { setup.label($0) == d }.count }
        let testCounts = (0..<10).map { d in setup.test.filter { setup.label($0) == d }.count }
        page.table([Localized("digit", zh: "数字"), Localized("all", zh: "全部"), Localized("training", zh: "训练"), Localized("test", zh: "测试")],
                   (0..<10).map { d in [.text(Localized(same: "\(d)")), .number(Double(all[d])), .number(Double(trainCounts[d])), .number(Double(testCounts[d]))] }
                   + [[.text(Localized("total", zh: "合计")), .number(1797), .number(Double(setup.train.count)), .number(Double(setup.test.count))]])
        page.say("""
            The ten digits are about equally common, so guessing would be right one time in ten. The split is random, so the \
            same 13 writers appear on both sides; on digits from new writers the accuracy would be somewhat lower.
            """, zh: """
            十个数字出现的次数差不多，所以瞎猜只有十分之一的把握。划分是随机的，同样那 13 个人的字两边都有；\
            换成新的书写者，准确率会低一些。
            """)
        page.record("train_count", Double(setup.train.count))
        page.record("test_count", Double(setup.test.count))
        page.record("test_class_counts", testCounts.map(Double.init))
    }

    /// The parameter count of a dense layer: inputs × outputs weights plus one bias per output.
    static func parameterCount(_ layer: Dense) -> Int { layer.weights.values.count + layer.bias.values.count }

    func writeNetworks(_ page: inout Page, _ setup: DigitsSetup) {
        page.section("Two networks", zh: "两个网络")
        let h = setup.mlp.sizes[1], f = setup.conv.outChannels
        let mlpParameters = setup.mlp.layers.map(Self.parameterCount).reduce(0, +)
        let convParameters = setup.conv.weights.count + setup.conv.bias.count
        let cnnParameters = convParameters + Self.parameterCount(setup.dense)
        page.say("""
            The **MLP** is the network of the earlier lessons at a larger size: the 64 inputs, a hidden layer of \(h) ReLU \
            units, and 10 outputs, one per digit, turned into probabilities by softmax. Every hidden unit looks at every \
            pixel, so it knows nothing about which pixels are neighbours.
            """, zh: """
            **MLP** 就是前几课的网络，只是更大：64 个输入，一个有 \(h) 个 ReLU 单元的隐藏层，再到 10 个输出（每个数字一个），\
            由 softmax 变成概率。每个隐藏单元都连着全部像素，因此它并不知道哪些像素彼此相邻。
            """)
        page.say("""
            The **CNN** builds the neighbourhoods in, as in the convolution lesson: \(f) filters of 3 × 3 weights slide over \
            the image (one ring of zero padding keeps it 8 × 8), ReLU, then 2 × 2 max pooling halves each side, and the \
            \(f) × 4 × 4 = \(f * 16) pooled values feed one dense layer to the 10 outputs and softmax. A filter uses the same \
            9 weights at every position, so it has far fewer parameters to learn.
            """, zh: """
            **CNN** 则把“邻域”直接做进结构里，和卷积那一课一样：\(f) 个 3 × 3 的卷积核在图上滑动（外面补一圈 0，\
            输出仍是 8 × 8），接 ReLU，再用 2 × 2 最大池化把边长减半；得到的 \(f) × 4 × 4 = \(f * 16) 个池化值送进一个全连接层，\
            输出 10 个数，再做 softmax。一个卷积核在每个位置都用同样的 9 个权重，所以要学的参数少得多。
            """)
        func row(_ en: String, _ zh: String, _ shape: String, _ count: Int) -> [Table.Cell] {
            [.text(Localized(en, zh: zh)), .text(Localized(same: shape)), .number(Double(count))]
        }
        page.table([Localized("layer", zh: "层"), Localized("output", zh: "输出"), Localized("parameters", zh: "参数")], [
            row("MLP input", "MLP 输入", "64", 0),
            row("dense + ReLU", "全连接 + ReLU", "\(h)", Self.parameterCount(setup.mlp.layers[0])),
            row("dense + softmax", "全连接 + softmax", "10", Self.parameterCount(setup.mlp.layers[1])),
            row("MLP total", "MLP 合计", "", mlpParameters),
            row("CNN input", "CNN 输入", "1 × 8 × 8", 0),
            row("\(f) filters 3 × 3, padding 1 + ReLU", "\(f) 个 3 × 3 卷积核，补零 1 圈 + ReLU", "\(f) × 8 × 8", convParameters),
            row("max pooling 2 × 2", "2 × 2 最大池化", "\(f) × 4 × 4", 0),
            row("dense + softmax", "全连接 + softmax", "10", Self.parameterCount(setup.dense)),
            row("CNN total", "CNN 合计", "", cnnParameters),
        ])
        page.record("mlp_parameters", Double(mlpParameters))
        page.record("cnn_parameters", Double(cnnParameters))
        page.convention("""
            Row vectors as before: $z = xW_1 + b_1$, $h = \\operatorname{ReLU}(z)$, $y = hW_2 + b_2$, $p = \\operatorname{softmax}(y)$, \
            with $W_1$ of shape \(64) × \(h) and $W_2$ of shape \(h) × 10. \"Convolution\" is cross-correlation (no kernel flip). \
            All weights start He-initialized, $N(0, 2/m)$ with $m$ inputs per unit (64 and \(h) for the MLP, 9 for a 3 × 3 \
            kernel, \(f * 16) for the CNN's dense layer), drawn from seed \(setup.seed) in that order; all biases start at 0.
            """, zh: """
            与前面一样用行向量：$z = xW_1 + b_1$，$h = \\operatorname{ReLU}(z)$，$y = hW_2 + b_2$，$p = \\operatorname{softmax}(y)$，\
            其中 $W_1$ 的形状为 64 × \(h)，$W_2$ 为 \(h) × 10。“卷积”指互相关（卷积核不翻转）。所有权重都用 He 初始化，\
            即 $N(0, 2/m)$，$m$ 为每个单元的输入个数（MLP 为 64 和 \(h)，3 × 3 卷积核为 9，CNN 的全连接层为 \(f * 16)），\
            按这个顺序由种子 \(setup.seed) 生成；偏置一律从 0 开始。
            """)
    }

    func writeCredits(_ page: inout Page) {
        page.section("Credits", zh: "致谢")
        page.say("""
            Data: E. Alpaydin and C. Kaynak, *Optical Recognition of Handwritten Digits* [data set], UCI Machine Learning \
            Repository, 1998, DOI 10.24432/C50P49, licensed CC BY 4.0. The 1797-image 8 × 8 version is the copy \
            distributed with scikit-learn (`sklearn.datasets.load_digits`, BSD-3-Clause). It is embedded in this program \
            unchanged; the pixel values are divided by 16 only when they enter a network.
            """, zh: """
            数据：E. Alpaydin、C. Kaynak，*Optical Recognition of Handwritten Digits*［数据集］，UCI 机器学习数据库，1998，\
            DOI 10.24432/C50P49，采用 CC BY 4.0 许可。1797 张 8 × 8 的版本取自 scikit-learn 附带的副本\
            （`sklearn.datasets.load_digits`，BSD-3-Clause 许可）。本程序原样内嵌这份数据，只在送入网络时把像素值除以 16。
            """)
    }
}
