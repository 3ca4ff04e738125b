/// Wide matrices shortened for reading: the first columns, ⋯, the last columns, instead of a row of
/// ten numbers that only fits a phone by scrolling.
///
/// Like `SumFolding`, the page shows the folded step and keeps the full one a click away; `--json`
/// holds every value too.
public enum MatrixFolding {
    /// Matrices with more columns than this are folded.
    public static let widest = 8
    /// How many columns stay visible at the start and at the end of a folded matrix.
    static let head = 4, tail = 2

    /// The step with every wide matrix folded, or nil when it has none.
    public static func fold(_ step: Step) -> Step? {
        step.rewritten { node in
            guard case .matrix(let rows, let digits) = node, (rows.map(\.count).max() ?? 0) > widest else { return nil }
            return folded(rows, digits: digits)
        }
    }

    /// How many columns the widest matrix of the step has.
    public static func widestMatrix(_ step: Step) -> Int {
        step.largest { if case .matrix(let rows, _) = $0 { return rows.map(\.count).max() ?? 0 } else { return 0 } }
    }

    /// The matrix `rows` with its middle columns replaced by one column of ⋯, in TeX and plain text.
    public static func folded(_ rows: [[Double]], digits: Int?) -> Expr {
        let columns = rows.map(\.count).max() ?? 0
        let kept = Array(0..<head) + Array((columns - tail)..<columns)
        var tex: [String] = [], text: [String] = []
        for row in rows {
            let cells = kept.map { $0 < row.count ? row[$0] : 0 }
            let texCells = cells.map { ExprRendering.texNumber($0, digits: digits ?? 6) }
            let textCells = cells.map { NumberFormat.short($0, significant: digits ?? 6) }
            tex.append((texCells.prefix(head) + ["\\cdots"] + texCells.suffix(tail)).joined(separator: " & "))
            text.append("[" + (textCells.prefix(head) + ["…"] + textCells.suffix(tail)).joined(separator: ", ") + "]")
        }
        return .raw(tex: "\\begin{bmatrix} " + tex.joined(separator: " \\\\ ") + " \\end{bmatrix}",
                    text: "[" + text.joined(separator: ", ") + "]")
    }
}
