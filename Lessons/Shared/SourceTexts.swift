import Notebook

/// One of the five Chinese source texts the course follows: what it is and its passages in reading order.
public struct SourceText: Sendable {
    /// The file-name number the lessons cite: `000` … `004`.
    public let id: String
    /// The text's own title, as it stands at its top.
    public let title: String
    /// What the text is, and whose work it follows or translates where that is known.
    public let about: Localized
    /// Its passages, in the order the text has them.
    public let passages: [SourcePassage]
}

/// One passage of a source text: where to find it (the text's own words) and what it says.
public struct SourcePassage: Sendable {
    /// A unique key, `<text>.<name>`, e.g. `000.perceptron`.
    public let key: String
    /// The heading or opening words of the passage in the source text, quoted so a teacher can find it.
    public let locator: String
    /// What the passage says or claims.
    public let content: Localized
    /// Why no lesson takes the passage up; nil when a lesson covers it.
    public let setAside: Localized?

    init(_ key: String, _ locator: String, _ content: Localized, setAside: Localized? = nil) {
        self.key = key
        self.locator = locator
        self.content = content
        self.setAside = setAside
    }

    /// The source text's id, the part of the key before the dot.
    public var source: String { String(key.prefix { $0 != "." }) }
}

/// The catalogue of the source texts and their passages. `SourceCoverage` says which lesson answers which passage.
public enum SourceTexts {
    /// The passage with this key.
    public static func passage(_ key: String) -> SourcePassage? {
        all.lazy.flatMap(\.passages).first { $0.key == key }
    }

    /// The five texts in order.
    public static let all: [SourceText] = [text000, text001, text002, text003, text004]

