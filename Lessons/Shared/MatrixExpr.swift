import LonghandEngine
import Notebook

/// Expressions for matrices in worked steps: products, Hadamard products, transposes, and
/// abbreviated wide matrices. All numbers go through ExprRendering and NumberFormat.
enum MatrixExpr {
    /// A matrix typeset in full.
    static func m(_ x: Matrix, digits: Int = 4) -> Expr { .matrix(x.nested, digits: digits) }

    /// A symbol with a superscript layer index, e.g. W^{1} / W1.
    static func s(_ base: String, _ layer: Int) -> Expr {
        .symbol(tex: "\(base)^{\(layer)}", text: PlainMath.text(fromTeX: base) + "\(layer)")
    }

    /// a ⊙ b.
    static func hadamard(_ a: Expr, _ b: Expr) -> Expr {
        .raw(tex: ExprRendering.tex(a) + " \\odot " + ExprRendering.tex(b), text: ExprRendering.text(a) + " ⊙ " + ExprRendering.text(b))
    }

    /// eᵀ.
    static func transpose(_ e: Expr) -> Expr {
        .raw(tex: "{" + ExprRendering.tex(e) + "}^{\\top}", text: ExprRendering.text(e) + "ᵀ")
    }

    /// f(e) for an activation symbol.
    static func apply(_ f: (tex: String, text: String), _ e: Expr) -> Expr { .call(tex: f.tex, text: f.text, [e]) }

    /// A matrix showing at most `rows` × `columns` entries, with ⋯ / ⋮ for the rest, so 50-wide
    /// matrices can be printed with their first and last entries.
    static func abbreviated(_ x: Matrix, rows: Int = 4, columns: Int = 5, digits: Int = 4) -> Expr {
        if x.rows <= rows && x.columns <= columns { return m(x, digits: digits) }
        return .elidedMatrix(x.nested, rows: rows, columns: columns, digits: digits)
    }

    /// "2×50", as the shape of a matrix is printed.
    static func shape(_ x: Matrix) -> String { "\(x.rows)×\(x.columns)" }

    /// A row vector as a list for prose: (0.1, 0.2).
    static func list(_ v: [Double], digits: Int = 4) -> String {
        "(" + v.map { NumberFormat.short($0, significant: digits) }.joined(separator: ", ") + ")"
    }
}

extension MatrixExpr {
    /// A chain broken over lines when it would be wider than the page: the first expression on the
    /// first line, each following one on its own line after "=" (TeX `aligned`; plain text stays one line).
    /// A first expression that is itself too wide and is a sum is split before each "+".
    static func fitted(_ chain: [Expr], width limit: Int = 70) -> [Expr] {
        let total = chain.map(width).reduce(0, +) + 3 * chain.count
        guard total > limit, chain.count > 1 else { return chain }
        let first = lines(chain[0], limit: limit).joined(separator: " \\\\ &\\quad ")
        let tex = "\\begin{aligned} &" + ([first] + chain.dropFirst().map(ExprRendering.tex)).joined(separator: " \\\\ &= ") + " \\end{aligned}"
        return [.raw(tex: tex, text: chain.map(ExprRendering.text).joined(separator: " = "))]
    }

    /// TeX lines for an expression too wide for one line: a sum is broken before each "+",
    /// a product before each "·" (each later line starts with its operator).
    static func lines(_ e: Expr, limit: Int) -> [String] {
        guard width(e) > limit else { return [ExprRendering.tex(e)] }
        switch e {
        case .sum(let terms) where terms.count > 1:
            return terms.enumerated().flatMap { i, t -> [String] in
                var l = lines(t, limit: limit)
                if i > 0 { l[0] = "+ " + l[0] }
                return l
            }
        case .product(let factors) where factors.count > 1:
            return factors.enumerated().flatMap { i, f -> [String] in
                var l = lines(f, limit: limit)
                if i > 0 { l[0] = "\\cdot " + l[0] }
                return l
            }
        case .difference(let a, let b):
            var second = lines(b, limit: limit)
            second[0] = "- " + second[0]
            return lines(a, limit: limit) + second
        default:
            return [ExprRendering.tex(e)]
        }
    }

    /// A rough printed width in characters: a matrix is as wide as one of its rows.
    static func width(_ e: Expr) -> Int {
        switch e {
        case .matrix(let rows, let d):
            let cells = rows.flatMap { $0 }.map { NumberFormat.short($0, significant: d ?? 6).count + 2 }
            return (cells.max() ?? 1) * (rows.first?.count ?? 1) + 2
        case .sum(let terms), .product(let terms): return terms.map(width).reduce(0, +) + 3 * max(0, terms.count - 1)
        case .difference(let a, let b): return width(a) + width(b) + 3
        case .group(let a): return width(a) + 2
        case .call(_, let name, let args): return name.count + args.map(width).reduce(0, +) + 2
        case .raw(_, let text):
            // A raw piece made of matrices prints their rows one after another in text: divide by
            // the rows per matrix, so each matrix counts one row's width.
            let matrices = max(1, text.components(separatedBy: "[[").count - 1)
            let rows = (text.components(separatedBy: "], [").count - 1) / matrices + 1
            return text.count / rows + 4
        default: return ExprRendering.text(e).count
        }
    }
}

extension Page {
    /// A worked step with matrices, broken over lines when it is too wide for the page.
    mutating func fittedStep(_ lhs: Expr, _ chain: [Expr]) {
        step(lhs, MatrixExpr.fitted(chain))
    }
}

extension Double {
    /// ⌊log10 |x|⌋: the power of ten of the leading digit (0 for 0).
    var magnitudeExponent: Int {
        guard self != 0, isFinite else { return 0 }
        var e = 0
        var v = Swift.abs(self)
        while v >= 10 { v /= 10; e += 1 }
        while v < 1 { v *= 10; e -= 1 }
        return e
    }
}
