import Foundation
import Testing
@testable import Notebook
@testable import LessonKit
@testable import Curriculum

/// The source texts: every passage answered or set aside, every lesson's coverage true to its page,
/// the Sources page built from the same data, and every citation on every page linked to it.
@Suite("Source coverage")
struct SourceCoverageTests {
    static func page(_ type: any Lesson.Type) throws -> Page { try open(type) }
    private static func open<L: Lesson>(_ type: L.Type) throws -> Page { try L.parse([]).notebook() }

    @Test("the coverage table lists exactly the course's lessons, in reading order, each with entries")
    func everyLesson() {
        #expect(SourceCoverage.byLesson.map(\.lesson) == Course.lessons.map { $0.id })
        for (lesson, entries) in SourceCoverage.byLesson {
            #expect(!entries.isEmpty, "\(lesson) answers no passage")
        }
    }

    @Test("every entry names a passage of the catalogue, and the catalogue's keys are unique and well formed")
    func keys() {
        let keys = SourceTexts.all.flatMap { $0.passages.map(\.key) }
        #expect(Set(keys).count == keys.count)
        for text in SourceTexts.all {
            #expect(SourceCitations.ids.contains(text.id))
            for passage in text.passages { #expect(passage.source == text.id, "\(passage.key) is filed under \(text.id)") }
        }
        #expect(SourceTexts.all.map(\.id) == SourceCitations.ids)
        for (lesson, entries) in SourceCoverage.byLesson {
            for entry in entries { #expect(SourceTexts.passage(entry.passage) != nil, "\(lesson): unknown passage \(entry.passage)") }
        }
    }

    @Test("every passage of every source text is answered by a lesson or set aside with a reason, never both")
    func everyPassageAnswered() {
        for passage in SourceTexts.all.flatMap(\.passages) {
            let lessons = SourceCoverage.lessons(covering: passage.key)
            if let reason = passage.setAside {
                #expect(lessons.isEmpty, "\(passage.key) is set aside but \(lessons) take it up")
                #expect(!reason.en.isEmpty && !reason.zh.isEmpty)
            } else {
                #expect(!lessons.isEmpty, "\(passage.key) is neither answered nor set aside")
            }
        }
    }

    @Test("each lesson's own text cites every source its coverage claims", arguments: Course.lessons.map { $0.id })
    func lessonCitesItsSources(_ id: String) throws {
        let type = try #require(Course.lessons.first { $0.id == id })
        var page = try Self.page(type)
        // Only the lesson's own content counts, not the closing table generated from the coverage data.
        let closing = page.blocks.firstIndex {
            if case .heading(2, let t) = $0 { return t.en == "Sources of this lesson" }
            return false
        }
        let end = try #require(closing, "\(id) has no “Sources of this lesson” section")
        #expect(end < page.blocks.count - 1)
        page.blocks = Array(page.blocks[..<end])
        for language in Language.allCases {
            let text = MarkdownRenderer.render(page, language: language)
            for source in Set(SourceCoverage.entries(for: id).compactMap { SourceTexts.passage($0.passage)?.source }) {
                #expect(text.contains("`\(source)`") || text.contains("\(source)]"), "\(id) (\(language)) claims a passage of \(source) but never cites it")
            }
        }
    }

    @Test("the closing section of each lesson has one row per coverage entry", arguments: Course.lessons.map { $0.id })
    func closingTable(_ id: String) throws {
        let type = try #require(Course.lessons.first { $0.id == id })
        let page = try Self.page(type)
        let tables = page.blocks.compactMap { block -> Table? in if case .table(let t) = block { return t } else { return nil } }
        let last = try #require(tables.last)
        #expect(last.rows.count == SourceCoverage.entries(for: id).count)
    }

    @Test("the Sources page is generated from the same data: every passage, every entry, one row each")
    func sourcesPage() {
        let page = SourcesPage.notebook()
        let tables = page.blocks.compactMap { block -> Table? in if case .table(let t) = block { return t } else { return nil } }
        #expect(tables.count == SourceTexts.all.count + 1)
        for (table, text) in zip(tables, SourceTexts.all) { #expect(table.rows.count == text.passages.count) }
        #expect(tables.last?.rows.count == SourceCoverage.byLesson.reduce(0) { $0 + $1.entries.count })
        for language in Language.allCases {
            let md = MarkdownRenderer.render(page, language: language)
            for text in SourceTexts.all {
                #expect(md.contains(text.title))
                for passage in text.passages {
                    #expect(md.contains(passage.locator), "\(passage.key) missing")
                    #expect(md.contains(passage.content[language]), "\(passage.key) content missing")
                }
            }
            for (_, entries) in SourceCoverage.byLesson {
                for entry in entries { #expect(md.contains(entry.how[language].replacingPipes())) }
            }
            #expect(ChineseTypographyTests.offenders(ChineseTypographyTests.prose(md)).isEmpty || language == .en)
        }
        let html = HTMLRenderer.render(page, language: .en)
        for id in SourceCitations.ids { #expect(html.contains("id=\"\(SourceCitations.anchor(id))\"")) }
    }

    @Test("every citation on every lesson page links to its entry on the Sources page", arguments: Course.lessons.map { $0.id })
    func citationsLinked(_ id: String) throws {
        let type = try #require(Course.lessons.first { $0.id == id })
        let page = try Self.page(type)
        for language in Language.allCases {
            // Figures keep plain-text titles; only the text around them is linked.
            let html = HTMLRenderer.render(page, language: language)
                .replacingOccurrences(of: #"<svg[\s\S]*?</svg>"#, with: "", options: .regularExpression)
            for source in SourceCitations.ids {
                let code = html.components(separatedBy: "<code>\(source)</code>").count - 1
                let linked = html.components(separatedBy: "href=\"sources.html#text-\(source)\"><code>\(source)</code></a>").count - 1
                #expect(code == linked, "\(id) (\(language)): \(code - linked) unlinked citations of \(source)")
            }
            #expect(html.range(of: #"(source texts? |原文 ?)00[0-4](?![0-9])"#, options: .regularExpression) == nil, "\(id): a bare citation is not linked")
            let md = MarkdownRenderer.render(page, language: language)
            #expect(md.range(of: #"(?<!\[)`00[0-4]`(?!\])"#, options: .regularExpression) == nil, "\(id): an unlinked citation in Markdown")
            for source in SourceCitations.ids where md.contains("[source-\(source)]") {
                #expect(md.contains("[source-\(source)]: sources.md#"), "\(id): no reference definition for \(source)")
            }
        }
    }

    @Test("citation links: code spans and bare numbers, HTML, Markdown and notebook cells")
    func linking() {
        #expect(SourceCitations.linkHTML("<p>text <code>002</code> and source text 001, not <code>0020</code> or 0045</p>")
                == "<p>text <a class=\"source\" href=\"sources.html#text-002\"><code>002</code></a> and source text <a class=\"source\" href=\"sources.html#text-001\">001</a>, not <code>0020</code> or 0045</p>")
        #expect(SourceCitations.linkHTML("原文 <code>004</code>、原文003") == "原文 <a class=\"source\" href=\"sources.html#text-004\"><code>004</code></a>、原文<a class=\"source\" href=\"sources.html#text-003\">003</a>")
        #expect(SourceCitations.linkMarkdown("原文 `000` 说\n", language: .zh) == "原文 [`000`][source-000] 说\n\n[source-000]: sources.md#000-号原文\n")
        #expect(SourceCitations.linkMarkdown("no citation `005`\n", language: .en) == "no citation `005`\n")
        #expect(SourceCitations.linkNotebookCell("see `003`") == "see [`003`](sources.html#text-003)")
        #expect(SourceCitations.linkHTML("<p><code>001</code></p><svg><title>source text 001</title></svg><p>原文 002</p>")
                == "<p><a class=\"source\" href=\"sources.html#text-001\"><code>001</code></a></p><svg><title>source text 001</title></svg><p>原文 <a class=\"source\" href=\"sources.html#text-002\">002</a></p>")
    }
}
