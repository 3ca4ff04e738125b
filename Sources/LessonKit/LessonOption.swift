import ArgumentParser
import LonghandEngine
import Notebook

/// One lesson option, declared once: its name, what it accepts, its label and help in both languages.
///
/// Everything else about the option is derived from this one value: the `--help` line, the range
/// checks of validation, random valid arguments for the property tests, its entry under "parameters"
/// in `--json`, and its `OptionDescription` for forms. A lesson lists its options in
/// `static var options`; each `@Option` property takes its help from the declaration by name:
///
///     @Option(name: .long, parsing: .unconditional, help: Self.help("threshold"))
///     public var threshold = FiniteNumber(5)
///
///     public static var options: [LessonOption<Self>] {[
///         .number("threshold", \.threshold, -1000...1000,
///                 label: Localized("Threshold", zh: "阈值"),
///                 help: Localized("The threshold the weighted sum must exceed", zh: "加权和必须超过的阈值")),
///     ]}
public struct LessonOption<L: Lesson> {
    /// The long name without dashes: `learning-rate`.
    public let name: String
    /// The property the option fills.
    public let keyPath: PartialKeyPath<L>
    /// What is accepted: kind, range, count.
    public let rule: OptionRule
    /// A short label for a form field.
    public let label: Localized
    /// The help sentence without the accepted range (the range is added from `rule`).
    public let help: Localized
    /// The placeholder in `--help`: `w1,w2,w3`.
    public let valueName: String
    /// The option's current value, as the rule sees it; nil when an optional option is not given.
    let read: (L) -> OptionValue?
    /// The option's `--json` parameter; nil leaves it out.
    var parameter: (L) -> JSONValue?
    /// The range random valid arguments are drawn from (a cheaper part of the accepted range).
    var sample: OptionRule?
    /// Other arguments that the documented extremes of this option need to be valid together
    /// (e.g. `--true-class 10` needs ten `--scores`): used by the extremes test only.
    public var extremesNeed: [String] = []
    /// Values at the documented extremes when they cannot be made from the rule alone (three
    /// fractions that must add up to 1): used by the extremes test only.
    public var extremeValues: [String] = []
    /// The same option, whose extremes are these values (each accepted as the help says).
    public func extremes(values: [String]) -> Self {
        var copy = self
        copy.extremeValues = values
        return copy
    }

    /// How many decimals random numbers get, so they print exactly on the command line.
    var decimals = 3

    /// The `--json` key: the name with underscores.
    public var jsonKey: String { name.replacingOccurrences(of: "-", with: "_") }

    /// The same option with another `--json` value (e.g. a matrix instead of a flat list).
    public func json(_ value: @escaping (L) -> JSONValue?) -> Self {
        var copy = self
        copy.parameter = value
        return copy
    }

    /// The same option with random values drawn from a narrower rule (keeps property tests fast).
    public func sampled(_ rule: OptionRule, decimals: Int? = nil) -> Self {
        var copy = self
        copy.sample = rule
        if let decimals { copy.decimals = decimals }
        return copy
    }

    /// The same option, whose extremes are tested together with `arguments`.
    public func extremes(need arguments: [String]) -> Self {
        var copy = self
        copy.extremesNeed = arguments
        return copy
    }

    /// The help line for swift-argument-parser: the help sentence and what is accepted.
    public var argumentHelp: ArgumentHelp {
        ArgumentHelp("\(help.en). Accepted: \(rule.accepted.en).", valueName: valueName)
    }

    /// The machine-readable description (forms, tests).
    public func description(defaults: L) -> OptionDescription {
        OptionDescription(name: name, kind: rule.kind, defaultValue: read(defaults).map(rule.text) ?? "",
                          label: label, help: help, accepted: rule.accepted)
    }

    /// Why the option's current value is refused, or nil.
    public func check(_ lesson: L, counts: [String: Int]) -> OptionError? {
        guard let value = read(lesson) else { return nil }
        return rule.check(value, option: name, counts: counts)
    }

    /// A random valid value as command-line text (nil: leave the option out), given the list lengths
    /// already drawn for other options.
    func random(_ random: inout SeededRandom, counts: [String: Int]) -> String? {
        let rule = sample ?? self.rule
        if rule.isOptional && random.uniform() < 0.5 { return nil }
        return rule.random(&random, counts: counts, decimals: decimals)
    }

    /// The number of values of a list option (0 for other kinds), for `sameCount` rules.
    func count(_ lesson: L) -> Int? {
        if case .list(let values)? = read(lesson) { return values.count }
        return nil
    }
}

