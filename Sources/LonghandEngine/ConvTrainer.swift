/// Trains a small convolutional network — convolution → ReLU → max pooling → dense → softmax
/// cross-entropy — by minibatch SGD, fast: buffers allocated once, every loop on raw pointers.
///
/// It computes what `Conv2D`, `MaxPool2D`, `Flatten`, `Dense` and `SoftmaxCrossEntropy` compute
/// one example at a time (tests compare one step of each), in the layout a fast loop wants:
/// - each input is copied once into a zero-bordered buffer, so the convolution needs no clipping:
///   an output map is computed on rows as wide as the padded input (the last K − 1 columns of each
///   row are spare and never read), which turns the whole map into one contiguous strip. Every
///   output of the strip is then b + Σ over kernel weights of w · (input shifted by the weight's
///   offset), summed in registers 16 outputs at a time;
/// - ReLU and pooling are done together: each pooled cell keeps its window's largest ReLU output and
///   where it was (the first maximum in reading order, as `MaxPool2D`);
/// - backward, only pooled cells with a positive value pass a gradient (ReLU′ = 0 elsewhere, and
///   pooling sends each gradient to one cell), so ∂L/∂W of the kernels takes K·K products per such
///   cell. The first layer needs no gradient for its input.
public final class ConvTrainer: SoftmaxBatchBuffers {
    public let inChannels: Int
    public let inputRows: Int
    public let inputColumns: Int
    public let filters: Int
    public let kernelSize: Int
    public let padding: Int
    public let poolSize: Int
    public let classes: Int
    public let batchSize: Int

    // Derived sizes: padded input Hp × Wp, convolution output Ho × Wo (stored Ho rows of Wp),
    // pooled maps Ph × Pw, features = filters · Ph · Pw.
    private let Hp: Int, Wp: Int, Ho: Int, Wo: Int, Ph: Int, Pw: Int
    /// The number of pooled values, the dense layer's inputs.
    public let features: Int

    private let convW: UnsafeMutablePointer<Double>, convB: UnsafeMutablePointer<Double>
    private let gConvW: UnsafeMutablePointer<Double>, gConvB: UnsafeMutablePointer<Double>
    private let denseW: UnsafeMutablePointer<Double>, denseB: UnsafeMutablePointer<Double>
    private let denseWT: UnsafeMutablePointer<Double>
    private let gDenseW: UnsafeMutablePointer<Double>, gDenseB: UnsafeMutablePointer<Double>
    private let padded: UnsafeMutablePointer<Double>     // batch × C × Hp × Wp
    private let conv: UnsafeMutablePointer<Double>       // batch × F × Ho × Wp (pre-activation)
    private let pooled: UnsafeMutablePointer<Double>     // batch × features
    private let argmax: UnsafeMutablePointer<Int32>      // batch × features: position in the map's strip
    private let logits: UnsafeMutablePointer<Double>     // batch × classes
    private let probabilities: UnsafeMutablePointer<Double>
    private let delta: UnsafeMutablePointer<Double>
    private let featureGradient: UnsafeMutablePointer<Double>
    private let positions: UnsafeMutablePointer<Int32>
    // Each example's non-zero pooled values (batch × features positions and their numbers), from the
    // forward pass.
    private let pooledLists: UnsafeMutablePointer<Int32>
    private let pooledCounts: UnsafeMutablePointer<Int>
    private let labels: UnsafeMutablePointer<Int>
    // Kernel weight t of a filter (t = (c · K + a) · K + b) reads the padded input tapOffsets[t]
    // cells after the output position: c · Hp · Wp + a · Wp + b.
    private let taps: Int
    private let tapOffsets: UnsafeMutablePointer<Int32>

