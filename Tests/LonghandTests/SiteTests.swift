import Foundation
import Testing
@testable import Notebook
@testable import LessonKit
@testable import Curriculum

/// The site as readers meet it: wide matrices folded, tables set column by column, equations numbered
/// only when cited, and the glossary linked from the first use of each term.
@Suite("site")
struct SiteTests {
    static func html(_ page: Page, _ language: Language = .en) -> String { HTMLRenderer.render(page, language: language) }

    // MARK: wide matrices

    @Test("a matrix wider than the limit shows its first and last columns, every column one click away")
    func wideMatrixFolds() {
        let row = (1...10).map { Double($0) + 0.5 }
        var page = Page(id: "t", title: Localized(same: "t"))
        page.step(.sym("y"), [.matrix([row])])
        page.step(.sym("x"), [.matrix([Array(row.prefix(MatrixFolding.widest))])])
        let html = Self.html(page)
        let folded = "\\begin{bmatrix} 1.5 &amp; 2.5 &amp; 3.5 &amp; 4.5 &amp; \\cdots &amp; 9.5 &amp; 10.5 \\end{bmatrix}"
        #expect(html.contains(folded))
        #expect(html.contains("<summary>All 10 columns</summary>"))
        // The full matrix, every value, inside the fold.
        let full = row.map { NumberFormat.short($0) }.joined(separator: " &amp; ")
        #expect(html.contains("\\begin{bmatrix} \(full) \\end{bmatrix}"))
        // Eight columns fit: not folded.
        #expect(html.components(separatedBy: "<details class=\"unfold\">").count == 2)
        #expect(HTMLRenderer.render(page, language: .zh).contains("<summary>展开全部 10 列</summary>"))
    }

    // MARK: tables

    @Test("a numeric column gets one count of decimals from its own values; numeric columns are right-aligned")
    func columnPrecision() {
        let table = Table(columns: [Localized(same: "a"), Localized(same: "b"), Localized(same: "c")],
                          rows: [[.number(0.5), .number(3), .text(Localized(same: "x"))],
                                 [.number(-0.125), .number(12), .text(Localized(same: "y"))],
                                 [.number(2), .number(-1), .text(Localized(same: "z"))]])
        #expect(TableColumns.decimals(table, column: 0) == 3)
        // The largest value sets the precision: 27.1328 keeps six significant digits, 0.0983761 shows four decimals too.
        let wide = Table(columns: [Localized(same: "a")], rows: [[.number(27.1328)], [.number(0.09837611)], [.number(0.5)]])
        #expect(TableColumns.decimals(wide, column: 0) == 4)
        #expect(MarkdownRenderer.render(wide, language: .en).contains("| 27.1328 |\n| 0.0984 |\n| 0.5000 |"))
        #expect(TableColumns.decimals(table, column: 1) == 0)
        #expect(TableColumns.decimals(table, column: 2) == nil)
        let md = MarkdownRenderer.render(table, language: .en)
        #expect(md.contains("| ---: | ---: | --- |"))
        #expect(md.contains("| 0.500 | 3 | x |"))
        #expect(md.contains("| −0.125 | 12 | y |"))
        #expect(md.contains("| 2.000 | −1 | z |"))
        // A value too small for the column's decimals keeps its own form: nothing is rounded away.
        let tiny = Table(columns: [Localized(same: "a")], rows: [[.number(12.5)], [.number(1.2e-9)], [.number(0.0012)]])
        let tinyText = MarkdownRenderer.render(tiny, language: .en)
        #expect(tinyText.contains("| 12.5000 |") && tinyText.contains("| 1.2×10⁻⁹ |") && tinyText.contains("| 0.0012 |"))
    }

    @Test("bands alternate where the band number changes, and marked rows carry the mark")
    func bandsAndMarks() {
        let rows: [[Table.Cell]] = (0..<6).map { [.number(Double($0))] }
        let table = Table(columns: [Localized(same: "n")], rows: rows, bands: [1, 1, 2, 2, 2, 3],
                          marked: [false, true, false, false, true, true])
        let html = HTMLRenderer.render(table, language: .en)
        let trs = html.components(separatedBy: "<tr").dropFirst(2).map { String($0.prefix { $0 != ">" }) }
        #expect(trs == ["", " class=\"changed\"", " class=\"opens shaded\"", " class=\"shaded\"", " class=\"shaded changed\"", " class=\"opens changed\""])
        #expect(html.components(separatedBy: "<td class=\"mark\">●</td>").count == 4)
    }

