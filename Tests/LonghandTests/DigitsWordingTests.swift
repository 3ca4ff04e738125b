import Testing
@testable import Curriculum
@testable import LonghandEngine
import Notebook

/// Issue 14 for digits: settings chosen by k-fold cross-validation inside the training digits, the test digits
/// looked at once, and the comparison of the networks worded from their numbers.
@Suite("digits wording")
struct DigitsWordingTests {
    @Test("η = 5: one setting, no cross-validation, both networks at chance; no praise for weight sharing")
    func collapsed() throws {
        let p = try RenderedPage(DigitsLesson.self, ["--learning-rate", "5", "--epochs", "1", "--training-samples", "200"])
        #expect(p.says("Only one setting was given", "只给了一组设置"))
        #expect(p.says("Both are at the level of guessing", "两者都只相当于瞎猜"))
        #expect(p.never("sharing each filter's weights across the image is a good guess", "正是对图像中什么重要的一个好猜测"))
        #expect(p.never("5-fold cross-validation inside the training set", "5 折交叉验证"))
    }

    @Test("a 2 × 2 grid with 2 folds: the table of means and spreads, and the choice it makes")
    func smallGrid() throws {
        let p = try RenderedPage(DigitsLesson.self, ["--learning-rate", "0.1,0.3", "--epochs", "1,2", "--training-samples", "200", "--folds", "2"])
        #expect(p.says("**2-fold cross-validation**", "**2 折交叉验证**"))
        let mlp = try #require(p.values.vector("cv_mlp_mean")), spread = try #require(p.values.vector("cv_mlp_spread"))
        #expect(mlp.count == 4 && spread.count == 4)
        let rates = try #require(p.values.vector("cv_learning_rates")), epochs = try #require(p.values.vector("cv_epochs"))
        #expect(rates == [0.1, 0.1, 0.3, 0.3] && epochs == [1, 2, 1, 2])
        // The chosen setting is the one with the highest mean (ties: smaller spread, then earlier).
        var best = 0
        for i in mlp.indices.dropFirst() where mlp[i] > mlp[best] || (mlp[i] == mlp[best] && spread[i] < spread[best]) { best = i }
        #expect(p.values.number("mlp_learning_rate") == rates[best] && p.values.number("mlp_epochs") == epochs[best])
        #expect(p.says("does best with", "最好"))
    }

    @Test("the fold validation accuracies are those of an independent re-training on each fold")
    func foldScores() throws {
        let args = ["--learning-rate", "0.3", "--epochs", "1,2", "--training-samples", "120", "--folds", "2", "--hidden", "8", "--filters", "2"]
        let lesson = try DigitsLesson.parse(args)
        let setup = DigitsSetup(seed: 1, testFraction: 0.2, trainingSamples: 120, hidden: 8, filters: 2)
        let cv = try #require(lesson.trainings(setup).crossValidation)
        let folds = CrossValidation(items: setup.train, folds: 2, seed: 1 &+ 7)
        for f in 0..<2 {
            let fold = DigitsSetup(setup, train: folds.training(f), test: folds.validation(f))
            for (j, e) in [1, 2].enumerated() {
                let setting = DigitsSetting(learningRate: 0.3, epochs: e)
                let mlp = DigitsTraining.train(.mlp, fold, setting, batchSize: 32, monitor: false)
                let cnn = DigitsTraining.train(.cnn, fold, setting, batchSize: 32, monitor: false)
                #expect(cv.mlp[j].scores[f] == mlp.run.confusion.accuracy)
                #expect(cv.cnn[j].scores[f] == cnn.run.confusion.accuracy)
            }
        }
    }

    @Test("exercise 3: a training on 100 digits that does no better than always answering the commonest test digit is said to have learned nothing; one that learns is compared")
    func smallDataThatLearnsNothing() throws {
        // η = 2 for 3 epochs: the 100-digit MLP gets 40 of 359 right; answering 4 (45 of the test digits) would get more.
        let failed = try RenderedPage(DigitsLesson.self, ["--learning-rate", "2", "--epochs", "3"])
        #expect(failed.says("That is no better than answering 4 for every test digit, the most common one (45 of 359, 12.53%)",
                            "这并不比把每个测试数字都答成 4 更好，4 是测试集中最常见的数字（359 个里有 45 个，12.53%）"))
        #expect(failed.never("More examples of each way of writing a digit", "每个数字多见几种写法"))
        let accuracy = try #require(failed.values.number("exercise3_accuracy")), share = try #require(failed.values.number("exercise3_most_common_test_share"))
        #expect(abs(accuracy - 40.0 / 359) < 1e-12 && abs(share - 45.0 / 359) < 1e-12)
        // η = 0.3 for 3 epochs: 88.58% on 100 digits against 94.99% on all of them.
        let learned = try RenderedPage(DigitsLesson.self, ["--learning-rate", "0.3", "--epochs", "3"])
        #expect(learned.says("reaches 88.58% on the test set, against 94.99% with all 1438 training digits. More examples of each way of writing a digit",
                             "达到 88.58%；用全部 1438 个训练数字时为 94.99%。每个数字多见几种写法"))
        #expect(learned.never("no better than answering", "并不比把每个测试数字都答成"))
    }

    @Test("a probability that prints as 1 is written 1 − (1 − p) in the loss, and with the digits that show it is not 1 in the sentence")
    func probabilityNearOne() throws {
        // η = 1 for 20 epochs: the first test digit gets p₄ = 1 − 2.48896×10⁻⁷, which six digits round to 1.
        let p = try RenderedPage(DigitsLesson.self, ["--learning-rate", "1", "--epochs", "20"])
        #expect(p.says("L = -\\ln(1 - 2.48896 \\times 10^{-7}) = 2.48896 \\times 10^{-7}", "L = -\\ln(1 - 2.48896 \\times 10^{-7})"))
        #expect(p.says("answers **4** with probability 0.9999998, which is right", "网络的回答是 **4**，概率为 0.9999998，答对了"))
        #expect(p.never("\\ln(1) =", "\\ln(1) ="))
        let probabilities = try #require(p.values.vector("p"))
        #expect(abs((1 - probabilities[4]) - 2.48896e-7) < 5e-13 && NumberFormat.short(probabilities[4]) == "1")
    }

    @Test("one hidden unit and one batch: 'the one sum', full-batch gradient descent; the default's 'Three of the 32 sums' and minibatches stay")
    func tinyNetworkWording() throws {
        let p = try RenderedPage(DigitsLesson.self, ["--epochs", "2", "--training-samples", "10", "--learning-rate", "0.1", "--hidden", "1", "--filters", "1", "--batch-size", "256"])
        #expect(p.says("The one sum written out in full.", "完整写出唯一的一个和。"))
        #expect(p.says("Here one batch holds all 10 training digits, so each step uses the full gradient", "这里一批就装下了全部 10 个训练数字"))
        #expect(p.never("Three of the 1 sums", "1 个和中的三个") && p.never("costs 1/1 as much", "全量的 1/1"))
        let d = try RenderedPage(DigitsLesson.self, ["--epochs", "2", "--training-samples", "100", "--learning-rate", "0.1"])
        #expect(d.says("Three of the 32 sums written out in full: units 1 and 2, and unit", "下面完整写出 32 个和中的三个：第 1、2 个单元，以及和最大的第"))
        #expect(d.says("but it costs 1/4 as much", "计算量只有全量的 1/4"))
    }
}
