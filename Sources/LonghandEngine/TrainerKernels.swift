/// Raw buffers for the trainers: allocated once, zero-filled, freed by their owner's deinit.
enum Buffer {
    static func zeros<T: Numeric>(_ n: Int, of type: T.Type = Double.self) -> UnsafeMutablePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: max(n, 1))
        p.initialize(repeating: 0, count: max(n, 1))
        return p
    }

    static func copy(_ values: [Double]) -> UnsafeMutablePointer<Double> {
        let p = zeros(values.count)
        p.update(from: values, count: values.count)
        return p
    }
}

/// The few loops the trainers spend their time in, written so the compiler vectorises them.
enum Kernels {
    /// y[0..<count] += a · x[0..<count], in vectors of four, then two, then one: each y[j] gets the one
    /// product added as by the plain loop. Written out: for rows as short as the digits' 10 classes, the
    /// compiler's vectorised plain loop left the backward passes slower in a profile (about 35% of digits'
    /// samples against 33%).
    @inline(__always)
    static func addScaled(_ a: Double, _ x: UnsafePointer<Double>, to y: UnsafeMutablePointer<Double>, count m: Int) {
        typealias V = SIMD4<Double>
        let v = V(repeating: a)
        var j = 0
        while j + 4 <= m {
            let r = UnsafeMutableRawPointer(y + j)
            r.storeBytes(of: r.loadUnaligned(as: V.self) + v * UnsafeRawPointer(x + j).loadUnaligned(as: V.self), as: V.self)
            j += 4
        }
        if j + 2 <= m {
            let r = UnsafeMutableRawPointer(y + j)
            r.storeBytes(of: r.loadUnaligned(as: SIMD2<Double>.self) + SIMD2(repeating: a) * UnsafeRawPointer(x + j).loadUnaligned(as: SIMD2<Double>.self),
                         as: SIMD2<Double>.self)
            j += 2
        }
        if j < m { y[j] += a * x[j] }
    }

    /// Writes the positions of the non-zero entries of x[0], x[stride], … (count entries) into `list`
    /// and returns how many there are. Branch-free: every position is written, and the count moves on
    /// only past a non-zero entry, so no branch depends on the data (a digit's zero pixels follow no
    /// pattern a branch predictor could learn). The test is integer arithmetic on the bits, because a
    /// comparison `x != 0` is compiled into a branch: with the sign bit cleared, the bits b are 0 only
    /// for ±0, and otherwise b | −b has its top bit set. NaN counts as non-zero, so it is never skipped.
    @inline(__always)
    static func listNonZero(_ x: UnsafePointer<Double>, _ count: Int, stride: Int = 1, into list: UnsafeMutablePointer<Int32>) -> Int {
        var c = 0
        for p in 0..<count {
            list[c] = Int32(truncatingIfNeeded: p)
            let b = x[p * stride].bitPattern & 0x7FFF_FFFF_FFFF_FFFF
            c &+= Int(truncatingIfNeeded: (b | (0 &- b)) >> 63)
        }
        return c
    }