    /// A trainer starting from the given layers, for inputs of inChannels × rows × columns.
    /// The convolution must have stride 1 and square kernels; pooling must tile its input
    /// (stride = size); the dense layer must take every pooled value and be linear (softmax is part
    /// of the loss).
    public init(conv layer: Conv2D, pool: MaxPool2D, dense: Dense, inputRows: Int, inputColumns: Int, batchSize: Int) {
        precondition(batchSize > 0, "batch size must be positive")
        precondition(layer.stride == 1 && layer.kernelRows == layer.kernelColumns, "ConvTrainer takes stride-1 square kernels")
        precondition(pool.stride == pool.size, "ConvTrainer takes non-overlapping pooling windows")
        guard let shape = layer.outputShape(rows: inputRows, columns: inputColumns),
              let pooledShape = pool.outputShape(rows: shape.rows, columns: shape.columns) else {
            preconditionFailure("the convolution and pooling windows do not fit a \(inputRows)×\(inputColumns) input")
        }
        precondition(dense.activation == .identity, "the dense layer must be linear: softmax is part of the loss")
        inChannels = layer.inChannels
        self.inputRows = inputRows
        self.inputColumns = inputColumns
        filters = layer.outChannels
        kernelSize = layer.kernelRows
        padding = layer.padding
        poolSize = pool.size
        classes = dense.outputCount
        self.batchSize = batchSize
        Hp = inputRows + 2 * padding
        Wp = inputColumns + 2 * padding
        Ho = shape.rows
        Wo = shape.columns
        Ph = pooledShape.rows
        Pw = pooledShape.columns
        features = filters * Ph * Pw
        precondition(dense.inputCount == features, "the dense layer takes \(dense.inputCount) inputs; pooling gives \(features)")
        convW = Buffer.copy(layer.weights)
        convB = Buffer.copy(layer.bias)
        gConvW = Buffer.zeros(layer.weights.count)
        gConvB = Buffer.zeros(filters)
        denseW = Buffer.copy(dense.weights.values)
        denseB = Buffer.copy(dense.bias.values)
        denseWT = Buffer.zeros(features * classes)
        gDenseW = Buffer.zeros(features * classes)
        gDenseB = Buffer.zeros(classes)
        padded = Buffer.zeros(batchSize * inChannels * Hp * Wp + Wp + kernelSize)
        conv = Buffer.zeros(batchSize * filters * Ho * Wp)
        pooled = Buffer.zeros(batchSize * features)
        argmax = Buffer.zeros(batchSize * features, of: Int32.self)
        logits = Buffer.zeros(batchSize * classes)
        probabilities = Buffer.zeros(batchSize * classes)
        delta = Buffer.zeros(batchSize * classes)
        featureGradient = Buffer.zeros(features)
        positions = Buffer.zeros(max(batchSize, features, classes), of: Int32.self)
        labels = Buffer.zeros(batchSize, of: Int.self)
        pooledLists = Buffer.zeros(batchSize * features, of: Int32.self)
        pooledCounts = Buffer.zeros(batchSize, of: Int.self)
        taps = inChannels * kernelSize * kernelSize
        tapOffsets = Buffer.zeros(taps, of: Int32.self)
        for c in 0..<inChannels {
            for a in 0..<kernelSize {
                for b in 0..<kernelSize {
                    tapOffsets[(c * kernelSize + a) * kernelSize + b] = Int32(truncatingIfNeeded: (c * Hp + a) * Wp + b)
                }
            }
        }
    }

    deinit {
        for p in [convW, convB, gConvW, gConvB, denseW, denseB, denseWT, gDenseW, gDenseB, padded, conv, pooled,
                  logits, probabilities, delta, featureGradient] { p.deallocate() }
        argmax.deallocate()
        positions.deallocate()
        tapOffsets.deallocate()
        pooledLists.deallocate()
        pooledCounts.deallocate()
        labels.deallocate()
    }

    /// The current convolution layer.
    public var convolution: Conv2D {
        Conv2D(inChannels: inChannels, outChannels: filters, kernelSize: kernelSize, stride: 1, padding: padding,
               weights: Array(UnsafeBufferPointer(start: convW, count: filters * inChannels * kernelSize * kernelSize)),
               bias: Array(UnsafeBufferPointer(start: convB, count: filters)))
    }

    /// The current dense layer (features × classes, linear).
    public var dense: Dense {
        Dense(weights: Matrix(rows: features, columns: classes, values: Array(UnsafeBufferPointer(start: denseW, count: features * classes))),
              bias: Matrix(row: Array(UnsafeBufferPointer(start: denseB, count: classes))), activation: .identity)
    }

