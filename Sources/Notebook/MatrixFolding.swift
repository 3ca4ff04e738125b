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
        var changed = false
        let lhs = fold(step.lhs, &changed)
        let chain = step.chain.map { fold($0, &changed) }
        return changed ? Step(lhs: lhs, chain: chain) : nil
    }

    /// How many columns the widest matrix of the step has.
    public static func widestMatrix(_ step: Step) -> Int {
        ([step.lhs] + step.chain).map(widestMatrix).max() ?? 0
    }

    static func widestMatrix(_ e: Expr) -> Int {
        switch e {
        case .matrix(let rows, _): return rows.map(\.count).max() ?? 0
        case .sum(let terms), .product(let terms), .call(_, _, let terms): return terms.map(widestMatrix).max() ?? 0
        case .difference(let a, let b), .quotient(let a, let b), .power(let a, let b): return max(widestMatrix(a), widestMatrix(b))
        case .negation(let a), .exp(let a), .group(let a): return widestMatrix(a)
        case .number, .symbol, .raw: return 0
        }
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

    static func fold(_ e: Expr, _ changed: inout Bool) -> Expr {
        switch e {
        case .matrix(let rows, let digits):
            guard (rows.map(\.count).max() ?? 0) > widest else { return e }
            changed = true
            return folded(rows, digits: digits)
        case .sum(let terms): return .sum(terms.map { fold($0, &changed) })
        case .difference(let a, let b): return .difference(fold(a, &changed), fold(b, &changed))
        case .product(let fs): return .product(fs.map { fold($0, &changed) })
        case .quotient(let a, let b): return .quotient(fold(a, &changed), fold(b, &changed))
        case .negation(let a): return .negation(fold(a, &changed))
        case .power(let a, let b): return .power(fold(a, &changed), fold(b, &changed))
        case .exp(let a): return .exp(fold(a, &changed))
        case .call(let t, let x, let args): return .call(tex: t, text: x, args.map { fold($0, &changed) })
        case .group(let a): return .group(fold(a, &changed))
        case .number, .symbol, .raw: return e
        }
    }
}
