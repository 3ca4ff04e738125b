/// A grid of coloured cells over [x0, x1] × [y0, y1] with axes: decision boundaries, a hidden
/// unit's response, class regions; several panels side by side as small multiples.
///
/// Values are sampled at cell centres; `values[i][j]` belongs to the cell in row i counted from
/// the bottom (y0) and column j counted from the left (x0). Colours are quantised to a fixed
/// number of levels and equal neighbours in a row are merged, so the SVG stays small and the
/// same numbers always give the same bytes.
public struct Heatmap: Drawing {
    /// How values become colours.
    public enum Coloring: Sendable {
        /// A continuous value: `range.lowerBound` orange, the middle white, `range.upperBound` blue.
        case diverging(ClosedRange<Double>)
        /// A class index 0, 1, 2, … (stored as a Double) drawn in `SVG.palette`'s colours; with
        /// `confidence` (0…1 per cell) paler where the network is unsure.
        case classes(confidence: [[Double]]?)
    }

    /// One square panel of cells.
    public struct Panel: Sendable {
        public let title: Localized
        public let values: [[Double]]
        public let coloring: Coloring
        /// Draw the line between cells on different sides of this value (diverging), or between
        /// different classes (classes; the number is ignored).
        public let boundary: Double?
        public let markers: [Marker]
        public init(title: Localized, values: [[Double]], coloring: Coloring, boundary: Double? = nil, markers: [Marker] = []) {
            precondition(!values.isEmpty && !values[0].isEmpty && values.allSatisfy { $0.count == values[0].count }, "values must be a non-empty rectangle")
            self.title = title
            self.values = values
            self.coloring = coloring
            self.boundary = boundary
            self.markers = markers
        }
    }

    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    public var panels: [Panel]
    public var xLabel: Localized
    public var yLabel: Localized
    /// Panels per row of small multiples.
    public var columns: Int
    /// The side of each panel's plotting square, in pixels.
    public var panelSize: Double
    /// Names of the classes (shown as a legend under the panels) for `.classes` colouring.
    public var classNames: [Localized]
    /// Labels of the two ends of a diverging colour bar (defaults to the numbers).
    public var scaleLabels: (low: Localized, high: Localized)?

    public init(xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, panels: [Panel],
                xLabel: Localized = Localized(same: "x1"), yLabel: Localized = Localized(same: "x2"),
                columns: Int = 3, panelSize: Double = 300, classNames: [Localized] = [],
                scaleLabels: (low: Localized, high: Localized)? = nil) {
        precondition(!panels.isEmpty, "a heatmap needs a panel")
        self.xRange = xRange
        self.yRange = yRange
        self.panels = panels
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.columns = max(1, columns)
        self.panelSize = panelSize
        self.classNames = classNames
        self.scaleLabels = scaleLabels
    }

    /// Samples f at the centres of a resolution × resolution grid: result[i][j] = f(x_j, y_i),
    /// row 0 at the bottom.
    public static func sample(x: ClosedRange<Double>, y: ClosedRange<Double>, resolution: Int,
                              _ f: (Double, Double) -> Double) -> [[Double]] {
        let n = max(1, resolution)
        let points = centres(x: x, y: y, resolution: n)
        return (0..<n).map { i in (0..<n).map { j in f(points[i * n + j].0, points[i * n + j].1) } }
    }

    /// The cell centres of `sample`'s grid, bottom row first, as (x, y) pairs.
    public static func centres(x: ClosedRange<Double>, y: ClosedRange<Double>, resolution: Int) -> [(Double, Double)] {
        let n = max(1, resolution)
        let dx = (x.upperBound - x.lowerBound) / Double(n)
        let dy = (y.upperBound - y.lowerBound) / Double(n)
        var out: [(Double, Double)] = []
        for i in 0..<n {
            let yv: Double = y.lowerBound + dy * (Double(i) + 0.5)
            for j in 0..<n {
                let xv: Double = x.lowerBound + dx * (Double(j) + 0.5)
                out.append((xv, yv))
            }
        }
        return out
    }

    // MARK: Colours

    static let low = (r: 224.0, g: 122.0, b: 40.0)
    static let mid = (r: 247.0, g: 247.0, b: 247.0)
    static let high = (r: 28.0, g: 110.0, b: 186.0)
    static let levels = 24.0

