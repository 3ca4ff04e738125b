import Foundation

/// Renders a notebook as a Jupyter notebook (nbformat 4.5): one Markdown cell per block, math in
/// `$…$`, figures embedded as SVG attachments, so it opens in JupyterLab, VS Code or Colab.
public struct JupyterRenderer: PageRenderer {
    public init() {}
    public var destination: RenderDestination { .files }

    public func files(_ page: Page, language: Language, context: PageContext) -> [(String, String)] {
        [("\(context.outputFolder(language))/\(page.id).ipynb", Self.render(page, language: language, context: context))]
    }

    /// The `.ipynb` JSON text.
    public static func render(_ page: Page, language: Language, context: PageContext = .standalone) -> String {
        var cells: [JSONValue] = []
        var walker = PageWalker()
        let links = Navigation(page, language: language, context: context, ext: "ipynb")
        var header = "# \(page.title[language])\n\n"
        if context.total > 1 {
            header += "*\(Labels.position(context.number, of: context.total, language)) · \(context.part[language])*\n\n"
        }
        header += "[\(Labels.otherLanguage[language])](\(links.otherLanguage.href))"
        cells.append(cell(id: "title", markdown: header, attachments: []))
        for (index, block) in PageWalker.blocks(of: page).enumerated() {
            var figures: [Figure] = []
            let markdown = MathWords.resolve(MarkdownRenderer.blocks([block], page: page, language: language, walker: &walker) { figure in
                figures.append(figure)
                return "attachment:\(figure.slug).svg"
            }, language)
            let attachments = figures.map { figure in
                (figure.slug + ".svg", figure.drawing.svg(title: figure.title[language], description: figure.description[language], language: language))
            }
            cells.append(cell(id: "b\(index + 1)", markdown: SourceCitations.linkNotebookCell(markdown.trimmingCharacters(in: .whitespacesAndNewlines), up: context.upToLanguageFolder), attachments: attachments))
        }
        cells.append(cell(id: "footer", markdown: "*\(Labels.generated[language])*", attachments: []))
        let notebook = JSONValue.object([
            ("cells", .array(cells)),
            ("metadata", .object([
                ("language_info", .object([("name", .string("python"))])),
                ("title", .string(page.title[language])),
            ])),
            ("nbformat", .number(4)),
            ("nbformat_minor", .number(5)),
        ])
        return notebook.serialized() + "\n"
    }

    /// A Markdown cell; `source` is split into lines as Jupyter stores it.
    static func cell(id: String, markdown: String, attachments: [(String, String)]) -> JSONValue {
        var lines: [JSONValue] = []
        let parts = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in parts.enumerated() {
            lines.append(.string(String(line) + (i + 1 < parts.count ? "\n" : "")))
        }
        var fields: [(String, JSONValue)] = [("cell_type", .string("markdown")), ("id", .string(id)), ("metadata", .object([]))]
        if !attachments.isEmpty {
            fields.append(("attachments", .object(attachments.map { name, svg in
                (name, .object([("image/svg+xml", .string(Data(svg.utf8).base64EncodedString()))]))
            })))
        }
        fields.append(("source", .array(lines)))
        return .object(fields)
    }
}
