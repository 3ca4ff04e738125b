import ArgumentParser
import Foundation
import Notebook

/// Renders a lesson's page in the chosen languages, writes the files and prints the result.
///
/// Everything is rendered in memory first and only then written, each file atomically, so a
/// failure while rendering leaves no half-written output.
public enum LessonRunner {
    /// What one run wrote, for the aggregate's summary line.
    public struct Summary: Sendable {
        public let id: String
        public let files: [String]
        public let figures: Int
        public let exercises: Int
        public let values: Int
    }

    /// The page context of lesson `id` within `course` (reading order).
    public static func context(of id: String, in course: [any Lesson.Type]) -> PageContext {
        guard let i = course.firstIndex(where: { $0.id == id }) else { return .standalone }
        let previous = i > 0 ? (id: course[i - 1].id, title: course[i - 1].title) : nil
        let next = i + 1 < course.count ? (id: course[i + 1].id, title: course[i + 1].title) : nil
        return PageContext(number: i + 1, total: course.count, part: course[i].part.title, previous: previous, next: next)
    }

    /// Every file of a page in one language: relative path → contents.
    public static func files(for page: Page, language: Language, context: PageContext) -> [(String, String)] {
        PageRenderers.files(page, language: language, context: context)
    }

    /// The `--json` object: `{"lesson": id, "parameters": {…}, "values": {…}}` (the list's JSON renderer).
    public static func json<L: Lesson>(_ lesson: L, page: Page) -> String {
        PageRenderers.printed(.json, page, language: .en, context: jsonContext(lesson))
    }

    /// The context the printed renderers need: the output root and the `--json` header.
    static func jsonContext<L: Lesson>(_ lesson: L, base: PageContext = .standalone) -> PageContext {
        var context = base
        context.outputRoot = lesson.common.out
        context.jsonHeader = [("lesson", .string(L.id)), ("parameters", .object(lesson.parameters))]
        return context
    }

    /// The files of one lesson's run and its summary line, before anything is written.
    public struct Prepared {
        public let files: [(String, String)]
        public let summary: Summary
        /// The lesson's page, for what the site builds from all pages (the glossary).
        public let page: Page
        let context: PageContext
        /// The page's warnings as stderr shows them: `xor-net: …`.
        public var warnings: [String] { page.warnings.map { "\(summary.id): \(PlainMath.prose($0))" } }
    }

    /// Builds the lesson's page and renders every file of it in the chosen languages, in memory.
    /// `arguments` are the command line it was parsed from, so the page's "Try your own numbers"
    /// panel shows the values it was written with.
    public static func prepare<L: Lesson>(_ lesson: L, course: [any Lesson.Type] = [], arguments: [String] = []) throws -> Prepared {
        let page = try lesson.notebook()
        do {
            _ = try EquationReferences.numbers(page.blocks)
        } catch {
            throw OutputError("page cannot be generated: \(error)", exitCode: 70)
        }
        var context = jsonContext(lesson, base: context(of: L.id, in: course))
        context.panel = OptionsPanel(lesson: L.id, descriptions: L.optionDescriptions,
                                     values: .fromArguments(arguments, descriptions: L.optionDescriptions), mode: .static).html
        var files: [(String, String)] = []
        for language in lesson.common.lang.languages { files += Self.files(for: page, language: language, context: context) }
        let summary = Summary(id: L.id, files: files.map(\.0), figures: page.figures.count, exercises: page.exerciseTotal,
                              values: page.values.count)
        return Prepared(files: files, summary: summary, page: page, context: context)
    }

    /// Builds, writes and prints one lesson: its pages and KaTeX are written as one set (all or
    /// nothing), then the terminal text or JSON goes to stdout; warnings go to stderr even with --quiet.
    @discardableResult
    public static func run<L: Lesson>(_ lesson: L, course: [any Lesson.Type] = [], arguments: [String] = []) throws -> Summary {
        let prepared = try prepare(lesson, course: course, arguments: arguments)
        let output = try OutputFolder(path: lesson.common.out)
        let katex = output.katexFilesToWrite()
        try output.write(prepared.files.map { ($0.0, Data($0.1.utf8)) } + PanelAssets.files + (katex ?? []))

        // The printed format comes from the same renderer list as the files: JSON, or the worked text
        // in the first language followed by the files written.
        let page = prepared.page
        if lesson.common.json {
            try printOut(PageRenderers.printed(.json, page, language: .en, context: prepared.context))
        } else if !lesson.common.quiet {
            let language = lesson.common.lang.languages.first ?? .en
            let text = PageRenderers.printed(.terminal, page, language: language, context: prepared.context)
            let written = prepared.files.map { "\(lesson.common.out)/\($0.0)" }.filter { $0.hasSuffix(".md") || $0.hasSuffix(".html") }
            try printOut(text + "Wrote " + written.joined(separator: ", ") + "\n")
        }
        warn(prepared.warnings)
        if katex == nil && !lesson.common.quiet { warnKaTeXMissing() }
        return prepared.summary
    }

    /// Writes to stdout, or fails with exit 74 when stdout is closed or full (the pages are written).
    public static func printOut(_ text: String) throws {
        guard StandardStreams.out(text) else {
            throw OutputError("cannot write to standard output (closed or full); the pages were written", exitCode: 74)
        }
    }

    /// Prints warnings on stderr (kept with --quiet; a closed or full stderr is ignored).
    public static func warn(_ warnings: [String]) {
        for warning in warnings { StandardStreams.err("warning: \(warning)\n") }
    }

