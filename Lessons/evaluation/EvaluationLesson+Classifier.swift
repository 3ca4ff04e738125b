import LonghandEngine
import Notebook

/// The three-class data set, its seeded split, the candidate networks and the chosen one's test results.
struct EvaluationModel {
    /// One candidate network, trained on the training set and graded on the validation set.
    struct Candidate {
        let width: Int
        let network: Network
        let trainLoss: Double
        let trainAccuracy: Double
        let validationLoss: Double
        let validationAccuracy: Double
    }

    let inputs: Matrix
    let labels: [Int]
    let split: DataSplit
    let candidates: [Candidate]
    let chosen: Int
    let testProbabilities: Matrix
    let testPredictions: [Int]
    let testLabels: [Int]
    let confusion: ConfusionMatrix

    var best: Candidate { candidates[chosen] }
    func rows(_ indices: [Int]) -> Matrix { DataSplit.rows(inputs, indices) }
    func labels(_ indices: [Int]) -> [Int] { DataSplit.pick(labels, indices) }
}

extension EvaluationLesson {
    /// `count` points in three classes: class k = i mod 3 is a round cloud of standard deviation `spread`
    /// around the point at distance 1.5 from the origin, at angle 90° + 120°·k.
    static func dataSet(count: Int, spread: Double, seed: Int) -> (inputs: Matrix, labels: [Int]) {
        var random = SeededRandom(seed: UInt64(seed))
        return ToyData.clusters(count: count, spread: spread, using: &random)
    }

    /// Builds the data, splits it, trains every candidate width and grades the validation set's choice on the test set.
    func buildModel() -> EvaluationModel {
        let data = Self.dataSet(count: samples, spread: spread.value, seed: seed)
        let split = DataSplit(count: samples, trainFraction: self.split.values[0], validationFraction: self.split.values[1],
                              seed: UInt64(seed) &+ 1)
        let xTrain = DataSplit.rows(data.inputs, split.train), yTrain = DataSplit.pick(data.labels, split.train)
        let xVal = DataSplit.rows(data.inputs, split.validation), yVal = DataSplit.pick(data.labels, split.validation)
        var candidates: [EvaluationModel.Candidate] = []
        for (c, w) in widths.values.map({ Int($0) }).enumerated() {
            var random = SeededRandom(seed: UInt64(seed) &+ 100 &+ UInt64(c))
            let start = Network(sizes: [2, w, 3], hidden: .tanh, output: .identity, initializer: .lecun, using: &random)
            let trained = start.trained(on: xTrain, .softmaxCrossEntropy(labels: yTrain), learningRate: learningRate.value, iterations: iterations).network
            let trainGrade = SoftmaxCrossEntropy(logits: trained.predict(xTrain), labels: yTrain)
            let valGrade = SoftmaxCrossEntropy(logits: trained.predict(xVal), labels: yVal)
            candidates.append(.init(width: w, network: trained, trainLoss: trainGrade.loss,
                                    trainAccuracy: Accuracy.of(predictions: trainGrade.predictions, labels: yTrain),
                                    validationLoss: valGrade.loss,
                                    validationAccuracy: Accuracy.of(predictions: valGrade.predictions, labels: yVal)))
        }
        // Highest validation accuracy; ties go to the lower validation loss, then to the earlier (narrower) candidate.
        var chosen = 0
        for (i, c) in candidates.enumerated().dropFirst() {
            let b = candidates[chosen]
            if c.validationAccuracy > b.validationAccuracy || (c.validationAccuracy == b.validationAccuracy && c.validationLoss < b.validationLoss) {
                chosen = i
            }
        }
        let xTest = DataSplit.rows(data.inputs, split.test), yTest = DataSplit.pick(data.labels, split.test)
        let probabilities = SoftmaxCrossEntropy.softmax(candidates[chosen].network.predict(xTest))
        let predictions = SoftmaxCrossEntropy.argmax(probabilities)
        return EvaluationModel(inputs: data.inputs, labels: data.labels, split: split, candidates: candidates, chosen: chosen,
                               testProbabilities: probabilities, testPredictions: predictions, testLabels: yTest,
                               confusion: ConfusionMatrix(labels: yTest, predictions: predictions, classes: 3))
    }

    func classCounts(_ labels: [Int]) -> [Int] { (0..<3).map { k in labels.filter { $0 == k }.count } }

    /// How many points lie closer to another class's centre than to their own: the mistakes of the rule
    /// that is best on average for these equal round clouds (nearest centre).
    func nearestCentreMistakes(_ model: EvaluationModel) -> Int {
        let centres = (0..<3).map { k -> (Double, Double) in
            let angle = Double.pi / 2 + 2 * Double.pi * Double(k) / 3
            return (1.5 * Double.cos(angle), 1.5 * Double.cos(angle - Double.pi / 2))
        }
        return (0..<model.labels.count).filter { i in
            let x = model.inputs[i, 0], y = model.inputs[i, 1]
            let d = centres.map { ($0.0 - x) * ($0.0 - x) + ($0.1 - y) * ($0.1 - y) }
            return d.indices.min { d[$0] < d[$1] } != model.labels[i]
        }.count
    }

