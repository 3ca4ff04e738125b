/// Where a renderer's output goes: files written beside the page, or standard output in one of the
/// run's two printing modes (the worked text for the terminal, or `--json`).
public enum RenderDestination: Sendable, Equatable {
    case files
    case terminal
    case json
}

/// One output format of a lesson page (Markdown, HTML, Jupyter, SVG figures, terminal text, JSON).
public protocol PageRenderer: Sendable {
    /// Where this format's output goes.
    var destination: RenderDestination { get }
    /// The output of `page` in `language`: for files, each path relative to the output folder and its
    /// contents; for standard output, one entry whose path is empty.
    func files(_ page: Page, language: Language, context: PageContext) -> [(String, String)]
}

/// Every format a lesson is written in, in one list: the runner loops over it, and a new format is one
/// more entry here.
public enum PageRenderers {
    /// Every format: the file formats in the order their files are written, then the two printed ones.
    public static let all: [any PageRenderer] = [MarkdownRenderer(), HTMLRenderer(), JupyterRenderer(), FigureRenderer(),
                                                 TextRenderer(), JSONRenderer()]

    /// The files of every file format for one language.
    public static func files(_ page: Page, language: Language, context: PageContext) -> [(String, String)] {
        all.filter { $0.destination == .files }.flatMap { $0.files(page, language: language, context: context) }
    }

    /// What a run prints in `mode` (`.terminal` or `.json`), in `language`.
    public static func printed(_ mode: RenderDestination, _ page: Page, language: Language, context: PageContext) -> String {
        all.filter { $0.destination == mode }.flatMap { $0.files(page, language: language, context: context) }.map(\.1).joined()
    }
}

/// Writes each figure of a page as a standalone SVG file beside the page.
public struct FigureRenderer: PageRenderer {
    public init() {}
    public var destination: RenderDestination { .files }

    /// The file name of a figure of a lesson: `<id>-<slug>.svg`.
    public static func file(lesson: String, _ figure: Figure) -> String { "\(lesson)-\(figure.slug).svg" }

    public func files(_ page: Page, language: Language, context: PageContext) -> [(String, String)] {
        page.figures.map { figure in
            ("\(context.outputFolder(language))/\(Self.file(lesson: page.id, figure))",
             figure.drawing.svg(title: figure.title[language], description: figure.description[language], language: language))
        }
    }
}

/// Prints a page's `--json` object: the run's header (what it is and its parameters, from the context)
/// followed by every value the page recorded.
public struct JSONRenderer: PageRenderer {
    public init() {}
    public var destination: RenderDestination { .json }

    public func files(_ page: Page, language: Language, context: PageContext) -> [(String, String)] {
        [("", JSONValue.object(context.jsonHeader + [("values", .object(page.values))]).serialized() + "\n")]
    }
}