    /// out[j] = start[j] + Σₜ c_t · R_t[j] for j < columns, the terms added in the order t = 0, 1, …,
    /// count − 1 to `start` (or to 0 when it is nil), where `term(t)` gives the coefficient c_t and a
    /// pointer to the row R_t. `start` may be `out` itself.
    ///
    /// This is every product of the trainers: a layer's z = b + Σ_p a_p W_p over the non-zero inputs,
    /// a row of ∂L/∂W = Σ_i a_ip δ_i over the examples, a row of δ·Wᵀ, a convolution's output strip
    /// as Σ over kernel weights of w · (shifted input). The columns are taken in blocks whose sums stay
    /// in vector registers for the whole sum, so `out` is written once instead of once per term. Each
    /// sum is a chain (every addition waits for the one before), so a pass over the terms costs about
    /// one addition's latency per term whatever its width, up to what the vector units can issue: the
    /// blocks are as wide as the sixteen AVX2 registers allow (32 columns as eight vectors of four), and
    /// 10 columns — the digits' classes — are one pass of 8 + 2 instead of two passes. Each out[j] is
    /// still computed by the same additions in the same order as the plain loop `out[j] += c_t · R_t[j]`,
    /// lane by lane, so every build gives the same bits.
    @inline(__always)
    static func accumulate(into out: UnsafeMutablePointer<Double>, columns m: Int, start: UnsafePointer<Double>?,
                           terms count: Int, _ term: (Int) -> (Double, UnsafePointer<Double>)) {
        typealias V = SIMD4<Double>
        @inline(__always) func load(_ p: UnsafePointer<Double>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }
        @inline(__always) func load2(_ p: UnsafePointer<Double>) -> SIMD2<Double> { UnsafeRawPointer(p).loadUnaligned(as: SIMD2<Double>.self) }
        @inline(__always) func first(_ j: Int) -> V { start.map { load($0 + j) } ?? V() }
        @inline(__always) func first2(_ j: Int) -> SIMD2<Double> { start.map { load2($0 + j) } ?? SIMD2() }
        @inline(__always) func store(_ v: V, _ j: Int) { UnsafeMutableRawPointer(out + j).storeBytes(of: v, as: V.self) }
        @inline(__always) func store2(_ v: SIMD2<Double>, _ j: Int) { UnsafeMutableRawPointer(out + j).storeBytes(of: v, as: SIMD2<Double>.self) }
        var j = 0
        while j + 32 <= m {
            var s0 = first(j), s1 = first(j + 4), s2 = first(j + 8), s3 = first(j + 12)
            var s4 = first(j + 16), s5 = first(j + 20), s6 = first(j + 24), s7 = first(j + 28)
            for t in 0..<count {
                let (c, row) = term(t)
                let v = V(repeating: c), r = row + j
                s0 += v * load(r); s1 += v * load(r + 4); s2 += v * load(r + 8); s3 += v * load(r + 12)
                s4 += v * load(r + 16); s5 += v * load(r + 20); s6 += v * load(r + 24); s7 += v * load(r + 28)
            }
            store(s0, j); store(s1, j + 4); store(s2, j + 8); store(s3, j + 12)
            store(s4, j + 16); store(s5, j + 20); store(s6, j + 24); store(s7, j + 28)
            j += 32
        }
        while j + 16 <= m {
            var s0 = first(j), s1 = first(j + 4), s2 = first(j + 8), s3 = first(j + 12)
            for t in 0..<count {
                let (c, row) = term(t)
                let v = V(repeating: c), r = row + j
                s0 += v * load(r); s1 += v * load(r + 4); s2 += v * load(r + 8); s3 += v * load(r + 12)
            }
            store(s0, j); store(s1, j + 4); store(s2, j + 8); store(s3, j + 12)
            j += 16
        }
        if m - j == 10 {
            var s0 = first(j), s1 = first(j + 4), s2 = first2(j + 8)
            for t in 0..<count {
                let (c, row) = term(t)
                let v = V(repeating: c), r = row + j
                s0 += v * load(r); s1 += v * load(r + 4); s2 += SIMD2(repeating: c) * load2(r + 8)
            }
            store(s0, j); store(s1, j + 4); store2(s2, j + 8)
            j += 10
        }
        while j + 8 <= m {
            var s0 = first(j), s1 = first(j + 4)
            for t in 0..<count {
                let (c, row) = term(t)
                let v = V(repeating: c), r = row + j
                s0 += v * load(r); s1 += v * load(r + 4)
            }
            store(s0, j); store(s1, j + 4)
            j += 8
        }
        while j + 4 <= m {
            var s0 = first(j)
            for t in 0..<count {
                let (c, row) = term(t)
                s0 += V(repeating: c) * load(row + j)
            }
            store(s0, j)
            j += 4
        }
        while j + 2 <= m {
            var s0 = first2(j)
            for t in 0..<count {
                let (c, row) = term(t)
                s0 += SIMD2(repeating: c) * load2(row + j)
            }
            store2(s0, j)
            j += 2
        }
        while j < m {
            var s0 = start?[j] ?? 0
            for t in 0..<count {
                let (c, row) = term(t)
                s0 += c * row[j]
            }
            out[j] = s0
            j += 1
        }
    }

