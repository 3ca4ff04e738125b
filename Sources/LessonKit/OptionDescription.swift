import Notebook

/// One lesson option as a help line, a form field and a property test see it.
///
/// This is the contract between a lesson's single option declaration and everything that
/// presents or exercises the option (help text, validation, random valid arguments, `--json`
/// parameters, the live server's "Try your own numbers" form). Every field is derived from the
/// one declaration, so none of them can drift from what validation accepts.
public struct OptionDescription: Sendable, Equatable {
    /// What kind of value the option takes: decides the form field and how it is parsed.
    public enum Kind: Sendable, Equatable {
        /// One finite number.
        case number
        /// One whole number.
        case integer
        /// A comma-separated list of finite numbers.
        case numberList
        /// A comma-separated list of whole numbers.
        case integerList
        /// One of a fixed set of words.
        case choice([String])
        /// An on/off switch (present or absent).
        case flag
    }

    /// The option's long name without dashes, as in the URL query and in `--json`'s parameters:
    /// `weights`, `delta-bias`.
    public let name: String
    /// The kind of value.
    public let kind: Kind
    /// The default as command-line text: `0.5,-1`; the source texts' numbers.
    public let defaultValue: String
    /// A short label for a form field: "Weights", "权重".
    public let label: Localized
    /// The help sentence, without the accepted range.
    public let help: Localized
    /// What is accepted, in words: "numbers from −1000 to 1000, one per weight".
    public let accepted: Localized

    /// Describes one option.
    public init(name: String, kind: Kind, defaultValue: String, label: Localized, help: Localized, accepted: Localized) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.label = label
        self.help = help
        self.accepted = accepted
    }
}

/// A refused option value: which option, and the one-line message in both languages.
///
/// The CLI prints `message.en` (prefixed with the lesson id) and exits 64; the live server
/// shows the message in the page's language next to the field named `option`.
public struct OptionError: Error, Sendable, Equatable {
    /// The option's long name without dashes (`weights`), or nil when the message concerns
    /// several options or none.
    public let option: String?
    /// One line naming the option, the value given and what is accepted.
    public let message: Localized

    /// A refusal of `option`'s value.
    public init(option: String?, message: Localized) {
        self.option = option
        self.message = message
    }
}
