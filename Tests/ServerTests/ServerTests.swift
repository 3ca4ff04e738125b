import Curriculum
import Foundation
import LessonKit
import LonghandEngine
@testable import LessonServer
import Notebook
import Testing
import Walkthrough

/// The live server on an ephemeral port: pages equal the CLI's, refusals carry the CLI's message,
/// nothing outside the routes is reachable, and concurrent readers get their own numbers.
@Suite("Live server", .serialized)
struct ServerTests {
    static let testCourse: [any Lesson.Type] = [TryLesson.self]

    static func testConfiguration(budget: RequestBudget = RequestBudget(caps: ["try-lesson": ["steps": 300]])) -> ServerConfiguration {
        var configuration = ServerConfiguration(course: testCourse)
        configuration.budget = budget
        return configuration
    }

    @Test("every lesson's default page in both languages equals the committed Output page, but for the panel's live parts")
    func defaultPagesMatchOutput() async throws {
        let server = try await RunningServer.start(ServerConfiguration(course: Course.lessons))
        defer { Task { await server.stop() } }
        for type in Course.lessons {
            for language in Language.allCases {
                let response = try await server.request("/\(language.rawValue)/\(type.id).html")
                #expect(response.status == 200, "\(type.id) \(language)")
                let committed = try String(contentsOf: PageText.root.appendingPathComponent("Output/\(language.rawValue)/\(type.id).html"), encoding: .utf8)
                #expect(PageText.withoutPanel(response.body) == PageText.withoutPanel(committed), "\(type.id) \(language)")
                #expect((PageText.panel(response.body) != nil) == !type.optionDescriptions.isEmpty, "\(type.id) \(language)")
            }
        }
        let index = try await server.request("/")
        #expect(index.status == 200)
        // The served index is the committed one plus the live-only walkthrough editor's line.
        let editorLine = "<li>\(Course.lessons.count + Walkthrough.presets().count + 1). <a href=\"en/walkthroughs/editor.html\">"
        #expect(index.body.components(separatedBy: "\n").filter { $0.hasPrefix(editorLine) }.count == 1)
        let withoutEditor = index.body.components(separatedBy: "\n").filter { !$0.hasPrefix(editorLine) }.joined(separator: "\n")
        #expect(withoutEditor == (try String(contentsOf: PageText.root.appendingPathComponent("Output/index.html"), encoding: .utf8)))
        // The glossary, worked out from every lesson's default page on first request, is the committed one.
        for language in Language.allCases {
            for ext in ["html", "md"] {
                let glossary = try await server.request("/\(language.rawValue)/glossary.\(ext)")
                #expect(glossary.status == 200, "glossary \(language) \(ext)")
                let committed = try String(contentsOf: PageText.root.appendingPathComponent("Output/\(language.rawValue)/glossary.\(ext)"), encoding: .utf8)
                #expect(glossary.body == committed, "glossary \(language) \(ext)")
            }
        }
        await server.stop()
    }

    @Test("a page with changed options equals what the command line writes for the same options")
    func changedOptionsMatchCLI() async throws {
        let server = try await RunningServer.start(Self.testConfiguration())
        let cases: [[String]] = [["--weights", "1,2,3"], ["--bias=-7.5", "--mode", "max"], ["--verbose", "--weights", "-4"]]
        for arguments in cases {
            let values = OptionValues.fromArguments(arguments, descriptions: TryLesson.optionDescriptions)
            let query = values.changed(descriptions: TryLesson.optionDescriptions)
                .map { "\($0.name)=\($0.text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: ".-")))!)" }.joined(separator: "&")
            for language in Language.allCases {
                let served = try await server.request("/\(language.rawValue)/try-lesson.html?\(query)")
                #expect(served.status == 200)
                let written = try CommandLinePage.html(TryLesson.self, arguments: arguments, language: language, course: Self.testCourse)
                #expect(PageText.withoutPanel(served.body) == PageText.withoutPanel(written), "\(arguments) \(language)")
                // The static page's panel shows the same values and the command line that wrote it.
                let command = OptionValues.commandLine(lesson: "try-lesson", changed: values.changed(descriptions: TryLesson.optionDescriptions), descriptions: TryLesson.optionDescriptions)
                #expect(written.contains(HTML.escape(command)))
            }
        }
        // The JSON API returns exactly what --json prints.
        let lesson = try TryLesson.parse(["--weights", "1,2,3"])
        let json = try await server.request("/api/try-lesson.json?weights=1,2,3")
        #expect(json.status == 200)
        #expect(json.body == LessonRunner.json(lesson, page: try lesson.notebook()))
        #expect(json.headers["content-type"]?.hasPrefix("application/json") == true)
        await server.stop()
    }

