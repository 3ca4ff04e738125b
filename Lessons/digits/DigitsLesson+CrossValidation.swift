import LessonKit
import LonghandEngine
import Notebook

/// k-fold cross-validation inside the training digits: every candidate learning rate and number of
/// epochs graded on held-out folds, the best setting chosen per network, before any test digit is seen.
struct DigitsCrossValidation {
    /// The folds of the training digits.
    let folds: CrossValidation
    /// Every (η, epochs) candidate, learning rate by learning rate.
    let settings: [DigitsSetting]
    /// Each network's grades over the folds.
    let mlpGrades: Grades
    let cnnGrades: Grades
    /// Validation accuracy over the folds, one summary per setting.
    var mlp: [CrossValidation.Summary] { mlpGrades.summaries }
    var cnn: [CrossValidation.Summary] { cnnGrades.summaries }
    /// For each learning rate: the mean validation accuracy over the folds after each epoch 0…max.
    var mlpCurves: [[Double]] { mlpGrades.curves }
    var cnnCurves: [[Double]] { cnnGrades.curves }
    /// The best setting of each network.
    var mlpChoice: Int { mlpGrades.choice }
    var cnnChoice: Int { cnnGrades.choice }

    /// One network's grades: a summary of its validation accuracies over the folds per setting, and per
    /// learning rate its mean validation accuracy after each epoch.
    struct Grades {
        let summaries: [CrossValidation.Summary]
        let curves: [[Double]]
        /// The best setting: the highest mean, then the smaller spread, then the earlier in the list.
        var choice: Int { CrossValidation.best(summaries) ?? 0 }

        /// From the network's trainings, fold by fold and rate by rate (fold f, rate r at f · rates + r), each
        /// trained for the largest number of epochs and graded on its held-out fold after every epoch; each
        /// smaller number of epochs is read off the way (a run stopped early by divergence keeps its last
        /// finite weights, so its last grade stands for the later epochs).
        init(_ runs: [ModelRun], rates: Int, epochs: [Int], folds: Int) {
            let longest = epochs.max() ?? 1
            var scores = Array(repeating: Array(repeating: [Double](), count: epochs.count), count: rates)
            var curves = Array(repeating: Array(repeating: 0.0, count: longest + 1), count: rates)
            // Fold by fold, rate by rate: the sums add in this order whichever training ended first.
            for f in 0..<folds {
                for r in 0..<rates {
                    let curve = runs[f * rates + r].monitoredAccuracy
                    // Accuracy after epoch e, or after the last finite epoch when training diverged before e.
                    func at(_ e: Int) -> Double { curve.isEmpty ? 0 : curve[min(e, curve.count - 1)] }
                    for (j, e) in epochs.enumerated() { scores[r][j].append(at(e)) }
                    for e in 0...longest { curves[r][e] += at(e) / Double(folds) }
                }
            }
            summaries = scores.flatMap { $0.map { CrossValidation.Summary(scores: $0) } }
            self.curves = curves
        }
    }
}

/// Everything the digits lesson trains: the cross-validation (nil when there is nothing to choose), both
/// networks' final training with the settings chosen, and the exercise's MLP trained on fewer digits.
struct DigitsTrainings {
    let crossValidation: DigitsCrossValidation?
    let run: DigitsRun
    let smallData: DigitsSmallData

    /// What a network's follow-up to its cross-validation computes.
    private enum FollowUp {
        /// Its grades (nil without cross-validation), the setting chosen, and its final training with it.
        case final(DigitsCrossValidation.Grades?, DigitsSetting, DigitsTraining.Trained)
        /// The exercise's training of the MLP on fewer digits, with the MLP's setting.
        case smallData(DigitsSmallData)
    }

