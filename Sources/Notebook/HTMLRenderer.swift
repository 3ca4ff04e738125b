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
        let links = Navigation(page, language: language, context: context, ext: "html")
        // Lessons of the course link the first use of each term to the glossary; a page on its own does not.
        let shown = PageWalker.blocks(of: page, glossary: context.total > 1 ? (language, links.glossary) : nil)
        let body = SourceCitations.linkHTML(blocks(shown, page: page, language: language), up: context.upToLanguageFolder)
        let other = links.otherLanguage.language
        var toc = ""
        for case .heading(let level, let text) in shown where level == 2 {
            toc += "<li><a href=\"#\(anchor(text))\">\(Cmark.inlineHTML(text[language]))</a></li>"
        }
        var header = "<nav class=\"top\"><span><a href=\"\(links.index)\">\(HTML.escape(Labels.index[language]))</a>"
        header += " · <a href=\"\(links.glossary)\">\(HTML.escape(Labels.glossary[language]))</a></span>"
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
                if let label = eq.label, let cited = eq.number {
                    out += "<div class=\"equation\" id=\"\(EquationReferences.anchor(label))\"><div class=\"math display\">\(HTML.escape(eq.tex))</div>"
                    out += "<span class=\"eqno\">\(EquationReferences.printed(cited, language))</span></div>\n"
                } else {
                    out += displayMath(eq.tex, number: number)
                }
            case .step(let step, let number):
                let sumsFolded = SumFolding.fold(step)
                let matricesFolded = MatrixFolding.fold(sumsFolded ?? step)
                if let folded = matricesFolded ?? sumsFolded {
                    // The folded sums and matrices on the page, every term and column one click away.
                    out += displayMath(MarkdownRenderer.stepTeX(folded), number: number, css: "step")
                    let summary = Labels.unfold(terms: sumsFolded == nil ? nil : SumFolding.longestSum(step),
                                                columns: matricesFolded == nil ? nil : MatrixFolding.widestMatrix(step), language)
                    out += "<details class=\"unfold\"><summary>\(HTML.escape(summary))</summary>\n"
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

    /// A display equation with an anchor (`#equation-7`) to link to. Only equations that prose cites
    /// print a number (see `EquationReferences`): a number nobody cites only takes room on a narrow screen.
    static func displayMath(_ tex: String, number: Int, css: String = "") -> String {
        "<div class=\"equation \(css)\" id=\"equation-\(number)\"><div class=\"math display\">\(HTML.escape(tex))</div></div>\n"
    }

    static func render(_ table: Table, language: Language) -> String {
        let laid = TableColumns.lay(table, language: language, header: { Cmark.inlineHTML($0[language]) },
                                    text: { Cmark.inlineHTML($0[language]) },
                                    math: { "<span class=\"math\">\(HTML.escape(ExprRendering.tex($0)))</span>" })
        let marked = table.marked != nil
        var out = "<div class=\"table-wrap\"><table\(table.bands != nil ? " class=\"banded\"" : "")>\n"
        if let caption = table.caption { out += "<caption>\(Cmark.inlineHTML(caption[language]))</caption>\n" }
        out += "<thead><tr>"
        for (j, h) in laid.header.enumerated() {
            let css: String = marked && j == 0 ? " class=\"mark\"" : laid.numeric[j] ? " class=\"num\"" : ""
            out += "<th" + css + ">" + h + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for (i, row) in laid.rows.enumerated() {
            var classes: [String] = []
            if let band = TableColumns.band(table, row: i) {
                if band.opens { classes.append("opens") }
                if band.shaded { classes.append("shaded") }
            }
            if table.marked?[i] == true { classes.append("changed") }
            out += classes.isEmpty ? "<tr>" : "<tr class=\"\(classes.joined(separator: " "))\">"
            for (j, cell) in row.enumerated() {
                if marked && j == 0 {
                    out += "<td class=\"mark\">\(cell)</td>"
                } else {
                    // Numbers and math are set in tabular figures and right-aligned: with one count of
                    // decimals per column, the decimal points line up.
                    let numeric = laid.numeric[j] || isMath(table.rows[i][marked ? j - 1 : j])
                    out += (numeric ? "<td class=\"num\">" : "<td>") + cell + "</td>"
                }
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }

    static func isMath(_ cell: Table.Cell) -> Bool {
        if case .math = cell { return true }
        return false
    }
}