/// A value as a rule checks it.
public enum OptionValue: Sendable, Equatable {
    case number(Double)
    case integer(Int)
    case list([Double])
    case choice(String)
}

// MARK: Declaring options

extension LessonOption {
    /// One finite number in `range`.
    public static func number(_ name: String, _ keyPath: KeyPath<L, FiniteNumber>, _ range: ClosedRange<Double>,
                              label: Localized, help: Localized, valueName: String = "x") -> Self {
        Self(name: name, keyPath: keyPath, rule: .number(range), label: label, help: help, valueName: valueName,
             read: { .number($0[keyPath: keyPath].value) }, parameter: { .number($0[keyPath: keyPath].value) })
    }

    /// One whole number in `range`.
    public static func integer(_ name: String, _ keyPath: KeyPath<L, Int>, _ range: ClosedRange<Int>,
                               label: Localized, help: Localized, valueName: String = "n") -> Self {
        Self(name: name, keyPath: keyPath, rule: .integer(range), label: label, help: help, valueName: valueName,
             read: { .integer($0[keyPath: keyPath]) }, parameter: { .number(Double($0[keyPath: keyPath])) })
    }

    /// A whole number in `range` that may be left out (`absent` is its `--json` value then).
    public static func integer(_ name: String, _ keyPath: KeyPath<L, Int?>, _ range: ClosedRange<Int>, absent: String,
                               label: Localized, help: Localized, valueName: String = "n") -> Self {
        Self(name: name, keyPath: keyPath, rule: .integer(range).optional(), label: label, help: help, valueName: valueName,
             read: { $0[keyPath: keyPath].map(OptionValue.integer) },
             parameter: { $0[keyPath: keyPath].map { .number(Double($0)) } ?? .string(absent) })
    }

    /// A comma-separated list of numbers, `count` of them, each in `each` (whole numbers when `whole`).
    public static func numbers(_ name: String, _ keyPath: KeyPath<L, NumberList>, count: ListCount, each: ClosedRange<Double>,
                               whole: Bool = false, label: Localized, help: Localized, valueName: String = "x1,x2,…") -> Self {
        Self(name: name, keyPath: keyPath, rule: .list(count: count, each: each, whole: whole), label: label, help: help,
             valueName: valueName, read: { .list($0[keyPath: keyPath].values) }, parameter: { .vector($0[keyPath: keyPath].values) })
    }

    /// A list that may be left out; left out, it is not a `--json` parameter unless `json` says otherwise.
    public static func numbers(_ name: String, _ keyPath: KeyPath<L, NumberList?>, count: ListCount, each: ClosedRange<Double>,
                               whole: Bool = false, label: Localized, help: Localized, valueName: String = "x1,x2,…") -> Self {
        Self(name: name, keyPath: keyPath, rule: .list(count: count, each: each, whole: whole).optional(), label: label, help: help,
             valueName: valueName, read: { $0[keyPath: keyPath].map { .list($0.values) } },
             parameter: { $0[keyPath: keyPath].map { .vector($0.values) } })
    }

    /// One of the words `among` (by default every case of the type).
    public static func choice<E: RawRepresentable & CaseIterable>(_ name: String, _ keyPath: KeyPath<L, E>, among: [E]? = nil,
                                                                   label: Localized, help: Localized, valueName: String = "name") -> Self
        where E.RawValue == String {
        let words = (among ?? Array(E.allCases)).map(\.rawValue)
        return Self(name: name, keyPath: keyPath, rule: .choice(words), label: label, help: help, valueName: valueName,
                    read: { .choice($0[keyPath: keyPath].rawValue) }, parameter: { .string($0[keyPath: keyPath].rawValue) })
    }
}

// MARK: Rules

/// How many numbers a list option takes.
public enum ListCount: Sendable, Equatable {
    /// Exactly this many.
    case exactly(Int)
    /// Between these many.
    case between(ClosedRange<Int>)
    /// As many as the list option with this name holds.
    case sameAs(String)
    /// Whole rows of `columns` numbers, `rows` of them.
    case rows(columns: Int, rows: ClosedRange<Int>)

    /// The counts this rule allows when it does not depend on another option.
    public var range: ClosedRange<Int>? {
        switch self {
        case .exactly(let n): return n...n
        case .between(let r): return r
        case .sameAs: return nil
        case .rows(let c, let r): return (c * r.lowerBound)...(c * r.upperBound)
        }
    }
}

