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

    /// The blocks with the first use of every term in `language` linked to `href(term)` (a Markdown
    /// link), and the ids of the terms the page uses, in the order of their first use.
    public static func link(_ blocks: [Block], language: Language, href: (GlossaryTerm) -> String) -> (blocks: [Block], used: [String]) {
        var remaining = linkingOrder(language)
        var used: [(String, Int)] = []
        var position = 0
        func cite(_ text: Localized) -> Localized {
            var s = text[language]
            var found: [(String, Int)] = []
            remaining.removeAll { term in
                guard let range = firstUse(of: term, in: s, language) else { return false }
                found.append((term.id, range.lowerBound))
                let chars = Array(s)
                s = String(chars[..<range.lowerBound]) + "[" + String(chars[range]) + "](" + href(term) + ")" + String(chars[range.upperBound...])
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
        let chars = Array(prose)
        let open = linkable(chars)
        let lower = chars.map { $0.lowercased().first ?? $0 }
        var best: Range<Int>?
        for form in term.forms(language) {
            let f = Array(form.lowercased())
            let latin = form.allSatisfy { $0.isASCII }
            guard !f.isEmpty, f.count <= chars.count else { continue }
            var i = 0
            while i + f.count <= chars.count {
                if let b = best, i >= b.lowerBound { break }
                if lower[i] == f[0], Array(lower[i..<(i + f.count)]) == f, open[i..<(i + f.count)].allSatisfy({ $0 }),
                   !latin || ((i == 0 || !isWordCharacter(chars[i - 1])) && (i + f.count == chars.count || !isWordCharacter(chars[i + f.count]))) {
                    best = i..<(i + f.count)
                    break
                }
                i += 1
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
