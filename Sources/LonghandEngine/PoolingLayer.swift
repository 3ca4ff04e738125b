/// What every pooling layer shares: a square window moved by a stride over each channel, no padding.
///
/// Max and average pooling differ only in what they take from a window (its largest cell or its
/// mean); where the windows fall, and whether they tile the input, is this one geometry.
public protocol PoolingLayer: Sendable {
    /// The window's side.
    var size: Int { get }
    /// How far the window moves.
    var stride: Int { get }
}

extension PoolingLayer {
    /// The window geometry (pooling uses no padding).
    public var window: SlidingWindow { SlidingWindow(size: size, stride: stride, padding: 0) }

    /// The output's rows and columns, or nil when the windows do not tile the input exactly.
    public func outputShape(rows: Int, columns: Int) -> (rows: Int, columns: Int)? {
        guard let r = window.outputSize(rows), let c = window.outputSize(columns) else { return nil }
        return (r, c)
    }

    /// The output's shape for `x`; a window that does not tile `x` is a programming error (callers check
    /// `outputShape` first when the sizes come from a reader).
    func requiredOutputShape(for x: Tensor3) -> (rows: Int, columns: Int) {
        guard let shape = outputShape(rows: x.rows, columns: x.columns) else {
            preconditionFailure("a \(size)×\(size) pooling window with stride \(stride) does not fit \(x.rows)×\(x.columns)")
        }
        return shape
    }

    /// Checks a window's side and stride at construction.
    static func checked(size: Int, stride: Int?) -> (size: Int, stride: Int) {
        precondition(size >= 1 && (stride ?? size) >= 1, "pool size and stride must be at least 1")
        return (size, stride ?? size)
    }
}
