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
        guard !math.isEmpty else { return html }
        // One pass over the bytes: a page restores hundreds of spans, and one Foundation search per span was measurable.
        let bytes = Array(html.utf8), open = Array("LHMATHX".utf8), close = Array("XLH".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64 * math.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == open[0], UTF8Search.matches(open, in: bytes, at: i) {
                var j = i + open.count, n = 0
                while j < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[j]), n < math.count {
                    n = n * 10 + Int(bytes[j] - UInt8(ascii: "0"))
                    j += 1
                }
                if j > i + open.count, n < math.count, UTF8Search.matches(close, in: bytes, at: j) {
                    out += Array("<span class=\"math\">\(HTML.escape(math[n]))</span>".utf8)
                    i = j + close.count
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
