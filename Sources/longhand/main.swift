import ArgumentParser
import Curriculum
import Foundation
import LessonKit
import Notebook
import Walkthrough

/// `longhand`: regenerates the whole site by default; `longhand walkthrough SPEC` works out a network from a spec file.
struct LonghandRoot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "longhand",
        abstract: "Longhand: neural networks worked out longhand.",
        subcommands: [GenerateCommand.self, WalkthroughCommand.self, Serve.self],
        defaultSubcommand: GenerateCommand.self)
}

/// Regenerates every lesson in both languages and the index page, one summary line per lesson.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Regenerate every Longhand lesson (English and Chinese), the shipped walkthroughs and Output/index.html (the default).")

    @Option(name: .long, help: ArgumentHelp("Folder to write the tutorials into (created if missing).", valueName: "dir"))
    var out = "Output"

    @Option(name: .long, help: "Editions to write: en, zh or all.")
    var lang: LanguageChoice = .all

    @Option(name: .long, help: ArgumentHelp("Only these lessons (comma-separated ids); default all.", valueName: "ids"))
    var only: String?

    @Flag(name: .long, help: "Print nothing but errors and warnings (files are still written).")
    var quiet = false

    func validate() throws {
        if out.isEmpty {
            throw ValidationError("--out: the folder name is empty; accepted: a folder you can write to")
        }
        if let only {
            let known = Course.lessons.map { $0.id }
            let ids = only.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if ids.contains(where: \.isEmpty) {
                throw ValidationError("--only: '\(OptionText.value(only))' names no lesson; accepted: lesson ids, comma-separated: \(known.joined(separator: ", "))")
            }
            for id in ids where !known.contains(id) {
                throw ValidationError("--only: unknown lesson '\(OptionText.value(id))'; accepted: \(known.joined(separator: ", "))")
            }
        }
    }

    func run() throws {
        let wanted = only.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
        let types = Course.lessons.filter { wanted?.contains($0.id) ?? true }
        let start = Date()
        let folder = try OutputFolder(path: out)
        // Lessons are independent, so they are built side by side on every core; results are printed in
        // reading order afterwards, so the output does not depend on which finished first.
        let results = ParallelResults<(LessonRunner.Prepared, Int)>(count: types.count)
        let lang = self.lang
        // The course's later lessons train on real data and take seconds, the early ones milliseconds: started
        // last, the slowest would run alone at the end, so the lessons are started from the last one back.
        DispatchQueue.concurrentPerform(iterations: types.count) { k in
            let i = types.count - 1 - k
            let t0 = Date()
            let result = Result { try GenerateCommand.prepareDefault(types[i], lang: lang) }
            results.set(i, result.map { ($0, Int(Date().timeIntervalSince(t0) * 1000)) })
        }
        var files: [(String, Data)] = []
        var lines: [String] = []
        var pages: [Page] = []
        for slot in results.all {
            let (prepared, ms) = try slot.get()
            pages.append(prepared.page)
            files += prepared.files.map { ($0.0, Data($0.1.utf8)) }
            let summary = prepared.summary
            let name = summary.id.padding(toLength: 28, withPad: " ", startingAt: 0)
            lines.append("\(name) \(lang.rawValue)  \(summary.files.count) files  \(summary.figures) figures  \(summary.exercises) exercises  \(summary.values) values  \(ms) ms")
            LessonRunner.warn(prepared.warnings)
        }
        // The shipped walkthroughs (Lessons/walkthroughs, when run from the package) join the index
        // as "Your own network"; a run limited by --only leaves them out.
        let walkthroughs = only == nil ? try WalkthroughCommand.shippedFiles(lang: lang) : (files: [], entries: [])
        files += walkthroughs.files.map { ($0.0, Data($0.1.utf8)) }
        let entries = Course.lessons.map { IndexPage.Entry(id: $0.id, title: $0.title, summary: $0.summary, part: $0.part.title) } + walkthroughs.entries
        files.append(("index.html", Data(IndexPage.render(entries).utf8)))
        files.append(("index.md", Data(IndexPage.markdown(entries).utf8)))
        for language in lang.languages {
            files.append(("\(language.rawValue)/index.html", Data(IndexPage.render(entries, language: language).utf8)))
            files.append(("\(language.rawValue)/index.md", Data(IndexPage.markdown(entries, language: language).utf8)))
            // The lesson of each term's first use is read from all the lessons: a run limited by --only has not read them all.
            if only == nil {
                let glossary = GlossaryPage.entries(pages, language: language)
                files.append(("\(language.rawValue)/glossary.html", Data(GlossaryPage.render(glossary, language: language).utf8)))
                files.append(("\(language.rawValue)/glossary.md", Data(GlossaryPage.markdown(glossary, language: language).utf8)))
            }
        }
        files += SourcesPage.files(languages: lang.languages).map { ($0.0, Data($0.1.utf8)) }
        let katex = folder.katexFilesToWrite()
        // Every page, the index and KaTeX as one set: all written, or (a full disk) none.
        try folder.write(files + PanelAssets.files + (katex ?? []))
        if katex == nil { LessonRunner.warnKaTeXMissing() }
        if !quiet {
            lines.append("index.html written; \(types.count) lessons and \(walkthroughs.entries.count) walkthroughs in \(Int(Date().timeIntervalSince(start) * 1000)) ms")
            try LessonRunner.printOut(lines.joined(separator: "\n") + "\n")
        }
    }

    /// Builds one lesson's files with its default inputs (the source texts' numbers).
    static func prepareDefault(_ type: any Lesson.Type, lang: LanguageChoice) throws -> LessonRunner.Prepared {
        try prepare(type, lang: lang)
    }

    private static func prepare<L: Lesson>(_ type: L.Type, lang: LanguageChoice) throws -> LessonRunner.Prepared {
        let lesson = try L.parse(["--lang", lang.rawValue, "--quiet"])
        return try LessonRunner.prepare(lesson, course: Course.lessons)
    }
}

StandardStreams.guardClosedDescriptors()
do {
    var command = try LonghandRoot.parseAsRoot()
    try command.run()
} catch let error as OutputError {
    LessonMain.fail("longhand: \(error.description)", code: error.exitCode)
} catch {
    let code = LonghandRoot.exitCode(for: error)
    if code == .success { StandardStreams.out(LonghandRoot.fullMessage(for: error) + "\n"); exit(0) }
    let accepted = UsageMessage.commonAccepted.merging(["only": Localized("lesson ids, comma-separated", zh: "课程 id，用逗号分隔")]) { a, _ in a }
    LessonMain.fail("longhand: " + UsageMessage.optionError(message: LonghandRoot.message(for: error), accepted: accepted).message.en, code: 64)
}