    func writeSplit(_ page: inout Page, _ model: EvaluationModel) {
        let overlap = nearestCentreMistakes(model)
        page.record("nearest_centre_mistakes", Double(overlap))
        page.section("A data set in three parts", zh: "把数据分成三份")
        page.say("""
            To grade a classifier we need one. The data: \(samples) points in the plane, in three classes A, B and C of equal \
            size; each class is a cloud of standard deviation \(fmt(spread.value)) around its own centre. \
            \(overlap > 0 ? "The clouds overlap: \(overlap) of the \(samples) points lie closer to another class's centre than to their own, so even the rule that is best on average (nearest centre) gets them wrong." : "The clouds are apart: every point lies closer to its own class's centre than to any other.") \
            The points are shuffled by a seeded generator and cut into three parts:
            """, zh: """
            要给分类器打分，先得有一个分类器。数据是平面上的 \(samples) 个点，分为 A、B、C 三类，每类一样多；\
            每一类是围绕各自中心、标准差为 \(fmt(spread.value)) 的一团点。\
            \(overlap > 0 ? "几团点彼此有重叠：\(samples) 个点中有 \(overlap) 个离别的类的中心比离自己类的中心更近，连平均而言最好的规则（离哪个中心近就判为哪类）也会把它们判错。" : "几团点彼此分开：每个点都离自己类的中心最近。")\
            用带种子的随机数把这些点打乱，再切成三份：
            """)
        let parts: [(Localized, [Int], Localized)] = [
            (Localized("training", zh: "训练集"), model.split.train, Localized("fits the weights (gradient descent sees only these)", zh: "拟合权重（梯度下降只看得到它们）")),
            (Localized("validation", zh: "验证集"), model.split.validation, Localized("chooses between settings (here: the hidden width)", zh: "在不同设置之间做选择（这里是隐藏层宽度）")),
            (Localized("test", zh: "测试集"), model.split.test, Localized("graded once, at the very end", zh: "只在最后评一次分")),
        ]
        page.table([Localized("set", zh: "集合"), Localized("points", zh: "点数"), Localized("A", zh: "A"), Localized("B", zh: "B"),
                    Localized("C", zh: "C"), Localized("what it is for", zh: "用途")],
                   parts.map { name, indices, purpose in
                       let c = classCounts(model.labels(indices))
                       return [.text(name), .number(Double(indices.count)), .number(Double(c[0])), .number(Double(c[1])), .number(Double(c[2])), .text(purpose)]
                   })
        page.record("split_sizes", [Double(model.split.train.count), Double(model.split.validation.count), Double(model.split.test.count)])
        page.convention("""
            The split shuffles the indices $0, 1, \\ldots, n - 1$ with a seeded Fisher–Yates shuffle, then takes the first \
            $\\operatorname{round}(\(fmt(split.values[0]))\\,n)$ for training, the next $\\operatorname{round}(\(fmt(split.values[1]))\\,n)$ \
            for validation and the rest for testing. The same seed always gives the same three parts.
            """, zh: """
            划分的做法是：用带种子的 Fisher–Yates 洗牌打乱下标 $0, 1, \\ldots, n - 1$，取前 $\\operatorname{round}(\(fmt(split.values[0]))\\,n)$ 个作训练集，\
            接下来 $\\operatorname{round}(\(fmt(split.values[1]))\\,n)$ 个作验证集，剩下的作测试集。同一个种子总是得到同样的三份。
            """)
        let series: [LinePlot.Series] = (0..<3).map { k in
            let points = (0..<model.labels.count).filter { model.labels[$0] == k }.map { LinePlot.Point(model.inputs[$0, 0], model.inputs[$0, 1]) }
            return .init(Self.classNames[k], points, style: .points, color: k)
        }
        page.figure("data", title: Localized("The three classes", zh: "三个类别"),
                    description: Localized("\(samples) points in the plane coloured by class A, B, C; \(overlap) of them lie closer to another class's centre.",
                                           zh: "平面上的 \(samples) 个点，按 A、B、C 三类着色；其中 \(overlap) 个离别的类的中心更近。"),
                    LinePlot(xLabel: Localized("x1", zh: "x1"), yLabel: Localized("x2", zh: "x2"), series: series, width: 460, height: 420))
    }

