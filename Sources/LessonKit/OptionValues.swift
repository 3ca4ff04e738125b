import Foundation

/// The values of a lesson's described options as text, exactly as typed in a form, a URL or on the
/// command line; options not given take their defaults.
///
/// One value per option name. The text is kept as typed (the panel shows it back), and turned into
/// `--name=value` arguments for `Lesson.parseOptions`, so the command line's parser and validation
/// decide what is accepted, never a second copy of the rules.
public struct OptionValues: Sendable, Equatable {
    /// Option name → text as typed, for the options given.
    public private(set) var given: [String: String]

    /// Values given by name; the others take their defaults.
    public init(_ given: [String: String] = [:]) {
        self.given = given
    }

    /// The described options found in command-line arguments (`--weights 0.5,-1`, `--bias=2`,
    /// `--verbose`); everything else (`--out`, `--lang`, unknown words) is left out.
    public static func fromArguments(_ arguments: [String], descriptions: [OptionDescription]) -> OptionValues {
        var given: [String: String] = [:]
        var i = 0
        while i < arguments.count {
            let word = arguments[i]
            i += 1
            guard word.hasPrefix("--") else { continue }
            let body = word.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            guard let description = descriptions.first(where: { $0.name == name }) else { continue }
            if case .flag = description.kind {
                given[name] = "true"
            } else if let equals = body.firstIndex(of: "=") {
                given[name] = String(body[body.index(after: equals)...])
            } else if i < arguments.count {
                given[name] = arguments[i]
                i += 1
            }
        }
        return OptionValues(given)
    }

    /// The current text of an option: as given, else its default.
    public func text(of description: OptionDescription) -> String {
        given[description.name] ?? description.defaultValue
    }

    /// Whether a flag's text means on.
    public static func isOn(_ text: String) -> Bool {
        ["true", "on", "1", "yes"].contains(text.lowercased())
    }

    /// Command-line arguments for `parseOptions`, in declaration order. `--name=value` keeps a value
    /// that starts with a dash (a negative number, or `--out`) the value of this option.
    public func arguments(descriptions: [OptionDescription]) -> [String] {
        descriptions.compactMap { description in
            guard let text = given[description.name] else { return nil }
            if case .flag = description.kind { return OptionValues.isOn(text) ? "--\(description.name)" : nil }
            return "--\(description.name)=\(text)"
        }
    }

    /// The options whose text differs from the default, in declaration order: for short URLs and
    /// command lines.
    public func changed(descriptions: [OptionDescription]) -> [(name: String, text: String)] {
        descriptions.compactMap { description in
            guard let text = given[description.name] else { return nil }
            if case .flag = description.kind {
                return OptionValues.isOn(text) == OptionValues.isOn(description.defaultValue) ? nil : (description.name, text)
            }
            return text == description.defaultValue ? nil : (description.name, text)
        }
    }

    /// A key that is equal for option values that produce the same page: every option in
    /// declaration order, numbers written canonically (`0.50` and `.5` → `0.5`), defaults filled in.
    /// Only meaningful for values the lesson accepted.
    public func normalisedKey(descriptions: [OptionDescription]) -> String {
        descriptions.map { description in
            let text = self.text(of: description)
            let value: String
            switch description.kind {
            case .number, .integer, .numberList, .integerList:
                value = text.split(separator: ",", omittingEmptySubsequences: false).map { OptionValues.canonicalNumber(String($0)) }.joined(separator: ",")
            case .choice:
                value = text
            case .flag:
                value = OptionValues.isOn(text) ? "on" : "off"
            }
            return "\(description.name)=\(value)"
        }.joined(separator: "&")
    }

    /// A decimal number's shortest exact spelling; anything else unchanged.
    static func canonicalNumber(_ token: String) -> String {
        let trimmed = token.trimmingCharacters(in: .whitespaces)
        // Only plain decimal spellings are rewritten: hexadecimal and other forms stay as typed, so two
        // spellings share a key only when they are certainly the same number.
        guard !trimmed.isEmpty, trimmed.allSatisfy({ "0123456789.-+eE".contains($0) }), let number = Double(trimmed), number.isFinite else {
            return token
        }
        if number == 0 { return number.sign == .minus ? "-0" : "0" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }

    /// The shell command that writes the same page: `swift run sigmoid-neuron --weights 1,2 --bias=-3`.
    public static func commandLine(lesson id: String, changed: [(name: String, text: String)], descriptions: [OptionDescription]) -> String {
        var words = ["swift", "run", id]
        for (name, text) in changed {
            if let description = descriptions.first(where: { $0.name == name }), case .flag = description.kind {
                if OptionValues.isOn(text) { words.append("--\(name)") }
                continue
            }
            words.append(text.hasPrefix("-") ? "--\(name)=\(shellQuoted(text))" : "--\(name) \(shellQuoted(text))")
        }
        return words.joined(separator: " ")
    }

    /// The text as one shell word: unchanged when it is plainly safe, else in single quotes.
    static func shellQuoted(_ text: String) -> String {
        let safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,-+_:/=%"
        if !text.isEmpty && text.allSatisfy({ safe.contains($0) }) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
