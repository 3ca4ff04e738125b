import Curriculum
import Foundation
import LessonKit
import Hummingbird
import Notebook

/// A lesson file rendered in memory, ready to send: the bytes before and after the panel (pages)
/// or the whole file (everything else), its type and its Content-Security-Policy.
struct RenderedFile: Sendable {
    let head: ByteBuffer
    /// The bytes after the panel, for HTML pages; nil for files without one.
    let tail: ByteBuffer?
    let contentType: String
    let policy: String

    var size: Int { head.readableBytes + (tail?.readableBytes ?? 0) }
}

/// A lesson type that can cross threads: the type itself carries no state.
struct LessonType: @unchecked Sendable {
    let type: any Lesson.Type
}

/// Renders lesson files per request with the same runner the CLI uses: the lesson parses the
/// options with its own parser, the engine computes the page, `LessonRunner.files` renders it.
/// Runs go through the bounded pool and results into the bounded cache.
final class LessonPages: Sendable {
    /// Where the panel goes in a rendered page; replaced per request by the reader's panel.
    static let panelMarker = "<!-- longhand: the panel goes here -->"

    let course: [LessonType]
    let budget: RequestBudget
    let cache: PageCache<RenderedFile>
    let pool: RunPool
    /// Argument lists the lesson's parser has accepted.
    let accepted = AcceptedArguments()

    init(course: [any Lesson.Type], budget: RequestBudget, cache: PageCache<RenderedFile>, pool: RunPool) {
        self.course = course.map(LessonType.init)
        self.budget = budget
        self.cache = cache
        self.pool = pool
    }

    /// The lesson with this id.
    func lesson(_ id: String) -> (any Lesson.Type)? {
        course.first { $0.type.id == id }?.type
    }

    /// The course's lesson types, for page contexts.
    var courseTypes: [any Lesson.Type] { course.map(\.type) }

    /// What a lesson request comes to.
    enum Outcome: Sendable {
        /// The file, with the values to show in its panel.
        case file(RenderedFile, OptionValues)
        /// The values were refused: the message, the values as typed, and the page to show them on
        /// (the lesson at its source's numbers), if it could be rendered.
        case refused(OptionError, OptionValues, RenderedFile?)
        /// The pool's line was too long.
        case busy
        /// The lesson failed while computing.
        case failed(Localized)
        /// No such file.
        case notFound
    }

    /// Checks the query against the lesson's options and budget, then renders (or finds in the cache) `file`.
    func outcome(lesson type: any Lesson.Type, file: String, language: Language?, query: String) async -> Outcome {
        let descriptions = type.optionDescriptions
        let values: OptionValues
        switch QueryString.values(query, descriptions: descriptions) {
        case .failure(let error):
            return await refusal(error, values: OptionValues(QueryString.lenientValues(query, descriptions: descriptions)), type: type, file: file, language: language)
        case .success(let given):
            values = given
        }
        // Parsing with the lesson's own parser was half the time of a cached page: arguments that
        // parsed once are remembered (the parse depends on them alone).
        let arguments = type.id + "\u{1}" + values.arguments(descriptions: descriptions).joined(separator: "\u{0}")
        if !accepted.contains(arguments) {
            if case .failure(let error) = Self.validate(type, values: values) {
                return await refusal(error, values: values, type: type, file: file, language: language)
            }
            accepted.insert(arguments)
        }
        if let error = budget.check(lesson: type.id, values: values) {
            return await refusal(error, values: values, type: type, file: file, language: language)
        }
        return await rendered(type: type, values: values, file: file, language: language)
    }

    private func refusal(_ error: OptionError, values: OptionValues, type: any Lesson.Type, file: String, language: Language?) async -> Outcome {
        guard language != nil else { return .refused(error, values, nil) }
        switch await rendered(type: type, values: OptionValues(), file: file, language: language) {
        case .file(let page, _): return .refused(error, values, page)
        default: return .refused(error, values, nil)
        }
    }

    /// Parses the values exactly as the lesson's command line does.
    static func validate<L: Lesson>(_ type: L.Type, values: OptionValues) -> Result<Void, OptionError> {
        L.parseOptions(values.arguments(descriptions: L.optionDescriptions)).map { _ in () }
    }

