/// Matrices drawn as grids of numbered cells, side by side (small multiples), with highlighted
/// rectangles, operator symbols between the grids and a caption under each.
///
/// Used for convolution and pooling: the input with the kernel window outlined over the cells
/// being combined, the pooling windows with each maximum filled in, the gradient grids.
public struct GridDrawing: Drawing {
    /// A rectangle of cells to draw attention to, in the grid's own coordinates
    /// (row 0, column 0 is the top-left cell drawn, padding included).
    public struct Highlight: Sendable {
        public let row: Int
        public let column: Int
        public let rows: Int
        public let columns: Int
        /// Index into `SVG.palette`.
        public let color: Int
        /// Tinted fill (a selected cell) rather than an outline only (a window).
        public let filled: Bool

        public init(row: Int, column: Int, rows: Int = 1, columns: Int = 1, color: Int = 0, filled: Bool = false) {
            self.row = row
            self.column = column
            self.rows = rows
            self.columns = columns
            self.color = color
            self.filled = filled
        }
    }

    /// One matrix.
    public struct Panel: Sendable {
        public let values: [[Double]]
        /// Shown under the grid; "\n" starts a second line.
        public let caption: Localized
        public let highlights: [Highlight]
        /// The outer rings that are zero padding: drawn grey with a dashed border.
        public let padding: Int
        /// Significant digits of the numbers in the cells.
        public let digits: Int
        /// Draw zeros in light grey so the non-zero entries of a sparse gradient stand out.
        public let fadeZeros: Bool
        /// Print row and column indices (counted from 0 at the first cell inside the padding) beside the grid.
        public let indices: Bool

        public init(_ values: [[Double]], caption: Localized, highlights: [Highlight] = [], padding: Int = 0,
                    digits: Int = 3, fadeZeros: Bool = false, indices: Bool = false) {
            self.values = values
            self.caption = caption
            self.highlights = highlights
            self.padding = padding
            self.digits = digits
            self.fadeZeros = fadeZeros
            self.indices = indices
        }
    }

    /// A grid, or an operator between grids (⋆, =, ⊙, →).
    public enum Item: Sendable {
        case grid(Panel)
        case symbol(String)
    }

    /// Rows of items; each row is laid out left to right, rows top to bottom.
    public var rows: [[Item]]
    /// The side of one cell in pixels.
    public var cellSize: Double

    /// One row of items.
    public init(_ items: [Item], cellSize: Double = 34) {
        self.init(rows: [items], cellSize: cellSize)
    }

    /// Several rows of items.
    public init(rows: [[Item]], cellSize: Double = 34) {
        self.rows = rows
        self.cellSize = cellSize
    }

    static let symbolWidth = 34.0
    static let margin = 14.0
    static let gap = 12.0
    static let indexBand = 14.0
    static let captionLine = 16.0

    /// Rough width of a caption line: CJK characters are about twice as wide as Latin ones.
    static func textWidth(_ s: String, size: Double = 12) -> Double {
        s.unicodeScalars.reduce(0.0) { $0 + ($1.value >= 0x2E80 ? size : size * 0.58) }
    }