    func writeSelection(_ page: inout Page, _ model: EvaluationModel) {
        page.section("Choosing with the validation set", zh: "用验证集做选择")
        page.say("""
            Each candidate is a network 2 → $h$ → 3 with tanh hidden units, a softmax output and cross-entropy loss \
            (natural logarithms), started from seeded 1/√m weights and trained by \(iterations) steps of full-batch gradient \
            descent with $\\eta = \(fmt(learningRate.value))$ on the training set only. The validation set then grades each one:
            """, zh: """
            每个候选网络的结构都是 2 → $h$ → 3：隐藏层用 tanh，输出层接 softmax，损失用交叉熵（自然对数）；\
            权重按 1/√m 规则带种子初始化，只在训练集上做 \(iterations) 步全批量梯度下降，学习率 $\\eta = \(fmt(learningRate.value))$。\
            然后用验证集给每个候选打分：
            """)
        page.table([Localized("hidden width $h$", zh: "隐藏层宽度 $h$"), Localized("training loss", zh: "训练损失"),
                    Localized("training accuracy", zh: "训练准确率"), Localized("validation loss", zh: "验证损失"),
                    Localized("validation accuracy", zh: "验证准确率")],
                   model.candidates.map { c in
                       [.number(Double(c.width)), .number(c.trainLoss, digits: 4), .number(c.trainAccuracy, digits: 4),
                        .number(c.validationLoss, digits: 4), .number(c.validationAccuracy, digits: 4)]
                   })
        let b = model.best
        page.say("""
            The validation set prefers $h = \(b.width)$ (highest validation accuracy, \(pct(b.validationAccuracy)); a tie would go \
            to the lower validation loss). That choice used the validation points, so its validation accuracy is no longer an \
            unbiased grade: it was picked *because* it scored well there. The test set, untouched so far, gives the honest grade.
            """, zh: """
            验证集选中了 $h = \(b.width)$（验证准确率最高，为 \(pct(b.validationAccuracy))；若打平则取验证损失较小者）。\
            这个选择用到了验证集，所以它的验证准确率已经不再是无偏的分数：它正是*因为*在验证集上得分高才被选中的。\
            至今没碰过的测试集，才能给出诚实的分数。
            """)
        page.record("chosen_width", Double(b.width))
        page.record("validation_accuracies", model.candidates.map(\.validationAccuracy))
        page.record("train_accuracy", b.trainAccuracy)
        page.record("validation_accuracy", b.validationAccuracy)
    }

