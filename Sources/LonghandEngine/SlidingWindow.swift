/// The geometry of a window sliding over a grid: how many positions fit, H2 = (H1 − F + 2P)/S + 1.
///
/// Convolution and pooling share it. When (H1 − F + 2P) is not a multiple of S the last window
/// would hang over the edge; libraries then silently drop the leftover cells (they round down),
/// Longhand reports that the combination does not fit.
public struct SlidingWindow: Equatable, Sendable {
    /// F: the window's side in cells.
    public let size: Int
    /// S: how many cells the window moves at a time.
    public let stride: Int
    /// P: rings of zero cells added around the grid.
    public let padding: Int

    /// A window of `size` cells moved `stride` cells at a time over a grid padded by `padding`.
    public init(size: Int, stride: Int = 1, padding: Int = 0) {
        precondition(size >= 1 && stride >= 1 && padding >= 0, "size and stride must be at least 1, padding at least 0")
        self.size = size
        self.stride = stride
        self.padding = padding
    }

    /// H1 − F + 2P: how far the window can travel across a grid of `input` cells.
    public func travel(_ input: Int) -> Int { input - size + 2 * padding }

    /// (H1 − F + 2P)/S + 1 as a real number; not a whole number when the window does not fit.
    public func formulaValue(_ input: Int) -> Double { Double(travel(input)) / Double(stride) + 1 }

    /// The number of window positions when they tile the padded grid exactly, else nil
    /// (the window is larger than the padded grid, or the stride leaves cells over).
    public func outputSize(_ input: Int) -> Int? {
        let t = travel(input)
        guard t >= 0, t % stride == 0 else { return nil }
        return t / stride + 1
    }

    /// What libraries use: the formula rounded down (cells left over at the bottom/right are ignored).
    public func flooredOutputSize(_ input: Int) -> Int? {
        let t = travel(input)
        guard t >= 0 else { return nil }
        return t / stride + 1
    }

    /// Cells left over at the end when the window does not fit exactly: (H1 − F + 2P) mod S.
    public func leftover(_ input: Int) -> Int { max(0, travel(input)) % stride }
}