    @Test("real lessons with option descriptions: random valid options render as the command line writes them")
    func realLessonsRandomOptions() async throws {
        var configuration = ServerConfiguration(course: Course.lessons)
        configuration.budget = .unlimited
        let server = try await RunningServer.start(configuration)
        var random = SeededRandom(seed: 17)
        for type in Course.lessons where !type.optionDescriptions.isEmpty && type.id != "digits" {
            try await Self.compareRandom(type, server: server, random: &random)
        }
        await server.stop()
    }

    static func compareRandom<L: Lesson>(_ type: L.Type, server: RunningServer, random: inout SeededRandom) async throws {
        let arguments = L.randomArguments(&random)
        let values = OptionValues.fromArguments(arguments, descriptions: L.optionDescriptions)
        let query = values.given.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.encoded($0.value))" }.joined(separator: "&")
        let served = try await server.request("/en/\(L.id).html?\(query)")
        #expect(served.status == 200, "\(L.id) \(arguments)")
        let written = try CommandLinePage.html(L.self, arguments: arguments, language: .en, course: Course.lessons)
        #expect(PageText.withoutPanel(served.body) == PageText.withoutPanel(written), "\(L.id) \(arguments)")
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: ".-_")))!
    }

    @Test("a refused value: 400, the CLI's message next to its field in the page's language, the form as typed")
    func refusedValues() async throws {
        let server = try await RunningServer.start(Self.testConfiguration())
        let cliMessage: String
        switch TryLesson.parseOptions(["--bias=abc"]) {
        case .failure(let error): cliMessage = error.message.en
        case .success: Issue.record("abc accepted"); return
        }
        #expect(cliMessage.hasPrefix("--bias"))
        let response = try await server.request("/en/try-lesson.html?bias=abc&weights=3")
        #expect(response.status == 400)
        let panel = try #require(PageText.panel(response.body))
        #expect(panel.contains("<p class=\"try-error\" id=\"try-bias-error\" role=\"alert\">\(HTML.escape(cliMessage))</p>"))
        #expect(panel.contains("name=\"bias\" aria-describedby=\"try-bias-help try-bias-error\" aria-invalid=\"true\" value=\"abc\""))
        #expect(panel.contains("name=\"weights\" aria-describedby=\"try-weights-help\" value=\"3\""))
        // The lesson itself is shown at the source's numbers.
        #expect(PageText.withoutPanel(response.body) == PageText.withoutPanel(try await server.request("/en/try-lesson.html").body))

        // The Chinese page shows the message in Chinese where the lesson gives one (here: the server's own).
        let unknown = try await server.request("/zh/try-lesson.html?colour=red")
        #expect(unknown.status == 400)
        #expect(unknown.body.contains("没有名为“colour”的选项"))

        // Every reflected value is escaped.
        let attack = try await server.request("/en/try-lesson.html?bias=%22%3E%3Cscript%3Ealert(1)%3C/script%3E")
        #expect(attack.status == 400)
        #expect(!attack.body.contains("<script>alert(1)"))
        #expect(attack.body.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))

        // Over the budget: a clear message naming the cap and the command that computes it.
        let costly = try await server.request("/en/try-lesson.html?steps=500")
        #expect(costly.status == 400)
        #expect(costly.body.contains("at most 300"))
        #expect(costly.body.contains("swift run try-lesson --steps 500"))

        // The API answers refusals in JSON.
        let api = try await server.request("/api/try-lesson.json?bias=abc")
        #expect(api.status == 400)
        #expect(api.body.contains("\"option\":\"bias\"") || api.body.contains("\"option\": \"bias\""))

        // Broken escapes, duplicates and over-long values are refused too.
        #expect(try await server.request("/en/try-lesson.html?bias=%zz").status == 400)
        #expect(try await server.request("/en/try-lesson.html?bias=1&bias=2").status == 400)
        #expect(try await server.request("/en/try-lesson.html?bias=" + String(repeating: "1", count: 1500)).status == 400)
        await server.stop()
    }

    @Test("real lessons: a refused value gives the lesson's own message")
    func realLessonMessages() async throws {
        let server = try await RunningServer.start(ServerConfiguration(course: Course.lessons))
        for type in Course.lessons {
            guard let first = type.optionDescriptions.first(where: { if case .flag = $0.kind { return false }; return true }) else { continue }
            let expected = Self.refusal(type, option: first.name, value: "zz")
            let response = try await server.request("/en/\(type.id).html?\(first.name)=zz")
            #expect(response.status == 400, "\(type.id)")
            if let expected { #expect(response.body.contains(HTML.escape(expected.en)), "\(type.id)") }
            let zh = try await server.request("/zh/\(type.id).html?\(first.name)=zz")
            if let expected { #expect(zh.body.contains(HTML.escape(expected.zh)), "\(type.id)") }
        }
        await server.stop()
    }

    static func refusal<L: Lesson>(_ type: L.Type, option: String, value: String) -> Localized? {
        if case .failure(let error) = L.parseOptions(["--\(option)=\(value)"]) { return error.message }
        return nil
    }

    @Test("paths outside the routes, traversal and other methods are refused; limits hold; headers are set")
    func safety() async throws {
        let server = try await RunningServer.start(Self.testConfiguration())
        let traversals = [
            "/../Package.swift", "/%2e%2e/Package.swift", "/%2E%2E/%2E%2E/etc/passwd", "/assets/..%2fPackage.swift",
            "/assets/katex/../../Package.swift", "//etc/passwd", "/etc/passwd", "/assets/katex/fonts/../../../../../../../etc/passwd",
            "/en/..%2F..%2Fetc%2Fpasswd", "/assets%2fkatex%2fkatex.min.js", "/assets/katex/fonts", "/assets/katex/fonts/",
            "/en/try-lesson.html/..", "/en/./try-lesson.html", "/en//try-lesson.html", "/Output/index.html", "/Package.swift",
            "/assets/katex/katex.min.js%00.html", "/en/try-lesson", "/en/nothing.html", "/api/nothing.json", "/en\\..\\Package.swift",
            "/usr/share/javascript/katex/katex.min.js", "/assets/katex/fonts/KaTeX_Main-Regular.woff2/..",
        ]
        for target in traversals {
            let response = try await server.request(target)
            #expect(response.status == 404 || response.status == 400, "\(target) → \(response.status)")
            #expect(!response.body.contains("swift-tools-version") && !response.body.contains("root:"), "\(target)")
        }
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"] {
            let response = try await server.request("/en/try-lesson.html", method: method, headers: "Content-Length: 0\r\n")
            #expect(response.status == 405, "\(method)")
            #expect(response.headers["allow"] == "GET, HEAD")
        }
        let head = try await server.request("/en/try-lesson.html", method: "HEAD")
        let get = try await server.request("/en/try-lesson.html")
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(head.headers["content-length"] == String(get.body.utf8.count))
        #expect(try await server.request("/en/try-lesson.html?" + String(repeating: "a", count: 5000)).status == 414)
        let many = (0..<70).map { "x\($0)=1" }.joined(separator: "&")
        #expect(try await server.request("/en/try-lesson.html?" + many).status == 400)

        let policy = try #require(get.headers["content-security-policy"])
        #expect(policy.contains("default-src 'none'") && policy.contains("script-src 'self' 'sha256-"))
        // Never 'unsafe-inline' or 'unsafe-eval'; 'unsafe-hashes' only admits the page's own style attributes by hash.
        #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"))
        for value in ContentSecurityPolicy.styleAttributes(get.body) {
            #expect(policy.contains("'unsafe-hashes'") && policy.contains("'sha256-\(SHA256.base64(value))'"))
        }
        #expect(get.headers["x-content-type-options"] == "nosniff")
        // The hashes admit exactly the page's own inline script and style.
        for block in ContentSecurityPolicy.inlineBlocks(get.body, tag: "script") + ContentSecurityPolicy.inlineBlocks(get.body, tag: "style") {
            #expect(policy.contains("'sha256-\(SHA256.base64(block))'"))
        }
        let script = try await server.request("/assets/longhand-try.js")
        #expect(script.status == 200 && script.body == PanelAssets.script)
        #expect(script.headers["x-content-type-options"] == "nosniff")
        let katex = try await server.request("/assets/katex/katex.min.js")
        #expect(katex.status == 200 || !FileManager.default.fileExists(atPath: "/usr/share/javascript/katex/katex.min.js"))
        await server.stop()
    }

    @Test("50 concurrent requests with mixed options each get their own numbers")
    func concurrentRequests() async throws {
        var configuration = Self.testConfiguration()
        configuration.cacheEntries = 8
        let server = try await RunningServer.start(configuration)
        let results = try await withThrowingTaskGroup(of: (Int, RawResponse).self) { group in
            for i in 0..<50 {
                group.addTask {
                    let query = "weights=\(i % 7),\(-(i % 5))&bias=\(i)&mode=\(i % 2 == 0 ? "sum" : "max")&steps=\(i % 3)"
                    return (i, try await server.request(i % 4 == 3 ? "/api/try-lesson.json?\(query)" : "/en/try-lesson.html?\(query)"))
                }
            }
            var all: [(Int, RawResponse)] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 50)
        for (i, response) in results {
            #expect(response.status == 200, "\(i)")
            let z = TryLesson.z(weights: [Double(i % 7), Double(-(i % 5))], bias: Double(i), mode: i % 2 == 0 ? .sum : .max)
            #expect(response.body.contains(i % 4 == 3 ? "\"z\":\(JSONValue.number(z).serialized())" : "z = \(z)"), "\(i): z = \(z)")
        }
        await server.stop()
    }

    @Test("more runs than the pool takes within its deadline: 503 with a message")
    func busyPool() async throws {
        var configuration = Self.testConfiguration()
        configuration.concurrentRuns = 1
        configuration.queueDeadline = .milliseconds(100)
        configuration.cacheEntries = 0
        let server = try await RunningServer.start(configuration)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<4 {
                group.addTask { try await server.request("/en/try-lesson.html?steps=250&bias=\(i)").status }
            }
            var all: [Int] = []
            for try await status in group { all.append(status) }
            return all
        }
        #expect(statuses.contains(200))
        #expect(statuses.contains(503))
        #expect(statuses.allSatisfy { $0 == 200 || $0 == 503 })
        await server.stop()
    }
}