    func writeArgmax(_ page: inout Page, _ model: EvaluationModel) {
        page.section("Argmax accuracy on the test set", zh: "测试集上的 argmax 准确率")
        page.say("""
            With one class per sample the rule that turns outputs into an answer is **argmax**: the class with the largest \
            probability. The first test points:
            """, zh: """
            每个样本只属于一个类别时，把输出变成答案的规则是 **argmax**：取概率最大的那个类别。前几个测试点如下：
            """)
        let p = model.testProbabilities
        let shown = min(6, p.rows)
        page.table([Localized("test point", zh: "测试点"), Localized("$p_A$", zh: "$p_A$"), Localized("$p_B$", zh: "$p_B$"), Localized("$p_C$", zh: "$p_C$"),
                    Localized("argmax", zh: "argmax"), Localized("true class", zh: "真实类别"), Localized("right?", zh: "对吗？")],
                   (0..<shown).map { i in
                       [.number(Double(i + 1)), .number(p[i, 0], digits: 4), .number(p[i, 1], digits: 4), .number(p[i, 2], digits: 4),
                        .text(Self.classNames[model.testPredictions[i]]), .text(Self.classNames[model.testLabels[i]]),
                        .text(model.testPredictions[i] == model.testLabels[i] ? Localized("yes", zh: "对") : Localized("no", zh: "错"))]
                   })
        let first = p.row(0)
        page.step(.symbol(tex: "\\hat{c}_1", text: "ĉ1"),
                  [.call(tex: "\\arg\\max", text: "argmax", first.map { .number($0, digits: 4) }),
                   .raw(tex: "\\text{\(MathWords.word(Self.classNames[model.testPredictions[0]]))}", text: Self.classNames[model.testPredictions[0]].en)])
        let n = model.testLabels.count
        let m = Accuracy.errors(predictions: model.testPredictions, labels: model.testLabels)
        page.say("Over all $n = \(n)$ test points the network is wrong $m = \(m)$ times, so", zh: "在全部 $n = \(n)$ 个测试点上网络错了 $m = \(m)$ 次，所以")
        let accuracy = Accuracy.fromErrors(samples: n, errors: m)
        page.step("accuracy", Self.accuracySymbol, [.quotient(.difference(.sym("n"), .sym("m")), .sym("n")), .quotient(.difference(.n(Double(n)), .n(Double(m))), .n(Double(n)))],
                  value: accuracy)
        page.record("n", Double(n))
        page.record("m", Double(m))
        page.record("errors", Double(m))
        if m > 0 && m < n {
            let wrong = Double(n) / Double(m)
            page.step("n_over_m", .quotient(.sym("n"), .sym("m")), [.quotient(.n(Double(n)), .n(Double(m)))], value: wrong)
            page.erratum("""
                Source text `000` defines the rate as $n/m$ (检验正确率可以定义为 n/m). That is not a fraction of anything: \
                here it gives $\(n)/\(m) = \(fmt(wrong))$, which would be \(NumberFormat.short(wrong * 100, significant: 4))% correct, \
                and it *grows* as the errors $m$ shrink, with no value at all when $m = 0$. The rate of correct answers is \
                $(n - m)/n = \(fmt(accuracy))$; $m/n = \(fmt(Double(m) / Double(n)))$ is the error rate.
                """, zh: """
                原文 `000` 把正确率定义为 $n/m$（“检验正确率可以定义为 n/m”）。它根本不是一个比例：\
                这里它等于 $\(n)/\(m) = \(fmt(wrong))$，相当于正确率 \(NumberFormat.short(wrong * 100, significant: 4))%；\
                而且错误 $m$ 越少它反而越大，$m = 0$ 时干脆没有定义。正确率应当是 $(n - m)/n = \(fmt(accuracy))$，\
                $m/n = \(fmt(Double(m) / Double(n)))$ 则是错误率。
                """)
        } else {
            page.erratum("""
                Source text `000` defines the rate as $n/m$ (检验正确率可以定义为 n/m). That is not a fraction of anything. \
                Here $m = \(m)$, so $n/m$ is \(m == 0 ? "not even defined (division by zero)" : "exactly 1, i.e. \"100%\", for a network that got every point wrong"); \
                with, say, $n = 50$ and $m = 8$ it would be 6.25, i.e. 625%. The rate of correct answers is $(n - m)/n = \(fmt(accuracy))$.
                """, zh: """
                原文 `000` 把正确率定义为 $n/m$（“检验正确率可以定义为 n/m”）。它根本不是一个比例。\
                这里 $m = \(m)$，所以 $n/m$ \(m == 0 ? "根本没有定义（除以零）" : "恰好等于 1，即“100%”，而网络其实每个点都错了")；\
                再比如 $n = 50$、$m = 8$ 时它等于 6.25，即 625%。正确率应当是 $(n - m)/n = \(fmt(accuracy))$。
                """)
        }
        page.record("accuracy", accuracy)
        page.figure("regions", title: Localized("What the chosen network predicts, with the test points", zh: "所选网络的预测区域与测试点"),
                    description: Localized("The plane coloured by the chosen network's argmax class (paler where the largest probability is lower); the \(n) test points drawn in their true class's colour; misclassified points (\(m) of them) are circled and marked ×.",
                                           zh: "按所选网络的 argmax 类别给平面着色（最大概率越低颜色越淡）；\(n) 个测试点按真实类别着色；分错的点（共 \(m) 个）加了圆圈并标上 ×。"),
                    regionMap(model))
    }

    /// The chosen network's decision regions with the test points on top (misclassified ones ringed).
    func regionMap(_ model: EvaluationModel) -> Heatmap {
        let xs = model.inputs.column(0), ys = model.inputs.column(1)
        let lo = (min(xs.min() ?? -3, ys.min() ?? -3) - 0.3).rounded(.down), hi = (max(xs.max() ?? 3, ys.max() ?? 3) + 0.3).rounded(.up)
        let range = lo...hi
        let resolution = 48
        let centres = Heatmap.centres(x: range, y: range, resolution: resolution)
        let grid = Matrix(rows: centres.count, columns: 2) { i, j in j == 0 ? centres[i].0 : centres[i].1 }
        let p = SoftmaxCrossEntropy.softmax(model.best.network.predict(grid))
        let classes = SoftmaxCrossEntropy.argmax(p)
        let values = (0..<resolution).map { i in (0..<resolution).map { j in Double(classes[i * resolution + j]) } }
        let confidence = (0..<resolution).map { i in (0..<resolution).map { j in (p.row(i * resolution + j).max() ?? 1 - 1.0 / 3) * 1.5 - 0.5 } }
        var markers: [Marker] = []
        for (k, idx) in model.split.test.enumerated() {
            markers.append(.init(x: model.inputs[idx, 0], y: model.inputs[idx, 1], label: Localized(same: ""), color: model.labels[idx]))
            if model.testPredictions[k] != model.testLabels[k] {
                markers.append(.init(x: model.inputs[idx, 0], y: model.inputs[idx, 1], label: Localized(same: "×")))
            }
        }
        return Heatmap(xRange: range, yRange: range,
                       panels: [.init(title: Localized("hidden width \(model.best.width)", zh: "隐藏层宽度 \(model.best.width)"), values: values,
                                      coloring: .classes(confidence: confidence), markers: markers)],
                       columns: 1, panelSize: 360, classNames: Self.classNames)
    }

