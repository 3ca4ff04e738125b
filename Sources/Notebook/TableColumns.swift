/// How a table's columns are set: each numeric column gets one precision chosen from its own values,
/// so every number in it has the same count of decimals and, right-aligned in tabular figures, the
/// decimal points line up; a table with marked rows gains a narrow first column holding the mark.
public enum TableColumns {
    /// The mark of a marked row (rows where the weights changed, say).
    public static let mark = "●"
    /// No column is given more decimals than this.
    static let mostDecimals = 8

    /// A table's cells as strings of one format: `number` prints a value with a fixed count of
    /// decimals, `text` and `math` print the other cells; `numeric[j]` says whether column j
    /// holds numbers (to be right-aligned).
    public struct Laid {
        public let header: [String]
        public let rows: [[String]]
        public let numeric: [Bool]
    }

    /// The decimals of column `j`, one precision for the whole column: as many as its largest value
    /// needs for its significant digits, and never more than any of its values needs (a column of
    /// 0.5, 0.25 and 1 shows 0.50, 0.25, 1.00, not six decimals of zeros); nil when it has no numbers.
    public static func decimals(_ table: Table, column j: Int) -> Int? {
        var needed = 0, largest = 0.0, significant = 0, any = false
        for row in table.rows {
            guard case .number(let x, let d) = row[j] else { continue }
            any = true
            significant = max(significant, d ?? 6)
            let shown = NumberFormat.short(x, significant: d ?? 6)
            guard x.isFinite, !shown.contains("e") else { continue }
            needed = max(needed, shown.firstIndex(of: ".").map { shown.distance(from: $0, to: shown.endIndex) - 1 } ?? 0)
            largest = max(largest, abs(x))
        }
        guard any else { return nil }
        guard largest > 0 else { return 0 }
        let forLargest = significant - 1 - exponent(largest)
        return max(0, min(needed, forLargest, mostDecimals))
    }

    /// ⌊log₁₀ x⌋ for x > 0, exact at powers of ten.
    static func exponent(_ x: Double) -> Int {
        var e = 0, v = x
        while v >= 10 { v /= 10; e += 1 }
        while v < 1 { v *= 10; e -= 1 }
        return e
    }

    /// The text of number `x` in a column of `decimals` decimals, with a true minus sign. A value the
    /// fixed form cannot show (not finite, too large, or so small it would keep fewer than two
    /// significant digits) keeps its own form, so no value is rounded away.
    public static func number(_ x: Double, significant: Int?, decimals: Int) -> String {
        let own = NumberFormat.short(x, significant: significant ?? 6)
        let tooSmall = x != 0 && abs(x) < pow10(1 - decimals)
        if !x.isFinite || own.contains("e") || tooSmall { return NumberFormat.display(x, significant: significant ?? 6) }
        return NumberFormat.withMinusSign(NumberFormat.fixed(x, decimals: decimals))
    }

    static func pow10(_ n: Int) -> Double {
        var v = 1.0
        for _ in 0..<abs(n) { v *= 10 }
        return n < 0 ? 1 / v : v
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
