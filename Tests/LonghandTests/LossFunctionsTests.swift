import Foundation
import Testing
@testable import LonghandEngine
@testable import Curriculum

/// The answer key of lesson 5, `loss-functions` (source texts 000, 001, 002, 003, 004).
@Suite("loss-functions answer key")
struct LossFunctionsTests {
    let yTrue: [Double] = [1, 0, 0, 1]
    let yPred: [Double] = [0, 0, 0, 0]
    let scores: [Double] = [3, 1, 0.1, 0.5]

    /// Softmax written out independently of the engine (safe here: the scores are small).
    func softmax(_ s: [Double]) -> [Double] {
        let e = s.map { Foundation.exp($0) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }

    @Test("MSE of y_true [1,0,0,1] against y_pred [0,0,0,0] is 0.5 with (1/n)Σ (text 003)")
    func mseMean() {
        #expect(SquaredError.squaredErrors(yTrue: yTrue, yPred: yPred) == [1, 0, 0, 1])
        #expect(SquaredError.loss(yTrue: yTrue, yPred: yPred, scaling: .mean) == 0.5)
    }

    @Test("the other scalings: ½Σ = 1 (text 001), (1/2n)Σ = 0.25 (text 000)")
    func otherScalings() {
        #expect(SquaredError.loss(yTrue: yTrue, yPred: yPred, scaling: .halfSum) == 1)
        #expect(SquaredError.loss(yTrue: yTrue, yPred: yPred, scaling: .halfMean) == 0.25)
        // (1/2n)Σ‖y − a‖² with vector outputs: two samples of two outputs each.
        let y = Matrix([[1, 0], [0, 1]]), a = Matrix([[0.5, 0.5], [0, 0]])
        #expect(SquaredError.loss(yTrue: y, yPred: a, scaling: .halfMean) == (0.25 + 0.25 + 0 + 1) / 4)
    }

    @Test("MSE gradients: (−0.5, 0, 0, −0.5), (−1, 0, 0, −1), (−0.25, 0, 0, −0.25), checked by central differences")
    func mseGradients() {
        #expect(SquaredError.gradient(yTrue: yTrue, yPred: yPred, scaling: .mean) == [-0.5, 0, 0, -0.5])
        #expect(SquaredError.gradient(yTrue: yTrue, yPred: yPred, scaling: .halfSum) == [-1, 0, 0, -1])
        #expect(SquaredError.gradient(yTrue: yTrue, yPred: yPred, scaling: .halfMean) == [-0.25, 0, 0, -0.25])
        let at: [Double] = [0.3, -0.2, 0.7, 0.9]
        for scaling in SquaredError.Scaling.allCases {
            let entries = GradientCheck.compare(analytic: SquaredError.gradient(yTrue: yTrue, yPred: at, scaling: scaling), at: at) {
                SquaredError.loss(yTrue: yTrue, yPred: $0, scaling: scaling)
            }
            #expect(entries.allSatisfy { $0.passes() })
        }
    }

    @Test("softmax of (3, 1, 0.1, 0.5) step by step: e^3 = 20.0855, sum 25.5577, p = 0.7859, 0.1064, 0.0432, 0.0645")
    func softmaxSteps() {
        let steps = Softmax.steps(scores, subtractingMax: false)
        #expect(steps.exponentials.map { printed($0, 4) } == [20.0855, 2.7183, 1.1052, 1.6487])
        #expect(printed(steps.sum, 4) == 25.5577)
        let p = Softmax.probabilities(scores)
        #expect(p.map { printed($0, 4) } == [0.7859, 0.1064, 0.0432, 0.0645])
        for (a, b) in zip(p, softmax(scores)) { #expect(abs(a - b) < 1e-12) }
        #expect(abs(p.reduce(0, +) - 1) < 1e-15)
        // Subtracting the largest score gives the same probabilities.
        for (a, b) in zip(Softmax.steps(scores).probabilities, steps.probabilities) { #expect(abs(a - b) < 1e-15) }
    }

    @Test("the text's (90%, 5%, 2%, 3%) is illustrative: the true first probability is 78.6%")
    func illustrativePercentages() {
        let p = Softmax.probabilities(scores)
        #expect(printed(p[0] * 100, 1) == 78.6)
        #expect(zip(p, LossFunctionsLesson.textPercentages).contains { abs($0 - $1) > 0.05 })
    }

    @Test("log-softmax equals ln of softmax; softmax and cross-entropy stay finite for scores of ±1000")
    func stability() {
        for (a, b) in zip(Softmax.logProbabilities(scores), softmax(scores).map { Foundation.log($0) }) { #expect(abs(a - b) < 1e-12) }
        let big: [Double] = [1000, -1000, 0]
        let p = Softmax.probabilities(big)
        #expect(p.allSatisfy { $0.isFinite } && abs(p.reduce(0, +) - 1) < 1e-15)
        #expect(Softmax.logProbabilities(big).allSatisfy { $0.isFinite })
        #expect(CrossEntropy.loss(scores: big, trueClass: 1) == 2000)
        #expect(CrossEntropy.loss(scores: [1000, 999, 1000], trueClass: 0).isFinite)
        // The raw formula overflows: this is why the engine subtracts the maximum.
        #expect(Softmax.steps(big, subtractingMax: false).probabilities[0].isNaN)
    }

    @Test("one-hot coding: class I of four is (1, 0, 0, 0) (text 004)")
    func oneHot() {
        #expect(CrossEntropy.oneHot(0, count: 4) == [1, 0, 0, 0])
        #expect(CrossEntropy.oneHot(2, count: 3) == [0, 0, 1])
    }

    @Test("cross-entropy of 90% is −ln 0.9 = 0.105; erratum 002: its 0.046 is −log10 0.9")
    func crossEntropyText() {
        let natural = CrossEntropy.ofProbability(0.9)
        #expect(printed(natural, 3) == 0.105)
        #expect(abs(natural - -Foundation.log(0.9)) < 1e-15)
        let common = CrossEntropy.ofProbabilityBase10(0.9)
        #expect(printed(common, 3) == 0.046)
        #expect(abs(common - natural / Foundation.log(10)) < 1e-15)
        #expect(printed(CrossEntropy.ofProbability(0.92), 4) == 0.0834)
    }

    @Test("cross-entropy of the real softmax of (3, 1, 0.1, 0.5), class I: 0.2409, the same from p and from scores")
    func crossEntropyReal() {
        let t = CrossEntropy.oneHot(0, count: 4)
        let expected = -Foundation.log(softmax(scores)[0])
        #expect(printed(expected, 4) == 0.2409)
        #expect(abs(CrossEntropy.loss(scores: scores, trueClass: 0) - expected) < 1e-12)
        #expect(abs(CrossEntropy.loss(scores: scores, target: t) - expected) < 1e-12)
        #expect(abs(CrossEntropy.loss(probabilities: Softmax.probabilities(scores), target: t) - expected) < 1e-12)
    }

    @Test("cross-entropy gradient p − t, softmax Jacobian: both checked by central differences")
    func crossEntropyGradient() {
        let t = CrossEntropy.oneHot(0, count: 4)
        let g = CrossEntropy.gradient(scores: scores, target: t)
        for (a, b) in zip(g, zip(softmax(scores), t).map { $0 - $1 }) { #expect(abs(a - b) < 1e-12) }
        var worst = 0.0
        for target in [t, [0.1, 0.2, 0.3, 0.4], [0, 0, 1, 0]] {
            let entries = GradientCheck.compare(analytic: CrossEntropy.gradient(scores: scores, target: target), at: scores) {
                CrossEntropy.loss(scores: $0, target: target)
            }
            #expect(entries.allSatisfy { $0.passes() })
            worst = max(worst, entries.map { abs($0.analytic - $0.numeric) }.max() ?? 0)
        }
        #expect(worst < 1e-9)
        let jacobian = Softmax.jacobian(scores)
        for i in scores.indices {
            let entries = GradientCheck.compare(analytic: jacobian[i], at: scores) { Softmax.probabilities($0)[i] }
            #expect(entries.allSatisfy { $0.passes() })
        }
    }

    @Test("hinge loss, CS231n cat/car/frog: L = 2.9, 0, 12.9 and the data loss over N = 3 is 5.27")
    func hingePictures() {
        let hinge = MulticlassHinge()
        let losses = LossFunctionsLesson.pictures.map { hinge.loss(scores: $0.scores, trueClass: $0.label) }
        #expect(losses.map { printed($0, 1) } == [2.9, 0, 12.9])
        #expect(abs(losses[0] - (max(0, 5.1 - 3.2 + 1) + max(0, -1.7 - 3.2 + 1))) < 1e-12)
        #expect(abs(losses[2] - ((2.2 + 3.1 + 1) + (2.5 + 3.1 + 1))) < 1e-12)
        #expect(printed(losses.reduce(0, +) / 3, 2) == 5.27)
        let terms = hinge.terms(scores: [3.2, 5.1, -1.7], trueClass: 0)
        #expect(terms.map(\.j) == [1, 2])
        #expect(terms.map { printed($0.margin, 1) } == [2.9, -3.9])
        #expect(terms.map { printed($0.value, 1) } == [2.9, 0])
    }

    @Test("hinge + L2 on W = [[1, 1.2], [2, 1.1], [-0.5, -0.7]], x = (2, 1), λ = 0.1: scores (3.2, 5.1, -1.7), R(W) = 8.39, L = 3.739")
    func hingeObjective() {
        let w = Matrix([[1, 1.2], [2, 1.1], [-0.5, -0.7]])
        let o = MulticlassHinge().objective(weights: w, inputs: [[2, 1]], classes: [0], lambda: 0.1)
        for (a, b) in zip(o.scores[0], [2 + 1.2, 4 + 1.1, -1 - 0.7]) { #expect(abs(a - b) < 1e-12) }
        #expect(abs(o.penalty - (1 + 1.44 + 4 + 1.21 + 0.25 + 0.49)) < 1e-12)
        #expect(printed(o.penalty, 2) == 8.39)
        #expect(printed(o.total, 3) == 3.739)
        #expect(abs(o.total - (2.9 + 0.839)) < 1e-12)
        // ∂L/∂s = (−1, 1, 0), so ∂L/∂W = (∂L/∂s)xᵀ + 2λW, worked by hand.
        let expected: [[Double]] = [[-2 + 0.2, -1 + 0.24], [2 + 0.4, 1 + 0.22], [-0.1, -0.14]]
        for (a, b) in zip(o.gradient.values, expected.flatMap { $0 }) { #expect(abs(a - b) < 1e-12) }
    }

    @Test("hinge + L2 gradient with respect to W matches central differences (several W, x, classes, λ)")
    func hingeGradientCheck() {
        let hinge = MulticlassHinge()
        var random = SeededRandom(seed: 11)
        var worst = 0.0
        for _ in 0..<20 {
            let w = Matrix(rows: 3, columns: 2, values: (0..<6).map { _ in random.normal() })
            let inputs = (0..<3).map { _ in [random.uniform(-2, 2), random.uniform(-2, 2)] }
            let classes = (0..<3).map { _ in random.index(below: 3) }
            let lambda = random.uniform(0, 1)
            let o = hinge.objective(weights: w, inputs: inputs, classes: classes, lambda: lambda)
            let entries = GradientCheck.compare(analytic: o.gradient.values, at: w.values) {
                hinge.objective(weights: Matrix(rows: 3, columns: 2, values: $0), inputs: inputs, classes: classes, lambda: lambda).total
            }
            worst = max(worst, entries.map { abs($0.analytic - $0.numeric) }.max() ?? 0)
        }
        #expect(worst < 1e-8)
        // A margin of exactly 0 takes the flat side: gradient 0 there.
        #expect(hinge.gradient(scores: [2, 1, 0], trueClass: 0) == [0, 0, 0])
    }

    @Test("L2 penalty: R(W) = ΣW², gradient 2λW by central differences")
    func l2() {
        let w = Matrix([[1, -2], [0.5, 3]])
        let sumOfSquares: Double = 1 + 4 + 0.25 + 9
        #expect(WeightPenalty.sumOfSquares(w) == sumOfSquares)
        let entries = GradientCheck.compare(analytic: WeightPenalty.l2(lambda: 0.3).gradient(w).values, at: w.values) {
            0.3 * WeightPenalty.sumOfSquares(Matrix(rows: 2, columns: 2, values: $0))
        }
        #expect(entries.allSatisfy { $0.passes() })
    }

    @Test("exercises: MSE 0.055/0.11/0.0275; cross-entropy of (1000, 999, 0), class II = 1.31326; data loss 15.8/3")
    func exercises() throws {
        let v = try TestSupport.values("loss-functions")
        #expect(abs((v.number("exercise1_mse_mean") ?? 0) - 0.055) < 1e-15)
        #expect(abs((v.number("exercise1_mse_half_sum") ?? 0) - 0.11) < 1e-15)
        #expect(abs((v.number("exercise1_mse_half_mean") ?? 0) - 0.0275) < 1e-15)
        let ce = try #require(v.number("exercise2_cross_entropy"))
        #expect(abs(ce - (1 + Foundation.log(1 + Foundation.exp(-1.0)))) < 1e-12)
        #expect(printed(ce, 5) == 1.31326)
        let p = try #require(v.vector("exercise2_softmax"))
        #expect(abs(p[0] - 1 / (1 + Foundation.exp(-1.0))) < 1e-12 && p[2] == 0)
        #expect(abs((v.number("exercise3_data_loss") ?? 0) - 15.8 / 3) < 1e-12)
    }

    @Test("loss-functions --json reports every named quantity of the page")
    func json() throws {
        let v = try TestSupport.values("loss-functions")
        #expect(v.number("mse_mean") == 0.5)
        #expect(v.number("mse_half_sum") == 1)
        #expect(v.number("mse_half_mean") == 0.25)
        #expect(v.vector("mse_mean_gradient") == [-0.5, 0, 0, -0.5])
        let p = try #require(v.vector("softmax"))
        for (a, b) in zip(p, softmax(scores)) { #expect(abs(a - b) < 1e-12) }
        #expect(abs((v.number("exp_sum") ?? 0) - scores.map { Foundation.exp($0) }.reduce(0, +)) < 1e-12)
        #expect(v.vector("one_hot") == [1, 0, 0, 0])
        #expect(abs((v.number("cross_entropy") ?? 0) + Foundation.log(softmax(scores)[0])) < 1e-12)
        #expect(printed(v.number("cross_entropy_text") ?? 0, 3) == 0.105)
        #expect(printed(v.number("minus_log10_text") ?? 0, 3) == 0.046)
        #expect((v.number("cross_entropy_gradient_check_error") ?? 1) < 1e-9)
        #expect(v.vector("hinge_terms")?.map { printed($0, 1) } == [2.9, 0])
        #expect(printed(v.number("hinge_loss") ?? 0, 1) == 2.9)
        #expect(printed(v.number("penalty") ?? 0, 2) == 8.39)
        #expect(printed(v.number("loss") ?? 0, 3) == 3.739)
        #expect(v.number("hinge_on_scores") == 0)
        #expect((v.number("loss_gradient_check_error") ?? 1) < 1e-8)
        let g = try #require(v.matrix("loss_gradient_w"))
        #expect(g.count == 3 && abs(g[0][0] - -1.8) < 1e-12 && abs(g[1][1] - 1.22) < 1e-12)
    }

    @Test("loss-functions with other options: --y-pred 0.5×4, --scores 2,1,0.1 --true-class 2, --label 3, --lambda 0")
    func changedOptions() throws {
        let v = try TestSupport.values("loss-functions", ["--y-pred", "0.5,0.5,0.5,0.5", "--scores", "2,1,0.1", "--true-class", "2",
                                                          "--label", "3", "--lambda", "0"])
        #expect(v.number("mse_mean") == 0.25)
        #expect(v.number("mse_half_sum") == 0.5)
        let e = [2.0, 1, 0.1].map { Foundation.exp($0) }
        let expected = -Foundation.log(e[1] / e.reduce(0, +))
        #expect(abs((v.number("cross_entropy") ?? 0) - expected) < 1e-12)
        #expect(v.vector("one_hot") == [0, 1, 0])
        // Frog correct: max(0, 3.2 + 1.7 + 1) + max(0, 5.1 + 1.7 + 1) = 5.9 + 7.8.
        let terms = try #require(v.vector("hinge_terms"))
        #expect(abs(terms[0] - 5.9) < 1e-12 && abs(terms[1] - 7.8) < 1e-12)
        #expect(v.number("loss") == v.number("hinge_loss"))
    }

    @Test("loss-functions rejects bad input with exit 64, one line naming the option, and writes nothing",
          arguments: [["--y-pred", "1,2"], ["--true-class", "5"], ["--scores", "1"], ["--scores", "1,nan"],
                      ["--lambda", "-1"], ["--weights", "1,2"], ["--label", "4"]])
    func badInput(_ arguments: [String]) throws {
        try TestSupport.expectRefused("loss-functions", arguments)
    }

    @Test("a sure class (scores 30, 0): the loss is ln(1 + e⁻³⁰) to full precision, not 30 − 30.0000000000000924, and p prints as 1 − 9.35762×10⁻¹⁴, not 1")
    func sureClass() throws {
        let exact = Foundation.log1p(Foundation.exp(-30.0))   // 9.3576229688e-14, an independent formula
        #expect(abs(CrossEntropy.loss(scores: [30, 0], trueClass: 0) / exact - 1) < 1e-12)
        #expect(abs(-Softmax.logProbabilities([30, 0])[0] / exact - 1) < 1e-12)
        #expect(abs(CrossEntropy.loss(scores: [30, 0], target: [1, 0]) / exact - 1) < 1e-12)
        // The former formula, (m + ln Σ) − s_I, is 1.3% off here, which is why the loss is no longer taken that way.
        #expect(abs((Softmax.logSumExp([30, 0]) - 30) / exact - 1) > 1e-3)
        let p = try RenderedPage(LossFunctionsLesson.self, ["--scores", "30,0", "--true-class", "1"])
        #expect(p.says("= -\\ln(1 - 9.35762 \\times 10^{-14}) \\\\ &= 9.35762 \\times 10^{-14}", "= -\\ln(1 - 9.35762 \\times 10^{-14})"))
        #expect(p.says("\\ln(1 + 9.35762 \\times 10^{-14}) - \\left(0\\right)", "\\ln(1 + 9.35762 \\times 10^{-14})"))
        #expect(p.never("-\\ln(1)", "-\\ln(1)") && p.never("\\ln(1) -", "\\ln(1) -"))
        #expect(p.never("9.23706", "9.23706"))
        // Small scores keep the plain form: the default's sum 1.27244 prints as itself.
        let d = try RenderedPage(LossFunctionsLesson.self, [])
        #expect(d.says("= \\ln(1.27244) - \\left(0\\right) \\\\ &= 0.240939", "= \\ln(1.27244) - \\left(0\\right)"))
        #expect(d.en.contains("$y_{\\text{pred}}$ |") && !d.en.contains("预测"))
    }
}
