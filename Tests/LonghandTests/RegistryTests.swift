import Foundation
import Testing
@testable import LonghandEngine
@testable import Notebook
@testable import LessonKit
@testable import Curriculum

/// The lesson registry: the folders under Lessons/ are the only list of lessons, and everything
/// that names the lessons (the catalog, the executables, the README, the cross-check) agrees with it.
@Suite("lesson registry")
struct RegistryTests {
    static let lessonsFolder = TestSupport.packageRoot.appendingPathComponent("Lessons")

    /// The lesson folders: folders under Lessons/ holding a main.swift (as Package.swift reads them).
    static var folders: [String] {
        let fm = FileManager.default
        return ((try? fm.contentsOfDirectory(atPath: lessonsFolder.path)) ?? [])
            .filter { fm.fileExists(atPath: lessonsFolder.appendingPathComponent("\($0)/main.swift").path) }
            .sorted()
    }

    @Test("parts come in reading order, each in one run; the feedforward lesson opens the forward-pass part, before backpropagation")
    func partsInOrder() throws {
        let parts = Course.lessons.map { $0.part.rawValue }
        #expect(parts == parts.sorted(), "a part's lessons must be consecutive and the parts in CoursePart's order")
        #expect(Set(parts) == Set(CoursePart.allCases.map(\.rawValue)), "every part holds a lesson")
        let ids = Course.lessons.map { $0.id }
        #expect(FeedforwardLesson.part == .forwardPass && FeedforwardLesson.part != SigmoidNeuronLesson.part)
        #expect(Course.lessons.filter { $0.part == .forwardPass }.map { $0.id } == ["feedforward", "activations", "loss-functions"])
        let feedforward = try #require(ids.firstIndex(of: "feedforward")), backprop = try #require(ids.firstIndex(of: "backprop-by-hand"))
        #expect(feedforward < backprop && ids[feedforward - 1] == "sigmoid-neuron")
    }

