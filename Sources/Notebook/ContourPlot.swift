/// Contour lines of a function of two variables (from a grid of its values), with paths drawn on
/// top: gradient descent rolling down a cost surface for several learning rates.
///
/// Contours are traced by marching squares on the grid, linearly interpolated along cell edges.
/// The drawing only traces the numbers it is given; it never evaluates the function itself.
public struct ContourPlot: Drawing {
    /// A polyline of visited points, each drawn as a dot.
    public struct Path: Sendable {
        public let name: Localized
        public let points: [LinePlot.Point]
        /// Index into `SVG.palette`.
        public let color: Int
        public init(_ name: Localized, _ points: [LinePlot.Point], color: Int) {
            self.name = name
            self.points = points
            self.color = color
        }
    }

    /// The function's values: `grid[r][c]` at x = xRange.lower + c·Δx, y = yRange.lower + r·Δy.
    public var grid: [[Double]]
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    /// The values at which contour lines are drawn.
    public var levels: [Double]
    public var paths: [Path]
    public var markers: [LinePlot.Marker]
    public var xLabel: Localized
    public var yLabel: Localized
    /// A line under the plot naming the contour levels, e.g. "contours: C = 0.5, 1, 2, 4".
    public var note: Localized?
    public var width: Double
    public var height: Double

    /// A plot; the grid needs at least 2 × 2 values.
    public init(grid: [[Double]], xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, levels: [Double],
                paths: [Path], markers: [LinePlot.Marker] = [], xLabel: Localized, yLabel: Localized,
                note: Localized? = nil, width: Double = 560, height: Double = 460) {
        precondition(grid.count >= 2 && (grid.first?.count ?? 0) >= 2 && grid.allSatisfy { $0.count == grid[0].count }, "grid must be at least 2×2 and rectangular")
        self.grid = grid
        self.xRange = xRange
        self.yRange = yRange
        self.levels = levels
        self.paths = paths
        self.markers = markers
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.note = note
        self.width = width
        self.height = height
    }

    /// The contour segments of one level, in data coordinates, by marching squares.
    func segments(level: Double) -> [(LinePlot.Point, LinePlot.Point)] {
        let rows = grid.count, cols = grid[0].count
        let dx = (xRange.upperBound - xRange.lowerBound) / Double(cols - 1)
        let dy = (yRange.upperBound - yRange.lowerBound) / Double(rows - 1)
        func point(_ r: Double, _ c: Double) -> LinePlot.Point {
            LinePlot.Point(xRange.lowerBound + c * dx, yRange.lowerBound + r * dy)
        }
        // Where the level crosses the edge between two corners (fraction t from the first).
        func cross(_ a: Double, _ b: Double) -> Double { a == b ? 0.5 : (level - a) / (b - a) }
        var out: [(LinePlot.Point, LinePlot.Point)] = []
        for r in 0..<(rows - 1) {
            for c in 0..<(cols - 1) {
                // Corners counter-clockwise from bottom-left: v0 (r,c), v1 (r,c+1), v2 (r+1,c+1), v3 (r+1,c).
                let v0 = grid[r][c], v1 = grid[r][c + 1], v2 = grid[r + 1][c + 1], v3 = grid[r + 1][c]
                guard [v0, v1, v2, v3].allSatisfy(\.isFinite) else { continue }
                let above = [v0 > level, v1 > level, v2 > level, v3 > level]
                let R = Double(r), C = Double(c)
                // Edge crossing points: bottom (0-1), right (1-2), top (3-2), left (0-3).
                let bottom = point(R, C + cross(v0, v1))
                let right = point(R + cross(v1, v2), C + 1)
                let top = point(R + 1, C + cross(v3, v2))
                let left = point(R + cross(v0, v3), C)
                var crossings: [LinePlot.Point] = []
                if above[0] != above[1] { crossings.append(bottom) }
                if above[1] != above[2] { crossings.append(right) }
                if above[3] != above[2] { crossings.append(top) }
                if above[0] != above[3] { crossings.append(left) }
                if crossings.count == 2 {
                    out.append((crossings[0], crossings[1]))
                } else if crossings.count == 4 {
                    // A saddle: the cell's mean decides which corners are joined.
                    let centreAbove = (v0 + v1 + v2 + v3) / 4 > level
                    if centreAbove == above[0] {
                        out.append((bottom, right)); out.append((top, left))
                    } else {
                        out.append((bottom, left)); out.append((right, top))
                    }
                }
            }
        }
        return out
    }