@Suite("Server parts")
struct ServerPartTests {
    @Test("SHA-256 matches the standard's test vectors")
    func sha256() {
        #expect(SHA256.base64("abc") == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
        #expect(SHA256.base64("") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        // Lengths around the padding boundary; expected values from Python's hashlib.
        #expect(SHA256.base64(String(repeating: "a", count: 55)) == "n0OQ+NMMLdkuyfCVtl4rmumwqSWlJY4kHJ8ekQ9zQxg=")
        #expect(SHA256.base64(String(repeating: "a", count: 56)) == "s1Q5pKxvCUi21vnjxq8PX1kM4g8b3nCQ73lwaG7Gc4o=")
        #expect(SHA256.base64(String(repeating: "a", count: 64)) == "/+BU/nrgy23GXDr5th1SCfQ5hR20PQulmXM33xVGaOs=")
        #expect(SHA256.base64(String(repeating: "a", count: 1000)) == "Qe3s5C1j6Nm/UVqbppMuHCDLyfWl0TRkWttdsblzfqM=")
    }

    @Test("every option the standard budget caps is a numeric option of that lesson")
    func budgetNamesRealOptions() {
        for (lesson, caps) in RequestBudget.standard.caps.sorted(by: { $0.key < $1.key }) {
            guard let type = Course.lessons.first(where: { $0.id == lesson }) else {
                Issue.record("the budget names lesson '\(lesson)', which the course does not have")
                continue
            }
            for (name, cap) in caps.sorted(by: { $0.key < $1.key }) {
                guard let description = type.optionDescriptions.first(where: { $0.name == name }) else {
                    Issue.record("the budget caps --\(name) of \(lesson), which has no such option; it has \(type.optionDescriptions.map(\.name))")
                    continue
                }
                switch description.kind {
                case .integer, .integerList, .number, .numberList: break
                default: Issue.record("\(lesson) --\(name) is not a number")
                }
            }
        }
    }

