/// The one walk over a page's blocks: every renderer sees the same blocks in the same order with the
/// same figure, equation and exercise numbers, so numbering is decided here and nowhere else.
///
/// Exercise solutions are walked in place (between `exerciseStart` and `exerciseEnd`), sharing the
/// page's counters: figure 3 inside a solution is figure 3 in every format.
public struct PageWalker {
    /// One thing a renderer has to draw, numbered where the page numbers it.
    public enum Event {
        case heading(level: Int, Localized)
        case prose(Localized)
        /// A display equation or a worked step, with its running equation number.
        case equation(Equation, number: Int)
        case step(Step, number: Int)
        case table(Table)
        case figure(Figure, number: Int)
        case note(Note)
        /// An exercise begins: its prompt is shown, and the blocks of its solution follow.
        case exerciseStart(Exercise, number: Int)
        /// The solution of the exercise that began last is over.
        case exerciseEnd(Exercise)
    }

    private(set) var figures = 0
    private(set) var equations = 0
    private(set) var exercises = 0

    /// A walker whose counters start at zero.
    public init() {}

    /// Walks `blocks` (continuing the numbering of earlier calls); `depth` is 0 on the page and
    /// grows by one inside each exercise solution.
    public mutating func walk(_ blocks: [Block], depth: Int = 0, _ visit: (Event, _ depth: Int) -> Void) {
        for block in blocks {
            switch block {
            case .heading(let level, let text): visit(.heading(level: level, text), depth)
            case .prose(let text): visit(.prose(text), depth)
            case .equation(let eq):
                equations += 1
                visit(.equation(eq, number: equations), depth)
            case .step(let step):
                equations += 1
                visit(.step(step, number: equations), depth)
            case .table(let table): visit(.table(table), depth)
            case .figure(let figure):
                figures += 1
                visit(.figure(figure, number: figures), depth)
            case .note(let note): visit(.note(note), depth)
            case .exercise(let exercise):
                exercises += 1
                visit(.exerciseStart(exercise, number: exercises), depth)
                walk(exercise.solution, depth: depth + 1, visit)
                visit(.exerciseEnd(exercise), depth)
            }
        }
    }

    /// The blocks of a page as every format shows them: cited equations numbered and their citations
    /// resolved (links when `linked`, see `EquationReferences`); when the page's exercises do not
    /// already sit under an "Exercises" section, one is opened before the first, so the contents list it.
    /// A citation of a missing label stops here; `LessonRunner` checks every page before rendering,
    /// so a lesson run reports it as one line instead.
    /// With `glossary` (the language and the glossary page's path), the first use of each glossary
    /// term in the prose links to its entry.
    public static func blocks(of page: Page, linked: Bool = true, glossary: (language: Language, page: String)? = nil) -> [Block] {
        var resolved: [Block]
        do {
            resolved = try EquationReferences.resolve(page.blocks, linked: linked)
        } catch {
            fatalError("\(page.id): \(error)")
        }
        if let glossary {
            resolved = Glossary.link(resolved, language: glossary.language) { glossary.page + "#" + $0.anchor }.blocks
        }
        guard let first = resolved.firstIndex(where: { if case .exercise = $0 { return true } else { return false } }) else {
            return resolved
        }
        let lastSection = resolved[..<first].last { if case .heading(2, _) = $0 { return true } else { return false } }
        if case .heading(_, let text)? = lastSection, text.en == Labels.exercises.en { return resolved }
        var blocks = resolved
        blocks.insert(.heading(level: 2, Labels.exercises), at: first)
        return blocks
    }

    /// Walks a whole page from the first number.
    public static func walk(_ blocks: [Block], _ visit: (Event, _ depth: Int) -> Void) {
        var walker = PageWalker()
        walker.walk(blocks, visit)
    }
}

/// Where a page's navigation links point, the same for every format: the index, the other
/// language's edition, the previous and next lessons. `ext` is the file extension of the format.
public struct Navigation {
    /// The index of the page's language: `../en/index.html`.
    public let index: String
    /// The glossary of the page's language.
    public let glossary: String
    public let otherLanguage: (href: String, language: Language)
    public let previous: (href: String, title: Localized)?
    public let next: (href: String, title: Localized)?

    /// The links of `page` in `language` for files ending in `.ext`.
    public init(_ page: Page, language: Language, context: PageContext, ext: String) {
        let other: Language = language == .en ? .zh : .en
        index = "\(context.root)\(language.rawValue)/index.\(ext)"
        glossary = "\(context.root)\(language.rawValue)/glossary.\(ext)"
        otherLanguage = ("\(context.root)\(other.rawValue)/\(context.path(page.id)).\(ext)", other)
        previous = context.previous.map { ("\($0.id).\(ext)", $0.title) }
        next = context.next.map { ("\($0.id).\(ext)", $0.title) }
    }
}
