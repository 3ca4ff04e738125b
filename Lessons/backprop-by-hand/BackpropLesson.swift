import ArgumentParser
import LessonKit
import LonghandEngine
import Notebook

/// Lesson 7: backpropagation worked by hand on the 2-2-1 network of source text `003`, one SGD
/// step, then training on the four-person data set with every gradient checked numerically.
public struct BackpropLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: id,
        abstract: "Backpropagation by hand: the chain rule on a 2-2-1 sigmoid network, one SGD step, and training.",
        discussion: """
        Defaults are the source text's numbers (003): learning rate 0.1, 1000 epochs. The starting weights \
        for training are drawn from N(0, 1) by a seeded generator, so the same seed gives the same page. \
        Bad input prints one line naming the option and exits with 64.
        """)
    public static let position = 70
    public static let title = Localized("Backpropagation by hand", zh: "手算反向传播")
    public static let summary = Localized("The chain rule through a 2-2-1 sigmoid network, number by number; one SGD step; training on four people; every gradient checked.",
                                          zh: "沿着 2-2-1 的 S 型网络一步步用链式法则求导；走一步 SGD；用四个人的数据训练；每个梯度都做数值核对。")
    public static let part = CoursePart.learning

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: Self.help("learning-rate"))
    public var learningRate = FiniteNumber(0.1)

    @Option(name: .long, parsing: .unconditional, help: Self.help("epochs"))
    public var epochs = 1000

    @Option(name: .long, parsing: .unconditional, help: Self.help("seed"))
    public var seed = 7

    public init() {}

    public static var options: [LessonOption<Self>] {[
        .number("learning-rate", \.learningRate, 1e-9...10,
                label: Localized("Learning rate η", zh: "学习率 η"),
                help: Localized("Learning rate η of SGD, for the single step and for training", zh: "SGD 的学习率 η，用于单步更新和训练"), valueName: "eta")
            .sampled(.number(0.01...2)),
        .integer("epochs", \.epochs, 1...20000,
                 label: Localized("Epochs", zh: "轮数"), help: Localized("Passes over the four examples when training", zh: "训练时遍历四个样本的轮数"))
            .sampled(.integer(1...200)),
        .integer("seed", \.seed, 0...(1 << 53),
                 label: Localized("Seed", zh: "随机种子"), help: Localized("Seed of the N(0, 1) starting weights for training", zh: "训练起始权重 N(0, 1) 的种子")),
    ]}

    /// One person of the article's table: weight in pounds, height in inches, female = 1.
    struct Person {
        let name: Localized
        let weight: Double
        let height: Double
        let female: Double?
        /// The network's inputs: weight − 135, height − 66 (the article's shift).
        var input: [Double] { [weight - BackpropLesson.weightShift, height - BackpropLesson.heightShift] }
    }

    static let weightShift = 135.0
    static let heightShift = 66.0
    static let people = [
        Person(name: Localized("Alice", zh: "Alice"), weight: 133, height: 65, female: 1),
        Person(name: Localized("Bob", zh: "Bob"), weight: 160, height: 72, female: 0),
        Person(name: Localized("Charlie", zh: "Charlie"), weight: 152, height: 70, female: 0),
        Person(name: Localized("Diana", zh: "Diana"), weight: 120, height: 60, female: 1),
    ]
    static let emily = Person(name: Localized("Emily", zh: "Emily"), weight: 128, height: 63, female: nil)
    static let frank = Person(name: Localized("Frank", zh: "Frank"), weight: 155, height: 68, female: nil)
    static var inputs: [[Double]] { people.map(\.input) }
    static var targets: [[Double]] { people.map { [$0.female ?? 0] } }
    /// The article's network: 2 inputs, 2 hidden neurons, 1 output.
    static let sizes = [2, 2, 1]
    /// The names of the nine parameters in the engine's flat order.
    static let names = ["w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3"]
    static let texNames = ["w_1", "w_2", "w_3", "w_4", "w_5", "w_6", "b_1", "b_2", "b_3"]

    public func write(_ page: inout Page) throws {
        writeStory(&page)
        let alice = writeForward(&page)
        writeBackward(&page, alice)
        writeStep(&page, alice)
        let trained = writeTraining(&page)
        writeExercises(&page, trainedLoss: trained)
        writeSourcePassages(&page)
    }

    // MARK: Story, data, network, loss

    func writeStory(_ page: inout Page) {
        page.say("""
            Source text `003` (a translation of Victor Zhou's *Machine Learning for Beginners: An Introduction to Neural Networks*) \
            builds a network that guesses whether a person is female from their weight and height. This lesson does all of its \
            calculus on paper: the forward pass, the loss, every partial derivative by the chain rule, one step of gradient \
            descent, and then \(epochs == 1000 ? "a thousand epochs" : "\(epochs) epoch\(epochs == 1 ? "" : "s")") of training. Every number below comes from the engine, and every gradient is \
            checked against a numerical derivative.
            """, zh: """
            原文 `003`（译自 Victor Zhou 的《机器学习入门：神经网络简介》）搭了一个小网络，根据一个人的体重和身高来猜性别。\
            这一课把其中的微积分全部在纸上算一遍：前向传播、损失、用链式法则求出的每一个偏导数、一步梯度下降，\
            最后再训练 \(epochs) 轮。下面每个数都由引擎算出，每个梯度都和数值导数对照过。
            """)

        page.section("Four people", zh: "四个人的数据")
        page.say("""
            The article's data: weight in pounds, height in inches, and gender coded as female = 1, male = 0. To make the numbers \
            small it subtracts \(fmt(Self.weightShift)) lb and \(fmt(Self.heightShift)) in, so the network sees \
            $x_1 = \\text{weight} - \(fmt(Self.weightShift))$ and $x_2 = \\text{height} - \(fmt(Self.heightShift))$.
            """, zh: """
            原文的数据：体重（磅）、身高（英寸），性别记为女 = 1、男 = 0。为了让数字小一些，原文把体重减去 \(fmt(Self.weightShift)) 磅、\
            身高减去 \(fmt(Self.heightShift)) 英寸，所以网络看到的是 $x_1 = \\text{体重} - \(fmt(Self.weightShift))$ 和 \
            $x_2 = \\text{身高} - \(fmt(Self.heightShift))$。
            """)
        page.table([Localized("name", zh: "姓名"), Localized("weight (lb)", zh: "体重（磅）"), Localized("height (in)", zh: "身高（英寸）"),
                    Localized("$x_1$", zh: "$x_1$"), Localized("$x_2$", zh: "$x_2$"), Localized("female $y$", zh: "女性 $y$")],
                   Self.people.map { p in
                       [.text(p.name), .number(p.weight), .number(p.height), .number(p.input[0]), .number(p.input[1]), .number(p.female ?? 0)]
                   })
        page.record("inputs", Self.inputs)
        page.record("targets", Self.targets.map { $0[0] })
        page.convention("""
            Labels: female = 1, male = 0. Inputs are shifted by the article's round numbers (135 lb, 66 in); the article notes that \
            the mean is the usual choice.
            """, zh: """
            标签：女 = 1，男 = 0。输入按原文取的整数平移（135 磅、66 英寸）；原文也提到，一般做法是减去平均值。
            """)

        page.section("The network", zh: "网络")
        page.say("""
            Two inputs, a hidden layer of two sigmoid neurons $h_1$, $h_2$, and one sigmoid output neuron $o_1$ whose output is the \
            prediction $\\hat y$. The article names the six weights and three biases like this:
            """, zh: """
            两个输入，一个含两个 S 型神经元 $h_1$、$h_2$ 的隐藏层，以及一个 S 型输出神经元 $o_1$，它的输出就是预测值 $\\hat y$。\
            原文给六个权重和三个偏置这样命名：
            """)
        page.equation(tex: "h_1 = \\sigma(w_1 x_1 + w_2 x_2 + b_1), \\quad h_2 = \\sigma(w_3 x_1 + w_4 x_2 + b_2), \\quad \\hat y = o_1 = \\sigma(w_5 h_1 + w_6 h_2 + b_3)",
                      text: "h1 = σ(w1·x1 + w2·x2 + b1),  h2 = σ(w3·x1 + w4·x2 + b2),  ŷ = o1 = σ(w5·h1 + w6·h2 + b3)")
        page.say("We write $z_1$, $z_2$, $z_3$ for the three weighted inputs, so $h_1 = \\sigma(z_1)$, $h_2 = \\sigma(z_2)$ and $\\hat y = \\sigma(z_3)$, with $\\sigma(z) = 1/(1 + e^{-z})$.",
                 zh: "把三个神经元的加权输入记作 $z_1$、$z_2$、$z_3$，于是 $h_1 = \\sigma(z_1)$、$h_2 = \\sigma(z_2)$、$\\hat y = \\sigma(z_3)$，其中 $\\sigma(z) = 1/(1 + e^{-z})$。")

        page.section("The loss", zh: "损失")
        page.say("""
            To say how good the predictions are, the article uses the mean squared error over the $n$ people. \
            Training the network means making this number small.
            """, zh: """
            为了衡量预测得好不好，原文用的是 $n$ 个人上的均方误差。训练网络，就是想办法让这个数变小。
            """)
        page.equation(tex: "\\text{MSE} = \\frac{1}{n} \\sum_{i=1}^{n} (y_i - \\hat y_i)^2",
                      text: "MSE = (1/n) Σ (y_i − ŷ_i)²")
        page.convention("""
            Loss: $L = \\frac{1}{n}\\sum (y - \\hat y)^2$, the plain mean with no factor ½ (the texts also use ½Σ and $\\frac{1}{2n}\\sum$). \
            For one example it is $(y - \\hat y)^2$, so $\\partial L / \\partial \\hat y = -2(y - \\hat y)$.
            """, zh: """
            损失取 $L = \\frac{1}{n}\\sum (y - \\hat y)^2$，即直接取平均，不带系数 ½（其他原文里也出现过 ½Σ 和 $\\frac{1}{2n}\\sum$ 的写法）。\
            对单个样本就是 $(y - \\hat y)^2$，所以 $\\partial L / \\partial \\hat y = -2(y - \\hat y)$。
            """)
        let zeros = Self.people.map { _ in [0.0] }
        let squares = zip(Self.targets, zeros).map { SigmoidNetwork.squaredError(target: $0, prediction: $1) }
        let mseZero = squares.reduce(0, +) / Double(squares.count)
        page.say("The article's example: a network that always answers 0 (\"everyone is male\") has loss",
                 zh: "原文的例子：一个永远回答 0（“所有人都是男性”）的网络，损失是")
        page.step("mse_all_zero", .raw(tex: "\\text{MSE}", text: "MSE"),
                  [.product([.quotient(.n(1), .n(Double(squares.count))),
                             .group(.sum(Self.targets.map { .power(.group(.difference(.n($0[0]), .n(0))), .n(2)) }))])],
                  value: mseZero)
    }

    // MARK: Forward pass for Alice

    /// Alice's forward and backward pass with every weight 1 and every bias 0, as in the article.
    struct Worked {
        let net: SigmoidNetwork
        let x: [Double]
        let y: Double
        let pass: SigmoidNetwork.Forward
        let back: SigmoidNetwork.Backward
        let loss: Double
    }

    static func alice(_ net: SigmoidNetwork) -> Worked {
        let x = people[0].input, y = people[0].female ?? 0
        let pass = net.forward(x)
        let back = net.backward(pass, dOutput: SigmoidNetwork.squaredErrorDerivative(target: [y], prediction: pass.output))
        return Worked(net: net, x: x, y: y, pass: pass, back: back,
                      loss: SigmoidNetwork.squaredError(target: [y], prediction: pass.output))
    }

    func writeForward(_ page: inout Page) -> Worked {
        page.section("Forward pass for Alice", zh: "Alice 的前向传播")
        page.say("""
            As in the article, start with Alice alone, every weight equal to 1 and every bias 0. Her inputs are \
            $x_1 = \(fmt(Self.people[0].input[0]))$, $x_2 = \(fmt(Self.people[0].input[1]))$ and her label is $y = \(fmt(Self.people[0].female ?? 0))$.
            """, zh: """
            和原文一样，先只看 Alice 一个人，所有权重取 1、所有偏置取 0。她的输入是 $x_1 = \(fmt(Self.people[0].input[0]))$、\
            $x_2 = \(fmt(Self.people[0].input[1]))$，标签 $y = \(fmt(Self.people[0].female ?? 0))$。
            """)
        let w = Self.alice(SigmoidNetwork(sizes: Self.sizes, weight: 1, bias: 0))
        let p = w.net.parameters
        let x = w.x
        page.step("z1", Sym.z(1), [.weightedSum(weights: [p[0], p[1]], inputs: x, bias: p[6])], value: w.pass.z[0][0])
        page.step("h1", Sym.h(1), [.sigma(.n(w.pass.z[0][0])), .sigmoidFormula(w.pass.z[0][0])], value: w.pass.a[0][0])
        page.step("z2", Sym.z(2), [.weightedSum(weights: [p[2], p[3]], inputs: x, bias: p[7])], value: w.pass.z[0][1])
        page.step("h2", Sym.h(2), [.sigma(.n(w.pass.z[0][1])), .sigmoidFormula(w.pass.z[0][1])], value: w.pass.a[0][1])
        page.step("z3", Sym.z(3), [.weightedSum(weights: [p[4], p[5]], inputs: w.pass.a[0], bias: p[8])], value: w.pass.z[1][0])
        page.step("ypred", Sym.yhat, [.sigma(.n(w.pass.z[1][0])), .sigmoidFormula(w.pass.z[1][0])], value: w.pass.output[0])
        page.step("loss", .sym("L"), [.power(.group(.difference(.n(w.y), .n(w.pass.output[0]))), .n(2))], value: w.loss)
        page.figure("network", title: Localized("Alice's forward pass: every weight 1, every bias 0", zh: "Alice 的前向传播：权重全为 1，偏置全为 0"),
                    description: Localized("Inputs x1 = \(fmt(x[0])) and x2 = \(fmt(x[1])) feed h1 (weights w1, w2, bias b1) and h2 (weights w3, w4, bias b2), which feed the output o1 (weights w5, w6, bias b3). Values: h1 = \(Self.fmt4(w.pass.a[0][0])), h2 = \(Self.fmt4(w.pass.a[0][1])), ŷ = \(Self.fmt4(w.pass.output[0])).",
                                           zh: "输入 x1 = \(fmt(x[0]))、x2 = \(fmt(x[1])) 连到 h1（权重 w1、w2，偏置 b1）和 h2（权重 w3、w4，偏置 b2），二者再连到输出 o1（权重 w5、w6，偏置 b3）。数值：h1 = \(Self.fmt4(w.pass.a[0][0]))，h2 = \(Self.fmt4(w.pass.a[0][1]))，ŷ = \(Self.fmt4(w.pass.output[0]))。"),
                    NetworkDiagram.dense(layers: [[.init("x1", value: x[0]), .init("x2", value: x[1])],
                                                  [.init("h1", value: w.pass.a[0][0], bias: p[6]), .init("h2", value: w.pass.a[0][1], bias: p[7])],
                                                  [.init("o1 = ŷ", value: w.pass.output[0], bias: p[8])]],
                                         weights: [[[p[0], p[2]], [p[1], p[3]]], [[p[4]], [p[5]]]],
                                         layerNames: [Localized("inputs", zh: "输入"), Localized("hidden", zh: "隐藏层"), Localized("output", zh: "输出")]))
        page.say("""
            The network says $\\hat y = \(Self.fmt4(w.pass.output[0]))$ for Alice: it leans neither towards male (0) nor female (1). \
            The same weights give these predictions for all four people:
            """, zh: """
            网络对 Alice 给出 $\\hat y = \(Self.fmt4(w.pass.output[0]))$：既不偏向男（0）也不偏向女（1）。同一组权重对四个人的预测如下：
            """)
        let preds = Self.inputs.map { w.net.predict($0)[0] }
        page.table([Localized("name", zh: "姓名"), Localized("$h_1$", zh: "$h_1$"), Localized("$h_2$", zh: "$h_2$"),
                    Localized("$\\hat y$", zh: "$\\hat y$"), Localized("$y$", zh: "$y$"), Localized("$(y - \\hat y)^2$", zh: "$(y - \\hat y)^2$")],
                   zip(Self.people, preds).map { person, yhat in
                       let f = w.net.forward(person.input)
                       return [.text(person.name), .number(f.a[0][0]), .number(f.a[0][1]), .number(yhat), .number(person.female ?? 0),
                               .number(SigmoidNetwork.squaredError(target: [person.female ?? 0], prediction: [yhat]))]
                   })
        let mse = w.net.meanSquaredError(inputs: Self.inputs, targets: Self.targets)
        page.say("Their mean is the loss over the whole data set, $\\text{MSE} = \(fmt(mse))$.",
                 zh: "四个平方误差的平均就是整个数据集上的损失，$\\text{MSE} = \(fmt(mse))$。")
        page.record("predictions_all_ones", preds)
        page.record("mse_all_ones", mse)
        return w
    }

    // MARK: Backward pass

    func writeBackward(_ page: inout Page, _ w: Worked) {
        page.section("Backward pass: ∂L/∂w1 by the chain rule", zh: "反向传播：用链式法则求 ∂L/∂w1")
        page.say("""
            How would Alice's loss change if we nudged $w_1$? $w_1$ only reaches the loss through $h_1$, and $h_1$ only through \
            $\\hat y$, so the chain rule splits the question into three small ones:
            """, zh: """
            如果把 $w_1$ 稍微调一点，Alice 的损失会怎么变？$w_1$ 只能通过 $h_1$ 影响损失，而 $h_1$ 又只能通过 $\\hat y$ 影响损失，\
            所以链式法则把这个问题拆成三个小问题：
            """)
        page.equation(tex: "\\frac{\\partial L}{\\partial w_1} = \\frac{\\partial L}{\\partial \\hat y} \\cdot \\frac{\\partial \\hat y}{\\partial h_1} \\cdot \\frac{\\partial h_1}{\\partial w_1}",
                      text: "∂L/∂w1 = ∂L/∂ŷ · ∂ŷ/∂h1 · ∂h1/∂w1")
        page.say("Each factor needs the derivative of the sigmoid, which has a neat form:",
                 zh: "每个因子都要用到 sigmoid 的导数，它有一个很漂亮的形式：")
        page.equation(tex: "\\sigma'(z) = \\frac{e^{-z}}{(1 + e^{-z})^2} = \\sigma(z)\\,(1 - \\sigma(z))",
                      text: "σ′(z) = e^(−z)/(1 + e^(−z))² = σ(z)·(1 − σ(z))")
        let p = w.net.parameters
        let yhat = w.pass.output[0], h1 = w.pass.a[0][0]
        let sp3 = yhat * (1 - yhat), sp1 = h1 * (1 - h1)
        page.step("dL_dypred", Sym.d("L", "\\hat y", "L", "ŷ"), [.product([.n(-2), .group(.difference(.n(w.y), .n(yhat)))])], value: w.back.dA[1][0])
        page.step("sigmoid_prime_z3", .raw(tex: "\\sigma'(z_3)", text: "σ′(z3)"), [.product([.n(yhat), .group(.difference(.n(1), .n(yhat)))])], value: sp3)
        let dyh1 = p[4] * sp3
        page.step("dypred_dh1", Sym.d("\\hat y", "h_1", "ŷ", "h1"), [.product([Sym.w(5), .raw(tex: "\\sigma'(z_3)", text: "σ′(z3)")]), .product([.n(p[4]), .n(sp3)])], value: dyh1)
        page.step("sigmoid_prime_z1", .raw(tex: "\\sigma'(z_1)", text: "σ′(z1)"), [.product([.n(h1), .group(.difference(.n(1), .n(h1)))])], value: sp1)
        let dh1w1 = w.x[0] * sp1
        page.step("dh1_dw1", Sym.d("h_1", "w_1", "h1", "w1"), [.product([.symbol(tex: "x_1", text: "x1"), .raw(tex: "\\sigma'(z_1)", text: "σ′(z1)")]), .product([.n(w.x[0]), .n(sp1)])], value: dh1w1)
        let dLw1 = w.back.dWeights[0][0][0]
        page.step("dL_dw1", Sym.d("L", "w_1", "L", "w1"), [.product([Sym.d("L", "\\hat y", "L", "ŷ"), Sym.d("\\hat y", "h_1", "ŷ", "h1"), Sym.d("h_1", "w_1", "h1", "w1")]),
                                                            .product([.n(w.back.dA[1][0]), .n(dyh1), .n(dh1w1)])], value: dLw1)
        page.say("""
            The derivative is positive: raising $w_1$ a little would raise Alice's loss a little, so gradient descent will lower $w_1$.
            """, zh: """
            这个导数是正的：把 $w_1$ 调大一点，Alice 的损失也会跟着变大一点，所以梯度下降会把 $w_1$ 调小。
            """)
        // The article's printed factors, multiplied as printed, against the exact product.
        let printedFactors = [-2 * (1 - Self.rounded(yhat, 3)), Self.rounded(dyh1, 3), Self.rounded(dh1w1, 4)]
        let printedProduct = printedFactors.reduce(1, *)
        page.record("dL_dw1_from_rounded_factors", printedProduct)
        page.erratum("""
            Source text `003` prints $\\partial L/\\partial w_1 = 0.0214$. It rounds every factor first ($\\hat y = 0.524$, \
            $-2(1 - 0.524) = \(fmt(Self.rounded(-2 * (1 - Self.rounded(yhat, 3)), 3)))$, $0.249$, $-0.0904$) and multiplies the rounded factors: \
            $\(fmt(printedFactors[0])) \\cdot \(fmt(printedFactors[1])) \\cdot (\(fmt(printedFactors[2]))) = \(fmt(printedProduct))$. \
            Multiplied at full precision the factors give $\(fmt(dLw1))$, which rounds to $\(fmt(Self.rounded(dLw1, 4)))$, not $0.0214$. \
            Likewise $\\partial L/\\partial \\hat y$ is $\(fmt(w.back.dA[1][0]))$ ($\(fmt(Self.rounded(w.back.dA[1][0], 3)))$ to three places), \
            because $\\hat y$ is $\(fmt(yhat))$ rather than exactly $0.524$. Rounding errors multiply: round at the end, not at every step.
            """, zh: """
            原文 `003` 给出 $\\partial L/\\partial w_1 = 0.0214$。它先把每个因子都四舍五入（$\\hat y = 0.524$，\
            $-2(1 - 0.524) = \(fmt(Self.rounded(-2 * (1 - Self.rounded(yhat, 3)), 3)))$，$0.249$，$-0.0904$），再把舍入后的因子相乘：\
            $\(fmt(printedFactors[0])) \\cdot \(fmt(printedFactors[1])) \\cdot (\(fmt(printedFactors[2]))) = \(fmt(printedProduct))$。\
            用全精度相乘得到的是 $\(fmt(dLw1))$，四舍五入到四位小数是 $\(fmt(Self.rounded(dLw1, 4)))$，而不是 $0.0214$。\
            同理，$\\partial L/\\partial \\hat y$ 实为 $\(fmt(w.back.dA[1][0]))$（保留三位是 $\(fmt(Self.rounded(w.back.dA[1][0], 3)))$），\
            因为 $\\hat y$ 其实是 $\(fmt(yhat))$，并不恰好等于 $0.524$。舍入误差会随乘法累积：应当算到最后再舍入，而不是每一步都舍入。
            """)

        page.section("All nine gradients", zh: "全部九个梯度")
        page.say("""
            The same reasoning gives every other partial derivative. It helps to name the error signal of each neuron, \
            $\\delta = \\partial L/\\partial z$: for the output, $\\delta_3 = \\frac{\\partial L}{\\partial \\hat y}\\,\\sigma'(z_3)$; \
            for the hidden neurons, $\\delta_1 = \\delta_3\\, w_5\\, \\sigma'(z_1)$ and $\\delta_2 = \\delta_3\\, w_6\\, \\sigma'(z_2)$. \
            A weight's derivative is then its neuron's $\\delta$ times the input the weight multiplies, and a bias's derivative is the $\\delta$ itself. \
            This is backpropagation: one pass from the loss back to the inputs yields all nine numbers.
            """, zh: """
            其余每个偏导数都可以照此推出。给每个神经元的“误差信号”起个名字会方便很多：$\\delta = \\partial L/\\partial z$。\
            输出神经元是 $\\delta_3 = \\frac{\\partial L}{\\partial \\hat y}\\,\\sigma'(z_3)$；\
            隐藏神经元是 $\\delta_1 = \\delta_3\\, w_5\\, \\sigma'(z_1)$ 和 $\\delta_2 = \\delta_3\\, w_6\\, \\sigma'(z_2)$。\
            于是每个权重的导数等于它所在神经元的 $\\delta$ 乘以这个权重所乘的那个输入，偏置的导数就是 $\\delta$ 本身。\
            这就是反向传播：从损失出发往回走一遍，九个数就全部得到了。
            """)
        let h2 = w.pass.a[0][1], sp2 = h2 * (1 - h2)
        page.step("delta3", .raw(tex: "\\delta_3", text: "δ3"), [.product([.n(w.back.dA[1][0]), .n(sp3)])], value: w.back.dZ[1][0])
        page.step("delta1", .raw(tex: "\\delta_1", text: "δ1"), [.product([.n(w.back.dZ[1][0]), .n(p[4]), .n(sp1)])], value: w.back.dZ[0][0])
        page.step("delta2", .raw(tex: "\\delta_2", text: "δ2"), [.product([.n(w.back.dZ[1][0]), .n(p[5]), .n(sp2)])], value: w.back.dZ[0][1])
        let g = w.back.gradient
        let delta = [w.back.dZ[0][0], w.back.dZ[0][0], w.back.dZ[0][1], w.back.dZ[0][1], w.back.dZ[1][0], w.back.dZ[1][0],
                     w.back.dZ[0][0], w.back.dZ[0][1], w.back.dZ[1][0]]
        let deltaTeX = ["\\delta_1", "\\delta_1", "\\delta_2", "\\delta_2", "\\delta_3", "\\delta_3", "\\delta_1", "\\delta_2", "\\delta_3"]
        let sourceTeX = ["x_1", "x_2", "x_1", "x_2", "h_1", "h_2", "1", "1", "1"]
        let source = [w.x[0], w.x[1], w.x[0], w.x[1], h1, h2, 1, 1, 1]
        page.table([Localized("parameter", zh: "参数"), Localized("rule", zh: "公式"), Localized("numbers", zh: "代入数值"),
                    Localized("$\\partial L / \\partial p$", zh: "$\\partial L / \\partial p$")],
                   (0..<9).map { k in
                       [.math(.symbol(tex: Self.texNames[k], text: Self.names[k])),
                        .math(.raw(tex: "\(deltaTeX[k]) \\cdot \(sourceTeX[k])", text: PlainMath.text(fromTeX: "\(deltaTeX[k]) \\cdot \(sourceTeX[k])"))),
                        .math(.product([.n(delta[k]), .n(source[k])])), .number(g[k])]
                   })
        for (k, name) in Self.names.enumerated() { page.record("dL_d\(name)", g[k]) }
        page.record("gradient", g)

        page.subsection("The computation graph", zh: "计算图")
        page.say("""
            The figure draws Alice's whole calculation as a graph, as Andrej Karpathy's micrograd does. Read it left to right for \
            the forward pass (each box's *value*) and right to left for the backward pass (each box's *grad*, the derivative of $L$ \
            with respect to that box). At a Σ node a weight's grad is the node's grad times the input it multiplies; at a σ node \
            the grad is multiplied by $\\sigma'(z)$; where a value feeds two nodes (like $x_1$) the two grads it receives are added.
            """, zh: """
            下图仿照 Andrej Karpathy 的 micrograd，把 Alice 的整个计算画成一张图。从左往右看是前向传播（每个框里的“值”）；\
            从右往左看是反向传播（每个框里的“梯度”，即 $L$ 对这个框的导数）。在 Σ 节点，权重的梯度等于节点的梯度乘以它所乘的输入；\
            在 σ 节点，梯度要乘上 $\\sigma'(z)$；一个值如果流向两个节点（比如 $x_1$），它收到的两份梯度要相加。
            """)
        page.figure("graph", title: Localized("Alice's forward and backward pass as a computation graph", zh: "Alice 的前向与反向传播计算图"),
                    description: Localized("Boxes for x1, x2, the nine parameters, z1, z2, h1, h2, z3, ŷ, y and L, each with its value and its gradient ∂L/∂(box); ∂L/∂w1 = \(Self.fmt4(g[0])), ŷ = \(Self.fmt4(yhat)), L = \(Self.fmt4(w.loss)).",
                                           zh: "x1、x2、九个参数、z1、z2、h1、h2、z3、ŷ、y 和 L 各占一个框，框里写着它的值和梯度 ∂L/∂（该框）；∂L/∂w1 = \(Self.fmt4(g[0]))，ŷ = \(Self.fmt4(yhat))，L = \(Self.fmt4(w.loss))。"),
                    Self.graph(w))

        page.section("Checking every gradient", zh: "逐个核对梯度")
        page.say("""
            A derivative can be checked without any calculus: nudge one parameter by $h = 10^{-5}$ up and down and see how much the \
            loss moves, $\\frac{L(p + h) - L(p - h)}{2h}$. The table compares this central difference with backpropagation for all \
            nine parameters; the relative error is $|a - n| / \\max(|a|, |n|)$.
            """, zh: """
            导数不用微积分也能核对：把某个参数上下各挪动 $h = 10^{-5}$，看损失变了多少，即 $\\frac{L(p + h) - L(p - h)}{2h}$（中心差分）。\
            下表把九个参数的中心差分和反向传播的结果逐一对比；相对误差定义为 $|a - n| / \\max(|a|, |n|)$。
            """)
        let entries = GradientCheck.compare(analytic: g, at: p) { q in
            SigmoidNetwork(sizes: Self.sizes, parameters: q).meanSquaredError(inputs: [w.x], targets: [[w.y]])
        }
        page.table(Self.checkColumns, Self.checkRows(entries))
        let worst = entries.map(\.relativeError).max() ?? 0
        page.record("gradient_check_relative_errors", entries.map(\.relativeError))
        page.record("gradient_check_max_relative_error", worst)
        page.say("The largest relative error is $\(Self.tex(worst))$: backpropagation and the numerical derivative agree to about \(Int(-Double.log10(max(worst, 1e-16)))) digits.",
                 zh: "最大相对误差为 $\(Self.tex(worst))$：反向传播与数值导数大约有 \(Int(-Double.log10(max(worst, 1e-16)))) 位有效数字一致。")
    }

    static let checkColumns = [Localized("parameter", zh: "参数"), Localized("backprop $a$", zh: "反向传播 $a$"),
                               Localized("central difference $n$", zh: "中心差分 $n$"), Localized("relative error", zh: "相对误差")]

    static func checkRows(_ entries: [GradientCheck.Entry]) -> [[Table.Cell]] {
        entries.enumerated().map { k, e in
            [.math(.symbol(tex: texNames[k], text: names[k])), .number(e.analytic, digits: 10), .number(e.numeric, digits: 10),
             .number(e.relativeError, digits: 2)]
        }
    }

    /// Alice's computation graph: every node with its value and ∂L/∂(node).
    static func graph(_ w: Worked) -> ComputationGraph {
        let p = w.net.parameters, g = w.back.gradient
        func param(_ k: Int) -> ComputationGraph.Node {
            .init(names[k], label: names[k], value: p[k], gradient: g[k], kind: .parameter)
        }
        return ComputationGraph(nodes: [
            param(0), param(1), param(6),
            .init("x1", value: w.x[0], gradient: w.back.dInput[0], kind: .data),
            .init("x2", value: w.x[1], gradient: w.back.dInput[1], kind: .data),
            param(2), param(3), param(7),
            .init("z1", op: "Σ", inputs: ["w1", "x1", "w2", "x2", "b1"], value: w.pass.z[0][0], gradient: w.back.dZ[0][0], kind: .computed),
            .init("z2", op: "Σ", inputs: ["w3", "x1", "w4", "x2", "b2"], value: w.pass.z[0][1], gradient: w.back.dZ[0][1], kind: .computed),
            .init("h1", op: "σ", inputs: ["z1"], value: w.pass.a[0][0], gradient: w.back.dA[0][0], kind: .computed),
            param(4),
            .init("h2", op: "σ", inputs: ["z2"], value: w.pass.a[0][1], gradient: w.back.dA[0][1], kind: .computed),
            param(5), param(8),
            .init("z3", op: "Σ", inputs: ["w5", "h1", "w6", "h2", "b3"], value: w.pass.z[1][0], gradient: w.back.dZ[1][0], kind: .computed),
            .init("yhat", label: "ŷ", op: "σ", inputs: ["z3"], value: w.pass.output[0], gradient: w.back.dA[1][0], kind: .computed),
            .init("y", value: w.y, gradient: nil, kind: .data),
            .init("L", label: "L = (y − ŷ)²", op: "( )²", inputs: ["y", "yhat"], value: w.loss, gradient: 1, kind: .loss),
        ])
    }
}


