import Notebook

extension XorNetLesson {
    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        page.convention("""
            The tie rule: an output counts as 1 only when it is **above** 0.5, so an output of exactly 0.5 reads as 0, the same \
            choice as the perceptron's step(0) = 0 (lesson 1). For a sigmoid output unit that happens exactly when its weighted \
            input is 0, i.e. on the black boundary line of the figures.
            """, zh: """
            平局规则：输出**大于** 0.5 才算 1，所以恰好等于 0.5 的输出读作 0，这与感知机 step(0) = 0 的约定相同（第 1 课）。\
            对 sigmoid 输出单元来说，这恰好发生在它的加权输入为 0 时，也就是图中那条黑色分界线上。
            """)
        page.sourcesOfThisLesson(Self.id)
    }
}