    /// The values per example in the input array: channels × rows × columns.
    public var inputSize: Int { inChannels * inputRows * inputColumns }

    /// How many examples of the last step's batch the network classified correctly before the
    /// step's update (a running training accuracy that costs no extra forward pass: the batch's
    /// probabilities are still in their buffer, and are only looked at when this is asked for).
    public var correctInLastStep: Int { correct(count: lastBatchCount) }
    var lastBatchCount = 0
    var classCount: Int { classes }
    var probabilityBuffer: UnsafeMutablePointer<Double> { probabilities }
    var labelBuffer: UnsafeMutablePointer<Int> { labels }

    /// One SGD step on the examples `rows` of `inputs` (inputSize values per example, channel by
    /// channel, row by row); returns the batch's mean cross-entropy before the step.
    @discardableResult
    public func step(inputs: UnsafePointer<Double>, labels allLabels: UnsafePointer<Int>, rows: ArraySlice<Int>, learningRate eta: Double) -> Double {
        trainingStep(inputs: inputs, labels: allLabels, rows: rows, learningRate: eta)
    }

    /// Every parameter −= η·gradient, from the last backward pass.
    func descend(learningRate eta: Double) {
        Kernels.descend(convW, gConvW, count: filters * inChannels * kernelSize * kernelSize, learningRate: eta)
        Kernels.descend(convB, gConvB, count: filters, learningRate: eta)
        Kernels.descend(denseW, gDenseW, count: features * classes, learningRate: eta)
        Kernels.descend(denseB, gDenseB, count: classes, learningRate: eta)
    }

    /// The summed cross-entropy and the number of correct predictions over the examples `rows`, in
    /// batches of `batchSize`, without changing the weights.
    public func evaluate(inputs: UnsafePointer<Double>, labels allLabels: UnsafePointer<Int>, rows: [Int]) -> (totalLoss: Double, correct: Int) {
        evaluateInBatches(inputs: inputs, labels: allLabels, rows: rows)
    }

    /// The predicted class of each example in `rows` (the largest probability, the first on a tie).
    public func predictions(inputs: UnsafePointer<Double>, rows: [Int]) -> [Int] { predictInBatches(inputs: inputs, rows: rows) }

    /// Copies example `example` into slot `slot` of the zero-bordered input buffer (inside the border).
    func copy(example: Int, from inputs: UnsafePointer<Double>, to slot: Int) {
        let H = inputRows, W = inputColumns, C = inChannels, P = padding
        let source = inputs + example * inputSize
        for c in 0..<C {
            for i in 0..<H {
                (padded + ((slot * C + c) * Hp + i + P) * Wp + P).update(from: source + (c * H + i) * W, count: W)
            }
        }
    }

