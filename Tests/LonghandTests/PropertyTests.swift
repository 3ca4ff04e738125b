import Foundation
import Testing
@testable import LonghandEngine
@testable import Notebook
@testable import LessonKit
@testable import Curriculum

/// Property-based tests: random valid options never crash or print NaN, random invalid options always
/// give exit 64, pages are always escaped. Cases come from a seeded generator, so failures reproduce.
@Suite("properties")
struct PropertyTests {
    /// Random valid cases per lesson.
    static let casesPerLesson = 40

    /// Tags the renderers may write; any other `<` in a page means text was not escaped.
    static let allowedTags: Set<String> = [
        "!DOCTYPE", "!", "html", "head", "meta", "title", "link", "style", "body", "main", "script", "nav", "a", "p", "h1", "h2", "h3", "h4",
        "details", "summary", "ol", "ul", "li", "div", "span", "figure", "figcaption", "strong", "em", "code", "aside", "section",
        "table", "caption", "thead", "tbody", "tr", "th", "td", "footer", "small", "pre", "br", "hr", "img", "blockquote",
        "svg", "desc", "rect", "line", "text", "path", "circle", "g", "defs", "clipPath", "polygon", "polyline", "tspan", "ellipse",
        "marker", "linearGradient", "stop", "pattern", "image",
    ]

    /// Every `<` in `html` opens an allowed tag (or closes one).
    static func unescapedTags(_ html: String) -> [String] {
        var bad: [String] = []
        var rest = Substring(html)
        while let lt = rest.firstIndex(of: "<") {
            var name = rest[rest.index(after: lt)...].prefix { $0.isLetter || $0.isNumber || $0 == "!" || $0 == "/" }
            if name.hasPrefix("/") { name = name.dropFirst() }
            if !allowedTags.contains(String(name)) { bad.append(String(rest[lt...].prefix(30))) }
            rest = rest[rest.index(after: lt)...]
        }
        return bad
    }

    /// Renders every edition of a page and returns the problems found.
    static func problems(in page: Page, json: String) -> [String] {
        var found: [String] = []
        for language in Language.allCases {
            let html = HTMLRenderer.render(page, language: language)
            let texts = [html, MarkdownRenderer.render(page, language: language), TextRenderer.render(page, language: language)]
                + page.figures.map { $0.drawing.svg(title: $0.title[language], description: $0.description[language], language: language) }
            _ = texts
            let tags = unescapedTags(html)
            if !tags.isEmpty { found.append("unescaped: \(tags.prefix(3))") }
            if html.components(separatedBy: "<script").count - 1 != 2 { found.append("unexpected <script> count") }
        }
        if json.contains("null") { found.append("non-finite number in JSON") }
        let bad = nonFinite(page.blocks)
        if !bad.isEmpty { found.append("non-finite numbers printed: \(bad.prefix(3))") }
        return found
    }

    /// Every number a page prints (worked steps, equations' operands, tables) that is NaN or infinite.
    static func nonFinite(_ blocks: [Block]) -> [String] {
        func walk(_ e: Expr) -> [Double] {
            switch e {
            case .number(let x, _): return [x]
            case .sum(let a), .product(let a): return a.flatMap(walk)
            case .difference(let a, let b), .quotient(let a, let b), .power(let a, let b): return walk(a) + walk(b)
            case .negation(let a), .exp(let a), .group(let a): return walk(a)
            case .call(_, _, let args): return args.flatMap(walk)
            case .matrix(let rows, _): return rows.flatMap { $0 }
            case .symbol, .raw: return []
            }
        }
        var out: [String] = []
        for block in blocks {
            switch block {
            case .step(let step):
                if ([step.lhs] + step.chain).flatMap(walk).contains(where: { !$0.isFinite }) { out.append(MarkdownRenderer.stepTeX(step)) }
            case .table(let table):
                for row in table.rows {
                    for cell in row {
                        switch cell {
                        case .number(let x, _) where !x.isFinite: out.append("table cell \(x)")
                        case .math(let e) where walk(e).contains(where: { !$0.isFinite }): out.append(ExprRendering.tex(e))
                        default: break
                        }
                    }
                }
            case .exercise(let exercise): out += nonFinite(exercise.solution)
            default: break
            }
        }
        return out
    }

    @Test("random valid options for every lesson never crash, never print a non-finite number, always escape", arguments: Course.lessons.map { $0.id })
    func randomValidOptions(_ id: String) throws {
        let type = try #require(Course.lessons.first { $0.id == id })
        var random = SeededRandom(seed: 0x5EED_0000 &+ UInt64(id.utf8.count))
        var ran = 0
        for _ in 0..<Self.casesPerLesson {
            let arguments = type.randomArguments(&random)
            let problems = try Self.check(type, arguments)
            #expect(problems.isEmpty, "\(id) \(arguments.joined(separator: " ")): \(problems)")
            ran += 1
            if arguments.isEmpty { break }   // a lesson without a generator: its defaults once
        }
        #expect(ran >= 1)
    }

    static func check<L: Lesson>(_ type: L.Type, _ arguments: [String]) throws -> [String] {
        let lesson = try L.parse(arguments)
        let page = try lesson.notebook()
        return problems(in: page, json: LessonRunner.json(lesson, page: page))
    }