    /// The warning when KaTeX is not installed.
    public static func warnKaTeXMissing() {
        warn(["KaTeX not found at \(OutputFolder.systemKaTeX) (apt-get install libjs-katex); pages will show TeX source"])
    }
}

/// The entry point of a lesson executable: parses the options, runs the lesson, and turns every
/// error into one line on stderr with a conventional exit code (64 usage, 73/74 cannot write).
public enum LessonMain {
    /// Runs lesson `type` within `course` and exits.
    public static func main<L: Lesson>(_ type: L.Type, course: [any Lesson.Type], arguments: [String]? = nil) -> Never {
        StandardStreams.guardClosedDescriptors()
        let arguments = arguments ?? Array(CommandLine.arguments.dropFirst())
        do {
            let command = try L.parseAsRoot(arguments)
            guard let lesson = command as? L else {
                var other = command
                try other.run()
                exit(0)
            }
            try LessonRunner.run(lesson, course: course, arguments: arguments)
            exit(0)
        } catch let error as OutputError {
            fail("\(L.id): \(error.description)", code: error.exitCode)
        } catch {
            if L.exitCode(for: error) == .success {
                // --help and similar: the full text, on stdout.
                StandardStreams.out(L.fullMessage(for: error) + "\n")
                exit(0)
            }
            fail("\(L.id): \(UsageMessage.optionError(for: error, in: L.self).message.en)", code: 64)
        }
    }

    /// Prints one line to stderr and exits.
    public static func fail(_ line: String, code: Int32) -> Never {
        StandardStreams.err(line + "\n")
        exit(code)
    }
}

/// Turns a refusal from swift-argument-parser or from validation into an `OptionError`: one line
/// naming the option, the value given (shortened, control characters escaped) and what the option
/// accepts, in both languages, taken from the option's declaration.
public enum UsageMessage {
    /// The refusal behind `error`, for lesson `L`.
    public static func optionError<L: Lesson>(for error: Error, in type: L.Type) -> OptionError {
        if let own = find(OptionError.self, in: error) { return own }
        let accepted = Dictionary(L.options.map { ($0.name, $0.rule.accepted) }, uniquingKeysWith: { a, _ in a })
            .merging(commonAccepted) { a, _ in a }
        return optionError(message: L.message(for: error), accepted: accepted)
    }

    /// What the options every lesson shares accept.
    public static let commonAccepted: [String: Localized] = [
        "lang": Localized("en, zh or all", zh: "en、zh 或 all"),
        "out": Localized("a folder you can write to", zh: "一个可写的文件夹"),
    ]

    /// The refusal in swift-argument-parser's message `text`, with `accepted` words per option name.
    public static func optionError(message text: String, accepted: [String: Localized]) -> OptionError {
        // "The value 'abc' is invalid for '--bias <b>'" — the value may contain anything, newlines too.
        if text.hasPrefix("The value '"), let mid = text.range(of: "' is invalid for '--", options: .backwards) {
            let value = String(text[text.index(text.startIndex, offsetBy: 11)..<mid.lowerBound])
            let option = String(text[mid.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" })
            let what = accepted[option] ?? Localized("see --help", zh: "见 --help")
            return .notAccepted(option, value, accepted: what)
        }
        // "Missing value for '--epochs <n>'"
        if text.hasPrefix("Missing value for '--") {
            let option = String(text.dropFirst(21).prefix { $0.isLetter || $0.isNumber || $0 == "-" })
            let what = accepted[option] ?? Localized("see --help", zh: "见 --help")
            return OptionError(option: option, message: Localized("--\(option): a value is missing; accepted: \(what.en)",
                                                                  zh: "--\(option)：缺少取值；可接受：\(what.zh)"))
        }
        // "Unknown option '--foo'", "Unexpected argument 'x'"
        let first = OptionText.value(text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? "")
        if text.hasPrefix("Unknown option '") {
            let name = OptionText.value(String(text.dropFirst(16).prefix { $0 != "'" }))
            return OptionError(option: nil, message: Localized("unknown option '\(name)' (see --help)", zh: "未知选项 '\(name)'（见 --help）"))
        }
        if text.hasPrefix("Unexpected argument '") {
            let name = OptionText.value(String(text.dropFirst(21).prefix { $0 != "'" }))
            return OptionError(option: nil, message: Localized("unexpected argument '\(name)' (see --help)", zh: "多余的参数 '\(name)'（见 --help）"))
        }
        if let own = text.range(of: #"^--[a-z0-9-]+: "#, options: .regularExpression) {
            let option = String(text[own].dropFirst(2).dropLast(2))
            return OptionError(option: option, message: Localized(same: first))
        }
        return OptionError(option: nil, message: Localized(first.isEmpty ? "invalid arguments (see --help)" : "\(first) (see --help)",
                                                           zh: first.isEmpty ? "参数无效（见 --help）" : "\(first)（见 --help）"))
    }

    /// The first value of type `T` inside `value` (swift-argument-parser wraps errors thrown by
    /// `validate()` in its own error types, which are not public).
    static func find<T>(_ type: T.Type, in value: Any, depth: Int = 0) -> T? {
        if let found = value as? T { return found }
        guard depth < 6 else { return nil }
        for child in Mirror(reflecting: value).children {
            if let found = find(type, in: child.value, depth: depth + 1) { return found }
        }
        return nil
    }
}
