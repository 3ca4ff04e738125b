import Foundation

/// Turns every citation of a source text (`000`–`004`) on a rendered page into a link to that text's
/// entry on the Sources page, so no reader meets an unexplained “source text 002”.
///
/// Lessons cite a text as a code span (“source text `002`”, “原文 `002`”, “`002` says”) or, here and
/// there, as a bare number after “source text”/“原文”. The linking is done once, here, on the rendered
/// page, instead of in every sentence of every lesson.
public enum SourceCitations {
    /// The ids of the source texts, in order.
    public static let ids = ["000", "001", "002", "003", "004"]

    /// The Sources page's id (its file name without extension), in the same folder as the lessons.
    public static let page = "sources"

    /// The heading of a source text's entry on the Sources page; the anchors below are derived from it.
    /// (Worded so that the heading itself is not a citation to be linked.)
    public static func heading(_ id: String) -> Localized { Localized("Text \(id)", zh: "\(id) 号原文") }

    /// The HTML anchor of a source text's entry (the HTML renderer derives it from the English heading).
    public static func anchor(_ id: String) -> String { "text-\(id)" }

    /// The anchor GitHub derives from the heading in one language.
    /// GitHub keeps letters, digits, spaces, `-` and `_`, lowercases them and turns spaces into dashes.
    static func markdownAnchor(_ id: String, _ language: Language) -> String {
        String(heading(id)[language].lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" || $0 == "_" }
            .map { $0 == " " ? "-" : $0 })
    }

    // A code span holding exactly one id, and a bare id right after the words that introduce it.
    private static let htmlCode = try! NSRegularExpression(pattern: "<code>(00[0-4])</code>")
    private static let markdownCode = try! NSRegularExpression(pattern: "`(00[0-4])`")
    private static let bare = try! NSRegularExpression(pattern: "(source texts? |原文 ?)(00[0-4])(?![0-9])")

    /// Links the citations in a page's HTML body (after cmark). Inline SVG figures are left alone: their
    /// titles are plain text, where a link would not belong.
    /// `up` leads from the page's folder to its language folder (`../` for a walkthrough), where the
    /// Sources page lives.
    public static func linkHTML(_ html: String, up: String = "") -> String {
        var out = ""
        var rest = Substring(html)
        while let open = rest.range(of: "<svg") {
            out += linkHTMLText(String(rest[..<open.lowerBound]), up: up)
            guard let close = rest.range(of: "</svg>", range: open.upperBound..<rest.endIndex) else {
                return out + rest[open.lowerBound...]
            }
            out += rest[open.lowerBound..<close.upperBound]
            rest = rest[close.upperBound...]
        }
        return out + linkHTMLText(String(rest), up: up)
    }

    private static func linkHTMLText(_ html: String, up: String) -> String {
        let href = "\(up)\(page).html#"
        var out = replace(htmlCode, in: html) { "<a class=\"source\" href=\"\(href)\(anchor($0[1]))\"><code>\($0[1])</code></a>" }
        out = replace(bare, in: out) { "\($0[1])<a class=\"source\" href=\"\(href)\(anchor($0[2]))\">\($0[2])</a>" }
        return out
    }

    /// Links the citations in a Markdown page with reference links (`[`002`][source-002]`), whose
    /// definitions are appended at the end; reference links keep a `)` away from the Chinese text.
    public static func linkMarkdown(_ markdown: String, language: Language, up: String = "") -> String {
        var used = Set<String>()
        var out = replace(markdownCode, in: markdown) { used.insert($0[1]); return "[`\($0[1])`][source-\($0[1])]" }
        out = replace(bare, in: out) { used.insert($0[2]); return "\($0[1])[\($0[2])][source-\($0[2])]" }
        guard !used.isEmpty else { return markdown }
        if !out.hasSuffix("\n\n") { out += out.hasSuffix("\n") ? "\n" : "\n\n" }
        for id in ids where used.contains(id) {
            out += "[source-\(id)]: \(up)\(page).md#\(markdownAnchor(id, language))\n"
        }
        return out
    }

    /// Links the citations in one Jupyter Markdown cell with inline links to the HTML Sources page.
    public static func linkNotebookCell(_ markdown: String, up: String = "") -> String {
        var out = replace(markdownCode, in: markdown) { "[`\($0[1])`](\(up)\(page).html#\(anchor($0[1])))" }
        out = replace(bare, in: out) { "\($0[1])[\($0[2])](\(up)\(page).html#\(anchor($0[2])))" }
        return out
    }

    /// Every match of `regex` replaced by `make(groups)`, groups[0] being the whole match.
    private static func replace(_ regex: NSRegularExpression, in text: String, _ make: ([String]) -> String) -> String {
        let ns = text as NSString
        var out = ""
        var last = 0
        for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            out += ns.substring(with: NSRange(location: last, length: match.range.location - last))
            let groups = (0..<match.numberOfRanges).map { i -> String in
                let r = match.range(at: i)
                return r.location == NSNotFound ? "" : ns.substring(with: r)
            }
            out += make(groups)
            last = match.range.location + match.range.length
        }
        out += ns.substring(from: last)
        return out
    }
}