    /// Cross-validates both networks on `folds` folds (none: the first setting is used), then trains each
    /// once more, with the setting it chose, on all the training digits and grades it on the test digits.
    ///
    /// Every (network, fold, rate) training is independent, and runs on every core: the CNN's (about three
    /// times as long) first, so that the short MLP ones fill in at the end. A network's final training (and,
    /// for the MLP, the exercise's) needs only its own folds' grades, so it starts as soon as those are in,
    /// while the other network's folds still run, instead of everything waiting for all thirty.
    static func run(_ setup: DigitsSetup, rates: [Double], epochs: [Int], folds k: Int, batchSize: Int,
                    showProgress: Bool) -> DigitsTrainings {
        let folds = k >= 2 ? CrossValidation(items: setup.train, folds: k, seed: UInt64(setup.seed) &+ 7) : nil
        let longest = epochs.max() ?? 1
        let settings = rates.flatMap { eta in epochs.map { DigitsSetting(learningRate: eta, epochs: $0) } }
        let networks: [DigitsTraining.Model] = [.cnn, .mlp]
        let perNetwork = (folds?.count ?? 0) * rates.count
        // One step per epoch of every training; a final training's epochs are added once it is chosen.
        let progress = TerminalProgress.Shared("digits: training", total: networks.count * perNetwork * longest, visible: showProgress)
        let trained = ParallelResults<DigitsTraining.Trained>.map(groups: networks.map { _ in perNetwork },
                                                                  followUps: networks.map { $0 == .mlp ? 2 : 1 }) { n, job in
            let (f, r) = job.quotientAndRemainder(dividingBy: rates.count)
            let fold = DigitsSetup(setup, train: folds!.training(f), test: folds!.validation(f))
            let setting = DigitsSetting(learningRate: rates[r], epochs: longest)
            return DigitsTraining.train(networks[n], fold, setting, batchSize: batchSize, monitor: true) { progress.advance() }
        } then: { n, followUp, runs -> FollowUp in
            let grades = folds.map { DigitsCrossValidation.Grades(runs.map(\.run), rates: rates.count, epochs: epochs, folds: $0.count) }
            let chosen = settings[grades?.choice ?? 0]
            if followUp == 1 { return .smallData(DigitsSmallData(setup, mlp: chosen, batchSize: batchSize)) }
            progress.grow(by: chosen.epochs)
            return .final(grades, chosen, DigitsTraining.train(networks[n], setup, chosen, batchSize: batchSize, monitor: false) { progress.advance() })
        }
        progress.finish()
        guard case let .final(cnnGrades, cnnSetting, cnn) = trained.followUps[0][0],
              case let .final(mlpGrades, mlpSetting, mlp) = trained.followUps[1][0],
              case let .smallData(smallData) = trained.followUps[1][1] else { preconditionFailure("follow-ups out of order") }
        var crossValidation: DigitsCrossValidation?
        if let folds, let mlpGrades, let cnnGrades {
            crossValidation = DigitsCrossValidation(folds: folds, settings: settings, mlpGrades: mlpGrades, cnnGrades: cnnGrades)
        }
        return DigitsTrainings(crossValidation: crossValidation,
                               run: DigitsTraining.combined(mlp: mlp, cnn: cnn, mlpSetting: mlpSetting, cnnSetting: cnnSetting),
                               smallData: smallData)
    }
}

extension DigitsLesson {
    /// "1 epoch", "40 epochs".
    static func epochsText(_ n: Int) -> String { "\(n) epoch\(n == 1 ? "" : "s")" }

    /// The candidate settings in the order they are compared.
    var candidateRates: [Double] { learningRate.values }
    var candidateEpochs: [Int] { epochs.values.map { Int($0) } }

    /// The folds actually used: at most one per training digit.
    func foldCount(_ setup: DigitsSetup) -> Int { min(folds, setup.train.count) }

    /// Every training of the page: cross-validation when there is a choice to make and enough digits to make
    /// folds (none otherwise, and the first setting is used), then the final trainings with the settings chosen.
    func trainings(_ setup: DigitsSetup) -> DigitsTrainings {
        let validate = candidateRates.count * candidateEpochs.count > 1 && foldCount(setup) >= 2
        return DigitsTrainings.run(setup, rates: candidateRates, epochs: candidateEpochs, folds: validate ? foldCount(setup) : 0,
                                   batchSize: batchSize, showProgress: !common.quiet && !common.json)
    }