    static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
        func two(_ v: Double) -> String {
            let i = Int(max(0, min(255, v.rounded())))
            let s = String(i, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + two(r) + two(g) + two(b)
    }

    /// Diverging colour for t in [0, 1] (quantised).
    static func diverging(_ t: Double) -> String {
        let q = (max(0, min(1, t.isFinite ? t : 0.5)) * levels).rounded() / levels
        if q < 0.5 {
            let s = q / 0.5
            return hex(low.r + (mid.r - low.r) * s, low.g + (mid.g - low.g) * s, low.b + (mid.b - low.b) * s)
        }
        let s = (q - 0.5) / 0.5
        return hex(mid.r + (high.r - mid.r) * s, mid.g + (high.g - mid.g) * s, mid.b + (high.b - mid.b) * s)
    }

    /// A palette colour mixed with white: strength 1 is a clear tint, 0 nearly white.
    static func classColor(_ index: Int, strength: Double) -> String {
        let c = SVG.palette[((index % SVG.palette.count) + SVG.palette.count) % SVG.palette.count]
        let chars = Array(c.dropFirst())
        func component(_ k: Int) -> Double { Double(Int(String(chars[(2 * k)...(2 * k + 1)]), radix: 16) ?? 0) }
        let q = (max(0, min(1, strength.isFinite ? strength : 1)) * 10).rounded() / 10
        let mix = 0.18 + 0.5 * q
        return hex(255 + (component(0) - 255) * mix, 255 + (component(1) - 255) * mix, 255 + (component(2) - 255) * mix)
    }

    func cellColor(_ panel: Panel, _ i: Int, _ j: Int) -> String {
        let v = panel.values[i][j]
        switch panel.coloring {
        case .diverging(let range):
            let span = range.upperBound - range.lowerBound
            return Heatmap.diverging(span > 0 ? (v - range.lowerBound) / span : 0.5)
        case .classes(let confidence):
            let strength = confidence.map { $0[i][j] } ?? 1
            return Heatmap.classColor(Int(v.rounded()), strength: strength)
        }
    }

    func side(_ panel: Panel, _ i: Int, _ j: Int) -> Int {
        let v = panel.values[i][j]
        switch panel.coloring {
        case .diverging: return v > (panel.boundary ?? 0) ? 1 : 0
        case .classes: return Int(v.rounded())
        }
    }

    // MARK: Drawing

    public func svg(title: String, description: String, language: Language) -> String {
        let left = 46.0, gapX = 34.0, titleH = 22.0, bottomAxis = 40.0, gapY = 14.0
        let cols = min(columns, panels.count)
        let rows = (panels.count + cols - 1) / cols
        let cellW = left + panelSize + gapX
        let cellH = titleH + panelSize + bottomAxis + gapY
        let legendH = hasLegend ? 34.0 : 0
        let width = Double(cols) * cellW
        let height = Double(rows) * cellH + legendH + 6
        var s = SVG.open(width: width, height: height, title: title, description: description)
        for (k, panel) in panels.enumerated() {
            let ox = Double(k % cols) * cellW + left
            let oy = Double(k / cols) * cellH + titleH
            s += drawPanel(panel, ox: ox, oy: oy, language: language, index: k, title: title)
        }
        if hasLegend { s += legend(y: Double(rows) * cellH + 8, width: width, language: language) }
        return s + "</svg>\n"
    }

    var hasLegend: Bool {
        if !classNames.isEmpty { return true }
        return panels.contains { if case .diverging = $0.coloring { return true } else { return false } }
    }

    func drawPanel(_ panel: Panel, ox: Double, oy: Double, language: Language, index: Int, title: String) -> String {
        let size = panelSize
        let n = panel.values.count, m = panel.values[0].count
        let cw = size / Double(m), ch = size / Double(n)
        let frame = PlotFrame(left: ox, top: oy, width: size, height: size,
                              x: PlotFrame.Axis.linear(xRange).thinned(length: size), y: PlotFrame.Axis.linear(yRange).thinned(length: size))
        func px(_ x: Double) -> Double { frame.px(x) }
        func py(_ y: Double) -> Double { frame.py(y) }
        var s = SVG.text(panel.title[language], x: ox + size / 2, y: oy - 7, size: 12, weight: "bold")
        // Cells: runs of equal colour in a row become one rectangle (slightly overlapping to hide seams).
        s += "<g shape-rendering=\"crispEdges\">\n"
        for i in 0..<n {
            let y = oy + size - Double(i + 1) * ch
            var j = 0
            while j < m {
                let color = cellColor(panel, i, j)
                var end = j + 1
                while end < m && cellColor(panel, i, end) == color { end += 1 }
                s += "<rect x=\"\(SVG.n(ox + Double(j) * cw))\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(Double(end - j) * cw + 0.4))\" height=\"\(SVG.n(ch + 0.4))\" fill=\"\(color)\"/>\n"
                j = end
            }
        }
        s += "</g>\n"
        // Boundary: cell edges between neighbours on different sides.
        if panel.boundary != nil || { if case .classes = panel.coloring { return true } else { return false } }() {
            var d = ""
            for i in 0..<n {
                for j in 0..<m {
                    let here = side(panel, i, j)
                    if j + 1 < m && side(panel, i, j + 1) != here {
                        let x = ox + Double(j + 1) * cw
                        d += "M\(SVG.n(x)) \(SVG.n(oy + size - Double(i + 1) * ch))V\(SVG.n(oy + size - Double(i) * ch))"
                    }
                    if i + 1 < n && side(panel, i + 1, j) != here {
                        let y = oy + size - Double(i + 1) * ch
                        d += "M\(SVG.n(ox + Double(j) * cw)) \(SVG.n(y))H\(SVG.n(ox + Double(j + 1) * cw))"
                    }
                }
            }
            if !d.isEmpty { s += "<path d=\"\(d)\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.4\" stroke-linecap=\"square\"/>\n" }
        }
        s += frame.border("#777")
        // Axes through zero when zero is inside, as light lines.
        if xRange.contains(0) && xRange.lowerBound < 0 { s += SVG.line(px(0), oy, px(0), oy + size, stroke: "#555", width: 0.8, extra: " opacity=\"0.6\"") }
        if yRange.contains(0) && yRange.lowerBound < 0 { s += SVG.line(ox, py(0), ox + size, py(0), stroke: "#555", width: 0.8, extra: " opacity=\"0.6\"") }
        let fontSize = size < 200 ? 10.0 : 11.0
        s += frame.tickMarks(fontSize: fontSize)
        s += frame.xLabel(xLabel[language], below: 31, size: fontSize + 1)
        s += frame.yLabel(yLabel[language], x: ox - 34, size: fontSize + 1, language: language)
        // Markers on top.
        for mk in panel.markers {
            let x = px(mk.x), y = py(mk.y)
            if let color = mk.color {
                let fill = SVG.palette[((color % SVG.palette.count) + SVG.palette.count) % SVG.palette.count]
                s += "<circle cx=\"\(SVG.n(x))\" cy=\"\(SVG.n(y))\" r=\"\(size < 200 ? 4 : 5.5)\" fill=\"\(fill)\" stroke=\"#111\" stroke-width=\"1.2\"/>\n"
            } else {
                s += Marker.ring(x, y, radius: 6, width: 2.2)
            }
            let label = mk.label[language]
            if !label.isEmpty {
                let anchor = x > ox + size * 0.62 ? "end" : "start"
                let dx = anchor == "end" ? -8.0 : 8.0
                let dy = y < oy + 16 ? 16.0 : -7.0
                s += "<text x=\"\(SVG.n(x + dx))\" y=\"\(SVG.n(y + dy))\" text-anchor=\"\(anchor)\" font-size=\"\(SVG.n(fontSize + 1))\" fill=\"#111\" stroke=\"#fff\" stroke-width=\"3\" style=\"paint-order: stroke\">\(SVG.subscripted(label))</text>\n"
            }
        }
        return s
    }

    /// An estimate of a label's width at 12 px: CJK characters are about twice as wide as Latin ones.
    static func textWidth(_ s: String) -> Double {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 12.5 : 6.6) }
    }

    func legend(y: Double, width: Double, language: Language) -> String {
        var s = ""
        if !classNames.isEmpty {
            var x = 46.0
            for (k, name) in classNames.enumerated() {
                s += "<rect x=\"\(SVG.n(x))\" y=\"\(SVG.n(y + 4))\" width=\"14\" height=\"14\" fill=\"\(Heatmap.classColor(k, strength: 1))\" stroke=\"#777\"/>\n"
                s += SVG.text(name[language], x: x + 20, y: y + 16, anchor: "start", size: 12)
                x += 26 + Heatmap.textWidth(name[language])
            }
            return s
        }
        guard let range = panels.compactMap({ p -> ClosedRange<Double>? in
            if case .diverging(let r) = p.coloring { return r } else { return nil }
        }).first else { return s }
        let barW = min(240.0, width - 140), x0 = 46.0 + 60
        let steps = 24
        for k in 0..<steps {
            let t = (Double(k) + 0.5) / Double(steps)
            s += "<rect x=\"\(SVG.n(x0 + Double(k) * barW / Double(steps)))\" y=\"\(SVG.n(y + 4))\" width=\"\(SVG.n(barW / Double(steps) + 0.4))\" height=\"12\" fill=\"\(Heatmap.diverging(t))\"/>\n"
        }
        s += "<rect x=\"\(SVG.n(x0))\" y=\"\(SVG.n(y + 4))\" width=\"\(SVG.n(barW))\" height=\"12\" fill=\"none\" stroke=\"#777\"/>\n"
        let lowText = scaleLabels?.low[language] ?? NumberFormat.display(range.lowerBound, significant: 4)
        let highText = scaleLabels?.high[language] ?? NumberFormat.display(range.upperBound, significant: 4)
        s += SVG.text(lowText, x: x0 - 6, y: y + 14, anchor: "end", size: 11, fill: "#444")
        s += SVG.text(highText, x: x0 + barW + 6, y: y + 14, anchor: "start", size: 11, fill: "#444")
        return s
    }
}
