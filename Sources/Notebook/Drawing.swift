/// Something that can draw itself as a standalone SVG document: plots, network diagrams, grids.
///
/// A drawing is handed its title and description so the SVG carries `<title>` and `<desc>`
/// for screen readers, and the language so its own labels come out in the page's language.
public protocol Drawing: Sendable {
    /// The SVG document (starting with `<svg`).
    func svg(title: String, description: String, language: Language) -> String
}

/// Shared helpers for the project's SVG drawings.
public enum SVG {
    /// Escapes text for XML content and attributes.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A coordinate or length, locale-independent.
    public static func n(_ x: Double) -> String { NumberFormat.coordinate(x) }

    /// The opening tag with accessibility attributes, title and description.
    /// The ids inside are derived from the title so that several figures inlined in one page
    /// never share an id.
    public static func open(width: Double, height: Double, title: String, description: String) -> String {
        let id = identifier(for: title)
        return """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(width)) \(n(height))" width="\(n(width))" height="\(n(height))" role="img" aria-labelledby="\(id)-t \(id)-d" font-family="system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', 'Noto Sans', sans-serif" font-size="12">
        <title id="\(id)-t">\(escape(title))</title>
        <desc id="\(id)-d">\(escape(description))</desc>
        <rect x="0" y="0" width="\(n(width))" height="\(n(height))" fill="#ffffff"/>

        """
    }

    /// A stable id for a figure (FNV-1a of its title), the same on every run and machine.
    public static func identifier(for title: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in title.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "fig" + String(hash % 0xFFFF_FFFF, radix: 16)
    }

    /// Text at a point; indices are set as subscripts, as the prose writes them (see `subscripted`).
    public static func text(_ s: String, x: Double, y: Double, anchor: String = "middle",
                            size: Double = 12, fill: String = "#222", weight: String? = nil, extra: String = "") -> String {
        let w = weight.map { " font-weight=\"\($0)\"" } ?? ""
        return "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(n(size))\" fill=\"\(fill)\"\(w)\(extra)>\(subscripted(s))</text>\n"
    }

    /// Escaped label text with its indices lowered, the way the prose's $x_1$, $w_{12}$, $s_y$ read:
    /// a lower-case letter followed by digits (x1, h12 → x₁, h₁₂) and an underscore before a run of
    /// letters or digits (y_i, E_total). Digits become Unicode subscript digits; a run with letters
    /// becomes a lowered, smaller `<tspan>` (Unicode lacks a subscript y, and its subscript letters
    /// come out in mismatched sizes). Upper-case names such as L2 are left alone: the prose writes
    /// them on the line.
    public static func subscripted(_ s: String) -> String {
        let chars = Array(s)
        var out = ""
        var i = 0
        func isWordChar(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
        func lowered(_ run: [Character]) -> String {
            if run.allSatisfy(\.isNumber) { return String(run.map { subscriptDigits[Int(String($0))!] }) }
            return "<tspan baseline-shift=\"sub\" font-size=\"80%\">" + escape(String(run)) + "</tspan>"
        }
        while i < chars.count {
            let c = chars[i]
            // x1: a lone lower-case letter, then digits, then the end of the word.
            if c.isASCII && c.isLowercase && (i == 0 || !isWordChar(chars[i - 1])) && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber {
                var j = i + 1
                while j < chars.count && chars[j].isASCII && chars[j].isNumber { j += 1 }
                if j == chars.count || !(isWordChar(chars[j]) || chars[j] == ".") {
                    out += String(c) + lowered(Array(chars[(i + 1)..<j]))
                    i = j
                    continue
                }
            }
            // y_i: an underscore after a letter, then a run of letters or digits.
            if c == "_" && i > 0 && chars[i - 1].isLetter && i + 1 < chars.count && isWordChar(chars[i + 1]) {
                var j = i + 1
                while j < chars.count && isWordChar(chars[j]) { j += 1 }
                out += lowered(Array(chars[(i + 1)..<j]))
                i = j
                continue
            }
            out += escape(String(c))
            i += 1
        }
        return out
    }

    /// ₀ … ₉.
    static let subscriptDigits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]

    /// A straight line.
    public static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double,
                            stroke: String = "#222", width: Double = 1, extra: String = "") -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"\(extra)/>\n"
    }

    /// The colours series are drawn in, chosen to stay distinct for colour-blind readers.
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
}
