/// Average pooling: each output cell is the mean of its window of the input map, channel by channel.
///
/// The layer has no parameters. Backward, every cell of a window receives 1/(size²) of that
/// window's output gradient (∂mean/∂x = 1/size² for each of the size² cells); when windows
/// overlap (stride < size) a cell collects a share from every window it belongs to.
public struct AveragePool2D: PoolingLayer, Equatable {
    /// The window's side.
    public let size: Int
    /// How far the window moves; equal to `size` (non-overlapping blocks) by default.
    public let stride: Int

    /// A pooling layer with `size` × `size` windows moved `stride` cells at a time (default: `size`).
    public init(size: Int, stride: Int? = nil) {
        (self.size, self.stride) = Self.checked(size: size, stride: stride)
    }

    /// The mean of each window.
    public func forward(_ x: Tensor3) -> Tensor3 {
        let shape = requiredOutputShape(for: x)
        var out = Tensor3(channels: x.channels, rows: shape.rows, columns: shape.columns)
        let share = 1 / Double(size * size)
        for c in 0..<x.channels {
            for oi in 0..<shape.rows {
                for oj in 0..<shape.columns {
                    var s = 0.0
                    for a in 0..<size { for b in 0..<size { s += x[c, oi * stride + a, oj * stride + b] } }
                    out[c, oi, oj] = s * share
                }
            }
        }
        return out
    }

    /// ∂L/∂(input): each output gradient spread evenly, 1/size² to every cell of its window.
    public func backward(outputGradient g: Tensor3, inputShape x: Tensor3) -> Tensor3 {
        var dx = Tensor3(channels: x.channels, rows: x.rows, columns: x.columns)
        let share = 1 / Double(size * size)
        for c in 0..<g.channels {
            for oi in 0..<g.rows {
                for oj in 0..<g.columns {
                    let part = g[c, oi, oj] * share
                    for a in 0..<size { for b in 0..<size { dx[c, oi * stride + a, oj * stride + b] += part } }
                }
            }
        }
        return dx
    }
}