    static let text000 = SourceText(
        id: "000", title: "神经网络基础公式（神经网络基础公式是什么）",
        about: Localized("""
            A Chinese web compilation of tutorial passages under one headline. Its middle part follows Michael Nielsen's \
            *Neural Networks and Deep Learning*, chapter 1 (perceptrons, sigmoid neurons, the quadratic cost, gradient descent) \
            and chapter 2 (the four backpropagation equations); before that come a blog post deriving a small CNN's forward and \
            backward pass and a question-and-answer post on how to compute a network's accuracy. Its formulas and figures were \
            images and are lost; the lessons restore them from Nielsen's book where the text follows it.
            """, zh: """
            一篇中文网络汇编文章，在一个标题下拼接了几段教程。中间部分沿用 Michael Nielsen 的《Neural Networks and Deep Learning》\
            第 1 章（感知机、S 型神经元、二次代价函数、梯度下降）和第 2 章（反向传播的四个方程）；前面还有一篇推导小型卷积网络\
            前向与反向计算的博客，以及一段回答“神经网络的准确率怎么算”的问答。原文的公式和插图都是图片，已经丢失；\
            凡是沿用 Nielsen 的部分，各课都按原书把它们补了回来。
            """),
        passages: [
            SourcePassage("000.preface", "今天给各位分享神经网络基础公式的知识……", Localized(
                "The site's opening and closing boilerplate (share, follow, bookmark).", zh: "网站的开场白和结束语（分享、关注、收藏）。"),
                setAside: Localized("No content about neural networks.", zh: "与神经网络无关，没有可讲的内容。")),
            SourcePassage("000.cnn-forward", "卷积神经网络的数学推导及简单实现", Localized(
                "A CNN with one 2×2 convolution (stride 1, padding 0), ReLU and 2×2 max pooling, then a fully connected layer: the forward pass.",
                zh: "一个卷积网络：2×2 卷积核（步长 1、无填充）、ReLU、2×2 最大池化，再接全连接层——前向计算。")),
            SourcePassage("000.cnn-backward", "接下来的问题就是将误差传回池化层及卷积层了", Localized(
                "The backward pass: the error through max pooling (only the maximum receives it), the kernel's gradient, and the error passed on as a convolution with the rotated kernel.",
                zh: "反向计算：误差穿过最大池化（只有最大值那一项得到误差）、卷积核的梯度、以及写成与翻转卷积核做卷积的误差传递。")),
            SourcePassage("000.accuracy", "神经网络的准确率是怎么计算的？", Localized(
                "Threshold a multi-label output at 0.7 ([0.9968 0.0000 0.0001 0.9…] → [1,0,0,1]), compare with the target, count the m errors among n test examples; the text then writes the accuracy as n/m.",
                zh: "把多标签输出按 0.7 判定（[0.9968 0.0000 0.0001 0.9…] → [1,0,0,1]），与期望输出比较，统计 n 个检验样本中的错误数 m；原文随后把正确率写成 n/m。")),
            SourcePassage("000.perceptron", "感知机（Perceptrons）……给三个因素设置权重来作出决定", Localized(
                "Rosenblatt's perceptron: binary inputs, weights, a threshold; the decision example with three factors, weights and threshold 5, and the sentence that the movie's quality (“电影好不好看”) matters most.",
                zh: "Rosenblatt 的感知机：二进制输入、权重、阈值；用三个因素做决定的例子（权重与阈值 5），以及“电影好不好看”对你来说最重要这句话。")),
            SourcePassage("000.bias", "令b=-threshold，即把阈值移到不等号左边，变成偏置", Localized(
                "The bias form of the rule: b = −threshold, output 1 when w·x + b > 0.", zh: "规则的偏置形式：b = −threshold，w·x + b > 0 时输出 1。")),
            SourcePassage("000.xor", "Minsky在1969年出版的《Perceptron》书中，证明了感知机对XOR（异或）这样的问题都无法解决", Localized(
                "A single perceptron is a linear classifier and cannot compute XOR (Minsky, 1969).", zh: "单个感知机只能做线性分类，解决不了异或问题（Minsky，1969）。")),
            SourcePassage("000.sigmoid", "由此我们引入了S型神经元", Localized(
                "A small change of w or b can flip a perceptron's output; the sigmoid neuron's σ is smooth, “smoothness is the key, not its detailed form”, and Δoutput ≈ Σ ∂output/∂wj·Δwj + ∂output/∂b·Δb.",
                zh: "权重或偏置的微小变化可能让感知机的输出整个翻转；S 型神经元的 σ 是平滑的，“σ 函数的平滑特性，正是关键因素，而不是其细部形式”，并且 Δoutput ≈ Σ ∂output/∂wj·Δwj + ∂output/∂b·Δb。")),
            SourcePassage("000.layers", "最左边的称为输入层……中间层……被称为隐藏层", Localized(
                "Input layer, hidden layer, output layer.", zh: "输入层、隐藏层、输出层。")),
            SourcePassage("000.history", "从单层神经网络（感知机）开始……一共有三次兴起过程", Localized(
                "The three rises of neural networks (single layer, two layers, deep networks), shown in a lost figure.",
                zh: "神经网络的三次兴起（单层、两层、深度网络），内容在一张已丢失的图里。"),
                setAside: Localized("History without a number to work out; the figure that carried it is lost.", zh: "这是历史回顾，没有可以演算的数字，承载它的图也已丢失。")),
            SourcePassage("000.cost", "我们定义一个代价函数……我们把 C 称为二次代价函数", Localized(
                "The quadratic cost C(w, b) = 1/(2n) Σ‖y(x) − a‖², non-negative, near 0 when the outputs fit.",
                zh: "二次代价函数 C(w, b) = 1/(2n) Σ‖y(x) − a‖²，非负，输出贴近目标时接近 0。")),
            SourcePassage("000.gradient-descent", "想象一下一个小球从山顶滚下山谷的过程", Localized(
                "Gradient descent on C(v1, v2): ΔC ≈ ∇C·Δv, choose Δv = −η∇C so ΔC = −η‖∇C‖² ≤ 0, “C will always decrease”; the same in m dimensions and for w and b.",
                zh: "在 C(v1, v2) 上做梯度下降：ΔC ≈ ∇C·Δv，取 Δv = −η∇C，于是 ΔC = −η‖∇C‖² ≤ 0，“C 会一直减小”；推广到 m 维以及 w 和 b。")),
            SourcePassage("000.high-dimensions", "对于一个高维的函数 C(v) 求导数几乎是不可能的", Localized(
                "The claim that derivatives of a function of very many variables are almost impossible to compute, which motivates gradient descent.",
                zh: "原文称对高维函数求导数“几乎是不可能的”，并以此引出梯度下降。")),
            SourcePassage("000.backprop", "反向传播算法（backpropagation）……四个方程", Localized(
                "Backpropagation from the chain rule: the four equations (output error, error of the layer before, the bias gradient, the weight gradient), lost as images.",
                zh: "由链式法则得到的反向传播：四个方程（输出层误差、前一层误差、误差与偏置、误差与权重），公式图片已丢失。")),
            SourcePassage("000.bp-algorithm", "算法描述", Localized(
                "The algorithm, step by step, and why the error vector δ is computed from the last layer backwards.",
                zh: "算法的步骤，以及为什么误差向量 δ 要从最后一层往回计算。")),
        ])

