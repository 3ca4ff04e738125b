import Curriculum
import LessonKit
import NIOCore
import Notebook

/// The glossary pages (`/<lang>/glossary.html|md`) as `longhand` writes them: each term's first use is
/// read from every lesson's default page, so the pages are worked out once, on the first request, on the
/// bounded pool, and kept in the page cache like any rendered lesson file.
struct GlossaryPages: Sendable {
    let course: [LessonType]
    let cache: PageCache<RenderedFile>
    let pool: RunPool

    /// The paths this serves.
    static let paths: Set<String> = Set(Language.allCases.flatMap { ["/\($0.rawValue)/glossary.html", "/\($0.rawValue)/glossary.md"] })

    /// The file at `path` (one of `paths`), or nil when every core stayed busy past the pool's deadline
    /// or a lesson's default page failed (neither happens with the shipped lessons).
    func file(_ path: String) async -> RenderedFile? {
        if let hit = cache.value(for: Self.key(path)) { return hit }
        let types = course
        guard let files = try? await pool.run({ Self.render(types.map(\.type)) }) else { return nil }
        for (p, file) in files { cache.store(file, size: file.size + p.utf8.count, for: Self.key(p)) }
        return files[path]
    }

    static func key(_ path: String) -> String { "glossary|\(path)" }

    /// Both languages' glossary pages from every lesson's default page.
    static func render(_ types: [any Lesson.Type]) -> [String: RenderedFile] {
        var pages: [Page] = []
        for type in types {
            guard let page = try? defaultPage(type) else { return [:] }
            pages.append(page)
        }
        var files: [String: RenderedFile] = [:]
        for language in Language.allCases {
            let entries = GlossaryPage.entries(pages, language: language)
            let html = GlossaryPage.render(entries, language: language)
            files["/\(language.rawValue)/glossary.html"] = RenderedFile(head: ByteBuffer(string: html), tail: nil, contentType: ContentType.of("glossary.html"),
                                                                        policy: ContentSecurityPolicy.forPage(html))
            files["/\(language.rawValue)/glossary.md"] = RenderedFile(head: ByteBuffer(string: GlossaryPage.markdown(entries, language: language)), tail: nil,
                                                                      contentType: ContentType.of("glossary.md"), policy: ContentSecurityPolicy.strict)
        }
        return files
    }

    /// A lesson's page at its default options, as `longhand` generates it.
    static func defaultPage<L: Lesson>(_ type: L.Type) throws -> Page {
        switch L.parseOptions([]) {
        case .success(let lesson): return try lesson.notebook()
        case .failure(let error): throw error
        }
    }
}
