import ArgumentParser
import LessonKit
import LonghandEngine
import Notebook

/// Lesson 5: squared error in its three scalings, softmax and one-hot coding, cross-entropy,
/// and the multiclass hinge loss with an L2 penalty.
public struct LossFunctionsLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: id,
        abstract: "Loss functions: mean squared error, softmax, cross-entropy and the multiclass hinge loss, worked in numbers.",
        discussion: """
        Defaults are the source texts' numbers. Classes are counted from 1 (class I is 1). Bad input (a list of \
        the wrong length, a non-number, NaN or infinity, a value out of range) prints one line naming the option \
        and exits with 64; an --out that cannot be written exits with 73 and writes nothing.
        """)
    public static let position = 50
    public static let title = Localized("Loss functions: how wrong is the network?", zh: "损失函数：网络错得有多远？")
    public static let summary = Localized("Mean squared error in the three scalings the texts use, softmax step by step, one-hot coding, cross-entropy (−ln 0.9 = 0.105, not 0.046), and the multiclass hinge loss with its L2 penalty.",
                                          zh: "三种写法的均方误差、一步一步算 softmax、独热编码、交叉熵（−ln 0.9 = 0.105，而不是 0.046），以及带 L2 惩罚项的多类别合页损失。")
    public static let part = CoursePart.forwardPass

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: Self.help("y-true"))
    public var yTrue = NumberList([1, 0, 0, 1])

    @Option(name: .long, parsing: .unconditional, help: Self.help("y-pred"))
    public var yPred = NumberList([0, 0, 0, 0])

    @Option(name: .long, parsing: .unconditional, help: Self.help("scores"))
    public var scores = NumberList([3, 1, 0.1, 0.5])

    @Option(name: .long, parsing: .unconditional, help: Self.help("true-class"))
    public var trueClass = 1

    @Option(name: .long, parsing: .unconditional, help: Self.help("weights"))
    public var weights = NumberList([1, 1.2, 2, 1.1, -0.5, -0.7])

    @Option(name: .long, parsing: .unconditional, help: Self.help("input"))
    public var input = NumberList([2, 1])

    @Option(name: .long, parsing: .unconditional, help: Self.help("label"))
    public var label = 1

    @Option(name: .long, parsing: .unconditional, help: Self.help("lambda"))
    public var lambda = FiniteNumber(0.1)

    public init() {}

    public static var options: [LessonOption<Self>] {[
        .numbers("y-true", \.yTrue, count: .between(1...10), each: -1000...1000,
                 label: Localized("True values", zh: "真实值"), help: Localized("True values y_true of the samples", zh: "各样本的真实值 y_true"), valueName: "y1,y2,..."),
        .numbers("y-pred", \.yPred, count: .sameAs("y-true"), each: -1000...1000,
                 label: Localized("Predictions", zh: "预测值"), help: Localized("Predictions y_pred, one per true value", zh: "预测值 y_pred，每个真实值对应一个"), valueName: "p1,p2,..."),
        .numbers("scores", \.scores, count: .between(2...10), each: -1000...1000,
                 label: Localized("Scores", zh: "得分"), help: Localized("Output scores for softmax and cross-entropy", zh: "送进 softmax 和交叉熵的输出得分"), valueName: "s1,s2,...")
            // Scores hundreds apart make e^s overflow in the printed softmax steps (reported to the
            // lesson's owner); random tests stay where the page prints finite numbers.
            .sampled(.list(count: .between(2...10), each: -30...30)),
        .integer("true-class", \.trueClass, 1...10,
                 label: Localized("Correct class", zh: "正确类别"),
                 help: Localized("The correct class for the scores, counted from 1, at most the number of scores", zh: "这组得分的正确类别，从 1 数起，不超过得分的个数"), valueName: "k")
            .extremes(need: ["--scores", "1,2,3,4,5,6,7,8,9,10"]),
        .numbers("weights", \.weights, count: .exactly(6), each: -100...100,
                 label: Localized("Hinge weights W", zh: "合页损失的权重 W"),
                 help: Localized("The hinge example's weights W (3 classes × 2 inputs), row by row", zh: "合页损失例子的权重 W（3 个类别 × 2 个输入），逐行给出"), valueName: "w11,w12,...,w32")
            .json { .matrix($0.weightMatrix.nested) },
        .numbers("input", \.input, count: .exactly(2), each: -100...100,
                 label: Localized("Hinge input x", zh: "合页损失的输入 x"), help: Localized("The hinge example's input x", zh: "合页损失例子的输入 x"), valueName: "x1,x2"),
        .integer("label", \.label, 1...3,
                 label: Localized("Hinge class", zh: "合页损失的类别"),
                 help: Localized("The hinge example's correct class: 1 (cat), 2 (car) or 3 (frog)", zh: "合页损失例子的正确类别：1（猫）、2（汽车）或 3（青蛙）"), valueName: "k"),
        .number("lambda", \.lambda, 0...100,
                label: Localized("L2 strength λ", zh: "L2 强度 λ"), help: Localized("Strength λ of the L2 penalty", zh: "L2 惩罚的强度 λ"), valueName: "λ"),
    ]}

    public func validateTogether() throws(OptionError) {
        if trueClass > scores.values.count {
            throw Check.refuse("true-class", "\(trueClass) is above the number of scores, \(scores.values.count); accepted: a class from 1 to \(scores.values.count)",
                               zh: "\(trueClass) 超过了得分的个数 \(scores.values.count)；可接受：1 到 \(scores.values.count) 之间的类别")
        }
    }

    /// W as a 3×2 matrix, one row per class.
    var weightMatrix: Matrix { Matrix(rows: 3, columns: 2, values: weights.values) }

    /// The people of text `003`'s example, when there are four samples.
    static let people = ["Alice", "Bob", "Charlie", "Diana"]
    /// Text `002`'s illustrative percentages for the scores (3, 1, 0.1, 0.5).
    static let textPercentages: [Double] = [0.90, 0.05, 0.02, 0.03]
    /// The probability text `002` uses for its cross-entropy example.
    static let textProbability = 0.9

    public func write(_ page: inout Page) throws {
        let isTextInput = yTrue.values == [1, 0, 0, 1] && yPred.values == [0, 0, 0, 0] && scores.values == [3, 1, 0.1, 0.5]
            && trueClass == 1 && weights.values == [1, 1.2, 2, 1.1, -0.5, -0.7] && input.values == [2, 1] && label == 1
        page.say("""
            A network's output is only useful if we can say how far it is from the right answer. A **loss function** turns \
            that gap into one number: the better the predictions, the lower the loss (text `003`), and training a network \
            means making the loss smaller (text `001`). This lesson works out the losses the source texts use, \(isTextInput ? "each with the numbers the texts use." : "by default with the numbers the texts use; this page uses yours where you gave them.")
            """, zh: """
            网络的输出要有用，就得能说清它离正确答案有多远。**损失函数**把这段差距变成一个数：预测越好，损失越低（原文 `003`）；\
            训练网络，就是让损失变小（原文 `001`）。\(isTextInput ? "本课用原文自己的数字，把各篇原文用到的损失函数逐一算出来。" : "本课把各篇原文用到的损失函数逐一算出来；默认用原文自己的数字，你给了数的地方就用你的数。")
            """)
        writeSquaredError(into: &page)
        let probabilities = writeSoftmax(into: &page)
        writeCrossEntropy(probabilities: probabilities, into: &page)
        writeHinge(into: &page)
        writeExercises(into: &page)
        writeSourcePassages(&page)
    }

    func writeSquaredError(into page: inout Page) {
        let t = yTrue.values, p = yPred.values, n = t.count
        page.section("Mean squared error", zh: "均方误差")
        let isTextData = t == [1, 0, 0, 1]
        let allZero = p.allSatisfy { $0 == 0 }
        let data = isTextData
            ? Localized("Text `003` predicts gender from weight and height for Alice, Bob, Charlie and Diana ($y_{\\text{true}} = 1$ for female).",
                        zh: "原文 `003` 根据体重和身高预测性别，样本是 Alice、Bob、Charlie 和 Diana（女性记 $y_{\\text{真实}} = 1$）。")
            : Localized("Text `003` predicts gender from weight and height for four people, $y_{\\text{true}} = (1, 0, 0, 1)$; here the true values are yours, $y_{\\text{true}} = \(tupleText(t))$.",
                        zh: "原文 `003` 根据体重和身高给四个人预测性别，$y_{\\text{真实}} = (1, 0, 0, 1)$；这里的真实值换成你给的 $y_{\\text{真实}} = \(tupleText(t))$。")
        let question = allZero
            ? Localized(isTextData ? "Suppose the network always outputs 0: it is sure everyone is male. How big is its loss?"
                                   : "Suppose the network always outputs 0. How big is its loss?",
                        zh: isTextData ? "假设网络永远输出 0，即认定所有人都是男性，它的损失有多大？" : "假设网络永远输出 0，它的损失有多大？")
            : Localized("Take the predictions $y_{\\text{pred}} = \(tupleText(p))$. How big is their loss?",
                        zh: "取预测 $y_{\\text{预测}} = \(tupleText(p))$，损失有多大？")
        page.say("""
            \(data.en) \(question.en) The mean squared error averages the squared differences:
            """, zh: """
            \(data.zh)\(question.zh)均方误差就是把差值平方后取平均：
            """)
        page.equation(tex: "\\mathrm{MSE} = \\frac{1}{n} \\sum_{i=1}^{n} (y_{\(MathWords.text("true", zh: "真实"))} - y_{\(MathWords.text("pred", zh: "预测"))})^2",
                      text: "MSE = (1/n) Σ (y_true − y_pred)²")
        let squares = SquaredError.squaredErrors(yTrue: t, yPred: p)
        var columns = [Localized("$i$", zh: "$i$")]
        if isTextData { columns.append(Localized("name", zh: "姓名")) }
        columns += [Localized("$y_{\\text{true}}$", zh: "$y_{\\text{真实}}$"), Localized("$y_{\\text{pred}}$", zh: "$y_{\\text{预测}}$"),
                    Localized("$(y_{\\text{true}} - y_{\\text{pred}})^2$", zh: "$(y_{\\text{真实}} - y_{\\text{预测}})^2$"),
                    Localized("value", zh: "值")]
        page.table(columns, t.indices.map { i in
            var row: [Table.Cell] = [.number(Double(i + 1))]
            if isTextData { row.append(.text(Localized(same: Self.people[i]))) }
            return row + [.number(t[i]), .number(p[i]), .math(.power(.group(.difference(.n(t[i]), .n(p[i]))), .n(2))), .number(squares[i])]
        })
        page.record("squared_errors", squares)
        let total = squares.reduce(0, +)
        page.step("squared_error_sum", .raw(tex: "\\sum_i (y_{\(MathWords.text("true", zh: "真实"))} - y_{\(MathWords.text("pred", zh: "预测"))})^2", text: "Σ (y_true − y_pred)²"),
                  [.sum(squares.map { .n($0) })], value: total)
        let mean = SquaredError.loss(yTrue: t, yPred: p, scaling: .mean)
        page.step("mse_mean", .symbol(tex: "\\mathrm{MSE}", text: "MSE"), [.product([.quotient(.n(1), .n(Double(n))), .n(total)])], value: mean)
        let verdict: Localized
        if mean == 0 {
            verdict = Localized("Every prediction is exact, so the loss is 0, the smallest a squared error can be.",
                                zh: "每个预测都完全正确，所以损失为 0，这是平方误差所能达到的最小值。")
        } else if allZero {
            verdict = Localized("So the always-zero network has a loss of \(fmt(mean)). A better network, one whose predictions are closer, has a lower loss.",
                                zh: "所以这个永远输出 0 的网络，损失是 \(fmt(mean))。预测越接近真实值的网络，损失就越低。")
        } else {
            verdict = Localized("So these predictions have a loss of \(fmt(mean)). Predictions closer to the true values would have a lower loss.",
                                zh: "所以这组预测的损失是 \(fmt(mean))。预测越接近真实值，损失就越低。")
        }
        page.say(verdict.en, zh: verdict.zh)

        page.subsection("Three scalings of the same sum", zh: "同一个和的三种写法")
        page.say("""
            The texts do not agree on the constant in front of the sum. Text `003` divides by $n$; text `001` writes \
            $e = \\frac{1}{2}(y_{\\text{true}} - y_{\\text{pred}})^2$ per sample and adds them up; text `000` uses the quadratic cost \
            $C = \\frac{1}{2n}\\sum_x \\lVert y(x) - a \\rVert^2$, where the norm adds the squares of all outputs of one sample \
            (here each sample has one output). For the same numbers:
            """, zh: """
            几篇原文在求和前面乘的常数并不一致。原文 `003` 除以 $n$；原文 `001` 对每个样本写 $e = \\frac{1}{2}(y_{\\text{真实}} - y_{\\text{预测}})^2$，\
            再把它们加起来；原文 `000` 用的是二次代价函数 $C = \\frac{1}{2n}\\sum_x \\lVert y(x) - a \\rVert^2$，其中的模把一个样本\
            所有输出的平方加在一起（这里每个样本只有一个输出）。用同一组数字来算：
            """)
        let half = SquaredError.loss(yTrue: t, yPred: p, scaling: .halfSum)
        let halfMean = SquaredError.loss(yTrue: t, yPred: p, scaling: .halfMean)
        page.step("mse_half_sum", .sym("E"), [.product([.quotient(.n(1), .n(2)), .n(total)])], value: half)
        page.step("mse_half_mean", .sym("C"), [.product([.quotient(.n(1), .product([.n(2), .n(Double(n))])), .n(total)])], value: halfMean)
        let gradients = [SquaredError.Scaling.mean, .halfSum, .halfMean].map { SquaredError.gradient(yTrue: t, yPred: p, scaling: $0) }
        page.table([Localized("scaling", zh: "写法"), Localized("source", zh: "出处"), Localized("loss", zh: "损失"),
                    Localized("$\\partial L / \\partial y_{\\text{pred}, i} = -2c\\,(y_{\\text{true}} - y_{\\text{pred}})$",
                              zh: "$\\partial L / \\partial y_{\\text{预测}, i} = -2c\\,(y_{\\text{真实}} - y_{\\text{预测}})$")],
                   [[.math(.raw(tex: "\\frac{1}{n}\\sum", text: "(1/n)Σ")), .text(Localized("`003`", zh: "`003`")), .number(mean), .math(tuple(gradients[0]))],
                    [.math(.raw(tex: "\\frac{1}{2}\\sum", text: "(1/2)Σ")), .text(Localized("`001`", zh: "`001`")), .number(half), .math(tuple(gradients[1]))],
                    [.math(.raw(tex: "\\frac{1}{2n}\\sum", text: "(1/2n)Σ")), .text(Localized("`000`", zh: "`000`")), .number(halfMean), .math(tuple(gradients[2]))]],
                   caption: Localized("$c$ is the constant in front of the sum.", zh: "$c$ 是求和号前面的常数。"))
        page.record("mse_mean_gradient", gradients[0])
        page.record("mse_half_sum_gradient", gradients[1])
        page.record("mse_half_mean_gradient", gradients[2])
        page.say("""
            The three losses differ only by a constant factor, so they are smallest for the same predictions, and their gradients \
            differ by that same factor, which a change of learning rate absorbs. The $\\frac{1}{2}$ is there for convenience: it \
            cancels the 2 that differentiating the square brings down.
            """, zh: """
            三种损失只差一个常数倍，所以在同一组预测上取到最小值；它们的梯度也只差同一个常数倍，调整学习率就能抵消。\
            那个 $\\frac{1}{2}$ 只是为了方便：它正好抵消对平方求导时落下来的 2。
            """)
        page.convention("""
            In this course “mean squared error” means $\\frac{1}{n}\\sum (y_{\\text{true}} - y_{\\text{pred}})^2$, as in text `003`; \
            a lesson that uses another scaling says so.
            """, zh: """
            本课程中“均方误差”一律指 $\\frac{1}{n}\\sum (y_{\\text{真实}} - y_{\\text{预测}})^2$，与原文 `003` 相同；\
            哪一课用了别的写法，会专门说明。
            """)
    }
}

/// Roman numerals for class names: I, II, III, IV, …
func roman(_ k: Int) -> String {
    let names = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    return k >= 1 && k <= names.count ? names[k - 1] : String(k)
}