    static let text001 = SourceText(
        id: "001", title: "深度学习笔记（数学基础）",
        about: Localized("""
            Study notes in Chinese on the mathematics of deep learning, in the order of Stanford's CS231n course: the score \
            function, the multiclass SVM (hinge) loss with L2 regularisation, softmax, squared error, gradient descent, the \
            training loop of a multi-layer network (credited to the qikegu.com tutorial), convolution output sizes and max pooling.
            """, zh: """
            一份中文的深度学习数学笔记，顺序与斯坦福 CS231n 课程一致：得分函数、带 L2 正则化的多类 SVM（合页）损失、softmax、\
            平方误差、梯度下降、多层网络的训练流程（注明摘自奇客谷教程），以及卷积输出尺寸和最大池化。
            """),
        passages: [
            SourcePassage("001.score", "得分函数 f(x;W)=Wx+b", Localized(
                "The score function: one row of W per class, f(x; W) = Wx + b.", zh: "得分函数：W 的每一行对应一个类别，f(x; W) = Wx + b。")),
            SourcePassage("001.softmax", "如何根据 Y 求得对应类别的概率？归一化", Localized(
                "P(Y = k ∣ X = xi) = e^{sk} / Σj e^{sj}: “first exponentiate, then take each share”.", zh: "P(Y = k ∣ X = xi) = e^{sk} / Σj e^{sj}：“先求指数，再求所占分数”。")),
            SourcePassage("001.hinge", "损失函数 1. Li = Σ max(0, sj − syi + 1)", Localized(
                "The multiclass hinge loss averaged over the data plus λR; the penalty is written R(N) and the sum runs to n under 1/N.",
                zh: "多类合页损失对数据取平均再加 λR；惩罚项写成了 R(N)，1/N 下的求和上限却是 n。")),
            SourcePassage("001.squared", "损失函数 2. e=½(y−ŷ)²，多样本 E=Σe", Localized(
                "Squared error ½(y − ŷ)² summed over the examples, with a linear ŷ = Wx: find the W that minimises E.",
                zh: "平方误差 ½(y − ŷ)² 对样本求和，ŷ = Wx 为线性：求使 E 最小的 W。")),
            SourcePassage("001.activations", "激活函数（阈值）", Localized(
                "Sigmoid (drawback: slow to compute) and ReLU = max(0, x) (advantage: fast).", zh: "Sigmoid（缺点：计算时间长）与 ReLU = max(0, x)（优点：计算速度快）。")),
            SourcePassage("001.gradient-descent", "梯度下降 Δw=−η∇J(w)", Localized(
                "The update w := w + Δw with Δw = −η∇J(w); the learning rate “should be moderate”.", zh: "更新 w := w + Δw，Δw = −η∇J(w)；学习率“要适中”。")),
            SourcePassage("001.multilayer", "多层神经网络 / 多层神经网络的训练过程", Localized(
                "Input–hidden–output architecture; training repeats forward pass, cost, backpropagated gradients and weight update.",
                zh: "输入层—隐藏层—输出层的结构；训练反复进行前向传播、计算代价、反向传播求梯度、更新权重。")),
            SourcePassage("001.backprop", "反向传播：通过链式求导法则求代价函数对各层参数W的偏导数", Localized(
                "Backpropagation is the chain rule applied layer by layer.", zh: "反向传播就是逐层运用链式求导法则。")),
            SourcePassage("001.cnn", "卷积神经网络 整体架构：卷积层→Relu层→池化层→连接各层→全连接层", Localized(
                "A CNN's architecture.", zh: "卷积网络的整体结构。")),
            SourcePassage("001.conv-size", "卷积结果大小计算公式 H2=(H1−FH+2P)/S+1", Localized(
                "The output size of a convolution with padding P and stride S.", zh: "带填充 P、步长 S 的卷积输出尺寸。")),
            SourcePassage("001.maxpool", "MAXPOOLING：池化层的目的是压缩", Localized(
                "2×2 max pooling of [[1,3,2,9],[7,4,1,5],[8,5,2,3],[4,2,1,4]] gives [[7,9],[8,4]].", zh: "对 [[1,3,2,9],[7,4,1,5],[8,5,2,3],[4,2,1,4]] 做 2×2 最大池化得到 [[7,9],[8,4]]。")),
        ])

