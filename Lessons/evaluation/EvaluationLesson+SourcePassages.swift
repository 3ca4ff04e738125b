import LonghandEngine
import Notebook

extension EvaluationLesson {
    /// A small multi-label batch: the text's example first, then three more patients.
    static let batchOutputs: [[Double]] = [[0.9968, 0, 0.0001, 0.9], [0.2, 0.8, 0.1, 0.6], [0.9, 0.1, 0.75, 0.3], [0.65, 0.05, 0.02, 0.95]]
    static let batchTargets: [[Double]] = [[1, 0, 0, 1], [0, 1, 0, 1], [1, 0, 1, 0], [1, 0, 0, 1]]

    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        writeMultiLabelBatch(&page)
        writeConfusionTable(&page)
        page.sourcesOfThisLesson(Self.id)
    }

    /// `000`'s rule (“consistent counts as correct”) on a batch: exact match against label by label.
    func writeMultiLabelBatch(_ page: inout Page) {
        let t = threshold.value
        page.section("The text's rule on a batch of patients", zh: "把原文的规则用在一批病人身上")
        page.say("""
            `000` counts a multi-label output as correct only when the thresholded output agrees with the expected one in \
            every label (“一致的话算正确”). On a batch that is **exact-match accuracy**. Counting labels one by one instead gives \
            **per-label accuracy**, which is never lower. Four patients, threshold \(fmt(t)), the first being the text's example:
            """, zh: """
            `000` 规定：判定后的输出与期望输出完全一致才算正确（“一致的话算正确”）。用在一批样本上，这叫**完全匹配准确率**。\
            如果逐个标签计数，得到的是**逐标签准确率**，它不会比前者低。四个病人，阈值 \(fmt(t))，第一个就是原文的例子：
            """)
        var exact = 0, labels = 0, total = 0
        var rows: [[Table.Cell]] = []
        for (y, target) in zip(Self.batchOutputs, Self.batchTargets) {
            let decided = y.map { $0 > t ? 1.0 : 0.0 }
            let matches = zip(decided, target).filter { $0 == $1 }.count
            let allRight = matches == target.count
            exact += allRight ? 1 : 0
            labels += matches
            total += target.count
            func tuple(_ v: [Double]) -> Table.Cell { .math(.raw(tex: "(\(v.map(fmt).joined(separator: ", ")))", text: "(\(v.map(fmt).joined(separator: ", ")))")) }
            rows.append([tuple(y), tuple(decided), tuple(target), .number(Double(matches)),
                         .text(allRight ? Localized("correct", zh: "正确") : Localized("wrong", zh: "错误"))])
        }
        page.table([Localized("output", zh: "输出"), Localized("thresholded", zh: "判定后"), Localized("expected", zh: "期望"),
                    Localized("labels right", zh: "对的标签数"), Localized("the text's verdict", zh: "原文的判定")], rows)
        let n = Self.batchOutputs.count
        let exactAccuracy = Double(exact) / Double(n), labelAccuracy = Double(labels) / Double(total)
        page.step("exact_match_accuracy", .raw(tex: "\\frac{n - m}{n}", text: "(n − m)/n"), [.quotient(.difference(.n(Double(n)), .n(Double(n - exact))), .n(Double(n)))], value: exactAccuracy)
        page.step("per_label_accuracy", .raw(tex: "\\frac{\\#\\,\\checkmark}{4 n}", text: "right labels / 4n"), [.quotient(.n(Double(labels)), .n(Double(total)))], value: labelAccuracy)
        page.say(labelAccuracy > exactAccuracy
                 ? "Per-label accuracy, \(fmt(labelAccuracy)), flatters the network: \(n - exact) of \(n) patients got at least one wrong diagnosis, which is what exact match, \(fmt(exactAccuracy)), reports. Say which one a number is."
                 : "Here both are \(fmt(exactAccuracy)): every patient is either entirely right or entirely wrong.",
                 zh: labelAccuracy > exactAccuracy
                 ? "逐标签准确率 \(fmt(labelAccuracy)) 把网络说得太好了：\(n) 个病人中有 \(n - exact) 个至少有一项诊断是错的，这正是完全匹配准确率 \(fmt(exactAccuracy)) 所反映的。报告准确率时要说清是哪一种。"
                 : "这里两者都是 \(fmt(exactAccuracy))：每个病人要么全对，要么全错。")
    }

    /// The test set's confusion matrix as a table, and what one test example is worth.
    func writeConfusionTable(_ page: inout Page) {
        guard case .array(let rowsJSON)? = page.value("confusion_matrix"), case .number(let nValue)? = page.value("n") else { return }
        let counts: [[Double]] = rowsJSON.map { row in
            if case .array(let cells) = row { return cells.map { if case .number(let x) = $0 { return x } else { return 0 } } }
            return []
        }
        page.section("The confusion matrix as a table", zh: "混淆矩阵的表格形式")
        page.say("The test set's confusion matrix drawn above, with its row and column sums:", zh: "上文画出的测试集混淆矩阵，附上行和与列和：")
        let names = Self.classNames
        var rows: [[Table.Cell]] = []
        for (i, row) in counts.enumerated() {
            rows.append([.text(Localized("true \(names[i].en)", zh: "真实 \(names[i].zh)"))] + row.map { .number($0) } + [.number(row.reduce(0, +))])
        }
        let columnSums = counts.indices.map { j in counts.reduce(0) { $0 + ($1.indices.contains(j) ? $1[j] : 0) } }
        rows.append([.text(Localized("sum", zh: "合计"))] + columnSums.map { .number($0) } + [.number(columnSums.reduce(0, +))])
        page.table([Localized("", zh: "")] + names.map { Localized("predicted \($0.en)", zh: "预测 \($0.zh)") } + [Localized("sum", zh: "合计")], rows)
        let n = Int(nValue)
        guard n > 0 else { return }
        let worth = 100 / Double(n)
        page.record("points_per_test_example", worth)
        page.say("""
            With $n = \(n)$ test examples, one example more or less answered correctly moves the accuracy by $1/\(n)$, i.e. \
            \(fmt(worth)) percentage points. Two networks whose test accuracies differ by less than that differ by no example \
            at all, and a gap of one or two such steps is easily the luck of which points landed in the test set.
            """, zh: """
            测试样本有 $n = \(n)$ 个，多答对或答错一个，准确率就变化 $1/\(n)$，即 \(fmt(worth)) 个百分点。\
            两个网络的测试准确率若相差不到这个数，它们答对的样本数其实完全一样；相差一两个这样的台阶，\
            也很可能只是哪些点恰好落进测试集的运气。
            """)
    }
}
