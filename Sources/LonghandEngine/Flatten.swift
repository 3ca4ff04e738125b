/// Flattening: the pooled maps laid out as one row vector, the fully connected layer's input.
///
/// Because a `Tensor3` is already one contiguous array in [channel][row][column] order, the
/// forward pass only changes the shape, and the backward pass reshapes the gradient back;
/// no number changes on the way.
public struct Flatten: Equatable, Sendable {
    public init() {}

    /// The entries of x as a 1 × n row (channel by channel, each row by row).
    public func forward(_ x: Tensor3) -> Matrix { Matrix(row: x.values) }

    /// The row gradient ∂L/∂(flat) reshaped to the maps it came from.
    public func backward(_ g: Matrix, like x: Tensor3) -> Tensor3 {
        precondition(g.values.count == x.count, "flat gradient has \(g.values.count) entries for \(x.count) cells")
        return Tensor3(channels: x.channels, rows: x.rows, columns: x.columns, values: g.values)
    }
}
