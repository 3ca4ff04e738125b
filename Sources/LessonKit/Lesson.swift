import ArgumentParser
import Foundation
import LonghandEngine
import Notebook

/// A lesson: a command whose options are the lesson's inputs and which writes one notebook page.
///
/// A conforming type lives in its own folder Lessons/<id>/ (the folder name is its `id`, given by the
/// LessonCatalog build plugin), includes `@OptionGroup var common: CommonOptions`, declares each of
/// its options once in `options` (help, validation, random arguments, `--json` parameters and forms
/// all come from there), and writes its story in `write(_:)`.
public protocol Lesson: ParsableCommand {
    /// The executable name and file name: `perceptron` (the lesson's folder name).
    static var id: String { get }
    /// Where the lesson comes in reading order: lessons are sorted by it (numbered 10, 20, … so a
    /// lesson can be put between two without renumbering them).
    static var position: Int { get }
    /// The page title in both languages.
    static var title: Localized { get }
    /// One line for the index.
    static var summary: Localized { get }
    /// The course part the lesson belongs to.
    static var part: CoursePart { get }

    /// The options shared by every lesson.
    var common: CommonOptions { get }
    /// Every lesson option, declared once, in the order of the `@Option` properties.
    static var options: [LessonOption<Self>] { get }
    /// The lesson's inputs as they appear under "parameters" in `--json` (default: from `options`).
    var parameters: [(String, JSONValue)] { get }
    /// Checks that concern several options together (a list as long as another, sizes that must fit);
    /// each option's own range is checked from its declaration before this runs.
    func validateTogether() throws(OptionError)
    /// Writes the lesson's page, computing every number with the engine.
    func write(_ page: inout Page) throws

    /// Random command-line arguments that validation accepts, for the property tests (default: drawn
    /// from `options`, retried until the options fit together).
    static func randomArguments(_ random: inout SeededRandom) -> [String]

    /// Every lesson option (not the common ones) in declaration order, for help, forms and tests.
    static var optionDescriptions: [OptionDescription] { get }
}

extension Lesson {
    /// Runs the lesson: builds the page, writes the files, prints the terminal edition or JSON.
    public mutating func run() throws {
        try LessonRunner.run(self)
    }

    /// swift-argument-parser's validation: each declared option's range, then `validateTogether`.
    public func validate() throws {
        if let error = optionError() { throw error }
    }

    public func validateTogether() throws(OptionError) {}

    /// Why the options are refused, or nil: the first declared option out of its range, else the
    /// first relation between options that does not hold.
    public func optionError() -> OptionError? {
        var counts: [String: Int] = [:]
        for option in Self.options { counts[option.name] = option.count(self) }
        for option in Self.options {
            if let error = option.check(self, counts: counts) { return error }
        }
        do { try validateTogether() } catch { return error }
        return nil
    }

    public var parameters: [(String, JSONValue)] {
        Self.options.compactMap { option in option.parameter(self).map { (option.jsonKey, $0) } }
    }

    public static func randomArguments(_ random: inout SeededRandom) -> [String] {
        for _ in 0..<200 {
            var arguments: [String] = []
            var counts: [String: Int] = [:]
            for option in options {
                guard let text = option.random(&random, counts: counts) else { continue }
                arguments += ["--\(option.name)", text]
                if case .list = option.rule.shape { counts[option.name] = text.split(separator: ",").count }
            }
            if case .success = parseOptions(arguments) { return arguments }
        }
        return []
    }

    public static var optionDescriptions: [OptionDescription] {
        // Asked several times per server request; parsing the defaults each time was measurable.
        OptionDescriptionMemo.descriptions(of: Self.self) {
            // `Self()` leaves the @Option properties unset; parsing no arguments gives the defaults.
            guard let defaults = try? parse([]) else { return [] }
            return options.map { $0.description(defaults: defaults) }
        }
    }

    /// The declared option named `name` (`learning-rate`).
    public static func option(_ name: String) -> LessonOption<Self> {
        guard let option = options.first(where: { $0.name == name }) else {
            fatalError("\(Self.self): --\(name) has an @Option property but no declaration in `options`")
        }
        return option
    }

    /// The `--help` line of option `name`, from its declaration (the @Option property's binding).
    public static func help(_ name: String) -> ArgumentHelp { option(name).argumentHelp }

    /// Parses command-line arguments (`["--weights", "0.5,-1"]`) exactly as the executable does,
    /// including validation; a refused value comes back as an `OptionError` with the CLI's line.
    public static func parseOptions(_ arguments: [String]) -> Result<Self, OptionError> {
        do {
            return .success(try parse(arguments))
        } catch {
            return .failure(UsageMessage.optionError(for: error, in: Self.self))
        }
    }

    /// The page this lesson writes with its current options.
    public func notebook() throws -> Page {
        var page = Page(id: Self.id, title: Self.title)
        try write(&page)
        return page
    }
}

/// The parts of the course, in reading order.
public enum CoursePart: Int, CaseIterable, Sendable {
    case singleNeurons, forwardPass, learning, multiLayer, convolution, trainingCraft, realData

    /// The part's heading on the index and in page headers.
    public var title: Localized {
        switch self {
        case .singleNeurons: return Localized("Single neurons", zh: "单个神经元")
        case .forwardPass: return Localized("From neurons to networks: the forward pass", zh: "从神经元到网络：前向计算")
        case .learning: return Localized("How a network learns", zh: "网络如何学习")
        case .multiLayer: return Localized("Multi-layer networks", zh: "多层网络")
        case .convolution: return Localized("Convolution", zh: "卷积")
        case .trainingCraft: return Localized("The craft of training", zh: "训练技巧")
        case .realData: return Localized("Real data", zh: "真实数据")
        }
    }
}

/// Each lesson type's option descriptions, worked out once: they depend on the type alone.
enum OptionDescriptionMemo {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var memo: [ObjectIdentifier: [OptionDescription]] = [:]

    static func descriptions(of type: Any.Type, make: () -> [OptionDescription]) -> [OptionDescription] {
        if let hit = lock.withLock({ memo[ObjectIdentifier(type)] }) { return hit }
        let made = make()
        lock.withLock { memo[ObjectIdentifier(type)] = made }
        return made
    }
}
