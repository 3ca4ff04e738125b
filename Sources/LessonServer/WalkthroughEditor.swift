import Foundation
import HTTPTypes
import Hummingbird
import LessonKit
import Notebook
import Walkthrough

/// The live walkthrough editor, `/<lang>/walkthroughs/editor.html`: a picker of the shipped example
/// specs and the spec in a text area, with the page the generator works out from it below.
///
/// A plain GET form, so it works without JavaScript: `?preset=<name>` loads a shipped example,
/// `?spec=<text>` works out the text (`preset` then only names the example it started from). A spec
/// the generator refuses gives 400 and the generator's own located message beside the text area,
/// the text kept as typed. Pages are worked out on the server's pool and kept in its cache.
/// `assets/longhand-editor.js` re-renders as the reader types.
struct WalkthroughEditor: Sendable {
    /// The page's file name inside each language's walkthroughs folder.
    static let file = "editor.html"
    /// Longest spec text accepted per request, in bytes as sent; the command line reads spec files up
    /// to `WalkthroughLimits.fileBytes`.
    static let maxSpecBytes = 16_384
    /// Longest request target for the editor: the longest spec with every byte percent-encoded
    /// (three bytes each), plus the path and the preset's name. Other routes keep the server's limit.
    static let maxTargetLength = 3 * maxSpecBytes + 512
    /// The most work one request may ask for, in the generator's own measure, parameters ×
    /// (2 × parameters + steps) × examples (the gradient check runs the network twice per
    /// parameter, training once per step). The generator accepts up to `WalkthroughLimits.work`
    /// (seconds of computing); this cap keeps one page under about a second in a release build.
    static let maxWork = 40_000_000.0

    /// The shipped examples, by name, read once at start-up.
    let presets: [(name: String, text: String)]
    let cache: PageCache<RenderedFile>
    let pool: RunPool

    init(presets: [(name: String, text: String)], cache: PageCache<RenderedFile>, pool: RunPool) {
        self.presets = presets
        self.cache = cache
        self.pool = pool
    }

    /// What the reader asked for: the text to work out and the example it started from.
    struct Request: Sendable, Equatable {
        var preset: String?
        var text: String
    }

    /// The page's answer: the status and the whole HTML document.
    struct Answer: Sendable {
        let status: HTTPResponse.Status
        let html: String
    }

    /// The editor page for a raw query string, in `language`.
    func answer(query: String, language: Language) async -> Answer {
        let request: Request
        switch read(query) {
        case .failure(let refusal):
            return Answer(status: .badRequest, html: page(refusal.request, language: language, article: nil, message: refusal.message[language]))
        case .success(let given):
            request = given
        }
        switch await article(for: request.text, language: language) {
        case .success(let article):
            return Answer(status: .ok, html: page(request, language: language, article: article, message: nil))
        case .failure(.refused(let message)):
            return Answer(status: .badRequest, html: page(request, language: language, article: nil, message: message[language]))
        case .failure(.busy):
            return Answer(status: .serviceUnavailable, html: page(request, language: language, article: nil, message: Words.busy[language]))
        }
    }

    /// A refused query: the message, and the request as far as it could be read (for the form).
    struct Refusal: Error {
        let message: Localized
        let request: Request
    }

