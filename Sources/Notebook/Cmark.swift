import CCmark
import Foundation

/// Markdown prose to HTML through Debian's libcmark, with inline math protected.
///
/// cmark runs in its default safe mode: raw HTML in prose is dropped and dangerous URLs are
/// blanked, so text content can never smuggle a `<script>` into a page.
public enum Cmark {
    /// cmark's HTML for Markdown text (no math handling).
    public static func html(fromMarkdown markdown: String) -> String {
        let bytes = Array(markdown.utf8)
        guard let result = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_markdown_to_html($0, buffer.count, CMARK_OPT_DEFAULT)
                }
            } ?? cmark_markdown_to_html("", 0, CMARK_OPT_DEFAULT)
        }) else { return "" }
        defer { free(result) }
        return String(cString: result)
    }

    /// Prose (Markdown with `$…$` math) to HTML; math becomes `<span class="math">` for KaTeX.
    public static func proseHTML(_ prose: String) -> String {
        let (markdown, math) = MathProtection.protect(prose)
        return MathProtection.restore(html(fromMarkdown: markdown), math: math)
    }

    /// Like `proseHTML` but without the surrounding paragraph, for headings and table cells.
    public static func inlineHTML(_ prose: String) -> String {
        var h = proseHTML(prose).trimmingCharacters(in: .whitespacesAndNewlines)
        if h.hasPrefix("<p>") && h.hasSuffix("</p>") && h.components(separatedBy: "<p>").count == 2 {
            h = String(h.dropFirst(3).dropLast(4))
        }
        return h
    }
}

/// HTML escaping.
public enum HTML {
    /// Escapes `&`, `<`, `>` and quotes for text and attribute values.
    public static func escape(_ s: String) -> String { SVG.escape(s) }
}
