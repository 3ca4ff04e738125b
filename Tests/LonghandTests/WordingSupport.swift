import Foundation
import Testing
@testable import Notebook
@testable import LessonKit

/// A lesson's page built in this process for one option set: its Markdown in both languages and its
/// JSON values, so that the wording tests can assert which computed sentence a page chose.
struct RenderedPage: CustomStringConvertible {
    /// Short, so that a failed expectation does not print the whole page.
    var description: String { "RenderedPage(\(en.count) + \(zh.count) characters)" }

    let en: String
    let zh: String
    let values: [String: Any]

    init<L: Lesson>(_ type: L.Type, _ arguments: [String]) throws {
        let lesson = try L.parse(arguments)
        let page = try lesson.notebook()
        en = MarkdownRenderer.render(page, language: .en)
        zh = MarkdownRenderer.render(page, language: .zh)
        let object = try JSONSerialization.jsonObject(with: Data(LessonRunner.json(lesson, page: page).utf8)) as? [String: Any]
        values = object?["values"] as? [String: Any] ?? [:]
    }

    /// Both editions contain their phrase.
    func says(_ english: String, _ chinese: String) -> Bool { en.contains(english) && zh.contains(chinese) }

    /// Neither edition contains its phrase.
    func never(_ english: String, _ chinese: String) -> Bool { !en.contains(english) && !zh.contains(chinese) }
}
