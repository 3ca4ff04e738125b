import Foundation

/// Keeps inline TeX away from cmark, which would read `_`, `*` and backslashes as Markdown.
///
/// Each `$…$` span is swapped for an alphanumeric placeholder before cmark runs and swapped back
/// afterwards as `<span class="math">TeX</span>`, so the TeX reaches KaTeX byte for byte.
public enum MathProtection {
    /// A span of prose: plain Markdown or inline math.
    public enum Piece: Equatable, Sendable {
        case text(String)
        case math(String)
    }

    /// Splits prose at unescaped single dollar signs. An unmatched `$` stays as text.
    public static func split(_ prose: String) -> [Piece] {
        var pieces: [Piece] = []
        var text = ""
        var chars = Array(prose)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1] == "$" {
                text += "\\$"
                i += 2
                continue
            }
            if c == "$" {
                // Find the closing dollar, skipping escaped ones.
                var j = i + 1
                var found = -1
                while j < chars.count {
                    if chars[j] == "\\" { j += 2; continue }
                    if chars[j] == "$" { found = j; break }
                    j += 1
                }
                if found > i + 1 {
                    if !text.isEmpty { pieces.append(.text(text)); text = "" }
                    pieces.append(.math(String(chars[(i + 1)..<found])))
                    i = found + 1
                    continue
                }
            }
            text.append(c)
            i += 1
        }
        chars.removeAll()
        if !text.isEmpty { pieces.append(.text(text)) }
        return pieces
    }

    /// The placeholder for the n-th math span: letters and digits only, so cmark leaves it alone.
    static func placeholder(_ n: Int) -> String { "LHMATHX\(n)XLH" }

    /// Prose with every math span replaced by its placeholder, and the spans in order.
    public static func protect(_ prose: String) -> (markdown: String, math: [String]) {
        var out = ""
        var math: [String] = []
        for piece in split(prose) {
            switch piece {
            case .text(let t): out += t
            case .math(let m):
                out += placeholder(math.count)
                math.append(m)
            }
        }
        return (out, math)
    }

    /// cmark's HTML with each placeholder replaced by an HTML-escaped math span.
    public static func restore(_ html: String, math: [String]) -> String {
        var out = html
        // Replace from the last index down so "…X1XLH" never matches inside "…X11XLH".
        for (n, tex) in math.enumerated().reversed() {
            out = out.replacingOccurrences(of: placeholder(n),
                                           with: "<span class=\"math\">\(HTML.escape(tex))</span>")
        }
        return out
    }
}
