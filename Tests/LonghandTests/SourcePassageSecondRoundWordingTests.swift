import Testing
@testable import Curriculum

/// Issue 15, second round: every new judged sentence follows the computed values, in both languages.
@Suite("Source passages: second round wording")
struct SourcePassageSecondRoundWordingTests {
    @Test("initialization: with tanh the error grows one layer down and N(0, 1) ends between the fan-in rules")
    func initializationDefault() throws {
        let p = try RenderedPage(InitializationLesson.self, [])
        #expect(p.says("so on this step the error grows", "所以这一步误差变大"))
        #expect(p.says("ends between the fan-in rules", "的最终代价介于几种按扇入的初始化之间"))
        #expect(p.never("diverged: the cost passed 10¹²", "出发的训练发散了"))
        #expect(p.values.number("normal_against_fan_in") == 1)
    }

    @Test("initialization: sigmoid shrinks the error one layer down (slopes ≤ 1/4) and N(0, 1) ends below all three")
    func initializationSigmoid() throws {
        let p = try RenderedPage(InitializationLesson.self, ["--activation", "sigmoid"])
        #expect(p.says("so on this step the error shrinks", "所以这一步误差变小"))
        #expect(p.says("the fan-in rules do not win on the final cost", "按扇入初始化并没有在最终代价上胜出"))
        #expect((p.values.number("delta_step_factor") ?? 2) < 1)
    }

    @Test("initialization: N(0, 0.01²) ends above all three fan-in rules; ReLU with N(0, 1) diverges")
    func initializationOtherEnds() throws {
        let small = try RenderedPage(InitializationLesson.self, ["--normal-scale", "0.01"])
        #expect(small.says("ends above all three fan-in rules", "的最终代价比三种按扇入的初始化都高"))
        let relu = try RenderedPage(InitializationLesson.self, ["--activation", "relu"])
        #expect(relu.says("diverged: the cost passed 10¹²", "出发的训练发散了"))
    }

    @Test("normalization: seed 3 — batch norm evens out layers 2 to 5 and trains where the plain network diverges; seed 1 — it does not even them out")
    func batchNormInDeepNetwork() throws {
        let three = try RenderedPage(NormalizationClippingLesson.self, ["--seed", "3"])
        #expect(three.says("With batch normalization the layers' gradients are closer to one another", "加了批量归一化，各层的梯度彼此更接近"))
        #expect(three.says("Layer 1 is a case of its own", "第 1 层情况特殊"))
        #expect(three.says("the network without batch normalization diverges at step", "不加批量归一化的网络在第"))
        let one = try RenderedPage(NormalizationClippingLesson.self, ["--seed", "1"])
        #expect(one.says("Batch normalization does not bring the layers' gradients closer together here", "这里批量归一化并没有让各层的梯度更接近"))
        #expect(one.never("With batch normalization the layers' gradients are closer", "加了批量归一化，各层的梯度彼此更接近"))
    }

    @Test("normalization: the batch size is m and the running-average momentum ρ, never the same letter")
    func symbols() throws {
        let p = try RenderedPage(NormalizationClippingLesson.self, [])
        #expect(p.says("The momentum is $\\rho = ", "动量取 $\\rho = "))
        #expect(p.never("The momentum is $m", "动量取 $m"))
        #expect(p.never("batch size $n", "批量大小 $n"))
        #expect(p.never("\\text{batch}", "\\text{batch}"))
    }

    @Test("optimizers: on the bowl Adam's cost rises at step 7 while m̂₂ still points the old way; with η = 0.01 it does not rise")
    func adamRiseOnBowl() throws {
        let p = try RenderedPage(OptimizersLesson.self, [])
        #expect(p.values.number("bowl_adam_first_rise") == 7)
        #expect(p.says("The cost rises at step 7", "代价在第 7 步上升"))
        #expect(p.says("the gradient has turned", "梯度已经反向"))
        let slow = try RenderedPage(OptimizersLesson.self, ["--adam-rate", "0.01"])
        #expect(slow.says("the cost does not rise in the first", "前 30 步代价没有上升"))
        #expect(slow.values.number("bowl_adam_first_rise") == -1)
        #expect(slow.never("The cost rises at step", "步上升：从"))
    }

    @Test("optimizers: on the network Adam's cost falls at every early step at η = 0.02 and rises at step 6 at η = 0.3")
    func adamRiseOnNetwork() throws {
        let p = try RenderedPage(OptimizersLesson.self, [])
        #expect(p.says("At these settings the cost does not rise: it falls at each of the first 10 steps", "在这组设置下代价没有上升"))
        let fast = try RenderedPage(OptimizersLesson.self, ["--network-adam-rate", "0.3"])
        #expect(fast.values.number("adam_first_rise_step") == 6)
        #expect(fast.says("So the cost rises: from", "所以代价先上升"))
        #expect(fast.says("the lesson runs no sweep over rates", "本课没有对学习率做任何扫描"))
    }

    @Test("digits exercise 3 says it compares at an equal number of steps")
    func digitsEqualSteps() throws {
        let p = try RenderedPage(DigitsLesson.self, ["--learning-rate", "0.3", "--epochs", "1", "--training-samples", "300", "--folds", "2"])
        #expect(p.says("for as many update steps as the full run made", "更新步数与完整训练相同"))
        #expect(p.says("After the same number of steps", "同样的步数之后"))
    }
}
