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

    // For Markdown: a code span holding exactly one id, and a bare id right after the words that introduce it.
    private static let markdownCode = try! NSRegularExpression(pattern: "`(00[0-4])`")
    private static let bare = try! NSRegularExpression(pattern: "(source texts? |原文 ?)(00[0-4])(?![0-9])")

    /// Links the citations in a page's HTML body (after cmark). Inline SVG figures are left alone: their
    /// titles are plain text, where a link would not belong.
    /// `up` leads from the page's folder to its language folder (`../` for a walkthrough), where the
    /// Sources page lives.
    public static func linkHTML(_ html: String, up: String = "") -> String {
        // Byte by byte, not with the regular expressions the Markdown forms use: the server links every
        // page it renders, and NSRegularExpression over a whole page was a tenth of the render time.
        let bytes = Array(html.utf8)
        let svgOpen = Array("<svg".utf8), svgClose = Array("</svg>".utf8)
        let codeOpen = Array("<code>00".utf8), codeClose = Array("</code>".utf8)
        // "source texts? " and "原文 ?", longer forms first, as the pattern's greedy match tries them.
        let intros = ["source texts ", "source text ", "原文 ", "原文"].map { Array($0.utf8) }
        let href = "\(up)\(page).html#"
        func isCitedDigit(_ at: Int) -> Bool { at < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "4")).contains(bytes[at]) }
        func isDigit(_ at: Int) -> Bool { at < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]) }
        func id(_ at: Int) -> String { "00" + String(UnicodeScalar(bytes[at])) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1024)
        var i = 0
        scan: while i < bytes.count {
            // Inline SVG figures are copied as they are.
            if bytes[i] == UInt8(ascii: "<"), UTF8Search.matches(svgOpen, in: bytes, at: i) {
                guard let close = UTF8Search.first(svgClose, in: bytes, from: i + svgOpen.count) else {
                    out += bytes[i...]
                    break
                }
                out += bytes[i..<(close + svgClose.count)]
                i = close + svgClose.count
                continue
            }
            // <code>00d</code>
            if UTF8Search.matches(codeOpen, in: bytes, at: i), isCitedDigit(i + codeOpen.count),
               UTF8Search.matches(codeClose, in: bytes, at: i + codeOpen.count + 1) {
                let cited = id(i + codeOpen.count)
                out += Array("<a class=\"source\" href=\"\(href)\(anchor(cited))\"><code>\(cited)</code></a>".utf8)
                i += codeOpen.count + 1 + codeClose.count
                continue
            }
            // An introducing phrase, then a bare 00d that no further digit follows.
            for intro in intros where UTF8Search.matches(intro, in: bytes, at: i) {
                let at = i + intro.count
                guard at + 2 < bytes.count, bytes[at] == UInt8(ascii: "0"), bytes[at + 1] == UInt8(ascii: "0"),
                      isCitedDigit(at + 2), !isDigit(at + 3) else { continue }
                let cited = id(at + 2)
                out += intro
                out += Array("<a class=\"source\" href=\"\(href)\(anchor(cited))\">\(cited)</a>".utf8)
                i = at + 3
                continue scan
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
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
