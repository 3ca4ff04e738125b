import Foundation

/// Contour lines of a function of two variables with paths drawn across them: gradient descent
/// for several learning rates, or several optimizers, stepping down the same cost surface.
///
/// The function arrives already sampled at the nodes of a grid (the lesson computes, the drawing
/// only draws): `grid[i][j]` is the value at x_j, y_i with row 0 at the bottom. Each level is traced
/// by marching squares, linear interpolation along the cell edges; a path is a polyline through the
/// iterates with a dot at each of the first `dots` points. Points outside the window are clipped.
public struct ContourPathsPlot: Drawing {
    /// One run's iterates.
    public struct Path: Sendable {
        public let name: Localized
        public let points: [LinePlot.Point]
        /// Index into `SVG.palette`.
        public let color: Int
        public let dashed: Bool
        public init(_ name: Localized, _ points: [LinePlot.Point], color: Int, dashed: Bool = false) {
            self.name = name
            self.points = points
            self.color = color
            self.dashed = dashed
        }
    }

    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    public var grid: [[Double]]
    /// The values at which contour lines are drawn.
    public var levels: [Double]
    public var paths: [Path]
    /// Labelled points drawn on top (the start, the minimum).
    public var markers: [Marker]
    public var xLabel: Localized
    public var yLabel: Localized
    /// A line under the plot naming the contour levels, e.g. "contours: C = 0.5, 1, 2, 4".
    public var note: Localized?
    /// Dots are drawn at the first `dots` iterates of each path (a long tail of dots is clutter).
    public var dots: Int
    public var width: Double
    public var height: Double

    /// A plot; the grid needs at least 2 × 2 values.
    public init(xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, grid: [[Double]], levels: [Double], paths: [Path],
                markers: [Marker] = [], xLabel: Localized, yLabel: Localized, note: Localized? = nil,
                dots: Int = 30, width: Double = 680, height: Double = 440) {
        precondition(grid.count >= 2 && grid[0].count >= 2 && grid.allSatisfy { $0.count == grid[0].count }, "grid must be at least 2×2 and rectangular")
        self.xRange = xRange
        self.yRange = yRange
        self.grid = grid
        self.levels = levels
        self.paths = paths
        self.markers = markers
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.note = note
        self.dots = dots
        self.width = width
        self.height = height
    }

    /// f sampled at the (columns + 1) × (rows + 1) grid nodes spanning the window, bottom row first.
    public static func sample(x: ClosedRange<Double>, y: ClosedRange<Double>, columns: Int, rows: Int,
                              _ f: (Double, Double) -> Double) -> [[Double]] {
        (0...rows).map { i in
            let yv = y.lowerBound + (y.upperBound - y.lowerBound) * Double(i) / Double(rows)
            return (0...columns).map { j in f(x.lowerBound + (x.upperBound - x.lowerBound) * Double(j) / Double(columns), yv) }
        }
    }

    /// The segments of the level set f = level, in data coordinates.
    public func segments(level: Double) -> [(LinePlot.Point, LinePlot.Point)] {
        let columns = Double(grid[0].count - 1), rows = Double(grid.count - 1)
        func point(_ g: (Double, Double)) -> LinePlot.Point {
            LinePlot.Point(xRange.lowerBound + g.0 / columns * (xRange.upperBound - xRange.lowerBound),
                           yRange.lowerBound + g.1 / rows * (yRange.upperBound - yRange.lowerBound))
        }
        return Self.segments(grid, level: level).map { (point($0.0), point($0.1)) }
    }

    /// The segments of the level set f = level, in grid coordinates (column, row), by marching squares.
    static func segments(_ grid: [[Double]], level: Double) -> [((Double, Double), (Double, Double))] {
        var out: [((Double, Double), (Double, Double))] = []
        for i in 0..<(grid.count - 1) {
            for j in 0..<(grid[0].count - 1) {
                // Corners counter-clockwise from bottom-left.
                let c0 = grid[i][j], c1 = grid[i][j + 1], c2 = grid[i + 1][j + 1], c3 = grid[i + 1][j]
                // Most cells lie wholly above or below the level: skip them before building anything.
                guard min(c0, c1, c2, c3) < level, max(c0, c1, c2, c3) >= level else { continue }
                let c = [c0, c1, c2, c3]
                guard c.allSatisfy(\.isFinite) else { continue }
                let p: [(Double, Double)] = [(Double(j), Double(i)), (Double(j + 1), Double(i)), (Double(j + 1), Double(i + 1)), (Double(j), Double(i + 1))]
                // The crossing on each edge k (from corner k to corner k + 1), if the level is crossed there:
                // bottom, right, top, left.
                var crossings: [(Double, Double)] = []
                for k in 0..<4 {
                    let a = c[k], b = c[(k + 1) % 4]
                    if (a < level) != (b < level) {
                        let t = (level - a) / (b - a)
                        let (pa, pb) = (p[k], p[(k + 1) % 4])
                        crossings.append((pa.0 + t * (pb.0 - pa.0), pa.1 + t * (pb.1 - pa.1)))
                    }
                }
                if crossings.count == 2 {
                    out.append((crossings[0], crossings[1]))
                } else if crossings.count == 4 {
                    // A saddle cell: corners 0 and 2 lie on one side, 1 and 3 on the other. The value at
                    // the centre says which pair is joined through the middle; the lines cut off the other two.
                    let centre = c.reduce(0, +) / 4
                    if (centre < level) == (c[0] < level) {
                        out.append((crossings[0], crossings[1]))   // around corner 1
                        out.append((crossings[2], crossings[3]))   // around corner 3
                    } else {
                        out.append((crossings[0], crossings[3]))   // around corner 0
                        out.append((crossings[1], crossings[2]))   // around corner 2
                    }
                }
            }
        }
        return out
    }

