/// A language of the tutorials. Every page exists in each of them, built from the same numbers.
public enum Language: String, CaseIterable, Sendable {
    case en, zh

    /// The value of the HTML `lang` attribute.
    public var htmlTag: String { self == .en ? "en" : "zh-Hans" }
}

/// A string given in every language: lessons write English and Chinese side by side.
public struct Localized: Equatable, Sendable {
    public let en: String
    public let zh: String

    /// English and Chinese text of the same sentence.
    public init(_ en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    /// The same text in both languages (names, numbers, symbols).
    public init(same text: String) { self.init(text, zh: text) }

    /// The text in one language.
    public subscript(_ language: Language) -> String { language == .en ? en : zh }

    /// Joins two localized strings language by language.
    public static func + (a: Localized, b: Localized) -> Localized {
        Localized(a.en + b.en, zh: a.zh + b.zh)
    }
}
