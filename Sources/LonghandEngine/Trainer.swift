/// The one training loop of the engine: any `Trainable` model, any `Optimizer`, full batch or minibatch.
///
/// Each step t evaluates the loss and gradient on `batch(t)`, adds the weight penalty, stops if the
/// step has diverged (`Divergence`, the one rule), clips the gradient if asked, lets the optimizer move
/// the flat parameters and projects the weights onto the max-norm ball if asked. Watched metrics
/// (e.g. a validation loss) are recorded before step 0, every `watchEvery` steps and after the last
/// step; one of them can be monitored for its best value and for early stopping.
public struct Trainer<O: Optimizer>: Sendable {
    public var optimizer: O
    /// How many updates to make.
    public var steps: Int
    /// A penalty on the weights (the models' `weightBlocks`) added to every step's loss and gradient.
    public var penalty: WeightPenalty
    /// Clipping applied to each gradient before the optimizer sees it.
    public var clipping: GradientClipping?
    /// The max-norm radius: after each update every neuron's incoming weights are projected onto ‖w‖ ≤ r.
    public var maxNorm: Double?
    /// Watched metrics are recorded every this many steps (and after the last one).
    public var watchEvery: Int
    /// The watched metric whose lowest value (and the model that had it) is kept, if any.
    public var monitor: Int?
    /// Early stopping: stop once the monitored metric has not improved for this many steps.
    public var patience: Int?
    /// Whether the loss (and gradient, for the divergence rule) is evaluated once more after the last update.
    public var evaluatesFinalLoss: Bool

    public init(optimizer: O, steps: Int, penalty: WeightPenalty = .none, clipping: GradientClipping? = nil,
                maxNorm: Double? = nil, watchEvery: Int = 1, monitor: Int? = nil, patience: Int? = nil,
                evaluatesFinalLoss: Bool = true) {
        precondition(patience == nil || monitor != nil, "early stopping needs a monitored metric")
        self.optimizer = optimizer
        self.steps = max(0, steps)
        self.penalty = penalty
        self.clipping = clipping
        self.maxNorm = maxNorm
        self.watchEvery = max(1, watchEvery)
        self.monitor = monitor
        self.patience = patience
        self.evaluatesFinalLoss = evaluatesFinalLoss
    }

    /// Trains `start`. `batch(t)` is the batch of step t (the same one for full-batch training);
    /// `watch` are metrics of the model recorded along the way; `observe` sees each step's evaluation
    /// (before the update), the model after the update and the optimizer after it.
    public func run<M: Trainable>(_ start: M, batch: (Int) -> M.Batch, watch: [(M) -> Double] = [],
                                  observe: ((_ step: Int, _ evaluation: M.Evaluation, _ updated: M, _ optimizer: O) -> Void)? = nil) -> TrainingRun<M> {
        var model = start
        var opt = optimizer
        var losses: [Double] = [], norms: [Double] = []
        var watchedSteps: [Int] = [], watched = watch.map { _ in [Double]() }
        var best: (value: Double, step: Int, model: M)?
        var stop = TrainingRun<M>.Stop.completed
        losses.reserveCapacity(steps + 1)

        /// Records the watched metrics at step t; false when training must stop.
        func record(_ t: Int) -> Bool {
            let values = watch.map { $0(model) }
            if let bad = values.first(where: Divergence.isDiverged(loss:)) {
                stop = .diverged(step: t, loss: bad)
                return false
            }
            watchedSteps.append(t)
            for (k, v) in values.enumerated() { watched[k].append(v) }
            guard let m = monitor else { return true }
            if best == nil || values[m] < best!.value { best = (values[m], t, model) }
            if let patience, t - best!.step >= patience {
                stop = .stoppedEarly(step: t)
                return false
            }
            return true
        }

        /// The loss and gradient with the weight penalty added.
        func penalized(_ e: M.Evaluation, _ model: M) -> (loss: Double, gradient: [Double]) {
            if penalty == .none { return (e.loss, e.gradient) }
            let p = model.parameters, blocks = model.weightBlocks
            return (e.loss + penalty.value(of: p, blocks: blocks), penalty.adding(to: e.gradient, of: p, blocks: blocks))
        }

        var t = 0
        while true {
            if !watch.isEmpty && (t % watchEvery == 0 || t == steps), !record(t) { break }
            if t == steps {
                if evaluatesFinalLoss {
                    let (loss, g) = penalized(model.evaluate(on: batch(t)), model)
                    if Divergence.isDiverged(loss: loss, gradient: g) {
                        stop = .diverged(step: t, loss: loss)
                    } else {
                        losses.append(loss)
                    }
                }
                break
            }
            let e = model.evaluate(on: batch(t))
            var (loss, g) = penalized(e, model)
            if Divergence.isDiverged(loss: loss, gradient: g) {
                // Stop before the update: the model and every loss kept are still finite numbers.
                stop = .diverged(step: t, loss: loss)
                break
            }
            losses.append(loss)
            norms.append(GradientClipping.norm(g))
            if let clipping { g = clipping.apply(g) }
            var p = model.parameters
            opt.step(&p, g)
            if let r = maxNorm { p = MaxNorm.project(p, blocks: model.weightBlocks, radius: r) }
            model = model.continued(after: e).with(parameters: p)
            observe?(t, e, model, opt)
            t += 1
        }
        return TrainingRun(model: model, losses: losses, gradientNorms: norms, watchedSteps: watchedSteps, watched: watched,
                           stop: stop, bestStep: best?.step, bestModel: best?.model)
    }

