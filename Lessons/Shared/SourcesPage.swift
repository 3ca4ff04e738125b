import LessonKit
import Notebook

/// The Sources page (`Output/<lang>/sources.html|.md`): what each source text is, every passage of
/// each text with the lessons that answer it or the reason none does, and the per-lesson table. Built
/// from `SourceTexts` and `SourceCoverage`, the same data as every lesson's “Sources of this lesson”.
public enum SourcesPage {
    /// The page as a notebook, rendered like a lesson.
    public static func notebook() -> Page {
        var page = Page(id: SourceCitations.page, title: Localized("The source texts", zh: "原文出处"))
        let passageCount = SourceTexts.all.reduce(0) { $0 + $1.passages.count }
        let setAside = SourceTexts.all.flatMap(\.passages).filter { $0.setAside != nil }.count
        page.say("""
            The course follows five Chinese source texts, cited on every page by their file numbers `000`–`004`. Their \
            formulas and figures were mostly images and are lost; the lessons restore the numbers from the works the texts \
            follow and correct the texts where they are wrong, in visible erratum notes. Below, each text is described and \
            split into its passages (\(passageCount) in all). Every passage is either taken up by at least one lesson — worked \
            in numbers, corrected in an erratum, or explained — or set aside with the reason (\(setAside) of them). The last \
            table lists, lesson by lesson, the passages each one answers; each lesson ends with the same rows.
            """, zh: """
            本课程依据五篇中文原文，各页按文件编号 `000`–`004` 引用它们。原文的公式和插图大多是图片，已经丢失；\
            各课根据原文所依据的著作补回数字，并在醒目的勘误中更正原文的错误。下面逐篇介绍原文，并把它们分成段落\
            （共 \(passageCount) 段）。每一段要么至少有一课处理它（用数字算出、在勘误中更正或讲解），要么注明搁置的理由\
            （共 \(setAside) 段）。最后一张表按课程列出每课处理的段落；每一课的末尾也有同样的几行。
            """)
        let titles = lessonTitles()
        for text in SourceTexts.all {
            page.blocks.append(.heading(level: 2, SourceCitations.heading(text.id)))
            page.say("**\(text.title)**", zh: "**\(text.title)**")
            page.blocks.append(.prose(text.about))
            let rows: [[Table.Cell]] = text.passages.map { passage in
                let lessons = SourceCoverage.lessons(covering: passage.key)
                let answer: Localized
                if let reason = passage.setAside {
                    answer = Localized("set aside: ", zh: "搁置：") + reason
                } else {
                    let names = lessons.map { id in titles[id].map { Localized("\(id) (\($0.en))", zh: "\(id)（\($0.zh)）") } ?? Localized(same: id) }
                    answer = names.dropFirst().reduce(names.first ?? Localized(same: "")) { $0 + Localized("; ", zh: "；") + $1 }
                }
                return [.text(Localized(same: "“\(passage.locator)”")), .text(passage.content), .text(answer)]
            }
            page.table([Localized("passage (the text's own words)", zh: "段落（原文字句）"), Localized("what it says", zh: "内容"),
                        Localized("answered by", zh: "由哪一课处理")], rows)
        }
        page.section("Passages by lesson", zh: "按课程列出的段落")
        page.say("""
            Every lesson and the passages it answers. The same rows close each lesson page under “Sources of this lesson”.
            """, zh: "每一课及其处理的原文段落。每课页面末尾“本课的原文出处”一节列出的正是这些行。")
        var rows: [[Table.Cell]] = []
        for (number, lesson) in SourceCoverage.byLesson.enumerated() {
            for entry in lesson.entries {
                guard let passage = SourceTexts.passage(entry.passage) else { continue }
                let title = titles[lesson.lesson] ?? Localized(same: lesson.lesson)
                rows.append([.text(Localized("\(number + 1) · \(title.en)", zh: "\(number + 1) · \(title.zh)")),
                             .text(Localized(same: "`\(passage.source)`")), .text(Localized(same: "“\(passage.locator)”")),
                             .text(entry.treatment.label), .text(entry.how)])
            }
        }
        page.table([Localized("lesson", zh: "课程"), Localized("text", zh: "原文"), Localized("passage", zh: "段落"),
                    Localized("treatment", zh: "处理方式"), Localized("how", zh: "具体内容")], rows)
        return page
    }

    /// The page's files in the chosen languages: relative path → contents.
    public static func files(languages: [Language]) -> [(String, String)] {
        let page = notebook()
        return languages.flatMap { LessonRunner.files(for: page, language: $0, context: .standalone) }
    }

    /// Lesson id → title, in reading order of the course.
    static func lessonTitles() -> [String: Localized] {
        Dictionary(uniqueKeysWithValues: Course.lessons.map { ($0.id, $0.title) })
    }
}

extension Page {
    /// The closing section of a lesson: the source passages it answers, from `SourceCoverage`.
    mutating func sourcesOfThisLesson(_ lesson: String) {
        let entries = SourceCoverage.entries(for: lesson)
        guard !entries.isEmpty else { return }
        section("Sources of this lesson", zh: "本课的原文出处")
        say("""
            The passages of the source texts this lesson answers. Each citation links to the Sources page, which says what \
            the text is and lists every passage of it.
            """, zh: "本课处理的原文段落。每个引用都链接到原文出处页，那里介绍每篇原文并列出它的全部段落。")
        let rows: [[Table.Cell]] = entries.compactMap { entry in
            guard let passage = SourceTexts.passage(entry.passage) else { return nil }
            return [.text(Localized(same: "`\(passage.source)`")), .text(Localized(same: "“\(passage.locator)”")),
                    .text(entry.treatment.label), .text(entry.how)]
        }
        table([Localized("text", zh: "原文"), Localized("passage", zh: "段落"), Localized("treatment", zh: "处理方式"),
               Localized("in this lesson", zh: "本课的内容")], rows)
    }
}