    static let text002 = SourceText(
        id: "002", title: "白话深度神经网络",
        about: Localized("""
            A plain-language Chinese essay (a blog post of 2020) that, in its own words, reposts and comments on two popular \
            articles: Mr.括号's Zhihu post “神经网络15分钟入门！足够通俗易懂了吧” (the four-quadrant 2-50-4 network, softmax, \
            cross-entropy, the ball machine) and 墨攻科技's Jianshu post “30分钟讲清楚深度神经网络” (the ReLU exercise, the \
            remedies for vanishing gradients, slow training and overfitting, the default configuration). It opens with its own \
            path from linear equations and least squares to networks.
            """, zh: """
            一篇通俗的中文随笔（2020 年的博客），按作者自己的说法，它转载并点评了两篇流行文章：知乎 Mr.括号的\
            《神经网络15分钟入门！足够通俗易懂了吧》（四象限 2-50-4 网络、softmax、交叉熵、球形机器）和简书墨攻科技的\
            《30分钟讲清楚深度神经网络》（ReLU 练习题、梯度消失、训练太慢和过拟合的解决办法、默认最优配置）。\
            开头是作者自己从线性方程、最小二乘讲到神经网络的思路。
            """),
        passages: [
            SourcePassage("002.equations", "先从方程说起：一元线性方程、多元线性方程、多项式方程", Localized(
                "Fit y from x by least squares: a line, several variables (the βs and ε), a polynomial; more parameters each time.",
                zh: "用最小二乘由 x 拟合 y：一元线性、多元线性（各个 β 与 ε）、多项式，参数越来越多。")),
            SourcePassage("002.matrix-parameters", "如果参数 β1 本身是由一个线性方程构成的……矩阵矩阵矩阵！", Localized(
                "If a coefficient is itself a linear function, the parameters become a matrix: a first idea of a network.",
                zh: "如果某个系数本身又是一个线性方程，参数就变成了矩阵：这就是对神经网络的初步理解。")),
            SourcePassage("002.nonlinear", "为什么非要引入非线性回归？", Localized(
                "Cats in photos and house prices are not linear in their inputs, so the model must be non-linear.",
                zh: "照片里的猫、房价都不是输入的线性函数，所以模型必须是非线性的。")),
            SourcePassage("002.activation-layer", "激活层……阶跃函数、Sigmoid和ReLU", Localized(
                "Step, sigmoid and ReLU; “where the absolute value of x is large, the slope changes very little (vanishing gradient)”; (1,−2,3,−4,7) → (1,0,1,0,1) and (1,0,3,0,7).",
                zh: "阶跃、Sigmoid 与 ReLU；“x 的绝对值较大时，曲线的斜率变化很小（梯度消失）”；(1,−2,3,−4,7) → (1,0,1,0,1) 与 (1,0,3,0,7)。")),
            SourcePassage("002.hidden-layer", "隐藏层：顾名思义，隐藏的层", Localized(
                "Why hidden layers are called hidden (a digestion analogy), and “we can only guess 50 or 60 layers”.",
                zh: "隐藏层为什么叫隐藏层（用消化作比喻），以及“只能大概估计一下设 50 层，或者 60 层”。"),
                setAside: Localized("An analogy without a claim that numbers could test; the course's own networks show what hidden units compute (xor-net, quadrant-net).",
                                    zh: "这是一个比喻，没有可以用数字检验的论断；隐藏单元究竟算了什么，由本课程自己的网络来展示（xor-net、quadrant-net 两课）。")),
            SourcePassage("002.overfitting", "过拟合：参数越多，越贴近已知的目标，对于未知的测试数据，可能是个灾难", Localized(
                "Overfitting: a model that fits the known data too closely fails on new data (the cat and the tiger).",
                zh: "过拟合：对已知数据拟合得过分，遇到新数据就可能失败（画猫与画老虎）。")),
            SourcePassage("002.quadrant-task", "任务描述：四个数据点 (1,1)(-1,1)(-1,-1)(1,-1)……(2,2)", Localized(
                "Teach a network that the four points lie in quadrants I–IV and ask it about (2, 2).", zh: "让网络学会四个点分属 I~IV 象限，再问它 (2, 2) 属于哪个象限。")),
            SourcePassage("002.two-layer", "两层神经网络：1.1 输入层 … 1.4 分析", Localized(
                "The input as a 1×2 matrix (a 32×32 image would give 32·32 inputs), H = X·W1 + b1 of size 1×50, Y = H·W2 + b2 of size 1×4, and why stacked linear layers stay linear.",
                zh: "输入是 1×2 矩阵（32×32 的图像就有 32·32 个输入），H = X·W1 + b1 为 1×50，Y = H·W2 + b2 为 1×4，以及为什么叠加的线性层仍是线性的。")),
            SourcePassage("002.softmax", "3.输出的正规化", Localized(
                "Softmax in three steps on an output like (3, 1, 0.1, 0.5), giving something like (90%, 5%, 2%, 3%).",
                zh: "用三步做 softmax，输出如 (3, 1, 0.1, 0.5)，结果如 (90%, 5%, 2%, 3%)。")),
            SourcePassage("002.cross-entropy", "4.如何衡量输出的好坏", Localized(
                "1 − p as a first idea, then the negative logarithm: “−log0.9=0.046”, the cross-entropy loss.",
                zh: "先想到用 1 − p，再用对数的负数：“−log0.9=0.046”，即交叉熵损失。")),
            SourcePassage("002.ball-machine", "5.反向传播与参数优化：球形机器……四个旋钮W1，b1，W2，b2", Localized(
                "A ball machine in a desert with four knobs W1, b1, W2, b2: turn each, watch whether the ball goes up or down — gradient descent.",
                zh: "沙漠里的球形机器有四个旋钮 W1、b1、W2、b2：逐个拧一拧，看球往上还是往下走——这就是梯度下降。")),
            SourcePassage("002.iteration", "6.迭代：第一次计算得到的概率是90%……可能就会提高到92%", Localized(
                "Training repeats forward pass, loss and backpropagation until the loss is small enough.", zh: "训练就是反复做前向计算、求损失、反向传播，直到损失足够小。")),
            SourcePassage("002.network-definition", "神经网络是啥：建立M个隐藏层", Localized(
                "A network is layers of weighted connections, a bias per node and an activation per node.", zh: "神经网络就是层层带权重的连接，每个节点自带偏置和激活函数。")),
            SourcePassage("002.relu-exercise", "一题道出本质……答案是 y1 = 46, y2 = 0", Localized(
                "n1 = max(3·1 + 4·(−1) + 9, 0) = 8, n2 = max(3·2 + 4·0 − 3, 0) = 3, y1 = 46, y2 = 0.", zh: "n1 = max(3·1 + 4·(−1) + 9, 0) = 8，n2 = max(3·2 + 4·0 − 3, 0) = 3，y1 = 46，y2 = 0。")),
            SourcePassage("002.training-method", "训练的方法：如果这个值相差比较大，则修改当前层的联结的权重", Localized(
                "Training described as updating the top layer first and lower layers only once the output is close.",
                zh: "把训练描述成先改最上面一层，等输出差不多了再改更低的层。")),
            SourcePassage("002.vanishing", "梯度消失或爆炸的解决方案", Localized(
                "Vanishing and exploding gradients and four remedies: He/Xavier initialisation, ReLU and its variants (dying ReLU; ELU > leaky ReLU > ReLU > tanh > sigmoid), batch normalization, gradient clipping (“if it exceeds, subtract the threshold”).",
                zh: "梯度消失与爆炸及四种对策：He/Xavier 初始化、ReLU 及其变种（Dying ReLU；ELU > leaky ReLU > ReLU > tanh > sigmoid）、批量归一化、梯度裁剪（“如果超过就减去相应的阈值”）。")),
            SourcePassage("002.performance", "性能问题的解决方案", Localized(
                "Too little labelled data: reuse a trained network, or unsupervised pretraining (autoencoders); for large data, Adam instead of plain gradient descent.",
                zh: "标注数据不够：复用训练好的网络，或无监督预训练（autoencoder）；数据量大时，用 Adam 代替普通梯度下降。")),
            SourcePassage("002.overfitting-remedies", "过拟合的解决方案", Localized(
                "Early stopping, L1/L2 penalties, dropout (“can steadily improve by 2%”), max-norm, data augmentation.",
                zh: "提前停止、L1/L2 惩罚、Dropout（“竟然可以稳定的为神经网络的能力提升2%”）、max-norm、数据补充。")),
            SourcePassage("002.default-configuration", "一个神经网络的默认最优配置", Localized(
                "He initialization, ELU, batch normalization, dropout, Adam.", zh: "He 初始化、ELU、批量归一化、Dropout、Adam。")),
        ])

