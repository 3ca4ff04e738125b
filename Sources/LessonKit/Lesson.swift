import ArgumentParser
import Longhand
import Notebook

/// A lesson: a command whose options are the lesson's inputs and which writes one notebook page.
///
/// A conforming type declares its options with swift-argument-parser, includes
/// `@OptionGroup var common: CommonOptions`, and writes its story in `write(_:)`.
public protocol Lesson: ParsableCommand {
    /// The executable name and file name: `perceptron`.
    static var id: String { get }
    /// The page title in both languages.
    static var title: Localized { get }
    /// One line for the index.
    static var summary: Localized { get }
    /// The course part the lesson belongs to.
    static var part: CoursePart { get }

    /// The options shared by every lesson.
    var common: CommonOptions { get }
    /// The lesson's inputs as they appear under "parameters" in `--json`.
    var parameters: [(String, JSONValue)] { get }
    /// Writes the lesson's page, computing every number with the engine.
    func write(_ page: inout Notebook) throws

    /// Random command-line arguments that `validate()` accepts, for the property tests
    /// (the default, no arguments, tests only the defaults).
    static func randomArguments(_ random: inout SeededRandom) -> [String]

    /// Every lesson option (not the common ones) in declaration order, for help, forms and tests.
    static var optionDescriptions: [OptionDescription] { get }
}

extension Lesson {
    /// Runs the lesson: builds the page, writes the files, prints the terminal edition or JSON.
    public mutating func run() throws {
        try LessonRunner.run(self)
    }

    public static func randomArguments(_ random: inout SeededRandom) -> [String] { [] }

    // Provisional until every lesson declares its options once (issue 13): no descriptions.
    public static var optionDescriptions: [OptionDescription] { [] }

    /// Parses command-line arguments (`["--weights", "0.5,-1"]`) exactly as the executable does,
    /// including validation; a refused value comes back as an `OptionError` with the CLI's line.
    public static func parseOptions(_ arguments: [String]) -> Result<Self, OptionError> {
        do {
            return .success(try parse(arguments))
        } catch {
            let line = UsageMessage.oneLine(message(for: error), help: helpMessage(columns: 10_000))
            let option = line.hasPrefix("--") ? String(line.dropFirst(2).prefix { $0 != ":" && $0 != " " }) : nil
            return .failure(OptionError(option: option, message: Localized(same: line)))
        }
    }

    /// The page this lesson writes with its current options.
    public func notebook() throws -> Notebook {
        var page = Notebook(id: Self.id, title: Self.title)
        try write(&page)
        return page
    }
}

/// The parts of the course, in reading order.
public enum CoursePart: Int, CaseIterable, Sendable {
    case singleNeurons, learning, multiLayer, convolution, trainingCraft, realData

    /// The part's heading on the index and in page headers.
    public var title: Localized {
        switch self {
        case .singleNeurons: return Localized("Single neurons", zh: "单个神经元")
        case .learning: return Localized("How a network learns", zh: "网络如何学习")
        case .multiLayer: return Localized("Multi-layer networks", zh: "多层网络")
        case .convolution: return Localized("Convolution", zh: "卷积")
        case .trainingCraft: return Localized("The craft of training", zh: "训练技巧")
        case .realData: return Localized("Real data", zh: "真实数据")
        }
    }
}
