/// A labelled point drawn on top of a plot: the lesson's z and σ(z), the start of a path, a training example.
///
/// Every plot takes the same marker: with a `color` it is a filled dot in that palette colour,
/// without one a hollow ring (a point to look at rather than a member of a class).
public struct Marker: Sendable {
    public let x: Double
    public let y: Double
    public let label: Localized
    /// Index into `SVG.palette` for a filled dot; nil draws a hollow ring.
    public let color: Int?

    public init(x: Double, y: Double, label: Localized, color: Int? = nil) {
        self.x = x
        self.y = y
        self.label = label
        self.color = color
    }

    /// The hollow ring at a pixel position.
    static func ring(_ x: Double, _ y: Double, radius: Double = 5, width: Double = 2) -> String {
        "<circle cx=\"\(SVG.n(x))\" cy=\"\(SVG.n(y))\" r=\"\(SVG.n(radius))\" fill=\"none\" stroke=\"#111\" stroke-width=\"\(SVG.n(width))\"/>\n"
    }
}