    /// The options of a lesson that take a value, read from its help text.
    static func valueOptions<L: Lesson>(_ type: L.Type) -> [String] {
        L.helpMessage(columns: 10_000).split(separator: "\n").compactMap { line in
            let t = line.drop { $0 == " " }
            guard t.hasPrefix("--"), let space = t.firstIndex(of: " "), t[space...].dropFirst().hasPrefix("<") else { return nil }
            return String(t[..<space])
        }
    }

    @Test("invalid values for every option of every lesson are refused, naming the option in English and Chinese", arguments: Course.lessons.map { $0.id })
    func invalidOptions(_ id: String) throws {
        let type = try #require(Course.lessons.first { $0.id == id })
        try Self.checkInvalid(type)
    }

    static func checkInvalid<L: Lesson>(_ type: L.Type) throws {
        let options = valueOptions(type).filter { $0 != "--out" }
        #expect(!options.isEmpty)
        for option in options {
            for bad in ["abc", "nan", "inf", "-inf", "1e999", "", "1,,2", "0x", "--"] {
                switch L.parseOptions([option, bad]) {
                case .success:
                    Issue.record("\(L.id) accepted \(option) '\(bad)'")
                case .failure(let error):
                    #expect(error.option == String(option.dropFirst(2)), "\(L.id) \(option) '\(bad)': \(error.message.en)")
                    #expect(error.message.en.hasPrefix(option) && error.message.zh.hasPrefix(option), "\(error.message)")
                    #expect(!error.message.en.contains("\n") && !error.message.zh.contains("\n"))
                }
            }
        }
    }

    @Test("random invalid command lines exit 64 with one line and write nothing")
    func invalidProcesses() throws {
        var random = SeededRandom(seed: 64)
        for lesson in Course.lessons {
            let options = Self.optionsOf(lesson)
            for _ in 0..<3 {
                let option = options[random.index(below: options.count)]
                let value = ["x", "nan", "inf", "1,2,3,4,5,6,7,8,9,10,11", "-1e308"][random.index(below: 5)]
                let folder = TestSupport.temporaryFolder()
                defer { try? FileManager.default.removeItem(at: folder) }
                let r = try TestSupport.run(lesson.id, [option, value, "--out", folder.path])
                if r.status == 0 { continue }   // e.g. a list option where 11 numbers are fine
                #expect(r.status == 64, "\(lesson.id) \(option) \(value): \(r.stderr)")
                #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
                #expect(r.stderr.contains(option) || r.stderr.contains("--"), "\(r.stderr)")
                #expect((try FileManager.default.contentsOfDirectory(atPath: folder.path)).isEmpty)
            }
        }
    }

    static func optionsOf(_ type: any Lesson.Type) -> [String] { open(type) }
    private static func open<L: Lesson>(_ type: L.Type) -> [String] { valueOptions(type).filter { $0 != "--out" && $0 != "--lang" } }

    @Test("the Markdown/HTML path never crashes and never lets <script> through (20,000 random strings)")
    func fuzzProse() {
        let alphabet: [String] = ["<script>", "</script>", "<SCRIPT src=x>", "<img onerror=alert(1)>", "$", "$$", "\\", "\\$", "*", "_", "**",
                                  "[", "](", ")", "javascript:alert(1)", "`", "&", "<", ">", "\"", "'", "\n", "\n\n", "# ", "> ", "- ",
                                  "1. ", "|", "x", "σ", "中文", "\\frac{a}{b}", "{", "}", "^", "<!--", "-->", "<b>", " ", "e^{-z}", "\u{0}"]
        var random = SeededRandom(seed: 2026)
        for _ in 0..<20_000 {
            let count = 1 + random.index(below: 24)
            let prose = (0..<count).map { _ in alphabet[random.index(below: alphabet.count)] }.joined()
            let html = Cmark.proseHTML(prose)
            #expect(html.range(of: "<script", options: .caseInsensitive) == nil, "\(prose)")
            #expect(html.range(of: "onerror=", options: .caseInsensitive) == nil || !html.contains("<img"), "\(prose)")
            #expect(Self.unescapedTags(html).isEmpty, "\(prose) → \(html)")
        }
    }

    @Test("gradient check passes for dense layers of random shapes and activations")
    func denseGradientCheck() {
        var random = SeededRandom(seed: 7)
        let activations: [Activation] = [.sigmoid, .tanh, .identity, .elu(alpha: 1), .leakyReLU(slope: 0.1)]
        for _ in 0..<30 {
            let n = 1 + random.index(below: 4), m = 1 + random.index(below: 4)
            let act = activations[random.index(below: activations.count)]
            let x = (0..<n).map { _ in random.uniform(-2, 2) }
            let w = (0..<(n * m)).map { _ in random.uniform(-2, 2) }
            // Loss: sum of the layer's outputs; analytic gradient dL/dW[i][j] = x_i f'(z_j).
            func loss(_ p: [Double]) -> Double {
                Dense(weights: Matrix(rows: n, columns: m, values: p), bias: Matrix(rows: 1, columns: m), activation: act)
                    .forward(Matrix(row: x)).output.sum
            }
            let z = (Matrix(row: x) * Matrix(rows: n, columns: m, values: w))
            var analytic: [Double] = []
            for i in 0..<n { for j in 0..<m { analytic.append(x[i] * act.derivative(z[0, j])) } }
            for entry in GradientCheck.compare(analytic: analytic, at: w, loss) {
                #expect(entry.passes(tolerance: 1e-6), "\(act) \(entry)")
            }
        }
    }
}
