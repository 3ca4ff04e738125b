/// A network assembled from pieces in order: dense layers, batch normalization, activations and dropout.
///
/// `Network` chains dense layers only; a stack can put batch normalization between a layer's
/// weighted sum and its activation and dropout after it, as in the configuration
/// Dense → BatchNorm → ELU → Dropout → … → Dense. Training mode uses each batch's statistics and
/// the given dropout masks; prediction mode uses running statistics and no dropout. Parameters
/// (every dense W and b, every γ and β, in piece order) travel as one flat list, so any
/// `Optimizer` can train a stack.
public struct LayerStack: Equatable, Sendable, Model {
    /// One step of the stack.
    public enum Piece: Equatable, Sendable {
        /// Z = X·W + b followed by the layer's own activation (use `.identity` before batch normalization).
        case dense(Dense)
        /// Batch normalization of every column.
        case batchNorm(BatchNorm)
        /// An activation applied entry by entry.
        case activation(Activation)
        /// Inverted dropout keeping each unit with probability `keep`.
        case dropout(keep: Double)
    }

    public var pieces: [Piece]

    public init(pieces: [Piece]) {
        precondition(!pieces.isEmpty, "a stack needs at least one piece")
        self.pieces = pieces
        _ = widths(input: inputCount)   // checks that the sizes chain
    }

    /// Number of inputs (the first dense layer's).
    public var inputCount: Int {
        for piece in pieces { if case .dense(let d) = piece { return d.inputCount } }
        if case .batchNorm(let b) = pieces[0] { return b.features }
        preconditionFailure("a stack needs a dense or batch-normalization piece to know its width")
    }

    /// The width entering each piece, and the output width last.
    func widths(input: Int) -> [Int] {
        var w = [input]
        for piece in pieces {
            let current = w[w.count - 1]
            switch piece {
            case .dense(let d):
                precondition(d.inputCount == current, "a dense layer with \(d.inputCount) inputs follows width \(current)")
                w.append(d.outputCount)
            case .batchNorm(let b):
                precondition(b.features == current, "batch normalization of \(b.features) features follows width \(current)")
                w.append(current)
            case .activation, .dropout:
                w.append(current)
            }
        }
        return w
    }

    // MARK: Forward

    /// How a forward pass treats batch normalization and dropout.
    public enum Mode: Equatable, Sendable {
        /// Batch statistics, and dropout with these masks (one per piece; nil for non-dropout pieces).
        case training(masks: [Matrix?])
        /// Running statistics and no dropout.
        case prediction
    }

    /// One dropout mask per dropout piece (nil elsewhere) for a batch of `batch` rows.
    public func dropoutMasks(batch: Int, using random: inout SeededRandom) -> [Matrix?] {
        let w = widths(input: inputCount)
        return pieces.enumerated().map { k, piece in
            if case .dropout(let p) = piece { return Dropout(keep: p).mask(rows: batch, columns: w[k], using: &random) }
            return nil
        }
    }

    /// Masks that keep everything (training mode without dropout noise, e.g. for a gradient check).
    public func noDropout(batch: Int) -> [Matrix?] {
        let w = widths(input: inputCount)
        return pieces.enumerated().map { k, piece in
            if case .dropout = piece { return Matrix(rows: batch, columns: w[k], repeating: 1) }
            return nil
        }
    }

    /// What each piece received and what it kept for the backward pass.
    public struct Forward: Equatable, Sendable {
        /// inputs[k] entered piece k; the last entry is the stack's output.
        public let inputs: [Matrix]
        public let dense: [Dense.Forward?]
        public let batchNorm: [BatchNorm.Forward?]
        public let masks: [Matrix?]
        public var output: Matrix { inputs[inputs.count - 1] }
    }

