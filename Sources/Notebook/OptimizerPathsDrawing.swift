import Foundation

/// Level sets of a function of two variables with optimizer paths drawn across them: where each method stepped.
///
/// The function arrives already sampled at the nodes of a grid (the lesson computes, the drawing
/// only draws): `grid[i][j]` is the value at x_j, y_i with row 0 at the bottom. Each level is traced
/// by marching squares, linear interpolation along the cell edges; a path is a polyline through the
/// iterates with a dot at each of the first `dots` points. Points outside the window are clipped.
public struct OptimizerPathsDrawing: Drawing {
    /// One optimizer's iterates.
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
    public var levels: [Double]
    public var paths: [Path]
    /// Labelled points drawn on top (the start, the minimum).
    public var markers: [LinePlot.Marker]
    public var xLabel: Localized
    public var yLabel: Localized
    /// Dots are drawn at the first `dots` iterates of each path (a long tail of dots is clutter).
    public var dots: Int
    public var width: Double
    public var height: Double

    public init(xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, grid: [[Double]], levels: [Double], paths: [Path],
                markers: [LinePlot.Marker] = [], xLabel: Localized = Localized(same: "v1"), yLabel: Localized = Localized(same: "v2"),
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
                // The crossing on each edge k (from corner k to corner k + 1), if the level is crossed there.
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
                    // A saddle cell: pair the crossings by the value at the centre.
                    let centre = c.reduce(0, +) / 4
                    if (centre < level) == (c[0] < level) {
                        out.append((crossings[0], crossings[3]))
                        out.append((crossings[1], crossings[2]))
                    } else {
                        out.append((crossings[0], crossings[1]))
                        out.append((crossings[2], crossings[3]))
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

    public func svg(title: String, description: String, language: Language) -> String {
        let left = 64.0, right = 16.0, top = 20.0, bottom = 48.0
        let plotW = width - left - right, plotH = height - top - bottom
        let xs = xRange, ys = yRange
        func px(_ x: Double) -> Double { left + (x - xs.lowerBound) / (xs.upperBound - xs.lowerBound) * plotW }
        func py(_ y: Double) -> Double { top + plotH - (y - ys.lowerBound) / (ys.upperBound - ys.lowerBound) * plotH }
        let columns = Double(grid[0].count - 1), rows = Double(grid.count - 1)
        func gx(_ c: Double) -> Double { left + c / columns * plotW }
        func gy(_ r: Double) -> Double { top + plotH - r / rows * plotH }
        let clip = SVG.identifier(for: title) + "-clip"
        var s = SVG.open(width: width, height: height, title: title, description: description)
        s += "<defs><clipPath id=\"\(clip)\"><rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(plotW))\" height=\"\(SVG.n(plotH))\"/></clipPath></defs>\n"
        for t in Ticks.nice(xs) {
            s += SVG.line(px(t), top, px(t), top + plotH, stroke: "#eeeeee")
            s += SVG.text(NumberFormat.display(t, significant: 4), x: px(t), y: top + plotH + 16, size: 11, fill: "#444")
        }
        for t in Ticks.nice(ys) {
            s += SVG.line(left, py(t), left + plotW, py(t), stroke: "#eeeeee")
            s += SVG.text(NumberFormat.display(t, significant: 4), x: left - 6, y: py(t) + 4, anchor: "end", size: 11, fill: "#444")
        }
        s += "<rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(plotW))\" height=\"\(SVG.n(plotH))\" fill=\"none\" stroke=\"#bbb\"/>\n"
        s += SVG.text(xLabel[language], x: left + plotW / 2, y: height - 10, size: 12)
        s += SVG.text(yLabel[language], x: 14, y: top + plotH / 2, size: 12, extra: " transform=\"rotate(-90 14 \(SVG.n(top + plotH / 2)))\"")
        s += "<g clip-path=\"url(#\(clip))\">\n"
        // Level sets, darker for lower levels.
        for (k, level) in levels.enumerated() {
            let shade = 150 + Int(Double(k) / Double(max(1, levels.count - 1)) * 70)
            let hex = String(shade, radix: 16)
            var d = ""
            for (a, b) in Self.segments(grid, level: level) {
                d += "M" + Self.tenth(gx(a.0)) + " " + Self.tenth(gy(a.1)) + "L" + Self.tenth(gx(b.0)) + " " + Self.tenth(gy(b.1))
            }
            if !d.isEmpty { s += "<path d=\"\(d)\" fill=\"none\" stroke=\"#\(hex)\(hex)\(hex)\" stroke-width=\"1\"/>\n" }
        }
        // Paths.
        for path in paths {
            let color = SVG.palette[path.color % SVG.palette.count]
            var d = ""
            var penDown = false
            for p in path.points {
                guard p.x.isFinite && p.y.isFinite && abs(p.x) < 1e9 && abs(p.y) < 1e9 else { penDown = false; continue }
                d += (penDown ? "L" : "M") + "\(SVG.n(px(p.x))) \(SVG.n(py(p.y)))"
                penDown = true
            }
            let dash = path.dashed ? " stroke-dasharray=\"5 3\"" : ""
            s += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.8\"\(dash)/>\n"
            for p in path.points.prefix(dots) where p.x.isFinite && p.y.isFinite && abs(p.x) < 1e9 && abs(p.y) < 1e9 {
                s += "<circle cx=\"\(SVG.n(px(p.x)))\" cy=\"\(SVG.n(py(p.y)))\" r=\"2.6\" fill=\"\(color)\"/>\n"
            }
        }
        s += "</g>\n"
        for m in markers {
            let x = px(m.x), y = py(m.y)
            s += "<circle cx=\"\(SVG.n(x))\" cy=\"\(SVG.n(y))\" r=\"5\" fill=\"none\" stroke=\"#111\" stroke-width=\"2\"/>\n"
            s += SVG.text(m.label[language], x: x + 8, y: y - 8, anchor: "start", size: 12, fill: "#111")
        }
        guard !paths.isEmpty else { return s + "</svg>\n" }
        // Legend, bottom right inside the frame.
        var ly = top + plotH - 10 - 17 * Double(paths.count - 1)
        let lx = left + plotW - 170
        s += "<rect x=\"\(SVG.n(lx - 8))\" y=\"\(SVG.n(ly - 16))\" width=\"170\" height=\"\(SVG.n(17 * Double(paths.count) + 8))\" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"#ddd\"/>\n"
        for path in paths {
            let color = SVG.palette[path.color % SVG.palette.count]
            let dash = path.dashed ? " stroke-dasharray=\"5 3\"" : ""
            s += SVG.line(lx, ly - 4, lx + 20, ly - 4, stroke: color, width: 2, extra: dash)
            s += SVG.text(path.name[language], x: lx + 26, y: ly, anchor: "start", size: 12)
            ly += 17
        }
        return s + "</svg>\n"
    }
}