    /// Forward pass on the first `n` examples; returns their mean cross-entropy.
    func forward(count n: Int) -> Double {
        let C = inChannels, S = poolSize, F = filters
        // The strip of an output map: Ho rows of Wp (the spare columns are computed from whatever lies
        // beyond the row and never read; the input buffer has room after its last plane for them).
        let strip = Ho * Wp
        var total = 0.0
        for i in 0..<n {
            // Convolution: z = b + Σ_c Σ_a Σ_b W[o][c][a][b] · X[c][· + a][· + b]; the t-th kernel weight
            // of a filter multiplies the input strip that starts tapOffsets[t] cells further on.
            let x = padded + i * C * Hp * Wp
            for o in 0..<F {
                let z = conv + (i * F + o) * Ho * Wp, w = convW + o * taps
                if taps == 9 && Wo == 8 {
                    Self.convolveEightWide(x, weights: w, bias: convB[o], offsets: tapOffsets, rows: Ho, rowLength: Wp, into: z)
                    continue
                }
                z.update(repeating: convB[o], count: strip)
                Kernels.accumulate(into: z, columns: strip, start: z, terms: taps) { t in (w[t], UnsafePointer(x + Int(tapOffsets[t]))) }
            }
            // ReLU and max pooling in one pass, without branches (which max and where depend on the
            // data, so a branch would be mispredicted half the time): the window's largest ReLU output,
            // then, by integer arithmetic, the first cell in reading order that holds it.
            let pooledRow = pooled + i * features, where_ = argmax + i * features
            for o in 0..<F {
                let z = conv + (i * F + o) * Ho * Wp
                for pi in 0..<Ph {
                    var pj = 0
                    if S == 2 {
                        // Four windows side by side at once, in vector registers (a row pair of the map).
                        while pj + 4 <= Pw {
                            let f = (o * Ph + pi) * Pw + pj
                            Self.poolFourWindows(z, corner: (pi * 2) * Wp + pj * 2, rowLength: Wp, into: pooledRow + f, where: where_ + f)
                            pj += 4
                        }
                    }
                    while pj < Pw {
                        defer { pj += 1 }
                        let corner = (pi * S) * Wp + pj * S
                        let f = (o * Ph + pi) * Pw + pj
                        if S == 2 {
                            // The common 2 × 2 window, written out.
                            let v0 = z[corner], v1 = z[corner + 1], v2 = z[corner + Wp], v3 = z[corner + Wp + 1]
                            let best = Self.larger(Self.larger(Self.larger(Self.larger(0, v0), v1), v2), v3)
                            let poison = 0 * v0 + 0 * v1 + 0 * v2 + 0 * v3
                            let e0 = Self.flag(Self.larger(v0, 0) == best), e1 = Self.flag(Self.larger(v1, 0) == best)
                            let e2 = Self.flag(Self.larger(v2, 0) == best)
                            // The offset of the first maximum: 0, 1, Wp or Wp + 1.
                            let offset = (1 &- e0) &* (e1 &+ (1 &- e1) &* (e2 &* Wp &+ (1 &- e2) &* (Wp &+ 1)))
                            pooledRow[f] = best + poison
                            where_[f] = Int32(truncatingIfNeeded: corner &+ offset)
                            continue
                        }
                        var best = 0.0, poison = 0.0
                        for a in 0..<S {
                            for b in 0..<S {
                                let v = z[corner + a * Wp + b]
                                best = Self.larger(v, best)
                                poison += 0 * v   // 0 for every finite v, NaN if v is not: never hide a divergence
                            }
                        }
                        var at = corner, found = 0
                        for a in 0..<S {
                            for b in 0..<S {
                                let here = Self.flag(Self.larger(z[corner + a * Wp + b], 0) == best)
                                at = at &+ (1 &- found) &* here &* (a * Wp + b)
                                found |= here
                            }
                        }
                        pooledRow[f] = best + poison
                        where_[f] = Int32(truncatingIfNeeded: at)
                    }
                }
            }
            // Dense layer over the non-zero pooled values, then softmax cross-entropy.
            let list = pooledLists + i * features
            let c = Kernels.listNonZero(pooledRow, features, into: list)
            pooledCounts[i] = c
            Kernels.combine(into: logits + i * classes, columns: classes, start: denseB, list: list, count: c,
                            coefficients: pooledRow, coefficientStride: 1, rows: denseW, rowStride: classes)
            total += Kernels.softmaxCrossEntropy(logits + i * classes, count: classes, label: labels[i], into: probabilities + i * classes)
        }
        return total / Double(n)
    }

