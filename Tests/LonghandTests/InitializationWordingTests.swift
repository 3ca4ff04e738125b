import Testing
@testable import Curriculum

/// Issue 14 for initialization: LeCun, Glorot and He under their own names; predictions checked against the run.
@Suite("initialization wording")
struct InitializationWordingTests {
    @Test("default: Glorot's 0.2236 beside LeCun's 0.3536 for layer 1 (8 → 32); every prediction holds")
    func names() throws {
        let p = try RenderedPage(InitializationLesson.self, [])
        #expect(p.en.contains("0.2236") && p.en.contains("0.3536"))
        #expect(p.says("Glorot $\\sqrt{2/(m+n)}$", "Glorot $\\sqrt{2/(m+n)}$"))
        #expect(p.never("Xavier $1/\\sqrt{m}$", "Xavier $1/\\sqrt{m}$"))
        #expect(p.says("All 5 predictions hold in this run", "这 5 条预测在本次运行中全部成立"))
        #expect(p.says("differ by at most", "最多相差"))
        #expect(p.values.number("expectations_borne_out") == 5)
    }

    @Test("one sample, two neurons: the variance rule is far off and a prediction fails; the page says both")
    func tinyNetwork() throws {
        let p = try RenderedPage(InitializationLesson.self, ["--batch", "1", "--width", "2", "--layers", "4", "--activation", "relu"])
        #expect(p.says("one draw can be far from that average", "一次抽样可能离平均很远"))
        #expect(p.says("did not behave as the average predicts", "没有按平均值的预测表现"))
        #expect(p.never("All 3 predictions hold", "全部成立"))
    }

    @Test("σ = 0.05 with 3 layers: the page predicts vanishing ReLU and reports what happened")
    func smallScale() throws {
        let p = try RenderedPage(InitializationLesson.self, ["--normal-scale", "0.05", "--layers", "3"])
        #expect(p.says("so the signal dies out", "信号逐层消失"))
        #expect(p.never("so signal and gradients blow up", "信号和梯度都会爆炸"))
        #expect(p.never("The sigmoid row", "sigmoid 那一行"))
    }

    @Test("ReLU from N(0, 5²): the plain start diverges before its first step; the page reports no cost for it and says so")
    func divergedAtStart() throws {
        let p = try RenderedPage(InitializationLesson.self, ["--activation", "relu", "--normal-scale", "5"])
        #expect(p.says("N(0, σ²) diverged at step 0", "N(0, σ²) 在第 0 步就已发散"))
        #expect(p.says("beyond 10¹² already", "已超过 10¹²"))
        #expect(p.never("from 0 to NaN", "从 0 变为 NaN"))
        #expect(p.never("NaN", "NaN"))
        // The flip: the default run trains every start to the end and reports each one's costs.
        let d = try RenderedPage(InitializationLesson.self, [])
        #expect(d.never("diverged at step", "步就已发散"))
        #expect(d.never("beyond 10¹² already", "已超过 10¹²"))
    }
}