    /// Full-batch training: the same batch at every step.
    public func run<M: Trainable>(_ start: M, on batch: M.Batch, watch: [(M) -> Double] = [],
                                  observe: ((_ step: Int, _ evaluation: M.Evaluation, _ updated: M, _ optimizer: O) -> Void)? = nil) -> TrainingRun<M> {
        run(start, batch: { _ in batch }, watch: watch, observe: observe)
    }
}

/// What a `Trainer` run produced: the model it ended with, its losses, its watched metrics and why it stopped.
public struct TrainingRun<M: Trainable> {
    /// Why the loop ended.
    public enum Stop: Equatable, Sendable {
        /// Every step was taken.
        case completed
        /// Step `step`'s loss (or gradient, or a watched metric) broke the divergence rule; `loss` is the
        /// offending value (possibly infinite or NaN). The run stopped before updating.
        case diverged(step: Int, loss: Double)
        /// The monitored metric had not improved for `patience` steps at step `step`.
        case stoppedEarly(step: Int)
    }

    /// The model after the last update made.
    public let model: M
    /// losses[t] is the (penalized) loss of step t's batch before its update; with a final evaluation
    /// the last entry is the loss after the last update.
    public let losses: [Double]
    /// ‖g‖ of each step's gradient before clipping.
    public let gradientNorms: [Double]
    /// The steps at which the watched metrics were recorded (0 = before any update).
    public let watchedSteps: [Int]
    /// watched[k][i] is metric k at step watchedSteps[i].
    public let watched: [[Double]]
    public let stop: Stop
    /// The step with the monitored metric's lowest value, and the model at that step.
    public let bestStep: Int?
    public let bestModel: M?

    /// The step at which the run diverged, or nil.
    public var divergedAt: Int? {
        if case .diverged(let step, _) = stop { return step }
        return nil
    }

    /// The value that gave the divergence away, or nil.
    public var divergedLoss: Double? {
        if case .diverged(_, let loss) = stop { return loss }
        return nil
    }

    /// The step at which early stopping ended the run, or nil.
    public var stoppedEarlyAt: Int? {
        if case .stoppedEarly(let step) = stop { return step }
        return nil
    }
}

extension TrainingRun {
    /// The last recorded loss.
    public var finalLoss: Double { losses[losses.count - 1] }
}

extension TrainingRun where M == Network {
    /// The network the run ended with.
    public var network: Network { model }
}
