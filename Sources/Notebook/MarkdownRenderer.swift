import Foundation

/// Renders a notebook as GitHub-flavoured Markdown: math in `$…$`/`$$…$$`, figures as
/// relative SVG images, tables as pipe tables, solutions folded in `<details>`.
public struct MarkdownRenderer: PageRenderer {
    public init() {}
    public var destination: RenderDestination { .files }

    public func files(_ page: Page, language: Language, context: PageContext) -> [(String, String)] {
        [("\(context.outputFolder(language))/\(page.id).md", Self.render(page, language: language, context: context))]
    }

    /// The file name of a figure of a lesson: `<id>-<slug>.svg`.
    public static func figureFile(lesson: String, _ figure: Figure) -> String { FigureRenderer.file(lesson: lesson, figure) }

    /// The whole page.
    public static func render(_ page: Page, language: Language, context: PageContext = .standalone) -> String {
        let links = Navigation(page, language: language, context: context, ext: "md")
        var out = "# \(page.title[language])\n\n"
        var nav = ["[\(Labels.index[language])](\(links.index))", "[\(Labels.glossary[language])](\(links.glossary))",
                   "[\(Labels.otherLanguage[language])](\(links.otherLanguage.href))"]
        if let p = links.previous { nav.append(Labels.lead(Labels.previous[language], language) + "[\(p.title[language])](\(p.href))") }
        if let n = links.next { nav.append(Labels.lead(Labels.next[language], language) + "[\(n.title[language])](\(n.href))") }
        if context.total > 1 {
            out += "*\(Labels.position(context.number, of: context.total, language)) · \(context.part[language])*\n\n"
        }
        out += nav.joined(separator: " · ") + "\n\n"
        var walker = PageWalker()
        out += blocks(PageWalker.blocks(of: page, glossary: context.total > 1 ? (language, links.glossary) : nil),
                      page: page, language: language, walker: &walker)
        out += "---\n\n*\(Labels.generated[language])*\n"
        return MathWords.resolve(SourceCitations.linkMarkdown(out, language: language, up: context.upToLanguageFolder), language)
    }

    /// Markdown for `blocks`, numbered by `walker` (which keeps counting across calls);
    /// `figureLink` overrides where an image points (Jupyter points at its attachments).
    static func blocks(_ blocks: [Block], page: Page, language: Language, walker: inout PageWalker,
                       figureLink: ((Figure) -> String)? = nil) -> String {
        var out = ""
        walker.walk(blocks) { event, _ in
            switch event {
            case .heading(let level, let text):
                out += String(repeating: "#", count: level) + " " + text[language] + "\n\n"
            case .prose(let text):
                out += text[language] + "\n\n"
            case .equation(let eq, _):
                // A cited equation carries its number as a \tag, which GitHub's and Jupyter's MathJax print at the right.
                out += "$$\n\(eq.tex)\(eq.number.map { " \\tag{\($0)}" } ?? "")\n$$\n\n"
            case .step(let step, _):
                out += "$$\n\(stepTeX(step))\n$$\n\n"
            case .table(let table):
                out += render(table, language: language)
            case .figure(let figure, let number):
                let label = Labels.numbered(Labels.figure, number, language)
                let target = figureLink?(figure) ?? figureFile(lesson: page.id, figure)
                out += "![\(figure.description[language])](\(target))\n\n"
                out += "*\(label)\(language == .en ? "." : "") \(figure.title[language])*\n\n"
            case .note(let note):
                let lines = note.text[language].split(separator: "\n", omittingEmptySubsequences: false)
                out += "> **\(Labels.note(note.kind)[language])\(Labels.runIn(language))** " + lines.joined(separator: "\n> ") + "\n\n"
            case .exerciseStart(let exercise, let number):
                out += "**\(Labels.numbered(Labels.exercise, number, language))\(Labels.runIn(language))** \(exercise.prompt[language])\n\n"
                out += "<details>\n<summary>\(Labels.solution[language])</summary>\n\n"
            case .exerciseEnd:
                out += "</details>\n\n"
            }
        }
        return out
    }

    /// `z = 0 \cdot 2 + … = 7` as TeX. A chain too long for one line of a narrow screen is set as
    /// aligned lines, one relation per line, each starting at the `=`; a chain that already starts
    /// with aligned lines (a matrix product, say) takes the left-hand side into that block, so it sits
    /// on the first line instead of floating at mid-height.
    public static func stepTeX(_ step: Step) -> String {
        let parts = ([step.lhs] + step.chain).map(ExprRendering.tex)
        if let first = parts.dropFirst().first, let body = alignedBody(first), body.hasPrefix("&") {
            let lines = [parts[0] + " &= " + body.dropFirst().drop { $0 == " " }] + parts.dropFirst(2).map { "&= " + $0 }
            return "\\begin{aligned} " + lines.joined(separator: " \\\\ ") + " \\end{aligned}"
        }
        let width = ([step.lhs] + step.chain).map { ExprRendering.text($0).count }.reduce(0, +) + 3 * step.chain.count
        guard step.chain.count >= 2, width > alignedWidth, !parts.contains(where: { $0.contains("\\begin{aligned}") }) else {
            return parts.joined(separator: " = ")
        }
        return "\\begin{aligned}" + parts[0] + " &= " + parts.dropFirst().joined(separator: " \\\\ &= ") + "\\end{aligned}"
    }

    /// The inside of `\begin{aligned} … \end{aligned}` when `tex` is exactly one such block.
    static func alignedBody(_ tex: String) -> String? {
        let open = "\\begin{aligned}", close = "\\end{aligned}"
        let t = tex.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix(open), t.hasSuffix(close) else { return nil }
        let body = t.dropFirst(open.count).dropLast(close.count).trimmingCharacters(in: .whitespaces)
        // A second block inside would make the split ambiguous: leave such chains as they are.
        guard !body.contains(open) else { return nil }
        return body
    }

    /// Plain-text characters beyond which a worked step breaks into aligned lines (about what fits
    /// on a phone in KaTeX's display size).
    static let alignedWidth = 40

    static func render(_ table: Table, language: Language) -> String {
        let laid = TableColumns.lay(table, language: language, header: { $0[language].replacingPipes() },
                                    text: { $0[language].replacingPipes() },
                                    math: { "$" + ExprRendering.tex($0).replacingPipes() + "$" })
        var out = ""
        if let caption = table.caption { out += "*\(caption[language])*\n\n" }
        out += "| " + laid.header.joined(separator: " | ") + " |\n"
        // Numeric columns right-aligned, so their decimal points line up on GitHub too.
        out += "|" + laid.numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
        for row in laid.rows {
            out += "| " + row.joined(separator: " | ") + " |\n"
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
