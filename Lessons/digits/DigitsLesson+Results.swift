import LonghandEngine
import Notebook

/// Where the networks go wrong (confusion matrices, the misclassified digits) and what the CNN's filters look like.
extension DigitsLesson {
    /// A confusion matrix as a grid: counts in the cells, the diagonal green, mistakes orange.
    static func confusionPanel(_ m: ConfusionMatrix, caption: Localized) -> GridDrawing.Panel {
        var highlights: [GridDrawing.Highlight] = []
        for c in 0..<m.classes {
            for k in 0..<m.classes where m.counts[c][k] > 0 {
                highlights.append(.init(row: c, column: k, color: c == k ? 2 : 1, filled: true))
            }
        }
        return .init(m.counts.map { $0.map(Double.init) }, caption: caption, highlights: highlights, digits: 3, fadeZeros: true, indices: true)
    }

    func writeResults(_ page: inout Page, _ setup: DigitsSetup, _ run: DigitsRun) {
        page.section("Where they go wrong", zh: "错在哪里")
        page.say("""
            A **confusion matrix** shows which digits are mistaken for which: row $c$ counts the test digits whose label is $c$, \
            column $k$ those the network called $k$. The diagonal holds the correct answers; every other non-zero cell is a \
            kind of mistake. Each row adds up to the number of test digits of its class.
            """, zh: """
            **混淆矩阵**显示哪个数字被认成了哪个：第 $c$ 行统计标签为 $c$ 的测试数字，第 $k$ 列统计被网络判为 $k$ 的数字。\
            对角线上是答对的；其余每个非零格子都是一类错误。每一行之和等于该类测试数字的个数。
            """)
        page.figure("confusion", title: Localized("Confusion matrices on the test digits", zh: "测试数字上的混淆矩阵"),
                    description: Localized("Two 10 × 10 grids of counts, MLP and CNN; row = true digit 0 to 9, column = predicted digit; correct answers on the diagonal in green, mistakes in orange.",
                                           zh: "两个 10 × 10 的计数网格，分别属于 MLP 和 CNN；行为真实数字 0 到 9，列为预测的数字；对角线上答对的为绿色，错误为橙色。"),
                    GridDrawing([.grid(Self.confusionPanel(run.mlp.confusion, caption: Localized("MLP\nrows: true digit, columns: predicted", zh: "MLP\n行：真实数字，列：预测"))),
                                 .grid(Self.confusionPanel(run.cnn.confusion, caption: Localized("CNN\nrows: true digit, columns: predicted", zh: "CNN\n行：真实数字，列：预测")))],
                                cellSize: 24))
        for (key, model) in [("mlp", run.mlp), ("cnn", run.cnn)] {
            page.record("\(key)_confusion", model.confusion.counts.map { $0.map(Double.init) })
        }
        func describe(_ name: String, _ m: ConfusionMatrix) -> Localized {
            guard let worst = m.mostConfused else {
                return Localized("The \(name) makes no mistake on these test digits.", zh: "\(name) 在这些测试数字上一个也没错。")
            }
            let wrong = m.total - m.correct
            let times = worst.count == 1 ? "once" : worst.count == 2 ? "twice" : "\(worst.count) times"
            let kind = worst.count == 1 ? "one of them" : "its most frequent one"
            return Localized("The \(name) makes \(wrong) mistake\(wrong == 1 ? "" : "s"); \(kind) is reading \(Self.article(worst.label)) \(worst.label) as \(Self.article(worst.predicted)) \(worst.predicted) (\(times)).",
                             zh: "\(name) 共错了 \(wrong) 个；\(worst.count == 1 ? "其中之一" : "最常见的错误")是把 \(worst.label) 认成 \(worst.predicted)（\(worst.count) 次）。")
        }
        let a = describe("MLP", run.mlp.confusion), b = describe("CNN", run.cnn.confusion)
        page.say(a.en + " " + b.en, zh: a.zh + b.zh)

        page.subsection("The misclassified test digits", zh: "认错的测试数字")
        page.say("""
            Every test digit a network got wrong, with its true label and the network's answer. Some are genuinely \
            ambiguous at 8 × 8 pixels; others show what a network has not learned.
            """, zh: """
            下面是网络认错的每一个测试数字，标出真实标签和网络的回答。有些在 8 × 8 的分辨率下确实模棱两可；\
            另一些则暴露出网络还没学会的东西。
            """)
        for (key, name, model) in [("mlp", "MLP", run.mlp), ("cnn", "CNN", run.cnn)] {
            let wrong = zip(setup.test, model.predictions).filter { setup.label($0.0) != $0.1 }
            page.record("\(key)_misclassified", wrong.map { Double($0.0) })
            guard !wrong.isEmpty else { continue }
            let shown = wrong.prefix(40)
            let items = shown.map { i, k in
                DigitGallery.Item(pixels: setup.pixels(i), caption: Localized("\(setup.label(i)) → \(k)", zh: "\(setup.label(i)) → \(k)"), frame: 1)
            }
            let more = wrong.count > shown.count ? Localized(" (the first \(shown.count) of \(wrong.count))", zh: "（\(wrong.count) 个中的前 \(shown.count) 个）") : Localized(same: "")
            page.figure("\(key)-mistakes", title: Localized("Test digits the \(name) gets wrong", zh: "\(name) 认错的测试数字") + more,
                        description: Localized("\(shown.count) misclassified test digits drawn as 8 × 8 grey images, each captioned true label → \(name)'s answer.",
                                               zh: "\(shown.count) 个认错的测试数字，画成 8 × 8 的灰度图，每张下面标着“真实标签 → \(name) 的回答”。"),
                        DigitGallery(items: Array(items), perRow: 10, pixelSize: 5))
        }
        let both = Set(zip(setup.test, run.mlp.predictions).filter { setup.label($0.0) != $0.1 }.map(\.0))
            .intersection(zip(setup.test, run.cnn.predictions).filter { setup.label($0.0) != $0.1 }.map(\.0))
        page.say("""
            \(both.count) of the test digits are misread by both networks.
            """, zh: """
            有 \(both.count) 个测试数字两个网络都认错了。
            """)
        page.record("misclassified_by_both", Double(both.count))

        page.subsection("What the CNN's filters look like", zh: "CNN 的卷积核长什么样")
        let conv = run.conv
        let panels: [GridDrawing.Item] = (0..<conv.outChannels).map { o in
            let k = conv.kernel(o, 0)
            // Positive weights tinted blue, negative orange: the sign pattern the filter looks for.
            let signs = (0..<3).flatMap { a in (0..<3).compactMap { b -> GridDrawing.Highlight? in
                k[a][b] == 0 ? nil : .init(row: a, column: b, color: k[a][b] > 0 ? 0 : 1, filled: true)
            } }
            return .grid(.init(k, caption: Localized("filter \(o + 1)", zh: "卷积核 \(o + 1)"), highlights: signs, digits: 2))
        }
        let perRow = 4
        let rows = stride(from: 0, to: panels.count, by: perRow).map { Array(panels[$0..<min($0 + perRow, panels.count)]) }
        page.figure("filters", title: Localized("The trained 3 × 3 filters", zh: "训练后的 3 × 3 卷积核"),
                    description: Localized("The \(conv.outChannels) learned kernels of the CNN's convolution, each a 3 × 3 grid of weights, positive ones tinted blue and negative ones orange.",
                                           zh: "CNN 卷积层学到的 \(conv.outChannels) 个卷积核，每个是 3 × 3 的权重网格，正权重染成蓝色，负权重染成橙色。"),
                    GridDrawing(rows: rows, cellSize: 46))
        page.say("""
            Each filter responds most to the 3 × 3 patch of ink that matches the sign pattern of its weights: positive weights \
            where it wants ink, negative where it wants paper. \(run.cnn.completedEpochs > 0 ? "Unlike the kernels of the convolution lesson, nobody chose these numbers: they came out of \(run.cnn.completedEpochs) epoch\(run.cnn.completedEpochs == 1 ? "" : "s") of gradient descent on the digits." : "These are still the seeded starting weights: training diverged before its first epoch was complete.")
            """, zh: """
            每个卷积核对符合其权重正负分布的 3 × 3 墨迹块反应最强：想要墨迹的地方权重为正，想要白纸的地方权重为负。\
            \(run.cnn.completedEpochs > 0 ? "和卷积那一课里的卷积核不同，这些数不是谁挑出来的，而是在这些数字上做了 \(run.cnn.completedEpochs) 轮梯度下降得来的。" : "这些仍是带种子的初始权重：训练在第一轮结束前就发散了。")
            """)
        page.record("cnn_filters", (0..<conv.outChannels).map { o in conv.kernel(o, 0).flatMap { $0 } })
    }
}