    /// Where a path first leaves a window: the point on the window's edge, the direction of travel there, and the
    /// index of the first point outside. Nil when every point lies inside.
    public struct Exit: Sendable, Equatable {
        public let point: LinePlot.Point
        public let dx: Double, dy: Double
        public let step: Int
    }

    /// The first exit of `points` from the window (a segment from an inside point to an outside one, cut at the edge).
    public static func firstExit(_ points: [LinePlot.Point], x: ClosedRange<Double>, y: ClosedRange<Double>) -> Exit? {
        func inside(_ p: LinePlot.Point) -> Bool { x.contains(p.x) && y.contains(p.y) }
        guard let first = points.first, inside(first) else { return nil }
        for k in 1..<max(points.count, 1) where !inside(points[k]) {
            let p = points[k - 1], q = points[k]
            let dx = q.x - p.x, dy = q.y - p.y
            // The largest t in [0, 1] with p + t·(q − p) still in the window (q is outside, so t < 1 on some side).
            var t = 1.0
            if dx > 0 { t = min(t, (x.upperBound - p.x) / dx) } else if dx < 0 { t = min(t, (x.lowerBound - p.x) / dx) }
            if dy > 0 { t = min(t, (y.upperBound - p.y) / dy) } else if dy < 0 { t = min(t, (y.lowerBound - p.y) / dy) }
            if !q.x.isFinite || !q.y.isFinite { t = 0 }
            return Exit(point: LinePlot.Point(p.x + t * dx, p.y + t * dy), dx: dx, dy: dy, step: k)
        }
        return nil
    }