    public func forward(_ x: Matrix, mode: Mode) -> Forward {
        var inputs = [x]
        var dense = [Dense.Forward?](repeating: nil, count: pieces.count)
        var norms = [BatchNorm.Forward?](repeating: nil, count: pieces.count)
        var masks = [Matrix?](repeating: nil, count: pieces.count)
        if case .training(let given) = mode {
            precondition(given.count == pieces.count, "one mask entry per piece")
            masks = given
        }
        for (k, piece) in pieces.enumerated() {
            let a = inputs[k]
            switch piece {
            case .dense(let d):
                let f = d.forward(a)
                dense[k] = f
                inputs.append(f.output)
            case .batchNorm(let b):
                if mode == .prediction {
                    inputs.append(b.predict(a))
                } else {
                    let f = b.forward(a)
                    norms[k] = f
                    inputs.append(f.output)
                }
            case .activation(let f):
                inputs.append(a.map(f.apply))
            case .dropout:
                if let mask = masks[k] {
                    precondition(mask.rows == a.rows && mask.columns == a.columns, "dropout mask must be \(a.rows)×\(a.columns)")
                    inputs.append(a.hadamard(mask))
                } else {
                    inputs.append(a)
                }
            }
        }
        return Forward(inputs: inputs, dense: dense, batchNorm: norms, masks: masks)
    }

    /// The output in prediction mode.
    public func predict(_ x: Matrix) -> Matrix { forward(x, mode: .prediction).output }

    // MARK: Backward

    /// ∂L/∂(every parameter), in `parameters` order, and ∂L/∂X.
    public struct Backward: Equatable, Sendable {
        public let gradients: [Double]
        public let inputGradient: Matrix
    }

    /// Backpropagation through the pieces, top to bottom, for a training-mode pass.
    public func backward(_ forward: Forward, outputGradient: Matrix) -> Backward {
        var upstream = outputGradient
        var perPiece = [[Double]](repeating: [], count: pieces.count)
        for k in stride(from: pieces.count - 1, through: 0, by: -1) {
            switch pieces[k] {
            case .dense(let d):
                let pass = d.backward(forward.dense[k]!, outputGradient: upstream)
                perPiece[k] = pass.gradient.flattened
                upstream = pass.inputGradient
            case .batchNorm(let b):
                guard let f = forward.batchNorm[k] else { preconditionFailure("backward needs a training-mode pass") }
                let pass = b.backward(f, outputGradient: upstream)
                perPiece[k] = pass.gamma + pass.beta
                upstream = pass.input
            case .activation(let f):
                upstream = upstream.hadamard(forward.inputs[k].map(f.derivative))
            case .dropout:
                if let mask = forward.masks[k] { upstream = upstream.hadamard(mask) }
            }
        }
        return Backward(gradients: perPiece.flatMap { $0 }, inputGradient: upstream)
    }

    /// The stack after a training pass has updated every batch normalization's running statistics.
    public func updatingRunningStatistics(with forward: Forward) -> LayerStack {
        var out = self
        for (k, piece) in pieces.enumerated() {
            if case .batchNorm(let b) = piece, let f = forward.batchNorm[k] {
                out.pieces[k] = .batchNorm(b.updatingRunningStatistics(with: f))
            }
        }
        return out
    }

    // MARK: Parameters as one vector

    /// Every dense W (row by row) and b, every γ and β, in piece order.
    public var parameters: [Double] {
        pieces.flatMap { piece -> [Double] in
            switch piece {
            case .dense(let d): return d.parameters
            case .batchNorm(let b): return b.gamma + b.beta
            case .activation, .dropout: return []
            }
        }
    }

    /// The same stack with its parameters replaced (same order as `parameters`); running statistics are kept.
    public func with(parameters values: [Double]) -> LayerStack {
        precondition(values.count == parameters.count, "need \(parameters.count) parameters, got \(values.count)")
        var offset = 0
        func take(_ n: Int) -> [Double] {
            defer { offset += n }
            return Array(values[offset..<(offset + n)])
        }
        var out = self
        for (k, piece) in pieces.enumerated() {
            switch piece {
            case .dense(let d):
                out.pieces[k] = .dense(d.with(parameters: values[offset...]))
                offset += d.parameterCount
            case .batchNorm(var b):
                b.gamma = take(b.features)
                b.beta = take(b.features)
                out.pieces[k] = .batchNorm(b)
            case .activation, .dropout:
                break
            }
        }
        return out
    }

