/// Max pooling: each output cell is the largest value in its window of the input map, channel by channel.
///
/// The layer has no parameters. Backward, each output's gradient goes only to the cell that held
/// the maximum (∂max/∂x is 1 for the largest x and 0 for the others), which `000` calls "upsample".
/// Ties: the first maximum in reading order (row by row, left to right) wins, so the result is
/// deterministic. When windows overlap (stride < size) a cell that is the maximum of several
/// windows receives the sum of their gradients.
public struct MaxPool2D: PoolingLayer, Equatable {
    /// The window's side.
    public let size: Int
    /// How far the window moves; equal to `size` (non-overlapping blocks) by default.
    public let stride: Int

    /// A pooling layer with `size` × `size` windows moved `stride` cells at a time (default: `size`).
    public init(size: Int, stride: Int? = nil) {
        (self.size, self.stride) = Self.checked(size: size, stride: stride)
    }

    /// The pooled maps and, for each output cell, the position in the input's `values` of its maximum.
    public struct Forward: Equatable, Sendable {
        public var output: Tensor3
        /// `argmax[k]` is the index into the input's `values` of the maximum behind output value k.
        public var argmax: [Int]

        public init(output: Tensor3, argmax: [Int]) {
            self.output = output
            self.argmax = argmax
        }
    }

    /// The maximum of each window, and where it was.
    public func forward(_ x: Tensor3) -> Forward {
        let shape = requiredOutputShape(for: x)
        var result = Forward(output: Tensor3(channels: x.channels, rows: shape.rows, columns: shape.columns),
                             argmax: [Int](repeating: 0, count: x.channels * shape.rows * shape.columns))
        forward(x, into: &result)
        return result
    }

    /// The forward pass written into existing storage of the output's shape (no allocation).
    public func forward(_ x: Tensor3, into result: inout Forward) {
        let H = x.rows, W = x.columns, Ho = result.output.rows, Wo = result.output.columns
        x.values.withUnsafeBufferPointer { xv in
            result.output.values.withUnsafeMutableBufferPointer { ov in
                result.argmax.withUnsafeMutableBufferPointer { av in
                    for c in 0..<x.channels {
                        for oi in 0..<Ho {
                            for oj in 0..<Wo {
                                var best = (c * H + oi * stride) * W + oj * stride
                                var bestValue = xv[best]
                                for a in 0..<size {
                                    let row = (c * H + oi * stride + a) * W + oj * stride
                                    for b in 0..<size where xv[row + b] > bestValue {
                                        // Strictly greater: on a tie the earlier cell keeps the gradient.
                                        best = row + b
                                        bestValue = xv[row + b]
                                    }
                                }
                                let k = (c * Ho + oi) * Wo + oj
                                ov[k] = bestValue
                                av[k] = best
                            }
                        }
                    }
                }
            }
        }
    }

    /// ∂L/∂(input): each output gradient placed at its window's maximum, zeros elsewhere.
    public func backward(outputGradient g: Tensor3, argmax: [Int], inputShape x: Tensor3) -> Tensor3 {
        var dx = Tensor3(channels: x.channels, rows: x.rows, columns: x.columns)
        backward(outputGradient: g, argmax: argmax, into: &dx)
        return dx
    }

    /// The backward pass written into an existing tensor of the input's shape, which it overwrites.
    public func backward(outputGradient g: Tensor3, argmax: [Int], into dx: inout Tensor3) {
        precondition(argmax.count == g.count, "one argmax per output gradient")
        dx.values.withUnsafeMutableBufferPointer { d in
            for k in 0..<d.count { d[k] = 0 }
            for k in 0..<argmax.count { d[argmax[k]] += g.values[k] }
        }
    }
}
