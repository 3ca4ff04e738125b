import Testing
@testable import LonghandEngine
@testable import Curriculum

/// The answer key of lesson 1, `perceptron` (source texts 000 and 002).
@Suite("perceptron answer key")
struct PerceptronTests {
    let festival = Perceptron(weights: [6, 2, 2], threshold: 5)

    @Test("festival: weighted sums of all 8 situations with weights 6, 2, 2")
    func festivalSums() {
        let sums = PerceptronLesson.situations.map { festival.weightedSum($0).value + 5 }
        #expect(sums == [0, 2, 2, 4, 6, 8, 8, 10])
    }

    @Test("festival erratum: with 6, 2, 2 and threshold 5 the weather alone decides")
    func weatherDecides() {
        for x in PerceptronLesson.situations { #expect(festival.output(x) == x[0]) }
        #expect(PerceptronLesson.decisiveInput(festival) == 0)
    }

    @Test("bias form b = -threshold gives the same decisions")
    func biasForm() {
        let biasForm = Perceptron(weights: [6, 2, 2], bias: -5)
        for x in PerceptronLesson.situations { #expect(biasForm.output(x) == festival.output(x)) }
    }

    @Test("a sum exactly at the threshold does not fire (step(0) = 0)")
    func stepAtZero() {
        #expect(Perceptron(weights: [1], threshold: 1).output([1]) == 0)
    }

    @Test("NAND: w = (-2, -2), b = 3 on all four inputs")
    func nand() {
        let p = Perceptron(weights: [-2, -2], bias: 3)
        #expect(PerceptronLesson.twoInputs.map { p.weightedSum($0).value } == [3, 1, 1, -1])
        #expect(PerceptronLesson.twoInputs.map(p.output) == [1, 1, 1, 0])
    }

    @Test("the learning rule converges on AND in 6 epochs to w = (2, 1), b = -2")
    func andConverges() {
        let t = Perceptron(weights: [0, 0], bias: 0).train(inputs: PerceptronLesson.twoInputs, targets: [0, 0, 0, 1], learningRate: 1, maxEpochs: 50)
        #expect(t.convergedAt == 6)
        #expect(t.final.weights == [2, 1])
        #expect(t.final.bias == -2)
        // Independent check: the final perceptron classifies AND.
        #expect(PerceptronLesson.twoInputs.map(t.final.output) == [0, 0, 0, 1])
    }

    @Test("the learning rule never converges on XOR: it enters a cycle")
    func xorCycles() {
        let t = Perceptron(weights: [0, 0], bias: 0).train(inputs: PerceptronLesson.twoInputs, targets: [0, 1, 1, 0], learningRate: 1, maxEpochs: 1000)
        #expect(t.convergedAt == nil)
        #expect(t.cycle?.first == 3 && t.cycle?.repeat == 4)
        #expect(t.epochs.allSatisfy { $0.mistakes > 0 })
    }

    @Test("exercise: OR converges; threshold 3 makes you go in 5 situations")
    func exercises() {
        let p = Perceptron(weights: [6, 2, 2], threshold: 3)
        #expect(PerceptronLesson.situations.filter { p.output($0) == 1 }.count == 5)
        let or = Perceptron(weights: [1, 1], bias: -0.5)
        #expect(PerceptronLesson.twoInputs.map(or.output) == [0, 1, 1, 1])
    }

    @Test("perceptron --json reports the table and the learning results")
    func json() throws {
        let v = try TestSupport.values("perceptron")
        #expect(v.vector("weighted_sums") == [0, 2, 2, 4, 6, 8, 8, 10])
        #expect(v.vector("nand_outputs") == [1, 1, 1, 0])
        #expect(v.number("and_converged_epoch") == 6)
        #expect(v.vector("xor_cycle") == [3, 4])
        #expect(v.number("example_sum") == 4)
    }

    @Test("perceptron with other weights: --weights 1,1,4 --threshold 3 lets transit decide")
    func changedOptions() throws {
        let v = try TestSupport.values("perceptron", ["--weights", "1,1,4", "--threshold", "3"])
        // Independently: sums of (x1 + x2 + 4·x3) over binary order, output = sum > 3.
        let expected: [Double] = PerceptronLesson.situations.map { $0[0] + $0[1] + 4 * $0[2] }
        #expect(v.vector("weighted_sums") == expected)
        #expect(v.vector("outputs") == expected.map { $0 > 3 ? 1 : 0 })
    }

    @Test("perceptron rejects three weights' worth of mistakes with exit 64 and one line")
    func badInput() throws {
        try TestSupport.expectRefused("perceptron", ["--weights", "1,2"])
    }

    @Test("with 1 epoch the XOR run shows no cycle, and the convergence passage does not promise one 'below'")
    func xorCycleOnlyWhenShown() throws {
        let short = try RenderedPage(PerceptronLesson.self, ["--epochs", "1"])
        #expect(short.says("in the 1 epoch run below the rule makes no perfect pass on it", "在下文跑的 1 轮里，规则在 XOR 上没有一轮全对"))
        #expect(short.never("the rule indeed cycles (below)", "规则确实在循环（见下文）"))
        let d = try RenderedPage(PerceptronLesson.self, [])
        #expect(d.says("the rule indeed cycles (below)", "规则确实在循环（见下文）") && d.values.vector("xor_cycle") != nil)
    }
}

import Foundation
