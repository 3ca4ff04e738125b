import Foundation

/// Turns the small TeX vocabulary used in prose into readable plain text for the terminal.
public enum PlainMath {
    private static let replacements: [(String, String)] = [
        ("\\left(", "("), ("\\right)", ")"), ("\\left[", "["), ("\\right]", "]"),
        ("\\cdot", "·"), ("\\times", "×"), ("\\sigma", "σ"), ("\\eta", "η"), ("\\nabla", "∇"),
        ("\\partial", "∂"), ("\\Delta", "Δ"), ("\\delta", "δ"), ("\\sum", "Σ"), ("\\lambda", "λ"),
        ("\\alpha", "α"), ("\\beta", "β"), ("\\gamma", "γ"), ("\\theta", "θ"), ("\\mu", "μ"),
        ("\\epsilon", "ε"), ("\\varepsilon", "ε"), ("\\leq", "≤"), ("\\geq", "≥"), ("\\le", "≤"),
        ("\\ge", "≥"), ("\\neq", "≠"), ("\\approx", "≈"), ("\\to", "→"), ("\\rightarrow", "→"),
        ("\\infty", "∞"), ("\\odot", "⊙"), ("\\in", "∈"), ("\\ln", "ln"), ("\\log", "log"),
        ("\\max", "max"), ("\\min", "min"), ("\\exp", "exp"), ("\\tanh", "tanh"), ("\\quad", "  "),
        ("\\qquad", "    "), ("\\,", " "), ("\\;", " "), ("\\!", ""), ("\\{", "{"), ("\\}", "}"),
        ("\\top", "ᵀ"), ("\\prime", "′"), ("\\hat", ""), ("\\mathbf", ""), ("\\mathrm", ""),
        ("\\text", ""), ("\\operatorname", ""), ("\\lVert", "‖"), ("\\rVert", "‖"), ("\\|", "‖"),
        ("\\pi", "π"), ("\\pm", "±"), ("\\ldots", "…"), ("\\dots", "…"), ("\\cdots", "⋯"),
        ("\\sqrt", "√"), ("\\circ", "∘"), ("\\mid", "|"),
        // \hat y has one plain letter (ŷ); \leftarrow must not be read as \le followed by "ftarrow".
        ("\\hat{y}", "ŷ"),
        ("\\hat x", "x̂"), ("\\hat y", "ŷ"), ("\\bar\\mu", "μ̄"), ("\\bar\\sigma", "σ̄"), ("\\tilde g", "g̃"),
        ("\\hat m", "m̂"), ("\\hat s", "ŝ"), ("\\leftarrow", "←"),
    ]

    /// Plain text for a TeX fragment: `\sigma(z)` → `σ(z)`, `w_{1}` → `w1`, `\frac{a}{b}` → `(a)/(b)`.
    public static func text(fromTeX tex: String) -> String {
        var s = tex
        s = rewriteFractions(s)
        s = rewriteRoots(s)
        // Matrices: \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix} → [[1, 2], [3, 4]].
        s = s.replacingOccurrences(of: "\\begin{bmatrix}", with: "[[").replacingOccurrences(of: "\\end{bmatrix}", with: "]]")
        s = s.replacingOccurrences(of: "\\\\", with: "], [").replacingOccurrences(of: "&", with: ",")
        // Longest names first so "\leq" is not read as "\le" + "q".
        for (from, to) in replacements.sorted(by: { $0.0.count > $1.0.count }) {
            s = s.replacingOccurrences(of: from, with: to)
        }
        // "\Delta w" and "\partial output" read better without the space TeX needed.
        s = s.replacingOccurrences(of: "Δ ", with: "Δ").replacingOccurrences(of: "∂ ", with: "∂")
        s = s.replacingOccurrences(of: "_{", with: "").replacingOccurrences(of: "^{", with: "^(")
        s = s.replacingOccurrences(of: "_", with: "")
        // Braces that only grouped in TeX.
        var out = ""
        var depth: [Bool] = []   // true when the brace opened a "^(" group
        var previous: Character = " "
        for c in s {
            if c == "(" && previous == "^" { depth.append(true); out.append(c); previous = c; continue }
            if c == "{" { depth.append(false); previous = c; continue }
            if c == "}" { if depth.popLast() == true { out.append(")") }; previous = c; continue }
            out.append(c)
            previous = c
        }
        return out
    }

    /// Prose for the terminal: inline math converted, Markdown emphasis and code marks removed.
    public static func prose(_ markdown: String) -> String {
        var out = ""
        for piece in MathProtection.split(markdown) {
            switch piece {
            case .text(let t): out += t.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "`", with: "")
            case .math(let m): out += text(fromTeX: m)
            }
        }
        return out
    }

    private static func rewriteFractions(_ tex: String) -> String {
        var s = tex
        while let range = s.range(of: "\\frac{") {
            guard let (num, afterNum) = group(in: s, from: s.index(before: range.upperBound)),
                  afterNum < s.endIndex, s[afterNum] == "{",
                  let (den, end) = group(in: s, from: afterNum) else { break }
            s.replaceSubrange(range.lowerBound..<end, with: "(\(num))/(\(den))")
        }
        return s
    }

    /// \sqrt{a + b} → √(a + b), so the radical's reach survives without the bar.
    private static func rewriteRoots(_ tex: String) -> String {
        var s = tex
        while let range = s.range(of: "\\sqrt{"),
              let (body, end) = group(in: s, from: s.index(before: range.upperBound)) {
            s.replaceSubrange(range.lowerBound..<end, with: "√(\(body))")
        }
        return s
    }

    /// The content of the brace group opening at `start`, and the index after its closing brace.
    private static func group(in s: String, from start: String.Index) -> (String, String.Index)? {
        var depth = 0
        var i = start
        var content = ""
        while i < s.endIndex {
            let c = s[i]
            if c == "{" { depth += 1; if depth > 1 { content.append(c) } }
            else if c == "}" { depth -= 1; if depth == 0 { return (content, s.index(after: i)) }; content.append(c) }
            else { content.append(c) }
            i = s.index(after: i)
        }
        return nil
    }
}
