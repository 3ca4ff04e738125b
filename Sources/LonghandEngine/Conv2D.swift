/// A convolutional layer: each output map is the cross-correlation of the (zero-padded) input maps
/// with one stack of kernels, plus a bias.
///
/// "Convolution" here is what every deep-learning library computes: the kernel slides over the
/// input without being flipped (cross-correlation). Output (o, i, j) is
/// b[o] + Σ_c Σ_a Σ_b W[o][c][a][b] · X[c][i·S − P + a][j·S − P + b], cells outside X counting as 0.
/// Padding is implicit: the loops clip each window to the input instead of copying a padded input,
/// so forward and backward allocate only their results.
public struct Conv2D: Equatable, Sendable {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelRows: Int
    public let kernelColumns: Int
    public let stride: Int
    public let padding: Int
    /// The kernels, [output channel][input channel][row][column] in one array.
    public var weights: [Double]
    /// One bias per output channel.
    public var bias: [Double]

    /// A layer with square `kernelSize` kernels; `weights` holds outChannels × inChannels × k × k values.
    public init(inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                weights: [Double], bias: [Double]? = nil) {
        self.init(inChannels: inChannels, outChannels: outChannels, kernelRows: kernelSize, kernelColumns: kernelSize,
                  stride: stride, padding: padding, weights: weights, bias: bias)
    }

    /// A layer with kernelRows × kernelColumns kernels.
    public init(inChannels: Int, outChannels: Int, kernelRows: Int, kernelColumns: Int, stride: Int = 1, padding: Int = 0,
                weights: [Double], bias: [Double]? = nil) {
        precondition(inChannels >= 1 && outChannels >= 1 && kernelRows >= 1 && kernelColumns >= 1 && stride >= 1 && padding >= 0,
                     "channels, kernel sides and stride must be at least 1, padding at least 0")
        precondition(weights.count == outChannels * inChannels * kernelRows * kernelColumns,
                     "Conv2D needs \(outChannels * inChannels * kernelRows * kernelColumns) weights, got \(weights.count)")
        let b = bias ?? [Double](repeating: 0, count: outChannels)
        precondition(b.count == outChannels, "Conv2D needs \(outChannels) biases, got \(b.count)")
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelRows = kernelRows
        self.kernelColumns = kernelColumns
        self.stride = stride
        self.padding = padding
        self.weights = weights
        self.bias = b
    }

    /// The window geometry along rows and along columns.
    public var rowWindow: SlidingWindow { SlidingWindow(size: kernelRows, stride: stride, padding: padding) }
    public var columnWindow: SlidingWindow { SlidingWindow(size: kernelColumns, stride: stride, padding: padding) }

    /// The output's rows and columns for an input of `rows` × `columns`, or nil when the
    /// windows do not tile the padded input exactly.
    public func outputShape(rows: Int, columns: Int) -> (rows: Int, columns: Int)? {
        guard let r = rowWindow.outputSize(rows), let c = columnWindow.outputSize(columns) else { return nil }
        return (r, c)
    }

    /// The position of W[o][c][a][b] in `weights`.
    @inlinable public func weightIndex(_ o: Int, _ c: Int, _ a: Int, _ b: Int) -> Int {
        ((o * inChannels + c) * kernelRows + a) * kernelColumns + b
    }

    /// Kernel (o, c) as nested rows.
    public func kernel(_ o: Int, _ c: Int) -> [[Double]] {
        (0..<kernelRows).map { a in (0..<kernelColumns).map { b in weights[weightIndex(o, c, a, b)] } }
    }

    /// The part of a window that lies inside the input: window offsets lo..<hi along one axis for
    /// a window starting at `start` (which may be negative inside the padding).
    @inlinable static func clip(start: Int, size: Int, limit: Int) -> (lo: Int, hi: Int) {
        (max(0, -start), max(max(0, -start), min(size, limit - start)))
    }

