import ArgumentParser
import Foundation
import LessonKit
import Notebook

/// `longhand walkthrough SPEC…`: any small network described in a spec file, worked out longhand
/// into Output/<lang>/walkthroughs/<name>.md|.html|.ipynb|.svg.
public struct WalkthroughCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "walkthrough",
        abstract: "Work out any small network described in a spec file (.yaml or .json): forward pass, loss, every derivative, the update, checked.",
        discussion: """
        The spec format is documented in README.md and in Lessons/walkthroughs/walkthrough.schema.json; copy an example from \
        Lessons/walkthroughs. A spec that is not valid prints one line naming the place in the file (line and path) and what \
        is expected, and exits with 65; a missing or unreadable file exits with 66; nothing is written then.
        """)

    @Argument(help: ArgumentHelp("Spec files (.yaml or .json).", valueName: "spec"))
    public var specs: [String]

    @OptionGroup public var common: CommonOptions

    public init() {}

    public func run() throws {
        // Every spec is read and checked before anything is written.
        var pages: [(WalkthroughSpec, Page)] = []
        for path in specs {
            do {
                let spec = try Walkthrough.spec(atPath: path)
                pages.append((spec, Walkthrough.notebook(spec)))
            } catch let error as SpecError {
                LessonMain.fail("longhand walkthrough: \(path): \(error.description)", code: error.exitCode)
            }
        }
        let languages = common.lang.languages
        var files: [(String, String)] = []
        for (_, page) in pages { files += Walkthrough.files(page, languages: languages) }
        let output = try OutputFolder(path: common.out)
        let katex = output.katexFilesToWrite()
        // Every page and KaTeX as one set: all written, or (a full disk) none.
        try output.write(files.map { ($0.0, Data($0.1.utf8)) } + (katex ?? []))
        var text = ""
        for (spec, page) in pages {
            if common.json {
                text += PageRenderers.printed(.json, page, language: .en, context: Walkthrough.printContext(spec, outputRoot: common.out))
            } else if !common.quiet {
                let language = languages.first ?? .en
                text += PageRenderers.printed(.terminal, page, language: language, context: Walkthrough.printContext(spec, outputRoot: common.out))
                text += "Wrote " + files.map { "\(common.out)/\($0.0)" }.filter { ($0.hasSuffix(".md") || $0.hasSuffix(".html")) && $0.contains("/\(page.id).") }.joined(separator: ", ") + "\n"
            }
            LessonRunner.warn(page.warnings.map { "\(spec.name): \(PlainMath.prose($0))" })
        }
        if katex == nil { LessonRunner.warnKaTeXMissing() }
        if !text.isEmpty { try LessonRunner.printOut(text) }
    }

    /// Works out the shipped examples (Lessons/walkthroughs) for the aggregate run: their files, to be
    /// written with the rest of the site as one set, and their index entries. A shipped spec that fails
    /// to parse is an error of the project.
    public static func shippedFiles(lang: LanguageChoice) throws -> (files: [(String, String)], entries: [IndexPage.Entry]) {
        let paths = Walkthrough.shippedSpecs()
        // Examples are independent, so they are worked out side by side; results stay in file order.
        let results = ParallelResults<(WalkthroughSpec, [(String, String)])>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            results.set(i, Result {
                let spec = try Walkthrough.spec(atPath: paths[i])
                return (spec, Walkthrough.files(Walkthrough.notebook(spec), languages: lang.languages))
            })
        }
        var files: [(String, String)] = []
        var entries: [IndexPage.Entry] = []
        for result in results.all {
            let (spec, specFiles) = try result.get()
            files += specFiles
            entries.append(IndexPage.Entry(id: "\(Walkthrough.folder)/\(spec.name)", title: spec.title,
                                           summary: Walkthrough.summary(spec), part: Walkthrough.part))
        }
        return (files, entries)
    }
}