/// What one option accepts; the source of its "accepted" words, its checks and its random values.
public struct OptionRule: Sendable, Equatable {
    public enum Shape: Sendable, Equatable {
        case number(ClosedRange<Double>)
        case integer(ClosedRange<Int>)
        case list(count: ListCount, each: ClosedRange<Double>, whole: Bool)
        case choice([String])
    }
    public let shape: Shape
    /// The option may be left out.
    public private(set) var isOptional = false

    public static func number(_ range: ClosedRange<Double>) -> Self { Self(shape: .number(range)) }
    public static func integer(_ range: ClosedRange<Int>) -> Self { Self(shape: .integer(range)) }
    public static func list(count: ListCount, each: ClosedRange<Double>, whole: Bool = false) -> Self {
        Self(shape: .list(count: count, each: each, whole: whole))
    }
    public static func choice(_ words: [String]) -> Self { Self(shape: .choice(words)) }

    /// The same rule for an option that may be left out.
    public func optional() -> Self {
        var copy = self
        copy.isOptional = true
        return copy
    }

    /// The form field kind.
    public var kind: OptionDescription.Kind {
        switch shape {
        case .number: return .number
        case .integer: return .integer
        case .list(_, _, let whole): return whole ? .integerList : .numberList
        case .choice(let words): return .choice(words)
        }
    }

    /// Command-line text of a value.
    public func text(_ value: OptionValue) -> String {
        switch value {
        case .number(let x): return OptionText.number(x)
        case .integer(let n): return String(n)
        case .list(let xs): return xs.map(OptionText.number).joined(separator: ",")
        case .choice(let word): return word
        }
    }

    /// What is accepted, in words.
    public var accepted: Localized {
        switch shape {
        case .number(let r):
            return Localized("a number from \(OptionText.number(r.lowerBound)) to \(OptionText.number(r.upperBound))",
                             zh: "\(OptionText.number(r.lowerBound)) 到 \(OptionText.number(r.upperBound)) 之间的数")
        case .integer(let r):
            return OptionText.wholeNumber(r)
        case .list(let count, let each, let whole):
            let what = whole ? Localized("whole numbers", zh: "整数") : Localized("numbers", zh: "数")
            let from = OptionText.number(each.lowerBound), to = OptionText.number(each.upperBound)
            let items: Localized
            switch count {
            case .exactly(let n):
                items = Localized("\(n) \(n == 1 ? String(what.en.dropLast()) : what.en)", zh: "\(n) 个\(what.zh)")
            case .between(let r):
                items = Localized("\(r.lowerBound) to \(r.upperBound) \(what.en)", zh: "\(r.lowerBound) 到 \(r.upperBound) 个\(what.zh)")
            case .sameAs(let other):
                items = Localized("as many \(what.en) as --\(other) has", zh: "与 --\(other) 个数相同的\(what.zh)")
            case .rows(let columns, let rows):
                items = Localized("\(rows.lowerBound) to \(rows.upperBound) rows of \(columns) \(what.en) (\(columns * rows.lowerBound) to \(columns * rows.upperBound) in all)",
                                  zh: "\(rows.lowerBound) 到 \(rows.upperBound) 行、每行 \(columns) 个\(what.zh)（共 \(columns * rows.lowerBound) 到 \(columns * rows.upperBound) 个）")
            }
            return Localized("\(items.en), each from \(from) to \(to), comma-separated",
                             zh: "\(items.zh)，每个都在 \(from) 到 \(to) 之间，用逗号分隔")
        case .choice(let words):
            return Localized("one of \(words.joined(separator: ", "))", zh: "\(words.joined(separator: "、")) 之一")
        }
    }

