/// Words inside formulas that differ by language (`\text{output}` on the English page, `\text{输出}` on the
/// Chinese one). Formulas are built once for both editions, so a lesson writes such a word as a marker
/// holding both spellings, and every renderer resolves the markers to its language as its last step.
public enum MathWords {
    static let open: Character = "\u{E000}", middle: Character = "\u{E001}", close: Character = "\u{E002}"

    /// A word for inside `\text{…}` (or plain-text math), spelled per language.
    public static func word(_ en: String, zh: String) -> String { "\(open)\(en)\(middle)\(zh)\(close)" }

    /// `\text{word}` with the word spelled per language.
    public static func text(_ en: String, zh: String) -> String { "\\text{\(word(en, zh: zh))}" }

    /// The same as `word` for a `Localized`.
    public static func word(_ l: Localized) -> String { word(l.en, zh: l.zh) }

    /// `s` with every marker replaced by its spelling in `language`.
    public static func resolve(_ s: String, _ language: Language) -> String {
        guard s.contains(open) else { return s }
        var out = "", en = "", zh = "", state = 0   // 0 outside, 1 English part, 2 Chinese part
        for c in s {
            switch (state, c) {
            case (0, open): state = 1; en = ""; zh = ""
            case (1, middle): state = 2
            case (2, close): out += language == .en ? en : zh; state = 0
            case (1, _): en.append(c)
            case (2, _): zh.append(c)
            default: out.append(c)
            }
        }
        return out
    }
}