extension BackpropLesson {
    /// x rounded to `decimals` places, as a text prints it.
    static func rounded(_ x: Double, _ decimals: Int) -> Double {
        let scale = Double.pow(10, Double(decimals))
        return (x * scale).rounded() / scale
    }

    /// Four significant digits, for prose that quotes the article's precision.
    static func fmt4(_ x: Double) -> String { NumberFormat.short(x, significant: 4) }

    /// A number as TeX (scientific values as 1.5 \times 10^{-7}).
    static func tex(_ x: Double, digits: Int = 2) -> String { ExprRendering.texNumber(x, digits: digits) }

    /// Short symbols used in the worked steps.
    enum Sym {
        static func z(_ i: Int) -> Expr { .symbol(tex: "z_\(i)", text: "z\(i)") }
        static func h(_ i: Int) -> Expr { .symbol(tex: "h_\(i)", text: "h\(i)") }
        static func w(_ i: Int) -> Expr { .symbol(tex: "w_\(i)", text: "w\(i)") }
        static let yhat = Expr.symbol(tex: "\\hat y", text: "ŷ")
        /// ∂top/∂bottom as a fraction in TeX and "∂top/∂bottom" in text.
        static func d(_ top: String, _ bottom: String, _ topText: String? = nil, _ bottomText: String? = nil) -> Expr {
            .symbol(tex: "\\frac{\\partial \(top)}{\\partial \(bottom)}", text: "∂\(topText ?? top)/∂\(bottomText ?? bottom)")
        }
    }
}
