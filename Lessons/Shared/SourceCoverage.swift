import Notebook

/// How one lesson answers one passage of a source text.
public struct PassageCoverage: Sendable {
    /// What the lesson does with the passage.
    public enum Treatment: String, Sendable, CaseIterable {
        /// The passage's example or claim is worked out in numbers by the engine.
        case worked
        /// The passage is wrong somewhere; the lesson corrects it in an erratum note and works the right value.
        case corrected
        /// The passage is explained in prose (an idea, a definition, a recommendation) without a number of its own.
        case explained

        /// The label on the pages.
        public var label: Localized {
            switch self {
            case .worked: return Localized("worked in numbers", zh: "用数字算出")
            case .corrected: return Localized("corrected in an erratum", zh: "在勘误中更正")
            case .explained: return Localized("explained", zh: "讲解")
            }
        }
    }

    /// The key of the passage in `SourceTexts`.
    public let passage: String
    public let treatment: Treatment
    /// Where and how the lesson takes the passage up.
    public let how: Localized

    init(_ passage: String, _ treatment: Treatment, _ how: Localized) {
        self.passage = passage
        self.treatment = treatment
        self.how = how
    }
}

/// Which lesson answers which source passage: the one table behind every lesson's “Sources of this
/// lesson” section and the Sources page. The tests check it against the catalogue and the pages.
public enum SourceCoverage {
    /// The entries of one lesson, in the lesson's order.
    public static func entries(for lesson: String) -> [PassageCoverage] {
        byLesson.first { $0.lesson == lesson }?.entries ?? []
    }

    /// The ids of the lessons that take a passage up, in reading order.
    public static func lessons(covering key: String) -> [String] {
        byLesson.filter { $0.entries.contains { $0.passage == key } }.map(\.lesson)
    }

    private static func c(_ key: String, _ t: PassageCoverage.Treatment, _ en: String, _ zh: String) -> PassageCoverage {
        PassageCoverage(key, t, Localized(en, zh: zh))
    }

