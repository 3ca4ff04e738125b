import ArgumentParser
import LessonKit
import LonghandEngine
import Notebook

/// Lesson 12: how accuracy is computed — `000`'s thresholded multi-label example and its (n − m)/n
/// erratum, argmax accuracy, the confusion matrix, precision and recall, and a train/validation/test split.
public struct EvaluationLesson: Lesson {
    public static let configuration = CommandConfiguration(
        commandName: id,
        abstract: "Accuracy worked out: thresholds, argmax, the confusion matrix, precision, recall and a seeded three-way split.",
        discussion: """
        The first part decides the text's multi-label output with --threshold. The rest builds a seeded data \
        set of --samples points in three classes (A, B, C), splits it by --split, trains one small network per \
        --widths entry and grades the one the validation set prefers. Bad input prints one line naming the \
        option and exits with 64.
        """)
    public static let position = 120
    public static let title = Localized("Evaluation: how accurate is a network?", zh: "评估：网络到底有多准？")
    public static let summary = Localized("Thresholding a multi-label output, accuracy (n − m)/n (not n/m), argmax accuracy, the confusion matrix, precision and recall, and what the training, validation and test sets are each for.",
                                          zh: "多标签输出按阈值判定，准确率 (n − m)/n（而不是 n/m），argmax 准确率，混淆矩阵，精确率与召回率，以及训练集、验证集、测试集各自的用途。")
    public static let part = CoursePart.trainingCraft

    /// A class of the data set, as named on the command line.
    public enum ClassName: String, ExpressibleByArgument, CaseIterable, Sendable {
        case A, B, C
        /// 0, 1 or 2.
        public var index: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    }