    /// `accumulate` over listed indices: the t-th term uses index i = list[t], with coefficient
    /// coefficients[i · coefficientStride] and row rows + i · rowStride.
    @inline(__always)
    static func combine(into out: UnsafeMutablePointer<Double>, columns m: Int, start: UnsafePointer<Double>?,
                        list: UnsafePointer<Int32>, count: Int,
                        coefficients: UnsafePointer<Double>, coefficientStride cs: Int,
                        rows: UnsafePointer<Double>, rowStride rs: Int) {
        accumulate(into: out, columns: m, start: start, terms: count) { t in
            let i = Int(list[t])
            return (coefficients[i * cs], rows + i * rs)
        }
    }

    /// A dense layer's gradients from lists of its inputs' non-zero entries: ∂L/∂W = Aᵀ δ, whose row p
    /// is Σ a_ip δ_i over the examples i with a_ip ≠ 0 (the others add exactly 0), and ∂L/∂b = Σ_i δ_i.
    /// Example i's non-zero input indices are `rowLists + i·k` (`rowCounts[i]` of them). Both fast
    /// trainers' dense layers use it (ReLU and max-pool outputs are sparse).
    ///
    /// Example by example, each of its non-zero inputs adds a_ip δ_i to row p (`addScaled`), so every
    /// row gets its terms in the order of the examples, 0 + a_0p δ_0 + a_1p δ_1 + …, the same sum as taken
    /// row by row over a list of the examples, without building such lists.
    static func sparseDenseGradient(inputs a: UnsafePointer<Double>, inputCount k: Int, examples n: Int,
                                    rowLists: UnsafePointer<Int32>, rowCounts: UnsafePointer<Int>,
                                    deltas: UnsafePointer<Double>, outputCount mm: Int,
                                    weightGradient gw: UnsafeMutablePointer<Double>, biasGradient gb: UnsafeMutablePointer<Double>) {
        gw.update(repeating: 0, count: k * mm)
        for i in 0..<n {
            let li = rowLists + i * k, ai = a + i * k, di = deltas + i * mm
            for t in 0..<rowCounts[i] {
                let p = Int(li[t])
                addScaled(ai[p], di, to: gw + p * mm, count: mm)
            }
        }
        gb.update(repeating: 0, count: mm)
        for i in 0..<n {
            let di = deltas + i * mm
            for j in 0..<mm { gb[j] += di[j] }
        }
    }

    /// Softmax of the `count` logits z into p, and the cross-entropy −ln p_label; stable: each logit
    /// has the largest subtracted first, so e^(z − max) ≤ 1 never overflows, and the loss is
    /// ln Σ e^(z − max) − (z_label − max), never the logarithm of a rounded-to-zero probability.
    @inline(__always)
    static func softmaxCrossEntropy(_ z: UnsafePointer<Double>, count m: Int, label: Int, into p: UnsafeMutablePointer<Double>) -> Double {
        var top = z[0]
        // z[j] > top ? z[j] : top, a select rather than a branch (which logit is largest follows no pattern).
        for j in 1..<max(m, 1) { top = z[j] > top ? z[j] : top }
        var sum = 0.0
        for j in 0..<m { let e = Double.exp(z[j] - top); p[j] = e; sum += e }
        let inv = 1 / sum
        for j in 0..<m { p[j] *= inv }
        return Double.log(sum) - (z[label] - top)
    }

    /// δ = (P − onehot) · scale for `rows` rows of probabilities (scale = 1/n for the batch mean).
    @inline(__always)
    static func softmaxGradient(_ p: UnsafePointer<Double>, labels: UnsafePointer<Int>, rows n: Int, columns m: Int, scale: Double,
                                into d: UnsafeMutablePointer<Double>) {
        for q in 0..<(n * m) { d[q] = p[q] * scale }
        for i in 0..<n { d[i * m + labels[i]] -= scale }
    }

    /// The index of the largest of `count` values (the first one on a tie; a NaN is never chosen over
    /// an earlier value). Selects rather than branches: which value is largest follows no pattern.
    @inline(__always)
    static func argmax(_ p: UnsafePointer<Double>, _ count: Int) -> Int {
        guard count > 1 else { return 0 }
        var best = 0, top = p[0]
        for j in 1..<count {
            let v = p[j], larger = v > top
            best = larger ? j : best
            top = larger ? v : top
        }
        return best
    }

    /// w[0..<count] −= η · g[0..<count], the gradient-descent update.
    @inline(__always)
    static func descend(_ w: UnsafeMutablePointer<Double>, _ g: UnsafePointer<Double>, count: Int, learningRate eta: Double) {
        for k in 0..<count { w[k] -= eta * g[k] }
    }