    static let text003 = SourceText(
        id: "003", title: "神經網絡簡介（簡單解釋神經網絡是如何工作的，以及如何在Python中從頭實現一個）",
        about: Localized("""
            A Chinese translation, in traditional script, of Victor Zhou's *Machine Learning for Beginners: An Introduction to \
            Neural Networks* (victorzhou.com, 2019; translator credited as “Nothing”): a neuron, a 2-2-1 network, the MSE loss, \
            backpropagation worked for Alice, and training by stochastic gradient descent in Python. Its formulas and code were images.
            """, zh: """
            Victor Zhou 的文章《Machine Learning for Beginners: An Introduction to Neural Networks》（victorzhou.com，2019）的\
            繁体中文译本（译者署名 Nothing）：一个神经元、一个 2-2-1 网络、均方误差损失、以 Alice 为例手算反向传播，\
            以及用 Python 做随机梯度下降训练。原文的公式和代码都是图片。
            """),
        passages: [
            SourcePassage("003.neuron", "1. 構建塊：神經元", Localized(
                "A 2-input sigmoid neuron: w = [0, 1], b = 4, x = [2, 3] gives 0.999.", zh: "一个 2 输入 sigmoid 神经元：w = [0, 1]，b = 4，x = [2, 3]，输出 0.999。")),
            SourcePassage("003.network", "2. 將神經元組合成一個神經網絡", Localized(
                "A 2-2-1 network, every neuron w = [0, 1], b = 0: the output for x = [2, 3] is 0.7216.", zh: "2-2-1 网络，每个神经元 w = [0, 1]，b = 0：输入 x = [2, 3] 时输出 0.7216。")),
            SourcePassage("003.loss", "3. 訓練神經網絡，第1部分：損失", Localized(
                "The data (weight − 135, height − 66, female = 1) and the MSE loss; a network that always says 0 has loss 0.5.",
                zh: "数据（体重 − 135、身高 − 66、女性 = 1）与均方误差损失；总是输出 0 的网络，损失为 0.5。")),
            SourcePassage("003.backprop", "4. 訓練神經網絡，第2部分", Localized(
                "∂L/∂w1 by the chain rule, f′ = f(1 − f), and the example for Alice: ŷ = 0.524, ∂L/∂w1 = 0.0214.",
                zh: "用链式法则求 ∂L/∂w1、f′ = f(1 − f)，以及 Alice 的例子：ŷ = 0.524，∂L/∂w1 = 0.0214。")),
            SourcePassage("003.sgd", "訓練：隨機梯度下降法", Localized(
                "w1 ← w1 − η ∂L/∂w1, one example at a time, in four steps.", zh: "w1 ← w1 − η ∂L/∂w1，每次只用一个样本，分四步。")),
            SourcePassage("003.code", "代碼：一個完整的神經網絡", Localized(
                "The complete network trained for 1000 epochs at learning rate 0.1, its loss curve, and the predictions for Emily and Frank.",
                zh: "完整网络以学习率 0.1 训练 1000 轮、损失曲线，以及对 Emily 和 Frank 的预测。")),
            SourcePassage("003.next", "現在怎麼辦？", Localized(
                "A recap and reading list: libraries (TensorFlow, Keras, PyTorch), other activations such as softmax, other optimizers, CNNs, RNNs.",
                zh: "回顾与延伸阅读：机器学习库（TensorFlow、Keras、PyTorch）、softmax 等其他激活函数、其他优化器、CNN、RNN。"),
                setAside: Localized("A list of pointers; softmax, other optimizers and CNNs each have their own lesson, while libraries and RNNs are outside this course, which works every number in its own engine.",
                                    zh: "这只是一串指引；softmax、其他优化器和 CNN 各有专门的课，而机器学习库和 RNN 不在本课程范围之内——本课程的每个数字都由自己的引擎算出。")),
        ])