    @OptionGroup public var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: Self.help("outputs"))
    public var outputs = NumberList(EvaluationLesson.textOutputs)

    @Option(name: .long, parsing: .unconditional, help: Self.help("targets"))
    public var targets = NumberList(EvaluationLesson.textTargets)

    @Option(name: .long, parsing: .unconditional, help: Self.help("threshold"))
    public var threshold = FiniteNumber(0.7)

    @Option(name: .long, parsing: .unconditional, help: Self.help("samples"))
    public var samples = 240

    @Option(name: .long, parsing: .unconditional, help: Self.help("split"))
    public var split = NumberList([0.6, 0.2, 0.2])

    @Option(name: .long, parsing: .unconditional, help: Self.help("spread"))
    public var spread = FiniteNumber(0.9)

    @Option(name: .long, parsing: .unconditional, help: Self.help("widths"))
    public var widths = NumberList([1, 3, 24])

    @Option(name: .long, parsing: .unconditional, help: Self.help("iterations"))
    public var iterations = 400

    @Option(name: .long, parsing: .unconditional, help: Self.help("learning-rate"))
    public var learningRate = FiniteNumber(0.5)

    @Option(name: .long, parsing: .unconditional, help: Self.help("positive-class"))
    public var positiveClass = ClassName.B

    @Option(name: .long, parsing: .unconditional, help: Self.help("seed"))
    public var seed = 7

    public init() {}

    public static var options: [LessonOption<Self>] {[
        .numbers("outputs", \.outputs, count: .between(1...8), each: 0...1,
                 label: Localized("Network outputs", zh: "网络输出"),
                 help: Localized("The network's multi-label output (the text's fourth value is cut off; 0.9 stands in)", zh: "网络的多标签输出（原文第四个值被截掉了，用 0.9 代替）"), valueName: "y1,y2,…"),
        .numbers("targets", \.targets, count: .sameAs("outputs"), each: 0...1, whole: true,
                 label: Localized("Expected labels", zh: "期望标签"), help: Localized("The expected labels, 0 or 1, one per output", zh: "期望的标签，0 或 1，每个输出对应一个"), valueName: "t1,t2,…"),
        .number("threshold", \.threshold, 0...1,
                label: Localized("Threshold", zh: "阈值"), help: Localized("An output greater than this counts as 1", zh: "输出大于它就记为 1"), valueName: "t"),
        .integer("samples", \.samples, 30...600,
                 label: Localized("Points", zh: "数据点数"), help: Localized("Points in the three-class data set", zh: "三类数据集中的点数")),
        .numbers("split", \.split, count: .exactly(3), each: 0.05...0.9,
                 label: Localized("Split", zh: "划分比例"),
                 help: Localized("Fractions for training, validation and test, adding up to 1", zh: "训练、验证、测试三部分的比例，加起来等于 1"), valueName: "train,val,test")
            .extremes(values: ["0.05,0.05,0.9", "0.9,0.05,0.05"]),
        .number("spread", \.spread, 0.1...3,
                label: Localized("Spread", zh: "散布程度"), help: Localized("Standard deviation of each class's cloud of points", zh: "每一类点云的标准差"), valueName: "s"),
        .numbers("widths", \.widths, count: .between(1...4), each: 1...32, whole: true,
                 label: Localized("Candidate widths", zh: "候选宽度"),
                 help: Localized("Hidden-layer widths to choose from with the validation set", zh: "用验证集从中挑选的隐藏层宽度"), valueName: "w1,w2,…"),
        .integer("iterations", \.iterations, 1...2000,
                 label: Localized("Iterations", zh: "迭代次数"), help: Localized("Gradient-descent steps for each candidate network", zh: "每个候选网络的梯度下降步数")),
        .number("learning-rate", \.learningRate, 1e-9...5,
                label: Localized("Learning rate η", zh: "学习率 η"), help: Localized("Learning rate η", zh: "学习率 η"), valueName: "eta"),
        .choice("positive-class", \.positiveClass,
                label: Localized("Positive class", zh: "正类"),
                help: Localized("The class whose precision and recall are worked out", zh: "计算精确率和召回率时当作正类的类别"), valueName: "class"),
        .integer("seed", \.seed, 0...Int.max,
                 label: Localized("Seed", zh: "随机种子"), help: Localized("Seed of the data, the split and the initial weights", zh: "数据、划分和初始权重的种子")),
    ]}

    public func validateTogether() throws(OptionError) {
        let total = split.values.reduce(0, +)
        guard abs(total - 1) < 1e-9 else {
            throw Check.refuse("split", "\(Check.format(split.values)) adds up to \(Check.format([total])); accepted: three fractions from 0.05 to 0.9 adding up to 1",
                               zh: "\(Check.format(split.values)) 加起来是 \(Check.format([total]))；可接受：三个 0.05 到 0.9 之间、加起来等于 1 的比例")
        }
    }

    public static func randomArguments(_ random: inout SeededRandom) -> [String] {
        let k = RandomArguments.integer(&random, 1...6)
        let targets = (0..<k).map { _ in random.uniform() < 0.5 ? "0" : "1" }.joined(separator: ",")
        let a = RandomArguments.number(&random, 0.3...0.8, decimals: 2)
        let b = RandomArguments.number(&random, 0.05...(0.95 - a - 0.05), decimals: 2)
        let c = 1 - a - b
        let widthCount = RandomArguments.integer(&random, 1...3)
        return ["--outputs", RandomArguments.list(&random, count: k, 0...1, decimals: 4), "--targets", targets,
                "--threshold", RandomArguments.text(RandomArguments.number(&random, 0...1, decimals: 2)),
                "--samples", String(RandomArguments.integer(&random, 30...200)),
                "--split", [a, b, c].map { RandomArguments.text(($0 * 100).rounded() / 100) }.joined(separator: ","),
                "--spread", RandomArguments.text(RandomArguments.number(&random, 0.1...3, decimals: 2)),
                "--widths", (0..<widthCount).map { _ in String(RandomArguments.integer(&random, 1...12)) }.joined(separator: ","),
                "--iterations", String(RandomArguments.integer(&random, 1...150)),
                "--learning-rate", RandomArguments.text(RandomArguments.number(&random, 0.01...5, decimals: 2)),
                "--positive-class", ClassName.allCases[random.index(below: 3)].rawValue,
                "--seed", String(RandomArguments.integer(&random, 0...10_000))]
    }

    static let classNames = ClassName.allCases.map { Localized(same: $0.rawValue) }

    /// `000`'s multi-label example: the outputs (its lost fourth value replaced by 0.9) and the expected labels.
    static let textOutputs: [Double] = [0.9968, 0, 0.0001, 0.9]
    static let textTargets: [Double] = [1, 0, 0, 1]

    public func write(_ page: inout Page) throws {
        page.say("""
            A network has been trained; how good is it? Source text `000` answers a reader who asked exactly this: \
            *the standard of accuracy is one you define yourself*. The network's raw outputs are numbers between 0 and 1, \
            so first a rule turns them into answers, then the answers are compared with the expected ones and counted. \
            This lesson works through that rule on the text's example, corrects the text's formula for the rate, \
            and then grades a real (small) classifier the way it should be graded: with a confusion matrix, precision and \
            recall, on data it has never seen.
            """, zh: """
            网络训练好了，它到底有多好？原文 `000` 回答过一位读者的这个问题：*准确率的标准是自己定义的*。\
            网络的原始输出是 0 到 1 之间的小数，所以先要用一条规则把它们变成答案，再把答案与期望答案比较、计数。\
            本课先在原文的例子上把这条规则走一遍，改正原文里正确率的公式，\
            然后按应有的方式给一个真正的（小）分类器打分：用混淆矩阵、精确率和召回率，并且在它从未见过的数据上打分。
            """)
        writeThreshold(&page)
        let model = buildModel()
        writeSplit(&page, model)
        writeSelection(&page, model)
        writeArgmax(&page, model)
        writeConfusion(&page, model)
        writePurposes(&page, model)
        writeExercises(&page, model)
        writeSourcePassages(&page)
    }

    // MARK: The text's multi-label example

    func writeThreshold(_ page: inout Page) {
        let y = outputs.values, t = targets.values, c = threshold.value
        let textExample = y == Self.textOutputs && t == Self.textTargets
        page.section("Deciding a multi-label output", zh: "判定一个多标签输出")
        page.say(textExample ? """
            In `000`'s example the expected output is $[\(t.map(fmt).joined(separator: ", "))]$; each position says whether one \
            property is present (the text's reading: pneumonia, hepatitis, nephritis, cholecystitis — 1 yes, 0 no). \
            The network outputs $[\(y.map(fmt).joined(separator: ", "))]$. Every element greater than a chosen threshold, \
            here $\(fmt(c))$, counts as 1, every other as 0:
            """ : """
            `000`'s example has a multi-label output: each position says whether one property is present (1 yes, 0 no). \
            These are your numbers, not the text's: the expected output is $[\(t.map(fmt).joined(separator: ", "))]$ and the network \
            outputs $[\(y.map(fmt).joined(separator: ", "))]$. Every element greater than a chosen threshold, here $\(fmt(c))$, \
            counts as 1, every other as 0:
            """, zh: textExample ? """
            在 `000` 的例子里，期望输出是 $[\(t.map(fmt).joined(separator: ", "))]$，每个位置表示某种属性是否存在\
            （原文的解读：是否肺炎、肝炎、肾炎、胆炎，1 表示是，0 表示不是）。\
            网络的输出是 $[\(y.map(fmt).joined(separator: ", "))]$。凡是大于所选阈值（这里取 $\(fmt(c))$）的元素记为 1，其余记为 0：
            """ : """
            `000` 的例子是一个多标签输出：每个位置表示某种属性是否存在（1 表示是，0 表示不是）。\
            下面是你给的数，而不是原文的：期望输出是 $[\(t.map(fmt).joined(separator: ", "))]$，网络的输出是 \
            $[\(y.map(fmt).joined(separator: ", "))]$。凡是大于所选阈值（这里取 $\(fmt(c))$）的元素记为 1，其余记为 0：
            """)
        let decided = Accuracy.thresholded(y, threshold: c)
        for (i, v) in y.enumerated() {
            page.step(nil, .symbol(tex: "\\hat{y}_{\(i + 1)}", text: "ŷ\(i + 1)"),
                      [.raw(tex: "[\\,\(ExprRendering.texNumber(v)) > \(ExprRendering.texNumber(c))\\,]",
                            text: "[\(NumberFormat.short(v)) > \(NumberFormat.short(c))]")],
                      value: decided[i])
        }
        page.record("outputs", y)
        page.record("thresholded", decided)
        page.convention("""
            An element counts as 1 only when it is **strictly greater** than the threshold (`000`: 大于一定的值); an output exactly \
            at the threshold counts as 0. The bracket $[\\,P\\,]$ is 1 when the statement $P$ is true and 0 when it is false.
            """, zh: """
            只有**严格大于**阈值的元素才记为 1（`000`：“大于一定的值”）；恰好等于阈值的输出记为 0。\
            方括号 $[\\,P\\,]$ 在命题 $P$ 成立时等于 1，不成立时等于 0。
            """)
        if textExample {
            page.erratum(c < 0.9 ? """
                The text prints the fourth output as 0.9∗∗∗0: its middle digits are lost. This lesson uses 0.9 in its place. \
                Every value the lost digits allow lies between 0.9 and 1, above the threshold \(fmt(c)), so they do not change the decision.
                """ : """
                The text prints the fourth output as 0.9∗∗∗0: its middle digits are lost. This lesson uses 0.9 in its place. \
                With the threshold \(fmt(c)) the lost digits matter: a value between 0.9 and 1 may fall on either side of it.
                """, zh: c < 0.9 ? """
                原文把第四个输出印成了 0.9∗∗∗0，中间的数字丢失了。本课用 0.9 代替。\
                丢失的数字所允许的值都在 0.9 到 1 之间，都大于阈值 \(fmt(c))，所以不影响判定结果。
                """ : """
                原文把第四个输出印成了 0.9∗∗∗0，中间的数字丢失了。本课用 0.9 代替。\
                阈值取 \(fmt(c)) 时，丢失的数字就有影响了：0.9 到 1 之间的值可能落在阈值的任何一侧。
                """)
        }
        let matches = Accuracy.matchingLabels(decided, t)
        let correct = Accuracy.exactMatch(decided, t)
        page.figure("threshold", title: Localized("Each output against the threshold", zh: "每个输出与阈值比较"),
                    description: Localized("The \(y.count) outputs plotted by position, with the threshold \(fmt(c)) as a dashed line; points above it count as 1.",
                                           zh: "按位置画出 \(y.count) 个输出，虚线是阈值 \(fmt(c))；在虚线之上的点记为 1。"),
                    thresholdPlot(y, t, c))
        page.table([Localized("position", zh: "位置"), Localized("output $y_i$", zh: "输出 $y_i$"), Localized("decided $\\hat{y}_i$", zh: "判定 $\\hat{y}_i$"),
                    Localized("expected $t_i$", zh: "期望 $t_i$"), Localized("agree?", zh: "一致？")],
                   (0..<y.count).map { i in
                       [.number(Double(i + 1)), .number(y[i]), .number(decided[i]), .number(t[i]),
                        .text(decided[i] == t[i] ? Localized("yes", zh: "是") : Localized("no", zh: "否"))]
                   })
        page.say(correct
                 ? "The decided vector $[\(decided.map(fmt).joined(separator: ", "))]$ equals the expected one in every position, so this sample counts as **correct**. `000` grades a sample as a whole: it is right only if all \(t.count) labels agree."
                 : "The decided vector $[\(decided.map(fmt).joined(separator: ", "))]$ differs from the expected one in \(t.count - matches) of \(t.count) positions, so this sample counts as **wrong**. `000` grades a sample as a whole: it is right only if all \(t.count) labels agree.",
                 zh: correct
                 ? "判定后的向量 $[\(decided.map(fmt).joined(separator: ", "))]$ 与期望向量处处相同，所以这个样本算**正确**。`000` 把一个样本作为整体来评判：\(t.count) 个标签全部一致才算对。"
                 : "判定后的向量 $[\(decided.map(fmt).joined(separator: ", "))]$ 与期望向量有 \(t.count - matches) 个位置（共 \(t.count) 个）不同，所以这个样本算**错误**。`000` 把一个样本作为整体来评判：\(t.count) 个标签全部一致才算对。")
        page.record("sample_correct", correct ? 1 : 0)
        page.record("matching_labels", Double(matches))
    }

    func thresholdPlot(_ y: [Double], _ t: [Double], _ c: Double) -> LinePlot {
        let decided = Accuracy.thresholded(y, threshold: c)
        let above = y.indices.filter { decided[$0] == 1 }.map { LinePlot.Point(Double($0 + 1), y[$0]) }
        let below = y.indices.filter { decided[$0] == 0 }.map { LinePlot.Point(Double($0 + 1), y[$0]) }
        let xr = 0.5...(Double(y.count) + 0.5)
        return LinePlot(xLabel: Localized("position i", zh: "位置 i"), yLabel: Localized("output y_i", zh: "输出 y_i"),
                        series: [.init(Localized("counts as 1", zh: "记为 1"), above, style: .points, color: 0,
                                       pointLabels: y.indices.filter { decided[$0] == 1 }.map { NumberFormat.short(y[$0], significant: 4) }),
                                 .init(Localized("counts as 0", zh: "记为 0"), below, style: .points, color: 1,
                                       pointLabels: y.indices.filter { decided[$0] == 0 }.map { NumberFormat.short(y[$0], significant: 4) }),
                                 .init(Localized("threshold \(fmt(c))", zh: "阈值 \(fmt(c))"), [.init(xr.lowerBound, c), .init(xr.upperBound, c)], style: .dashed, color: 6)],
                        xRange: xr, yRange: -0.1...1.5, width: 460, height: 330)
    }
}