    @Test("the cache keeps the most recently used entries within its bounds")
    func cache() {
        let cache = PageCache<Int>(capacity: 2, maxBytes: 100)
        cache.store(1, size: 10, for: "a")
        cache.store(2, size: 10, for: "b")
        #expect(cache.value(for: "a") == 1)
        cache.store(3, size: 10, for: "c")
        #expect(cache.value(for: "b") == nil)
        #expect(cache.value(for: "a") == 1 && cache.value(for: "c") == 3)
        cache.store(4, size: 95, for: "d")
        #expect(cache.usage.bytes <= 100 && cache.usage.entries <= 2)
        #expect(cache.value(for: "d") == 4)
    }

    @Test("option values: read from arguments, normalised, turned back into a command line")
    func optionValues() {
        let d = TryLesson.optionDescriptions
        let values = OptionValues.fromArguments(["--weights", "0.50,-1", "--bias=-2", "--out", "x", "--verbose"], descriptions: d)
        #expect(values.given == ["weights": "0.50,-1", "bias": "-2", "verbose": "true"])
        #expect(values.normalisedKey(descriptions: d) == OptionValues(["weights": ".5,-1.0", "bias": "-2", "verbose": "on"]).normalisedKey(descriptions: d))
        #expect(values.normalisedKey(descriptions: d) != OptionValues(["weights": "0.5,1"]).normalisedKey(descriptions: d))
        #expect(OptionValues().normalisedKey(descriptions: d) == OptionValues(["bias": "2.0", "mode": "sum"]).normalisedKey(descriptions: d))
        #expect(OptionValues.commandLine(lesson: "try-lesson", changed: values.changed(descriptions: d), descriptions: d)
                == "swift run try-lesson --weights 0.50,-1 --bias=-2 --verbose")
        #expect(OptionValues.commandLine(lesson: "x", changed: [("bias", "1; rm -rf /")], descriptions: d) == "swift run x --bias '1; rm -rf /'")
        #expect(values.arguments(descriptions: d) == ["--weights=0.50,-1", "--bias=-2", "--verbose"])
    }

    @Test("the panel: fields from the descriptions, static command line or live form, everything escaped")
    func panel() {
        let values = OptionValues(["bias": "\"><b>x</b>"])
        let staticPanel = OptionsPanel(lesson: "try-lesson", descriptions: TryLesson.optionDescriptions, values: values, mode: .static).html(.en)
        #expect(staticPanel.contains("swift run try-lesson --bias &#39;&quot;&gt;&lt;b&gt;x&lt;/b&gt;&#39;"))
        #expect(!staticPanel.contains("<b>x</b>"))
        #expect(staticPanel.contains("make serve") && !staticPanel.contains("type=\"submit\""))
        let live = OptionsPanel(lesson: "try-lesson", descriptions: TryLesson.optionDescriptions, values: OptionValues(), mode: .live).html(.zh)
        #expect(live.contains("type=\"submit\"") && live.contains("恢复原文的数字") && !live.contains("make serve"))
        #expect(live.contains("<option value=\"sum\" selected>sum</option>"))
        // The live panel carries the slow-recompute message in the page's language; the static one has none.
        #expect(live.contains("data-working=\"正在用这些数字重算本页……\""))
        #expect(!staticPanel.contains("data-working"))
        #expect(OptionsPanel(lesson: "x", descriptions: [], values: OptionValues(), mode: .static).html == nil)
    }
}

@Suite("Server messages in the page's language")
struct ServerLanguageTests {
    @Test("a busy pool answers a Chinese page's request with the Chinese sentence the panel shows")
    func busyInChinese() async throws {
        var configuration = ServerTests.testConfiguration()
        configuration.concurrentRuns = 1
        configuration.queueDeadline = .milliseconds(100)
        configuration.cacheEntries = 0
        let server = try await RunningServer.start(configuration)
        let responses = try await withThrowingTaskGroup(of: RawResponse.self) { group in
            for i in 0..<4 {
                group.addTask { try await server.request("/zh/try-lesson.html?steps=250&bias=\(i)") }
            }
            var all: [RawResponse] = []
            for try await response in group { all.append(response) }
            return all
        }
        let busy = responses.filter { $0.status == 503 }
        #expect(!busy.isEmpty)
        for response in busy {
            #expect(response.body.contains("请稍后再试"))
            #expect(response.body.contains("lang=\"zh-Hans\""))
        }
        await server.stop()
    }
}
