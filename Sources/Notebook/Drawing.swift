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

    /// Text at a point.
    public static func text(_ s: String, x: Double, y: Double, anchor: String = "middle",
                            size: Double = 12, fill: String = "#222", weight: String? = nil, extra: String = "") -> String {
        let w = weight.map { " font-weight=\"\($0)\"" } ?? ""
        return "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(n(size))\" fill=\"\(fill)\"\(w)\(extra)>\(escape(s))</text>\n"
    }

    /// A straight line.
    public static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double,
                            stroke: String = "#222", width: Double = 1, extra: String = "") -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"\(extra)/>\n"
    }

    /// The colours series are drawn in, chosen to stay distinct for colour-blind readers.
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
}
