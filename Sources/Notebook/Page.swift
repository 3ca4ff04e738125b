/// A lesson page as data: ordered blocks in both languages plus every named quantity it shows.
///
/// A lesson fills a notebook with numbers from the engine; renderers turn it into Markdown,
/// HTML, terminal text and JSON. The notebook itself never computes and never formats.
public struct Page: Sendable {
    /// The lesson id, used for file names: `perceptron`.
    public let id: String
    public var title: Localized
    public var blocks: [Block] = []
    /// Named quantities for `--json`, in the order they were first recorded.
    public private(set) var values: [(String, JSONValue)] = []
    private var exerciseCount = 0

    /// An empty page.
    public init(id: String, title: Localized) {
        self.id = id
        self.title = title
    }

    /// A level-2 section heading.
    public mutating func section(_ en: String, zh: String) {
        blocks.append(.heading(level: 2, Localized(en, zh: zh)))
    }

    /// A level-3 sub-heading.
    public mutating func subsection(_ en: String, zh: String) {
        blocks.append(.heading(level: 3, Localized(en, zh: zh)))
    }

    /// A paragraph of Markdown prose in both languages; inline math goes between `$` signs.
    public mutating func say(_ en: String, zh: String) {
        blocks.append(.prose(Localized(en, zh: zh)))
    }

    /// A display equation with no computed numbers, e.g. a rule or a definition. Prose cites it as
    /// `{eq:<label>}`, which every format prints as its number, "(2)"; only cited equations are numbered.
    public mutating func equation(tex: String, text: String, label: String? = nil) {
        blocks.append(.equation(Equation(tex: tex, text: text, label: label)))
    }

    /// A worked step `lhs = chain… = value`; the value is recorded under `name` when given.
    @discardableResult
    public mutating func step(_ name: String?, _ lhs: Expr, _ chain: [Expr], value: Double, digits: Int? = nil) -> Double {
        blocks.append(.step(Step(lhs: lhs, chain: chain + [.number(value, digits: digits)])))
        if let name { record(name, value) }
        return value
    }

    /// A worked step whose last element is already in `chain` (e.g. a matrix result).
    public mutating func step(_ lhs: Expr, _ chain: [Expr]) {
        blocks.append(.step(Step(lhs: lhs, chain: chain)))
    }

    /// Records a named number for `--json` (a later record of the same name replaces it).
    public mutating func record(_ name: String, _ value: Double) { record(name, JSONValue.number(value)) }
    /// Records a named vector.
    public mutating func record(_ name: String, _ value: [Double]) { record(name, JSONValue.vector(value)) }
    /// Records a named matrix.
    public mutating func record(_ name: String, _ value: [[Double]]) { record(name, JSONValue.matrix(value)) }
    /// Records any JSON value.
    public mutating func record(_ name: String, _ value: JSONValue) {
        if let i = values.firstIndex(where: { $0.0 == name }) {
            values[i].1 = value
        } else {
            values.append((name, value))
        }
    }

    /// The recorded value called `name`, if any.
    public func value(_ name: String) -> JSONValue? { values.first { $0.0 == name }?.1 }

    /// A table; `bands` groups its rows (one band number per row, e.g. the epoch) and `marked` picks
    /// rows to highlight (e.g. where the weights changed).
    public mutating func table(_ columns: [Localized], _ rows: [[Table.Cell]], caption: Localized? = nil,
                               bands: [Int]? = nil, marked: [Bool]? = nil) {
        blocks.append(.table(Table(columns: columns, rows: rows, caption: caption, bands: bands, marked: marked)))
    }

    /// A figure.
    public mutating func figure(_ slug: String, title: Localized, description: Localized, _ drawing: any Drawing) {
        blocks.append(.figure(Figure(slug: slug, title: title, description: description, drawing: drawing)))
    }

    /// How this lesson defines something the source texts define in different ways.
    public mutating func convention(_ en: String, zh: String) {
        blocks.append(.note(Note(kind: .convention, text: Localized(en, zh: zh))))
    }

    /// A mistake in a source text, with the correct value.
    public mutating func erratum(_ en: String, zh: String) {
        blocks.append(.note(Note(kind: .erratum, text: Localized(en, zh: zh))))
    }

    /// A boxed aside.
    public mutating func aside(_ en: String, zh: String) {
        blocks.append(.note(Note(kind: .aside, text: Localized(en, zh: zh))))
    }

    /// A warning about this run (e.g. training diverged at step k): a box on the page and, through the
    /// runner, one line on stderr. The run still succeeds: a divergence is a result to learn from.
    public mutating func warning(_ en: String, zh: String) {
        blocks.append(.note(Note(kind: .warning, text: Localized(en, zh: zh))))
        warnings.append(en)
    }

    /// The English text of every warning, for stderr.
    public private(set) var warnings: [String] = []

    /// An exercise whose solution is written by `solve` into a page of its own; the values it
    /// records appear in JSON as `exercise<N>_<name>`.
    public mutating func exercise(_ en: String, zh: String, solve: (inout Page) -> Void) {
        exerciseCount += 1
        var solution = Page(id: id, title: title)
        solve(&solution)
        blocks.append(.exercise(Exercise(prompt: Localized(en, zh: zh), solution: solution.blocks)))
        for (name, value) in solution.values { record("exercise\(exerciseCount)_\(name)", value) }
    }

    /// All figures on the page, including those inside exercise solutions, in order.
    public var figures: [Figure] {
        func collect(_ blocks: [Block]) -> [Figure] {
            blocks.flatMap { block -> [Figure] in
                switch block {
                case .figure(let f): return [f]
                case .exercise(let e): return collect(e.solution)
                default: return []
                }
            }
        }
        return collect(blocks)
    }

    /// How many exercises the page has.
    public var exerciseTotal: Int { exerciseCount }
}