    /// The pre-activation output (the weighted inputs, 000's net).
    public func forward(_ x: Tensor3) -> Tensor3 {
        guard let shape = outputShape(rows: x.rows, columns: x.columns) else {
            preconditionFailure("a \(kernelRows)×\(kernelColumns) window with stride \(stride), padding \(padding) does not fit \(x.rows)×\(x.columns)")
        }
        var out = Tensor3(channels: outChannels, rows: shape.rows, columns: shape.columns)
        forward(x, into: &out)
        return out
    }

    /// The forward pass written into an existing tensor of the output's shape (no allocation).
    public func forward(_ x: Tensor3, into out: inout Tensor3) {
        precondition(x.channels == inChannels, "Conv2D expects \(inChannels) input channels, got \(x.channels)")
        let H = x.rows, W = x.columns, Ho = out.rows, Wo = out.columns
        let KR = kernelRows, KC = kernelColumns, C = inChannels
        if stride == 1 {
            forwardStrideOne(x, into: &out)
            return
        }
        x.values.withUnsafeBufferPointer { xv in
            weights.withUnsafeBufferPointer { wv in
                out.values.withUnsafeMutableBufferPointer { ov in
                    for o in 0..<outChannels {
                        for oi in 0..<Ho {
                            let r0 = oi * stride - padding
                            let (aLo, aHi) = Self.clip(start: r0, size: KR, limit: H)
                            for oj in 0..<Wo {
                                let c0 = oj * stride - padding
                                let (bLo, bHi) = Self.clip(start: c0, size: KC, limit: W)
                                var s = bias[o]
                                for c in 0..<C {
                                    let xChannel = c * H * W, wKernel = (o * C + c) * KR * KC
                                    var a = aLo
                                    while a < aHi {
                                        let xRow = xChannel + (r0 + a) * W + c0, wRow = wKernel + a * KC
                                        var b = bLo
                                        while b < bHi { s += wv[wRow + b] * xv[xRow + b]; b += 1 }
                                        a += 1
                                    }
                                }
                                ov[(o * Ho + oi) * Wo + oj] = s
                            }
                        }
                    }
                }
            }
        }
    }

