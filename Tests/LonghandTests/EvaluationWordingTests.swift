import Testing
@testable import Curriculum

/// Issue 14 for evaluation: overfitting is claimed only when the sweep's own numbers show it; the text's
/// multi-label example is quoted only for the text's inputs.
@Suite("evaluation wording")
struct EvaluationWordingTests {
    @Test("default: the sweep overfits by its own numbers (training accuracy to 100%, validation falling from its peak)")
    func overfits() throws {
        let p = try RenderedPage(EvaluationLesson.self, [])
        #expect(p.says("That is **overfitting**", "这就是**过拟合**"))
        #expect(p.values.number("sweep_overfits") == 1)
        let train = try #require(p.values.vector("sweep_train_accuracy")), val = try #require(p.values.vector("sweep_validation_accuracy"))
        #expect(train.last! == 1)
        #expect(val.last! < val.max()!)
        #expect(p.never("Overfitting shows in these numbers as a gap", "过拟合在这些数字里表现为差距"))
    }

    @Test("--iterations 1: the sweep does not overfit and the page says so")
    func noOverfitting() throws {
        let p = try RenderedPage(EvaluationLesson.self, ["--iterations", "1"])
        #expect(p.says("the sweep shows no overfitting", "没有出现过拟合"))
        #expect(p.never("That is **overfitting**", "这就是**过拟合**"))
    }

    @Test("other outputs: the page says these are the reader's numbers and does not quote the text's lost digit")
    func ownNumbers() throws {
        let p = try RenderedPage(EvaluationLesson.self, ["--outputs", "0.5,0.2", "--targets", "1,0", "--iterations", "5"])
        #expect(p.says("These are your numbers, not the text's", "下面是你给的数"))
        #expect(p.never("This lesson uses 0.9 in its place", "本课用 0.9 代替"))
        #expect(p.never("the text's reading: pneumonia", "是否肺炎"))
    }

    @Test("the text's example with threshold 0.95: the lost digits matter")
    func lostDigitsMatter() throws {
        let p = try RenderedPage(EvaluationLesson.self, ["--threshold", "0.95", "--iterations", "5"])
        #expect(p.says("the lost digits matter", "丢失的数字就有影响了"))
        let q = try RenderedPage(EvaluationLesson.self, ["--iterations", "5"])
        #expect(q.says("so they do not change the decision", "所以不影响判定结果"))
    }

    @Test("no overfitting with training accuracy at 100%: the reason given is the validation accuracy, not a training accuracy that 'has not memorised'")
    func perfectTrainingNoOverfit() throws {
        let p = try RenderedPage(EvaluationLesson.self, ["--spread", "0.1", "--widths", "32"])
        #expect(p.says("the sweep shows no", "这次扫描没有出现过拟合"))
        #expect(p.says("validation accuracy ends at 100%, not below its best (100%)", "验证准确率最后为 100%，并不低于它的最好成绩（100%）"))
        #expect(p.never("training accuracy ends at 100%, so the network has not memorised", "训练准确率最后只有 100%"))
    }
}
