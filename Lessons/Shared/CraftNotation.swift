import ArgumentParser
import LonghandEngine
import Notebook

/// Expressions and small data sets shared by the lessons of the "craft of training" part
/// (normalization-and-clipping, optimizers). Numbers only pass through ExprRendering/NumberFormat.
enum Craft {
    /// x, or 0 when x is rounding noise (|x| < 1e-12): what a sum like 0.3 − 0.1 − 0.2 "is", for display only.
    static func clean(_ x: Double) -> Double { abs(x) < 1e-12 ? 0 : x }

    /// A number for inline TeX in prose: 1 \\times 10^{-5}, never "1e-5".
    static func tex(_ x: Double, _ digits: Int = 6) -> String { ExprRendering.texNumber(x, digits: digits) }

    /// A number with four significant digits (the precision of the worked batch-norm numbers).
    static func n4(_ x: Double) -> Expr { .number(x, digits: 4) }

    /// √(e), typeset with a radical.
    static func sqrt(_ e: Expr) -> Expr {
        .raw(tex: "\\sqrt{\(ExprRendering.tex(e))}", text: "√(\(ExprRendering.text(e)))")
    }

    /// "e = value", for table cells that show a formula and its result.
    static func equals(_ e: Expr, _ value: Double) -> Expr {
        .raw(tex: ExprRendering.tex(e) + " = " + ExprRendering.texNumber(value), text: ExprRendering.text(e) + " = " + NumberFormat.short(value))
    }

    /// A symbol with a subscript: x_{12} / x12.
    static func sub(_ base: String, _ index: String, text: String? = nil) -> Expr {
        .symbol(tex: "\(base)_{\(index)}", text: (text ?? PlainMath.text(fromTeX: base)) + index)
    }

    /// A row of numbers typeset as a 1×n matrix.
    static func row(_ v: [Double], digits: Int = 4) -> Expr { .matrix([v], digits: digits) }

    /// "(0.1, 0.2)" for prose.
    static func list(_ v: [Double], digits: Int = 4) -> String {
        "(" + v.map { NumberFormat.short($0, significant: digits) }.joined(separator: ", ") + ")"
    }

    /// "(0.1, 2 \\times 10^{-5})" for inline TeX.
    static func texList(_ v: [Double], digits: Int = 4) -> String {
        "(" + v.map { ExprRendering.texNumber($0, digits: digits) }.joined(separator: ", ") + ")"
    }

    /// A short number for prose with `digits` significant digits.
    static func f(_ x: Double, _ digits: Int = 4) -> String { NumberFormat.short(x, significant: digits) }

    /// The Euclidean norm written out: √(a² + b² + …).
    static func normExpr(_ g: [Double]) -> Expr {
        sqrt(.sum(g.map { .power(.n($0), .n(2)) }))
    }

    /// cos x and sin x = cos(x − π/2), for points on a circle.
    static func cosine(_ x: Double) -> Double { Double.cos(x) }
    static func sine(_ x: Double) -> Double { Double.cos(x - Double.pi / 2) }
}

extension Page {
    /// A worked step `lhs = chain… = value` that breaks over lines when it would be wider than the page.
    @discardableResult
    mutating func longStep(_ name: String?, _ lhs: Expr, _ chain: [Expr], value: Double, digits: Int? = nil, width: Int = 60) -> Double {
        step(lhs, MatrixExpr.fitted(chain + [.number(value, digits: digits)], width: width))
        if let name { record(name, value) }
        return value
    }
}

extension Craft {
    /// The extent of `values` widened by 8% on each side, so points never sit on the frame.
    static func padded(_ values: [Double]) -> ClosedRange<Double> {
        let lo = values.min() ?? 0, hi = values.max() ?? 1
        let span = max(hi - lo, max(abs(hi), 1) * 1e-3)
        return (lo - 0.08 * span)...(hi + 0.08 * span)
    }
}
