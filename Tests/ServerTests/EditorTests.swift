import Curriculum
import Foundation
import LessonKit
@testable import LessonServer
import Notebook
import Testing
import Walkthrough

/// The live walkthrough editor: the shipped examples listed, an example worked out exactly as the
/// committed page, an edited spec worked out anew, refusals located, escaped and kept as typed.
@Suite("Walkthrough editor", .serialized)
struct EditorTests {
    static func start() async throws -> RunningServer {
        try await RunningServer.start(ServerConfiguration(course: [TryLesson.self]))
    }

    /// The editor's worked page: the contents of `#editor-result`.
    static func result(_ html: String) -> String? {
        guard let start = html.range(of: "<div class=\"editor-result\" id=\"editor-result\">\n"),
              let end = html.range(of: "</div>\n<footer>", options: .backwards) else { return nil }
        return String(html[start.upperBound..<end.lowerBound])
    }

    /// What the command line wrote: the page's own content, from its title to the pager, with the
    /// figures' links to their files taken out (the editor has no such files).
    static func committedContent(_ html: String) throws -> String {
        let start = try #require(html.range(of: "<h1>")), end = try #require(html.range(of: "<nav class=\"pager\">"))
        return String(html[start.lowerBound..<end.lowerBound])
            .replacingOccurrences(of: "<a class=\"figure-view\" href=\"[^\"]*\"", with: "<a class=\"figure-view\"", options: .regularExpression)
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"))!
    }

    static let mazur = try! #require(Walkthrough.presets().first { $0.name == "mazur-2-2-2" }).text

    @Test("the editor lists every shipped example, in both languages, and the index links to it")
    func listsPresets() async throws {
        let server = try await Self.start()
        let presets = Walkthrough.presets()
        #expect(presets.count >= 5)
        for language in Language.allCases {
            let page = try await server.request("/\(language.rawValue)/walkthroughs/editor.html")
            #expect(page.status == 200)
            for preset in presets {
                #expect(page.body.contains("<option value=\"\(preset.name)\""), "\(preset.name)")
            }
            // Without a query: the first example, its text in the text area and its page below.
            #expect(page.body.contains("<option value=\"\(presets[0].name)\" selected>"))
            #expect(page.body.contains(">\n\(HTML.escape(presets[0].text))</textarea>"))
            #expect(Self.result(page.body)?.contains("<h1>") == true)
            #expect(page.body.contains("src=\"../../assets/longhand-editor.js\""))
        }
        let zh = try await server.request("/zh/walkthroughs/editor.html")
        #expect(zh.body.contains("<title>手算演练编辑器 · Longhand</title>") && zh.body.contains("从示例开始："))
        let index = try await server.request("/")
        #expect(index.body.contains("<a href=\"en/walkthroughs/editor.html\">Walkthrough editor</a>"))
        #expect(index.body.contains("<a href=\"zh/walkthroughs/editor.html\" lang=\"zh-Hans\">手算演练编辑器</a>"))
        let script = try await server.request("/assets/longhand-editor.js")
        #expect(script.status == 200 && script.body == EditorAssets.script)
        await server.stop()
    }

    @Test("an example renders exactly the committed Output page's content, in both languages")
    func presetMatchesOutput() async throws {
        let server = try await Self.start()
        for preset in Walkthrough.presets() {
            for language in Language.allCases {
                let page = try await server.request("/\(language.rawValue)/walkthroughs/editor.html?preset=\(preset.name)")
                #expect(page.status == 200, "\(preset.name)")
                let committed = try String(contentsOf: PageText.root.appendingPathComponent("Output/\(language.rawValue)/walkthroughs/\(preset.name).html"), encoding: .utf8)
                #expect(Self.result(page.body) == (try Self.committedContent(committed)), "\(preset.name) \(language)")
            }
        }
        await server.stop()
    }

    @Test("an edited spec (w1 from 0.15 to 0.35) renders the changed numbers, as the command line works them out")
    func editedSpec() async throws {
        let server = try await Self.start()
        let edited = Self.mazur.replacingOccurrences(of: "- [0.15, 0.20]", with: "- [0.35, 0.20]")
        #expect(edited != Self.mazur)
        let page = try await server.request("/en/walkthroughs/editor.html?preset=mazur-2-2-2&spec=\(Self.encoded(edited))")
        #expect(page.status == 200)
        let article = try #require(Self.result(page.body))
        // Independently: net_h1 = 0.35·0.05 + 0.20·0.10 + 0.35 = 0.3875 (it was 0.3775), out_h1 = σ(0.3875).
        let outH1 = 1 / (1 + exp(-0.3875))
        #expect(article.contains("\\frac{1}{1 + e^{-0.3875}}"))
        #expect(article.contains(String(format: "%.5f", outH1)))
        #expect(!article.contains("e^{-0.3775}"))
        // The same page the command line writes for that spec.
        let written = try #require(Walkthrough.render(text: edited, languages: [.en]).files.first { $0.0.hasSuffix("/mazur-2-2-2.html") }).1
        #expect(article == (try Self.committedContent(written)))
        // The text area keeps the text, the picker the example it started from, and the other
        // language's link carries both.
        #expect(page.body.contains(">\n\(HTML.escape(edited))</textarea>"))
        #expect(page.body.contains("<option value=\"mazur-2-2-2\" selected>"))
        #expect(page.body.contains("href=\"../../zh/walkthroughs/editor.html?preset=mazur-2-2-2&amp;spec=\(Self.encoded(edited))\""))
        // A form sends CR LF line breaks: the same page.
        let crlf = try await server.request("/en/walkthroughs/editor.html?spec=\(Self.encoded(edited.replacingOccurrences(of: "\n", with: "\r\n")))")
        #expect(Self.result(crlf.body) == article)
        await server.stop()
    }

