import Foundation
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

    @Test("exercise 2: LeCun's z¹⁹ is (1/√2)¹⁹ of He's, predicted from the scaling and measured to nine digits (it was predicted as (1/2)^(18/2), one layer short)")
    func reluScaling() throws {
        let p = try RenderedPage(InitializationLesson.self, [])
        #expect(p.says("should be $(1/\\sqrt{2})^{19} = 0.00138$ times as large under LeCun; measured: 0.00138, the same as predicted to nine significant digits",
                       "在 LeCun 下应是 He 下的 $(1/\\sqrt{2})^{19} = 0.00138$ 倍；实测为 0.00138，与预测的前九位有效数字相同"))
        let ratio = try #require(p.values.number("exercise2_z19_ratio"))
        #expect(abs(ratio / Foundation.pow(0.5, 9.5) - 1) < 1e-12)
        #expect(p.never("within a factor of about 3", "相差不到约 3 倍"))
    }

    @Test("a lowest training cost of exactly 0 gets no 'times as high'; a zero gradient in layer L makes the ratio undefined, not 0")
    func zeroDenominators() throws {
        let zero = try RenderedPage(InitializationLesson.self, ["--layers", "2", "--width", "2", "--inputs", "1", "--batch", "1", "--normal-scale", "0.01"])
        #expect(zero.says("the lowest is exactly 0, so no ratio of the two can be given", "最低值恰好是 0，给不出两者之比"))
        #expect(zero.never("inf times as high", "inf 倍"))
        let d = try RenderedPage(InitializationLesson.self, [])
        #expect(d.says("times as high.", "倍。") && d.never("no ratio of the two", "给不出两者之比"))
        let silent = try RenderedPage(InitializationLesson.self, ["--layers", "20", "--width", "2", "--inputs", "64", "--batch", "1",
                                                                  "--normal-scale", "5", "--activation", "sigmoid", "--seed", "0"])
        #expect(silent.says("| relu | He √(2/m) | 0.000000 | 0.000 | undefined |", "| 无定义 |"))
        #expect(d.never("| undefined |", "| 无定义 |"))
    }
}