    func writeConfusion(_ page: inout Page, _ model: EvaluationModel) {
        let cm = model.confusion
        page.section("The confusion matrix", zh: "混淆矩阵")
        page.say("""
            One number hides *which* mistakes are made. The **confusion matrix** counts every pair (true class, predicted class): \
            row = the truth, column = the network's answer. The diagonal holds the \(cm.correct) correct answers; everything off \
            it is a mistake, and where it sits says which class was taken for which.
            """, zh: """
            单独一个数字看不出错在*哪里*。**混淆矩阵**对每一对（真实类别，预测类别）计数：行是真实答案，列是网络的回答。\
            对角线上是 \(cm.correct) 个正确答案；对角线以外都是错误，它们的位置说明了哪一类被错当成了哪一类。
            """)
        let k = positiveClass.index
        page.figure("confusion", title: Localized("Confusion matrix of the test set", zh: "测试集的混淆矩阵"),
                    description: Localized("A 3 by 3 grid of counts, rows the true class A, B, C, columns the predicted class; the diagonal holds \(cm.correct) of \(cm.total). Column \(positiveClass.rawValue) and row \(positiveClass.rawValue) are outlined.",
                                           zh: "3×3 的计数方格：行是真实类别 A、B、C，列是预测类别；对角线上共 \(cm.correct) 个（总数 \(cm.total)）。第 \(positiveClass.rawValue) 列和第 \(positiveClass.rawValue) 行加了边框。"),
                    ConfusionMatrixDrawing(counts: cm.values, classNames: Self.classNames, highlight: k))
        page.record("confusion_matrix", cm.values)
        page.step("diagonal_accuracy", Self.accuracySymbol,
                  [.quotient(.symbol(tex: "\(MathWords.text("diagonal", zh: "对角线"))", text: "diagonal"), .symbol(tex: "\(MathWords.text("total", zh: "总数"))", text: "total")),
                   .quotient(.sum((0..<3).map { .n(Double(cm.counts[$0][$0])) }), .n(Double(cm.total)))], value: cm.accuracy)
        let name = positiveClass.rawValue
        page.subsection("Precision and recall of class \(name)", zh: "类别 \(name) 的精确率与召回率")
        let tp = cm.truePositives(k), fp = cm.falsePositives(k), fn = cm.falseNegatives(k)
        page.say("""
            Take class \(name) as "positive". **True positives** $TP = \(tp)$: points of class \(name) called \(name) (the diagonal cell). \
            **False positives** $FP = \(fp)$: points called \(name) that are not (the rest of column \(name)). \
            **False negatives** $FN = \(fn)$: points of class \(name) called something else (the rest of row \(name)).
            """, zh: """
            把类别 \(name) 当作“正类”。**真正例** $TP = \(tp)$：属于 \(name) 且被判为 \(name) 的点（对角线那一格）。\
            **假正例** $FP = \(fp)$：被判为 \(name) 其实不是的点（第 \(name) 列其余各格）。\
            **假反例** $FN = \(fn)$：属于 \(name) 却被判成别的类的点（第 \(name) 行其余各格）。
            """)
        page.record("true_positives", Double(tp))
        page.record("false_positives", Double(fp))
        page.record("false_negatives", Double(fn))
        writePrecisionRecall(&page, cm, k, prefix: "")
    }

    /// Precision and recall of class k worked out, with 0/0 explained when a class is never predicted or absent.
    func writePrecisionRecall(_ page: inout Page, _ cm: ConfusionMatrix, _ k: Int, prefix: String) {
        let name = Self.classNames[k].en
        let tp = Double(cm.truePositives(k)), fp = Double(cm.falsePositives(k)), fn = Double(cm.falseNegatives(k))
        if let precision = cm.precision(k) {
            page.step(prefix + "precision", .symbol(tex: "\(MathWords.text("precision", zh: "精确率"))_{\(name)}", text: "precision(\(name))"),
                      [.quotient(.sym("TP"), .sum([.sym("TP"), .sym("FP")])), .quotient(.n(tp), .sum([.n(tp), .n(fp)]))], value: precision)
        } else {
            page.say("Precision of \(name) is $0/0$: the network never predicts \(name), so there is no answer \"\(name)\" to be right or wrong about.",
                     zh: "\(name) 的精确率是 $0/0$：网络从来没有预测过 \(name)，也就没有哪个“\(name)”的回答可以论对错。")
        }
        if let recall = cm.recall(k) {
            page.step(prefix + "recall", .symbol(tex: "\(MathWords.text("recall", zh: "召回率"))_{\(name)}", text: "recall(\(name))"),
                      [.quotient(.sym("TP"), .sum([.sym("TP"), .sym("FN")])), .quotient(.n(tp), .sum([.n(tp), .n(fn)]))], value: recall)
        } else {
            page.say("Recall of \(name) is $0/0$: this set has no point of class \(name) to find.",
                     zh: "\(name) 的召回率是 $0/0$：这个集合里根本没有 \(name) 类的点可找。")
        }
        page.say("""
            Precision answers "when the network says \(name), how often is it right?"; recall answers "of all the \(name) points, \
            how many did it find?". A network that called *every* point \(name) would have recall 1 and poor precision; one that \
            called \(name) only once, correctly, would have precision 1 and poor recall. Accuracy alone cannot tell these apart.
            """, zh: """
            精确率回答的是“网络说是 \(name) 时，有多大比例是对的？”；召回率回答的是“所有 \(name) 类的点里，它找出了多少？”。\
            一个把*所有*点都判为 \(name) 的网络召回率是 1，精确率却很差；一个只判过一次 \(name) 而且判对了的网络，精确率是 1，召回率却很差。\
            单看准确率区分不了这两种情况。
            """)
    }

