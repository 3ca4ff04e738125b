/// Renders a notebook as a standalone HTML page: prose through cmark, math typeset by the local
/// KaTeX copy, tables and figures written directly, solutions folded in `<details>`.
public struct HTMLRenderer: PageRenderer {
    public init() {}
    public var destination: RenderDestination { .files }

    public func files(_ page: Page, language: Language, context: PageContext) -> [(String, String)] {
        [("\(context.outputFolder(language))/\(page.id).html", Self.render(page, language: language, context: context))]
    }

    /// The whole page.
    public static func render(_ page: Page, language: Language, context: PageContext = .standalone) -> String {
        let shown = PageWalker.blocks(of: page)
        let body = SourceCitations.linkHTML(blocks(shown, page: page, language: language), up: context.upToLanguageFolder)
        let links = Navigation(page, language: language, context: context, ext: "html")
        let other = links.otherLanguage.language
        var toc = ""
        for case .heading(let level, let text) in shown where level == 2 {
            toc += "<li><a href=\"#\(anchor(text))\">\(Cmark.inlineHTML(text[language]))</a></li>"
        }
        var header = "<nav class=\"top\"><a href=\"\(links.index)\">\(HTML.escape(Labels.index[language]))</a>"
        header += " <a class=\"lang\" href=\"\(links.otherLanguage.href)\" hreflang=\"\(other.htmlTag)\">\(HTML.escape(Labels.otherLanguage[language]))</a></nav>\n"
        if context.total > 1 {
            header += "<p class=\"where\">\(HTML.escape(Labels.position(context.number, of: context.total, language))) · \(HTML.escape(context.part[language]))</p>\n"
        }
        var pager = "<nav class=\"pager\">"
        if let p = links.previous {
            pager += "<a rel=\"prev\" href=\"\(p.href)\">← \(HTML.escape(Labels.lead(Labels.previous[language], language) + p.title[language]))</a>"
        }
        if let n = links.next {
            pager += "<a rel=\"next\" href=\"\(n.href)\">\(HTML.escape(Labels.lead(Labels.next[language], language) + n.title[language])) →</a>"
        }
        pager += "</nav>\n"
        let main = header
            + "<h1>\(HTML.escape(page.title[language]))</h1>\n"
            + (toc.isEmpty ? "" : "<nav class=\"toc\" aria-label=\"\(HTML.escape(Labels.contents[language]))\"><h2>\(HTML.escape(Labels.contents[language]))</h2><ol>\(toc)</ol></nav>\n")
            + (context.panel?[language] ?? "")
            + body + pager
            + "<footer>\(HTML.escape(Labels.generated[language]))</footer>\n"
        return MathWords.resolve(PageTemplate.page(title: page.title[language], language: language, assets: context.root + "assets", body: main), language)
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

    static func blocks(_ blocks: [Block], page: Page, language: Language) -> String {
        var out = ""
        PageWalker.walk(blocks) { event, _ in
            switch event {
            case .heading(let level, let text):
                let id = level == 2 ? " id=\"\(anchor(text))\"" : ""
                out += "<h\(level)\(id)>\(Cmark.inlineHTML(text[language]))</h\(level)>\n"
            case .prose(let text):
                out += Cmark.proseHTML(text[language])
            case .equation(let eq, let number):
                out += displayMath(eq.tex, number: number)
            case .step(let step, let number):
                if let folded = SumFolding.fold(step) {
                    // The folded sum on the page, every term one click away.
                    out += displayMath(MarkdownRenderer.stepTeX(folded), number: number, css: "step")
                    out += "<details class=\"unfold\"><summary>\(HTML.escape(Labels.allTerms(SumFolding.longestSum(step), language)))</summary>\n"
                    out += "<div class=\"equation step\"><div class=\"math display\">\(HTML.escape(MarkdownRenderer.stepTeX(step)))</div></div>\n</details>\n"
                } else {
                    out += displayMath(MarkdownRenderer.stepTeX(step), number: number, css: "step")
                }
            case .table(let table):
                out += render(table, language: language)
            case .figure(let figure, let number):
                let label = Labels.numbered(Labels.figure, number, language)
                let svg = FigureSize.readable(figure.drawing.svg(title: figure.title[language], description: figure.description[language], language: language))
                let file = FigureRenderer.file(lesson: page.id, figure)
                out += "<figure id=\"figure-\(number)\">\n<a class=\"figure-view\" href=\"\(file)\">\(svg)</a><figcaption><strong>\(HTML.escape(label))\(language == .en ? "." : "")</strong> \(Cmark.inlineHTML(figure.title[language]))</figcaption>\n</figure>\n"
            case .note(let note):
                out += "<aside class=\"note \(note.kind.rawValue)\"><strong>\(HTML.escape(Labels.note(note.kind)[language] + Labels.runIn(language)))</strong> "
                out += Cmark.inlineHTML(note.text[language]) + "</aside>\n"
            case .exerciseStart(let exercise, let number):
                out += "<section class=\"exercise\"><h3>\(HTML.escape(Labels.numbered(Labels.exercise, number, language)))</h3>\n"
                out += Cmark.proseHTML(exercise.prompt[language])
                out += "<details><summary>\(HTML.escape(Labels.solution[language]))</summary>\n"
            case .exerciseEnd:
                out += "</details></section>\n"
            }
        }
        return out
    }

    /// A display equation with an anchor (`#equation-7`) to link to. No lesson refers to an equation
    /// by number, so none is printed: a number nobody cites only takes room on a narrow screen.
    static func displayMath(_ tex: String, number: Int, css: String = "") -> String {
        "<div class=\"equation \(css)\" id=\"equation-\(number)\"><div class=\"math display\">\(HTML.escape(tex))</div></div>\n"
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
                case .number(let x, let d): out += "<td class=\"num\">\(HTML.escape(NumberFormat.display(x, significant: d ?? 6)))</td>"
                case .math(let e): out += "<td class=\"num\"><span class=\"math\">\(HTML.escape(ExprRendering.tex(e)))</span></td>"
                }
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }
}