    @Test("the catalog holds exactly the lesson folders, each lesson's id is its folder, reading order is by position")
    func catalogMatchesFolders() throws {
        let ids = Course.lessons.map { $0.id }
        #expect(ids.sorted() == Self.folders)
        #expect(Self.folders.count == 17)
        let positions = Course.lessons.map { $0.position }
        #expect(positions == positions.sorted() && Set(positions).count == positions.count, "positions must be distinct")
        for lesson in Course.lessons {
            // The lesson's type is declared in its own folder, and its main.swift runs that type.
            let folder = Self.lessonsFolder.appendingPathComponent(lesson.id)
            let main = try String(contentsOf: folder.appendingPathComponent("main.swift"), encoding: .utf8)
            #expect(main.contains("LessonMain.main(\(lesson).self"), "\(lesson.id)/main.swift does not run \(lesson)")
            let sources = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
            let declares = try sources.contains { name in
                try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).contains("struct \(lesson): Lesson")
            }
            #expect(declares, "\(lesson) is not declared in Lessons/\(lesson.id)/")
            #expect(lesson.helpMessage().contains("USAGE: \(lesson.id) "), "the executable name is not the id")
        }
    }

    @Test("the built executables are exactly the lesson folders")
    func executablesMatchFolders() {
        for id in Self.folders {
            #expect(FileManager.default.isExecutableFile(atPath: TestSupport.productsFolder.appendingPathComponent(id).path), "\(id) not built")
        }
    }

    /// The ids in the README's lesson table, in order.
    static func readmeIDs() throws -> [String] {
        let readme = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        return readme.split(separator: "\n").compactMap { line -> String? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4, Int(cells[1]) != nil, cells[2].hasPrefix("`"), cells[2].hasSuffix("`") else { return nil }
            return String(cells[2].dropFirst().dropLast())
        }
    }

    @Test("the README's lesson table lists every lesson once, in reading order, numbered 1, 2, …")
    func readmeTable() throws {
        #expect(try Self.readmeIDs() == Course.lessons.map { $0.id })
    }

    @Test("the cross-check reads the lesson folders, and each of its modules is a lesson")
    func crosscheckModules() throws {
        let script = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("scripts/crosscheck/crosscheck.py"), encoding: .utf8)
        #expect(!script.contains("\"sigmoid-neuron\""), "crosscheck.py keeps its own list of lessons")
        let modules = try FileManager.default.contentsOfDirectory(atPath: TestSupport.packageRoot.appendingPathComponent("scripts/crosscheck/lessons").path)
            .filter { $0.hasSuffix(".py") && $0 != "__init__.py" && $0 != "common.py" }
            .map { String($0.dropLast(3)).replacingOccurrences(of: "_", with: "-") }
        for module in modules { #expect(Self.folders.contains(module), "scripts/crosscheck/lessons/\(module).py names no lesson") }
    }

    /// Where a lesson is named outside its own folder: every file under the package (generated
    /// output and build products aside) that mentions the lesson's type name.
    static func filesNaming(_ type: String) -> [String] {
        let root = TestSupport.packageRoot
        var found: [String] = []
        let skip = ["Output", ".build", ".git", ".swiftpm"]
        for case let path as String in FileManager.default.enumerator(atPath: root.path) ?? .init() {
            // Extra build folders (`.build-release`, `--scratch-path .build-X`) hold generated copies too.
            if skip.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) || path.hasPrefix(".build") { continue }
            guard path.hasSuffix(".swift") || path.hasSuffix(".py") || path.hasSuffix(".md") || path == "Makefile" else { continue }
            if let text = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8), text.contains(type) {
                found.append(path)
            }
        }
        return found
    }

    @Test("a lesson is named only in its folder and its tests: adding one touches its folder, its test, Output/ and the README row")
    func lessonTouchesFewFiles() {
        for lesson in Course.lessons {
            let type = "\(lesson)"
            let outside = Self.filesNaming(type).filter { path in
                // Lessons may build on another lesson's code (never the shared code or a list), and the
                // benchmark times the digits lesson.
                !Self.folders.contains { path.hasPrefix("Lessons/\($0)/") } && !path.hasPrefix("Tests/")
                    && path != "Sources/longhand-bench/main.swift"
            }
            #expect(outside.isEmpty, "\(type) is named outside its folder and tests: \(outside)")
        }
    }

    @Test("each option's declaration agrees with the command line: names, order, help lines, --json keys", arguments: Course.lessons.map { $0.id })
    func declarationsMatchTheCommandLine(_ id: String) throws {
        let type = try #require(Course.lessons.first { $0.id == id })
        try Self.checkDeclarations(type)
    }

    static func checkDeclarations<L: Lesson>(_ type: L.Type) throws {
        let help = L.helpMessage(columns: 10_000)
        let commandLine = PropertyTests.valueOptions(type).filter { !["--out", "--lang"].contains($0) }
        #expect(commandLine == L.options.map { "--\($0.name)" }, "\(L.id): declared options differ from the @Option properties")
        let descriptions = L.optionDescriptions
        #expect(descriptions.map(\.name) == L.options.map(\.name))
        let defaults = try L.parse([])
        #expect(defaults.optionError() == nil, "\(L.id): the defaults are refused")
        #expect(defaults.parameters.map(\.0) == L.options.compactMap { $0.parameter(defaults) == nil ? nil : $0.jsonKey })
        for (option, description) in zip(L.options, descriptions) {
            #expect(help.contains("Accepted: \(option.rule.accepted.en)."), "\(L.id) --\(option.name): help does not say what is accepted")
            #expect(!description.label.en.isEmpty && !description.label.zh.isEmpty && !description.help.zh.isEmpty)
            #expect(description.help.zh.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(L.id) --\(option.name): no Chinese help")
            // The default, given back on the command line, parses to the same value.
            if !description.defaultValue.isEmpty {
                guard case .success(let parsed) = L.parseOptions(["--\(option.name)", description.defaultValue]) else {
                    Issue.record("\(L.id) --\(option.name) \(description.defaultValue): the default is refused")
                    continue
                }
                #expect(option.read(parsed) == option.read(defaults), "\(L.id) --\(option.name): default does not round-trip")
            }
        }
    }
}

/// Help and validation cannot disagree: every option is fed the extremes its help documents and the
/// values just outside them; the extremes are accepted, the values outside refused, naming the option.
@Suite("documented extremes")
struct DocumentedExtremesTests {
    @Test("every option accepts its documented extremes and refuses the values just outside", arguments: Course.lessons.map { $0.id })
    func extremes(_ id: String) throws {
        let type = try #require(Course.lessons.first { $0.id == id })
        try Self.check(type)
    }

    /// Text of a number just outside `x`, in the direction `down`.
    static func outside(_ x: Double, down: Bool) -> String {
        OptionText.number(down ? x.nextDown : x.nextUp)
    }

