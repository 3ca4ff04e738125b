/// Renders a notebook as a standalone HTML page: prose through cmark, math typeset by the local
/// KaTeX copy, tables and figures written directly, solutions folded in `<details>`.
public enum HTMLRenderer {
    /// The whole page.
    public static func render(_ page: Notebook, language: Language, context: PageContext = .standalone) -> String {
        var counters = Counters()
        let body = blocks(page.blocks, page: page, language: language, counters: &counters)
        let other: Language = language == .en ? .zh : .en
        var toc = ""
        for case .heading(let level, let text) in page.blocks where level == 2 {
            toc += "<li><a href=\"#\(anchor(text))\">\(Cmark.inlineHTML(text[language]))</a></li>"
        }
        var header = "<nav class=\"top\"><a href=\"../index.html\">\(HTML.escape(Labels.index[language]))</a>"
        header += " <a class=\"lang\" href=\"../\(other.rawValue)/\(page.id).html\" hreflang=\"\(other.htmlTag)\">\(HTML.escape(Labels.otherLanguage[language]))</a></nav>\n"
        if context.total > 1 {
            header += "<p class=\"where\">\(HTML.escape(Labels.position(context.number, of: context.total, language))) · \(HTML.escape(context.part[language]))</p>\n"
        }
        var pager = "<nav class=\"pager\">"
        if let p = context.previous {
            pager += "<a rel=\"prev\" href=\"\(p.id).html\">← \(HTML.escape(Labels.lead(Labels.previous[language], language) + p.title[language]))</a>"
        }
        if let n = context.next {
            pager += "<a rel=\"next\" href=\"\(n.id).html\">\(HTML.escape(Labels.lead(Labels.next[language], language) + n.title[language])) →</a>"
        }
        pager += "</nav>\n"
        let main = header
            + "<h1>\(HTML.escape(page.title[language]))</h1>\n"
            + (toc.isEmpty ? "" : "<details class=\"toc\" open><summary>\(HTML.escape(Labels.contents[language]))</summary><ol>\(toc)</ol></details>\n")
            + (context.panel?[language] ?? "")
            + body + pager
            + "<footer>\(HTML.escape(Labels.generated[language]))</footer>\n"
        return PageTemplate.page(title: page.title[language], language: language, assets: "../assets", body: main)
    }

    struct Counters {
        var figure = 0
        var exercise = 0
        var equation = 0
    }

    /// A heading's anchor: lowercase ASCII letters and digits joined by dashes, from the English text
    /// so both editions share anchors.
    public static func anchor(_ text: Localized) -> String {
        var out = ""
        var dash = false
        for c in text.en.lowercased() {
            if (c >= "a" && c <= "z") || (c >= "0" && c <= "9") {
                out.append(c)
                dash = false
            } else if !dash && !out.isEmpty {
                out.append("-")
                dash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "section" : out
    }

    static func blocks(_ blocks: [Block], page: Notebook, language: Language, counters: inout Counters) -> String {
        var out = ""
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                let id = level == 2 ? " id=\"\(anchor(text))\"" : ""
                out += "<h\(level)\(id)>\(Cmark.inlineHTML(text[language]))</h\(level)>\n"
            case .prose(let text):
                out += Cmark.proseHTML(text[language])
            case .equation(let eq):
                counters.equation += 1
                out += displayMath(eq.tex, number: counters.equation)
            case .step(let step):
                counters.equation += 1
                out += displayMath(MarkdownRenderer.stepTeX(step), number: counters.equation, css: "step")
            case .table(let table):
                out += render(table, language: language)
            case .figure(let figure):
                counters.figure += 1
                let label = Labels.numbered(Labels.figure, counters.figure, language)
                let svg = figure.drawing.svg(title: figure.title[language], description: figure.description[language], language: language)
                out += "<figure id=\"figure-\(counters.figure)\">\n\(svg)<figcaption><strong>\(HTML.escape(label))\(language == .en ? "." : "")</strong> \(Cmark.inlineHTML(figure.title[language]))</figcaption>\n</figure>\n"
            case .note(let note):
                out += "<aside class=\"note \(note.kind.rawValue)\"><strong>\(HTML.escape(Labels.note(note.kind)[language] + Labels.runIn(language)))</strong> "
                out += Cmark.inlineHTML(note.text[language]) + "</aside>\n"
            case .exercise(let exercise):
                counters.exercise += 1
                out += "<section class=\"exercise\"><h3>\(HTML.escape(Labels.numbered(Labels.exercise, counters.exercise, language)))</h3>\n"
                out += Cmark.proseHTML(exercise.prompt[language])
                out += "<details><summary>\(HTML.escape(Labels.solution[language]))</summary>\n"
                out += Self.blocks(exercise.solution, page: page, language: language, counters: &counters)
                out += "</details></section>\n"
            }
        }
        return out
    }

    static func displayMath(_ tex: String, number: Int, css: String = "") -> String {
        "<div class=\"equation \(css)\"><div class=\"math display\">\(HTML.escape(tex))</div><span class=\"eqno\">(\(number))</span></div>\n"
    }

    static func render(_ table: Table, language: Language) -> String {
        var out = "<div class=\"table-wrap\"><table>\n"
        if let caption = table.caption { out += "<caption>\(Cmark.inlineHTML(caption[language]))</caption>\n" }
        out += "<thead><tr>" + table.columns.map { "<th>\(Cmark.inlineHTML($0[language]))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>"
            for cell in row {
                switch cell {
                case .text(let t): out += "<td>\(Cmark.inlineHTML(t[language]))</td>"
                case .number(let x, let d): out += "<td class=\"num\">\(HTML.escape(NumberFormat.short(x, significant: d ?? 6)))</td>"
                case .math(let e): out += "<td class=\"num\"><span class=\"math\">\(HTML.escape(ExprRendering.tex(e)))</span></td>"
                }
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }
}