    func writePurposes(_ page: inout Page, _ model: EvaluationModel) {
        let b = model.best
        let test = model.confusion.accuracy
        page.section("Three sets, three different numbers", zh: "三个集合，三个不同的数")
        page.table([Localized("set", zh: "集合"), Localized("accuracy of the chosen network", zh: "所选网络的准确率"), Localized("what the number means", zh: "这个数的含义")],
                   [[.text(Localized("training", zh: "训练集")), .number(b.trainAccuracy, digits: 4),
                     .text(Localized("how well it fits the points it was fitted to (tends to be too high)", zh: "它对拟合过的点拟合得多好（往往偏高）"))],
                    [.text(Localized("validation", zh: "验证集")), .number(b.validationAccuracy, digits: 4),
                     .text(Localized("used to make the choice, so no longer independent of it", zh: "已用于做选择，因而不再独立于这个选择"))],
                    [.text(Localized("test", zh: "测试集")), .number(test, digits: 4),
                     .text(Localized("untouched until now: an unbiased estimate for new data", zh: "此前从未动用：对新数据的无偏估计"))]])
        page.record("test_accuracy", test)
        writeOverfitting(&page, model)
    }

    /// Training and validation accuracy of one network at checkpoints of a long run on a small training set.
    struct OverfittingSweep {
        let width: Int
        let trainCount: Int
        let steps: [Int]
        let trainAccuracy: [Double]
        let validationAccuracy: [Double]
        let divergedAt: Int?
    }

    /// Points of the training set the sweep trains on: few points make memorising possible.
    static let sweepPoints = 24
    /// The sweep runs this many times the candidates' steps.
    static let sweepStretch = 10

    func overfittingSweep(_ model: EvaluationModel) -> OverfittingSweep {
        let width = model.candidates.map(\.width).max() ?? 1
        let subset = Array(model.split.train.prefix(Self.sweepPoints))
        let x = model.rows(subset), y = model.labels(subset)
        let xVal = model.rows(model.split.validation), yVal = model.labels(model.split.validation)
        var random = SeededRandom(seed: UInt64(seed) &+ 300)
        var net = Network(sizes: [2, width, 3], hidden: .tanh, output: .identity, initializer: .lecun, using: &random)
        let total = Self.sweepStretch * iterations
        var steps = [0]
        var k = 1
        while k < total { steps.append(k); k *= 3 }
        steps.append(total)
        var trainAccuracy: [Double] = [], validationAccuracy: [Double] = []
        var done = 0
        var diverged: Int?
        for step in steps {
            if step > done && diverged == nil {
                let t = net.trained(on: x, .softmaxCrossEntropy(labels: y), learningRate: learningRate.value, iterations: step - done)
                net = t.network
                if let d = t.divergedAt { diverged = done + d }
                done = step
            }
            trainAccuracy.append(Accuracy.of(predictions: SoftmaxCrossEntropy.argmax(net.predict(x)), labels: y))
            validationAccuracy.append(Accuracy.of(predictions: SoftmaxCrossEntropy.argmax(net.predict(xVal)), labels: yVal))
        }
        return OverfittingSweep(width: width, trainCount: subset.count, steps: steps, trainAccuracy: trainAccuracy,
                                validationAccuracy: validationAccuracy, divergedAt: diverged)
    }

