import Foundation
import Testing
@testable import Notebook
@testable import LessonKit
@testable import Curriculum

/// The Chinese edition uses Chinese punctuation: no ASCII comma, colon, semicolon, question mark or
/// parenthesis right next to a Chinese character (outside math and code).
@Suite("Chinese typography")
struct ChineseTypographyTests {
    static func prose(_ markdown: String) -> String {
        var out = ""
        // Display math first: "$$" blocks would upset the pairing of inline dollars.
        let inline = markdown.replacingOccurrences(of: #"\$\$[\s\S]*?\$\$"#, with: "0", options: .regularExpression)
        for piece in MathProtection.split(inline) {
            if case .text(let t) = piece {
                // Drop code spans and HTML tags, keep the text between them.
                var inCode = false
                for c in t {
                    if c == "`" { inCode.toggle(); out.append(" "); continue }
                    if !inCode { out.append(c) }
                }
            } else {
                out += "0"   // math reads like a number next to the punctuation
            }
        }
        return out
    }

    static func offenders(_ text: String) -> [String] {
        let pattern = #"[\x{4e00}-\x{9fff}][,:;?!()]|[,:;?!()][\x{4e00}-\x{9fff}]|0[,:;][\x{4e00}-\x{9fff}]"#
        let regex = try! NSRegularExpression(pattern: pattern)
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
            let start = max(0, m.range.location - 12)
            return ns.substring(with: NSRange(location: start, length: min(ns.length - start, m.range.length + 24)))
        }
    }

    @Test("no ASCII punctuation beside Chinese characters in any lesson", arguments: Course.lessons.map { $0.id })
    func punctuation(_ id: String) throws {
        let type = try #require(Course.lessons.first { $0.id == id })
        let markdown = try Self.markdown(type)
        let bad = Self.offenders(Self.prose(markdown))
        #expect(bad.isEmpty, "\(id): \(bad.prefix(8))")
    }

    static func markdown(_ type: any Lesson.Type) throws -> String { try open(type) }
    private static func open<L: Lesson>(_ type: L.Type) throws -> String {
        MarkdownRenderer.render(try L.parse([]).notebook(), language: .zh)
    }
}
