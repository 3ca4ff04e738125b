import Foundation
import LessonKit
import Notebook

/// How much one request may ask a lesson to compute: caps on the options that set how long a
/// lesson runs (training steps, epochs, sample counts, layer sizes), tighter than what the command
/// line accepts, so one reader cannot occupy the server's cores for long.
///
/// The caps are provisional: set from the lessons' defaults and debug-build timings, to be confirmed
/// against release-build timings with `make bench` (the README lists them). Caps match options by
/// their long name, as the lessons' option descriptions give it. Values up to the cap are the command line's;
/// beyond it the server answers 400 with a message that names the cap and gives the command that
/// computes the page locally.
public struct RequestBudget: Sendable {
    /// Lesson id → option name → the largest value (or list element) served.
    public let caps: [String: [String: Int]]

    public init(caps: [String: [String: Int]]) {
        self.caps = caps
    }

    /// The budget the server runs with.
    public static let standard = RequestBudget(caps: [
        "perceptron": ["epochs": 1000],
        "activations": ["layers": 60],
        "gradient-descent": ["fit-steps": 50_000],
        "backprop-by-hand": ["epochs": 5_000],
        "xor-net": ["iterations": 10_000],
        "quadrant-net": ["iterations": 2_000, "hidden": 100],
        "evaluation": ["samples": 600, "iterations": 1_000],
        "initialization": ["layers": 20, "width": 64, "batch": 256],
        "regularization": ["iterations": 3_000, "points": 40, "hidden": 60, "copies": 20, "patience": 3_000],
        "normalization-and-clipping": ["steps": 1_000],
        "optimizers": ["steps": 2_000, "epochs": 1_000],
        "digits": ["epochs": 10, "hidden": 64, "filters": 8, "training-samples": 1_000],
    ])

    /// No caps (tests of pages the CLI writes with large values).
    public static let unlimited = RequestBudget(caps: [:])

    /// Whether every option is within its cap.
    public func allows(lesson: String, values: OptionValues) -> Bool {
        check(lesson: lesson, values: values) == nil
    }

    /// The first option over its cap, as a refusal naming the cap.
    func check(lesson: String, values: OptionValues) -> OptionError? {
        guard let caps = caps[lesson] else { return nil }
        for (name, cap) in caps.sorted(by: { $0.key < $1.key }) {
            guard let text = values.given[name] else { continue }
            let numbers = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard let largest = numbers.max(), largest > Double(cap) else { continue }
            let command = "swift run \(lesson) --\(name) \(text)"
            return OptionError(option: name, message: Localized(
                "--\(name): \(text) is more than this server computes per request (at most \(cap)); the command line computes it: \(command)",
                zh: "--\(name)：\(text) 超出了本服务器每次请求的计算预算（最多 \(cap)）；可以在命令行里算：\(command)"))
        }
        return nil
    }
}
