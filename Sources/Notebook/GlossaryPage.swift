/// The glossary page of one language, `<lang>/glossary.html` (and `.md`): every core term in both
/// languages with the lesson that uses it first, in the order the course introduces them.
public enum GlossaryPage {
    /// One term and the lesson of its first use (nil if no lesson uses it).
    public struct Entry: Sendable {
        public let term: GlossaryTerm
        public let lesson: (id: String, number: Int, title: Localized)?
        public init(term: GlossaryTerm, lesson: (id: String, number: Int, title: Localized)?) {
            self.term = term
            self.lesson = lesson
        }
    }

    /// The entries of `language`: the first lesson (in reading order) whose prose uses each term.
    /// `pages` are the lessons' pages in reading order.
    public static func entries(_ pages: [Page], language: Language) -> [Entry] {
        var first: [String: Int] = [:]
        for (i, page) in pages.enumerated() {
            for id in Glossary.uses(PageWalker.blocks(of: page), language: language) where first[id] == nil { first[id] = i }
        }
        let entries = Glossary.terms.map { term in
            Entry(term: term, lesson: first[term.id].map { (pages[$0].id, $0 + 1, pages[$0].title) })
        }
        // In the order the course introduces them; terms no lesson uses go last.
        return entries.enumerated().sorted { a, b in
            (a.element.lesson?.number ?? Int.max, a.offset) < (b.element.lesson?.number ?? Int.max, b.offset)
        }.map(\.element)
    }

    static let title = Localized("Glossary", zh: "术语表")
    static let intro = Localized(
        "The core terms of the course, in the order the lessons introduce them. On every lesson page the first use of a term links here.",
        zh: "课程中的核心术语，按课程中首次出现的先后排列。每一课里某个术语第一次出现时，都链接到这里。")
    static let firstUsed = Localized("first used in", zh: "首次出现于")
    static let notUsed = Localized("not used by any lesson", zh: "尚无课程使用")

    /// The HTML page.
    public static func render(_ entries: [Entry], language: Language) -> String {
        let other: Language = language == .en ? .zh : .en
        var body = "<nav class=\"top\"><a href=\"index.html\">\(HTML.escape(Labels.index[language]))</a>"
        body += " <a class=\"lang\" href=\"../\(other.rawValue)/glossary.html\" hreflang=\"\(other.htmlTag)\">\(HTML.escape(Labels.otherLanguage[language]))</a></nav>\n"
        body += "<h1>\(HTML.escape(title[language]))</h1>\n<p>\(HTML.escape(intro[language]))</p>\n<dl class=\"glossary\">\n"
        for entry in entries {
            body += "<dt id=\"\(entry.term.anchor)\">\(HTML.escape(entry.term.name[language]))"
            body += " <span class=\"other\" lang=\"\(other.htmlTag)\">\(HTML.escape(entry.term.name[other]))</span></dt>\n<dd>"
            if let lesson = entry.lesson {
                body += HTML.escape(firstUsed[language]) + (language == .en ? " " : "")
                body += "<a href=\"\(lesson.id).html\">\(HTML.escape(Labels.position(lesson.number, language)))\(language == .en ? ": " : "：")\(HTML.escape(lesson.title[language]))</a>"
            } else {
                body += HTML.escape(notUsed[language])
            }
            body += "</dd>\n"
        }
        body += "</dl>\n<footer>\(HTML.escape(Labels.generated[language]))</footer>\n"
        return PageTemplate.page(title: title[language], language: language, assets: "../assets", body: body)
    }

    /// The Markdown page.
    public static func markdown(_ entries: [Entry], language: Language) -> String {
        let other: Language = language == .en ? .zh : .en
        var out = "# \(title[language])\n\n[\(Labels.index[language])](index.md) · [\(Labels.otherLanguage[language])](../\(other.rawValue)/glossary.md)\n\n"
        out += intro[language] + "\n\n"
        for entry in entries {
            let otherName = language == .en ? " (\(entry.term.name[other]))" : "（\(entry.term.name[other])）"
            out += "- <a id=\"\(entry.term.anchor)\"></a>**\(entry.term.name[language])**\(otherName)"
            if let lesson = entry.lesson {
                out += (language == .en ? " — " : "——") + firstUsed[language] + (language == .en ? " " : "")
                out += "[\(Labels.position(lesson.number, language))\(language == .en ? ": " : "：")\(lesson.title[language])](\(lesson.id).md)\n"
            } else {
                out += (language == .en ? " — " : "——") + notUsed[language] + "\n"
            }
        }
        return out
    }
}