    /// Reads `preset` and `spec` from the query; anything else, a broken escape, a name given twice, an
    /// unknown example or an over-long spec is refused with a message naming what is accepted.
    func read(_ query: String) -> Result<Request, Refusal> {
        let fallback = Request(preset: nil, text: "")
        guard let pairs = QueryString.pairs(query) else {
            return .failure(Refusal(message: Localized("the address has a broken %-escape or bytes that are not UTF-8",
                                                       zh: "地址里有残缺的 % 转义，或者不是 UTF-8 的字节"), request: fallback))
        }
        var given: [String: String] = [:]
        for (name, value) in pairs {
            guard name == "preset" || name == "spec" else {
                let shown = String(name.prefix(40))
                return .failure(Refusal(message: Localized("unknown parameter '\(shown)'; accepted: preset, spec",
                                                           zh: "没有名为“\(shown)”的参数；可用的参数：preset、spec"), request: fallback))
            }
            guard given[name] == nil else {
                return .failure(Refusal(message: Localized("'\(name)' given twice; give it once", zh: "“\(name)”给了两次，请只给一次"),
                                        request: fallback))
            }
            given[name] = value
        }
        let names = presets.map(\.name)
        let preset = given["preset"]
        if let name = preset, !names.contains(name) {
            let shown = String(name.prefix(60))
            return .failure(Refusal(message: Localized("there is no example named '\(shown)'; accepted: \(names.joined(separator: ", "))",
                                                       zh: "没有名为“\(shown)”的示例；可选的示例：\(names.joined(separator: "、"))"),
                                    request: Request(preset: nil, text: given["spec"] ?? "")))
        }
        guard let spec = given["spec"] else {
            // No text: the named example, or the first one.
            guard let chosen = presets.first(where: { $0.name == preset }) ?? presets.first else {
                return .success(fallback)
            }
            return .success(Request(preset: chosen.name, text: chosen.text))
        }
        // A form sends its text area's line breaks as CR LF; the generator reads either.
        let text = spec.replacingOccurrences(of: "\r\n", with: "\n")
        guard spec.utf8.count <= Self.maxSpecBytes else {
            return .failure(Refusal(message: Words.tooLong(spec.utf8.count), request: Request(preset: preset, text: text)))
        }
        return .success(Request(preset: preset, text: text))
    }

    /// Why no article was made.
    enum Failure: Error {
        /// The generator (or the editor's budget) refused the spec, with its message.
        case refused(Localized)
        /// Every core was busy for longer than the pool's deadline.
        case busy
    }

    /// The worked page's article for `text`, from the cache or worked out on the pool.
    func article(for text: String, language: Language) async -> Result<String, Failure> {
        let key = "walkthrough-editor|\(language.rawValue)|\(text)"
        if let hit = cache.value(for: key) { return .success(String(buffer: hit.head)) }
        let result: Result<String, Failure>
        do {
            result = try await pool.run { Self.work(text, language: language) }
        } catch {
            return .failure(.busy)
        }
        if case .success(let article) = result {
            let bytes = ByteBuffer(string: article)
            cache.store(RenderedFile(head: bytes, tail: nil, contentType: ContentType.of(Self.file), policy: ""),
                        size: bytes.readableBytes + key.utf8.count, for: key)
        }
        return result
    }

    /// Parses, checks and works out the spec: the same calls `longhand walkthrough` makes.
    static func work(_ text: String, language: Language) -> Result<String, Failure> {
        let spec: WalkthroughSpec
        do {
            spec = try Walkthrough.spec(fromText: text)
        } catch let error as SpecError {
            return .failure(.refused(Words.specError(error.description)))
        } catch {
            return .failure(.refused(Words.specError("\(error)")))
        }
        let work = Self.work(of: spec)
        guard work <= maxWork else {
            return .failure(.refused(Words.overBudget(work)))
        }
        let html = HTMLRenderer.render(Walkthrough.notebook(spec), language: language, context: Walkthrough.context)
        return .success(article(ofPage: html))
    }

    /// parameters × (2 × parameters + steps + 2) × examples, as the generator measures it.
    static func work(of spec: WalkthroughSpec) -> Double {
        let parameters = Double(WalkthroughNetwork(spec).parameters.count)
        return parameters * (2 * parameters + Double(spec.update.steps) + 2) * Double(spec.examples.count)
    }

    /// The worked page's own content, from its title to its last section: the page without its
    /// navigation, pager and footer (the editor has its own). The figures' links to their SVG files
    /// are dropped, since those files exist only for the shipped examples.
    static func article(ofPage html: String) -> String {
        guard let start = html.range(of: "<h1>"), let end = html.range(of: "<nav class=\"pager\">", range: start.lowerBound..<html.endIndex) else {
            return ""
        }
        return withoutFigureLinks(String(html[start.lowerBound..<end.lowerBound]))
    }

