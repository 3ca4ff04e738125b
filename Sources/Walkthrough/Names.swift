import Notebook

/// How one quantity is written: in TeX on pages, in plain text in the terminal, and as a --json key.
public struct Symbol: Equatable, Sendable {
    public let tex: String
    public let text: String
    public let json: String

    /// The symbol as an expression for worked steps.
    var expr: Expr { .symbol(tex: tex, text: text) }
}

/// The names of every quantity: the layer-indexed notation z⁽ˡ⁾ⱼ, a⁽ˡ⁾ⱼ, w⁽ˡ⁾ⱼₖ, b⁽ˡ⁾ⱼ by default,
/// or a spec's own names (w1 … w8, net_h1, out_h1) wherever it gives them.
enum Names {
    /// A letter, then letters or digits, optionally `_` and a subscript of letters or digits; ≤ 24 characters.
    static func isValid(_ s: String) -> Bool {
        guard (1...24).contains(s.count), let first = s.first, first.isASCII, first.isLetter else { return false }
        let parts = s.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty }) else { return false }
        return s.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" }
    }

    /// A custom name typeset: w1 → w₁, net_h1 → net with subscript h1, E_total → E with subscript total.
    static func custom(_ name: String) -> Symbol {
        let parts = name.split(separator: "_").map(String.init)
        var base = parts[0]
        var subscriptText = parts.count > 1 ? parts[1] : ""
        if parts.count == 1 {
            // Trailing digits become the subscript: w12 → w₁₂.
            let digits = base.reversed().prefix { $0.isNumber }
            if !digits.isEmpty && digits.count < base.count {
                subscriptText = String(digits.reversed())
                base = String(base.dropLast(digits.count))
            }
        }
        let texBase = base.count == 1 ? base : "\\mathrm{\(base)}"
        let texSub = subscriptText.isEmpty ? "" : (subscriptText.allSatisfy(\.isNumber) || subscriptText.count == 1 ? "_{\(subscriptText)}" : "_{\\mathrm{\(subscriptText)}}")
        return Symbol(tex: texBase + texSub, text: name, json: name)
    }

    /// The layer-indexed symbol `letter⁽layer⁾_indices`, e.g. z⁽²⁾₁ or w⁽¹⁾₂₁.
    static func indexed(_ letter: String, layer: Int, _ indices: [Int]) -> Symbol {
        let sub = indices.map(String.init).joined(separator: indices.contains { $0 > 9 } ? "," : "")
        let text = letter + raised("(\(layer))") + lowered(indices.map(String.init).joined(separator: indices.contains { $0 > 9 } ? "," : ""))
        return Symbol(tex: "\(letter)^{(\(layer))}_{\(sub)}", text: text,
                      json: "\(letter)\(layer)_" + indices.map(String.init).joined(separator: "_"))
    }

    /// An input: x₁, x₂, … or the spec's names.
    static func input(_ k: Int, names: [String]?) -> Symbol {
        if let names { return custom(names[k]) }
        return Symbol(tex: "x_{\(k + 1)}", text: "x" + lowered(String(k + 1)), json: "x\(k + 1)")
    }

    static func raised(_ s: String) -> String {
        let map: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "(": "⁽", ")": "⁾"]
        return String(s.map { map[$0] ?? $0 })
    }

    static func lowered(_ s: String) -> String {
        let map: [Character: Character] = ["0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉", ",": ","]
        return String(s.map { map[$0] ?? $0 })
    }

    /// ∂L/∂q as a symbol: `\frac{\partial L}{\partial q}` / `∂L/∂q`, JSON `dL_dq`.
    static func partial(_ of: Symbol, _ by: Symbol) -> Symbol {
        Symbol(tex: "\\frac{\\partial \(of.tex)}{\\partial \(by.tex)}", text: "∂\(of.text)/∂\(by.text)", json: "d\(of.json)_d\(by.json)")
    }
}
