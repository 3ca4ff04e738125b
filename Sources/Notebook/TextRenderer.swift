/// Renders a notebook for the terminal: the same worked numbers as the pages, in plain text.
public struct TextRenderer: PageRenderer {
    public init() {}
    public var destination: RenderDestination { .terminal }

    /// The worked text, naming where each figure was written under the context's output root.
    public func files(_ page: Page, language: Language, context: PageContext) -> [(String, String)] {
        [("", Self.render(page, language: language) { figure in
            "\(context.outputRoot)/\(context.outputFolder(language))/\(MarkdownRenderer.figureFile(lesson: page.id, figure))"
        })]
    }

    /// The whole lesson as text; `figurePath` says where each figure was written, if anywhere.
    public static func render(_ page: Page, language: Language, figurePath: (Figure) -> String? = { _ in nil }) -> String {
        var out = page.title[language] + "\n" + String(repeating: "=", count: max(8, page.title[language].count * (language == .zh ? 2 : 1))) + "\n\n"
        out += blocks(PageWalker.blocks(of: page, linked: false), language: language, figurePath: figurePath)
        return MathWords.resolve(out, language)
    }

    static func blocks(_ blocks: [Block], language: Language, figurePath: (Figure) -> String?) -> String {
        var out = ""
        PageWalker.walk(blocks) { event, depth in
            let indent = String(repeating: "  ", count: depth)
            switch event {
            case .heading(let level, let text):
                let t = PlainMath.prose(text[language])
                out += indent + t + "\n" + indent + String(repeating: level == 2 ? "-" : "·", count: min(60, max(4, t.count))) + "\n\n"
            case .prose(let text):
                out += indented(PlainMath.prose(text[language]), indent) + "\n\n"
            case .equation(let eq, _):
                out += indent + "    " + eq.text + (eq.number.map { "    " + EquationReferences.printed($0, language) } ?? "") + "\n\n"
            case .step(let step, _):
                out += indent + "    " + ([step.lhs] + step.chain).map(ExprRendering.text).joined(separator: " = ") + "\n\n"
            case .table(let table):
                out += render(table, language: language, indent: indent) + "\n"
            case .figure(let figure, let number):
                var line = "[\(Labels.numbered(Labels.figure, number, language)): \(figure.title[language])]"
                if let path = figurePath(figure) { line += " → \(path)" }
                out += indent + line + "\n" + indented(figure.description[language], indent + "  ") + "\n\n"
            case .note(let note):
                out += indented(Labels.lead(Labels.note(note.kind)[language], language) + PlainMath.prose(note.text[language]), indent) + "\n\n"
            case .exerciseStart(let exercise, let number):
                out += indent + Labels.lead(Labels.numbered(Labels.exercise, number, language), language) + PlainMath.prose(exercise.prompt[language]) + "\n"
                out += indent + "  \(Labels.solution[language]):\n"
            case .exerciseEnd:
                break
            }
        }
        return out
    }

    static func indented(_ text: String, _ indent: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { indent + $0 }.joined(separator: "\n")
    }

    /// Display width: CJK characters take two columns in a terminal.
    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && ($1.value <= 0x115F || ($1.value >= 0x2E80 && $1.value <= 0xA4CF) || ($1.value >= 0xAC00 && $1.value <= 0xD7A3) || ($1.value >= 0xF900 && $1.value <= 0xFAFF) || ($1.value >= 0xFF00 && $1.value <= 0xFF60)) ? 2 : 1) }
    }

    static func render(_ table: Table, language: Language, indent: String) -> String {
        let laid = TableColumns.lay(table, language: language, header: { PlainMath.prose($0[language]) },
                                    text: { PlainMath.prose($0[language]) }, math: ExprRendering.text)
        let header = laid.header
        let rows = laid.rows
        var widths = header.map(width)
        for row in rows { for (i, c) in row.enumerated() { widths[i] = max(widths[i], width(c)) } }
        // Numeric columns are right-aligned so the decimal points line up.
        func line(_ cells: [String]) -> String {
            indent + "  " + cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - width(c))
                return laid.numeric[i] ? pad + c : c + pad
            }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        var out = ""
        if let caption = table.caption { out += indent + "  " + PlainMath.prose(caption[language]) + "\n" }
        out += line(header)
        out += indent + "  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) }
        return out
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.hasSuffix(" ") { s = s.dropLast() }
        return String(s)
    }
}
