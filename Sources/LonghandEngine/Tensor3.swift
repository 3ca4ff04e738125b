/// A stack of two-dimensional feature maps, stored [channel][row][column] in one contiguous array.
///
/// One contiguous buffer (rather than nested arrays) lets the convolution and pooling loops walk
/// memory in order without allocating; element (c, i, j) is `values[(c * rows + i) * columns + j]`.
public struct Tensor3: Equatable, Sendable, CustomStringConvertible {
    public let channels: Int
    public let rows: Int
    public let columns: Int
    /// The entries, channel by channel, each channel row by row.
    public var values: [Double]

    /// A tensor with the given entries; `values.count` must be channels × rows × columns.
    public init(channels: Int, rows: Int, columns: Int, values: [Double]) {
        precondition(channels >= 0 && rows >= 0 && columns >= 0 && values.count == channels * rows * columns,
                     "Tensor3 \(channels)×\(rows)×\(columns) needs \(channels * rows * columns) values, got \(values.count)")
        self.channels = channels
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A tensor filled with one value (zeros by default).
    public init(channels: Int, rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(channels: channels, rows: rows, columns: columns,
                  values: [Double](repeating: value, count: channels * rows * columns))
    }

    /// A tensor from nested maps `[channel][row][column]`; every map must have the same shape.
    public init(_ maps: [[[Double]]]) {
        let rows = maps.first?.count ?? 0
        let columns = maps.first?.first?.count ?? 0
        precondition(maps.allSatisfy { $0.count == rows && $0.allSatisfy { $0.count == columns } }, "ragged maps")
        self.init(channels: maps.count, rows: rows, columns: columns, values: maps.flatMap { $0.flatMap { $0 } })
    }

    /// A one-channel tensor holding one map.
    public init(map: [[Double]]) { self.init([map]) }

    /// The number of entries.
    public var count: Int { values.count }

    /// The position of element (c, i, j) in `values`.
    @inlinable public func index(_ c: Int, _ i: Int, _ j: Int) -> Int { (c * rows + i) * columns + j }

    /// Element (c, i, j).
    @inlinable public subscript(c: Int, i: Int, j: Int) -> Double {
        get { values[(c * rows + i) * columns + j] }
        set { values[(c * rows + i) * columns + j] = newValue }
    }

    /// Channel c as nested rows.
    public func channel(_ c: Int) -> [[Double]] {
        (0..<rows).map { i in Array(values[index(c, i, 0)..<(index(c, i, 0) + columns)]) }
    }

    /// All channels as nested arrays (for printing and JSON).
    public var nested: [[[Double]]] { (0..<channels).map(channel) }

    /// A tensor of the same shape with `transform` applied to every entry.
    public func map(_ transform: (Double) -> Double) -> Tensor3 {
        Tensor3(channels: channels, rows: rows, columns: columns, values: values.map(transform))
    }

    /// Entry-wise product ⊙ with a tensor of the same shape (a gate in backpropagation).
    public func hadamard(_ other: Tensor3) -> Tensor3 {
        precondition(hasSameShape(as: other), "shape mismatch in ⊙")
        return Tensor3(channels: channels, rows: rows, columns: columns, values: zip(values, other.values).map { $0 * $1 })
    }

    /// Whether both tensors have the same channels, rows and columns.
    public func hasSameShape(as other: Tensor3) -> Bool {
        channels == other.channels && rows == other.rows && columns == other.columns
    }

    public var description: String { "Tensor3(\(channels)×\(rows)×\(columns), \(nested))" }
}
