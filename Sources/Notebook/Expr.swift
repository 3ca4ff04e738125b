/// A piece of arithmetic kept as structure, so each renderer can print it its own way:
/// TeX in pages (`0 \cdot 2 + 1 \cdot 3 + 4`), plain text in the terminal (`0·2 + 1·3 + 4`).
public indirect enum Expr: Equatable, Sendable {
    /// A number printed with the given significant digits (6 when nil).
    case number(Double, digits: Int? = nil)
    /// A named quantity, e.g. tex "w_1", text "w1".
    case symbol(tex: String, text: String)
    /// a + b + c (a negative number after the first term is parenthesised).
    case sum([Expr])
    /// a − b.
    case difference(Expr, Expr)
    /// a · b · c.
    case product([Expr])
    /// a / b, typeset as a fraction.
    case quotient(Expr, Expr)
    /// −a.
    case negation(Expr)
    /// base^exponent.
    case power(Expr, Expr)
    /// e^x.
    case exp(Expr)
    /// f(a, b, …), e.g. σ(7) or max(8, 0).
    case call(tex: String, text: String, [Expr])
    /// (a), when the grouping must be shown.
    case group(Expr)
    /// A matrix of numbers, typeset with brackets.
    case matrix([[Double]], digits: Int? = nil)
    /// Anything else, given in both notations.
    case raw(tex: String, text: String)

    /// A symbol whose TeX and plain spelling agree.
    public static func sym(_ name: String) -> Expr { .symbol(tex: name, text: name) }

    /// A number with default precision.
    public static func n(_ x: Double) -> Expr { .number(x) }

    /// A probability as a formula writes it: p, or 1 − (1 − p) when p prints as 1 but `complement` (1 − p with all its
    /// digits, when the caller has it) is not 0. −ln(1) beside a loss that is not 0 would read as a mistake, and it is
    /// 1 − p, not p's leading nines, that sets such a loss (−ln p ≈ 1 − p).
    public static func probability(_ p: Double, complement: Double?) -> Expr {
        if let c = complement, c > 0, NumberFormat.short(p) == "1" { return .difference(.n(1), .n(c)) }
        return .n(p)
    }

    /// Σ wj·xj + b written out term by term, as `0·2 + 1·3 + 4`.
    public static func weightedSum(weights: [Double], inputs: [Double], bias: Double?) -> Expr {
        var terms: [Expr] = zip(weights, inputs).map { .product([.n($0), .n($1)]) }
        if let bias { terms.append(.n(bias)) }
        return terms.count == 1 ? terms[0] : .sum(terms)
    }

    /// σ(z), with σ as the function name.
    public static func sigma(_ argument: Expr) -> Expr { .call(tex: "\\sigma", text: "σ", [argument]) }

    /// 1 / (1 + e^(−z)) with z's value plugged in.
    public static func sigmoidFormula(_ z: Double) -> Expr {
        .quotient(.n(1), .sum([.n(1), .exp(.n(-z))]))
    }
}
