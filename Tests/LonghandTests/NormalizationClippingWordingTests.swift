import Testing
@testable import Curriculum

/// Issue 14 for normalization-and-clipping: explosion, taming, turning and ε's effect are stated only when computed.
@Suite("normalization-and-clipping wording")
struct NormalizationClippingWordingTests {
    @Test("default: the unclipped run explodes, the clipped one trains, clipping by value turns the step")
    func defaults() throws {
        let p = try RenderedPage(NormalizationClippingLesson.self, [])
        #expect(p.says("the loss has passed $10^{8}$", "损失已超过 $10^{8}$"))
        #expect(p.says("has grown", "增大了"))
        #expect(p.says("clipping by value turned the step", "让这一步转了向"))
        #expect(p.says("to the digits shown", "在显示的位数内与原来相同"))
        #expect(p.never("With the lesson's defaults", "按本课的默认设置"))
    }

    @Test("a tiny learning rate: nothing explodes and no gradient grows; the page says so")
    func noExplosion() throws {
        let p = try RenderedPage(NormalizationClippingLesson.self, ["--learning-rate", "0.0001"])
        #expect(p.says("the unclipped run did not explode", "不裁剪的训练没有爆炸"))
        #expect(p.says("no layer's gradient has grown", "没有哪一层的梯度变大"))
        #expect(p.never("each oversized step lands", "每一步迈得过大"))
    }

    @Test("a gradient inside the threshold: neither rule turns it; ε = 1 is visible in the normalised batch")
    func insideAndEpsilon() throws {
        let p = try RenderedPage(NormalizationClippingLesson.self, ["--gradient", "0.1,0.2", "--epsilon", "1"])
        #expect(p.says("here neither rule turned the step", "这里两种规则都没有让这一步转向"))
        #expect(p.says("not quite the same as before", "与原来并不完全相同"))
        #expect(p.never("to the digits shown", "在显示的位数内与原来相同"))
    }

    @Test("an explosion is dated by the first recorded loss beyond 10⁸ (step 1 here, 118291086), not the step after")
    func explosionStep() throws {
        let p = try RenderedPage(NormalizationClippingLesson.self, ["--learning-rate", "10", "--steps", "1000", "--train-threshold", "1000", "--gradient", "1000,-1000",
                                                                    "--threshold", "1e-6", "--epsilon", "1e-12", "--batch", "1000,-1000,-1000,1000"])
        #expect(p.says("At step 1 the loss has passed $10^{8}$ (the last recorded loss was 118291086)", "到第 1 步损失已超过 $10^{8}$"))
        #expect(p.says("The clipped run also diverged: at step 1 its loss passed 10^8", "第 1 步损失超过 10^8"))
    }
}