    func captionLines(_ p: Panel, _ language: Language) -> [String] {
        p.caption[language].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func gridSize(_ p: Panel) -> (w: Double, h: Double) {
        let r = Double(p.values.count), c = Double(p.values.first?.count ?? 0)
        let band = p.indices ? Self.indexBand : 0
        return (c * cellSize + band, r * cellSize + band)
    }

    func itemWidth(_ item: Item, _ language: Language) -> Double {
        switch item {
        case .symbol: return Self.symbolWidth
        case .grid(let p):
            let caption = captionLines(p, language).map { Self.textWidth($0) }.max() ?? 0
            return max(gridSize(p).w, caption + 4)
        }
    }

    func rowHeight(_ items: [Item], _ language: Language) -> (grid: Double, caption: Double) {
        var grid = cellSize, caption = 0.0
        for case .grid(let p) in items {
            grid = max(grid, gridSize(p).h)
            caption = max(caption, Double(captionLines(p, language).count) * Self.captionLine)
        }
        return (grid, caption)
    }

    public func svg(title: String, description: String, language: Language) -> String {
        let widths = rows.map { row in row.map { itemWidth($0, language) }.reduce(0, +) + Double(max(0, row.count - 1)) * Self.gap }
        let width = (widths.max() ?? 0) + 2 * Self.margin
        let heights = rows.map { rowHeight($0, language) }
        let height = heights.reduce(0) { $0 + $1.grid + $1.caption + 10 } + Double(max(0, rows.count - 1)) * 14 + 2 * Self.margin
        var s = SVG.open(width: width, height: height, title: title, description: description)
        var top = Self.margin
        for (r, row) in rows.enumerated() {
            let (gridH, captionH) = heights[r]
            var x = Self.margin + ((widths.max() ?? 0) - widths[r]) / 2
            for item in row {
                let w = itemWidth(item, language)
                switch item {
                case .symbol(let text):
                    s += SVG.text(text, x: x + w / 2, y: top + gridH / 2 + 7, size: 20, fill: "#444")
                case .grid(let p):
                    let size = gridSize(p)
                    let gx = x + (w - size.w) / 2
                    let gy = top + (gridH - size.h) / 2
                    s += grid(p, x: gx, y: gy)
                    for (k, line) in captionLines(p, language).enumerated() {
                        s += SVG.text(line, x: x + w / 2, y: top + gridH + 15 + Double(k) * Self.captionLine, size: 12, fill: "#333")
                    }
                }
                x += w + Self.gap
            }
            top += gridH + captionH + 10 + 14
        }
        return s + "</svg>\n"
    }

    /// One panel with its top-left corner (index band included) at (x, y).
    func grid(_ p: Panel, x: Double, y: Double) -> String {
        let rowsCount = p.values.count, columnsCount = p.values.first?.count ?? 0
        let band = p.indices ? Self.indexBand : 0
        let left = x + band, top = y + band
        let c = cellSize
        var s = "<g>\n"
        func inPadding(_ i: Int, _ j: Int) -> Bool {
            i < p.padding || j < p.padding || i >= rowsCount - p.padding || j >= columnsCount - p.padding
        }
        // Cell backgrounds, then filled highlights, then numbers, then outlines on top.
        for i in 0..<rowsCount {
            for j in 0..<columnsCount {
                let fill = inPadding(i, j) ? "#f1f1f1" : "#ffffff"
                s += "<rect x=\"\(SVG.n(left + Double(j) * c))\" y=\"\(SVG.n(top + Double(i) * c))\" width=\"\(SVG.n(c))\" height=\"\(SVG.n(c))\" fill=\"\(fill)\" stroke=\"#b9b9b9\" stroke-width=\"1\"/>\n"
            }
        }
        for h in p.highlights where h.filled {
            let color = SVG.palette[h.color % SVG.palette.count]
            s += "<rect x=\"\(SVG.n(left + Double(h.column) * c))\" y=\"\(SVG.n(top + Double(h.row) * c))\" width=\"\(SVG.n(Double(h.columns) * c))\" height=\"\(SVG.n(Double(h.rows) * c))\" fill=\"\(color)\" fill-opacity=\"0.22\" stroke=\"\(color)\" stroke-width=\"1.5\"/>\n"
        }
        let fontSize = min(13, c * 0.38)
        for i in 0..<rowsCount {
            for j in 0..<columnsCount {
                let v = p.values[i][j]
                let faded = (p.fadeZeros && v == 0) || inPadding(i, j)
                s += SVG.text(NumberFormat.display(v, significant: p.digits), x: left + (Double(j) + 0.5) * c,
                              y: top + (Double(i) + 0.5) * c + fontSize * 0.36, size: fontSize, fill: faded ? "#a0a0a0" : "#1d1f21")
            }
        }
        if p.padding > 0 {
            let inner = Double(p.padding) * c
            s += "<rect x=\"\(SVG.n(left + inner))\" y=\"\(SVG.n(top + inner))\" width=\"\(SVG.n(Double(columnsCount) * c - 2 * inner))\" height=\"\(SVG.n(Double(rowsCount) * c - 2 * inner))\" fill=\"none\" stroke=\"#666\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"/>\n"
        }
        for h in p.highlights where !h.filled {
            let color = SVG.palette[h.color % SVG.palette.count]
            s += "<rect x=\"\(SVG.n(left + Double(h.column) * c + 1.5))\" y=\"\(SVG.n(top + Double(h.row) * c + 1.5))\" width=\"\(SVG.n(Double(h.columns) * c - 3))\" height=\"\(SVG.n(Double(h.rows) * c - 3))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"3\" rx=\"2\"/>\n"
        }
        if p.indices {
            for j in 0..<columnsCount {
                s += SVG.text(String(j - p.padding), x: left + (Double(j) + 0.5) * c, y: y + 10, size: 9, fill: "#888")
            }
            for i in 0..<rowsCount {
                s += SVG.text(String(i - p.padding), x: x + band / 2, y: top + (Double(i) + 0.5) * c + 3, size: 9, fill: "#888")
            }
        }
        return s + "</g>\n"
    }
}
