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

    /// Where the window and the legend go: the legend in rows above the window, and above the window
    /// again a band for a y-axis name written across.
    public func layout(language: Language) -> (frame: PlotFrame, legend: PlotFrame.Legend) {
        let entries = series.map { ser in
            PlotFrame.Legend.Entry(ser.name[language], color: ser.color,
                                   key: ser.style == .points ? .dot : .line(dash: ser.style == .dashed ? "6 4" : nil))
        }
        let left = 64.0, right = 16.0, bottom = 48.0
        let legend = PlotFrame.Legend(entries, left: left, width: width - 80)
        let top = 20.0 + legend.height + PlotFrame.labelBand(yLabel[language], language)
        return (PlotFrame(left: left, top: top, width: width - left - right, height: height - top - bottom, x: xAxis(), y: yAxis()), legend)
    }

    public func svg(title: String, description: String, language: Language) -> String {
        let (frame, legend) = layout(language: language)
        let clip = PlotFrame.clipID(title)
        var s = SVG.open(width: width, height: height, title: title, description: description)
        s += frame.clipDefinition(clip)
        s += frame.grid(color: "#e3e3e3")
        // Axes through zero when zero is in range, else along the edges.
        let axisY = (!logY && frame.y.range.contains(0)) ? frame.py(0) : frame.top + frame.height
        let axisX = frame.x.range.contains(0) ? frame.px(0) : frame.left
        s += SVG.line(frame.left, axisY, frame.left + frame.width, axisY, stroke: "#555", width: 1.2)
        s += SVG.line(axisX, frame.top, axisX, frame.top + frame.height, stroke: "#555", width: 1.2)
        s += frame.border("#bbb")
        s += frame.xLabel(xLabel[language], below: 38)
        s += frame.yLabel(yLabel[language], x: 14, language: language)
        s += frame.clipped(clip, series.map { draw($0, in: frame) }.joined())
        for m in markers {
            let x = frame.px(m.x), y = frame.py(m.y)
            s += Marker.ring(x, y)
            let anchor = x > frame.left + frame.width * 0.6 ? "end" : "start"
            s += SVG.text(m.label[language], x: x + (anchor == "end" ? -9 : 9), y: y + 16, anchor: anchor, size: 12, fill: "#111")
        }
        return s + legend.svg() + "</svg>\n"
    }

    /// The points that can be placed, markers included: they decide the default ranges.
    var placeable: [Point] {
        series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite && (!logY || $0.y > 0) }
            + markers.map { Point($0.x, $0.y) }
    }

    /// The x axis: the given range or the data's, rounded out to ticks; counts (epochs, steps)
    /// get whole-number ticks only.
    func xAxis() -> PlotFrame.Axis {
        let points = placeable
        return .linear(xRange ?? Ticks.niceRange(points.map(\.x)), integer: points.allSatisfy { $0.x == $0.x.rounded() })
    }

    /// The y axis: linear like x, or logarithmic over the data's whole decades.
    func yAxis() -> PlotFrame.Axis {
        let points = placeable
        if logY {
            return .logarithmic(yRange.map { log10($0.lowerBound)...log10($0.upperBound) }
                                ?? Ticks.decades(points.map { log10(max($0.y, 1e-300)) }))
        }
        return .linear(yRange ?? Ticks.niceRange(points.map(\.y)), integer: points.allSatisfy { $0.y == $0.y.rounded() })
    }

    /// One series, in the frame's pixels.
    func draw(_ ser: Series, in frame: PlotFrame) -> String {
        let color = SVG.palette[ser.color % SVG.palette.count]
        var s = ""
        switch ser.style {
        case .points:
            for (i, p) in ser.points.enumerated() where p.x.isFinite && p.y.isFinite {
                s += "<circle cx=\"\(SVG.n(frame.px(p.x)))\" cy=\"\(SVG.n(frame.py(p.y)))\" r=\"5\" fill=\"\(color)\" stroke=\"#fff\" stroke-width=\"1\"/>\n"
                if let labels = ser.pointLabels, i < labels.count {
                    s += SVG.text(labels[i], x: frame.px(p.x) + 8, y: frame.py(p.y) - 8, anchor: "start", size: 11, fill: color)
                }
            }
        case .line, .dashed, .stepped:
            var d = ""
            var penDown = false
            var previous: Point?
            for p in ser.points {
                guard frame.plottable(p) else { penDown = false; continue }
                if ser.style == .stepped, penDown, let prev = previous {
                    d += "L\(SVG.n(frame.px(p.x))) \(SVG.n(frame.py(prev.y)))"
                }
                d += (penDown ? "L" : "M") + "\(SVG.n(frame.px(p.x))) \(SVG.n(frame.py(p.y)))"
                penDown = true
                previous = p
            }
            let dash = ser.style == .dashed ? " stroke-dasharray=\"6 4\"" : ""
            s += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>\n"
        }
        return s
    }
}