    @Test("a bad spec: 400, the generator's located message beside the text area, the text as typed, everything escaped")
    func badSpec() async throws {
        let server = try await Self.start()
        // One row of w3, w4 removed, and markup in a comment that must come back as text.
        let bad = Self.mazur.replacingOccurrences(of: "      - [0.25, 0.30]    # into h2: w3, w4\n", with: "")
            + "# </textarea><script>alert(1)</script>\n"
        let expected: String
        do {
            _ = try Walkthrough.spec(fromText: bad)
            Issue.record("the bad spec was accepted")
            return
        } catch let error as SpecError {
            expected = error.description
        }
        #expect(expected.hasPrefix("line ") && expected.contains("layers[0].weights"))
        for language in Language.allCases {
            let page = try await server.request("/\(language.rawValue)/walkthroughs/editor.html?spec=\(Self.encoded(bad))")
            #expect(page.status == 400)
            let shown = language == .en ? expected : "规格有误（生成器的原话）：" + expected
            #expect(page.body.contains("<p class=\"editor-error\" id=\"editor-error\" role=\"alert\">\(HTML.escape(shown))</p>"))
            #expect(page.body.contains("aria-invalid=\"true\">\n\(HTML.escape(bad))</textarea>"))
            #expect(!page.body.contains("<script>alert(1)"))
            #expect(page.body.contains("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(Self.result(page.body)?.contains("<h1>") == false)
        }
        // Refused queries: unknown parameter, unknown example (escaped), a name twice, a broken escape.
        let unknown = try await server.request("/en/walkthroughs/editor.html?colour=red")
        #expect(unknown.status == 400 && unknown.body.contains("unknown parameter &#39;colour&#39;; accepted: preset, spec"))
        let noPreset = try await server.request("/en/walkthroughs/editor.html?preset=%3Cb%3Ex")
        #expect(noPreset.status == 400 && noPreset.body.contains("there is no example named &#39;&lt;b&gt;x&#39;; accepted: "))
        #expect(!noPreset.body.contains("<b>x"))
        #expect(try await server.request("/en/walkthroughs/editor.html?spec=a&spec=b").status == 400)
        #expect(try await server.request("/en/walkthroughs/editor.html?spec=%zz").status == 400)
        await server.stop()
    }

    @Test("an oversize spec or one over the work budget is refused with a clear message")
    func limits() async throws {
        let server = try await Self.start()
        // Over the editor's size (but within its address limit): 400 with the text kept.
        let long = Self.mazur + "# " + String(repeating: "a", count: WalkthroughEditor.maxSpecBytes) + "\n"
        let page = try await server.request("/en/walkthroughs/editor.html?spec=\(Self.encoded(long))")
        #expect(page.status == 400)
        #expect(page.body.contains("the spec has \(long.utf8.count) bytes; this editor accepts at most \(WalkthroughEditor.maxSpecBytes)"))
        #expect(page.body.contains("swift run longhand walkthrough my-net.yaml"))
        // Past the editor's address limit: 414 with the same sentence.
        let huge = String(repeating: "%C3%A9", count: WalkthroughEditor.maxTargetLength / 6 + 10)
        let tooLong = try await server.request("/en/walkthroughs/editor.html?spec=\(huge)")
        #expect(tooLong.status == 414 && tooLong.body.contains("more than a spec of at most \(WalkthroughEditor.maxSpecBytes) bytes needs"))
        // Other routes keep the short limit.
        #expect(try await server.request("/en/try-lesson.html?" + String(repeating: "a", count: 5000)).status == 414)

        // Over the work budget (within the generator's own limit): the message names the cap.
        let units = Int((WalkthroughEditor.maxWork / 200).squareRoot()) + 20
        let costly = """
        name: wide
        input: 8
        layers:
          - {type: dense, units: \(units), activation: relu, init: he}
          - {type: dense, units: 1, activation: identity, init: he}
        examples:
          - {input: [1, 0, 0, 0, 0, 0, 0, 1], target: [0.5]}
        loss: {type: squared-error, scaling: half-sum}
        update: {learning_rate: 0.01, optimizer: sgd, steps: 0}
        """
        let spec = try Walkthrough.spec(fromText: costly)
        let work = WalkthroughEditor.work(of: spec)
        let parameters = Double(units * 8 + units + units + 1)
        #expect(work == parameters * (2 * parameters + 2))
        #expect(work > WalkthroughEditor.maxWork)
        let refused = try await server.request("/en/walkthroughs/editor.html?spec=\(Self.encoded(costly))")
        #expect(refused.status == 400)
        #expect(refused.body.contains("is \(Int64(work)); this server works out at most \(Int64(WalkthroughEditor.maxWork)) per request"))
        await server.stop()
    }

    @Test("the editor page's policy admits exactly its own inline blocks; HEAD answers without a body")
    func policyAndHead() async throws {
        let server = try await Self.start()
        let get = try await server.request("/en/walkthroughs/editor.html?preset=mazur-2-2-2")
        let policy = try #require(get.headers["content-security-policy"])
        #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"))
        for block in ContentSecurityPolicy.inlineBlocks(get.body, tag: "script") + ContentSecurityPolicy.inlineBlocks(get.body, tag: "style") {
            #expect(policy.contains("'sha256-\(SHA256.base64(block))'"))
        }
        let head = try await server.request("/en/walkthroughs/editor.html?preset=mazur-2-2-2", method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty && head.headers["content-length"] == String(get.body.utf8.count))
        await server.stop()
    }
}