    func writeOverfitting(_ page: inout Page, _ model: EvaluationModel) {
        let sweep = overfittingSweep(model)
        let nVal = model.split.validation.count
        page.subsection("Overfitting, measured", zh: "把过拟合量出来")
        page.say("""
            Why keep the test points out of every decision? Because a network can fit the points it trains on better and better \
            while getting worse on others. To see it, train the widest candidate ($h = \(sweep.width)$) on only the first \
            \(sweep.trainCount) training points, \(sweep.steps.last!) steps with the same $\\eta$, and grade it at checkpoints on \
            those points and on the \(nVal) validation points:
            """, zh: """
            为什么测试点在最后之前不能参与任何决定？因为网络可以把训练用的点拟合得越来越好，同时在别的点上越来越差。\
            为了看到这一点，只用训练集的前 \(sweep.trainCount) 个点训练最宽的候选网络（$h = \(sweep.width)$），\
            同样的 $\\eta$ 训练 \(sweep.steps.last!) 步，在若干检查点上分别用这些训练点和 \(nVal) 个验证点给它打分：
            """)
        page.table([Localized("step", zh: "步数"), Localized("training accuracy", zh: "训练准确率"), Localized("validation accuracy", zh: "验证准确率"),
                    Localized("gap", zh: "差距")],
                   sweep.steps.indices.map { i in
                       [.number(Double(sweep.steps[i])), .number(sweep.trainAccuracy[i], digits: 4), .number(sweep.validationAccuracy[i], digits: 4),
                        .number(sweep.trainAccuracy[i] - sweep.validationAccuracy[i], digits: 4)]
                   })
        page.record("sweep_steps", sweep.steps.map(Double.init))
        page.record("sweep_train_accuracy", sweep.trainAccuracy)
        page.record("sweep_validation_accuracy", sweep.validationAccuracy)
        let peak = sweep.validationAccuracy.indices.max { sweep.validationAccuracy[$0] < sweep.validationAccuracy[$1] } ?? 0
        let last = sweep.steps.count - 1
        let finalTrain = sweep.trainAccuracy[last], finalVal = sweep.validationAccuracy[last], peakVal = sweep.validationAccuracy[peak]
        let trainRose = finalTrain > sweep.trainAccuracy[peak]
        let valFell = finalVal < peakVal
        let overfits = trainRose && valFell && finalTrain >= 0.95
        page.record("sweep_overfits", overfits ? 1 : 0)
        if let d = sweep.divergedAt {
            page.warning("The sweep's training diverged at step \(d); the checkpoints after it repeat the network from just before.",
                         zh: "这次扫描的训练在第 \(d) 步发散；之后的检查点沿用发散之前的网络。")
        }
        let en: String, zh: String
        if overfits {
            en = """
                Validation accuracy is highest at step \(sweep.steps[peak]) (\(pct(peakVal))). After that, training accuracy keeps \
                rising, to \(pct(finalTrain)) of the \(sweep.trainCount) points, while validation accuracy falls to \(pct(finalVal)): \
                the network is bending its boundaries around the particular points it sees, noise included, and that bending is wrong \
                for new points. That is **overfitting**, and it is visible only on points the network was not trained on. Grading a \
                network on its own training data rewards memorising; that is why the test points are kept out of every decision until the end.
                """
            zh = """
                验证准确率在第 \(sweep.steps[peak]) 步最高（\(pct(peakVal))）。此后训练准确率继续上升，在 \(sweep.trainCount) 个点上达到 \
                \(pct(finalTrain))，验证准确率却降到 \(pct(finalVal))：网络在围绕它见过的那几个点（连同其中的噪声）弯曲分界线，\
                而这种弯曲对新点是错的。这就是**过拟合**，而且只有在没参与训练的点上才看得出来。用训练过的数据给网络打分，\
                奖励的是死记硬背；所以测试点在最后之前不参与任何决定。
                """
        } else {
            // The one condition of the three that fails, in the order the definition reads; a training accuracy near 100%
            // is no sign against memorising, so it is named only when it is below the 95% the definition asks for.
            let reason: (en: String, zh: String)
            if finalTrain < 0.95 {
                reason = ("training accuracy ends at \(pct(finalTrain)), so the network has not memorised its \(sweep.trainCount) points",
                          "训练准确率最后只有 \(pct(finalTrain))，网络还没有记住这 \(sweep.trainCount) 个点")
            } else if !valFell {
                reason = ("validation accuracy ends at \(pct(finalVal)), not below its best (\(pct(peakVal)))",
                          "验证准确率最后为 \(pct(finalVal))，并不低于它的最好成绩（\(pct(peakVal))）")
            } else {
                reason = ("training accuracy does not rise after validation accuracy's best at step \(sweep.steps[peak]) (\(pct(sweep.trainAccuracy[peak])) there, \(pct(finalTrain)) at the end)",
                          "验证准确率在第 \(sweep.steps[peak]) 步达到最好之后，训练准确率没有再上升（那时为 \(pct(sweep.trainAccuracy[peak]))，最后为 \(pct(finalTrain))）")
            }
            en = """
                With these settings the sweep shows no overfitting: \(reason.en). Overfitting would show as training accuracy rising \
                towards 100% while validation accuracy falls; more steps, fewer or noisier points, or a wider network make it more \
                likely. Either way the test points are kept out of every decision until the end, so that they can tell.
                """
            zh = """
                在这组设置下，这次扫描没有出现过拟合：\(reason.zh)。过拟合的表现是训练准确率升向 100%，验证准确率却下降；\
                步数更多、点更少或噪声更大、网络更宽，都更容易出现。无论如何，测试点在最后之前都不参与任何决定，这样它才能说明问题。
                """
        }
        page.say(en, zh: zh)
    }

