import Testing
@testable import Curriculum
@testable import LonghandEngine

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
}
