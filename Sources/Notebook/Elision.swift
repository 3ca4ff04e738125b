/// The elision rules every page shares: a matrix shows at most 4 rows × 5 columns and a sum at most
/// 8 terms, with ⋯ / ⋮ standing for the rest (the full values stay in --json).
extension Expr {
    /// A matrix showing at most `rows` × `columns` entries: the first ones, ⋯ / ⋮, and the last row
    /// and column, so a 50-wide matrix prints its first and last entries.
    public static func elidedMatrix(_ x: [[Double]], rows: Int = 4, columns: Int = 5, digits: Int = 4) -> Expr {
        let rowCount = x.count, columnCount = x.first?.count ?? 0
        if rowCount <= rows && columnCount <= columns { return .matrix(x, digits: digits) }
        func pick(_ count: Int, _ limit: Int) -> [Int?] {
            if count <= limit { return Array(0..<count) }
            let head = max(1, limit - 2)
            return Array(0..<head) + [nil, count - 1]
        }
        let rs = pick(rowCount, rows), cs = pick(columnCount, columns)
        var texRows: [String] = [], textRows: [String] = []
        for r in rs {
            let texCells = cs.map { c -> String in
                guard let c else { return r == nil ? "\\ddots" : "\\cdots" }
                guard let r else { return "\\vdots" }
                return ExprRendering.texNumber(x[r][c], digits: digits)
            }
            let textCells = cs.map { c -> String in
                guard let c else { return r == nil ? "⋱" : "…" }
                guard let r else { return "⋮" }
                return NumberFormat.short(x[r][c], significant: digits)
            }
            texRows.append(texCells.joined(separator: " & "))
            textRows.append("[" + textCells.joined(separator: ", ") + "]")
        }
        return .raw(tex: "\\begin{bmatrix} " + texRows.joined(separator: " \\\\ ") + " \\end{bmatrix}",
                    text: "[" + textRows.joined(separator: ", ") + "]")
    }

    /// A sum of at most `limit` terms: the first limit − 2, ⋯, and the last.
    public static func elidedSum(_ terms: [Expr], limit: Int = 8) -> Expr {
        if terms.count == 1 { return terms[0] }
        if terms.count <= limit { return .sum(terms) }
        return .sum(Array(terms.prefix(limit - 2)) + [.raw(tex: "\\cdots", text: "…"), terms[terms.count - 1]])
    }
}