    static let text004 = SourceText(
        id: "004", title: "bp神经网络代码_精通数据科学笔记 神经网络",
        about: Localized("""
            Chinese reading notes on the neural-network chapter of the book 《精通数据科学：从线性回归到深度学习》 \
            (*Mastering Data Science: from Linear Regression to Deep Learning*, by 唐亘 Tang Gen, 2018): the neuron, sigmoid \
            neurons as logistic regression, softmax, the layers of a network, backpropagation, and how to make learning \
            faster. Its formulas were images and are lost.
            """, zh: """
            《精通数据科学：从线性回归到深度学习》（唐亘著，2018）神经网络一章的中文读书笔记：神经元、sigmoid 神经元与逻辑回归、\
            softmax、网络的分层、反向传播，以及如何提高学习效率。原文的公式都是图片，已经丢失。
            """),
        passages: [
            SourcePassage("004.preface", "本章讨论一种全新的建模理念", Localized(
                "Networks as models that give up interpretability for predictive power.", zh: "神经网络是放弃可解释性、换取预测效果的模型。"),
                setAside: Localized("A stance about modelling, with nothing to compute.", zh: "这是关于建模理念的看法，没有可以计算的内容。")),
            SourcePassage("004.neuron", "神经元：接收输入变量的是一个线性模型，接下来是一个非线性激活函数", Localized(
                "A neuron is a linear model followed by a non-linear activation (sigmoid, ReLU, tanh, maxout).",
                zh: "神经元是一个线性模型加一个非线性激活函数（sigmoid、ReLU、tanh、maxout 等）。")),
            SourcePassage("004.logistic", "sigmoid 神经元与二元逻辑回归", Localized(
                "Two merits of the sigmoid (maps to (0, 1); models two competing effects), and a sigmoid neuron used for two classes is logistic regression.",
                zh: "sigmoid 的两个好处（映射到 (0, 1)；模拟两种效应的竞争），以及用于二元分类的 sigmoid 神经元就是逻辑回归。")),
            SourcePassage("004.softmax", "softmax 函数与多元逻辑回归", Localized(
                "One-hot coding and softmax; the loss of one example as the product of the one-hot row vector and the log of the softmax.",
                zh: "独热编码与 softmax；一个数据点的损失写成独热行向量与 softmax 对数的乘积。")),
            SourcePassage("004.layers", "神经网络：输入层不对数据做处理……输出层只包含线性模型，没有激活函数", Localized(
                "Layers fully connected; the input layer does nothing; hidden neurons are linear model plus activation; the output layer is linear only.",
                zh: "相邻层全连接；输入层不做处理；隐藏层神经元 = 线性模型 + 激活函数；输出层只有线性模型。")),
            SourcePassage("004.code", "代码实现：借助第三方库tensorflow实现", Localized(
                "A TensorFlow implementation, kept only as images.", zh: "一段 TensorFlow 代码，只剩图片。"),
                setAside: Localized("The code is lost and the course computes every number in its own engine rather than a library.", zh: "代码已丢失，而且本课程的每个数字都由自己的引擎算出，不借助第三方库。")),
            SourcePassage("004.backprop", "反向传播算法（BP）", Localized(
                "BP is the chain rule for partial derivatives: the starting point, the backward recursion, the gradients; random initial parameters, forward values, SGD updates.",
                zh: "BP 算法的核心是用链式法则求偏导数：计算的起点、反向递推、模型训练梯度；随机生成参数、计算每个神经元的值、用随机梯度下降更新参数。")),
            SourcePassage("004.activations", "提高神经网络的学习效率：改进激活函数", Localized(
                "Learning speed is proportional to the activation's derivative; sigmoid and tanh flatten far from 0; the text says ReLU's derivative is “always less than 0” for negative inputs.",
                zh: "学习效率正比于激活函数的导数；sigmoid 和 tanh 在远离 0 处导数接近 0；原文称 ReLU 在自变量小于 0 时“导数恒小于0”。")),
            SourcePassage("004.initialization", "参数初始化：令……其中m是上一层神经元个数", Localized(
                "Initialise the weights with a spread of 1/√m, m the number of neurons in the layer below.", zh: "按 1/√m 的尺度初始化权重，m 是上一层神经元个数。")),
            SourcePassage("004.vanishing", "梯度消失和梯度爆炸是同一个问题的两个极端", Localized(
                "Vanishing and exploding gradients are two extremes of one problem, caused by the weights' compounding.", zh: "梯度消失和梯度爆炸是同一个问题的两个极端，由权重项的叠加效应导致。")),
        ])
}
