import Foundation

/// A two-dimensional plot with axes, ticks, labels and a legend: function curves, loss curves,
/// scatter points and straight lines (decision boundaries).
public struct LinePlot: Drawing {
    /// A point of a series.
    public struct Point: Equatable, Sendable {
        public let x: Double
        public let y: Double
        public init(_ x: Double, _ y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// One curve or set of points.
    public struct Series: Sendable {
        /// How a series is drawn.
        public enum Style: Sendable {
            case line, dashed, points, stepped
        }
        public let name: Localized
        public let points: [Point]
        public let style: Style
        /// Index into `SVG.palette`.
        public let color: Int
        /// Optional label shown beside each point (e.g. the input pattern).
        public let pointLabels: [String]?

        public init(_ name: Localized, _ points: [Point], style: Style = .line, color: Int = 0, pointLabels: [String]? = nil) {
            self.name = name
            self.points = points
            self.style = style
            self.color = color
            self.pointLabels = pointLabels
        }
    }

    /// A highlighted point with a label, e.g. the lesson's z and σ(z).
    public struct Marker: Sendable {
        public let x: Double
        public let y: Double
        public let label: Localized
        public init(x: Double, y: Double, label: Localized) {
            self.x = x
            self.y = y
            self.label = label
        }
    }

    public var xLabel: Localized
    public var yLabel: Localized
    public var series: [Series]
    public var markers: [Marker]
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    /// Draw the y axis on a logarithmic scale (positive values only).
    public var logY: Bool
    public var width: Double
    public var height: Double

    /// A plot; ranges default to the data's extent, rounded out to whole ticks.
    public init(xLabel: Localized, yLabel: Localized, series: [Series], markers: [Marker] = [],
                xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
                logY: Bool = false, width: Double = 560, height: Double = 340) {
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.markers = markers
        self.xRange = xRange
        self.yRange = yRange
        self.logY = logY
        self.width = width
        self.height = height
    }

    /// Samples f at `count` evenly spaced points over `range`.
    public static func sample(_ range: ClosedRange<Double>, count: Int = 161, _ f: (Double) -> Double) -> [Point] {
        (0..<count).map { i in
            let x = range.lowerBound + (range.upperBound - range.lowerBound) * Double(i) / Double(count - 1)
            return Point(x, f(x))
        }
    }

    public func svg(title: String, description: String, language: Language) -> String {
        // The legend sits in its own band above the plot, so it never covers data.
        let named = series.filter { !$0.name[language].isEmpty }
        let legendRows = legendLayout(named, language: language, width: width - 80).rows
        let left = 64.0, right = 16.0, top = 20.0 + 18 * Double(legendRows), bottom = 48.0
        let plotW = width - left - right, plotH = height - top - bottom
        let finite = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite && (!logY || $0.y > 0) }
            + markers.map { Point($0.x, $0.y) }
        let xs = xRange ?? Ticks.niceRange(finite.map(\.x))
        // A log axis spans the data's whole decades, no more.
        let ysRaw = yRange ?? (logY ? Ticks.decades(finite.map { log10(max($0.y, 1e-300)) }) : Ticks.niceRange(finite.map(\.y)))
        let ys = logY && yRange != nil ? (log10(ysRaw.lowerBound)...(log10(ysRaw.upperBound))) : ysRaw
        func px(_ x: Double) -> Double { left + (x - xs.lowerBound) / (xs.upperBound - xs.lowerBound) * plotW }
        func py(_ y: Double) -> Double {
            let v = logY ? log10(max(y, 1e-300)) : y
            return top + plotH - (v - ys.lowerBound) / (ys.upperBound - ys.lowerBound) * plotH
        }
        let clip = SVG.identifier(for: title) + "-clip"
        var s = SVG.open(width: width, height: height, title: title, description: description)
        s += "<defs><clipPath id=\"\(clip)\"><rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(plotW))\" height=\"\(SVG.n(plotH))\"/></clipPath></defs>\n"
        // Grid and ticks.
        // Counts (epochs, steps) get whole-number ticks only.
        let integerX = finite.allSatisfy { $0.x == $0.x.rounded() }
        for t in Ticks.nice(xs) where !integerX || t == t.rounded() {
            let x = px(t)
            s += SVG.line(x, top, x, top + plotH, stroke: "#e3e3e3")
            s += SVG.text(NumberFormat.display(t, significant: 4), x: x, y: top + plotH + 16, size: 11, fill: "#444")
        }
        // On a log axis, label whole decades only (1e-3, 1e-2, …); fall back to nice steps when the
        // range spans less than two decades.
        let yTicks: [Double] = {
            let integerY = !logY && finite.allSatisfy { $0.y == $0.y.rounded() }
            guard logY else { return Ticks.nice(ys).filter { !integerY || $0 == $0.rounded() } }
            let decades = Array(Int(ys.lowerBound.rounded(.up))...Int(max(ys.lowerBound.rounded(.up), ys.upperBound.rounded(.down)))).map(Double.init)
            if decades.count < 2 { return Ticks.nice(ys) }
            let every = max(1, Int((Double(decades.count) / 8).rounded(.up)))
            return decades.enumerated().filter { $0.offset % every == 0 }.map(\.element)
        }()
        for t in yTicks {
            let y = top + plotH - (t - ys.lowerBound) / (ys.upperBound - ys.lowerBound) * plotH
            s += SVG.line(left, y, left + plotW, y, stroke: "#e3e3e3")
            let label = logY && t == t.rounded() ? NumberFormat.power(Int(t)) : logY ? NumberFormat.display(pow(10, t), significant: 3) : NumberFormat.display(t, significant: 4)
            s += SVG.text(label, x: left - 6, y: y + 4, anchor: "end", size: 11, fill: "#444")
        }
        // Axes through zero when zero is in range, else along the edges.
        let axisY = (!logY && ys.contains(0)) ? py(0) : top + plotH
        let axisX = xs.contains(0) ? px(0) : left
        s += SVG.line(left, axisY, left + plotW, axisY, stroke: "#555", width: 1.2)
        s += SVG.line(axisX, top, axisX, top + plotH, stroke: "#555", width: 1.2)
        s += "<rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(plotW))\" height=\"\(SVG.n(plotH))\" fill=\"none\" stroke=\"#bbb\"/>\n"
        s += SVG.text(xLabel[language], x: left + plotW / 2, y: height - 10, size: 12)
        s += SVG.text(yLabel[language], x: 14, y: top + plotH / 2, size: 12,
                      extra: " transform=\"rotate(-90 14 \(SVG.n(top + plotH / 2)))\"")
        // Series.
        s += "<g clip-path=\"url(#\(clip))\">\n"
        for ser in series {
            let color = SVG.palette[ser.color % SVG.palette.count]
            switch ser.style {
            case .points:
                for (i, p) in ser.points.enumerated() where p.x.isFinite && p.y.isFinite {
                    s += "<circle cx=\"\(SVG.n(px(p.x)))\" cy=\"\(SVG.n(py(p.y)))\" r=\"5\" fill=\"\(color)\" stroke=\"#fff\" stroke-width=\"1\"/>\n"
                    if let labels = ser.pointLabels, i < labels.count {
                        s += SVG.text(labels[i], x: px(p.x) + 8, y: py(p.y) - 8, anchor: "start", size: 11, fill: color)
                    }
                }
            case .line, .dashed, .stepped:
                var d = ""
                var penDown = false
                var previous: Point?
                for p in ser.points {
                    guard p.x.isFinite && p.y.isFinite && (!logY || p.y > 0) else { penDown = false; continue }
                    if ser.style == .stepped, penDown, let prev = previous {
                        d += "L\(SVG.n(px(p.x))) \(SVG.n(py(prev.y)))"
                    }
                    d += (penDown ? "L" : "M") + "\(SVG.n(px(p.x))) \(SVG.n(py(p.y)))"
                    penDown = true
                    previous = p
                }
                let dash = ser.style == .dashed ? " stroke-dasharray=\"6 4\"" : ""
                s += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>\n"
            }
        }
        s += "</g>\n"
        for m in markers {
            let x = px(m.x), y = py(m.y)
            s += "<circle cx=\"\(SVG.n(x))\" cy=\"\(SVG.n(y))\" r=\"5\" fill=\"none\" stroke=\"#111\" stroke-width=\"2\"/>\n"
            let anchor = x > left + plotW * 0.6 ? "end" : "start"
            s += SVG.text(m.label[language], x: x + (anchor == "end" ? -9 : 9), y: y + 16, anchor: anchor, size: 12, fill: "#111")
        }
        // Legend, in rows above the plot.
        for (ser, place) in zip(named, legendLayout(named, language: language, width: width - 80).places) {
            let color = SVG.palette[ser.color % SVG.palette.count]
            let lx = left + place.x, ly = 16 + 18 * Double(place.row)
            if ser.style == .points {
                s += "<circle cx=\"\(SVG.n(lx + 10))\" cy=\"\(SVG.n(ly - 4))\" r=\"4\" fill=\"\(color)\"/>\n"
            } else {
                let dash = ser.style == .dashed ? " stroke-dasharray=\"6 4\"" : ""
                s += SVG.line(lx, ly - 4, lx + 20, ly - 4, stroke: color, width: 2, extra: dash)
            }
            s += SVG.text(ser.name[language], x: lx + 26, y: ly, anchor: "start", size: 12)
        }
        return s + "</svg>\n"
    }
}

extension LinePlot {
    /// Where each legend entry goes: entries flow left to right and wrap into rows within `width`.
    func legendLayout(_ named: [Series], language: Language, width: Double) -> (rows: Int, places: [(row: Int, x: Double)]) {
        var places: [(row: Int, x: Double)] = []
        var row = 0, x = 0.0
        for ser in named {
            let w = 26 + GridDrawing.textWidth(ser.name[language], size: 12) + 18
            if x > 0 && x + w > width { row += 1; x = 0 }
            places.append((row, x))
            x += w
        }
        return (named.isEmpty ? 0 : row + 1, places)
    }
}

/// Tick positions at 1, 2 or 5 times a power of ten.
public enum Ticks {
    /// The whole decades around values given as log10: [-3.2, -0.4] → -4...0.
    public static func decades(_ logs: [Double]) -> ClosedRange<Double> {
        guard let lo = logs.min(), let hi = logs.max() else { return 0...1 }
        let low = lo.rounded(.down), high = hi.rounded(.up)
        return low...(high > low ? high : low + 1)
    }

    /// A step close to span/target that is 1, 2 or 5 × 10^k.
    public static func step(for span: Double, target: Int = 6) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(target)
        let power = pow(10, (log10(raw)).rounded(.down))
        let f = raw / power
        let nice: Double = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10
        return nice * power
    }

    /// Tick values inside the range.
    public static func nice(_ range: ClosedRange<Double>) -> [Double] {
        let st = step(for: range.upperBound - range.lowerBound)
        var t = (range.lowerBound / st).rounded(.up) * st
        var out: [Double] = []
        while t <= range.upperBound + st * 1e-9 && out.count < 50 {
            out.append(abs(t) < st * 1e-9 ? 0 : t)
            t += st
        }
        return out
    }

    /// The data's extent rounded out to whole ticks; a flat or empty set gets a unit range.
    public static func niceRange(_ values: [Double]) -> ClosedRange<Double> {
        guard let lo = values.min(), let hi = values.max() else { return 0...1 }
        if hi - lo < 1e-12 { return (lo - 1)...(hi + 1) }
        let st = step(for: hi - lo)
        return ((lo / st).rounded(.down) * st)...((hi / st).rounded(.up) * st)
    }
}
