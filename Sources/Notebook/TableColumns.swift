/// How a table's columns are set: each numeric column gets one precision chosen from its own values,
/// so every number in it has the same count of decimals and, right-aligned in tabular figures, the
/// decimal points line up; a table with marked rows gains a narrow first column holding the mark.
public enum TableColumns {
    /// The mark of a marked row (rows where the weights changed, say).
    public static let mark = "●"
    /// No column is given more decimals than this: a column holding 12.5 and 0.0000012 shows the
    /// tiny value in scientific form rather than padding every other value with zeros.
    static let mostDecimals = 8

    /// A table's cells as strings of one format: `number` prints a value with a fixed count of
    /// decimals, `text` and `math` print the other cells; `numeric[j]` says whether column j
    /// holds numbers (to be right-aligned).
    public struct Laid {
        public let header: [String]
        public let rows: [[String]]
        public let numeric: [Bool]
    }

    /// The decimals of column `j`: the most any of its numbers needs to show its significant digits
    /// (trailing zeros dropped), at most `mostDecimals`; nil when the column has no numbers.
    public static func decimals(_ table: Table, column j: Int) -> Int? {
        var most: Int?
        for row in table.rows {
            guard case .number(let x, let d) = row[j] else { continue }
            let shown = NumberFormat.short(x, significant: d ?? 6)
            guard x.isFinite, !shown.contains("e") else { most = most ?? 0; continue }
            let decimals = shown.firstIndex(of: ".").map { shown.distance(from: $0, to: shown.endIndex) - 1 } ?? 0
            most = max(most ?? 0, min(decimals, mostDecimals))
        }
        return most
    }

    /// The text of number `x` in a column of `decimals` decimals, with a true minus sign; a value
    /// the fixed form cannot show (too small, too large, not finite) keeps its own scientific form.
    public static func number(_ x: Double, significant: Int?, decimals: Int) -> String {
        let own = NumberFormat.short(x, significant: significant ?? 6)
        if !x.isFinite || own.contains("e") { return NumberFormat.display(x, significant: significant ?? 6) }
        return NumberFormat.fixed(x, decimals: decimals).replacingOccurrences(of: "-", with: "−")
    }

    /// The table laid out: `text` renders a text cell, `math` a math cell, in the renderer's format.
    public static func lay(_ table: Table, language: Language, header: (Localized) -> String,
                           text: (Localized) -> String, math: (Expr) -> String) -> Laid {
        let columnDecimals = table.columns.indices.map { decimals(table, column: $0) }
        var rows = table.rows.map { row in
            row.enumerated().map { j, cell -> String in
                switch cell {
                case .text(let t): return text(t)
                case .number(let x, let d): return number(x, significant: d, decimals: columnDecimals[j] ?? 0)
                case .math(let e): return math(e)
                }
            }
        }
        var head = table.columns.map(header)
        var numeric = table.columns.indices.map { j in
            table.rows.contains { if case .number = $0[j] { return true } else { return false } }
        }
        if let marked = table.marked {
            head.insert(mark, at: 0)
            numeric.insert(false, at: 0)
            rows = zip(rows, marked).map { row, m in [m ? mark : ""] + row }
        }
        return Laid(header: head, rows: rows, numeric: numeric)
    }

    /// Whether row `i` opens a new band, and whether its band is shaded (every other band, counted
    /// from the first, so shading follows the bands, not the band numbers).
    public static func band(_ table: Table, row i: Int) -> (opens: Bool, shaded: Bool)? {
        guard let bands = table.bands else { return nil }
        var shaded = false
        for k in stride(from: 1, through: i, by: 1) where bands[k] != bands[k - 1] { shaded.toggle() }
        return (i > 0 && bands[i] != bands[i - 1], shaded)
    }
}