    /// One output map of a nine-weight kernel (3 × 3 on one channel) whose rows are 8 wide, the digits'
    /// shape. Each row's 8 outputs are summed in two vectors of four as b + w₀x₀ + w₁x₁ + … + w₈x₈, the same
    /// additions in the same order as `Kernels.accumulate` makes for the strip (so the same bits), without
    /// the strip's spare columns. Four rows are summed together, weight by weight: their eight sums do not
    /// wait for each other (one row's nine additions form a chain, four rows' chains interleave), and the
    /// eight sums, the weight and the product fit in the sixteen vector registers of AVX2.
    @inline(__always)
    private static func convolveEightWide(_ x: UnsafeMutablePointer<Double>, weights w: UnsafeMutablePointer<Double>, bias: Double,
                                          offsets: UnsafeMutablePointer<Int32>, rows: Int, rowLength Wp: Int,
                                          into z: UnsafeMutablePointer<Double>) {
        let b = SIMD4<Double>(repeating: bias)
        @inline(__always) func at(_ p: UnsafeMutablePointer<Double>) -> SIMD4<Double> { UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self) }
        @inline(__always) func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self) }
        var r = 0
        while r + 4 <= rows {
            let xr = x + r * Wp
            var s0 = b, t0 = b, s1 = b, t1 = b, s2 = b, t2 = b, s3 = b, t3 = b
            for k in 0..<9 {
                let wk = SIMD4<Double>(repeating: w[k]), p = xr + Int(offsets[k])
                s0 += wk * at(p); t0 += wk * at(p + 4)
                s1 += wk * at(p + Wp); t1 += wk * at(p + Wp + 4)
                s2 += wk * at(p + 2 * Wp); t2 += wk * at(p + 2 * Wp + 4)
                s3 += wk * at(p + 3 * Wp); t3 += wk * at(p + 3 * Wp + 4)
            }
            let zr = z + r * Wp
            store(s0, zr); store(t0, zr + 4)
            store(s1, zr + Wp); store(t1, zr + Wp + 4)
            store(s2, zr + 2 * Wp); store(t2, zr + 2 * Wp + 4)
            store(s3, zr + 3 * Wp); store(t3, zr + 3 * Wp + 4)
            r += 4
        }
        // The last rows (fewer than four), one at a time.
        while r < rows {
            let xr = x + r * Wp
            var s = b, t = b
            for k in 0..<9 {
                let wk = SIMD4<Double>(repeating: w[k]), p = xr + Int(offsets[k])
                s += wk * at(p); t += wk * at(p + 4)
            }
            store(s, z + r * Wp); store(t, z + r * Wp + 4)
            r += 1
        }
    }

    /// Four neighbouring 2 × 2 windows of ReLU and max pooling, the first at `corner` of a map stored in rows
    /// of `rowLength`: the same operations as the one-window code in `forward`, lane by lane (so the same
    /// bits), on the two rows' eight cells split into even and odd columns: v0, v1 the window's top
    /// row, v2, v3 its bottom row.
    @inline(__always)
    private static func poolFourWindows(_ z: UnsafeMutablePointer<Double>, corner: Int, rowLength Wp: Int,
                                        into pooled: UnsafeMutablePointer<Double>, where at: UnsafeMutablePointer<Int32>) {
        let top = UnsafeRawPointer(z + corner).loadUnaligned(as: SIMD8<Double>.self)
        let bottom = UnsafeRawPointer(z + corner + Wp).loadUnaligned(as: SIMD8<Double>.self)
        let v0 = top.evenHalf, v1 = top.oddHalf, v2 = bottom.evenHalf, v3 = bottom.oddHalf
        let zero = SIMD4<Double>(repeating: 0)
        let best = larger(larger(larger(larger(zero, v0), v1), v2), v3)
        // 0 · v for every cell (the two rows' eight at once), then added lane by lane as 0·v0 + 0·v1 + 0·v2 + 0·v3.
        let zeroRow = SIMD8<Double>(repeating: 0), topPoison = zeroRow * top, bottomPoison = zeroRow * bottom
        let poison = topPoison.evenHalf + topPoison.oddHalf + bottomPoison.evenHalf + bottomPoison.oddHalf
        // The offset of each window's first maximum in reading order: 0, 1, Wp or Wp + 1.
        var offset = SIMD4<Int64>(repeating: Int64(Wp + 1))
        offset.replace(with: Int64(Wp), where: larger(v2, zero) .== best)
        offset.replace(with: 1, where: larger(v1, zero) .== best)
        offset.replace(with: 0, where: larger(v0, zero) .== best)
        UnsafeMutableRawPointer(pooled).storeBytes(of: best + poison, as: SIMD4<Double>.self)
        for k in 0..<4 { at[k] = Int32(truncatingIfNeeded: corner &+ 2 &* k &+ Int(truncatingIfNeeded: offset[k])) }
    }

    /// `larger` lane by lane.
    @inline(__always)
    private static func larger(_ a: SIMD4<Double>, _ b: SIMD4<Double>) -> SIMD4<Double> { b.replacing(with: a, where: a .> b) }

    /// The larger of a and b (b when they are equal or a is NaN): one `maxsd` instruction, where
    /// `Swift.max`'s NaN rules make the compiler branch.
    @inline(__always)
    private static func larger(_ a: Double, _ b: Double) -> Double { a > b ? a : b }

    /// 1 for true and 0 for false, as a number (no branch).
    @inline(__always)
    private static func flag(_ b: Bool) -> Int { Int(unsafeBitCast(b, to: UInt8.self)) }

    /// Backward pass: the gradients of the mean loss over the first `n` examples.
    func backward(count n: Int) {
        let C = inChannels, K = kernelSize, F = filters, M = classes
        Kernels.softmaxGradient(probabilities, labels: labels, rows: n, columns: M, scale: 1 / Double(n), into: delta)
        // Dense layer: ∂L/∂W row f = Σ_i pooled_if δ_i (over the examples with pooled_if ≠ 0); ∂L/∂b = Σ_i δ_i.
        Kernels.sparseDenseGradient(inputs: pooled, inputCount: features, examples: n,
                                    rowLists: pooledLists, rowCounts: pooledCounts, deltas: delta, outputCount: M, weightGradient: gDenseW, biasGradient: gDenseB)
        // Into the pooled values: ∂L/∂pooled_i = δ_i Wᵀ, as a sum of the rows of Wᵀ.
        Kernels.transpose(denseW, rows: features, columns: M, into: denseWT)
        gConvW.update(repeating: 0, count: F * C * K * K)
        gConvB.update(repeating: 0, count: F)
        let mapSize = Ph * Pw
        for i in 0..<n {
            let di = delta + i * M
            let c = Kernels.listNonZero(di, M, into: positions)
            Kernels.combine(into: featureGradient, columns: features, start: nil, list: positions, count: c,
                            coefficients: di, coefficientStride: 1, rows: denseWT, rowStride: features)
            // Through pooling and ReLU: only a pooled cell with a positive value passes its gradient g,
            // to the one convolution output it came from; there ∂L/∂W[o][c][a][b] += g · X[c][· + a][· + b].
            let where_ = argmax + i * features
            let positions = pooledLists + i * features, active = pooledCounts[i]
            let x = padded + i * C * Hp * Wp
            // The list is sorted, so each filter's cells come together: their products are summed in
            // local variables and added to the filter's gradient once.
            var t = 0
            for o in 0..<F {
                let end = (o + 1) * mapSize
                var biasSum = 0.0
                if C == 1 && K == 3 {
                    // The nine kernel weights' sums as three rows of a vector of four (the fourth lane reads
                    // the cell after the window, which the padded buffer always has, and is never used):
                    // each lane adds the same products in the same order as a sum of its own would.
                    var s0 = SIMD4<Double>(), s1 = SIMD4<Double>(), s2 = SIMD4<Double>()
                    while t < active && Int(positions[t]) < end {
                        let f = Int(positions[t])
                        let g = SIMD4<Double>(repeating: featureGradient[f])
                        let r0 = x + Int(where_[f]), r1 = r0 + Wp, r2 = r1 + Wp
                        biasSum += g[0]
                        s0 += g * UnsafeRawPointer(r0).loadUnaligned(as: SIMD4<Double>.self)
                        s1 += g * UnsafeRawPointer(r1).loadUnaligned(as: SIMD4<Double>.self)
                        s2 += g * UnsafeRawPointer(r2).loadUnaligned(as: SIMD4<Double>.self)
                        t += 1
                    }
                    let gw = gConvW + o * 9
                    gw[0] += s0[0]; gw[1] += s0[1]; gw[2] += s0[2]; gw[3] += s1[0]; gw[4] += s1[1]; gw[5] += s1[2]
                    gw[6] += s2[0]; gw[7] += s2[1]; gw[8] += s2[2]
                } else {
                    while t < active && Int(positions[t]) < end {
                        let f = Int(positions[t])
                        let g = featureGradient[f]
                        let at = Int(where_[f])
                        biasSum += g
                        for ch in 0..<C {
                            let xc = x + ch * Hp * Wp + at
                            let gw = gConvW + (o * C + ch) * K * K
                            for a in 0..<K {
                                for b in 0..<K { gw[a * K + b] += g * xc[a * Wp + b] }
                            }
                        }
                        t += 1
                    }
                }
                gConvB[o] += biasSum
            }
        }
    }
}