    @Test("the perceptron traces mark exactly the rows where t − y ≠ 0 (where the rule moves the weights)")
    func perceptronMarks() throws {
        let lesson = try PerceptronLesson.parse([])
        let page = try lesson.notebook()
        var tables = 0
        for case .table(let table) in page.blocks where table.marked != nil {
            tables += 1
            let errorColumn = try #require(table.columns.firstIndex { $0.en == "$t - y$" })
            for (row, marked) in zip(table.rows, table.marked!) {
                guard case .number(let error, _) = row[errorColumn] else { Issue.record("t − y is not a number"); continue }
                #expect(marked == (error != 0))
            }
            #expect(table.marked!.contains(true) && table.marked!.contains(false))
            #expect(Set(table.bands!).count > 1)
        }
        #expect(tables >= 2)
    }

    // MARK: equation references

    @Test("only cited equations are numbered, in page order, and each citation becomes a link to its equation")
    func citedEquationsOnly() throws {
        var page = Page(id: "t", title: Localized(same: "t"))
        page.equation(tex: "a = 1", text: "a = 1", label: "a")
        page.equation(tex: "b = 2", text: "b = 2", label: "b")
        page.equation(tex: "c = 3", text: "c = 3")
        page.equation(tex: "d = 4", text: "d = 4", label: "d")
        page.say("By {eq:d} and {eq:b}.", zh: "由式 {eq:d} 和式 {eq:b} 可知。")
        #expect(try EquationReferences.numbers(page.blocks) == ["b": 1, "d": 2])
        let html = Self.html(page)
        #expect(html.components(separatedBy: "class=\"eqno\"").count == 3)
        #expect(html.contains("<div class=\"equation\" id=\"eq-b\"><div class=\"math display\">b = 2</div><span class=\"eqno\">(1)</span></div>"))
        #expect(html.contains("By <a href=\"#eq-d\">(2)</a> and <a href=\"#eq-b\">(1)</a>."))
        #expect(Self.html(page, .zh).contains("<a href=\"#eq-d\">（2）</a>"))
        #expect(TextRenderer.render(page, language: .en).contains("By (2) and (1)."))
        page.say("See {eq:missing}.", zh: "见 {eq:missing}。")
        #expect(throws: EquationReferences.Unresolved.self) { try EquationReferences.numbers(page.blocks) }
        do {
            _ = try EquationReferences.numbers(page.blocks)
        } catch {
            #expect("\(error)".contains("{eq:missing}") && "\(error)".contains("labels on the page: a, b, d"))
        }
    }