    /// Every lesson's entries, in reading order.
    public static let byLesson: [(lesson: String, entries: [PassageCoverage])] = [
        ("perceptron", [
            c("000.perceptron", .worked, "The decision rule with weights 6, 2, 2 and threshold 5 in all 8 cases.", "权重 6、2、2、阈值 5 的决策规则，8 种情况全部算出。"),
            c("000.perceptron", .corrected, "The factor that “matters most” is none of the three inputs; with these weights the weather alone decides.", "原文说“最重要”的因素不在三个输入之中；按这组权重，单凭天气就能决定。"),
            c("000.bias", .worked, "The bias form b = −threshold, every case again.", "偏置形式 b = −threshold，每种情况重算一遍。"),
            c("000.xor", .worked, "The learning rule converging on AND and cycling forever on XOR.", "学习规则在 AND 上收敛，在 XOR 上永远循环。"),
        ]),
        ("sigmoid-neuron", [
            c("003.neuron", .worked, "z = 0·2 + 1·3 + 4 = 7 and σ(7) = 0.999089.", "z = 0·2 + 1·3 + 4 = 7，σ(7) = 0.999089。"),
            c("000.sigmoid", .worked, "Δoutput by the linear formula against the exact change.", "用线性公式算 Δoutput，并与精确变化量比较。"),
            c("004.logistic", .explained, "A sigmoid neuron deciding two classes is logistic regression.", "用于二元分类的 sigmoid 神经元就是逻辑回归。"),
            c("004.neuron", .explained, "A neuron as a linear part followed by an activation.", "神经元 = 线性部分 + 激活函数。"),
            c("003.backprop", .worked, "σ′ = σ(1 − σ) derived in one line; σ(0) = 0.5 and σ′(0) = 0.25, the steepest slope; near z = 0, σ(z) ≈ ½ + z/4 set beside σ.", "一行推出 σ′ = σ(1 − σ)；σ(0) = 0.5，σ′(0) = 0.25，是最大的斜率；在 z = 0 附近把 σ(z) ≈ ½ + z/4 与 σ 对照。"),
            c("004.softmax", .worked, "Softmax over two classes equals the sigmoid, checked in numbers.", "两类的 softmax 等于 sigmoid，用数字核对。"),
            c("000.sigmoid", .worked, "Smoothness, not the exact formula: the linear rule checked on another S-curve.", "关键是平滑而非具体公式：在另一条 S 形曲线上核对线性关系。"),
        ]),
        ("feedforward", [
            c("003.network", .worked, "h1 = h2 = 0.9526 and o1 = 0.7216.", "h1 = h2 = 0.9526，o1 = 0.7216。"),
            c("002.relu-exercise", .worked, "n1 = 8, n2 = 3, y1 = 46, y2 = 0, every product shown.", "n1 = 8，n2 = 3，y1 = 46，y2 = 0，每个乘积都列出。"),
            c("002.two-layer", .worked, "The same network as matrix products, with the shapes of every matrix.", "同一个网络写成矩阵乘法，并给出每个矩阵的形状。"),
            c("002.nonlinear", .worked, "Two linear layers collapse into one, shown in numbers.", "两个线性层合并成一个，用数字演示。"),
            c("002.matrix-parameters", .explained, "Parameters that are themselves linear functions become weight matrices.", "本身又是线性函数的参数就变成了权重矩阵。"),
            c("000.layers", .explained, "Input, hidden and output layers named on the 2-2-1 network.", "在 2-2-1 网络上说明输入层、隐藏层、输出层。"),
            c("002.network-definition", .explained, "Layers of weighted connections, each node with its own bias and activation.", "层层带权重的连接，每个节点有自己的偏置和激活函数。"),
            c("002.two-layer", .worked, "Per-point shapes 1×2, 1×50, 1×4; 2·50 + 50 + 50·4 + 4 = 354 parameters; 32·32 = 1024 inputs.", "单个点的形状 1×2、1×50、1×4；参数 2·50 + 50 + 50·4 + 4 = 354 个；32·32 = 1024 个输入。"),
            c("002.two-layer", .corrected, "“12” and “3232” are 1\\*2 and 32\\*32 with the multiplication signs lost.", "“12”和“3232”是丢了乘号的 1\\*2 和 32\\*32。"),
            c("004.layers", .explained, "An output layer without activation (regression) against sigmoid/softmax or ReLU outputs, with this network's scores.", "没有激活函数的输出层（回归）与 sigmoid/softmax 或 ReLU 输出的对比，用本例网络的得分说明。"),
        ]),
        ("activations", [
            c("002.activation-layer", .worked, "(1, −2, 3, −4, 7) through step, ReLU and six more activations.", "(1, −2, 3, −4, 7) 经过阶跃、ReLU 以及另外六个激活函数。"),
            c("001.activations", .explained, "Sigmoid's cost and ReLU's speed.", "sigmoid 计算较慢、ReLU 计算快。"),
            c("004.activations", .corrected, "ReLU′ is 0 for negative inputs, not negative.", "ReLU 在负输入处的导数是 0，不是负数。"),
            c("002.vanishing", .worked, "Saturation and vanishing gradients in numbers; dying ReLU and the ReLU variants.", "用数字展示饱和与梯度消失；Dying ReLU 与 ReLU 的各种变种。"),
            c("004.neuron", .worked, "Maxout, the largest of several linear pieces, on the lesson's vector.", "maxout（几个线性函数中取最大）作用在本课的向量上。"),
            c("004.vanishing", .worked, "One product of factors w·σ′: shrinking with w = 1, growing with w = 5 (weights above 4).", "同一串因子 w·σ′ 的乘积：w = 1 时缩小，w = 5（权重大于 4）时增大。"),
        ]),
        ("loss-functions", [
            c("003.loss", .worked, "MSE of [1, 0, 0, 1] against [0, 0, 0, 0] is 0.5.", "[1, 0, 0, 1] 对 [0, 0, 0, 0] 的均方误差为 0.5。"),
            c("001.squared", .explained, "The ½ and 1/n scalings of squared error named side by side.", "并列说明平方误差的 ½ 与 1/n 两种系数。"),
            c("000.cost", .explained, "The 1/(2n) scaling of the quadratic cost.", "二次代价函数的 1/(2n) 系数。"),
            c("002.softmax", .worked, "Softmax of (3, 1, 0.1, 0.5) in three steps; the true shares instead of 90%/5%/2%/3%.", "分三步算 (3, 1, 0.1, 0.5) 的 softmax；给出真实的比例，而不是 90%/5%/2%/3%。"),
            c("001.softmax", .worked, "The same formula P(Y = k ∣ x) = e^{sk}/Σ e^{sj}.", "同一个公式 P(Y = k ∣ x) = e^{sk}/Σ e^{sj}。"),
            c("004.softmax", .explained, "One-hot coding and the loss as a one-hot row times the log-probabilities.", "独热编码，以及把损失写成独热行向量乘以对数概率。"),
            c("002.cross-entropy", .corrected, "−ln 0.9 = 0.105; 0.046 is −log10 0.9.", "−ln 0.9 = 0.105；0.046 是 −log10 0.9。"),
            c("002.cross-entropy", .worked, "∂L/∂s = p − t derived and checked; the slopes of 1 − p and −ln p compared.", "推导并核对 ∂L/∂s = p − t；比较 1 − p 与 −ln p 的斜率。"),
            c("001.score", .explained, "Class scores s = f(x; W) as the input of the hinge loss.", "类别得分 s = f(x; W) 作为合页损失的输入。"),
            c("001.hinge", .worked, "Every term of the multiclass hinge loss and the L2 penalty.", "多类合页损失的每一项以及 L2 惩罚。"),
            c("001.hinge", .corrected, "The penalty is R(W), and N and n are one number.", "惩罚项应为 R(W)，N 与 n 是同一个数。"),
        ]),
        ("gradient-descent", [
            c("000.gradient-descent", .worked, "Δv = −η∇C on a bowl, ΔC ≈ ∇C·Δv checked, a table of rates: η = 0.5 flips for ever with C stuck, η = 0.55 leaves the picture.", "在碗形函数上做 Δv = −η∇C，核对 ΔC ≈ ∇C·Δv，并列出几个学习率：η = 0.5 永远来回翻转、C 停住不动，η = 0.55 跑出画面。"),
            c("000.gradient-descent", .corrected, "“C always decreases” holds only for a small enough η.", "“C 会一直减小”只在 η 足够小时成立。"),
            c("000.high-dimensions", .corrected, "Derivatives in many dimensions are cheap by backpropagation; what is hopeless is solving ∇C = 0 in closed form.", "高维函数的导数用反向传播很容易求；办不到的是直接解出 ∇C = 0。"),
            c("001.gradient-descent", .worked, "Δw = −η∇J(w) with each rate read off the factors 1 − 2aᵢη, including the rate that oscillates for ever.", "Δw = −η∇J(w)：从因子 1 − 2aᵢη 读出每个学习率的表现，包括永远振荡的那个学习率。"),
            c("002.equations", .worked, "A line (its two normal equations solved by hand, by elimination), a multiple and a polynomial regression by least squares and by descent.", "一元（两个正规方程用消元法手算）、多元和多项式回归，分别用最小二乘和梯度下降求解。"),
            c("002.equations", .corrected, "ε is the error term, not a parameter: the line's residuals beside the noise actually added.", "ε 是误差项而不是参数：直线的残差与实际加入的噪声对照。"),
            c("001.squared", .worked, "The squared error of a linear model minimised.", "把线性模型的平方误差最小化。"),
        ]),
        ("backprop-by-hand", [
            c("003.loss", .worked, "The four people, their shifted inputs and the MSE loss.", "四个人、平移后的输入和均方误差损失。"),
            c("003.backprop", .worked, "Every derivative for Alice, ∂L/∂w1 = 0.02147.", "Alice 的每一个导数，∂L/∂w1 = 0.02147。"),
            c("003.backprop", .corrected, "The text's 0.0214 comes from rounding each factor first.", "原文的 0.0214 是先把每个因子四舍五入造成的。"),
            c("003.sgd", .worked, "One SGD step for all nine parameters.", "九个参数的一步 SGD。"),
            c("003.code", .worked, "1000 epochs of training, the loss curve, Emily and Frank; why people share a prediction, from the trained hidden units' slopes.", "训练 1000 轮、损失曲线、Emily 和 Frank 的预测；从训练后隐藏单元的斜率看几个人为什么得到相同的预测。"),
            c("003.backprop", .worked, "From all weights 1, w1/w3, w2/w4, w5/w6 get equal gradients and h1, h2 never separate: why training starts at random.", "权重全为 1 时，w1/w3、w2/w4、w5/w6 的梯度相同，h1 与 h2 永远分不开：所以训练要从随机权重开始。"),
        ]),
        ("backprop-equations", [
            c("000.backprop", .worked, "BP1 and BP2 derived in index form and worked for one neuron; BP1–BP4 on a 2-3-2 network, every matrix printed, checked by central differences.", "先用下标形式推导 BP1、BP2，并对一个神经元代入数值；再在 2-3-2 网络上算出 BP1–BP4，打印每个矩阵，并用中心差分核对。"),
            c("000.bp-algorithm", .explained, "The algorithm as six numbered steps, and why δ is computed from the last layer backwards.", "把算法写成六个编号步骤，并说明为什么 δ 要从最后一层往回计算。"),
            c("003.backprop", .worked, "With C = ½(y − ŷ)² every gradient of lesson 7's network is exactly half of that lesson's.", "取 C = ½(y − ŷ)² 时，第 7 课网络的每个梯度恰好是那一课的一半。"),
            c("004.backprop", .explained, "Backpropagation as the chain rule; random start, forward values, SGD update.", "反向传播即链式法则；随机初始化、前向计算、SGD 更新。"),
            c("001.backprop", .explained, "The chain rule layer by layer.", "逐层运用链式法则。"),
            c("001.multilayer", .worked, "Forward pass, cost, backward pass, update: one full training step.", "前向、代价、反向、更新：完整的一步训练。"),
            c("002.training-method", .corrected, "All layers' gradients come from one backward pass and are applied together, not top layer first.", "所有层的梯度在一次反向计算中得到并一起更新，而不是先改最上层。"),
        ]),
        ("xor-net", [
            c("000.xor", .worked, "No single perceptron computes XOR; a 2-2-1 network trained until it does: step 0's backward pass and update by hand, and the output's weighted sums naming the gate it computes.", "单个感知机算不出 XOR；训练一个 2-2-1 网络直到它能算出：手算第 0 步的反向传播与更新，并由输出层的加权和看出它实现的逻辑门。"),
            c("002.two-layer", .explained, "“A two-layer network can fit any function”: the universal approximation theorem stated precisely.", "“两层神经网络可以拟合任意函数”：准确表述万能逼近定理。"),
        ]),
        ("quadrant-net", [
            c("002.quadrant-task", .worked, "The four points and (2, 2) → quadrant I with its probability.", "四个点，以及 (2, 2) → 第 I 象限及其概率。"),
            c("002.two-layer", .worked, "The 2-50-4 network's first iteration with every shape and value.", "2-50-4 网络的第一次迭代，每个形状和数值都列出。"),
            c("002.softmax", .worked, "Softmax of the network's own scores.", "网络自己的得分经过 softmax。"),
            c("002.cross-entropy", .worked, "The cross-entropy of the first iteration, in natural logarithms.", "第一次迭代的交叉熵，用自然对数。"),
            c("002.iteration", .worked, "Training iteration by iteration until the loss is small.", "一次次迭代训练，直到损失足够小。"),
            c("002.ball-machine", .worked, "Each knob W1, b1, W2, b2 turned by a small amount, the loss's change against the central differences.", "把旋钮 W1、b1、W2、b2 各拧一点，损失的变化与中心差分对照。"),
        ]),
        ("conv-pool", [
            c("000.cnn-forward", .worked, "2×2 convolution, ReLU, 2×2 max pooling, flatten, fully connected layer, loss.", "2×2 卷积、ReLU、2×2 最大池化、拉平、全连接层、损失。"),
            c("000.cnn-backward", .worked, "Pooling sends the gradient to the argmax; kernel and input gradients checked by central differences.", "池化只把梯度传给最大值位置；卷积核与输入的梯度用中心差分核对。"),
            c("001.cnn", .explained, "Convolution → ReLU → pooling → fully connected.", "卷积 → ReLU → 池化 → 全连接。"),
            c("001.conv-size", .worked, "Output sizes, and an invalid combination detected.", "输出尺寸，并检测出不合法的组合。"),
            c("001.maxpool", .worked, "[[1,3,2,9],[7,4,1,5],[8,5,2,3],[4,2,1,4]] → [[7,9],[8,4]].", "[[1,3,2,9],[7,4,1,5],[8,5,2,3],[4,2,1,4]] → [[7,9],[8,4]]。"),
            c("001.maxpool", .worked, "The backward pass on the same matrix: each gradient to its window's maximum.", "在同一个矩阵上做反向计算：每个梯度交给窗口中的最大值。"),
            c("001.conv-size", .worked, "Channels and filters: 32×32×3 with ten 5×5 filters gives 28×28×10 and 760 parameters.", "通道与卷积核：32×32×3 的输入用 10 个 5×5 卷积核，得到 28×28×10，共 760 个参数。"),
        ]),
        ("evaluation", [
            c("000.accuracy", .worked, "The output thresholded at 0.7 and compared label by label.", "输出按 0.7 判定，逐个标签比较。"),
            c("000.accuracy", .corrected, "Accuracy is (n − m)/n, not n/m.", "正确率是 (n − m)/n，不是 n/m。"),
            c("000.accuracy", .worked, "The rule on a batch: exact-match against per-label accuracy; what one test example is worth.", "把规则用在一批样本上：完全匹配准确率与逐标签准确率；一个测试样本值多少个百分点。"),
        ]),
        ("initialization", [
            c("004.initialization", .worked, "1/√m (Xavier) against N(0, 1) and He, layer by layer.", "1/√m（Xavier）与 N(0, 1)、He 逐层比较。"),
            c("004.vanishing", .worked, "Vanishing and exploding as two ends of one product of factors, in numbers.", "用数字说明梯度消失和爆炸是同一串乘积的两个极端。"),
            c("002.vanishing", .worked, "He and Xavier initialisation measured on a deep network.", "在一个深层网络上测量 He 与 Xavier 初始化。"),
            c("004.vanishing", .worked, "One factor of the product in numbers: δ handed down from the top layer to the one below, the products and the norms.", "把连乘中的一个因子用数字算出：误差项从顶层传到下一层，写出乘积与范数。"),
            c("004.initialization", .worked, "The network trained from each initialization: the cost curves side by side.", "从每种初始化出发训练网络：代价曲线并排比较。"),
        ]),
        ("regularization", [
            c("002.overfitting", .worked, "Overfitting made visible: training loss against test loss.", "让过拟合看得见：训练损失与测试损失对比。"),
            c("002.overfitting-remedies", .worked, "L2, L1, dropout, early stopping, max-norm and augmentation, each measured.", "L2、L1、Dropout、提前停止、max-norm 和数据补充，逐一测量。"),
            c("001.hinge", .explained, "λR(W) as a penalty that lowers the risk of overfitting.", "λR(W) 作为降低过拟合风险的惩罚项。"),
            c("001.hinge", .worked, "Why L2 prefers spread-out weights: same score, penalty 1 for (1, 0, 0, 0) against 0.25 for (0.25, 0.25, 0.25, 0.25).", "L2 为什么偏爱分散的权重：得分相同，(1, 0, 0, 0) 的惩罚是 1，(0.25, 0.25, 0.25, 0.25) 只有 0.25。"),
            c("002.overfitting-remedies", .explained, "Classic dropout (scale by 1 − p at prediction) beside inverted dropout.", "经典 dropout（预测时乘以 1 − p）与倒置 dropout 对照。"),
            c("002.overfitting-remedies", .worked, "L1 against L2 on the trained weights: a histogram by size, and the weights left near 0 counted.", "在训练后的权重上比较 L1 与 L2：按大小画直方图，并数出留在 0 附近的权重。"),
        ]),
        ("normalization-and-clipping", [
            c("002.vanishing", .worked, "Batch normalization forward and backward; clipping by value and by norm on an exploding network.", "批量归一化的前向与反向；在梯度爆炸的网络上按值裁剪和按范数裁剪。"),
            c("002.vanishing", .corrected, "Clipping caps the gradient; it does not subtract the threshold.", "裁剪是给梯度封顶，而不是减去阈值。"),
            c("002.vanishing", .worked, "Batch normalization put into the exploding network: each layer's gradient with and without it, and training.", "把批量归一化放进会爆炸的网络：有无批量归一化时各层的梯度，以及训练结果。"),
        ]),
        ("optimizers", [
            c("002.performance", .worked, "Adam against SGD and momentum, step by step and trained.", "Adam 与 SGD、动量法逐步比较并实际训练。"),
            c("002.performance", .worked, "Adam's first steps on the network: the costs, and the bias-corrected steps of size η.", "Adam 在网络上的最初几步：代价，以及经偏差修正后大小为 η 的步长。"),
            c("002.performance", .explained, "Reusing a trained network and unsupervised pretraining said for what they are, and why they are not worked here.", "说明复用已训练网络与无监督预训练是什么，以及本课程为何不演算它们。"),
            c("002.default-configuration", .worked, "He, ELU, batch normalization, dropout and Adam assembled and trained.", "把 He、ELU、批量归一化、Dropout 和 Adam 组装起来训练。"),
            c("002.overfitting-remedies", .explained, "What the “2%” of dropout rests on.", "Dropout 的“2%”从何而来。"),
        ]),
        ("digits", [
            c("000.accuracy", .worked, "The accuracy rule (n − m)/n applied to the held-out digits.", "把正确率 (n − m)/n 用在留出的测试数字上。"),
        ]),
    ]
}
