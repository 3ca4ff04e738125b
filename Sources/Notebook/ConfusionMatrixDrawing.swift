/// A confusion matrix drawn as a grid of counts: row = true class, column = predicted class,
/// each cell shaded by its count so the diagonal (correct answers) stands out.
///
/// One class can be highlighted: its column (what precision divides by) is outlined in one colour,
/// its row (what recall divides by) in another.
public struct ConfusionMatrixDrawing: Drawing {
    /// counts[t][p], square.
    public var counts: [[Double]]
    /// One name per class, used for both axes.
    public var classNames: [Localized]
    /// The class whose row and column are outlined, if any.
    public var highlight: Int?
    public var rowTitle: Localized
    public var columnTitle: Localized
    /// Side of one cell in pixels.
    public var cellSize: Double

    public init(counts: [[Double]], classNames: [Localized], highlight: Int? = nil,
                rowTitle: Localized = Localized("true class", zh: "真实类别"),
                columnTitle: Localized = Localized("predicted class", zh: "预测类别"), cellSize: Double = 78) {
        precondition(!counts.isEmpty && counts.allSatisfy { $0.count == counts.count }, "a confusion matrix is square")
        precondition(classNames.count == counts.count, "one name per class")
        self.counts = counts
        self.classNames = classNames
        self.highlight = highlight
        self.rowTitle = rowTitle
        self.columnTitle = columnTitle
        self.cellSize = cellSize
    }

    /// A blue of strength t in [0, 1] mixed with white (quantised so output is stable).
    static func shade(_ t: Double) -> String {
        let q = (max(0, min(1, t.isFinite ? t : 0)) * 20).rounded() / 20
        let base = (r: 0.0, g: 114.0, b: 178.0)
        func two(_ v: Double) -> String {
            let s = String(Int(max(0, min(255, v.rounded()))), radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        let mix = 0.08 + 0.86 * q
        return "#" + two(255 + (base.r - 255) * mix) + two(255 + (base.g - 255) * mix) + two(255 + (base.b - 255) * mix)
    }

    public func svg(title: String, description: String, language: Language) -> String {
        let n = counts.count
        let labelW = 96.0, top = 58.0, titleW = 26.0, bottom = highlight == nil ? 16.0 : 52.0
        let left = titleW + labelW
        let width = left + Double(n) * cellSize + 20
        let height = top + Double(n) * cellSize + bottom
        let most = max(1, counts.joined().max() ?? 1)
        var s = SVG.open(width: width, height: height, title: title, description: description)
        s += SVG.text(columnTitle[language], x: left + Double(n) * cellSize / 2, y: 16, size: 13, weight: "bold")
        let midY = top + Double(n) * cellSize / 2
        s += SVG.text(rowTitle[language], x: 16, y: midY, size: 13, weight: "bold",
                      extra: " transform=\"rotate(-90 16 \(SVG.n(midY)))\"")
        for j in 0..<n {
            s += SVG.text(classNames[j][language], x: left + (Double(j) + 0.5) * cellSize, y: top - 10, size: 12)
        }
        for i in 0..<n {
            let y = top + Double(i) * cellSize
            s += SVG.text(classNames[i][language], x: left - 10, y: y + cellSize / 2 + 4, anchor: "end", size: 12)
            for j in 0..<n {
                let x = left + Double(j) * cellSize
                let t = counts[i][j] / most
                s += "<rect x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(cellSize))\" height=\"\(SVG.n(cellSize))\" fill=\"\(Self.shade(t))\" stroke=\"#ffffff\" stroke-width=\"2\"/>\n"
                s += SVG.text(NumberFormat.display(counts[i][j]), x: x + cellSize / 2, y: y + cellSize / 2 + 6, size: 18,
                              fill: t > 0.55 ? "#ffffff" : "#111111", weight: i == j ? "bold" : nil)
            }
        }
        if let k = highlight, (0..<n).contains(k) {
            let column = SVG.palette[1], row = SVG.palette[2]
            s += "<rect x=\"\(SVG.n(left + Double(k) * cellSize + 2))\" y=\"\(SVG.n(top + 2))\" width=\"\(SVG.n(cellSize - 4))\" height=\"\(SVG.n(Double(n) * cellSize - 4))\" fill=\"none\" stroke=\"\(column)\" stroke-width=\"3\" stroke-dasharray=\"7 4\"/>\n"
            s += "<rect x=\"\(SVG.n(left + 2))\" y=\"\(SVG.n(top + Double(k) * cellSize + 2))\" width=\"\(SVG.n(Double(n) * cellSize - 4))\" height=\"\(SVG.n(cellSize - 4))\" fill=\"none\" stroke=\"\(row)\" stroke-width=\"3\"/>\n"
            let legendY = top + Double(n) * cellSize + 20
            s += SVG.line(left, legendY - 4, left + 22, legendY - 4, stroke: column, width: 3, extra: " stroke-dasharray=\"7 4\"")
            s += SVG.text(Localized("column: precision", zh: "列：精确率")[language], x: left + 28, y: legendY, anchor: "start", size: 12)
            s += SVG.line(left, legendY + 14, left + 22, legendY + 14, stroke: row, width: 3)
            s += SVG.text(Localized("row: recall", zh: "行：召回率")[language], x: left + 28, y: legendY + 18, anchor: "start", size: 12)
        }
        return s + "</svg>\n"
    }
}
