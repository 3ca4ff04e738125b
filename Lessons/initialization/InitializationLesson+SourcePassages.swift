import Notebook

extension InitializationLesson {
    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        page.sourcesOfThisLesson(Self.id)
    }
}
