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
    public static func files(for page: Notebook, language: Language, context: PageContext) -> [(String, String)] {
        let folder = language.rawValue
        var files: [(String, String)] = [
            ("\(folder)/\(page.id).md", MarkdownRenderer.render(page, language: language, context: context)),
            ("\(folder)/\(page.id).html", HTMLRenderer.render(page, language: language, context: context)),
            ("\(folder)/\(page.id).ipynb", JupyterRenderer.render(page, language: language, context: context)),
        ]
        for figure in page.figures {
            let svg = figure.drawing.svg(title: figure.title[language], description: figure.description[language], language: language)
            files.append(("\(folder)/\(MarkdownRenderer.figureFile(lesson: page.id, figure))", svg))
        }
        return files
    }

    /// The `--json` object: `{"lesson": id, "parameters": {…}, "values": {…}}`.
    public static func json<L: Lesson>(_ lesson: L, page: Notebook) -> String {
        JSONValue.object([
            ("lesson", .string(L.id)),
            ("parameters", .object(lesson.parameters)),
            ("values", .object(page.values)),
        ]).serialized()
    }

    /// Builds, writes and prints one lesson. `arguments` are the command line it was parsed from,
    /// so the page's "Try your own numbers" panel shows the values it was written with.
    @discardableResult
    public static func run<L: Lesson>(_ lesson: L, course: [any Lesson.Type] = [], arguments: [String] = []) throws -> Summary {
        let page = try lesson.notebook()
        var context = context(of: L.id, in: course)
        context.panel = OptionsPanel(lesson: L.id, descriptions: L.optionDescriptions,
                                     values: .fromArguments(arguments, descriptions: L.optionDescriptions), mode: .static).html
        let languages = lesson.common.lang.languages
        var files: [(String, String)] = []
        for language in languages { files += Self.files(for: page, language: language, context: context) }

        let output = try OutputFolder(path: lesson.common.out)
        for (path, contents) in files { try output.write(path, contents) }
        let hasKaTeX = try output.installKaTeX()
        if context.panel != nil { try PanelAssets.install(into: output) }

        if lesson.common.json {
            print(json(lesson, page: page))
        } else if !lesson.common.quiet {
            let language = languages.first ?? .en
            let text = TextRenderer.render(page, language: language) { figure in
                "\(lesson.common.out)/\(language.rawValue)/\(MarkdownRenderer.figureFile(lesson: page.id, figure))"
            }
            print(text, terminator: "")
            print("Wrote " + files.map { "\(lesson.common.out)/\($0.0)" }.filter { $0.hasSuffix(".md") || $0.hasSuffix(".html") }.joined(separator: ", "))
        }
        for warning in page.warnings {
            FileHandle.standardError.write(Data("warning: \(L.id): \(PlainMath.prose(warning))\n".utf8))
        }
        if !hasKaTeX && !lesson.common.quiet {
            FileHandle.standardError.write(Data("warning: KaTeX not found at \(OutputFolder.systemKaTeX) (apt-get install libjs-katex); pages will show TeX source\n".utf8))
        }
        return Summary(id: L.id, files: files.map(\.0), figures: page.figures.count, exercises: page.exerciseTotal, values: page.values.count)
    }
}

/// The entry point of a lesson executable: parses the options, runs the lesson, and turns every
/// error into one line on stderr with a conventional exit code (64 usage, 73/74 cannot write).
public enum LessonMain {
    /// Runs lesson `type` within `course` and exits.
    public static func main<L: Lesson>(_ type: L.Type, course: [any Lesson.Type], arguments: [String]? = nil) -> Never {
        do {
            let command = try L.parseAsRoot(arguments)
            guard let lesson = command as? L else {
                var other = command
                try other.run()
                exit(0)
            }
            try LessonRunner.run(lesson, course: course, arguments: arguments ?? Array(CommandLine.arguments.dropFirst()))
            exit(0)
        } catch let error as OutputError {
            fail("\(L.id): \(error.description)", code: error.exitCode)
        } catch {
            let code = L.exitCode(for: error)
            if code == .success {
                // --help and similar: the full text, on stdout.
                print(L.fullMessage(for: error))
                exit(0)
            }
            let message = UsageMessage.oneLine(L.message(for: error), help: L.helpMessage(columns: 10_000))
            fail("\(L.id): \(message)", code: code.rawValue)
        }
    }

    /// Prints one line to stderr and exits.
    public static func fail(_ line: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data((line + "\n").utf8))
        exit(code)
    }
}

/// Turns swift-argument-parser's error text into one line that names the option, the value given
/// and what the option accepts (taken from the option's own help text).
public enum UsageMessage {
    /// One line for stderr.
    public static func oneLine(_ message: String, help: String) -> String {
        let first = message.split(separator: "\n").first.map(String.init) ?? "invalid arguments"
        // "The value 'abc' is invalid for '--bias <b>'" → "--bias: 'abc' is not accepted; …"
        let prefix = "The value '", middle = "' is invalid for '"
        guard first.hasPrefix(prefix), let mid = first.range(of: middle) else { return first + " (see --help)" }
        let value = String(first[first.index(first.startIndex, offsetBy: prefix.count)..<mid.lowerBound])
        let rest = first[mid.upperBound...]
        let option = String(rest.prefix { $0 != " " && $0 != "'" })
        var accepted = optionHelp(option, in: help) ?? "see --help"
        if let choices = first.range(of: "Please provide ") {
            accepted = String(first[choices.upperBound...]).replacingOccurrences(of: "Please provide ", with: "")
        }
        let what = value.hasPrefix("-") && Double(value) == nil ? "is missing a value (got '\(value)')" : "'\(value)' is not accepted"
        return "\(option): \(what); accepted: \(accepted)"
    }

    /// The description of `option` in a help text, without the default.
    static func optionHelp(_ option: String, in help: String) -> String? {
        for line in help.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix(option + " ") || trimmed.hasPrefix(option + "\t") else { continue }
            // Columns are separated by at least two spaces.
            guard let gap = trimmed.range(of: "  ") else { return nil }
            var text = trimmed[gap.upperBound...].drop { $0 == " " }
            if let d = text.range(of: " (default:") { text = text[..<d.lowerBound] }
            return String(text) + " Finite numbers only (no NaN or inf)."
        }
        return nil
    }
}