    /// `<a class="figure-view" href="x.svg">` → `<a class="figure-view">`.
    static func withoutFigureLinks(_ html: String) -> String {
        let open = "<a class=\"figure-view\" href=\""
        var out = ""
        var rest = Substring(html)
        while let start = rest.range(of: open), let close = rest[start.upperBound...].firstIndex(of: "\"") {
            out += rest[..<start.lowerBound] + "<a class=\"figure-view\""
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The query that shows `request`, with its `?` (for the other language's link): the example's
    /// name, and the text unless it is that example's.
    func query(_ request: Request) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
        var parts: [String] = []
        if let preset = request.preset { parts.append("preset=" + (preset.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")) }
        if presets.first(where: { $0.name == request.preset })?.text != request.text {
            parts.append("spec=" + (request.text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""))
        }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }

    /// The whole editor page: the forms, the message (if any) and the article (if any).
    func page(_ request: Request, language: Language, article: String?, message: String?) -> String {
        let other: Language = language == .en ? .zh : .en
        var body = "<nav class=\"top\"><a href=\"../../index.html\">\(HTML.escape(Words.index[language]))</a>"
        body += " <a class=\"lang\" href=\"../../\(other.rawValue)/walkthroughs/\(Self.file)\(HTML.escape(query(request)))\" hreflang=\"\(other.htmlTag)\">\(HTML.escape(Words.otherLanguage[language]))</a></nav>\n"
        body += "<h1>\(HTML.escape(Words.title[language]))</h1>\n"
        body += "<p>\(Words.intro[language])</p>\n"
        body += "<link rel=\"stylesheet\" href=\"../../\(EditorAssets.stylePath)\">\n"
        body += "<section class=\"editor\" id=\"editor\" aria-label=\"\(HTML.escape(Words.title[language]))\">\n"
        body += "<form class=\"editor-presets\" method=\"get\" action=\"\(Self.file)\">"
        body += "<label for=\"editor-preset\">\(HTML.escape(Words.preset[language]))</label> <select id=\"editor-preset\" name=\"preset\">"
        for preset in presets {
            body += "<option value=\"\(HTML.escape(preset.name))\"\(preset.name == request.preset ? " selected" : "")>\(HTML.escape(preset.name))</option>"
        }
        body += "</select> <button type=\"submit\">\(HTML.escape(Words.load[language]))</button></form>\n"
        body += "<form class=\"editor-form\" method=\"get\" action=\"\(Self.file)\">\n"
        if let preset = request.preset {
            body += "<input type=\"hidden\" name=\"preset\" value=\"\(HTML.escape(preset))\">\n"
        }
        body += "<label for=\"editor-spec\">\(HTML.escape(Words.spec[language]))</label>\n"
        // The line break after the tag is the one HTML drops, so text that starts with a blank line keeps it.
        body += "<textarea id=\"editor-spec\" name=\"spec\" rows=\"24\" spellcheck=\"false\" autocomplete=\"off\" autocapitalize=\"off\" "
        body += "aria-describedby=\"editor-help editor-error\"\(message == nil ? "" : " aria-invalid=\"true\"")>\n\(HTML.escape(request.text))</textarea>\n"
        body += "<p class=\"editor-help\" id=\"editor-help\">\(Words.help[language])</p>\n"
        body += "<p class=\"editor-error\" id=\"editor-error\" role=\"alert\">\(message.map(HTML.escape) ?? "")</p>\n"
        body += "<div class=\"editor-actions\"><button type=\"submit\">\(HTML.escape(Words.workOut[language]))</button></div>\n"
        body += "</form>\n</section>\n"
        body += "<div class=\"editor-result\" id=\"editor-result\">\n"
        body += article ?? "<p class=\"editor-pending\">\(HTML.escape(Words.pending[language]))</p>\n"
        body += "</div>\n"
        body += "<footer>\(HTML.escape(Words.footer[language]))</footer>\n"
        body += "<script src=\"../../\(EditorAssets.scriptPath)\" defer></script>"
        return PageTemplate.page(title: Words.title[language], language: language, assets: "../../assets", body: body)
    }

    /// The editor's own words in both languages.
    enum Words {
        static let title = Localized("Walkthrough editor", zh: "手算演练编辑器")
        static let summary = Localized("Pick an example or write your own spec: the page follows as you type (on the live server only).",
                                       zh: "挑一个示例或者自己写一份规格：你一边改，页面一边重算（只在本地服务器上可用）。")
        static let index = Localized("All lessons", zh: "全部课程")
        static let otherLanguage = Localized("中文版", zh: "English edition")
        static let intro = Localized(
            "Describe any small network in a spec (YAML or JSON, the format of the examples in <code>Lessons/walkthroughs</code>) and the page below works it out longhand: the forward pass, the loss, every derivative, the update and a check of every gradient. Start from an example, change a number, and the page follows.",
            zh: "用一份规格（YAML 或 JSON，格式和 <code>Lessons/walkthroughs</code> 里的示例一样）描述任意一个小网络，下面的页面就把它一步一步手算出来：前向传播、损失、每一个导数、参数更新，以及对每个梯度的数值检验。先挑一个示例，改一个数，页面就跟着重算。")
        static let preset = Localized("Start from an example:", zh: "从示例开始：")
        static let load = Localized("Load", zh: "载入")
        static let spec = Localized("The spec (YAML or JSON)", zh: "规格（YAML 或 JSON）")
        static let help = Localized(
            "Up to \(maxSpecBytes) bytes here, and at most \(Int64(maxWork)) for parameters × (2 × parameters + steps) × examples; the command line works out files up to 1 MB: <code>swift run longhand walkthrough my-net.yaml</code>.",
            zh: "这里最多接受 \(maxSpecBytes) 字节，参数个数 ×（2 × 参数个数 + 步数）× 样本数最多为 \(Int64(maxWork))；更大的规格（文件最大 1 MB）请在命令行里算：<code>swift run longhand walkthrough my-net.yaml</code>。")
        static let workOut = Localized("Work it out", zh: "按这份规格计算")
        static let pending = Localized("The worked page appears here once the spec is accepted.", zh: "规格没有问题之后，算出的页面就显示在这里。")
        static let footer = Localized("Worked out by the same generator as longhand walkthrough: every number computed by the engine.",
                                      zh: "由与 longhand walkthrough 相同的生成器算出：每个数字都出自引擎。")
        static let busy = Localized("Every core is busy working out other readers' pages; try again in a moment.",
                                    zh: "所有处理器核心都在为其他读者计算，请稍后再试。")

        /// The generator's own message; the Chinese page introduces it, since the generator speaks English.
        static func specError(_ text: String) -> Localized {
            Localized(text, zh: "规格有误（生成器的原话）：\(text)")
        }

        static func tooLong(_ bytes: Int) -> Localized {
            Localized("the spec has \(bytes) bytes; this editor accepts at most \(maxSpecBytes); the command line reads files up to 1 MB: swift run longhand walkthrough my-net.yaml",
                      zh: "这份规格有 \(bytes) 字节，编辑器最多接受 \(maxSpecBytes) 字节；命令行可以读取最大 1 MB 的文件：swift run longhand walkthrough my-net.yaml")
        }

        static func addressTooLong(_ bytes: Int) -> Localized {
            Localized("the address has \(bytes) bytes, more than a spec of at most \(maxSpecBytes) bytes needs (\(maxTargetLength)); the command line reads files up to 1 MB: swift run longhand walkthrough my-net.yaml",
                      zh: "地址长 \(bytes) 字节，超过了最多 \(maxSpecBytes) 字节的规格所需的长度（\(maxTargetLength)）；命令行可以读取最大 1 MB 的文件：swift run longhand walkthrough my-net.yaml")
        }

        static func overBudget(_ work: Double) -> Localized {
            let given = Int64(work.rounded()), cap = Int64(maxWork)
            return Localized("update: parameters × (2 × parameters + steps) × examples is \(given); this server works out at most \(cap) per request (fewer parameters, steps or examples); the command line computes it: swift run longhand walkthrough my-net.yaml",
                             zh: "update：参数个数 ×（2 × 参数个数 + 步数）× 样本数为 \(given)，超出了本服务器每次请求的计算预算（最多 \(cap)）；请减少参数、步数或样本，或者在命令行里算：swift run longhand walkthrough my-net.yaml")
        }
    }
}