    /// The forward pass for stride 1, row by row: each kernel weight w, multiplied into a whole output
    /// row at once (out[i][j] += w · X[i − P + a][j − P + b] for every j whose input cell exists).
    /// The inner loop walks two contiguous rows and every element is independent, so it vectorises;
    /// each output still receives bias + Σ_c Σ_a Σ_b in the same order as the general loop.
    private func forwardStrideOne(_ x: Tensor3, into out: inout Tensor3) {
        let H = x.rows, W = x.columns, Ho = out.rows, Wo = out.columns
        let KR = kernelRows, KC = kernelColumns, C = inChannels, P = padding
        x.values.withUnsafeBufferPointer { xBuffer in
            weights.withUnsafeBufferPointer { wBuffer in
                out.values.withUnsafeMutableBufferPointer { oBuffer in
                    guard let xv = xBuffer.baseAddress, let wv = wBuffer.baseAddress, let ov = oBuffer.baseAddress else { return }
                    for o in 0..<outChannels {
                        let b0 = bias[o]
                        for oi in 0..<Ho {
                            let row = ov + (o * Ho + oi) * Wo
                            row.update(repeating: b0, count: Wo)
                            for c in 0..<C {
                                for a in 0..<KR {
                                    let r = oi - P + a
                                    guard r >= 0 && r < H else { continue }
                                    let xRow = xv + (c * H + r) * W
                                    for b in 0..<KC {
                                        let w = wv[((o * C + c) * KR + a) * KC + b]
                                        // Output columns whose input column j − P + b lies inside 0..<W.
                                        let lo = max(0, P - b), hi = min(Wo, W + P - b)
                                        guard lo < hi else { continue }
                                        let shifted = xRow + (b - P)
                                        for j in lo..<hi { row[j] += w * shifted[j] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The gradients of a loss with respect to the layer's input, kernels and biases.
    public struct Gradients: Equatable, Sendable {
        /// ∂L/∂X, the shape of the input.
        public var input: Tensor3
        /// ∂L/∂W, laid out like `weights`.
        public var weights: [Double]
        /// ∂L/∂b, one per output channel.
        public var bias: [Double]

        public init(input: Tensor3, weights: [Double], bias: [Double]) {
            self.input = input
            self.weights = weights
            self.bias = bias
        }
    }

    /// Backpropagation through the layer, given the input of the forward pass and ∂L/∂(output).
    ///
    /// Each output (o, i, j) was a sum of W·X products plus b[o], so its gradient g flows back
    /// by the chain rule to every term: ∂L/∂W[o][c][a][b] += g·X[…], ∂L/∂X[…] += g·W[o][c][a][b],
    /// ∂L/∂b[o] += g. Summed over all outputs, the first is the correlation of the input with the
    /// output gradient and the second the full correlation of the output gradient with the kernel
    /// rotated by 180° (see `Correlation`).
    public func backward(input x: Tensor3, outputGradient g: Tensor3) -> Gradients {
        var grads = Gradients(input: Tensor3(channels: x.channels, rows: x.rows, columns: x.columns),
                              weights: [Double](repeating: 0, count: weights.count),
                              bias: [Double](repeating: 0, count: outChannels))
        backward(input: x, outputGradient: g, into: &grads)
        return grads
    }

    /// The backward pass written into existing gradient storage, which it overwrites (no allocation).
    public func backward(input x: Tensor3, outputGradient g: Tensor3, into grads: inout Gradients) {
        precondition(x.channels == inChannels && g.channels == outChannels, "Conv2D backward: channel mismatch")
        precondition(grads.input.hasSameShape(as: x) && grads.weights.count == weights.count && grads.bias.count == outChannels,
                     "Conv2D backward: gradient storage has the wrong shape")
        let H = x.rows, W = x.columns, Ho = g.rows, Wo = g.columns
        let KR = kernelRows, KC = kernelColumns, C = inChannels
        x.values.withUnsafeBufferPointer { xv in
            weights.withUnsafeBufferPointer { wv in
                g.values.withUnsafeBufferPointer { gv in
                    grads.input.values.withUnsafeMutableBufferPointer { dx in
                        grads.weights.withUnsafeMutableBufferPointer { dw in
                            grads.bias.withUnsafeMutableBufferPointer { db in
                                for k in 0..<dx.count { dx[k] = 0 }
                                for k in 0..<dw.count { dw[k] = 0 }
                                for o in 0..<outChannels {
                                    var biasSum = 0.0
                                    for oi in 0..<Ho {
                                        let r0 = oi * stride - padding
                                        let (aLo, aHi) = Self.clip(start: r0, size: KR, limit: H)
                                        for oj in 0..<Wo {
                                            let grad = gv[(o * Ho + oi) * Wo + oj]
                                            biasSum += grad
                                            if grad == 0 { continue }   // nothing flows back through this output
                                            let c0 = oj * stride - padding
                                            let (bLo, bHi) = Self.clip(start: c0, size: KC, limit: W)
                                            for c in 0..<C {
                                                let xChannel = c * H * W, wKernel = (o * C + c) * KR * KC
                                                var a = aLo
                                                while a < aHi {
                                                    let xRow = xChannel + (r0 + a) * W + c0, wRow = wKernel + a * KC
                                                    var b = bLo
                                                    while b < bHi {
                                                        dw[wRow + b] += grad * xv[xRow + b]
                                                        dx[xRow + b] += grad * wv[wRow + b]
                                                        b += 1
                                                    }
                                                    a += 1
                                                }
                                            }
                                        }
                                    }
                                    db[o] = biasSum
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
