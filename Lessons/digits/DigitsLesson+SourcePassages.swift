import LonghandEngine
import Notebook

extension DigitsLesson {
    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        writeAccuracyRule(&page)
        page.sourcesOfThisLesson(Self.id)
    }

    /// `000`'s accuracy rule, (n − m)/n, on the held-out digits, from the confusion matrices the page recorded.
    func writeAccuracyRule(_ page: inout Page) {
        func matrix(_ name: String) -> [[Double]]? {
            guard case .array(let rows)? = page.value(name) else { return nil }
            return rows.map { row in
                guard case .array(let cells) = row else { return [] }
                return cells.map { if case .number(let x) = $0 { return x } else { return 0 } }
            }
        }
        guard let mlp = matrix("mlp_confusion"), let cnn = matrix("cnn_confusion") else { return }
        page.section("The accuracy rule on real digits", zh: "把正确率规则用在真实数字上")
        page.say("""
            `000` defines accuracy on $n$ test examples with $m$ mistakes; its formula should read $(n - m)/n$ (lesson 12). \
            From the confusion matrices above — $n$ is the sum of all cells, $n - m$ the sum of the diagonal:
            """, zh: """
            `000` 用 $n$ 个检验样本、$m$ 个错误来定义正确率，公式应为 $(n - m)/n$（见第 12 课）。\
            由上文的混淆矩阵得到：$n$ 是所有格子之和，$n - m$ 是对角线之和：
            """)
        var rows: [[Table.Cell]] = []
        var accuracies: [Double] = []
        for (label, counts) in [(Localized("MLP", zh: "MLP"), mlp), (Localized("CNN", zh: "CNN"), cnn)] {
            let n = counts.reduce(0) { $0 + $1.reduce(0, +) }
            let right = counts.indices.reduce(0.0) { $0 + (counts[$1].indices.contains($1) ? counts[$1][$1] : 0) }
            let accuracy = n > 0 ? right / n : 0
            accuracies.append(accuracy)
            rows.append([.text(label), .number(n), .number(n - right),
                         .math(.quotient(.difference(.n(n), .n(n - right)), .n(n))), .number(accuracy)])
        }
        page.table([Localized("network", zh: "网络"), Localized("$n$", zh: "$n$"), Localized("$m$", zh: "$m$"),
                    Localized("$(n - m)/n$", zh: "$(n - m)/n$"), Localized("accuracy", zh: "正确率")], rows)
        page.record("rule_accuracies", accuracies)
    }
}
