import Notebook

extension OptimizersLesson {
    /// What this lesson adds from its source passages, then the table of the passages it answers.
    func writeSourcePassages(_ page: inout Page) {
        writeOtherRemedies(&page)
        page.sourcesOfThisLesson(Self.id)
    }

    /// `002`'s two other remedies next to Adam, said for what they are and why they are not worked here.
    func writeOtherRemedies(_ page: inout Page) {
        page.section("The other remedies for slow training", zh: "应对训练太慢的其他办法")
        page.say("""
            Before recommending Adam, `002`'s section on performance names two remedies for having too little labelled data. \
            **Reusing a trained network** (transfer learning): take a network already trained on a large, similar task — \
            `002` points to the model collections of TensorFlow and Caffe — keep its lower layers, which have learned general \
            features, and retrain only the top layers on your own data. **Unsupervised pretraining**: train the hidden layers \
            one at a time on unlabelled data, each for example as an autoencoder that learns to reconstruct its own input, so \
            that each layer extracts the core features of the one below; then train the whole network on the labelled data. \
            Both need a second data set or task beside the one being learned, so this course, which works every number on small \
            examples, leaves them as described here and works the third remedy, the optimizer.
            """, zh: """
            在推荐 Adam 之前，`002` 谈性能问题时先列了两种应对标注数据不足的办法。**复用已训练好的网络**（迁移学习）：\
            拿一个已在类似的大任务上训练好的网络（`002` 指向 TensorFlow 和 Caffe 的模型库），保留它学到通用特征的低层，\
            只用自己的数据重新训练上面几层。**无监督预训练**：用没有标签的数据逐层训练隐藏层，例如把每一层训练成能重建自身输入的\
            自编码器（autoencoder），让每一层提取下一层数据中的核心特征；最后再用有标签的数据训练整个网络。\
            两者都需要在要学的任务之外再有一个数据集或任务，而本课程的每个数字都在小例子上算出，所以这里只介绍它们，\
            动手计算的是第三种办法：优化器。
            """)
    }
}