    /// out (columns × rows) = xᵀ for x of rows × columns.
    static func transpose(_ x: UnsafePointer<Double>, rows: Int, columns: Int, into out: UnsafeMutablePointer<Double>) {
        for r in 0..<rows {
            for c in 0..<columns { out[c * rows + r] = x[r * columns + c] }
        }
    }
}

/// What the two fast backends share: a batch loaded into buffers, a forward pass that leaves each
/// example's softmax probabilities in a buffer, and the loops over a list of examples built on them.
protocol SoftmaxBatchBuffers: AnyObject {
    var batchSize: Int { get }
    var classCount: Int { get }
    var probabilityBuffer: UnsafeMutablePointer<Double> { get }
    var labelBuffer: UnsafeMutablePointer<Int> { get }
    /// The examples of the last training step still in the buffers (0 once they hold others).
    var lastBatchCount: Int { get set }
    /// Copies one example of `inputs` into a slot of the input buffer.
    func copy(example: Int, from inputs: UnsafePointer<Double>, to slot: Int)
    /// The forward pass on the first `n` loaded examples; returns their mean cross-entropy.
    func forward(count n: Int) -> Double
    /// The backward pass: every gradient of the mean loss over the first `n` examples.
    func backward(count n: Int)
    /// Every parameter −= η·gradient.
    func descend(learningRate eta: Double)
}

extension SoftmaxBatchBuffers {
    /// Copies the examples `rows` into the buffers; returns how many. Without labels every label is 0
    /// (the loss is then meaningless, the probabilities are not).
    func load(inputs: UnsafePointer<Double>, labels: UnsafePointer<Int>?, rows: ArraySlice<Int>) -> Int {
        let n = rows.count
        precondition(n > 0 && n <= batchSize, "batch of \(n) examples, trainer built for at most \(batchSize)")
        for (slot, example) in rows.enumerated() {
            copy(example: example, from: inputs, to: slot)
            labelBuffer[slot] = labels?[example] ?? 0
        }
        return n
    }

    /// One SGD step on the examples `rows`; returns the batch's mean cross-entropy before the step.
    func trainingStep(inputs: UnsafePointer<Double>, labels: UnsafePointer<Int>, rows: ArraySlice<Int>, learningRate eta: Double) -> Double {
        let n = load(inputs: inputs, labels: labels, rows: rows)
        let loss = forward(count: n)
        lastBatchCount = n
        backward(count: n)
        descend(learningRate: eta)
        return loss
    }

    /// The number of the first `n` loaded examples whose largest probability is at their label.
    func correct(count n: Int) -> Int {
        let m = classCount, p = probabilityBuffer
        var hits = 0
        for i in 0..<n where Kernels.argmax(p + i * m, m) == labelBuffer[i] { hits += 1 }
        return hits
    }

    /// The summed cross-entropy and the number of correct predictions over `rows`, in batches of
    /// `batchSize`. A prediction is the class of the largest probability (the first one on a tie), as
    /// `SoftmaxCrossEntropy.argmax` picks it.
    func evaluateInBatches(inputs: UnsafePointer<Double>, labels: UnsafePointer<Int>, rows: [Int]) -> (totalLoss: Double, correct: Int) {
        lastBatchCount = 0   // the buffers will hold other examples
        var total = 0.0, correct = 0, start = 0
        while start < rows.count {
            let n = load(inputs: inputs, labels: labels, rows: rows[start..<min(start + batchSize, rows.count)])
            total += forward(count: n) * Double(n)
            correct += self.correct(count: n)
            start += batchSize
        }
        return (total, correct)
    }

    /// The predicted class of each example in `rows`.
    func predictInBatches(inputs: UnsafePointer<Double>, rows: [Int]) -> [Int] {
        lastBatchCount = 0
        var out: [Int] = []
        out.reserveCapacity(rows.count)
        let m = classCount
        var start = 0
        while start < rows.count {
            let n = load(inputs: inputs, labels: nil, rows: rows[start..<min(start + batchSize, rows.count)])
            _ = forward(count: n)
            for i in 0..<n { out.append(Kernels.argmax(probabilityBuffer + i * m, m)) }
            start += batchSize
        }
        return out
    }
}
