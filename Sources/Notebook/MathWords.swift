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
        // Works on UTF-8 bytes: renderers resolve whole pages, and walking them by Character was a
        // measurable part of every page. The markers are U+E000–U+E002, encoded EE 80 80/81/82.
        var bytes = Array(s.utf8)
        guard bytes.contains(0xEE) else { return s }
        func marker(_ at: Int) -> UInt8? {
            at + 2 < bytes.count && bytes[at] == 0xEE && bytes[at + 1] == 0x80 && bytes[at + 2] <= 0x82 ? bytes[at + 2] : nil
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var state = 0   // 0 outside, 1 English part, 2 Chinese part
        var i = 0
        while i < bytes.count {
            let m = marker(i)
            switch (state, m) {
            case (0, 0x80?): state = 1; i += 3; continue
            case (1, 0x81?): state = 2; i += 3; continue
            case (2, 0x82?): state = 0; i += 3; continue
            default: break
            }
            if state == 0 || (state == 1 && language == .en) || (state == 2 && language == .zh) { out.append(bytes[i]) }
            i += 1
        }
        bytes = out
        return String(decoding: bytes, as: UTF8.self)
    }
}
