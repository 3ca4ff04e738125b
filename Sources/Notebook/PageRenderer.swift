/// One output format of a lesson page that is written to files (Markdown, HTML, Jupyter, SVG figures).
public protocol PageRenderer: Sendable {
    /// The files of `page` in `language`: path relative to the output folder, and contents.
    func files(_ page: Page, language: Language, context: PageContext) -> [(String, String)]
}

/// The formats every lesson is written in, in one list: the runner loops over it, and a new format
/// is one more entry here. (The terminal and JSON renderers print to stdout instead; the runner picks
/// one of them by `--json`.)
public enum PageRenderers {
    /// Every file format, in the order their files are written.
    public static let all: [any PageRenderer] = [MarkdownRenderer(), HTMLRenderer(), JupyterRenderer(), FigureRenderer()]

    /// The files of every format for one language.
    public static func files(_ page: Page, language: Language, context: PageContext) -> [(String, String)] {
        all.flatMap { $0.files(page, language: language, context: context) }
    }
}

/// Writes each figure of a page as a standalone SVG file beside the page.
public struct FigureRenderer: PageRenderer {
    public init() {}

    /// The file name of a figure of a lesson: `<id>-<slug>.svg`.
    public static func file(lesson: String, _ figure: Figure) -> String { "\(lesson)-\(figure.slug).svg" }

    public func files(_ page: Page, language: Language, context: PageContext) -> [(String, String)] {
        page.figures.map { figure in
            ("\(context.outputFolder(language))/\(Self.file(lesson: page.id, figure))",
             figure.drawing.svg(title: figure.title[language], description: figure.description[language], language: language))
        }
    }
}
