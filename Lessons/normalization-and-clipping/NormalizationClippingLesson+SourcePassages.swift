import LonghandEngine
import Notebook

extension NormalizationClippingLesson {
    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        writeCentringIsNotEnough(&page)
        page.sourcesOfThisLesson(Self.id)
    }

    /// `002`'s sentence centres the data but never divides by the standard deviation; the two columns show why that matters.
    func writeCentringIsNotEnough(_ page: inout Page) {
        let x = self.x, m = x.rows
        let f = layer.forward(x)
        page.section("Centring alone is not batch normalization", zh: "只做中心化不等于批量归一化")
        page.erratum("""
            `002`'s sentence (“在每层都对输入的X进行转化，变成以0为中心的分布”) only centres each column on 0. Batch \
            normalization also divides by the column's standard deviation, and that is the half that puts the columns on the \
            same scale. Centred only, this lesson's batch keeps its columns' spreads; normalised, a column's spread \
            becomes $\\sigma / \\sqrt{\\sigma^2 + \\varepsilon}$, which is 1 up to $\\varepsilon$ for every column that is not constant:
            """, zh: """
            `002` 的那句话（“在每层都对输入的X进行转化，变成以0为中心的分布”）只把每一列移到以 0 为中心。批量归一化还要除以\
            该列的标准差，正是这一半让各列处在相同的尺度上。只做中心化，本课的批量各列仍保持原来的离散程度；\
            归一化之后，一列的标准差变成 $\\sigma / \\sqrt{\\sigma^2 + \\varepsilon}$，只要该列不是常数，它就等于 1（差别只来自 $\\varepsilon$）：
            """)
        var rows: [[Table.Cell]] = []
        var centredSpread: [Double] = [], normalisedSpread: [Double] = []
        for j in 0..<x.columns {
            let column = x.column(j)
            let mean = column.reduce(0, +) / Double(m)
            let centred = column.map { $0 - mean }
            let sd = (centred.reduce(0) { $0 + $1 * $1 } / Double(m)).squareRoot()
            let normalised = (0..<m).map { f.normalized[$0, j] }
            let nMean = normalised.reduce(0, +) / Double(m)
            let nsd = (normalised.reduce(0) { $0 + ($1 - nMean) * ($1 - nMean) } / Double(m)).squareRoot()
            centredSpread.append(sd)
            normalisedSpread.append(nsd)
            func tuple(_ v: [Double]) -> Table.Cell { .math(.raw(tex: "(\(v.map { NumberFormat.short($0, significant: 4) }.joined(separator: ", ")))", text: "(\(v.map { NumberFormat.short($0, significant: 4) }.joined(separator: ", ")))")) }
            rows.append([.number(Double(j + 1)), tuple(centred), .number(sd), tuple(normalised), .number(nsd)])
        }
        page.table([Localized("column", zh: "列"), Localized("centred $x - \\mu$", zh: "中心化 $x - \\mu$"), Localized("its standard deviation", zh: "其标准差"),
                    Localized("normalised $\\hat x$", zh: "归一化 $\\hat x$"), Localized("its standard deviation", zh: "其标准差")], rows)
        page.record("centred_spread", centredSpread)
        page.record("normalised_spread", normalisedSpread)
        let ratio = (centredSpread.max() ?? 0) / max(centredSpread.min() ?? 0, .leastNonzeroMagnitude)
        if (centredSpread.min() ?? 0) == 0 {
            page.say("A column of this batch is constant: centred it is all 0, and normalised it stays 0, since there is no spread to divide by (only $\\varepsilon$ keeps the division defined).",
                     zh: "这一批里有一列是常数：中心化后全为 0，归一化后仍为 0，因为没有离散程度可除（只靠 $\\varepsilon$ 让除法有定义）。")
            return
        }
        page.say(ratio > 1.5
                 ? "Centred only, one column is still \(NumberFormat.short(ratio, significant: 3)) times as spread out as the other, so the next layer's weights would still see one feature dominate; after dividing by the standard deviation they are level."
                 : "Here the columns happen to have similar spreads already (ratio \(NumberFormat.short(ratio, significant: 3))), so centring alone comes close; in general it does not.",
                 zh: ratio > 1.5
                 ? "只做中心化，一列的离散程度仍是另一列的 \(NumberFormat.short(ratio, significant: 3)) 倍，下一层的权重看到的仍是一个特征占主导；除以标准差之后，两列就拉平了。"
                 : "这里两列的离散程度本来就相近（比值 \(NumberFormat.short(ratio, significant: 3))），所以只做中心化也差不多；一般情况下并非如此。")
    }
}
