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
        var pages: [(WalkthroughSpec, Notebook)] = []
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
        for (path, contents) in files { try output.write(path, contents) }
        let hasKaTeX = try output.installKaTeX()
        for (spec, page) in pages {
            if common.json {
                print(Walkthrough.json(spec, page: page))
            } else if !common.quiet {
                let language = languages.first ?? .en
                let text = TextRenderer.render(page, language: language) { figure in
                    "\(common.out)/\(language.rawValue)/\(Walkthrough.folder)/\(MarkdownRenderer.figureFile(lesson: page.id, figure))"
                }
                print(text, terminator: "")
                print("Wrote " + files.map { "\(common.out)/\($0.0)" }.filter { ($0.hasSuffix(".md") || $0.hasSuffix(".html")) && $0.contains("/\(page.id).") }.joined(separator: ", "))
            }
            for warning in page.warnings {
                FileHandle.standardError.write(Data("warning: \(spec.name): \(PlainMath.prose(warning))\n".utf8))
            }
        }
        if !hasKaTeX && !common.quiet {
            FileHandle.standardError.write(Data("warning: KaTeX not found at \(OutputFolder.systemKaTeX) (apt-get install libjs-katex); pages will show TeX source\n".utf8))
        }
    }

    /// Generates the shipped examples (Lessons/walkthroughs) into `out`, for the aggregate run;
    /// returns their index entries. A shipped spec that fails to parse is an error of the project.
    public static func generateShipped(out: String, lang: LanguageChoice) throws -> [IndexPage.Entry] {
        let output = try OutputFolder(path: out)
        let paths = Walkthrough.shippedSpecs()
        // Examples are independent, so they are worked out side by side; results stay in file order.
        let results = Slots<(WalkthroughSpec, [(String, String)])>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            results.set(i, Result {
                let spec = try Walkthrough.spec(atPath: paths[i])
                return (spec, Walkthrough.files(Walkthrough.notebook(spec), languages: lang.languages))
            })
        }
        var entries: [IndexPage.Entry] = []
        for result in results.all {
            let (spec, files) = try result.get()
            for (file, contents) in files { try output.write(file, contents) }
            entries.append(IndexPage.Entry(id: "\(Walkthrough.folder)/\(spec.name)", title: spec.title,
                                           summary: Walkthrough.summary(spec), part: Walkthrough.part))
        }
        return entries
    }
}

/// One result per item, filled in from several threads.
final class Slots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<T, Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ result: Result<T, Error>) {
        lock.lock()
        slots[i] = result
        lock.unlock()
    }

    /// Every result, in order; call after all have been set.
    var all: [Result<T, Error>] { slots.map { $0! } }
}
