/// Small greyscale images in a grid, each with a caption under it: handwritten digits with their
/// true and predicted labels.
///
/// Each image is a rows × columns grid of intensities from 0 (paper, white) to `maximum` (ink, black),
/// drawn one unit square per pixel in a scaled group; white pixels are left out, so an 8×8 digit
/// costs at most 64 small rectangles. Intensities are quantised to 17 grey levels, so the same numbers always give the same bytes.
public struct DigitGallery: Drawing {
    /// One image and its caption.
    public struct Item: Sendable {
        /// The intensities row by row (rows × columns values).
        public let pixels: [Double]
        /// Up to two short lines under the image ("\n" separates them).
        public let caption: Localized
        /// Index into `SVG.palette` for a frame around the image (e.g. a wrong prediction), or nil.
        public let frame: Int?

        public init(pixels: [Double], caption: Localized, frame: Int? = nil) {
            self.pixels = pixels
            self.caption = caption
            self.frame = frame
        }
    }

    public var items: [Item]
    public var rows: Int
    public var columns: Int
    /// The intensity drawn black.
    public var maximum: Double
    /// Images per row of the gallery.
    public var perRow: Int
    /// The side of one pixel in SVG units.
    public var pixelSize: Double

    /// A gallery of rows × columns images; every item must have rows × columns pixels.
    public init(items: [Item], rows: Int = 8, columns: Int = 8, maximum: Double = 16, perRow: Int = 10, pixelSize: Double = 6) {
        precondition(items.allSatisfy { $0.pixels.count == rows * columns }, "every image needs \(rows * columns) pixels")
        precondition(maximum > 0 && perRow > 0 && pixelSize > 0, "maximum, perRow and pixelSize must be positive")
        self.items = items
        self.rows = rows
        self.columns = columns
        self.maximum = maximum
        self.perRow = perRow
        self.pixelSize = pixelSize
    }

    static let margin = 12.0
    static let gap = 14.0
    static let captionLine = 14.0

    /// The grey of intensity v: 17 levels from white to near-black.
    static func grey(_ v: Double, maximum: Double) -> String {
        let t = max(0, min(1, v.isFinite ? v / maximum : 0))
        let level = Int((t * 16).rounded())
        let c = 255 - level * 15
        let s = String(c, radix: 16)
        let two = s.count == 1 ? "0" + s : s
        return "#" + two + two + two
    }

    public func svg(title: String, description: String, language: Language) -> String {
        let imageW = Double(columns) * pixelSize, imageH = Double(rows) * pixelSize
        let lines = items.map { $0.caption[language].split(separator: "\n", omittingEmptySubsequences: false).count }.max() ?? 0
        let captionW = items.map { $0.caption[language].split(separator: "\n").map { GridDrawing.textWidth(String($0), size: 11) }.max() ?? 0 }.max() ?? 0
        let cellW = max(imageW, captionW + 4)
        let cellH = imageH + 6 + Double(lines) * Self.captionLine
        let across = max(1, min(perRow, items.count))
        let down = max(1, (items.count + across - 1) / across)
        let width = 2 * Self.margin + Double(across) * cellW + Double(across - 1) * Self.gap
        let height = 2 * Self.margin + Double(down) * cellH + Double(down - 1) * Self.gap
        var s = SVG.open(width: width, height: height, title: title, description: description)
        for (k, item) in items.enumerated() {
            let x0 = Self.margin + Double(k % across) * (cellW + Self.gap)
            let y0 = Self.margin + Double(k / across) * (cellH + Self.gap)
            let left = x0 + (cellW - imageW) / 2
            s += "<g shape-rendering=\"crispEdges\">\n"
            s += "<rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(y0))\" width=\"\(SVG.n(imageW))\" height=\"\(SVG.n(imageH))\" fill=\"#ffffff\" stroke=\"#c8c8c8\" stroke-width=\"1\"/>\n"
            // The pixels in a group scaled to one unit per pixel, so every square has whole-number
            // coordinates (short to write, and quick: no decimals to format).
            s += "<g transform=\"translate(\(SVG.n(left)) \(SVG.n(y0))) scale(\(SVG.n(pixelSize)))\">\n"
            for i in 0..<rows {
                for j in 0..<columns {
                    let v = item.pixels[i * columns + j]
                    let color = Self.grey(v, maximum: maximum)
                    if color == "#ffffff" { continue }
                    s += "<rect x=\"\(j)\" y=\"\(i)\" width=\"1\" height=\"1\" fill=\"\(color)\"/>\n"
                }
            }
            s += "</g>\n"
            if let frame = item.frame {
                let c = SVG.palette[((frame % SVG.palette.count) + SVG.palette.count) % SVG.palette.count]
                s += "<rect x=\"\(SVG.n(left - 1.5))\" y=\"\(SVG.n(y0 - 1.5))\" width=\"\(SVG.n(imageW + 3))\" height=\"\(SVG.n(imageH + 3))\" fill=\"none\" stroke=\"\(c)\" stroke-width=\"2\"/>\n"
            }
            s += "</g>\n"
            for (l, line) in item.caption[language].split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                s += SVG.text(String(line), x: x0 + cellW / 2, y: y0 + imageH + 4 + Double(l + 1) * Self.captionLine - 3, size: 11, fill: "#222")
            }
        }
        return s + "</svg>\n"
    }
}
