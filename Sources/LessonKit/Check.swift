/// Checks of how a lesson's options fit together, for `validateTogether()`: each failure names the
/// option, the values given and what is accepted, in one line in both languages. (Each option's own
/// range and count are checked from its declaration, `LessonOption`.)
public enum Check {
    /// Refuses `option` with a sentence in both languages.
    public static func refuse(_ option: String, _ en: String, zh: String) -> OptionError {
        .relation(option, en, zh: zh)
    }

    /// Numbers as a message prints them: 5, 0.5, -1 (shortened when long).
    public static func format(_ list: [Double]) -> String {
        OptionText.value(list.map(OptionText.number).joined(separator: ","))
    }
}
