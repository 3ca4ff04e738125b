/// Equations numbered only when prose refers to them: an equation given a label is cited in prose as
/// `{eq:<label>}`; the cited equations are numbered (1), (2), … in page order and each citation
/// becomes that number, linked to the equation. An equation nobody cites carries no number.
public enum EquationReferences {
    /// A citation of a label that no equation on the page carries, or a label used twice.
    public struct Unresolved: Error, CustomStringConvertible {
        public let description: String
    }

    /// The page's cited labels and their numbers, in page order (exercise solutions included).
    public static func numbers(_ blocks: [Block]) throws -> [String: Int] {
        var labels: [String] = []
        var cited: [String] = []
        func scan(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .equation(let eq): if let l = eq.label { labels.append(l) }
                case .exercise(let e):
                    cited += citations(in: e.prompt)
                    scan(e.solution)
                default: cited += texts(of: block).flatMap(citations)
                }
            }
        }
        scan(blocks)
        if let twice = labels.first(where: { l in labels.filter { $0 == l }.count > 1 }) {
            throw Unresolved(description: "equation label '\(twice)' is given to two equations; each label must name one")
        }
        if let missing = cited.first(where: { !labels.contains($0) }) {
            let known = labels.isEmpty ? "the page labels no equation" : "labels on the page: " + labels.joined(separator: ", ")
            throw Unresolved(description: "prose cites {eq:\(missing)} but no equation is labelled '\(missing)' (\(known))")
        }
        var numbers: [String: Int] = [:]
        for label in labels where cited.contains(label) { numbers[label] = numbers.count + 1 }
        return numbers
    }

    /// The blocks with every cited equation numbered and every citation replaced by the number:
    /// a Markdown link to the equation's anchor when `linked`, plain "(2)" otherwise (the terminal).
    public static func resolve(_ blocks: [Block], linked: Bool = true) throws -> [Block] {
        let numbers = try numbers(blocks)
        func cite(_ text: Localized) -> Localized {
            Localized(replace(text.en, numbers, .en, linked), zh: replace(text.zh, numbers, .zh, linked))
        }
        func apply(_ blocks: [Block]) -> [Block] {
            blocks.map { block in
                switch block {
                case .prose(let t): return .prose(cite(t))
                case .note(let n): return .note(Note(kind: n.kind, text: cite(n.text)))
                case .equation(var eq):
                    eq.number = eq.label.flatMap { numbers[$0] }
                    return .equation(eq)
                case .exercise(let e): return .exercise(Exercise(prompt: cite(e.prompt), solution: apply(e.solution)))
                case .table(let t) where t.caption != nil:
                    return .table(Table(columns: t.columns, rows: t.rows, caption: t.caption.map(cite), bands: t.bands, marked: t.marked))
                default: return block
                }
            }
        }
        return apply(blocks)
    }

    /// The anchor of a labelled equation: `eq-<label>`.
    public static func anchor(_ label: String) -> String { "eq-" + label }

    /// An equation's printed number: "(2)", with full-width brackets in Chinese.
    public static func printed(_ number: Int, _ language: Language) -> String {
        language == .en ? "(\(number))" : "（\(number)）"
    }

    static let opening = "{eq:"

    /// The labels cited in a text, in both languages.
    static func citations(in text: Localized) -> [String] { labels(in: text.en) + labels(in: text.zh) }

    static func labels(in text: String) -> [String] {
        var out: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: opening) {
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
            out.append(String(rest[start.upperBound..<end]))
            rest = rest[rest.index(after: end)...]
        }
        return out
    }

    /// The prose texts of a block that may cite an equation.
    static func texts(of block: Block) -> [Localized] {
        switch block {
        case .prose(let t): return [t]
        case .note(let n): return [n.text]
        case .table(let t): return t.caption.map { [$0] } ?? []
        default: return []
        }
    }

    static func replace(_ text: String, _ numbers: [String: Int], _ language: Language, _ linked: Bool) -> String {
        var out = text
        for (label, number) in numbers {
            let shown = printed(number, language)
            out = out.replacingOccurrences(of: opening + label + "}", with: linked ? "[\(shown)](#\(anchor(label)))" : shown)
        }
        return out
    }
}