    /// A coordinate rounded to a tenth of a pixel, written without Foundation's formatter (level
    /// sets have thousands of points): 12.3, -4, 0.5.
    static func tenth(_ x: Double) -> String {
        guard x.isFinite, abs(x) < 1e9 else { return "0" }
        let t = Int((x * 10).rounded())
        let whole = String(abs(t) / 10), frac = abs(t) % 10
        return (t < 0 ? "-" : "") + whole + (frac == 0 ? "" : "." + String(frac))
    }

    /// Where the window and the legend go: the legend in rows above the window, never over the paths.
    public func layout(language: Language) -> (frame: PlotFrame, legend: PlotFrame.Legend) {
        let left = 64.0, right = 16.0, bottom = note == nil ? 48.0 : 66.0
        let legend = PlotFrame.Legend(paths.map { .init($0.name[language], color: $0.color, key: .line(dash: $0.dashed ? "5 3" : nil)) },
                                      left: left, width: width - 80)
        let top = 20.0 + legend.height + PlotFrame.labelBand(yLabel[language], language)
        return (PlotFrame(left: left, top: top, width: width - left - right, height: height - top - bottom,
                          x: .linear(xRange), y: .linear(yRange)), legend)
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
        let (frame, legend) = layout(language: language)
        let left = frame.left, top = frame.top, plotW = frame.width, plotH = frame.height
        let columns = Double(grid[0].count - 1), rows = Double(grid.count - 1)
        func gx(_ c: Double) -> Double { left + c / columns * plotW }
        func gy(_ r: Double) -> Double { top + plotH - r / rows * plotH }
        let clip = PlotFrame.clipID(title)
        var s = SVG.open(width: width, height: height, title: title, description: description)
        s += frame.clipDefinition(clip)
        s += frame.grid(color: "#eeeeee")
        s += frame.border("#bbb")
        s += frame.xLabel(xLabel[language], below: 38)
        s += frame.yLabel(yLabel[language], x: 14, language: language)
        var inside = ""
        // Level sets, darker for lower levels.
        for (k, level) in levels.enumerated() {
            let shade = 150 + Int(Double(k) / Double(max(1, levels.count - 1)) * 70)
            let hex = String(shade, radix: 16)
            var d = ""
            for (a, b) in Self.segments(grid, level: level) {
                d += "M" + Self.tenth(gx(a.0)) + " " + Self.tenth(gy(a.1)) + "L" + Self.tenth(gx(b.0)) + " " + Self.tenth(gy(b.1))
            }
            if !d.isEmpty { inside += "<path d=\"\(d)\" fill=\"none\" stroke=\"#\(hex)\(hex)\(hex)\" stroke-width=\"1\"/>\n" }
        }
        // Paths; a diverging run's huge iterates lift the pen rather than draw a line to infinity.
        func placeable(_ p: LinePlot.Point) -> Bool { p.x.isFinite && p.y.isFinite && abs(p.x) < 1e9 && abs(p.y) < 1e9 }
        // The last listed path is drawn first: a later (usually faster, wilder) path that retraces an earlier one
        // then lies underneath it, and the earlier one stays visible.
        for path in paths.reversed() {
            let color = SVG.palette[path.color % SVG.palette.count]
            var d = ""
            var penDown = false
            for p in path.points {
                guard placeable(p) else { penDown = false; continue }
                d += (penDown ? "L" : "M") + "\(SVG.n(frame.px(p.x))) \(SVG.n(frame.py(p.y)))"
                penDown = true
            }
            let dash = path.dashed ? " stroke-dasharray=\"5 3\"" : ""
            inside += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.8\"\(dash)/>\n"
            for p in path.points.prefix(dots) where placeable(p) {
                inside += "<circle cx=\"\(SVG.n(frame.px(p.x)))\" cy=\"\(SVG.n(frame.py(p.y)))\" r=\"2.6\" fill=\"\(color)\"/>\n"
            }
        }
        s += frame.clipped(clip, inside)
        // A path that leaves the window gets an arrowhead where it crosses the edge, pointing the way it went,
        // so a diverging run is seen to leave rather than silently cut off.
        for path in paths {
            guard let exit = Self.firstExit(path.points, x: xRange, y: yRange) else { continue }
            let color = SVG.palette[path.color % SVG.palette.count]
            let ex = frame.px(exit.point.x), ey = frame.py(exit.point.y)
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
            let x = frame.px(m.x), y = frame.py(m.y)
            s += Marker.ring(x, y)
            // A white halo keeps the name readable where it crosses a path.
            s += SVG.text(m.label[language], x: x + 8, y: y - 8, anchor: "start", size: 12, fill: "#111",
                          extra: " stroke=\"#fff\" stroke-width=\"3\" style=\"paint-order: stroke\"")
        }
        if let note { s += SVG.text(note[language], x: left + plotW / 2, y: height - 8, size: 11, fill: "#555") }
        return s + legend.svg() + "</svg>\n"
    }
}