    private func rendered(type: any Lesson.Type, values: OptionValues, file: String, language: Language?) async -> Outcome {
        let key = "\(type.id)|\(language?.rawValue ?? "api")|\(file)|\(values.normalisedKey(descriptions: type.optionDescriptions))"
        if let hit = cache.value(for: key) { return .file(hit, values) }
        let entry = LessonType(type: type)
        let courseTypes = course
        let result: Result<RenderedFile?, RenderError>
        do {
            result = try await pool.run {
                LessonPages.render(entry.type, values: values, file: file, language: language, course: courseTypes.map(\.type))
            }
        } catch {
            return .busy
        }
        switch result {
        case .success(let rendered?):
            cache.store(rendered, size: rendered.size + key.utf8.count, for: key)
            return .file(rendered, values)
        case .success(nil):
            return .notFound
        case .failure(let error):
            return .failed(error.message)
        }
    }

    /// Why a run produced no file.
    struct RenderError: Error, Sendable {
        /// In both languages, so a Chinese page's panel shows the Chinese message.
        let message: Localized
    }

    /// Runs the lesson and renders one file: `<lang>/<name>` for pages, figures, Markdown and
    /// notebooks, or the `--json` object when `language` is nil.
    static func render<L: Lesson>(_ type: L.Type, values: OptionValues, file: String, language: Language?, course: [any Lesson.Type]) -> Result<RenderedFile?, RenderError> {
        let lesson: L
        switch L.parseOptions(values.arguments(descriptions: L.optionDescriptions)) {
        case .success(let parsed): lesson = parsed
        case .failure(let error): return .failure(RenderError(message: error.message))
        }
        let page: Page
        do {
            page = try lesson.notebook()
        } catch {
            let message = (error as? OptionError)?.message ?? Localized(same: "\(error)")
            return .failure(RenderError(message: Localized("\(L.id): ", zh: "\(L.id)：") + message))
        }
        guard let language else {
            // Exactly what `--json` prints, newline included.
            let json = LessonRunner.json(lesson, page: page)
            return .success(RenderedFile(head: ByteBuffer(string: json), tail: nil, contentType: "application/json; charset=utf-8",
                                         policy: ContentSecurityPolicy.strict))
        }
        var context = LessonRunner.context(of: L.id, in: course)
        let hasPanel = !L.optionDescriptions.isEmpty
        if hasPanel { context.panel = Localized(same: panelMarker) }
        let path = "\(language.rawValue)/\(file)"
        let contents: String
        if file == "\(L.id).html" {
            // The page alone, by the same call LessonRunner.files makes for it: rendering the
            // Markdown, notebook and figure files too would triple the work of every request.
            contents = HTMLRenderer.render(page, language: language, context: context)
        } else if let other = LessonRunner.files(for: page, language: language, context: context).first(where: { $0.0 == path })?.1 {
            contents = other
        } else {
            return .success(nil)
        }
        let type = ContentType.of(file)
        if file.hasSuffix(".html") {
            let policy = ContentSecurityPolicy.forPage(contents)
            if hasPanel, let marker = contents.range(of: panelMarker) {
                return .success(RenderedFile(head: ByteBuffer(string: String(contents[..<marker.lowerBound])),
                                             tail: ByteBuffer(string: String(contents[marker.upperBound...])),
                                             contentType: type, policy: policy))
            }
            return .success(RenderedFile(head: ByteBuffer(string: contents), tail: ByteBuffer(), contentType: type, policy: policy))
        }
        return .success(RenderedFile(head: ByteBuffer(string: contents), tail: nil, contentType: type, policy: ContentSecurityPolicy.strict))
    }
}

extension QueryString {
    /// The described options of a query that was refused as a whole, for showing the form as typed.
    static func lenientValues(_ query: String, descriptions: [OptionDescription]) -> [String: String] {
        var given: [String: String] = [:]
        for (name, value) in pairs(query) ?? [] where descriptions.contains(where: { $0.name == name }) && given[name] == nil {
            given[name] = String(value.prefix(maxValueLength))
        }
        return given
    }
}

/// The media type of a file the server sends, by its extension.
enum ContentType {
    static func of(_ name: String) -> String {
        switch name.split(separator: ".").last.map(String.init) ?? "" {
        case "html": return "text/html; charset=utf-8"
        case "md": return "text/markdown; charset=utf-8"
        case "ipynb", "json": return "application/json; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "js": return "text/javascript; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "ttf": return "font/ttf"
        default: return "application/octet-stream"
        }
    }
}

/// Argument lists a lesson's parser accepted, remembered so a repeated request skips the parse.
/// Bounded: when full it starts again empty (a forgotten list is only parsed again).
final class AcceptedArguments: @unchecked Sendable {
    private let lock = NSLock()
    private var lists = Set<String>()
    static let capacity = 4096

    func contains(_ list: String) -> Bool { lock.withLock { lists.contains(list) } }

    func insert(_ list: String) {
        lock.withLock {
            if lists.count >= Self.capacity { lists.removeAll(keepingCapacity: true) }
            lists.insert(list)
        }
    }
}