    @Test("on every lesson page the numbered equations are exactly the cited ones", arguments: Course.lessons.map { $0.id })
    func numberedAreCited(_ id: String) throws {
        let type = try #require(Course.lessons.first { $0.id == id })
        let html = try Self.lessonHTML(type)
        let numbered = Set(Self.matches(#"<div class="equation" id="(eq-[^"]+)">"#, html))
        let cited = Set(Self.matches(##"<a href="#(eq-[^"]+)">"##, html))
        #expect(numbered == cited)
        #expect(Self.matches(#"<span class="eqno">\((\d+)\)</span>"#, html) == (0..<numbered.count).map { "\($0 + 1)" })
        #expect(!html.contains("{eq:"))
    }

    @Test("lessons cite the equations their prose talks about")
    func lessonsCite() throws {
        #expect(try Self.matches(#"<span class="eqno">\((\d+)\)</span>"#, Self.lessonHTML(BackpropEquationsLesson.self)).count == 4)
        #expect(try Self.matches(#"<span class="eqno">\((\d+)\)</span>"#, Self.lessonHTML(PerceptronLesson.self)).count == 1)
    }

    // MARK: glossary

    @Test("every glossary term is used by some lesson, in both languages")
    func everyTermUsed() throws {
        let pages = try Course.lessons.map { try Self.page($0) }
        for language in Language.allCases {
            let entries = GlossaryPage.entries(pages, language: language)
            #expect(entries.count == Glossary.terms.count)
            for entry in entries { #expect(entry.lesson != nil, "\(entry.term.id) is used by no lesson in \(language)") }
        }
    }

    @Test("each linked first use is the first occurrence of the term in the page's running prose", arguments: Course.lessons.map { $0.id })
    func firstUseIsFirst(_ id: String) throws {
        let type = try #require(Course.lessons.first { $0.id == id })
        let page = try Self.page(type)
        for language in Language.allCases {
            let blocks = PageWalker.blocks(of: page)
            let linked = Glossary.link(blocks, language: language) { "G#" + $0.id }
            // The prose as one string, in page order, after linking.
            let text = Self.prose(linked.blocks, language).joined(separator: "\n")
            for term in Glossary.terms {
                let links = text.components(separatedBy: "](G#\(term.id))").count - 1
                #expect(links == (linked.used.contains(term.id) ? 1 : 0), "\(id) \(language) \(term.id)")
                guard let at = text.range(of: "](G#\(term.id))") else { continue }
                // Independently: nothing before the link, outside math, code and other glossary links, is a use of the term.
                // The text before the link's opening bracket.
                let open = try #require(text[..<at.lowerBound].lastIndex(of: "["))
                let before = Self.runningText(String(text[..<open]), dropping: term)
                for form in term.forms(language) {
                    #expect(!Self.containsWord(before, form, latin: form.allSatisfy(\.isASCII)), "\(id) \(language): '\(form)' occurs before its link")
                }
            }
        }
    }

    @Test("each language has its own index starting at lesson 1, and lesson pages link to it and to the glossary")
    func languageIndexes() throws {
        let entries = Course.lessons.map { IndexPage.Entry(id: $0.id, title: $0.title, summary: $0.summary, part: $0.part.title) }
        let en = IndexPage.render(entries, language: .en), zh = IndexPage.render(entries, language: .zh)
        #expect(en.contains("<a href=\"\(Course.lessons[0].id).html\">Start here: Lesson 1"))
        #expect(zh.contains("<a href=\"\(Course.lessons[0].id).html\">从这里开始：第 1 课"))
        for lesson in Course.lessons { #expect(en.contains("href=\"\(lesson.id).html\"") && zh.contains("href=\"\(lesson.id).html\"")) }
        let html = try Self.lessonHTML(Course.lessons[1])
        #expect(html.contains("<a href=\"../en/index.html\">All lessons</a>") && html.contains("<a href=\"../en/glossary.html\">Glossary</a>"))
    }

    // MARK: helpers

    static func page(_ type: any Lesson.Type) throws -> Page { try open(type) }
    private static func open<L: Lesson>(_ type: L.Type) throws -> Page { try L.parse([]).notebook() }

    static func lessonHTML(_ type: any Lesson.Type) throws -> String {
        HTMLRenderer.render(try page(type), language: .en, context: LessonRunner.context(of: type.id, in: Course.lessons))
    }

    static func matches(_ pattern: String, _ text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }

    static func prose(_ blocks: [Block], _ language: Language) -> [String] {
        blocks.flatMap { block -> [String] in
            switch block {
            case .prose(let t): return [t[language]]
            case .note(let n): return [n.text[language]]
            case .exercise(let e): return [e.prompt[language]] + prose(e.solution, language)
            default: return []
            }
        }
    }

    /// Markdown with math, code spans, link targets and the text of other terms' glossary links blanked.
    static func runningText(_ markdown: String, dropping term: GlossaryTerm) -> String {
        var s = markdown.replacingOccurrences(of: #"\$[^$]*\$"#, with: " ", options: .regularExpression)
        s = s.replacingOccurrences(of: #"`[^`]*`"#, with: " ", options: .regularExpression)
        s = s.replacingOccurrences(of: #"\[[^\]]*\]\(G#[^)]*\)"#, with: " ", options: .regularExpression)
        s = s.replacingOccurrences(of: #"\[[^\]]*\]\([^)]*\)"#, with: " ", options: .regularExpression)
        return s
    }

    static func containsWord(_ text: String, _ form: String, latin: Bool) -> Bool {
        guard latin else { return text.contains(form) }
        let pattern = "(?<![A-Za-z0-9_-])" + NSRegularExpression.escapedPattern(for: form) + "(?![A-Za-z0-9_-])"
        return text.range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil
    }
}
