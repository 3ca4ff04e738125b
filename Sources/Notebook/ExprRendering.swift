/// Turns an `Expr` into TeX (pages) or plain text (terminal).
public enum ExprRendering {
    /// TeX source for KaTeX and GitHub.
    public static func tex(_ e: Expr) -> String {
        switch e {
        case .number(let x, let d): return texNumber(x, digits: d ?? 6)
        case .symbol(let t, _): return t
        case .sum(let terms):
            var out = ""
            for (i, t) in terms.enumerated() {
                if i == 0 { out = texOperand(t, inSum: false); continue }
                out += " + " + texOperand(t, inSum: true)
            }
            return out
        case .difference(let a, let b): return "\(tex(a)) - \(texOperand(b, inSum: true))"
        case .product(let factors): return factors.map { needsGroupInProduct($0) ? "(\(tex($0)))" : tex($0) }.joined(separator: " \\cdot ")
        case .quotient(let a, let b): return "\\frac{\(tex(a))}{\(tex(b))}"
        case .negation(let a): return "-\(texOperand(a, inSum: true))"
        case .power(let a, let b): return "{\(texOperand(a, inSum: true))}^{\(tex(b))}"
        case .exp(let a): return "e^{\(tex(a))}"
        case .call(let f, _, let args): return "\(f)(\(args.map(tex).joined(separator: ", ")))"
        case .group(let a): return "\\left(\(tex(a))\\right)"
        case .matrix(let rows, let d):
            let body = rows.map { $0.map { texNumber($0, digits: d ?? 6) }.joined(separator: " & ") }
                .joined(separator: " \\\\ ")
            return "\\begin{bmatrix} \(body) \\end{bmatrix}"
        case .raw(let t, _): return t
        }
    }

    /// Plain Unicode text: `0·2 + 1·3 + 4`, `σ(7) = 1/(1 + e^(-7))`.
    public static func text(_ e: Expr) -> String {
        switch e {
        case .number(let x, let d): return NumberFormat.short(x, significant: d ?? 6)
        case .symbol(_, let t): return t
        case .sum(let terms):
            var out = ""
            for (i, t) in terms.enumerated() {
                if i == 0 { out = textOperand(t, inSum: false); continue }
                out += " + " + textOperand(t, inSum: true)
            }
            return out
        case .difference(let a, let b): return "\(text(a)) - \(textOperand(b, inSum: true))"
        case .product(let factors): return factors.map { needsGroupInProduct($0) ? "(\(text($0)))" : text($0) }.joined(separator: "·")
        case .quotient(let a, let b): return "\(textAtom(a))/\(textAtom(b))"
        case .negation(let a): return "-\(textOperand(a, inSum: true))"
        case .power(let a, let b): return "\(textOperand(a, inSum: true))^\(textAtom(b))"
        case .exp(let a): return "e^\(textAtom(a))"
        case .call(_, let f, let args): return "\(f)(\(args.map(text).joined(separator: ", ")))"
        case .group(let a): return "(\(text(a)))"
        case .matrix(let rows, let d):
            return "[" + rows.map { "[" + $0.map { NumberFormat.short($0, significant: d ?? 6) }.joined(separator: ", ") + "]" }
                .joined(separator: ", ") + "]"
        case .raw(_, let t): return t
        }
    }

    /// A number in TeX; scientific values as 1.5 \times 10^{-7}.
    public static func texNumber(_ x: Double, digits: Int = 6) -> String {
        let s = NumberFormat.short(x, significant: digits)
        if s.contains("e") {
            let sci = NumberFormat.scientific(x, significant: digits)
            return "\(sci.mantissa) \\times 10^{\(sci.exponent)}"
        }
        return s
    }

    private static func isNegativeLeaf(_ e: Expr) -> Bool {
        switch e {
        case .number(let x, _): return x < 0
        case .negation: return true
        default: return false
        }
    }

    private static func needsGroupInProduct(_ e: Expr) -> Bool {
        switch e {
        case .sum, .difference: return true
        default: return isNegativeLeaf(e)
        }
    }

    private static func texOperand(_ e: Expr, inSum: Bool) -> String {
        if inSum && isNegativeLeaf(e) { return "(\(tex(e)))" }
        return tex(e)
    }

    private static func textOperand(_ e: Expr, inSum: Bool) -> String {
        if inSum && isNegativeLeaf(e) { return "(\(text(e)))" }
        return text(e)
    }

    /// Plain-text operand of / or ^: anything but a single number or symbol gets parentheses.
    private static func textAtom(_ e: Expr) -> String {
        switch e {
        case .number(let x, _) where x >= 0: return text(e)
        case .symbol, .call, .group, .matrix: return text(e)
        default: return "(\(text(e)))"
        }
    }
}
