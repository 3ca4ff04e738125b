import ArgumentParser
import Curriculum
import Foundation
import LessonKit
import Notebook

/// Regenerates every lesson in both languages and the index page, one summary line per lesson.
struct Longhand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "longhand",
        abstract: "Regenerate every Longhand lesson (English and Chinese) and Output/index.html.")

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
        let start = Date()
        for type in Course.lessons where wanted?.contains(type.id) ?? true {
            let t0 = Date()
            let summary = try runDefault(type)
            if !quiet {
                let ms = Int(Date().timeIntervalSince(t0) * 1000)
                let name = summary.id.padding(toLength: 28, withPad: " ", startingAt: 0)
                print("\(name) \(lang.rawValue)  \(summary.files.count) files  \(summary.figures) figures  \(summary.exercises) exercises  \(summary.values) values  \(ms) ms")
            }
        }
        let entries = Course.lessons.map { IndexPage.Entry(id: $0.id, title: $0.title, summary: $0.summary, part: $0.part.title) }
        let folder = try OutputFolder(path: out)
        try folder.write("index.html", IndexPage.render(entries))
        try folder.write("index.md", IndexPage.markdown(entries))
        if !quiet {
            print("index.html written; \(Course.lessons.count) lessons in \(Int(Date().timeIntervalSince(start) * 1000)) ms")
        }
    }

    /// Runs one lesson with its default inputs (the source texts' numbers) into this folder.
    func runDefault<L: Lesson>(_ type: L.Type) throws -> LessonRunner.Summary {
        let lesson = try L.parse(["--out", out, "--lang", lang.rawValue, "--quiet"])
        return try LessonRunner.run(lesson, course: Course.lessons)
    }
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