    public func svg(title: String, description: String, language: Language) -> String {
        let left = 56.0, right = 16.0, top = 16.0, bottom = note == nil ? 44.0 : 62.0
        let plotW = width - left - right, plotH = height - top - bottom
        func px(_ x: Double) -> Double { left + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * plotW }
        func py(_ y: Double) -> Double { top + plotH - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * plotH }
        let clip = SVG.identifier(for: title) + "-clip"
        var s = SVG.open(width: width, height: height, title: title, description: description)
        s += "<defs><clipPath id=\"\(clip)\"><rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(plotW))\" height=\"\(SVG.n(plotH))\"/></clipPath></defs>\n"
        for t in Ticks.nice(xRange) {
            s += SVG.line(px(t), top, px(t), top + plotH, stroke: "#eeeeee")
            s += SVG.text(NumberFormat.display(t, significant: 4), x: px(t), y: top + plotH + 16, size: 11, fill: "#444")
        }
        for t in Ticks.nice(yRange) {
            s += SVG.line(left, py(t), left + plotW, py(t), stroke: "#eeeeee")
            s += SVG.text(NumberFormat.display(t, significant: 4), x: left - 6, y: py(t) + 4, anchor: "end", size: 11, fill: "#444")
        }
        s += "<g clip-path=\"url(#\(clip))\">\n"
        // Contours, darker for lower levels so the bottom of the bowl stands out.
        for (i, level) in levels.enumerated() {
            var d = ""
            for (a, b) in segments(level: level) {
                d += "M\(SVG.n(px(a.x))) \(SVG.n(py(a.y)))L\(SVG.n(px(b.x))) \(SVG.n(py(b.y)))"
            }
            let shade = 120 + Int(Double(i) / Double(max(1, levels.count - 1)) * 90)
            let grey = String(shade, radix: 16)
            if !d.isEmpty { s += "<path d=\"\(d)\" fill=\"none\" stroke=\"#\(grey)\(grey)\(grey)\" stroke-width=\"1\"/>\n" }
        }
        // Paths, the last listed drawn first: a later (usually faster, wilder) path that retraces an earlier one
        // then lies underneath it, and the earlier one stays visible.
        for path in paths.reversed() {
            let color = SVG.palette[path.color % SVG.palette.count]
            let pts = path.points.filter { $0.x.isFinite && $0.y.isFinite }
            var d = ""
            for (i, p) in pts.enumerated() { d += (i == 0 ? "M" : "L") + "\(SVG.n(px(p.x))) \(SVG.n(py(p.y)))" }
            s += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n"
            for p in pts {
                s += "<circle cx=\"\(SVG.n(px(p.x)))\" cy=\"\(SVG.n(py(p.y)))\" r=\"3.2\" fill=\"\(color)\" stroke=\"#fff\" stroke-width=\"0.8\"/>\n"
            }
        }
        s += "</g>\n"
        s += "<rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(plotW))\" height=\"\(SVG.n(plotH))\" fill=\"none\" stroke=\"#999\"/>\n"
        // A path that leaves the window gets an arrowhead where it crosses the edge, pointing the way it went,
        // so a diverging run is seen to leave rather than silently cut off.
        for path in paths {
            guard let exit = Self.firstExit(path.points, x: xRange, y: yRange) else { continue }
            let color = SVG.palette[path.color % SVG.palette.count]
            let ex = px(exit.point.x), ey = py(exit.point.y)
            // Direction in pixels (y grows downwards on screen).
            let ux = exit.dx / (xRange.upperBound - xRange.lowerBound) * plotW, uy = -exit.dy / (yRange.upperBound - yRange.lowerBound) * plotH
            let length = (ux * ux + uy * uy).squareRoot()
            guard length > 0, length.isFinite else { continue }
            let (cx, cy) = (ux / length, uy / length)
            let tip = (ex + 9 * cx, ey + 9 * cy)
            let back = (ex - 5 * cx, ey - 5 * cy)
            let wing1 = (back.0 - 6 * cy, back.1 + 6 * cx), wing2 = (back.0 + 6 * cy, back.1 - 6 * cx)
            s += "<path d=\"M\(SVG.n(tip.0)) \(SVG.n(tip.1))L\(SVG.n(wing1.0)) \(SVG.n(wing1.1))L\(SVG.n(wing2.0)) \(SVG.n(wing2.1))Z\" fill=\"\(color)\" stroke=\"#fff\" stroke-width=\"0.8\"><title>\(SVG.escape(path.name[language]))</title></path>\n"
        }
        for m in markers {
            let x = px(m.x), y = py(m.y)
            s += "<circle cx=\"\(SVG.n(x))\" cy=\"\(SVG.n(y))\" r=\"5.5\" fill=\"none\" stroke=\"#111\" stroke-width=\"2\"/>\n"
            s += SVG.text(m.label[language], x: x + 8, y: y - 8, anchor: "start", size: 12, fill: "#111")
        }
        s += SVG.text(xLabel[language], x: left + plotW / 2, y: top + plotH + 34, size: 12)
        s += SVG.text(yLabel[language], x: 14, y: top + plotH / 2, size: 12, extra: " transform=\"rotate(-90 14 \(SVG.n(top + plotH / 2)))\"")
        if let note { s += SVG.text(note[language], x: left + plotW / 2, y: height - 8, size: 11, fill: "#555") }
        // Legend in a white box at the top right.
        let named = paths.filter { !$0.name[language].isEmpty }
        if !named.isEmpty {
            let longest = named.map { Double($0.name[language].count) }.max()!
            let boxW = 40 + longest * 6.8, boxH = Double(named.count) * 17 + 8
            let bx = left + plotW - boxW - 8, by = top + 8
            s += "<rect x=\"\(SVG.n(bx))\" y=\"\(SVG.n(by))\" width=\"\(SVG.n(boxW))\" height=\"\(SVG.n(boxH))\" fill=\"#fff\" opacity=\"0.9\" stroke=\"#ccc\"/>\n"
            for (i, path) in named.enumerated() {
                let color = SVG.palette[path.color % SVG.palette.count]
                let ly = by + 17 * Double(i) + 16
                s += SVG.line(bx + 8, ly - 4, bx + 28, ly - 4, stroke: color, width: 2)
                s += SVG.text(path.name[language], x: bx + 34, y: ly, anchor: "start", size: 12)
            }
        }
        return s + "</svg>\n"
    }
}
