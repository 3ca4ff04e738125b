import Foundation
import Testing
@testable import Notebook
@testable import LessonKit
@testable import LonghandEngine
@testable import Curriculum

/// The judged sentences of the source-passage additions (issue 15), each run with inputs where the other wording must appear.
@Suite("Source passages wording")
struct SourcePassageWordingTests {
    @Test("sigmoid-neuron: the lesson's z is far from the centre (7), near it (0.05), or on it (0)")
    func sigmoidCentreDistance() throws {
        let far = try RenderedPage(SigmoidNeuronLesson.self, [])
        #expect(far.says("is far from the centre", "离中心很远"))
        #expect(far.never("is near the centre", "离中心很近"))
        let near = try RenderedPage(SigmoidNeuronLesson.self, ["--bias", "-2.95"])
        #expect(near.says("is near the centre", "离中心很近"))
        #expect(near.never("is far from the centre", "离中心很远"))
        let on = try RenderedPage(SigmoidNeuronLesson.self, ["--bias", "-3"])
        #expect(on.says("sits exactly at the centre", "恰好在正中间"))
        #expect(on.never("is near the centre", "离中心很近"))
    }

    @Test("sigmoid-neuron: a gap ratio near 125 reads as cubic growth, near 25 as quadratic")
    func sigmoidTangentGrowth() {
        #expect(SigmoidNeuronLesson.tangentGrowth(ratio: 122).en.contains("grows like $z^3$"))
        #expect(SigmoidNeuronLesson.tangentGrowth(ratio: 122).zh.contains("按 $z^3$ 增长"))
        #expect(SigmoidNeuronLesson.tangentGrowth(ratio: 26).en.contains("grows like $z^2$"))
        #expect(SigmoidNeuronLesson.tangentGrowth(ratio: 26).zh.contains("按 $z^2$ 增长"))
    }

    @Test("gradient-descent: η = 0.5 keeps C at 2 from step 1 on; on the bowl 1.5, 2 it creeps towards 2 instead")
    func gradientDescentEndlessFlip() throws {
        let defaults = try RenderedPage(GradientDescentLesson.self, ["--fit-steps", "10"])
        #expect(defaults.says("from step 1 on $C$ stays at $2$", "从第 1 步起 $C$ 一直停在 $2$"))
        #expect(defaults.says("$C$ stops falling at step 2 and stays at $2$", "$C$ 在第 2 步不再下降，停在 $2$"))
        #expect(defaults.never("creeps down towards", "慢慢降向"))
        let creeping = try RenderedPage(GradientDescentLesson.self, ["--bowl", "1.5,2", "--etas", "0.5", "--fit-steps", "10"])
        #expect(creeping.says("$C$ creeps down towards $2$", "$C$ 慢慢降向 $2$"))
        #expect(creeping.never("stays at $2$", "一直停在 $2$"))
    }

    @Test("gradient-descent: the η = 0.55 path leaves the window at step 6; with η = 0.1 alone every path stays inside")
    func gradientDescentExits() throws {
        let defaults = try RenderedPage(GradientDescentLesson.self, ["--fit-steps", "10"])
        #expect(defaults.says("the path for $\\eta = 0.55$ leaves it at step 6", "$\\eta = 0.55$ 的路径在第 6 步走出画面"))
        #expect(defaults.never("Every path stays inside the window", "都没有走出画面"))
        #expect(defaults.says("is the boundary, already among the rates above:", "正是分界线，它已在上面的学习率之中："))
        let calm = try RenderedPage(GradientDescentLesson.self, ["--etas", "0.1", "--fit-steps", "10"])
        #expect(calm.says("is the boundary, and is added here to the rates above:", "正是分界线，这里把它加到上面的学习率中："))
        #expect(calm.says("Every path stays inside the window", "都没有走出画面"))
        #expect(calm.never("leaves it at step", "步走出画面"))
    }

    @Test("backprop-by-hand: the same-answer sentence follows the trained network: saturated pair by default, none after 1 epoch")
    func backpropSameAnswer() throws {
        let trained = try RenderedPage(BackpropLesson.self, [])
        #expect(trained.says("Bob and Charlie both get", "Bob 和 Charlie 都得到"))
        #expect(trained.says("The hidden units are **saturated**", "隐藏单元已经**饱和**"))
        #expect(trained.never("No two people end at the same prediction", "没有两个人的预测相同"))
        let early = try RenderedPage(BackpropLesson.self, ["--epochs", "1"])
        #expect(early.says("No two people end at the same prediction", "没有两个人的预测相同"))
        #expect(early.never("The hidden units are **saturated**", "隐藏单元已经**饱和**"))
    }

    @Test("xor-net: the corner sentence names exactly the corners where the output's sum is positive, across seeds")
    func xorCornerSentence() throws {
        var seen: Set<[Bool]> = []
        for seed in 1...6 {
            let page = try RenderedPage(XorNetLesson.self, ["--seed", "\(seed)", "--iterations", "3000"])
            guard let z = page.values["output_corner_z"] as? [Double] else { Issue.record("seed \(seed): no output_corner_z"); continue }
            let corners = ["$(0, 0)$", "$(0, 1)$", "$(1, 0)$", "$(1, 1)$"]
            let on = z.indices.filter { z[$0] > 0 }, off = z.indices.filter { z[$0] <= 0 }
            seen.insert(z.map { $0 > 0 })
            if on.isEmpty {
                #expect(page.says("The sum is never positive", "这个和在四个角上都不为正"), "seed \(seed)")
            } else if off.isEmpty {
                #expect(page.says("The sum is positive at every corner", "这个和在四个角上都为正"), "seed \(seed)")
            } else {
                let en = "The sum is positive only at \(on.map { corners[$0] }.joined(separator: ", ")) and not positive at \(off.map { corners[$0] }.joined(separator: ", "))"
                let zh = "这个和只在 \(on.map { corners[$0] }.joined(separator: "、")) 为正，在 \(off.map { corners[$0] }.joined(separator: "、")) 不为正"
                #expect(page.says(en, zh), "seed \(seed)")
            }
        }
        #expect(seen.count >= 2, "the seeds should give at least two different output gates, so both wordings are exercised")
    }
}
