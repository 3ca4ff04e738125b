import Foundation
import Testing
@testable import Notebook
@testable import LessonKit
@testable import Curriculum

/// The Chinese edition's formulas hold no English words: every `\text{…}` on a Chinese page is Chinese,
/// a symbol, or a name a Chinese teacher keeps as it is (people, activations, abbreviations).
@Suite("Chinese formulas")
struct ChineseFormulaTests {
    /// ASCII words allowed inside `\text{}` on Chinese pages: names of functions, abbreviations,
    /// Roman numerals (the quadrants and classes), equation labels, and people's names.
    static let allowed: Set<String> = [
        "ReLU", "softmax", "tanh", "MSE", "RMS", "NaN", "L1", "L2", "BP1", "BP2", "BP3", "BP4",
        "I", "II", "III", "IV", "LeCun", "Glorot", "Xavier", "He",
        "Alice", "Bob", "Charlie", "Diana", "Emily", "Frank",
    ]

    /// The ASCII words inside `\text{…}` of `markdown` that are not allowed (single letters are symbols).
    static func englishInText(_ markdown: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"\\text\{([^{}]*)\}"#)
        let ns = markdown as NSString
        var bad: [String] = []
        for m in regex.matches(in: markdown, range: NSRange(location: 0, length: ns.length)) {
            let inside = ns.substring(with: m.range(at: 1))
            let words = inside.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map(String.init)
            for w in words where w.count > 1 && w.contains(where: \.isLetter) && !allowed.contains(w) {
                bad.append(inside)
            }
        }
        return bad
    }

    @Test("the check itself: English words are caught, Chinese words and allowed names pass")
    func detector() {
        #expect(Self.englishInText(#"$\text{output} = 1$"#) == ["output"])
        #expect(Self.englishInText(#"$\text{if } x$ and $\text{threshold}$"#) == ["if ", "threshold"])
        #expect(Self.englishInText(#"$\text{输出} = \text{ReLU}(z)$, $p_{\text{II}}$, $h_1(\text{Emily})$"#).isEmpty)
    }

    @Test("no English word inside \\text{} on any Chinese lesson page", arguments: Course.lessons.map { $0.id })
    func noEnglishInFormulas(_ id: String) throws {
        let type = try #require(Course.lessons.first { $0.id == id })
        let markdown = try ChineseTypographyTests.markdown(type)
        let bad = Self.englishInText(markdown)
        #expect(bad.isEmpty, "\(id): \(Array(Set(bad)).sorted().prefix(10))")
        // No unresolved language marker reaches a page.
        #expect(!markdown.contains("\u{E000}") && !markdown.contains("\u{E001}"))
    }

    @Test("a word spelled per language resolves to English on English pages and Chinese on Chinese ones")
    func mathWordsResolve() {
        let tex = "p_{" + MathWords.text("label", zh: "标签") + "} + " + MathWords.word("a", zh: "甲")
        #expect(MathWords.resolve(tex, .en) == "p_{\\text{label}} + a")
        #expect(MathWords.resolve(tex, .zh) == "p_{\\text{标签}} + 甲")
        #expect(MathWords.resolve("no markers", .zh) == "no markers")
    }

    /// The `\text{…}` contents of `markdown` that hold a Chinese character (on an English page, a word left untranslated).
    static func chineseInText(_ markdown: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"\\text\{([^{}]*)\}"#)
        let ns = markdown as NSString
        return regex.matches(in: markdown, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
            .filter { $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
    }

    @Test("no Chinese word inside \\text{} on any English lesson page (the MSE table's header said y_预测)", arguments: Course.lessons.map { $0.id })
    func noChineseInEnglishFormulas(_ id: String) throws {
        let type = try #require(Course.lessons.first { $0.id == id })
        func english<L: Lesson>(_ type: L.Type) throws -> String { MarkdownRenderer.render(try L.parse([]).notebook(), language: .en) }
        let bad = Self.chineseInText(try english(type))
        #expect(bad.isEmpty, "\(id): \(Array(Set(bad)).sorted().prefix(10))")
        #expect(Self.chineseInText(#"$y_{\text{预测}}$ and $\text{pred}$"#) == ["预测"])
    }
}
