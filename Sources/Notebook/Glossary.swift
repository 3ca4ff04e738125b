/// One core term of the course: its name in both languages and the word forms that count as a use.
public struct GlossaryTerm: Sendable {
    /// The anchor of its entry on the glossary page: `g-<id>`.
    public let id: String
    public let name: Localized
    /// The forms that count as a use in each language's prose.
    public let en: [String]
    public let zh: [String]
    public init(_ id: String, _ name: Localized, en: [String], zh: [String]) {
        self.id = id
        self.name = name
        self.en = en
        self.zh = zh
    }

    /// The forms of one language.
    public func forms(_ language: Language) -> [String] { language == .en ? en : zh }

    /// The anchor of the term's glossary entry.
    public var anchor: String { "g-" + id }
}

/// The glossary: finds each term's first use on a page (in running prose: not inside math, code or a
/// link), links it to the term's entry, and tells which lesson uses each term first.
///
/// A use is a whole word in English (any listed form, any letter case) and the listed characters in
/// Chinese. Longer terms are linked before the shorter terms inside them ("gradient descent" before
/// "gradient"), and a link is never placed inside another, so a use inside a longer term's link does
/// not count.
public enum Glossary {
    /// The terms in the order they are linked: longest form first.
    static func linkingOrder(_ language: Language) -> [GlossaryTerm] {
        terms.sorted { ($0.forms(language).map(\.count).max() ?? 0) > ($1.forms(language).map(\.count).max() ?? 0) }
    }

    /// Each term's forms in one language, lower-cased once (not once per block of every page).
    struct Forms {
        let term: GlossaryTerm
        /// The lower-cased characters of each form, and whether the form is Latin (matched as a whole word).
        let forms: [(chars: [Character], latin: Bool)]
        init(_ term: GlossaryTerm, _ language: Language) {
            self.term = term
            forms = term.forms(language).map { (Array($0.lowercased()), $0.allSatisfy(\.isASCII)) }.filter { !$0.0.isEmpty }
        }
    }

    /// One block's prose prepared for matching: its characters, which of them are running text, and
    /// their lower-case forms. Built once per block and rebuilt only after a link is put in.
    struct Scan {
        let chars: [Character]
        let open: [Bool]
        let lower: [Character]
        init(_ prose: String) {
            chars = Array(prose)
            open = Glossary.linkable(chars)
            // ASCII letters are lowered without making a String per character.
            lower = chars.map { c in
                if let a = c.asciiValue { return a >= 65 && a <= 90 ? Character(Unicode.Scalar(a + 32)) : c }
                return c.lowercased().first ?? c
            }
        }
    }

    /// The blocks with the first use of every term in `language` linked to `href(term)` (a Markdown
    /// link), and the ids of the terms the page uses, in the order of their first use.
    public static func link(_ blocks: [Block], language: Language, href: (GlossaryTerm) -> String) -> (blocks: [Block], used: [String]) {
        var remaining = linkingOrder(language).map { Forms($0, language) }
        var used: [(String, Int)] = []
        var position = 0
        func cite(_ text: Localized) -> Localized {
            var s = text[language]
            var scan = Scan(s)
            var found: [(String, Int)] = []
            remaining.removeAll { entry in
                guard let range = firstUse(of: entry, in: scan) else { return false }
                found.append((entry.term.id, range.lowerBound))
                let chars = scan.chars
                s = String(chars[..<range.lowerBound]) + "[" + String(chars[range]) + "](" + href(entry.term) + ")" + String(chars[range.upperBound...])
                scan = Scan(s)
                return true
            }
            // Order of first use: block by block, and within a block by position in the original text.
            for (id, at) in found.sorted(by: { $0.1 < $1.1 }) { used.append((id, position * 1_000_000 + at)) }
            position += 1
            return language == .en ? Localized(s, zh: text.zh) : Localized(text.en, zh: s)
        }
        func apply(_ blocks: [Block]) -> [Block] {
            blocks.map { block in
                switch block {
                case .prose(let t): return .prose(cite(t))
                case .note(let n): return .note(Note(kind: n.kind, text: cite(n.text)))
                case .exercise(let e):
                    let prompt = cite(e.prompt)
                    return .exercise(Exercise(prompt: prompt, solution: apply(e.solution)))
                default: return block
                }
            }
        }
        let linked = apply(blocks)
        return (linked, used.sorted { $0.1 < $1.1 }.map(\.0))
    }

    /// The ids of the terms a page uses, in order of first use.
    public static func uses(_ blocks: [Block], language: Language) -> [String] {
        link(blocks, language: language) { _ in "" }.used
    }

    /// The characters of the first use of `term` in running text of `prose`, or nil.
    public static func firstUse(of term: GlossaryTerm, in prose: String, _ language: Language) -> Range<Int>? {
        firstUse(of: Forms(term, language), in: Scan(prose))
    }

    static func firstUse(of entry: Forms, in scan: Scan) -> Range<Int>? {
        let chars = scan.chars, lower = scan.lower, open = scan.open
        var best: Range<Int>?
        for (f, latin) in entry.forms where f.count <= chars.count {
            var i = 0
            search: while i + f.count <= chars.count {
                if let b = best, i >= b.lowerBound { break }
                defer { i += 1 }
                guard lower[i] == f[0] else { continue }
                for k in 0..<f.count where lower[i + k] != f[k] || !open[i + k] { continue search }
                if latin && ((i > 0 && isWordCharacter(chars[i - 1])) || (i + f.count < chars.count && isWordCharacter(chars[i + f.count]))) { continue }
                best = i..<(i + f.count)
                break
            }
        }
        return best
    }

    /// What continues an English word: ASCII letters and digits, `_` and `-` (so "weight" is not found
    /// in "weighted" or "weight-decay"; a Chinese character next to "ReLU" ends the word).
    static func isWordCharacter(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) || c == "_" || c == "-" }

    /// Which characters of Markdown prose are running text: not inside `$…$` math, `code`, a link
    /// (its text or its target) or an autolink `<…>`.
    static func linkable(_ chars: [Character]) -> [Bool] {
        var open = Array(repeating: true, count: chars.count)
        var i = 0
        func close(_ a: Int, _ b: Int) { for k in a..<min(b, chars.count) { open[k] = false } }
        while i < chars.count {
            let c = chars[i]
            if c == "\\" { i += 2; continue }
            if c == "$" || c == "`" || c == "<" {
                let end: Character = c == "<" ? ">" : c
                var j = i + 1
                while j < chars.count && chars[j] != end { j += chars[j] == "\\" && c == "$" ? 2 : 1 }
                if j < chars.count {
                    close(i, j + 1)
                    i = j + 1
                    continue
                }
            }
            if c == "[" {
                // [text](target): both parts are someone else's link.
                var j = i + 1, depth = 1
                while j < chars.count && depth > 0 {
                    if chars[j] == "[" { depth += 1 } else if chars[j] == "]" { depth -= 1 }
                    j += 1
                }
                if j < chars.count && chars[j] == "(" , let k = chars[j...].firstIndex(of: ")") {
                    close(i, k + 1)
                    i = k + 1
                    continue
                }
            }
            i += 1
        }
        return open
    }
}