    // MARK: Loss, gradient check, training

    /// The loss in the given mode.
    public func loss(_ x: Matrix, _ objective: Network.Objective, mode: Mode) -> Double {
        objective.evaluate(forward(x, mode: mode).output).loss
    }

    /// Forward, loss and backward in training mode with the given masks.
    public func evaluate(_ x: Matrix, _ objective: Network.Objective, masks: [Matrix?]) -> Evaluation {
        let f = forward(x, mode: .training(masks: masks))
        let (loss, g) = objective.evaluate(f.output)
        return Evaluation(forward: f, loss: loss, backward: backward(f, outputGradient: g))
    }

    /// Backpropagation beside central differences for every parameter, in training mode with fixed masks.
    public func gradientCheck(_ x: Matrix, _ objective: Network.Objective, masks: [Matrix?],
                              step h: Double = GradientCheck.defaultStep) -> [GradientCheck.Entry] {
        gradientCheck(on: Batch(inputs: x, objective: objective, masks: masks), step: h)
    }

    /// A training run of a stack: `losses` are the training-mode losses of each step's batch (with
    /// that step's dropout), before the step; `watched` the prediction-mode losses after 0, 1, 2, … steps.
    public typealias Training = TrainingRun<LayerStack>

    /// Full-batch training: each step draws dropout masks from `random`, runs forward and backward
    /// in training mode, updates the running statistics, and lets `optimizer` move the parameters.
    public func trained<O: Optimizer>(on x: Matrix, _ objective: Network.Objective, optimizer: O, steps: Int,
                                      using random: inout SeededRandom,
                                      watch: [(Matrix, Network.Objective)] = []) -> Training {
        var masks = random
        defer { random = masks }
        let trainer = Trainer(optimizer: optimizer, steps: steps, evaluatesFinalLoss: false)
        return trainer.run(self, batch: { _ in
            Batch(inputs: x, objective: objective, masks: self.dropoutMasks(batch: x.rows, using: &masks))
        }, watch: watch.map { w in { $0.loss(w.0, w.1, mode: .prediction) } })
    }

    // MARK: The model protocol

    /// A training-mode batch: inputs, what to minimise and one dropout mask entry per piece.
    public struct Batch: Sendable {
        public var inputs: Matrix
        public var objective: Network.Objective
        public var masks: [Matrix?]
        public init(inputs: Matrix, objective: Network.Objective, masks: [Matrix?]) {
            self.inputs = inputs
            self.objective = objective
            self.masks = masks
        }
    }

    /// A training-mode evaluation: the forward pass (for the running statistics), the loss and the backward pass.
    public struct Evaluation: Sendable, LossAndGradient {
        public let forward: Forward
        public let loss: Double
        public let backward: Backward
        public var gradient: [Double] { backward.gradients }
    }

    public func evaluate(on batch: Batch) -> Evaluation { evaluate(batch.inputs, batch.objective, masks: batch.masks) }

    public func loss(on batch: Batch) -> Double { loss(batch.inputs, batch.objective, mode: .training(masks: batch.masks)) }

    /// Training continues from the stack whose running statistics include this step's batch.
    public func continued(after evaluation: Evaluation) -> LayerStack { updatingRunningStatistics(with: evaluation.forward) }

    /// Every dense layer's W, in `parameters` order.
    public var weightBlocks: [WeightBlock] {
        var offset = 0, blocks: [WeightBlock] = []
        for piece in pieces {
            switch piece {
            case .dense(let d):
                blocks.append(WeightBlock(offset: offset, rows: d.weights.rows, columns: d.weights.columns))
                offset += d.parameterCount
            case .batchNorm(let b): offset += 2 * b.features
            case .activation, .dropout: break
            }
        }
        return blocks
    }
}

extension TrainingRun where M == LayerStack {
    /// The stack the run ended with.
    public var stack: LayerStack { model }
}
