import Curriculum
import Foundation
import HTTPTypes
import Hummingbird
import LessonKit
import Notebook
import Walkthrough

/// The live Longhand site: the index, every lesson file of both editions rendered per request by
/// the same runner as the CLI (with the reader's options from the URL), `/api/<id>.json` (what
/// `--json` prints), and the assets.
///
/// GET and HEAD only; paths are matched exactly against the routes and the in-memory assets, never
/// mapped onto the file system; every page carries a Content-Security-Policy that admits only its
/// own scripts, styles and fonts.
public struct LessonServer: Sendable {
    let configuration: ServerConfiguration
    let pages: LessonPages
    let assets: StaticAssets
    let index: (html: ByteBuffer, markdown: ByteBuffer, policy: String)
    /// Pages that take no options, made once at start-up: the Sources page and the shipped
    /// walkthroughs (every file of both editions), by relative path.
    let fixedPages: [String: (bytes: ByteBuffer, policy: String)]
    /// The walkthrough editor, `/<lang>/walkthroughs/editor.html`.
    let editor: WalkthroughEditor
    let glossary: GlossaryPages

    /// A server for `configuration`; reads KaTeX into memory.
    public init(configuration: ServerConfiguration) {
        self.configuration = configuration
        let cache = PageCache<RenderedFile>(capacity: configuration.cacheEntries, maxBytes: configuration.cacheBytes)
        let pool = RunPool(limit: configuration.concurrentRuns, deadline: configuration.queueDeadline)
        pages = LessonPages(course: configuration.course, budget: configuration.budget, cache: cache, pool: pool)
        assets = StaticAssets(katexFolder: configuration.katexFolder)
        editor = WalkthroughEditor(presets: Walkthrough.presets(), cache: cache, pool: pool)
        glossary = GlossaryPages(course: configuration.course.map { LessonType(type: $0) }, cache: cache, pool: pool)
        // The same extra pages `longhand` writes, so the index served equals the committed one and its links resolve.
        let walkthroughs = (try? WalkthroughCommand.shippedFiles(lang: .all)) ?? (files: [], entries: [])
        var fixed: [String: (bytes: ByteBuffer, policy: String)] = [:]
        for (path, contents) in walkthroughs.files + SourcesPage.files(languages: Language.allCases) {
            fixed["/" + path] = (ByteBuffer(string: contents),
                                 path.hasSuffix(".html") ? ContentSecurityPolicy.forPage(contents) : ContentSecurityPolicy.strict)
        }
        let entries = configuration.course.map { IndexPage.Entry(id: $0.id, title: $0.title, summary: $0.summary, part: $0.part.title) }
            + walkthroughs.entries
            + [IndexPage.Entry(id: "\(Walkthrough.folder)/editor", title: WalkthroughEditor.Words.title, summary: WalkthroughEditor.Words.summary,
                               part: Walkthrough.part, hasAlternates: false)]
        // Each language's own index, where the lesson pages' "All lessons" link points.
        for language in Language.allCases {
            let html = IndexPage.render(entries, language: language)
            fixed["/\(language.rawValue)/index.html"] = (ByteBuffer(string: html), ContentSecurityPolicy.forPage(html))
            fixed["/\(language.rawValue)/index.md"] = (ByteBuffer(string: IndexPage.markdown(entries, language: language)), ContentSecurityPolicy.strict)
        }
        fixedPages = fixed
        let html = IndexPage.render(entries)
        index = (ByteBuffer(string: html), ByteBuffer(string: IndexPage.markdown(entries)), ContentSecurityPolicy.forPage(html))
    }