    static func check<L: Lesson>(_ type: L.Type) throws {
        var tested = 0
        for option in L.options {
            let name = "--\(option.name)"
            var accepted: [[String]] = [], refused: [[String]] = []
            let defaults = L.optionDescriptions.first { $0.name == option.name }?.defaultValue ?? ""
            switch option.rule.shape {
            case .number(let r):
                accepted = [[name, OptionText.number(r.lowerBound)], [name, OptionText.number(r.upperBound)]]
                refused = [[name, outside(r.lowerBound, down: true)], [name, outside(r.upperBound, down: false)]]
            case .integer(let r):
                accepted = [[name, String(r.lowerBound)], [name, String(r.upperBound)]]
                refused = [[name, String(r.lowerBound - 1)]]
                refused.append([name, r.upperBound == Int.max ? "9223372036854775808" : String(r.upperBound + 1)])
            case .list(let count, let each, let whole):
                // The count the default has (or the smallest allowed), every entry at one extreme.
                var n = defaults.isEmpty ? (count.range?.lowerBound ?? 1) : defaults.split(separator: ",").count
                if case .sameAs(let other) = count {
                    n = (L.optionDescriptions.first { $0.name == other }?.defaultValue ?? "").split(separator: ",").count
                }
                func list(_ x: String) -> String { Array(repeating: x, count: n).joined(separator: ",") }
                let lo = whole ? OptionText.number(each.lowerBound.rounded(.up)) : OptionText.number(each.lowerBound)
                let hi = whole ? OptionText.number(each.upperBound.rounded(.down)) : OptionText.number(each.upperBound)
                accepted = [[name, list(lo)], [name, list(hi)]]
                refused = [[name, list(outside(each.lowerBound, down: true))], [name, list(outside(each.upperBound, down: false))]]
                if whole { refused.append([name, list(OptionText.number(each.lowerBound + 0.5))]) }
                if let counts = count.range {
                    let step = { if case .rows(let c, _) = count { return c } else { return 1 } }()
                    if counts.lowerBound - step >= 1 {
                        refused.append([name, Array(repeating: lo, count: counts.lowerBound - step).joined(separator: ",")])
                    }
                    refused.append([name, Array(repeating: lo, count: counts.upperBound + step).joined(separator: ",")])
                }
            case .choice(let words):
                accepted = words.map { [name, $0] }
                refused = [[name, "not-a-choice"]]
            }
            if !option.extremeValues.isEmpty { accepted = option.extremeValues.map { [name, $0] } }
            for arguments in accepted {
                let line = option.extremesNeed + arguments
                if case .failure(let error) = L.parseOptions(line) {
                    Issue.record("\(L.id) \(line.joined(separator: " ")): documented as accepted (\(option.rule.accepted.en)) but refused: \(error.message.en)")
                }
                tested += 1
            }
            for arguments in refused {
                let line = option.extremesNeed + arguments
                switch L.parseOptions(line) {
                case .success:
                    Issue.record("\(L.id) \(line.joined(separator: " ")): outside what the help documents (\(option.rule.accepted.en)) but accepted")
                case .failure(let error):
                    #expect(error.option == option.name, "\(L.id) \(line.joined(separator: " ")): refusal names \(error.option ?? "no option"): \(error.message.en)")
                    #expect(error.message.en.hasPrefix(name) && error.message.zh.hasPrefix(name), "\(error.message)")
                }
                tested += 1
            }
        }
        #expect(tested >= 2 * L.options.count)
    }

    @Test("a refusal is one line in English and in Chinese, with the value shortened and control characters escaped")
    func refusalMessages() {
        let long = String(repeating: "7", count: 130_000) + "x"
        guard case .failure(let error) = PerceptronLesson.parseOptions(["--threshold", long]) else {
            Issue.record("a 130,000-character threshold was accepted")
            return
        }
        #expect(error.option == "threshold")
        #expect(error.message.en.count < 200 && error.message.zh.count < 200, "\(error.message.en.count) characters")
        #expect(error.message.zh.contains("可接受"))
        guard case .failure(let escape) = PerceptronLesson.parseOptions(["--threshold", "1\u{1B}[31m\n2"]) else { return }
        #expect(!escape.message.en.contains("\u{1B}") && !escape.message.en.contains("\n"))
        #expect(escape.message.en.contains("\\u{1b}[31m\\n2") && escape.option == "threshold")
        guard case .failure(let negative) = PerceptronLesson.parseOptions(["--epochs", "-1"]) else { return }
        #expect(negative.message.en == "--epochs: -1 is out of range; accepted: a whole number from 1 to 1000")
        guard case .failure(let count) = SigmoidNeuronLesson.parseOptions(["--weights", "1,2,3,4,5,6,7,8,9,10,11"]) else { return }
        #expect(count.message.en.hasPrefix("--weights: got 11 numbers"), "\(count.message.en)")
        guard case .failure(let choice) = XorNetLesson.parseOptions(["--activation", "x"]) else { return }
        #expect(choice.message.en.hasSuffix("accepted: one of sigmoid, tanh, relu, leaky-relu, elu, identity"), "\(choice.message.en)")
    }
}
