import ArgumentParser
import Foundation
import LessonKit
import Notebook

/// A small lesson for the server's tests: every kind of option, sentences chosen from computed
/// values, math, and a cost option (`--steps`) that really takes time (one millisecond per step),
/// so the pool and the budget can be exercised.
struct TryLesson: Lesson {
    static let configuration = CommandConfiguration(commandName: "try-lesson", abstract: "A test lesson.")
    static let id = "try-lesson"
    static let title = Localized("A weighted sum", zh: "加权和")
    static let summary = Localized("z = w·x + b.", zh: "z = w·x + b。")
    static let part = CoursePart.singleNeurons
    static let position = 10_000

    /// The value options as the lessons declare them; the flag is described by hand below, since no
    /// lesson has one (the panel and the query parser still support it).
    static var options: [LessonOption<TryLesson>] {[
        .numbers("weights", \.weights, count: .between(1...4), each: -1000...1000,
                 label: Localized("Weights", zh: "权重"), help: Localized("The weights", zh: "权重")),
        .number("bias", \.bias, -1000...1000, label: Localized("Bias", zh: "偏置"), help: Localized("The bias", zh: "偏置")),
        .integer("steps", \.steps, 0...1000, label: Localized("Work", zh: "工作量"), help: Localized("Milliseconds of work", zh: "工作的毫秒数")),
        .choice("mode", \.mode, label: Localized("Mode", zh: "方式"), help: Localized("How the products are combined", zh: "乘积的合并方式")),
    ]}

    @OptionGroup var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: "The weights (1 to 4 numbers, each from -1000 to 1000).")
    var weights = NumberList([0.5, -1])

    @Option(name: .long, parsing: .unconditional, help: "The bias (-1000 to 1000).")
    var bias = FiniteNumber(2)

    @Option(name: .long, help: "Milliseconds of work (0 to 1000).")
    var steps = 0

    @Option(name: .long, help: "How the inputs are combined: sum or max.")
    var mode: Mode = .sum

    @Flag(name: .long, help: "Also print every product.")
    var verbose = false

    enum Mode: String, ExpressibleByArgument, CaseIterable, Sendable { case sum, max }

    init() {}

    static let optionDescriptions: [OptionDescription] = [
        OptionDescription(name: "weights", kind: .numberList, defaultValue: "0.5,-1", label: Localized("Weights", zh: "权重"),
                          help: Localized("The weights", zh: "权重"), accepted: Localized("1 to 4 numbers from -1000 to 1000", zh: "1 到 4 个 -1000 到 1000 的数")),
        OptionDescription(name: "bias", kind: .number, defaultValue: "2", label: Localized("Bias", zh: "偏置"),
                          help: Localized("The bias", zh: "偏置"), accepted: Localized("a number from -1000 to 1000", zh: "-1000 到 1000 的数")),
        OptionDescription(name: "steps", kind: .integer, defaultValue: "0", label: Localized("Work", zh: "工作量"),
                          help: Localized("Milliseconds of work", zh: "工作的毫秒数"), accepted: Localized("0 to 1000", zh: "0 到 1000")),
        OptionDescription(name: "mode", kind: .choice(["sum", "max"]), defaultValue: "sum", label: Localized("Mode", zh: "方式"),
                          help: Localized("How the products are combined", zh: "乘积的合并方式"), accepted: Localized("sum or max", zh: "sum 或 max")),
        OptionDescription(name: "verbose", kind: .flag, defaultValue: "false", label: Localized("Every product", zh: "列出每个乘积"),
                          help: Localized("List every product", zh: "列出每个乘积"), accepted: Localized("on or off", zh: "开或关")),
    ]

    func validate() throws {
        guard (1...4).contains(weights.values.count), weights.values.allSatisfy({ abs($0) <= 1000 }) else {
            throw ValidationError("--weights: '\(weights)' is not accepted; accepted: 1 to 4 numbers, each from -1000 to 1000")
        }
        guard abs(bias.value) <= 1000 else { throw ValidationError("--bias: '\(bias)' is not accepted; accepted: a number from -1000 to 1000") }
        guard (0...1000).contains(steps) else { throw ValidationError("--steps: '\(steps)' is not accepted; accepted: 0 to 1000") }
    }

    var parameters: [(String, JSONValue)] {
        [("weights", .vector(weights.values)), ("bias", .number(bias.value)), ("steps", .number(Double(steps))),
         ("mode", .string(mode.rawValue)), ("verbose", .string(verbose ? "on" : "off"))]
    }

    /// The inputs are fixed: x = (1, 2, 3, 4) cut to the number of weights.
    static func z(weights: [Double], bias: Double, mode: Mode) -> Double {
        let products = zip(weights, [1.0, 2, 3, 4]).map { $0 * $1 }
        return (mode == .sum ? products.reduce(0, +) : products.max()!) + bias
    }

    func write(_ page: inout Page) throws {
        if steps > 0 { usleep(useconds_t(steps * 1000)) }
        let z = TryLesson.z(weights: weights.values, bias: bias.value, mode: mode)
        page.section("The sum", zh: "求和")
        page.equation(tex: "z = \(z)", text: "z = \(z)")
        page.record("z", z)
        if z > 0 {
            page.say("Here z = \(z) is positive.", zh: "这里 z = \(z) 是正数。")
        } else {
            page.say("Here z = \(z) is not positive.", zh: "这里 z = \(z) 不是正数。")
        }
        if verbose {
            page.say("Products: \(zip(weights.values, [1.0, 2, 3, 4]).map { "\($0 * $1)" }.joined(separator: ", ")).", zh: "乘积：\(zip(weights.values, [1.0, 2, 3, 4]).map { "\($0 * $1)" }.joined(separator: "，"))。")
        }
    }
}