    func writeExercises(_ page: inout Page, _ model: EvaluationModel) {
        page.exercise("A network outputs $[0.82, 0.35, 0.71, 0.64]$ for a sample whose labels are $[1, 0, 1, 1]$. Is the sample correct with threshold 0.7? With threshold 0.6?",
                      zh: "某样本的标签是 $[1, 0, 1, 1]$，网络输出 $[0.82, 0.35, 0.71, 0.64]$。阈值取 0.7 时这个样本算对吗？阈值取 0.6 呢？") { s in
            let y: [Double] = [0.82, 0.35, 0.71, 0.64]
            let t: [Double] = [1, 0, 1, 1]
            for c in [0.7, 0.6] {
                let d = Accuracy.thresholded(y, threshold: c)
                let ok = Accuracy.exactMatch(d, t)
                s.step(.raw(tex: "\\hat{y}\\ (\(MathWords.text("threshold ", zh: "阈值 "))\(fmt(c)))", text: "ŷ (threshold \(fmt(c)))"),
                       [.raw(tex: "[\(d.map(fmt).joined(separator: ", "))]", text: "[\(d.map(fmt).joined(separator: ", "))]")])
                s.say(ok ? "With threshold \(fmt(c)) the decided vector equals $[1, 0, 1, 1]$: correct."
                          : "With threshold \(fmt(c)) the decided vector differs from $[1, 0, 1, 1]$ in \(t.count - Accuracy.matchingLabels(d, t)) position(s): wrong.",
                      zh: ok ? "阈值为 \(fmt(c)) 时，判定向量等于 $[1, 0, 1, 1]$：对。"
                             : "阈值为 \(fmt(c)) 时，判定向量与 $[1, 0, 1, 1]$ 有 \(t.count - Accuracy.matchingLabels(d, t)) 个位置不同：错。")
                s.record("correct_at_\(fmt(c))", ok ? 1 : 0)
            }
        }
        page.exercise("A test set has $n = 50$ samples and the network gets $m = 8$ of them wrong. Compute the accuracy, and the text's $n/m$.",
                      zh: "测试集有 $n = 50$ 个样本，网络错了 $m = 8$ 个。求准确率，以及原文的 $n/m$。") { s in
            let a = Accuracy.fromErrors(samples: 50, errors: 8)
            s.step("accuracy", Self.accuracySymbol, [.quotient(.difference(.n(50), .n(8)), .n(50))], value: a)
            s.step("n_over_m", .quotient(.sym("n"), .sym("m")), [.quotient(.n(50), .n(8))], value: 50.0 / 8)
            s.say("The accuracy is \(pct(a)); $n/m = \(fmt(50.0 / 8))$ would be \(fmt(50.0 / 8 * 100))%, which no rate can be.",
                  zh: "准确率是 \(pct(a))；而 $n/m = \(fmt(50.0 / 8))$ 相当于 \(fmt(50.0 / 8 * 100))%，任何比率都不可能是这个值。")
        }
        let other = (positiveClass.index + 1) % 3
        page.exercise("From the same confusion matrix, compute the precision and recall of class \(Self.classNames[other].en).",
                      zh: "用同一个混淆矩阵，求类别 \(Self.classNames[other].en) 的精确率和召回率。") { s in
            let cm = model.confusion
            s.say("Class \(Self.classNames[other].en): $TP = \(cm.truePositives(other))$ (diagonal), $FP = \(cm.falsePositives(other))$ (rest of its column), $FN = \(cm.falseNegatives(other))$ (rest of its row).",
                  zh: "类别 \(Self.classNames[other].en)：$TP = \(cm.truePositives(other))$（对角线），$FP = \(cm.falsePositives(other))$（该列其余各格），$FN = \(cm.falseNegatives(other))$（该行其余各格）。")
            writePrecisionRecall(&s, cm, other, prefix: "")
        }
    }

    static let accuracySymbol = Expr.symbol(tex: MathWords.text("accuracy", zh: "准确率"), text: "accuracy")

    /// A fraction as a percentage for prose: 86.67%.
    func pct(_ x: Double) -> String { NumberFormat.short(x * 100, significant: 4) + "%" }
}