    /// Why `value` is refused, or nil; `counts` holds the list lengths of the other options.
    public func check(_ value: OptionValue, option: String, counts: [String: Int]) -> OptionError? {
        let accepted = self.accepted
        switch (shape, value) {
        case (.number(let r), .number(let x)):
            return r.contains(x) ? nil : OptionError.outOfRange(option, OptionText.number(x), accepted: accepted)
        case (.integer(let r), .integer(let n)):
            return r.contains(n) ? nil : OptionError.outOfRange(option, String(n), accepted: accepted)
        case (.list(let count, let each, let whole), .list(let xs)):
            let allowed: ClosedRange<Int>?
            switch count {
            case .sameAs(let other): allowed = counts[other].map { $0...$0 }
            default: allowed = count.range
            }
            let fits: Bool
            if case .rows(let columns, let rows) = count {
                fits = xs.count % columns == 0 && rows.contains(xs.count / columns)
            } else {
                fits = allowed?.contains(xs.count) ?? true
            }
            if !fits {
                var needs = accepted
                if case .sameAs(let other) = count, let n = counts[other] {
                    needs = Localized("\(n) (as many as --\(other) has); \(accepted.en)", zh: "\(n) 个（与 --\(other) 个数相同）；\(accepted.zh)")
                }
                let given = OptionText.value(xs.map(OptionText.number).joined(separator: ","))
                return OptionError(option: option, message: Localized(
                    "--\(option): got \(xs.count) number\(xs.count == 1 ? "" : "s") (\(given)); accepted: \(needs.en)",
                    zh: "--\(option)：给了 \(xs.count) 个数（\(given)）；可接受：\(needs.zh)"))
            }
            if let bad = xs.first(where: { !each.contains($0) || (whole && $0 != $0.rounded()) }) {
                return OptionError.outOfRange(option, OptionText.number(bad), accepted: accepted)
            }
            return nil
        case (.choice(let words), .choice(let word)):
            return words.contains(word) ? nil : OptionError.notAccepted(option, word, accepted: accepted)
        default:
            return OptionError(option: option, message: Localized(same: "--\(option): internal error: value does not match its rule"))
        }
    }

    /// A random valid value as command-line text.
    func random(_ random: inout SeededRandom, counts: [String: Int], decimals: Int) -> String {
        switch shape {
        case .number(let r):
            return OptionText.number(RandomArguments.number(&random, r, decimals: decimals))
        case .integer(let r):
            // Draw in a range whose width fits in an Int (seeds accept 0 to Int.max).
            let upper = r.upperBound - r.lowerBound > 1_000_000 ? r.lowerBound + 1_000_000 : r.upperBound
            return String(RandomArguments.integer(&random, r.lowerBound...upper))
        case .list(let count, let each, let whole):
            let n: Int
            switch count {
            case .exactly(let k): n = k
            case .between(let r): n = RandomArguments.integer(&random, r)
            case .sameAs(let other): n = counts[other] ?? 1
            case .rows(let columns, let rows): n = columns * RandomArguments.integer(&random, rows)
            }
            if whole {
                let r = Int(each.lowerBound.rounded(.up))...Int(each.upperBound.rounded(.down))
                return (0..<n).map { _ in String(RandomArguments.integer(&random, r)) }.joined(separator: ",")
            }
            return RandomArguments.list(&random, count: n, each, decimals: decimals)
        case .choice(let words):
            return words[random.index(below: words.count)]
        }
    }
}

/// Numbers and values as messages and the command line print them.
public enum OptionText {
    /// 5, 0.5, 1e-09: whole numbers without a decimal point, others as Swift prints them (exact).
    public static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }

    /// "a whole number from 1 to 10" / "0 or more".
    static func wholeNumber(_ r: ClosedRange<Int>) -> Localized {
        if r.upperBound == Int.max {
            return Localized("a whole number, \(r.lowerBound) or more", zh: "不小于 \(r.lowerBound) 的整数")
        }
        return Localized("a whole number from \(r.lowerBound) to \(r.upperBound)", zh: "\(r.lowerBound) 到 \(r.upperBound) 之间的整数")
    }

    /// A value as a message shows it: control characters escaped, at most about 80 characters.
    public static func value(_ text: String, limit: Int = 80) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                out += "… (\(text.unicodeScalars.count) characters)"
                break
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format:
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }
}

extension OptionError: CustomStringConvertible {
    /// The English line, as the command line prints it.
    public var description: String { message.en }

    /// "--x: 2000 is out of range; accepted: …".
    public static func outOfRange(_ option: String, _ value: String, accepted: Localized) -> OptionError {
        let shown = OptionText.value(value)
        return OptionError(option: option, message: Localized("--\(option): \(shown) is out of range; accepted: \(accepted.en)",
                                                              zh: "--\(option)：\(shown) 超出范围；可接受：\(accepted.zh)"))
    }

    /// "--x: 'abc' is not accepted; accepted: …".
    public static func notAccepted(_ option: String, _ value: String, accepted: Localized) -> OptionError {
        let shown = OptionText.value(value)
        return OptionError(option: option, message: Localized("--\(option): '\(shown)' is not accepted; accepted: \(accepted.en)",
                                                              zh: "--\(option)：不接受 '\(shown)'；可接受：\(accepted.zh)"))
    }

    /// A refusal that concerns how `option` relates to other options, in both languages.
    public static func relation(_ option: String, _ en: String, zh: String) -> OptionError {
        OptionError(option: option, message: Localized("--\(option): \(en)", zh: "--\(option)：\(zh)"))
    }
}
