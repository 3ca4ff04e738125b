/// Renders a notebook as GitHub-flavoured Markdown: math in `$…$`/`$$…$$`, figures as
/// relative SVG images, tables as pipe tables, solutions folded in `<details>`.
public enum MarkdownRenderer {
    /// The file name of a figure of a lesson: `<id>-<slug>.svg`.
    public static func figureFile(lesson: String, _ figure: Figure) -> String { "\(lesson)-\(figure.slug).svg" }

    /// The whole page.
    public static func render(_ page: Notebook, language: Language, context: PageContext = .standalone) -> String {
        let other: Language = language == .en ? .zh : .en
        var out = "# \(page.title[language])\n\n"
        var nav = ["[\(Labels.index[language])](\(context.root)index.md)",
                   "[\(Labels.otherLanguage[language])](\(context.root)\(other.rawValue)/\(context.path(page.id)).md)"]
        if let p = context.previous { nav.append(Labels.lead(Labels.previous[language], language) + "[\(p.title[language])](\(p.id).md)") }
        if let n = context.next { nav.append(Labels.lead(Labels.next[language], language) + "[\(n.title[language])](\(n.id).md)") }
        if context.total > 1 {
            out += "*\(Labels.position(context.number, of: context.total, language)) · \(context.part[language])*\n\n"
        }
        out += nav.joined(separator: " · ") + "\n\n"
        var counters = Counters()
        out += blocks(page.blocks, page: page, language: language, counters: &counters)
        out += "---\n\n*\(Labels.generated[language])*\n"
        return out
    }

    struct Counters {
        var figure = 0
        var exercise = 0
    }

    static func blocks(_ blocks: [Block], page: Notebook, language: Language, counters: inout Counters,
                       figureLink: ((Figure) -> String)? = nil) -> String {
        var out = ""
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                out += String(repeating: "#", count: level) + " " + text[language] + "\n\n"
            case .prose(let text):
                out += text[language] + "\n\n"
            case .equation(let eq):
                out += "$$\n\(eq.tex)\n$$\n\n"
            case .step(let step):
                out += "$$\n\(stepTeX(step))\n$$\n\n"
            case .table(let table):
                out += render(table, language: language)
            case .figure(let figure):
                counters.figure += 1
                let label = Labels.numbered(Labels.figure, counters.figure, language)
                let target = figureLink?(figure) ?? figureFile(lesson: page.id, figure)
                out += "![\(figure.description[language])](\(target))\n\n"
                out += "*\(label)\(language == .en ? "." : "") \(figure.title[language])*\n\n"
            case .note(let note):
                let lines = note.text[language].split(separator: "\n", omittingEmptySubsequences: false)
                out += "> **\(Labels.note(note.kind)[language])\(Labels.runIn(language))** " + lines.joined(separator: "\n> ") + "\n\n"
            case .exercise(let exercise):
                counters.exercise += 1
                out += "**\(Labels.numbered(Labels.exercise, counters.exercise, language))\(Labels.runIn(language))** \(exercise.prompt[language])\n\n"
                out += "<details>\n<summary>\(Labels.solution[language])</summary>\n\n"
                out += Self.blocks(exercise.solution, page: page, language: language, counters: &counters, figureLink: figureLink)
                out += "</details>\n\n"
            }
        }
        return out
    }

    /// `z = 0 \cdot 2 + … = 7` as TeX.
    public static func stepTeX(_ step: Step) -> String {
        ([step.lhs] + step.chain).map(ExprRendering.tex).joined(separator: " = ")
    }

    static func render(_ table: Table, language: Language) -> String {
        func cell(_ c: Table.Cell) -> String {
            switch c {
            case .text(let t): return t[language].replacingPipes()
            case .number(let x, let d): return NumberFormat.short(x, significant: d ?? 6)
            case .math(let e): return "$" + ExprRendering.tex(e).replacingPipes() + "$"
            }
        }
        var out = ""
        if let caption = table.caption { out += "*\(caption[language])*\n\n" }
        out += "| " + table.columns.map { $0[language].replacingPipes() }.joined(separator: " | ") + " |\n"
        out += "|" + table.columns.map { _ in " --- |" }.joined() + "\n"
        for row in table.rows {
            out += "| " + row.map(cell).joined(separator: " | ") + " |\n"
        }
        return out + "\n"
    }
}

extension String {
    /// A table cell must not contain a bare `|`.
    func replacingPipes() -> String {
        var out = ""
        for c in self { if c == "|" { out += "\\|" } else { out.append(c) } }
        return out
    }
}
