import ArgumentParser
import Curriculum
import Foundation
import LessonKit
import Notebook

/// Regenerates every lesson in both languages and the index page, one summary line per lesson.
struct Longhand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "longhand",
        abstract: "Regenerate every Longhand lesson (English and Chinese) and Output/index.html.",
        subcommands: [Serve.self])

    @Option(name: .long, help: ArgumentHelp("Folder to write the tutorials into (created if missing).", valueName: "dir"))
    var out = "Output"

    @Option(name: .long, help: "Editions to write: en, zh or all.")
    var lang: LanguageChoice = .all

    @Option(name: .long, help: ArgumentHelp("Only these lessons (comma-separated ids); default all.", valueName: "ids"))
    var only: String?

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if let only {
            let known = Set(Course.lessons.map { $0.id })
            for id in only.split(separator: ",") where !known.contains(String(id)) {
                throw ValidationError("--only: unknown lesson '\(id)'; accepted: \(Course.lessons.map { $0.id }.joined(separator: ", "))")
            }
        }
    }

    func run() throws {
        let wanted = only.map { Set($0.split(separator: ",").map(String.init)) }
        let types = Course.lessons.filter { wanted?.contains($0.id) ?? true }
        let start = Date()
        let folder = try OutputFolder(path: out)
        // KaTeX first, once: the lessons then find it in place and leave it alone.
        try folder.installKaTeX()
        // Lessons are independent, so they run side by side on every core; results are printed in
        // reading order afterwards, so the output does not depend on which finished first.
        let results = ResultSlots(count: types.count)
        let out = self.out, lang = self.lang
        DispatchQueue.concurrentPerform(iterations: types.count) { i in
            let t0 = Date()
            let result = Result { try Longhand.runDefault(types[i], out: out, lang: lang) }
            results.set(i, result.map { ($0, Int(Date().timeIntervalSince(t0) * 1000)) })
        }
        for slot in results.all {
            let (summary, ms) = try slot.get()
            if !quiet {
                let name = summary.id.padding(toLength: 28, withPad: " ", startingAt: 0)
                print("\(name) \(lang.rawValue)  \(summary.files.count) files  \(summary.figures) figures  \(summary.exercises) exercises  \(summary.values) values  \(ms) ms")
            }
        }
        let entries = Course.lessons.map { IndexPage.Entry(id: $0.id, title: $0.title, summary: $0.summary, part: $0.part.title) }
        try folder.write("index.html", IndexPage.render(entries))
        try folder.write("index.md", IndexPage.markdown(entries))
        if !quiet {
            print("index.html written; \(types.count) lessons in \(Int(Date().timeIntervalSince(start) * 1000)) ms")
        }
    }

    /// Runs one lesson with its default inputs (the source texts' numbers) into the folder.
    static func runDefault(_ type: any Lesson.Type, out: String, lang: LanguageChoice) throws -> LessonRunner.Summary {
        try run(type, out: out, lang: lang)
    }

    private static func run<L: Lesson>(_ type: L.Type, out: String, lang: LanguageChoice) throws -> LessonRunner.Summary {
        let lesson = try L.parse(["--out", out, "--lang", lang.rawValue, "--quiet"])
        return try LessonRunner.run(lesson, course: Course.lessons)
    }
}

/// One result per lesson, filled in from several threads.
final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<(LessonRunner.Summary, Int), Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ result: Result<(LessonRunner.Summary, Int), Error>) {
        lock.lock()
        slots[i] = result
        lock.unlock()
    }

    /// Every result, in order; call after all have been set.
    var all: [Result<(LessonRunner.Summary, Int), Error>] { slots.map { $0! } }
}

do {
    var command = try Longhand.parseAsRoot()
    try command.run()
} catch let error as OutputError {
    LessonMain.fail("longhand: \(error.description)", code: error.exitCode)
} catch {
    let code = Longhand.exitCode(for: error)
    if code == .success { print(Longhand.fullMessage(for: error)); exit(0) }
    LessonMain.fail("longhand: " + UsageMessage.oneLine(Longhand.message(for: error), help: Longhand.helpMessage(columns: 10_000)), code: code.rawValue)
}