    /// Listens until SIGINT or SIGTERM (then finishes the requests in flight), or until the task is
    /// cancelled when `handleSignals` is false (tests). `onRunning` gets the port actually bound.
    public func run(handleSignals: Bool = true, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let server = self
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            await server.respond(method: request.method, target: request.head.path ?? "/")
        }
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) })
        if handleSignals {
            try await app.runService()
        } else {
            try await app.run()
        }
    }

    /// The response to one request, from its method and raw request target (path and query).
    public func respond(method: HTTPRequest.Method, target: String) async -> Response {
        guard method == .get || method == .head else {
            var response = message(.methodNotAllowed, Localized(same: "Only GET and HEAD are served here."))
            response.headers[.allow] = "GET, HEAD"
            return finish(response, method: method)
        }
        // The editor carries a whole spec in its address; every other route keeps the short limit.
        let isEditor = LessonServer.editorPaths.contains { target.hasPrefix($0 + "?") || target == $0 }
        let limit = isEditor ? max(WalkthroughEditor.maxTargetLength, configuration.maxTargetLength) : configuration.maxTargetLength
        guard target.utf8.count <= limit else {
            let text = isEditor ? WalkthroughEditor.Words.addressTooLong(target.utf8.count)
                : Localized(same: "The address is longer than \(configuration.maxTargetLength) characters.")
            return finish(message(.uriTooLong, text), method: method)
        }
        let path: Substring, query: Substring
        if let mark = target.firstIndex(of: "?") {
            path = target[..<mark]
            query = target[target.index(after: mark)...]
        } else {
            path = target[...]
            query = ""
        }
        return finish(await route(path: path, query: String(query)), method: method)
    }

    /// The editor's page in each language.
    static let editorPaths = Language.allCases.map { "/\($0.rawValue)/\(Walkthrough.folder)/\(WalkthroughEditor.file)" }

    /// Only plain names are ever served: no escapes, no empty, `.` or `..` segments, no backslashes.
    static func isPlain(_ path: Substring) -> Bool {
        guard path.hasPrefix("/") else { return false }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./")
        guard path.allSatisfy({ allowed.contains($0) }) else { return false }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        return !segments.dropLast().contains { $0.isEmpty || $0 == "." || $0 == ".." } && segments.last.map { $0 != "." && $0 != ".." } ?? true
    }

    private func route(path: Substring, query: String) async -> Response {
        guard LessonServer.isPlain(path) else { return notFound() }
        switch path {
        case "/", "/index.html":
            return send(index.html, type: ContentType.of("index.html"), policy: index.policy, cache: "no-cache")
        case "/favicon.ico":
            // Browsers ask for it on every site; there is none, and "no content" keeps their consoles clean.
            return Response(status: .noContent, headers: [.xContentTypeOptions: "nosniff"])
        case "/index.md":
            return send(index.markdown, type: ContentType.of("index.md"), policy: ContentSecurityPolicy.strict, cache: "no-cache")
        default:
            break
        }
        if let index = LessonServer.editorPaths.firstIndex(of: String(path)) {
            let answer = await editor.answer(query: query, language: Language.allCases[index])
            var response = send(ByteBuffer(string: answer.html), type: ContentType.of(WalkthroughEditor.file),
                                policy: ContentSecurityPolicy.forPage(answer.html), cache: "no-cache", status: answer.status)
            if answer.status == .serviceUnavailable { response.headers[.retryAfter] = "2" }
            return response
        }
        if GlossaryPages.paths.contains(String(path)) {
            guard let file = await glossary.file(String(path)) else {
                let language: Language = path.hasPrefix("/zh/") ? .zh : .en
                var response = message(.serviceUnavailable, Localized("Every core is busy working out other readers' pages; try again in a moment.",
                                                                      zh: "所有处理器核心都在为其他读者计算页面，请稍后再试。"), language: language)
                response.headers[.retryAfter] = "2"
                return response
            }
            return send(file.head, type: file.contentType, policy: file.policy, cache: "no-cache")
        }
        if let page = fixedPages[String(path)] {
            return send(page.bytes, type: ContentType.of(String(path)), policy: page.policy, cache: "no-cache")
        }
        if let asset = assets.files[String(path)] {
            return send(asset.bytes, type: asset.contentType, policy: ContentSecurityPolicy.strict, cache: "public, max-age=3600")
        }
        let segments = path.dropFirst().split(separator: "/")
        guard segments.count == 2 else { return notFound() }
        let folder = segments[0], name = String(segments[1])
        if folder == "api" {
            guard name.hasSuffix(".json"), let type = pages.lesson(String(name.dropLast(5))) else { return notFound() }
            return await lessonResponse(type: type, file: name, language: nil, query: query)
        }
        guard let language = Language(rawValue: String(folder)), let type = lesson(forFile: name) else { return notFound() }
        return await lessonResponse(type: type, file: name, language: language, query: query)
    }

    /// The lesson a file belongs to: `<id>.html`, `.md`, `.ipynb`, or a figure `<id>-<slug>.svg`.
    private func lesson(forFile name: String) -> (any Lesson.Type)? {
        for ext in [".html", ".md", ".ipynb"] where name.hasSuffix(ext) {
            return pages.lesson(String(name.dropLast(ext.count)))
        }
        guard name.hasSuffix(".svg") else { return nil }
        return pages.courseTypes.filter { name.hasPrefix($0.id + "-") }.max { $0.id.count < $1.id.count }
    }

    private func lessonResponse(type: any Lesson.Type, file: String, language: Language?, query: String) async -> Response {
        switch await pages.outcome(lesson: type, file: file, language: language, query: query) {
        case .file(let rendered, let values):
            return send(rendered, lesson: type, language: language, values: values, error: nil, status: .ok)
        case .refused(let error, let values, let page):
            guard let language else {
                let body = JSONValue.object([
                    ("lesson", .string(type.id)),
                    ("option", error.option.map { .string($0) } ?? .null),
                    ("error", .string(error.message.en)),
                ]).serialized() + "\n"
                return send(ByteBuffer(string: body), type: ContentType.of("x.json"), policy: ContentSecurityPolicy.strict, cache: "no-store", status: .badRequest)
            }
            guard let page, page.tail != nil else {
                return message(.badRequest, error.message, language: language)
            }
            return send(page, lesson: type, language: language, values: values, error: error, status: .badRequest)
        case .busy:
            var response = message(.serviceUnavailable, Localized("Every core is busy working out other readers' pages; try again in a moment.",
                                                                  zh: "所有处理器核心都在为其他读者计算页面，请稍后再试。"), language: language)
            response.headers[.retryAfter] = "2"
            return response
        case .failed(let reason):
            return message(.internalServerError, Localized("The lesson could not be worked out: ", zh: "这一课没能算出：") + reason, language: language)
        case .notFound:
            return notFound()
        }
    }

    /// A rendered file, with the reader's panel put in place for pages.
    private func send(_ rendered: RenderedFile, lesson type: any Lesson.Type, language: Language?, values: OptionValues, error: OptionError?, status: HTTPResponse.Status) -> Response {
        guard let tail = rendered.tail, let language else {
            return send(rendered.head, type: rendered.contentType, policy: rendered.policy, cache: "no-cache", status: status)
        }
        let panel = OptionsPanel(lesson: type.id, descriptions: type.optionDescriptions, values: values, mode: .live, error: error).html(language)
        var body = ByteBufferAllocator().buffer(capacity: rendered.head.readableBytes + panel.utf8.count + tail.readableBytes)
        body.writeImmutableBuffer(rendered.head)
        if !type.optionDescriptions.isEmpty { body.writeString(panel) }
        body.writeImmutableBuffer(tail)
        return send(body, type: rendered.contentType, policy: rendered.policy, cache: "no-cache", status: status)
    }

    private func send(_ body: ByteBuffer, type: String, policy: String, cache: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentSecurityPolicy] = policy
        headers[.xContentTypeOptions] = "nosniff"
        headers[LessonServer.referrerPolicy] = "no-referrer"
        headers[.cacheControl] = cache
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    /// A short HTML page with one escaped sentence, for errors, in the language of the page asked for
    /// (English when the request names none): the live panel shows this sentence on the reader's page.
    private func message(_ status: HTTPResponse.Status, _ text: Localized, language: Language? = nil) -> Response {
        let language = language ?? .en
        let index = Localized("All lessons", zh: "全部课程")[language]
        let html = "<!DOCTYPE html>\n<html lang=\"\(language.htmlTag)\"><head><meta charset=\"utf-8\"><title>\(status.code) · Longhand</title></head>"
            + "<body><h1>\(status.code) \(HTML.escape(status.reasonPhrase))</h1><p>\(HTML.escape(text[language]))</p><p><a href=\"/\">\(HTML.escape(index))</a></p></body></html>\n"
        return send(ByteBuffer(string: html), type: ContentType.of("x.html"), policy: ContentSecurityPolicy.strict, cache: "no-store", status: status)
    }

    private func notFound() -> Response {
        message(.notFound, Localized("There is no such page here.", zh: "这里没有这个页面。"))
    }

    /// HEAD: the same status and headers (length included), no body.
    private func finish(_ response: Response, method: HTTPRequest.Method) -> Response {
        guard method == .head else { return response }
        var headers = response.headers
        headers[.contentLength] = String(response.body.contentLength ?? 0)
        return Response(status: response.status, headers: headers, body: ResponseBody())
    }
}