    /// The cross-validation's section; `run` was trained with the settings it chose (or, without it, the first).
    func writeCrossValidation(_ page: inout Page, _ setup: DigitsSetup, _ cv: DigitsCrossValidation?, _ run: DigitsRun) {
        page.section("Choosing η and the number of epochs by cross-validation", zh: "用交叉验证选择 η 和训练轮数")
        guard let cv else {
            let only = run.mlpSetting
            let why: Localized = candidateRates.count * candidateEpochs.count == 1
                ? Localized("Only one setting was given ($\\eta = \(NumberFormat.short(only.learningRate))$, \(Self.epochsText(only.epochs))), so there is nothing to choose and no cross-validation is run.",
                            zh: "只给了一组设置（$\\eta = \(NumberFormat.short(only.learningRate))$，\(only.epochs) 轮），没有什么可选的，所以不做交叉验证。")
                : Localized("With \(setup.train.count) training digit there are too few to cut into folds, so the first setting is used ($\\eta = \(NumberFormat.short(only.learningRate))$, \(Self.epochsText(only.epochs))).",
                            zh: "只有 \(setup.train.count) 个训练数字，不够切成几折，所以直接用第一组设置（$\\eta = \(NumberFormat.short(only.learningRate))$，\(only.epochs) 轮）。")
            page.say(why.en, zh: why.zh)
            page.record("mlp_learning_rate", only.learningRate)
            page.record("mlp_epochs", Double(only.epochs))
            page.record("cnn_learning_rate", only.learningRate)
            page.record("cnn_epochs", Double(only.epochs))
            return
        }
        let k = cv.folds.count
        let sizes = cv.folds.folds.map(\.count)
        page.say("""
            How fast to learn and for how long cannot be read off the test digits: a setting picked because it scores well on \
            them would make their score a flattering one. The choice is made inside the \(setup.train.count) training digits \
            instead, by **\(k)-fold cross-validation**: they are dealt in a seeded order into \(k) folds of \
            \(sizes.min()!)\(sizes.min()! == sizes.max()! ? "" : " or \(sizes.max()!)") digits; each fold in turn is held out while both \
            networks train on the other \(k - 1) from the same starting weights, and the held-out fold grades them. Every candidate \
            setting is graded on all \(k) folds; its mean says how good it is, its spread (the sample standard deviation over the \
            folds) how much that mean can be trusted. The candidates: $\\eta \\in \\{\(candidateRates.map { NumberFormat.short($0) }.joined(separator: ", "))\\}$ \
            and \(candidateEpochs.map(String.init).joined(separator: ", ")) epochs, batches of \(min(batchSize, setup.train.count)).
            """, zh: """
            学多快、学多久，不能从测试数字上读出来：因为在测试数字上得分高才选中的设置，会让测试分数变得偏乐观。\
            所以选择在 \(setup.train.count) 个训练数字内部进行，用 **\(k) 折交叉验证**：按种子把它们依次分成 \(k) 折，\
            每折 \(sizes.min()!)\(sizes.min()! == sizes.max()! ? "" : " 或 \(sizes.max()!)") 个；轮流留出一折，两个网络从同样的初始权重出发，\
            在其余 \(k - 1) 折上训练，再用留出的那一折给它们打分。每组候选设置都在全部 \(k) 折上打分：均值说明它有多好，\
            离散程度（各折分数的样本标准差）说明这个均值有多可信。候选设置为：$\\eta \\in \\{\(candidateRates.map { NumberFormat.short($0) }.joined(separator: ", "))\\}$，\
            轮数为 \(candidateEpochs.map(String.init).joined(separator: "、"))，每批 \(min(batchSize, setup.train.count)) 个。
            """)
        let mlpRanks = CrossValidation.ranks(cv.mlp), cnnRanks = CrossValidation.ranks(cv.cnn)
        func cell(_ s: CrossValidation.Summary, _ rank: Int) -> Table.Cell {
            .text(Localized(same: Self.percent(s.mean) + " ± " + Self.percent(s.standardDeviation) + " (#\(rank))"))
        }
        page.table([Localized("$\\eta$", zh: "$\\eta$"), Localized("epochs", zh: "轮数"),
                    Localized("MLP: mean ± spread (rank)", zh: "MLP：均值 ± 离散（名次）"), Localized("CNN: mean ± spread (rank)", zh: "CNN：均值 ± 离散（名次）")],
                   cv.settings.indices.map { i in
                       [.number(cv.settings[i].learningRate), .number(Double(cv.settings[i].epochs)), cell(cv.mlp[i], mlpRanks[i]), cell(cv.cnn[i], cnnRanks[i])]
                   }, caption: Localized("Validation accuracy over the \(k) folds", zh: "\(k) 折上的验证准确率"))
        page.record("cv_folds", Double(k))
        page.record("cv_learning_rates", cv.settings.map(\.learningRate))
        page.record("cv_epochs", cv.settings.map { Double($0.epochs) })
        page.record("cv_mlp_mean", cv.mlp.map(\.mean))
        page.record("cv_mlp_spread", cv.mlp.map(\.standardDeviation))
        page.record("cv_cnn_mean", cv.cnn.map(\.mean))
        page.record("cv_cnn_spread", cv.cnn.map(\.standardDeviation))
        // The settings the final trainings used are the ones chosen here (the same grades, the same choice).
        let m = run.mlpSetting, c = run.cnnSetting
        assert(m == cv.settings[cv.mlpChoice] && c == cv.settings[cv.cnnChoice])
        page.record("mlp_learning_rate", m.learningRate)
        page.record("mlp_epochs", Double(m.epochs))
        page.record("cnn_learning_rate", c.learningRate)
        page.record("cnn_epochs", Double(c.epochs))
        func verdict(_ name: String, _ list: [CrossValidation.Summary], _ best: Int) -> Localized {
            let ranks = CrossValidation.ranks(list)
            let second = list.indices.first { ranks[$0] == 2 }
            let s = cv.settings[best]
            let head = Localized("The \(name) does best with $\\eta = \(NumberFormat.short(s.learningRate))$ and \(Self.epochsText(s.epochs)) (\(Self.percent(list[best].mean)) ± \(Self.percent(list[best].standardDeviation)))",
                                 zh: "\(name) 在 $\\eta = \(NumberFormat.short(s.learningRate))$、\(s.epochs) 轮时最好（\(Self.percent(list[best].mean)) ± \(Self.percent(list[best].standardDeviation))）")
            guard let second else { return head + Localized(same: ".") }
            let gap = list[best].mean - list[second].mean
            let close = gap < list[best].standardDeviation
            if gap == 0 {
                let r = cv.settings[second]
                return head + Localized("; $\\eta = \(NumberFormat.short(r.learningRate))$ with \(Self.epochsText(r.epochs)) has the same mean and loses only on the larger spread, so the folds do not separate the two.",
                                        zh: "；$\\eta = \(NumberFormat.short(r.learningRate))$、\(r.epochs) 轮的均值与它相同，只因离散更大才排在后面，这几折分不出两者的高下。")
            }
            // A gap that two decimals would print as 0.00% (folds of unequal size) is said as under 0.01%.
            let behind = Self.percent(gap) == Self.percent(0)
                ? Localized("less than 0.01%", zh: "差距不到 0.01%") : Localized(Self.percent(gap), zh: "差 \(Self.percent(gap))")
            return head + (close
                ? Localized("; the runner-up is within one spread of it (\(behind.en) behind), so the folds barely separate the two.",
                            zh: "；第二名落后不到一个离散（\(behind.zh)），这几折几乎分不出两者的高下。")
                : Localized("; the runner-up is \(Self.percent(gap)) behind, more than one spread.",
                            zh: "；第二名落后 \(Self.percent(gap))，超过一个离散。"))
        }
        let vm = verdict("MLP", cv.mlp, cv.mlpChoice), vc = verdict("CNN", cv.cnn, cv.cnnChoice)
        page.say(vm.en + " " + vc.en + " Each network is then trained once more, with its chosen setting, on all \(setup.train.count) training digits.",
                 zh: vm.zh + vc.zh + "然后每个网络用各自选中的设置，在全部 \(setup.train.count) 个训练数字上再训练一次。")
        let longest = candidateEpochs.max() ?? 1
        func points(_ v: [Double]) -> [LinePlot.Point] { v.enumerated().map { LinePlot.Point(Double($0.offset), $0.element) } }
        let series: [LinePlot.Series] = candidateRates.indices.flatMap { r -> [LinePlot.Series] in
            [.init(Localized("MLP, η = \(NumberFormat.short(candidateRates[r]))", zh: "MLP，η = \(NumberFormat.short(candidateRates[r]))"), points(cv.mlpCurves[r]), color: r),
             .init(Localized("CNN, η = \(NumberFormat.short(candidateRates[r]))", zh: "CNN，η = \(NumberFormat.short(candidateRates[r]))"), points(cv.cnnCurves[r]), style: .dashed, color: r)]
        }
        let all = (cv.mlpCurves + cv.cnnCurves).flatMap { $0 }
        let low = max(0, ((all.min() ?? 0) * 10).rounded(.down) / 10)
        page.figure("cross-validation", title: Localized("Mean validation accuracy over the folds, epoch by epoch", zh: "各折验证准确率的均值，逐轮"),
                    description: Localized("For each candidate learning rate, the validation accuracy after each epoch, averaged over the \(k) folds: MLP solid, CNN dashed.",
                                           zh: "每个候选学习率下，每轮之后的验证准确率在 \(k) 折上的平均：MLP 为实线，CNN 为虚线。"),
                    LinePlot(xLabel: Localized("epoch", zh: "轮次"), yLabel: Localized("validation accuracy", zh: "验证准确率"), series: series,
                             xRange: 0...Double(longest), yRange: low...1))
    }
}
