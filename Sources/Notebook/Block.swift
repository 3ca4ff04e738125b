/// One piece of a lesson page, in reading order. Blocks hold content, never formatting.
public enum Block: Sendable {
    /// A section heading (level 2) or sub-heading (level 3).
    case heading(level: Int, Localized)
    /// A paragraph (or list) of Markdown prose; inline math between single dollar signs.
    case prose(Localized)
    /// A display equation that holds no computed numbers (a definition or a rule).
    case equation(Equation)
    /// A worked step: a quantity, the formula with the numbers plugged in, and the result.
    case step(Step)
    /// A table of numbers, text and math.
    case table(Table)
    /// A drawing with a title and a description for screen readers.
    case figure(Figure)
    /// A convention, an erratum against a source text, or an aside.
    case note(Note)
    /// A problem with other numbers and its engine-computed solution, shown folded.
    case exercise(Exercise)
}

/// A display equation given in TeX and plain text.
public struct Equation: Sendable {
    public let tex: String
    public let text: String
    /// The name prose cites it by, `{eq:<label>}`; nil for an equation nobody cites.
    public let label: String?
    /// Its printed number, set by `EquationReferences` only when some prose on the page cites it.
    public internal(set) var number: Int?
    public init(tex: String, text: String, label: String? = nil) {
        self.tex = tex
        self.text = text
        self.label = label
    }
}

/// A worked step `lhs = e1 = e2 = … = value`, e.g. `z = 0·2 + 1·3 + 4 = 7`.
public struct Step: Sendable {
    /// The quantity being computed (its symbol).
    public let lhs: Expr
    /// The formula and its expansions, left to right, ending with the computed value.
    public let chain: [Expr]
    public init(lhs: Expr, chain: [Expr]) {
        self.lhs = lhs
        self.chain = chain
    }
}

/// A table whose cells are text, numbers or math.
public struct Table: Sendable {
    /// One cell of a table.
    public enum Cell: Sendable {
        case text(Localized)
        case number(Double, digits: Int? = nil)
        case math(Expr)
    }
    public let columns: [Localized]
    public let rows: [[Cell]]
    public let caption: Localized?
    /// The band of each row (the epoch of a training trace, say): neighbouring bands are shaded
    /// differently so a long trace reads in groups. Nil for a table without bands.
    public let bands: [Int]?
    /// Which rows are marked (those where the weights changed, say), chosen by the lesson from its
    /// computed values. Nil for a table without marks.
    public let marked: [Bool]?
    public init(columns: [Localized], rows: [[Cell]], caption: Localized? = nil, bands: [Int]? = nil, marked: [Bool]? = nil) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "every row needs \(columns.count) cells")
        precondition(bands.map { $0.count == rows.count } ?? true, "one band per row")
        precondition(marked.map { $0.count == rows.count } ?? true, "one mark per row")
        self.columns = columns
        self.rows = rows
        self.caption = caption
        self.bands = bands
        self.marked = marked
    }
}

/// A figure: the drawing plus what it shows in words.
public struct Figure: Sendable {
    /// A short name used in file names: `<lesson>-<slug>.svg`.
    public let slug: String
    public let title: Localized
    /// What the figure shows, for screen readers and for readers of the terminal edition.
    public let description: Localized
    public let drawing: any Drawing
    public init(slug: String, title: Localized, description: Localized, drawing: any Drawing) {
        self.slug = slug
        self.title = title
        self.description = description
        self.drawing = drawing
    }
}

/// A boxed remark.
public struct Note: Sendable {
    /// What kind of remark: each is labelled and styled differently.
    public enum Kind: String, Sendable {
        /// How this lesson defines something the texts define in different ways.
        case convention
        /// A mistake in a source text, with the correct value.
        case erratum
        /// Anything else worth a box.
        case aside
        /// Something went wrong in this run (a diverging training run, say): shown on the page and
        /// printed on stderr as a warning.
        case warning
    }
    public let kind: Kind
    public let text: Localized
    public init(kind: Kind, text: Localized) {
        self.kind = kind
        self.text = text
    }
}

/// An exercise: the question and the blocks of its worked solution.
public struct Exercise: Sendable {
    public let prompt: Localized
    public let solution: [Block]
    public init(prompt: Localized, solution: [Block]) {
        self.prompt = prompt
        self.solution = solution
    }
}
